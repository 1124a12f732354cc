/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_PROXY_PEER_H
#define _DHA_PROXY_PEER_H

#include <linux/rhashtable-types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/u64_stats_sync.h>
#include <linux/in6.h>

#include "counter.h"

struct dha_proxy_peer_pcpu_stats {
	struct dha_pcpu_traffic tx;
	struct dha_pcpu_traffic rx;
	u64_stats_t rx_dropped;
	struct u64_stats_sync syncp;
};

struct dha_proxy_peer_stats {
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes, rx_dropped;
};

/*
 * The far end of proxy bindings (PMIPv6): a MAG's proxy care-of address
 * on an LMA, an LMA address on a MAG. It exists while some proxy binding
 * tunnels to it and carries the traffic of all of them, which is what a
 * load-sharing LMA reads per MAG. Lifetime: created by the first binding
 * that names it, unlinked under the lock when the last one lets go, freed
 * after a grace period, so a fast path that read an old binding target
 * may still count on it.
 */
struct dha_proxy_peer {
	struct rhash_head node;
	struct list_head list;
	struct in6_addr addr;
	/* Proxy binding targets that name it; under the lock. */
	unsigned int users;
	struct dha_proxy_peer_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

struct dha_proxy_peer_table {
	struct rhashtable by_addr;
	/* Creation order, for dumps (RCU readers, writers hold the lock). */
	struct list_head all;
	/* The owning device's mutex, which serialises all writers. */
	struct mutex *lock;
};

int dha_proxy_peer_table_init(struct dha_proxy_peer_table *pt, struct mutex *lock);
void dha_proxy_peer_table_destroy(struct dha_proxy_peer_table *pt);
struct dha_proxy_peer *dha_proxy_peer_lookup(struct dha_proxy_peer_table *pt,
					     const struct in6_addr *addr);
struct dha_proxy_peer *dha_proxy_peer_get(struct dha_proxy_peer_table *pt,
					  const struct in6_addr *addr);
void dha_proxy_peer_put(struct dha_proxy_peer_table *pt,
			struct dha_proxy_peer *p);
void dha_proxy_peer_count_tx(struct dha_proxy_peer *p, unsigned int len);
void dha_proxy_peer_count_rx(struct dha_proxy_peer *p, unsigned int len);
void dha_proxy_peer_count_rx_drop(struct dha_proxy_peer *p);
void dha_proxy_peer_read_stats(const struct dha_proxy_peer *p,
			       struct dha_proxy_peer_stats *out);

#endif /* _DHA_PROXY_PEER_H */
