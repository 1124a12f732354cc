/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_ICMP_H
#define _DHA_ICMP_H

#include <linux/skbuff.h>
#include <net/ipv6.h>

int dha_icmp_tunnel_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			u8 type, u8 code, int offset, __be32 info);

#endif /* _DHA_ICMP_H */
