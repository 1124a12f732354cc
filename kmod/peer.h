/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_PEER_H
#define _DHA_PEER_H

#include <linux/rhashtable-types.h>
#include <linux/list.h>
#include <linux/u64_stats_sync.h>
#include <linux/in6.h>

#include "counter.h"

struct dha_peer_pcpu_stats {
	struct dha_pcpu_traffic rx;
	struct u64_stats_sync syncp;
};

/*
 * A peer home agent locator whose tunneled packets are accepted whatever
 * their inner source. Lifetime: as a binding: unlink under the lock, free
 * after a grace period.
 */
struct dha_peer {
	struct rhash_head node;
	struct list_head list;
	struct in6_addr addr;
	struct dha_peer_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

struct dha_peer_table {
	struct rhashtable by_addr;
	/* Creation order, for dumps (RCU readers, writers hold the lock). */
	struct list_head all;
	unsigned int count;
	/* The owning device's mutex, which serialises all writers. */
	struct mutex *lock;
};

int dha_peer_table_init(struct dha_peer_table *pt, struct mutex *lock);
void dha_peer_table_destroy(struct dha_peer_table *pt);
void dha_peer_flush(struct dha_peer_table *pt);
struct dha_peer *dha_peer_lookup(struct dha_peer_table *pt,
				 const struct in6_addr *addr);
int dha_peer_add(struct dha_peer_table *pt, const struct in6_addr *addr);
int dha_peer_del(struct dha_peer_table *pt, const struct in6_addr *addr);
void dha_peer_count_rx(struct dha_peer *p, unsigned int len);
void dha_peer_read_stats(const struct dha_peer *p, u64 *packets, u64 *bytes);

#endif /* _DHA_PEER_H */
