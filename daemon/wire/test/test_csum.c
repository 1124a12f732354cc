// SPDX-License-Identifier: GPL-2.0-only
#include "check.h"
#include "wire/csum.h"
#include "wire/mh.h"
#include "wire/ndisc.h"

/*
 * An independent, deliberately naive checksum: lay out pseudo-header and
 * data in one buffer, add 16-bit words into 64 bits, fold at the end.
 */
static uint16_t reference_csum(const struct in6_addr *src,
			       const struct in6_addr *dst, uint8_t nh,
			       const uint8_t *data, size_t len)
{
	static uint8_t all[40 + 4096 + 1];
	uint64_t sum = 0;
	size_t i;

	memset(all, 0, sizeof(all));
	memcpy(all, src, 16);
	memcpy(all + 16, dst, 16);
	all[32] = (uint8_t)(len >> 24);
	all[33] = (uint8_t)(len >> 16);
	all[34] = (uint8_t)(len >> 8);
	all[35] = (uint8_t)len;
	all[39] = nh;
	memcpy(all + 40, data, len);
	for (i = 0; i < 40 + len; i += 2)
		sum += (uint64_t)all[i] << 8 | all[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t lcg_state = 12345;

static uint8_t lcg_byte(void)
{
	lcg_state = lcg_state * 1103515245u + 12345u;
	return (uint8_t)(lcg_state >> 16);
}

/*
 * By hand: pseudo-header words 2001+0db8+0001, 2001+0db8+0002, length 8,
 * next header 135, then the BRR words 3b00 0000 0000 0000:
 * 2dba + 2dbb + 0008 + 0087 + 3b00 = 9704, complement 68fb.
 */
static void test_mh_checksum_known_answer(void)
{
	struct in6_addr src = addr6("2001:db8::1"), dst = addr6("2001:db8::2");
	uint8_t brr[8] = { 59, 0, DHA_MH_BRR, 0, 0, 0, 0, 0 };

	CHECK_EQ(dha_csum_ipv6(&src, &dst, DHA_IPPROTO_MH, brr, 8), 0x68fb);
	dha_mh_checksum_set(brr, sizeof(brr), &src, &dst);
	CHECK_EQ(brr[4], 0x68);
	CHECK_EQ(brr[5], 0xfb);
	CHECK(dha_mh_checksum_ok(brr, sizeof(brr), &src, &dst));
	/* the pseudo-header matters: swapped addresses still sum the same,
	 * another destination does not */
	CHECK(dha_mh_checksum_ok(brr, sizeof(brr), &dst, &src));
	dst = addr6("2001:db8::3");
	CHECK(!dha_mh_checksum_ok(brr, sizeof(brr), &src, &dst));
	CHECK(!dha_mh_checksum_ok(brr, 4, &src, &dst));
}

/*
 * By hand: 2dba + 2dbb + 0008 + 003a (ICMPv6) + 9200 + 1234 = ffeb,
 * complement 0014.
 */
static void test_icmp6_checksum_known_answer(void)
{
	struct in6_addr src = addr6("2001:db8::1"), dst = addr6("2001:db8::2");
	uint8_t mps[8] = { DHA_ICMP6_MOBILE_PREFIX_SOLICIT, 0, 0, 0,
			   0x12, 0x34, 0, 0 };

	dha_icmp6_checksum_set(mps, sizeof(mps), &src, &dst);
	CHECK_EQ(mps[2], 0x00);
	CHECK_EQ(mps[3], 0x14);
	CHECK(dha_icmp6_checksum_ok(mps, sizeof(mps), &src, &dst));
	mps[5] ^= 1;
	CHECK(!dha_icmp6_checksum_ok(mps, sizeof(mps), &src, &dst));
}

static void test_checksum_matches_reference(void)
{
	static uint8_t data[4096];
	struct in6_addr src, dst;
	size_t len, i;
	int round;

	for (round = 0; round < 200; round++) {
		for (i = 0; i < 16; i++) {
			src.s6_addr[i] = lcg_byte();
			dst.s6_addr[i] = lcg_byte();
		}
		/* odd and even lengths; all-0xff rounds stress the carries */
		len = (size_t)(lcg_byte() | lcg_byte() << 8) % sizeof(data);
		for (i = 0; i < len; i++)
			data[i] = round % 7 ? lcg_byte() : 0xff;
		CHECK_EQ(dha_csum_ipv6(&src, &dst, DHA_IPPROTO_MH, data, len),
			 reference_csum(&src, &dst, DHA_IPPROTO_MH, data, len));
	}
}

/* A message carrying its own right checksum sums to zero, odd length too. */
static void test_checksum_verifies_to_zero(void)
{
	struct in6_addr src = addr6("fe80::1"), dst = addr6("ff02::1");
	uint8_t msg[11] = { 1, 2, 0, 0, 5, 6, 7, 8, 9, 10, 11 };
	uint16_t c = dha_csum_ipv6(&src, &dst, DHA_IPPROTO_ICMPV6, msg, 11);

	msg[2] = (uint8_t)(c >> 8);
	msg[3] = (uint8_t)c;
	CHECK_EQ(dha_csum_ipv6(&src, &dst, DHA_IPPROTO_ICMPV6, msg, 11), 0);
}

const struct test_case csum_tests[] = {
	{ "checksum: MH known answer", test_mh_checksum_known_answer },
	{ "checksum: ICMPv6 known answer", test_icmp6_checksum_known_answer },
	{ "checksum: matches a naive reference", test_checksum_matches_reference },
	{ "checksum: a checksummed message sums to zero", test_checksum_verifies_to_zero },
	{ NULL, NULL },
};
