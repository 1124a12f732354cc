// SPDX-License-Identifier: GPL-2.0
/*
 * Proxy peers: the tunnel ends that proxy bindings share, with the
 * per-peer counters of their traffic. Shared because an LMA serves many
 * mobile nodes through one MAG and a MAG many through one LMA.
 */
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/netdevice.h>

#include "proxy_peer.h"

static const struct rhashtable_params dha_proxy_peer_params = {
	.key_len = sizeof(struct in6_addr),
	.key_offset = offsetof(struct dha_proxy_peer, addr),
	.head_offset = offsetof(struct dha_proxy_peer, node),
	.automatic_shrinking = true,
};

int dha_proxy_peer_table_init(struct dha_proxy_peer_table *pt,
			      struct mutex *lock)
{
	INIT_LIST_HEAD(&pt->all);
	pt->lock = lock;
	return rhashtable_init(&pt->by_addr, &dha_proxy_peer_params);
}

/* Called once every binding is gone, so the table is empty. */
void dha_proxy_peer_table_destroy(struct dha_proxy_peer_table *pt)
{
	WARN_ON(!list_empty(&pt->all));
	rhashtable_destroy(&pt->by_addr);
}

/* RCU read side. */
struct dha_proxy_peer *dha_proxy_peer_lookup(struct dha_proxy_peer_table *pt,
					     const struct in6_addr *addr)
{
	return rhashtable_lookup(&pt->by_addr, addr, dha_proxy_peer_params);
}

/* The peer at @addr with one more user, created if needed; NULL: no memory. */
struct dha_proxy_peer *dha_proxy_peer_get(struct dha_proxy_peer_table *pt,
					  const struct in6_addr *addr)
{
	struct dha_proxy_peer *p;

	lockdep_assert_held(pt->lock);
	p = rhashtable_lookup_fast(&pt->by_addr, addr, dha_proxy_peer_params);
	if (p) {
		WRITE_ONCE(p->users, p->users + 1);
		return p;
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	p->addr = *addr;
	p->users = 1;
	p->stats = netdev_alloc_pcpu_stats(struct dha_proxy_peer_pcpu_stats);
	if (!p->stats)
		goto free;
	if (rhashtable_lookup_insert_fast(&pt->by_addr, &p->node,
					  dha_proxy_peer_params))
		goto free_stats;
	list_add_tail_rcu(&p->list, &pt->all);
	return p;

free_stats:
	free_percpu(p->stats);
free:
	kfree(p);
	return NULL;
}

static void dha_proxy_peer_free_rcu(struct rcu_head *head)
{
	struct dha_proxy_peer *p = container_of(head, struct dha_proxy_peer, rcu);

	free_percpu(p->stats);
	kfree(p);
}

/* One user less; the last one unlinks it. */
void dha_proxy_peer_put(struct dha_proxy_peer_table *pt,
			struct dha_proxy_peer *p)
{
	lockdep_assert_held(pt->lock);
	WRITE_ONCE(p->users, p->users - 1);
	if (p->users)
		return;
	rhashtable_remove_fast(&pt->by_addr, &p->node, dha_proxy_peer_params);
	list_del_rcu(&p->list);
	call_rcu(&p->rcu, dha_proxy_peer_free_rcu);
}

void dha_proxy_peer_count_tx(struct dha_proxy_peer *p, unsigned int len)
{
	struct dha_proxy_peer_pcpu_stats *s = this_cpu_ptr(p->stats);

	dha_traffic_count(&s->syncp, &s->tx, len);
}

void dha_proxy_peer_count_rx(struct dha_proxy_peer *p, unsigned int len)
{
	struct dha_proxy_peer_pcpu_stats *s = this_cpu_ptr(p->stats);

	dha_traffic_count(&s->syncp, &s->rx, len);
}

void dha_proxy_peer_count_rx_drop(struct dha_proxy_peer *p)
{
	struct dha_proxy_peer_pcpu_stats *s = this_cpu_ptr(p->stats);

	dha_counter_inc(&s->syncp, &s->rx_dropped);
}

void dha_proxy_peer_read_stats(const struct dha_proxy_peer *p,
			       struct dha_proxy_peer_stats *out)
{
	const struct dha_proxy_peer_pcpu_stats *s;
	struct dha_proxy_peer_stats one;
	unsigned int start;
	int cpu;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(p->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.tx_packets = u64_stats_read(&s->tx.packets);
			one.tx_bytes = u64_stats_read(&s->tx.bytes);
			one.rx_packets = u64_stats_read(&s->rx.packets);
			one.rx_bytes = u64_stats_read(&s->rx.bytes);
			one.rx_dropped = u64_stats_read(&s->rx_dropped);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		out->tx_packets += one.tx_packets;
		out->tx_bytes += one.tx_bytes;
		out->rx_packets += one.rx_packets;
		out->rx_bytes += one.rx_bytes;
		out->rx_dropped += one.rx_dropped;
	}
}
