// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>

#include "check.h"
#include "hamsg_equal.h"
#include "wire/hamsg.h"

#define HA1	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa1
#define HOA	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x00
#define COA	0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02
#define MNP1	0x20, 0x01, 0x0d, 0xb8, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

/*
 * A Hello: MH type 11, subtype 2, seq 0x0102, preference 10, lifetime
 * 1800 s, interval 100 ms, group 7, A flag, then the home agent's
 * address in an IP Address option at 8n+4 (after PadN(0)).
 */
static const uint8_t hello_msg[] = {
	59, 4, DHA_MH_EXPERIMENTAL, 0, 0, 0, DHA_HAMSG_HELLO, 0,
	0x01, 0x02, 0x00, 0x0a, 0x07, 0x08, 0x00, 0x64, 7, 0x80,
	1, 0,
	DHA_MHOPT_IPADDR, 18, DHA_IPADDR_CODE_HA_ADDRESS, 64, HA1,
};

/*
 * A State Synchronization: id 9, a status option (reply to request 3,
 * last, 1 binding), one binding of a mobile router with a prefix, AAA
 * and vendor options, and an Authentication option (key 1, counter 5).
 */
static const uint8_t ss_msg[] = {
	59, 18, DHA_MH_EXPERIMENTAL, 0, 0, 0, DHA_HAMSG_SS, 0,
	0x00, 0x09,
	/* 10: SS Status at 4n+2 */
	DHA_HAOPT_SS_STATUS, 8, 0xc0, 0, 0x00, 0x03, 0, 0, 0, 1,
	/* 20: PadN(0) then BCI at 8n+2 (24 + 2 = 26) */
	1, 4, 0, 0, 0, 0,
	DHA_HAOPT_BCI, 40, 0xc4, 0x00, 0x00, 0x21, 0x00, 0x4b, 0, 0, HOA, COA,
	/* 68: MNP at 8n+4 */
	DHA_MHOPT_MOBILE_NET_PREFIX, 18, 0, 48, MNP1,
	/* 88: AAA, 3 octets */
	DHA_HAOPT_AAA, 3, 0xaa, 0xbb, 0xcc,
	/* 93: Pad1, Vendor Info at 4n+2 (94) */
	0,
	DHA_HAOPT_VENDOR_INFO, 6, 0x12, 0x34, 0, 0, 0xde, 0xad,
	/* 102: PadN(2) then Authentication at 8n+2 (106), 46 octets */
	1, 2, 0, 0,
	DHA_HAOPT_AUTH, 44, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
};

/*
 * An SS Ack of the global HAHA draft: G set, id 7, status accepted, and
 * two SS Status options at 8n+2 (success for HOA, 130 for HOA2).
 */
#define HOA2	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x00
static const uint8_t gss_ack_msg[] = {
	59, 7, DHA_MH_EXPERIMENTAL, 0, 0, 0, DHA_HAMSG_SS_ACK, DHA_SS_FLAG_G,
	0x00, 0x07, 0x00, 0x00,
	/* 12: PadN(4), then SS Status at 18 */
	1, 4, 0, 0, 0, 0,
	DHA_HAOPT_GSS_STATUS, 20, DHA_GSS_SUCCESS, 0, 0, 0, HOA,
	/* 40: PadN(0), then SS Status at 42 */
	1, 0,
	DHA_HAOPT_GSS_STATUS, 20, DHA_GSS_NOT_IN_SET, 0, 0, 0, HOA2,
};

static void test_parse_hello(void)
{
	struct dha_hamsg m;
	struct in6_addr ha = addr6("2001:db8::a1");

	CHECK_EQ(dha_hamsg_parse(hello_msg, sizeof(hello_msg), &m), 0);
	CHECK_EQ(m.subtype, DHA_HAMSG_HELLO);
	CHECK_EQ(m.len, 40);
	CHECK_EQ(m.u.hello.seq, 0x0102);
	CHECK_EQ(m.u.hello.preference, 10);
	CHECK_EQ(m.u.hello.lifetime, 1800);
	CHECK_EQ(m.u.hello.interval, 100);
	CHECK_EQ(m.u.hello.group, 7);
	CHECK_EQ(m.u.hello.flags, DHA_HELLO_FLAG_A);
	CHECK_EQ(m.addr_count, 1);
	CHECK_EQ(m.addrs[0].code, DHA_IPADDR_CODE_HA_ADDRESS);
	CHECK_EQ(m.addrs[0].prefix_len, 64);
	CHECK(addr_eq(&m.addrs[0].addr, &ha));
	CHECK(!m.has_auth);
}

static void test_parse_ss(void)
{
	struct dha_hamsg m;
	struct in6_addr hoa = addr6("2001:db8:1::100");
	struct in6_addr coa = addr6("2001:db8:2::2");
	struct in6_addr mnp = addr6("2001:db8:1000::");
	const struct dha_hamsg_bci *b = &m.bci[0];

	CHECK_EQ(sizeof(ss_msg), 152);
	CHECK_EQ(dha_hamsg_parse(ss_msg, sizeof(ss_msg), &m), 0);
	CHECK_EQ(m.subtype, DHA_HAMSG_SS);
	CHECK_EQ(m.u.id, 9);
	CHECK(m.has_ss_status);
	CHECK_EQ(m.ss_status.flags, DHA_SS_STATUS_FLAG_REPLY | DHA_SS_STATUS_FLAG_LAST);
	CHECK_EQ(m.ss_status.request_id, 3);
	CHECK_EQ(m.ss_status.total, 1);
	CHECK_EQ(m.bci_count, 1);
	CHECK_EQ(b->flags, DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_R);
	CHECK_EQ(b->seq, 0x21);
	CHECK_EQ(b->lifetime, 75);
	CHECK(addr_eq(&b->home_address, &hoa));
	CHECK(addr_eq(&b->care_of_address, &coa));
	CHECK_EQ(b->mnp_count, 1);
	CHECK_EQ(b->mnp[0].prefix_len, 48);
	CHECK(addr_eq(&b->mnp[0].prefix, &mnp));
	CHECK_EQ(b->aaa_len, 3);
	CHECK(b->aaa && b->aaa[0] == 0xaa && b->aaa[2] == 0xcc);
	CHECK_EQ(b->vendor_count, 1);
	CHECK_EQ(b->vendor[0].vendor_code, 0x1234);
	CHECK_EQ(b->vendor[0].data_len, 2);
	CHECK(m.has_auth);
	CHECK_EQ(m.auth.key_id, 1);
	CHECK_EQ(m.auth.counter, 5);
	CHECK_EQ(m.auth.mac_offset, 120);
	CHECK(m.auth.mac == ss_msg + 120 && m.auth.mac[31] == 32);
	CHECK_EQ(m.skipped, 0);
}

/* The global HAHA draft's flags where it draws them, and SS Status. */
static void test_global_flags_and_status(void)
{
	uint8_t b[sizeof(ss_msg)], buf[DHA_MH_MAX_LEN];
	struct in6_addr hoa = addr6("2001:db8:1::100");
	struct in6_addr hoa2 = addr6("2001:db8:1::200");
	struct dha_hamsg m, p;
	size_t len;

	/* Hello: A|R|G are the three high bits of the octet after Group ID. */
	memcpy(b, hello_msg, sizeof(hello_msg));
	b[17] = 0xe0;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(hello_msg), &m), 0);
	CHECK_EQ(m.u.hello.flags, DHA_HELLO_FLAG_A | DHA_HELLO_FLAG_R |
				  DHA_HELLO_FLAG_G);
	CHECK_EQ(DHA_HELLO_FLAG_R, 0x40);
	CHECK_EQ(DHA_HELLO_FLAG_G, 0x20);
	CHECK_EQ(m.ss_flags, 0);
	/* State Synchronization: A|G in octet 7, after the Type (subtype). */
	memcpy(b, ss_msg, sizeof(ss_msg));
	b[7] = 0xc0;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(ss_msg), &m), 0);
	CHECK_EQ(m.ss_flags, DHA_SS_FLAG_A | DHA_SS_FLAG_G);
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(buf[7], 0xc0);
	/* ...but not in a Hello Request, where octet 7 is reserved. */
	memcpy(b, hello_msg, sizeof(hello_msg));
	b[6] = DHA_HAMSG_HELLO_REQUEST;
	b[7] = 0xc0;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(hello_msg), &m), 0);
	CHECK_EQ(m.ss_flags, 0);

	CHECK_EQ(dha_hamsg_parse(gss_ack_msg, sizeof(gss_ack_msg), &m), 0);
	CHECK_EQ(m.subtype, DHA_HAMSG_SS_ACK);
	CHECK_EQ(m.ss_flags, DHA_SS_FLAG_G);
	CHECK_EQ(m.u.id, 7);
	CHECK_EQ(m.ack_status, DHA_SS_ACK_ACCEPTED);
	CHECK_EQ(m.gss_status_count, 2);
	CHECK_EQ(m.gss_status[0].status, DHA_GSS_SUCCESS);
	CHECK(addr_eq(&m.gss_status[0].home_address, &hoa));
	CHECK_EQ(m.gss_status[1].status, 130);
	CHECK(addr_eq(&m.gss_status[1].home_address, &hoa2));
	CHECK_EQ(m.skipped, 0);
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, sizeof(gss_ack_msg));
	CHECK_MEM(buf, gss_ack_msg, sizeof(gss_ack_msg));
	CHECK_EQ(dha_hamsg_parse(buf, len, &p), 0);
	CHECK(hamsg_equal(&m, &p));

	/* SS Status of the wrong length: malformed at its length octet. */
	memcpy(b, gss_ack_msg, sizeof(gss_ack_msg));
	b[19] = 18;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(gss_ack_msg), &m), -EBADMSG);
	CHECK_EQ(m.fault_offset, 19);
	/* In a State Synchronization it is not expected: skipped. */
	memcpy(b, gss_ack_msg, sizeof(gss_ack_msg));
	b[6] = DHA_HAMSG_SS;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(gss_ack_msg), &m), 0);
	CHECK_EQ(m.gss_status_count, 0);
	CHECK_EQ(m.skipped, 2);

	/* The builder refuses SS Status outside an SS Ack, flags in a Hello. */
	m = (struct dha_hamsg){ .subtype = DHA_HAMSG_SS };
	m.gss_status_count = 1;
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), -EINVAL);
	m = (struct dha_hamsg){ .subtype = DHA_HAMSG_SS_ACK };
	m.gss_status_count = DHA_HAMSG_GSS_STATUS_MAX + 1;
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), -EINVAL);
	m = (struct dha_hamsg){ .subtype = DHA_HAMSG_HELLO };
	m.ss_flags = DHA_SS_FLAG_G;
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), -EINVAL);
}

/* One SS Status per binding answered, and not one more. */
static void test_gss_status_cap(void)
{
	uint8_t b[DHA_MH_MAX_LEN] = { 59, 0, DHA_MH_EXPERIMENTAL, 0, 0, 0,
				       DHA_HAMSG_SS_ACK, DHA_SS_FLAG_G };
	struct dha_hamsg m;
	size_t off = 12, i;

	for (i = 0; i <= DHA_HAMSG_GSS_STATUS_MAX; i++) {
		b[off] = DHA_HAOPT_GSS_STATUS;
		b[off + 1] = DHA_HAOPT_GSS_STATUS_LEN;
		off += 2 + DHA_HAOPT_GSS_STATUS_LEN;
	}
	while (off % 8)
		b[off++] = 0;
	b[1] = (uint8_t)(off / 8 - 1);
	CHECK_EQ(dha_hamsg_parse(b, off, &m), -E2BIG);
	CHECK(m.fault == DHA_MH_FAULT_TOO_MANY);
	/* One fewer is taken. */
	off = 12 + DHA_HAMSG_GSS_STATUS_MAX * (2 + DHA_HAOPT_GSS_STATUS_LEN);
	memset(b + off, 0, sizeof(b) - off);
	while (off % 8)
		b[off++] = 0;
	b[1] = (uint8_t)(off / 8 - 1);
	CHECK_EQ(dha_hamsg_parse(b, off, &m), 0);
	CHECK_EQ(m.gss_status_count, DHA_HAMSG_GSS_STATUS_MAX);
}

/* Builds what was parsed; the same octets come out (MAC zeroed). */
static void test_build_matches_samples(void)
{
	uint8_t buf[DHA_MH_MAX_LEN], want[sizeof(ss_msg)];
	struct dha_hamsg m;
	size_t len;

	CHECK_EQ(dha_hamsg_parse(hello_msg, sizeof(hello_msg), &m), 0);
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, sizeof(hello_msg));
	CHECK_MEM(buf, hello_msg, sizeof(hello_msg));

	CHECK_EQ(dha_hamsg_parse(ss_msg, sizeof(ss_msg), &m), 0);
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	memcpy(want, ss_msg, sizeof(want));
	memset(want + 120, 0, DHA_HAMSG_MAC_LEN);
	CHECK_EQ(len, sizeof(ss_msg));
	CHECK_EQ(m.auth.mac_offset, 120);
	CHECK_MEM(buf, want, sizeof(want));
}

static void test_request_and_replies(void)
{
	uint8_t buf[256];
	struct dha_hamsg m = { .subtype = DHA_HAMSG_SS_REQUEST }, p;
	size_t len;

	m.u.id = 77;
	m.addr_count = 1;
	m.addrs[0].code = DHA_IPADDR_CODE_HOME_ADDRESS;
	m.addrs[0].prefix_len = 128;
	m.addrs[0].addr = addr6("2001:db8:1::100");
	m.mnp_count = 1;
	m.mnp[0].prefix_len = 48;
	m.mnp[0].prefix = addr6("2001:db8:1000::");
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len % 8, 0);
	CHECK_EQ(dha_hamsg_parse(buf, len, &p), 0);
	CHECK(hamsg_equal(&m, &p));

	/* Fixed-size messages: Header Len 1 as the draft says (no options). */
	for (uint8_t st = DHA_HAMSG_SWITCHOVER_REQUEST;
	     st <= DHA_HAMSG_SWITCHBACK_REPLY; st++) {
		struct dha_hamsg r = { .subtype = st };

		r.u.status = st == DHA_HAMSG_SWITCHOVER_REPLY ?
			     DHA_SWITCH_WRONG_ROLE : 0;
		CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &r, &len), 0);
		CHECK_EQ(len, 16);
		CHECK_EQ(buf[1], 1);
		CHECK_EQ(buf[6], st);
		CHECK_EQ(dha_hamsg_parse(buf, len, &p), 0);
		CHECK(hamsg_equal(&r, &p));
	}

	m = (struct dha_hamsg){ .subtype = DHA_HAMSG_SS_ACK };
	m.u.id = 0xbeef;
	m.ack_status = DHA_SS_ACK_REFUSED;
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(len, 16);
	CHECK_EQ(dha_hamsg_parse(buf, len, &p), 0);
	CHECK_EQ(p.u.id, 0xbeef);
	CHECK_EQ(p.ack_status, DHA_SS_ACK_REFUSED);
}

static void test_truncated_everywhere(void)
{
	struct dha_hamsg m;
	size_t n;

	for (n = 0; n < sizeof(ss_msg); n++) {
		CHECK_EQ(dha_hamsg_parse(ss_msg, n, &m), -EBADMSG);
		CHECK(m.fault == DHA_MH_FAULT_TRUNCATED);
	}
}

static void test_header_errors(void)
{
	uint8_t b[sizeof(hello_msg)];
	struct dha_hamsg m;

	memcpy(b, hello_msg, sizeof(b));
	b[2] = DHA_MH_BU;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(b), &m), -EBADMSG);

	memcpy(b, hello_msg, sizeof(b));
	b[6] = 200;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(b), &m), -EPROTONOSUPPORT);
	CHECK(m.fault == DHA_MH_FAULT_UNKNOWN_TYPE);

	memcpy(b, hello_msg, sizeof(b));
	b[0] = 6;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(b), &m), -EBADMSG);
	CHECK(m.fault == DHA_MH_FAULT_PAYLOAD_PROTO);

	/* A Hello needs 18 octets: one unit is too short for it. */
	memcpy(b, hello_msg, sizeof(b));
	b[1] = 0;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(b), &m), -EBADMSG);
	CHECK(m.fault == DHA_MH_FAULT_HEADER_LEN);
}

static void test_option_rules(void)
{
	uint8_t b[sizeof(ss_msg)];
	struct dha_hamsg m;

	/* An option after the Authentication option: refused. */
	{
		static const uint8_t after_auth[] = {
			59, 7, DHA_MH_EXPERIMENTAL, 0, 0, 0, DHA_HAMSG_HELLO_REQUEST, 0,
			0, 1,
			DHA_HAOPT_AUTH, 44, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5,
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
			17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
			DHA_HAOPT_SS_STATUS, 6, 0, 0, 0, 0, 0, 0,
		};
		CHECK_EQ(dha_hamsg_parse(after_auth, sizeof(after_auth), &m), -EBADMSG);
		CHECK(m.fault == DHA_MH_FAULT_MALFORMED);
	}
	/* A BCI of the wrong length. */
	memcpy(b, ss_msg, sizeof(b));
	b[27] = 38;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(b), &m), -EBADMSG);
	CHECK_EQ(m.fault_offset, 27);
	/* A second SS Status. */
	{
		static const uint8_t twice[] = {
			59, 3, DHA_MH_EXPERIMENTAL, 0, 0, 0, DHA_HAMSG_SS, 0,
			0, 1,
			DHA_HAOPT_SS_STATUS, 8, 0, 0, 0, 1, 0, 0, 0, 0,
			DHA_HAOPT_SS_STATUS, 8, 0, 0, 0, 2, 0, 0, 0, 0,
			0, 0,
		};
		CHECK_EQ(dha_hamsg_parse(twice, sizeof(twice), &m), -EBADMSG);
		CHECK_EQ(m.fault_offset, 20);
	}
	/* An option overrunning the message. */
	memcpy(b, ss_msg, sizeof(b));
	b[89] = 200;
	CHECK_EQ(dha_hamsg_parse(b, sizeof(b), &m), -EBADMSG);
	/* AAA before any binding, and a BCI in a Hello, are skipped. */
	{
		static const uint8_t stray[] = {
			59, 7, DHA_MH_EXPERIMENTAL, 0, 0, 0, DHA_HAMSG_SS, 0,
			0, 2,
			DHA_HAOPT_AAA, 2, 1, 2,
			1, 0,
			DHA_HAOPT_BCI, 40, 0, 0, 0, 1, 0, 0, 0, 0, HOA, COA,
			DHA_HAOPT_AAA, 1, 9,
			1, 1, 0,
		};
		CHECK_EQ(sizeof(stray), 64);
		CHECK_EQ(dha_hamsg_parse(stray, sizeof(stray), &m), 0);
		CHECK_EQ(m.skipped, 1);
		CHECK_EQ(m.bci_count, 1);
		CHECK_EQ(m.bci[0].aaa_len, 1);
		memcpy(b, stray, sizeof(stray));
		b[6] = DHA_HAMSG_HELLO_REQUEST;
		CHECK_EQ(dha_hamsg_parse(b, sizeof(stray), &m), 0);
		CHECK_EQ(m.skipped, 3);
		CHECK_EQ(m.bci_count, 0);
	}
}

/* More bindings than a message may hold: E2BIG, never an overrun. */
static void test_caps(void)
{
	uint8_t b[DHA_MH_MAX_LEN] = { 59, 0, DHA_MH_EXPERIMENTAL, 0, 0, 0,
				       DHA_HAMSG_SS, 0, 0, 1 };
	struct dha_hamsg m;
	size_t off = 10, i;

	for (i = 0; i <= DHA_HAMSG_BCI_MAX; i++) {
		b[off] = DHA_HAOPT_BCI;
		b[off + 1] = DHA_HAOPT_BCI_LEN;
		off += 2 + DHA_HAOPT_BCI_LEN;
	}
	while (off % 8)
		b[off++] = 0;
	b[1] = (uint8_t)(off / 8 - 1);
	CHECK_EQ(dha_hamsg_parse(b, off, &m), -E2BIG);
	CHECK(m.fault == DHA_MH_FAULT_TOO_MANY);

	/* Seventeen prefixes for one binding. */
	off = 10;
	b[off] = DHA_HAOPT_BCI;
	b[off + 1] = DHA_HAOPT_BCI_LEN;
	off += 2 + DHA_HAOPT_BCI_LEN;
	for (i = 0; i <= DHA_HAMSG_MNP_MAX; i++) {
		b[off] = DHA_MHOPT_MOBILE_NET_PREFIX;
		b[off + 1] = DHA_MHOPT_MOBILE_NET_PREFIX_LEN;
		off += 2 + DHA_MHOPT_MOBILE_NET_PREFIX_LEN;
	}
	while (off % 8)
		b[off++] = 0;
	b[1] = (uint8_t)(off / 8 - 1);
	CHECK_EQ(dha_hamsg_parse(b, off, &m), -E2BIG);
}

static void test_build_full_message(void)
{
	static struct dha_hamsg m, p;
	uint8_t buf[1280];
	size_t len, n = 0, i;

	m.subtype = DHA_HAMSG_SS;
	m.u.id = 4;
	m.has_auth = true;
	m.auth.counter = 0x0102030405060708ull;
	/* As many plain bindings as fit in 1280 octets with the MAC. */
	for (;;) {
		m.bci_count = n + 1;
		m.bci[n].flags = DHA_BU_FLAG_H;
		m.bci[n].home_address = addr6("2001:db8:1::1");
		m.bci[n].home_address.s6_addr[15] = (uint8_t)n;
		if (dha_hamsg_build(buf, sizeof(buf), &m, &len))
			break;
		n++;
	}
	m.bci_count = n;
	CHECK(n >= 20);
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), 0);
	CHECK_EQ(m.auth.mac_offset + DHA_HAMSG_MAC_LEN, len);
	CHECK(len <= sizeof(buf));
	CHECK_EQ(dha_hamsg_parse(buf, len, &p), 0);
	CHECK(hamsg_equal(&m, &p));
	CHECK_EQ(p.auth.counter, 0x0102030405060708ull);
	for (i = 0; i < n; i++)
		CHECK(dha_hamsg_bci_size_max(&m.bci[i]) >= 42);
	/* Every shorter buffer: -ENOSPC, never a write past it (ASan). */
	for (i = 0; i < len; i++)
		CHECK_EQ(dha_hamsg_build(buf, i, &m, &len), -ENOSPC);
}

static void test_build_invalid(void)
{
	uint8_t buf[256];
	struct dha_hamsg m = { .subtype = DHA_HAMSG_HELLO };
	size_t len;

	m.bci_count = 1;	/* bindings only in State Synchronization */
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), -EINVAL);
	m = (struct dha_hamsg){ .subtype = 0 };
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), -EINVAL);
	m = (struct dha_hamsg){ .subtype = DHA_HAMSG_SS };
	m.bci_count = 1;
	m.bci[0].mnp_count = DHA_HAMSG_MNP_MAX + 1;
	CHECK_EQ(dha_hamsg_build(buf, sizeof(buf), &m, &len), -EINVAL);
}

const struct test_case hamsg_tests[] = {
	{ "hamsg: Hello with an HA address", test_parse_hello },
	{ "hamsg: State Synchronization with every option", test_parse_ss },
	{ "hamsg: builder reproduces the samples", test_build_matches_samples },
	{ "hamsg: global HAHA G and R flags, SS Status", test_global_flags_and_status },
	{ "hamsg: cap on SS Status options", test_gss_status_cap },
	{ "hamsg: request, switch messages and ack round trip", test_request_and_replies },
	{ "hamsg: truncated at every octet", test_truncated_everywhere },
	{ "hamsg: wrong type, subtype, proto, length", test_header_errors },
	{ "hamsg: option placement and lengths", test_option_rules },
	{ "hamsg: caps on bindings and prefixes", test_caps },
	{ "hamsg: a full message with its MAC last", test_build_full_message },
	{ "hamsg: build refuses what the wire cannot carry", test_build_invalid },
	{ NULL, NULL },
};
