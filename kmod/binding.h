/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_BINDING_H
#define _DHA_BINDING_H

#include <linux/rhashtable-types.h>
#include <linux/xarray.h>
#include <linux/u64_stats_sync.h>
#include <net/dst_cache.h>
#include <linux/dha.h>

#include "compat.h"

#include "counter.h"
#include "prefix.h"
#include "proxy_peer.h"

#define DHA_MAX_PREFIXES 16
#define DHA_BINDING_KINDS (DHA_BINDING_KIND_PROXY_MAG + 1)

/* PMIPv6 bindings, keyed by their one home network prefix. */
static inline bool dha_binding_kind_is_proxy(enum dha_binding_kind kind)
{
	return kind == DHA_BINDING_KIND_PROXY_LMA ||
	       kind == DHA_BINDING_KIND_PROXY_MAG;
}

/*
 * Where a binding sends its packets. Never changed once published: a
 * replace publishes a new target and frees the old one after a grace
 * period, so the fast path always reads a consistent kind and address.
 */
struct dha_binding_target {
	enum dha_binding_kind kind;
	/*
	 * Care-of address (home), primary home agent locator (global), the
	 * serving MAG's proxy care-of address (proxy-lma) or the LMA
	 * (proxy-mag).
	 */
	struct in6_addr remote;
	/* Outer source of proxy bindings, if given; else the device's. */
	struct in6_addr local;
	bool has_local;
	/* The peer at @remote (proxy kinds), counted per peer; else NULL. */
	struct dha_proxy_peer *peer;
	struct dst_cache dst_cache;
	struct rcu_head rcu;
	/* Its link-local address is intercepted too (RFC 6275 L flag). */
	bool link_local;
	unsigned int n_prefixes;
	struct dha_prefix_key prefixes[] __counted_by(n_prefixes);
};

struct dha_binding_pcpu_stats {
	struct dha_pcpu_traffic tx;
	struct dha_pcpu_traffic rx;
	u64_stats_t tx_dropped;
	u64_stats_t rx_dropped;
	struct u64_stats_sync syncp;
};

struct dha_binding_stats {
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes, tx_dropped, rx_dropped;
};

/*
 * One home address, or the home network prefix of a proxy binding (then
 * @hoa is unused and the binding is only in the walk index and a prefix
 * table). Lifetime: created and unlinked under the table lock;
 * freed one RCU grace period after it left both indexes. A replace keeps
 * the object (and its counters) and swaps only the target.
 */
struct dha_binding {
	struct rhash_head node;
	struct in6_addr hoa;
	struct dha_binding_target __rcu *target;
	/* jiffies when the binding expires, 0 for never; under the lock. */
	unsigned long expires;
	/* Key in the table's walk index. */
	u32 id;
	/*
	 * Its struct dha_membership (group.c); RCU for dumps, the lock for
	 * writers. Whoever removes the binding ends them first.
	 */
	struct list_head groups;
	/* How many; under the lock. */
	unsigned int n_groups;
	struct dha_binding_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

/*
 * The binding table of one device: a hash by home address for the fast
 * path, the prefixes matched against destinations (mobile network
 * prefixes, proxy-lma home network prefixes), the prefixes matched
 * against sources (proxy-mag home network prefixes), the proxy peers, and
 * an index by allocation id so that dumps and expiry walks resume exactly
 * where they stopped whatever happened to the hash in between.
 */
struct dha_binding_table {
	struct rhashtable by_hoa;
	struct xarray by_id;
	u32 next_id;
	struct dha_prefix_table prefixes;
	struct dha_prefix_table uplinks;
	struct dha_proxy_peer_table peers;
	unsigned int count[DHA_BINDING_KINDS];
	/* Earliest expiry of any binding, 0 when none expires. */
	unsigned long next_expiry;
	/* The owning device's mutex, which serialises all writers. */
	struct mutex *lock;
};

/* What a binding-new request asks for. */
struct dha_binding_spec {
	struct in6_addr hoa;
	enum dha_binding_kind kind;
	struct in6_addr remote;
	struct in6_addr local;
	bool has_local;
	/* Seconds; 0 for never. */
	u32 lifetime;
	bool link_local;
	unsigned int n_prefixes;
	struct dha_prefix_key prefixes[DHA_MAX_PREFIXES];
};

typedef void (*dha_binding_visit_t)(struct dha_binding *b, void *arg);

int dha_binding_table_init(struct dha_binding_table *t, struct mutex *lock);
void dha_binding_table_destroy(struct dha_binding_table *t);

struct dha_binding *dha_binding_lookup(struct dha_binding_table *t,
				       const struct in6_addr *hoa);
struct dha_binding *dha_binding_lookup_addr(struct dha_binding_table *t,
					    const struct in6_addr *addr);
struct dha_binding *dha_binding_lookup_uplink(struct dha_binding_table *t,
					      const struct in6_addr *addr);
struct dha_binding *dha_binding_lookup_proxy(struct dha_binding_table *t,
					     enum dha_binding_kind kind,
					     const struct dha_prefix_key *key);
struct dha_binding *dha_binding_next(struct dha_binding_table *t,
				     unsigned long *id);

int dha_binding_set(struct dha_binding_table *t,
		    const struct dha_binding_spec *spec, u16 nlflags,
		    struct dha_binding **out, struct netlink_ext_ack *extack);
void dha_binding_remove(struct dha_binding_table *t, struct dha_binding *b);
unsigned int dha_binding_flush(struct dha_binding_table *t,
			       enum dha_binding_kind kind,
			       dha_binding_visit_t before_remove, void *arg);
void dha_binding_expire(struct dha_binding_table *t, unsigned long now,
			dha_binding_visit_t before_remove, void *arg);

u32 dha_binding_lifetime_left(const struct dha_binding *b, unsigned long now);
void dha_binding_read_stats(const struct dha_binding *b,
			    struct dha_binding_stats *out);
void dha_binding_count_tx(struct dha_binding *b, unsigned int len);
void dha_binding_count_rx(struct dha_binding *b, unsigned int len);
void dha_binding_count_tx_drop(struct dha_binding *b);
void dha_binding_count_rx_drop(struct dha_binding *b);

int dha_binding_init(void);
void dha_binding_exit(void);

#endif /* _DHA_BINDING_H */
