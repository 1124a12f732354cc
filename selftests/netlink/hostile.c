// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile requests: random commands, flags, attribute trees and corrupted
 * bytes. The kernel must answer every one, mostly with errors, must not
 * warn or oops, and the device must still work afterwards.
 *
 * DHA_FUZZ_SEED and DHA_FUZZ_COUNT override the seed and the count.
 */
#define _GNU_SOURCE
#include <net/if.h>

#include "common.h"

static uint64_t rng_state;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

static const char *const addr_pool[] = {
	"::", "::1", "ff02::1", "fe80::1", "2001:db8:1::100", "2001:db8:2::2",
	"2001:db8:100::", "2001:db8:5::1", "::ffff:10.0.0.1",
};

static void rnd_payload(uint8_t *p, size_t len, int ifindex)
{
	size_t i;

	if (len == 16 && rnd() % 2) {
		struct in6_addr a = dha_in6(addr_pool[rnd() % ARRAY_SIZE(addr_pool)]);

		memcpy(p, &a, 16);
		return;
	}
	if (len == 4 && rnd() % 2) {
		uint32_t v[] = { 0, 1, (uint32_t)ifindex, 2, 3, 128, 0xffffffff };

		memcpy(p, &v[rnd() % ARRAY_SIZE(v)], 4);
		return;
	}
	for (i = 0; i < len; i++)
		p[i] = rnd();
}

static void rnd_attrs(struct dhamsg *m, int depth, int ifindex)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 4, 8, 15, 16, 16, 17, 32 };
	int n = rnd() % 6, i;

	for (i = 0; i < n; i++) {
		uint16_t type = rnd() % 16;
		uint8_t data[80];
		size_t len;

		if (depth < 3 && rnd() % 3 == 0) {
			dhamsg_nest_start(m, type);
			rnd_attrs(m, depth + 1, ifindex);
			dhamsg_nest_end(m);
			continue;
		}
		len = rnd() % 4 ? lens[rnd() % ARRAY_SIZE(lens)] : rnd() % 80;
		rnd_payload(data, len, ifindex);
		if (rnd() % 16 == 0)
			type |= NLA_F_NESTED;
		if (rnd() % 32 == 0)
			type |= NLA_F_NET_BYTEORDER;
		dhamsg_put(m, type, data, len);
	}
}

static void build_one(struct dhamsg *m, uint16_t family, int ifindex)
{
	uint16_t flags = 0;
	struct genlmsghdr *g;
	uint8_t cmd;

	cmd = rnd() % 4 ? 1 + rnd() % DHA_CMD_MAX : rnd() % 256;
	if (rnd() % 2)
		flags |= NLM_F_CREATE;
	if (rnd() % 3 == 0)
		flags |= NLM_F_EXCL;
	if (rnd() % 3 == 0)
		flags |= NLM_F_REPLACE;
	if (rnd() % 8 == 0)
		flags |= NLM_F_DUMP;
	if (rnd() % 16 == 0)
		flags |= NLM_F_APPEND;
	dhamsg_init(m, family, cmd, flags);
	g = NLMSG_DATA(&m->nlh);
	if (rnd() % 16 == 0)
		g->version = rnd();
	if (rnd() % 16 == 0)
		g->reserved = rnd();

	if (rnd() % 3)
		dhamsg_put_u32(m, DHA_A_IFINDEX, rnd() % 8 ? (uint32_t)ifindex : rnd() % 4);
	rnd_attrs(m, 0, ifindex);

	switch (rnd() % 10) {
	case 0: {
		/* flip bytes after the genl header: lying nla_len, types */
		size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN, body = m->nlh.nlmsg_len - hdr;
		int k, flips = 1 + rnd() % 4;

		for (k = 0; body && k < flips; k++)
			m->buf[hdr + rnd() % body] = rnd();
		break;
	}
	case 1:
		/* truncate: maybe inside an attribute, maybe inside genlmsghdr */
		m->nlh.nlmsg_len = NLMSG_HDRLEN + rnd() % (m->nlh.nlmsg_len - NLMSG_HDRLEN + 1);
		break;
	default:
		break;
	}
}

static void fuzz_round(struct __test_metadata *_metadata, struct dha_nl *nl, int ifindex,
		       unsigned int count, unsigned int *errors)
{
	unsigned int i;

	*errors = 0;
	for (i = 0; i < count; i++) {
		struct dhamsg m;
		int seq, r;

		build_one(&m, nl->family_id, ifindex);
		m.nlh.nlmsg_flags |= NLM_F_ACK;
		m.nlh.nlmsg_seq = ++nl->sock.seq;
		seq = m.nlh.nlmsg_seq;
		r = nlsock_send(&nl->sock, m.buf, m.nlh.nlmsg_len);
		ASSERT_EQ(0, r) TH_LOG("send %u: %s", i, strerror(-r));
		r = nlsock_wait(&nl->sock, seq, NULL, NULL, 10000, NULL);
		ASSERT_NE(-ETIMEDOUT, r) TH_LOG("message %u (cmd %u) got no answer", i,
					       ((struct genlmsghdr *)NLMSG_DATA(&m.nlh))->cmd);
		if (r)
			(*errors)++;
	}
}

static void check_alive(struct __test_metadata *_metadata, struct dha_nl *nl, int ifindex)
{
	struct dha_binding_req b = { .hoa = "2001:db8:1::100", .coa = "2001:db8:2::2" };
	struct dha_binding_info bi;
	struct dha_dev_info di;

	ASSERT_NLOK(nl, dha_dev_get(nl, ifindex, &di));
	EXPECT_STREQ("dha0", di.ifname);
	ASSERT_NLOK(nl, dha_binding_flush(nl, ifindex, 0));
	EXPECT_EQ(0, dha_binding_count(nl, ifindex, 0));
	ASSERT_NLOK(nl, dha_binding_new(nl, ifindex, NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_NLOK(nl, dha_binding_get(nl, ifindex, b.hoa, &bi));
	EXPECT_TRUE(in6_eq(&bi.coa, b.coa));
	ASSERT_NLOK(nl, dha_binding_del(nl, ifindex, b.hoa, 0));
	ASSERT_NLOK(nl, dha_dev_set_local(nl, ifindex, "2001:db8:4::1"));
	ASSERT_NLOK(nl, dha_dev_get(nl, ifindex, &di));
	EXPECT_TRUE(in6_eq(&di.local, "2001:db8:4::1"));
	ASSERT_EQ(0, dha_sh("ip link set dha0 down && ip link set dha0 up"));
}

/* dev-set home-link and home-prefix; a prefix of -1 length: none. */
static void home_msg(struct dhamsg *m, struct dha_nl *nl, int ifindex,
		     uint32_t link, const char *const *prefixes,
		     const int *lengths, int n)
{
	struct in6_addr a;
	int i;

	dhamsg_init(m, nl->family_id, DHA_CMD_DEV_SET, 0);
	dhamsg_put_u32(m, DHA_A_IFINDEX, ifindex);
	if (link != 0xffffffff)
		dhamsg_put_u32(m, DHA_A_HOME_LINK, link);
	for (i = 0; i < n; i++) {
		a = dha_in6(prefixes[i]);
		dhamsg_nest_start(m, DHA_A_HOME_PREFIX);
		dhamsg_put_in6(m, DHA_A_PREFIX_ADDRESS, &a);
		dhamsg_put(m, DHA_A_PREFIX_LENGTH, &(uint8_t){ lengths[i] }, 1);
		dhamsg_nest_end(m);
	}
}

/*
 * Every wrong home link or home prefix is refused with an extack message
 * and changes nothing; a home link that goes away detaches the device.
 */
TEST_F(dha, home_link_hostile)
{
	static const char *const good[] = { "2001:db8:1::" };
	static const int good_len[] = { 64 };
	static const struct {
		const char *what;
		const char *prefix;
		int len, err;
	} bad[] = {
		{ "host bits", "2001:db8:1::1", 64, EINVAL },
		{ "multicast", "ff02::", 16, EINVAL },
		{ "link-local", "fe80::", 64, EINVAL },
		{ "length 0", "2001:db8:1::", 0, ERANGE },
		{ "length 129", "2001:db8:1::", 129, ERANGE },
	};
	const char *many[17], *twice[2] = { good[0], good[0] };
	int many_len[17], twice_len[2] = { 64, 64 };
	char text[17][32];
	struct dha_nl *nl = &self->nl;
	struct dha_dev_info di;
	struct dhamsg m;
	int link, i;

	ASSERT_EQ(0, dha_sh("ip link add hl0 type veth peer name hl1"));
	link = (int)if_nametoindex("hl0");
	ASSERT_LT(0, link);

	home_msg(&m, nl, self->ifindex, self->ifindex, good, good_len, 1);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "the dha device itself");
	home_msg(&m, nl, self->ifindex, 1, good, good_len, 1);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "loopback");
	home_msg(&m, nl, self->ifindex, 999999, good, good_len, 1);
	EXPECT_NLERR(nl, ENODEV, dhanl_do(nl, &m, NULL, NULL), "no such link");
	home_msg(&m, nl, self->ifindex, link, NULL, NULL, 0);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "no prefix");
	home_msg(&m, nl, self->ifindex, 0xffffffff, good, good_len, 1);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "prefix without link");
	home_msg(&m, nl, self->ifindex, 0, good, good_len, 1);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "prefix with link 0");
	for (i = 0; i < (int)ARRAY_SIZE(bad); i++) {
		home_msg(&m, nl, self->ifindex, link, &bad[i].prefix, &bad[i].len, 1);
		EXPECT_NLERR(nl, bad[i].err, dhanl_do(nl, &m, NULL, NULL), bad[i].what);
	}
	for (i = 0; i < 17; i++) {
		snprintf(text[i], sizeof(text[i]), "2001:db8:%x::", i + 1);
		many[i] = text[i];
		many_len[i] = 64;
	}
	home_msg(&m, nl, self->ifindex, link, many, many_len, 17);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "17 prefixes");
	home_msg(&m, nl, self->ifindex, link, twice, twice_len, 2);
	EXPECT_NLERR(nl, EINVAL, dhanl_do(nl, &m, NULL, NULL), "a prefix twice");
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_EQ(0, di.home_link) TH_LOG("a refused request attached the device");

	/* 16 prefixes are fine; detaching and attaching again too. */
	home_msg(&m, nl, self->ifindex, link, many, many_len, 16);
	ASSERT_NLOK(nl, dhanl_do(nl, &m, NULL, NULL));
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_EQ(link, (int)di.home_link);
	home_msg(&m, nl, self->ifindex, 0, NULL, NULL, 0);
	ASSERT_NLOK(nl, dhanl_do(nl, &m, NULL, NULL));
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_EQ(0, di.home_link);
	home_msg(&m, nl, self->ifindex, link, good, good_len, 1);
	ASSERT_NLOK(nl, dhanl_do(nl, &m, NULL, NULL));

	/* The home link goes away: the device no longer intercepts. */
	ASSERT_EQ(0, dha_sh("ip link del hl0"));
	ASSERT_NLOK(nl, dha_dev_get(nl, self->ifindex, &di));
	EXPECT_EQ(0, di.home_link) TH_LOG("still attached to a deleted link");
}

TEST_F_TIMEOUT(dha, random_requests, 600)
{
	const char *s = getenv("DHA_FUZZ_SEED"), *c = getenv("DHA_FUZZ_COUNT");
	unsigned int count = c ? strtoul(c, NULL, 0) : 2000, errors;
	uint64_t seed = s ? strtoull(s, NULL, 0) : (uint64_t)time(NULL);

	rng_state = seed | 1;
	TH_LOG("seed %llu (DHA_FUZZ_SEED to reproduce), %u messages",
	       (unsigned long long)seed, count);
	fuzz_round(_metadata, &self->nl, self->ifindex, count, &errors);
	TH_LOG("%u of %u answered with an error", errors, count);
	/* most random messages are invalid: a kernel that accepts all is wrong */
	EXPECT_LT(count / 4, errors);
	check_alive(_metadata, &self->nl, self->ifindex);
	EXPECT_EQ(self->taint, dha_taint_bad()) TH_LOG("kernel tainted (seed %llu)",
						       (unsigned long long)seed);
}

/* Fuzz the binding table while it holds state, then delete the device. */
TEST_F_TIMEOUT(dha, random_with_state, 600)
{
	unsigned int errors, i;

	rng_state = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < 64; i++) {
		char hoa[64];
		struct dha_binding_req b = { .hoa = hoa, .coa = "2001:db8:2::2",
					     .lifetime = i % 2 ? 1 : 0 };

		snprintf(hoa, sizeof(hoa), "2001:db8:1::%x", 0x100 + i);
		ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
						       NLM_F_CREATE | NLM_F_EXCL, &b));
	}
	ASSERT_NLOK(&self->nl, dha_peer(&self->nl, DHA_CMD_PEER_NEW, self->ifindex,
					"2001:db8:5::1"));
	fuzz_round(_metadata, &self->nl, self->ifindex, 500, &errors);
	check_alive(_metadata, &self->nl, self->ifindex);
	ASSERT_EQ(0, dha_sh("ip link del dha0"));
	EXPECT_EQ(0, dha_binding_count(&self->nl, 0, 0));
	EXPECT_EQ(self->taint, dha_taint_bad());
}

/* Messages the genl layer itself must refuse before dha sees them. */
TEST_F(dha, short_headers)
{
	struct dhamsg m;
	int len, r;

	for (len = NLMSG_HDRLEN; len < (int)(NLMSG_HDRLEN + GENL_HDRLEN); len++) {
		dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_NEW, NLM_F_CREATE | NLM_F_ACK);
		m.nlh.nlmsg_len = len;
		m.nlh.nlmsg_seq = ++self->nl.sock.seq;
		ASSERT_EQ(0, nlsock_send(&self->nl.sock, m.buf, len));
		r = nlsock_wait(&self->nl.sock, m.nlh.nlmsg_seq, NULL, NULL, 5000, NULL);
		EXPECT_EQ(-EINVAL, r) TH_LOG("len %d: %d", len, r);
	}
	/* a command the family does not have */
	dhamsg_init(&m, self->nl.family_id, 200, 0);
	EXPECT_EQ(-EOPNOTSUPP, dhanl_do(&self->nl, &m, NULL, NULL));
	/* notification commands are not requests */
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_DEL_NTF, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	EXPECT_NE(0, dhanl_do(&self->nl, &m, NULL, NULL));
	check_alive(_metadata, &self->nl, self->ifindex);
}

TEST_HARNESS_MAIN
