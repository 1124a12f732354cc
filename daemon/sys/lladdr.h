/* SPDX-License-Identifier: GPL-2.0-only */
/* A link's own link-layer address, for the options of Neighbor Discovery. */
#ifndef DHAD_LLADDR_H
#define DHAD_LLADDR_H

#include <stddef.h>
#include <stdint.h>

#define LLADDR_ETHER_LEN 6

/*
 * Reads ifname's link-layer address into out (at least LLADDR_ETHER_LEN
 * octets): 0 with *len 6 for Ethernet, 0 with *len 0 for other link
 * types (they go without the option, RFC 4861 4.4), or a negative errno.
 */
int lladdr_read(const char *ifname, uint8_t *out, size_t *len);

#endif /* DHAD_LLADDR_H */
