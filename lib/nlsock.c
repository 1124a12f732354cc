// SPDX-License-Identifier: GPL-2.0-only
/*
 * A netlink socket of any protocol. See nlsock.h.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "nlsock.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* ---- the extended ack ---- */

static void copy_printable(char *dst, size_t size, const char *src,
			   size_t len)
{
	size_t i;

	if (size == 0)
		return;
	for (i = 0; i < len && i + 1 < size && src[i] != '\0'; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[i] = '\0';
}

void nlsock_clear_extack(struct nlsock *nl)
{
	nl->extack[0] = '\0';
	nl->has_missing_type = false;
	nl->missing_type = 0;
}

const char *nlsock_extack_sep(const struct nlsock *nl)
{
	return nl->extack[0] ? ": " : "";
}

int nlsock_parse_ack(struct nlsock *nl, const struct nlmsghdr *nlh, size_t len)
{
	const unsigned char *payload = (const unsigned char *)nlh + NLMSG_HDRLEN;
	size_t payload_len, tlvs;
	int error;

	nlsock_clear_extack(nl);
	if (len < NLMSG_HDRLEN + sizeof(error) || nlh->nlmsg_len > len ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(error))
		return -EBADMSG;
	payload_len = nlh->nlmsg_len - NLMSG_HDRLEN;
	memcpy(&error, payload, sizeof(error));
	/* Errors travel as negative errnos; anything else is garbage. */
	if (error > 0 || error < -4095)
		return -EBADMSG;

	tlvs = sizeof(error);
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr err;

		if (payload_len < sizeof(err))
			return -EBADMSG;
		memcpy(&err, payload, sizeof(err));
		tlvs = sizeof(err);
		/* Without NETLINK_CAP_ACK the request is echoed before the TLVs. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    err.msg.nlmsg_len > NLMSG_HDRLEN)
			tlvs = sizeof(error) + NLMSG_ALIGN(err.msg.nlmsg_len);
	}

	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && tlvs < payload_len) {
		int remaining = (int)(payload_len - tlvs);
		const struct nlattr *attr = (const void *)(payload + tlvs);

		for (; nla_ok(attr, remaining);
		     attr = nla_next(attr, &remaining)) {
			switch (nla_type(attr)) {
			case NLMSGERR_ATTR_MSG:
				copy_printable(nl->extack, sizeof(nl->extack),
					       nla_data(attr),
					       (size_t)nla_len(attr));
				break;
			case NLMSGERR_ATTR_MISS_TYPE:
				if (nla_len(attr) == sizeof(uint32_t)) {
					memcpy(&nl->missing_type, nla_data(attr),
					       sizeof(nl->missing_type));
					nl->has_missing_type = true;
				}
				break;
			}
		}
	}
	return error;
}

/* ---- the socket ---- */

int nlsock_open(struct nlsock *nl, int protocol)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	socklen_t local_len = sizeof(local);
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
	if (nl->fd < 0)
		return -errno;
	/*
	 * Best effort: kernels without extended acks (before 4.12) refuse
	 * these, and errors then come without a message.
	 */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (bind(nl->fd, (struct sockaddr *)&local, sizeof(local)) < 0 ||
	    getsockname(nl->fd, (struct sockaddr *)&local, &local_len) < 0) {
		err = -errno;
		nlsock_close(nl);
		return err;
	}
	nl->portid = local.nl_pid;
	return 0;
}

void nlsock_close(struct nlsock *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
	free(nl->buf);
	nl->buf = NULL;
	nl->buf_size = 0;
}

int nlsock_set_rcvbuf(struct nlsock *nl, int bytes, bool force)
{
	if (force && setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes,
				sizeof(bytes)) == 0)
		return 0;
	if (setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)))
		return -errno;
	return 0;
}

int nlsock_join(struct nlsock *nl, uint32_t group)
{
	int id = (int)group;

	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &id,
		       sizeof(id)))
		return -errno;
	return 0;
}

int nlsock_send(struct nlsock *nl, const void *buf, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t sent;

	do {
		sent = sendto(nl->fd, buf, len, 0, (struct sockaddr *)&kernel,
			      sizeof(kernel));
	} while (sent < 0 && errno == EINTR);
	if (sent < 0)
		return -errno;
	return (size_t)sent == len ? 0 : -EIO;
}

/*
 * One datagram from the kernel into nl->buf, grown to fit. Returns its
 * length or a negative errno.
 */
static int receive(struct nlsock *nl, int flags, int timeout_ms)
{
	struct pollfd pfd = { .fd = nl->fd, .events = POLLIN };
	struct sockaddr_nl from;
	socklen_t from_len;
	ssize_t len;
	int ready;

	for (;;) {
		if (timeout_ms >= 0) {
			ready = poll(&pfd, 1, timeout_ms);
			if (ready < 0 && errno == EINTR)
				continue;
			if (ready < 0)
				return -errno;
			if (ready == 0)
				return -ETIMEDOUT;
		}
		len = recv(nl->fd, NULL, 0, MSG_PEEK | MSG_TRUNC | flags);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (len > INT32_MAX)
			return -EMSGSIZE;
		if ((size_t)len > nl->buf_size) {
			unsigned char *buf = realloc(nl->buf, (size_t)len);

			if (!buf)
				return -ENOMEM;
			nl->buf = buf;
			nl->buf_size = (size_t)len;
		}
		from_len = sizeof(from);
		len = recvfrom(nl->fd, nl->buf, nl->buf_size, flags,
			       (struct sockaddr *)&from, &from_len);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* Only the kernel (port 0) speaks for the families. */
		if (from_len == sizeof(from) && from.nl_pid == 0)
			return (int)len;
	}
}

/* NLMSG_OK/NLMSG_NEXT without their signed/unsigned mix. */
static bool msg_ok(const struct nlmsghdr *nlh, size_t remaining)
{
	return remaining >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= remaining;
}

static const struct nlmsghdr *msg_next(const struct nlmsghdr *nlh,
				       size_t *remaining)
{
	size_t step = NLMSG_ALIGN(nlh->nlmsg_len);

	*remaining = step < *remaining ? *remaining - step : 0;
	return (const struct nlmsghdr *)((const char *)nlh + step);
}

bool nlsock_is_ack(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE;
}

int nlsock_wait(struct nlsock *nl, uint32_t seq, nlsock_msg_fn fn, void *arg,
		int timeout_ms, unsigned int *others)
{
	const struct nlmsghdr *nlh;
	size_t remaining;
	int len, ret = 0;

	nlsock_clear_extack(nl);
	for (;;) {
		len = receive(nl, 0, timeout_ms);
		if (len < 0)
			return len;
		remaining = (size_t)len;
		for (nlh = (const struct nlmsghdr *)nl->buf;
		     msg_ok(nlh, remaining); nlh = msg_next(nlh, &remaining)) {
			if (nlsock_is_ack(nlh) && nlh->nlmsg_seq != seq) {
				struct nlsock other = { .fd = -1 };

				if (others && nlsock_parse_ack(&other, nlh,
							       remaining))
					(*others)++;
				continue;
			}
			/* The first error is the answer; its extack is the one kept. */
			if (nlsock_is_ack(nlh))
				return ret ? ret : nlsock_parse_ack(nl, nlh,
								    remaining);
			/* Notifications (seq 0), stale answers, noops. */
			if (nlh->nlmsg_seq != seq ||
			    nlh->nlmsg_type < NLMSG_MIN_TYPE || !fn || ret)
				continue;
			ret = fn(nlh, arg);
		}
	}
}

struct batch_state {
	struct nlsock *nl;
	uint32_t first_seq;
	size_t count;
	bool done;			/* the last one answered */
	bool answered[NLSOCK_BATCH_MAX];
	nlsock_answer_fn fn;
	void *arg;
};

static int batch_answer(const struct nlmsghdr *nlh, void *arg)
{
	struct batch_state *st = arg;
	uint32_t k = nlh->nlmsg_seq - st->first_seq;
	int err;

	if (nlh->nlmsg_type != NLMSG_ERROR || k >= st->count ||
	    st->answered[k])
		return 0;
	err = nlsock_parse_ack(st->nl, nlh, nlh->nlmsg_len);
	st->answered[k] = true;
	st->fn(k, err, err ? st->nl->extack : "", st->arg);
	if (k == st->count - 1)
		st->done = true;
	return 0;
}

int nlsock_send_batch(struct nlsock *nl, const void *buf, size_t len,
		      uint32_t first_seq, size_t count, nlsock_answer_fn fn,
		      void *arg)
{
	struct batch_state st = {
		.nl = nl, .first_seq = first_seq, .count = count,
		.fn = fn, .arg = arg,
	};
	size_t k;
	int ret = 0;

	nlsock_clear_extack(nl);
	if (count > NLSOCK_BATCH_MAX) {
		for (k = 0; k < count; k++)
			fn(k, -EINVAL, "", arg);
		return -EINVAL;
	}
	if (count)
		ret = nlsock_send(nl, buf, len);
	while (!ret && count && !st.done)
		ret = nlsock_read(nl, 0, -1, batch_answer, &st);
	for (k = 0; k < count; k++)
		if (!st.answered[k])
			fn(k, ret, "", arg);
	return ret;
}

int nlsock_request(struct nlsock *nl, struct nlmsghdr *req, nlsock_msg_fn fn,
		   void *arg)
{
	int ret;

	nlsock_clear_extack(nl);
	ret = nlsock_send(nl, req, req->nlmsg_len);
	if (ret)
		return ret;
	return nlsock_wait(nl, req->nlmsg_seq, fn, arg, -1, NULL);
}

int nlsock_request_msg(struct nlsock *nl, struct nl_msg *msg, nlsock_msg_fn fn,
		       void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int ret;

	nlh->nlmsg_seq = ++nl->seq;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlsock_clear_extack(nl);
	ret = nlsock_send(nl, nlh, nlh->nlmsg_len);
	nlmsg_free(msg);
	if (ret)
		return ret;
	return nlsock_wait(nl, nl->seq, fn, arg, -1, NULL);
}

int nlsock_read(struct nlsock *nl, int flags, int timeout_ms, nlsock_msg_fn fn,
		void *arg)
{
	const struct nlmsghdr *nlh;
	size_t remaining;
	int len, ret;

	len = receive(nl, flags, timeout_ms);
	if (len < 0)
		return len;
	remaining = (size_t)len;
	for (nlh = (const struct nlmsghdr *)nl->buf; msg_ok(nlh, remaining);
	     nlh = msg_next(nlh, &remaining)) {
		ret = fn(nlh, arg);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- libnl ---- */

int nlsock_errno_from_libnl(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_EXIST:
		return -EEXIST;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NODEV:
		return -ENODEV;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_AF_NOSUPPORT:
	case NLE_PROTO_MISMATCH:
		return -EPROTONOSUPPORT;
	default:
		return -EIO;
	}
}

int nlsock_libnl_open(int protocol, struct nl_sock **out)
{
	struct nl_sock *sock = nl_socket_alloc();
	int ret;

	*out = NULL;
	if (!sock)
		return -ENOMEM;
	ret = nl_connect(sock, protocol);
	if (ret < 0) {
		nl_socket_free(sock);
		return nlsock_errno_from_libnl(ret);
	}
	*out = sock;
	return 0;
}
