/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LMA's binding cache (RFC 5213 5.1) and the decision on each Proxy
 * Binding Update (5.3): pure, no I/O and no clock of its own, so that
 * every rule is unit-tested. lma.c feeds it messages and the time,
 * and carries out what it decides (kernel binding, PBA).
 *
 * An entry is keyed by the mobile node identifier and holds the home
 * network prefix (a /64 from the pool, assigned at the first
 * registration and kept across handoffs), the serving MAG's proxy
 * care-of address, the last accepted timestamp and sequence number.
 * Entries rebuilt from the kernel after a restart have no identifier
 * yet: the MAG's next refresh, which carries the prefix, names it.
 */
#ifndef DHAD_PMIP_LMACACHE_H
#define DHAD_PMIP_LMACACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/addr.h"
#include "sys/timer.h"
#include "wire/pmip.h"

/*
 * RFC 5213 9: TimestampValidityWindow, and MinDelayBeforeBCEDelete, how
 * long a deregistered entry keeps its prefix for the next MAG.
 */
#define LMA_TIMESTAMP_WINDOW_MS 300
#define LMA_DELETE_DELAY_MS 10000

struct lma_cache;
struct pmip_config;

enum lma_state {
	LMA_ENTRY_ACTIVE,		/* in the kernel, lifetime running */
	LMA_ENTRY_DELETING,		/* deregistered, prefix kept a while */
};

struct lma_entry {
	struct lma_entry *next;
	struct lma_cache *cache;	/* its own, for the timer's owner */
	bool id_known;			/* false: rebuilt from the kernel */
	uint8_t mn_id_subtype;
	size_t mn_id_len;
	uint8_t mn_id[DHA_PMIP_MN_ID_MAX];
	struct dhad_prefix hnp;
	struct in6_addr mag;		/* serving MAG's proxy care-of address */
	enum lma_state state;
	uint8_t att, handoff;
	bool has_timestamp;
	uint64_t timestamp;		/* last accepted, wire format */
	uint16_t seq;			/* last accepted */
	uint32_t lifetime;		/* granted, seconds */
	uint64_t expiry_ms;		/* loop clock */
	struct loop_timer timer;	/* lma.c's */
};

struct lma_cache {
	struct lma_entry *entries;
	size_t count;
	uint64_t next_hnp;		/* where the pool search starts */
};

/* What the caller must do after a decision. */
enum lma_action {
	LMA_NOTHING,			/* answer only */
	LMA_BIND,			/* (re)install entry's kernel binding */
	LMA_UNBIND,			/* remove entry's kernel binding */
};

struct lma_decision {
	uint8_t status;			/* the PBA's */
	enum lma_action action;
	struct lma_entry *entry;	/* NULL when refused */
	uint32_t lifetime;		/* granted, seconds */
	bool created;
	bool handoff;			/* the serving MAG changed */
	/* An updated entry's registration before, to restore on failure. */
	struct in6_addr old_mag;
	enum lma_state old_state;
	uint32_t old_lifetime;
	uint64_t old_expiry_ms;
};

void lma_cache_init(struct lma_cache *cache);
void lma_cache_free(struct lma_cache *cache);

/*
 * Decides on a parsed PBU from mag at now_ms (loop clock) and now_ts
 * (wall clock, timestamp option format), as RFC 5213 5.3 says. Creates,
 * updates or marks entries; an entry to drop after LMA_DELETE_DELAY_MS
 * is left LMA_ENTRY_DELETING with expiry_ms set. Returns -ENOMEM (no
 * entry could be made; answer with INSUFFICIENT_RESOURCES) or 0.
 */
int lma_decide(struct lma_cache *cache, const struct pmip_config *config,
	       const struct dha_pmip_msg *pbu, const struct in6_addr *mag,
	       uint64_t now_ms, uint64_t now_ts, struct lma_decision *out);

/* The entry of an identifier, or holding a prefix, or NULL. */
struct lma_entry *lma_cache_by_id(const struct lma_cache *cache,
				  const uint8_t *id, size_t len);
struct lma_entry *lma_cache_by_hnp(const struct lma_cache *cache,
				   const struct in6_addr *prefix);

/*
 * An entry rebuilt from a kernel binding (no identifier): -EEXIST if
 * the prefix is held, -ENOMEM, or 0.
 */
int lma_cache_restore(struct lma_cache *cache, const struct dhad_prefix *hnp,
		      const struct in6_addr *mag, uint32_t lifetime,
		      uint64_t now_ms, struct lma_entry **out);

/* Unlinks and frees entry. */
void lma_cache_remove(struct lma_cache *cache, struct lma_entry *entry);

/* The identifier printable (a NAI as is, others in hex), in buf. */
const char *lma_entry_id(const struct lma_entry *entry, char *buf,
			 size_t size);

#endif /* DHAD_PMIP_LMACACHE_H */
