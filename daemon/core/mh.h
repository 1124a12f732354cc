/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Mobility Header as the protocols share it: each registers the
 * message types it handles, and the core reads the sockets and hands
 * every message to the one listener of its type.
 *
 * Listeners that take messages to any address share one socket, which
 * reports the destination options header (the Home Address option of a
 * Binding Update). A listener for messages to one local address of its
 * own (the HA-to-HA messages of HA reliability) gets a socket bound to
 * it, so that the kernel queues its messages apart: a flood of Binding
 * Updates cannot delay a Hello. The shared socket skips the types such
 * listeners take. A message of a type nobody registered goes to the
 * listener of MH_TYPE_ANY, if there is one (the home agent answers it
 * with a Binding Error, RFC 6275 9.2).
 */
#ifndef DHAD_MH_H
#define DHAD_MH_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/rawsock.h"

struct loop;
struct mh;
struct mh_listener;
struct msgstats;

#define MH_TYPE_ANY (-1)

int mh_open(struct loop *loop, struct mh **out);
/* Every listener must be gone. NULL is ignored. */
void mh_close(struct mh *mh);

/*
 * Hands fn(arg, rx) the messages of type (0..255, or MH_TYPE_ANY), to
 * local only if local is not NULL. Listeners bound to different local
 * addresses may share a type (HA reliability's local address and the
 * global HAHA's locator). 0, -EEXIST (the type is taken: by a listener
 * without an address, or on this one), or a negative errno of the
 * socket (bind() to local, ...).
 */
int mh_listen(struct mh *mh, int type, const struct in6_addr *local,
	      rawsock_fn fn, void *arg, struct mh_listener **out);
/* NULL is ignored. */
void mh_unlisten(struct mh_listener *listener);

/*
 * Sends msg on the listener's socket: from src (NULL: the bound
 * address, or the kernel's choice) to dst, through a type 2 routing
 * header holding rh2 if not NULL. 0 or a negative errno.
 */
int mh_send(struct mh_listener *listener, const void *msg, size_t len,
	    const struct in6_addr *src, const struct in6_addr *dst,
	    const struct in6_addr *rh2);

/*
 * A message of type that a listener received and discarded without
 * effect (malformed, unauthenticated, ...): counted (core/msgstats.h).
 */
void mh_dropped(struct mh *mh, uint8_t type);
/* What the socket received, sent and dropped, per type. */
const struct msgstats *mh_stats(const struct mh *mh);

#endif /* DHAD_MH_H */
