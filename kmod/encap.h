/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_ENCAP_H
#define _DHA_ENCAP_H

#include <linux/netdevice.h>

netdev_tx_t dha_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _DHA_ENCAP_H */
