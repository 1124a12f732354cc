// SPDX-License-Identifier: GPL-2.0-only
/*
 * What makes a member of a global set able to serve (draft 5.1), and
 * what it tells routing (global.h):
 *
 * - the HA-to-HA links: every member's locator is a peer of the dha
 *   device, whose IPv6-in-IPv6 tunnels the kernel then takes in. They
 *   stay in the kernel when dhad stops, as bindings do, so that a
 *   restart does not cut the traffic between sites; a restarted dhad
 *   finds them there.
 * - the home prefixes in route-table ("PREFIX dev HOME-LINK proto 135
 *   metric 135", sys/route.h), for BIRD or FRR to announce: only while
 *   this member serves (its links made, the bootstrap over, and no
 *   other protocol saying it does not serve, such as a standby of a
 *   redundant set); taken out on stop.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>

#include "core/dhad.h"
#include "global/global.h"
#include "sys/log.h"
#include "sys/route.h"

bool global_links_make(struct global *g)
{
	char a[INET6_ADDRSTRLEN];
	bool all = true;
	unsigned int i;
	int ret;

	for (i = 0; i < g->member_count; i++) {
		struct global_member *m = &g->members[i];

		if (m->linked)
			continue;
		ret = kernel_peer_change(&g->dhad->kernel, g->dhad->ifindex,
					 true, &m->locator);
		addr_format(&m->locator, a);
		if (ret && ret != -EEXIST) {
			g->counters.errors++;
			log_err("global: cannot make the HA-to-HA link to %s (dha peer): %s%s%s; trying again",
				a, strerror(-ret),
				*g->dhad->kernel.nl.sock.extack ? ": " : "",
				g->dhad->kernel.nl.sock.extack);
			all = false;
			continue;
		}
		m->linked = true;
		log_info("global: HA-to-HA link to %s %s", a,
			 ret ? "found in place" : "made");
	}
	return all;
}

static void route_change(struct global *g, int type, uint32_t ifindex,
			 const struct dhad_prefix *prefix)
{
	char p[PREFIX_STRLEN];
	struct nl_msg *msg;
	int ret;

	msg = route_msg(type, g->config->route_table, ifindex, prefix);
	ret = msg ? nlsock_request_msg(&g->nl, msg, NULL, NULL) : -ENOMEM;
	prefix_format(prefix, p);
	if (type == RTM_DELROUTE && (ret == -ESRCH || ret == -ENOENT))
		return;		/* not there (or not ours) */
	if (ret) {
		g->counters.errors++;
		log_err("global: cannot %s route %s table %u proto %u: %s%s%s",
			type == RTM_NEWROUTE ? "add" : "remove", p,
			g->config->route_table, ROUTE_PROTOCOL, strerror(-ret),
			nlsock_extack_sep(&g->nl), g->nl.extack);
		return;
	}
	if (type == RTM_NEWROUTE)
		g->counters.routes_added++;
	else
		g->counters.routes_removed++;
	log_notice("global: home prefix %s %s route-table %u", p,
		   type == RTM_NEWROUTE ? "put into" : "taken out of",
		   g->config->route_table);
}

static void routes(struct global *g, int type, uint32_t ifindex)
{
	const struct dhad_home *home = g->dhad->config.home;
	unsigned int i;

	for (i = 0; i < home->prefix_count; i++)
		route_change(g, type, ifindex, &home->prefixes[i]);
}

void global_serve_update(struct global *g)
{
	const struct dhad_home *home = g->dhad->config.home;
	bool want = g->phase == GLOBAL_READY && dhad_serving(g->dhad);
	uint32_t ifindex;

	if (want == g->announced)
		return;
	if (!want) {
		global_serve_withdraw(g);
		return;
	}
	ifindex = if_nametoindex(home->home_link);
	if (!ifindex) {
		g->counters.errors++;
		log_err("global: home link %s: %s: the home prefix is not announced",
			home->home_link, strerror(errno));
		return;
	}
	routes(g, RTM_NEWROUTE, ifindex);
	g->route_ifindex = ifindex;
	g->announced = true;
}

void global_serve_withdraw(struct global *g)
{
	uint32_t ifindex = g->route_ifindex;

	/* An earlier dhad's routes go too: the kernel matches proto 135. */
	if (!ifindex)
		ifindex = if_nametoindex(g->dhad->config.home->home_link);
	if (ifindex)
		routes(g, RTM_DELROUTE, ifindex);
	g->announced = false;
	g->route_ifindex = 0;
}

int global_serve_open(struct global *g)
{
	int ret = nlsock_open(&g->nl, NETLINK_ROUTE);

	if (ret)
		log_err("global: cannot open an rtnetlink socket: %s",
			strerror(-ret));
	return ret;
}

void global_serve_close(struct global *g)
{
	nlsock_close(&g->nl);
}
