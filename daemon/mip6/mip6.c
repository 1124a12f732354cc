// SPDX-License-Identifier: GPL-2.0-only
/*
 * The home agent as a protocol of dhad (mip6.h): its start and stop, and
 * the services it offers the other protocols (core/home.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "core/dhad.h"
#include "core/home.h"
#include "mip6/binding.h"
#include "mip6/discovery.h"
#include "mip6/intercept.h"
#include "mip6/mip6.h"
#include "mip6/mobility.h"
#include "mip6/prefixadv.h"
#include "sys/log.h"

/* ---- the services ---- */

static void commit(void *arg, struct cache_entry **entries, size_t n,
		   int *errors)
{
	binding_commit(arg, entries, n, errors);
}

static void uncommit(void *arg, struct cache_entry **entries, size_t n)
{
	binding_uncommit(arg, entries, n);
}

static void release(void *arg, struct cache_entry *entry)
{
	binding_delete(arg, entry);
}

static void announce(void *arg, const struct in6_addr *addr)
{
	struct mip6 *ha = arg;

	intercept_announce(ha->intercept, addr);
}

static void announce_stop(void *arg, const struct in6_addr *addr)
{
	struct mip6 *ha = arg;

	intercept_announce_stop(ha->intercept, addr);
}

static void send_ha_switch(void *arg, const struct in6_addr *home_address,
			   const struct in6_addr *care_of_address,
			   const struct in6_addr *home_agents,
			   unsigned int count)
{
	struct mip6 *ha = arg;

	mobility_send_ha_switch(ha->mobility, home_address, care_of_address,
				home_agents, count);
}

static const struct home_ops services = {
	.commit = commit,
	.uncommit = uncommit,
	.release = release,
	.announce = announce,
	.announce_stop = announce_stop,
	.send_ha_switch = send_ha_switch,
};

/* ---- the home links ---- */

struct mip6 *mip6_link_of(const struct mip6 *ha, const struct in6_addr *addr)
{
	const struct mip6 *first = ha->first;
	unsigned int i, j;

	for (i = 0; i < first->link_count; i++) {
		const struct dhad_home *home = &first->links[i]->config->home;

		for (j = 0; j < home->prefix_count; j++)
			if (prefix_contains(&home->prefixes[j], addr))
				return first->links[i];
	}
	return NULL;
}

static void link_close(struct mip6 *ha)
{
	prefixadv_free(ha->prefixadv);
	discovery_close(ha->discovery);
	intercept_close(ha->intercept);
	mobility_close(ha->mobility);
	nlsock_close(&ha->route);
	if (ha->halist == &ha->own_halist)
		halist_destroy(&ha->own_halist);
	free(ha);
}

/*
 * One home link: the Mobility Header side first, since Mobile Prefix
 * Solicitations, which discovery answers, need its hao state. first is
 * NULL for the first home link, which is made first.
 */
static int link_open(struct dhad *dhad, const struct mip6_config *config,
		     uint32_t device, struct mip6 *first, struct mip6 **out)
{
	struct mip6 *ha = calloc(1, sizeof(*ha));
	int ret;

	if (!ha) {
		log_err("out of memory");
		return -ENOMEM;
	}
	ha->dhad = dhad;
	ha->config = config;
	ha->device = device;
	ha->first = first ? first : ha;
	if (first) {
		halist_init(&ha->own_halist, dhad->loop);
		ha->halist = &ha->own_halist;
	} else {
		ha->halist = &dhad->halist;
		ha->links[ha->link_count++] = ha;
	}
	ha->io = &binding_netlink;
	ha->route.fd = -1;
	ret = nlsock_open(&ha->route, NETLINK_ROUTE);
	if (ret) {
		log_err("rtnetlink: cannot open a socket: %s", strerror(-ret));
		link_close(ha);
		return ret;
	}
	ret = mobility_open(ha, &ha->mobility);
	if (!ret)
		ret = intercept_open(ha, &ha->intercept);
	if (!ret)
		ret = discovery_open(ha, &ha->discovery);
	if (!ret) {
		ha->prefixadv = prefixadv_new(ha);
		if (!ha->prefixadv) {
			log_err("out of memory");
			ret = -ENOMEM;
		}
	}
	if (ret) {
		link_close(ha);
		return ret;
	}
	*out = ha;
	return 0;
}

/* ---- the hooks ---- */

static void binding_gone_hook(void *state, const struct cache_entry *entry)
{
	struct mip6 *link = mip6_link_of(state, &entry->home_address);

	binding_gone(link ? link : state, entry);
}

static void serving_changed(void *state)
{
	struct mip6 *first = state;
	unsigned int i;

	for (i = 0; i < first->link_count; i++) {
		discovery_serving_changed(first->links[i]->discovery);
		intercept_serving_changed(first->links[i]->intercept);
	}
}

/* The others before the first, whose sockets they share. */
static void stop(void *state)
{
	struct mip6 *first = state;
	unsigned int i;

	home_serve(first->dhad, NULL, NULL);
	for (i = first->link_count; i-- > 1;)
		link_close(first->links[i]);
	link_close(first);
}

/*
 * RFC 6275 5.1 makes protecting Binding Updates a MUST; require-ipsec
 * stays off by default (Documentation/dhad.md says why), so say so at
 * each start and reload, and in dha ha show (mip6_warnings()).
 */
static void warn_unprotected(const struct mip6 *first)
{
	unsigned int i;

	for (i = 0; i < first->link_count; i++) {
		const struct mip6_config *config = first->links[i]->config;
		const char *warning = mip6_warning_unprotected(config);

		if (warning)
			log_warn("%s%s%s", config->name[0] ? config->name : "",
				 config->name[0] ? ": " : "", warning);
	}
}

/* The other protocols know the first home link's services (home.h). */
static int start(struct dhad *dhad, void *config, void **state)
{
	const struct mip6_settings *all = config;
	struct mip6 *first, *link;
	unsigned int i;
	int ret;

	/* A file without [home-agent]: another protocol's. */
	if (!all->links[0].home.home_link[0])
		return 0;
	ret = link_open(dhad, &all->links[0], dhad->ifindexes[0], NULL,
			&first);
	if (ret)
		return ret;
	for (i = 1; i < all->link_count; i++) {
		ret = link_open(dhad, &all->links[i], dhad->ifindexes[i], first,
				&link);
		if (ret) {
			stop(first);
			return ret;
		}
		first->links[first->link_count++] = link;
	}
	home_serve(dhad, &services, first);
	warn_unprotected(first);
	*state = first;
	return 0;
}

static void reconfigure(void *state)
{
	struct mip6 *first = state;
	unsigned int i;

	for (i = 0; i < first->link_count; i++) {
		discovery_reload(first->links[i]->discovery);
		prefixadv_reload(first->links[i]->prefixadv);
	}
	warn_unprotected(first);
}

const struct protocol mip6_protocol = {
	.name = "mip6",
	.sections = mip6_sections,
	.config_size = sizeof(struct mip6_settings),
	.config_init = mip6_config_init,
	.config_check = mip6_config_check,
	.start = start,
	.stop = stop,
	.reconfigure = reconfigure,
	.show = mip6_show,
	.commands = mip6_commands,
	.serving_changed = serving_changed,
	.binding_gone = binding_gone_hook,
};
