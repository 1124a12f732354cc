// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "dha", as specified in
 * Documentation/netlink/specs/dha.yaml.
 */
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "compat.h"
#include "device.h"
#include "netlink.h"

enum dha_nl_mcgrp {
	DHA_NLGRP_EVENTS,
};

static const struct nla_policy dha_prefix_policy[DHA_A_PREFIX_MAX + 1] = {
	[DHA_A_PREFIX_ADDRESS] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_PREFIX_LENGTH] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
};

/* Counters and del-reason are replies only: strict parsing rejects them. */
static const struct nla_policy dha_binding_policy[DHA_A_BINDING_MAX + 1] = {
	[DHA_A_BINDING_HOME_ADDRESS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_KIND] = NLA_POLICY_RANGE(NLA_U32, DHA_BINDING_KIND_HOME,
						DHA_BINDING_KIND_GLOBAL),
	[DHA_A_BINDING_CARE_OF_ADDRESS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_HOME_AGENT] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_LIFETIME] = NLA_POLICY_MIN(NLA_U32, 1),
	[DHA_A_BINDING_PREFIX] = NLA_POLICY_NESTED(dha_prefix_policy),
};

static const struct nla_policy dha_peer_policy[DHA_A_PEER_MAX + 1] = {
	[DHA_A_PEER_ADDRESS] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

static const struct nla_policy dha_policy[DHA_A_MAX + 1] = {
	[DHA_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[DHA_A_LOCAL] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING] = NLA_POLICY_NESTED(dha_binding_policy),
	[DHA_A_PEER] = NLA_POLICY_NESTED(dha_peer_policy),
};

static struct genl_family dha_nl_family;

/* The device a request names; holds a reference. */
static struct dha_dev *dha_nl_dev(struct net *net, struct nlattr **attrs,
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
static int dha_nl_lock(struct dha_dev *dd, struct netlink_ext_ack *extack)
{
	mutex_lock(&dd->lock);
	if (!dd->dead)
		return 0;
	mutex_unlock(&dd->lock);
	NL_SET_ERR_MSG(extack, "the dha device is being deleted");
	return -ENODEV;
}

/* A unicast address fit for a home address or tunnel endpoint. */
static int dha_nl_unicast(const struct nlattr *attr, struct in6_addr *out,
			  struct netlink_ext_ack *extack)
{
	int type;

	*out = nla_get_in6_addr(attr);
	type = ipv6_addr_type(out);
	if (type == IPV6_ADDR_ANY ||
	    type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
		    IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MAPPED)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "not a global unicast IPv6 address");
		return -EINVAL;
	}
	return 0;
}

static int dha_nl_parse_prefix(const struct nlattr *nest,
			       struct dha_prefix_key *key,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[DHA_A_PREFIX_MAX + 1];
	struct in6_addr masked;
	int err;

	err = nla_parse_nested(tb, DHA_A_PREFIX_MAX, nest, dha_prefix_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, DHA_A_PREFIX_ADDRESS) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, DHA_A_PREFIX_LENGTH))
		return -EINVAL;
	key->addr = nla_get_in6_addr(tb[DHA_A_PREFIX_ADDRESS]);
	key->len = nla_get_u8(tb[DHA_A_PREFIX_LENGTH]);
	ipv6_addr_prefix(&masked, &key->addr, key->len);
	if (!ipv6_addr_equal(&masked, &key->addr)) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "prefix has host bits set");
		return -EINVAL;
	}
	if (ipv6_addr_type(&key->addr) & IPV6_ADDR_MULTICAST) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "multicast prefix");
		return -EINVAL;
	}
	return 0;
}

static int dha_nl_parse_prefixes(const struct nlattr *binding,
				 struct dha_binding_spec *spec,
				 struct netlink_ext_ack *extack)
{
	const struct nlattr *attr;
	unsigned int i;
	int rem, err;

	nla_for_each_nested(attr, binding, rem) {
		if (nla_type(attr) != DHA_A_BINDING_PREFIX)
			continue;
		if (spec->n_prefixes == DHA_MAX_PREFIXES) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "too many prefixes for one binding");
			return -EINVAL;
		}
		err = dha_nl_parse_prefix(attr, &spec->prefixes[spec->n_prefixes],
					  extack);
		if (err)
			return err;
		for (i = 0; i < spec->n_prefixes; i++) {
			if (!memcmp(&spec->prefixes[i],
				    &spec->prefixes[spec->n_prefixes],
				    sizeof(spec->prefixes[i]))) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "prefix given twice");
				return -EINVAL;
			}
		}
		spec->n_prefixes++;
	}
	return 0;
}

static int dha_nl_parse_binding(struct genl_info *info, struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[DHA_A_BINDING];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, DHA_A_BINDING))
		return -EINVAL;
	err = nla_parse_nested(tb, DHA_A_BINDING_MAX, nest, dha_binding_policy,
			       info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb,
			      DHA_A_BINDING_HOME_ADDRESS))
		return -EINVAL;
	return 0;
}

static int dha_nl_parse_spec(struct genl_info *info,
			     struct dha_binding_spec *spec)
{
	struct nlattr *nest = info->attrs[DHA_A_BINDING];
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	struct nlattr *remote;
	int err;

	memset(spec, 0, sizeof(*spec));
	err = dha_nl_parse_binding(info, tb);
	if (err)
		return err;
	err = dha_nl_unicast(tb[DHA_A_BINDING_HOME_ADDRESS], &spec->hoa, extack);
	if (err)
		return err;

	if (tb[DHA_A_BINDING_CARE_OF_ADDRESS] && tb[DHA_A_BINDING_HOME_AGENT]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[DHA_A_BINDING_HOME_AGENT],
				    "a binding has a care-of address or a home agent, not both");
		return -EINVAL;
	}
	if (tb[DHA_A_BINDING_CARE_OF_ADDRESS]) {
		spec->kind = DHA_BINDING_KIND_HOME;
		remote = tb[DHA_A_BINDING_CARE_OF_ADDRESS];
	} else if (tb[DHA_A_BINDING_HOME_AGENT]) {
		spec->kind = DHA_BINDING_KIND_GLOBAL;
		remote = tb[DHA_A_BINDING_HOME_AGENT];
	} else {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "missing care-of address or home agent");
		return -EINVAL;
	}
	if (tb[DHA_A_BINDING_KIND] &&
	    nla_get_u32(tb[DHA_A_BINDING_KIND]) != spec->kind) {
		NL_SET_ERR_MSG_ATTR(extack, tb[DHA_A_BINDING_KIND],
				    "kind does not match the endpoint given");
		return -EINVAL;
	}
	err = dha_nl_unicast(remote, &spec->remote, extack);
	if (err)
		return err;
	if (tb[DHA_A_BINDING_LIFETIME])
		spec->lifetime = nla_get_u32(tb[DHA_A_BINDING_LIFETIME]);
	return dha_nl_parse_prefixes(nest, spec, extack);
}

static int dha_nl_put_addr(struct sk_buff *skb, int type,
			   const struct in6_addr *addr)
{
	return nla_put_in6_addr(skb, type, addr);
}

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

static int dha_nl_fill_binding(struct sk_buff *skb, struct dha_dev *dd,
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
	    dha_nl_put_addr(skb, DHA_A_BINDING_HOME_ADDRESS, &b->hoa) ||
	    nla_put_u32(skb, DHA_A_BINDING_KIND, tg->kind) ||
	    dha_nl_put_addr(skb, tg->kind == DHA_BINDING_KIND_HOME ?
			    DHA_A_BINDING_CARE_OF_ADDRESS :
			    DHA_A_BINDING_HOME_AGENT, &tg->remote) ||
	    (lifetime && nla_put_u32(skb, DHA_A_BINDING_LIFETIME, lifetime)) ||
	    dha_nl_put_prefixes(skb, tg) ||
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

void dha_nl_notify_binding(struct dha_dev *dd, struct dha_binding *b, u8 cmd,
			   enum dha_del_reason reason)
{
	struct net *net = dev_net(dd->dev);
	struct sk_buff *msg;

	if (!genl_has_listeners(&dha_nl_family, net, DHA_NLGRP_EVENTS))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (dha_nl_fill_binding(msg, dd, b, cmd, 0, 0, 0, reason)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&dha_nl_family, net, msg, 0, DHA_NLGRP_EVENTS,
				GFP_KERNEL);
}

static int dha_nl_binding_new(struct sk_buff *skb, struct genl_info *info)
{
	struct dha_binding_spec *spec;
	struct dha_binding *b;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	spec = kmalloc(sizeof(*spec), GFP_KERNEL);
	if (!spec) {
		err = -ENOMEM;
		goto put;
	}
	err = dha_nl_parse_spec(info, spec);
	if (err)
		goto free;
	err = dha_nl_lock(dd, info->extack);
	if (err)
		goto free;
	err = dha_binding_set(&dd->bindings, spec, info->nlhdr->nlmsg_flags,
			      &b, info->extack);
	if (!err)
		dha_nl_notify_binding(dd, b, DHA_CMD_BINDING_NEW_NTF, 0);
	mutex_unlock(&dd->lock);
free:
	kfree(spec);
put:
	dha_dev_put(dd);
	return err;
}

/* The binding a request names, of the kind it names if any. Under lock. */
static struct dha_binding *dha_nl_find_binding(struct dha_dev *dd,
					       struct genl_info *info,
					       struct nlattr **tb)
{
	const struct dha_binding_target *tg;
	struct dha_binding *b;
	struct in6_addr hoa;

	hoa = nla_get_in6_addr(tb[DHA_A_BINDING_HOME_ADDRESS]);
	rcu_read_lock();
	b = dha_binding_lookup(&dd->bindings, &hoa);
	tg = b ? rcu_dereference(b->target) : NULL;
	if (tg && tb[DHA_A_BINDING_KIND] &&
	    nla_get_u32(tb[DHA_A_BINDING_KIND]) != tg->kind)
		b = NULL;
	rcu_read_unlock();
	if (!b)
		NL_SET_ERR_MSG_ATTR(info->extack, tb[DHA_A_BINDING_HOME_ADDRESS],
				    "no such binding");
	return b;
}

static int dha_nl_binding_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	struct dha_binding *b;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	err = dha_nl_parse_binding(info, tb);
	if (err)
		goto put;
	err = dha_nl_lock(dd, info->extack);
	if (err)
		goto put;
	b = dha_nl_find_binding(dd, info, tb);
	if (b) {
		dha_nl_notify_binding(dd, b, DHA_CMD_BINDING_DEL_NTF,
				      DHA_DEL_REASON_DELETED);
		dha_binding_remove(&dd->bindings, b);
	} else {
		err = -ENOENT;
	}
	mutex_unlock(&dd->lock);
put:
	dha_dev_put(dd);
	return err;
}

static int dha_nl_binding_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	struct dha_binding *b;
	struct sk_buff *msg;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	err = dha_nl_parse_binding(info, tb);
	if (err)
		goto put;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto put;
	}
	/* The lock keeps the binding alive while the reply is filled. */
	mutex_lock(&dd->lock);
	b = dha_nl_find_binding(dd, info, tb);
	if (b)
		err = dha_nl_fill_binding(msg, dd, b, DHA_CMD_BINDING_GET,
					  info->snd_portid, info->snd_seq, 0, 0);
	else
		err = -ENOENT;
	mutex_unlock(&dd->lock);
	if (err) {
		nlmsg_free(msg);
		goto put;
	}
	dha_dev_put(dd);
	return genlmsg_reply(msg, info);
put:
	dha_dev_put(dd);
	return err;
}

/*
 * The device of @net with the lowest ifindex >= @from that matches
 * @only (0: any). RCU read side.
 */
static struct dha_dev *dha_nl_next_dev(struct net *net, unsigned long from,
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

static u32 dha_nl_dump_ifindex(struct netlink_callback *cb)
{
	struct nlattr **attrs = dha_compat_dump_attrs(cb);

	return attrs[DHA_A_IFINDEX] ? nla_get_u32(attrs[DHA_A_IFINDEX]) : 0;
}

/* A dump limited to one device fails up front if there is no such device. */
static int dha_nl_dump_start(struct netlink_callback *cb)
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

static u32 dha_nl_dump_kind(struct netlink_callback *cb)
{
	struct nlattr **attrs = dha_compat_dump_attrs(cb);
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];

	if (!attrs[DHA_A_BINDING] ||
	    nla_parse_nested(tb, DHA_A_BINDING_MAX, attrs[DHA_A_BINDING],
			     dha_binding_policy, NULL) ||
	    !tb[DHA_A_BINDING_KIND])
		return 0;
	return nla_get_u32(tb[DHA_A_BINDING_KIND]);
}

/*
 * Dump cursor: args[0] is the ifindex of the device being dumped, args[1]
 * the id of the next binding. Ids only grow while a binding lives, so a
 * dump never misses a binding that stayed in the table throughout.
 */
static int dha_nl_binding_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	u32 only = dha_nl_dump_ifindex(cb), kind = dha_nl_dump_kind(cb);
	const struct dha_binding_target *tg;
	struct net *net = sock_net(skb->sk);
	struct dha_binding *b;
	struct dha_dev *dd;
	unsigned long id;
	int err = 0;

	rcu_read_lock();
	while ((dd = dha_nl_next_dev(net, cb->args[0], only))) {
		if (cb->args[0] != dd->dev->ifindex) {
			cb->args[0] = dd->dev->ifindex;
			cb->args[1] = 0;
		}
		for (id = cb->args[1]; (b = dha_binding_next(&dd->bindings, &id));
		     id++) {
			tg = rcu_dereference(b->target);
			if (kind && tg->kind != kind)
				continue;
			err = dha_nl_fill_binding(skb, dd, b, DHA_CMD_BINDING_GET,
						  NETLINK_CB(cb->skb).portid,
						  cb->nlh->nlmsg_seq,
						  NLM_F_MULTI, 0);
			if (err) {
				cb->args[1] = id;
				goto out;
			}
		}
		cb->args[0] = dd->dev->ifindex + 1;
		cb->args[1] = 0;
	}
out:
	rcu_read_unlock();
	/* An empty message that does not fit is an error, else continue. */
	return err && !skb->len ? err : skb->len;
}

static void dha_notify_flushed(struct dha_binding *b, void *arg)
{
	dha_nl_notify_binding(arg, b, DHA_CMD_BINDING_DEL_NTF,
			      DHA_DEL_REASON_FLUSHED);
}

static int dha_nl_binding_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	u32 kind = 0;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	if (info->attrs[DHA_A_BINDING]) {
		err = nla_parse_nested(tb, DHA_A_BINDING_MAX,
				       info->attrs[DHA_A_BINDING],
				       dha_binding_policy, info->extack);
		if (err)
			goto put;
		if (tb[DHA_A_BINDING_KIND])
			kind = nla_get_u32(tb[DHA_A_BINDING_KIND]);
	}
	err = dha_nl_lock(dd, info->extack);
	if (err)
		goto put;
	dha_binding_flush(&dd->bindings, kind, dha_notify_flushed, dd);
	mutex_unlock(&dd->lock);
put:
	dha_dev_put(dd);
	return err;
}

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

static int dha_nl_peer_new(struct sk_buff *skb, struct genl_info *info)
{
	return dha_nl_peer_change(info, true);
}

static int dha_nl_peer_del(struct sk_buff *skb, struct genl_info *info)
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
static int dha_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
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
	    nla_put_u32(skb, DHA_A_DEV_STATS_QUEUE_LEN, load.queue_len))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
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
	    dha_nl_put_dev_stats(skb, dd)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int dha_nl_dev_get(struct sk_buff *skb, struct genl_info *info)
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

static int dha_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
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

static int dha_nl_dev_set(struct sk_buff *skb, struct genl_info *info)
{
	struct in6_addr local = {};
	struct dha_dev *dd;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, DHA_A_LOCAL))
		return -EINVAL;
	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	if (!ipv6_addr_any(nla_data(info->attrs[DHA_A_LOCAL])))
		err = dha_nl_unicast(info->attrs[DHA_A_LOCAL], &local,
				     info->extack);
	else
		err = 0;
	if (!err)
		err = dha_nl_lock(dd, info->extack);
	if (!err) {
		err = dha_dev_set_local(dd, &local);
		mutex_unlock(&dd->lock);
	}
	dha_dev_put(dd);
	return err;
}

static const struct genl_ops dha_nl_ops[] = {
	{
		.cmd = DHA_CMD_DEV_GET,
		.doit = dha_nl_dev_get,
		.dumpit = dha_nl_dev_dump,
	},
	{
		.cmd = DHA_CMD_DEV_SET,
		.doit = dha_nl_dev_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_BINDING_NEW,
		.doit = dha_nl_binding_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_BINDING_DEL,
		.doit = dha_nl_binding_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_BINDING_GET,
		.doit = dha_nl_binding_get,
		.start = dha_nl_dump_start,
		.dumpit = dha_nl_binding_dump,
	},
	{
		.cmd = DHA_CMD_BINDING_FLUSH,
		.doit = dha_nl_binding_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_PEER_NEW,
		.doit = dha_nl_peer_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_PEER_DEL,
		.doit = dha_nl_peer_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_PEER_GET,
		.start = dha_nl_dump_start,
		.dumpit = dha_nl_peer_dump,
	},
};

static const struct genl_multicast_group dha_nl_mcgrps[] = {
	[DHA_NLGRP_EVENTS] = { .name = DHA_MCGRP_EVENTS },
};

static struct genl_family dha_nl_family __ro_after_init = {
	.name = DHA_FAMILY_NAME,
	.version = DHA_FAMILY_VERSION,
	.maxattr = DHA_A_MAX,
	.policy = dha_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = dha_nl_ops,
	.n_ops = ARRAY_SIZE(dha_nl_ops),
	/*
	 * The genetlink header check of newer commands refuses the
	 * NLM_F_CREATE/EXCL/REPLACE flags that binding-new and its users
	 * rely on (they alias the dump modifiers). Attributes are still
	 * validated strictly.
	 */
	.resv_start_op = __DHA_CMD_MAX,
	.mcgrps = dha_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(dha_nl_mcgrps),
};

int dha_nl_init(void)
{
	return genl_register_family(&dha_nl_family);
}

void dha_nl_exit(void)
{
	genl_unregister_family(&dha_nl_family);
}
