/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A pacer applies a change to every cache entry that wants it, in slices
 * from the event loop. A member that becomes active commits the copies
 * it held as a standby (entries marked synced) into its kernel, routes
 * and proxy ND; one that stops being active withdraws them all. With
 * many bindings either takes seconds: between two slices Hellos,
 * acknowledgements and Binding Updates go on, so that the member is not
 * taken for dead meanwhile.
 */
#ifndef DHAD_PACER_H
#define DHAD_PACER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/cache.h"
#include "sys/loop.h"
#include "sys/timer.h"

/* A slice ends after this many changes or this many milliseconds. */
#define PACER_SLICE_ENTRIES 1024
#define PACER_SLICE_MS 5
/* Entries changed at once: one datagram to the kernel (kernel.h). */
#define PACER_BATCH 64

/* Whether the entry (still) wants the change. */
typedef bool (*pacer_wants_fn)(const struct cache_entry *entry);
/* Makes the change to n (at most PACER_BATCH) entries; how many failed. */
typedef size_t (*pacer_apply_fn)(struct cache_entry **entries, size_t n,
				 void *arg);

struct pacer {
	const char *what;		/* for the log: "committed" */
	struct cache *cache;
	struct loop *loop;
	pacer_wants_fn wants;
	pacer_apply_fn apply;
	void *arg;
	/* Home addresses to change, in cache order; looked up again when
	 * their turn comes (the entry may be gone or changed since). */
	struct in6_addr *queue;
	size_t count, next;
	uint64_t started_ms;
	struct loop_timer timer;
	struct cache_entry *batch[PACER_BATCH];
	/* the last run's, for dha ha show */
	size_t done, failed;
	uint64_t took_ms;
};

void pacer_init(struct pacer *p, const char *what, struct cache *cache,
		struct loop *loop, pacer_wants_fn wants, pacer_apply_fn apply,
		void *arg);
/*
 * Starts changing every entry that wants it, replacing a run under way:
 * the first slice at once, the others from the loop. -ENOMEM when the
 * queue cannot be allocated (then it changes them all at once).
 */
int pacer_start(struct pacer *p);
/* Stops; the entries not reached are left as they are. */
void pacer_stop(struct pacer *p);
/* Changes the next slice and arms the timer for the one after. */
void pacer_slice(struct pacer *p);
/* Changes every entry not yet reached, now, without returning to the loop. */
void pacer_finish(struct pacer *p);
/* Entries not yet reached. */
static inline size_t pacer_left(const struct pacer *p)
{
	return p->count - p->next;
}

#endif /* DHAD_PACER_H */
