// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: IPv6-in-IPv6 packets addressed to this host, from a mobile
 * node's reverse tunnel or from a peer home agent. A packet is claimed by
 * the first dha device of the namespace that knows its inner source (a
 * binding) or its outer source (a peer); a claimed packet is accepted only
 * if the outer source is allowed for the inner source, so nobody can inject
 * traffic in a mobile node's name. Packets no device claims are left to
 * the other IPv6 tunnel handlers. ICMPv6 errors about the packets we
 * tunneled are icmp.c's.
 *
 * A node's MLD messages are for the home agent itself (group.c). They may
 * come from the node's link-local address, as MLD wants: that is claimed by
 * the binding of the home address with the same interface identifier under
 * a home prefix, the outer source being checked as for any other packet.
 * Nothing else from a link-local address is accepted.
 *
 * PMIPv6: an LMA accepts a MAG's reverse tunnel through the proxy-lma
 * binding that owns the inner source (whose MAG must be the outer
 * source); a MAG accepts the LMA's tunnel through the proxy-mag binding
 * that owns the inner destination (whose LMA must be the outer source).
 * A known proxy peer tunneling anything else is dropped and counted on it.
 */
#include <linux/netdevice.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "device.h"
#include "home.h"
#include "icmp.h"
#include "receive.h"

/* Before ip6_tunnel (1), so that bindings win over a wildcard tunnel. */
#define DHA_TUNNEL_PRIORITY 0

enum dha_verdict {
	DHA_NOT_MINE,
	DHA_ACCEPT,
	DHA_DROP,
};

struct dha_claim {
	struct dha_dev *dd;
	struct dha_binding *binding;
	struct dha_peer *peer;
	/* The proxy peer at the outer source, counted on both verdicts. */
	struct dha_proxy_peer *proxy;
	enum dha_binding_kind kind;
	enum dha_drop_reason reason;
	/* Claimed by its link-local inner source: MLD only. */
	bool link_local;
};

/* The binding whose home address has @ll's interface identifier. RCU. */
static struct dha_binding *dha_link_local_owner(struct dha_dev *dd,
						const struct in6_addr *ll)
{
	const struct dha_home *home = rcu_dereference(dd->home);
	struct dha_binding *b;
	struct in6_addr hoa;
	unsigned int i;

	if (!home || !(ipv6_addr_type(ll) & IPV6_ADDR_LINKLOCAL))
		return NULL;
	for (i = 0; i < home->n_prefixes; i++) {
		if (home->prefixes[i].len > 64)
			continue;
		hoa = home->prefixes[i].addr;
		memcpy(&hoa.s6_addr32[2], &ll->s6_addr32[2], 8);
		b = dha_binding_lookup(&dd->bindings, &hoa);
		if (b)
			return b;
	}
	return NULL;
}

static enum dha_verdict dha_classify(struct dha_dev *dd,
				     const struct ipv6hdr *outer,
				     const struct ipv6hdr *inner,
				     struct dha_claim *claim)
{
	struct dha_binding_target *tg;
	struct in6_addr local;

	claim->dd = dd;
	claim->proxy = NULL;
	claim->kind = 0;
	claim->binding = dha_binding_lookup_addr(&dd->bindings, &inner->saddr);
	claim->link_local = false;
	if (!claim->binding) {
		claim->binding = dha_link_local_owner(dd, &inner->saddr);
		claim->link_local = !!claim->binding;
	}
	if (!claim->binding)
		claim->binding = dha_binding_lookup_uplink(&dd->bindings,
							   &inner->daddr);
	claim->peer = dha_peer_lookup(&dd->peers, &outer->saddr);
	if (claim->binding) {
		tg = rcu_dereference(claim->binding->target);
		claim->kind = tg->kind;
		if (tg->kind != DHA_BINDING_KIND_GLOBAL &&
		    ipv6_addr_equal(&tg->remote, &outer->saddr)) {
			claim->peer = NULL;
			claim->proxy = tg->peer;
			return DHA_ACCEPT;
		}
		if (claim->peer && !claim->link_local) {
			claim->binding = NULL;
			return DHA_ACCEPT;
		}
		claim->proxy = dha_proxy_peer_lookup(&dd->bindings.peers,
						     &outer->saddr);
		claim->reason = DHA_DROP_RX_SPOOFED;
		return DHA_DROP;
	}
	if (claim->peer)
		return DHA_ACCEPT;
	claim->proxy = dha_proxy_peer_lookup(&dd->bindings.peers, &outer->saddr);
	if (claim->proxy) {
		/* A MAG sending from outside its prefixes, or an LMA to. */
		claim->reason = DHA_DROP_RX_SPOOFED;
		return DHA_DROP;
	}
	if (dha_dev_local(dd, &local) && ipv6_addr_equal(&local, &outer->daddr)) {
		claim->reason = DHA_DROP_RX_NO_BINDING;
		return DHA_DROP;
	}
	return DHA_NOT_MINE;
}

static void dha_count_accepted(struct dha_claim *claim, unsigned int len)
{
	dha_dev_count_rx(claim->dd, len);
	if (claim->binding)
		dha_binding_count_rx(claim->binding, len);
	else
		dha_peer_count_rx(claim->peer, len);
	if (claim->proxy)
		dha_proxy_peer_count_rx(claim->proxy, len);
}

/* tunnel6 handler: 0 when the packet was consumed, -1 to pass it on. */
static int dha_tunnel_rcv(struct sk_buff *skb)
{
	const struct ipv6hdr *outer, *inner;
	enum dha_verdict verdict = DHA_NOT_MINE;
	struct dha_claim claim;
	struct dha_dev *dd;
	unsigned int len;
	int err;

	outer = ipv6_hdr(skb);
	inner = (const struct ipv6hdr *)skb->data;

	rcu_read_lock();
	list_for_each_entry_rcu(dd, dha_net_devs(dev_net(skb->dev)), list) {
		if (!(dd->dev->flags & IFF_UP))
			continue;
		verdict = dha_classify(dd, outer, inner, &claim);
		if (verdict != DHA_NOT_MINE)
			break;
	}
	if (verdict == DHA_NOT_MINE) {
		rcu_read_unlock();
		return -1;
	}
	if (verdict == DHA_DROP)
		goto drop;
	if (!xfrm6_policy_check(NULL, XFRM_POLICY_IN, skb)) {
		claim.reason = DHA_DROP_RX_MALFORMED;
		goto drop;
	}

	/* The outer header stays in the headroom: ECN needs it below. */
	outer = ipv6_hdr(skb);
	if (iptunnel_pull_header(skb, 0, htons(ETH_P_IPV6), false)) {
		claim.reason = DHA_DROP_RX_MALFORMED;
		goto drop;
	}
	skb_reset_network_header(skb);
	skb_reset_mac_header(skb);
	err = IP6_ECN_decapsulate(outer, skb);
	if (unlikely(err > 1)) {
		/* RFC 6040: CE on the outer, not-ECT on the inner packet. */
		claim.reason = DHA_DROP_RX_MALFORMED;
		goto drop;
	}
	/* MLD through a proxy tunnel is the mobile node's router's business. */
	if (claim.binding && claim.kind == DHA_BINDING_KIND_HOME &&
	    dha_group_rcv(claim.dd, claim.binding, skb)) {
		dha_count_accepted(&claim, skb->len);
		rcu_read_unlock();
		consume_skb(skb);
		return 0;
	}
	if (claim.link_local) {
		claim.reason = DHA_DROP_RX_NO_BINDING;
		goto drop;
	}
	skb->dev = claim.dd->dev;
	skb->pkt_type = PACKET_HOST;
	len = skb->len;
	dha_count_accepted(&claim, len);
	rcu_read_unlock();
	netif_rx(skb);
	return 0;

drop:
	dha_dev_count_drop(claim.dd, claim.reason);
	if (claim.reason == DHA_DROP_RX_SPOOFED && claim.binding)
		dha_binding_count_rx_drop(claim.binding);
	if (claim.reason == DHA_DROP_RX_SPOOFED && claim.proxy)
		dha_proxy_peer_count_rx_drop(claim.proxy);
	rcu_read_unlock();
	kfree_skb(skb);
	return 0;
}

static struct xfrm6_tunnel dha_tunnel_handler __read_mostly = {
	.handler = dha_tunnel_rcv,
	.err_handler = dha_icmp_tunnel_err,
	.priority = DHA_TUNNEL_PRIORITY,
};

int dha_receive_init(void)
{
	return xfrm6_tunnel_register(&dha_tunnel_handler, AF_INET6);
}

void dha_receive_exit(void)
{
	xfrm6_tunnel_deregister(&dha_tunnel_handler, AF_INET6);
}
