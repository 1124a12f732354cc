/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two IPv6 extension headers of Mobile IPv6: the Home Address
 * destination option (RFC 6275 6.3) and the type 2 routing header (6.4),
 * as exchanged with the kernel in IPV6_DSTOPTS / IPV6_RTHDR ancillary
 * data: the whole header, Next Header and Hdr Ext Len octets included.
 */
#ifndef DHA_WIRE_IPV6EXT_H
#define DHA_WIRE_IPV6EXT_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/numbers.h"

/* Both headers as dha builds them: 8 + 16 octets. */
#define DHA_DSTOPTS_HAO_LEN	24
#define DHA_RH2_LEN		24

/*
 * Find the Home Address option in a destination options header.  Other
 * options are skipped whatever their action bits say: the kernel has
 * already applied those before the header reaches a socket.  Linux swaps
 * the option's address with the IPv6 source on receipt
 * (Documentation/dhad.md), so a header taken from IPV6_RECVDSTOPTS
 * carries the care-of address here.
 * Returns 0 with *addr set, -ENOENT if there is no Home Address option,
 * -EBADMSG if the header is malformed or the option's length is not 16
 * or it appears twice.
 */
int dha_dstopts_find_hao(const uint8_t *buf, size_t len, struct in6_addr *addr);

/*
 * A destination options header holding only a Home Address option,
 * padded to its 8n+6 alignment (RFC 6275 6.3); DHA_DSTOPTS_HAO_LEN octets.
 * Returns 0 with *out_len set, or -ENOSPC.
 */
int dha_dstopts_build_hao(uint8_t *buf, size_t cap, uint8_t next_header,
			  const struct in6_addr *addr, size_t *out_len);

struct dha_rh2 {
	uint8_t next_header;
	uint8_t segments_left;	/* 1 on the wire, 0 once the kernel consumed it */
	struct in6_addr addr;	/* the home address */
};

/*
 * Parse a type 2 routing header: Hdr Ext Len 2, Routing Type 2, Segments
 * Left 0 or 1, anything else -EBADMSG (RFC 6275 6.4).  Octets after the
 * header are ignored.
 */
int dha_rh2_parse(const uint8_t *buf, size_t len, struct dha_rh2 *rh);

/* Build a type 2 routing header with Segments Left 1. */
int dha_rh2_build(uint8_t *buf, size_t cap, uint8_t next_header,
		  const struct in6_addr *addr, size_t *out_len);

#endif /* DHA_WIRE_IPV6EXT_H */
