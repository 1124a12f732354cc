// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha ha: the home agent as dhad sees it (role, prefixes, counts, Home
 * Agents List), through dhad's control socket (control.c); and the table
 * of "dha ha" verbs, which hands switch, switchover, switchback and sync
 * to switch.c, switchover.c and sync.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dha.h"

const char ha_usage[] =
	"dha ha [ show ]\n"
	"dha ha reload\n"
	"dha ha switch HOA to ADDR [ ADDR ]...\n"
	"dha ha { switchover | switchback }\n"
	"dha ha { hold | release }\n"
	"dha ha sync request [ HOA | PREFIX/LEN ]...\n";

/* What the active member announces (or announced): address, routes. */
static void takeover_print(FILE *out, json_object *takeover)
{
	json_object *value, *routes;
	size_t i, count = 0;

	fprintf(out, "        takeover %s",
		json_object_object_get_ex(takeover, "announced", &value) &&
				json_object_get_boolean(value) ?
			"announced" : "withdrawn");
	if (json_object_object_get_ex(takeover, "address-up", &value))
		fprintf(out, " address %s",
			json_object_get_boolean(value) ? "up" : "down");
	fputs(" routes", out);
	if (json_object_object_get_ex(takeover, "routes", &routes))
		count = json_object_array_length(routes);
	for (i = 0; i < count; i++)
		fprintf(out, " %s", json_object_get_string(
				json_object_array_get_idx(routes, i)));
	fprintf(out, "%s table %s proto %s switches-queued %s errors %s\n",
		count ? "" : " none", json_text(takeover, "route-table"),
		json_text(takeover, "route-protocol"),
		json_text(takeover, "switches-queued"),
		json_text(takeover, "errors"));
}

/* Whether obj has key and it is false. */
static bool json_false(json_object *obj, const char *key)
{
	json_object *value;

	return json_object_object_get_ex(obj, key, &value) && value &&
	       !json_object_get_boolean(value);
}

/* Whether obj has key and it is true. */
static bool json_true(json_object *obj, const char *key)
{
	json_object *value;

	return json_object_object_get_ex(obj, key, &value) && value &&
	       json_object_get_boolean(value);
}

/* A duration in milliseconds, as "0.4s" or "12s". */
static void print_duration(FILE *out, json_object *ms)
{
	int64_t value = json_object_get_int64(ms);

	if (value < 0)
		value = 0;
	if (value < 10000)
		fprintf(out, "%" PRId64 ".%" PRId64 "s", value / 1000,
			value % 1000 / 100);
	else
		fprintf(out, "%" PRId64 "s", value / 1000);
}

/*
 * head, then "NAME VALUE" for each number in obj (counters, whatever
 * dhad reports), on lines of at most 80 columns, the next ones indented
 * by indent.
 */
static void counters_print(FILE *out, const char *head, const char *indent,
			   json_object *obj)
{
	size_t column = (size_t)fprintf(out, "%s", head), len;
	char pair[128];

	if (!json_object_is_type(obj, json_type_object)) {
		fputc('\n', out);
		return;
	}
	json_object_object_foreach(obj, key, value) {
		if (!json_object_is_type(value, json_type_int))
			continue;
		len = (size_t)snprintf(pair, sizeof(pair), "%s %s", key,
				       json_object_get_string(value));
		if (column + 1 + len > 80) {
			fprintf(out, "\n%s%s", indent, pair);
			column = strlen(indent) + len;
		} else {
			column += (size_t)fprintf(out, " %s", pair);
		}
	}
	fputc('\n', out);
}

/* standby: whether it holds the active's whole cache. */
static void sync_print(FILE *out, json_object *sync, bool standby, bool stats)
{
	json_object *peers, *peer, *value;
	char head[96];
	size_t i;

	counters_print(out, !standby ? "        sync" :
			    json_object_object_get_ex(sync, "full-copy",
						      &value) &&
				    json_object_get_boolean(value) ?
			    "        sync full-copy yes" :
			    "        sync full-copy no",
		       "            ", sync);
	if (!stats || !json_object_object_get_ex(sync, "peers", &peers))
		return;
	for (i = 0; i < json_length(peers); i++) {
		peer = json_object_array_get_idx(peers, i);
		snprintf(head, sizeof(head), "            peer %s",
			 json_text(peer, "address"));
		counters_print(out, head, "                ", peer);
	}
}

/* The redundant home agent set, when dhad has a [redundancy] section. */
static void redundancy_print(FILE *out, json_object *red, bool stats)
{
	json_object *peers, *peer, *value;
	size_t i;

	fprintf(out, "    redundancy group %s %s role %s preference %s auth %s",
		json_text(red, "group"), json_text(red, "mode"),
		json_text(red, "role"), json_text(red, "preference"),
		json_text(red, "auth"));
	if (json_false(red, "eligible"))
		fprintf(out, " tracked-condition-failed (%s)",
			json_text(red, "tracked-failure"));
	if (json_true(red, "held"))
		fputs(" held", out);
	if (json_object_object_get_ex(red, "hold-down-left-ms", &value) &&
	    json_object_get_int64(value) > 0) {
		fputs(" hold-down ", out);
		print_duration(out, value);
	}
	fputc('\n', out);
	if (json_object_object_get_ex(red, "takeover", &value))
		takeover_print(out, value);
	if (json_object_object_get_ex(red, "in-role-ms", &value) && value) {
		fprintf(out, "        %s for ", json_text(red, "role"));
		print_duration(out, value);
		fprintf(out, ": %s\n", json_text(red, "role-reason"));
	}
	if (json_object_object_get_ex(red, "request", &value) && value)
		fprintf(out, "        asking %s: %s, try %s, by %s\n",
			json_text(value, "peer"), json_text(value, "type"),
			json_text(value, "tries"), json_text(value, "by"));
	if (json_object_object_get_ex(red, "peers", &peers)) {
		for (i = 0; i < json_length(peers); i++) {
			peer = json_object_array_get_idx(peers, i);
			fprintf(out, "        peer %s %s %s preference %s",
				json_text(peer, "address"),
				json_text(peer, "state"),
				json_text(peer, "role"),
				json_text(peer, "preference"));
			if (json_object_object_get_ex(peer, "last-hello-ms",
						      &value) && value)
				fprintf(out, " last-hello %sms ago",
					json_object_get_string(value));
			if (json_false(peer, "eligible"))
				fputs(" tracked-condition-failed", out);
			fputc('\n', out);
		}
	}
	if (json_object_object_get_ex(red, "sync", &value) && value)
		sync_print(out, value,
			   strcmp(json_text(red, "role"), "standby") == 0,
			   stats);
	if (stats && json_object_object_get_ex(red, "counters", &value))
		counters_print(out, "        counters", "            ", value);
}

/*
 * The global home agent set, when dhad has a [global] section: this
 * member's phase and what it announces, then each member with its home
 * agent addresses, as its Hellos gave them.
 */
static void global_print(FILE *out, json_object *global, bool stats)
{
	json_object *members, *member, *addresses, *value;
	size_t i, j;

	fprintf(out, "    global group %s locator %s %s auth %s route-table %s %s\n",
		json_text(global, "group"), json_text(global, "locator"),
		json_text(global, "phase"), json_text(global, "auth"),
		json_text(global, "route-table"),
		json_true(global, "announced") ? "announced" : "withdrawn");
	if (json_object_object_get_ex(global, "in-phase-ms", &value) && value) {
		fprintf(out, "        %s for ", json_text(global, "phase"));
		print_duration(out, value);
		fprintf(out, ": %s\n", json_text(global, "phase-reason"));
	}
	if (json_object_object_get_ex(global, "members", &members)) {
		for (i = 0; i < json_length(members); i++) {
			member = json_object_array_get_idx(members, i);
			fprintf(out, "        member %s %s",
				json_text(member, "locator"),
				json_text(member, "state"));
			if (json_object_object_get_ex(member,
						      "home-agent-addresses",
						      &addresses))
				for (j = 0; j < json_length(addresses); j++)
					fprintf(out, " home-agent %s",
						json_item_text(addresses, j));
			if (json_object_object_get_ex(member, "group", &value))
				fprintf(out, " group %s lifetime %ss",
					json_object_get_string(value),
					json_text(member, "lifetime-left"));
			if (json_object_object_get_ex(member, "last-hello-ms",
						      &value) && value)
				fprintf(out, " last-hello %sms ago",
					json_object_get_string(value));
			if (json_false(member, "link"))
				fputs(" no-link", out);
			fputc('\n', out);
		}
	}
	if (stats && json_object_object_get_ex(global, "counters", &value))
		counters_print(out, "        counters", "            ", value);
}

/* dhad's per-message-type counters (-s): a line per type. */
static void messages_print(FILE *out, json_object *messages)
{
	json_object *message, *name;
	size_t i;

	fputs("    messages:\n", out);
	for (i = 0; i < json_length(messages); i++) {
		message = json_object_array_get_idx(messages, i);
		fprintf(out, "        %s ", json_text(message, "protocol"));
		if (json_object_object_get_ex(message, "name", &name) && name)
			fputs(json_object_get_string(name), out);
		else
			fprintf(out, "type-%s", json_text(message, "type"));
		fprintf(out, " received %s sent %s dropped %s\n",
			json_text(message, "received"),
			json_text(message, "sent"),
			json_text(message, "dropped"));
	}
}

static void home_agents_print(FILE *out, const char *indent,
			      json_object *agents)
{
	json_object *agent, *value;
	size_t i;

	fprintf(out, "%shome agents:\n", indent);
	for (i = 0; i < json_length(agents); i++) {
		agent = json_object_array_get_idx(agents, i);
		fprintf(out, "%s    %s", indent, json_text(agent, "address"));
		if (json_object_object_get_ex(agent, "link-local", &value) &&
		    value)
			fprintf(out, " link-local %s", json_object_get_string(value));
		if (json_object_object_get_ex(agent, "peer", &value) && value)
			fprintf(out, " peer %s", json_object_get_string(value));
		fprintf(out, " preference %s lifetime %ss%s",
			json_text(agent, "preference"),
			json_text(agent, "lifetime"),
			json_object_object_get_ex(agent, "mobile-routers",
						  &value) &&
					json_object_get_boolean(value) ?
				" mobile-routers" : "");
		fprintf(out, "%s\n",
			json_object_object_get_ex(agent, "self", &value) &&
					json_object_get_boolean(value) ? " self" : "");
	}
}

/* A home link after the first ([home-agent NAME]), under its name. */
static void home_link_print(FILE *out, json_object *link)
{
	json_object *value;
	size_t i;

	fprintf(out, "home-link %s %s home-link %s dev %s\n",
		json_text(link, "name"), json_text(link, "address"),
		json_text(link, "home-link"), json_text(link, "device"));
	if (json_object_object_get_ex(link, "prefixes", &value)) {
		for (i = 0; i < json_length(value); i++)
			fprintf(out, "    prefix %s\n", json_item_text(value, i));
	}
	if (json_object_object_get_ex(link, "anycast", &value)) {
		for (i = 0; i < json_length(value); i++)
			fprintf(out, "    anycast %s\n", json_item_text(value, i));
	}
	fprintf(out, "    bindings %s max-lifetime %ss require-ipsec %s\n",
		json_text(link, "bindings"), json_text(link, "max-lifetime"),
		json_object_object_get_ex(link, "require-ipsec", &value) &&
				json_object_get_boolean(value) ? "yes" : "no");
	if (json_object_object_get_ex(link, "warnings", &value)) {
		for (i = 0; i < json_length(value); i++)
			fprintf(out, "    warning: %s\n",
				json_item_text(value, i));
	}
	if (json_object_object_get_ex(link, "router-advertisements", &value))
		fprintf(out, "    router-advertisements %s\n",
			json_object_get_boolean(value) ? "sent" : "not sent");
	if (json_object_object_get_ex(link, "counters", &value))
		fprintf(out, "    binding-acks %s binding-errors %s policy-denied %s\n",
			json_text(value, "binding-acks"),
			json_text(value, "binding-errors"),
			json_text(value, "policy-denied"));
	if (json_object_object_get_ex(link, "home-agents", &value))
		home_agents_print(out, "    ", value);
}

static void ha_print_common(FILE *out, json_object *result, bool stats)
{
	json_object *prefixes, *anycast, *agents, *value;
	size_t i;

	fprintf(out, "%s %s home-link %s dev %s\n", json_text(result, "role"),
		json_text(result, "address"), json_text(result, "home-link"),
		json_text(result, "device"));
	if (json_object_object_get_ex(result, "prefixes", &prefixes)) {
		for (i = 0; i < json_length(prefixes); i++)
			fprintf(out, "    prefix %s\n",
				json_item_text(prefixes, i));
	}
	if (json_object_object_get_ex(result, "anycast", &anycast)) {
		for (i = 0; i < json_object_array_length(anycast); i++)
			fprintf(out, "    anycast %s\n", json_object_get_string(
				json_object_array_get_idx(anycast, i)));
	}
	fprintf(out, "    bindings %s restored %s max-lifetime %ss require-ipsec %s uptime %ss\n",
		json_text(result, "bindings"), json_text(result, "restored"),
		json_text(result, "max-lifetime"),
		json_object_object_get_ex(result, "require-ipsec", &value) &&
				json_object_get_boolean(value) ? "yes" : "no",
		json_text(result, "uptime"));
	if (json_object_object_get_ex(result, "warnings", &value)) {
		for (i = 0; i < json_length(value); i++)
			fprintf(out, "    warning: %s\n",
				json_item_text(value, i));
	}
	if (json_object_object_get_ex(result, "redundancy", &value))
		redundancy_print(out, value, stats);
	if (json_object_object_get_ex(result, "global", &value))
		global_print(out, value, stats);
	if (json_object_object_get_ex(result, "home-agent-switch", &value))
		fprintf(out, "    switch pending %s queued %s sent %s retransmitted %s answered %s gave-up %s binding-gone %s renewals-refused %s\n",
			json_text(value, "pending"), json_text(value, "queued"),
			json_text(value, "sent"),
			json_text(value, "retransmitted"),
			json_text(value, "answered"),
			json_text(value, "gave-up"),
			json_text(value, "binding-gone"),
			json_text(value, "renewals-refused"));
	if (json_object_object_get_ex(result, "router-advertisements", &value))
		fprintf(out, "    router-advertisements %s\n",
			json_object_get_boolean(value) ? "sent" : "not sent");
	if (json_object_object_get_ex(result, "rate-limits", &value))
		fprintf(out, "    answers per peer: acks %s/s burst %s, errors %s/s burst %s\n",
			json_text(value, "ack-rate"),
			json_text(value, "ack-burst"),
			json_text(value, "error-rate"),
			json_text(value, "error-burst"));
	if (json_object_object_get_ex(result, "counters", &value))
		fprintf(out, "    binding-acks %s (rate-limited %s) binding-errors %s (rate-limited %s) unprotected-discarded %s ipsec-policies %s discovery-answers-rate-limited %s policy-denied %s mps-unprotected-discarded %s\n",
			json_text(value, "binding-acks"),
			json_text(value, "binding-acks-rate-limited"),
			json_text(value, "binding-errors"),
			json_text(value, "binding-errors-rate-limited"),
			json_text(value, "unprotected-discarded"),
			json_text(value, "ipsec-policies"),
			json_text(value, "discovery-answers-rate-limited"),
			json_text(value, "policy-denied"),
			json_text(value, "mps-unprotected-discarded"));
	if (stats && json_object_object_get_ex(result, "messages", &value))
		messages_print(out, value);
	if (json_object_object_get_ex(result, "home-agents", &agents))
		home_agents_print(out, "    ", agents);
	/* The first home link is the one above. */
	if (json_object_object_get_ex(result, "home-links", &value)) {
		for (i = 1; i < json_length(value); i++)
			home_link_print(out, json_object_array_get_idx(value, i));
	}
}

void ha_print(FILE *out, json_object *result)
{
	ha_print_common(out, result, false);
}

void ha_print_stats(FILE *out, json_object *result)
{
	ha_print_common(out, result, true);
}

/* "switch" spelled out: its prefixes are those of switchover too. */
static const struct keyword ha_verbs[] = {
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "reload", VERB_SET },
	{ "switch", VERB_SWITCH },
	{ "switchover", VERB_SWITCHOVER },
	{ "switchback", VERB_SWITCHBACK },
	{ "sync", VERB_SYNC },
	{ "help", VERB_HELP },
	{ "hold", VERB_HOLD },
	{ "release", VERB_RELEASE },
};

#define HA_VERB_COUNT (sizeof(ha_verbs) / sizeof(ha_verbs[0]))

int ha_verb_parse(int argc, char **argv, struct cli_error *err)
{
	int verb;

	if (argc == 0)
		return VERB_SHOW;
	verb = keyword_parse(argv[0], ha_verbs, HA_VERB_COUNT, "command", err);
	if (verb < 0)
		return -1;
	/* ha_switch_parse_args() and ha_sync_parse_args() read theirs. */
	if (verb != VERB_SWITCH && verb != VERB_SYNC && argc > 1)
		return cli_fail(err, "unexpected argument \"%s\"", argv[1]);
	return verb;
}

int cmd_ha(int argc, char **argv, const struct options *opts)
{
	struct cli_error err;
	json_object *result;
	int verb, ret;

	verb = ha_verb_parse(argc, argv, &err);
	switch (verb) {
	case -1:
		return fail_usage(&err);
	case VERB_HELP:
		fputs(ha_usage, stdout);
		return 0;
	case VERB_SWITCH:
		return ha_switch_run(argc - 1, argv + 1, opts);
	case VERB_SYNC:
		return ha_sync_run(argc - 1, argv + 1, opts);
	case VERB_SWITCHOVER:
	case VERB_SWITCHBACK:
		return ha_handover_run(verb, opts);
	case VERB_HOLD:
	case VERB_RELEASE:
		return ha_hold_run(verb, opts);
	}
	if (control_query(opts, verb == VERB_SET ? "reload" : "ha-show",
			  &result))
		return 1;
	ret = verb == VERB_SET ? 0 :
	      control_print(opts, result,
			    opts->stats ? ha_print_stats : ha_print);
	json_object_put(result);
	return ret;
}
