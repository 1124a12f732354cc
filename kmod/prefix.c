// SPDX-License-Identifier: GPL-2.0
/*
 * Mobile network prefixes (RFC 3963): which binding serves a destination
 * that is not a home address itself.
 */
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "prefix.h"

struct dha_prefix {
	struct rhash_head node;
	struct dha_prefix_key key;
	struct dha_binding *binding;
	struct rcu_head rcu;
};

static const struct rhashtable_params dha_prefix_params = {
	.key_len = sizeof(struct dha_prefix_key),
	.key_offset = offsetof(struct dha_prefix, key),
	.head_offset = offsetof(struct dha_prefix, node),
	.automatic_shrinking = true,
};

int dha_prefix_table_init(struct dha_prefix_table *pt, struct mutex *lock)
{
	bitmap_zero(pt->lengths, 128);
	memset(pt->users, 0, sizeof(pt->users));
	pt->lock = lock;
	return rhashtable_init(&pt->entries, &dha_prefix_params);
}

/* Called once every binding is gone, so the table is empty. */
void dha_prefix_table_destroy(struct dha_prefix_table *pt)
{
	WARN_ON(atomic_read(&pt->entries.nelems));
	rhashtable_destroy(&pt->entries);
}

/* RCU read side. */
struct dha_binding *dha_prefix_lookup(struct dha_prefix_table *pt,
				      const struct in6_addr *addr)
{
	struct dha_prefix_key key;
	struct dha_prefix *p;
	unsigned int bit;

	for_each_set_bit(bit, pt->lengths, 128) {
		key.len = 128 - bit;
		ipv6_addr_prefix(&key.addr, addr, key.len);
		p = rhashtable_lookup(&pt->entries, &key, dha_prefix_params);
		if (p)
			return p->binding;
	}
	return NULL;
}

struct dha_binding *dha_prefix_owner(struct dha_prefix_table *pt,
				     const struct dha_prefix_key *key)
{
	struct dha_prefix *p;

	lockdep_assert_held(pt->lock);
	p = rhashtable_lookup_fast(&pt->entries, key, dha_prefix_params);
	return p ? p->binding : NULL;
}

int dha_prefix_add(struct dha_prefix_table *pt, const struct dha_prefix_key *key,
		   struct dha_binding *binding)
{
	struct dha_prefix *p;
	int err;

	lockdep_assert_held(pt->lock);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->key = *key;
	p->binding = binding;
	err = rhashtable_lookup_insert_fast(&pt->entries, &p->node,
					    dha_prefix_params);
	if (err) {
		kfree(p);
		return err;
	}
	if (!pt->users[key->len]++)
		set_bit(128 - key->len, pt->lengths);
	return 0;
}

void dha_prefix_del(struct dha_prefix_table *pt, const struct dha_prefix_key *key)
{
	struct dha_prefix *p;

	lockdep_assert_held(pt->lock);
	p = rhashtable_lookup_fast(&pt->entries, key, dha_prefix_params);
	if (WARN_ON_ONCE(!p))
		return;
	rhashtable_remove_fast(&pt->entries, &p->node, dha_prefix_params);
	if (!--pt->users[key->len])
		clear_bit(128 - key->len, pt->lengths);
	kfree_rcu(p, rcu);
}
