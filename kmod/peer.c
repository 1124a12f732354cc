// SPDX-License-Identifier: GPL-2.0
/* Peer home agents: the locators allowed to tunnel packets to a device. */
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/netdevice.h>

#include "peer.h"

static const struct rhashtable_params dha_peer_params = {
	.key_len = sizeof(struct in6_addr),
	.key_offset = offsetof(struct dha_peer, addr),
	.head_offset = offsetof(struct dha_peer, node),
	.automatic_shrinking = true,
};

int dha_peer_table_init(struct dha_peer_table *pt, struct mutex *lock)
{
	INIT_LIST_HEAD(&pt->all);
	pt->count = 0;
	pt->lock = lock;
	return rhashtable_init(&pt->by_addr, &dha_peer_params);
}

/* Called when no reader can hold the table any more and it is empty. */
void dha_peer_table_destroy(struct dha_peer_table *pt)
{
	WARN_ON(!list_empty(&pt->all));
	rhashtable_destroy(&pt->by_addr);
}

/* RCU read side. */
struct dha_peer *dha_peer_lookup(struct dha_peer_table *pt,
				 const struct in6_addr *addr)
{
	return rhashtable_lookup(&pt->by_addr, addr, dha_peer_params);
}

int dha_peer_add(struct dha_peer_table *pt, const struct in6_addr *addr)
{
	struct dha_peer *p;
	int err;

	lockdep_assert_held(pt->lock);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->addr = *addr;
	p->stats = netdev_alloc_pcpu_stats(struct dha_peer_pcpu_stats);
	if (!p->stats) {
		kfree(p);
		return -ENOMEM;
	}
	err = rhashtable_lookup_insert_fast(&pt->by_addr, &p->node,
					    dha_peer_params);
	if (err) {
		free_percpu(p->stats);
		kfree(p);
		return err;
	}
	list_add_tail_rcu(&p->list, &pt->all);
	pt->count++;
	return 0;
}

static void dha_peer_free_rcu(struct rcu_head *head)
{
	struct dha_peer *p = container_of(head, struct dha_peer, rcu);

	free_percpu(p->stats);
	kfree(p);
}

static void dha_peer_remove(struct dha_peer_table *pt, struct dha_peer *p)
{
	rhashtable_remove_fast(&pt->by_addr, &p->node, dha_peer_params);
	list_del_rcu(&p->list);
	pt->count--;
	call_rcu(&p->rcu, dha_peer_free_rcu);
}

int dha_peer_del(struct dha_peer_table *pt, const struct in6_addr *addr)
{
	struct dha_peer *p;

	lockdep_assert_held(pt->lock);
	p = rhashtable_lookup_fast(&pt->by_addr, addr, dha_peer_params);
	if (!p)
		return -ENOENT;
	dha_peer_remove(pt, p);
	return 0;
}

void dha_peer_flush(struct dha_peer_table *pt)
{
	struct dha_peer *p, *tmp;

	lockdep_assert_held(pt->lock);
	list_for_each_entry_safe(p, tmp, &pt->all, list)
		dha_peer_remove(pt, p);
}

void dha_peer_count_rx(struct dha_peer *p, unsigned int len)
{
	struct dha_peer_pcpu_stats *s = this_cpu_ptr(p->stats);

	dha_traffic_count(&s->syncp, &s->rx, len);
}

void dha_peer_read_stats(const struct dha_peer *p, u64 *packets, u64 *bytes)
{
	const struct dha_peer_pcpu_stats *s;
	unsigned int start;
	u64 pk, by;
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(p->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			pk = u64_stats_read(&s->rx.packets);
			by = u64_stats_read(&s->rx.bytes);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		*packets += pk;
		*bytes += by;
	}
}
