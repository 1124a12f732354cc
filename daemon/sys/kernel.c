// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon's kernel client. See kernel.h.
 *
 * libnl builds messages and parses attributes; the daemon sends and
 * receives on the descriptors itself, because libnl 3.7 reports neither
 * the kernel's exact errno nor its extended ack message.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/dha.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

#include "sys/kernel.h"
#include "sys/log.h"

static int errno_from_libnl(int nlerr)
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
	default:
		return -EIO;
	}
}

/* ---- pure decoders ---- */

static void copy_text(char *dst, size_t size, const char *src, size_t len)
{
	size_t i;

	if (size == 0)
		return;
	for (i = 0; i < len && i + 1 < size && src[i] != '\0'; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[i] = '\0';
}

int kernel_parse_ack(const struct nlmsghdr *nlh, size_t len, char *msg,
		     size_t size)
{
	const unsigned char *payload = (const unsigned char *)nlh + NLMSG_HDRLEN;
	size_t payload_len, tlvs;
	struct nlmsgerr err;
	int error;

	if (size)
		msg[0] = '\0';
	if (len < NLMSG_HDRLEN + sizeof(error) || nlh->nlmsg_len > len ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(error))
		return -EBADMSG;
	payload_len = nlh->nlmsg_len - NLMSG_HDRLEN;
	memcpy(&error, payload, sizeof(error));
	if (error > 0 || error < -4095)
		return -EBADMSG;
	if (nlh->nlmsg_type != NLMSG_ERROR)
		return error;
	if (payload_len < sizeof(err))
		return -EBADMSG;
	memcpy(&err, payload, sizeof(err));
	tlvs = sizeof(err);
	/* Without NETLINK_CAP_ACK the request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    err.msg.nlmsg_len > sizeof(err.msg))
		tlvs = sizeof(error) + NLMSG_ALIGN(err.msg.nlmsg_len);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && tlvs < payload_len) {
		int remaining = (int)(payload_len - tlvs);
		const struct nlattr *attr = (const void *)(payload + tlvs);

		for (; nla_ok(attr, remaining);
		     attr = nla_next(attr, &remaining)) {
			if (nla_type(attr) == NLMSGERR_ATTR_MSG)
				copy_text(msg, size, nla_data(attr),
					  (size_t)nla_len(attr));
		}
	}
	return error;
}

static int get_in6(const struct nlattr *attr, struct in6_addr *out)
{
	if (!attr || nla_len(attr) != sizeof(*out))
		return -EBADMSG;
	memcpy(out, nla_data(attr), sizeof(*out));
	return 0;
}

/* The spec's u32, which attributes of type "uint" may send as 8 bytes. */
static int get_u32(const struct nlattr *attr, uint32_t *out)
{
	if (!attr || nla_len(attr) != sizeof(*out))
		return -EBADMSG;
	*out = nla_get_u32((struct nlattr *)attr);
	return 0;
}

static int parse_prefix_nest(struct nlattr *nest, struct dhad_prefix *out)
{
	struct nlattr *tb[DHA_A_PREFIX_MAX + 1];

	if (nla_parse_nested(tb, DHA_A_PREFIX_MAX, nest, NULL) < 0 ||
	    get_in6(tb[DHA_A_PREFIX_ADDRESS], &out->address) ||
	    !tb[DHA_A_PREFIX_LENGTH] ||
	    nla_len(tb[DHA_A_PREFIX_LENGTH]) != sizeof(uint8_t))
		return -EBADMSG;
	out->length = nla_get_u8(tb[DHA_A_PREFIX_LENGTH]);
	if (out->length < 1 || out->length > 128)
		return -EBADMSG;
	return 0;
}

int kernel_parse_binding(const void *attrs, size_t len, uint32_t *ifindex,
			 struct kernel_binding *binding)
{
	struct nlattr *tb[DHA_A_MAX + 1], *btb[DHA_A_BINDING_MAX + 1];
	struct nlattr *nest;
	int remaining;

	if (len > INT32_MAX)
		return -EBADMSG;
	memset(binding, 0, sizeof(*binding));
	if (nla_parse(tb, DHA_A_MAX, (struct nlattr *)attrs, (int)len, NULL) < 0 ||
	    get_u32(tb[DHA_A_IFINDEX], ifindex) || !tb[DHA_A_BINDING] ||
	    nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
			     NULL) < 0 ||
	    get_in6(btb[DHA_A_BINDING_HOME_ADDRESS], &binding->home_address) ||
	    get_u32(btb[DHA_A_BINDING_KIND], &binding->kind))
		return -EBADMSG;
	if (binding->kind == DHA_BINDING_KIND_HOME) {
		if (get_in6(btb[DHA_A_BINDING_CARE_OF_ADDRESS],
			    &binding->care_of_address))
			return -EBADMSG;
	} else if (binding->kind == DHA_BINDING_KIND_GLOBAL) {
		/* Its endpoint is the primary home agent; kept in the same field. */
		if (get_in6(btb[DHA_A_BINDING_HOME_AGENT],
			    &binding->care_of_address))
			return -EBADMSG;
	} else {
		return -EBADMSG;
	}
	if (btb[DHA_A_BINDING_LIFETIME]) {
		if (get_u32(btb[DHA_A_BINDING_LIFETIME], &binding->lifetime))
			return -EBADMSG;
		binding->has_lifetime = true;
	}
	if (btb[DHA_A_BINDING_DEL_REASON] &&
	    get_u32(btb[DHA_A_BINDING_DEL_REASON], &binding->del_reason))
		return -EBADMSG;
	nla_for_each_nested(nest, tb[DHA_A_BINDING], remaining) {
		if (nla_type(nest) != DHA_A_BINDING_PREFIX)
			continue;
		if (binding->prefix_count == KERNEL_PREFIXES_MAX ||
		    parse_prefix_nest(nest,
				      &binding->prefixes[binding->prefix_count]))
			return -EBADMSG;
		binding->prefix_count++;
	}
	return 0;
}

/* ---- sockets ---- */

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

/*
 * One datagram from the kernel into kernel->buf, grown to fit. flags:
 * MSG_DONTWAIT on the notification socket. Returns its length or a
 * negative errno (-EAGAIN: nothing pending).
 */
static ssize_t receive(struct kernel *kernel, int fd, int flags)
{
	struct sockaddr_nl from;
	socklen_t from_len;
	ssize_t len;

	for (;;) {
		len = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC | flags);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if ((size_t)len > kernel->buf_size) {
			unsigned char *buf = realloc(kernel->buf, (size_t)len);

			if (!buf)
				return -ENOMEM;
			kernel->buf = buf;
			kernel->buf_size = (size_t)len;
		}
		from_len = sizeof(from);
		len = recvfrom(fd, kernel->buf, kernel->buf_size, flags,
			       (struct sockaddr *)&from, &from_len);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* Only the kernel (port 0) speaks for the families. */
		if (from_len == sizeof(from) && from.nl_pid == 0)
			return len;
	}
}

typedef int (*reply_fn)(struct nlmsghdr *nlh, void *arg);

/* Sends msg (freeing it) and reads answers up to the ack or dump end. */
static int transact(struct kernel *kernel, struct nl_msg *msg, reply_fn fn,
		    void *arg)
{
	int fd = nl_socket_get_fd(kernel->sock);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	uint32_t seq = ++kernel->seq;
	size_t remaining;
	ssize_t sent, len;
	int ret;

	kernel->extack[0] = '\0';
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	do {
		sent = send(fd, nlh, nlh->nlmsg_len, 0);
	} while (sent < 0 && errno == EINTR);
	ret = sent < 0 ? -errno : 0;
	nlmsg_free(msg);
	if (ret)
		return ret;
	/* A reply callback's error still reads the rest of a dump. */
	ret = 0;
	for (;;) {
		len = receive(kernel, fd, 0);
		if (len < 0)
			return (int)len;
		remaining = (size_t)len;
		for (nlh = (struct nlmsghdr *)kernel->buf;
		     msg_ok(nlh, remaining); nlh = msg_next(nlh, &remaining)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				int error = kernel_parse_ack(
					nlh, remaining, kernel->extack,
					sizeof(kernel->extack));

				return error ? error : ret;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !fn || ret)
				continue;
			ret = fn(nlh, arg);
		}
	}
}

static struct nl_msg *request(struct kernel *kernel, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ,
				kernel->family_id, 0, flags, cmd,
				DHA_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int parse_family(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *group_tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct kernel *kernel = arg;
	struct nlattr *group;
	int remaining;

	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID] ||
	    nla_len(tb[CTRL_ATTR_FAMILY_ID]) != sizeof(uint16_t))
		return -EBADMSG;
	kernel->family_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	nla_for_each_nested(group, tb[CTRL_ATTR_MCAST_GROUPS], remaining) {
		if (nla_parse_nested(group_tb, CTRL_ATTR_MCAST_GRP_MAX, group,
				     NULL) < 0 ||
		    !group_tb[CTRL_ATTR_MCAST_GRP_NAME] ||
		    get_u32(group_tb[CTRL_ATTR_MCAST_GRP_ID],
			    &kernel->events_group))
			continue;
		if (nla_strcmp(group_tb[CTRL_ATTR_MCAST_GRP_NAME],
			       DHA_MCGRP_EVENTS) == 0)
			return 0;
		kernel->events_group = 0;
	}
	return 0;
}

static int open_socket(struct nl_sock **sock)
{
	int one = 1, fd, ret;

	*sock = nl_socket_alloc();
	if (!*sock)
		return -ENOMEM;
	ret = nl_connect(*sock, NETLINK_GENERIC);
	if (ret < 0) {
		nl_socket_free(*sock);
		*sock = NULL;
		return errno_from_libnl(ret);
	}
	fd = nl_socket_get_fd(*sock);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;
}

int kernel_open(struct kernel *kernel)
{
	struct nl_msg *msg;
	int ret;

	memset(kernel, 0, sizeof(*kernel));
	ret = open_socket(&kernel->sock);
	if (ret)
		return ret;
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL,
				 0, 0, CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, DHA_FAMILY_NAME) < 0) {
		nlmsg_free(msg);
		kernel_close(kernel);
		return -ENOMEM;
	}
	ret = transact(kernel, msg, parse_family, kernel);
	if (!ret && !kernel->family_id)
		ret = -EBADMSG;
	if (ret)
		kernel_close(kernel);
	return ret;
}

void kernel_close(struct kernel *kernel)
{
	if (kernel->sock)
		nl_socket_free(kernel->sock);
	if (kernel->events)
		nl_socket_free(kernel->events);
	free(kernel->buf);
	memset(kernel, 0, sizeof(*kernel));
}

/* ---- the device, through rtnetlink ---- */

static int link_up(struct nl_sock *rt, struct rtnl_link *link)
{
	struct rtnl_link *change;
	int ret;

	if (rtnl_link_get_flags(link) & IFF_UP)
		return 0;
	change = rtnl_link_alloc();
	if (!change)
		return -ENOMEM;
	rtnl_link_set_flags(change, IFF_UP);
	ret = rtnl_link_change(rt, link, change, 0);
	rtnl_link_put(change);
	return ret < 0 ? errno_from_libnl(ret) : 0;
}

static int create_link(struct nl_sock *rt, const char *name)
{
	struct rtnl_link *link = rtnl_link_alloc();
	int ret;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_name(link, name);
	ret = rtnl_link_set_type(link, "dha");
	if (ret >= 0)
		ret = rtnl_link_add(rt, link, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(link);
	return ret < 0 ? errno_from_libnl(ret) : 0;
}

int kernel_ensure_device(struct kernel *kernel, const char *name,
			 uint32_t *ifindex, bool *created)
{
	struct rtnl_link *link = NULL;
	struct nl_sock *rt;
	const char *type;
	int ret;

	kernel->extack[0] = '\0';
	*created = false;
	rt = nl_socket_alloc();
	if (!rt)
		return -ENOMEM;
	ret = nl_connect(rt, NETLINK_ROUTE);
	if (ret < 0) {
		ret = errno_from_libnl(ret);
		goto out;
	}
	ret = rtnl_link_get_kernel(rt, 0, name, &link);
	if (ret == -NLE_OBJ_NOTFOUND || ret == -NLE_NODEV) {
		ret = create_link(rt, name);
		if (ret) {
			snprintf(kernel->extack, sizeof(kernel->extack),
				 "cannot create link %s of type dha", name);
			goto out;
		}
		*created = true;
		ret = rtnl_link_get_kernel(rt, 0, name, &link);
	}
	if (ret < 0) {
		ret = errno_from_libnl(ret);
		goto out;
	}
	type = rtnl_link_get_type(link);
	if (!type || strcmp(type, "dha") != 0) {
		snprintf(kernel->extack, sizeof(kernel->extack),
			 "link %s exists and is not a dha device (type %s)",
			 name, type ? type : "none");
		ret = -EEXIST;
		goto out;
	}
	*ifindex = (uint32_t)rtnl_link_get_ifindex(link);
	ret = link_up(rt, link);
	if (ret)
		snprintf(kernel->extack, sizeof(kernel->extack),
			 "cannot set link %s up", name);
out:
	if (link)
		rtnl_link_put(link);
	nl_socket_free(rt);
	return ret;
}

/* ---- the dha family ---- */

int kernel_set_local(struct kernel *kernel, uint32_t ifindex,
		     const struct in6_addr *local)
{
	struct nl_msg *msg = request(kernel, DHA_CMD_DEV_SET, 0);

	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    nla_put(msg, DHA_A_LOCAL, sizeof(*local), local) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(kernel, msg, NULL, NULL);
}

static int put_binding(struct nl_msg *msg, uint32_t ifindex,
		       const struct kernel_binding *binding, bool full)
{
	struct nlattr *nest, *prefix;
	unsigned int i;

	if (nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0)
		return -ENOMEM;
	nest = nla_nest_start(msg, DHA_A_BINDING);
	if (!nest ||
	    nla_put(msg, DHA_A_BINDING_HOME_ADDRESS,
		    sizeof(binding->home_address), &binding->home_address) < 0 ||
	    nla_put_u32(msg, DHA_A_BINDING_KIND, DHA_BINDING_KIND_HOME) < 0)
		return -ENOMEM;
	if (full) {
		if (nla_put(msg, DHA_A_BINDING_CARE_OF_ADDRESS,
			    sizeof(binding->care_of_address),
			    &binding->care_of_address) < 0)
			return -ENOMEM;
		if (binding->has_lifetime &&
		    nla_put_u32(msg, DHA_A_BINDING_LIFETIME,
				binding->lifetime) < 0)
			return -ENOMEM;
		for (i = 0; i < binding->prefix_count; i++) {
			prefix = nla_nest_start(msg, DHA_A_BINDING_PREFIX);
			if (!prefix ||
			    nla_put(msg, DHA_A_PREFIX_ADDRESS,
				    sizeof(binding->prefixes[i].address),
				    &binding->prefixes[i].address) < 0 ||
			    nla_put_u8(msg, DHA_A_PREFIX_LENGTH,
				       binding->prefixes[i].length) < 0)
				return -ENOMEM;
			nla_nest_end(msg, prefix);
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}

int kernel_binding_set(struct kernel *kernel, uint32_t ifindex,
		       const struct kernel_binding *binding)
{
	struct nl_msg *msg = request(kernel, DHA_CMD_BINDING_NEW,
				     NLM_F_CREATE | NLM_F_REPLACE);

	if (!msg || put_binding(msg, ifindex, binding, true)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(kernel, msg, NULL, NULL);
}

int kernel_binding_del(struct kernel *kernel, uint32_t ifindex,
		       const struct in6_addr *home_address)
{
	struct nl_msg *msg = request(kernel, DHA_CMD_BINDING_DEL, 0);
	struct kernel_binding binding = { .home_address = *home_address };

	if (!msg || put_binding(msg, ifindex, &binding, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return transact(kernel, msg, NULL, NULL);
}

struct dump_state {
	kernel_binding_fn fn;
	void *arg;
};

static int genl_payload(const struct nlmsghdr *nlh, const void **attrs,
			size_t *len)
{
	size_t header = NLMSG_HDRLEN + GENL_HDRLEN;

	if (nlh->nlmsg_len < header)
		return -EBADMSG;
	*attrs = (const char *)nlh + header;
	*len = nlh->nlmsg_len - header;
	return 0;
}

static int dump_one(struct nlmsghdr *nlh, void *arg)
{
	struct dump_state *state = arg;
	struct kernel_binding binding;
	const void *attrs;
	uint32_t ifindex;
	size_t len;

	if (genl_payload(nlh, &attrs, &len) ||
	    kernel_parse_binding(attrs, len, &ifindex, &binding))
		return -EBADMSG;
	return state->fn(&binding, state->arg);
}

int kernel_binding_dump(struct kernel *kernel, uint32_t ifindex,
			kernel_binding_fn fn, void *arg)
{
	struct nl_msg *msg = request(kernel, DHA_CMD_BINDING_GET, NLM_F_DUMP);
	struct dump_state state = { fn, arg };
	struct nlattr *nest;

	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    !(nest = nla_nest_start(msg, DHA_A_BINDING)) ||
	    nla_put_u32(msg, DHA_A_BINDING_KIND, DHA_BINDING_KIND_HOME) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return transact(kernel, msg, dump_one, &state);
}

int kernel_events_open(struct kernel *kernel)
{
	int fd, ret, size = 4 << 20;

	if (!kernel->events_group)
		return -ENOENT;
	ret = open_socket(&kernel->events);
	if (ret)
		return ret;
	ret = nl_socket_add_membership(kernel->events,
				       (int)kernel->events_group);
	if (ret < 0) {
		nl_socket_free(kernel->events);
		kernel->events = NULL;
		return errno_from_libnl(ret);
	}
	fd = nl_socket_get_fd(kernel->events);
	/* Expiry bursts: a large buffer makes a resync by dump rarer. */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return fd;
}

int kernel_events_read(struct kernel *kernel, kernel_event_fn fn, void *arg)
{
	int fd = nl_socket_get_fd(kernel->events);
	struct kernel_binding binding;
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	const void *attrs;
	size_t remaining, attr_len;
	uint32_t ifindex;
	ssize_t len;

	for (;;) {
		len = receive(kernel, fd, MSG_DONTWAIT);
		if (len == -EAGAIN || len == -EWOULDBLOCK)
			return 0;
		if (len < 0)
			return (int)len;
		remaining = (size_t)len;
		for (nlh = (struct nlmsghdr *)kernel->buf;
		     msg_ok(nlh, remaining); nlh = msg_next(nlh, &remaining)) {
			if (nlh->nlmsg_type != kernel->family_id ||
			    genl_payload(nlh, &attrs, &attr_len))
				continue;
			genl = (struct genlmsghdr *)((char *)nlh + NLMSG_HDRLEN);
			if (genl->cmd != DHA_CMD_BINDING_NEW_NTF &&
			    genl->cmd != DHA_CMD_BINDING_DEL_NTF)
				continue;
			if (kernel_parse_binding(attrs, attr_len, &ifindex,
						 &binding)) {
				log_warn("kernel: malformed binding notification");
				continue;
			}
			fn(genl->cmd, ifindex, &binding, arg);
		}
	}
}
