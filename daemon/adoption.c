// SPDX-License-Identifier: GPL-2.0-only
/* Committing a new active member's synchronized bindings, in slices. */
#include <errno.h>
#include <stdlib.h>

#include "adoption.h"
#include "log.h"

static void adoption_due(struct loop_timer *timer)
{
	adoption_slice(container_of(timer, struct adoption, timer));
}

void adoption_init(struct adoption *a, struct cache *cache, struct loop *loop,
		   adoption_commit_fn commit, void *arg)
{
	*a = (struct adoption){
		.cache = cache,
		.loop = loop,
		.commit = commit,
		.arg = arg,
	};
	timer_init(&a->timer, adoption_due);
}

static void commit_entry(struct adoption *a, struct cache_entry *e)
{
	if (a->commit(e, a->arg))
		a->failed++;
	else
		a->committed++;
}

static int commit_at_once(struct cache_entry *e, void *arg)
{
	if (e->synced)
		commit_entry(arg, e);
	return 0;
}

static int enqueue(struct cache_entry *e, void *arg)
{
	struct adoption *a = arg;

	if (e->synced)
		a->queue[a->count++] = e->home_address;
	return 0;
}

int adoption_start(struct adoption *a)
{
	adoption_stop(a);
	a->committed = 0;
	a->failed = 0;
	a->took_ms = 0;
	a->started_ms = loop_now_ms(a->loop);
	if (!a->cache->count)
		return 0;
	a->queue = calloc(a->cache->count, sizeof(*a->queue));
	if (!a->queue) {
		/* Late is worse than a stall: the mobile nodes wait. */
		log_err("adoption: out of memory; committing all bindings at once");
		cache_for_each(a->cache, commit_at_once, a);
		a->took_ms = loop_now_ms(a->loop) - a->started_ms;
		return -ENOMEM;
	}
	cache_for_each(a->cache, enqueue, a);
	adoption_slice(a);
	return 0;
}

void adoption_stop(struct adoption *a)
{
	loop_timer_stop(a->loop, &a->timer);
	free(a->queue);
	a->queue = NULL;
	a->count = 0;
	a->next = 0;
}

void adoption_slice(struct adoption *a)
{
	uint64_t start = loop_now_ms(a->loop);
	size_t done = 0;

	while (a->next < a->count) {
		struct cache_entry *e;

		if (done == ADOPTION_SLICE_ENTRIES ||
		    ((done & 15) == 15 &&
		     loop_now_ms(a->loop) - start >= ADOPTION_SLICE_MS)) {
			loop_timer_start(a->loop, &a->timer, 0);
			return;
		}
		/* Gone, or registered here since: nothing to commit. */
		e = cache_lookup(a->cache, &a->queue[a->next++]);
		if (e && e->synced) {
			commit_entry(a, e);
			done++;
		}
	}
	a->took_ms = loop_now_ms(a->loop) - a->started_ms;
	if (a->count)
		log_info("adoption: %zu bindings committed in %llu ms%s",
			 a->committed, (unsigned long long)a->took_ms,
			 a->failed ? " (some failed: see above)" : "");
	adoption_stop(a);
}
