// SPDX-License-Identifier: GPL-2.0
/*
 * PMIPv6 proxy bindings (kinds proxy-lma and proxy-mag) over netlink: every
 * wrong combination of attributes is refused with extack and leaves the
 * table empty; a replace moves a binding to another MAG and keeps it; a
 * prefix belongs to one binding; the proxy peers follow the bindings that
 * name them, through random adds, replaces and deletes; a device deleted
 * with proxy bindings in place leaves nothing behind.
 *
 * DHA_FUZZ_SEED and DHA_FUZZ_COUNT override the seed and the count.
 */
#define _GNU_SOURCE
#include "common.h"

#define HNP	"2001:db8:100::"
#define MAG1	"2001:db8:a1::2"
#define MAG2	"2001:db8:a2::2"
#define LMA	"2001:db8:ff::1"

struct proxy_req {
	uint32_t kind;			/* 0: absent */
	const char *hoa, *coa, *lma, *ha, *local;
	int nprefix;
	const char *prefix[3];
	int plen[3];			/* -1: no length attribute */
	bool link_local, advertise;
	int local_len;			/* 0: 16 */
};

static void put_addr(struct dhamsg *m, uint16_t type, const char *s, int len)
{
	struct in6_addr a = dha_in6(s);
	uint8_t buf[32] = { 0 };

	memcpy(buf, &a, sizeof(a));
	dhamsg_put(m, type, buf, len ? len : 16);
}

static void put_proxy(struct dhamsg *m, int ifindex, const struct proxy_req *r)
{
	int i;

	dhamsg_put_u32(m, DHA_A_IFINDEX, ifindex);
	dhamsg_nest_start(m, DHA_A_BINDING);
	if (r->kind)
		dhamsg_put_u32(m, DHA_A_BINDING_KIND, r->kind);
	if (r->hoa)
		put_addr(m, DHA_A_BINDING_HOME_ADDRESS, r->hoa, 0);
	if (r->coa)
		put_addr(m, DHA_A_BINDING_CARE_OF_ADDRESS, r->coa, 0);
	if (r->lma)
		put_addr(m, DHA_A_BINDING_LMA_ADDRESS, r->lma, 0);
	if (r->ha)
		put_addr(m, DHA_A_BINDING_HOME_AGENT, r->ha, 0);
	if (r->local)
		put_addr(m, DHA_A_BINDING_LOCAL_ADDRESS, r->local, r->local_len);
	for (i = 0; i < r->nprefix; i++) {
		dhamsg_nest_start(m, DHA_A_BINDING_PREFIX);
		put_addr(m, DHA_A_PREFIX_ADDRESS, r->prefix[i], 0);
		if (r->plen[i] >= 0)
			dhamsg_put_u8(m, DHA_A_PREFIX_LENGTH, r->plen[i]);
		dhamsg_nest_end(m);
	}
	if (r->link_local)
		dhamsg_put(m, DHA_A_BINDING_LINK_LOCAL, NULL, 0);
	if (r->advertise)
		dhamsg_put(m, DHA_A_BINDING_ADVERTISE, NULL, 0);
	dhamsg_nest_end(m);
}

static int proxy_do(struct dha_nl *nl, uint8_t cmd, uint16_t flags, int ifindex,
		    const struct proxy_req *r, dhanl_cb cb, void *arg)
{
	struct dhamsg m;

	dhamsg_init(&m, nl->family_id, cmd, flags);
	put_proxy(&m, ifindex, r);
	return dhanl_do(nl, &m, cb, arg);
}

static int proxy_new(struct dha_nl *nl, int ifindex, uint16_t flags,
		     const struct proxy_req *r)
{
	return proxy_do(nl, DHA_CMD_BINDING_NEW, flags, ifindex, r, NULL, NULL);
}

#define LMA_BINDING(p, mag) { .kind = DHA_BINDING_KIND_PROXY_LMA, .coa = (mag), \
	.local = LMA, .nprefix = 1, .prefix = { (p) }, .plen = { 64 } }
#define MAG_BINDING(p) { .kind = DHA_BINDING_KIND_PROXY_MAG, .lma = LMA, \
	.local = MAG1, .nprefix = 1, .prefix = { (p) }, .plen = { 64 } }

/* ---- requests that must be refused ---- */

struct bad_case {
	const char *name;
	struct proxy_req r;
	int err;
	int miss;	/* attribute reported missing, 0 if none */
};

#define K_LMA DHA_BINDING_KIND_PROXY_LMA
#define K_MAG DHA_BINDING_KIND_PROXY_MAG
#define ONE_PREFIX .nprefix = 1, .prefix = { HNP }, .plen = { 64 }

static const struct bad_case bad_cases[] = {
	{ "proxy-lma without prefix", { .kind = K_LMA, .coa = MAG1 },
	  EINVAL, DHA_A_BINDING_PREFIX },
	{ "proxy-mag without prefix", { .kind = K_MAG, .lma = LMA },
	  EINVAL, DHA_A_BINDING_PREFIX },
	{ "proxy-lma without MAG", { .kind = K_LMA, ONE_PREFIX },
	  EINVAL, DHA_A_BINDING_CARE_OF_ADDRESS },
	{ "proxy-mag without LMA", { .kind = K_MAG, ONE_PREFIX },
	  EINVAL, DHA_A_BINDING_LMA_ADDRESS },
	{ "proxy-lma with a home address",
	  { .kind = K_LMA, .hoa = "2001:db8:1::100", .coa = MAG1, ONE_PREFIX },
	  EINVAL, 0 },
	{ "proxy-lma with an LMA address",
	  { .kind = K_LMA, .coa = MAG1, .lma = LMA, ONE_PREFIX }, EINVAL, 0 },
	{ "proxy-mag with a care-of address",
	  { .kind = K_MAG, .coa = MAG1, .lma = LMA, ONE_PREFIX }, EINVAL, 0 },
	{ "proxy-lma with a home agent",
	  { .kind = K_LMA, .coa = MAG1, .ha = LMA, ONE_PREFIX }, EINVAL, 0 },
	{ "proxy-mag with link-local",
	  { .kind = K_MAG, .lma = LMA, ONE_PREFIX, .link_local = true },
	  EINVAL, 0 },
	{ "proxy-lma with advertise",
	  { .kind = K_LMA, .coa = MAG1, ONE_PREFIX, .advertise = true },
	  EINVAL, 0 },
	{ "prefix /65", { .kind = K_LMA, .coa = MAG1, .nprefix = 1,
	  .prefix = { HNP }, .plen = { 65 } }, EINVAL, 0 },
	{ "prefix /128", { .kind = K_MAG, .lma = LMA, .nprefix = 1,
	  .prefix = { "2001:db8:100::1" }, .plen = { 128 } }, EINVAL, 0 },
	{ "prefix length 0", { .kind = K_LMA, .coa = MAG1, .nprefix = 1,
	  .prefix = { HNP }, .plen = { 0 } }, ERANGE, 0 },
	{ "prefix without length", { .kind = K_LMA, .coa = MAG1, .nprefix = 1,
	  .prefix = { HNP }, .plen = { -1 } }, EINVAL, DHA_A_PREFIX_LENGTH },
	{ "two prefixes", { .kind = K_LMA, .coa = MAG1, .nprefix = 2,
	  .prefix = { HNP, "2001:db8:101::" }, .plen = { 64, 64 } }, EINVAL, 0 },
	{ "prefix with host bits", { .kind = K_MAG, .lma = LMA, .nprefix = 1,
	  .prefix = { "2001:db8:100::1" }, .plen = { 64 } }, EINVAL, 0 },
	{ "multicast prefix", { .kind = K_MAG, .lma = LMA, .nprefix = 1,
	  .prefix = { "ff05::" }, .plen = { 64 } }, EINVAL, 0 },
	{ "multicast MAG", { .kind = K_LMA, .coa = "ff05::1", ONE_PREFIX },
	  EINVAL, 0 },
	{ "link-local LMA", { .kind = K_MAG, .lma = "fe80::1", ONE_PREFIX },
	  EINVAL, 0 },
	{ "unspecified local address",
	  { .kind = K_MAG, .lma = LMA, .local = "::", ONE_PREFIX }, EINVAL, 0 },
	{ "15-byte local address", { .kind = K_MAG, .lma = LMA, .local = MAG1,
	  .local_len = 15, ONE_PREFIX }, ERANGE, 0 },
	{ "kind 5", { .kind = 5, .coa = MAG1, ONE_PREFIX }, ERANGE, 0 },
	{ "home binding with an LMA address",
	  { .hoa = "2001:db8:1::100", .coa = MAG1, .lma = LMA }, EINVAL, 0 },
	{ "home binding with a local address",
	  { .hoa = "2001:db8:1::100", .coa = MAG1, .local = LMA }, EINVAL, 0 },
	{ "prefix and LMA without kind", { .lma = LMA, ONE_PREFIX },
	  EINVAL, DHA_A_BINDING_HOME_ADDRESS },
};

TEST_F(dha, proxy_bad_requests)
{
	struct proxy_req del = { .kind = K_LMA };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		int r = proxy_new(&self->nl, self->ifindex,
				  NLM_F_CREATE | NLM_F_EXCL, &c->r);

		if (c->miss)
			EXPECT_NLMISS(&self->nl, c->miss, r, c->name);
		else
			EXPECT_NLERR(&self->nl, c->err, r, c->name);
		EXPECT_EQ(0, dha_binding_count(&self->nl, self->ifindex, 0))
			TH_LOG("%s: a binding was created", c->name);
	}
	/* del and get name a proxy binding by kind and prefix only */
	EXPECT_NLMISS(&self->nl, DHA_A_BINDING_PREFIX,
		      proxy_do(&self->nl, DHA_CMD_BINDING_DEL, 0, self->ifindex,
			       &del, NULL, NULL), "del without prefix");
	del.hoa = "2001:db8:1::100";
	EXPECT_NLERR(&self->nl, EINVAL,
		     proxy_do(&self->nl, DHA_CMD_BINDING_GET, 0, self->ifindex,
			      &del, NULL, NULL), "get by home address");
}

/* ---- proxy peers ---- */

struct proxy_peers {
	int n;
	struct in6_addr addr[8];
	uint32_t bindings[8];
	uint64_t tx[8];
};

static int proxy_peer_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct proxy_peers *s = arg;
	dhanl_tb tb, ptb;

	dhanl_parse_msg(tb, nlh);
	if (!tb[DHA_A_PROXY_PEER] || s->n == 8)
		return 0;
	dhanl_parse_nest(ptb, tb[DHA_A_PROXY_PEER]);
	if (!dhanl_in6(ptb[DHA_A_PROXY_PEER_ADDRESS], &s->addr[s->n]) ||
	    !ptb[DHA_A_PROXY_PEER_BINDINGS] || !ptb[DHA_A_PROXY_PEER_TX_PACKETS] ||
	    !ptb[DHA_A_PROXY_PEER_RX_DROPPED])
		return 0;
	s->bindings[s->n] = dhanl_u32(ptb[DHA_A_PROXY_PEER_BINDINGS]);
	s->tx[s->n] = dhanl_uint(ptb[DHA_A_PROXY_PEER_TX_PACKETS]);
	s->n++;
	return 0;
}

static int dump_proxy_peers(struct dha_nl *nl, int ifindex, struct proxy_peers *s)
{
	struct dhamsg m;

	memset(s, 0, sizeof(*s));
	dhamsg_init(&m, nl->family_id, DHA_CMD_PROXY_PEER_GET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	return dhanl_dump(nl, &m, proxy_peer_cb, s);
}

/* How many bindings name @addr, -1 when it is no proxy peer. */
static int peer_users(const struct proxy_peers *s, const char *addr)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (in6_eq(&s->addr[i], addr))
			return s->bindings[i];
	return -1;
}

struct proxy_seen {
	struct dha_binding_info bi;
	bool has_hoa, has_lma, has_local;
	struct in6_addr local;
};

static int proxy_get_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct proxy_seen *s = arg;
	dhanl_tb tb, btb;

	memset(s, 0, sizeof(*s));
	if (dha_binding_parse(nlh, &s->bi))
		return 0;
	dhanl_parse_msg(tb, nlh);
	dhanl_parse_nest(btb, tb[DHA_A_BINDING]);
	s->has_hoa = btb[DHA_A_BINDING_HOME_ADDRESS];
	s->has_lma = btb[DHA_A_BINDING_LMA_ADDRESS];
	s->has_local = dhanl_in6(btb[DHA_A_BINDING_LOCAL_ADDRESS], &s->local);
	return 0;
}

TEST_F(dha, proxy_lifecycle)
{
	struct proxy_req lma1 = LMA_BINDING(HNP, MAG1);
	struct proxy_req lma2 = LMA_BINDING("2001:db8:101::", MAG1);
	struct proxy_req to_mag2 = LMA_BINDING(HNP, MAG2);
	struct proxy_req mag = MAG_BINDING(HNP);
	struct proxy_req get = { .kind = K_LMA, ONE_PREFIX };
	struct dha_binding_req home = { .hoa = "2001:db8:1::100", .coa = MAG1,
		.prefixes = { "2001:db8:200::/64" } };
	struct dha_binding_req home_hnp = { .hoa = "2001:db8:1::101", .coa = MAG1,
		.prefixes = { HNP "/64" } };
	struct proxy_peers peers;
	struct proxy_seen seen;
	struct dha_nl *nl = &self->nl;
	int ifi = self->ifindex;

	ASSERT_NLOK(nl, proxy_new(nl, ifi, NLM_F_CREATE | NLM_F_EXCL, &lma1));
	EXPECT_NLERR(nl, EEXIST, proxy_new(nl, ifi, NLM_F_CREATE | NLM_F_EXCL, &lma1),
		     "the same prefix again");
	ASSERT_NLOK(nl, proxy_do(nl, DHA_CMD_BINDING_GET, 0, ifi, &get,
				 proxy_get_cb, &seen));
	EXPECT_EQ(K_LMA, seen.bi.kind);
	EXPECT_FALSE(seen.has_hoa);
	EXPECT_FALSE(seen.has_lma);
	EXPECT_TRUE(seen.bi.has_coa && in6_eq(&seen.bi.coa, MAG1));
	EXPECT_TRUE(seen.has_local && in6_eq(&seen.local, LMA));
	EXPECT_EQ(1, seen.bi.nprefix);
	EXPECT_TRUE(in6_eq(&seen.bi.prefix[0], HNP));
	EXPECT_EQ(64, seen.bi.plen[0]);
	get.kind = K_MAG;
	EXPECT_NLERR(nl, ENOENT, proxy_do(nl, DHA_CMD_BINDING_GET, 0, ifi, &get,
					   NULL, NULL), "get as the other kind");

	/* a prefix has one binding, whatever the kinds */
	EXPECT_NLERR(nl, EEXIST, proxy_new(nl, ifi, NLM_F_CREATE | NLM_F_REPLACE, &mag),
		     "proxy-mag of an LMA binding's prefix");
	EXPECT_NLERR(nl, EEXIST, dha_binding_new(nl, ifi, NLM_F_CREATE | NLM_F_EXCL,
						 &home_hnp), "mnp that is a home network prefix");
	ASSERT_NLOK(nl, dha_binding_new(nl, ifi, NLM_F_CREATE | NLM_F_EXCL, &home));
	lma2.prefix[0] = "2001:db8:200::";
	EXPECT_NLERR(nl, EEXIST, proxy_new(nl, ifi, NLM_F_CREATE | NLM_F_REPLACE, &lma2),
		     "home network prefix that is an mnp");
	lma2.prefix[0] = "2001:db8:101::";

	/* peers are shared and follow their bindings */
	ASSERT_NLOK(nl, proxy_new(nl, ifi, NLM_F_CREATE | NLM_F_EXCL, &lma2));
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(1, peers.n);
	EXPECT_EQ(2, peer_users(&peers, MAG1));
	EXPECT_EQ(0, peers.tx[0]);

	/* handoff: one replace */
	ASSERT_NLOK(nl, proxy_new(nl, ifi, NLM_F_REPLACE, &to_mag2));
	ASSERT_NLOK(nl, proxy_do(nl, DHA_CMD_BINDING_GET, 0, ifi, &(struct proxy_req)
				 { .kind = K_LMA, ONE_PREFIX }, proxy_get_cb, &seen));
	EXPECT_TRUE(in6_eq(&seen.bi.coa, MAG2));
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(2, peers.n);
	EXPECT_EQ(1, peer_users(&peers, MAG1));
	EXPECT_EQ(1, peer_users(&peers, MAG2));
	EXPECT_EQ(3, dha_binding_count(nl, ifi, 0))
		TH_LOG("expected the home binding and two proxy-lma bindings");
	EXPECT_EQ(2, dha_binding_count(nl, ifi, K_LMA));

	lma2.prefix[0] = "2001:db8:102::";
	EXPECT_NLERR(nl, ENOENT, proxy_new(nl, ifi, NLM_F_REPLACE, &lma2),
		     "change of a missing binding");

	/* a proxy-mag binding on the same device, its LMA a peer */
	mag.prefix[0] = "2001:db8:103::";
	ASSERT_NLOK(nl, proxy_new(nl, ifi, NLM_F_CREATE | NLM_F_EXCL, &mag));
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(1, peer_users(&peers, LMA));

	get.kind = K_LMA;
	ASSERT_NLOK(nl, proxy_do(nl, DHA_CMD_BINDING_DEL, 0, ifi, &get, NULL, NULL));
	EXPECT_NLERR(nl, ENOENT, proxy_do(nl, DHA_CMD_BINDING_DEL, 0, ifi, &get,
					   NULL, NULL), "del twice");
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(-1, peer_users(&peers, MAG2));

	ASSERT_NLOK(nl, dha_binding_flush(nl, ifi, K_LMA));
	EXPECT_EQ(1, dha_binding_count(nl, ifi, K_MAG));
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(1, peers.n);
	ASSERT_NLOK(nl, dha_binding_flush(nl, ifi, 0));
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(0, peers.n);
}

/* ---- random sequences ---- */

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

static const char *pick(const char *const *pool, size_t n)
{
	return pool[rnd() % n];
}

TEST_F(dha, proxy_random_sequences)
{
	static const char *const addrs[] = {
		MAG1, MAG2, LMA, "2001:db8:a3::2", "::", "ff02::1", "fe80::1",
	};
	static const char *const prefixes[] = {
		HNP, "2001:db8:101::", "2001:db8:102::", "2001:db8:100::1",
		"2001:db8::",
	};
	static const int lengths[] = { 64, 64, 64, 48, 56, 65, 128, 0, -1 };
	static const uint16_t flag_sets[] = {
		NLM_F_CREATE | NLM_F_EXCL, NLM_F_CREATE | NLM_F_REPLACE,
		NLM_F_REPLACE, 0,
	};
	const char *seed_env = getenv("DHA_FUZZ_SEED");
	const char *count_env = getenv("DHA_FUZZ_COUNT");
	unsigned int count = count_env ? strtoul(count_env, NULL, 0) : 3000;
	unsigned int i, ok = 0;
	struct proxy_peers peers;
	struct dha_nl *nl = &self->nl;
	int ifi = self->ifindex;

	rng_state = seed_env ? strtoull(seed_env, NULL, 0) : 0x5eed0f9a11ULL;
	TH_LOG("seed %#llx, %u requests", (unsigned long long)rng_state, count);
	for (i = 0; i < count; i++) {
		struct proxy_req r = { 0 };
		uint8_t cmd;
		int k, err;

		r.kind = rnd() % 8 ? K_LMA + rnd() % 2 : rnd() % 6;
		if (rnd() % 2 == 0)
			r.coa = pick(addrs, ARRAY_SIZE(addrs));
		if (rnd() % 2 == 0)
			r.lma = pick(addrs, ARRAY_SIZE(addrs));
		if (rnd() % 3 == 0)
			r.local = pick(addrs, ARRAY_SIZE(addrs));
		if (rnd() % 16 == 0)
			r.hoa = "2001:db8:1::100";
		if (rnd() % 16 == 0)
			r.ha = LMA;
		r.nprefix = rnd() % 8 ? 1 : rnd() % 3;
		for (k = 0; k < r.nprefix; k++) {
			r.prefix[k] = pick(prefixes, ARRAY_SIZE(prefixes));
			r.plen[k] = lengths[rnd() % ARRAY_SIZE(lengths)];
		}
		r.link_local = rnd() % 32 == 0;
		cmd = rnd() % 4 ? DHA_CMD_BINDING_NEW :
		      rnd() % 2 ? DHA_CMD_BINDING_DEL : DHA_CMD_BINDING_GET;
		err = proxy_do(nl, cmd, flag_sets[rnd() % ARRAY_SIZE(flag_sets)],
			       ifi, &r, NULL, NULL);
		ASSERT_NE(-ETIMEDOUT, err) TH_LOG("request %u got no answer", i);
		if (!err)
			ok++;
		if (err && err != -ENOENT && err != -EEXIST)
			ASSERT_TRUE(nl->sock.extack[0] || nl->sock.has_missing_type)
				TH_LOG("request %u: error %d without extack", i, err);
	}
	TH_LOG("%u requests succeeded", ok);
	EXPECT_LT(0, ok);
	/* Whatever happened, every peer goes with the last binding naming it. */
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	for (i = 0; i < (unsigned int)peers.n; i++)
		EXPECT_LT(0, peers.bindings[i]);
	ASSERT_NLOK(nl, dha_binding_flush(nl, ifi, 0));
	ASSERT_NLOK(nl, dump_proxy_peers(nl, ifi, &peers));
	EXPECT_EQ(0, peers.n);
}

/* A device deleted with proxy bindings and peers in place. */
TEST_F(dha, proxy_device_delete)
{
	struct proxy_req lma = LMA_BINDING(HNP, MAG1);
	struct proxy_req mag = MAG_BINDING("2001:db8:101::");
	struct dha_nl *nl = &self->nl;

	ASSERT_NLOK(nl, proxy_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &lma));
	ASSERT_NLOK(nl, proxy_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &mag));
	ASSERT_EQ(0, dha_sh("ip link set dha0 up && ping -c 1 -W 1 -q " HNP "1 || true"));
	ASSERT_EQ(0, dha_sh("ip link del dha0"));
	ASSERT_LT(0, dha_create_dev("dha0"));
	/* The taint check of the teardown catches a WARN of the destructor. */
}

TEST_HARNESS_MAIN
