// SPDX-License-Identifier: GPL-2.0-only
/*
 * [redundancy]: HA reliability's keys (config.h). The core's frame
 * (core/conf.h) reads the file and reports the mistakes these functions
 * describe.
 */
#include <string.h>

#include "core/auth.h"
#include "core/home.h"
#include "reliability/config.h"

static bool parse_group(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long group;

	if (!conf_long(value, 0, UINT8_MAX, &group)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad group \"%s\": 0..255", value);
		return false;
	}
	r->group = (uint8_t)group;
	return true;
}

static bool parse_red_preference(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long preference;

	if (!conf_long(value, 0, UINT16_MAX, &preference)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad preference \"%s\": 0..65535 (higher wins)", value);
		return false;
	}
	r->preference = (uint16_t)preference;
	return true;
}

static bool parse_mode(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	if (strcmp(value, "virtual") == 0) {
		r->mode = REDUNDANCY_VIRTUAL;
	} else if (strcmp(value, "hard") == 0) {
		r->mode = REDUNDANCY_HARD;
	} else {
		snprintf(why, CONF_MESSAGE_MAX, "bad mode \"%s\": virtual or hard",
			 value);
		return false;
	}
	return true;
}

static bool parse_local(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;

	return conf_global_address("local", value,
				   "a global unicast address is needed",
				   &r->local, why);
}

static bool parse_peer(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;

	return conf_global_address_add("peer", value,
				       "a global unicast address is needed",
				       r->peers, &r->peer_count,
				       CONFIG_PEERS_MAX, why);
}

/* The Hello carries its interval in 16 bits of milliseconds. */
static bool parse_hello_interval(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	return conf_ms("hello-interval", value, 10, UINT16_MAX,
			&r->hello_interval_ms, why);
}

static bool parse_hello_loss(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long count;

	if (!conf_long(value, 1, 255, &count)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad hello-loss \"%s\": missed Hellos, 1..255", value);
		return false;
	}
	r->hello_loss = (uint32_t)count;
	return true;
}

static bool parse_preempt(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	if (!conf_yes_no(value, &r->preempt)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad preempt \"%s\": yes or no",
			 value);
		return false;
	}
	return true;
}

static bool parse_preempt_delay(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	return conf_ms("preempt-delay", value, 0, 3600000,
			&r->preempt_delay_ms, why);
}

static bool parse_address_probe(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	return conf_ms("address-probe", value, 0, 10000,
			&r->address_probe_ms, why);
}

static bool parse_sync_delay(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	return conf_ms("sync-delay", value, 0, 10000,
			&r->sync_delay_ms, why);
}

static bool parse_sync_refresh(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long seconds;

	if (!conf_long(value, 0, 86400, &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad sync-refresh \"%s\": seconds, 0 (never)..86400",
			 value);
		return false;
	}
	r->sync_refresh_s = (uint32_t)seconds;
	return true;
}

static bool parse_track_interface(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;

	if (r->track_interface_count == CONFIG_TRACKS_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d track-interface lines",
			 CONFIG_TRACKS_MAX);
		return false;
	}
	if (!conf_ifname(r->track_interfaces[r->track_interface_count],
			       value, why))
		return false;
	r->track_interface_count++;
	return true;
}

static bool parse_track_command(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;

	if (!*value || strlen(value) >= CONFIG_TRACK_COMMAND_MAX) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad track-command: 1 to %d characters",
			 CONFIG_TRACK_COMMAND_MAX - 1);
		return false;
	}
	if (r->track_command_count == CONFIG_TRACKS_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d track-command lines",
			 CONFIG_TRACKS_MAX);
		return false;
	}
	strcpy(r->track_commands[r->track_command_count++], value);
	return true;
}

static bool parse_notify(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;

	if (!*value || strlen(value) >= CONFIG_NOTIFY_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "bad notify: 1 to %d characters",
			 CONFIG_NOTIFY_MAX - 1);
		return false;
	}
	strcpy(r->notify, value);
	return true;
}

static bool parse_hold_down(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long seconds;

	if (!conf_long(value, 0, CONFIG_HOLD_DOWN_MAX_S, &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad hold-down \"%s\": seconds, 0 (none)..%d", value,
			 CONFIG_HOLD_DOWN_MAX_S);
		return false;
	}
	r->hold_down_s = (uint32_t)seconds;
	return true;
}

static bool parse_track_interval(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	return conf_ms("track-interval", value, 10, 3600000,
			&r->track_interval_ms, why);
}

static bool parse_auth(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	if (strcmp(value, "hmac-sha256") == 0) {
		r->auth = AUTH_HMAC_SHA256;
	} else if (strcmp(value, "ipsec") == 0) {
		r->auth = AUTH_IPSEC;
	} else if (strcmp(value, "none") == 0) {
		r->auth = AUTH_NONE;
	} else {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad auth \"%s\": hmac-sha256, ipsec or none", value);
		return false;
	}
	return true;
}

static bool parse_auth_key(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	return auth_key_parse(r->keys, &r->key_count, value, why);
}

static bool parse_key_send(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long id;

	if (!conf_long(value, 1, UINT16_MAX, &id)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad key-send \"%s\": a key id, 1..65535",
			 value);
		return false;
	}
	r->send_key_id = (uint16_t)id;
	return true;
}

static bool parse_route_table(void *settings, const char *value, char *why)
{
	struct config_redundancy *r = settings;
	long table;

	if (!conf_long(value, 1, INT32_MAX, &table)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad route-table \"%s\": 1..%d",
			 value, INT32_MAX);
		return false;
	}
	r->route_table = (uint32_t)table;
	return true;
}

void reliability_config_init(void *settings, struct dhad_config *core)
{
	struct config_redundancy *r = settings;

	(void)core;
	r->hello_interval_ms = CONFIG_DEFAULT_HELLO_INTERVAL_MS;
	r->hello_loss = CONFIG_DEFAULT_HELLO_LOSS;
	r->preempt_delay_ms = CONFIG_DEFAULT_PREEMPT_DELAY_MS;
	r->address_probe_ms = CONFIG_DEFAULT_ADDRESS_PROBE_MS;
	r->sync_delay_ms = CONFIG_DEFAULT_SYNC_DELAY_MS;
	r->sync_refresh_s = CONFIG_DEFAULT_SYNC_REFRESH_S;
	r->track_interval_ms = CONFIG_DEFAULT_TRACK_INTERVAL_MS;
	r->route_table = CONFIG_DEFAULT_ROUTE_TABLE;
}

/* What only the whole [redundancy] section can tell. */
void reliability_config_check(void *settings, struct conf_check *check)
{
	const struct config_redundancy *r = settings;
	const struct dhad_home *home = conf_config(check)->home;
	int section = conf_section_line(check, "redundancy");
	int auth = conf_key_line(check, "redundancy", "auth");
	unsigned int i;
	bool found = false;

	if (!section)
		return;
	if (!home)
		conf_report(check, section,
			    "[redundancy] needs a [home-agent] section");
	/*
	 * A redundant set takes over one home link (its address, prefixes,
	 * device) and a standby serves none: with several, one standby
	 * role would silence the others. Documentation/dhad.md says so.
	 */
	if (conf_config(check)->home_count > 1)
		conf_report(check, section,
			    "[redundancy] serves one home link: it cannot be combined with [home-agent NAME] sections");
	for (i = 0; i < r->peer_count; i++) {
		if (memcmp(&r->peers[i], &r->local, sizeof(r->local)) == 0)
			conf_report(check,
				    conf_key_line(check, "redundancy", "peer"),
				    "a peer is this home agent's own local address");
	}
	/* The member's own address is up everywhere; the shared one moves. */
	if (r->mode == REDUNDANCY_VIRTUAL && home &&
	    memcmp(&r->local, &home->address, sizeof(r->local)) == 0)
		conf_report(check, conf_key_line(check, "redundancy", "local"),
			    "in virtual mode local must differ from [home-agent] address, which the members share");
	if (r->auth == AUTH_HMAC_SHA256 && !r->key_count)
		conf_report(check, auth ? auth : section,
			    "auth hmac-sha256 needs at least one key (or auth = ipsec or none)");
	if (r->auth != AUTH_HMAC_SHA256 && r->key_count)
		conf_report(check, conf_key_line(check, "redundancy", "key"),
			    "keys are only used with auth = hmac-sha256");
	for (i = 0; i < r->key_count; i++)
		found |= r->keys[i].id == r->send_key_id;
	if (r->send_key_id && !found)
		conf_report(check,
			    conf_key_line(check, "redundancy", "key-send"),
			    "key-send %u names no key", r->send_key_id);
}

const char *reliability_config_fixed(const void *old_settings,
				     const void *new_settings)
{
	const struct config_redundancy *old = old_settings;
	const struct config_redundancy *now = new_settings;

	if (old->mode != now->mode)
		return "[redundancy] mode";
	if (old->group != now->group)
		return "[redundancy] group";
	if (memcmp(&old->local, &now->local, sizeof(old->local)) != 0)
		return "[redundancy] local";
	if (old->peer_count != now->peer_count ||
	    memcmp(old->peers, now->peers, sizeof(old->peers)) != 0)
		return "[redundancy] peer";
	if (old->route_table != now->route_table)
		return "[redundancy] route-table";
	return NULL;
}

static const struct conf_key redundancy_keys[] = {
	{ "group", false, true, parse_group },
	{ "preference", false, false, parse_red_preference },
	{ "mode", false, true, parse_mode },
	{ "local", false, true, parse_local },
	{ "peer", true, true, parse_peer },
	{ "hello-interval", false, false, parse_hello_interval },
	{ "hello-loss", false, false, parse_hello_loss },
	{ "preempt", false, false, parse_preempt },
	{ "preempt-delay", false, false, parse_preempt_delay },
	{ "address-probe", false, false, parse_address_probe },
	{ "sync-delay", false, false, parse_sync_delay },
	{ "sync-refresh", false, false, parse_sync_refresh },
	{ "track-interface", true, false, parse_track_interface },
	{ "track-command", true, false, parse_track_command },
	{ "track-interval", false, false, parse_track_interval },
	{ "auth", false, false, parse_auth },
	{ "key", true, false, parse_auth_key },
	{ "key-send", false, false, parse_key_send },
	{ "route-table", false, false, parse_route_table },
	{ "notify", false, false, parse_notify },
	{ "hold-down", false, false, parse_hold_down },
	{ 0 },
};

const struct conf_section reliability_sections[] = {
	{ "redundancy", false, redundancy_keys, NULL, false },
	{ 0 },
};
