// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha lb show: this home agent's figures, the extended Home Agents List
 * and the settings, as JSON (loadbalance.h).
 */
#include "core/dhad.h"
#include "loadbalance/loadbalance.h"

static json_object *json_int(int64_t value)
{
	return json_object_new_int64(value);
}

static json_object *settings_json(const struct lb_config *config)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "light", json_int(config->light));
	json_object_object_add(o, "min-ra-interval",
			       json_int(config->min_ra_interval_ms));
	json_object_object_add(o, "top-percent",
			       json_int(config->top_percent));
	json_object_object_add(o, "handoff-hold",
			       json_int(config->handoff_hold_ms));
	json_object_object_add(o, "reassign",
			       json_object_new_string(
				       lb_reassign_name(config->reassign)));
	json_object_object_add(o, "capacity",
			       json_int(config->capacity_kbps));
	return o;
}

static json_object *self_json(const struct loadbalance *lb)
{
	const struct dhad_load *load = &lb->dhad->load;
	json_object *o = json_object_new_object();

	if (lb->dhad->config.home)
		json_object_object_add(o, "address",
				       control_address_json(
					       &lb->dhad->config.home->address));
	json_object_object_add(o, "queue-size",
			       json_int(load->own.queue_size));
	json_object_object_add(o, "registered-mns",
			       json_int(load->own.registered_mns));
	json_object_object_add(o, "light",
			       json_object_new_boolean(load_is_light(
				       load, load->own.queue_size)));
	json_object_object_add(o, "queue-length",
			       json_int(lb->kernel.queue_len));
	json_object_object_add(o, "tx-bps", json_int((int64_t)lb->kernel.tx_bps));
	json_object_object_add(o, "rx-bps", json_int((int64_t)lb->kernel.rx_bps));
	json_object_object_add(o, "figures-stale",
			       json_object_new_boolean(lb->kernel_failed));
	return o;
}

/* The others, in the list's order; figures null when none are fresh. */
static json_object *agents_json(const struct loadbalance *lb)
{
	const struct dhad_load *load = &lb->dhad->load;
	const struct halist *list = &lb->dhad->halist;
	uint64_t now = loop_now_ms(lb->dhad->loop);
	const struct halist_entry *entry;
	json_object *agents = json_object_new_array(), *o;

	for (entry = list->head; entry; entry = entry->next) {
		bool fresh = load_entry_fresh(load, entry, now);

		o = json_object_new_object();
		json_object_object_add(o, "address",
				       control_address_json(&entry->address));
		json_object_object_add(o, entry->member ? "peer" : "link-local",
				       control_address_json(&entry->link_local));
		json_object_object_add(o, "preference",
				       json_int(entry->preference));
		json_object_object_add(o, "lifetime",
				       json_int(halist_lifetime_left(list,
								     entry)));
		json_object_object_add(o, "queue-size",
				       fresh ? json_int(entry->load.queue_size) :
					       NULL);
		json_object_object_add(o, "registered-mns",
				       fresh ? json_int(entry->load
								.registered_mns) :
					       NULL);
		json_object_object_add(o, "light",
				       json_object_new_boolean(
					       load_entry_light(load, entry,
								now)));
		json_object_object_add(o, "load-age",
				       entry->has_load ?
					       json_int((int64_t)(now -
								  entry->load_ms)) :
					       NULL);
		json_object_array_add(agents, o);
	}
	return agents;
}

/* The Home Agent Handoff Table, the entries that still hold. */
static json_object *handoffs_json(const struct loadbalance *lb)
{
	uint64_t now = loop_now_ms(lb->dhad->loop);
	json_object *handoffs = json_object_new_array(), *o;
	const struct lb_handoff *h;

	for (h = lb->handoffs.head; h; h = h->next) {
		if (h->expiry_ms <= now)
			continue;
		o = json_object_new_object();
		json_object_object_add(o, "home-address",
				       control_address_json(&h->home_address));
		json_object_object_add(o, "new-home-agent",
				       control_address_json(&h->new_home_agent));
		json_object_object_add(o, "expires",
				       json_int((int64_t)(h->expiry_ms - now)));
		json_object_array_add(handoffs, o);
	}
	return handoffs;
}

json_object *lb_json(const struct loadbalance *lb)
{
	json_object *result = json_object_new_object();

	json_object_object_add(result, "settings", settings_json(lb->config));
	json_object_object_add(result, "self", self_json(lb));
	json_object_object_add(result, "home-agents", agents_json(lb));
	json_object_object_add(result, "handoffs", handoffs_json(lb));
	json_object_object_add(result, "reassigned",
			       json_int((int64_t)lb->reassigned));
	json_object_object_add(result, "notices", json_int((int64_t)lb->told));
	return result;
}

static void lb_show(void *state, struct control_call *call)
{
	const struct loadbalance *lb = state;

	if (!lb->config->enabled) {
		control_fail(call, "load balancing is not configured (no [load-balance] in dhad.conf)");
		return;
	}
	control_reply(call, lb_json(lb));
}

const struct control_command loadbalance_commands[] = {
	{ "lb-show", false, lb_show },
	{ 0 },
};
