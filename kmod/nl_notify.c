// SPDX-License-Identifier: GPL-2.0
/*
 * A binding as a message of the dha family: the reply to binding-get and
 * its dump, and the binding-new-ntf and binding-del-ntf events.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>

#include "compat.h"
#include "device.h"
#include "nl_family.h"
#include "nl_notify.h"

static int dha_nl_put_binding_stats(struct sk_buff *skb,
				    const struct dha_binding *b)
{
	struct dha_binding_stats s;
	struct nlattr *nest;

	dha_binding_read_stats(b, &s);
	nest = nla_nest_start(skb, DHA_A_BINDING_STATS);
	if (!nest ||
	    nla_put_uint(skb, DHA_A_BINDING_STATS_TX_PACKETS, s.tx_packets) ||
	    nla_put_uint(skb, DHA_A_BINDING_STATS_TX_BYTES, s.tx_bytes) ||
	    nla_put_uint(skb, DHA_A_BINDING_STATS_RX_PACKETS, s.rx_packets) ||
	    nla_put_uint(skb, DHA_A_BINDING_STATS_RX_BYTES, s.rx_bytes) ||
	    nla_put_uint(skb, DHA_A_BINDING_STATS_TX_DROPPED, s.tx_dropped) ||
	    nla_put_uint(skb, DHA_A_BINDING_STATS_RX_DROPPED, s.rx_dropped))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* RCU: memberships and their groups are freed after a grace period. */
static int dha_nl_put_groups(struct sk_buff *skb, struct dha_binding *b)
{
	struct dha_membership *m;

	list_for_each_entry_rcu(m, &b->groups, in_binding)
		if (dha_nl_put_addr(skb, DHA_A_BINDING_GROUP, &m->group->addr))
			return -EMSGSIZE;
	return 0;
}

static int dha_nl_put_prefixes(struct sk_buff *skb,
			       const struct dha_binding_target *tg)
{
	struct nlattr *nest;
	unsigned int i;

	for (i = 0; i < tg->n_prefixes; i++) {
		nest = nla_nest_start(skb, DHA_A_BINDING_PREFIX);
		if (!nest ||
		    dha_nl_put_addr(skb, DHA_A_PREFIX_ADDRESS,
				    &tg->prefixes[i].addr) ||
		    nla_put_u8(skb, DHA_A_PREFIX_LENGTH, tg->prefixes[i].len))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

/* The attribute a binding's endpoint goes in. */
static int dha_nl_remote_attr(enum dha_binding_kind kind)
{
	switch (kind) {
	case DHA_BINDING_KIND_GLOBAL:
		return DHA_A_BINDING_HOME_AGENT;
	case DHA_BINDING_KIND_PROXY_MAG:
		return DHA_A_BINDING_LMA_ADDRESS;
	default:
		return DHA_A_BINDING_CARE_OF_ADDRESS;
	}
}

int dha_nl_fill_binding(struct sk_buff *skb, struct dha_dev *dd,
			struct dha_binding *b, u8 cmd, u32 portid,
			u32 seq, int flags, enum dha_del_reason reason)
{
	const struct dha_binding_target *tg;
	struct nlattr *nest;
	u32 lifetime;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &dha_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	rcu_read_lock();
	tg = rcu_dereference(b->target);
	lifetime = dha_binding_lifetime_left(b, jiffies);
	if (nla_put_u32(skb, DHA_A_IFINDEX, dd->dev->ifindex))
		goto cancel;
	nest = nla_nest_start(skb, DHA_A_BINDING);
	if (!nest ||
	    (!dha_binding_kind_is_proxy(tg->kind) &&
	     dha_nl_put_addr(skb, DHA_A_BINDING_HOME_ADDRESS, &b->hoa)) ||
	    nla_put_u32(skb, DHA_A_BINDING_KIND, tg->kind) ||
	    dha_nl_put_addr(skb, dha_nl_remote_attr(tg->kind), &tg->remote) ||
	    (tg->has_local &&
	     dha_nl_put_addr(skb, DHA_A_BINDING_LOCAL_ADDRESS, &tg->local)) ||
	    (lifetime && nla_put_u32(skb, DHA_A_BINDING_LIFETIME, lifetime)) ||
	    dha_nl_put_prefixes(skb, tg) ||
	    (tg->link_local && nla_put_flag(skb, DHA_A_BINDING_LINK_LOCAL)) ||
	    dha_nl_put_groups(skb, b) ||
	    dha_nl_put_binding_stats(skb, b) ||
	    (reason && nla_put_u32(skb, DHA_A_BINDING_DEL_REASON, reason)))
		goto cancel;
	rcu_read_unlock();
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	rcu_read_unlock();
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * The most dha_nl_fill_binding() puts in a message. A takeover sends one
 * notification per binding: a page each would overrun a listener's
 * buffer a hundred times sooner.
 */
static size_t dha_nl_binding_size(void)
{
	size_t prefix = nla_total_size(0) +
			nla_total_size(sizeof(struct in6_addr)) +
			nla_total_size(sizeof(u8));

	return nla_total_size(sizeof(u32)) +		/* ifindex */
	       nla_total_size(0) +			/* binding */
	       3 * nla_total_size(sizeof(struct in6_addr)) +
	       3 * nla_total_size(sizeof(u32)) +	/* kind, lifetime, reason */
	       DHA_MAX_PREFIXES * prefix +
	       nla_total_size(0) +			/* link-local */
	       nla_total_size(0) +			/* stats */
	       6 * nla_total_size_64bit(sizeof(u64));
}

void dha_nl_notify_binding(struct dha_dev *dd, struct dha_binding *b, u8 cmd,
			   enum dha_del_reason reason)
{
	struct net *net = dev_net(dd->dev);
	struct sk_buff *msg;

	if (!genl_has_listeners(&dha_nl_family, net, DHA_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(dha_nl_binding_size(), GFP_KERNEL);
	if (!msg)
		return;
	if (dha_nl_fill_binding(msg, dd, b, cmd, 0, 0, 0, reason)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&dha_nl_family, net, msg, 0, DHA_NLGRP_EVENTS,
				GFP_KERNEL);
}
