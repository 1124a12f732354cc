/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_NETNS_H
#define _DHA_NETNS_H

#include <linux/list.h>
#include <net/net_namespace.h>

struct list_head *dha_net_devs(struct net *net);
unsigned int *dha_net_homes(struct net *net);

int dha_pernet_init(void);
void dha_pernet_exit(void);

#endif /* _DHA_NETNS_H */
