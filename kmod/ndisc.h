/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_NDISC_H
#define _DHA_NDISC_H

#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct dha_dev;
struct dha_home;

/*
 * Unsolicited Neighbor Advertisements still due, paced by one work item:
 * @fresh are due now, @repeat in the order they are due (every repeat has
 * the same interval, so appending keeps the order).
 */
struct dha_adverts {
	/* Guards the lists and @count; taken from the work and netlink. */
	spinlock_t lock;
	struct list_head fresh;
	struct list_head repeat;
	unsigned int count;
	struct delayed_work work;
};

void dha_adverts_init(struct dha_adverts *q);
void dha_adverts_flush(struct dha_adverts *q);
int dha_adverts_queue(struct dha_adverts *q, const struct in6_addr *hoa);

unsigned int dha_ndisc_rcv(struct dha_dev *dd, const struct dha_home *home,
			   struct sk_buff *skb, struct net_device *in);

#endif /* _DHA_NDISC_H */
