// SPDX-License-Identifier: GPL-2.0
/*
 * The dha selftests' side of netlink, on lib/; see dhanl.h.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <net/if.h>

#include <linux/dha.h>
#include "dhanl.h"
#include "nlbuild.h"

#define ALIGN4(x)	(((x) + 3) & ~3U)

/* ---- message building, on lib/nlbuild ---- */

void dhamsg_init(struct dhamsg *m, uint16_t type, uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr g = { .cmd = cmd, .version = DHA_GENL_VERSION };

	memset(m, 0, sizeof(*m));
	nlbuild_start(m->buf, sizeof(m->buf), type, flags, 0, &g, sizeof(g));
}

void dhamsg_put(struct dhamsg *m, uint16_t type, const void *data, size_t len)
{
	if (nlbuild_attr(m->buf, sizeof(m->buf), type, data, len))
		m->overflow = true;
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
	int offset;

	if (m->depth >= (int)(sizeof(m->nest) / sizeof(m->nest[0]))) {
		m->overflow = true;
		return;
	}
	offset = nlbuild_nest_start(m->buf, sizeof(m->buf), type);
	if (offset < 0)
		m->overflow = true;
	m->nest[m->depth++] = offset;
}

void dhamsg_nest_end(struct dhamsg *m)
{
	int offset;

	if (m->depth <= 0) {
		m->overflow = true;
		return;
	}
	offset = m->nest[--m->depth];
	if (offset > 0)
		nlbuild_nest_end(m->buf, offset);
}

/* ---- sending, on lib/nlsock ---- */

int dhanl_send(struct dha_nl *nl, struct dhamsg *m)
{
	int err;

	if (m->overflow || m->depth)
		return -EOVERFLOW;
	m->nlh.nlmsg_seq = ++nl->sock.seq;
	m->nlh.nlmsg_pid = 0;
	err = nlsock_send(&nl->sock, m->buf, m->nlh.nlmsg_len);
	return err ? err : (int)(m->nlh.nlmsg_seq & 0x7fffffff);
}

int dhanl_do(struct dha_nl *nl, struct dhamsg *m, dhanl_cb cb, void *arg)
{
	int seq;

	m->nlh.nlmsg_flags |= NLM_F_ACK;
	seq = dhanl_send(nl, m);
	if (seq < 0)
		return seq;
	return nlsock_wait(&nl->sock, seq, cb, arg, 20000, NULL);
}

int dhanl_dump(struct dha_nl *nl, struct dhamsg *m, dhanl_cb cb, void *arg)
{
	int seq;

	m->nlh.nlmsg_flags |= NLM_F_DUMP;
	seq = dhanl_send(nl, m);
	if (seq < 0)
		return seq;
	return nlsock_wait(&nl->sock, seq, cb, arg, 60000, NULL);
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

int dha_binding_new(struct dha_nl *nl, int ifindex, uint16_t flags,
		    const struct dha_binding_req *b)
{
	struct dhamsg m;

	dhamsg_init(&m, nl->family_id, DHA_CMD_BINDING_NEW, flags);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dha_put_binding(&m, b);
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_binding_del(struct dha_nl *nl, int ifindex, const char *hoa, uint32_t kind)
{
	struct dha_binding_req b = { .hoa = hoa, .kind = kind };
	struct dhamsg m;

	dhamsg_init(&m, nl->family_id, DHA_CMD_BINDING_DEL, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dha_put_binding(&m, &b);
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_binding_flush(struct dha_nl *nl, int ifindex, uint32_t kind)
{
	struct dhamsg m;

	dhamsg_init(&m, nl->family_id, DHA_CMD_BINDING_FLUSH, 0);
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
	if (btb[DHA_A_BINDING_KIND])
		bi->kind = dhanl_u32(btb[DHA_A_BINDING_KIND]);
	/* Proxy bindings are keyed by their prefix, without home address. */
	if (!dhanl_in6(btb[DHA_A_BINDING_HOME_ADDRESS], &bi->hoa) &&
	    bi->kind != DHA_BINDING_KIND_PROXY_LMA &&
	    bi->kind != DHA_BINDING_KIND_PROXY_MAG)
		return -ENODATA;
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

int dha_binding_get(struct dha_nl *nl, int ifindex, const char *hoa,
		    struct dha_binding_info *bi)
{
	struct dha_binding_req b = { .hoa = hoa };
	struct dhamsg m;

	memset(bi, 0, sizeof(*bi));
	dhamsg_init(&m, nl->family_id, DHA_CMD_BINDING_GET, 0);
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

int dha_binding_count(struct dha_nl *nl, int ifindex, uint32_t kind)
{
	struct dhamsg m;
	int n = 0, err;

	dhamsg_init(&m, nl->family_id, DHA_CMD_BINDING_GET, 0);
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
	if (tb[DHA_A_HOME_LINK])
		di->home_link = dhanl_u32(tb[DHA_A_HOME_LINK]);
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

int dha_dev_get(struct dha_nl *nl, int ifindex, struct dha_dev_info *di)
{
	struct dhamsg m;

	memset(di, 0, sizeof(*di));
	dhamsg_init(&m, nl->family_id, DHA_CMD_DEV_GET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	return dhanl_do(nl, &m, dev_cb, di);
}

int dha_dev_set_local(struct dha_nl *nl, int ifindex, const char *addr)
{
	struct in6_addr a = dha_in6(addr);
	struct dhamsg m;

	dhamsg_init(&m, nl->family_id, DHA_CMD_DEV_SET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	dhamsg_put_in6(&m, DHA_A_LOCAL, &a);
	return dhanl_do(nl, &m, NULL, NULL);
}

int dha_peer(struct dha_nl *nl, uint8_t cmd, int ifindex, const char *addr)
{
	struct in6_addr a = dha_in6(addr);
	struct dhamsg m;

	dhamsg_init(&m, nl->family_id, cmd,
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
