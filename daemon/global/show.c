// SPDX-License-Identifier: GPL-2.0-only
/* The "global" object of dha ha show (global.h). */
#include "core/dhad.h"
#include "global/global.h"

static json_object *json_address(const struct in6_addr *addr)
{
	char a[INET6_ADDRSTRLEN];

	return json_object_new_string(addr_format(addr, a));
}

static const char *member_state(const struct global_member *m)
{
	if (m->alive)
		return "alive";
	if (m->left)
		return "left";
	return m->heard ? "failed" : "unknown";
}

static json_object *member_json(const struct global_member *m, uint64_t now)
{
	json_object *o = json_object_new_object(), *list;
	unsigned int i;

	if (!o)
		return NULL;
	json_object_object_add(o, "locator", json_address(&m->locator));
	json_object_object_add(o, "state",
			       json_object_new_string(member_state(m)));
	json_object_object_add(o, "link", json_object_new_boolean(m->linked));
	list = json_object_new_array();
	for (i = 0; list && i < m->ha_count; i++)
		json_object_array_add(list, json_address(&m->ha_addresses[i]));
	json_object_object_add(o, "home-agent-addresses", list);
	if (m->heard) {
		json_object_object_add(o, "group", json_object_new_int(m->group));
		json_object_object_add(o, "lifetime-left", json_object_new_int64(
			m->alive ? global_lifetime_left_s(m->lifetime_s,
							  m->heard_ms, now) : 0));
		json_object_object_add(o, "hello-interval",
				       json_object_new_int(m->interval_ms));
		json_object_object_add(o, "last-hello-ms", json_object_new_int64(
			(int64_t)(now - m->heard_ms)));
	}
	json_object_object_add(o, "hellos",
			       json_object_new_int64((int64_t)m->hellos_rx));
	json_object_object_add(o, "failures",
			       json_object_new_int64((int64_t)m->failures));
	return o;
}

static void add_counter(json_object *o, const char *name, uint64_t value)
{
	json_object_object_add(o, name, json_object_new_int64((int64_t)value));
}

static json_object *counters_json(const struct global_counters *c)
{
	json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	add_counter(o, "hello-tx", c->hello_tx);
	add_counter(o, "hello-rx", c->hello_rx);
	add_counter(o, "solicit-tx", c->solicit_tx);
	add_counter(o, "solicit-rx", c->solicit_rx);
	add_counter(o, "drop-malformed", c->drop_malformed);
	add_counter(o, "drop-unknown-sender", c->drop_unknown_sender);
	add_counter(o, "drop-group", c->drop_group);
	add_counter(o, "drop-not-global", c->drop_not_global);
	add_counter(o, "drop-unauthenticated", c->drop_unauthenticated);
	add_counter(o, "drop-replayed", c->drop_replayed);
	add_counter(o, "member-failures", c->member_failures);
	add_counter(o, "routes-added", c->routes_added);
	add_counter(o, "routes-removed", c->routes_removed);
	add_counter(o, "errors", c->errors);
	return o;
}

json_object *global_json(const struct global *g)
{
	static const char *const phases[] = {
		[GLOBAL_WAITING] = "waiting",
		[GLOBAL_BOOTSTRAP] = "bootstrap",
		[GLOBAL_READY] = "ready",
	};
	uint64_t now = loop_now_ms(g->dhad->loop);
	json_object *o = json_object_new_object(), *members;
	unsigned int i;

	if (!o)
		return NULL;
	json_object_object_add(o, "group", json_object_new_int(g->config->group));
	json_object_object_add(o, "locator", json_address(&g->config->locator));
	json_object_object_add(o, "phase", json_object_new_string(phases[g->phase]));
	json_object_object_add(o, "phase-reason",
			       json_object_new_string(g->phase_reason));
	json_object_object_add(o, "in-phase-ms", json_object_new_int64(
				       (int64_t)(now - g->phase_since_ms)));
	json_object_object_add(o, "auth", json_object_new_string(
				       global_auth_name(g->config->auth)));
	json_object_object_add(o, "hello-interval",
			       json_object_new_int64(g->config->hello_interval_ms));
	json_object_object_add(o, "hello-loss",
			       json_object_new_int64(g->config->hello_loss));
	json_object_object_add(o, "route-table",
			       json_object_new_int64(g->config->route_table));
	json_object_object_add(o, "announced",
			       json_object_new_boolean(g->announced));
	members = json_object_new_array();
	for (i = 0; members && i < g->member_count; i++)
		json_object_array_add(members,
				      member_json(&g->members[i], now));
	json_object_object_add(o, "members", members);
	json_object_object_add(o, "counters", counters_json(&g->counters));
	return o;
}
