// SPDX-License-Identifier: GPL-2.0-only
/* The Mobility Header builder: alignment, round trips, refusals. */
#include <errno.h>

#include "check.h"
#include "equal.h"
#include "wire/mh.h"

/* Independent walk of a built message: each option starts where RFC 6275
 * 6.2 / RFC 3963 / RFC 5094 want it, the total is 8n and Header Len fits. */
static void check_alignment(const uint8_t *buf, size_t len, size_t start)
{
	size_t off = start;

	CHECK_EQ(len % 8, 0);
	CHECK_EQ((buf[1] + 1) * 8, len);
	while (off < len) {
		uint8_t t = buf[off];

		if (t == DHA_MHOPT_PAD1) {
			off++;
			continue;
		}
		switch (t) {
		case DHA_MHOPT_REFRESH_ADVICE:
		case DHA_MHOPT_NONCE_INDICES:
			CHECK_EQ(off % 2, 0);
			break;
		case DHA_MHOPT_ALT_COA:
			CHECK_EQ(off % 8, 6);
			break;
		case DHA_MHOPT_AUTH_DATA:
			CHECK_EQ(off % 8, 2);
			break;
		case DHA_MHOPT_MOBILE_NET_PREFIX:
			CHECK_EQ(off % 8, 4);
			break;
		case DHA_MHOPT_VENDOR:
			CHECK_EQ(off % 4, 2);
			break;
		}
		off += 2 + buf[off + 1];
	}
	CHECK_EQ(off, len);
}

static void fill_bu(struct dha_mh_msg *m)
{
	static const uint8_t vdata[] = { 1, 2, 3, 4, 5 };
	static const uint8_t auth[] = { 0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x10, 0x11,
					0x12, 0x13, 0x14, 0x15 };

	memset(m, 0, sizeof(*m));
	m->type = DHA_MH_BU;
	m->u.bu.seq = 65535;
	m->u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_K |
			DHA_BU_FLAG_R;
	m->u.bu.lifetime = 900;
	m->opts.has_alt_coa = true;
	m->opts.alt_coa = addr6("2001:db8:ffff::9");
	m->opts.has_nonce_indices = true;
	m->opts.home_nonce_index = 7;
	m->opts.careof_nonce_index = 8;
	m->opts.mnp_count = 3;
	m->opts.mnp[0].prefix_len = 48;
	m->opts.mnp[0].prefix = addr6("2001:db8:a::");
	m->opts.mnp[1].prefix_len = 64;
	m->opts.mnp[1].prefix = addr6("2001:db8:b::");
	m->opts.mnp[2].prefix_len = 129;	/* carried raw */
	m->opts.mnp[2].prefix = addr6("2001:db8:c::");
	m->opts.vendor_count = 2;
	m->opts.vendor[0].vendor_id = 8088;
	m->opts.vendor[0].subtype = 1;
	m->opts.vendor[0].data = vdata;
	m->opts.vendor[0].data_len = sizeof(vdata);
	m->opts.vendor[1].vendor_id = 1;
	m->opts.vendor[1].subtype = 2;
	m->opts.has_auth_data = true;
	m->opts.auth_data = auth;
	m->opts.auth_data_len = sizeof(auth);
}

static void test_build_alignment_and_roundtrip(void)
{
	uint8_t buf[DHA_MH_MAX_LEN];
	struct dha_mh_msg m, back;
	size_t len;

	fill_bu(&m);
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	check_alignment(buf, len, 12);
	CHECK_EQ(dha_mh_parse(buf, len, &back), 0);
	CHECK(mh_msg_equal(&m, &back));
	CHECK_EQ(back.opts.skipped, 0);
	CHECK_EQ(buf[4], 0);
	CHECK_EQ(buf[5], 0);

	/* a NEMO BA echoing prefixes with a refresh advice */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BA;
	m.u.ba.status = DHA_BA_ACCEPTED;
	m.u.ba.flags = DHA_BA_FLAG_R;
	m.u.ba.seq = 9;
	m.u.ba.lifetime = 100;
	m.opts.has_refresh_advice = true;
	m.opts.refresh_interval = 90;
	m.opts.mnp_count = 2;
	m.opts.mnp[0].prefix_len = 48;
	m.opts.mnp[0].prefix = addr6("2001:db8:a::");
	m.opts.mnp[1].prefix_len = 56;
	m.opts.mnp[1].prefix = addr6("2001:db8:b::");
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	check_alignment(buf, len, 12);
	CHECK_EQ(dha_mh_parse(buf, len, &back), 0);
	CHECK(mh_msg_equal(&m, &back));

	/* Home Agent Switch with options after the address list */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_HA_SWITCH;
	m.u.has.addr_count = 3;
	m.u.has.addrs[0] = addr6("2001:db8::a1");
	m.u.has.addrs[1] = addr6("2001:db8::a2");
	m.u.has.addrs[2] = addr6("2001:db8::a3");
	m.opts.vendor_count = 1;
	m.opts.vendor[0].vendor_id = 99;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	check_alignment(buf, len, 8 + 48);
	CHECK_EQ(dha_mh_parse(buf, len, &back), 0);
	CHECK(mh_msg_equal(&m, &back));

	/* Binding Error and Binding Refresh Request as the HA sends them */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BE;
	m.u.be.status = DHA_BE_UNKNOWN_HAO_BINDING;
	m.u.be.home_addr = addr6("2001:db8::77");
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, 24);
	CHECK_EQ(dha_mh_parse(buf, len, &back), 0);
	CHECK(mh_msg_equal(&m, &back));
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BRR;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, 8);
	CHECK_EQ(buf[1], 0);
}

/* A BU without options still takes a whole unit: Header Len 1, PadN(2). */
static void test_build_minimal_bu(void)
{
	static const uint8_t expect[] = {
		59, 1, DHA_MH_BU, 0, 0, 0, 0, 5, 0x80, 0, 0, 3, 1, 2, 0, 0,
	};
	struct dha_mh_msg m;
	uint8_t buf[32];
	size_t len;

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.u.bu.seq = 5;
	m.u.bu.flags = DHA_BU_FLAG_A;
	m.u.bu.lifetime = 3;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, sizeof(expect));
	CHECK_MEM(buf, expect, sizeof(expect));
}

static void test_build_no_space(void)
{
	uint8_t buf[DHA_MH_MAX_LEN];
	struct dha_mh_msg m;
	size_t len, cap, got;

	fill_bu(&m);
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	for (cap = 0; cap < len; cap++)
		if (dha_mh_build(buf, cap, &m, &got) != -ENOSPC) {
			printf("#   cap %zu did not fail\n", cap);
			check_failures++;
		}
	CHECK_EQ(dha_mh_build(buf, len, &m, &got), 0);
	CHECK_EQ(got, len);
}

static void test_build_invalid(void)
{
	static uint8_t big[256];
	uint8_t buf[DHA_MH_MAX_LEN + 64];
	struct dha_mh_msg m;
	size_t len, i;

	memset(&m, 0, sizeof(m));
	m.type = 9;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);

	/* options outside the messages they are defined for */
	m.type = DHA_MH_BA;
	m.opts.has_alt_coa = true;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.opts.has_refresh_advice = true;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BE;
	m.opts.mnp_count = 1;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);

	/* counts and lengths the wire cannot carry */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.opts.mnp_count = DHA_MH_MNP_MAX + 1;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.opts.vendor_count = 1;
	m.opts.vendor[0].data = big;
	m.opts.vendor[0].data_len = 251;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	m.opts.vendor[0].data_len = 250;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	/* eight full vendor options overflow the 2048-octet MH */
	m.opts.vendor_count = DHA_MH_VENDOR_MAX;
	for (i = 0; i < DHA_MH_VENDOR_MAX; i++)
		m.opts.vendor[i] = m.opts.vendor[0];
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_HA_SWITCH;
	m.u.has.addr_count = DHA_MH_HAS_ADDRS_MAX + 1;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_EXPERIMENTAL;
	m.u.exp.data = big;
	m.u.exp.len = 3;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), -EINVAL);
	m.u.exp.len = 2;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, 8);
}

static void test_checksum_on_built_ba(void)
{
	struct in6_addr ha = addr6("2001:db8::a1"), hoa = addr6("2001:db8::1");
	uint8_t buf[64];
	struct dha_mh_msg m;
	size_t len;

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BA;
	m.u.ba.seq = 77;
	m.u.ba.lifetime = 10;
	CHECK_EQ(dha_mh_build(buf, sizeof(buf), &m, &len), 0);
	CHECK(!dha_mh_checksum_ok(buf, len, &ha, &hoa));
	dha_mh_checksum_set(buf, len, &ha, &hoa);
	CHECK(dha_mh_checksum_ok(buf, len, &ha, &hoa));
	CHECK_EQ(dha_mh_parse(buf, len, &m), 0);
	CHECK(m.checksum != 0);
	buf[9] ^= 0x80;
	CHECK(!dha_mh_checksum_ok(buf, len, &ha, &hoa));
}

const struct test_case mh_build_tests[] = {
	{ "mh: build alignment and round trip", test_build_alignment_and_roundtrip },
	{ "mh: minimal BU is one padded unit", test_build_minimal_bu },
	{ "mh: build into every short buffer", test_build_no_space },
	{ "mh: build refuses what the wire cannot carry", test_build_invalid },
	{ "mh: checksum of a built BA", test_checksum_on_built_ba },
	{ NULL, NULL },
};
