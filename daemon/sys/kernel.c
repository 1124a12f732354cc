// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon's kernel client. See kernel.h.
 *
 * libnl builds messages and parses attributes; lib/ (genl.h, nlsock.h)
 * sends them and reads the answers and the notifications.
 */
#include <errno.h>
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

/* ---- pure decoders ---- */

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

/* The spec's "uint": 4 or 8 octets, as the value needs. */
static int get_uint(const struct nlattr *attr, uint64_t *out)
{
	if (!attr)
		return -EBADMSG;
	if (nla_len(attr) == sizeof(uint32_t))
		*out = nla_get_u32((struct nlattr *)attr);
	else if (nla_len(attr) == sizeof(uint64_t))
		*out = nla_get_u64((struct nlattr *)attr);
	else
		return -EBADMSG;
	return 0;
}

int kernel_parse_load(const void *attrs, size_t len, struct kernel_load *load)
{
	struct nlattr *tb[DHA_A_MAX + 1], *stb[DHA_A_DEV_STATS_MAX + 1];

	if (len > INT32_MAX)
		return -EBADMSG;
	memset(load, 0, sizeof(*load));
	if (nla_parse(tb, DHA_A_MAX, (struct nlattr *)attrs, (int)len, NULL) < 0 ||
	    !tb[DHA_A_STATS] ||
	    nla_parse_nested(stb, DHA_A_DEV_STATS_MAX, tb[DHA_A_STATS],
			     NULL) < 0 ||
	    get_uint(stb[DHA_A_DEV_STATS_TX_RATE_BPS], &load->tx_bps) ||
	    get_uint(stb[DHA_A_DEV_STATS_RX_RATE_BPS], &load->rx_bps) ||
	    get_uint(stb[DHA_A_DEV_STATS_TX_RATE_PPS], &load->tx_pps) ||
	    get_uint(stb[DHA_A_DEV_STATS_RX_RATE_PPS], &load->rx_pps) ||
	    get_u32(stb[DHA_A_DEV_STATS_QUEUE_LEN], &load->queue_len))
		return -EBADMSG;
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
	    get_u32(btb[DHA_A_BINDING_KIND], &binding->kind))
		return -EBADMSG;
	if (binding->kind == DHA_BINDING_KIND_PROXY_LMA ||
	    binding->kind == DHA_BINDING_KIND_PROXY_MAG) {
		if (get_in6(btb[binding->kind == DHA_BINDING_KIND_PROXY_LMA ?
				DHA_A_BINDING_CARE_OF_ADDRESS :
				DHA_A_BINDING_LMA_ADDRESS],
			    &binding->care_of_address))
			return -EBADMSG;
		if (btb[DHA_A_BINDING_LOCAL_ADDRESS]) {
			if (get_in6(btb[DHA_A_BINDING_LOCAL_ADDRESS],
				    &binding->local))
				return -EBADMSG;
			binding->has_local = true;
		}
	} else if (get_in6(btb[DHA_A_BINDING_HOME_ADDRESS],
			   &binding->home_address)) {
		return -EBADMSG;
	} else if (binding->kind == DHA_BINDING_KIND_HOME) {
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
	binding->link_local = btb[DHA_A_BINDING_LINK_LOCAL] != NULL;
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

int kernel_open(struct kernel *kernel)
{
	kernel->events.fd = -1;
	return dha_nl_open(&kernel->nl);
}

void kernel_close(struct kernel *kernel)
{
	dha_nl_close(&kernel->nl);
	nlsock_close(&kernel->events);
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
	return ret < 0 ? nlsock_errno_from_libnl(ret) : 0;
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
	return ret < 0 ? nlsock_errno_from_libnl(ret) : 0;
}

int kernel_ensure_device(struct kernel *kernel, const char *name,
			 uint32_t *ifindex, bool *created)
{
	struct rtnl_link *link = NULL;
	char *extack = kernel->nl.sock.extack;
	struct nl_sock *rt;
	const char *type;
	int ret;

	nlsock_clear_extack(&kernel->nl.sock);
	*created = false;
	ret = nlsock_libnl_open(NETLINK_ROUTE, &rt);
	if (ret)
		return ret;
	ret = rtnl_link_get_kernel(rt, 0, name, &link);
	if (ret == -NLE_OBJ_NOTFOUND || ret == -NLE_NODEV) {
		ret = create_link(rt, name);
		if (ret) {
			snprintf(extack, sizeof(kernel->nl.sock.extack),
				 "cannot create link %s of type dha", name);
			goto out;
		}
		*created = true;
		ret = rtnl_link_get_kernel(rt, 0, name, &link);
	}
	if (ret < 0) {
		ret = nlsock_errno_from_libnl(ret);
		goto out;
	}
	type = rtnl_link_get_type(link);
	if (!type || strcmp(type, "dha") != 0) {
		snprintf(extack, sizeof(kernel->nl.sock.extack),
			 "link %s exists and is not a dha device (type %s)",
			 name, type ? type : "none");
		ret = -EEXIST;
		goto out;
	}
	*ifindex = (uint32_t)rtnl_link_get_ifindex(link);
	ret = link_up(rt, link);
	if (ret)
		snprintf(extack, sizeof(kernel->nl.sock.extack),
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
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_DEV_SET, 0);

	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    nla_put(msg, DHA_A_LOCAL, sizeof(*local), local) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
}

int kernel_peer_change(struct kernel *kernel, uint32_t ifindex, bool add,
		       const struct in6_addr *peer)
{
	struct nl_msg *msg;
	struct nlattr *nest;

	msg = dha_nl_request(&kernel->nl, add ? DHA_CMD_PEER_NEW :
				DHA_CMD_PEER_DEL,
			     add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0)
		goto nomem;
	nest = nla_nest_start(msg, DHA_A_PEER);
	if (!nest || nla_put(msg, DHA_A_PEER_ADDRESS, sizeof(*peer), peer) < 0)
		goto nomem;
	nla_nest_end(msg, nest);
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}

int kernel_set_home(struct kernel *kernel, uint32_t ifindex,
		    uint32_t home_link, const struct dhad_prefix *prefixes,
		    unsigned int count)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_DEV_SET, 0);
	unsigned int i;

	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    nla_put_u32(msg, DHA_A_HOME_LINK, home_link) < 0)
		goto nomem;
	for (i = 0; home_link && i < count; i++)
		if (dha_nl_put_prefix(msg, DHA_A_HOME_PREFIX,
				      &prefixes[i].address,
				      prefixes[i].length))
			goto nomem;
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}

static int put_binding(struct nl_msg *msg, uint32_t ifindex,
		       const struct kernel_binding *binding, bool full)
{
	struct nlattr *nest;
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
		for (i = 0; i < binding->prefix_count; i++)
			if (dha_nl_put_prefix(msg, DHA_A_BINDING_PREFIX,
					      &binding->prefixes[i].address,
					      binding->prefixes[i].length))
				return -ENOMEM;
		if ((binding->link_local &&
		     nla_put_flag(msg, DHA_A_BINDING_LINK_LOCAL) < 0) ||
		    (binding->advertise &&
		     nla_put_flag(msg, DHA_A_BINDING_ADVERTISE) < 0))
			return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int kernel_binding_set(struct kernel *kernel, uint32_t ifindex,
		       const struct kernel_binding *binding)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_BINDING_NEW,
				     NLM_F_CREATE | NLM_F_REPLACE);

	if (!msg || put_binding(msg, ifindex, binding, true)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
}

int kernel_binding_del(struct kernel *kernel, uint32_t ifindex,
		       const struct in6_addr *home_address)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_BINDING_DEL, 0);
	struct kernel_binding binding = { .home_address = *home_address };

	if (!msg || put_binding(msg, ifindex, &binding, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
}

static bool proxy_kind(uint32_t kind)
{
	return kind == DHA_BINDING_KIND_PROXY_LMA ||
	       kind == DHA_BINDING_KIND_PROXY_MAG;
}

/* A proxy binding request: its key, and with full what it points at. */
static int put_proxy(struct nl_msg *msg, uint32_t ifindex,
		     const struct kernel_binding *binding, bool full)
{
	struct nlattr *nest;

	if (nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0)
		return -ENOMEM;
	nest = nla_nest_start(msg, DHA_A_BINDING);
	if (!nest ||
	    nla_put_u32(msg, DHA_A_BINDING_KIND, binding->kind) < 0 ||
	    dha_nl_put_prefix(msg, DHA_A_BINDING_PREFIX,
			      &binding->prefixes[0].address,
			      binding->prefixes[0].length))
		return -ENOMEM;
	if (full &&
	    (nla_put(msg, binding->kind == DHA_BINDING_KIND_PROXY_LMA ?
			  DHA_A_BINDING_CARE_OF_ADDRESS :
			  DHA_A_BINDING_LMA_ADDRESS,
		     sizeof(binding->care_of_address),
		     &binding->care_of_address) < 0 ||
	     (binding->has_local &&
	      nla_put(msg, DHA_A_BINDING_LOCAL_ADDRESS, sizeof(binding->local),
		      &binding->local) < 0) ||
	     (binding->has_lifetime &&
	      nla_put_u32(msg, DHA_A_BINDING_LIFETIME, binding->lifetime) < 0)))
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}

int kernel_proxy_set(struct kernel *kernel, uint32_t ifindex,
		     const struct kernel_binding *binding)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_BINDING_NEW,
				     NLM_F_CREATE | NLM_F_REPLACE);

	if (!proxy_kind(binding->kind) || binding->prefix_count != 1) {
		nlmsg_free(msg);
		return -EINVAL;
	}
	if (!msg || put_proxy(msg, ifindex, binding, true)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
}

int kernel_proxy_del(struct kernel *kernel, uint32_t ifindex, uint32_t kind,
		     const struct dhad_prefix *prefix)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_BINDING_DEL, 0);
	struct kernel_binding binding = { .kind = kind, .prefix_count = 1 };

	binding.prefixes[0] = *prefix;
	if (!proxy_kind(kind)) {
		nlmsg_free(msg);
		return -EINVAL;
	}
	if (!msg || put_proxy(msg, ifindex, &binding, false)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(&kernel->nl, msg, NULL, NULL);
}

/* A binding with every prefix is under 512 octets as a request. */
#define BATCH_REQUEST_MAX 512

/* Puts a request per binding into buf, numbered from first_seq; their length. */
static ssize_t batch_build(struct kernel *kernel, uint32_t ifindex, bool del,
			   const struct kernel_binding *bindings, size_t count,
			   uint32_t first_seq, unsigned char *buf, size_t size)
{
	struct nlmsghdr *nlh;
	struct nl_msg *msg;
	size_t len = 0, k;

	for (k = 0; k < count; k++) {
		msg = dha_nl_request(&kernel->nl, del ? DHA_CMD_BINDING_DEL :
						       DHA_CMD_BINDING_NEW,
				     del ? 0 : NLM_F_CREATE | NLM_F_REPLACE);
		if (!msg || put_binding(msg, ifindex, &bindings[k], !del)) {
			nlmsg_free(msg);
			return -ENOMEM;
		}
		nlh = nlmsg_hdr(msg);
		nlh->nlmsg_seq = first_seq + (uint32_t)k;
		nlh->nlmsg_flags |= NLM_F_REQUEST;
		if (k == count - 1)
			nlh->nlmsg_flags |= NLM_F_ACK;
		if (len + NLMSG_ALIGN(nlh->nlmsg_len) > size) {
			nlmsg_free(msg);
			return -EMSGSIZE;
		}
		memcpy(buf + len, nlh, nlh->nlmsg_len);
		len += NLMSG_ALIGN(nlh->nlmsg_len);
		nlmsg_free(msg);
	}
	return (ssize_t)len;
}

struct batch_answers {
	size_t base;			/* index of the datagram's first */
	kernel_answer_fn fn;
	void *arg;
};

static void batch_answer(size_t index, int error, const char *extack,
			 void *arg)
{
	struct batch_answers *a = arg;

	a->fn(a->base + index, error, extack, a->arg);
}

int kernel_binding_batch(struct kernel *kernel, uint32_t ifindex, bool del,
			 const struct kernel_binding *bindings, size_t n,
			 kernel_answer_fn fn, void *arg)
{
	size_t size = NLSOCK_BATCH_MAX * BATCH_REQUEST_MAX, count, k;
	struct nlsock *sock = &kernel->nl.sock;
	struct batch_answers a = { .fn = fn, .arg = arg };
	unsigned char *buf = malloc(size);
	ssize_t len;
	int ret = buf ? 0 : -ENOMEM;

	while (!ret && a.base < n) {
		count = n - a.base < NLSOCK_BATCH_MAX ? n - a.base :
							NLSOCK_BATCH_MAX;
		len = batch_build(kernel, ifindex, del, &bindings[a.base],
				  count, sock->seq + 1, buf, size);
		if (len < 0) {
			ret = (int)len;
			break;
		}
		ret = nlsock_send_batch(sock, buf, (size_t)len, sock->seq + 1,
					count, batch_answer, &a);
		sock->seq += (uint32_t)count;
		a.base += count;
	}
	free(buf);
	for (k = a.base; k < n; k++)
		fn(k, ret, "", arg);
	return ret;
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

static int dump_one(const struct nlmsghdr *nlh, void *arg)
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

static int dump_kind(struct kernel *kernel, uint32_t ifindex, uint32_t kind,
		     kernel_binding_fn fn, void *arg)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_BINDING_GET, NLM_F_DUMP);
	struct dump_state state = { fn, arg };
	struct nlattr *nest;

	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0 ||
	    !(nest = nla_nest_start(msg, DHA_A_BINDING)) ||
	    nla_put_u32(msg, DHA_A_BINDING_KIND, kind) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return dha_nl_transact(&kernel->nl, msg, dump_one, &state);
}

int kernel_binding_dump(struct kernel *kernel, uint32_t ifindex,
			kernel_binding_fn fn, void *arg)
{
	return dump_kind(kernel, ifindex, DHA_BINDING_KIND_HOME, fn, arg);
}

int kernel_proxy_dump(struct kernel *kernel, uint32_t ifindex, uint32_t kind,
		      kernel_binding_fn fn, void *arg)
{
	if (!proxy_kind(kind))
		return -EINVAL;
	return dump_kind(kernel, ifindex, kind, fn, arg);
}

static int load_one(const struct nlmsghdr *nlh, void *arg)
{
	const void *attrs;
	size_t len;

	if (genl_payload(nlh, &attrs, &len))
		return -EBADMSG;
	return kernel_parse_load(attrs, len, arg);
}

int kernel_device_load(struct kernel *kernel, uint32_t ifindex,
		       struct kernel_load *load)
{
	struct nl_msg *msg = dha_nl_request(&kernel->nl, DHA_CMD_DEV_GET, 0);

	if (!msg || nla_put_u32(msg, DHA_A_IFINDEX, ifindex) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return dha_nl_transact(&kernel->nl, msg, load_one, load);
}

int kernel_events_open(struct kernel *kernel)
{
	int ret;

	if (!kernel->nl.events_group)
		return -ENOENT;
	ret = nlsock_open(&kernel->events, NETLINK_GENERIC);
	if (ret)
		return ret;
	ret = dha_nl_subscribe_events(&kernel->nl, &kernel->events);
	if (ret) {
		nlsock_close(&kernel->events);
		return ret;
	}
	/*
	 * Expiry bursts and a takeover's commits (a notification each): a
	 * large buffer makes a resync by dump rarer. Past net.core.rmem_max
	 * where the daemon may (CAP_NET_ADMIN), as far as it may otherwise.
	 */
	nlsock_set_rcvbuf(&kernel->events, 4 << 20, true);
	return kernel->events.fd;
}

struct event_state {
	kernel_event_fn fn;
	void *arg;
};

static int event_one(const struct nlmsghdr *nlh, void *arg)
{
	const struct event_state *state = arg;
	const struct genlmsghdr *genl;
	struct kernel_binding binding;
	const void *attrs;
	size_t attr_len;
	uint32_t ifindex;

	if (genl_payload(nlh, &attrs, &attr_len))
		return 0;
	genl = (const struct genlmsghdr *)((const char *)nlh + NLMSG_HDRLEN);
	if (genl->cmd != DHA_CMD_BINDING_NEW_NTF &&
	    genl->cmd != DHA_CMD_BINDING_DEL_NTF)
		return 0;
	if (kernel_parse_binding(attrs, attr_len, &ifindex, &binding)) {
		log_warn("kernel: malformed binding notification");
		return 0;
	}
	state->fn(genl->cmd, ifindex, &binding, state->arg);
	return 0;
}

int kernel_events_read(struct kernel *kernel, kernel_event_fn fn, void *arg)
{
	struct event_state state = { fn, arg };
	int ret;

	for (;;) {
		ret = dha_nl_receive_events(&kernel->nl, &kernel->events,
					    MSG_DONTWAIT, -1, event_one, &state);
		if (ret == -EAGAIN || ret == -EWOULDBLOCK)
			return 0;
		if (ret)
			return ret;
	}
}
