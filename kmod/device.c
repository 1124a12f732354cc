// SPDX-License-Identifier: GPL-2.0
/*
 * The dha net_device (link kind "dha") and the per-namespace list of them.
 *
 * Packets routed into the device are tunneled by encap.c; packets tunneled
 * to the host are claimed by receive.c, which walks the namespace's device
 * list under RCU.
 */
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/pkt_sched.h>
#include <net/rtnetlink.h>
#include <net/ip6_route.h>

#include "compat.h"
#include "device.h"
#include "encap.h"
#include "home.h"
#include "nl_notify.h"

#define DHA_PERIOD HZ

static struct rtnl_link_ops dha_link_ops;

bool dha_is_dha_dev(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &dha_link_ops;
}

/* A reference to the dha device @ifindex of @net, or NULL. */
struct dha_dev *dha_dev_get(struct net *net, u32 ifindex)
{
	struct net_device *dev = dev_get_by_index(net, ifindex);

	if (!dev)
		return NULL;
	if (!dha_is_dha_dev(dev)) {
		dev_put(dev);
		return NULL;
	}
	return netdev_priv(dev);
}

void dha_dev_put(struct dha_dev *dd)
{
	dev_put(dd->dev);
}

void dha_dev_read_stats(struct dha_dev *dd, struct dha_dev_stats *out)
{
	const struct dha_dev_pcpu_stats *s;
	struct dha_dev_stats one;
	unsigned int start, i;
	int cpu;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		s = per_cpu_ptr(dd->stats, cpu);
		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.tx_packets = u64_stats_read(&s->tx.packets);
			one.tx_bytes = u64_stats_read(&s->tx.bytes);
			one.rx_packets = u64_stats_read(&s->rx.packets);
			one.rx_bytes = u64_stats_read(&s->rx.bytes);
			for (i = 0; i < DHA_DROP_MAX; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
			one.icmp_relayed = u64_stats_read(&s->icmp_relayed);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		out->tx_packets += one.tx_packets;
		out->tx_bytes += one.tx_bytes;
		out->rx_packets += one.rx_packets;
		out->rx_bytes += one.rx_bytes;
		for (i = 0; i < DHA_DROP_MAX; i++)
			out->drops[i] += one.drops[i];
		out->icmp_relayed += one.icmp_relayed;
	}
}

static void dha_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *st)
{
	struct dha_dev_stats s;

	dha_dev_read_stats(netdev_priv(dev), &s);
	st->tx_packets = s.tx_packets;
	st->tx_bytes = s.tx_bytes;
	st->rx_packets = s.rx_packets;
	st->rx_bytes = s.rx_bytes;
	st->tx_dropped = s.drops[DHA_DROP_TX_NO_BINDING] +
			 s.drops[DHA_DROP_TX_TOO_BIG] +
			 s.drops[DHA_DROP_TX_NO_ROUTE] +
			 s.drops[DHA_DROP_TX_MALFORMED];
	st->rx_dropped = s.drops[DHA_DROP_RX_SPOOFED] +
			 s.drops[DHA_DROP_RX_NO_BINDING] +
			 s.drops[DHA_DROP_RX_MALFORMED];
}

/* Set, or with the unspecified address clear, the local address. */
int dha_dev_set_local(struct dha_dev *dd, const struct in6_addr *addr)
{
	struct dha_local *l = NULL, *old;

	lockdep_assert_held(&dd->lock);
	if (!ipv6_addr_any(addr)) {
		l = kmalloc(sizeof(*l), GFP_KERNEL);
		if (!l)
			return -ENOMEM;
		l->addr = *addr;
	}
	old = rcu_replace_pointer(dd->local, l, lockdep_is_held(&dd->lock));
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static void dha_notify_expired(struct dha_binding *b, void *arg)
{
	struct dha_dev *dd = arg;

	dha_nl_notify_binding(dd, b, DHA_CMD_BINDING_DEL_NTF,
			      DHA_DEL_REASON_EXPIRED);
	dha_group_forget(&dd->groups, b);
}

static void dha_forget_groups(struct dha_binding *b, void *arg)
{
	struct dha_dev *dd = arg;

	dha_group_forget(&dd->groups, b);
}

/* Once a second: expire bindings and sample the load figures. */
static void dha_periodic(struct work_struct *work)
{
	struct dha_dev *dd = container_of(to_delayed_work(work), struct dha_dev,
					  periodic);
	struct dha_dev_stats s;

	mutex_lock(&dd->lock);
	if (dd->dead) {
		mutex_unlock(&dd->lock);
		return;
	}
	dha_binding_expire(&dd->bindings, jiffies, dha_notify_expired, dd);
	mutex_unlock(&dd->lock);

	dha_dev_read_stats(dd, &s);
	dha_load_sample(&dd->load, s.tx_packets, s.tx_bytes, s.rx_packets,
			s.rx_bytes, jiffies);
	queue_delayed_work(system_power_efficient_wq, &dd->periodic,
			   round_jiffies_relative(DHA_PERIOD));
}

static int dha_dev_init(struct net_device *dev)
{
	struct dha_dev *dd = netdev_priv(dev);
	int err;

	dd->dev = dev;
	mutex_init(&dd->lock);
	INIT_LIST_HEAD(&dd->list);
	INIT_DELAYED_WORK(&dd->periodic, dha_periodic);
	dha_load_init(&dd->load);
	dha_adverts_init(&dd->adverts);
	dd->stats = netdev_alloc_pcpu_stats(struct dha_dev_pcpu_stats);
	if (!dd->stats)
		return -ENOMEM;
	err = dha_group_table_init(&dd->groups, &dd->lock);
	if (err)
		goto free_stats;
	err = dha_binding_table_init(&dd->bindings, &dd->lock);
	if (err)
		goto free_groups;
	err = dha_peer_table_init(&dd->peers, &dd->lock);
	if (err)
		goto free_bindings;
	return 0;

free_bindings:
	dha_binding_table_destroy(&dd->bindings);
free_groups:
	dha_group_table_destroy(&dd->groups);
free_stats:
	free_percpu(dd->stats);
	return err;
}

/*
 * Unregistration: dellink already took the device off the namespace list
 * and the core waited for a grace period, so no receive path can reach it;
 * the transmit path is stopped. Netlink handlers may still hold a
 * reference, hence the dead flag and the tables staying allocated until the
 * destructor.
 */
static void dha_dev_uninit(struct net_device *dev)
{
	struct dha_dev *dd = netdev_priv(dev);

	dha_home_clear(dd);
	mutex_lock(&dd->lock);
	dd->dead = true;
	dha_adverts_flush(&dd->adverts);
	dha_binding_flush(&dd->bindings, 0, dha_forget_groups, dd);
	dha_group_leave(&dd->groups);
	dha_peer_flush(&dd->peers);
	dha_dev_set_local(dd, &in6addr_any);
	mutex_unlock(&dd->lock);
	cancel_delayed_work_sync(&dd->periodic);
	dha_group_table_stop(&dd->groups);
}

static void dha_dev_destruct(struct net_device *dev)
{
	struct dha_dev *dd = netdev_priv(dev);

	dha_peer_table_destroy(&dd->peers);
	dha_binding_table_destroy(&dd->bindings);
	dha_group_table_destroy(&dd->groups);
	free_percpu(dd->stats);
}

static const struct net_device_ops dha_netdev_ops = {
	.ndo_init = dha_dev_init,
	.ndo_uninit = dha_dev_uninit,
	.ndo_start_xmit = dha_xmit,
	.ndo_get_stats64 = dha_get_stats64,
};

static void dha_setup(struct net_device *dev)
{
	dev->netdev_ops = &dha_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->needed_headroom = LL_MAX_HEADER + sizeof(struct ipv6hdr);
	dev->mtu = ETH_DATA_LEN - sizeof(struct ipv6hdr);
	dev->min_mtu = IPV6_MIN_MTU;
	dev->max_mtu = IP6_MAX_MTU - sizeof(struct ipv6hdr);
	/* A real queue, so that its length can be reported as load. */
	dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	dha_compat_set_lltx(dev);
	/* Tables and the receive hook belong to the namespace it was made in. */
	dha_compat_set_netns_local(dev);
	dev->needs_free_netdev = true;
	dev->priv_destructor = dha_dev_destruct;
}

static int dha_validate(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG(extack, "dha devices have no link-layer address");
		return -EINVAL;
	}
	return 0;
}

static int dha_newlink(struct net *src_net, struct net_device *dev,
		       struct nlattr *tb[], struct nlattr *data[],
		       struct netlink_ext_ack *extack)
{
	struct dha_dev *dd = netdev_priv(dev);
	int err;

	err = register_netdevice(dev);
	if (err)
		return err;
	list_add_rcu(&dd->list, dha_net_devs(dev_net(dev)));
	queue_delayed_work(system_power_efficient_wq, &dd->periodic,
			   round_jiffies_relative(DHA_PERIOD));
	return 0;
}

static void dha_dellink(struct net_device *dev, struct list_head *head)
{
	struct dha_dev *dd = netdev_priv(dev);

	ASSERT_RTNL();
	list_del_rcu(&dd->list);
	unregister_netdevice_queue(dev, head);
}

static struct rtnl_link_ops dha_link_ops __read_mostly = {
	.kind = "dha",
	.priv_size = sizeof(struct dha_dev),
	.setup = dha_setup,
	.validate = dha_validate,
	.newlink = dha_newlink,
	.dellink = dha_dellink,
};

int dha_link_init(void)
{
	return rtnl_link_register(&dha_link_ops);
}

void dha_link_exit(void)
{
	rtnl_link_unregister(&dha_link_ops);
}
