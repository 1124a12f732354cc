/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Internet checksum over an IPv6 pseudo-header (RFC 8200 8.1), as
 * used by ICMPv6 (next header 58) and the Mobility Header (135).
 *
 * Linux computes and verifies both on raw IPPROTO_MH and IPPROTO_ICMPV6
 * sockets, so dhad itself needs none of this; the test emulators that
 * build whole packets do.
 */
#ifndef DHA_WIRE_CSUM_H
#define DHA_WIRE_CSUM_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The checksum of data[0..len) under the pseudo-header (src, dst, len,
 * next_header), in host order: store it in the checksum field (after
 * zeroing that field first) when building; a received message whose
 * stored checksum is right gives 0.
 */
uint16_t dha_csum_ipv6(const struct in6_addr *src, const struct in6_addr *dst,
		       uint8_t next_header, const uint8_t *data, size_t len);

#endif /* DHA_WIRE_CSUM_H */
