// SPDX-License-Identifier: GPL-2.0-only
/*
 * State Synchronization's arithmetic, how it cuts the cache into
 * messages, and the AAA and Vendor Specific Information it passes on.
 */
#include <stdlib.h>
#include <string.h>

#include "reliability/sync.h"
#include "check.h"

/* The IPv6 minimum MTU less the IPv6 header: what a message may take. */
#define MESSAGE_MAX (1280 - 40)

static void test_sync_lifetime_units(void)
{
	CHECK_INT(sync_lifetime_units(0), 0);
	CHECK_INT(sync_lifetime_units(1), 1);
	CHECK_INT(sync_lifetime_units(4), 1);
	CHECK_INT(sync_lifetime_units(5), 2);
	CHECK_INT(sync_lifetime_units(600), 150);
	/* The longest lifetime a BA grants stays finite: 0xffff is
	 * "never expires" on the wire. */
	CHECK_INT(sync_lifetime_units(0xffff * 4), 0xfffe);
	CHECK_INT(sync_lifetime_units(UINT32_MAX), 0xfffe);
}

static void test_sync_sequence_newer(void)
{
	CHECK(sync_sequence_newer(2, 1));
	CHECK(!sync_sequence_newer(1, 2));
	CHECK(!sync_sequence_newer(5, 5));
	/* Modulo 2^16, as RFC 6275 9.5.1 compares them. */
	CHECK(sync_sequence_newer(3, 65530));
	CHECK(!sync_sequence_newer(65530, 3));
	CHECK(sync_sequence_newer(0x8000 + 9, 10));
	CHECK(!sync_sequence_newer(0x8000 + 10, 10));
}

static uint8_t opaque_bytes[255];

/* Binding i of a varied cache: plain ones, mobile routers with up to
 * 16 prefixes, some with AAA and vendor data of any length. */
static void varied_binding(unsigned int i, struct dha_hamsg_bci *b)
{
	unsigned int k;

	memset(b, 0, sizeof(*b));
	b->flags = 0xc000;
	b->seq = (uint16_t)i;
	b->lifetime = 150;
	b->home_address.s6_addr[0] = 0x20;
	b->home_address.s6_addr[14] = (uint8_t)(i >> 8);
	b->home_address.s6_addr[15] = (uint8_t)i;
	b->care_of_address.s6_addr[0] = 0x20;
	b->care_of_address.s6_addr[15] = 2;
	if (i % 7 == 3)
		b->mnp_count = 1 + i % DHA_HAMSG_MNP_MAX;
	for (k = 0; k < b->mnp_count; k++) {
		b->mnp[k].prefix_len = 48;
		b->mnp[k].prefix.s6_addr[0] = 0x20;
		b->mnp[k].prefix.s6_addr[5] = (uint8_t)k;
	}
	if (i % 11 == 5) {
		b->aaa = opaque_bytes;
		b->aaa_len = (i * 37) % 256;
	}
	if (i % 13 == 6) {
		b->vendor_count = 1 + i % DHA_HAMSG_VENDOR_MAX;
		for (k = 0; k < b->vendor_count; k++) {
			b->vendor[k].vendor_code = (uint16_t)(1000 + k);
			b->vendor[k].data = opaque_bytes;
			b->vendor[k].data_len = (i * 53 + k * 101) % 252;
		}
	}
}

/* A State Synchronization as dhad sends one: SS Status and an
 * Authentication option, the largest values in their fields. */
static size_t built_length(const struct dha_hamsg_bci *bci, size_t count)
{
	static struct dha_hamsg msg;
	static uint8_t buf[DHA_MH_MAX_LEN];
	size_t len;

	memset(&msg, 0, sizeof(msg));
	msg.subtype = DHA_HAMSG_SS;
	msg.u.id = 0xffff;
	msg.has_ss_status = true;
	msg.ss_status.flags = DHA_SS_STATUS_FLAG_REPLY;
	msg.ss_status.request_id = 0xffff;
	msg.ss_status.total = UINT32_MAX;
	msg.has_auth = true;
	msg.auth.key_id = 0xffff;
	msg.auth.counter = UINT64_MAX;
	memcpy(msg.bci, bci, count * sizeof(*bci));
	msg.bci_count = count;
	CHECK_INT(dha_hamsg_build(buf, sizeof(buf), &msg, &len), 0);
	return len;
}

static void test_sync_chunk_plain(void)
{
	static struct dha_hamsg_bci bci[DHA_HAMSG_BCI_MAX + 1];
	size_t i, n;

	for (i = 0; i < DHA_HAMSG_BCI_MAX + 1; i++) {
		varied_binding(1, &bci[i]);
		bci[i].home_address.s6_addr[13] = (uint8_t)i;
	}
	CHECK_INT(sync_chunk(bci, 0), 0);
	CHECK_INT(sync_chunk(bci, 1), 1);
	/* Plain bindings: as many as the minimum MTU holds, less one at
	 * most (the worst case of padding is counted). */
	n = sync_chunk(bci, DHA_HAMSG_BCI_MAX + 1);
	CHECK(built_length(bci, n) <= MESSAGE_MAX);
	CHECK(built_length(bci, n + 2) > MESSAGE_MAX);
	CHECK_INT(n, 23);
}

static void test_sync_chunk_varied(void)
{
	static struct dha_hamsg_bci bci[400];
	size_t i, at, n, messages = 0;

	for (i = 0; i < 400; i++)
		varied_binding((unsigned int)i, &bci[i]);
	/* Every binding in exactly one message, in order, each fitting. */
	for (at = 0; at < 400; at += n) {
		n = sync_chunk(bci + at, 400 - at);
		CHECK(n >= 1 && n <= DHA_HAMSG_BCI_MAX);
		CHECK(at + n <= 400);
		CHECK(built_length(bci + at, n) <= MESSAGE_MAX);
		messages++;
	}
	CHECK_INT(at, 400);
	CHECK(messages > 400 / DHA_HAMSG_BCI_MAX);
}

static void test_sync_chunk_oversized(void)
{
	static struct dha_hamsg_bci bci[3];
	unsigned int k, v;

	/* A binding larger than the budget goes alone, and still goes. */
	for (k = 0; k < 3; k++) {
		varied_binding(3, &bci[k]);
		bci[k].mnp_count = DHA_HAMSG_MNP_MAX;
		bci[k].aaa = opaque_bytes;
		bci[k].aaa_len = 255;
		bci[k].vendor_count = 2;
		for (v = 0; v < 2; v++)
			bci[k].vendor[v] = (struct dha_hamsg_vendor){
				7, opaque_bytes, 251
			};
	}
	CHECK(built_length(bci, 1) > MESSAGE_MAX);
	CHECK_INT(sync_chunk(bci, 3), 1);
	CHECK_INT(sync_chunk(bci + 2, 1), 1);
}

/* What the standby gets is what the active was given: AAA and vendor
 * options through the cache's opaque bytes and the wire. */
static void test_sync_opaque_round_trip(void)
{
	static const uint8_t aaa[] = { 0, 0, 1, 8, 0x40, 0, 0, 12, 'u', 's',
				       'e', 'r' };
	static const uint8_t vendor0[] = { 1, 2, 3 };
	static const uint8_t vendor1[] = { 9 };
	static struct dha_hamsg msg, parsed;
	static uint8_t buf[DHA_MH_MAX_LEN];
	struct dha_hamsg_bci in, out;
	uint8_t *opaque;
	uint16_t len;
	size_t wire_len;

	memset(&in, 0, sizeof(in));
	in.aaa = aaa;
	in.aaa_len = sizeof(aaa);
	in.vendor_count = 2;
	in.vendor[0] = (struct dha_hamsg_vendor){ 0x1234, vendor0,
						  sizeof(vendor0) };
	in.vendor[1] = (struct dha_hamsg_vendor){ 0xfffe, vendor1,
						  sizeof(vendor1) };
	CHECK_INT(sync_opaque_pack(&in, &opaque, &len), 0);
	CHECK(opaque != NULL);
	CHECK_INT(len, 2 + sizeof(aaa) + 2 * (2 + 4) + sizeof(vendor0) +
			       sizeof(vendor1));

	memset(&out, 0, sizeof(out));
	sync_opaque_unpack(opaque, len, &out);
	CHECK_INT(out.aaa_len, sizeof(aaa));
	CHECK(!memcmp(out.aaa, aaa, sizeof(aaa)));
	CHECK_INT(out.vendor_count, 2);
	CHECK_INT(out.vendor[0].vendor_code, 0x1234);
	CHECK_INT(out.vendor[0].data_len, sizeof(vendor0));
	CHECK(!memcmp(out.vendor[0].data, vendor0, sizeof(vendor0)));
	CHECK_INT(out.vendor[1].vendor_code, 0xfffe);
	CHECK_INT(out.vendor[1].data_len, sizeof(vendor1));
	CHECK(!memcmp(out.vendor[1].data, vendor1, sizeof(vendor1)));

	/* On the wire and back: the same options, octet for octet. */
	msg.subtype = DHA_HAMSG_SS;
	msg.u.id = 7;
	out.lifetime = 1;
	msg.bci[0] = out;
	msg.bci_count = 1;
	CHECK_INT(dha_hamsg_build(buf, sizeof(buf), &msg, &wire_len), 0);
	CHECK_INT(dha_hamsg_parse(buf, wire_len, &parsed), 0);
	CHECK_INT(parsed.bci_count, 1);
	CHECK_INT(parsed.bci[0].aaa_len, sizeof(aaa));
	CHECK(!memcmp(parsed.bci[0].aaa, aaa, sizeof(aaa)));
	CHECK_INT(parsed.bci[0].vendor_count, 2);
	CHECK_INT(parsed.bci[0].vendor[1].vendor_code, 0xfffe);
	CHECK(!memcmp(parsed.bci[0].vendor[0].data, vendor0, sizeof(vendor0)));
	free(opaque);

	/* None: no buffer. */
	memset(&in, 0, sizeof(in));
	CHECK_INT(sync_opaque_pack(&in, &opaque, &len), 0);
	CHECK(opaque == NULL);
	CHECK_INT(len, 0);
}

static void test_sync_opaque_damaged(void)
{
	/* AAA of 3, a vendor option too short to hold its code, then an
	 * option running past the end. */
	static const uint8_t opaque[] = { 241, 3, 'a', 'b', 'c', 242, 2, 0, 0,
					  242, 9, 0, 1, 0, 0 };
	struct dha_hamsg_bci b;
	unsigned int i;

	memset(&b, 0, sizeof(b));
	sync_opaque_unpack(opaque, sizeof(opaque), &b);
	CHECK_INT(b.aaa_len, 3);
	CHECK_INT(b.vendor_count, 0);
	/* Cut anywhere: never past the end, nothing invented. */
	for (i = 0; i <= sizeof(opaque); i++) {
		memset(&b, 0, sizeof(b));
		sync_opaque_unpack(opaque, i, &b);
		CHECK(!b.aaa || b.aaa + b.aaa_len <= opaque + i);
		CHECK_INT(b.vendor_count, 0);
	}
	memset(&b, 0, sizeof(b));
	sync_opaque_unpack(NULL, 0, &b);
	CHECK(!b.aaa && !b.vendor_count);
}

SUITE(sync, TEST_CASE(test_sync_lifetime_units),
      TEST_CASE(test_sync_sequence_newer),
      TEST_CASE(test_sync_chunk_plain),
      TEST_CASE(test_sync_chunk_varied),
      TEST_CASE(test_sync_chunk_oversized),
      TEST_CASE(test_sync_opaque_round_trip),
      TEST_CASE(test_sync_opaque_damaged));
