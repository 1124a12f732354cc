// SPDX-License-Identifier: GPL-2.0-only
/*
 * [global]: the global HAHA's keys (config.h). The core's frame
 * (core/conf.h) reads the file and reports the mistakes these functions
 * describe.
 */
#include <stdio.h>
#include <string.h>

#include "core/home.h"
#include "global/config.h"
#include "sys/addr.h"

/*
 * The draft's text calls the Group ID 16 bits, its Hello (Figure 4)
 * carries 8: the wire rules. 0 would be "no group" to a redundant set
 * (HA reliability draft 7.2.4), so a global set has 1..255.
 */
static bool parse_group(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;
	long group;

	if (!conf_long(value, 1, UINT8_MAX, &group)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad group \"%s\": 1..255 (the Hello's 8-bit Group ID)",
			 value);
		return false;
	}
	g->group = (uint8_t)group;
	return true;
}

static bool parse_locator(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;

	return conf_global_address("locator", value,
				   "a global unicast address is needed",
				   &g->locator, why);
}

static bool parse_peer(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;

	return conf_global_address_add("peer", value,
				       "another member's locator, a global unicast address",
				       g->peers, &g->peer_count,
				       GLOBAL_PEERS_MAX, why);
}

/* The Hello carries its interval in 16 bits of milliseconds. */
static bool parse_hello_interval(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;
	return conf_ms("hello-interval", value, 10, UINT16_MAX,
		       &g->hello_interval_ms, why);
}

static bool parse_hello_loss(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;
	long count;

	if (!conf_long(value, 1, 255, &count)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad hello-loss \"%s\": missed Hellos, 1..255", value);
		return false;
	}
	g->hello_loss = (uint32_t)count;
	return true;
}

static bool parse_auth(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;

	if (strcmp(value, "ipsec") == 0) {
		g->auth = GLOBAL_AUTH_IPSEC;
	} else if (strcmp(value, "hmac-sha256") == 0) {
		g->auth = GLOBAL_AUTH_HMAC_SHA256;
	} else if (strcmp(value, "none") == 0) {
		g->auth = GLOBAL_AUTH_NONE;
	} else {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad auth \"%s\": ipsec, hmac-sha256 or none", value);
		return false;
	}
	return true;
}

static bool parse_key(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;
	return auth_key_parse(g->keys, &g->key_count, value, why);
}

static bool parse_key_send(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;
	long id;

	if (!conf_long(value, 1, UINT16_MAX, &id)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad key-send \"%s\": a key id, 1..65535", value);
		return false;
	}
	g->send_key_id = (uint16_t)id;
	return true;
}

static bool parse_route_table(void *settings, const char *value, char *why)
{
	struct config_global *g = settings;
	long table;

	if (!conf_long(value, 1, INT32_MAX, &table)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad route-table \"%s\": a kernel routing table, 1..%d",
			 value, INT32_MAX);
		return false;
	}
	g->route_table = (uint32_t)table;
	return true;
}

const char *global_auth_name(enum global_auth auth)
{
	switch (auth) {
	case GLOBAL_AUTH_IPSEC:		return "ipsec";
	case GLOBAL_AUTH_HMAC_SHA256:	return "hmac-sha256";
	case GLOBAL_AUTH_NONE:		return "none";
	case GLOBAL_AUTH_UNSET:		break;
	}
	return "unset";
}

void global_config_init(void *settings, struct dhad_config *core)
{
	struct config_global *g = settings;

	(void)core;
	g->hello_interval_ms = GLOBAL_DEFAULT_HELLO_INTERVAL_MS;
	g->hello_loss = GLOBAL_DEFAULT_HELLO_LOSS;
	g->route_table = GLOBAL_DEFAULT_ROUTE_TABLE;
}

static bool in_home_prefix(const struct dhad_home *home,
			   const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; home && i < home->prefix_count; i++)
		if (prefix_contains(&home->prefixes[i], addr))
			return true;
	return false;
}

/* What only the whole [global] section can tell. */
void global_config_check(void *settings, struct conf_check *check)
{
	const struct config_global *g = settings;
	const struct dhad_home *home = conf_config(check)->home;
	int section = conf_section_line(check, "global");
	int peer_line = conf_key_line(check, "global", "peer");
	int auth_line = conf_key_line(check, "global", "auth");
	unsigned int i;
	bool found = false;

	if (!section)
		return;
	if (!home)
		conf_report(check, section,
			    "[global] needs a [home-agent] section");
	/* Whether the HA-to-HA path is protected is the operator's to say. */
	if (g->auth == GLOBAL_AUTH_UNSET)
		conf_report(check, section,
			    "missing key \"auth\" in [global]: say ipsec, hmac-sha256 or none (none only on a dedicated line)");
	/*
	 * Anycast routes the home prefix to the nearest member: a locator
	 * inside it would not reach the member it names.
	 */
	if (in_home_prefix(home, &g->locator))
		conf_report(check, conf_key_line(check, "global", "locator"),
			    "locator is inside a home prefix, which is anycast: use the provider-assigned address");
	for (i = 0; i < g->peer_count; i++) {
		if (memcmp(&g->peers[i], &g->locator, sizeof(g->locator)) == 0)
			conf_report(check, peer_line,
				    "a peer is this home agent's own locator");
		else if (in_home_prefix(home, &g->peers[i]))
			conf_report(check, peer_line,
				    "a peer is inside a home prefix, which is anycast: give the member's locator");
	}
	if (g->auth == GLOBAL_AUTH_HMAC_SHA256 && !g->key_count)
		conf_report(check, auth_line ? auth_line : section,
			    "auth hmac-sha256 needs at least one key");
	if (g->auth != GLOBAL_AUTH_HMAC_SHA256 && g->key_count)
		conf_report(check, conf_key_line(check, "global", "key"),
			    "keys are only used with auth = hmac-sha256");
	for (i = 0; i < g->key_count; i++)
		found |= g->keys[i].id == g->send_key_id;
	if (g->send_key_id && !found)
		conf_report(check, conf_key_line(check, "global", "key-send"),
			    "key-send %u names no key", g->send_key_id);
}

const char *global_config_fixed(const void *old_settings,
				const void *new_settings)
{
	const struct config_global *old = old_settings;
	const struct config_global *now = new_settings;

	if (!old->group != !now->group)
		return "[global]";
	if (old->group != now->group)
		return "[global] group";
	if (memcmp(&old->locator, &now->locator, sizeof(old->locator)) != 0)
		return "[global] locator";
	if (old->peer_count != now->peer_count ||
	    memcmp(old->peers, now->peers, sizeof(old->peers)) != 0)
		return "[global] peer";
	if (old->route_table != now->route_table)
		return "[global] route-table";
	return NULL;
}

static const struct conf_key global_keys[] = {
	{ "group", false, true, parse_group },
	{ "locator", false, true, parse_locator },
	{ "peer", true, true, parse_peer },
	{ "hello-interval", false, false, parse_hello_interval },
	{ "hello-loss", false, false, parse_hello_loss },
	{ "auth", false, false, parse_auth },
	{ "key", true, false, parse_key },
	{ "key-send", false, false, parse_key_send },
	{ "route-table", false, false, parse_route_table },
	{ 0 },
};

const struct conf_section global_sections[] = {
	{ "global", false, global_keys, NULL, false },
	{ 0 },
};
