// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>

#include "check.h"
#include "equal.h"
#include "wire/mh.h"

/* 2001:db8::1, 2001:db8:1::2, 2001:db8:1000::, 2001:db8:2000:: ... */
#define HOA	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01
#define COA	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02
#define MNP1	0x20, 0x01, 0x0d, 0xb8, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#define MNP2	0x20, 0x01, 0x0d, 0xb8, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#define HA1	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1
#define HA2	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa2

/* RFC 6275 6.1.7: BU, A|H, then an Alternate CoA at 8n+6 after PadN(0). */
static const uint8_t bu_acoa[] = {
	59, 3, DHA_MH_BU, 0, 0, 0, 0x12, 0x34, 0xc0, 0x00, 0x00, 0x10,
	1, 0,
	3, 16, COA,
};

/* RFC 3963: BU with A|H|R and two prefixes at 8n+4. */
static const uint8_t bu_nemo[] = {
	59, 6, DHA_MH_BU, 0, 0, 0, 0x00, 0x01, 0xc4, 0x00, 0x00, 0x40,
	6, 18, 0, 48, MNP1,
	1, 2, 0, 0,
	6, 18, 0, 56, MNP2,
};

/* RFC 5094: BU with a Vendor-Specific option at 4n+2. */
static const uint8_t bu_vendor[] = {
	59, 2, DHA_MH_BU, 0, 0, 0, 0x00, 0x02, 0x80, 0x00, 0x00, 0x01,
	1, 0,
	19, 8, 0x00, 0x00, 0x1f, 0x98, 7, 0xaa, 0xbb, 0xcc,
};

/* RFC 6275 6.1.8: BA, K|R, with a Refresh Advice at 2n. */
static const uint8_t ba_bra[] = {
	59, 1, DHA_MH_BA, 0, 0, 0, 0, 0xc0, 0x12, 0x34, 0x01, 0x00,
	2, 2, 0x00, 0xf0,
};

/* RFC 6275 6.1.9 */
static const uint8_t be_msg[] = {
	59, 2, DHA_MH_BE, 0, 0, 0, DHA_BE_UNKNOWN_MH_TYPE, 0, HOA,
};

/* RFC 6275 6.1.2 */
static const uint8_t brr_msg[] = { 59, 0, DHA_MH_BRR, 0, 0, 0, 0, 0 };

/* RFC 5142: two home agent addresses, no options. */
static const uint8_t has_msg[] = {
	59, 4, DHA_MH_HA_SWITCH, 0, 0, 0, 2, 0, HA1, HA2,
};

/* RFC 6275 6.1.3 and 6.1.5 */
static const uint8_t hoti_msg[] = {
	59, 1, DHA_MH_HOTI, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8,
};
static const uint8_t hot_msg[] = {
	59, 2, DHA_MH_HOT, 0, 0, 0, 0xab, 0xcd, 1, 2, 3, 4, 5, 6, 7, 8,
	9, 10, 11, 12, 13, 14, 15, 16,
};

/* RFC 5096: opaque data, first octet a subtype. */
static const uint8_t exp_msg[] = {
	59, 1, DHA_MH_EXPERIMENTAL, 0, 0x55, 0x66, 7, 1, 2, 3, 4, 5, 6, 7, 8, 9,
};

struct sample {
	const char *name;
	const uint8_t *bytes;
	size_t len;
};

#define SAMPLE(a) { #a, a, sizeof(a) }
static const struct sample samples[] = {
	SAMPLE(bu_acoa), SAMPLE(bu_nemo), SAMPLE(bu_vendor), SAMPLE(ba_bra),
	SAMPLE(be_msg), SAMPLE(brr_msg), SAMPLE(has_msg), SAMPLE(hoti_msg),
	SAMPLE(hot_msg), SAMPLE(exp_msg),
};
#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

/* Rebuilding a parsed message gives the same octets: the hand layouts
 * follow the RFC alignment exactly as the builder must. */
static void check_rebuild(const uint8_t *bytes, size_t len,
			  const struct dha_mh_msg *msg)
{
	uint8_t out[DHA_MH_MAX_LEN];
	size_t out_len = 0;
	struct dha_mh_msg again;
	uint8_t expect[DHA_MH_MAX_LEN];

	/* the builder leaves the checksum zero */
	memcpy(expect, bytes, len);
	expect[4] = expect[5] = 0;
	CHECK_EQ(dha_mh_build(out, sizeof(out), msg, &out_len), 0);
	CHECK_EQ(out_len, len);
	CHECK_MEM(out, expect, len);
	CHECK_EQ(dha_mh_parse(out, out_len, &again), 0);
	CHECK(mh_msg_equal(msg, &again));
}

static void test_parse_bu_alt_coa(void)
{
	struct dha_mh_msg m;
	struct in6_addr coa = addr6("2001:db8:1::2");

	CHECK_EQ(dha_mh_parse(bu_acoa, sizeof(bu_acoa), &m), 0);
	CHECK_EQ(m.type, DHA_MH_BU);
	CHECK_EQ(m.len, 32);
	CHECK_EQ(m.u.bu.seq, 0x1234);
	CHECK_EQ(m.u.bu.flags, DHA_BU_FLAG_A | DHA_BU_FLAG_H);
	CHECK_EQ(m.u.bu.lifetime, 16);
	CHECK(m.opts.has_alt_coa);
	CHECK(addr_eq(&m.opts.alt_coa, &coa));
	CHECK(!m.opts.has_refresh_advice && !m.opts.has_nonce_indices);
	CHECK_EQ(m.opts.mnp_count, 0);
	CHECK_EQ(m.opts.skipped, 0);
	CHECK_EQ(m.fault, DHA_MH_FAULT_NONE);
	check_rebuild(bu_acoa, sizeof(bu_acoa), &m);
}

static void test_parse_bu_prefixes(void)
{
	struct dha_mh_msg m;
	struct in6_addr p1 = addr6("2001:db8:1000::"), p2 = addr6("2001:db8:2000::");

	CHECK_EQ(dha_mh_parse(bu_nemo, sizeof(bu_nemo), &m), 0);
	CHECK_EQ(m.u.bu.flags, DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_R);
	CHECK_EQ(m.u.bu.lifetime, 0x40);
	CHECK_EQ(m.opts.mnp_count, 2);
	CHECK_EQ(m.opts.mnp[0].prefix_len, 48);
	CHECK(addr_eq(&m.opts.mnp[0].prefix, &p1));
	CHECK_EQ(m.opts.mnp[1].prefix_len, 56);
	CHECK(addr_eq(&m.opts.mnp[1].prefix, &p2));
	check_rebuild(bu_nemo, sizeof(bu_nemo), &m);
}

static void test_parse_bu_vendor(void)
{
	static const uint8_t data[] = { 0xaa, 0xbb, 0xcc };
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(bu_vendor, sizeof(bu_vendor), &m), 0);
	CHECK_EQ(m.opts.vendor_count, 1);
	CHECK_EQ(m.opts.vendor[0].vendor_id, 8088);
	CHECK_EQ(m.opts.vendor[0].subtype, 7);
	CHECK(bytes_equal(m.opts.vendor[0].data, m.opts.vendor[0].data_len,
			  data, sizeof(data)));
	check_rebuild(bu_vendor, sizeof(bu_vendor), &m);
}

static void test_parse_ba_refresh_advice(void)
{
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(ba_bra, sizeof(ba_bra), &m), 0);
	CHECK_EQ(m.type, DHA_MH_BA);
	CHECK_EQ(m.u.ba.status, DHA_BA_ACCEPTED);
	CHECK_EQ(m.u.ba.flags, DHA_BA_FLAG_K | DHA_BA_FLAG_R);
	CHECK_EQ(m.u.ba.seq, 0x1234);
	CHECK_EQ(m.u.ba.lifetime, 0x100);
	CHECK(m.opts.has_refresh_advice);
	CHECK_EQ(m.opts.refresh_interval, 0xf0);
	check_rebuild(ba_bra, sizeof(ba_bra), &m);
}

static void test_parse_be_brr_has(void)
{
	struct in6_addr hoa = addr6("2001:db8::1");
	struct in6_addr ha1 = addr6("2001:db8::a1"), ha2 = addr6("2001:db8::a2");
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(be_msg, sizeof(be_msg), &m), 0);
	CHECK_EQ(m.u.be.status, DHA_BE_UNKNOWN_MH_TYPE);
	CHECK(addr_eq(&m.u.be.home_addr, &hoa));
	check_rebuild(be_msg, sizeof(be_msg), &m);

	CHECK_EQ(dha_mh_parse(brr_msg, sizeof(brr_msg), &m), 0);
	CHECK_EQ(m.type, DHA_MH_BRR);
	CHECK_EQ(m.len, 8);
	check_rebuild(brr_msg, sizeof(brr_msg), &m);

	CHECK_EQ(dha_mh_parse(has_msg, sizeof(has_msg), &m), 0);
	CHECK_EQ(m.type, DHA_MH_HA_SWITCH);
	CHECK_EQ(m.u.has.addr_count, 2);
	CHECK(addr_eq(&m.u.has.addrs[0], &ha1));
	CHECK(addr_eq(&m.u.has.addrs[1], &ha2));
	check_rebuild(has_msg, sizeof(has_msg), &m);
}

static void test_parse_return_routability(void)
{
	static const uint8_t cookie[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t token[8] = { 9, 10, 11, 12, 13, 14, 15, 16 };
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(hoti_msg, sizeof(hoti_msg), &m), 0);
	CHECK_MEM(m.u.test_init.cookie, cookie, 8);
	check_rebuild(hoti_msg, sizeof(hoti_msg), &m);
	CHECK_EQ(dha_mh_parse(hot_msg, sizeof(hot_msg), &m), 0);
	CHECK_EQ(m.u.test.nonce_index, 0xabcd);
	CHECK_MEM(m.u.test.cookie, cookie, 8);
	CHECK_MEM(m.u.test.keygen_token, token, 8);
	check_rebuild(hot_msg, sizeof(hot_msg), &m);
}

static void test_parse_experimental(void)
{
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(exp_msg, sizeof(exp_msg), &m), 0);
	CHECK_EQ(m.type, DHA_MH_EXPERIMENTAL);
	CHECK_EQ(m.checksum, 0x5566);
	CHECK_EQ(m.u.exp.len, 10);
	CHECK(m.u.exp.data == exp_msg + 6);
	CHECK_EQ(m.u.exp.data[0], 7);
	check_rebuild(exp_msg, sizeof(exp_msg), &m);
}

/* Every proper prefix of every sample fails as truncated. */
static void test_truncated_everywhere(void)
{
	struct dha_mh_msg m;
	size_t s, cut;

	for (s = 0; s < N_SAMPLES; s++) {
		for (cut = 0; cut < samples[s].len; cut++) {
			int ret = dha_mh_parse(samples[s].bytes, cut, &m);

			if (ret != -EBADMSG || m.fault != DHA_MH_FAULT_TRUNCATED) {
				printf("#   %s cut at %zu: %d fault %d\n",
				       samples[s].name, cut, ret, m.fault);
				check_failures++;
			}
		}
	}
}

/* RFC 8200 4.7: octets after a No Next Header are ignored. */
static void test_trailing_octets_ignored(void)
{
	uint8_t buf[sizeof(ba_bra) + 5];
	struct dha_mh_msg m;

	memcpy(buf, ba_bra, sizeof(ba_bra));
	memset(buf + sizeof(ba_bra), 0xff, 5);
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), 0);
	CHECK_EQ(m.len, sizeof(ba_bra));
	CHECK(m.opts.has_refresh_advice);
}

/* RFC 6275 9.2: Header Len below the type's minimum; pointer at octet 1. */
static void test_header_len_below_minimum(void)
{
	static const struct { uint8_t type, hlen; } cases[] = {
		{ DHA_MH_BU, 0 }, { DHA_MH_BA, 0 }, { DHA_MH_BE, 1 },
		{ DHA_MH_HOTI, 0 }, { DHA_MH_COTI, 0 }, { DHA_MH_HOT, 1 },
		{ DHA_MH_COT, 1 },
	};
	uint8_t buf[64];
	struct dha_mh_msg m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 0, sizeof(buf));
		buf[0] = 59;
		buf[1] = cases[i].hlen;
		buf[2] = cases[i].type;
		CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EBADMSG);
		CHECK_EQ(m.fault, DHA_MH_FAULT_HEADER_LEN);
		CHECK_EQ(m.fault_offset, 1);
		/* one unit more is enough */
		buf[1]++;
		CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), 0);
	}
}

static void test_payload_proto(void)
{
	uint8_t buf[sizeof(bu_acoa)];
	struct dha_mh_msg m;

	memcpy(buf, bu_acoa, sizeof(buf));
	buf[0] = 6;
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_PAYLOAD_PROTO);
	CHECK_EQ(m.fault_offset, 0);
}

/* Unknown types are told apart so the daemon can send BE status 2, and
 * come before the payload proto check in RFC 6275 9.2's order. */
static void test_unknown_type(void)
{
	static const uint8_t types[] = { 8, 9, 10, 13, 200, 255 };
	uint8_t buf[16] = { 59, 1, 0 };
	struct dha_mh_msg m;
	size_t i;

	for (i = 0; i < sizeof(types); i++) {
		buf[2] = types[i];
		CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EPROTONOSUPPORT);
		CHECK_EQ(m.type, types[i]);
		CHECK_EQ(m.fault, DHA_MH_FAULT_UNKNOWN_TYPE);
		CHECK_EQ(m.fault_offset, 2);
	}
	buf[0] = 17;
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EPROTONOSUPPORT);
}

/* A BU whose 4 option octets (offsets 12..15) are opt[0..3]. */
static int parse_bu_options4(const uint8_t opt[4], struct dha_mh_msg *m)
{
	uint8_t buf[16] = { 59, 1, DHA_MH_BU, 0, 0, 0, 0, 1, 0x80, 0, 0, 1 };

	memcpy(buf + 12, opt, 4);
	return dha_mh_parse(buf, sizeof(buf), m);
}

static void test_padding(void)
{
	static const uint8_t pad1s[4] = { 0, 0, 0, 0 };
	static const uint8_t padn[4] = { 1, 2, 0, 0 };
	static const uint8_t padn_dirty[4] = { 1, 2, 0xff, 0xff };
	static const uint8_t padn_over[4] = { 1, 3, 0, 0 };
	static const uint8_t pad1_padn_over[4] = { 0, 1, 2, 0 };
	static const uint8_t half_option[4] = { 0, 0, 0, 1 };
	static const uint8_t padn_then_pad1[4] = { 1, 1, 0, 0 };
	struct dha_mh_msg m;

	CHECK_EQ(parse_bu_options4(pad1s, &m), 0);
	CHECK_EQ(parse_bu_options4(padn, &m), 0);
	/* padding contents are not checked: receivers ignore them */
	CHECK_EQ(parse_bu_options4(padn_dirty, &m), 0);
	CHECK_EQ(parse_bu_options4(padn_then_pad1, &m), 0);
	CHECK_EQ(parse_bu_options4(padn_over, &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_MALFORMED);
	CHECK_EQ(m.fault_offset, 12);
	CHECK_EQ(parse_bu_options4(pad1_padn_over, &m), -EBADMSG);
	CHECK_EQ(m.fault_offset, 13);
	/* a type octet with no room for its length */
	CHECK_EQ(parse_bu_options4(half_option, &m), -EBADMSG);
	CHECK_EQ(m.fault_offset, 15);
}

/* Each known option with one octet too few or too many. */
static void test_option_wrong_length(void)
{
	static const struct { uint8_t mh_type, opt, len; } cases[] = {
		{ DHA_MH_BA, DHA_MHOPT_REFRESH_ADVICE, 1 },
		{ DHA_MH_BA, DHA_MHOPT_REFRESH_ADVICE, 3 },
		{ DHA_MH_BU, DHA_MHOPT_ALT_COA, 15 },
		{ DHA_MH_BU, DHA_MHOPT_ALT_COA, 17 },
		{ DHA_MH_BU, DHA_MHOPT_NONCE_INDICES, 3 },
		{ DHA_MH_BU, DHA_MHOPT_NONCE_INDICES, 5 },
		{ DHA_MH_BU, DHA_MHOPT_MOBILE_NET_PREFIX, 17 },
		{ DHA_MH_BU, DHA_MHOPT_MOBILE_NET_PREFIX, 19 },
		{ DHA_MH_BA, DHA_MHOPT_MOBILE_NET_PREFIX, 0 },
		{ DHA_MH_BU, DHA_MHOPT_VENDOR, 4 },
		{ DHA_MH_BE, DHA_MHOPT_VENDOR, 0 },
	};
	uint8_t buf[64];
	struct dha_mh_msg m;
	size_t i, fixed, total;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fixed = cases[i].mh_type == DHA_MH_BE ? 24 : 12;
		memset(buf, 0, sizeof(buf));
		buf[0] = 59;
		buf[2] = cases[i].mh_type;
		buf[fixed] = cases[i].opt;
		buf[fixed + 1] = cases[i].len;
		/* the rest of the message is Pad1s */
		total = (fixed + 2 + cases[i].len + 7) / 8 * 8;
		buf[1] = (uint8_t)(total / 8 - 1);
		CHECK_EQ(dha_mh_parse(buf, total, &m), -EBADMSG);
		CHECK_EQ(m.fault, DHA_MH_FAULT_MALFORMED);
		CHECK_EQ(m.fault_offset, fixed + 1);
	}
}

static void test_option_duplicates(void)
{
	static const uint8_t two_acoa[] = {
		59, 6, DHA_MH_BU, 0, 0, 0, 0, 1, 0xc0, 0, 0, 1,
		1, 0, 3, 16, COA,
		1, 4, 0, 0, 0, 0, 3, 16, COA,
	};
	static const uint8_t two_nonces[] = {
		59, 2, DHA_MH_BU, 0, 0, 0, 0, 1, 0xc0, 0, 0, 1,
		4, 4, 0, 1, 0, 2, 4, 4, 0, 1, 0, 2,
	};
	static const uint8_t two_bra[] = {
		59, 2, DHA_MH_BA, 0, 0, 0, 0, 0, 0, 1, 0, 1,
		2, 2, 0, 1, 2, 2, 0, 1, 0, 0, 0, 0,
	};
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(two_acoa, sizeof(two_acoa), &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_MALFORMED);
	CHECK_EQ(m.fault_offset, 38);
	CHECK_EQ(dha_mh_parse(two_nonces, sizeof(two_nonces), &m), -EBADMSG);
	CHECK_EQ(dha_mh_parse(two_bra, sizeof(two_bra), &m), -EBADMSG);
	CHECK_EQ(m.fault_offset, 16);
}

/* RFC 6275 6.2.1: unknown options, and options defined only for other
 * messages, are skipped. */
static void test_options_skipped(void)
{
	static const uint8_t bu[] = {
		59, 2, DHA_MH_BU, 0, 0, 0, 0, 1, 0xc0, 0, 0, 1,
		200, 2, 9, 9,			/* unknown */
		DHA_MHOPT_REFRESH_ADVICE, 2, 0, 5,	/* BA only */
		0, 0, 0, 0,
	};
	static const uint8_t ba[] = {
		59, 3, DHA_MH_BA, 0, 0, 0, 0, 0, 0, 1, 0, 1,
		1, 0, DHA_MHOPT_ALT_COA, 16, COA,	/* BU only */
	};
	static const uint8_t be[] = {
		59, 3, DHA_MH_BE, 0, 0, 0, 1, 0, HOA,
		DHA_MHOPT_MOBILE_NET_PREFIX, 6, 1, 2, 3, 4, 5, 6,	/* not in BE */
	};
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(bu, sizeof(bu), &m), 0);
	CHECK_EQ(m.opts.skipped, 2);
	CHECK(!m.opts.has_refresh_advice);
	CHECK_EQ(dha_mh_parse(ba, sizeof(ba), &m), 0);
	CHECK_EQ(m.opts.skipped, 1);
	CHECK(!m.opts.has_alt_coa);
	/* skipped options are not length-checked: they are not understood */
	CHECK_EQ(dha_mh_parse(be, sizeof(be), &m), 0);
	CHECK_EQ(m.opts.skipped, 1);
	CHECK_EQ(m.opts.mnp_count, 0);
}

/* RFC 6275 6.2.7: Binding Authorization Data is the last option. */
static void test_auth_data_last(void)
{
	static const uint8_t ok[] = {
		59, 3, DHA_MH_BU, 0, 0, 0, 0, 1, 0x80, 0, 0, 1,
		4, 4, 0, 1, 0, 2,		/* nonce indices at 12 */
		5, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,	/* at 18 = 8n+2 */
	};
	static const uint8_t ok_padded[] = {
		59, 2, DHA_MH_BA, 0, 0, 0, 0, 0, 0, 1, 0, 1,
		1, 2, 0, 0, 5, 2, 0xaa, 0xbb, 0, 1, 0, 0,
	};
	static const uint8_t not_last[] = {
		59, 2, DHA_MH_BA, 0, 0, 0, 0, 0, 0, 1, 0, 1,
		1, 2, 0, 0, 5, 2, 0xaa, 0xbb, 2, 2, 0, 1,
	};
	static const uint8_t unknown_after[] = {
		59, 2, DHA_MH_BA, 0, 0, 0, 0, 0, 0, 1, 0, 1,
		1, 2, 0, 0, 5, 2, 0xaa, 0xbb, 99, 2, 0, 1,
	};
	static const uint8_t auth[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	struct dha_mh_msg m;

	CHECK_EQ(dha_mh_parse(ok, sizeof(ok), &m), 0);
	CHECK(m.opts.has_nonce_indices);
	CHECK_EQ(m.opts.home_nonce_index, 1);
	CHECK_EQ(m.opts.careof_nonce_index, 2);
	CHECK(m.opts.has_auth_data);
	CHECK(bytes_equal(m.opts.auth_data, m.opts.auth_data_len, auth, 12));
	check_rebuild(ok, sizeof(ok), &m);
	CHECK_EQ(dha_mh_parse(ok_padded, sizeof(ok_padded), &m), 0);
	CHECK_EQ(m.opts.auth_data_len, 2);
	CHECK_EQ(dha_mh_parse(not_last, sizeof(not_last), &m), -EBADMSG);
	CHECK_EQ(m.fault_offset, 20);
	CHECK_EQ(dha_mh_parse(unknown_after, sizeof(unknown_after), &m), -EBADMSG);
}

/* n prefix options, each as the builder lays them out (4 octets of PadN
 * before each but the first). */
static size_t bu_with_prefixes(uint8_t *buf, size_t n)
{
	size_t off = 12, i;

	memset(buf, 0, DHA_MH_MAX_LEN);
	buf[0] = 59;
	buf[2] = DHA_MH_BU;
	buf[8] = 0xc4;
	for (i = 0; i < n; i++) {
		if (i) {
			buf[off] = 1;
			buf[off + 1] = 2;
			off += 4;
		}
		buf[off] = DHA_MHOPT_MOBILE_NET_PREFIX;
		buf[off + 1] = 18;
		buf[off + 3] = 64;
		buf[off + 4] = 0x20;
		buf[off + 5] = (uint8_t)i;
		off += 20;
	}
	off = (off + 7) / 8 * 8;	/* Pad1s */
	buf[1] = (uint8_t)(off / 8 - 1);
	return off;
}

static void test_prefix_cap(void)
{
	static uint8_t buf[DHA_MH_MAX_LEN];
	struct dha_mh_msg m;
	size_t len;

	len = bu_with_prefixes(buf, DHA_MH_MNP_MAX);
	CHECK_EQ(dha_mh_parse(buf, len, &m), 0);
	CHECK_EQ(m.opts.mnp_count, DHA_MH_MNP_MAX);
	CHECK_EQ(m.opts.mnp[31].prefix.s6_addr[1], 31);
	check_rebuild(buf, len, &m);

	len = bu_with_prefixes(buf, DHA_MH_MNP_MAX + 1);
	CHECK_EQ(dha_mh_parse(buf, len, &m), -E2BIG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_TOO_MANY);
}

static void test_ha_switch_count_overrun(void)
{
	uint8_t buf[sizeof(has_msg)];
	struct dha_mh_msg m;

	memcpy(buf, has_msg, sizeof(buf));
	buf[6] = 3;
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_MALFORMED);
	CHECK_EQ(m.fault_offset, 6);
	buf[6] = 255;
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EBADMSG);
	/* fewer addresses than room: the rest must parse as options */
	buf[6] = 1;
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), -EBADMSG);
	buf[6] = 0;
	memset(buf + 8, 0, sizeof(buf) - 8);
	CHECK_EQ(dha_mh_parse(buf, sizeof(buf), &m), 0);
	CHECK_EQ(m.u.has.addr_count, 0);
}

const struct test_case mh_tests[] = {
	{ "mh: BU with alternate care-of address", test_parse_bu_alt_coa },
	{ "mh: BU with mobile network prefixes", test_parse_bu_prefixes },
	{ "mh: BU with vendor-specific option", test_parse_bu_vendor },
	{ "mh: BA with refresh advice", test_parse_ba_refresh_advice },
	{ "mh: BE, BRR and Home Agent Switch", test_parse_be_brr_has },
	{ "mh: HoTI and HoT", test_parse_return_routability },
	{ "mh: experimental MH", test_parse_experimental },
	{ "mh: truncated at every octet", test_truncated_everywhere },
	{ "mh: octets after the MH ignored", test_trailing_octets_ignored },
	{ "mh: header length below the type minimum", test_header_len_below_minimum },
	{ "mh: payload proto other than 59", test_payload_proto },
	{ "mh: unknown MH type", test_unknown_type },
	{ "mh: Pad1/PadN and overruns", test_padding },
	{ "mh: known options of wrong length", test_option_wrong_length },
	{ "mh: duplicate single options", test_option_duplicates },
	{ "mh: unknown and misplaced options skipped", test_options_skipped },
	{ "mh: authorization data must be last", test_auth_data_last },
	{ "mh: mobile network prefix cap", test_prefix_cap },
	{ "mh: HA switch address count overrun", test_ha_switch_count_overrun },
	{ NULL, NULL },
};
