/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_DEVICE_H
#define _DHA_DEVICE_H

#include <linux/netdevice.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

#include "binding.h"
#include "counter.h"
#include "group.h"
#include "peer.h"
#include "load.h"
#include "ndisc.h"

struct dha_home;

/* Why a packet was dropped; each reason has its own per-CPU counter. */
enum dha_drop_reason {
	DHA_DROP_TX_NO_BINDING,
	DHA_DROP_TX_TOO_BIG,
	DHA_DROP_TX_NO_ROUTE,
	DHA_DROP_TX_MALFORMED,
	DHA_DROP_RX_SPOOFED,
	DHA_DROP_RX_NO_BINDING,
	DHA_DROP_RX_MALFORMED,
	DHA_DROP_MAX,
};

struct dha_dev_pcpu_stats {
	struct dha_pcpu_traffic tx;
	struct dha_pcpu_traffic rx;
	u64_stats_t drops[DHA_DROP_MAX];
	/* ICMPv6 errors from inside the tunnel passed on to the sender. */
	u64_stats_t icmp_relayed;
	struct u64_stats_sync syncp;
};

struct dha_dev_stats {
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes;
	u64 drops[DHA_DROP_MAX];
	u64 icmp_relayed;
};

struct dha_local {
	struct in6_addr addr;
	struct rcu_head rcu;
};

/*
 * Private part of a dha net_device.
 *
 * Lifetime: lives as long as the net_device. It sits on its namespace's
 * device list (RTNL for writers, RCU for the receive path) from newlink to
 * dellink; unregistration waits for an RCU grace period before ndo_uninit
 * empties the tables, so the receive path never sees freed bindings.
 */
struct dha_dev {
	struct net_device *dev;
	struct list_head list;
	/* Serialises every change of bindings, prefixes, peers and local. */
	struct mutex lock;
	/* Set under @lock when the device is being torn down. */
	bool dead;
	struct dha_local __rcu *local;
	/* Where it intercepts, if anywhere; RTNL for writers (home.c). */
	struct dha_home __rcu *home;
	struct dha_adverts adverts;
	struct dha_binding_table bindings;
	/* Multicast groups its mobile nodes listen to (group.c). */
	struct dha_group_table groups;
	struct dha_peer_table peers;
	struct dha_load load;
	struct delayed_work periodic;
	struct dha_dev_pcpu_stats __percpu *stats;
};

#include "netns.h"

bool dha_is_dha_dev(const struct net_device *dev);
struct dha_dev *dha_dev_get(struct net *net, u32 ifindex);
void dha_dev_put(struct dha_dev *dd);

/*
 * The datapath's per-packet counting and its reading of the local address
 * are inline: encap.c and receive.c need no call into this file.
 */
static inline void dha_dev_count_tx(struct dha_dev *dd, unsigned int len)
{
	struct dha_dev_pcpu_stats *s = this_cpu_ptr(dd->stats);

	dha_traffic_count(&s->syncp, &s->tx, len);
}

static inline void dha_dev_count_rx(struct dha_dev *dd, unsigned int len)
{
	struct dha_dev_pcpu_stats *s = this_cpu_ptr(dd->stats);

	dha_traffic_count(&s->syncp, &s->rx, len);
}

static inline void dha_dev_count_drop(struct dha_dev *dd,
				      enum dha_drop_reason reason)
{
	struct dha_dev_pcpu_stats *s = this_cpu_ptr(dd->stats);

	dha_counter_inc(&s->syncp, &s->drops[reason]);
}

static inline void dha_dev_count_icmp_relayed(struct dha_dev *dd)
{
	struct dha_dev_pcpu_stats *s = this_cpu_ptr(dd->stats);

	dha_counter_inc(&s->syncp, &s->icmp_relayed);
}

/* True and *out filled when a local address is configured. RCU or lock. */
static inline bool dha_dev_local(struct dha_dev *dd, struct in6_addr *out)
{
	struct dha_local *l;
	bool set = false;

	rcu_read_lock();
	l = rcu_dereference(dd->local);
	if (l) {
		*out = l->addr;
		set = true;
	}
	rcu_read_unlock();
	return set;
}

void dha_dev_read_stats(struct dha_dev *dd, struct dha_dev_stats *out);
int dha_dev_set_local(struct dha_dev *dd, const struct in6_addr *addr);

int dha_link_init(void);
void dha_link_exit(void);

#endif /* _DHA_DEVICE_H */
