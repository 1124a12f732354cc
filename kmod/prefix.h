/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_PREFIX_H
#define _DHA_PREFIX_H

#include <linux/rhashtable-types.h>
#include <linux/mutex.h>
#include <linux/in6.h>

struct dha_binding;

/* A mobile network prefix; host bits are zero. No padding: it is a hash key. */
struct dha_prefix_key {
	struct in6_addr addr;
	u32 len;
};

/*
 * Longest-prefix match over the mobile network prefixes of one device: one
 * exact-match hash of (prefix, length) plus a bitmap of the lengths in use,
 * probed longest first. Mobile network prefixes come in few lengths, so a
 * lookup costs one or two hash probes.
 */
struct dha_prefix_table {
	struct rhashtable entries;
	/* Bit (128 - len) set while some prefix of length len exists. */
	DECLARE_BITMAP(lengths, 128);
	unsigned int users[129];
	/* The owning device's mutex, which serialises all writers. */
	struct mutex *lock;
};

int dha_prefix_table_init(struct dha_prefix_table *pt, struct mutex *lock);
void dha_prefix_table_destroy(struct dha_prefix_table *pt);
struct dha_binding *dha_prefix_lookup(struct dha_prefix_table *pt,
				      const struct in6_addr *addr);
struct dha_binding *dha_prefix_owner(struct dha_prefix_table *pt,
				     const struct dha_prefix_key *key);
int dha_prefix_add(struct dha_prefix_table *pt, const struct dha_prefix_key *key,
		   struct dha_binding *binding);
void dha_prefix_del(struct dha_prefix_table *pt, const struct dha_prefix_key *key);

#endif /* _DHA_PREFIX_H */
