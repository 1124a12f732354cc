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

/* ---- the hooks ---- */

static void binding_gone_hook(void *state, const struct cache_entry *entry)
{
	binding_gone(state, entry);
}

static void serving_changed(void *state)
{
	struct mip6 *ha = state;

	discovery_serving_changed(ha->discovery);
	intercept_serving_changed(ha->intercept);
}

static void stop(void *state)
{
	struct mip6 *ha = state;

	home_serve(ha->dhad, NULL, NULL);
	prefixadv_free(ha->prefixadv);
	discovery_close(ha->discovery);
	intercept_close(ha->intercept);
	mobility_close(ha->mobility);
	nlsock_close(&ha->route);
	free(ha);
}

/*
 * RFC 6275 5.1 makes protecting Binding Updates a MUST; require-ipsec
 * stays off by default (Documentation/dhad.md says why), so say so at
 * each start and reload, and in dha ha show (mip6_warnings()).
 */
static void warn_unprotected(const struct mip6 *ha)
{
	const char *warning = mip6_warning_unprotected(ha->config);

	if (warning)
		log_warn("%s", warning);
}

/*
 * The Mobility Header side first: Mobile Prefix Solicitations, which
 * discovery answers, need its hao state.
 */
static int start(struct dhad *dhad, void *config, void **state)
{
	struct mip6 *ha = calloc(1, sizeof(*ha));
	int ret;

	if (!ha) {
		log_err("out of memory");
		return -ENOMEM;
	}
	ha->dhad = dhad;
	ha->config = config;
	ha->io = &binding_netlink;
	ret = nlsock_open(&ha->route, NETLINK_ROUTE);
	if (ret) {
		log_err("rtnetlink: cannot open a socket: %s", strerror(-ret));
		free(ha);
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
		stop(ha);
		return ret;
	}
	home_serve(dhad, &services, ha);
	warn_unprotected(ha);
	*state = ha;
	return 0;
}

static void reconfigure(void *state)
{
	struct mip6 *ha = state;

	discovery_reload(ha->discovery);
	prefixadv_reload(ha->prefixadv);
	warn_unprotected(ha);
}

const struct protocol mip6_protocol = {
	.name = "mip6",
	.sections = mip6_sections,
	.config_size = sizeof(struct mip6_config),
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
