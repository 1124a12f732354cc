// SPDX-License-Identifier: GPL-2.0
/*
 * Multicast groups of mobile nodes (RFC 6275 10.4.2, 10.4.3): the groups a
 * bound node reports through its reverse tunnel are joined on the home link
 * once per group and device, whatever the number of listeners, so that the
 * link's routers and snooping switches send them there; each packet for
 * such a group that arrives on the home link is tunneled to every binding
 * that listens to it.
 *
 * Only groups of global scope are kept and tunneled: the RFC forbids
 * link-local scoped ones and advises against the scopes in between. dha
 * sends no queries: a membership lasts until the node says it left (an
 * MLDv1 done, an MLDv2 INCLUDE of no source), its binding goes, or the
 * device changes or loses its home link.
 */
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ipv6.h>

#include "device.h"
#include "encap.h"
#include "group.h"
#include "home.h"
#include "mld.h"

/* How soon the worker tries again when RTNL is taken. */
#define DHA_GROUP_RETRY (HZ / 10)

static const struct rhashtable_params dha_group_params = {
	.key_len = sizeof(struct in6_addr),
	.key_offset = offsetof(struct dha_group, addr),
	.head_offset = offsetof(struct dha_group, node),
	.automatic_shrinking = true,
};

/* A change of membership the receive path saw, for the worker. */
struct dha_report {
	struct list_head list;
	struct in6_addr hoa;
	struct in6_addr group;
	bool listen;
};

static struct dha_dev *dha_group_dev(struct dha_group_table *gt)
{
	return container_of(gt, struct dha_dev, groups);
}

/*
 * Leaves the groups that lost their last listener on their links and frees
 * them. RTNL and the lock.
 */
void dha_group_leave(struct dha_group_table *gt)
{
	struct net *net = dev_net(dha_group_dev(gt)->dev);
	struct dha_group *g, *tmp;
	struct net_device *link;

	ASSERT_RTNL();
	lockdep_assert_held(gt->lock);
	list_for_each_entry_safe(g, tmp, &gt->leaving, list) {
		list_del(&g->list);
		/* A link already unregistering dropped its groups itself. */
		link = __dev_get_by_index(net, g->ifindex);
		if (link)
			ipv6_dev_mc_dec(link, &g->addr);
		kfree_rcu(g, rcu);
	}
}

/* @g has no listener left: no more packets for it; left by the worker. */
static void dha_group_del(struct dha_group_table *gt, struct dha_group *g)
{
	lockdep_assert_held(gt->lock);
	rhashtable_remove_fast(&gt->by_addr, &g->node, dha_group_params);
	list_move(&g->list, &gt->leaving);
	queue_delayed_work(system_wq, &gt->work, 0);
}

static void dha_membership_del(struct dha_group_table *gt,
			       struct dha_membership *m)
{
	struct dha_group *g = m->group;

	lockdep_assert_held(gt->lock);
	list_del_rcu(&m->in_group);
	list_del_rcu(&m->in_binding);
	m->binding->n_groups--;
	kfree_rcu(m, rcu);
	if (list_empty(&g->members))
		dha_group_del(gt, g);
}

/* Joins @addr on the device's home link. RTNL and the lock. */
static struct dha_group *dha_group_create(struct dha_group_table *gt,
					  const struct in6_addr *addr)
{
	struct dha_dev *dd = dha_group_dev(gt);
	const struct dha_home *home;
	struct net_device *link;
	struct dha_group *g;
	int err;

	ASSERT_RTNL();
	lockdep_assert_held(gt->lock);
	home = rtnl_dereference(dd->home);
	link = home ? __dev_get_by_index(dev_net(dd->dev), home->ifindex) : NULL;
	if (!link)
		return ERR_PTR(-ENODEV);
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return ERR_PTR(-ENOMEM);
	g->addr = *addr;
	g->ifindex = home->ifindex;
	INIT_LIST_HEAD(&g->members);
	err = ipv6_dev_mc_inc(link, addr);
	if (err)
		goto free;
	err = rhashtable_insert_fast(&gt->by_addr, &g->node, dha_group_params);
	if (err) {
		ipv6_dev_mc_dec(link, addr);
		goto free;
	}
	list_add(&g->list, &gt->groups);
	return g;
free:
	kfree(g);
	return ERR_PTR(err);
}

static struct dha_membership *dha_membership_find(struct dha_binding *b,
						  const struct in6_addr *addr)
{
	struct dha_membership *m;

	list_for_each_entry(m, &b->groups, in_binding)
		if (ipv6_addr_equal(&m->group->addr, addr))
			return m;
	return NULL;
}

/* @b listens to @addr from now on; past its bound, the report is ignored. */
static void dha_group_listen(struct dha_group_table *gt, struct dha_binding *b,
			     const struct in6_addr *addr)
{
	struct dha_membership *m;
	struct dha_group *g;

	lockdep_assert_held(gt->lock);
	if (dha_membership_find(b, addr) || b->n_groups >= DHA_MAX_GROUPS)
		return;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return;
	g = rhashtable_lookup_fast(&gt->by_addr, addr, dha_group_params);
	if (!g)
		g = dha_group_create(gt, addr);
	if (IS_ERR(g)) {
		kfree(m);
		return;
	}
	m->binding = b;
	m->group = g;
	list_add_tail_rcu(&m->in_group, &g->members);
	list_add_tail_rcu(&m->in_binding, &b->groups);
	b->n_groups++;
}

static void dha_group_apply(struct dha_group_table *gt, struct dha_report *r)
{
	struct dha_dev *dd = dha_group_dev(gt);
	struct dha_membership *m;
	struct dha_binding *b;

	rcu_read_lock();
	b = dha_binding_lookup(&dd->bindings, &r->hoa);
	rcu_read_unlock();
	/* The binding may have gone since; it cannot while the lock is held. */
	if (!b)
		return;
	if (r->listen) {
		dha_group_listen(gt, b, &r->group);
		return;
	}
	m = dha_membership_find(b, &r->group);
	if (m)
		dha_membership_del(gt, m);
}

static void dha_group_work(struct work_struct *work)
{
	struct dha_group_table *gt = container_of(to_delayed_work(work),
						  struct dha_group_table, work);
	struct dha_dev *dd = dha_group_dev(gt);
	struct dha_report *r, *tmp;
	LIST_HEAD(todo);

	/*
	 * Not rtnl_lock(): the device's deletion holds RTNL while it waits
	 * for this work to finish.
	 */
	if (!rtnl_trylock()) {
		queue_delayed_work(system_wq, &gt->work, DHA_GROUP_RETRY);
		return;
	}
	spin_lock_bh(&gt->pending_lock);
	list_splice_init(&gt->pending, &todo);
	gt->n_pending = 0;
	spin_unlock_bh(&gt->pending_lock);

	mutex_lock(&dd->lock);
	list_for_each_entry_safe(r, tmp, &todo, list) {
		if (!dd->dead)
			dha_group_apply(gt, r);
		list_del(&r->list);
		kfree(r);
	}
	dha_group_leave(gt);
	mutex_unlock(&dd->lock);
	rtnl_unlock();
}

struct dha_report_ctx {
	struct dha_group_table *gt;
	const struct in6_addr *hoa;
	bool queued;
};

/* Softirq: queues one change, bounded, for the worker. */
static void dha_group_queue(const struct in6_addr *group, bool listen,
			    void *arg)
{
	struct dha_report_ctx *ctx = arg;
	struct dha_group_table *gt = ctx->gt;
	struct dha_report *r;

	if (!dha_group_scope_ok(group))
		return;
	r = kmalloc(sizeof(*r), GFP_ATOMIC);
	if (!r)
		return;
	r->hoa = *ctx->hoa;
	r->group = *group;
	r->listen = listen;
	spin_lock(&gt->pending_lock);
	if (gt->n_pending < DHA_MAX_PENDING_REPORTS) {
		list_add_tail(&r->list, &gt->pending);
		gt->n_pending++;
		r = NULL;
		ctx->queued = true;
	}
	spin_unlock(&gt->pending_lock);
	kfree(r);
}

/*
 * A packet @b's node sent through its tunnel, decapsulated: true if it was
 * an MLD report or done message, which the caller consumes. Softirq, RCU.
 */
bool dha_group_rcv(struct dha_dev *dd, struct dha_binding *b,
		   struct sk_buff *skb)
{
	struct dha_report_ctx ctx = {
		.gt = &dd->groups,
		.hoa = &b->hoa,
	};
	bool mld;

	mld = dha_mld_parse(skb, dha_group_queue, &ctx);
	if (ctx.queued)
		queue_delayed_work(system_wq, &dd->groups.work, 0);
	return mld;
}

/*
 * A packet that arrived on @dd's home link: a copy goes to every node that
 * listens to its group, except the node it came from. The inner hop limit
 * is used up as in forwarding; the original goes on untouched. RCU.
 */
void dha_group_forward(struct dha_dev *dd, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct dha_binding_target *tg;
	struct dha_membership *m;
	struct dha_group *g;
	struct sk_buff *copy;

	if (!dha_group_scope_ok(&ip6h->daddr) || ip6h->hop_limit <= 1)
		return;
	g = rhashtable_lookup(&dd->groups.by_addr, &ip6h->daddr,
			      dha_group_params);
	if (!g)
		return;
	list_for_each_entry_rcu(m, &g->members, in_group) {
		tg = rcu_dereference(m->binding->target);
		if (tg->kind != DHA_BINDING_KIND_HOME ||
		    ipv6_addr_equal(&m->binding->hoa, &ip6h->saddr))
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy || skb_ensure_writable(copy, sizeof(*ip6h))) {
			kfree_skb(copy);
			dha_binding_count_tx_drop(m->binding);
			dha_dev_count_drop(dd, DHA_DROP_TX_MALFORMED);
			continue;
		}
		ipv6_hdr(copy)->hop_limit--;
		dha_tunnel(dd, copy, m->binding);
	}
}

/* @b goes: its memberships, and the groups nobody else listens to. Lock. */
void dha_group_forget(struct dha_group_table *gt, struct dha_binding *b)
{
	struct dha_membership *m, *tmp;

	lockdep_assert_held(gt->lock);
	list_for_each_entry_safe(m, tmp, &b->groups, in_binding)
		dha_membership_del(gt, m);
}

/* Every membership ends; the groups wait to be left. Lock. */
void dha_group_flush(struct dha_group_table *gt)
{
	struct dha_membership *m, *mtmp;
	struct dha_group *g, *gtmp;

	lockdep_assert_held(gt->lock);
	list_for_each_entry_safe(g, gtmp, &gt->groups, list)
		list_for_each_entry_safe(m, mtmp, &g->members, in_group)
			dha_membership_del(gt, m);
}

int dha_group_table_init(struct dha_group_table *gt, struct mutex *lock)
{
	gt->lock = lock;
	INIT_LIST_HEAD(&gt->groups);
	INIT_LIST_HEAD(&gt->leaving);
	spin_lock_init(&gt->pending_lock);
	INIT_LIST_HEAD(&gt->pending);
	gt->n_pending = 0;
	INIT_DELAYED_WORK(&gt->work, dha_group_work);
	return rhashtable_init(&gt->by_addr, &dha_group_params);
}

/*
 * After the device is dead and its groups left (dha_group_leave): no
 * report is applied any more. RTNL.
 */
void dha_group_table_stop(struct dha_group_table *gt)
{
	struct dha_report *r, *tmp;

	cancel_delayed_work_sync(&gt->work);
	list_for_each_entry_safe(r, tmp, &gt->pending, list) {
		list_del(&r->list);
		kfree(r);
	}
	gt->n_pending = 0;
}

/* Called when no reader can hold the table any more and it is empty. */
void dha_group_table_destroy(struct dha_group_table *gt)
{
	WARN_ON(!list_empty(&gt->groups) || !list_empty(&gt->leaving));
	rhashtable_destroy(&gt->by_addr);
}
