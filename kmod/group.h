/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_GROUP_H
#define _DHA_GROUP_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

/* Groups one binding may listen to through its tunnel. */
#define DHA_MAX_GROUPS 16
/* Membership changes waiting for the worker, per device. */
#define DHA_MAX_PENDING_REPORTS 256

struct dha_binding;
struct dha_dev;
struct sk_buff;

/*
 * A multicast group some mobile nodes of a device listen to, joined once on
 * the home link it was first asked for on. Lifetime: created and unlinked
 * under the device mutex, freed one grace period after its last listener
 * left.
 */
struct dha_group {
	struct rhash_head node;
	/* On the table's groups, then leaving list; under the device mutex. */
	struct list_head list;
	struct in6_addr addr;
	/* Its listeners (struct dha_membership); RCU for the forward path. */
	struct list_head members;
	/* The home link it is joined on. */
	int ifindex;
	struct rcu_head rcu;
};

/*
 * One binding listening to one group: on the group's list for the forward
 * path and on the binding's for dumps and for its deletion. Freed one grace
 * period after it left both.
 */
struct dha_membership {
	struct list_head in_group;
	struct list_head in_binding;
	struct dha_binding *binding;
	struct dha_group *group;
	struct rcu_head rcu;
};

/*
 * The groups of a device. The receive path parses reports in softirq, but
 * joining a group on a link sleeps and wants RTNL (which Linux 6.1 asserts),
 * so it queues them for a worker that applies them under RTNL and the
 * device mutex, in that order. A group that loses its last listener where
 * RTNL is not held waits on @leaving for that worker too.
 */
struct dha_group_table {
	struct rhashtable by_addr;
	struct list_head groups;
	struct list_head leaving;
	/* The owning device's mutex, which serialises all writers. */
	struct mutex *lock;
	/* Guards @pending and @n_pending, from softirq and the worker. */
	spinlock_t pending_lock;
	struct list_head pending;
	unsigned int n_pending;
	struct delayed_work work;
};

int dha_group_table_init(struct dha_group_table *gt, struct mutex *lock);
void dha_group_table_destroy(struct dha_group_table *gt);
void dha_group_table_stop(struct dha_group_table *gt);

bool dha_group_rcv(struct dha_dev *dd, struct dha_binding *b,
		   struct sk_buff *skb);
void dha_group_forward(struct dha_dev *dd, struct sk_buff *skb);
void dha_group_forget(struct dha_group_table *gt, struct dha_binding *b);
void dha_group_flush(struct dha_group_table *gt);
void dha_group_leave(struct dha_group_table *gt);

/* Only groups wider than a site are tunneled (RFC 6275 10.4.2). */
static inline bool dha_group_scope_ok(const struct in6_addr *addr)
{
	return ipv6_addr_is_multicast(addr) &&
	       IPV6_ADDR_MC_SCOPE(addr) >= IPV6_ADDR_SCOPE_GLOBAL;
}

#endif /* _DHA_GROUP_H */
