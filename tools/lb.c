// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha lb: load balancing between the home agents of the home link
 * (draft-deng-mip6-ha-loadbalance, Documentation/load-balancing.md):
 * this home agent's figures, the other home agents' as its extended
 * Home Agents List holds them, the settings, and the Home Agent Handoff
 * Table, from dhad's control socket.
 */
#include <stdio.h>

#include "dha.h"

const char lb_usage[] =
	"dha lb [ show ]\n";

static bool json_true(json_object *obj, const char *key)
{
	json_object *value;

	return json_object_object_get_ex(obj, key, &value) &&
	       json_object_get_boolean(value);
}

/* "light", "busy", or "unknown" without figures. */
static const char *load_state(json_object *obj)
{
	json_object *value;

	if (!json_object_object_get_ex(obj, "queue-size", &value) || !value)
		return "unknown";
	return json_true(obj, "light") ? "light" : "busy";
}

void lb_print(FILE *out, json_object *result)
{
	json_object *self, *settings, *agents, *agent, *value, *handoffs;
	size_t i;

	if (json_object_object_get_ex(result, "self", &self))
		fprintf(out, "self %s queue-size %s registered-mns %s %s\n"
			"    queue %s tx %sbit/s rx %sbit/s%s\n",
			json_text(self, "address"),
			json_text(self, "queue-size"),
			json_text(self, "registered-mns"), load_state(self),
			json_text(self, "queue-length"),
			json_text(self, "tx-bps"), json_text(self, "rx-bps"),
			json_true(self, "figures-stale") ? " stale" : "");
	if (json_object_object_get_ex(result, "settings", &settings))
		fprintf(out, "    light %s min-ra-interval %sms top-percent %s handoff-hold %sms reassign %s capacity %skbit/s\n",
			json_text(settings, "light"),
			json_text(settings, "min-ra-interval"),
			json_text(settings, "top-percent"),
			json_text(settings, "handoff-hold"),
			json_text(settings, "reassign"),
			json_text(settings, "capacity"));
	if (json_object_object_get_ex(result, "reassigned", &value))
		fprintf(out, "    reassigned %s notices %s\n",
			json_text(result, "reassigned"),
			json_text(result, "notices"));
	if (json_object_object_get_ex(result, "handoffs", &handoffs)) {
		for (i = 0; i < json_length(handoffs); i++) {
			agent = json_object_array_get_idx(handoffs, i);
			fprintf(out, "handoff %s to %s expires %sms\n",
				json_text(agent, "home-address"),
				json_text(agent, "new-home-agent"),
				json_text(agent, "expires"));
		}
	}
	if (!json_object_object_get_ex(result, "home-agents", &agents))
		return;
	for (i = 0; i < json_length(agents); i++) {
		agent = json_object_array_get_idx(agents, i);
		fprintf(out, "ha %s via %s preference %s lifetime %ss",
			json_text(agent, "address"),
			json_object_object_get_ex(agent, "peer", &value) ?
				json_text(agent, "peer") :
				json_text(agent, "link-local"),
			json_text(agent, "preference"),
			json_text(agent, "lifetime"));
		if (json_object_object_get_ex(agent, "queue-size", &value) &&
		    value)
			fprintf(out, " queue-size %s registered-mns %s %s age %sms",
				json_text(agent, "queue-size"),
				json_text(agent, "registered-mns"),
				load_state(agent), json_text(agent, "load-age"));
		else
			fputs(" load unknown", out);
		fputc('\n', out);
	}
}

static const struct keyword lb_verbs[] = {
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "help", VERB_HELP },
};

int cmd_lb(int argc, char **argv, const struct options *opts)
{
	struct cli_error err;
	json_object *result;
	int verb, ret;

	verb = lone_verb_parse(argc, argv, lb_verbs,
			       sizeof(lb_verbs) / sizeof(lb_verbs[0]), VERB_SHOW,
			       &err);
	if (verb < 0)
		return fail_usage(&err);
	if (verb == VERB_HELP) {
		fputs(lb_usage, stdout);
		return 0;
	}
	if (control_query(opts, "lb-show", &result))
		return 1;
	ret = control_print(opts, result, lb_print);
	json_object_put(result);
	return ret;
}
