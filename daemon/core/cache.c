// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binding cache: a chained hash table keyed by home address, grown
 * by doubling when the load passes one entry per bucket. See cache.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <linux/dha.h>

#include "core/cache.h"
#include "sys/siphash.h"

#define INITIAL_BUCKETS 64

static size_t bucket_of(const struct cache *cache, const struct in6_addr *addr,
			size_t bucket_count)
{
	return (size_t)siphash24(cache->key, addr, sizeof(*addr)) &
	       (bucket_count - 1);
}

static void entry_expired(struct loop_timer *timer)
{
	struct cache_entry *entry = container_of(timer, struct cache_entry,
						 timer);
	struct cache *cache = entry->cache;

	if (cache->expire)
		cache->expire(entry, cache->expire_arg);
	cache_remove(cache, entry);
}

int cache_init(struct cache *cache, struct loop *loop, cache_expire_fn expire,
	       void *arg)
{
	memset(cache, 0, sizeof(*cache));
	if (getrandom(cache->key, sizeof(cache->key), 0) != sizeof(cache->key))
		return -errno;
	cache->buckets = calloc(INITIAL_BUCKETS, sizeof(*cache->buckets));
	if (!cache->buckets)
		return -ENOMEM;
	cache->bucket_count = INITIAL_BUCKETS;
	cache->loop = loop;
	cache->expire = expire;
	cache->expire_arg = arg;
	return 0;
}

void cache_destroy(struct cache *cache)
{
	struct cache_entry *entry, *next;
	size_t i;

	for (i = 0; i < cache->bucket_count; i++) {
		for (entry = cache->buckets[i]; entry; entry = next) {
			next = entry->next;
			loop_timer_stop(cache->loop, &entry->timer);
			free(entry->opaque);
			free(entry);
		}
	}
	free(cache->buckets);
	cache->buckets = NULL;
	cache->bucket_count = 0;
	cache->count = 0;
}

struct cache_entry *cache_lookup(const struct cache *cache,
				 const struct in6_addr *home_address)
{
	struct cache_entry *entry;

	entry = cache->buckets[bucket_of(cache, home_address,
					 cache->bucket_count)];
	for (; entry; entry = entry->next) {
		if (memcmp(&entry->home_address, home_address,
			   sizeof(*home_address)) == 0)
			return entry;
	}
	return NULL;
}

/* Doubling; a failed allocation just leaves longer chains. */
static void grow(struct cache *cache)
{
	size_t count = cache->bucket_count * 2, i, slot;
	struct cache_entry **buckets, *entry, *next;

	buckets = calloc(count, sizeof(*buckets));
	if (!buckets)
		return;
	for (i = 0; i < cache->bucket_count; i++) {
		for (entry = cache->buckets[i]; entry; entry = next) {
			next = entry->next;
			slot = bucket_of(cache, &entry->home_address, count);
			entry->next = buckets[slot];
			buckets[slot] = entry;
		}
	}
	free(cache->buckets);
	cache->buckets = buckets;
	cache->bucket_count = count;
}

int cache_insert(struct cache *cache, const struct in6_addr *home_address,
		 struct cache_entry **out)
{
	struct cache_entry *entry;
	size_t slot;

	if (cache_lookup(cache, home_address))
		return -EEXIST;
	entry = calloc(1, sizeof(*entry));
	if (!entry)
		return -ENOMEM;
	entry->home_address = *home_address;
	entry->cache = cache;
	timer_init(&entry->timer, entry_expired);
	if (cache->count >= cache->bucket_count)
		grow(cache);
	slot = bucket_of(cache, home_address, cache->bucket_count);
	entry->next = cache->buckets[slot];
	cache->buckets[slot] = entry;
	cache->count++;
	*out = entry;
	return 0;
}

void cache_remove(struct cache *cache, struct cache_entry *entry)
{
	struct cache_entry **link;

	link = &cache->buckets[bucket_of(cache, &entry->home_address,
					 cache->bucket_count)];
	for (; *link; link = &(*link)->next) {
		if (*link == entry) {
			*link = entry->next;
			break;
		}
	}
	loop_timer_stop(cache->loop, &entry->timer);
	if (entry->restored)
		cache->restored_count--;
	cache->count--;
	free(entry->opaque);
	free(entry);
}

int cache_set_lifetime(struct cache *cache, struct cache_entry *entry,
		       uint32_t lifetime)
{
	entry->lifetime = lifetime;
	if (!lifetime) {
		entry->expiry_ms = 0;
		loop_timer_stop(cache->loop, &entry->timer);
		return 0;
	}
	entry->expiry_ms = loop_now_ms(cache->loop) + (uint64_t)lifetime * 1000;
	return loop_timer_start_at(cache->loop, &entry->timer,
				   entry->expiry_ms);
}

uint32_t cache_lifetime_left(const struct cache *cache,
			     const struct cache_entry *entry)
{
	uint64_t now = loop_now_ms(cache->loop);

	if (!entry->expiry_ms || entry->expiry_ms <= now)
		return 0;
	return (uint32_t)((entry->expiry_ms - now + 999) / 1000);
}

bool cache_sequence_acceptable(const struct cache_entry *entry,
			       uint16_t sequence)
{
	if (!entry || entry->restored)
		return true;
	/* Serial number arithmetic: "greater" within half the space. */
	return (int16_t)(uint16_t)(sequence - entry->sequence) > 0;
}

int cache_for_each(struct cache *cache, cache_entry_fn fn, void *arg)
{
	struct cache_entry *entry;
	size_t i;
	int ret;

	for (i = 0; i < cache->bucket_count; i++) {
		for (entry = cache->buckets[i]; entry; entry = entry->next) {
			ret = fn(entry, arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

int cache_restore_binding(struct cache *cache,
			  const struct kernel_binding *binding)
{
	struct cache_entry *entry;
	int ret;

	if (binding->kind != DHA_BINDING_KIND_HOME)
		return 0;
	entry = cache_lookup(cache, &binding->home_address);
	if (!entry) {
		ret = cache_insert(cache, &binding->home_address, &entry);
		if (ret)
			return ret;
		entry->restored = true;
		cache->restored_count++;
		entry->flags = CACHE_FLAG_HOME |
			       (binding->prefix_count ? CACHE_FLAG_ROUTER : 0);
	}
	entry->stale = false;
	entry->synced = false;		/* the kernel has it: committed */
	entry->care_of_address = binding->care_of_address;
	entry->prefix_count = binding->prefix_count;
	memcpy(entry->prefixes, binding->prefixes,
	       binding->prefix_count * sizeof(binding->prefixes[0]));
	return cache_set_lifetime(cache, entry,
				  binding->has_lifetime ? binding->lifetime : 0);
}

static int rebuild_one(const struct kernel_binding *binding, void *arg)
{
	return cache_restore_binding(arg, binding);
}

/* A standby's synchronized copies are not in the kernel: never stale. */
static int mark_stale(struct cache_entry *entry, void *arg)
{
	entry->stale = *(bool *)arg && !entry->synced;
	return 0;
}

struct stale_list {
	struct cache_entry **entries;
	size_t count;
};

static int collect_stale(struct cache_entry *entry, void *arg)
{
	struct stale_list *list = arg;

	if (entry->stale)
		list->entries[list->count++] = entry;
	return 0;
}

int cache_rebuild(struct cache *cache, struct kernel *kernel,
		  const uint32_t *ifindexes, size_t count)
{
	struct stale_list list = { 0 };
	bool stale = true;
	size_t i;
	int ret = 0;

	/* The dumps refresh (and unmark) every entry the kernel still has. */
	cache_for_each(cache, mark_stale, &stale);
	for (i = 0; !ret && i < count; i++)
		ret = kernel_binding_dump(kernel, ifindexes[i], rebuild_one,
					  cache);
	if (ret == 0 && cache->count) {
		list.entries = calloc(cache->count, sizeof(*list.entries));
		if (!list.entries)
			ret = -ENOMEM;
	}
	if (ret) {
		stale = false;
		cache_for_each(cache, mark_stale, &stale);
		return ret;
	}
	cache_for_each(cache, collect_stale, &list);
	for (i = 0; i < list.count; i++)
		cache_remove(cache, list.entries[i]);
	free(list.entries);
	return 0;
}
