// SPDX-License-Identifier: GPL-2.0-only
/*
 * The home agent's part of dha ha show, and its control socket command
 * "ha-switch" (Documentation/control.md).
 */
#include <errno.h>
#include <string.h>

#include "core/control.h"
#include "core/dhad.h"
#include "mip6/discovery.h"
#include "mip6/mip6.h"
#include "mip6/mobility.h"
#include "mip6/show.h"
#include "sys/log.h"

static json_object *json_int(int64_t value)
{
	return json_object_new_int64(value);
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

static json_object *json_rate_limits(const struct mip6_config *config)
{
	json_object *limits = json_object_new_object();

	if (!limits)
		return NULL;
	json_object_object_add(limits, "ack-rate", json_int(config->ack_rate));
	json_object_object_add(limits, "ack-burst",
			       json_int(config->ack_burst));
	json_object_object_add(limits, "error-rate",
			       json_int(config->error_rate));
	json_object_object_add(limits, "error-burst",
			       json_int(config->error_burst));
	return limits;
}

/* The Mobility Header side's counters (mobility.h). */
static json_object *json_counters(const struct mobility *mobility,
				  const struct discovery *discovery)
{
	json_object *counters = json_object_new_object();
	struct mobility_counters c;

	if (!counters)
		return NULL;
	mobility_counters_get(mobility, &c);
	json_object_object_add(counters, "binding-acks",
			       json_int((int64_t)c.acks_sent));
	json_object_object_add(counters, "binding-acks-rate-limited",
			       json_int((int64_t)c.acks_rate_limited));
	json_object_object_add(counters, "binding-errors",
			       json_int((int64_t)c.errors_sent));
	json_object_object_add(counters, "binding-errors-rate-limited",
			       json_int((int64_t)c.errors_rate_limited));
	json_object_object_add(counters, "unprotected-discarded",
			       json_int((int64_t)c.unprotected_discarded));
	json_object_object_add(counters, "ipsec-policies",
			       json_int((int64_t)c.ipsec_policies));
	json_object_object_add(counters, "policy-denied",
			       json_int((int64_t)c.policy_denied));
	json_object_object_add(counters, "discovery-answers-rate-limited",
			       json_int((int64_t)discovery_answers_rate_limited(
				       discovery)));
	json_object_object_add(counters, "mps-unprotected-discarded",
			       json_int((int64_t)discovery_mps_unprotected(
				       discovery)));
	return counters;
}

/* What the operator should know about the configuration (may be empty). */
static json_object *json_warnings(const struct mip6_config *config)
{
	json_object *warnings = json_object_new_array();
	const char *unprotected = mip6_warning_unprotected(config);

	if (warnings && unprotected)
		json_object_array_add(warnings,
				      json_object_new_string(unprotected));
	return warnings;
}

/* This home agent first, then the others in preference order. */
static json_object *json_home_agents(const struct mip6 *ha)
{
	const struct mip6_config *config = ha->config;
	const struct halist *list = ha->halist;
	json_object *agents = json_object_new_array(), *agent;
	const struct halist_entry *entry;

	if (!agents)
		return NULL;
	agent = json_object_new_object();
	json_object_object_add(agent, "address",
			       control_address_json(&config->home.address));
	json_object_object_add(agent, "preference",
			       json_object_new_int(config->preference));
	json_object_object_add(agent, "lifetime",
			       json_object_new_int(config->home.ha_lifetime));
	json_object_object_add(agent, "mobile-routers",
			       json_object_new_boolean(config->mobile_routers));
	json_object_object_add(agent, "self", json_object_new_boolean(1));
	json_object_array_add(agents, agent);
	for (entry = list->head; entry; entry = entry->next) {
		agent = json_object_new_object();
		json_object_object_add(agent, "address",
				       control_address_json(&entry->address));
		/* A redundant set's member is known by its Hellos' source. */
		json_object_object_add(agent,
				       entry->member ? "peer" : "link-local",
				       control_address_json(&entry->link_local));
		json_object_object_add(agent, "preference",
				       json_object_new_int(entry->preference));
		json_object_object_add(agent, "lifetime",
				       json_int(halist_lifetime_left(list,
								     entry)));
		json_object_object_add(agent, "mobile-routers",
				       json_object_new_boolean(
					       entry->mobile_routers));
		json_object_object_add(agent, "self",
				       json_object_new_boolean(0));
		json_object_array_add(agents, agent);
	}
	return agents;
}

/* What one home link is... */
static void show_link(const struct mip6 *ha, json_object *result)
{
	const struct mip6_config *config = ha->config;
	const struct in6_addr *anycast_addrs;
	json_object *anycast;
	size_t i, anycast_count;

	json_object_object_add(result, "home-link",
			       json_object_new_string(config->home.home_link));
	json_object_object_add(result, "device",
			       json_object_new_string(config->home.device));
	json_object_object_add(result, "ifindex", json_int(ha->device));
	json_object_object_add(result, "address",
			       control_address_json(&config->home.address));
	json_object_object_add(result, "prefixes",
			       json_prefixes(config->home.prefixes,
					     config->home.prefix_count));
	anycast_count = discovery_anycast(ha->discovery, &anycast_addrs);
	anycast = json_object_new_array();
	for (i = 0; anycast && i < anycast_count; i++)
		json_object_array_add(anycast,
				      control_address_json(&anycast_addrs[i]));
	json_object_object_add(result, "anycast", anycast);
	json_object_object_add(result, "router-advertisements",
			       json_object_new_boolean(
				       discovery_advertising(ha->discovery)));
	json_object_object_add(result, "max-lifetime",
			       json_int(config->home.max_lifetime));
	json_object_object_add(result, "require-ipsec",
			       json_object_new_boolean(config->require_ipsec));
	json_object_object_add(result, "prefix-valid-lifetime",
			       json_int(config->prefix_valid_lifetime));
	json_object_object_add(result, "prefix-preferred-lifetime",
			       json_int(config->prefix_preferred_lifetime));
	json_object_object_add(result, "warnings", json_warnings(config));
}

/* ...and did. */
static void show_link_activity(const struct mip6 *ha, json_object *result)
{
	json_object_object_add(result, "rate-limits",
			       json_rate_limits(ha->config));
	if (ha->mobility)
		json_object_object_add(result, "counters",
				       json_counters(ha->mobility,
						     ha->discovery));
	json_object_object_add(result, "home-agents", json_home_agents(ha));
}

/* Each home link's bindings: the cache's whose home address it holds. */
struct link_count {
	const struct mip6 *ha;
	int64_t count;
};

static int count_binding(struct cache_entry *entry, void *arg)
{
	struct link_count *c = arg;

	c->count += mip6_link_of(c->ha, &entry->home_address) == c->ha;
	return 0;
}

/*
 * The first home link at the top, as with a single one; every home link,
 * the first too, in "home-links".
 */
void mip6_show(void *state, json_object *result)
{
	const struct mip6 *ha = state;
	struct dhad *dhad = ha->dhad;
	json_object *links = json_object_new_array(), *link;
	unsigned int i;

	show_link(ha, result);
	json_object_object_add(result, "bindings",
			       json_int((int64_t)dhad->cache.count));
	json_object_object_add(result, "restored",
			       json_int((int64_t)dhad->cache.restored_count));
	json_object_object_add(result, "uptime", json_int((int64_t)(
		(loop_now_ms(dhad->loop) - dhad->started_ms) / 1000)));
	show_link_activity(ha, result);
	for (i = 0; links && i < ha->link_count; i++) {
		struct link_count c = { .ha = ha->links[i] };

		link = json_object_new_object();
		if (!link)
			break;
		json_object_object_add(link, "name", json_object_new_string(
					       ha->links[i]->config->name));
		show_link(ha->links[i], link);
		cache_for_each(&dhad->cache, count_binding, &c);
		json_object_object_add(link, "bindings", json_int(c.count));
		show_link_activity(ha->links[i], link);
		json_object_array_add(links, link);
	}
	json_object_object_add(result, "home-links", links);
}

/* ---- ha-switch ---- */

int mip6_parse_switch(const char *line, size_t len,
		      struct mip6_switch *request, char *why, size_t size)
{
	json_object *object, *value, *agents;
	size_t i, j, count;
	int ret = -EINVAL;

	memset(request, 0, sizeof(*request));
	object = control_request_object(line, len, why);
	if (!object)
		return -EINVAL;
	if (!json_object_object_get_ex(object, "home-address", &value)) {
		snprintf(why, size, "ha-switch needs \"home-address\"");
		goto out;
	}
	if (!control_json_address(value, "home-address",
				  &request->home_address, why, size))
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
		if (!control_json_address(json_object_array_get_idx(agents, i),
					  "home-agents",
					  &request->home_agents[i], why, size))
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
	return ret;
}

json_object *mip6_switch(struct mip6 *ha, const struct mip6_switch *request,
			 char *why, size_t size)
{
	struct dhad *dhad = ha->dhad;
	json_object *result, *agents;
	char hoa[INET6_ADDRSTRLEN], agent[INET6_ADDRSTRLEN];
	unsigned int i;
	int ret;

	addr_format(&request->home_address, hoa);
	if (!cache_lookup(&dhad->cache, &request->home_address)) {
		snprintf(why, size, "no binding for %s", hoa);
		return NULL;
	}
	for (i = 0; i < request->home_agent_count; i++) {
		if (!memcmp(&request->home_agents[i], &ha->config->home.address,
			    sizeof(request->home_agents[i]))) {
			snprintf(why, size, "%s is this home agent",
				 addr_format(&request->home_agents[i], agent));
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
		json_object_array_add(agents, control_address_json(
					      &request->home_agents[i]));
	log_info("home agent switch %s to %s%s: %s", hoa,
		 addr_format(&request->home_agents[0], agent),
		 request->home_agent_count > 1 ? " and others" : "",
		 ret ? "updated" : "queued");
	json_object_object_add(result, "home-address",
			       control_address_json(&request->home_address));
	json_object_object_add(result, "home-agents", agents);
	json_object_object_add(result, "updated", json_object_new_boolean(ret));
	json_object_object_add(result, "pending",
			       json_int((int64_t)dhad->haswitch.pending));
	return result;
}

static void run_switch(void *state, struct control_call *call)
{
	struct mip6_switch request;
	char why[CONTROL_ERROR_MAX];
	json_object *result = NULL;
	const char *line;
	size_t len;

	line = control_call_line(call, &len);
	if (mip6_parse_switch(line, len, &request, why, sizeof(why)) == 0)
		result = mip6_switch(state, &request, why, sizeof(why));
	if (result)
		control_reply(call, result);
	else
		control_fail(call, "%s", why);
}

const struct control_command mip6_commands[] = {
	{ "ha-switch", true, run_switch },
	{ 0 },
};
