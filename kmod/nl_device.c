// SPDX-License-Identifier: GPL-2.0
/*
 * The dha family's device commands (dev-get, dev-set), and the devices
 * every request and dump names.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "compat.h"
#include "device.h"
#include "home.h"
#include "nl_family.h"

/* The device a request names; holds a reference. */
struct dha_dev *dha_nl_dev(struct net *net, struct nlattr **attrs,
			   struct netlink_ext_ack *extack)
{
	struct dha_dev *dd;

	if (!attrs[DHA_A_IFINDEX]) {
		NL_SET_ERR_MSG(extack, "missing ifindex of the dha device");
		return ERR_PTR(-EINVAL);
	}
	dd = dha_dev_get(net, nla_get_u32(attrs[DHA_A_IFINDEX]));
	if (!dd) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[DHA_A_IFINDEX],
				    "no dha device with this ifindex");
		return ERR_PTR(-ENODEV);
	}
	return dd;
}

/* Locks @dd for a change; fails if the device is going away. */
int dha_nl_lock(struct dha_dev *dd, struct netlink_ext_ack *extack)
{
	mutex_lock(&dd->lock);
	if (!dd->dead)
		return 0;
	mutex_unlock(&dd->lock);
	NL_SET_ERR_MSG(extack, "the dha device is being deleted");
	return -ENODEV;
}

/*
 * The device of @net with the lowest ifindex >= @from that matches
 * @only (0: any). RCU read side.
 */
struct dha_dev *dha_nl_next_dev(struct net *net, unsigned long from,
				u32 only)
{
	struct dha_dev *dd, *best = NULL;

	list_for_each_entry_rcu(dd, dha_net_devs(net), list) {
		int ifindex = dd->dev->ifindex;

		if (ifindex < from || (only && ifindex != only))
			continue;
		if (!best || ifindex < best->dev->ifindex)
			best = dd;
	}
	return best;
}

u32 dha_nl_dump_ifindex(struct netlink_callback *cb)
{
	struct nlattr **attrs = dha_compat_dump_attrs(cb);

	return attrs[DHA_A_IFINDEX] ? nla_get_u32(attrs[DHA_A_IFINDEX]) : 0;
}

/* A dump limited to one device fails up front if there is no such device. */
int dha_nl_dump_start(struct netlink_callback *cb)
{
	struct nlattr **attrs = dha_compat_dump_attrs(cb);
	struct dha_dev *dd;

	if (!attrs[DHA_A_IFINDEX])
		return 0;
	dd = dha_nl_dev(sock_net(cb->skb->sk), attrs, cb->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	dha_dev_put(dd);
	return 0;
}

static int dha_nl_put_dev_stats(struct sk_buff *skb, struct dha_dev *dd)
{
	struct dha_load_figures load;
	struct dha_dev_stats s;
	struct nlattr *nest;

	dha_dev_read_stats(dd, &s);
	dha_load_read(&dd->load, dd->dev, &load);
	nest = nla_nest_start(skb, DHA_A_STATS);
	if (!nest ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_PACKETS, s.tx_packets) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_BYTES, s.tx_bytes) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_PACKETS, s.rx_packets) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_BYTES, s.rx_bytes) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_DROP_NO_BINDING,
			 s.drops[DHA_DROP_TX_NO_BINDING]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_DROP_TOO_BIG,
			 s.drops[DHA_DROP_TX_TOO_BIG]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_DROP_NO_ROUTE,
			 s.drops[DHA_DROP_TX_NO_ROUTE]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_DROP_MALFORMED,
			 s.drops[DHA_DROP_TX_MALFORMED]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_DROP_SPOOFED,
			 s.drops[DHA_DROP_RX_SPOOFED]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_DROP_NO_BINDING,
			 s.drops[DHA_DROP_RX_NO_BINDING]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_DROP_MALFORMED,
			 s.drops[DHA_DROP_RX_MALFORMED]) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_RATE_PPS, load.tx_pps) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_TX_RATE_BPS, load.tx_bps) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_RATE_PPS, load.rx_pps) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_RX_RATE_BPS, load.rx_bps) ||
	    nla_put_u32(skb, DHA_A_DEV_STATS_QUEUE_LEN, load.queue_len) ||
	    nla_put_uint(skb, DHA_A_DEV_STATS_ICMP_RELAYED, s.icmp_relayed))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int dha_nl_put_home(struct sk_buff *skb, struct dha_dev *dd)
{
	const struct dha_home *home;
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	rcu_read_lock();
	home = rcu_dereference(dd->home);
	if (!home)
		goto out;
	err = -EMSGSIZE;
	if (nla_put_u32(skb, DHA_A_HOME_LINK, home->ifindex))
		goto out;
	for (i = 0; i < home->n_prefixes; i++) {
		nest = nla_nest_start(skb, DHA_A_HOME_PREFIX);
		if (!nest ||
		    dha_nl_put_addr(skb, DHA_A_PREFIX_ADDRESS,
				    &home->prefixes[i].addr) ||
		    nla_put_u8(skb, DHA_A_PREFIX_LENGTH, home->prefixes[i].len))
			goto out;
		nla_nest_end(skb, nest);
	}
	err = 0;
out:
	rcu_read_unlock();
	return err;
}

static int dha_nl_fill_dev(struct sk_buff *skb, struct dha_dev *dd,
			   u32 portid, u32 seq, int flags)
{
	struct in6_addr local;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &dha_nl_family, flags,
			  DHA_CMD_DEV_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, DHA_A_IFINDEX, dd->dev->ifindex) ||
	    nla_put_string(skb, DHA_A_IFNAME, dd->dev->name) ||
	    (dha_dev_local(dd, &local) &&
	     dha_nl_put_addr(skb, DHA_A_LOCAL, &local)) ||
	    nla_put_u32(skb, DHA_A_BINDINGS,
			READ_ONCE(dd->bindings.count[DHA_BINDING_KIND_HOME])) ||
	    nla_put_u32(skb, DHA_A_GLOBALS,
			READ_ONCE(dd->bindings.count[DHA_BINDING_KIND_GLOBAL])) ||
	    nla_put_u32(skb, DHA_A_PEERS, READ_ONCE(dd->peers.count)) ||
	    dha_nl_put_dev_stats(skb, dd) || dha_nl_put_home(skb, dd)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int dha_nl_dev_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		dha_dev_put(dd);
		return -ENOMEM;
	}
	err = dha_nl_fill_dev(msg, dd, info->snd_portid, info->snd_seq, 0);
	dha_dev_put(dd);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

int dha_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct dha_dev *dd;
	int err = 0;

	rcu_read_lock();
	while ((dd = dha_nl_next_dev(net, cb->args[0], 0))) {
		err = dha_nl_fill_dev(skb, dd, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err)
			break;
		cb->args[0] = dd->dev->ifindex + 1;
	}
	rcu_read_unlock();
	return err && !skb->len ? err : skb->len;
}

static int dha_nl_parse_home(struct genl_info *info, struct dha_home *home)
{
	struct netlink_ext_ack *extack = info->extack;
	struct dha_prefix_key *key;
	const struct nlattr *attr;
	unsigned int i;
	int rem, err;

	memset(home, 0, sizeof(*home));
	home->ifindex = nla_get_u32(info->attrs[DHA_A_HOME_LINK]);
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(attr) != DHA_A_HOME_PREFIX)
			continue;
		if (!home->ifindex) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "home prefixes need a home link");
			return -EINVAL;
		}
		if (home->n_prefixes == DHA_MAX_HOME_PREFIXES) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "too many home prefixes");
			return -EINVAL;
		}
		key = &home->prefixes[home->n_prefixes];
		err = dha_nl_parse_prefix(attr, key, extack);
		if (err)
			return err;
		if (ipv6_addr_type(&key->addr) & IPV6_ADDR_LINKLOCAL) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "link-local home prefix");
			return -EINVAL;
		}
		for (i = 0; i < home->n_prefixes; i++) {
			if (!memcmp(&home->prefixes[i], key, sizeof(*key))) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "home prefix given twice");
				return -EINVAL;
			}
		}
		home->n_prefixes++;
	}
	if (home->ifindex && !home->n_prefixes) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[DHA_A_HOME_LINK],
				    "a home link needs a home prefix");
		return -EINVAL;
	}
	return 0;
}

/* Whether @ifindex may be @dd's home link. RTNL. */
static int dha_nl_home_link_ok(struct dha_dev *dd, int ifindex,
			       struct genl_info *info)
{
	struct net_device *link = __dev_get_by_index(dev_net(dd->dev), ifindex);
	struct nlattr *attr = info->attrs[DHA_A_HOME_LINK];

	if (!link) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "no such home link in the device's namespace");
		return -ENODEV;
	}
	if (dha_is_dha_dev(link) || link->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "a dha device or a loopback cannot be a home link");
		return -EINVAL;
	}
	return 0;
}

/* Attaches, changes or (home link 0) detaches the home link. RTNL. */
static int dha_nl_set_home(struct dha_dev *dd, struct genl_info *info)
{
	struct dha_home *home;
	int err;

	home = kmalloc(sizeof(*home), GFP_KERNEL);
	if (!home)
		return -ENOMEM;
	err = dha_nl_parse_home(info, home);
	if (!err && home->ifindex)
		err = dha_nl_home_link_ok(dd, home->ifindex, info);
	if (!err && !home->ifindex)
		dha_home_clear(dd);
	else if (!err)
		err = dha_home_set(dd, home, info->extack);
	kfree(home);
	return err;
}

int dha_nl_dev_set(struct sk_buff *skb, struct genl_info *info)
{
	struct in6_addr local = {};
	struct dha_dev *dd;
	int err = 0;

	/* One of the two at least; a bare request lacks local, as always. */
	if (!info->attrs[DHA_A_HOME_LINK] &&
	    GENL_REQ_ATTR_CHECK(info, DHA_A_LOCAL))
		return -EINVAL;
	if (info->attrs[DHA_A_HOME_PREFIX] && !info->attrs[DHA_A_HOME_LINK]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[DHA_A_HOME_PREFIX],
				    "home prefixes need a home link");
		return -EINVAL;
	}
	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	if (info->attrs[DHA_A_LOCAL] &&
	    !ipv6_addr_any(nla_data(info->attrs[DHA_A_LOCAL])))
		err = dha_nl_unicast(info->attrs[DHA_A_LOCAL], &local,
				     info->extack);
	if (!err && info->attrs[DHA_A_HOME_LINK]) {
		rtnl_lock();
		/* A device being deleted keeps no home link. */
		if (dd->dev->reg_state != NETREG_REGISTERED) {
			NL_SET_ERR_MSG(info->extack, "the dha device is being deleted");
			err = -ENODEV;
		} else {
			err = dha_nl_set_home(dd, info);
		}
		rtnl_unlock();
	}
	if (!err && info->attrs[DHA_A_LOCAL])
		err = dha_nl_lock(dd, info->extack);
	if (!err && info->attrs[DHA_A_LOCAL]) {
		err = dha_dev_set_local(dd, &local);
		mutex_unlock(&dd->lock);
	}
	dha_dev_put(dd);
	return err;
}
