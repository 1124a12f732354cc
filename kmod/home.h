/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_HOME_H
#define _DHA_HOME_H

#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <net/ipv6.h>

#include "prefix.h"

#define DHA_MAX_HOME_PREFIXES 16

/*
 * The home link a device intercepts on and the prefixes it intercepts for.
 * Never changed once published: a change publishes a new one (RTNL) and
 * frees the old one after a grace period.
 */
struct dha_home {
	int ifindex;
	unsigned int n_prefixes;
	struct dha_prefix_key prefixes[DHA_MAX_HOME_PREFIXES];
	struct rcu_head rcu;
};

struct dha_dev;

/* Whether @addr is in one of @home's prefixes. RCU or RTNL. */
static inline bool dha_home_covers(const struct dha_home *home,
				   const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < home->n_prefixes; i++)
		if (ipv6_prefix_equal(addr, &home->prefixes[i].addr,
				      home->prefixes[i].len))
			return true;
	return false;
}

int dha_home_set(struct dha_dev *dd, const struct dha_home *home,
		 struct netlink_ext_ack *extack);
void dha_home_clear(struct dha_dev *dd);

int dha_home_init(void);
void dha_home_exit(void);

#endif /* _DHA_HOME_H */
