/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A Proxy Binding Update and its Proxy Binding Acknowledgement, octet by
 * octet, as RFC 5213 8 and RFC 4283 lay them out: the unit tests decode
 * them and check that the builder makes exactly them, and
 * tools/wireshark/test/pcapgen writes them into pmip.pcap, where
 * check.sh has stock tshark decode them.  The checksums are right for
 * the addresses below (MAG -> LMA, and back).
 */
#ifndef DHA_WIRE_TEST_PMIP_VECTORS_H
#define DHA_WIRE_TEST_PMIP_VECTORS_H

#include <stdint.h>

#define PMIP_VEC_MAG		"2001:db8:2::1"	/* proxy care-of address */
#define PMIP_VEC_LMA		"2001:db8:1::1"
#define PMIP_VEC_MN_ID		"mn1@example.org"
#define PMIP_VEC_HNP		"2001:db8:100::"	/* /64 */
#define PMIP_VEC_LINK_LOCAL	"fe80::1"
/* 2023-11-14 22:13:20.5 UTC: 48 bits of seconds, 16 of fraction */
#define PMIP_VEC_TIMESTAMP	((uint64_t)1700000000 << 16 | 0x8000)

/* The options, the same in both: the PBA copies the PBU's. */
#define PMIP_VEC_OPTIONS						\
	/* 12: Mobile Node Identifier, NAI, no alignment */		\
	8, 16, 1, 'm', 'n', '1', '@', 'e', 'x', 'a', 'm', 'p',	\
	'l', 'e', '.', 'o', 'r', 'g',					\
	/* 30: PadN to 8n+4 */						\
	1, 4, 0, 0, 0, 0,						\
	/* 36: Home Network Prefix, reserved, /64 */			\
	22, 18, 0, 64, 0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00, 0, 0,	\
	0, 0, 0, 0, 0, 0, 0, 0,						\
	/* 56: Handoff Indicator 1 (new interface), ATT 3 (802.3) */	\
	23, 2, 0, 1,							\
	24, 2, 0, 3,							\
	/* 64: MN Link-layer Identifier at 2n, 02:00:00:00:00:01 */	\
	25, 8, 0, 0, 0x02, 0, 0, 0, 0, 0x01,				\
	/* 74: PadN to 8n+6, then the Link-local Address fe80::1 */	\
	1, 2, 0, 0,							\
	26, 16, 0xfe, 0x80, 0, 0, 0, 0, 0, 0,				\
	0, 0, 0, 0, 0, 0, 0, 0x01,					\
	/* 96: PadN to 8n+2, then the Timestamp */			\
	1, 0,								\
	27, 8, 0x00, 0x00, 0x65, 0x53, 0xf1, 0x00, 0x80, 0x00,		\
	/* 108: PadN to 8n */						\
	1, 2, 0, 0

/* PBU: Header Len 13 (112 octets), MH type 5, seq 1, A|H|P, 600 s. */
static const uint8_t pmip_vec_pbu[] = {
	59, 13, 5, 0, 0x58, 0xb7,
	0x00, 0x01, 0xc2, 0x00, 0x00, 150,
	PMIP_VEC_OPTIONS
};

/* PBA: MH type 6, status 0, P, seq 1, 600 s. */
static const uint8_t pmip_vec_pba[] = {
	59, 13, 6, 0, 0x19, 0x98,
	0, 0x20, 0x00, 0x01, 0x00, 150,
	PMIP_VEC_OPTIONS
};

#endif /* DHA_WIRE_TEST_PMIP_VECTORS_H */
