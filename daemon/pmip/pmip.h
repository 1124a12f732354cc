/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Proxy Mobile IPv6 (RFC 5213) as a protocol of dhad: [pmip] makes dhad
 * a Local Mobility Anchor (lma.h) or a Mobile Access Gateway (mag.h).
 * Documentation/pmipv6.md.
 */
#ifndef DHAD_PMIP_PMIP_H
#define DHAD_PMIP_PMIP_H

#include "core/protocol.h"

extern const struct protocol pmip_protocol;

#endif /* DHAD_PMIP_PMIP_H */
