// SPDX-License-Identifier: GPL-2.0
/* The dha family's peer commands: peer-new, peer-del, peer-get (a dump). */
#include <linux/netdevice.h>
#include <net/genetlink.h>

#include "compat.h"
#include "device.h"
#include "nl_family.h"

static int dha_nl_peer_addr(struct genl_info *info, struct in6_addr *addr)
{
	struct nlattr *tb[DHA_A_PEER_MAX + 1];
	struct nlattr *nest = info->attrs[DHA_A_PEER];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, DHA_A_PEER))
		return -EINVAL;
	err = nla_parse_nested(tb, DHA_A_PEER_MAX, nest, dha_peer_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, DHA_A_PEER_ADDRESS))
		return -EINVAL;
	return dha_nl_unicast(tb[DHA_A_PEER_ADDRESS], addr, info->extack);
}

static int dha_nl_peer_change(struct genl_info *info, bool add)
{
	struct in6_addr addr;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	err = dha_nl_peer_addr(info, &addr);
	if (err)
		goto put;
	err = dha_nl_lock(dd, info->extack);
	if (err)
		goto put;
	err = add ? dha_peer_add(&dd->peers, &addr) :
		    dha_peer_del(&dd->peers, &addr);
	mutex_unlock(&dd->lock);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack, "peer exists");
	else if (err == -ENOENT)
		NL_SET_ERR_MSG(info->extack, "no such peer");
put:
	dha_dev_put(dd);
	return err;
}

int dha_nl_peer_new(struct sk_buff *skb, struct genl_info *info)
{
	return dha_nl_peer_change(info, true);
}

int dha_nl_peer_del(struct sk_buff *skb, struct genl_info *info)
{
	return dha_nl_peer_change(info, false);
}

static int dha_nl_fill_peer(struct sk_buff *skb, struct dha_dev *dd,
			    struct dha_peer *p, u32 portid, u32 seq)
{
	struct nlattr *nest;
	u64 packets, bytes;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &dha_nl_family, NLM_F_MULTI,
			  DHA_CMD_PEER_GET);
	if (!hdr)
		return -EMSGSIZE;
	dha_peer_read_stats(p, &packets, &bytes);
	if (nla_put_u32(skb, DHA_A_IFINDEX, dd->dev->ifindex))
		goto cancel;
	nest = nla_nest_start(skb, DHA_A_PEER);
	if (!nest || dha_nl_put_addr(skb, DHA_A_PEER_ADDRESS, &p->addr) ||
	    nla_put_uint(skb, DHA_A_PEER_RX_PACKETS, packets) ||
	    nla_put_uint(skb, DHA_A_PEER_RX_BYTES, bytes))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Cursor: args[0] ifindex, args[1] peers of that device already sent. */
int dha_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	u32 only = dha_nl_dump_ifindex(cb);
	struct dha_peer *p;
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
		list_for_each_entry_rcu(p, &dd->peers.all, list) {
			if (i++ < cb->args[1])
				continue;
			err = dha_nl_fill_peer(skb, dd, p,
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
