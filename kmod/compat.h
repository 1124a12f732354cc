/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels dha builds against lives here, so
 * that no other file needs a version test. Supported: Debian's 6.1 and 6.12.
 */
#ifndef _DHA_COMPAT_H
#define _DHA_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <net/netlink.h>
#include <net/genetlink.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 7, 0)
/* NLA_UINT arrived in 6.7; emit the same 4-or-8-byte encoding by hand. */
static inline int nla_put_uint(struct sk_buff *skb, int attrtype, u64 value)
{
	u32 small = value;

	if (small == value)
		return nla_put_u32(skb, attrtype, small);
	return nla_put(skb, attrtype, sizeof(value), &value);
}
#endif

/* Lockless transmit moved from a feature bit to a device flag in 6.12. */
static inline void dha_compat_set_lltx(struct net_device *dev)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
	dev->features |= NETIF_F_LLTX;
#else
	dev->lltx = true;
#endif
}

/*
 * So did "never changes namespace", renamed netns_immutable in 6.15;
 * Debian's 6.12 carries the rename.
 */
static inline void dha_compat_set_netns_local(struct net_device *dev)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
	dev->features |= NETIF_F_NETNS_LOCAL;
#else
	dev->netns_immutable = true;
#endif
}

/* Parsed request attributes of a dump; 6.2 moved them into a genl_info. */
static inline struct nlattr **dha_compat_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->attrs;
#else
	return genl_dumpit_info(cb)->info.attrs;
#endif
}

/* The GSO helpers left skbuff.h for their own header in 6.5. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#include <net/gso.h>
#endif

/* __counted_by() arrived in 6.5. */
#ifndef __counted_by
#define __counted_by(member)
#endif

#endif /* _DHA_COMPAT_H */
