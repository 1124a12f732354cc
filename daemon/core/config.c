// SPDX-License-Identifier: GPL-2.0-only
/*
 * dhad's configuration parser. See config.h.
 *
 * libinih splits the file into sections and key = value pairs; it tells
 * only the line of its first error and gives the handler no line
 * numbers. So lines are fed to it through a reader that counts them:
 * when the handler runs, the reader's count is the handler's line. The
 * reader also spots section headers (inih does not report sections
 * without keys) and refuses overlong lines itself instead of letting
 * inih cut them into pieces.
 */
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ini.h>

#include "core/config.h"
#include "sys/log.h"

#define MESSAGE_MAX 256

struct config_message {
	int line;
	char text[MESSAGE_MAX];
};

enum key_id {
	KEY_HOME_LINK,
	KEY_PREFIX,
	KEY_ADDRESS,
	KEY_DEVICE,
	KEY_MAX_LIFETIME,
	KEY_REQUIRE_IPSEC,
	KEY_MAX_BINDINGS,
	KEY_MOBILE_ROUTERS,
	KEY_MOBILE_NETWORK,
	KEY_PREFERENCE,
	KEY_HA_LIFETIME,
	KEY_GROUP,
	KEY_RED_PREFERENCE,
	KEY_MODE,
	KEY_LOCAL,
	KEY_PEER,
	KEY_HELLO_INTERVAL,
	KEY_HELLO_LOSS,
	KEY_PREEMPT,
	KEY_PREEMPT_DELAY,
	KEY_SYNC_DELAY,
	KEY_SYNC_REFRESH,
	KEY_TRACK_INTERFACE,
	KEY_TRACK_COMMAND,
	KEY_TRACK_INTERVAL,
	KEY_AUTH,
	KEY_AUTH_KEY,
	KEY_KEY_SEND,
	KEY_ROUTE_TABLE,
	KEY_SWITCH_RATE,
	KEY_SWITCH_RETRANSMISSIONS,
	KEY_ACK_RATE,
	KEY_ACK_BURST,
	KEY_ERROR_RATE,
	KEY_ERROR_BURST,
	KEY_LOG_LEVEL,
	KEY_CONTROL_GROUP,
	KEY_RA_SEND,
	KEY_RA_MIN_INTERVAL,
	KEY_RA_MAX_INTERVAL,
	KEY_RA_ROUTER_LIFETIME,
	KEY_COUNT
};

struct key {
	const char *section;
	const char *name;
	bool repeatable;
	bool required;
	/* false: a mistake, described in why (MESSAGE_MAX bytes). */
	bool (*parse)(struct dhad_config *config, const char *value,
		      char *why);
};

struct parse_state {
	FILE *in;
	const char *name;
	struct dhad_config *config;
	int line;			/* of the text last handed to inih */
	int completed_lines;
	bool section_known;
	int home_agent_line;		/* first [home-agent] header, or 0 */
	int redundancy_line;		/* first [redundancy] header, or 0 */
	int key_line[KEY_COUNT];	/* where each key was first given */
	struct config_message *messages;
	size_t message_count;
	size_t message_capacity;
	bool out_of_memory;
};

static void report(struct parse_state *state, int line, const char *format,
		   ...) __attribute__((format(printf, 3, 4)));

static void report(struct parse_state *state, int line, const char *format,
		   ...)
{
	struct config_message *message;
	va_list ap;

	if (state->message_count == state->message_capacity) {
		size_t capacity = state->message_capacity ?
					  state->message_capacity * 2 : 8;
		struct config_message *messages;

		messages = realloc(state->messages,
				   capacity * sizeof(*messages));
		if (!messages) {
			state->out_of_memory = true;
			return;
		}
		state->messages = messages;
		state->message_capacity = capacity;
	}
	message = &state->messages[state->message_count++];
	message->line = line;
	va_start(ap, format);
	vsnprintf(message->text, sizeof(message->text), format, ap);
	va_end(ap);
}

/* Values: plain decimal integers in a range, no sign unless negative. */
static bool parse_long(const char *value, long min, long max, long *out)
{
	char *end;

	if (!*value || (*value != '-' && (*value < '0' || *value > '9')))
		return false;
	errno = 0;
	*out = strtol(value, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min && *out <= max;
}

static bool parse_ifname_into(char *dst, const char *value, char *why)
{
	if (!ifname_valid(value)) {
		snprintf(why, MESSAGE_MAX,
			 "\"%s\" is not an interface name (1 to %d characters, no '/', ':' or blanks)",
			 value, IF_NAMESIZE - 1);
		return false;
	}
	strcpy(dst, value);
	return true;
}

static bool parse_home_link(struct dhad_config *config, const char *value,
			    char *why)
{
	return parse_ifname_into(config->home_link, value, why);
}

static bool parse_device(struct dhad_config *config, const char *value,
			 char *why)
{
	return parse_ifname_into(config->device, value, why);
}

static bool parse_prefix_key(struct dhad_config *config, const char *value,
			     char *why)
{
	struct dhad_prefix prefix;
	const char *reason;
	unsigned int i;

	if (!prefix_parse(value, &prefix, &reason)) {
		snprintf(why, MESSAGE_MAX, "bad prefix \"%s\": %s", value,
			 reason);
		return false;
	}
	for (i = 0; i < config->prefix_count; i++) {
		if (prefix_equal(&config->prefixes[i], &prefix)) {
			snprintf(why, MESSAGE_MAX, "prefix %s given twice",
				 value);
			return false;
		}
	}
	if (config->prefix_count == CONFIG_PREFIXES_MAX) {
		snprintf(why, MESSAGE_MAX, "more than %d prefixes",
			 CONFIG_PREFIXES_MAX);
		return false;
	}
	config->prefixes[config->prefix_count++] = prefix;
	return true;
}

static bool parse_address(struct dhad_config *config, const char *value,
			  char *why)
{
	const char *reason;

	if (!addr_parse_global(value, &config->address, &reason)) {
		snprintf(why, MESSAGE_MAX,
			 "bad address \"%s\": %s (a global unicast address is needed)",
			 value, reason);
		return false;
	}
	return true;
}

static bool parse_max_lifetime(struct dhad_config *config, const char *value,
			       char *why)
{
	long seconds;

	if (!parse_long(value, 4, CONFIG_MAX_LIFETIME_LIMIT, &seconds)) {
		snprintf(why, MESSAGE_MAX,
			 "bad max-lifetime \"%s\": seconds, 4..%d", value,
			 CONFIG_MAX_LIFETIME_LIMIT);
		return false;
	}
	config->max_lifetime = (uint32_t)seconds;
	return true;
}

static bool parse_yes_no(const char *value, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(value, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcmp(value, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_require_ipsec(struct dhad_config *config, const char *value,
				char *why)
{
	if (!parse_yes_no(value, &config->require_ipsec)) {
		snprintf(why, MESSAGE_MAX,
			 "bad require-ipsec \"%s\": yes or no", value);
		return false;
	}
	return true;
}

static bool parse_max_bindings(struct dhad_config *config, const char *value,
			       char *why)
{
	long count;

	if (!parse_long(value, 1, CONFIG_MAX_BINDINGS_LIMIT, &count)) {
		snprintf(why, MESSAGE_MAX, "bad max-bindings \"%s\": 1..%d",
			 value, CONFIG_MAX_BINDINGS_LIMIT);
		return false;
	}
	config->max_bindings = (uint32_t)count;
	return true;
}

static bool parse_mobile_routers(struct dhad_config *config, const char *value,
				 char *why)
{
	if (!parse_yes_no(value, &config->mobile_routers)) {
		snprintf(why, MESSAGE_MAX,
			 "bad mobile-routers \"%s\": yes or no", value);
		return false;
	}
	return true;
}

static bool prefixes_overlap(const struct dhad_prefix *a,
			     const struct dhad_prefix *b)
{
	return a->length <= b->length ? prefix_contains(a, &b->address) :
					prefix_contains(b, &a->address);
}

/*
 * "HOME-ADDRESS PREFIX". A prefix belongs to one mobile router: two
 * routers with overlapping prefixes would each be allowed to take the
 * other's traffic.
 */
static bool parse_mobile_network(struct dhad_config *config, const char *value,
				 char *why)
{
	struct config_mobile_network network;
	const char *blank = strpbrk(value, " \t"), *prefix_text, *reason;
	char address_text[INET6_ADDRSTRLEN];
	unsigned int i, router_prefixes = 0;

	if (!blank || (size_t)(blank - value) >= sizeof(address_text)) {
		snprintf(why, MESSAGE_MAX,
			 "bad mobile-network \"%s\": not HOME-ADDRESS PREFIX",
			 value);
		return false;
	}
	memcpy(address_text, value, (size_t)(blank - value));
	address_text[blank - value] = '\0';
	prefix_text = blank + strspn(blank, " \t");
	if (!addr_parse_global(address_text, &network.home_address, &reason)) {
		snprintf(why, MESSAGE_MAX,
			 "bad mobile-network \"%s\": home address: %s", value,
			 reason);
		return false;
	}
	if (!prefix_parse(prefix_text, &network.prefix, &reason)) {
		snprintf(why, MESSAGE_MAX,
			 "bad mobile-network \"%s\": prefix: %s", value,
			 reason);
		return false;
	}
	for (i = 0; i < config->mobile_network_count; i++) {
		const struct config_mobile_network *other =
			&config->mobile_networks[i];
		bool same_router = memcmp(&other->home_address,
					  &network.home_address,
					  sizeof(network.home_address)) == 0;

		router_prefixes += same_router;
		if (prefixes_overlap(&other->prefix, &network.prefix)) {
			char other_prefix[PREFIX_STRLEN];

			snprintf(why, MESSAGE_MAX,
				 "bad mobile-network \"%s\": overlaps %s, given for %s",
				 value,
				 prefix_format(&other->prefix, other_prefix),
				 same_router ? "this mobile router already" :
					       "another mobile router");
			return false;
		}
	}
	if (router_prefixes == CONFIG_PREFIXES_MAX) {
		snprintf(why, MESSAGE_MAX,
			 "bad mobile-network \"%s\": more than %d prefixes for one mobile router",
			 value, CONFIG_PREFIXES_MAX);
		return false;
	}
	if (config->mobile_network_count == CONFIG_MOBILE_NETWORKS_MAX) {
		snprintf(why, MESSAGE_MAX, "more than %d mobile-network lines",
			 CONFIG_MOBILE_NETWORKS_MAX);
		return false;
	}
	config->mobile_networks[config->mobile_network_count++] = network;
	return true;
}

static bool parse_preference(struct dhad_config *config, const char *value,
			     char *why)
{
	long preference;

	if (!parse_long(value, INT16_MIN, INT16_MAX, &preference)) {
		snprintf(why, MESSAGE_MAX,
			 "bad preference \"%s\": -32768..32767", value);
		return false;
	}
	config->preference = (int16_t)preference;
	return true;
}

static bool parse_ha_lifetime(struct dhad_config *config, const char *value,
			      char *why)
{
	long seconds;

	if (!parse_long(value, 1, UINT16_MAX, &seconds)) {
		snprintf(why, MESSAGE_MAX,
			 "bad home-agent-lifetime \"%s\": seconds, 1..65535",
			 value);
		return false;
	}
	config->ha_lifetime = (uint16_t)seconds;
	return true;
}

/* ---- [redundancy] ---- */

static bool parse_group(struct dhad_config *config, const char *value,
			char *why)
{
	long group;

	if (!parse_long(value, 0, UINT8_MAX, &group)) {
		snprintf(why, MESSAGE_MAX, "bad group \"%s\": 0..255", value);
		return false;
	}
	config->redundancy.group = (uint8_t)group;
	return true;
}

static bool parse_red_preference(struct dhad_config *config, const char *value,
				 char *why)
{
	long preference;

	if (!parse_long(value, 0, UINT16_MAX, &preference)) {
		snprintf(why, MESSAGE_MAX,
			 "bad preference \"%s\": 0..65535 (higher wins)", value);
		return false;
	}
	config->redundancy.preference = (uint16_t)preference;
	return true;
}

static bool parse_mode(struct dhad_config *config, const char *value,
		       char *why)
{
	if (strcmp(value, "virtual") == 0) {
		config->redundancy.mode = REDUNDANCY_VIRTUAL;
	} else if (strcmp(value, "hard") == 0) {
		config->redundancy.mode = REDUNDANCY_HARD;
	} else {
		snprintf(why, MESSAGE_MAX, "bad mode \"%s\": virtual or hard",
			 value);
		return false;
	}
	return true;
}

static bool parse_local(struct dhad_config *config, const char *value,
			char *why)
{
	const char *reason;

	if (!addr_parse_global(value, &config->redundancy.local, &reason)) {
		snprintf(why, MESSAGE_MAX,
			 "bad local \"%s\": %s (a global unicast address is needed)",
			 value, reason);
		return false;
	}
	return true;
}

static bool parse_peer(struct dhad_config *config, const char *value,
		       char *why)
{
	struct config_redundancy *r = &config->redundancy;
	struct in6_addr peer;
	const char *reason;
	unsigned int i;

	if (!addr_parse_global(value, &peer, &reason)) {
		snprintf(why, MESSAGE_MAX,
			 "bad peer \"%s\": %s (a global unicast address is needed)",
			 value, reason);
		return false;
	}
	for (i = 0; i < r->peer_count; i++) {
		if (memcmp(&r->peers[i], &peer, sizeof(peer)) == 0) {
			snprintf(why, MESSAGE_MAX, "peer %s given twice",
				 value);
			return false;
		}
	}
	if (r->peer_count == CONFIG_PEERS_MAX) {
		snprintf(why, MESSAGE_MAX, "more than %d peers",
			 CONFIG_PEERS_MAX);
		return false;
	}
	r->peers[r->peer_count++] = peer;
	return true;
}

/* NAME: milliseconds in min..max, into *out. */
static bool parse_ms(const char *name, const char *value, long min, long max,
		     uint32_t *out, char *why)
{
	long ms;

	if (!parse_long(value, min, max, &ms)) {
		snprintf(why, MESSAGE_MAX,
			 "bad %s \"%s\": milliseconds, %ld..%ld", name, value,
			 min, max);
		return false;
	}
	*out = (uint32_t)ms;
	return true;
}

/* The Hello carries its interval in 16 bits of milliseconds. */
static bool parse_hello_interval(struct dhad_config *config, const char *value,
				 char *why)
{
	return parse_ms("hello-interval", value, 10, UINT16_MAX,
			&config->redundancy.hello_interval_ms, why);
}

static bool parse_hello_loss(struct dhad_config *config, const char *value,
			     char *why)
{
	long count;

	if (!parse_long(value, 1, 255, &count)) {
		snprintf(why, MESSAGE_MAX,
			 "bad hello-loss \"%s\": missed Hellos, 1..255", value);
		return false;
	}
	config->redundancy.hello_loss = (uint32_t)count;
	return true;
}

static bool parse_preempt(struct dhad_config *config, const char *value,
			  char *why)
{
	if (!parse_yes_no(value, &config->redundancy.preempt)) {
		snprintf(why, MESSAGE_MAX, "bad preempt \"%s\": yes or no",
			 value);
		return false;
	}
	return true;
}

static bool parse_preempt_delay(struct dhad_config *config, const char *value,
				char *why)
{
	return parse_ms("preempt-delay", value, 0, 3600000,
			&config->redundancy.preempt_delay_ms, why);
}

static bool parse_sync_delay(struct dhad_config *config, const char *value,
			     char *why)
{
	return parse_ms("sync-delay", value, 0, 10000,
			&config->redundancy.sync_delay_ms, why);
}

static bool parse_sync_refresh(struct dhad_config *config, const char *value,
			       char *why)
{
	long seconds;

	if (!parse_long(value, 0, 86400, &seconds)) {
		snprintf(why, MESSAGE_MAX,
			 "bad sync-refresh \"%s\": seconds, 0 (never)..86400",
			 value);
		return false;
	}
	config->redundancy.sync_refresh_s = (uint32_t)seconds;
	return true;
}

static bool parse_track_interface(struct dhad_config *config,
				  const char *value, char *why)
{
	struct config_redundancy *r = &config->redundancy;

	if (r->track_interface_count == CONFIG_TRACKS_MAX) {
		snprintf(why, MESSAGE_MAX, "more than %d track-interface lines",
			 CONFIG_TRACKS_MAX);
		return false;
	}
	if (!parse_ifname_into(r->track_interfaces[r->track_interface_count],
			       value, why))
		return false;
	r->track_interface_count++;
	return true;
}

static bool parse_track_command(struct dhad_config *config, const char *value,
				char *why)
{
	struct config_redundancy *r = &config->redundancy;

	if (!*value || strlen(value) >= CONFIG_TRACK_COMMAND_MAX) {
		snprintf(why, MESSAGE_MAX,
			 "bad track-command: 1 to %d characters",
			 CONFIG_TRACK_COMMAND_MAX - 1);
		return false;
	}
	if (r->track_command_count == CONFIG_TRACKS_MAX) {
		snprintf(why, MESSAGE_MAX, "more than %d track-command lines",
			 CONFIG_TRACKS_MAX);
		return false;
	}
	strcpy(r->track_commands[r->track_command_count++], value);
	return true;
}

static bool parse_track_interval(struct dhad_config *config, const char *value,
				 char *why)
{
	return parse_ms("track-interval", value, 10, 3600000,
			&config->redundancy.track_interval_ms, why);
}

static bool parse_auth(struct dhad_config *config, const char *value,
		       char *why)
{
	if (strcmp(value, "hmac-sha256") == 0) {
		config->redundancy.auth = AUTH_HMAC_SHA256;
	} else if (strcmp(value, "ipsec") == 0) {
		config->redundancy.auth = AUTH_IPSEC;
	} else if (strcmp(value, "none") == 0) {
		config->redundancy.auth = AUTH_NONE;
	} else {
		snprintf(why, MESSAGE_MAX,
			 "bad auth \"%s\": hmac-sha256, ipsec or none", value);
		return false;
	}
	return true;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "ID HEX": a key id 1..65535 and 32 to 64 octets in hex. */
static bool parse_auth_key(struct dhad_config *config, const char *value,
			   char *why)
{
	struct config_redundancy *r = &config->redundancy;
	struct config_auth_key key = { 0 };
	const char *blank = strpbrk(value, " \t"), *hex;
	char id_text[8];
	size_t digits, i;
	long id;

	if (!blank || (size_t)(blank - value) >= sizeof(id_text)) {
		snprintf(why, MESSAGE_MAX, "bad key: not ID HEX");
		return false;
	}
	memcpy(id_text, value, (size_t)(blank - value));
	id_text[blank - value] = '\0';
	if (!parse_long(id_text, 1, UINT16_MAX, &id)) {
		snprintf(why, MESSAGE_MAX, "bad key id \"%s\": 1..65535",
			 id_text);
		return false;
	}
	hex = blank + strspn(blank, " \t");
	digits = strlen(hex);
	if (digits % 2 || digits < 2 * CONFIG_AUTH_KEY_MIN ||
	    digits > 2 * CONFIG_AUTH_KEY_MAX) {
		snprintf(why, MESSAGE_MAX,
			 "bad key %ld: %d to %d octets in hex (%zu digits given)",
			 id, CONFIG_AUTH_KEY_MIN, CONFIG_AUTH_KEY_MAX, digits);
		return false;
	}
	for (i = 0; i < digits / 2; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			snprintf(why, MESSAGE_MAX,
				 "bad key %ld: not a hex digit at position %zu",
				 id, 2 * i + (hi < 0 ? 1 : 2));
			return false;
		}
		key.key[i] = (uint8_t)(hi << 4 | lo);
	}
	key.id = (uint16_t)id;
	key.len = (uint8_t)(digits / 2);
	for (i = 0; i < r->key_count; i++) {
		if (r->keys[i].id == key.id) {
			snprintf(why, MESSAGE_MAX, "key id %ld given twice", id);
			return false;
		}
	}
	if (r->key_count == CONFIG_AUTH_KEYS_MAX) {
		snprintf(why, MESSAGE_MAX, "more than %d keys",
			 CONFIG_AUTH_KEYS_MAX);
		return false;
	}
	r->keys[r->key_count++] = key;
	return true;
}

static bool parse_key_send(struct dhad_config *config, const char *value,
			   char *why)
{
	long id;

	if (!parse_long(value, 1, UINT16_MAX, &id)) {
		snprintf(why, MESSAGE_MAX, "bad key-send \"%s\": a key id, 1..65535",
			 value);
		return false;
	}
	config->redundancy.send_key_id = (uint16_t)id;
	return true;
}

static bool parse_route_table(struct dhad_config *config, const char *value,
			      char *why)
{
	long table;

	if (!parse_long(value, 1, INT32_MAX, &table)) {
		snprintf(why, MESSAGE_MAX, "bad route-table \"%s\": 1..%d",
			 value, INT32_MAX);
		return false;
	}
	config->redundancy.route_table = (uint32_t)table;
	return true;
}

static bool parse_switch_rate(struct dhad_config *config, const char *value,
			      char *why)
{
	long rate;

	if (!parse_long(value, 1, CONFIG_SWITCH_RATE_LIMIT, &rate)) {
		snprintf(why, MESSAGE_MAX,
			 "bad switch-rate \"%s\": messages a second, 1..%d",
			 value, CONFIG_SWITCH_RATE_LIMIT);
		return false;
	}
	config->switch_rate = (uint32_t)rate;
	return true;
}

static bool parse_switch_retransmissions(struct dhad_config *config,
					 const char *value, char *why)
{
	long count;

	if (!parse_long(value, 0, CONFIG_SWITCH_RETRANSMISSIONS_LIMIT, &count)) {
		snprintf(why, MESSAGE_MAX,
			 "bad switch-retransmissions \"%s\": 0..%d", value,
			 CONFIG_SWITCH_RETRANSMISSIONS_LIMIT);
		return false;
	}
	config->switch_retransmissions = (uint32_t)count;
	return true;
}

/* A rate or burst of answers: 1..CONFIG_RATE_LIMIT. */
static bool parse_answer_limit(uint32_t *out, const char *name,
			       const char *value, char *why)
{
	long count;

	if (!parse_long(value, 1, CONFIG_RATE_LIMIT, &count)) {
		snprintf(why, MESSAGE_MAX, "bad %s \"%s\": 1..%d", name, value,
			 CONFIG_RATE_LIMIT);
		return false;
	}
	*out = (uint32_t)count;
	return true;
}

static bool parse_ack_rate(struct dhad_config *config, const char *value,
			   char *why)
{
	return parse_answer_limit(&config->ack_rate, "ack-rate", value, why);
}

static bool parse_ack_burst(struct dhad_config *config, const char *value,
			    char *why)
{
	return parse_answer_limit(&config->ack_burst, "ack-burst", value, why);
}

static bool parse_error_rate(struct dhad_config *config, const char *value,
			     char *why)
{
	return parse_answer_limit(&config->error_rate, "error-rate", value,
				  why);
}

static bool parse_error_burst(struct dhad_config *config, const char *value,
			      char *why)
{
	return parse_answer_limit(&config->error_burst, "error-burst", value,
				  why);
}

static bool parse_log_level(struct dhad_config *config, const char *value,
			    char *why)
{
	int level = log_level_parse(value);

	if (level < 0) {
		snprintf(why, MESSAGE_MAX,
			 "bad log-level \"%s\": error, warning, notice, info or debug",
			 value);
		return false;
	}
	config->log_level = level;
	return true;
}

static bool parse_control_group(struct dhad_config *config, const char *value,
				char *why)
{
	struct group *group;
	long gid;

	if (parse_long(value, 0, INT32_MAX, &gid)) {
		config->control_group = (gid_t)gid;
	} else {
		group = *value ? getgrnam(value) : NULL;
		if (!group) {
			snprintf(why, MESSAGE_MAX, "unknown group \"%s\"",
				 value);
			return false;
		}
		config->control_group = group->gr_gid;
	}
	config->has_control_group = true;
	return true;
}

static bool parse_ra_send(struct dhad_config *config, const char *value,
			  char *why)
{
	if (!parse_yes_no(value, &config->ra_send)) {
		snprintf(why, MESSAGE_MAX, "bad send \"%s\": yes or no", value);
		return false;
	}
	return true;
}

/* Seconds with at most three decimals ("0.5", "600") into milliseconds. */
static bool parse_seconds_ms(const char *value, uint32_t min_ms,
			     uint32_t max_ms, uint32_t *out)
{
	const char *dot = strchr(value, '.');
	char whole[16];
	size_t len = dot ? (size_t)(dot - value) : strlen(value);
	long seconds, ms = 0, scale = 100;
	const char *digit;

	if (len == 0 || len >= sizeof(whole))
		return false;
	memcpy(whole, value, len);
	whole[len] = '\0';
	if (whole[0] == '-' || !parse_long(whole, 0, max_ms / 1000, &seconds))
		return false;
	if (dot) {
		if (!dot[1] || strlen(dot + 1) > 3)
			return false;
		for (digit = dot + 1; *digit; digit++, scale /= 10) {
			if (*digit < '0' || *digit > '9')
				return false;
			ms += (*digit - '0') * scale;
		}
	}
	ms += seconds * 1000;
	if (ms < (long)min_ms || ms > (long)max_ms)
		return false;
	*out = (uint32_t)ms;
	return true;
}

static bool parse_ra_min_interval(struct dhad_config *config,
				  const char *value, char *why)
{
	if (!parse_seconds_ms(value, CONFIG_RA_MIN_INTERVAL_MS,
			      CONFIG_RA_MAX_INTERVAL_MAX_MS * 3 / 4,
			      &config->ra_min_interval_ms)) {
		snprintf(why, MESSAGE_MAX,
			 "bad min-interval \"%s\": seconds, 0.03..1350", value);
		return false;
	}
	return true;
}

static bool parse_ra_max_interval(struct dhad_config *config,
				  const char *value, char *why)
{
	if (!parse_seconds_ms(value, CONFIG_RA_MAX_INTERVAL_MIN_MS,
			      CONFIG_RA_MAX_INTERVAL_MAX_MS,
			      &config->ra_max_interval_ms)) {
		snprintf(why, MESSAGE_MAX,
			 "bad max-interval \"%s\": seconds, 0.07..1800", value);
		return false;
	}
	return true;
}

static bool parse_ra_router_lifetime(struct dhad_config *config,
				     const char *value, char *why)
{
	long seconds;

	if (!parse_long(value, 0, CONFIG_RA_ROUTER_LIFETIME_MAX, &seconds)) {
		snprintf(why, MESSAGE_MAX,
			 "bad router-lifetime \"%s\": seconds, 0..%d", value,
			 CONFIG_RA_ROUTER_LIFETIME_MAX);
		return false;
	}
	config->ra_router_lifetime = (uint16_t)seconds;
	return true;
}

static const struct key keys[KEY_COUNT] = {
	[KEY_HOME_LINK] = { "home-agent", "home-link", false, true,
			    parse_home_link },
	[KEY_PREFIX] = { "home-agent", "prefix", true, true,
			 parse_prefix_key },
	[KEY_ADDRESS] = { "home-agent", "address", false, true,
			  parse_address },
	[KEY_DEVICE] = { "home-agent", "device", false, false, parse_device },
	[KEY_MAX_LIFETIME] = { "home-agent", "max-lifetime", false, false,
			       parse_max_lifetime },
	[KEY_REQUIRE_IPSEC] = { "home-agent", "require-ipsec", false, false,
				parse_require_ipsec },
	[KEY_MAX_BINDINGS] = { "home-agent", "max-bindings", false, false,
			       parse_max_bindings },
	[KEY_MOBILE_ROUTERS] = { "home-agent", "mobile-routers", false, false,
				 parse_mobile_routers },
	[KEY_MOBILE_NETWORK] = { "home-agent", "mobile-network", true, false,
				 parse_mobile_network },
	[KEY_PREFERENCE] = { "home-agent", "preference", false, false,
			     parse_preference },
	[KEY_HA_LIFETIME] = { "home-agent", "home-agent-lifetime", false,
			      false, parse_ha_lifetime },
	[KEY_GROUP] = { "redundancy", "group", false, true, parse_group },
	[KEY_RED_PREFERENCE] = { "redundancy", "preference", false, false,
				 parse_red_preference },
	[KEY_MODE] = { "redundancy", "mode", false, true, parse_mode },
	[KEY_LOCAL] = { "redundancy", "local", false, true, parse_local },
	[KEY_PEER] = { "redundancy", "peer", true, true, parse_peer },
	[KEY_HELLO_INTERVAL] = { "redundancy", "hello-interval", false, false,
				 parse_hello_interval },
	[KEY_HELLO_LOSS] = { "redundancy", "hello-loss", false, false,
			     parse_hello_loss },
	[KEY_PREEMPT] = { "redundancy", "preempt", false, false,
			  parse_preempt },
	[KEY_PREEMPT_DELAY] = { "redundancy", "preempt-delay", false, false,
				parse_preempt_delay },
	[KEY_SYNC_DELAY] = { "redundancy", "sync-delay", false, false,
			     parse_sync_delay },
	[KEY_SYNC_REFRESH] = { "redundancy", "sync-refresh", false, false,
			       parse_sync_refresh },
	[KEY_TRACK_INTERFACE] = { "redundancy", "track-interface", true, false,
				  parse_track_interface },
	[KEY_TRACK_COMMAND] = { "redundancy", "track-command", true, false,
				parse_track_command },
	[KEY_TRACK_INTERVAL] = { "redundancy", "track-interval", false, false,
				 parse_track_interval },
	[KEY_AUTH] = { "redundancy", "auth", false, false, parse_auth },
	[KEY_AUTH_KEY] = { "redundancy", "key", true, false, parse_auth_key },
	[KEY_KEY_SEND] = { "redundancy", "key-send", false, false,
			   parse_key_send },
	[KEY_ROUTE_TABLE] = { "redundancy", "route-table", false, false,
			      parse_route_table },
	[KEY_SWITCH_RATE] = { "home-agent", "switch-rate", false, false,
			      parse_switch_rate },
	[KEY_SWITCH_RETRANSMISSIONS] = { "home-agent", "switch-retransmissions",
					 false, false,
					 parse_switch_retransmissions },
	[KEY_ACK_RATE] = { "home-agent", "ack-rate", false, false,
			   parse_ack_rate },
	[KEY_ACK_BURST] = { "home-agent", "ack-burst", false, false,
			    parse_ack_burst },
	[KEY_ERROR_RATE] = { "home-agent", "error-rate", false, false,
			     parse_error_rate },
	[KEY_ERROR_BURST] = { "home-agent", "error-burst", false, false,
			      parse_error_burst },
	[KEY_LOG_LEVEL] = { "daemon", "log-level", false, false,
			    parse_log_level },
	[KEY_CONTROL_GROUP] = { "daemon", "control-group", false, false,
				parse_control_group },
	[KEY_RA_SEND] = { "router-advertisement", "send", false, false,
			  parse_ra_send },
	[KEY_RA_MIN_INTERVAL] = { "router-advertisement", "min-interval",
				  false, false, parse_ra_min_interval },
	[KEY_RA_MAX_INTERVAL] = { "router-advertisement", "max-interval",
				  false, false, parse_ra_max_interval },
	[KEY_RA_ROUTER_LIFETIME] = { "router-advertisement", "router-lifetime",
				     false, false, parse_ra_router_lifetime },
};

static bool section_known(const char *section)
{
	size_t i;

	for (i = 0; i < KEY_COUNT; i++) {
		if (strcmp(keys[i].section, section) == 0)
			return true;
	}
	return false;
}

static int handle_pair(void *user, const char *section, const char *name,
		       const char *value)
{
	struct parse_state *state = user;
	char why[MESSAGE_MAX];
	size_t i;

	if (!*section) {
		report(state, state->line, "key \"%s\" outside any section",
		       name);
		return 0;
	}
	/* Reported at its header; the file is refused already. */
	if (!state->section_known)
		return 1;
	for (i = 0; i < KEY_COUNT; i++) {
		if (strcmp(keys[i].section, section) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			break;
	}
	if (i == KEY_COUNT) {
		report(state, state->line, "unknown key \"%s\" in [%s]", name,
		       section);
		return 0;
	}
	if (state->key_line[i] && !keys[i].repeatable) {
		report(state, state->line,
		       "duplicate key \"%s\" (first set on line %d)", name,
		       state->key_line[i]);
		return 0;
	}
	/* Given, even if wrong: then it is not "missing" as well. */
	if (!state->key_line[i])
		state->key_line[i] = state->line;
	if (!keys[i].parse(state->config, value, why)) {
		report(state, state->line, "%s", why);
		return 0;
	}
	return 1;
}

/* A "[name]" line: the name as inih will see it, checked here. */
static void check_section_header(struct parse_state *state, const char *line)
{
	const char *start = line, *end;
	char name[MESSAGE_MAX];
	size_t len;

	while (*start == ' ' || *start == '\t')
		start++;
	if (*start != '[')
		return;
	end = strchr(start, ']');
	if (!end)
		return;		/* inih reports the syntax error */
	len = (size_t)(end - start - 1);
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, start + 1, len);
	name[len] = '\0';
	state->section_known = section_known(name);
	if (!state->section_known)
		report(state, state->line, "unknown section [%s]", name);
	else if (strcmp(name, "home-agent") == 0 && !state->home_agent_line)
		state->home_agent_line = state->line;
	else if (strcmp(name, "redundancy") == 0 && !state->redundancy_line)
		state->redundancy_line = state->line;
}

static char *read_line(char *buf, int size, void *stream)
{
	struct parse_state *state = stream;
	bool nul = false, too_long = false;
	size_t len = 0;
	int c;

	while ((c = getc(state->in)) != EOF) {
		if (c == '\0')
			nul = true;
		else if (len + 1 < (size_t)size)
			buf[len++] = (char)c;
		else
			too_long = true;
		if (c == '\n')
			break;
	}
	if (len == 0 && !nul && !too_long)
		return NULL;
	buf[len] = '\0';
	state->line = ++state->completed_lines;
	/* Either would make inih see a different line: hand it a blank one. */
	if (too_long || nul) {
		if (too_long)
			report(state, state->line,
			       "line longer than %d characters", size - 2);
		else
			report(state, state->line, "NUL character in line");
		strcpy(buf, "\n");
		return buf;
	}
	check_section_header(state, buf);
	return buf;
}

static void config_defaults(struct dhad_config *config)
{
	memset(config, 0, sizeof(*config));
	strcpy(config->device, CONFIG_DEFAULT_DEVICE);
	config->max_lifetime = CONFIG_DEFAULT_MAX_LIFETIME;
	config->max_bindings = CONFIG_DEFAULT_MAX_BINDINGS;
	config->ha_lifetime = CONFIG_DEFAULT_HA_LIFETIME;
	config->switch_rate = CONFIG_DEFAULT_SWITCH_RATE;
	config->switch_retransmissions = CONFIG_DEFAULT_SWITCH_RETRANSMISSIONS;
	config->ra_max_interval_ms = CONFIG_DEFAULT_RA_MAX_INTERVAL_MS;
	config->ack_rate = CONFIG_DEFAULT_ACK_RATE;
	config->ack_burst = CONFIG_DEFAULT_ACK_BURST;
	config->error_rate = CONFIG_DEFAULT_ERROR_RATE;
	config->error_burst = CONFIG_DEFAULT_ERROR_BURST;
	config->log_level = LOG_INFO;
	config->redundancy.hello_interval_ms = CONFIG_DEFAULT_HELLO_INTERVAL_MS;
	config->redundancy.hello_loss = CONFIG_DEFAULT_HELLO_LOSS;
	config->redundancy.preempt_delay_ms = CONFIG_DEFAULT_PREEMPT_DELAY_MS;
	config->redundancy.sync_delay_ms = CONFIG_DEFAULT_SYNC_DELAY_MS;
	config->redundancy.sync_refresh_s = CONFIG_DEFAULT_SYNC_REFRESH_S;
	config->redundancy.track_interval_ms = CONFIG_DEFAULT_TRACK_INTERVAL_MS;
	config->redundancy.route_table = CONFIG_DEFAULT_ROUTE_TABLE;
}

static int compare_messages(const void *a, const void *b)
{
	const struct config_message *x = a, *y = b;

	/* The index breaks ties: qsort is not stable. */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* What only the whole [redundancy] section can tell. */
static void check_redundancy(struct parse_state *state)
{
	const struct config_redundancy *r = &state->config->redundancy;
	unsigned int i;
	bool found = false;

	if (!state->redundancy_line)
		return;
	for (i = 0; i < r->peer_count; i++) {
		if (memcmp(&r->peers[i], &r->local, sizeof(r->local)) == 0)
			report(state, state->key_line[KEY_PEER],
			       "a peer is this home agent's own local address");
	}
	/* The member's own address is up everywhere; the shared one moves. */
	if (r->mode == REDUNDANCY_VIRTUAL &&
	    memcmp(&r->local, &state->config->address, sizeof(r->local)) == 0)
		report(state, state->key_line[KEY_LOCAL],
		       "in virtual mode local must differ from [home-agent] address, which the members share");
	if (r->auth == AUTH_HMAC_SHA256 && !r->key_count)
		report(state, state->key_line[KEY_AUTH] ?
			       state->key_line[KEY_AUTH] : state->redundancy_line,
		       "auth hmac-sha256 needs at least one key (or auth = ipsec or none)");
	if (r->auth != AUTH_HMAC_SHA256 && r->key_count)
		report(state, state->key_line[KEY_AUTH_KEY],
		       "keys are only used with auth = hmac-sha256");
	for (i = 0; i < r->key_count; i++)
		found |= r->keys[i].id == r->send_key_id;
	if (r->send_key_id && !found)
		report(state, state->key_line[KEY_KEY_SEND],
		       "key-send %u names no key", r->send_key_id);
}

/* Required keys are required when their section is there at all. */
static void check_required(struct parse_state *state)
{
	size_t i;
	int line;

	for (i = 0; i < KEY_COUNT; i++) {
		if (!keys[i].required || state->key_line[i])
			continue;
		line = strcmp(keys[i].section, "redundancy") == 0 ?
			       state->redundancy_line : state->home_agent_line;
		if (line)
			report(state, line, "missing key \"%s\" in [%s]",
			       keys[i].name, keys[i].section);
	}
	/* Reported once, at the end of the file, where it would go. */
	if (!state->home_agent_line)
		report(state, state->completed_lines ? state->completed_lines : 1,
		       "missing section [home-agent]");
}

/*
 * The defaults of [router-advertisement] follow max-interval (RFC 4861
 * 6.2.1: MinRtrAdvInterval 0.33 of it, AdvDefaultLifetime 3 times), and
 * the keys bound one another.
 */
static void finish_router_advertisement(struct parse_state *state)
{
	struct dhad_config *config = state->config;
	int min_line = state->key_line[KEY_RA_MIN_INTERVAL];
	int lifetime_line = state->key_line[KEY_RA_ROUTER_LIFETIME];
	uint32_t max_ms = config->ra_max_interval_ms;

	if (!min_line) {
		config->ra_min_interval_ms = max_ms / 3;
		if (config->ra_min_interval_ms < CONFIG_RA_MIN_INTERVAL_MS)
			config->ra_min_interval_ms = CONFIG_RA_MIN_INTERVAL_MS;
	} else if (config->ra_min_interval_ms > max_ms * 3 / 4) {
		report(state, min_line,
		       "min-interval must be at most 0.75 times max-interval (%u.%03u s)",
		       max_ms / 1000, max_ms % 1000);
	}
	if (!lifetime_line) {
		uint32_t seconds = (3 * max_ms + 999) / 1000;

		if (seconds > CONFIG_RA_ROUTER_LIFETIME_MAX)
			seconds = CONFIG_RA_ROUTER_LIFETIME_MAX;
		config->ra_router_lifetime = (uint16_t)seconds;
	} else if (config->ra_router_lifetime &&
		   config->ra_router_lifetime * 1000u < max_ms) {
		report(state, lifetime_line,
		       "router-lifetime must be 0 or at least max-interval (%u.%03u s)",
		       max_ms / 1000, max_ms % 1000);
	}
}

int config_parse_file(FILE *in, const char *name, struct dhad_config *config,
		      FILE *errors)
{
	struct parse_state state = {
		.in = in,
		.name = name,
		.config = config,
		.section_known = true,
	};
	bool have_line = false;
	size_t i;
	int ret, count;

	config_defaults(config);
	/* Continuation lines would make a duplicate key of a typo. */
	ini_allow_multiline = false;
	ret = ini_parse_stream(read_line, &state, handle_pair, &state);
	if (ret == -2)
		state.out_of_memory = true;
	/*
	 * inih's first error: the handler's own mistakes are recorded; a
	 * line that is not a section, a pair or a comment is not.
	 */
	if (ret > 0) {
		for (i = 0; i < state.message_count; i++)
			have_line |= state.messages[i].line == ret;
		if (!have_line)
			report(&state, ret,
			       "syntax error (expected [section], key = value or a comment)");
	}
	check_required(&state);
	check_redundancy(&state);
	finish_router_advertisement(&state);
	if (state.out_of_memory) {
		free(state.messages);
		return -ENOMEM;
	}
	if (state.message_count)
		qsort(state.messages, state.message_count,
		      sizeof(*state.messages), compare_messages);
	for (i = 0; i < state.message_count; i++)
		fprintf(errors, "%s:%d: %s\n", name, state.messages[i].line,
			state.messages[i].text);
	count = (int)state.message_count;
	free(state.messages);
	return count;
}

int config_load(const char *path, struct dhad_config *config, FILE *errors)
{
	FILE *in = fopen(path, "r");
	int ret;

	if (!in) {
		fprintf(errors, "%s: cannot open: %s\n", path, strerror(errno));
		return 1;
	}
	ret = config_parse_file(in, path, config, errors);
	fclose(in);
	return ret;
}

const char *config_fixed_change(const struct dhad_config *old,
				const struct dhad_config *new)
{
	if (strcmp(old->home_link, new->home_link) != 0)
		return "home-link";
	if (strcmp(old->device, new->device) != 0)
		return "device";
	if (memcmp(&old->address, &new->address, sizeof(old->address)) != 0)
		return "address";
	if (old->redundancy.mode != new->redundancy.mode)
		return "[redundancy] mode";
	if (old->redundancy.group != new->redundancy.group)
		return "[redundancy] group";
	if (memcmp(&old->redundancy.local, &new->redundancy.local,
		   sizeof(old->redundancy.local)) != 0)
		return "[redundancy] local";
	if (old->redundancy.peer_count != new->redundancy.peer_count ||
	    memcmp(old->redundancy.peers, new->redundancy.peers,
		   sizeof(old->redundancy.peers)) != 0)
		return "[redundancy] peer";
	if (old->redundancy.route_table != new->redundancy.route_table)
		return "[redundancy] route-table";
	return NULL;
}
