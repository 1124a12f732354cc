// SPDX-License-Identifier: GPL-2.0-only
/* The binding cache: table, lifetimes, sequence numbers, restoring. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/dha.h>

#include "core/cache.h"
#include "sys/siphash.h"
#include "check.h"

static struct in6_addr hoa(unsigned int n)
{
	struct in6_addr addr;

	inet_pton(AF_INET6, "2001:db8:1::", &addr);
	addr.s6_addr[12] = (uint8_t)(n >> 24);
	addr.s6_addr[13] = (uint8_t)(n >> 16);
	addr.s6_addr[14] = (uint8_t)(n >> 8);
	addr.s6_addr[15] = (uint8_t)n;
	return addr;
}

static void test_cache_insert_lookup_remove(void)
{
	enum { N = 20000 };
	struct loop *loop = loop_new();
	struct cache cache;
	struct cache_entry *entry;
	struct in6_addr addr;
	unsigned int i, found = 0;

	CHECK_INT(cache_init(&cache, loop, NULL, NULL), 0);
	for (i = 0; i < N; i++) {
		addr = hoa(i);
		CHECK_INT(cache_insert(&cache, &addr, &entry), 0);
		entry->sequence = (uint16_t)i;
	}
	CHECK_INT(cache.count, N);
	CHECK(cache.bucket_count >= N);
	addr = hoa(5);
	CHECK_INT(cache_insert(&cache, &addr, &entry), -EEXIST);
	for (i = 0; i < N; i++) {
		addr = hoa(i);
		entry = cache_lookup(&cache, &addr);
		if (entry && entry->sequence == (uint16_t)i)
			found++;
	}
	CHECK_INT(found, N);
	addr = hoa(N);
	CHECK(cache_lookup(&cache, &addr) == NULL);
	for (i = 0; i < N; i += 2) {
		addr = hoa(i);
		cache_remove(&cache, cache_lookup(&cache, &addr));
	}
	CHECK_INT(cache.count, N / 2);
	addr = hoa(2);
	CHECK(cache_lookup(&cache, &addr) == NULL);
	addr = hoa(3);
	CHECK(cache_lookup(&cache, &addr) != NULL);
	cache_destroy(&cache);
	loop_free(loop);
}

static void test_cache_siphash_reference(void)
{
	/* The SipHash paper's test vector: key 00..0f, message 00..0e. */
	uint64_t key[2] = { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL };
	uint8_t message[15];
	unsigned int i;

	for (i = 0; i < sizeof(message); i++)
		message[i] = (uint8_t)i;
	CHECK(siphash24(key, message, sizeof(message)) ==
	      0xa129ca6149be45e5ULL);
}

static void test_cache_sequence(void)
{
	struct cache_entry entry = { .sequence = 10 };

	CHECK(cache_sequence_acceptable(NULL, 0));
	CHECK(cache_sequence_acceptable(&entry, 11));
	CHECK(!cache_sequence_acceptable(&entry, 10));
	CHECK(!cache_sequence_acceptable(&entry, 9));
	CHECK(cache_sequence_acceptable(&entry, 10 + 32767));
	CHECK(!cache_sequence_acceptable(&entry, (uint16_t)(10 + 32768)));
	entry.sequence = 65535;
	CHECK(cache_sequence_acceptable(&entry, 0));	/* wraps */
	entry.restored = true;
	CHECK(cache_sequence_acceptable(&entry, 1));
	CHECK(cache_sequence_acceptable(&entry, 65535));
}

static void test_cache_restore(void)
{
	struct loop *loop = loop_new();
	struct kernel_binding binding = { .kind = DHA_BINDING_KIND_HOME };
	struct cache cache;
	struct cache_entry *entry;

	cache_init(&cache, loop, NULL, NULL);
	binding.home_address = hoa(1);
	inet_pton(AF_INET6, "2001:db8:2::2", &binding.care_of_address);
	binding.has_lifetime = true;
	binding.lifetime = 100;
	binding.prefix_count = 1;
	inet_pton(AF_INET6, "2001:db8:7::", &binding.prefixes[0].address);
	binding.prefixes[0].length = 48;
	CHECK_INT(cache_restore_binding(&cache, &binding), 0);
	entry = cache_lookup(&cache, &binding.home_address);
	CHECK(entry != NULL);
	if (entry) {
		CHECK(entry->restored);
		CHECK_INT(entry->flags, CACHE_FLAG_HOME | CACHE_FLAG_ROUTER);
		CHECK_INT(entry->lifetime, 100);
		CHECK(cache_lifetime_left(&cache, entry) >= 99);
		CHECK_INT(entry->prefix_count, 1);
	}
	CHECK_INT(cache.restored_count, 1);
	/* Again, never-expiring now: the same entry, updated. */
	binding.has_lifetime = false;
	CHECK_INT(cache_restore_binding(&cache, &binding), 0);
	CHECK_INT(cache.count, 1);
	CHECK_INT(cache.restored_count, 1);
	if (entry) {
		CHECK_INT(entry->lifetime, 0);
		CHECK_INT(cache_lifetime_left(&cache, entry), 0);
		CHECK_INT(loop_timer_count(loop), 0);
	}
	/* Global bindings are not the cache's. */
	binding.kind = DHA_BINDING_KIND_GLOBAL;
	binding.home_address = hoa(2);
	CHECK_INT(cache_restore_binding(&cache, &binding), 0);
	CHECK_INT(cache.count, 1);
	binding.home_address = hoa(1);
	cache_remove(&cache, cache_lookup(&cache, &binding.home_address));
	CHECK_INT(cache.restored_count, 0);
	cache_destroy(&cache);
	loop_free(loop);
}

struct expiry {
	struct loop *loop;
	int count;
};

static void expired(struct cache_entry *entry, void *arg)
{
	struct expiry *expiry = arg;

	(void)entry;
	if (++expiry->count == 2)
		loop_stop(expiry->loop);
}

static void test_cache_expiry(void)
{
	struct loop *loop = loop_new();
	struct expiry expiry = { loop, 0 };
	struct cache cache;
	struct cache_entry *a, *b, *c;
	struct in6_addr addr;

	cache_init(&cache, loop, expired, &expiry);
	addr = hoa(1);
	cache_insert(&cache, &addr, &a);
	addr = hoa(2);
	cache_insert(&cache, &addr, &b);
	addr = hoa(3);
	cache_insert(&cache, &addr, &c);
	cache_set_lifetime(&cache, a, 1);
	cache_set_lifetime(&cache, b, 1);
	cache_set_lifetime(&cache, c, 3600);
	CHECK_INT(loop_timer_count(loop), 3);
	loop_run(loop);
	CHECK_INT(expiry.count, 2);
	CHECK_INT(cache.count, 1);
	CHECK(cache_lookup(&cache, &addr) == c);
	cache_destroy(&cache);
	CHECK_INT(loop_timer_count(loop), 0);
	loop_free(loop);
}

SUITE(cache, TEST_CASE(test_cache_insert_lookup_remove),
      TEST_CASE(test_cache_siphash_reference), TEST_CASE(test_cache_sequence),
      TEST_CASE(test_cache_restore), TEST_CASE(test_cache_expiry));
