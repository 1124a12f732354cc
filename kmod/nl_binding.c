// SPDX-License-Identifier: GPL-2.0
/*
 * The dha family's binding commands: binding-new, binding-del,
 * binding-get and its dump, binding-flush.
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

int dha_nl_binding_del(struct sk_buff *skb, struct genl_info *info)
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
