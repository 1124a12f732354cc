/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The protocols this dhad speaks, in the order they start: the home
 * agent first, since the others use its services (core/home.h); load
 * balancing last, so that it stops first and the home agent's final
 * advertisement carries no load.
 */
#ifndef DHAD_PROTOCOLS_H
#define DHAD_PROTOCOLS_H

#include <stddef.h>

struct protocol;

extern const struct protocol *const dhad_protocols[];
extern const size_t dhad_protocol_count;

#endif /* DHAD_PROTOCOLS_H */
