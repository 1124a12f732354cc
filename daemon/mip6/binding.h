/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A home registration put into force, or taken out of it: the kernel
 * binding, the routes of the home address and the Mobile Network
 * Prefixes into the dha device, the proxy entries on the home link
 * (intercept.h), the cache entry, and the notice to the other protocols
 * (core/protocol.h) that the binding changed.
 */
#ifndef DHAD_MIP6_BINDING_H
#define DHAD_MIP6_BINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/cache.h"
#include "mip6/registration.h"
#include "sys/kernel.h"

struct mip6;

/*
 * Where bindings and their routes go: 0 or a negative errno each. The
 * netlink one is the daemon's (the kernel's dha family, rtnetlink); the
 * unit tests put theirs in struct mip6's io.
 */
struct binding_io {
	int (*set)(struct mip6 *ha, const struct kernel_binding *binding);
	int (*del)(struct mip6 *ha, const struct in6_addr *home_address);
	/* Many sets or deletions, each answered (kernel_binding_batch()). */
	void (*batch)(struct mip6 *ha, bool del,
		      const struct kernel_binding *bindings, size_t n,
		      kernel_answer_fn fn, void *arg);
	int (*route)(struct mip6 *ha, bool add, const struct dhad_prefix *prefix);
};

extern const struct binding_io binding_netlink;

/*
 * Applies an accepted CREATE or UPDATE (existing: the entry it updates,
 * or NULL) with the Binding Update's sequence number: false if the
 * kernel or rtnetlink refused it, and then the previous binding stays
 * exactly as it was (kernel binding, routes, cache entry; the other
 * protocols hear of no change), or there is none.
 */
bool binding_apply(struct mip6 *ha, const struct registration_decision *d,
		   struct cache_entry *existing, uint16_t sequence);
/* A deregistration: everything of existing goes. */
void binding_delete(struct mip6 *ha, struct cache_entry *existing);

/*
 * A binding left the cache other than by a Binding Update (expiry,
 * kernel deletion): removes the routes and proxy entries made for it.
 */
void binding_gone(struct mip6 *ha, const struct cache_entry *entry);

/*
 * HA reliability's takeover (core/home.h): puts n synchronized bindings
 * into force here (kernel bindings with the lifetime left, routes, an
 * announcement each), or withdraws them (the cache keeps them, synced).
 * binding_commit() answers each in errors[], 0 or a negative errno,
 * having logged why.
 */
void binding_commit(struct mip6 *ha, struct cache_entry **entries, size_t n,
		    int *errors);
void binding_uncommit(struct mip6 *ha, struct cache_entry **entries,
		      size_t n);

/*
 * PREFIX dev IFINDEX in the main table (add replaces), or its deletion,
 * built into buf (size bytes, aligned for nlmsghdr): the length of the
 * message, or -ENOSPC. Pure, for the unit tests.
 */
int binding_route_msg(void *buf, size_t size, bool add, uint32_t seq,
		      const struct in6_addr *dst, uint8_t length,
		      uint32_t ifindex);

#endif /* DHAD_MIP6_BINDING_H */
