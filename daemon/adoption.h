/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Adoption: a member that becomes active commits the copies of the
 * bindings it held as a standby (cache entries marked synced) into its
 * kernel, routes and proxy ND. With many bindings that takes seconds, so
 * it is done in slices from the event loop: between two slices Hellos,
 * acknowledgements and Binding Updates go on.
 */
#ifndef DHAD_ADOPTION_H
#define DHAD_ADOPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "cache.h"
#include "loop.h"
#include "timer.h"

/* A slice ends after this many commits or this many milliseconds. */
#define ADOPTION_SLICE_ENTRIES 1024
#define ADOPTION_SLICE_MS 5

/* Commits one synced entry; 0 on success, else a negative errno. */
typedef int (*adoption_commit_fn)(struct cache_entry *entry, void *arg);

struct adoption {
	struct cache *cache;
	struct loop *loop;
	adoption_commit_fn commit;
	void *arg;
	/* Home addresses to commit, in cache order; looked up again when
	 * their turn comes (the entry may be gone or registered since). */
	struct in6_addr *queue;
	size_t count, next;
	uint64_t started_ms;
	struct loop_timer timer;
	/* the last adoption's, for dha ha show */
	size_t committed, failed;
	uint64_t took_ms;
};

void adoption_init(struct adoption *a, struct cache *cache, struct loop *loop,
		   adoption_commit_fn commit, void *arg);
/*
 * Starts committing every synced entry, replacing an adoption under
 * way: the first slice at once, the others from the loop. -ENOMEM when
 * the queue cannot be allocated (then it commits them all at once).
 */
int adoption_start(struct adoption *a);
/* Stops (a member that stops being active); what is left stays synced. */
void adoption_stop(struct adoption *a);
/* Commits the next slice and arms the timer for the one after. */
void adoption_slice(struct adoption *a);
/* Entries not yet reached. */
static inline size_t adoption_left(const struct adoption *a)
{
	return a->count - a->next;
}

#endif /* DHAD_ADOPTION_H */
