// SPDX-License-Identifier: GPL-2.0
/*
 * The commands of the "dha" generic netlink family (nl_family.c), and its
 * registration.
 */
#include <net/genetlink.h>

#include "netlink.h"
#include "nl_family.h"

static const struct genl_ops dha_nl_ops[] = {
	{
		.cmd = DHA_CMD_DEV_GET,
		.doit = dha_nl_dev_get,
		.dumpit = dha_nl_dev_dump,
	},
	{
		.cmd = DHA_CMD_DEV_SET,
		.doit = dha_nl_dev_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_BINDING_NEW,
		.doit = dha_nl_binding_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_BINDING_DEL,
		.doit = dha_nl_binding_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_BINDING_GET,
		.doit = dha_nl_binding_get,
		.start = dha_nl_dump_start,
		.dumpit = dha_nl_binding_dump,
	},
	{
		.cmd = DHA_CMD_BINDING_FLUSH,
		.doit = dha_nl_binding_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_PEER_NEW,
		.doit = dha_nl_peer_new,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_PEER_DEL,
		.doit = dha_nl_peer_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = DHA_CMD_PEER_GET,
		.start = dha_nl_dump_start,
		.dumpit = dha_nl_peer_dump,
	},
	{
		.cmd = DHA_CMD_PROXY_PEER_GET,
		.start = dha_nl_dump_start,
		.dumpit = dha_nl_proxy_peer_dump,
	},
};

/* Called once, from module init, before the family is read-only. */
int dha_nl_init(void)
{
	dha_nl_family.ops = dha_nl_ops;
	dha_nl_family.n_ops = ARRAY_SIZE(dha_nl_ops);
	return genl_register_family(&dha_nl_family);
}

void dha_nl_exit(void)
{
	genl_unregister_family(&dha_nl_family);
}
