// SPDX-License-Identifier: GPL-2.0-only
/* The pacer: a new active member commits its synced copies in slices. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "reliability/pacer.h"
#include "check.h"

struct fake_kernel {
	unsigned int commits;
	unsigned int fail_every;	/* 0: never */
	size_t batches, largest;	/* calls, and the most entries in one */
};

static bool is_copy(const struct cache_entry *e)
{
	return e->synced;
}

/* What binding_commit() does to the entries, without the kernel. */
static size_t fake_commit(struct cache_entry **entries, size_t n, void *arg)
{
	struct fake_kernel *k = arg;
	size_t i, failed = 0;

	k->batches++;
	if (n > k->largest)
		k->largest = n;
	for (i = 0; i < n; i++) {
		CHECK(entries[i]->synced);
		k->commits++;
		if (k->fail_every && k->commits % k->fail_every == 0) {
			failed++;
			continue;
		}
		entries[i]->synced = false;
	}
	return failed;
}

static struct in6_addr hoa(unsigned int n)
{
	struct in6_addr addr;

	inet_pton(AF_INET6, "2001:db8:1::", &addr);
	addr.s6_addr[13] = (uint8_t)(n >> 16);
	addr.s6_addr[14] = (uint8_t)(n >> 8);
	addr.s6_addr[15] = (uint8_t)n;
	return addr;
}

static void fill(struct cache *cache, unsigned int synced,
		 unsigned int committed)
{
	struct cache_entry *e;
	struct in6_addr a;
	unsigned int i;

	for (i = 0; i < synced + committed; i++) {
		a = hoa(i);
		CHECK_INT(cache_insert(cache, &a, &e), 0);
		e->synced = i < synced;
	}
}

static unsigned int count_synced(struct cache *cache)
{
	unsigned int n = 0, i;

	for (i = 0; i < cache->count; i++) {
		struct in6_addr a = hoa(i);
		struct cache_entry *e = cache_lookup(cache, &a);

		n += e && e->synced;
	}
	return n;
}

static void test_pacer_slices(void)
{
	enum { SYNCED = 3 * PACER_SLICE_ENTRIES + 7, COMMITTED = 50 };
	struct loop *loop = loop_new();
	struct fake_kernel k = { 0 };
	struct pacer a;
	struct cache cache;
	struct cache_entry *e;
	struct in6_addr addr;
	unsigned int slices = 1;

	CHECK_INT(cache_init(&cache, loop, NULL, NULL), 0);
	fill(&cache, SYNCED, COMMITTED);
	pacer_init(&a, "committed", &cache, loop, is_copy, fake_commit, &k);
	CHECK_INT(pacer_start(&a), 0);
	/* The first slice at once, at most a slice's worth. */
	CHECK(k.commits >= 16 && k.commits <= PACER_SLICE_ENTRIES);
	CHECK_INT(pacer_left(&a) > 0, 1);
	CHECK_INT(loop_timer_count(loop), 1);

	/* Meanwhile, of those not reached yet: one deregistered, one
	 * registered again (committed by the registration). */
	addr = a.queue[a.count - 1];
	e = cache_lookup(&cache, &addr);
	cache_remove(&cache, e);
	addr = a.queue[a.count - 2];
	e = cache_lookup(&cache, &addr);
	e->synced = false;

	while (pacer_left(&a)) {
		pacer_slice(&a);
		slices++;
	}
	CHECK(slices >= 4);
	/* In batches, never more than one datagram's worth. */
	CHECK_INT(k.largest, PACER_BATCH);
	CHECK(k.batches >= (SYNCED - 2) / PACER_BATCH);
	CHECK_INT(k.commits, SYNCED - 2);
	CHECK_INT(a.done, SYNCED - 2);
	CHECK_INT(a.failed, 0);
	CHECK_INT(count_synced(&cache), 0);
	CHECK_INT(loop_timer_count(loop), 0);
	CHECK(a.queue == NULL);

	cache_destroy(&cache);
	loop_free(loop);
}

static void test_pacer_stop_and_failures(void)
{
	enum { SYNCED = 2 * PACER_SLICE_ENTRIES };
	struct loop *loop = loop_new();
	struct fake_kernel k = { .fail_every = 10 };
	struct pacer a;
	struct cache cache;
	unsigned int left;

	CHECK_INT(cache_init(&cache, loop, NULL, NULL), 0);
	fill(&cache, SYNCED, 0);
	pacer_init(&a, "committed", &cache, loop, is_copy, fake_commit, &k);
	CHECK_INT(pacer_start(&a), 0);
	/* Stepping down half way: the rest stays synced, nothing armed. */
	pacer_stop(&a);
	left = count_synced(&cache);
	CHECK_INT(left, SYNCED - (k.commits - k.commits / 10));
	CHECK_INT(loop_timer_count(loop), 0);
	CHECK_INT(pacer_left(&a), 0);

	/* Active again: it starts over with what is still synced; the
	 * failures stay synced and are counted. */
	k.commits = 0;
	CHECK_INT(pacer_start(&a), 0);
	while (pacer_left(&a))
		pacer_slice(&a);
	CHECK_INT(k.commits, left);
	CHECK_INT(a.failed, left / 10);
	CHECK_INT(a.done, left - left / 10);
	CHECK_INT(count_synced(&cache), left / 10);

	/* An empty cache: nothing to do, nothing armed. */
	cache_destroy(&cache);
	CHECK_INT(cache_init(&cache, loop, NULL, NULL), 0);
	pacer_init(&a, "committed", &cache, loop, is_copy, fake_commit, &k);
	CHECK_INT(pacer_start(&a), 0);
	CHECK_INT(pacer_left(&a), 0);
	CHECK_INT(loop_timer_count(loop), 0);
	pacer_stop(&a);

	cache_destroy(&cache);
	loop_free(loop);
}

SUITE(pacer, TEST_CASE(test_pacer_slices),
      TEST_CASE(test_pacer_stop_and_failures));
