// SPDX-License-Identifier: GPL-2.0-only
/*
 * The control socket. See control.h and Documentation/control.md.
 *
 * Stream rather than SOCK_SEQPACKET: a cache of a million bindings does
 * not fit one datagram. While a reply is being written the connection
 * is not read, so a client that does not read its replies holds at most
 * one reply's memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/control.h"
#include "core/dhad.h"
#include "mip6/discovery.h"
#include "sys/log.h"
#include "reliability/redundancy.h"
#include "mip6/mobility.h"
#include "wire/hamsg.h"
#include "reliability/sync.h"

#define CLIENTS_MAX 64

struct client {
	struct control *control;
	int fd;
	struct loop_io *io;
	uid_t uid;
	char in[CONTROL_REQUEST_MAX + 1];
	size_t in_len;
	char *out;
	size_t out_len;
	size_t out_sent;
	bool closing;		/* peer is done: close once out is sent */
	/*
	 * A request waits for a peer home agent's reply (handover_done()):
	 * the connection is neither read nor answered further meanwhile.
	 */
	bool waiting;
	bool waiting_switchover;	/* else a switchback */
	struct client *next;
};

struct control {
	struct dhad *dhad;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int fd;
	struct loop_io *io;
	struct client *clients;
	size_t client_count;
};

static const struct {
	const char *name;
	enum control_cmd cmd;
	bool mutates;
} commands[] = {
	{ "ha-show", CONTROL_HA_SHOW, false },
	{ "cache-show", CONTROL_CACHE_SHOW, false },
	{ "reload", CONTROL_RELOAD, true },
	{ "ha-switch", CONTROL_HA_SWITCH, true },
	{ "ha-switchover", CONTROL_HA_SWITCHOVER, true },
	{ "ha-switchback", CONTROL_HA_SWITCHBACK, true },
	{ "ha-sync-request", CONTROL_HA_SYNC_REQUEST, true },
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

int control_parse_request(const char *line, size_t len, enum control_cmd *cmd,
			  const char **error)
{
	struct json_tokener *tok;
	json_object *request, *name;
	const char *text;
	size_t i;
	int ret = -EINVAL;

	if (len > CONTROL_REQUEST_MAX) {
		*error = "request too long";
		return -EINVAL;
	}
	if (memchr(line, '\0', len)) {
		*error = "request is not JSON";
		return -EINVAL;
	}
	tok = json_tokener_new();
	if (!tok) {
		*error = "out of memory";
		return -ENOMEM;
	}
	request = json_tokener_parse_ex(tok, line, (int)len);
	/* One complete object and nothing after it but blanks. */
	if (!request || json_tokener_get_error(tok) != json_tokener_success) {
		*error = "request is not JSON";
		goto out;
	}
	for (i = json_tokener_get_parse_end(tok); i < len; i++) {
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
			*error = "request is not JSON";
			goto out;
		}
	}
	if (!json_object_is_type(request, json_type_object) ||
	    !json_object_object_get_ex(request, "cmd", &name) ||
	    !json_object_is_type(name, json_type_string)) {
		*error = "request needs a \"cmd\" string";
		goto out;
	}
	text = json_object_get_string(name);
	*error = "unknown command";
	for (i = 0; i < COMMAND_COUNT; i++) {
		if (strcmp(text, commands[i].name) == 0) {
			*cmd = commands[i].cmd;
			*error = NULL;
			ret = 0;
			break;
		}
	}
out:
	json_object_put(request);
	json_tokener_free(tok);
	return ret;
}

/* A JSON string holding a global unicast address; else why says what. */
static bool json_global_addr(json_object *value, const char *member,
			     struct in6_addr *out, char *why, size_t size)
{
	const char *reason = "not a string";

	if (json_object_is_type(value, json_type_string) &&
	    addr_parse_global(json_object_get_string(value), out, &reason))
		return true;
	snprintf(why, size, "\"%s\": %s", member, reason);
	return false;
}

int control_parse_switch(const char *line, size_t len,
			 struct control_switch *request, char *why,
			 size_t size)
{
	json_object *object = NULL, *value, *agents;
	struct json_tokener *tok = json_tokener_new();
	size_t i, j, count;
	int ret = -EINVAL;

	memset(request, 0, sizeof(*request));
	if (!tok) {
		snprintf(why, size, "out of memory");
		return -ENOMEM;
	}
	if (len <= CONTROL_REQUEST_MAX && !memchr(line, '\0', len))
		object = json_tokener_parse_ex(tok, line, (int)len);
	if (!object || !json_object_is_type(object, json_type_object)) {
		snprintf(why, size, "request is not JSON");
		goto out;
	}
	if (!json_object_object_get_ex(object, "home-address", &value)) {
		snprintf(why, size, "ha-switch needs \"home-address\"");
		goto out;
	}
	if (!json_global_addr(value, "home-address", &request->home_address,
			      why, size))
		goto out;
	if (!json_object_object_get_ex(object, "home-agents", &agents) ||
	    !json_object_is_type(agents, json_type_array)) {
		snprintf(why, size,
			 "ha-switch needs \"home-agents\", an array of addresses");
		goto out;
	}
	count = json_object_array_length(agents);
	if (count < 1 || count > HASWITCH_HOME_AGENTS_MAX) {
		snprintf(why, size, "\"home-agents\": 1 to %d addresses",
			 HASWITCH_HOME_AGENTS_MAX);
		goto out;
	}
	for (i = 0; i < count; i++) {
		if (!json_global_addr(json_object_array_get_idx(agents, i),
				      "home-agents", &request->home_agents[i],
				      why, size))
			goto out;
		for (j = 0; j < i; j++) {
			if (!memcmp(&request->home_agents[i],
				    &request->home_agents[j],
				    sizeof(request->home_agents[i]))) {
				snprintf(why, size,
					 "\"home-agents\": an address given twice");
				goto out;
			}
		}
	}
	request->home_agent_count = (unsigned int)count;
	ret = 0;
out:
	json_object_put(object);
	json_tokener_free(tok);
	return ret;
}

/* An optional array of at most max strings, each parsed by one(). */
static bool json_list(json_object *object, const char *member, size_t max,
		      bool (*one)(json_object *value, size_t i, void *out,
				  char *why, size_t size),
		      void *out, size_t *count, char *why, size_t size)
{
	json_object *array;
	size_t i, n;

	*count = 0;
	if (!json_object_object_get_ex(object, member, &array))
		return true;
	if (!json_object_is_type(array, json_type_array)) {
		snprintf(why, size, "\"%s\": not an array", member);
		return false;
	}
	n = json_object_array_length(array);
	if (n > max) {
		snprintf(why, size, "\"%s\": at most %zu", member, max);
		return false;
	}
	for (i = 0; i < n; i++)
		if (!one(json_object_array_get_idx(array, i), i, out, why,
			 size))
			return false;
	*count = n;
	return true;
}

static bool sync_address(json_object *value, size_t i, void *out, char *why,
			 size_t size)
{
	struct control_sync_request *request = out;
	size_t j;

	if (!json_global_addr(value, "home-addresses",
			      &request->home_addresses[i], why, size))
		return false;
	for (j = 0; j < i; j++) {
		if (!memcmp(&request->home_addresses[j],
			    &request->home_addresses[i],
			    sizeof(request->home_addresses[i]))) {
			snprintf(why, size,
				 "\"home-addresses\": an address given twice");
			return false;
		}
	}
	return true;
}

static bool sync_prefix(json_object *value, size_t i, void *out, char *why,
			size_t size)
{
	struct control_sync_request *request = out;
	const char *reason = "not a string";
	size_t j;

	if (!json_object_is_type(value, json_type_string) ||
	    !prefix_parse(json_object_get_string(value),
			  &request->prefixes[i], &reason)) {
		snprintf(why, size, "\"prefixes\": %s", reason);
		return false;
	}
	for (j = 0; j < i; j++) {
		if (prefix_equal(&request->prefixes[j],
				 &request->prefixes[i])) {
			snprintf(why, size,
				 "\"prefixes\": a prefix given twice");
			return false;
		}
	}
	return true;
}

int control_parse_sync_request(const char *line, size_t len,
			       struct control_sync_request *request, char *why,
			       size_t size)
{
	struct json_tokener *tok = json_tokener_new();
	json_object *object = NULL;
	int ret = -EINVAL;

	memset(request, 0, sizeof(*request));
	if (!tok) {
		snprintf(why, size, "out of memory");
		return -ENOMEM;
	}
	if (len <= CONTROL_REQUEST_MAX && !memchr(line, '\0', len))
		object = json_tokener_parse_ex(tok, line, (int)len);
	if (!object || !json_object_is_type(object, json_type_object)) {
		snprintf(why, size, "request is not JSON");
		goto out;
	}
	if (json_list(object, "home-addresses", CONTROL_SYNC_ADDRESSES_MAX,
		      sync_address, request, &request->home_address_count, why,
		      size) &&
	    json_list(object, "prefixes", CONTROL_SYNC_PREFIXES_MAX,
		      sync_prefix, request, &request->prefix_count, why, size))
		ret = 0;
out:
	json_object_put(object);
	json_tokener_free(tok);
	return ret;
}

bool control_cmd_mutates(enum control_cmd cmd)
{
	size_t i;

	for (i = 0; i < COMMAND_COUNT; i++) {
		if (commands[i].cmd == cmd)
			return commands[i].mutates;
	}
	return true;
}

/* ---- replies ---- */

static json_object *json_addr(const struct in6_addr *addr)
{
	char buf[INET6_ADDRSTRLEN];

	return json_object_new_string(addr_format(addr, buf));
}

static json_object *json_prefixes(const struct dhad_prefix *prefixes,
				  unsigned int count)
{
	json_object *array = json_object_new_array();
	char buf[PREFIX_STRLEN];
	unsigned int i;

	for (i = 0; array && i < count; i++)
		json_object_array_add(array, json_object_new_string(
					      prefix_format(&prefixes[i], buf)));
	return array;
}

static json_object *switch_json(const struct haswitch *haswitch)
{
	const struct haswitch_counters *c = &haswitch->counters;
	json_object *object = json_object_new_object();

	if (!object)
		return NULL;
	json_object_object_add(object, "pending",
			       json_object_new_int64(
				       (int64_t)haswitch->pending));
	json_object_object_add(object, "queued",
			       json_object_new_int64(
				       (int64_t)haswitch->queued));
	json_object_object_add(object, "sent",
			       json_object_new_int64((int64_t)c->sent));
	json_object_object_add(object, "retransmitted",
			       json_object_new_int64(
				       (int64_t)c->retransmitted));
	json_object_object_add(object, "answered",
			       json_object_new_int64((int64_t)c->answered));
	json_object_object_add(object, "gave-up",
			       json_object_new_int64((int64_t)c->gave_up));
	json_object_object_add(object, "binding-gone",
			       json_object_new_int64((int64_t)c->binding_gone));
	json_object_object_add(object, "renewals-refused",
			       json_object_new_int64(
				       (int64_t)c->renewals_refused));
	return object;
}

static json_object *json_rate_limits(const struct dhad_config *config)
{
	json_object *limits = json_object_new_object();

	if (!limits)
		return NULL;
	json_object_object_add(limits, "ack-rate",
			       json_object_new_int64(config->ack_rate));
	json_object_object_add(limits, "ack-burst",
			       json_object_new_int64(config->ack_burst));
	json_object_object_add(limits, "error-rate",
			       json_object_new_int64(config->error_rate));
	json_object_object_add(limits, "error-burst",
			       json_object_new_int64(config->error_burst));
	return limits;
}

/* The Mobility Header side's counters (mobility.h). */
static json_object *json_counters(const struct mobility *mobility)
{
	json_object *counters = json_object_new_object();
	struct mobility_counters c;

	if (!counters)
		return NULL;
	mobility_counters_get(mobility, &c);
	json_object_object_add(counters, "binding-acks",
			       json_object_new_int64((int64_t)c.acks_sent));
	json_object_object_add(counters, "binding-acks-rate-limited",
			       json_object_new_int64(
				       (int64_t)c.acks_rate_limited));
	json_object_object_add(counters, "binding-errors",
			       json_object_new_int64((int64_t)c.errors_sent));
	json_object_object_add(counters, "binding-errors-rate-limited",
			       json_object_new_int64(
				       (int64_t)c.errors_rate_limited));
	json_object_object_add(counters, "unprotected-discarded",
			       json_object_new_int64(
				       (int64_t)c.unprotected_discarded));
	json_object_object_add(counters, "ipsec-policies",
			       json_object_new_int64((int64_t)c.ipsec_policies));
	return counters;
}

json_object *control_ha_json(struct dhad *dhad)
{
	const struct dhad_config *config = &dhad->config;
	json_object *result = json_object_new_object();
	json_object *agents = json_object_new_array(), *agent, *anycast;
	const struct in6_addr *anycast_addrs;
	struct halist_entry *entry;
	size_t i, anycast_count;

	if (!result || !agents) {
		json_object_put(result);
		json_object_put(agents);
		return NULL;
	}
	json_object_object_add(result, "role", json_object_new_string(
		dhad->redundancy ? (redundancy_serving(dhad->redundancy) ?
				    "active" : "standby") : "home-agent"));
	json_object_object_add(result, "home-link",
			       json_object_new_string(config->home_link));
	json_object_object_add(result, "device",
			       json_object_new_string(config->device));
	json_object_object_add(result, "ifindex",
			       json_object_new_int64(dhad->ifindex));
	json_object_object_add(result, "address", json_addr(&config->address));
	json_object_object_add(result, "prefixes",
			       json_prefixes(config->prefixes,
					     config->prefix_count));
	anycast_count = discovery_anycast(dhad->discovery, &anycast_addrs);
	anycast = json_object_new_array();
	for (i = 0; anycast && i < anycast_count; i++)
		json_object_array_add(anycast, json_addr(&anycast_addrs[i]));
	json_object_object_add(result, "anycast", anycast);
	json_object_object_add(result, "router-advertisements",
			       json_object_new_boolean(
				       discovery_advertising(dhad->discovery)));
	json_object_object_add(result, "max-lifetime",
			       json_object_new_int64(config->max_lifetime));
	json_object_object_add(result, "require-ipsec",
			       json_object_new_boolean(config->require_ipsec));
	json_object_object_add(result, "bindings",
			       json_object_new_int64((int64_t)dhad->cache.count));
	json_object_object_add(result, "restored",
			       json_object_new_int64(
				       (int64_t)dhad->cache.restored_count));
	json_object_object_add(result, "uptime",
			       json_object_new_int64((int64_t)(
				       (loop_now_ms(dhad->loop) -
					dhad->started_ms) / 1000)));

	json_object_object_add(result, "rate-limits",
			       json_rate_limits(config));
	if (dhad->mobility)
		json_object_object_add(result, "counters",
				       json_counters(dhad->mobility));

	/* This home agent first, then the others in preference order. */
	agent = json_object_new_object();
	json_object_object_add(agent, "address", json_addr(&config->address));
	json_object_object_add(agent, "preference",
			       json_object_new_int(config->preference));
	json_object_object_add(agent, "lifetime",
			       json_object_new_int(config->ha_lifetime));
	json_object_object_add(agent, "mobile-routers",
			       json_object_new_boolean(config->mobile_routers));
	json_object_object_add(agent, "self", json_object_new_boolean(1));
	json_object_array_add(agents, agent);
	for (entry = dhad->halist.head; entry; entry = entry->next) {
		agent = json_object_new_object();
		json_object_object_add(agent, "address",
				       json_addr(&entry->address));
		json_object_object_add(agent, "link-local",
				       json_addr(&entry->link_local));
		json_object_object_add(agent, "preference",
				       json_object_new_int(entry->preference));
		json_object_object_add(agent, "lifetime",
				       json_object_new_int64(halist_lifetime_left(
					       &dhad->halist, entry)));
		json_object_object_add(agent, "mobile-routers",
				       json_object_new_boolean(
					       entry->mobile_routers));
		json_object_object_add(agent, "self",
				       json_object_new_boolean(0));
		json_object_array_add(agents, agent);
	}
	json_object_object_add(result, "home-agents", agents);
	if (dhad->redundancy)
		json_object_object_add(result, "redundancy",
				       redundancy_json(dhad->redundancy));
	json_object_object_add(result, "home-agent-switch",
			       switch_json(&dhad->haswitch));
	return result;
}

json_object *control_switch(struct dhad *dhad,
			    const struct control_switch *request, char *why,
			    size_t size)
{
	json_object *result, *agents;
	char hoa[INET6_ADDRSTRLEN], ha[INET6_ADDRSTRLEN];
	unsigned int i;
	int ret;

	addr_format(&request->home_address, hoa);
	if (!cache_lookup(&dhad->cache, &request->home_address)) {
		snprintf(why, size, "no binding for %s", hoa);
		return NULL;
	}
	for (i = 0; i < request->home_agent_count; i++) {
		if (!memcmp(&request->home_agents[i], &dhad->config.address,
			    sizeof(dhad->config.address))) {
			snprintf(why, size, "%s is this home agent",
				 addr_format(&request->home_agents[i], ha));
			return NULL;
		}
	}
	result = json_object_new_object();
	agents = json_object_new_array();
	if (!result || !agents) {
		json_object_put(result);
		json_object_put(agents);
		snprintf(why, size, "out of memory");
		return NULL;
	}
	ret = haswitch_request(&dhad->haswitch, &request->home_address,
			       request->home_agents, request->home_agent_count,
			       false);
	if (ret < 0) {
		json_object_put(result);
		json_object_put(agents);
		snprintf(why, size, "%s", strerror(-ret));
		return NULL;
	}
	for (i = 0; i < request->home_agent_count; i++)
		json_object_array_add(agents,
				      json_addr(&request->home_agents[i]));
	log_info("home agent switch %s to %s%s: %s", hoa,
		 addr_format(&request->home_agents[0], ha),
		 request->home_agent_count > 1 ? " and others" : "",
		 ret ? "updated" : "queued");
	json_object_object_add(result, "home-address",
			       json_addr(&request->home_address));
	json_object_object_add(result, "home-agents", agents);
	json_object_object_add(result, "updated", json_object_new_boolean(ret));
	json_object_object_add(result, "pending",
			       json_object_new_int64(
				       (int64_t)dhad->haswitch.pending));
	return result;
}

void control_handover_error(bool switchover, int status,
			    enum redundancy_role role,
			    const struct in6_addr *peer, char *why,
			    size_t size)
{
	char a[INET6_ADDRSTRLEN] = "the peer";

	if (peer)
		addr_format(peer, a);
	switch (status) {
	case -EOPNOTSUPP:
		snprintf(why, size, "dhad runs without [redundancy]");
		break;
	case -EALREADY:
		snprintf(why, size, "%s", switchover ?
			 "this home agent is already active" :
			 role == ROLE_INIT ?
			 "this home agent is not active yet (start-up election)" :
			 "this home agent is already standby");
		break;
	case -ENOENT:
		snprintf(why, size, "%s", switchover ?
			 "no active home agent to ask" :
			 "no standby to hand over to");
		break;
	case -EBUSY:
		snprintf(why, size,
			 "a SwitchOver or SwitchBack request is under way");
		break;
	case -ETIMEDOUT:
		snprintf(why, size, "no reply from %s", a);
		break;
	case -ECANCELED:
		snprintf(why, size, "dhad stopped before %s replied", a);
		break;
	case DHA_SWITCH_WRONG_ROLE:
		snprintf(why, size, switchover ?
			 "%s is not the active home agent" :
			 "%s is already the active home agent", a);
		break;
	case DHA_SWITCH_ADMIN_PROHIBITED:
		snprintf(why, size, switchover ?
			 "refused by the active home agent %s: administratively prohibited (a tracked condition here fails, or it does not hear this home agent)" :
			 "refused by the standby %s: administratively prohibited (a tracked condition there fails)",
			 a);
		break;
	default:
		if (status > 0)
			snprintf(why, size, "refused by %s: status %d", a,
				 status);
		else
			snprintf(why, size, "%s", strerror(-status));
		break;
	}
}

static json_object *json_flags(uint16_t flags)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} names[] = {
		{ CACHE_FLAG_ACK, "A" },	{ CACHE_FLAG_HOME, "H" },
		{ CACHE_FLAG_LINK_LOCAL, "L" }, { CACHE_FLAG_KEY_MGMT, "K" },
		{ CACHE_FLAG_ROUTER, "R" },	{ CACHE_FLAG_PROXY, "P" },
	};
	json_object *array = json_object_new_array();
	size_t i;

	for (i = 0; array && i < sizeof(names) / sizeof(names[0]); i++) {
		if (flags & names[i].bit)
			json_object_array_add(
				array, json_object_new_string(names[i].name));
	}
	return array;
}

struct cache_json {
	struct dhad *dhad;
	json_object *array;
};

static int add_entry_json(struct cache_entry *entry, void *arg)
{
	struct cache_json *state = arg;
	json_object *obj = json_object_new_object();

	if (!obj)
		return -ENOMEM;
	json_object_object_add(obj, "home-address",
			       json_addr(&entry->home_address));
	json_object_object_add(obj, "care-of-address",
			       json_addr(&entry->care_of_address));
	/* A restored entry's sequence number is unknown: null. */
	json_object_object_add(obj, "sequence",
			       entry->restored ? NULL :
			       json_object_new_int(entry->sequence));
	json_object_object_add(obj, "restored",
			       json_object_new_boolean(entry->restored));
	json_object_object_add(obj, "flags", json_flags(entry->flags));
	/* Lifetimes: null for a binding that never expires. */
	json_object_object_add(obj, "lifetime",
			       entry->lifetime ?
				       json_object_new_int64(entry->lifetime) :
				       NULL);
	json_object_object_add(obj, "lifetime-left",
			       entry->expiry_ms ?
				       json_object_new_int64(cache_lifetime_left(
					       &state->dhad->cache, entry)) :
				       NULL);
	json_object_object_add(obj, "prefixes",
			       json_prefixes(entry->prefixes,
					     entry->prefix_count));
	return json_object_array_add(state->array, obj) ? -ENOMEM : 0;
}

json_object *control_cache_json(struct dhad *dhad)
{
	struct cache_json state = { dhad, json_object_new_array() };
	json_object *result = json_object_new_object();

	if (!result || !state.array ||
	    cache_for_each(&dhad->cache, add_entry_json, &state)) {
		json_object_put(result);
		json_object_put(state.array);
		return NULL;
	}
	json_object_object_add(result, "bindings", state.array);
	return result;
}

json_object *control_sync_request(struct dhad *dhad,
				  const struct control_sync_request *request,
				  char *why, size_t size)
{
	struct sync *sync = NULL;
	json_object *result;
	int ret;

	if (dhad->redundancy)
		sync = redundancy_sync(dhad->redundancy);
	if (!sync) {
		snprintf(why, size,
			 "not a member of a redundant set ([redundancy])");
		return NULL;
	}
	ret = sync_request(sync, request->home_addresses,
			   request->home_address_count, request->prefixes,
			   request->prefix_count);
	if (ret == -EALREADY) {
		snprintf(why, size,
			 "not a standby: only a standby asks the active home agent");
		return NULL;
	}
	if (ret == -ENOENT) {
		snprintf(why, size, "no live active home agent to ask");
		return NULL;
	}
	result = ret ? NULL : json_object_new_object();
	if (!result) {
		snprintf(why, size, "%s", strerror(ret ? -ret : ENOMEM));
		return NULL;
	}
	json_object_object_add(result, "whole-cache", json_object_new_boolean(
		!request->home_address_count && !request->prefix_count));
	return result;
}

/* ---- connections ---- */

static bool queue_reply(struct client *client, json_object *reply);
static void client_close(struct client *client);

/* The peer's answer to a client's "ha-switchover" or "ha-switchback". */
static void handover_done(void *arg, int status, const struct in6_addr *peer)
{
	struct client *client = arg;
	struct redundancy *r = client->control->dhad->redundancy;
	json_object *reply = json_object_new_object(), *result;
	char why[256];
	bool ok;

	client->waiting = false;
	if (reply && status == 0) {
		result = json_object_new_object();
		json_object_object_add(result, "role", json_object_new_string(
			redundancy_role_name(redundancy_role(r))));
		json_object_object_add(result, "peer", json_addr(peer));
		json_object_object_add(reply, "ok",
				       json_object_new_boolean(1));
		json_object_object_add(reply, "result", result);
	} else if (reply) {
		control_handover_error(client->waiting_switchover, status,
				       redundancy_role(r), peer, why,
				       sizeof(why));
		json_object_object_add(reply, "ok",
				       json_object_new_boolean(0));
		json_object_object_add(reply, "error",
				       json_object_new_string(why));
	}
	ok = queue_reply(client, reply);
	json_object_put(reply);
	if (!ok) {
		client_close(client);
		return;
	}
	/* client_io() sends it, then reads on. */
	loop_io_set_events(client->io, LOOP_WRITE);
}

/*
 * Starts an "ha-switchover" or "ha-switchback": true when the reply
 * waits for the peer's, else false with the error in why.
 */
static bool handover_start(struct client *client, bool switchover,
			   char *why, size_t size)
{
	struct redundancy *r = client->control->dhad->redundancy;
	int ret;

	ret = switchover ? redundancy_switchover(r, handover_done, client) :
			   redundancy_switchback(r, handover_done, client);
	if (ret == 0) {
		client->waiting = true;
		client->waiting_switchover = switchover;
		return true;
	}
	control_handover_error(switchover, ret,
			       r ? redundancy_role(r) : ROLE_INIT, NULL, why,
			       size);
	return false;
}

/* The reply to one request line; NULL when it waits (or out of memory). */
static json_object *answer(struct client *client, const char *line,
			   size_t len)
{
	struct dhad *dhad = client->control->dhad;
	json_object *reply = json_object_new_object(), *result = NULL;
	char why[256];
	const char *error = NULL;
	struct control_switch request;
	struct control_sync_request sync_request;
	enum control_cmd cmd;

	if (!reply)
		return NULL;
	if (control_parse_request(line, len, &cmd, &error) == 0) {
		if (control_cmd_mutates(cmd) && client->uid != 0) {
			error = "permission denied (needs root)";
		} else {
			switch (cmd) {
			case CONTROL_HA_SHOW:
				result = control_ha_json(dhad);
				break;
			case CONTROL_CACHE_SHOW:
				result = control_cache_json(dhad);
				break;
			case CONTROL_RELOAD:
				if (dhad_reload(dhad, why, sizeof(why)) == 0)
					result = json_object_new_object();
				else
					error = why;
				break;
			case CONTROL_HA_SWITCH:
				if (control_parse_switch(line, len, &request,
							 why, sizeof(why)) == 0)
					result = control_switch(dhad, &request,
								why,
								sizeof(why));
				if (!result)
					error = why;
				break;
			case CONTROL_HA_SWITCHOVER:
			case CONTROL_HA_SWITCHBACK:
				if (handover_start(client,
						   cmd == CONTROL_HA_SWITCHOVER,
						   why, sizeof(why))) {
					json_object_put(reply);
					return NULL;
				}
				error = why;
				break;
			case CONTROL_HA_SYNC_REQUEST:
				if (control_parse_sync_request(
					    line, len, &sync_request, why,
					    sizeof(why)) == 0)
					result = control_sync_request(
						dhad, &sync_request, why,
						sizeof(why));
				if (!result)
					error = why;
				break;
			}
			if (!result && !error)
				error = "out of memory";
		}
	}
	json_object_object_add(reply, "ok", json_object_new_boolean(!error));
	if (error)
		json_object_object_add(reply, "error",
				       json_object_new_string(error));
	else
		json_object_object_add(reply, "result", result);
	return reply;
}

static void client_close(struct client *client)
{
	struct control *control = client->control;
	struct client **link;

	for (link = &control->clients; *link; link = &(*link)->next) {
		if (*link == client) {
			*link = client->next;
			break;
		}
	}
	control->client_count--;
	/* A reply still to come has nobody to go to. */
	if (client->waiting)
		redundancy_forget_done(control->dhad->redundancy, client);
	loop_io_del(client->io);
	close(client->fd);
	free(client->out);
	free(client);
}

/* Queues reply as one line; false when out of memory. */
static bool queue_reply(struct client *client, json_object *reply)
{
	const char *text;
	size_t len;
	char *out;

	text = reply ? json_object_to_json_string_ext(reply,
						     JSON_C_TO_STRING_PLAIN) :
		       NULL;
	if (!text)
		return false;
	len = strlen(text);
	out = realloc(client->out, client->out_len + len + 1);
	if (!out)
		return false;
	memcpy(out + client->out_len, text, len);
	out[client->out_len + len] = '\n';
	client->out = out;
	client->out_len += len + 1;
	return true;
}

/*
 * Answers the complete lines in the input buffer, up to one whose reply
 * waits for a peer.
 */
static bool process_input(struct client *client)
{
	char *newline;
	size_t line_len;
	json_object *reply;
	bool ok;

	while (!client->waiting &&
	       (newline = memchr(client->in, '\n', client->in_len))) {
		line_len = (size_t)(newline - client->in);
		reply = answer(client, client->in, line_len);
		ok = client->waiting || queue_reply(client, reply);
		json_object_put(reply);
		if (!ok)
			return false;
		client->in_len -= line_len + 1;
		memmove(client->in, newline + 1, client->in_len);
	}
	if (!client->waiting && client->in_len > CONTROL_REQUEST_MAX) {
		static const char too_long[] =
			"{\"ok\":false,\"error\":\"request too long\"}";

		reply = json_tokener_parse(too_long);
		ok = queue_reply(client, reply);
		json_object_put(reply);
		client->closing = true;
		client->in_len = 0;
		return ok;
	}
	return true;
}

static void client_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct client *client = arg;
	ssize_t len;

	(void)io;
	if (events & LOOP_READ) {
		len = recv(fd, client->in + client->in_len,
			   sizeof(client->in) - client->in_len, 0);
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (len <= 0)
			client->closing = true;
		else
			client->in_len += (size_t)len;
	}
	/* Also lines left while a reply waited for a peer. */
	if (!process_input(client)) {
		client_close(client);
		return;
	}
	if (client->out_sent < client->out_len) {
		len = send(fd, client->out + client->out_sent,
			   client->out_len - client->out_sent,
			   MSG_NOSIGNAL | MSG_DONTWAIT);
		if (len < 0 && errno != EAGAIN && errno != EINTR) {
			client_close(client);
			return;
		}
		if (len > 0)
			client->out_sent += (size_t)len;
		if (client->out_sent == client->out_len) {
			free(client->out);
			client->out = NULL;
			client->out_len = client->out_sent = 0;
		}
	}
	if (client->closing && !client->out_len && !client->waiting) {
		client_close(client);
		return;
	}
	/* Read again only when the replies so far are out. */
	loop_io_set_events(client->io, client->out_len ? LOOP_WRITE :
				       client->waiting ? 0 : LOOP_READ);
}

static void accept_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct control *control = arg;
	struct client *client;
	struct ucred cred;
	socklen_t cred_len = sizeof(cred);
	int conn;

	(void)io;
	(void)events;
	conn = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (conn < 0)
		return;
	if (control->client_count >= CLIENTS_MAX ||
	    getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) < 0) {
		close(conn);
		return;
	}
	client = calloc(1, sizeof(*client));
	if (!client) {
		close(conn);
		return;
	}
	client->control = control;
	client->fd = conn;
	client->uid = cred.uid;
	client->io = loop_io_add(control->dhad->loop, conn, LOOP_READ,
				 client_io, client);
	if (!client->io) {
		close(conn);
		free(client);
		return;
	}
	client->next = control->clients;
	control->clients = client;
	control->client_count++;
}

/* mkdir -p for the socket's directory; new directories get 0755. */
static int make_parent(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (slash = dir + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -errno;
		*slash = '/';
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* Whether a daemon answers on path already. */
static bool socket_alive(const struct sockaddr_un *addr)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool alive;

	if (fd < 0)
		return false;
	alive = connect(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0;
	close(fd);
	return alive;
}

int control_apply_group(struct control *control)
{
	const struct dhad_config *config = &control->dhad->config;
	gid_t group = config->has_control_group ? config->control_group : 0;

	/* Unprivileged (a test run), the file stays the caller's own. */
	if (geteuid() != 0 && !config->has_control_group)
		return 0;
	if (chown(control->path, 0, group) < 0)
		return -errno;
	return 0;
}

int control_open(struct dhad *dhad, const char *path, struct control **out)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct control *control;
	mode_t mask;
	int ret;

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	ret = make_parent(path);
	if (ret)
		return ret;
	if (socket_alive(&addr))
		return -EADDRINUSE;
	control = calloc(1, sizeof(*control));
	if (!control)
		return -ENOMEM;
	control->dhad = dhad;
	strcpy(control->path, path);
	control->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			     0);
	if (control->fd < 0) {
		ret = -errno;
		goto err_free;
	}
	/* A socket file nobody answers on is left from a crash. */
	unlink(path);
	/* Never world-accessible, not even between bind() and chmod(). */
	mask = umask(0117);
	ret = bind(control->fd, (struct sockaddr *)&addr, sizeof(addr));
	umask(mask);
	if (ret < 0) {
		ret = -errno;
		goto err_close;
	}
	if (chmod(path, 0660) < 0 || listen(control->fd, 16) < 0) {
		ret = -errno;
		goto err_unlink;
	}
	ret = control_apply_group(control);
	if (ret)
		goto err_unlink;
	control->io = loop_io_add(dhad->loop, control->fd, LOOP_READ,
				  accept_io, control);
	if (!control->io) {
		ret = -ENOMEM;
		goto err_unlink;
	}
	*out = control;
	return 0;

err_unlink:
	unlink(path);
err_close:
	close(control->fd);
err_free:
	free(control);
	return ret;
}

void control_close(struct control *control)
{
	if (!control)
		return;
	while (control->clients)
		client_close(control->clients);
	loop_io_del(control->io);
	close(control->fd);
	unlink(control->path);
	free(control);
}
