// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>

#include "check.h"
#include "wire/ipv6ext.h"

#define HOA	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01
#define COA	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02

/* RFC 6275 6.3: PadN(2) puts the option at 8n+6. */
static const uint8_t dst_hao[] = {
	DHA_IPPROTO_MH, 2, 1, 2, 0, 0, 201, 16, COA,
};

static void test_hao_parse_and_build(void)
{
	struct in6_addr coa = addr6("2001:db8:1::2"), got;
	uint8_t buf[32];
	size_t len;

	CHECK_EQ(dha_dstopts_find_hao(dst_hao, sizeof(dst_hao), &got), 0);
	CHECK(addr_eq(&got, &coa));
	CHECK_EQ(dha_dstopts_build_hao(buf, sizeof(buf), DHA_IPPROTO_MH, &coa,
				       &len), 0);
	CHECK_EQ(len, sizeof(dst_hao));
	CHECK_MEM(buf, dst_hao, sizeof(dst_hao));
	CHECK_EQ(dha_dstopts_build_hao(buf, DHA_DSTOPTS_HAO_LEN - 1,
				       DHA_IPPROTO_MH, &coa, &len), -ENOSPC);
}

/* Pad1s, unknown options (whatever their action bits) and options after
 * the Home Address option are stepped over. */
static void test_hao_among_other_options(void)
{
	static const uint8_t pad1s[] = {
		59, 2, 0, 0, 0, 0, 201, 16, HOA,
	};
	static const uint8_t others[] = {
		59, 3,
		0x1e, 2, 0xaa, 0xbb,		/* unknown, action skip */
		0xc2, 0,			/* action bits 11 */
		201, 16, HOA,
		4, 1, 0,			/* tunnel encapsulation limit */
		1, 1, 0,
	};
	struct in6_addr hoa = addr6("2001:db8::1"), got;

	CHECK_EQ(dha_dstopts_find_hao(pad1s, sizeof(pad1s), &got), 0);
	CHECK(addr_eq(&got, &hoa));
	memset(&got, 0, sizeof(got));
	CHECK_EQ(dha_dstopts_find_hao(others, sizeof(others), &got), 0);
	CHECK(addr_eq(&got, &hoa));
}

static void test_hao_absent(void)
{
	static const uint8_t padn_only[] = { 59, 0, 1, 4, 0, 0, 0, 0 };
	static const uint8_t other_only[] = { 59, 0, 4, 1, 0, 1, 0, 0 };
	struct in6_addr got;

	CHECK_EQ(dha_dstopts_find_hao(padn_only, 8, &got), -ENOENT);
	CHECK_EQ(dha_dstopts_find_hao(other_only, 8, &got), -ENOENT);
}

static void test_hao_malformed(void)
{
	static const uint8_t short_hao[] = {
		59, 2, 1, 3, 0, 0, 0, 201, 15, COA,
	};
	static const uint8_t twice[] = {
		59, 5, 1, 2, 0, 0, 201, 16, COA, 1, 4, 0, 0, 0, 0, 201, 16, COA,
	};
	static const uint8_t overrun[] = { 59, 0, 1, 5, 0, 0, 0, 0 };
	static const uint8_t half[] = { 59, 0, 0, 0, 0, 0, 0, 201 };
	uint8_t buf[sizeof(dst_hao)];
	struct in6_addr got;
	size_t cut;

	CHECK_EQ(dha_dstopts_find_hao(short_hao, sizeof(short_hao), &got), -EBADMSG);
	CHECK_EQ(dha_dstopts_find_hao(twice, sizeof(twice), &got), -EBADMSG);
	CHECK_EQ(dha_dstopts_find_hao(overrun, sizeof(overrun), &got), -EBADMSG);
	CHECK_EQ(dha_dstopts_find_hao(half, sizeof(half), &got), -EBADMSG);
	for (cut = 0; cut < sizeof(dst_hao); cut++)
		if (dha_dstopts_find_hao(dst_hao, cut, &got) != -EBADMSG) {
			printf("#   cut at %zu accepted\n", cut);
			check_failures++;
		}
	/* Hdr Ext Len claiming more than the buffer */
	memcpy(buf, dst_hao, sizeof(buf));
	buf[1] = 3;
	CHECK_EQ(dha_dstopts_find_hao(buf, sizeof(buf), &got), -EBADMSG);
	/* ...or less: the option then overruns the header */
	buf[1] = 1;
	CHECK_EQ(dha_dstopts_find_hao(buf, sizeof(buf), &got), -EBADMSG);
}

/* RFC 6275 6.4 */
static const uint8_t rh2[] = {
	DHA_IPPROTO_MH, 2, 2, 1, 0, 0, 0, 0, HOA,
};

static void test_rh2_parse_and_build(void)
{
	struct in6_addr hoa = addr6("2001:db8::1");
	struct dha_rh2 rh;
	uint8_t buf[32];
	size_t len;

	CHECK_EQ(dha_rh2_parse(rh2, sizeof(rh2), &rh), 0);
	CHECK_EQ(rh.next_header, DHA_IPPROTO_MH);
	CHECK_EQ(rh.segments_left, 1);
	CHECK(addr_eq(&rh.addr, &hoa));
	CHECK_EQ(dha_rh2_build(buf, sizeof(buf), DHA_IPPROTO_MH, &hoa, &len), 0);
	CHECK_EQ(len, DHA_RH2_LEN);
	CHECK_MEM(buf, rh2, sizeof(rh2));
	CHECK_EQ(dha_rh2_build(buf, DHA_RH2_LEN - 1, DHA_IPPROTO_MH, &hoa, &len),
		 -ENOSPC);
}

static void test_rh2_malformed(void)
{
	uint8_t buf[sizeof(rh2)];
	struct dha_rh2 rh;
	size_t cut;

	for (cut = 0; cut < sizeof(rh2); cut++)
		CHECK_EQ(dha_rh2_parse(rh2, cut, &rh), -EBADMSG);
	memcpy(buf, rh2, sizeof(buf));
	buf[3] = 0;		/* consumed by the kernel: still fine */
	CHECK_EQ(dha_rh2_parse(buf, sizeof(buf), &rh), 0);
	CHECK_EQ(rh.segments_left, 0);
	buf[3] = 2;
	CHECK_EQ(dha_rh2_parse(buf, sizeof(buf), &rh), -EBADMSG);
	buf[3] = 1;
	buf[2] = 0;		/* type 0 */
	CHECK_EQ(dha_rh2_parse(buf, sizeof(buf), &rh), -EBADMSG);
	buf[2] = 2;
	buf[1] = 4;		/* two addresses */
	CHECK_EQ(dha_rh2_parse(buf, sizeof(buf), &rh), -EBADMSG);
}

const struct test_case ipv6ext_tests[] = {
	{ "ipv6ext: home address option parse and build", test_hao_parse_and_build },
	{ "ipv6ext: home address among other options", test_hao_among_other_options },
	{ "ipv6ext: no home address option", test_hao_absent },
	{ "ipv6ext: malformed destination options", test_hao_malformed },
	{ "ipv6ext: type 2 routing header parse and build", test_rh2_parse_and_build },
	{ "ipv6ext: malformed type 2 routing headers", test_rh2_malformed },
	{ NULL, NULL },
};
