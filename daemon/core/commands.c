// SPDX-License-Identifier: GPL-2.0-only
/*
 * The core's control socket commands (Documentation/control.md):
 * "ha-show", whose result each protocol adds its part to, "cache-show",
 * "reload" and "monitor", which streams the events protocols publish.
 */
#include <errno.h>
#include <string.h>

#include "core/commands.h"
#include "core/control.h"
#include "core/dhad.h"
#include "core/icmp.h"
#include "core/mh.h"
#include "core/msgstats.h"

static json_object *json_int(int64_t value)
{
	return json_object_new_int64(value);
}

static json_object *switch_json(const struct haswitch *haswitch)
{
	const struct haswitch_counters *c = &haswitch->counters;
	json_object *object = json_object_new_object();

	if (!object)
		return NULL;
	json_object_object_add(object, "pending",
			       json_int((int64_t)haswitch->pending));
	json_object_object_add(object, "queued",
			       json_int((int64_t)haswitch->queued));
	json_object_object_add(object, "sent", json_int((int64_t)c->sent));
	json_object_object_add(object, "retransmitted",
			       json_int((int64_t)c->retransmitted));
	json_object_object_add(object, "answered",
			       json_int((int64_t)c->answered));
	json_object_object_add(object, "gave-up", json_int((int64_t)c->gave_up));
	json_object_object_add(object, "binding-gone",
			       json_int((int64_t)c->binding_gone));
	json_object_object_add(object, "renewals-refused",
			       json_int((int64_t)c->renewals_refused));
	return object;
}

json_object *commands_ha_json(struct dhad *dhad)
{
	json_object *result = json_object_new_object();
	const char *role = dhad_role(dhad);

	if (!result)
		return NULL;
	json_object_object_add(result, "role", json_object_new_string(
				       role ? role : "home-agent"));
	dhad_show(dhad, result);
	json_object_object_add(result, "home-agent-switch",
			       switch_json(&dhad->haswitch));
	if (dhad->mh && dhad->icmp)
		json_object_object_add(result, "messages",
				       msgstats_json(mh_stats(dhad->mh),
						     icmp_stats(dhad->icmp)));
	return result;
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
			       control_address_json(&entry->home_address));
	json_object_object_add(obj, "care-of-address",
			       control_address_json(&entry->care_of_address));
	/* A restored entry's sequence number is unknown: null. */
	json_object_object_add(obj, "sequence",
			       entry->restored ? NULL :
			       json_object_new_int(entry->sequence));
	json_object_object_add(obj, "restored",
			       json_object_new_boolean(entry->restored));
	json_object_object_add(obj, "flags", json_flags(entry->flags));
	/* Lifetimes: null for a binding that never expires. */
	json_object_object_add(obj, "lifetime",
			       entry->lifetime ? json_int(entry->lifetime) :
						 NULL);
	json_object_object_add(obj, "lifetime-left",
			       entry->expiry_ms ?
				       json_int(cache_lifetime_left(
					       &state->dhad->cache, entry)) :
				       NULL);
	json_object_object_add(obj, "prefixes",
			       json_prefixes(entry->prefixes,
					     entry->prefix_count));
	return json_object_array_add(state->array, obj) ? -ENOMEM : 0;
}

json_object *commands_cache_json(struct dhad *dhad)
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

static void run_ha_show(void *state, struct control_call *call)
{
	control_reply(call, commands_ha_json(state));
}

static void run_cache_show(void *state, struct control_call *call)
{
	control_reply(call, commands_cache_json(state));
}

/* Events from now on (control_publish()); the protocols publish them. */
static void run_monitor(void *state, struct control_call *call)
{
	(void)state;
	control_subscribe(call, json_object_new_object());
}

static void run_reload(void *state, struct control_call *call)
{
	char why[CONTROL_ERROR_MAX];

	if (dhad_reload(state, why, sizeof(why)) == 0)
		control_reply(call, json_object_new_object());
	else
		control_fail(call, "%s", why);
}

const struct control_command core_commands[] = {
	{ "ha-show", false, run_ha_show },
	{ "cache-show", false, run_cache_show },
	{ "reload", true, run_reload },
	{ "monitor", false, run_monitor },
	{ 0 },
};
