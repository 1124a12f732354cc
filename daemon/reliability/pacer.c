// SPDX-License-Identifier: GPL-2.0-only
/* Changing many cache entries in slices from the event loop. */
#include <errno.h>
#include <stdlib.h>

#include "sys/log.h"
#include "reliability/pacer.h"

static void pacer_due(struct loop_timer *timer)
{
	pacer_slice(container_of(timer, struct pacer, timer));
}

void pacer_init(struct pacer *p, const char *what, struct cache *cache,
		struct loop *loop, pacer_wants_fn wants, pacer_apply_fn apply,
		void *arg)
{
	*p = (struct pacer){
		.what = what,
		.cache = cache,
		.loop = loop,
		.wants = wants,
		.apply = apply,
		.arg = arg,
	};
	timer_init(&p->timer, pacer_due);
}

static void apply(struct pacer *p, struct cache_entry **entries, size_t n)
{
	size_t failed = p->apply(entries, n, p->arg);

	p->failed += failed;
	p->done += n - failed;
}

static int apply_at_once(struct cache_entry *e, void *arg)
{
	struct pacer *p = arg;

	if (p->wants(e))
		apply(p, &e, 1);
	return 0;
}

static int enqueue(struct cache_entry *e, void *arg)
{
	struct pacer *p = arg;

	if (p->wants(e))
		p->queue[p->count++] = e->home_address;
	return 0;
}

int pacer_start(struct pacer *p)
{
	pacer_stop(p);
	p->done = 0;
	p->failed = 0;
	p->took_ms = 0;
	p->started_ms = loop_now_ms(p->loop);
	if (!p->cache->count)
		return 0;
	p->queue = calloc(p->cache->count, sizeof(*p->queue));
	if (!p->queue) {
		/* A stall is better than bindings left half done. */
		log_err("out of memory: bindings %s all at once", p->what);
		cache_for_each(p->cache, apply_at_once, p);
		p->took_ms = loop_now_ms(p->loop) - p->started_ms;
		return -ENOMEM;
	}
	cache_for_each(p->cache, enqueue, p);
	pacer_slice(p);
	return 0;
}

void pacer_stop(struct pacer *p)
{
	loop_timer_stop(p->loop, &p->timer);
	free(p->queue);
	p->queue = NULL;
	p->count = 0;
	p->next = 0;
}

/* Changes entries until the slice is full (or, unbounded, all of them). */
static void run(struct pacer *p, bool bounded)
{
	uint64_t start = loop_now_ms(p->loop);
	size_t done = 0, n;

	while (p->next < p->count) {
		struct cache_entry *e;

		if (bounded && (done >= PACER_SLICE_ENTRIES ||
		    loop_now_ms(p->loop) - start >= PACER_SLICE_MS)) {
			loop_timer_start(p->loop, &p->timer, 0);
			return;
		}
		for (n = 0; n < PACER_BATCH && p->next < p->count;) {
			e = cache_lookup(p->cache, &p->queue[p->next++]);
			if (e && p->wants(e))
				p->batch[n++] = e;
		}
		if (n)
			apply(p, p->batch, n);
		done += n;
	}
	p->took_ms = loop_now_ms(p->loop) - p->started_ms;
	if (p->count)
		log_info("%zu bindings %s in %llu ms%s", p->done, p->what,
			 (unsigned long long)p->took_ms,
			 p->failed ? " (some failed: see above)" : "");
	pacer_stop(p);
}

void pacer_slice(struct pacer *p)
{
	run(p, true);
}

void pacer_finish(struct pacer *p)
{
	if (pacer_left(p))
		run(p, false);
}
