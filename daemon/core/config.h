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

#include "sys/addr.h"

/* The kernel serves at most this many prefixes per binding as well. */
#define CONFIG_PREFIXES_MAX 16

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

/* [redundancy]: HA reliability (draft-ietf-mip6-hareliability). */
#define CONFIG_PEERS_MAX 16
#define CONFIG_TRACKS_MAX 8
#define CONFIG_AUTH_KEYS_MAX 4
#define CONFIG_AUTH_KEY_MIN 32		/* octets: HMAC-SHA256's output */
#define CONFIG_AUTH_KEY_MAX 64		/* octets: its block */
#define CONFIG_TRACK_COMMAND_MAX 256
#define CONFIG_DEFAULT_HELLO_INTERVAL_MS 1000
#define CONFIG_DEFAULT_HELLO_LOSS 3
#define CONFIG_DEFAULT_PREEMPT_DELAY_MS 10000
#define CONFIG_DEFAULT_SYNC_DELAY_MS 50
#define CONFIG_DEFAULT_SYNC_REFRESH_S 300
#define CONFIG_DEFAULT_TRACK_INTERVAL_MS 1000
#define CONFIG_DEFAULT_ROUTE_TABLE 254	/* main */

enum config_redundancy_mode {
	REDUNDANCY_OFF,			/* no [redundancy] section */
	REDUNDANCY_VIRTUAL,		/* members share the HA address */
	REDUNDANCY_HARD,		/* Home Agent Switch to the MNs */
};

enum config_auth {
	AUTH_HMAC_SHA256,		/* dha's Authentication option */
	AUTH_IPSEC,			/* ESP through xfrm, set up outside */
	AUTH_NONE,
};

struct config_auth_key {
	uint16_t id;
	uint8_t len;
	uint8_t key[CONFIG_AUTH_KEY_MAX];
};

struct config_redundancy {
	enum config_redundancy_mode mode;
	uint8_t group;
	uint16_t preference;
	struct in6_addr local;
	unsigned int peer_count;
	struct in6_addr peers[CONFIG_PEERS_MAX];
	uint32_t hello_interval_ms;
	uint32_t hello_loss;
	bool preempt;
	uint32_t preempt_delay_ms;
	uint32_t sync_delay_ms;		/* coalescing of binding changes */
	uint32_t sync_refresh_s;	/* whole cache resent; 0: never */
	unsigned int track_interface_count;
	char track_interfaces[CONFIG_TRACKS_MAX][IF_NAMESIZE];
	unsigned int track_command_count;
	char track_commands[CONFIG_TRACKS_MAX][CONFIG_TRACK_COMMAND_MAX];
	uint32_t track_interval_ms;
	enum config_auth auth;
	unsigned int key_count;
	struct config_auth_key keys[CONFIG_AUTH_KEYS_MAX];
	uint16_t send_key_id;		/* 0: the highest id */
	uint32_t route_table;		/* virtual mode: the home prefix route */
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
	struct config_redundancy redundancy;
	uint32_t switch_rate;		/* Home Agent Switch messages/s */
	uint32_t switch_retransmissions;
	/* [router-advertisement] */
	bool ra_send;
	uint32_t ra_min_interval_ms;
	uint32_t ra_max_interval_ms;
	uint16_t ra_router_lifetime;	/* seconds; 0: not a default router */
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
