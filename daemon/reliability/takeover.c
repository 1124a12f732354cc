// SPDX-License-Identifier: GPL-2.0-only
/*
 * HA reliability: the active member's announcements (takeover.h).
 *
 * The shared address is a /128 without a prefix route: bringing it up
 * and down must not add or remove the member's own on-link route of the
 * home prefix (from its configured address there), nor make the kernel
 * take it for the home prefix's source address; what the routing
 * infrastructure learns is the explicit route of the prefix (and of the
 * address, outside the prefixes), which the member adds and removes with
 * the role.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/dhad.h"
#include "core/home.h"
#include "nlsock.h"
#include "reliability/config.h"
#include "reliability/probe.h"
#include "reliability/takeover.h"
#include "sys/route.h"
#include "sys/log.h"


struct takeover_counters {
	uint64_t address_added, address_removed, advertised;
	uint64_t routes_added, routes_removed;
	uint64_t switches_queued, switches_cancelled;
	uint64_t errors;		/* requests the kernel refused */
	uint64_t second_holders;	/* probes another host answered */
};

struct takeover {
	struct dhad *dhad;
	const struct dhad_home *home;
	const struct config_redundancy *config;
	uint32_t ifindex;		/* the home link */
	struct nlsock nl;		/* NETLINK_ROUTE, requests */
	bool active;			/* announced */
	bool address_added;		/* by this process, and still up */
	unsigned int route_count;
	struct dhad_prefix routes[TAKEOVER_ROUTES_MAX];	/* installed */
	uint64_t switches_mark;		/* switches_queued when last standby */
	struct probe probe;		/* before the shared address comes up */
	struct takeover_counters counters;
};

/* ---- pure helpers ---- */

unsigned int takeover_routes(const struct dhad_prefix *prefixes,
			     unsigned int prefix_count,
			     const struct in6_addr *address, bool with_address,
			     struct dhad_prefix *out)
{
	unsigned int i, n = 0;
	bool covered = false;

	for (i = 0; i < prefix_count && n < TAKEOVER_ROUTES_MAX; i++) {
		out[n++] = prefixes[i];
		covered |= prefix_contains(&prefixes[i], address);
	}
	if (with_address && !covered && n < TAKEOVER_ROUTES_MAX) {
		out[n].address = *address;
		out[n++].length = 128;
	}
	return n;
}

struct nl_msg *takeover_addr_msg(int type, uint32_t ifindex,
				 const struct in6_addr *address)
{
	struct ifaddrmsg ifa = {
		.ifa_family = AF_INET6,
		.ifa_prefixlen = 128,
		.ifa_scope = RT_SCOPE_UNIVERSE,
		.ifa_index = ifindex,
	};
	struct nl_msg *msg;
	int flags = 0;

	if (type == RTM_NEWADDR) {
		ifa.ifa_flags = IFA_F_NODAD;
		flags = NLM_F_CREATE | NLM_F_REPLACE;
	}
	msg = nlmsg_alloc_simple(type, flags);
	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_ADDRESS, sizeof(*address), address) < 0 ||
	    (type == RTM_NEWADDR &&
	     (nla_put_u32(msg, IFA_FLAGS,
			  IFA_F_NODAD | IFA_F_NOPREFIXROUTE) < 0 ||
	      nla_put_u8(msg, IFA_PROTO, TAKEOVER_PROTOCOL) < 0))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int takeover_parse_addr(const struct nlmsghdr *nlh, size_t len,
			struct takeover_addr *out)
{
	struct nlattr *tb[IFA_MAX + 1];
	struct nlattr *addr;
	struct ifaddrmsg ifa;

	memset(out, 0, sizeof(*out));
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;
	if (nlh->nlmsg_type != RTM_NEWADDR)
		return -ENOMSG;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ifa)))
		return -EBADMSG;
	memcpy(&ifa, NLMSG_DATA(nlh), sizeof(ifa));
	if (ifa.ifa_family != AF_INET6)
		return -ENOMSG;
	if (nlmsg_parse((struct nlmsghdr *)nlh, sizeof(ifa), tb, IFA_MAX,
			NULL) < 0)
		return -EBADMSG;
	/* IFA_LOCAL, when given, is the address (the other the peer's). */
	addr = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!addr || nla_len(addr) != sizeof(out->address) ||
	    (tb[IFA_PROTO] && nla_len(tb[IFA_PROTO]) != 1))
		return -EBADMSG;
	out->ifindex = ifa.ifa_index;
	out->prefix_len = ifa.ifa_prefixlen;
	memcpy(&out->address, nla_data(addr), sizeof(out->address));
	if (tb[IFA_PROTO])
		out->protocol = nla_get_u8(tb[IFA_PROTO]);
	return 0;
}

/* ---- rtnetlink ---- */

/* An address the kernel reports on the way goes to *found. */
struct addr_reply {
	struct takeover_addr *found;
	bool *have_found;
};

static int addr_reply(const struct nlmsghdr *nlh, void *arg)
{
	const struct addr_reply *reply = arg;

	if (!takeover_parse_addr(nlh, nlh->nlmsg_len, reply->found))
		*reply->have_found = true;
	return 0;
}

/* Sends msg (freeing it); an address in the answer to *found, if given. */
static int transact(struct takeover *t, struct nl_msg *msg,
		    struct takeover_addr *found, bool *have_found)
{
	struct addr_reply reply = { found, have_found };

	return nlsock_request_msg(&t->nl, msg, found ? addr_reply : NULL,
				  &reply);
}

static const char *home_link(const struct takeover *t)
{
	return t->home->home_link;
}

static const char *table_name(uint32_t table, char buf[16])
{
	if (table == RT_TABLE_MAIN)
		return "main";
	snprintf(buf, 16, "%u", table);
	return buf;
}

static bool virtual_mode(const struct takeover *t)
{
	return t->config->mode == REDUNDANCY_VIRTUAL;
}

/* ---- the shared address (virtual switch) ---- */

enum address_owner {
	ADDRESS_ABSENT,
	ADDRESS_OURS,		/* added by this process, or proto 135 */
	ADDRESS_FOREIGN,	/* configured by someone else: left alone */
};

/* Who put the shared address on the home link; or a negative errno. */
static int address_owner(struct takeover *t)
{
	const struct in6_addr *address = &t->home->address;
	struct takeover_addr found;
	bool have = false;
	char a[INET6_ADDRSTRLEN];
	struct nl_msg *msg;
	int ret;

	if (t->address_added)
		return ADDRESS_OURS;
	msg = takeover_addr_msg(RTM_GETADDR, t->ifindex, address);
	ret = msg ? transact(t, msg, &found, &have) : -ENOMEM;
	if (ret == -EADDRNOTAVAIL || ret == -ENODEV || (!ret && !have))
		return ADDRESS_ABSENT;
	if (ret)
		return ret;
	if (found.ifindex != t->ifindex ||
	    memcmp(&found.address, address, sizeof(*address)))
		return ADDRESS_ABSENT;
	if (found.protocol == TAKEOVER_PROTOCOL)
		return ADDRESS_OURS;
	log_warn("takeover: %s on %s is not dhad's (protocol %u): left alone, though in virtual mode only the active member may hold it",
		 addr_format(address, a), home_link(t), found.protocol);
	return ADDRESS_FOREIGN;
}

static void address_up(struct takeover *t)
{
	const struct in6_addr *address = &t->home->address;
	char a[INET6_ADDRSTRLEN];
	struct nl_msg *msg;
	int ret;

	addr_format(address, a);
	/* A replace would take over someone else's address and flags. */
	ret = address_owner(t);
	if (ret == ADDRESS_ABSENT || ret == ADDRESS_OURS) {
		msg = takeover_addr_msg(RTM_NEWADDR, t->ifindex, address);
		ret = msg ? transact(t, msg, NULL, NULL) : -ENOMEM;
		if (!ret) {
			t->address_added = true;
			t->counters.address_added++;
			log_notice("takeover: %s/128 up on %s; advertising it",
				   a, home_link(t));
		}
	}
	if (ret < 0) {
		t->counters.errors++;
		log_err("takeover: cannot add %s/128 on %s: %s%s%s", a,
			home_link(t), strerror(-ret), nlsock_extack_sep(&t->nl),
			t->nl.extack);
		return;
	}
	home_announce(t->dhad, address);
	t->counters.advertised++;
}

static void probed(void *arg, bool held)
{
	struct takeover *t = arg;
	const struct probe *p = &t->probe;
	char a[INET6_ADDRSTRLEN], h[INET6_ADDRSTRLEN], ll[3 * DHA_ND_LLADDR_MAX];
	size_t i, n = 0;

	if (held) {
		t->counters.second_holders++;
		for (i = 0; i < p->holder_lladdr.len && i < 6; i++)
			n += (size_t)snprintf(ll + n, sizeof(ll) - n, "%s%02x",
					      i ? ":" : "",
					      p->holder_lladdr.addr[i]);
		ll[n] = '\0';
		log_err("takeover: SPLIT BRAIN? another host on %s still holds %s (it answered from %s%s%s): another member may believe it is active, with the HA-to-HA path cut; bringing the address up here too (Documentation/reliability.md, \"Split brain\")",
			home_link(t), addr_format(&t->home->address, a),
			addr_format(&p->holder, h), n ? ", link-layer " : "",
			ll);
	}
	address_up(t);
}

static void address_down(struct takeover *t)
{
	const struct in6_addr *address = &t->home->address;
	char a[INET6_ADDRSTRLEN];
	struct nl_msg *msg;
	int ret;

	home_announce_stop(t->dhad, address);
	addr_format(address, a);
	ret = address_owner(t);
	if (ret == ADDRESS_OURS) {
		msg = takeover_addr_msg(RTM_DELADDR, t->ifindex, address);
		ret = msg ? transact(t, msg, NULL, NULL) : -ENOMEM;
		if (!ret) {
			t->counters.address_removed++;
			log_notice("takeover: %s/128 down on %s", a,
				   home_link(t));
		}
		if (ret == -EADDRNOTAVAIL || ret == -ENODEV)
			ret = 0;
	}
	if (ret < 0) {
		t->counters.errors++;
		log_err("takeover: cannot remove %s from %s: %s%s%s", a,
			home_link(t), strerror(-ret), nlsock_extack_sep(&t->nl),
			t->nl.extack);
		return;
	}
	t->address_added = false;
}

/* ---- the routes ---- */

static int route_change(struct takeover *t, int type,
			const struct dhad_prefix *prefix)
{
	uint32_t table = t->config->route_table;
	char p[PREFIX_STRLEN], tn[16];
	struct nl_msg *msg;
	int ret;

	msg = route_msg(type, table, t->ifindex, prefix);
	ret = msg ? transact(t, msg, NULL, NULL) : -ENOMEM;
	prefix_format(prefix, p);
	if (type == RTM_DELROUTE && (ret == -ESRCH || ret == -ENOENT))
		return ret;	/* not there (or not ours): nothing to do */
	if (ret) {
		t->counters.errors++;
		log_err("takeover: cannot %s route %s dev %s table %s proto %u: %s%s%s",
			type == RTM_NEWROUTE ? "add" : "remove", p,
			home_link(t), table_name(table, tn), TAKEOVER_PROTOCOL,
			strerror(-ret), nlsock_extack_sep(&t->nl), t->nl.extack);
		return ret;
	}
	if (type == RTM_NEWROUTE)
		t->counters.routes_added++;
	else
		t->counters.routes_removed++;
	log_notice("takeover: route %s dev %s table %s proto %u %s", p,
		   home_link(t), table_name(table, tn), TAKEOVER_PROTOCOL,
		   type == RTM_NEWROUTE ? "added" : "removed");
	return 0;
}

static bool in_list(const struct dhad_prefix *list, unsigned int count,
		    const struct dhad_prefix *prefix)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		if (prefix_equal(&list[i], prefix))
			return true;
	return false;
}

static unsigned int wanted_routes(const struct takeover *t,
				  struct dhad_prefix *out)
{
	const struct dhad_home *home = t->home;

	return takeover_routes(home->prefixes, home->prefix_count,
			       &home->address, virtual_mode(t), out);
}

/*
 * Adds the routes the configuration asks for that are not in place yet
 * (all of them on a takeover, new prefixes on a reload), removes those
 * it no longer asks for.
 */
static void routes_install(struct takeover *t)
{
	struct dhad_prefix want[TAKEOVER_ROUTES_MAX];
	unsigned int count = wanted_routes(t, want), i, kept = 0;

	for (i = 0; i < t->route_count; i++) {
		if (in_list(want, count, &t->routes[i]))
			t->routes[kept++] = t->routes[i];
		else
			route_change(t, RTM_DELROUTE, &t->routes[i]);
	}
	t->route_count = kept;
	for (i = 0; i < count; i++) {
		if (in_list(t->routes, t->route_count, &want[i]) ||
		    route_change(t, RTM_NEWROUTE, &want[i]))
			continue;
		t->routes[t->route_count++] = want[i];
	}
}

/*
 * Removes the routes this process installed and those the configuration
 * names (an earlier dhad's); the kernel removes only dhad's protocol.
 */
static void routes_withdraw(struct takeover *t)
{
	struct dhad_prefix want[TAKEOVER_ROUTES_MAX];
	unsigned int count = wanted_routes(t, want), i;

	for (i = 0; i < t->route_count; i++)
		route_change(t, RTM_DELROUTE, &t->routes[i]);
	for (i = 0; i < count; i++)
		if (!in_list(t->routes, t->route_count, &want[i]))
			route_change(t, RTM_DELROUTE, &want[i]);
	t->route_count = 0;
}

/* ---- roles ---- */

static void announce(struct takeover *t, enum redundancy_role old)
{
	const struct dhad_home *home = t->home;
	uint64_t switches = t->counters.switches_queued - t->switches_mark;
	char a[INET6_ADDRSTRLEN];

	t->active = true;
	if (virtual_mode(t) && t->config->address_probe_ms &&
	    address_owner(t) == ADDRESS_ABSENT)
		probe_start(&t->probe, t->dhad->icmp, t->dhad->loop,
			    home_link(t), t->ifindex, &t->home->address,
			    t->config->address_probe_ms, probed, t);
	else if (virtual_mode(t))
		address_up(t);
	routes_install(t);
	if (old == ROLE_STANDBY && !virtual_mode(t))
		log_notice("hard switch: Home Agent Switch naming %s queued for %llu mobile node%s (switch-rate %u/s)",
			   addr_format(&home->address, a),
			   (unsigned long long)switches,
			   switches == 1 ? "" : "s", home->switching.rate);
}

static void withdraw(struct takeover *t)
{
	unsigned int cancelled;

	routes_withdraw(t);
	probe_stop(&t->probe);
	if (virtual_mode(t))
		address_down(t);
	cancelled = haswitch_cancel_taking_over(&t->dhad->haswitch);
	if (cancelled) {
		t->counters.switches_cancelled += cancelled;
		log_notice("hard switch: %u Home Agent Switch%s naming this member cancelled",
			   cancelled, cancelled == 1 ? "" : "es");
	}
	t->active = false;
	t->switches_mark = t->counters.switches_queued;
}

void takeover_roles_changed(struct takeover *t, enum redundancy_role old,
			    enum redundancy_role now)
{
	if (!t || old == now)
		return;
	if (now == ROLE_ACTIVE)
		announce(t, old);
	else if (now == ROLE_STANDBY)
		withdraw(t);
}

void takeover_reload(struct takeover *t)
{
	if (t && t->active)
		routes_install(t);
}

void takeover_binding_adopted(struct takeover *t, const struct in6_addr *hoa)
{
	const struct in6_addr *self = &t->home->address;
	char h[INET6_ADDRSTRLEN], a[INET6_ADDRSTRLEN];
	int ret;

	if (virtual_mode(t))
		return;		/* its mobile node knows this address already */
	ret = haswitch_request(&t->dhad->haswitch, hoa, self, 1, true);
	if (ret < 0) {
		t->counters.errors++;
		log_err("hard switch: cannot queue a Home Agent Switch for %s: %s",
			addr_format(hoa, h), strerror(-ret));
		return;
	}
	t->counters.switches_queued++;
	/* Adopted at a takeover (paced: pacer.h) or from a merge; formatting
	 * two addresses for each of 100k costs the emulated guest seconds. */
	if (log_get_level() >= LOG_DEBUG)
		log_debug("hard switch: %s is told to register at %s",
			  addr_format(hoa, h), addr_format(self, a));
}

/* ---- start, stop, show ---- */

int takeover_open(struct dhad *dhad, const struct config_redundancy *config,
		  struct takeover **out)
{
	struct takeover *t;
	int ret;

	*out = NULL;
	t = calloc(1, sizeof(*t));
	if (!t) {
		log_err("out of memory");
		return -ENOMEM;
	}
	t->dhad = dhad;
	t->home = dhad->config.home;
	t->config = config;
	t->ifindex = if_nametoindex(t->home->home_link);
	if (!t->ifindex) {
		ret = -errno;
		log_err("takeover: home link %s: %s", t->home->home_link,
			strerror(errno));
		free(t);
		return ret;
	}
	ret = nlsock_open(&t->nl, NETLINK_ROUTE);
	if (ret) {
		log_err("takeover: cannot open an rtnetlink socket: %s",
			strerror(-ret));
		free(t);
		return ret;
	}
	*out = t;
	return 0;
}

void takeover_close(struct takeover *t)
{
	if (!t)
		return;
	probe_stop(&t->probe);
	nlsock_close(&t->nl);
	free(t);
}

json_object *takeover_json(const struct takeover *t)
{
	const struct takeover_counters *c = &t->counters;
	json_object *o = json_object_new_object();
	json_object *routes = json_object_new_array();
	char p[PREFIX_STRLEN];
	unsigned int i;

	if (!o || !routes) {
		json_object_put(o);
		json_object_put(routes);
		return NULL;
	}
	json_object_object_add(o, "announced",
			       json_object_new_boolean(t->active));
	if (virtual_mode(t))
		json_object_object_add(o, "address-up", json_object_new_boolean(
					       t->address_added));
	json_object_object_add(o, "route-table", json_object_new_int64(
		t->config->route_table));
	json_object_object_add(o, "route-protocol",
			       json_object_new_int(TAKEOVER_PROTOCOL));
	json_object_object_add(o, "route-metric",
			       json_object_new_int(TAKEOVER_METRIC));
	for (i = 0; i < t->route_count; i++)
		json_object_array_add(routes, json_object_new_string(
					      prefix_format(&t->routes[i], p)));
	json_object_object_add(o, "routes", routes);
#define COUNTER(name, field) \
	json_object_object_add(o, name, \
			       json_object_new_int64((int64_t)c->field))
	COUNTER("address-added", address_added);
	COUNTER("address-removed", address_removed);
	COUNTER("advertised", advertised);
	COUNTER("routes-added", routes_added);
	COUNTER("routes-removed", routes_removed);
	COUNTER("switches-queued", switches_queued);
	COUNTER("switches-cancelled", switches_cancelled);
	COUNTER("errors", errors);
	COUNTER("second-holders", second_holders);
#undef COUNTER
	return o;
}
