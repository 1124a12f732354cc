// SPDX-License-Identifier: GPL-2.0
/*
 * Multicast Listener Discovery: the reports and done messages a mobile
 * node sends through its reverse tunnel (RFC 6275 10.4.3), read as "listens
 * to this group" or "no longer does". Sources are not tracked: a node that
 * listens to some sources of a group is sent all of it, a superset its own
 * stack filters.
 */
#include <linux/icmpv6.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/mld.h>

#include "mld.h"

/* Walks the records of an MLDv2 report that starts at @off. */
static void dha_mld2_records(struct sk_buff *skb, unsigned int off,
			     unsigned int end, unsigned int n,
			     dha_mld_visit_t visit, void *arg)
{
	struct mld2_grec _rec;
	const struct mld2_grec *rec;
	unsigned int nsrcs;

	while (n--) {
		rec = skb_header_pointer(skb, off, sizeof(_rec), &_rec);
		if (!rec || off + sizeof(_rec) > end)
			return;
		nsrcs = ntohs(rec->grec_nsrcs);
		switch (rec->grec_type) {
		case MLD2_MODE_IS_EXCLUDE:
		case MLD2_CHANGE_TO_EXCLUDE:
			visit(&rec->grec_mca, true, arg);
			break;
		case MLD2_MODE_IS_INCLUDE:
		case MLD2_CHANGE_TO_INCLUDE:
			/* INCLUDE of no source is how a node leaves. */
			visit(&rec->grec_mca, nsrcs > 0, arg);
			break;
		case MLD2_ALLOW_NEW_SOURCES:
			if (nsrcs)
				visit(&rec->grec_mca, true, arg);
			break;
		}
		/* Blocked sources are still sent: see the top of the file. */
		off += sizeof(_rec) + nsrcs * sizeof(struct in6_addr) +
		       rec->grec_auxwords * 4;
	}
}

/*
 * Whether @skb, whose network header is an IPv6 header at its data, is an
 * MLD report or done message; if so, @visit is called for each group it
 * speaks of, unless the message is malformed or was not sent with hop
 * limit 1 as MLD requires. RCU or process context; @skb is not changed.
 */
bool dha_mld_parse(struct sk_buff *skb, dha_mld_visit_t visit, void *arg)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	unsigned int end, len;
	struct icmp6hdr _ih;
	const struct icmp6hdr *ih;
	struct in6_addr _group;
	const struct in6_addr *group;
	u8 nexthdr = ip6h->nexthdr;
	__be16 frag_off;
	int off;

	/* Every MLD message goes to a group: unicast traffic stops here. */
	if (!ipv6_addr_is_multicast(&ip6h->daddr))
		return false;
	off = ipv6_skip_exthdr(skb, sizeof(*ip6h), &nexthdr, &frag_off);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6 || frag_off)
		return false;
	ih = skb_header_pointer(skb, off, sizeof(_ih), &_ih);
	if (!ih)
		return false;
	if (ih->icmp6_type != ICMPV6_MGM_REPORT &&
	    ih->icmp6_type != ICMPV6_MGM_REDUCTION &&
	    ih->icmp6_type != ICMPV6_MLD2_REPORT)
		return false;

	end = sizeof(*ip6h) + ntohs(ip6h->payload_len);
	if (ip6h->hop_limit != 1 || end > skb->len)
		return true;
	len = end - off;
	if (csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len, IPPROTO_ICMPV6,
			    skb_checksum(skb, off, len, 0)))
		return true;

	if (ih->icmp6_type == ICMPV6_MLD2_REPORT) {
		dha_mld2_records(skb, off + sizeof(_ih), end,
				 ntohs(ih->icmp6_dataun.un_data16[1]), visit,
				 arg);
		return true;
	}
	group = skb_header_pointer(skb, off + sizeof(_ih), sizeof(_group),
				   &_group);
	if (group && off + sizeof(_ih) + sizeof(_group) <= end)
		visit(group, ih->icmp6_type == ICMPV6_MGM_REPORT, arg);
	return true;
}
