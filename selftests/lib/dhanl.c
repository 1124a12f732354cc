// SPDX-License-Identifier: GPL-2.0
/*
 * Raw generic netlink helper for the dha selftests; see dhanl.h.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <net/if.h>

#include <linux/dha.h>
#include "dhanl.h"

#define ALIGN4(x)	(((x) + 3) & ~3U)

int dhanl_open_raw(struct dhanl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	socklen_t salen = sizeof(sa);
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl->fd < 0)
		return -errno;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(nl->fd, (struct sockaddr *)&sa, &salen)) {
		int err = -errno;

		close(nl->fd);
		nl->fd = -1;
		return err;
	}
	nl->portid = sa.nl_pid;
	nl->seq = ((uint32_t)getpid() & 0xffff) << 8;
	nl->rx = malloc(DHANL_RXBUF);
	if (!nl->rx) {
		close(nl->fd);
		nl->fd = -1;
		return -ENOMEM;
	}
	return 0;
}

int dhanl_open(struct dhanl *nl)
{
	int err = dhanl_open_raw(nl);

	if (err)
		return err;
	err = dhanl_resolve(nl, DHA_FAMILY_NAME);
	if (err)
		dhanl_close(nl);
	return err;
}

void dhanl_close(struct dhanl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
	free(nl->rx);
	nl->rx = NULL;
}

int dhanl_set_rcvbuf(struct dhanl *nl, int bytes)
{
	if (setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) &&
	    setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)))
		return -errno;
	return 0;
}

/* ---- message building ---- */

void dhamsg_init(struct dhamsg *m, uint16_t type, uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr *g;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = DHA_GENL_VERSION;
}

void dhamsg_put(struct dhamsg *m, uint16_t type, const void *data, size_t len)
{
	size_t off = ALIGN4(m->nlh.nlmsg_len);
	struct nlattr *a = (struct nlattr *)(m->buf + off);

	if (off + NLA_HDRLEN + ALIGN4(len) > sizeof(m->buf) || len > 0xfff0) {
		m->overflow = true;
		return;
	}
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	memset((char *)a + NLA_HDRLEN + len, 0, ALIGN4(len) - len);
	m->nlh.nlmsg_len = off + NLA_HDRLEN + ALIGN4(len);
}

void dhamsg_put_u8(struct dhamsg *m, uint16_t type, uint8_t v)
{
	dhamsg_put(m, type, &v, sizeof(v));
}

void dhamsg_put_u32(struct dhamsg *m, uint16_t type, uint32_t v)
{
	dhamsg_put(m, type, &v, sizeof(v));
}

void dhamsg_put_in6(struct dhamsg *m, uint16_t type, const struct in6_addr *a)
{
	dhamsg_put(m, type, a, sizeof(*a));
}

void dhamsg_nest_start(struct dhamsg *m, uint16_t type)
{
	if (m->depth >= (int)(sizeof(m->nest) / sizeof(m->nest[0]))) {
		m->overflow = true;
		return;
	}
	m->nest[m->depth++] = ALIGN4(m->nlh.nlmsg_len);
	dhamsg_put(m, type | NLA_F_NESTED, NULL, 0);
}

void dhamsg_nest_end(struct dhamsg *m)
{
	struct nlattr *a;

	if (m->depth <= 0) {
		m->overflow = true;
		return;
	}
	a = (struct nlattr *)(m->buf + m->nest[--m->depth]);
	a->nla_len = m->nlh.nlmsg_len - m->nest[m->depth];
}

/* ---- sending and receiving ---- */

int dhanl_send_raw(struct dhanl *nl, const void *buf, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	ssize_t n;

	do {
		n = sendto(nl->fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != len)
		return -EIO;
	return 0;
}

int dhanl_send(struct dhanl *nl, struct dhamsg *m)
{
	int err;

	if (m->overflow || m->depth)
		return -EOVERFLOW;
	m->nlh.nlmsg_seq = ++nl->seq;
	m->nlh.nlmsg_pid = 0;
	err = dhanl_send_raw(nl, m->buf, m->nlh.nlmsg_len);
	return err ? err : (int)(m->nlh.nlmsg_seq & 0x7fffffff);
}

int dhanl_recv(struct dhanl *nl, int timeout_ms)
{
	struct pollfd pfd = { .fd = nl->fd, .events = POLLIN };
	ssize_t n;
	int r;

	do {
		r = poll(&pfd, 1, timeout_ms);
	} while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0)
		return -ETIMEDOUT;
	do {
		n = recv(nl->fd, nl->rx, DHANL_RXBUF, MSG_TRUNC);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n > DHANL_RXBUF)
		return -EMSGSIZE;
	return (int)n;
}

static void parse_extack(struct dhanl *nl, const struct nlmsghdr *nlh,
			 const void *tlvs, size_t len)
{
	dhanl_tb tb;

	nl->has_ext_msg = false;
	nl->has_ext_offs = false;
	nl->has_miss_type = false;
	nl->ext_msg[0] = 0;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	dhanl_parse(tb, tlvs, len);
	if (tb[NLMSGERR_ATTR_MSG]) {
		int l = dhanl_len(tb[NLMSGERR_ATTR_MSG]);

		if (l > (int)sizeof(nl->ext_msg) - 1)
			l = sizeof(nl->ext_msg) - 1;
		memcpy(nl->ext_msg, dhanl_data(tb[NLMSGERR_ATTR_MSG]), l);
		nl->ext_msg[l] = 0;
		nl->has_ext_msg = true;
	}
	if (tb[NLMSGERR_ATTR_OFFS]) {
		nl->ext_offs = dhanl_u32(tb[NLMSGERR_ATTR_OFFS]);
		nl->has_ext_offs = true;
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		nl->miss_type = dhanl_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		nl->has_miss_type = true;
	}
}

/* Returns 1 and sets *err when @nlh ends the request, 0 otherwise. */
static int handle_ctl(struct dhanl *nl, const struct nlmsghdr *nlh, int *err)
{
	const char *p = NLMSG_DATA(nlh);
	size_t plen = nlh->nlmsg_len - NLMSG_HDRLEN;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = (const void *)p;
		size_t off = sizeof(*e);

		if (plen < sizeof(*e)) {
			*err = -EBADMSG;
			return 1;
		}
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len > NLMSG_HDRLEN ?
			       NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN : 0;
		parse_extack(nl, nlh, p + off, plen > off ? plen - off : 0);
		*err = e->error;
		return 1;
	}
	if (nlh->nlmsg_type == NLMSG_DONE) {
		int e = 0;

		if (plen >= sizeof(int))
			memcpy(&e, p, sizeof(e));
		parse_extack(nl, nlh, p + sizeof(int),
			     plen > sizeof(int) ? plen - sizeof(int) : 0);
		*err = e;
		return 1;
	}
	return 0;
}

int dhanl_wait(struct dhanl *nl, uint32_t seq, dhanl_cb cb, void *arg,
	       unsigned int *others, int timeout_ms)
{
	int cb_err = 0;

	for (;;) {
		int n = dhanl_recv(nl, timeout_ms);
		struct nlmsghdr *nlh;

		if (n < 0)
			return n;
		for (nlh = (struct nlmsghdr *)nl->rx; NLMSG_OK(nlh, (unsigned int)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			int err;

			if (handle_ctl(nl, nlh, &err)) {
				if (nlh->nlmsg_seq == seq)
					return cb_err ? cb_err : err;
				if (err && others)
					(*others)++;
				continue;
			}
			if (cb && !cb_err && nlh->nlmsg_seq == seq)
				cb_err = cb(nlh, arg);
		}
	}
}

int dhanl_do(struct dhanl *nl, struct dhamsg *m, dhanl_cb cb, void *arg)
{
	int seq;

	m->nlh.nlmsg_flags |= NLM_F_ACK;
	seq = dhanl_send(nl, m);
	if (seq < 0)
		return seq;
	return dhanl_wait(nl, seq, cb, arg, NULL, 20000);
}

int dhanl_dump(struct dhanl *nl, struct dhamsg *m, dhanl_cb cb, void *arg)
{
	int seq;

	m->nlh.nlmsg_flags |= NLM_F_DUMP;
	seq = dhanl_send(nl, m);
	if (seq < 0)
		return seq;
	return dhanl_wait(nl, seq, cb, arg, NULL, 60000);
}

/* ---- generic netlink controller ---- */

struct resolve_ctx {
	const char *group;
	uint16_t id;
	uint32_t version;
	uint32_t grp;
	bool found;
};

static int resolve_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct resolve_ctx *c = arg;
	dhanl_tb tb;

	dhanl_parse_msg(tb, nlh);
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return 0;
	c->found = true;
	c->id = *(const uint16_t *)dhanl_data(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION])
		c->version = dhanl_u32(tb[CTRL_ATTR_VERSION]);
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		const struct nlattr *g = tb[CTRL_ATTR_MCAST_GROUPS];
		const char *p = dhanl_data(g);
		int rem = dhanl_len(g);

		while (rem >= NLA_HDRLEN) {
			const struct nlattr *one = (const void *)p;
			dhanl_tb gtb;

			if (one->nla_len < NLA_HDRLEN || one->nla_len > rem)
				break;
			dhanl_parse_nest(gtb, one);
			if (gtb[CTRL_ATTR_MCAST_GRP_NAME] && gtb[CTRL_ATTR_MCAST_GRP_ID] &&
			    !strncmp(dhanl_data(gtb[CTRL_ATTR_MCAST_GRP_NAME]), c->group,
				     dhanl_len(gtb[CTRL_ATTR_MCAST_GRP_NAME])))
				c->grp = dhanl_u32(gtb[CTRL_ATTR_MCAST_GRP_ID]);
			p += ALIGN4(one->nla_len);
			rem -= ALIGN4(one->nla_len);
		}
	}
	return 0;
}

int dhanl_resolve(struct dhanl *nl, const char *name)
{
	struct resolve_ctx c = { .group = DHA_MCGRP_EVENTS };
	struct dhamsg *m = malloc(sizeof(*m));
	int err;

	if (!m)
		return -ENOMEM;
	dhamsg_init(m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)NLMSG_DATA(&m->nlh))->version = 2;
	dhamsg_put(m, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	err = dhanl_do(nl, m, resolve_cb, &c);
	free(m);
	if (err)
		return err;
	if (!c.found)
		return -ENOENT;
	nl->family = c.id;
	nl->version = c.version;
	nl->events_grp = c.grp;
	return 0;
}

int dhanl_join_events(struct dhanl *nl)
{
	int grp = nl->events_grp;

	if (!grp)
		return -ENOENT;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)))
		return -errno;
	return 0;
}

/* ---- attributes ---- */

void dhanl_parse(dhanl_tb tb, const void *data, size_t len)
{
	const char *p = data;

	memset(tb, 0, sizeof(dhanl_tb));
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;
		uint16_t type = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			break;
		if (type <= DHANL_TB_MAX)
			tb[type] = a;
		if (ALIGN4(a->nla_len) >= len)
			break;
		p += ALIGN4(a->nla_len);
		len -= ALIGN4(a->nla_len);
	}
}

void dhanl_parse_nest(dhanl_tb tb, const struct nlattr *nest)
{
	dhanl_parse(tb, dhanl_data(nest), dhanl_len(nest));
}

void dhanl_parse_msg(dhanl_tb tb, const struct nlmsghdr *nlh)
{
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	if (nlh->nlmsg_len < hdr) {
		memset(tb, 0, sizeof(dhanl_tb));
		return;
	}
	dhanl_parse(tb, (const char *)nlh + hdr, nlh->nlmsg_len - hdr);
}

int dhanl_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

const void *dhanl_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

uint8_t dhanl_u8(const struct nlattr *a)
{
	return dhanl_len(a) >= 1 ? *(const uint8_t *)dhanl_data(a) : 0;
}

uint32_t dhanl_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (dhanl_len(a) >= 4)
		memcpy(&v, dhanl_data(a), 4);
	return v;
}

uint64_t dhanl_uint(const struct nlattr *a)
{
	uint64_t v64;

	if (dhanl_len(a) == 8) {
		memcpy(&v64, dhanl_data(a), 8);
		return v64;
	}
	if (dhanl_len(a) == 4)
		return dhanl_u32(a);
	return UINT64_MAX;	/* wrong length: visible to the caller */
}

bool dhanl_in6(const struct nlattr *a, struct in6_addr *out)
{
	if (!a || dhanl_len(a) != 16)
		return false;
	memcpy(out, dhanl_data(a), 16);
	return true;
}

/* ---- dha requests ---- */

struct in6_addr dha_in6(const char *s)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, s, &a) != 1) {
		fprintf(stderr, "dha_in6: bad address %s\n", s);
		abort();
	}
	return a;
}

void dha_put_binding(struct dhamsg *m, const struct dha_binding_req *b)
{
	struct in6_addr a;
	int i;

	dhamsg_nest_start(m, DHA_A_BINDING);
	if (b->hoa) {
		a = dha_in6(b->hoa);
		dhamsg_put_in6(m, DHA_A_BINDING_HOME_ADDRESS, &a);
	}
	if (b->kind)
		dhamsg_put_u32(m, DHA_A_BINDING_KIND, b->kind);
	if (b->coa) {
		a = dha_in6(b->coa);
		dhamsg_put_in6(m, DHA_A_BINDING_CARE_OF_ADDRESS, &a);
	}
	if (b->ha) {
		a = dha_in6(b->ha);
		dhamsg_put_in6(m, DHA_A_BINDING_HOME_AGENT, &a);
	}
	if (b->lifetime)
		dhamsg_put_u32(m, DHA_A_BINDING_LIFETIME, b->lifetime);
	for (i = 0; i < 17 && b->prefixes[i]; i++) {
		char tmp[64], *slash;

		snprintf(tmp, sizeof(tmp), "%s", b->prefixes[i]);
		slash = strchr(tmp, '/');
		if (!slash)
			abort();
		*slash = 0;
		a = dha_in6(tmp);
		dhamsg_nest_start(m, DHA_A_BINDING_PREFIX);
		dhamsg_put_in6(m, DHA_A_PREFIX_ADDRESS, &a);
		dhamsg_put_u8(m, DHA_A_PREFIX_LENGTH, (uint8_t)atoi(slash + 1));
		dhamsg_nest_end(m);
	}
	dhamsg_nest_end(m);
}

int dha_binding_new(struct dhanl *nl, int ifindex, uint16_t flags,
		    const struct dha_binding_req *b)
{
	struct dhamsg m;

	dhamsg_init(&m, nl->family, DHA_CMD_BINDING_NEW, flags);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dha_put_binding(&m, b);
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_binding_del(struct dhanl *nl, int ifindex, const char *hoa, uint32_t kind)
{
	struct dha_binding_req b = { .hoa = hoa, .kind = kind };
	struct dhamsg m;

	dhamsg_init(&m, nl->family, DHA_CMD_BINDING_DEL, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dha_put_binding(&m, &b);
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_binding_flush(struct dhanl *nl, int ifindex, uint32_t kind)
{
	struct dhamsg m;

	dhamsg_init(&m, nl->family, DHA_CMD_BINDING_FLUSH, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	if (kind) {
		dhamsg_nest_start(&m, DHA_A_BINDING);
		dhamsg_put_u32(&m, DHA_A_BINDING_KIND, kind);
		dhamsg_nest_end(&m);
	}
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_binding_parse(const struct nlmsghdr *nlh, struct dha_binding_info *bi)
{
	dhanl_tb tb, btb;
	const char *p;
	int rem;

	memset(bi, 0, sizeof(*bi));
	dhanl_parse_msg(tb, nlh);
	if (tb[DHA_A_IFINDEX])
		bi->ifindex = dhanl_u32(tb[DHA_A_IFINDEX]);
	if (!tb[DHA_A_BINDING])
		return -ENODATA;
	dhanl_parse_nest(btb, tb[DHA_A_BINDING]);
	if (!dhanl_in6(btb[DHA_A_BINDING_HOME_ADDRESS], &bi->hoa))
		return -ENODATA;
	if (btb[DHA_A_BINDING_KIND])
		bi->kind = dhanl_u32(btb[DHA_A_BINDING_KIND]);
	bi->has_coa = dhanl_in6(btb[DHA_A_BINDING_CARE_OF_ADDRESS], &bi->coa);
	bi->has_ha = dhanl_in6(btb[DHA_A_BINDING_HOME_AGENT], &bi->ha);
	if (btb[DHA_A_BINDING_LIFETIME]) {
		bi->has_lifetime = true;
		bi->lifetime = dhanl_u32(btb[DHA_A_BINDING_LIFETIME]);
	}
	if (btb[DHA_A_BINDING_DEL_REASON]) {
		bi->has_del_reason = true;
		bi->del_reason = dhanl_u32(btb[DHA_A_BINDING_DEL_REASON]);
	}
	if (btb[DHA_A_BINDING_STATS]) {
		dhanl_tb stb;

		bi->has_stats = true;
		dhanl_parse_nest(stb, btb[DHA_A_BINDING_STATS]);
		if (stb[DHA_A_BINDING_STATS_TX_PACKETS])
			bi->tx_packets = dhanl_uint(stb[DHA_A_BINDING_STATS_TX_PACKETS]);
		if (stb[DHA_A_BINDING_STATS_RX_PACKETS])
			bi->rx_packets = dhanl_uint(stb[DHA_A_BINDING_STATS_RX_PACKETS]);
	}
	/* prefixes are a multi-attr: walk the nest */
	p = dhanl_data(tb[DHA_A_BINDING]);
	rem = dhanl_len(tb[DHA_A_BINDING]);
	while (rem >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > rem)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == DHA_A_BINDING_PREFIX &&
		    bi->nprefix < 17) {
			dhanl_tb ptb;

			dhanl_parse_nest(ptb, a);
			dhanl_in6(ptb[DHA_A_PREFIX_ADDRESS], &bi->prefix[bi->nprefix]);
			if (ptb[DHA_A_PREFIX_LENGTH])
				bi->plen[bi->nprefix] = dhanl_u8(ptb[DHA_A_PREFIX_LENGTH]);
			bi->nprefix++;
		}
		p += ALIGN4(a->nla_len);
		rem -= ALIGN4(a->nla_len);
	}
	return 0;
}

static int binding_get_cb(const struct nlmsghdr *nlh, void *arg)
{
	return dha_binding_parse(nlh, arg);
}

int dha_binding_get(struct dhanl *nl, int ifindex, const char *hoa,
		    struct dha_binding_info *bi)
{
	struct dha_binding_req b = { .hoa = hoa };
	struct dhamsg m;

	memset(bi, 0, sizeof(*bi));
	dhamsg_init(&m, nl->family, DHA_CMD_BINDING_GET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dha_put_binding(&m, &b);
	return dhanl_do(nl, &m, binding_get_cb, bi);
}

static int count_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct dha_binding_info bi;

	if (!dha_binding_parse(nlh, &bi))
		(*(int *)arg)++;
	return 0;
}

int dha_binding_count(struct dhanl *nl, int ifindex, uint32_t kind)
{
	struct dhamsg m;
	int n = 0, err;

	dhamsg_init(&m, nl->family, DHA_CMD_BINDING_GET, 0);
	if (ifindex)
		dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	if (kind) {
		dhamsg_nest_start(&m, DHA_A_BINDING);
		dhamsg_put_u32(&m, DHA_A_BINDING_KIND, kind);
		dhamsg_nest_end(&m);
	}
	err = dhanl_dump(nl, &m, count_cb, &n);
	return err ? err : n;
}

static int dev_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct dha_dev_info *di = arg;
	dhanl_tb tb;

	memset(di, 0, sizeof(*di));
	dhanl_parse_msg(tb, nlh);
	if (tb[DHA_A_IFINDEX])
		di->ifindex = dhanl_u32(tb[DHA_A_IFINDEX]);
	if (tb[DHA_A_IFNAME])
		snprintf(di->ifname, sizeof(di->ifname), "%.*s",
			 dhanl_len(tb[DHA_A_IFNAME]), (const char *)dhanl_data(tb[DHA_A_IFNAME]));
	di->has_local = dhanl_in6(tb[DHA_A_LOCAL], &di->local);
	if (tb[DHA_A_BINDINGS])
		di->bindings = dhanl_u32(tb[DHA_A_BINDINGS]);
	if (tb[DHA_A_GLOBALS])
		di->globals = dhanl_u32(tb[DHA_A_GLOBALS]);
	if (tb[DHA_A_PEERS])
		di->peers = dhanl_u32(tb[DHA_A_PEERS]);
	if (tb[DHA_A_STATS]) {
		dhanl_tb stb;
		int i;

		di->has_stats = true;
		dhanl_parse_nest(stb, tb[DHA_A_STATS]);
		for (i = 1; i <= DHA_A_DEV_STATS_MAX && i < 32; i++)
			if (stb[i])
				di->stats[i] = i == DHA_A_DEV_STATS_QUEUE_LEN ?
					dhanl_u32(stb[i]) : dhanl_uint(stb[i]);
	}
	return 0;
}

int dha_dev_get(struct dhanl *nl, int ifindex, struct dha_dev_info *di)
{
	struct dhamsg m;

	memset(di, 0, sizeof(*di));
	dhamsg_init(&m, nl->family, DHA_CMD_DEV_GET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	return dhanl_do(nl, &m, dev_cb, di);
}

int dha_dev_set_local(struct dhanl *nl, int ifindex, const char *addr)
{
	struct in6_addr a = dha_in6(addr);
	struct dhamsg m;

	dhamsg_init(&m, nl->family, DHA_CMD_DEV_SET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dhamsg_put_in6(&m, DHA_A_LOCAL, &a);
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_peer(struct dhanl *nl, uint8_t cmd, int ifindex, const char *addr)
{
	struct in6_addr a = dha_in6(addr);
	struct dhamsg m;

	dhamsg_init(&m, nl->family, cmd,
		    cmd == DHA_CMD_PEER_NEW ? NLM_F_CREATE | NLM_F_EXCL : 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dhamsg_nest_start(&m, DHA_A_PEER);
	dhamsg_put_in6(&m, DHA_A_PEER_ADDRESS, &a);
	dhamsg_nest_end(&m);
	return dhanl_do(nl, &m, NULL, NULL);
}

/* ---- environment ---- */

int dha_sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(stdout);
	fflush(stderr);
	st = system(cmd);
	if (st < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

int dha_create_dev(const char *name)
{
	int idx;

	if (dha_sh("ip link add %s type dha 2>/dev/null", name))
		return -ENODEV;
	if (dha_sh("ip link set %s up", name))
		return -EIO;
	idx = if_nametoindex(name);
	return idx ? idx : -ENODEV;
}

unsigned long dha_taint_bad(void)
{
	unsigned long t = 0;
	FILE *f = fopen("/proc/sys/kernel/tainted", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu", &t) != 1)
		t = 0;
	fclose(f);
	/* D (died: oops/BUG), W (warning), L (soft lockup) */
	return t & ((1UL << 7) | (1UL << 9) | (1UL << 14));
}
