// SPDX-License-Identifier: GPL-2.0-only
/* The timer heap. See timer.h for why the daemon has its own. */
#include <errno.h>
#include <stdlib.h>

#include "sys/timer.h"

void timer_init(struct loop_timer *timer, loop_timer_fn fn)
{
	timer->expiry_ms = 0;
	timer->slot = TIMER_IDLE;
	timer->fn = fn;
}

void timer_heap_init(struct timer_heap *heap)
{
	heap->slots = NULL;
	heap->count = 0;
	heap->capacity = 0;
}

void timer_heap_destroy(struct timer_heap *heap)
{
	size_t i;

	for (i = 0; i < heap->count; i++)
		heap->slots[i]->slot = TIMER_IDLE;
	free(heap->slots);
	timer_heap_init(heap);
}

static void place(struct timer_heap *heap, size_t slot,
		  struct loop_timer *timer)
{
	heap->slots[slot] = timer;
	timer->slot = slot;
}

static void sift_up(struct timer_heap *heap, size_t slot)
{
	struct loop_timer *timer = heap->slots[slot];
	size_t parent;

	while (slot > 0) {
		parent = (slot - 1) / 2;
		if (heap->slots[parent]->expiry_ms <= timer->expiry_ms)
			break;
		place(heap, slot, heap->slots[parent]);
		slot = parent;
	}
	place(heap, slot, timer);
}

static void sift_down(struct timer_heap *heap, size_t slot)
{
	struct loop_timer *timer = heap->slots[slot];
	size_t child;

	for (;;) {
		child = 2 * slot + 1;
		if (child >= heap->count)
			break;
		if (child + 1 < heap->count &&
		    heap->slots[child + 1]->expiry_ms <
			    heap->slots[child]->expiry_ms)
			child++;
		if (timer->expiry_ms <= heap->slots[child]->expiry_ms)
			break;
		place(heap, slot, heap->slots[child]);
		slot = child;
	}
	place(heap, slot, timer);
}

int timer_heap_schedule(struct timer_heap *heap, struct loop_timer *timer,
			uint64_t expiry_ms)
{
	if (timer_pending(timer)) {
		uint64_t old = timer->expiry_ms;

		timer->expiry_ms = expiry_ms;
		if (expiry_ms < old)
			sift_up(heap, timer->slot);
		else
			sift_down(heap, timer->slot);
		return 0;
	}
	if (heap->count == heap->capacity) {
		size_t capacity = heap->capacity ? heap->capacity * 2 : 64;
		struct loop_timer **slots;

		slots = realloc(heap->slots, capacity * sizeof(*slots));
		if (!slots)
			return -ENOMEM;
		heap->slots = slots;
		heap->capacity = capacity;
	}
	timer->expiry_ms = expiry_ms;
	heap->slots[heap->count] = timer;
	timer->slot = heap->count++;
	sift_up(heap, timer->slot);
	return 0;
}

void timer_heap_cancel(struct timer_heap *heap, struct loop_timer *timer)
{
	size_t slot = timer->slot;
	struct loop_timer *last;

	if (!timer_pending(timer))
		return;
	timer->slot = TIMER_IDLE;
	last = heap->slots[--heap->count];
	if (slot == heap->count)
		return;
	/* The last timer fills the hole and moves whichever way it must. */
	place(heap, slot, last);
	if (slot > 0 &&
	    heap->slots[(slot - 1) / 2]->expiry_ms > last->expiry_ms)
		sift_up(heap, slot);
	else
		sift_down(heap, slot);
}

struct loop_timer *timer_heap_first(const struct timer_heap *heap)
{
	return heap->count ? heap->slots[0] : NULL;
}

struct loop_timer *timer_heap_pop_due(struct timer_heap *heap,
				      uint64_t now_ms)
{
	struct loop_timer *first = timer_heap_first(heap);

	if (!first || first->expiry_ms > now_ms)
		return NULL;
	timer_heap_cancel(heap, first);
	return first;
}
