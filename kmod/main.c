// SPDX-License-Identifier: GPL-2.0
/*
 * dha: fast path of a distributed Mobile IPv6 home agent.
 *
 * Order matters. The per-namespace state comes first: netlink dumps and the
 * link kind use it. The genetlink family comes before the link kind and
 * goes after it, because a device's periodic work sends notifications
 * until the device is gone, and unregistering the link kind is what removes
 * the devices. The home-link notifier comes next: devices detach from a
 * home link that goes away. The receive hook comes last and goes first, so
 * that it never runs without the rest.
 */
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "binding.h"
#include "device.h"
#include "home.h"
#include "netlink.h"
#include "receive.h"

static int __init dha_init(void)
{
	int err;

	err = dha_binding_init();
	if (err)
		return err;
	err = dha_pernet_init();
	if (err)
		goto err_binding;
	err = dha_nl_init();
	if (err)
		goto err_pernet;
	err = dha_link_init();
	if (err)
		goto err_nl;
	err = dha_home_init();
	if (err)
		goto err_link;
	err = dha_receive_init();
	if (err)
		goto err_home;
	pr_info("dha: Mobile IPv6 home agent fast path, netlink API version %d\n",
		DHA_GENL_VERSION);
	return 0;

err_home:
	dha_home_exit();
err_link:
	dha_link_exit();
err_nl:
	dha_nl_exit();
err_pernet:
	dha_pernet_exit();
err_binding:
	dha_binding_exit();
	return err;
}

static void __exit dha_exit(void)
{
	dha_receive_exit();
	dha_home_exit();
	dha_link_exit();
	dha_nl_exit();
	dha_pernet_exit();
	/* Bindings, targets and peers are freed by RCU callbacks. */
	rcu_barrier();
	dha_binding_exit();
}

module_init(dha_init);
module_exit(dha_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Fast path of a distributed Mobile IPv6 home agent");
MODULE_ALIAS_RTNL_LINK("dha");
MODULE_ALIAS_GENL_FAMILY(DHA_FAMILY_NAME);
