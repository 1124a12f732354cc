/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent's settings: [home-agent] and [router-advertisement]
 * (dhad.conf(5)). Their identity part (home link, device, address,
 * prefixes, lifetimes, the Home Agent Switch pace) is the core's
 * struct dhad_home, which the other protocols read.
 */
#ifndef DHAD_MIP6_CONFIG_H
#define DHAD_MIP6_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/conf.h"
#include "core/home.h"
#include "mip6/policy.h"

#define CONFIG_DEFAULT_DEVICE "dha0"
#define CONFIG_DEFAULT_MAX_LIFETIME 600
/* A Binding Ack's lifetime is in 4-second units, 16 bits. */
#define CONFIG_MAX_LIFETIME_LIMIT (0xffff * 4)
#define CONFIG_DEFAULT_HA_LIFETIME 1800
#define CONFIG_DEFAULT_MAX_BINDINGS 100000
#define CONFIG_MAX_BINDINGS_LIMIT 1000000
/*
 * Home Agent Switch (RFC 5142): first transmissions a second, by default
 * MAX-HA-SWITCH-TRANSMIT-RATE (§8); retransmissions before giving up.
 */
#define CONFIG_DEFAULT_SWITCH_RATE 1
#define CONFIG_SWITCH_RATE_LIMIT 100000
#define CONFIG_DEFAULT_SWITCH_RETRANSMISSIONS 8
#define CONFIG_SWITCH_RETRANSMISSIONS_LIMIT 1000
/*
 * [router-advertisement]: RFC 4861 6.2.1 bounds, with the shorter
 * intervals RFC 6275 7.5 allows on a home link.
 */
#define CONFIG_RA_MIN_INTERVAL_MS 30
#define CONFIG_RA_MAX_INTERVAL_MIN_MS 70
#define CONFIG_RA_MAX_INTERVAL_MAX_MS 1800000
#define CONFIG_DEFAULT_RA_MAX_INTERVAL_MS 600000
#define CONFIG_RA_ROUTER_LIFETIME_MAX 9000
/* Binding Acks and Binding Errors per second to one peer, and bursts. */
#define CONFIG_DEFAULT_ACK_RATE 100
#define CONFIG_DEFAULT_ACK_BURST 200
#define CONFIG_DEFAULT_ERROR_RATE 10
#define CONFIG_DEFAULT_ERROR_BURST 20
#define CONFIG_RATE_LIMIT 1000000
/*
 * The home prefixes' lifetimes in Prefix Information options (RFC 4861
 * 6.2.1's defaults), the valid one bounding every binding (RFC 6275
 * 10.3.1). 0xffffffff is infinity.
 */
#define CONFIG_DEFAULT_PREFIX_VALID_LIFETIME 2592000
#define CONFIG_DEFAULT_PREFIX_PREFERRED_LIFETIME 604800
#define CONFIG_PREFIX_LIFETIME_INFINITE 0xffffffffu
/* One Binding Acknowledgement lifetime unit, the shortest binding. */
#define CONFIG_PREFIX_VALID_LIFETIME_MIN 4
/* mobile-network lines in all; each mobile router has at most 16. */
#define CONFIG_MOBILE_NETWORKS_MAX 256

/*
 * A Mobile Network Prefix a mobile router may register (RFC 3963): the
 * router is known by its home address.
 */
struct config_mobile_network {
	struct in6_addr home_address;
	struct dhad_prefix prefix;
};

/* "[home-agent NAME]": the longest NAME, as core/conf.c allows. */
#define CONFIG_LINK_NAME_MAX 31

/* One home link's settings: [home-agent] or one [home-agent NAME]. */
struct mip6_config {
	/* [home-agent]: "", else NAME */
	char name[CONFIG_LINK_NAME_MAX + 1];
	struct dhad_home home;
	bool require_ipsec;
	/* Duplicate Address Detection of new home addresses (§10.3.1). */
	bool dad;
	uint32_t max_bindings;
	bool mobile_routers;		/* NEMO Basic Support, RFC 3963 */
	unsigned int mobile_network_count;
	struct config_mobile_network mobile_networks[CONFIG_MOBILE_NETWORKS_MAX];
	/* binding-policy and binding-policy-default */
	struct policy policy;
	int16_t preference;		/* Home Agent Information option */
	/* The home prefixes' lifetimes, seconds (CONFIG_PREFIX_*). */
	uint32_t prefix_valid_lifetime;
	uint32_t prefix_preferred_lifetime;
	/* Answers per second to one peer, and the burst above that. */
	uint32_t ack_rate, ack_burst;
	uint32_t error_rate, error_burst;
	/* [router-advertisement], the same on every home link */
	bool ra_send;
	uint32_t ra_min_interval_ms;
	uint32_t ra_max_interval_ms;
	uint16_t ra_router_lifetime;	/* seconds; 0: not a default router */
};

/*
 * The protocol's settings: the home links, [home-agent] first (so that
 * a pointer to these is one to links[0]), then each [home-agent NAME]
 * in the order of the file.
 */
struct mip6_settings {
	struct mip6_config links[DHAD_HOMES_MAX];
	unsigned int link_count;
	/*
	 * The file's core settings while it is read: the check withdraws
	 * the identity config_init() published when [home-agent] is
	 * absent (another protocol's file). Not used afterwards.
	 */
	struct dhad_config *core;
};

/*
 * The warning for a home agent that accepts Binding Updates without
 * IPsec (require-ipsec no), or NULL when it requires it. Pure.
 */
const char *mip6_warning_unprotected(const struct mip6_config *config);

/* The sections, and the hooks of protocol.h that go with them. */
extern const struct conf_section mip6_sections[];
void mip6_config_init(void *config, struct dhad_config *core);
void mip6_config_check(void *config, struct conf_check *check);

#endif /* DHAD_MIP6_CONFIG_H */
