// SPDX-License-Identifier: GPL-2.0
/*
 * The home link of a dha device and the prefixes it intercepts for.
 *
 * While some device of a namespace has a home link, the namespace has the
 * interception hook (intercept.c); while a device has one, that link is in
 * allmulticast mode, so that solicitations for any bound address reach the
 * hook without a solicited-node group per address. All changes are under
 * RTNL, which dev_set_allmulti() wants anyway; the datapath reads the
 * published struct dha_home under RCU. The multicast groups of the mobile
 * nodes are joined on the home link, so a change of link ends them.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "device.h"
#include "home.h"
#include "intercept.h"

/* Publishes @home (NULL: none) on @dd and undoes what the old one did. */
static int dha_home_replace(struct dha_dev *dd, struct dha_home *home)
{
	struct dha_home *old = rtnl_dereference(dd->home);
	struct net *net = dev_net(dd->dev);
	unsigned int *homes = dha_net_homes(net);
	struct net_device *link;
	int err;

	ASSERT_RTNL();
	if (!old && home && !(*homes)) {
		err = dha_intercept_start(net);
		if (err)
			return err;
	}
	if (home && (!old || old->ifindex != home->ifindex)) {
		link = __dev_get_by_index(net, home->ifindex);
		err = link ? dev_set_allmulti(link, 1) : -ENODEV;
		if (err) {
			if (!old && !(*homes))
				dha_intercept_stop(net);
			return err;
		}
	}
	rcu_assign_pointer(dd->home, home);
	if (old && (!home || old->ifindex != home->ifindex)) {
		/* Groups are joined on the old link: the nodes' reports move. */
		mutex_lock(&dd->lock);
		dha_group_flush(&dd->groups);
		dha_group_leave(&dd->groups);
		mutex_unlock(&dd->lock);
		link = __dev_get_by_index(net, old->ifindex);
		if (link)
			dev_set_allmulti(link, -1);
	}
	if (!old && home)
		(*homes)++;
	if (old && !home && !--(*homes))
		dha_intercept_stop(net);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/*
 * Attaches @dd to a home link, or changes its prefixes. RTNL; the caller
 * checked that the link exists and may be one.
 */
int dha_home_set(struct dha_dev *dd, const struct dha_home *home,
		 struct netlink_ext_ack *extack)
{
	struct dha_home *copy;
	int err;

	ASSERT_RTNL();
	copy = kmemdup(home, sizeof(*home), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	err = dha_home_replace(dd, copy);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot attach the home link");
		kfree(copy);
	}
	return err;
}

/* Detaches @dd from its home link, if any. RTNL. */
void dha_home_clear(struct dha_dev *dd)
{
	ASSERT_RTNL();
	if (rtnl_dereference(dd->home))
		dha_home_replace(dd, NULL);
}

/*
 * A home link going away or taken down detaches the devices that intercept
 * on it, as Linux drops a link's proxy entries when it goes down: what
 * comes back up (a host restarting) claims no address until its daemon
 * attaches the device again. A lost carrier is no such event.
 */
static int dha_home_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct dha_home *home;
	struct dha_dev *dd;

	if (event != NETDEV_UNREGISTER && event != NETDEV_DOWN)
		return NOTIFY_DONE;
	list_for_each_entry(dd, dha_net_devs(dev_net(dev)), list) {
		home = rtnl_dereference(dd->home);
		if (home && home->ifindex == dev->ifindex)
			dha_home_replace(dd, NULL);
	}
	return NOTIFY_DONE;
}

static struct notifier_block dha_home_notifier = {
	.notifier_call = dha_home_event,
};

int dha_home_init(void)
{
	return register_netdevice_notifier(&dha_home_notifier);
}

void dha_home_exit(void)
{
	unregister_netdevice_notifier(&dha_home_notifier);
}
