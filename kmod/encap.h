/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_ENCAP_H
#define _DHA_ENCAP_H

#include <linux/netdevice.h>

struct dha_dev;
struct dha_binding;

netdev_tx_t dha_xmit(struct sk_buff *skb, struct net_device *dev);
void dha_tunnel(struct dha_dev *dd, struct sk_buff *skb, struct dha_binding *b);

#endif /* _DHA_ENCAP_H */
