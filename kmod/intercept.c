// SPDX-License-Identifier: GPL-2.0
/*
 * Interception: the packets of a namespace, where they enter IPv6, before
 * any routing. A packet for a bound address of a device's home prefix is
 * tunneled to the binding's endpoint at once; a Neighbor Solicitation on a
 * device's home link goes to ndisc.c; a multicast packet on it is copied
 * to the nodes that listen to its group (group.c) and goes on; everything
 * else is left alone, so an address without a binding is reached on the
 * home link as if dha were not there.
 *
 * One netfilter hook per namespace on the way in, and one on the way out
 * for what the host itself sends to a mobile node, there only while a
 * device of it has a home link (home.c). It runs before connection tracking and
 * defragmentation: a fragment of a packet for a mobile node is tunneled as
 * it is, and the mobile node reassembles.
 */
#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "device.h"
#include "encap.h"
#include "home.h"
#include "intercept.h"
#include "ndisc.h"

/*
 * Forwarding, then the tunnel: the inner hop limit of a received packet
 * is used up here, not that of one this host sends. RCU.
 */
static void dha_intercept_forward(struct dha_dev *dd, struct sk_buff *skb,
				  struct dha_binding *b, bool local)
{
	if (local) {
		/* As if routed into the device: an ICMPv6 error has a device. */
		skb->dev = dd->dev;
		dha_tunnel(dd, skb, b);
		return;
	}
	if (ipv6_hdr(skb)->hop_limit <= 1) {
		__IP6_INC_STATS(dev_net(skb->dev), __in6_dev_get(skb->dev),
				IPSTATS_MIB_INHDRERRORS);
		icmpv6_send(skb, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, 0);
		dha_binding_count_tx_drop(b);
		kfree_skb(skb);
		return;
	}
	if (skb_ensure_writable(skb, sizeof(struct ipv6hdr))) {
		dha_binding_count_tx_drop(b);
		dha_dev_count_drop(dd, DHA_DROP_TX_MALFORMED);
		kfree_skb(skb);
		return;
	}
	ipv6_hdr(skb)->hop_limit--;
	dha_tunnel(dd, skb, b);
}

static unsigned int dha_intercept_hook(void *priv, struct sk_buff *skb,
				       const struct nf_hook_state *state)
{
	const struct dha_home *home;
	struct dha_binding *b;
	struct dha_dev *dd;
	unsigned int verdict;

	/*
	 * The core pulled the IPv6 header before the hook. What this host
	 * sends through IPsec (a Binding Ack with its type 2
	 * routing header) goes where its policy says.
	 */
	if (!state->in && skb_dst(skb) && skb_dst(skb)->xfrm)
		return NF_ACCEPT;
	list_for_each_entry_rcu(dd, dha_net_devs(state->net), list) {
		home = rcu_dereference(dd->home);
		if (!home || !netif_running(dd->dev))
			continue;
		if (state->in && state->in->ifindex == home->ifindex &&
		    ipv6_hdr(skb)->hop_limit == 255) {
			verdict = dha_ndisc_rcv(dd, home, skb, state->in);
			if (verdict != NF_ACCEPT)
				return verdict;
		}
		if (state->in && state->in->ifindex == home->ifindex &&
		    ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr)) {
			dha_group_forward(dd, skb);
			continue;
		}
		if (!dha_home_covers(home, &ipv6_hdr(skb)->daddr))
			continue;
		b = dha_binding_lookup_addr(&dd->bindings, &ipv6_hdr(skb)->daddr);
		if (!b)
			return NF_ACCEPT;
		dha_intercept_forward(dd, skb, b, !state->in);
		return NF_STOLEN;
	}
	return NF_ACCEPT;
}

/* Ahead of defragmentation and connection tracking, both ways in. */
static const struct nf_hook_ops dha_intercept_ops[] = {
	{
		.hook = dha_intercept_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NF_IP6_PRI_CONNTRACK_DEFRAG - 1,
	},
	{
		/* What this host itself sends to a mobile node. */
		.hook = dha_intercept_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP6_PRI_CONNTRACK_DEFRAG - 1,
	},
};

/* RTNL. */
int dha_intercept_start(struct net *net)
{
	return nf_register_net_hooks(net, dha_intercept_ops,
				     ARRAY_SIZE(dha_intercept_ops));
}

void dha_intercept_stop(struct net *net)
{
	nf_unregister_net_hooks(net, dha_intercept_ops,
				ARRAY_SIZE(dha_intercept_ops));
}
