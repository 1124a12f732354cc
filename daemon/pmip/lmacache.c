// SPDX-License-Identifier: GPL-2.0-only
/* The LMA's binding cache and its decisions (lmacache.h). */
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmip/config.h"
#include "pmip/lmacache.h"
#include "wire/numbers.h"

void lma_cache_init(struct lma_cache *cache)
{
	memset(cache, 0, sizeof(*cache));
}

void lma_cache_free(struct lma_cache *cache)
{
	while (cache->entries)
		lma_cache_remove(cache, cache->entries);
}

struct lma_entry *lma_cache_by_id(const struct lma_cache *cache,
				  const uint8_t *id, size_t len)
{
	struct lma_entry *e;

	for (e = cache->entries; e; e = e->next)
		if (e->id_known && e->mn_id_len == len &&
		    memcmp(e->mn_id, id, len) == 0)
			return e;
	return NULL;
}

struct lma_entry *lma_cache_by_hnp(const struct lma_cache *cache,
				   const struct in6_addr *prefix)
{
	struct lma_entry *e;

	for (e = cache->entries; e; e = e->next)
		if (memcmp(&e->hnp.address, prefix, sizeof(*prefix)) == 0)
			return e;
	return NULL;
}

static struct lma_entry *entry_new(struct lma_cache *cache,
				   const struct dhad_prefix *hnp)
{
	struct lma_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->hnp = *hnp;
	e->cache = cache;
	timer_init(&e->timer, NULL);
	e->next = cache->entries;
	cache->entries = e;
	cache->count++;
	return e;
}

void lma_cache_remove(struct lma_cache *cache, struct lma_entry *entry)
{
	struct lma_entry **p;

	for (p = &cache->entries; *p; p = &(*p)->next) {
		if (*p == entry) {
			*p = entry->next;
			cache->count--;
			free(entry);
			return;
		}
	}
}

int lma_cache_restore(struct lma_cache *cache, const struct dhad_prefix *hnp,
		      const struct in6_addr *mag, uint32_t lifetime,
		      uint64_t now_ms, struct lma_entry **out)
{
	struct lma_entry *e;

	if (lma_cache_by_hnp(cache, &hnp->address))
		return -EEXIST;
	e = entry_new(cache, hnp);
	if (!e)
		return -ENOMEM;
	e->mag = *mag;
	e->lifetime = lifetime;
	e->expiry_ms = now_ms + 1000ull * lifetime;
	*out = e;
	return 0;
}

/* The pool's index-th /64. */
static struct dhad_prefix pool_prefix(const struct dhad_prefix *pool,
				      uint64_t index)
{
	struct dhad_prefix p = { .address = pool->address,
				 .length = PMIP_HNP_LENGTH };
	uint64_t high;

	memcpy(&high, &p.address, sizeof(high));
	high = htobe64(be64toh(high) | index);
	memcpy(&p.address, &high, sizeof(high));
	return p;
}

/* A free /64 of the pool, searched round-robin; false: all taken. */
static bool pool_take(struct lma_cache *cache, const struct dhad_prefix *pool,
		      struct dhad_prefix *out)
{
	unsigned int bits = PMIP_HNP_LENGTH - pool->length;
	uint64_t size = bits >= 64 ? UINT64_MAX : 1ull << bits, tried;

	for (tried = 0; tried < size && tried <= cache->count; tried++) {
		uint64_t index = (cache->next_hnp + tried) % size;

		*out = pool_prefix(pool, index);
		if (!lma_cache_by_hnp(cache, &out->address)) {
			cache->next_hnp = index + 1;
			return true;
		}
	}
	return false;
}

static bool all_zero(const struct in6_addr *a)
{
	static const struct in6_addr zero;

	return memcmp(a, &zero, sizeof(zero)) == 0;
}

/* A prefix a MAG may ask for by name: a /64 of the pool. */
static bool prefix_ours(const struct pmip_config *config,
			const struct dha_pmip_hnp *hnp)
{
	return hnp->prefix_len == PMIP_HNP_LENGTH &&
	       prefix_contains(&config->hnp_pool, &hnp->prefix);
}

/* RFC 5213 5.5: within TimestampValidityWindow of the LMA's clock. */
static bool timestamp_valid(uint64_t ts, uint64_t now_ts)
{
	uint64_t window = (uint64_t)LMA_TIMESTAMP_WINDOW_MS * 65536 / 1000;

	return ts > now_ts ? ts - now_ts <= window : now_ts - ts <= window;
}

/* RFC 6275 9.5.1: newer modulo 2^16. */
static bool seq_newer(uint16_t seq, uint16_t last)
{
	return (uint16_t)(seq - last) != 0 && (uint16_t)(seq - last) < 0x8000;
}

static void set_id(struct lma_entry *e, const struct dha_pmip_options *o)
{
	e->id_known = true;
	e->mn_id_subtype = o->mn_id_subtype;
	e->mn_id_len = o->mn_id_len;
	memcpy(e->mn_id, o->mn_id, o->mn_id_len);
}

/*
 * The entry a PBU speaks of, by identifier or by the prefix it names
 * (5.4.1), or a status refusing it; *e NULL: none yet.
 */
static uint8_t find_entry(struct lma_cache *cache,
			  const struct pmip_config *config,
			  const struct dha_pmip_options *o,
			  struct lma_entry **e)
{
	const struct dha_pmip_hnp *hnp = &o->hnp[0];
	struct lma_entry *by_prefix;

	*e = lma_cache_by_id(cache, o->mn_id, o->mn_id_len);
	if (all_zero(&hnp->prefix))
		return 0;
	if (!prefix_ours(config, hnp))
		return DHA_PBA_NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX;
	by_prefix = lma_cache_by_hnp(cache, &hnp->prefix);
	if (*e && by_prefix != *e)
		return DHA_PBA_BCE_PBU_PREFIX_SET_DO_NOT_MATCH;
	if (by_prefix && !by_prefix->id_known) {
		set_id(by_prefix, o);	/* rebuilt after a restart */
		*e = by_prefix;
	} else if (by_prefix && !*e) {
		return DHA_PBA_NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX;
	}
	return 0;
}

static void deregister(const struct in6_addr *mag, uint64_t now_ms,
		       struct lma_entry *e, struct lma_decision *out)
{
	/* 5.3.5: the old MAG's late deregistration leaves the new binding. */
	if (!e || memcmp(&e->mag, mag, sizeof(*mag)) != 0 ||
	    e->state == LMA_ENTRY_DELETING)
		return;
	e->state = LMA_ENTRY_DELETING;
	e->lifetime = 0;
	e->expiry_ms = now_ms + LMA_DELETE_DELAY_MS;
	out->action = LMA_UNBIND;
}

int lma_decide(struct lma_cache *cache, const struct pmip_config *config,
	       const struct dha_pmip_msg *pbu, const struct in6_addr *mag,
	       uint64_t now_ms, uint64_t now_ts, struct lma_decision *out)
{
	const struct dha_pmip_options *o = &pbu->opts;
	const struct dha_mh_bu *bu = &pbu->u.bu;
	struct dhad_prefix hnp;
	struct lma_entry *e;
	uint32_t lifetime;

	memset(out, 0, sizeof(*out));
	if (!pmip_config_mag_known(config, mag)) {
		out->status = DHA_PBA_MAG_NOT_AUTHORIZED_FOR_PROXY_REG;
		return 0;
	}
	out->status = dha_pbu_missing_status(o);
	if (out->status)
		return 0;
	if (o->has_timestamp && !timestamp_valid(o->timestamp, now_ts)) {
		out->status = DHA_PBA_TIMESTAMP_MISMATCH;
		return 0;
	}
	out->status = find_entry(cache, config, o, &e);
	if (out->status)
		return 0;
	if (e && o->has_timestamp && e->has_timestamp &&
	    o->timestamp <= e->timestamp) {
		out->status = DHA_PBA_TIMESTAMP_LOWER_THAN_PREV_ACCEPTED;
		return 0;
	}
	if (e && !o->has_timestamp && !memcmp(&e->mag, mag, sizeof(*mag)) &&
	    e->state == LMA_ENTRY_ACTIVE && !seq_newer(bu->seq, e->seq)) {
		out->status = DHA_BA_SEQ_OUT_OF_WINDOW;
		return 0;
	}
	out->entry = e;
	if (bu->lifetime == 0) {
		deregister(mag, now_ms, e, out);
		return 0;
	}
	if (!e) {
		if (all_zero(&o->hnp[0].prefix)) {
			if (!pool_take(cache, &config->hnp_pool, &hnp)) {
				out->status = DHA_BA_INSUFFICIENT_RESOURCES;
				return 0;
			}
		} else {
			hnp.address = o->hnp[0].prefix;
			hnp.length = PMIP_HNP_LENGTH;
		}
		e = entry_new(cache, &hnp);
		if (!e) {
			out->status = DHA_BA_INSUFFICIENT_RESOURCES;
			return -ENOMEM;
		}
		set_id(e, o);
		e->mag = *mag;
		out->created = true;
	}
	out->handoff = !out->created && memcmp(&e->mag, mag, sizeof(*mag));
	out->old_mag = e->mag;
	out->old_state = e->state;
	out->old_lifetime = e->lifetime;
	out->old_expiry_ms = e->expiry_ms;
	lifetime = (uint32_t)bu->lifetime * 4;
	if (lifetime > config->max_lifetime)
		lifetime = config->max_lifetime;
	e->mag = *mag;
	e->att = o->att;
	e->handoff = o->handoff;
	e->has_timestamp = o->has_timestamp;
	e->timestamp = o->timestamp;
	e->seq = bu->seq;
	e->state = LMA_ENTRY_ACTIVE;
	e->lifetime = lifetime;
	e->expiry_ms = now_ms + 1000ull * lifetime;
	out->entry = e;
	out->lifetime = lifetime;
	out->action = LMA_BIND;
	return 0;
}

const char *lma_entry_id(const struct lma_entry *entry, char *buf,
			 size_t size)
{
	size_t i, len = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!entry->id_known) {
		snprintf(buf, size, "?");
		return buf;
	}
	if (entry->mn_id_subtype == DHA_MN_ID_NAI) {
		snprintf(buf, size, "%.*s", (int)entry->mn_id_len,
			 (const char *)entry->mn_id);
		return buf;
	}
	for (i = 0; i < entry->mn_id_len && len + 3 <= size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%02x",
					entry->mn_id[i]);
	return buf;
}
