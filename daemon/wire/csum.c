// SPDX-License-Identifier: GPL-2.0-only
#include "wire/csum.h"

#include <string.h>

/* Adds big-endian 16-bit words of p; an odd last octet is the high half. */
static uint32_t sum_words(uint32_t sum, const uint8_t *p, size_t len)
{
	while (len >= 2) {
		sum += (uint32_t)p[0] << 8 | p[1];
		/* fold early so a long buffer cannot overflow 32 bits */
		sum = (sum & 0xffff) + (sum >> 16);
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint16_t dha_csum_ipv6(const struct in6_addr *src, const struct in6_addr *dst,
		       uint8_t next_header, const uint8_t *data, size_t len)
{
	uint8_t pseudo[40] = { 0 };
	uint32_t sum;

	memcpy(pseudo, src, 16);
	memcpy(pseudo + 16, dst, 16);
	pseudo[32] = (uint8_t)(len >> 24);
	pseudo[33] = (uint8_t)(len >> 16);
	pseudo[34] = (uint8_t)(len >> 8);
	pseudo[35] = (uint8_t)len;
	pseudo[39] = next_header;

	sum = sum_words(0, pseudo, sizeof(pseudo));
	sum = sum_words(sum, data, len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
