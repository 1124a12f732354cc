// SPDX-License-Identifier: GPL-2.0
/*
 * dha generic netlink API: family, policies, flags, peers, device
 * settings, namespaces and permissions.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <sys/syscall.h>
#include <linux/capability.h>

#include "common.h"

#define COA	"2001:db8:2::2"
#define COA2	"2001:db8:2::3"
#define HOA	"2001:db8:1::100"
#define HOA2	"2001:db8:1::101"
#define HALOC	"2001:db8:5::2"

TEST_F(dha, version)
{
	struct dha_dev_info di;

	EXPECT_EQ(DHA_GENL_VERSION, self->nl.family_version);
	EXPECT_NE(0, self->nl.events_group) TH_LOG("no \"events\" multicast group");
	EXPECT_LE(GENL_MIN_ID, self->nl.family_id);

	ASSERT_NLOK(&self->nl, dha_dev_get(&self->nl, self->ifindex, &di));
	EXPECT_EQ(self->ifindex, di.ifindex);
	EXPECT_STREQ("dha0", di.ifname);
	EXPECT_FALSE(di.has_local);
	EXPECT_EQ(0, di.bindings);
	EXPECT_EQ(0, di.globals);
	EXPECT_EQ(0, di.peers);
	EXPECT_TRUE(di.has_stats);
	EXPECT_EQ(0, di.stats[DHA_A_DEV_STATS_TX_PACKETS]);
	EXPECT_EQ(0, di.stats[DHA_A_DEV_STATS_RX_DROP_SPOOFED]);
	/* the datapath contract: 1500 - 40 */
	EXPECT_EQ(0, dha_sh("ip link show dha0 | grep -q 'mtu 1460 '"))
		TH_LOG("dha0 default MTU is not 1460");
}

/* ---- policies ---- */

/*
 * Length and min/max checks come from the attribute policy, for which the
 * kernel answers ERANGE; semantic checks are EINVAL; a missing required
 * attribute is EINVAL naming it in NLMSGERR_ATTR_MISS_TYPE.
 */
struct bad_case {
	const char *name;
	int err;
	int miss;	/* attribute type reported missing, 0 if none */
};

static const struct bad_case bad_cases[] = {
	{ "15-byte home address", ERANGE, 0 },
	{ "17-byte home address", ERANGE, 0 },
	{ "15-byte care-of address", ERANGE, 0 },
	{ "15-byte home agent", ERANGE, 0 },
	{ "prefix length 0", ERANGE, 0 },
	{ "prefix length 129", ERANGE, 0 },
	{ "15-byte prefix address", ERANGE, 0 },
	{ "prefix without length", EINVAL, DHA_A_PREFIX_LENGTH },
	{ "lifetime 0", ERANGE, 0 },
	{ "1-byte lifetime", EINVAL, 0 },
	{ "unknown attribute in binding nest", EINVAL, 0 },
	{ "unknown top-level attribute", EINVAL, 0 },
	{ "missing home address", EINVAL, DHA_A_BINDING_HOME_ADDRESS },
	{ "both care-of and home agent", EINVAL, 0 },
	{ "neither care-of nor home agent", EINVAL, 0 },
	{ "kind global with care-of", EINVAL, 0 },
	{ "kind home with home agent", EINVAL, 0 },
	{ "kind out of range", ERANGE, 0 },
	{ "multicast home address", EINVAL, 0 },
	{ "unspecified home address", EINVAL, 0 },
	{ "loopback home address", EINVAL, 0 },
	{ "multicast care-of address", EINVAL, 0 },
	{ "unspecified care-of address", EINVAL, 0 },
	{ "multicast home agent", EINVAL, 0 },
	{ "prefix with host bits set", EINVAL, 0 },
	{ "17 prefixes", EINVAL, 0 },
	{ "missing ifindex", EINVAL, DHA_A_IFINDEX },
	{ "ifindex 0", ERANGE, 0 },
	{ "missing binding nest", EINVAL, DHA_A_BINDING },
	{ "binding not a nest (u32)", EINVAL, 0 },
};

static void put_raw_addr(struct dhamsg *m, uint16_t type, const char *s, size_t len)
{
	struct in6_addr a = dha_in6(s);
	char buf[32] = { 0 };

	memcpy(buf, &a, 16);
	dhamsg_put(m, type, buf, len);
}

static void put_prefix(struct dhamsg *m, const char *addr, int alen, int plen)
{
	dhamsg_nest_start(m, DHA_A_BINDING_PREFIX);
	put_raw_addr(m, DHA_A_PREFIX_ADDRESS, addr, alen);
	if (plen >= 0)
		dhamsg_put_u8(m, DHA_A_PREFIX_LENGTH, plen);
	dhamsg_nest_end(m);
}

static void fill_bad(struct dhamsg *m, int i, int ifindex)
{
	const char *name = bad_cases[i].name;
	const char *hoa = HOA, *coa = COA, *ha = NULL;
	int hoa_len = 16, coa_len = 16, k;

	if (strcmp(name, "missing ifindex")) {
		dhamsg_put_u32(m, DHA_A_IFINDEX,
			       strcmp(name, "ifindex 0") ? ifindex : 0);
	}
	if (!strcmp(name, "unknown top-level attribute"))
		dhamsg_put_u32(m, DHA_A_MAX + 7, 1);
	if (!strcmp(name, "missing binding nest"))
		return;
	if (!strcmp(name, "binding not a nest (u32)")) {
		dhamsg_put_u32(m, DHA_A_BINDING, 1);
		return;
	}

	if (!strcmp(name, "15-byte home address"))
		hoa_len = 15;
	if (!strcmp(name, "17-byte home address"))
		hoa_len = 17;
	if (!strcmp(name, "15-byte care-of address"))
		coa_len = 15;
	if (!strcmp(name, "missing home address"))
		hoa = NULL;
	if (!strcmp(name, "multicast home address"))
		hoa = "ff02::1";
	if (!strcmp(name, "unspecified home address"))
		hoa = "::";
	if (!strcmp(name, "loopback home address"))
		hoa = "::1";
	if (!strcmp(name, "multicast care-of address"))
		coa = "ff05::2";
	if (!strcmp(name, "unspecified care-of address"))
		coa = "::";
	if (!strcmp(name, "both care-of and home agent"))
		ha = HALOC;
	if (!strcmp(name, "neither care-of nor home agent"))
		coa = NULL;
	if (!strcmp(name, "15-byte home agent") ||
	    !strcmp(name, "kind home with home agent") ||
	    !strcmp(name, "multicast home agent")) {
		coa = NULL;
		ha = strcmp(name, "multicast home agent") ? HALOC : "ff0e::1";
	}

	dhamsg_nest_start(m, DHA_A_BINDING);
	if (hoa)
		put_raw_addr(m, DHA_A_BINDING_HOME_ADDRESS, hoa, hoa_len);
	if (coa)
		put_raw_addr(m, DHA_A_BINDING_CARE_OF_ADDRESS, coa, coa_len);
	if (ha)
		put_raw_addr(m, DHA_A_BINDING_HOME_AGENT, ha,
			     strcmp(name, "15-byte home agent") ? 16 : 15);
	if (!strcmp(name, "kind global with care-of"))
		dhamsg_put_u32(m, DHA_A_BINDING_KIND, DHA_BINDING_KIND_GLOBAL);
	if (!strcmp(name, "kind home with home agent"))
		dhamsg_put_u32(m, DHA_A_BINDING_KIND, DHA_BINDING_KIND_HOME);
	if (!strcmp(name, "kind out of range"))
		dhamsg_put_u32(m, DHA_A_BINDING_KIND, 77);
	if (!strcmp(name, "lifetime 0"))
		dhamsg_put_u32(m, DHA_A_BINDING_LIFETIME, 0);
	if (!strcmp(name, "1-byte lifetime"))
		dhamsg_put_u8(m, DHA_A_BINDING_LIFETIME, 5);
	if (!strcmp(name, "unknown attribute in binding nest"))
		dhamsg_put_u32(m, DHA_A_BINDING_MAX + 5, 1);
	if (!strcmp(name, "prefix length 0"))
		put_prefix(m, "2001:db8:100::", 16, 0);
	if (!strcmp(name, "prefix length 129"))
		put_prefix(m, "2001:db8:100::", 16, 129);
	if (!strcmp(name, "15-byte prefix address"))
		put_prefix(m, "2001:db8:100::", 15, 48);
	if (!strcmp(name, "prefix without length"))
		put_prefix(m, "2001:db8:100::", 16, -1);
	if (!strcmp(name, "prefix with host bits set"))
		put_prefix(m, "2001:db8:100::1", 16, 48);
	if (!strcmp(name, "17 prefixes")) {
		for (k = 0; k < 17; k++) {
			char p[64];

			snprintf(p, sizeof(p), "2001:db8:100:%x::", k);
			put_prefix(m, p, 16, 64);
		}
	}
	dhamsg_nest_end(m);
}

TEST_F(dha, policy_binding_new)
{
	struct dha_dev_info di;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		struct dhamsg m;

		dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_NEW,
			    NLM_F_CREATE | NLM_F_EXCL);
		fill_bad(&m, i, self->ifindex);
		if (bad_cases[i].miss)
			EXPECT_NLMISS(&self->nl, bad_cases[i].miss,
				      dhanl_do(&self->nl, &m, NULL, NULL), bad_cases[i].name);
		else
			EXPECT_NLERR(&self->nl, bad_cases[i].err,
				     dhanl_do(&self->nl, &m, NULL, NULL), bad_cases[i].name);
	}
	/* None of them left anything behind. */
	EXPECT_EQ(0, dha_binding_count(&self->nl, self->ifindex, 0));
	ASSERT_NLOK(&self->nl, dha_dev_get(&self->nl, self->ifindex, &di));
	EXPECT_EQ(0, di.bindings);
	EXPECT_EQ(0, di.globals);

	/* ...and the valid version of the request works (the test can pass). */
	struct dha_binding_req ok = { .hoa = HOA, .coa = COA, .lifetime = 60,
				      .prefixes = { "2001:db8:100::/48" } };
	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_EXCL, &ok));
	EXPECT_EQ(1, dha_binding_count(&self->nl, self->ifindex, 0));
}

TEST_F(dha, policy_other_commands)
{
	struct dhamsg m;
	struct in6_addr a = dha_in6("2001:db8::1");

	/* dev-set: 15-byte local, missing local */
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_DEV_SET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_put(&m, DHA_A_LOCAL, &a, 15);
	EXPECT_NLERR(&self->nl, ERANGE, dhanl_do(&self->nl, &m, NULL, NULL),
		     "dev-set 15-byte local");

	dhamsg_init(&m, self->nl.family_id, DHA_CMD_DEV_SET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	EXPECT_NLMISS(&self->nl, DHA_A_LOCAL, dhanl_do(&self->nl, &m, NULL, NULL),
		      "dev-set without local");

	/* peer-new: 15-byte address, missing address, unknown inner attr */
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_PEER_NEW, NLM_F_CREATE | NLM_F_EXCL);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_nest_start(&m, DHA_A_PEER);
	dhamsg_put(&m, DHA_A_PEER_ADDRESS, &a, 15);
	dhamsg_nest_end(&m);
	EXPECT_NLERR(&self->nl, ERANGE, dhanl_do(&self->nl, &m, NULL, NULL),
		     "peer-new 15-byte address");

	dhamsg_init(&m, self->nl.family_id, DHA_CMD_PEER_NEW, NLM_F_CREATE | NLM_F_EXCL);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_nest_start(&m, DHA_A_PEER);
	dhamsg_nest_end(&m);
	EXPECT_NLMISS(&self->nl, DHA_A_PEER_ADDRESS, dhanl_do(&self->nl, &m, NULL, NULL),
		      "peer-new without address");

	dhamsg_init(&m, self->nl.family_id, DHA_CMD_PEER_NEW, NLM_F_CREATE | NLM_F_EXCL);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_nest_start(&m, DHA_A_PEER);
	dhamsg_put_in6(&m, DHA_A_PEER_ADDRESS, &a);
	dhamsg_put_u32(&m, DHA_A_PEER_MAX + 3, 0);
	dhamsg_nest_end(&m);
	EXPECT_NLERR(&self->nl, EINVAL, dhanl_do(&self->nl, &m, NULL, NULL),
		     "peer-new unknown attribute");

	/* binding-del / get: missing or short home address */
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_DEL, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_nest_start(&m, DHA_A_BINDING);
	dhamsg_nest_end(&m);
	EXPECT_NLMISS(&self->nl, DHA_A_BINDING_HOME_ADDRESS,
		      dhanl_do(&self->nl, &m, NULL, NULL), "binding-del without home address");

	dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_GET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_nest_start(&m, DHA_A_BINDING);
	dhamsg_put(&m, DHA_A_BINDING_HOME_ADDRESS, &a, 15);
	dhamsg_nest_end(&m);
	EXPECT_NLERR(&self->nl, ERANGE, dhanl_do(&self->nl, &m, NULL, NULL),
		     "binding-get 15-byte home address");

	/* binding-flush with an out-of-range kind */
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_FLUSH, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	dhamsg_nest_start(&m, DHA_A_BINDING);
	dhamsg_put_u32(&m, DHA_A_BINDING_KIND, 9);
	dhamsg_nest_end(&m);
	EXPECT_NLERR(&self->nl, ERANGE, dhanl_do(&self->nl, &m, NULL, NULL),
		     "binding-flush kind 9");

	/* dev-get without ifindex is not a valid "do" */
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_DEV_GET, 0);
	EXPECT_NLMISS(&self->nl, DHA_A_IFINDEX, dhanl_do(&self->nl, &m, NULL, NULL),
		      "dev-get without ifindex");
}

TEST_F(dha, not_a_dha_device)
{
	struct dha_binding_req b = { .hoa = HOA, .coa = COA };
	struct dha_binding_info bi;
	struct dha_dev_info di;
	int lo = if_nametoindex("lo");

	ASSERT_LT(0, lo);
	EXPECT_NLERR(&self->nl, ENODEV,
		     dha_binding_new(&self->nl, lo, NLM_F_CREATE | NLM_F_EXCL, &b),
		     "binding-new on lo");
	EXPECT_NLERR(&self->nl, ENODEV, dha_binding_get(&self->nl, lo, HOA, &bi),
		     "binding-get on lo");
	EXPECT_NLERR(&self->nl, ENODEV, dha_binding_del(&self->nl, lo, HOA, 0),
		     "binding-del on lo");
	EXPECT_NLERR(&self->nl, ENODEV, dha_binding_flush(&self->nl, lo, 0),
		     "binding-flush on lo");
	EXPECT_NLERR(&self->nl, ENODEV, dha_dev_get(&self->nl, lo, &di), "dev-get on lo");
	EXPECT_NLERR(&self->nl, ENODEV, dha_dev_set_local(&self->nl, lo, "2001:db8::1"),
		     "dev-set on lo");
	EXPECT_NLERR(&self->nl, ENODEV,
		     dha_peer(&self->nl, DHA_CMD_PEER_NEW, lo, "2001:db8::1"),
		     "peer-new on lo");
	EXPECT_NLERR(&self->nl, ENODEV, dha_dev_get(&self->nl, 0x7ffff0, &di),
		     "dev-get on a missing ifindex");
	EXPECT_NLERR(&self->nl, ENODEV,
		     dha_binding_new(&self->nl, 0x7ffff0, NLM_F_CREATE | NLM_F_EXCL, &b),
		     "binding-new on a missing ifindex");
	/* binding dump restricted to lo */
	EXPECT_GE(0, dha_binding_count(&self->nl, lo, 0));
}

/* ---- flags ---- */

TEST_F(dha, create_replace_semantics)
{
	struct dha_binding_req b = { .hoa = HOA, .coa = COA, .lifetime = 600,
				     .prefixes = { "2001:db8:100::/48" } };
	struct dha_binding_req b2 = { .hoa = HOA, .coa = COA2,
				      .prefixes = { "2001:db8:200::/56", "2001:db8:300::/64" } };
	struct dha_binding_req missing = { .hoa = HOA2, .coa = COA };
	struct dha_binding_info bi;
	struct dha_nl *nl = &self->nl;
	int idx = self->ifindex;

	/* !exists && !CREATE -> ENOENT, with or without REPLACE */
	EXPECT_NLERR(nl, ENOENT, dha_binding_new(nl, idx, NLM_F_REPLACE, &missing),
		     "REPLACE on a missing binding");
	EXPECT_NLERR(nl, ENOENT, dha_binding_new(nl, idx, 0, &missing),
		     "no flags on a missing binding");
	EXPECT_NLERR(nl, ENOENT, dha_binding_get(nl, idx, HOA2, &bi), "get missing");

	/* CREATE|EXCL = add; twice -> EEXIST; CREATE alone on existing -> EEXIST */
	ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &b));
	EXPECT_NLERR(nl, EEXIST, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &b),
		     "CREATE|EXCL twice");
	EXPECT_NLERR(nl, EEXIST, dha_binding_new(nl, idx, NLM_F_CREATE, &b2),
		     "CREATE alone on existing");
	/* the failed requests changed nothing */
	ASSERT_NLOK(nl, dha_binding_get(nl, idx, HOA, &bi));
	EXPECT_TRUE(in6_eq(&bi.coa, COA)) TH_LOG("coa %s", in6_str(&bi.coa));
	EXPECT_EQ(DHA_BINDING_KIND_HOME, bi.kind);
	EXPECT_EQ(self->ifindex, bi.ifindex);
	EXPECT_TRUE(bi.has_lifetime);
	EXPECT_LE(598, bi.lifetime);
	EXPECT_GE(600, bi.lifetime);
	EXPECT_TRUE(bi.has_stats);
	EXPECT_EQ(0, bi.tx_packets);
	ASSERT_EQ(1, bi.nprefix);
	EXPECT_TRUE(in6_eq(&bi.prefix[0], "2001:db8:100::"));
	EXPECT_EQ(48, bi.plen[0]);

	/* CREATE|REPLACE replaces target, prefixes and lifetime */
	ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_REPLACE, &b2));
	ASSERT_NLOK(nl, dha_binding_get(nl, idx, HOA, &bi));
	EXPECT_TRUE(in6_eq(&bi.coa, COA2)) TH_LOG("coa %s", in6_str(&bi.coa));
	EXPECT_FALSE(bi.has_lifetime) TH_LOG("lifetime %u kept after replace", bi.lifetime);
	EXPECT_TRUE(bi.has_stats);
	ASSERT_EQ(2, bi.nprefix);
	EXPECT_TRUE((in6_eq(&bi.prefix[0], "2001:db8:200::") && bi.plen[0] == 56 &&
		     in6_eq(&bi.prefix[1], "2001:db8:300::") && bi.plen[1] == 64) ||
		    (in6_eq(&bi.prefix[1], "2001:db8:200::") && bi.plen[1] == 56 &&
		     in6_eq(&bi.prefix[0], "2001:db8:300::") && bi.plen[0] == 64));

	/* REPLACE alone changes an existing one */
	b.lifetime = 30;
	ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_REPLACE, &b));
	ASSERT_NLOK(nl, dha_binding_get(nl, idx, HOA, &bi));
	EXPECT_TRUE(in6_eq(&bi.coa, COA));
	EXPECT_TRUE(bi.has_lifetime);
	EXPECT_GE(30, bi.lifetime);
	EXPECT_LE(28, bi.lifetime);
	EXPECT_EQ(1, bi.nprefix);

	/* still exactly one binding */
	EXPECT_EQ(1, dha_binding_count(nl, idx, 0));

	/* del of missing -> ENOENT; del works once */
	EXPECT_NLERR(nl, ENOENT, dha_binding_del(nl, idx, HOA2, 0), "del missing");
	ASSERT_NLOK(nl, dha_binding_del(nl, idx, HOA, 0));
	EXPECT_NLERR(nl, ENOENT, dha_binding_del(nl, idx, HOA, 0), "del twice");
	EXPECT_NLERR(nl, ENOENT, dha_binding_get(nl, idx, HOA, &bi), "get deleted");
	EXPECT_EQ(0, dha_binding_count(nl, idx, 0));
}

TEST_F(dha, prefix_conflict)
{
	struct dha_binding_req a = { .hoa = HOA, .coa = COA,
				     .prefixes = { "2001:db8:100::/48" } };
	struct dha_binding_req b = { .hoa = HOA2, .coa = COA2,
				     .prefixes = { "2001:db8:100::/48" } };
	struct dha_binding_req c = { .hoa = HOA2, .coa = COA2,
				     .prefixes = { "2001:db8:101::/48" } };
	struct dha_nl *nl = &self->nl;

	ASSERT_NLOK(nl, dha_binding_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &a));
	EXPECT_NLERR(nl, EEXIST,
		     dha_binding_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &b),
		     "prefix served by another binding");
	EXPECT_EQ(1, dha_binding_count(nl, self->ifindex, 0));
	/* replacing the owner with its own prefix is fine */
	ASSERT_NLOK(nl, dha_binding_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_REPLACE, &a));
	ASSERT_NLOK(nl, dha_binding_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &c));
	/* once the owner is gone, its prefix is free again */
	ASSERT_NLOK(nl, dha_binding_del(nl, self->ifindex, HOA, 0));
	b.hoa = "2001:db8:1::102";
	ASSERT_NLOK(nl, dha_binding_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &b));
	EXPECT_EQ(2, dha_binding_count(nl, self->ifindex, 0));
}

TEST_F(dha, kinds_del_flush_counts)
{
	struct dha_nl *nl = &self->nl;
	int idx = self->ifindex;
	struct dha_binding_info bi;
	struct dha_dev_info di;
	char hoa[64];
	int i;

	for (i = 0; i < 3; i++) {
		struct dha_binding_req b = { .hoa = hoa, .coa = COA };

		snprintf(hoa, sizeof(hoa), "2001:db8:1::%x", 0x10 + i);
		ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &b));
	}
	for (i = 0; i < 2; i++) {
		struct dha_binding_req g = { .hoa = hoa, .ha = HALOC, .lifetime = 100 };

		snprintf(hoa, sizeof(hoa), "2001:db8:1::%x", 0x20 + i);
		ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &g));
	}
	/* a home address has one binding: a global one for a home HoA -> EEXIST */
	{
		struct dha_binding_req g = { .hoa = "2001:db8:1::10", .ha = HALOC };

		EXPECT_NLERR(nl, EEXIST,
			     dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &g),
			     "global binding over a home binding");
	}
	ASSERT_NLOK(nl, dha_binding_get(nl, idx, "2001:db8:1::20", &bi));
	EXPECT_EQ(DHA_BINDING_KIND_GLOBAL, bi.kind);
	EXPECT_TRUE(bi.has_ha);
	EXPECT_FALSE(bi.has_coa);
	EXPECT_TRUE(in6_eq(&bi.ha, HALOC));

	ASSERT_NLOK(nl, dha_dev_get(nl, idx, &di));
	EXPECT_EQ(3, di.bindings);
	EXPECT_EQ(2, di.globals);
	EXPECT_EQ(5, dha_binding_count(nl, idx, 0));
	EXPECT_EQ(3, dha_binding_count(nl, idx, DHA_BINDING_KIND_HOME));
	EXPECT_EQ(2, dha_binding_count(nl, idx, DHA_BINDING_KIND_GLOBAL));
	EXPECT_EQ(5, dha_binding_count(nl, 0, 0));

	/* del with the wrong kind does not delete */
	EXPECT_NLERR(nl, ENOENT,
		     dha_binding_del(nl, idx, "2001:db8:1::10", DHA_BINDING_KIND_GLOBAL),
		     "del home binding as global");
	EXPECT_NLERR(nl, ENOENT,
		     dha_binding_del(nl, idx, "2001:db8:1::20", DHA_BINDING_KIND_HOME),
		     "del global binding as home");
	EXPECT_EQ(5, dha_binding_count(nl, idx, 0));
	ASSERT_NLOK(nl, dha_binding_del(nl, idx, "2001:db8:1::10", DHA_BINDING_KIND_HOME));
	ASSERT_NLOK(nl, dha_binding_del(nl, idx, "2001:db8:1::20", DHA_BINDING_KIND_GLOBAL));
	EXPECT_EQ(3, dha_binding_count(nl, idx, 0));

	/* flush by kind */
	ASSERT_NLOK(nl, dha_binding_flush(nl, idx, DHA_BINDING_KIND_GLOBAL));
	EXPECT_EQ(2, dha_binding_count(nl, idx, DHA_BINDING_KIND_HOME));
	EXPECT_EQ(0, dha_binding_count(nl, idx, DHA_BINDING_KIND_GLOBAL));
	ASSERT_NLOK(nl, dha_dev_get(nl, idx, &di));
	EXPECT_EQ(2, di.bindings);
	EXPECT_EQ(0, di.globals);
	ASSERT_NLOK(nl, dha_binding_flush(nl, idx, 0));
	EXPECT_EQ(0, dha_binding_count(nl, idx, 0));
	ASSERT_NLOK(nl, dha_dev_get(nl, idx, &di));
	EXPECT_EQ(0, di.bindings);
	/* flushing an empty table is not an error */
	ASSERT_NLOK(nl, dha_binding_flush(nl, idx, 0));
}

/* ---- peers ---- */

struct peer_seen {
	int n;
	int ifindex;
	bool a, b;
	bool counters;
};

static int peer_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct peer_seen *s = arg;
	dhanl_tb tb, ptb;
	struct in6_addr a;

	dhanl_parse_msg(tb, nlh);
	if (!tb[DHA_A_PEER])
		return 0;
	dhanl_parse_nest(ptb, tb[DHA_A_PEER]);
	if (!dhanl_in6(ptb[DHA_A_PEER_ADDRESS], &a))
		return 0;
	s->n++;
	if (tb[DHA_A_IFINDEX])
		s->ifindex = dhanl_u32(tb[DHA_A_IFINDEX]);
	if (in6_eq(&a, "2001:db8:5::1"))
		s->a = true;
	if (in6_eq(&a, "2001:db8:5::3"))
		s->b = true;
	s->counters = ptb[DHA_A_PEER_RX_PACKETS] && ptb[DHA_A_PEER_RX_BYTES] &&
		      dhanl_uint(ptb[DHA_A_PEER_RX_PACKETS]) == 0;
	return 0;
}

static int dump_peers(struct dha_nl *nl, int ifindex, struct peer_seen *s)
{
	struct dhamsg m;

	memset(s, 0, sizeof(*s));
	dhamsg_init(&m, nl->family_id, DHA_CMD_PEER_GET, 0);
	if (ifindex)
		dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
	return dhanl_dump(nl, &m, peer_cb, s);
}

TEST_F(dha, peers)
{
	struct dha_nl *nl = &self->nl;
	int idx = self->ifindex;
	struct dha_dev_info di;
	struct peer_seen s;

	ASSERT_NLOK(nl, dump_peers(nl, idx, &s));
	EXPECT_EQ(0, s.n);
	ASSERT_NLOK(nl, dha_peer(nl, DHA_CMD_PEER_NEW, idx, "2001:db8:5::1"));
	EXPECT_NLERR(nl, EEXIST, dha_peer(nl, DHA_CMD_PEER_NEW, idx, "2001:db8:5::1"),
		     "peer twice");
	ASSERT_NLOK(nl, dha_peer(nl, DHA_CMD_PEER_NEW, idx, "2001:db8:5::3"));
	ASSERT_NLOK(nl, dump_peers(nl, idx, &s));
	EXPECT_EQ(2, s.n);
	EXPECT_TRUE(s.a);
	EXPECT_TRUE(s.b);
	EXPECT_EQ(idx, s.ifindex);
	EXPECT_TRUE(s.counters) TH_LOG("peer rx counters missing or not zero");
	ASSERT_NLOK(nl, dump_peers(nl, 0, &s));
	EXPECT_EQ(2, s.n);
	ASSERT_NLOK(nl, dha_dev_get(nl, idx, &di));
	EXPECT_EQ(2, di.peers);

	EXPECT_NLERR(nl, ENOENT, dha_peer(nl, DHA_CMD_PEER_DEL, idx, "2001:db8:5::9"),
		     "del missing peer");
	ASSERT_NLOK(nl, dha_peer(nl, DHA_CMD_PEER_DEL, idx, "2001:db8:5::1"));
	EXPECT_NLERR(nl, ENOENT, dha_peer(nl, DHA_CMD_PEER_DEL, idx, "2001:db8:5::1"),
		     "del peer twice");
	ASSERT_NLOK(nl, dump_peers(nl, idx, &s));
	EXPECT_EQ(1, s.n);
	EXPECT_FALSE(s.a);
	EXPECT_TRUE(s.b);
	ASSERT_NLOK(nl, dha_dev_get(nl, idx, &di));
	EXPECT_EQ(1, di.peers);
}

/* ---- device settings ---- */

struct dev_seen {
	int n;
	bool dha0, dha1;
};

static int dev_dump_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct dev_seen *s = arg;
	dhanl_tb tb;

	dhanl_parse_msg(tb, nlh);
	if (!tb[DHA_A_IFINDEX] || !tb[DHA_A_IFNAME])
		return 0;
	s->n++;
	if (!strcmp(dhanl_data(tb[DHA_A_IFNAME]), "dha0"))
		s->dha0 = true;
	if (!strcmp(dhanl_data(tb[DHA_A_IFNAME]), "dha1"))
		s->dha1 = true;
	return 0;
}

TEST_F(dha, dev_set_get)
{
	struct dha_nl *nl = &self->nl;
	struct dev_seen s = { 0 };
	struct dha_dev_info di;
	struct dhamsg m;
	int idx1;

	ASSERT_NLOK(nl, dha_dev_set_local(nl, self->ifindex, "2001:db8:4::1"));
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_TRUE(di.has_local);
	EXPECT_TRUE(in6_eq(&di.local, "2001:db8:4::1")) TH_LOG("local %s", in6_str(&di.local));

	ASSERT_NLOK(nl, dha_dev_set_local(nl, self->ifindex, "2001:db8:4::9"));
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_TRUE(in6_eq(&di.local, "2001:db8:4::9"));

	idx1 = dha_create_dev("dha1");
	ASSERT_LT(0, idx1);
	ASSERT_NLOK(nl, dha_dev_get(nl, idx1, &di));
	EXPECT_FALSE(di.has_local) TH_LOG("dha1 got dha0's local address");
	EXPECT_STREQ("dha1", di.ifname);

	dhamsg_init(&m, nl->family_id, DHA_CMD_DEV_GET, 0);
	ASSERT_NLOK(nl, dhanl_dump(nl, &m, dev_dump_cb, &s));
	EXPECT_EQ(2, s.n);
	EXPECT_TRUE(s.dha0);
	EXPECT_TRUE(s.dha1);

	ASSERT_NLOK(nl, dha_dev_set_local(nl, self->ifindex, "::"));
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_FALSE(di.has_local) TH_LOG("local %s not cleared", in6_str(&di.local));
	/* a rename shows up */
	ASSERT_EQ(0, dha_sh("ip link set dha1 down && ip link set dha1 name hax7 && ip link set hax7 up"));
	ASSERT_NLOK(nl, dha_dev_get(nl, idx1, &di));
	EXPECT_STREQ("hax7", di.ifname);
}

TEST_F(dha, device_delete)
{
	struct dha_binding_req b = { .hoa = HOA, .coa = COA };
	struct dha_nl *nl = &self->nl;
	struct dha_binding_info bi;
	int idx;

	ASSERT_NLOK(nl, dha_binding_new(nl, self->ifindex, NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_NLOK(nl, dha_peer(nl, DHA_CMD_PEER_NEW, self->ifindex, "2001:db8:5::1"));
	ASSERT_EQ(0, dha_sh("ip link del dha0"));
	EXPECT_NLERR(nl, ENODEV, dha_binding_get(nl, self->ifindex, HOA, &bi),
		     "get on a deleted device");
	EXPECT_EQ(0, dha_binding_count(nl, 0, 0));
	idx = dha_create_dev("dha0");
	ASSERT_LT(0, idx);
	EXPECT_EQ(0, dha_binding_count(nl, idx, 0)) TH_LOG("bindings survived ip link del");
	ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &b));
	EXPECT_EQ(1, dha_binding_count(nl, 0, 0));
}

/* ---- namespaces ---- */

TEST_F(dha, netns_isolation)
{
	struct dha_binding_req b = { .hoa = HOA, .coa = COA };
	struct dha_binding_req b2 = { .hoa = HOA, .coa = COA2 };
	struct dha_binding_info bi;
	struct dha_dev_info di;
	struct dha_nl nlb;
	int idx_a, idx_b;

	/* push dha0 of A to an ifindex that B will not use */
	ASSERT_EQ(0, dha_sh("ip link del dha0"));
	ASSERT_EQ(0, dha_sh("for i in 1 2 3 4 5 6; do ip link add dha_pad$i type dha || exit 1; done"));
	idx_a = dha_create_dev("dha0");
	ASSERT_LT(5, idx_a);
	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, idx_a,
					       NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_NLOK(&self->nl, dha_dev_set_local(&self->nl, idx_a, "2001:db8:4::1"));

	ASSERT_EQ(0, dha_enter_netns());	/* now in B */
	ASSERT_NLOK(&nlb, dha_nl_open(&nlb));
	idx_b = dha_create_dev("dha0");
	ASSERT_LT(0, idx_b);
	ASSERT_NE(idx_a, idx_b);

	EXPECT_NLERR(&nlb, ENODEV, dha_binding_get(&nlb, idx_a, HOA, &bi),
		     "A's ifindex from B");
	EXPECT_NLERR(&nlb, ENODEV, dha_dev_get(&nlb, idx_a, &di), "A's device from B");
	EXPECT_NLERR(&nlb, ENODEV,
		     dha_binding_new(&nlb, idx_a, NLM_F_CREATE | NLM_F_EXCL, &b2),
		     "add to A's ifindex from B");
	EXPECT_NLERR(&nlb, ENOENT, dha_binding_get(&nlb, idx_b, HOA, &bi),
		     "A's binding on B's device");
	EXPECT_EQ(0, dha_binding_count(&nlb, 0, 0));
	ASSERT_NLOK(&nlb, dha_dev_get(&nlb, idx_b, &di));
	EXPECT_FALSE(di.has_local);

	/* the same home address in B is independent */
	ASSERT_NLOK(&nlb, dha_binding_new(&nlb, idx_b, NLM_F_CREATE | NLM_F_EXCL, &b2));
	ASSERT_NLOK(&nlb, dha_binding_get(&nlb, idx_b, HOA, &bi));
	EXPECT_TRUE(in6_eq(&bi.coa, COA2));
	ASSERT_NLOK(&nlb, dha_binding_flush(&nlb, idx_b, 0));

	/* A's socket still talks to A, unchanged */
	ASSERT_NLOK(&self->nl, dha_binding_get(&self->nl, idx_a, HOA, &bi));
	EXPECT_TRUE(in6_eq(&bi.coa, COA));
	EXPECT_EQ(1, dha_binding_count(&self->nl, 0, 0));
	dha_nl_close(&nlb);
}

/* ---- permissions ---- */

static int drop_cap(int cap)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -errno;
	d[cap / 32].effective &= ~(1U << (cap % 32));
	d[cap / 32].permitted &= ~(1U << (cap % 32));
	d[cap / 32].inheritable &= ~(1U << (cap % 32));
	if (syscall(SYS_capset, &h, d))
		return -errno;
	return 0;
}

TEST_F(dha, no_cap_net_admin)
{
	struct dha_binding_req b = { .hoa = HOA, .coa = COA };
	struct dha_binding_req b2 = { .hoa = HOA2, .coa = COA };
	struct dha_nl *nl = &self->nl, nl2;
	struct dha_binding_info bi;
	struct dha_dev_info di;
	struct peer_seen s;
	int idx = self->ifindex;
	int pass;

	ASSERT_NLOK(nl, dha_binding_new(nl, idx, NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_NLOK(nl, dha_peer(nl, DHA_CMD_PEER_NEW, idx, "2001:db8:5::1"));
	ASSERT_NLOK(nl, dha_dev_set_local(nl, idx, "2001:db8:4::1"));
	ASSERT_EQ(0, drop_cap(CAP_NET_ADMIN));
	/* one socket opened with the capability, one without */
	ASSERT_NLOK(&nl2, dha_nl_open(&nl2));

	for (pass = 0; pass < 2; pass++) {
		struct dha_nl *n = pass ? &nl2 : nl;

		EXPECT_EQ(-EPERM, dha_binding_new(n, idx, NLM_F_CREATE | NLM_F_EXCL, &b2));
		EXPECT_EQ(-EPERM, dha_binding_new(n, idx, NLM_F_CREATE | NLM_F_REPLACE, &b));
		EXPECT_EQ(-EPERM, dha_binding_del(n, idx, HOA, 0));
		EXPECT_EQ(-EPERM, dha_binding_flush(n, idx, 0));
		EXPECT_EQ(-EPERM, dha_peer(n, DHA_CMD_PEER_NEW, idx, "2001:db8:5::2"));
		EXPECT_EQ(-EPERM, dha_peer(n, DHA_CMD_PEER_DEL, idx, "2001:db8:5::1"));
		EXPECT_EQ(-EPERM, dha_dev_set_local(n, idx, "::"));

		EXPECT_EQ(0, dha_dev_get(n, idx, &di));
		EXPECT_TRUE(in6_eq(&di.local, "2001:db8:4::1"));
		EXPECT_EQ(1, di.bindings);
		EXPECT_EQ(1, di.peers);
		EXPECT_EQ(0, dha_binding_get(n, idx, HOA, &bi));
		EXPECT_TRUE(in6_eq(&bi.coa, COA));
		EXPECT_EQ(1, dha_binding_count(n, idx, 0));
		EXPECT_EQ(0, dump_peers(n, idx, &s));
		EXPECT_EQ(1, s.n);
	}
	dha_nl_close(&nl2);
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

/*
 * The contract: CAP_NET_ADMIN in the user namespace owning the netns is
 * enough (GENL_UNS_ADMIN_PERM). The process below has no capability in
 * the initial user namespace but owns its netns.
 */
TEST(userns_owner_is_admin)
{
	struct dha_binding_req b = { .hoa = HOA, .coa = COA };
	struct dha_nl nl;
	char map[64];
	int uid = getuid(), gid = getgid(), idx, err;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		SKIP(return, "cannot create a user namespace: %s", strerror(errno));
	ASSERT_EQ(0, write_file("/proc/self/setgroups", "deny"));
	snprintf(map, sizeof(map), "0 %d 1", uid);
	ASSERT_EQ(0, write_file("/proc/self/uid_map", map));
	snprintf(map, sizeof(map), "0 %d 1", gid);
	ASSERT_EQ(0, write_file("/proc/self/gid_map", map));

	err = dha_nl_open(&nl);
	if (err == -ENOENT)
		SKIP(return, "dha module not loaded");
	ASSERT_EQ(0, err);
	idx = dha_create_dev("dha0");
	ASSERT_LT(0, idx) TH_LOG("cannot create a dha device in a user-owned netns");
	ASSERT_NLOK(&nl, dha_binding_new(&nl, idx, NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_NLOK(&nl, dha_peer(&nl, DHA_CMD_PEER_NEW, idx, "2001:db8:5::1"));
	ASSERT_NLOK(&nl, dha_dev_set_local(&nl, idx, "2001:db8:4::1"));
	EXPECT_EQ(1, dha_binding_count(&nl, idx, 0));
	dha_nl_close(&nl);
}

TEST_HARNESS_MAIN
