// SPDX-License-Identifier: GPL-2.0
/*
 * dha: fast path of a distributed Mobile IPv6 home agent.
 *
 * Order matters: the namespaces and the link kind exist before netlink can
 * name a device, and the receive hook comes last so that it never runs
 * without them. Exit undoes it in reverse.
 */
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "binding.h"
#include "device.h"
#include "netlink.h"
#include "receive.h"

static int __init dha_init(void)
{
	int err;

	err = dha_binding_init();
	if (err)
		return err;
	err = dha_device_init();
	if (err)
		goto err_binding;
	err = dha_nl_init();
	if (err)
		goto err_device;
	err = dha_receive_init();
	if (err)
		goto err_nl;
	pr_info("dha: Mobile IPv6 home agent fast path, netlink API version %d\n",
		DHA_GENL_VERSION);
	return 0;

err_nl:
	dha_nl_exit();
err_device:
	dha_device_exit();
err_binding:
	dha_binding_exit();
	return err;
}

static void __exit dha_exit(void)
{
	dha_receive_exit();
	dha_nl_exit();
	dha_device_exit();
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
