/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * [global]: the global HAHA's settings (draft-wakikawa-mext-global-haha-
 * spec-01, dhad.conf(5), Documentation/global-haha.md).
 */
#ifndef DHAD_GLOBAL_CONFIG_H
#define DHAD_GLOBAL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/auth.h"
#include "core/conf.h"

#define GLOBAL_PEERS_MAX 16
/* Between sites, not on one link: a longer interval (draft 5.2). */
#define GLOBAL_DEFAULT_HELLO_INTERVAL_MS 5000
#define GLOBAL_DEFAULT_HELLO_LOSS 3
#define GLOBAL_DEFAULT_ROUTE_TABLE 254	/* main */

enum global_auth {
	GLOBAL_AUTH_UNSET,		/* a mistake: it must be stated */
	GLOBAL_AUTH_IPSEC,		/* ESP through xfrm, set up outside */
	GLOBAL_AUTH_HMAC_SHA256,	/* dha's Authentication option */
	GLOBAL_AUTH_NONE,		/* a dedicated line */
};

struct config_global {
	uint8_t group;			/* the Hello's Group ID: 1..255;
					   0: no [global] section */
	struct in6_addr locator;
	unsigned int peer_count;
	struct in6_addr peers[GLOBAL_PEERS_MAX];
	uint32_t hello_interval_ms;
	uint32_t hello_loss;
	enum global_auth auth;
	unsigned int key_count;
	struct auth_key keys[AUTH_KEYS_MAX];
	uint16_t send_key_id;		/* 0: the highest id */
	uint32_t route_table;		/* where the home prefix goes */
};

/* The section, and the hooks of protocol.h that go with it. */
extern const struct conf_section global_sections[];
void global_config_init(void *config, struct dhad_config *core);
void global_config_check(void *config, struct conf_check *check);
const char *global_config_fixed(const void *old, const void *now);
const char *global_auth_name(enum global_auth auth);

#endif /* DHAD_GLOBAL_CONFIG_H */
