// SPDX-License-Identifier: GPL-2.0-only
/* The timer heap, and the loop driving it. */
#include <stdlib.h>

#include "sys/loop.h"
#include "check.h"

static void noop(struct loop_timer *timer)
{
	(void)timer;
}

/* Pops everything due and checks the expiries come out sorted. */
static void test_timer_heap_order(void)
{
	enum { N = 5000 };
	struct timer_heap heap;
	struct loop_timer *timers = calloc(N, sizeof(*timers)), *t;
	uint64_t last = 0;
	size_t i, popped = 0;

	timer_heap_init(&heap);
	srand(7);
	for (i = 0; i < N; i++) {
		timer_init(&timers[i], noop);
		CHECK_INT(timer_heap_schedule(&heap, &timers[i],
					      (uint64_t)(rand() % 100000)), 0);
	}
	/* Move a third of them, cancel another third. */
	for (i = 0; i < N; i += 3)
		timer_heap_schedule(&heap, &timers[i],
				    (uint64_t)(rand() % 100000));
	for (i = 1; i < N; i += 3)
		timer_heap_cancel(&heap, &timers[i]);
	for (i = 1; i < N; i += 3)
		CHECK(!timer_pending(&timers[i]));
	while ((t = timer_heap_pop_due(&heap, UINT64_MAX))) {
		CHECK(t->expiry_ms >= last);
		CHECK(!timer_pending(t));
		last = t->expiry_ms;
		popped++;
	}
	CHECK_INT(popped, N - (N + 1) / 3);
	CHECK_INT(heap.count, 0);
	timer_heap_destroy(&heap);
	free(timers);
}

static void test_timer_heap_due(void)
{
	struct timer_heap heap;
	struct loop_timer a, b;

	timer_heap_init(&heap);
	timer_init(&a, noop);
	timer_init(&b, noop);
	timer_heap_schedule(&heap, &a, 100);
	timer_heap_schedule(&heap, &b, 50);
	CHECK(timer_heap_first(&heap) == &b);
	CHECK(timer_heap_pop_due(&heap, 49) == NULL);
	CHECK(timer_heap_pop_due(&heap, 50) == &b);
	timer_heap_schedule(&heap, &a, 10);	/* moved earlier */
	CHECK(timer_heap_first(&heap) == &a);
	timer_heap_cancel(&heap, &a);
	timer_heap_cancel(&heap, &a);		/* twice is fine */
	CHECK(timer_heap_first(&heap) == NULL);
	timer_heap_destroy(&heap);
}

struct fired {
	struct loop_timer timer;
	struct loop *loop;
	int count;
};

static void fire_and_stop(struct loop_timer *timer)
{
	struct fired *fired = container_of(timer, struct fired, timer);

	fired->count++;
	loop_stop(fired->loop);
}

static void test_loop_runs_timers(void)
{
	struct loop *loop = loop_new();
	struct fired fired = { .loop = loop };
	uint64_t start = loop_now_ms(loop), took;

	timer_init(&fired.timer, fire_and_stop);
	CHECK_INT(loop_timer_start(loop, &fired.timer, 50), 0);
	CHECK_INT(loop_timer_count(loop), 1);
	CHECK_INT(loop_run(loop), 0);
	took = loop_now_ms(loop) - start;
	CHECK_INT(fired.count, 1);
	CHECK(took >= 50 && took < 2000);
	CHECK_INT(loop_timer_count(loop), 0);
	loop_free(loop);
}

SUITE(timer, TEST_CASE(test_timer_heap_order), TEST_CASE(test_timer_heap_due),
      TEST_CASE(test_loop_runs_timers));
