// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic netlink plumbing for the dha tool. See nl.h.
 *
 * libnl builds and parses the messages; sending and receiving are done
 * here on the socket's descriptor so that the kernel's errno and its
 * extended ack survive intact (libnl 3.7 folds some errnos together and
 * has no extended ack support).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/dha.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "nl.h"

static int errno_from_libnl(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_AF_NOSUPPORT:
	case NLE_PROTO_MISMATCH:
		return -EPROTONOSUPPORT;
	default:
		return -EIO;
	}
}

static void copy_printable(char *dst, size_t size, const char *src,
			   size_t len)
{
	size_t i;

	if (size == 0)
		return;
	for (i = 0; i < len && i < size - 1 && src[i] != '\0'; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[i] = '\0';
}

int nl_parse_ack(const struct nlmsghdr *nlh, char *msg, size_t size)
{
	const unsigned char *payload = NLMSG_DATA(nlh);
	size_t payload_len, tlv_offset;
	uint32_t missing_type = 0;
	bool missing = false;
	int error;

	if (size > 0)
		msg[0] = '\0';
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(error))
		return -EBADMSG;
	payload_len = nlh->nlmsg_len - NLMSG_HDRLEN;
	memcpy(&error, payload, sizeof(error));
	/* Errors travel as negative errnos; anything else is garbage. */
	if (error > 0 || error < -4095)
		return -EBADMSG;

	tlv_offset = sizeof(error);
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr err;

		if (payload_len < sizeof(err))
			return -EBADMSG;
		memcpy(&err, payload, sizeof(err));
		tlv_offset = sizeof(err);
		/* Uncapped, the whole request is echoed before the TLVs. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    err.msg.nlmsg_len > NLMSG_HDRLEN)
			tlv_offset = sizeof(error) + NLMSG_ALIGN(err.msg.nlmsg_len);
	}

	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && tlv_offset < payload_len) {
		int remaining = (int)(payload_len - tlv_offset);
		const struct nlattr *attr = (const void *)(payload + tlv_offset);

		for (; nla_ok(attr, remaining);
		     attr = nla_next(attr, &remaining)) {
			switch (nla_type(attr)) {
			case NLMSGERR_ATTR_MSG:
				copy_printable(msg, size, nla_data(attr),
					       (size_t)nla_len(attr));
				break;
			case NLMSGERR_ATTR_MISS_TYPE:
				if (nla_len(attr) == sizeof(uint32_t)) {
					memcpy(&missing_type, nla_data(attr),
					       sizeof(missing_type));
					missing = true;
				}
				break;
			}
		}
	}
	/* A bare "required attribute missing" is still worth naming. */
	if (missing && size > 0 && msg[0] == '\0')
		snprintf(msg, size, "missing attribute (type %u)", missing_type);
	return error;
}

/* NLMSG_OK/NLMSG_NEXT without their signed/unsigned mix. */
static bool msg_ok(const struct nlmsghdr *nlh, size_t remaining)
{
	return remaining >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= remaining;
}

static struct nlmsghdr *msg_next(struct nlmsghdr *nlh, size_t *remaining)
{
	size_t step = NLMSG_ALIGN(nlh->nlmsg_len);

	*remaining = step < *remaining ? *remaining - step : 0;
	return (struct nlmsghdr *)((char *)nlh + step);
}

/* Receives one datagram from the kernel into nl->buf, growing it. */
static int receive(struct dha_nl *nl)
{
	int fd = nl_socket_get_fd(nl->sock);
	struct sockaddr_nl from;
	socklen_t from_len;
	ssize_t len;

	for (;;) {
		len = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if ((size_t)len > nl->buf_size) {
			unsigned char *buf = realloc(nl->buf, (size_t)len);

			if (!buf)
				return -ENOMEM;
			nl->buf = buf;
			nl->buf_size = (size_t)len;
		}
		from_len = sizeof(from);
		len = recvfrom(fd, nl->buf, nl->buf_size, 0,
			       (struct sockaddr *)&from, &from_len);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* Only the kernel (port 0) speaks for the family. */
		if (from_len == sizeof(from) && from.nl_pid == 0)
			return (int)len;
	}
}

int dha_nl_transact(struct dha_nl *nl, struct nl_msg *msg,
		    dha_nl_reply_fn reply, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	uint32_t seq = ++nl->seq;
	size_t remaining;
	ssize_t sent;
	int len, ret;

	nl->extack[0] = '\0';
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	do {
		sent = send(nl_socket_get_fd(nl->sock), nlh, nlh->nlmsg_len, 0);
	} while (sent < 0 && errno == EINTR);
	ret = sent < 0 ? -errno : 0;
	nlmsg_free(msg);
	if (ret)
		return ret;

	for (;;) {
		len = receive(nl);
		if (len < 0)
			return len;
		remaining = (size_t)len;
		for (nlh = (struct nlmsghdr *)nl->buf; msg_ok(nlh, remaining);
		     nlh = msg_next(nlh, &remaining)) {
			/* Notifications (seq 0) and stale answers. */
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE)
				return nl_parse_ack(nlh, nl->extack,
						    sizeof(nl->extack));
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !reply)
				continue;
			ret = reply(nlh, arg);
			if (ret)
				return ret;
		}
	}
}

struct family_reply {
	struct dha_nl *nl;
	bool found;
};

static int parse_family(struct nlmsghdr *nlh, void *arg)
{
	struct family_reply *result = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *tb_group[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct nlattr *group;
	int remaining;

	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0)
		return -EBADMSG;
	if (!tb[CTRL_ATTR_FAMILY_ID] ||
	    nla_len(tb[CTRL_ATTR_FAMILY_ID]) != sizeof(uint16_t))
		return -EBADMSG;
	result->nl->family_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION] &&
	    nla_len(tb[CTRL_ATTR_VERSION]) == sizeof(uint32_t))
		result->nl->family_version = nla_get_u32(tb[CTRL_ATTR_VERSION]);

	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		nla_for_each_nested(group, tb[CTRL_ATTR_MCAST_GROUPS], remaining) {
			if (nla_parse_nested(tb_group, CTRL_ATTR_MCAST_GRP_MAX,
					     group, NULL) < 0)
				return -EBADMSG;
			if (!tb_group[CTRL_ATTR_MCAST_GRP_NAME] ||
			    !tb_group[CTRL_ATTR_MCAST_GRP_ID] ||
			    nla_len(tb_group[CTRL_ATTR_MCAST_GRP_ID]) !=
				    sizeof(uint32_t))
				continue;
			if (nla_strcmp(tb_group[CTRL_ATTR_MCAST_GRP_NAME],
				       DHA_MCGRP_EVENTS) == 0)
				result->nl->events_group =
					nla_get_u32(tb_group[CTRL_ATTR_MCAST_GRP_ID]);
		}
	}
	result->found = true;
	return 0;
}

static int resolve_family(struct dha_nl *nl)
{
	struct family_reply result = { .nl = nl };
	struct nl_msg *msg;
	int ret;

	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, 0,
			 CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, DHA_FAMILY_NAME) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	ret = dha_nl_transact(nl, msg, parse_family, &result);
	if (ret)
		return ret;
	return result.found ? 0 : -EBADMSG;
}

int dha_nl_open(struct dha_nl *nl)
{
	int fd, one = 1, ret;

	memset(nl, 0, sizeof(*nl));
	nl->sock = nl_socket_alloc();
	if (!nl->sock)
		return -ENOMEM;
	ret = nl_connect(nl->sock, NETLINK_GENERIC);
	if (ret < 0) {
		ret = errno_from_libnl(ret);
		goto err_free;
	}
	/*
	 * Kernels without extended acks (before 4.12) refuse these; errors
	 * then come without a message, which is still usable.
	 */
	fd = nl_socket_get_fd(nl->sock);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	ret = resolve_family(nl);
	if (ret)
		goto err_free;
	return 0;

err_free:
	dha_nl_close(nl);
	return ret;
}

void dha_nl_close(struct dha_nl *nl)
{
	if (nl->sock)
		nl_socket_free(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
	nl->buf_size = 0;
}

struct nl_msg *dha_nl_request(struct dha_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family_id, 0,
			 flags, cmd, DHA_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int dha_nl_subscribe_events(struct dha_nl *nl)
{
	int ret;

	if (!nl->events_group)
		return -ENOENT;
	ret = nl_socket_add_membership(nl->sock, (int)nl->events_group);
	return ret < 0 ? errno_from_libnl(ret) : 0;
}

int dha_nl_receive_events(struct dha_nl *nl, dha_nl_reply_fn fn, void *arg)
{
	struct nlmsghdr *nlh;
	size_t remaining;
	int len, ret;

	len = receive(nl);
	if (len < 0)
		return len;
	remaining = (size_t)len;
	for (nlh = (struct nlmsghdr *)nl->buf; msg_ok(nlh, remaining);
	     nlh = msg_next(nlh, &remaining)) {
		if (nlh->nlmsg_type != nl->family_id)
			continue;
		ret = fn(nlh, arg);
		if (ret)
			return ret;
	}
	return 0;
}
