// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbor Discovery on the home link for bound addresses (RFC 6275
 * 10.4.1): Neighbor Solicitations for a bound home address (or for the
 * link-local address of a binding with the L flag) are answered with the
 * home link's own link-layer address, Duplicate Address Detection for them
 * is defended, and unsolicited advertisements announce new bindings.
 *
 * The advertisements are built here and handed to the home link directly:
 * they need no neighbour entry (the solicitor's link-layer address is the
 * solicitation's frame source) and leave no state behind. The home link is
 * in allmulticast mode while attached (home.c), so no solicited-node group
 * is joined per address.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "device.h"
#include "home.h"
#include "ndisc.h"

/* RFC 4861 10: MAX_NEIGHBOR_ADVERTISEMENT, and RetransTimer between them. */
#define DHA_ADVERT_COUNT 3
#define DHA_ADVERT_INTERVAL HZ
/* At most this many advertisements per period: 12 800 a second. */
#define DHA_ADVERT_BUDGET 256
#define DHA_ADVERT_PERIOD (HZ / 50 ?: 1)
/* Beyond this many pending, a request to advertise is refused. */
#define DHA_ADVERT_MAX BIT(18)

struct dha_advert {
	struct list_head list;
	struct in6_addr hoa;
	unsigned long due;
	unsigned int left;
};

/*
 * The source of an advertisement toward @daddr: the home link's own
 * address, as for any proxy advertisement; NULL if it has none (the
 * target is the source then).
 */
static const struct in6_addr *dha_na_source(struct net_device *dev,
					    const struct in6_addr *daddr,
					    struct in6_addr *saddr)
{
	return ipv6_dev_get_saddr(dev_net(dev), dev, daddr, 0, saddr) ?
	       NULL : saddr;
}

/* Sends a Neighbor Advertisement for @target out of @dev. RCU. */
static void dha_na_send(struct net_device *dev, const struct in6_addr *source,
			const struct in6_addr *daddr, const u8 *dst_ll,
			const struct in6_addr *target, bool solicited)
{
	unsigned int optlen = dev->addr_len ? ALIGN(2 + dev->addr_len, 8) : 0;
	unsigned int len = sizeof(struct nd_msg) + optlen;
	const struct in6_addr *saddr = source ?: target;
	struct sk_buff *skb;
	struct ipv6hdr *ip6h;
	struct nd_msg *msg;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*ip6h) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	ip6h = skb_put(skb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = IPPROTO_ICMPV6;
	ip6h->hop_limit = 255;	/* RFC 4861 7.1.2 */
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;

	msg = skb_put_zero(skb, len);
	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	/*
	 * Router clear: a mobile node is a host to its neighbours. Override
	 * set, so that a neighbour that cached the mobile node's own
	 * link-layer address switches to the home link's (10.4.1).
	 */
	msg->icmph.icmp6_solicited = solicited;
	msg->icmph.icmp6_override = 1;
	msg->target = *target;
	if (optlen) {
		msg->opt[0] = ND_OPT_TARGET_LL_ADDR;
		msg->opt[1] = optlen >> 3;
		memcpy(&msg->opt[2], dev->dev_addr, dev->addr_len);
	}
	msg->icmph.icmp6_cksum = csum_ipv6_magic(saddr, daddr, len,
						 IPPROTO_ICMPV6,
						 csum_partial(msg, len, 0));
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb->priority = TC_PRIO_CONTROL;
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dst_ll, NULL, skb->len) < 0) {
		kfree_skb(skb);
		return;
	}
	dev_queue_xmit(skb);
}

/* To all nodes; @source from dha_na_source() for them. */
static void dha_na_multicast(struct net_device *dev,
			     const struct in6_addr *source,
			     const struct in6_addr *target)
{
	u8 ll[MAX_ADDR_LEN];

	if (ndisc_mc_map(&in6addr_linklocal_allnodes, ll, dev, 1))
		return;
	dha_na_send(dev, source, &in6addr_linklocal_allnodes, ll, target,
		    false);
}

/* The link-local address with @hoa's interface identifier. */
static void dha_link_local(struct in6_addr *out, const struct in6_addr *hoa)
{
	out->s6_addr32[0] = htonl(0xfe800000);
	out->s6_addr32[1] = 0;
	out->s6_addr32[2] = hoa->s6_addr32[2];
	out->s6_addr32[3] = hoa->s6_addr32[3];
}

/*
 * The binding that owns @target on the home link: a home address of a home
 * prefix, or the link-local address of a binding with the L flag, whose
 * home address is one of the /64-or-shorter prefixes plus its identifier.
 * RCU.
 */
static struct dha_binding *dha_ndisc_owner(struct dha_dev *dd,
					   const struct dha_home *home,
					   const struct in6_addr *target)
{
	const struct dha_prefix_key *p;
	struct dha_binding *b;
	struct in6_addr hoa;
	unsigned int i;

	if (!(ipv6_addr_type(target) & IPV6_ADDR_LINKLOCAL))
		return dha_home_covers(home, target) ?
		       dha_binding_lookup(&dd->bindings, target) : NULL;
	for (i = 0; i < home->n_prefixes; i++) {
		p = &home->prefixes[i];
		if (p->len > 64)
			continue;
		hoa = p->addr;
		hoa.s6_addr32[2] = target->s6_addr32[2];
		hoa.s6_addr32[3] = target->s6_addr32[3];
		b = dha_binding_lookup(&dd->bindings, &hoa);
		if (b && rcu_dereference(b->target)->link_local)
			return b;
	}
	return NULL;
}

/*
 * RFC 4861 7.1.1 checks of a Neighbor Solicitation at @off; true if valid.
 * The ICMPv6 header and target were pulled.
 */
static bool dha_ns_valid(struct sk_buff *skb, unsigned int off,
			 unsigned int len)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct nd_msg *msg;
	unsigned int opt;
	bool dad = ipv6_addr_any(&ip6h->saddr);
	u8 hdr[2];

	if (csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len, IPPROTO_ICMPV6,
			    skb_checksum(skb, off, len, 0)))
		return false;
	msg = (const struct nd_msg *)(skb->data + off);
	if (msg->icmph.icmp6_code || ipv6_addr_is_multicast(&msg->target))
		return false;
	/* DAD goes to the target's solicited-node group. */
	if (dad && !ipv6_addr_is_solict_mult(&ip6h->daddr))
		return false;
	for (opt = sizeof(*msg); opt < len; opt += hdr[1] * 8) {
		if (opt + 2 > len ||
		    skb_copy_bits(skb, off + opt, hdr, sizeof(hdr)) || !hdr[1] ||
		    opt + hdr[1] * 8 > len)
			return false;
		/* An unspecified source carries no link-layer address. */
		if (dad && hdr[0] == ND_OPT_SOURCE_LL_ADDR)
			return false;
	}
	return true;
}

/*
 * A packet that arrived on @dd's home link. A Neighbor Solicitation for a
 * bound address is answered and consumed (NF_STOLEN), but for a detection
 * probe, answered and left to the stack as anything else (NF_ACCEPT). RCU.
 */
unsigned int dha_ndisc_rcv(struct dha_dev *dd, const struct dha_home *home,
			   struct sk_buff *skb, struct net_device *in)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	int noff = skb_network_offset(skb);
	struct in6_addr saddr, target, source;
	u8 ll[MAX_ADDR_LEN];
	const struct nd_msg *msg;
	unsigned int len;
	__be16 frag_off;
	u8 nexthdr;
	int off;

	if (ip6h->hop_limit != 255)
		return NF_ACCEPT;
	/* Offsets from skb->data, where the helpers below count from. */
	nexthdr = ip6h->nexthdr;
	off = ipv6_skip_exthdr(skb, noff + sizeof(*ip6h), &nexthdr, &frag_off);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6 || frag_off)
		return NF_ACCEPT;
	if (!pskb_may_pull(skb, off + sizeof(*msg)))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	msg = (const struct nd_msg *)(skb->data + off);
	if (msg->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION)
		return NF_ACCEPT;
	len = noff + sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (len > skb->len || len < off + sizeof(*msg))
		return NF_ACCEPT;
	len -= off;
	if (!dha_ns_valid(skb, off, len))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	msg = (const struct nd_msg *)(skb->data + off);
	target = msg->target;
	if (!dha_ndisc_owner(dd, home, &target))
		return NF_ACCEPT;

	saddr = ip6h->saddr;
	if (ipv6_addr_any(&saddr)) {
		/*
		 * Someone tries the address: it is taken (RFC 4862 5.4.3).
		 * The probe goes on to the stack, where dhad, if it joined
		 * the group, learns that a home agent it handed the mobile
		 * node to wants the address (Documentation/load-balancing.md).
		 */
		dha_na_multicast(in, dha_na_source(in, &in6addr_linklocal_allnodes,
						   &source), &target);
		return NF_ACCEPT;
	} else if (dev_parse_header(skb, ll) == in->addr_len) {
		dha_na_send(in, dha_na_source(in, &saddr, &source), &saddr, ll,
			    &target, true);
	}
	consume_skb(skb);
	return NF_STOLEN;
}

/* ---- unsolicited advertisements, paced ---- */

static void dha_adverts_work(struct work_struct *work)
{
	struct dha_adverts *q = container_of(to_delayed_work(work),
					     struct dha_adverts, work);
	struct dha_dev *dd = container_of(q, struct dha_dev, adverts);
	const struct dha_home *home;
	struct dha_advert *a, *tmp;
	struct net_device *link;
	const struct in6_addr *from = NULL;
	struct in6_addr ll, source;
	struct dha_binding *b;
	unsigned long now = jiffies;
	unsigned int n = 0;
	LIST_HEAD(batch);

	spin_lock_bh(&q->lock);
	list_for_each_entry_safe(a, tmp, &q->repeat, list) {
		if (n == DHA_ADVERT_BUDGET || time_before(now, a->due))
			break;
		list_move_tail(&a->list, &batch);
		n++;
	}
	list_for_each_entry_safe(a, tmp, &q->fresh, list) {
		if (n == DHA_ADVERT_BUDGET)
			break;
		list_move_tail(&a->list, &batch);
		n++;
	}
	spin_unlock_bh(&q->lock);

	rcu_read_lock();
	home = rcu_dereference(dd->home);
	link = home && netif_running(dd->dev) ?
	       dev_get_by_index_rcu(dev_net(dd->dev), home->ifindex) : NULL;
	/* One source address selection for the batch, not one each. */
	if (link)
		from = dha_na_source(link, &in6addr_linklocal_allnodes, &source);
	list_for_each_entry(a, &batch, list) {
		b = link ? dha_binding_lookup(&dd->bindings, &a->hoa) : NULL;
		if (!b || !dha_home_covers(home, &a->hoa)) {
			a->left = 0;	/* gone, or no longer ours to announce */
			continue;
		}
		dha_na_multicast(link, from, &a->hoa);
		if (rcu_dereference(b->target)->link_local) {
			dha_link_local(&ll, &a->hoa);
			dha_na_multicast(link, from, &ll);
		}
		a->left--;
	}
	rcu_read_unlock();

	spin_lock_bh(&q->lock);
	list_for_each_entry_safe(a, tmp, &batch, list) {
		if (a->left) {
			a->due = now + DHA_ADVERT_INTERVAL;
			list_move_tail(&a->list, &q->repeat);
		} else {
			list_del(&a->list);
			q->count--;
			kfree(a);
		}
	}
	if (q->count)
		queue_delayed_work(system_power_efficient_wq, &q->work,
				   DHA_ADVERT_PERIOD);
	spin_unlock_bh(&q->lock);
}

void dha_adverts_init(struct dha_adverts *q)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->fresh);
	INIT_LIST_HEAD(&q->repeat);
	q->count = 0;
	INIT_DELAYED_WORK(&q->work, dha_adverts_work);
}

/* Once nothing can queue any more (the device is dead). */
void dha_adverts_flush(struct dha_adverts *q)
{
	struct dha_advert *a, *tmp;

	cancel_delayed_work_sync(&q->work);
	list_splice_init(&q->repeat, &q->fresh);
	list_for_each_entry_safe(a, tmp, &q->fresh, list)
		kfree(a);
	INIT_LIST_HEAD(&q->fresh);
	q->count = 0;
}

/* Queues DHA_ADVERT_COUNT advertisements for @hoa, the first at once. */
int dha_adverts_queue(struct dha_adverts *q, const struct in6_addr *hoa)
{
	struct dha_advert *a;

	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->hoa = *hoa;
	a->left = DHA_ADVERT_COUNT;
	spin_lock_bh(&q->lock);
	if (q->count >= DHA_ADVERT_MAX) {
		spin_unlock_bh(&q->lock);
		kfree(a);
		return -ENOBUFS;
	}
	list_add_tail(&a->list, &q->fresh);
	q->count++;
	queue_delayed_work(system_power_efficient_wq, &q->work, 0);
	spin_unlock_bh(&q->lock);
	return 0;
}
