/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dhad's configuration file (INI, parsed by libinih): see
 * Documentation/dhad.md and dhad.conf(5) for the keys.
 *
 * Every mistake is reported as "FILE:LINE: message", all of them in
 * line order, and a file with any mistake is refused as a whole.
 */
#ifndef DHAD_CONFIG_H
#define DHAD_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>
#include <sys/types.h>

#include "addr.h"

/* The kernel serves at most this many prefixes per binding as well. */
#define CONFIG_PREFIXES_MAX 16

#define CONFIG_DEFAULT_DEVICE "dha0"
#define CONFIG_DEFAULT_MAX_LIFETIME 600
/* A Binding Ack's lifetime is in 4-second units, 16 bits. */
#define CONFIG_MAX_LIFETIME_LIMIT (0xffff * 4)
#define CONFIG_DEFAULT_HA_LIFETIME 1800
#define CONFIG_DEFAULT_MAX_BINDINGS 100000
#define CONFIG_MAX_BINDINGS_LIMIT 1000000
/* Binding Acks and Binding Errors per second to one peer, and bursts. */
#define CONFIG_DEFAULT_ACK_RATE 100
#define CONFIG_DEFAULT_ACK_BURST 200
#define CONFIG_DEFAULT_ERROR_RATE 10
#define CONFIG_DEFAULT_ERROR_BURST 20
#define CONFIG_RATE_LIMIT 1000000
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

struct dhad_config {
	/* [home-agent] */
	char home_link[IF_NAMESIZE];
	char device[IF_NAMESIZE];
	struct in6_addr address;
	unsigned int prefix_count;
	struct dhad_prefix prefixes[CONFIG_PREFIXES_MAX];
	uint32_t max_lifetime;		/* seconds */
	bool require_ipsec;
	uint32_t max_bindings;
	bool mobile_routers;		/* NEMO Basic Support, RFC 3963 */
	unsigned int mobile_network_count;
	struct config_mobile_network mobile_networks[CONFIG_MOBILE_NETWORKS_MAX];
	int16_t preference;		/* Home Agent Information option */
	uint16_t ha_lifetime;		/* seconds, idem */
	/* Answers per second to one peer, and the burst above that. */
	uint32_t ack_rate, ack_burst;
	uint32_t error_rate, error_burst;
	/* [daemon] */
	int log_level;			/* LOG_ERR .. LOG_DEBUG */
	bool has_control_group;
	gid_t control_group;
};

/*
 * Parses an open configuration; name is the file name used in messages.
 * Messages go to errors, one a line. Returns the number of mistakes
 * (0: *config is complete and valid), or -ENOMEM.
 */
int config_parse_file(FILE *in, const char *name, struct dhad_config *config,
		      FILE *errors);

/* Opens and parses path; an unreadable file counts as one mistake. */
int config_load(const char *path, struct dhad_config *config, FILE *errors);

/*
 * The first setting that cannot change while the daemon runs (the
 * key's name) and differs between old and new, or NULL if new can be
 * applied live.
 */
const char *config_fixed_change(const struct dhad_config *old,
				const struct dhad_config *new);

#endif /* DHAD_CONFIG_H */
