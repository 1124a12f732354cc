// SPDX-License-Identifier: GPL-2.0-only
/* dhad's routes of the home prefixes (route.h). */
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "sys/route.h"

struct nl_msg *route_msg(int type, uint32_t table, uint32_t ifindex,
			  const struct dhad_prefix *prefix)
{
	struct rtmsg rtm = {
		.rtm_family = AF_INET6,
		.rtm_dst_len = prefix->length,
		/* Above 255 only RTA_TABLE can say it. */
		.rtm_table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
		.rtm_protocol = ROUTE_PROTOCOL,
		.rtm_scope = RT_SCOPE_UNIVERSE,
		.rtm_type = RTN_UNICAST,
	};
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(type, type == RTM_NEWROUTE ?
				 NLM_F_CREATE | NLM_F_REPLACE : 0);
	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, RTA_DST, sizeof(prefix->address),
		    &prefix->address) < 0 ||
	    nla_put_u32(msg, RTA_TABLE, table) < 0 ||
	    nla_put_u32(msg, RTA_OIF, ifindex) < 0 ||
	    nla_put_u32(msg, RTA_PRIORITY, ROUTE_METRIC) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}
