// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: IPv6-in-IPv6 encapsulation (RFC 2473) of the packets routed
 * into a dha device, toward the care-of address of the destination's
 * binding, the locator of its primary home agent or the MAG serving its
 * home network prefix (PMIPv6 LMA); failing all, toward the LMA of the
 * home network prefix the source is in (PMIPv6 MAG uplink).
 */
#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <net/dst_cache.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>

#include "compat.h"
#include "device.h"
#include "encap.h"

/* Route to the tunnel endpoint, cached per target and source address. */
static struct dst_entry *dha_encap_route(struct dha_dev *dd,
					 struct dha_binding_target *tg,
					 struct sk_buff *skb, struct flowi6 *fl6)
{
	struct net *net = dev_net(dd->dev);
	struct in6_addr cached_saddr;
	struct dst_entry *dst;
	bool have_local;

	memset(fl6, 0, sizeof(*fl6));
	fl6->flowi6_proto = IPPROTO_IPV6;
	fl6->flowi6_mark = skb->mark;
	fl6->daddr = tg->remote;
	if (tg->has_local) {
		fl6->saddr = tg->local;
		have_local = true;
	} else {
		have_local = dha_dev_local(dd, &fl6->saddr);
	}

	dst = dst_cache_get_ip6(&tg->dst_cache, &cached_saddr);
	if (dst) {
		/* The local address may have changed since it was cached. */
		if (!have_local || ipv6_addr_equal(&cached_saddr, &fl6->saddr)) {
			fl6->saddr = cached_saddr;
			return dst;
		}
		dst_release(dst);
	}

	dst = ip6_dst_lookup_flow(net, NULL, fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	if (dst->dev == dd->dev) {
		/* The endpoint is routed into the tunnel itself. */
		dst_release(dst);
		return ERR_PTR(-ELOOP);
	}
	dst_cache_set_ip6(&tg->dst_cache, dst, &fl6->saddr);
	return dst;
}

/*
 * Consumes @skb. Returns the drop reason, or DHA_DROP_MAX once the packet
 * left toward the endpoint.
 */
static enum dha_drop_reason dha_encap(struct dha_dev *dd, struct sk_buff *skb,
				      struct dha_binding_target *tg)
{
	const struct ipv6hdr *inner = ipv6_hdr(skb);
	struct net *net = dev_net(dd->dev);
	struct dst_entry *dst;
	struct ipv6hdr *outer;
	struct flowi6 fl6;
	bool fragment = false;
	unsigned int mtu;
	u8 dsfield;

	dst = dha_encap_route(dd, tg, skb, &fl6);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return DHA_DROP_TX_NO_ROUTE;
	}

	/*
	 * The device's MTU bounds intercepted packets as it bounds routed
	 * ones, whose size the stack checked against it already.
	 */
	mtu = min(dst_mtu(dst) - sizeof(*outer), dd->dev->mtu);
	if (skb_is_gso(skb) ? !skb_gso_validate_network_len(skb, mtu) :
	    skb->len > mtu) {
		/*
		 * RFC 2473 section 7.1: packets up to the IPv6 minimum MTU
		 * are sent anyway, the outer packet being fragmented; larger
		 * ones are refused with a Packet Too Big.
		 */
		if (skb->len > IPV6_MIN_MTU) {
			dst_release(dst);
			icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0,
					max_t(u32, mtu, IPV6_MIN_MTU));
			kfree_skb(skb);
			return DHA_DROP_TX_TOO_BIG;
		}
		fragment = true;
	}

	if (skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			 sizeof(*outer))) {
		dst_release(dst);
		kfree_skb(skb);
		return DHA_DROP_TX_MALFORMED;
	}
	inner = ipv6_hdr(skb);
	dsfield = ipv6_get_dsfield(inner);

	skb_scrub_packet(skb, false);
	/* Set after the scrub, which clears it. */
	skb->ignore_df = fragment;
	/* A GRO packet is segmented as IPv6-in-IPv6 on the way out. */
	if (iptunnel_handle_offloads(skb, SKB_GSO_IPXIP6)) {
		dst_release(dst);
		kfree_skb(skb);
		return DHA_DROP_TX_MALFORMED;
	}
	skb_dst_set(skb, dst);
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	skb_push(skb, sizeof(*outer));
	skb_reset_network_header(skb);
	outer = ipv6_hdr(skb);
	/* Traffic class copied from the inner packet, ECN as RFC 6040. */
	ip6_flow_hdr(outer, INET_ECN_encapsulate(dsfield, dsfield),
		     ip6_make_flowlabel(net, skb, 0, true, &fl6));
	outer->nexthdr = IPPROTO_IPV6;
	outer->hop_limit = ip6_dst_hoplimit(dst);
	outer->saddr = fl6.saddr;
	outer->daddr = fl6.daddr;
	skb->protocol = htons(ETH_P_IPV6);
	ip6_local_out(net, NULL, skb);
	return DHA_DROP_MAX;
}

/* Tunnels @skb toward @b's endpoint and counts it. Consumes @skb. RCU. */
void dha_tunnel(struct dha_dev *dd, struct sk_buff *skb, struct dha_binding *b)
{
	struct dha_binding_target *tg = rcu_dereference(b->target);
	unsigned int len = skb->len;
	enum dha_drop_reason drop;

	drop = dha_encap(dd, skb, tg);
	if (drop == DHA_DROP_MAX) {
		dha_binding_count_tx(b, len);
		dha_dev_count_tx(dd, len);
		if (tg->peer)
			dha_proxy_peer_count_tx(tg->peer, len);
	} else {
		dha_binding_count_tx_drop(b);
		dha_dev_count_drop(dd, drop);
	}
}

netdev_tx_t dha_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct dha_dev *dd = netdev_priv(dev);
	struct dha_binding *b;

	if (skb->protocol != htons(ETH_P_IPV6) ||
	    !pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		dha_dev_count_drop(dd, DHA_DROP_TX_MALFORMED);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}

	rcu_read_lock();
	b = dha_binding_lookup_addr(&dd->bindings, &ipv6_hdr(skb)->daddr);
	if (!b)
		b = dha_binding_lookup_uplink(&dd->bindings,
					      &ipv6_hdr(skb)->saddr);
	if (!b) {
		rcu_read_unlock();
		dha_dev_count_drop(dd, DHA_DROP_TX_NO_BINDING);
		icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	dha_tunnel(dd, skb, b);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}
