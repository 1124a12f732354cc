// SPDX-License-Identifier: GPL-2.0
/*
 * The state dha keeps per network namespace: its devices, and how many of
 * them intercept on a home link. It calls nothing else of dha, so that
 * every file may reach it.
 */
#include <linux/list.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "netns.h"

static unsigned int dha_net_id __read_mostly;

struct dha_net {
	/* dha devices of the namespace; RTNL for writers, RCU for readers. */
	struct list_head devs;
	/* How many of them have a home link; RTNL (home.c). */
	unsigned int homes;
};

struct list_head *dha_net_devs(struct net *net)
{
	struct dha_net *dn = net_generic(net, dha_net_id);

	return &dn->devs;
}

unsigned int *dha_net_homes(struct net *net)
{
	struct dha_net *dn = net_generic(net, dha_net_id);

	return &dn->homes;
}

static int __net_init dha_net_init(struct net *net)
{
	INIT_LIST_HEAD(dha_net_devs(net));
	return 0;
}

/* Devices of a dying namespace went through dellink before this runs. */
static void __net_exit dha_net_exit(struct net *net)
{
	WARN_ON_ONCE(!list_empty(dha_net_devs(net)));
	WARN_ON_ONCE(*dha_net_homes(net));
}

static struct pernet_operations dha_net_ops = {
	.init = dha_net_init,
	.exit = dha_net_exit,
	.id = &dha_net_id,
	.size = sizeof(struct dha_net),
};

int dha_pernet_init(void)
{
	return register_pernet_subsys(&dha_net_ops);
}

void dha_pernet_exit(void)
{
	unregister_pernet_subsys(&dha_net_ops);
}
