// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic netlink: the controller and the dha family. See genl.h.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <linux/dha.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "genl.h"

/* ---- the controller ---- */

int dha_genl_parse_family(const struct nlmsghdr *nlh, const char *group,
			  struct dha_genl_family *out)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *tb_group[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct nlattr *nest;
	int remaining;

	memset(out, 0, sizeof(*out));
	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, CTRL_ATTR_MAX,
			  NULL) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_ID] ||
	    nla_len(tb[CTRL_ATTR_FAMILY_ID]) != sizeof(uint16_t))
		return -EBADMSG;
	out->id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (tb[CTRL_ATTR_VERSION] &&
	    nla_len(tb[CTRL_ATTR_VERSION]) == sizeof(uint32_t))
		out->version = nla_get_u32(tb[CTRL_ATTR_VERSION]);
	if (!group || !tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	nla_for_each_nested(nest, tb[CTRL_ATTR_MCAST_GROUPS], remaining) {
		if (nla_parse_nested(tb_group, CTRL_ATTR_MCAST_GRP_MAX, nest,
				     NULL) < 0)
			return -EBADMSG;
		if (!tb_group[CTRL_ATTR_MCAST_GRP_NAME] ||
		    !tb_group[CTRL_ATTR_MCAST_GRP_ID] ||
		    nla_len(tb_group[CTRL_ATTR_MCAST_GRP_ID]) !=
			    sizeof(uint32_t))
			continue;
		if (nla_strcmp(tb_group[CTRL_ATTR_MCAST_GRP_NAME], group) == 0)
			out->group = nla_get_u32(tb_group[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return 0;
}

struct family_reply {
	const char *group;
	struct dha_genl_family *out;
	bool found;
};

static int family_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct family_reply *reply = arg;
	int ret = dha_genl_parse_family(nlh, reply->group, reply->out);

	reply->found = ret == 0;
	return ret;
}

int dha_genl_resolve(struct nlsock *sock, const char *name, const char *group,
		     struct dha_genl_family *out)
{
	struct family_reply reply = { .group = group, .out = out };
	struct nl_msg *msg;
	int ret;

	memset(out, 0, sizeof(*out));
	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, 0,
			 CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, name) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	ret = nlsock_request_msg(sock, msg, family_reply, &reply);
	if (ret)
		return ret;
	return reply.found ? 0 : -EBADMSG;
}

/* ---- the dha family ---- */

int dha_nl_open(struct dha_nl *nl)
{
	struct dha_genl_family family;
	int ret;

	memset(nl, 0, sizeof(*nl));
	ret = nlsock_open(&nl->sock, NETLINK_GENERIC);
	if (ret)
		return ret;
	ret = dha_genl_resolve(&nl->sock, DHA_FAMILY_NAME, DHA_MCGRP_EVENTS,
			       &family);
	if (ret) {
		dha_nl_close(nl);
		return ret;
	}
	nl->family_id = family.id;
	nl->family_version = family.version;
	nl->events_group = family.group;
	return 0;
}

void dha_nl_close(struct dha_nl *nl)
{
	nlsock_close(&nl->sock);
}

struct nl_msg *dha_nl_request(const struct dha_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family_id, 0,
			 flags, cmd, DHA_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int dha_nl_transact(struct dha_nl *nl, struct nl_msg *msg,
		    dha_nl_reply_fn reply, void *arg)
{
	return nlsock_request_msg(&nl->sock, msg, reply, arg);
}

int dha_nl_subscribe_events(const struct dha_nl *nl, struct nlsock *sock)
{
	if (!nl->events_group)
		return -ENOENT;
	return nlsock_join(sock, nl->events_group);
}

struct events {
	int family_id;
	dha_nl_reply_fn fn;
	void *arg;
};

static int event(const struct nlmsghdr *nlh, void *arg)
{
	const struct events *events = arg;

	if (nlh->nlmsg_type != events->family_id)
		return 0;
	return events->fn(nlh, events->arg);
}

int dha_nl_receive_events(const struct dha_nl *nl, struct nlsock *sock,
			  int flags, int timeout_ms, dha_nl_reply_fn fn,
			  void *arg)
{
	struct events events = { nl->family_id, fn, arg };

	return nlsock_read(sock, flags, timeout_ms, event, &events);
}

int dha_nl_put_prefix(struct nl_msg *msg, int type,
		      const struct in6_addr *address, uint8_t length)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!nest ||
	    nla_put(msg, DHA_A_PREFIX_ADDRESS, sizeof(*address), address) < 0 ||
	    nla_put_u8(msg, DHA_A_PREFIX_LENGTH, length) < 0)
		return -ENOMEM;
	nla_nest_end(msg, nest);
	return 0;
}
