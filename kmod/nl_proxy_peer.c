// SPDX-License-Identifier: GPL-2.0
/*
 * The dha family's proxy-peer-get (a dump): the far ends of the proxy
 * bindings of each device, with their counters.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>

#include "compat.h"
#include "device.h"
#include "nl_family.h"

static int dha_nl_fill_proxy_peer(struct sk_buff *skb, struct dha_dev *dd,
				  struct dha_proxy_peer *p, u32 portid,
				  u32 seq)
{
	struct dha_proxy_peer_stats s;
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &dha_nl_family, NLM_F_MULTI,
			  DHA_CMD_PROXY_PEER_GET);
	if (!hdr)
		return -EMSGSIZE;
	dha_proxy_peer_read_stats(p, &s);
	if (nla_put_u32(skb, DHA_A_IFINDEX, dd->dev->ifindex))
		goto cancel;
	nest = nla_nest_start(skb, DHA_A_PROXY_PEER);
	if (!nest ||
	    dha_nl_put_addr(skb, DHA_A_PROXY_PEER_ADDRESS, &p->addr) ||
	    /* Read without the lock: a count of the moment. */
	    nla_put_u32(skb, DHA_A_PROXY_PEER_BINDINGS, READ_ONCE(p->users)) ||
	    nla_put_uint(skb, DHA_A_PROXY_PEER_TX_PACKETS, s.tx_packets) ||
	    nla_put_uint(skb, DHA_A_PROXY_PEER_TX_BYTES, s.tx_bytes) ||
	    nla_put_uint(skb, DHA_A_PROXY_PEER_RX_PACKETS, s.rx_packets) ||
	    nla_put_uint(skb, DHA_A_PROXY_PEER_RX_BYTES, s.rx_bytes) ||
	    nla_put_uint(skb, DHA_A_PROXY_PEER_RX_DROPPED, s.rx_dropped))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Cursor: args[0] ifindex, args[1] proxy peers of that device already sent. */
int dha_nl_proxy_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	u32 only = dha_nl_dump_ifindex(cb);
	struct dha_proxy_peer *p;
	struct dha_dev *dd;
	unsigned long i;
	int err = 0;

	rcu_read_lock();
	while ((dd = dha_nl_next_dev(net, cb->args[0], only))) {
		if (cb->args[0] != dd->dev->ifindex) {
			cb->args[0] = dd->dev->ifindex;
			cb->args[1] = 0;
		}
		i = 0;
		list_for_each_entry_rcu(p, &dd->bindings.peers.all, list) {
			if (i++ < cb->args[1])
				continue;
			err = dha_nl_fill_proxy_peer(skb, dd, p,
						     NETLINK_CB(cb->skb).portid,
						     cb->nlh->nlmsg_seq);
			if (err)
				goto out;
			cb->args[1] = i;
		}
		cb->args[0] = dd->dev->ifindex + 1;
		cb->args[1] = 0;
	}
out:
	rcu_read_unlock();
	return err && !skb->len ? err : skb->len;
}
