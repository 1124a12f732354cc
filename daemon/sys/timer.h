/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A binary min-heap of timers keyed by expiry time (milliseconds of the
 * loop's monotonic clock). Timers are embedded in their owners (a cache
 * entry, a Home Agents List entry) and remember their heap slot, so that
 * stopping or moving one is O(log n) without a search.
 *
 * Why one heap of our own rather than an ev_timer per binding: libev's
 * timers are a heap as well and would scale, but a million embedded
 * ev_timers would tie the binding cache to libev's types (loop.h keeps
 * libev out of the rest of the daemon), and a heap we own can be driven
 * by a single ev_timer armed for the earliest expiry, expire every due
 * timer in one wake-up against one clock reading, and be unit-tested
 * without an event loop. A timer wheel would make insertion O(1), but
 * binding lifetimes span 4 s to 3 days, so it would need several levels
 * and cascading; log2(10^6) = 20 swaps per refresh is cheap enough.
 */
#ifndef DHAD_TIMER_H
#define DHAD_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop_timer;
typedef void (*loop_timer_fn)(struct loop_timer *timer);

struct loop_timer {
	uint64_t expiry_ms;
	size_t slot;		/* index in the heap; TIMER_IDLE when stopped */
	loop_timer_fn fn;
};

#define TIMER_IDLE SIZE_MAX

struct timer_heap {
	struct loop_timer **slots;
	size_t count;
	size_t capacity;
};

void timer_init(struct loop_timer *timer, loop_timer_fn fn);
static inline bool timer_pending(const struct loop_timer *timer)
{
	return timer->slot != TIMER_IDLE;
}

void timer_heap_init(struct timer_heap *heap);
void timer_heap_destroy(struct timer_heap *heap);
/* Adds a stopped timer, or moves a pending one; 0 or -ENOMEM. */
int timer_heap_schedule(struct timer_heap *heap, struct loop_timer *timer,
			uint64_t expiry_ms);
/* Stops a timer; a stopped timer is left alone. */
void timer_heap_cancel(struct timer_heap *heap, struct loop_timer *timer);
/* The earliest timer, or NULL. */
struct loop_timer *timer_heap_first(const struct timer_heap *heap);
/*
 * Removes and returns the earliest timer if it expires at or before
 * now_ms, else NULL. The caller runs its callback.
 */
struct loop_timer *timer_heap_pop_due(struct timer_heap *heap,
				      uint64_t now_ms);

#endif /* DHAD_TIMER_H */
