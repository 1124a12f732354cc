/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * [redundancy]: HA reliability's settings (draft-ietf-mip6-hareliability,
 * dhad.conf(5)).
 */
#ifndef DHAD_RELIABILITY_CONFIG_H
#define DHAD_RELIABILITY_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#include "core/auth.h"
#include "core/conf.h"

#define CONFIG_PEERS_MAX 16
#define CONFIG_TRACKS_MAX 8
#define CONFIG_TRACK_COMMAND_MAX 256
#define CONFIG_NOTIFY_MAX 256
#define CONFIG_DEFAULT_HELLO_INTERVAL_MS 1000
#define CONFIG_DEFAULT_HELLO_LOSS 3
#define CONFIG_DEFAULT_PREEMPT_DELAY_MS 10000
#define CONFIG_DEFAULT_ADDRESS_PROBE_MS 200
#define CONFIG_DEFAULT_SYNC_DELAY_MS 50
#define CONFIG_DEFAULT_SYNC_REFRESH_S 300
#define CONFIG_DEFAULT_TRACK_INTERVAL_MS 1000
#define CONFIG_DEFAULT_ROUTE_TABLE 254	/* main */
#define CONFIG_HOLD_DOWN_MAX_S 3600

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
	struct auth_key keys[AUTH_KEYS_MAX];
	uint16_t send_key_id;		/* 0: the highest id */
	uint32_t route_table;		/* virtual mode: the home prefix route */
	char notify[CONFIG_NOTIFY_MAX];	/* run on role changes; "": none */
	uint32_t hold_down_s;		/* flap damping; 0: none */
	uint32_t address_probe_ms;	/* virtual mode: 0, no probe */
};

/* The section, and the hooks of protocol.h that go with it. */
extern const struct conf_section reliability_sections[];
void reliability_config_init(void *config, struct dhad_config *core);
void reliability_config_check(void *config, struct conf_check *check);
const char *reliability_config_fixed(const void *old, const void *now);

#endif /* DHAD_RELIABILITY_CONFIG_H */
