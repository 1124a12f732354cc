// SPDX-License-Identifier: GPL-2.0
/*
 * The dha family's binding commands: binding-new, binding-del,
 * binding-get and its dump, binding-flush.
 *
 * A request names a home or global binding by its home address, and a
 * proxy binding by its kind and its one home network prefix.
 */
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "compat.h"
#include "device.h"
#include "nl_family.h"
#include "nl_notify.h"

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

static bool dha_nl_proxy_kind(struct nlattr **tb)
{
	return tb[DHA_A_BINDING_KIND] &&
	       dha_binding_kind_is_proxy(nla_get_u32(tb[DHA_A_BINDING_KIND]));
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
	if (!dha_nl_proxy_kind(tb)) {
		if (NL_REQ_ATTR_CHECK(info->extack, nest, tb,
				      DHA_A_BINDING_HOME_ADDRESS))
			return -EINVAL;
		return 0;
	}
	if (tb[DHA_A_BINDING_HOME_ADDRESS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[DHA_A_BINDING_HOME_ADDRESS],
				    "a proxy binding is named by its prefix, not a home address");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(info->extack, nest, tb, DHA_A_BINDING_PREFIX))
		return -EINVAL;
	return 0;
}

/* The one home network prefix of a proxy binding (RFC 5213: /64 or shorter). */
static int dha_nl_parse_proxy_prefix(const struct nlattr *binding,
				     struct dha_prefix_key *key,
				     struct netlink_ext_ack *extack)
{
	const struct nlattr *attr, *found = NULL;
	int rem, err;

	nla_for_each_nested(attr, binding, rem) {
		if (nla_type(attr) != DHA_A_BINDING_PREFIX)
			continue;
		if (found) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "a proxy binding has exactly one prefix");
			return -EINVAL;
		}
		found = attr;
	}
	err = dha_nl_parse_prefix(found, key, extack);
	if (err)
		return err;
	if (key->len > 64) {
		NL_SET_ERR_MSG_ATTR(extack, found,
				    "home network prefix longer than 64 bits");
		return -EINVAL;
	}
	return 0;
}

/* The endpoints and prefix of a proxy-lma or proxy-mag binding. */
static int dha_nl_parse_proxy_spec(struct nlattr *nest, struct nlattr **tb,
				   struct dha_binding_spec *spec,
				   struct netlink_ext_ack *extack)
{
	bool lma = spec->kind == DHA_BINDING_KIND_PROXY_LMA;
	int remote_type = lma ? DHA_A_BINDING_CARE_OF_ADDRESS :
				DHA_A_BINDING_LMA_ADDRESS;
	struct nlattr *wrong;
	int err;

	wrong = tb[lma ? DHA_A_BINDING_LMA_ADDRESS :
			 DHA_A_BINDING_CARE_OF_ADDRESS];
	if (wrong) {
		if (lma)
			NL_SET_ERR_MSG_ATTR(extack, wrong,
					    "a proxy-lma binding tunnels to a MAG's care-of address, not to an LMA");
		else
			NL_SET_ERR_MSG_ATTR(extack, wrong,
					    "a proxy-mag binding tunnels to its LMA, not to a care-of address");
		return -EINVAL;
	}
	if (tb[DHA_A_BINDING_HOME_AGENT]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[DHA_A_BINDING_HOME_AGENT],
				    "a proxy binding has no home agent");
		return -EINVAL;
	}
	wrong = tb[DHA_A_BINDING_LINK_LOCAL] ?: tb[DHA_A_BINDING_ADVERTISE];
	if (wrong) {
		NL_SET_ERR_MSG_ATTR(extack, wrong,
				    "link-local and advertise are for home bindings");
		return -EINVAL;
	}
	if (!tb[remote_type]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, remote_type);
		if (lma)
			NL_SET_ERR_MSG(extack,
				       "missing the serving MAG's proxy care-of address");
		else
			NL_SET_ERR_MSG(extack, "missing the LMA address");
		return -EINVAL;
	}
	err = dha_nl_unicast(tb[remote_type], &spec->remote, extack);
	if (err)
		return err;
	if (tb[DHA_A_BINDING_LOCAL_ADDRESS]) {
		err = dha_nl_unicast(tb[DHA_A_BINDING_LOCAL_ADDRESS],
				     &spec->local, extack);
		if (err)
			return err;
		spec->has_local = true;
	}
	spec->n_prefixes = 1;
	return dha_nl_parse_proxy_prefix(nest, &spec->prefixes[0], extack);
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
	if (tb[DHA_A_BINDING_LIFETIME])
		spec->lifetime = nla_get_u32(tb[DHA_A_BINDING_LIFETIME]);
	if (dha_nl_proxy_kind(tb)) {
		spec->kind = nla_get_u32(tb[DHA_A_BINDING_KIND]);
		return dha_nl_parse_proxy_spec(nest, tb, spec, extack);
	}
	remote = tb[DHA_A_BINDING_LMA_ADDRESS] ?: tb[DHA_A_BINDING_LOCAL_ADDRESS];
	if (remote) {
		NL_SET_ERR_MSG_ATTR(extack, remote,
				    "only proxy bindings have an LMA or local address");
		return -EINVAL;
	}
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
	spec->link_local = nla_get_flag(tb[DHA_A_BINDING_LINK_LOCAL]);
	return dha_nl_parse_prefixes(nest, spec, extack);
}

int dha_nl_binding_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	struct dha_binding_spec *spec;
	struct dha_binding *b;
	struct dha_dev *dd;
	bool advertise;
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
	dha_nl_parse_binding(info, tb);
	advertise = nla_get_flag(tb[DHA_A_BINDING_ADVERTISE]);
	err = dha_nl_lock(dd, info->extack);
	if (err)
		goto free;
	err = dha_binding_set(&dd->bindings, spec, info->nlhdr->nlmsg_flags,
			      &b, info->extack);
	if (!err)
		dha_nl_notify_binding(dd, b, DHA_CMD_BINDING_NEW_NTF, 0);
	/* Best effort: the binding stands even if it goes unannounced. */
	if (!err && advertise)
		dha_adverts_queue(&dd->adverts, &spec->hoa);
	mutex_unlock(&dd->lock);
free:
	kfree(spec);
put:
	dha_dev_put(dd);
	return err;
}

/* What names the binding of a del or get request. */
struct dha_nl_key {
	u32 kind;	/* 0: any */
	struct in6_addr hoa;
	struct dha_prefix_key prefix;
};

static int dha_nl_parse_key(struct genl_info *info, struct nlattr **tb,
			    struct dha_nl_key *key)
{
	int err;

	err = dha_nl_parse_binding(info, tb);
	if (err)
		return err;
	key->kind = tb[DHA_A_BINDING_KIND] ?
		    nla_get_u32(tb[DHA_A_BINDING_KIND]) : 0;
	if (dha_binding_kind_is_proxy(key->kind))
		return dha_nl_parse_proxy_prefix(info->attrs[DHA_A_BINDING],
						 &key->prefix, info->extack);
	key->hoa = nla_get_in6_addr(tb[DHA_A_BINDING_HOME_ADDRESS]);
	return 0;
}

/* The binding a request names, of the kind it names if any. Under lock. */
static struct dha_binding *dha_nl_find_binding(struct dha_dev *dd,
					       struct genl_info *info,
					       struct nlattr **tb,
					       const struct dha_nl_key *key)
{
	const struct dha_binding_target *tg;
	struct dha_binding *b;

	lockdep_assert_held(&dd->lock);
	if (dha_binding_kind_is_proxy(key->kind)) {
		b = dha_binding_lookup_proxy(&dd->bindings, key->kind,
					     &key->prefix);
		if (!b)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[DHA_A_BINDING_PREFIX],
					    "no such binding");
		return b;
	}
	/* The hash is read under RCU; the lock keeps what it finds. */
	rcu_read_lock();
	b = dha_binding_lookup(&dd->bindings, &key->hoa);
	rcu_read_unlock();
	tg = b ? rcu_dereference_protected(b->target,
					   lockdep_is_held(&dd->lock)) : NULL;
	if (tg && key->kind && key->kind != tg->kind)
		b = NULL;
	if (!b)
		NL_SET_ERR_MSG_ATTR(info->extack, tb[DHA_A_BINDING_HOME_ADDRESS],
				    "no such binding");
	return b;
}

int dha_nl_binding_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	struct dha_binding *b;
	struct dha_nl_key key;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	err = dha_nl_parse_key(info, tb, &key);
	if (err)
		goto put;
	err = dha_nl_lock(dd, info->extack);
	if (err)
		goto put;
	b = dha_nl_find_binding(dd, info, tb, &key);
	if (b) {
		dha_nl_notify_binding(dd, b, DHA_CMD_BINDING_DEL_NTF,
				      DHA_DEL_REASON_DELETED);
		dha_group_forget(&dd->groups, b);
		dha_binding_remove(&dd->bindings, b);
	} else {
		err = -ENOENT;
	}
	mutex_unlock(&dd->lock);
put:
	dha_dev_put(dd);
	return err;
}

int dha_nl_binding_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[DHA_A_BINDING_MAX + 1];
	struct dha_binding *b;
	struct dha_nl_key key;
	struct sk_buff *msg;
	struct dha_dev *dd;
	int err;

	dd = dha_nl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dd))
		return PTR_ERR(dd);
	err = dha_nl_parse_key(info, tb, &key);
	if (err)
		goto put;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto put;
	}
	/* The lock keeps the binding alive while the reply is filled. */
	mutex_lock(&dd->lock);
	b = dha_nl_find_binding(dd, info, tb, &key);
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
int dha_nl_binding_dump(struct sk_buff *skb, struct netlink_callback *cb)
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
	struct dha_dev *dd = arg;

	dha_nl_notify_binding(dd, b, DHA_CMD_BINDING_DEL_NTF,
			      DHA_DEL_REASON_FLUSHED);
	dha_group_forget(&dd->groups, b);
}

int dha_nl_binding_flush(struct sk_buff *skb, struct genl_info *info)
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
