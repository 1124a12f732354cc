/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which Mobile Prefix Solicitations came through ESP. A raw socket
 * learns nothing of a packet's security path, and the discovery socket
 * has a policy of its own that lets solicitations in with or without
 * ESP (discovery.h), so a second socket, the witness, takes
 * solicitations too, with a policy that requires ESP: the kernel hands
 * it a copy of those that came through ESP only.
 *
 * The kernel hands a packet to the raw sockets one after the other, the
 * socket opened last first; the witness is opened after the discovery
 * socket, so its copy is queued before the discovery socket's. When the
 * discovery socket reports a solicitation, the witness's queue is read
 * and the copy looked for. What the witness holds is, in order, a part
 * of what the discovery socket receives: copies older than the one
 * found are of solicitations whose own the discovery socket lost, and
 * are forgotten. If the kernel's order ever changed, a solicitation
 * through ESP would merely count as not (the safe side).
 */
#ifndef DHAD_MIP6_WITNESS_H
#define DHAD_MIP6_WITNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "sys/rawsock.h"

struct witness;

/* Copies remembered at most; the oldest go first. */
#define WITNESS_SEEN_MAX 64

/*
 * Opens the witness's socket, with the inbound policy policy (len
 * octets, IPV6_XFRM_POLICY), which should require ESP. 0 or a negative
 * errno.
 */
int witness_open(const void *policy, size_t len, struct witness **out);
/* NULL is ignored. */
void witness_close(struct witness *w);

/*
 * Whether the witness received the solicitation rx (received on the
 * discovery socket) too, that is whether it came through ESP. To be
 * asked of every solicitation the discovery socket receives, in order.
 */
bool witness_saw(struct witness *w, const struct rawsock_rx *rx);

/* ---- for the tests ---- */

/* A witness without a socket: what it saw is what witness_note() says. */
struct witness *witness_new(void);
/* The witness received rx. */
void witness_note(struct witness *w, const struct rawsock_rx *rx);

#endif /* DHAD_MIP6_WITNESS_H */
