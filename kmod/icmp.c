// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 errors about packets this host tunneled (RFC 2473 section 8).
 * The original sender does not know the tunnel exists, so an error raised
 * inside it, quoting our outer header, is of no use to the sender as it
 * is: it is turned into the error the sender can act on and sent to the
 * inner packet's source. A Packet Too Big also lowers the path MTU toward
 * the tunnel endpoint.
 */
#include <linux/icmpv6.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "device.h"
#include "icmp.h"

/* dha's outer header is a bare IPv6 header: no extension headers. */
#define DHA_ENCAP_LEN ((int)sizeof(struct ipv6hdr))

struct dha_relay {
	u8 type;
	u8 code;
	u32 info;
};

/*
 * The device that sent the quoted packet: the outer source is the
 * binding's own local address, else the device's (an address of this
 * namespace when it has none), and it has a binding for the inner
 * destination (or, a MAG's uplink, for the inner source) whose endpoint is
 * the outer destination. Checking all three keeps a forged error from
 * turning us into a reflector toward any address. RCU.
 */
static struct dha_dev *dha_icmp_sender(struct net *net,
				       const struct ipv6hdr *outer,
				       const struct ipv6hdr *inner)
{
	struct dha_binding_target *tg;
	struct dha_binding *b;
	struct in6_addr local;
	struct dha_dev *dd;

	list_for_each_entry_rcu(dd, dha_net_devs(net), list) {
		b = dha_binding_lookup_addr(&dd->bindings, &inner->daddr);
		if (!b)
			b = dha_binding_lookup_uplink(&dd->bindings,
						      &inner->saddr);
		if (!b)
			continue;
		tg = rcu_dereference(b->target);
		if (!ipv6_addr_equal(&tg->remote, &outer->daddr))
			continue;
		if (tg->has_local) {
			if (ipv6_addr_equal(&tg->local, &outer->saddr))
				return dd;
			continue;
		}
		if (dha_dev_local(dd, &local) ?
		    ipv6_addr_equal(&local, &outer->saddr) :
		    ipv6_chk_addr(net, &outer->saddr, NULL, 0))
			return dd;
	}
	return NULL;
}

/*
 * RFC 2473 section 8.1: the error the original sender gets for @type and
 * @code from inside the tunnel. None for a reassembly timeout of the
 * outer fragments, for a Parameter Problem (the RFC relays only one about
 * the tunnel encapsulation limit option, which dha's header never
 * carries), and for a Packet Too Big when the inner packet, @inner_len
 * bytes, fits the new tunnel MTU: from then on its size is for this host
 * to handle, fragmenting the outer packet (section 7.1).
 */
static bool dha_icmp_map(u8 type, u8 code, u32 mtu, unsigned int inner_len,
			 struct dha_relay *r)
{
	r->type = ICMPV6_DEST_UNREACH;
	r->code = ICMPV6_ADDR_UNREACH;
	r->info = 0;
	switch (type) {
	case ICMPV6_DEST_UNREACH:
		return true;
	case ICMPV6_TIME_EXCEED:
		return code == ICMPV6_EXC_HOPLIMIT;
	case ICMPV6_PKT_TOOBIG:
		if (mtu >= IPV6_MIN_MTU + DHA_ENCAP_LEN)
			mtu -= DHA_ENCAP_LEN;
		else
			mtu = IPV6_MIN_MTU;
		if (inner_len <= mtu)
			return false;
		r->type = ICMPV6_PKT_TOOBIG;
		r->code = 0;
		r->info = mtu;
		return true;
	default:
		return false;
	}
}

/* The inner packet is itself an ICMPv6 error, as far as it is quoted. */
static bool dha_icmp_about_error(struct sk_buff *orig)
{
	u8 nexthdr = ipv6_hdr(orig)->nexthdr;
	__be16 frag_off;
	u8 *type, buf;
	int off;

	off = ipv6_skip_exthdr(orig, sizeof(struct ipv6hdr), &nexthdr,
			       &frag_off);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6)
		return false;
	/* An ICMPv6 packet whose type is cut off may be an error: no relay. */
	type = skb_header_pointer(orig, off, sizeof(buf), &buf);
	return !type || !(*type & ICMPV6_INFOMSG_MASK);
}

/*
 * Sends @r about the inner packet quoted at @offset to its source. The
 * ICMPv6 sender applies the rate limits of the namespace, as for any
 * error this host raises, and leaves out what does not fit 1280 bytes.
 */
static void dha_icmp_relay(struct dha_dev *dd, struct sk_buff *skb,
			   int offset, const struct dha_relay *r)
{
	struct sk_buff *orig;

	orig = skb_clone(skb, GFP_ATOMIC);
	if (!orig)
		return;
	skb_dst_drop(orig);
	skb_pull(orig, offset);
	skb_reset_network_header(orig);
	if (dha_icmp_about_error(orig)) {
		consume_skb(orig);
		return;
	}
	/* The control block describes the received error, not this packet. */
	memset(IP6CB(orig), 0, sizeof(*IP6CB(orig)));
	/* The packet left through the tunnel device: its namespace and VRF. */
	orig->dev = dd->dev;
	icmpv6_send(orig, r->type, r->code, r->info);
	dha_dev_count_icmp_relayed(dd);
	consume_skb(orig);
}

int dha_icmp_tunnel_err(struct sk_buff *skb, struct inet6_skb_parm *opt,
			u8 type, u8 code, int offset, __be32 info)
{
	const struct ipv6hdr *outer, *inner;
	struct net *net = dev_net(skb->dev);
	unsigned int inner_len;
	struct dha_relay relay;
	struct dha_dev *dd;
	bool send;

	if (offset != DHA_ENCAP_LEN ||
	    !pskb_may_pull(skb, offset + sizeof(*inner)))
		return -ENOENT;
	outer = (const struct ipv6hdr *)skb->data;
	inner = (const struct ipv6hdr *)(skb->data + offset);

	rcu_read_lock();
	dd = dha_icmp_sender(net, outer, inner);
	if (!dd) {
		rcu_read_unlock();
		return -ENOENT;
	}
	if (type == ICMPV6_PKT_TOOBIG)
		ip6_update_pmtu(skb, net, info, 0, 0, sock_net_uid(net, NULL));
	inner_len = sizeof(*inner) + ntohs(inner->payload_len);
	send = dha_icmp_map(type, code, ntohl(info), inner_len, &relay);
	if (send)
		dha_icmp_relay(dd, skb, offset, &relay);
	rcu_read_unlock();
	return 0;
}
