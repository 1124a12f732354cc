// SPDX-License-Identifier: GPL-2.0
/*
 * The binding table: home address -> care-of address (home binding) or
 * primary home agent locator (global binding), with lifetimes and mobile
 * network prefixes; and the PMIPv6 bindings, keyed by a home network
 * prefix: destinations inside it -> serving MAG (proxy-lma), sources
 * inside it -> LMA (proxy-mag).
 *
 * Writers hold the table lock (the device mutex); the fast path reads under
 * RCU only. Removal is two-phase: unlink from both indexes and the prefix
 * table, then free after a grace period.
 */
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "binding.h"

static struct kmem_cache *dha_binding_cache;

static const struct rhashtable_params dha_binding_params = {
	.key_len = sizeof(struct in6_addr),
	.key_offset = offsetof(struct dha_binding, hoa),
	.head_offset = offsetof(struct dha_binding, node),
	.automatic_shrinking = true,
};

int dha_binding_table_init(struct dha_binding_table *t, struct mutex *lock)
{
	int err;

	memset(t, 0, sizeof(*t));
	t->lock = lock;
	xa_init_flags(&t->by_id, XA_FLAGS_ALLOC);
	err = rhashtable_init(&t->by_hoa, &dha_binding_params);
	if (err)
		return err;
	err = dha_prefix_table_init(&t->prefixes, lock);
	if (err)
		goto free_hash;
	err = dha_prefix_table_init(&t->uplinks, lock);
	if (err)
		goto free_prefixes;
	err = dha_proxy_peer_table_init(&t->peers, lock);
	if (err)
		goto free_uplinks;
	return 0;

free_uplinks:
	dha_prefix_table_destroy(&t->uplinks);
free_prefixes:
	dha_prefix_table_destroy(&t->prefixes);
free_hash:
	rhashtable_destroy(&t->by_hoa);
	return err;
}

/* Called when no reader can hold the table any more and it is empty. */
void dha_binding_table_destroy(struct dha_binding_table *t)
{
	WARN_ON(!xa_empty(&t->by_id));
	xa_destroy(&t->by_id);
	rhashtable_destroy(&t->by_hoa);
	dha_prefix_table_destroy(&t->prefixes);
	dha_prefix_table_destroy(&t->uplinks);
	dha_proxy_peer_table_destroy(&t->peers);
}

/* RCU read side. */
struct dha_binding *dha_binding_lookup(struct dha_binding_table *t,
				       const struct in6_addr *hoa)
{
	return rhashtable_lookup(&t->by_hoa, hoa, dha_binding_params);
}

/* The binding an address belongs to: its home address, else a prefix. */
struct dha_binding *dha_binding_lookup_addr(struct dha_binding_table *t,
					    const struct in6_addr *addr)
{
	struct dha_binding *b = dha_binding_lookup(t, addr);

	return b ?: dha_prefix_lookup(&t->prefixes, addr);
}

/* The proxy-mag binding whose home network prefix holds @addr. RCU. */
struct dha_binding *dha_binding_lookup_uplink(struct dha_binding_table *t,
					      const struct in6_addr *addr)
{
	return dha_prefix_lookup(&t->uplinks, addr);
}

static struct dha_prefix_table *
dha_binding_prefixes(struct dha_binding_table *t, enum dha_binding_kind kind)
{
	return kind == DHA_BINDING_KIND_PROXY_MAG ? &t->uplinks : &t->prefixes;
}

/* The proxy binding of @kind keyed by @key, or NULL. Under the lock. */
struct dha_binding *dha_binding_lookup_proxy(struct dha_binding_table *t,
					     enum dha_binding_kind kind,
					     const struct dha_prefix_key *key)
{
	struct dha_binding *b;

	b = dha_prefix_owner(dha_binding_prefixes(t, kind), key);
	if (b && rcu_dereference_protected(b->target,
					   lockdep_is_held(t->lock))->kind != kind)
		return NULL;
	return b;
}

/*
 * The binding with the lowest id >= *id, and *id set to its id; for walks
 * that drop the lock or RCU between steps. Under RCU or the lock.
 */
struct dha_binding *dha_binding_next(struct dha_binding_table *t,
				     unsigned long *id)
{
	return xa_find(&t->by_id, id, ULONG_MAX, XA_PRESENT);
}

static struct dha_binding_target *
dha_target_alloc(const struct dha_binding_spec *spec)
{
	struct dha_binding_target *tg;

	tg = kzalloc(struct_size(tg, prefixes, spec->n_prefixes), GFP_KERNEL);
	if (!tg)
		return NULL;
	if (dst_cache_init(&tg->dst_cache, GFP_KERNEL)) {
		kfree(tg);
		return NULL;
	}
	tg->kind = spec->kind;
	tg->remote = spec->remote;
	tg->local = spec->local;
	tg->has_local = spec->has_local;
	tg->link_local = spec->link_local;
	tg->n_prefixes = spec->n_prefixes;
	memcpy(tg->prefixes, spec->prefixes,
	       spec->n_prefixes * sizeof(spec->prefixes[0]));
	return tg;
}

static void dha_target_free(struct dha_binding_target *tg)
{
	dst_cache_destroy(&tg->dst_cache);
	kfree(tg);
}

/* A target that was never published, with its peer reference. */
static void dha_target_release(struct dha_binding_table *t,
			       struct dha_binding_target *tg)
{
	if (tg->peer)
		dha_proxy_peer_put(&t->peers, tg->peer);
	dha_target_free(tg);
}

static void dha_target_free_rcu(struct rcu_head *head)
{
	dha_target_free(container_of(head, struct dha_binding_target, rcu));
}

static void dha_binding_free_rcu(struct rcu_head *head)
{
	struct dha_binding *b = container_of(head, struct dha_binding, rcu);

	dha_target_free(rcu_dereference_protected(b->target, true));
	free_percpu(b->stats);
	kmem_cache_free(dha_binding_cache, b);
}

static bool dha_target_has_prefix(const struct dha_binding_target *tg,
				  const struct dha_prefix_key *key)
{
	unsigned int i;

	if (!tg)
		return false;
	for (i = 0; i < tg->n_prefixes; i++)
		if (!memcmp(&tg->prefixes[i], key, sizeof(*key)))
			return true;
	return false;
}

/* Remove the prefixes of @from that @keep does not have. */
static void dha_binding_drop_prefixes(struct dha_binding_table *t,
				      const struct dha_binding_target *from,
				      const struct dha_binding_target *keep)
{
	struct dha_prefix_table *pt = dha_binding_prefixes(t, from->kind);
	unsigned int i;

	for (i = 0; i < from->n_prefixes; i++)
		if (!dha_target_has_prefix(keep, &from->prefixes[i]))
			dha_prefix_del(pt, &from->prefixes[i]);
}

/* Add the prefixes of @to that @old does not have; all or none. */
static int dha_binding_add_prefixes(struct dha_binding_table *t,
				    struct dha_binding *b,
				    const struct dha_binding_target *to,
				    const struct dha_binding_target *old)
{
	struct dha_prefix_table *pt = dha_binding_prefixes(t, to->kind);
	unsigned int i;
	int err;

	for (i = 0; i < to->n_prefixes; i++) {
		if (dha_target_has_prefix(old, &to->prefixes[i]))
			continue;
		err = dha_prefix_add(pt, &to->prefixes[i], b);
		if (err)
			goto undo;
	}
	return 0;
undo:
	while (i--)
		if (!dha_target_has_prefix(old, &to->prefixes[i]))
			dha_prefix_del(pt, &to->prefixes[i]);
	return err;
}

static struct dha_binding *dha_binding_alloc(const struct in6_addr *hoa,
					     struct dha_binding_target *tg)
{
	struct dha_binding *b;

	b = kmem_cache_zalloc(dha_binding_cache, GFP_KERNEL);
	if (!b)
		return NULL;
	b->stats = netdev_alloc_pcpu_stats(struct dha_binding_pcpu_stats);
	if (!b->stats) {
		kmem_cache_free(dha_binding_cache, b);
		return NULL;
	}
	b->hoa = *hoa;
	INIT_LIST_HEAD(&b->groups);
	RCU_INIT_POINTER(b->target, tg);
	return b;
}

/* Proxy bindings are reached through their prefix only. */
static int dha_binding_link(struct dha_binding_table *t, struct dha_binding *b,
			    bool by_hoa)
{
	int err;

	err = xa_alloc_cyclic(&t->by_id, &b->id, b, xa_limit_32b, &t->next_id,
			      GFP_KERNEL);
	if (err < 0 || !by_hoa)
		return err < 0 ? err : 0;
	err = rhashtable_lookup_insert_fast(&t->by_hoa, &b->node,
					    dha_binding_params);
	if (err)
		xa_erase(&t->by_id, b->id);
	return err;
}

static void dha_binding_unlink(struct dha_binding_table *t, struct dha_binding *b,
			       bool by_hoa)
{
	if (by_hoa)
		rhashtable_remove_fast(&t->by_hoa, &b->node, dha_binding_params);
	xa_erase(&t->by_id, b->id);
}

/* The jiffies a lifetime ends at; 0 means never, so it is stepped over. */
static unsigned long dha_binding_expiry(u32 lifetime)
{
	unsigned long expires;

	if (!lifetime)
		return 0;
	expires = jiffies + (unsigned long)lifetime * HZ;
	return expires ?: 1;
}

static void dha_binding_schedule_expiry(struct dha_binding_table *t,
					unsigned long expires)
{
	if (expires && (!t->next_expiry || time_before(expires, t->next_expiry)))
		t->next_expiry = expires;
}

/* A binding that was never linked; prefix lookups may still hold it. */
static void dha_binding_discard(struct dha_binding_table *t,
				struct dha_binding *b)
{
	struct dha_binding_target *tg;

	tg = rcu_dereference_protected(b->target, lockdep_is_held(t->lock));
	dha_binding_drop_prefixes(t, tg, NULL);
	if (tg->peer)
		dha_proxy_peer_put(&t->peers, tg->peer);
	call_rcu(&b->rcu, dha_binding_free_rcu);
}

static int dha_binding_add(struct dha_binding_table *t,
			   struct dha_binding_target *tg,
			   const struct in6_addr *hoa, struct dha_binding **out)
{
	struct dha_binding *b;
	int err;

	b = dha_binding_alloc(hoa, tg);
	if (!b) {
		dha_target_release(t, tg);
		return -ENOMEM;
	}
	err = dha_binding_add_prefixes(t, b, tg, NULL);
	if (err) {
		/* Nothing of it is reachable: the prefixes were undone. */
		if (tg->peer)
			dha_proxy_peer_put(&t->peers, tg->peer);
		call_rcu(&b->rcu, dha_binding_free_rcu);
		return err;
	}
	err = dha_binding_link(t, b, !dha_binding_kind_is_proxy(tg->kind));
	if (err) {
		dha_binding_discard(t, b);
		return err;
	}
	*out = b;
	return 0;
}

static int dha_binding_retarget(struct dha_binding_table *t,
				struct dha_binding *b,
				struct dha_binding_target *tg)
{
	struct dha_binding_target *old;
	int err;

	old = rcu_dereference_protected(b->target, lockdep_is_held(t->lock));
	err = dha_binding_add_prefixes(t, b, tg, old);
	if (err) {
		dha_target_release(t, tg);
		return err;
	}
	/* One store: the fast path sees the old endpoint or the new one. */
	rcu_assign_pointer(b->target, tg);
	dha_binding_drop_prefixes(t, old, tg);
	if (old->peer)
		dha_proxy_peer_put(&t->peers, old->peer);
	t->count[old->kind]--;
	call_rcu(&old->rcu, dha_target_free_rcu);
	return 0;
}

/*
 * The proxy binding @spec names, in *out (NULL if none), or -EEXIST when
 * its prefix belongs to a binding of another kind: a prefix is either
 * routed to a MAG or sent from to an LMA, and a mobile network prefix is
 * neither.
 */
static int dha_binding_find_proxy(struct dha_binding_table *t,
				  const struct dha_binding_spec *spec,
				  struct dha_binding **out,
				  struct netlink_ext_ack *extack)
{
	const struct dha_prefix_key *key = &spec->prefixes[0];
	enum dha_binding_kind other;

	other = spec->kind == DHA_BINDING_KIND_PROXY_LMA ?
		DHA_BINDING_KIND_PROXY_MAG : DHA_BINDING_KIND_PROXY_LMA;
	*out = dha_binding_lookup_proxy(t, spec->kind, key);
	if ((!*out && dha_prefix_owner(dha_binding_prefixes(t, spec->kind), key)) ||
	    dha_prefix_owner(dha_binding_prefixes(t, other), key)) {
		NL_SET_ERR_MSG(extack, "prefix is served by another binding");
		return -EEXIST;
	}
	return 0;
}

int dha_binding_set(struct dha_binding_table *t,
		    const struct dha_binding_spec *spec, u16 nlflags,
		    struct dha_binding **out, struct netlink_ext_ack *extack)
{
	struct dha_binding_target *tg;
	struct dha_binding *b, *owner;
	unsigned int i;
	int err;

	lockdep_assert_held(t->lock);

	if (dha_binding_kind_is_proxy(spec->kind)) {
		err = dha_binding_find_proxy(t, spec, &b, extack);
		if (err)
			return err;
	} else {
		b = rhashtable_lookup_fast(&t->by_hoa, &spec->hoa,
					   dha_binding_params);
	}
	if (b && !(nlflags & NLM_F_REPLACE)) {
		if (dha_binding_kind_is_proxy(spec->kind))
			NL_SET_ERR_MSG(extack, "a binding for this prefix exists");
		else
			NL_SET_ERR_MSG(extack,
				       "a binding for this home address exists");
		return -EEXIST;
	}
	if (!b && !(nlflags & NLM_F_CREATE)) {
		if (dha_binding_kind_is_proxy(spec->kind))
			NL_SET_ERR_MSG(extack, "no binding for this prefix");
		else
			NL_SET_ERR_MSG(extack, "no binding for this home address");
		return -ENOENT;
	}
	for (i = 0; i < spec->n_prefixes; i++) {
		owner = dha_prefix_owner(dha_binding_prefixes(t, spec->kind),
					 &spec->prefixes[i]);
		if (owner && owner != b) {
			NL_SET_ERR_MSG(extack,
				       "prefix is served by another binding");
			return -EEXIST;
		}
	}

	tg = dha_target_alloc(spec);
	if (!tg)
		return -ENOMEM;
	if (dha_binding_kind_is_proxy(spec->kind)) {
		tg->peer = dha_proxy_peer_get(&t->peers, &spec->remote);
		if (!tg->peer) {
			dha_target_free(tg);
			return -ENOMEM;
		}
	}
	if (b)
		err = dha_binding_retarget(t, b, tg);
	else
		err = dha_binding_add(t, tg, &spec->hoa, &b);
	if (err)
		return err;

	t->count[spec->kind]++;
	WRITE_ONCE(b->expires, dha_binding_expiry(spec->lifetime));
	dha_binding_schedule_expiry(t, b->expires);
	*out = b;
	return 0;
}

void dha_binding_remove(struct dha_binding_table *t, struct dha_binding *b)
{
	struct dha_binding_target *tg;

	lockdep_assert_held(t->lock);
	tg = rcu_dereference_protected(b->target, lockdep_is_held(t->lock));
	/* Its caller ended its memberships (group.c is above this file). */
	WARN_ON_ONCE(b->n_groups);
	t->count[tg->kind]--;
	dha_binding_unlink(t, b, !dha_binding_kind_is_proxy(tg->kind));
	dha_binding_discard(t, b);
}

/* Remove every binding of @kind (0: all), calling @before_remove on each. */
unsigned int dha_binding_flush(struct dha_binding_table *t,
			       enum dha_binding_kind kind,
			       dha_binding_visit_t before_remove, void *arg)
{
	struct dha_binding_target *tg;
	struct dha_binding *b;
	unsigned long id;
	unsigned int n = 0;

	lockdep_assert_held(t->lock);
	xa_for_each(&t->by_id, id, b) {
		tg = rcu_dereference_protected(b->target,
					       lockdep_is_held(t->lock));
		if (kind && tg->kind != kind)
			continue;
		if (before_remove)
			before_remove(b, arg);
		dha_binding_remove(t, b);
		n++;
		cond_resched();
	}
	if (xa_empty(&t->by_id))
		t->next_expiry = 0;
	return n;
}

/* Remove the bindings whose lifetime ran out; a no-op before the earliest. */
void dha_binding_expire(struct dha_binding_table *t, unsigned long now,
			dha_binding_visit_t before_remove, void *arg)
{
	struct dha_binding *b;
	unsigned long id, next = 0;

	lockdep_assert_held(t->lock);
	if (!t->next_expiry || time_before(now, t->next_expiry))
		return;
	xa_for_each(&t->by_id, id, b) {
		if (!b->expires)
			continue;
		if (time_after_eq(now, b->expires)) {
			before_remove(b, arg);
			dha_binding_remove(t, b);
		} else if (!next || time_before(b->expires, next)) {
			next = b->expires;
		}
		cond_resched();
	}
	t->next_expiry = next;
}

u32 dha_binding_lifetime_left(const struct dha_binding *b, unsigned long now)
{
	unsigned long expires = READ_ONCE(b->expires);

	if (!expires || time_after_eq(now, expires))
		return 0;
	return DIV_ROUND_UP(expires - now, HZ);
}

void dha_binding_read_stats(const struct dha_binding *b,
			    struct dha_binding_stats *out)
{
	const struct dha_binding_pcpu_stats *s;
	unsigned int start;
	int cpu;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		struct dha_binding_stats one;

		s = per_cpu_ptr(b->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.tx_packets = u64_stats_read(&s->tx.packets);
			one.tx_bytes = u64_stats_read(&s->tx.bytes);
			one.rx_packets = u64_stats_read(&s->rx.packets);
			one.rx_bytes = u64_stats_read(&s->rx.bytes);
			one.tx_dropped = u64_stats_read(&s->tx_dropped);
			one.rx_dropped = u64_stats_read(&s->rx_dropped);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		out->tx_packets += one.tx_packets;
		out->tx_bytes += one.tx_bytes;
		out->rx_packets += one.rx_packets;
		out->rx_bytes += one.rx_bytes;
		out->tx_dropped += one.tx_dropped;
		out->rx_dropped += one.rx_dropped;
	}
}

void dha_binding_count_tx(struct dha_binding *b, unsigned int len)
{
	struct dha_binding_pcpu_stats *s = this_cpu_ptr(b->stats);

	dha_traffic_count(&s->syncp, &s->tx, len);
}

void dha_binding_count_rx(struct dha_binding *b, unsigned int len)
{
	struct dha_binding_pcpu_stats *s = this_cpu_ptr(b->stats);

	dha_traffic_count(&s->syncp, &s->rx, len);
}

void dha_binding_count_tx_drop(struct dha_binding *b)
{
	struct dha_binding_pcpu_stats *s = this_cpu_ptr(b->stats);

	dha_counter_inc(&s->syncp, &s->tx_dropped);
}

void dha_binding_count_rx_drop(struct dha_binding *b)
{
	struct dha_binding_pcpu_stats *s = this_cpu_ptr(b->stats);

	dha_counter_inc(&s->syncp, &s->rx_dropped);
}

int dha_binding_init(void)
{
	dha_binding_cache = KMEM_CACHE(dha_binding, 0);
	return dha_binding_cache ? 0 : -ENOMEM;
}

void dha_binding_exit(void)
{
	kmem_cache_destroy(dha_binding_cache);
}
