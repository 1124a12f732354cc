/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's binding cache (RFC 6275 §9.1): one entry per home
 * address, with what the kernel does not keep (sequence number, flags,
 * the lifetime granted). The kernel holds the forwarding state; this
 * cache is the protocol's memory and is rebuilt from the kernel after a
 * restart.
 *
 * Home addresses are chosen by mobile nodes, so the hash is keyed with
 * a random secret (SipHash-2-4) to keep collisions out of their hands.
 */
#ifndef DHAD_CACHE_H
#define DHAD_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/addr.h"
#include "sys/kernel.h"
#include "sys/loop.h"

/* Binding Update flags, as on the wire (RFC 6275, RFC 3963). */
#define CACHE_FLAG_ACK 0x8000		/* A */
#define CACHE_FLAG_HOME 0x4000		/* H */
#define CACHE_FLAG_LINK_LOCAL 0x2000	/* L */
#define CACHE_FLAG_KEY_MGMT 0x1000	/* K */
#define CACHE_FLAG_ROUTER 0x0400	/* R */
#define CACHE_FLAG_PROXY 0x0200		/* P */

struct cache_entry {
	struct in6_addr home_address;
	struct in6_addr care_of_address;
	/*
	 * Rebuilt from the kernel after a restart: the sequence number is
	 * lost, and the next Binding Update's is accepted as if there were
	 * no entry (see cache_sequence_acceptable()).
	 */
	bool restored;
	uint16_t sequence;
	uint16_t flags;			/* CACHE_FLAG_* */
	uint32_t lifetime;		/* seconds granted; 0: no expiry */
	uint64_t expiry_ms;		/* loop clock; 0: no expiry */
	unsigned int prefix_count;	/* Mobile Network Prefixes */
	struct dhad_prefix prefixes[KERNEL_PREFIXES_MAX];
	/*
	 * A standby's copy of the active home agent's binding (State
	 * Synchronization): not in the kernel, no routes, until a takeover
	 * commits it. cache_rebuild() keeps these.
	 */
	bool synced;
	uint32_t sync_generation;	/* sync.c's marks (transfers, terms) */
	/* AAA and Vendor Specific Information options, kept as received
	 * and passed on as they are; NULL: none. Freed with the entry. */
	uint8_t *opaque;
	uint16_t opaque_len;

	/* Private to cache.c. */
	struct loop_timer timer;
	struct cache_entry *next;	/* hash chain */
	bool stale;			/* during cache_rebuild() */
	struct cache *cache;
};

/*
 * Called when an entry's lifetime runs out, just before the cache frees
 * it; the kernel expires its binding on its own at the same time.
 */
typedef void (*cache_expire_fn)(struct cache_entry *entry, void *arg);

struct cache {
	struct cache_entry **buckets;
	size_t bucket_count;		/* a power of two */
	size_t count;
	size_t restored_count;
	uint64_t key[2];		/* SipHash key */
	struct loop *loop;
	cache_expire_fn expire;
	void *expire_arg;
};

int cache_init(struct cache *cache, struct loop *loop, cache_expire_fn expire,
	       void *arg);
void cache_destroy(struct cache *cache);

struct cache_entry *cache_lookup(const struct cache *cache,
				 const struct in6_addr *home_address);
/*
 * A new entry for home_address (all else zero, no expiry); -EEXIST if
 * there is one, -ENOMEM.
 */
int cache_insert(struct cache *cache, const struct in6_addr *home_address,
		 struct cache_entry **entry);
void cache_remove(struct cache *cache, struct cache_entry *entry);

/* Grants lifetime seconds from now (0: no expiry) and arms the timer. */
int cache_set_lifetime(struct cache *cache, struct cache_entry *entry,
		       uint32_t lifetime);
/* Seconds left, rounded up; 0 for an entry without expiry. */
uint32_t cache_lifetime_left(const struct cache *cache,
			     const struct cache_entry *entry);

/*
 * RFC 6275 §9.5.1: a Binding Update's sequence number must be greater
 * (modulo 2^16) than the entry's. With no entry, or a restored one, any
 * number is accepted.
 */
bool cache_sequence_acceptable(const struct cache_entry *entry,
			       uint16_t sequence);

typedef int (*cache_entry_fn)(struct cache_entry *entry, void *arg);
/* Calls fn for each entry (which it must not remove); nonzero stops. */
int cache_for_each(struct cache *cache, cache_entry_fn fn, void *arg);

/*
 * One binding from a kernel dump: creates or updates its entry, marked
 * restored when it is new (sequence and flags unknown; a home binding
 * with prefixes was a mobile router's, R). Global bindings are skipped.
 */
int cache_restore_binding(struct cache *cache,
			  const struct kernel_binding *binding);

/*
 * Makes the cache match the bindings of the devices (count ifindexes,
 * one per home link) in the kernel: entries of bindings the kernel no
 * longer has are dropped, the others restored.
 */
int cache_rebuild(struct cache *cache, struct kernel *kernel,
		  const uint32_t *ifindexes, size_t count);

#endif /* DHAD_CACHE_H */
