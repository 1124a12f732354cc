// SPDX-License-Identifier: GPL-2.0-only
/* Per-peer token buckets: burst, refill, independence, eviction. */
#include <errno.h>
#include <stdio.h>
#include <arpa/inet.h>

#include "sys/ratelimit.h"
#include "check.h"

static struct in6_addr peer(unsigned int n)
{
	struct in6_addr addr;
	char text[INET6_ADDRSTRLEN];

	snprintf(text, sizeof(text), "2001:db8:2::%x", n);
	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

/* How many of count answers to p at now_ms are allowed. */
static unsigned int allowed(struct ratelimit *limit, unsigned int p,
			    uint64_t now_ms, unsigned int count, uint32_t rate,
			    uint32_t burst)
{
	struct in6_addr addr = peer(p);
	unsigned int n = 0;

	while (count--)
		n += ratelimit_allow(limit, &addr, now_ms, rate, burst);
	return n;
}

static void test_ratelimit_burst_and_refill(void)
{
	struct ratelimit limit;

	CHECK_INT(ratelimit_init(&limit, 64), 0);
	/* A new peer has the whole burst, then nothing. */
	CHECK_INT(allowed(&limit, 1, 1000, 200, 5, 10), 10);
	/* 5 per second: one token per 200 ms, not before. */
	CHECK_INT(allowed(&limit, 1, 1199, 10, 5, 10), 0);
	CHECK_INT(allowed(&limit, 1, 1200, 10, 5, 10), 1);
	/* Fractions are kept across calls: 100 + 100 ms make a token. */
	CHECK_INT(allowed(&limit, 1, 1300, 10, 5, 10), 0);
	CHECK_INT(allowed(&limit, 1, 1400, 10, 5, 10), 1);
	/* 2 s later: 10 tokens, capped at the burst even after an hour. */
	CHECK_INT(allowed(&limit, 1, 3400, 20, 5, 10), 10);
	CHECK_INT(allowed(&limit, 1, 3400 + 3600000, 20, 5, 10), 10);
	/* Over a second of steady sending: burst + rate. */
	CHECK_INT(allowed(&limit, 2, 10000, 1, 5, 10), 1);
	{
		unsigned int ms, total = 1;

		for (ms = 10; ms <= 1000; ms += 10)
			total += allowed(&limit, 2, 10000 + ms, 2, 5, 10);
		CHECK_INT(total, 10 + 5);
	}
	ratelimit_destroy(&limit);
}

static void test_ratelimit_peers_apart(void)
{
	struct ratelimit limit;

	CHECK_INT(ratelimit_init(&limit, 64), 0);
	CHECK_INT(allowed(&limit, 1, 0, 50, 1, 3), 3);
	CHECK_INT(allowed(&limit, 2, 0, 50, 1, 3), 3);
	CHECK_INT(allowed(&limit, 1, 0, 1, 1, 3), 0);
	/* A reload that lowers the burst applies at once. */
	CHECK_INT(allowed(&limit, 3, 0, 1, 1, 100), 1);
	CHECK_INT(allowed(&limit, 3, 1, 100, 1, 2), 2);
	/* Rates up to the configuration's limit do not overflow. */
	CHECK_INT(allowed(&limit, 4, 0, 5, 1000000, 1000000), 5);
	CHECK_INT(allowed(&limit, 4, UINT64_MAX / 2, 5, 1000000, 1000000), 5);
	ratelimit_destroy(&limit);
}

/*
 * A full table: refilled buckets are reused silently, busy ones are
 * evicted least recently used first, and come back full.
 */
static void test_ratelimit_bounded(void)
{
	struct ratelimit limit;
	unsigned int i, busy = 0;

	CHECK_INT(ratelimit_init(&limit, 1), 0);
	CHECK_INT(limit.set_count, 1);	/* one set of RATELIMIT_WAYS */
	for (i = 1; i <= RATELIMIT_WAYS; i++)
		busy += allowed(&limit, i, i, 2, 1, 1);
	CHECK_INT(busy, RATELIMIT_WAYS);
	/* All four hold an empty bucket: the oldest, peer 1, goes. */
	CHECK_INT(allowed(&limit, 100, 10, 1, 1, 1), 1);
	CHECK_INT(limit.evictions, 1);
	CHECK_INT(allowed(&limit, 2, 10, 1, 1, 1), 0);
	CHECK_INT(allowed(&limit, 1, 11, 1, 1, 1), 1);
	CHECK_INT(limit.evictions, 2);
	/* A second later every bucket is full: reuse costs no eviction. */
	CHECK_INT(allowed(&limit, 200, 5000, 1, 1, 1), 1);
	CHECK_INT(limit.evictions, 2);
	ratelimit_destroy(&limit);

	CHECK_INT(ratelimit_init(&limit, 0), -EINVAL);
	CHECK_INT(ratelimit_init(&limit, 4097), 0);
	CHECK_INT(limit.set_count * RATELIMIT_WAYS, 8192);
	ratelimit_destroy(&limit);
}

SUITE(ratelimit,
      TEST_CASE(test_ratelimit_burst_and_refill),
      TEST_CASE(test_ratelimit_peers_apart),
      TEST_CASE(test_ratelimit_bounded));
