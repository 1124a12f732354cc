/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Byte order helpers for the codecs.  Wire buffers have no alignment
 * guarantee, so every multi-octet field goes through memcpy.
 * Private to daemon/wire.
 */
#ifndef DHA_WIRE_BYTES_H
#define DHA_WIRE_BYTES_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

static inline uint16_t get_be16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return ntohs(v);
}

static inline uint32_t get_be32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return ntohl(v);
}

static inline void put_be16(uint8_t *p, uint16_t v)
{
	v = htons(v);
	memcpy(p, &v, sizeof(v));
}

static inline void put_be32(uint8_t *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, sizeof(v));
}

static inline void get_in6(const uint8_t *p, struct in6_addr *a)
{
	memcpy(a, p, sizeof(*a));
}

static inline void put_in6(uint8_t *p, const struct in6_addr *a)
{
	memcpy(p, a, sizeof(*a));
}

/*
 * Pad from *off so that the next item starts at an offset that is
 * rem modulo mod, with one Pad1 or one PadN (RFC 6275 6.2.2-6.2.3 and
 * RFC 8200 4.2 share the encoding: type 0 alone, type 1 + length +
 * zeros).  Returns 0 or -ENOSPC.
 */
int dha_pad_to(uint8_t *buf, size_t cap, size_t *off, size_t mod, size_t rem);

/*
 * Pad from *off to the alignment mod n + rem, then write the header of a
 * TLV option (type, then len in one octet) and zero its len octets of
 * data; *data points at them and *off moves past them.  0 or -ENOSPC.
 */
int dha_put_option(uint8_t *buf, size_t cap, size_t *off, size_t mod,
		   size_t rem, uint8_t type, size_t len, uint8_t **data);

#endif /* DHA_WIRE_BYTES_H */
