/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SipHash-2-4 of data under a 128-bit key: the hash of the tables whose
 * keys come from the network (home addresses, peers, policy indexes),
 * keyed at random so that a sender cannot aim many keys at one bucket.
 */
#ifndef DHAD_SIPHASH_H
#define DHAD_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t siphash24(const uint64_t key[2], const void *data, size_t len);

#endif /* DHAD_SIPHASH_H */
