/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the dha generic netlink family share: the family and
 * its policies (nl_family.c), the device a request names (nl_device.c),
 * the binding message (nl_notify.c) and the handlers netlink.c registers.
 */
#ifndef _DHA_NL_FAMILY_H
#define _DHA_NL_FAMILY_H

#include <net/genetlink.h>
#include <linux/dha.h>

struct dha_dev;
struct dha_binding;

enum dha_nl_mcgrp {
	DHA_NLGRP_EVENTS,
};

/* nl_family.c. Its commands are set by dha_nl_init() (netlink.c). */
extern struct genl_family dha_nl_family;
extern const struct nla_policy dha_prefix_policy[DHA_A_PREFIX_MAX + 1];
extern const struct nla_policy dha_binding_policy[DHA_A_BINDING_MAX + 1];
extern const struct nla_policy dha_peer_policy[DHA_A_PEER_MAX + 1];

struct dha_prefix_key;
int dha_nl_parse_prefix(const struct nlattr *nest, struct dha_prefix_key *key,
			struct netlink_ext_ack *extack);
int dha_nl_unicast(const struct nlattr *attr, struct in6_addr *out,
		   struct netlink_ext_ack *extack);

static inline int dha_nl_put_addr(struct sk_buff *skb, int type,
				  const struct in6_addr *addr)
{
	return nla_put_in6_addr(skb, type, addr);
}

/* nl_device.c: the devices requests and dumps name. */
struct dha_dev *dha_nl_dev(struct net *net, struct nlattr **attrs,
			   struct netlink_ext_ack *extack);
int dha_nl_lock(struct dha_dev *dd, struct netlink_ext_ack *extack);
struct dha_dev *dha_nl_next_dev(struct net *net, unsigned long from,
				u32 only);
u32 dha_nl_dump_ifindex(struct netlink_callback *cb);
int dha_nl_dump_start(struct netlink_callback *cb);

int dha_nl_dev_get(struct sk_buff *skb, struct genl_info *info);
int dha_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb);
int dha_nl_dev_set(struct sk_buff *skb, struct genl_info *info);

/* nl_notify.c: one binding as a message of the family. */
int dha_nl_fill_binding(struct sk_buff *skb, struct dha_dev *dd,
			struct dha_binding *b, u8 cmd, u32 portid,
			u32 seq, int flags, enum dha_del_reason reason);

/* nl_binding.c */
int dha_nl_binding_new(struct sk_buff *skb, struct genl_info *info);
int dha_nl_binding_del(struct sk_buff *skb, struct genl_info *info);
int dha_nl_binding_get(struct sk_buff *skb, struct genl_info *info);
int dha_nl_binding_dump(struct sk_buff *skb, struct netlink_callback *cb);
int dha_nl_binding_flush(struct sk_buff *skb, struct genl_info *info);

/* nl_peer.c */
int dha_nl_peer_new(struct sk_buff *skb, struct genl_info *info);
int dha_nl_peer_del(struct sk_buff *skb, struct genl_info *info);
int dha_nl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* nl_proxy_peer.c */
int dha_nl_proxy_peer_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _DHA_NL_FAMILY_H */
