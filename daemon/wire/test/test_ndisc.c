// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>

#include "check.h"
#include "equal.h"
#include "wire/ndisc.h"

#define MAC	0x02, 0, 0, 0, 0, 0x01
#define HA1	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1
#define HA2	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa2
#define PREFIX_OPT							\
	DHA_NDOPT_PREFIX_INFO, 4, 64, 0xe0,				\
	0x00, 0x27, 0x8d, 0x00, 0x00, 0x09, 0x3a, 0x80, 0, 0, 0, 0, HA1

/* A home agent's RA (RFC 6275 7.1-7.4, deng draft 6-7): H and L set. */
static const uint8_t ra_msg[] = {
	DHA_ICMP6_ROUTER_ADVERT, 0, 0, 0, 64, 0x30, 0x07, 0x08,
	0, 0, 0, 0, 0, 0, 0, 0,
	DHA_NDOPT_SOURCE_LLADDR, 1, MAC,
	DHA_NDOPT_MTU, 1, 0, 0, 0, 0, 0x05, 0xdc,
	DHA_NDOPT_ADV_INTERVAL, 1, 0, 0, 0, 0, 0x0b, 0xb8,
	DHA_NDOPT_HA_INFO, 1, 0x80, 0, 0xff, 0xfb, 0x07, 0x08,
	DHA_NDOPT_LB_INFO, 1, 0, 0, 0x00, 0x10, 0x00, 0x2a,
	PREFIX_OPT,
};

static void test_ra_parse(void)
{
	static const uint8_t mac[] = { MAC };
	struct in6_addr ha1 = addr6("2001:db8::a1");
	struct dha_ra ra;

	CHECK_EQ(dha_ra_parse(ra_msg, sizeof(ra_msg), &ra), 0);
	CHECK_EQ(ra.cur_hop_limit, 64);
	CHECK_EQ(ra.flags, DHA_RA_FLAG_H | DHA_RA_FLAG_L);
	CHECK_EQ(ra.router_lifetime, 1800);
	CHECK(ra.has_source_lladdr);
	CHECK(bytes_equal(ra.source_lladdr.addr, ra.source_lladdr.len, mac, 6));
	CHECK(ra.has_mtu);
	CHECK_EQ(ra.mtu, 1500);
	CHECK(ra.has_adv_interval);
	CHECK_EQ(ra.adv_interval, 3000);
	CHECK(ra.has_ha_info);
	CHECK_EQ(ra.ha_info.flags, DHA_HA_INFO_FLAG_R);
	CHECK_EQ(ra.ha_info.preference, -5);
	CHECK_EQ(ra.ha_info.lifetime, 1800);
	CHECK(ra.has_lb_info);
	CHECK_EQ(ra.lb_info.queue_size, 16);
	CHECK_EQ(ra.lb_info.registered_mns, 42);
	CHECK_EQ(ra.prefix_count, 1);
	CHECK_EQ(ra.prefixes[0].prefix_len, 64);
	CHECK_EQ(ra.prefixes[0].flags,
		 DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A | DHA_PREFIX_FLAG_R);
	CHECK_EQ(ra.prefixes[0].valid_lifetime, 2592000);
	CHECK_EQ(ra.prefixes[0].preferred_lifetime, 604800);
	CHECK(addr_eq(&ra.prefixes[0].prefix, &ha1));
	CHECK_EQ(ra.skipped, 0);
}

static void test_ra_build(void)
{
	uint8_t buf[256];
	struct dha_ra ra, back;
	size_t len, cap;

	CHECK_EQ(dha_ra_parse(ra_msg, sizeof(ra_msg), &ra), 0);
	CHECK_EQ(dha_ra_build(buf, sizeof(buf), &ra, &len), 0);
	CHECK_EQ(len, sizeof(ra_msg));
	CHECK_MEM(buf, ra_msg, sizeof(ra_msg));
	CHECK_EQ(dha_ra_parse(buf, len, &back), 0);
	CHECK(ra_equal(&ra, &back));
	for (cap = 0; cap < len; cap++)
		CHECK_EQ(dha_ra_build(buf, cap, &ra, &len), -ENOSPC);

	/* a 20-octet link-layer address takes three units */
	memset(&ra, 0, sizeof(ra));
	ra.has_source_lladdr = true;
	ra.source_lladdr.len = 20;
	memset(ra.source_lladdr.addr, 0x5a, 20);
	CHECK_EQ(dha_ra_build(buf, sizeof(buf), &ra, &len), 0);
	CHECK_EQ(len, 16 + 24);
	CHECK_EQ(buf[17], 3);
	CHECK_EQ(dha_ra_parse(buf, len, &back), 0);
	CHECK_EQ(back.source_lladdr.len, 22);
	CHECK_EQ(back.source_lladdr.addr[19], 0x5a);
	CHECK_EQ(back.source_lladdr.addr[20], 0);
	ra.source_lladdr.len = DHA_ND_LLADDR_MAX + 1;
	CHECK_EQ(dha_ra_build(buf, sizeof(buf), &ra, &len), -EINVAL);
	memset(&ra, 0, sizeof(ra));
	ra.prefix_count = DHA_ND_PREFIX_MAX + 1;
	CHECK_EQ(dha_ra_build(buf, sizeof(buf), &ra, &len), -EINVAL);
}

/* Cut at an option boundary, an RA is whole with fewer options;
 * anywhere else it is malformed. */
static void test_ra_truncated(void)
{
	static const size_t bounds[] = { 16, 24, 32, 40, 48, 56 };
	struct dha_ra ra;
	size_t cut, i;

	for (cut = 0; cut < sizeof(ra_msg); cut++) {
		int expect = -EBADMSG, ret;

		for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++)
			if (cut == bounds[i])
				expect = 0;
		ret = dha_ra_parse(ra_msg, cut, &ra);
		if (ret != expect) {
			printf("#   cut at %zu: %d, want %d\n", cut, ret, expect);
			check_failures++;
		}
	}
}

/* RFC 4861 4.6: an option of length zero invalidates the whole RA. */
static void test_ra_zero_length_option(void)
{
	size_t at[] = { 16, 24, 32, 40, 48, 56 };
	uint8_t buf[sizeof(ra_msg)];
	struct dha_ra ra;
	size_t i;

	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memcpy(buf, ra_msg, sizeof(buf));
		buf[at[i] + 1] = 0;
		CHECK_EQ(dha_ra_parse(buf, sizeof(buf), &ra), -EBADMSG);
	}
	/* unknown options too */
	memcpy(buf, ra_msg, sizeof(buf));
	buf[16] = 200;
	buf[17] = 0;
	CHECK_EQ(dha_ra_parse(buf, sizeof(buf), &ra), -EBADMSG);
}

static void test_ra_malformed(void)
{
	uint8_t buf[sizeof(ra_msg) + 8];
	struct dha_ra ra;

	memcpy(buf, ra_msg, sizeof(ra_msg));
	buf[1] = 1;				/* code */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[1] = 0;
	buf[0] = DHA_ICMP6_ROUTER_SOLICIT;	/* another message */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -ENOMSG);
	buf[0] = DHA_ICMP6_ROUTER_ADVERT;
	buf[57] = 5;				/* prefix option overruns */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[57] = 3;				/* prefix option too short */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[57] = 4;
	buf[41] = 2;				/* HA info of two units */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[41] = 1;
	buf[25] = 2;				/* MTU of two units */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[25] = 1;
	buf[33] = 2;				/* interval of two units */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[33] = 1;
	buf[49] = 2;				/* LB info of two units */
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), -EBADMSG);
	buf[49] = 1;
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg), &ra), 0);
	/* trailing octets shorter than any option */
	memset(buf + sizeof(ra_msg), 0, 8);
	CHECK_EQ(dha_ra_parse(buf, sizeof(ra_msg) + 4, &ra), -EBADMSG);
}

static void test_ra_duplicates(void)
{
	static const size_t singles[] = { 16, 24, 32, 40, 48 };
	uint8_t buf[sizeof(ra_msg) + 8];
	struct dha_ra ra;
	size_t i;

	for (i = 0; i < sizeof(singles) / sizeof(singles[0]); i++) {
		memcpy(buf, ra_msg, sizeof(ra_msg));
		memcpy(buf + sizeof(ra_msg), ra_msg + singles[i], 8);
		CHECK_EQ(dha_ra_parse(buf, sizeof(buf), &ra), -EBADMSG);
	}
	/* several prefixes are normal */
	{
		uint8_t two[sizeof(ra_msg) + 32];

		memcpy(two, ra_msg, sizeof(ra_msg));
		memcpy(two + sizeof(ra_msg), ra_msg + 56, 32);
		CHECK_EQ(dha_ra_parse(two, sizeof(two), &ra), 0);
		CHECK_EQ(ra.prefix_count, 2);
	}
}

static void test_ra_skipped_options(void)
{
	static const uint8_t ra_unknown[] = {
		DHA_ICMP6_ROUTER_ADVERT, 0, 0, 0, 255, 0x20, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		25, 1, 0, 0, 0, 0, 0, 0,		/* RDNSS-like, unknown here */
		DHA_NDOPT_SOURCE_LLADDR, 5,		/* 38 octets: too long */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		DHA_NDOPT_HA_INFO, 1, 0, 0, 0, 10, 0, 0,
	};
	struct dha_ra ra;

	CHECK_EQ(dha_ra_parse(ra_unknown, sizeof(ra_unknown), &ra), 0);
	CHECK_EQ(ra.skipped, 2);
	CHECK(!ra.has_source_lladdr);
	CHECK(ra.has_ha_info);
	CHECK_EQ(ra.ha_info.preference, 10);
	CHECK_EQ(ra.ha_info.lifetime, 0);
}

static void test_ra_prefix_cap(void)
{
	uint8_t buf[16 + 32 * (DHA_ND_PREFIX_MAX + 1)];
	struct dha_ra ra;
	size_t i;

	memcpy(buf, ra_msg, 16);
	for (i = 0; i <= DHA_ND_PREFIX_MAX; i++)
		memcpy(buf + 16 + 32 * i, ra_msg + 56, 32);
	CHECK_EQ(dha_ra_parse(buf, sizeof(buf) - 32, &ra), 0);
	CHECK_EQ(ra.prefix_count, DHA_ND_PREFIX_MAX);
	CHECK_EQ(dha_ra_parse(buf, sizeof(buf), &ra), -E2BIG);
}

static const uint8_t rs_msg[] = {
	DHA_ICMP6_ROUTER_SOLICIT, 0, 0, 0, 0, 0, 0, 0,
	DHA_NDOPT_SOURCE_LLADDR, 1, MAC,
};

static void test_rs(void)
{
	struct in6_addr src = addr6("fe80::1"), any = addr6("::");
	uint8_t buf[64];
	struct dha_rs rs, back;
	size_t len, cut;

	CHECK_EQ(dha_rs_parse(rs_msg, sizeof(rs_msg), &src, &rs), 0);
	CHECK(rs.has_source_lladdr);
	CHECK_EQ(rs.source_lladdr.len, 6);
	CHECK_EQ(rs.skipped, 0);
	CHECK_EQ(dha_rs_build(buf, sizeof(buf), &rs, &len), 0);
	CHECK_EQ(len, sizeof(rs_msg));
	CHECK_MEM(buf, rs_msg, sizeof(rs_msg));
	CHECK_EQ(dha_rs_build(buf, sizeof(rs_msg) - 1, &rs, &len), -ENOSPC);

	/* RFC 4861 6.1.1: none from the unspecified address */
	CHECK_EQ(dha_rs_parse(rs_msg, sizeof(rs_msg), &any, &rs), -EBADMSG);
	CHECK_EQ(dha_rs_parse(rs_msg, 8, &any, &rs), 0);
	CHECK(!rs.has_source_lladdr);
	CHECK_EQ(dha_rs_build(buf, sizeof(buf), &rs, &len), 0);
	CHECK_EQ(len, 8);
	CHECK_EQ(dha_rs_parse(buf, len, &any, &back), 0);
	CHECK(rs_equal(&rs, &back));

	/* two SLLAs; unknown options skipped; zero length */
	memcpy(buf, rs_msg, sizeof(rs_msg));
	memcpy(buf + sizeof(rs_msg), rs_msg + 8, 8);
	CHECK_EQ(dha_rs_parse(buf, sizeof(rs_msg) + 8, &src, &rs), -EBADMSG);
	buf[sizeof(rs_msg)] = 200;
	CHECK_EQ(dha_rs_parse(buf, sizeof(rs_msg) + 8, &src, &rs), 0);
	CHECK_EQ(rs.skipped, 1);
	buf[sizeof(rs_msg) + 1] = 0;
	CHECK_EQ(dha_rs_parse(buf, sizeof(rs_msg) + 8, &src, &rs), -EBADMSG);
	buf[1] = 1;
	CHECK_EQ(dha_rs_parse(buf, 8, &src, &rs), -EBADMSG);	/* code 1 */
	for (cut = 0; cut < sizeof(rs_msg); cut++)
		CHECK_EQ(dha_rs_parse(rs_msg, cut, &src, &rs),
			 cut == 8 ? 0 : -EBADMSG);
	CHECK_EQ(dha_rs_parse(ra_msg, sizeof(ra_msg), &src, &rs), -ENOMSG);
}

static const uint8_t ns_msg[] = {
	DHA_ICMP6_NEIGHBOR_SOLICIT, 0, 0, 0, 0, 0, 0, 0, HA1,
	DHA_NDOPT_SOURCE_LLADDR, 1, MAC,
};

static void test_ns(void)
{
	struct in6_addr src = addr6("fe80::1"), any = addr6("::");
	struct in6_addr ha1 = addr6("2001:db8::a1");
	uint8_t buf[64];
	struct dha_ns ns, back;
	size_t len, cut;

	CHECK_EQ(dha_ns_parse(ns_msg, sizeof(ns_msg), &src, &ns), 0);
	CHECK(addr_eq(&ns.target, &ha1));
	CHECK(!ns.is_dad);
	CHECK(ns.has_source_lladdr);
	CHECK_EQ(ns.source_lladdr.len, 6);
	CHECK_EQ(dha_ns_build(buf, sizeof(buf), &ns, &len), 0);
	CHECK_EQ(len, sizeof(ns_msg));
	CHECK_MEM(buf, ns_msg, sizeof(ns_msg));

	/* RFC 4861 7.1.1: a DAD probe carries no source link-layer address */
	CHECK_EQ(dha_ns_parse(ns_msg, sizeof(ns_msg), &any, &ns), -EBADMSG);
	CHECK_EQ(dha_ns_parse(ns_msg, 24, &any, &ns), 0);
	CHECK(ns.is_dad);
	CHECK(!ns.has_source_lladdr);
	CHECK_EQ(dha_ns_build(buf, sizeof(buf), &ns, &len), 0);
	CHECK_EQ(len, 24);
	CHECK_EQ(dha_ns_parse(buf, len, &any, &back), 0);
	CHECK(ns_equal(&ns, &back));
	ns.has_source_lladdr = true;
	CHECK_EQ(dha_ns_build(buf, sizeof(buf), &ns, &len), -EINVAL);

	memcpy(buf, ns_msg, sizeof(ns_msg));
	buf[8] = 0xff;				/* multicast target */
	CHECK_EQ(dha_ns_parse(buf, sizeof(ns_msg), &src, &ns), -EBADMSG);
	memcpy(buf, ns_msg, sizeof(ns_msg));
	memcpy(buf + sizeof(ns_msg), ns_msg + 24, 8);	/* two SLLAs */
	CHECK_EQ(dha_ns_parse(buf, sizeof(ns_msg) + 8, &src, &ns), -EBADMSG);
	for (cut = 0; cut < sizeof(ns_msg); cut++)
		CHECK_EQ(dha_ns_parse(ns_msg, cut, &src, &ns),
			 cut == 24 ? 0 : -EBADMSG);
}

/* Proxy ND (RFC 6275 10.4.1): R clear, S as solicited, O set, TLLA. */
static const uint8_t na_msg[] = {
	DHA_ICMP6_NEIGHBOR_ADVERT, 0, 0, 0, 0x60, 0, 0, 0, HA1,
	DHA_NDOPT_TARGET_LLADDR, 1, MAC,
};

static void test_na(void)
{
	struct in6_addr ha1 = addr6("2001:db8::a1");
	uint8_t buf[64];
	struct dha_na na, back;
	size_t len, cut;

	CHECK_EQ(dha_na_parse(na_msg, sizeof(na_msg), &na), 0);
	CHECK_EQ(na.flags, DHA_NA_FLAG_S | DHA_NA_FLAG_O);
	CHECK(addr_eq(&na.target, &ha1));
	CHECK(na.has_target_lladdr);
	CHECK_EQ(dha_na_build(buf, sizeof(buf), &na, &len), 0);
	CHECK_EQ(len, sizeof(na_msg));
	CHECK_MEM(buf, na_msg, sizeof(na_msg));
	CHECK_EQ(dha_na_build(buf, sizeof(na_msg) - 1, &na, &len), -ENOSPC);

	memset(&na, 0, sizeof(na));
	na.flags = DHA_NA_FLAG_R | DHA_NA_FLAG_O;
	na.target = addr6("2001:db8::5");
	CHECK_EQ(dha_na_build(buf, sizeof(buf), &na, &len), 0);
	CHECK_EQ(len, 24);
	CHECK_EQ(dha_na_parse(buf, len, &back), 0);
	CHECK(na_equal(&na, &back));

	/* reserved bits are ignored */
	memcpy(buf, na_msg, sizeof(na_msg));
	buf[4] |= 0x1f;
	buf[7] = 0xff;
	CHECK_EQ(dha_na_parse(buf, sizeof(na_msg), &na), 0);
	CHECK_EQ(na.flags, DHA_NA_FLAG_S | DHA_NA_FLAG_O);
	buf[8] = 0xff;
	CHECK_EQ(dha_na_parse(buf, sizeof(na_msg), &na), -EBADMSG);
	memcpy(buf, na_msg, sizeof(na_msg));
	buf[25] = 0;
	CHECK_EQ(dha_na_parse(buf, sizeof(na_msg), &na), -EBADMSG);
	for (cut = 0; cut < sizeof(na_msg); cut++)
		CHECK_EQ(dha_na_parse(na_msg, cut, &na), cut == 24 ? 0 : -EBADMSG);
	CHECK_EQ(dha_na_parse(ns_msg, sizeof(ns_msg), &na), -ENOMSG);
}

/* RFC 6275 6.5-6.6 with RFC 3963's R flag */
static const uint8_t dhaad_req[] = {
	DHA_ICMP6_DHAAD_REQUEST, 0, 0, 0, 0x12, 0x34, 0x80, 0,
};
static const uint8_t dhaad_rep[] = {
	DHA_ICMP6_DHAAD_REPLY, 0, 0, 0, 0x12, 0x34, 0x80, 0, HA1, HA2,
};

static void test_dhaad(void)
{
	struct in6_addr ha2 = addr6("2001:db8::a2");
	struct dha_dhaad_request req;
	struct dha_dhaad_reply rep;
	uint8_t buf[DHA_IPV6_MIN_MTU];
	size_t len, cut;

	CHECK_EQ(dha_dhaad_request_parse(dhaad_req, sizeof(dhaad_req), &req), 0);
	CHECK_EQ(req.id, 0x1234);
	CHECK_EQ(req.flags, DHA_DHAAD_FLAG_R);
	CHECK_EQ(dha_dhaad_request_build(buf, sizeof(buf), &req, &len), 0);
	CHECK_EQ(len, 8);
	CHECK_MEM(buf, dhaad_req, 8);
	CHECK_EQ(dha_dhaad_request_build(buf, 7, &req, &len), -ENOSPC);
	for (cut = 0; cut < 8; cut++)
		CHECK_EQ(dha_dhaad_request_parse(dhaad_req, cut, &req), -EBADMSG);
	CHECK_EQ(dha_dhaad_request_parse(dhaad_rep, 8, &req), -ENOMSG);

	CHECK_EQ(dha_dhaad_reply_parse(dhaad_rep, sizeof(dhaad_rep), &rep), 0);
	CHECK_EQ(rep.id, 0x1234);
	CHECK_EQ(rep.flags, DHA_DHAAD_FLAG_R);
	CHECK_EQ(rep.addr_count, 2);
	CHECK(addr_eq(&rep.addrs[1], &ha2));
	CHECK_EQ(dha_dhaad_reply_build(buf, sizeof(buf), &rep, DHA_IPV6_MIN_MTU,
				       &len), 0);
	CHECK_EQ(len, sizeof(dhaad_rep));
	CHECK_MEM(buf, dhaad_rep, sizeof(dhaad_rep));
	for (cut = 0; cut < sizeof(dhaad_rep); cut++)
		CHECK_EQ(dha_dhaad_reply_parse(dhaad_rep, cut, &rep),
			 cut == 8 || cut == 24 ? 0 : -EBADMSG);
}

/* RFC 6275 10.5: the reply fits the MTU; the list is cut, not the message. */
static void test_dhaad_reply_mtu(void)
{
	uint8_t buf[DHA_IPV6_MIN_MTU];
	struct dha_dhaad_reply rep, back;
	size_t len, i;

	memset(&rep, 0, sizeof(rep));
	rep.id = 1;
	rep.addr_count = DHA_DHAAD_ADDRS_MAX;
	for (i = 0; i < rep.addr_count; i++) {
		rep.addrs[i] = addr6("2001:db8::");
		rep.addrs[i].s6_addr[15] = (uint8_t)i;
	}
	CHECK_EQ(dha_dhaad_reply_build(buf, sizeof(buf), &rep, DHA_IPV6_MIN_MTU,
				       &len), 0);
	CHECK_EQ(len, 8 + 16 * DHA_DHAAD_ADDRS_MAX);
	CHECK(40 + len <= DHA_IPV6_MIN_MTU);
	CHECK_EQ(dha_dhaad_reply_parse(buf, len, &back), 0);
	CHECK(dhaad_reply_equal(&rep, &back));

	/* three addresses fit in 40 + 8 + 48 octets */
	CHECK_EQ(dha_dhaad_reply_build(buf, sizeof(buf), &rep, 96 + 15, &len), 0);
	CHECK_EQ(len, 8 + 48);
	CHECK_EQ(dha_dhaad_reply_parse(buf, len, &back), 0);
	CHECK_EQ(back.addr_count, 3);
	CHECK_EQ(back.addrs[2].s6_addr[15], 2);
	CHECK_EQ(dha_dhaad_reply_build(buf, sizeof(buf), &rep, 63, &len), -EINVAL);
	CHECK_EQ(dha_dhaad_reply_build(buf, 8 + 47, &rep, 96, &len), -ENOSPC);

	/* one address more than the minimum MTU allows */
	memset(buf, 0, sizeof(buf));
	buf[0] = DHA_ICMP6_DHAAD_REPLY;
	CHECK_EQ(dha_dhaad_reply_parse(buf, 8 + 16 * (DHA_DHAAD_ADDRS_MAX + 1),
				       &back), -E2BIG);
}

static const uint8_t mps_msg[] = {
	DHA_ICMP6_MOBILE_PREFIX_SOLICIT, 0, 0, 0, 0, 7, 0, 0,
};
static const uint8_t mpa_msg[] = {
	DHA_ICMP6_MOBILE_PREFIX_ADVERT, 0, 0, 0, 0, 7, 0x80, 0, PREFIX_OPT,
};

/* RFC 6275 6.7-6.8 */
static void test_mobile_prefix(void)
{
	struct dha_mps mps;
	struct dha_mpa mpa, back;
	uint8_t buf[128];
	size_t len, cut;

	CHECK_EQ(dha_mps_parse(mps_msg, sizeof(mps_msg), &mps), 0);
	CHECK_EQ(mps.id, 7);
	CHECK_EQ(dha_mps_build(buf, sizeof(buf), &mps, &len), 0);
	CHECK_EQ(len, 8);
	CHECK_MEM(buf, mps_msg, 8);
	CHECK_EQ(dha_mps_parse(mps_msg, 7, &mps), -EBADMSG);
	CHECK_EQ(dha_mps_parse(mpa_msg, 8, &mps), -ENOMSG);

	CHECK_EQ(dha_mpa_parse(mpa_msg, sizeof(mpa_msg), &mpa), 0);
	CHECK_EQ(mpa.id, 7);
	CHECK_EQ(mpa.flags, DHA_MPA_FLAG_M);
	CHECK_EQ(mpa.prefix_count, 1);
	CHECK_EQ(mpa.prefixes[0].flags & DHA_PREFIX_FLAG_R, DHA_PREFIX_FLAG_R);
	CHECK_EQ(dha_mpa_build(buf, sizeof(buf), &mpa, &len), 0);
	CHECK_EQ(len, sizeof(mpa_msg));
	CHECK_MEM(buf, mpa_msg, sizeof(mpa_msg));
	CHECK_EQ(dha_mpa_build(buf, sizeof(mpa_msg) - 1, &mpa, &len), -ENOSPC);
	for (cut = 0; cut < sizeof(mpa_msg); cut++)
		CHECK_EQ(dha_mpa_parse(mpa_msg, cut, &mpa), cut == 8 ? 0 : -EBADMSG);

	/* other options skipped, zero length rejected */
	memcpy(buf, mpa_msg, sizeof(mpa_msg));
	memcpy(buf + sizeof(mpa_msg), ra_msg + 16, 8);	/* SLLA */
	CHECK_EQ(dha_mpa_parse(buf, sizeof(mpa_msg) + 8, &back), 0);
	CHECK_EQ(back.skipped, 1);
	CHECK_EQ(dha_mpa_parse(mpa_msg, sizeof(mpa_msg), &mpa), 0);
	CHECK(mpa_equal(&mpa, &back));
	buf[sizeof(mpa_msg) + 1] = 0;
	CHECK_EQ(dha_mpa_parse(buf, sizeof(mpa_msg) + 8, &back), -EBADMSG);
}

/* RFC 2526 with RFC 6275's anycast ID */
static void test_ha_anycast(void)
{
	static const struct {
		const char *prefix;
		unsigned int length;
		const char *anycast;
	} cases[] = {
		{ "2001:db8:1::", 64, "2001:db8:1::fdff:ffff:ffff:fffe" },
		{ "2001:db8:1:2::", 64, "2001:db8:1:2:fdff:ffff:ffff:fffe" },
		{ "2001:db8:1::", 48, "2001:db8:1:ffff:ffff:ffff:ffff:fffe" },
		{ "2001:db8::100", 120, "2001:db8::1fe" },
		{ "2001:db8::", 121, "2001:db8::7e" },
		{ "2001:db8:1::", 1, "7fff:ffff:ffff:ffff:ffff:ffff:ffff:fffe" },
	};
	struct in6_addr prefix = addr6("2001:db8::"), out, want;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		prefix = addr6(cases[i].prefix);
		want = addr6(cases[i].anycast);
		CHECK_EQ(dha_ha_anycast(&prefix, cases[i].length, &out), 0);
		CHECK(addr_eq(&out, &want));
	}
	CHECK_EQ(dha_ha_anycast(&prefix, 122, &out), -EINVAL);
	CHECK_EQ(dha_ha_anycast(&prefix, 128, &out), -EINVAL);
	CHECK_EQ(dha_ha_anycast(&prefix, 0, &out), -EINVAL);
}

const struct test_case ndisc_tests[] = {
	{ "ndisc: RA with MIPv6 and load balance options", test_ra_parse },
	{ "ndisc: RA build matches the layout", test_ra_build },
	{ "ndisc: RA truncated at every octet", test_ra_truncated },
	{ "ndisc: RA zero-length option", test_ra_zero_length_option },
	{ "ndisc: RA malformed fields and options", test_ra_malformed },
	{ "ndisc: RA duplicate single options", test_ra_duplicates },
	{ "ndisc: RA unknown and oversized options skipped", test_ra_skipped_options },
	{ "ndisc: RA prefix cap", test_ra_prefix_cap },
	{ "ndisc: router solicitation", test_rs },
	{ "ndisc: neighbor solicitation and DAD", test_ns },
	{ "ndisc: neighbor advertisement", test_na },
	{ "ndisc: DHAAD request and reply", test_dhaad },
	{ "ndisc: DHAAD reply within the MTU", test_dhaad_reply_mtu },
	{ "ndisc: mobile prefix solicitation and advertisement", test_mobile_prefix },
	{ "ndisc: home agents anycast address", test_ha_anycast },
	{ NULL, NULL },
};
