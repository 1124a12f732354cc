// SPDX-License-Identifier: GPL-2.0-only
/* Control requests and the JSON of the replies. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/dha.h>

#include "core/commands.h"
#include "core/control.h"
#include "core/dhad.h"
#include "mip6/mip6.h"
#include "mip6/show.h"
#include "protocols.h"
#include "reliability/reliability.h"
#include "check.h"

/* What a command name is, with every protocol's commands. */
enum cmd_kind {
	CMD_UNKNOWN,
	CMD_READS,
	CMD_MUTATES,
};

static enum cmd_kind kind_of(const char *name)
{
	const struct control_command *tables[] = {
		core_commands, mip6_commands, reliability_commands,
	};
	const struct control_command *c;
	size_t i;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		for (c = tables[i]; c->name; c++)
			if (strcmp(c->name, name) == 0)
				return c->mutates ? CMD_MUTATES : CMD_READS;
	return CMD_UNKNOWN;
}

/* The frame's parse, then the command tables, as the socket does. */
static int parse(const char *line, enum cmd_kind *kind, const char **error)
{
	char name[64];
	int ret = control_parse_request(line, strlen(line), name,
					sizeof(name), error);

	if (ret)
		return ret;
	*kind = kind_of(name);
	if (*kind == CMD_UNKNOWN) {
		*error = "unknown command";
		return -EINVAL;
	}
	return 0;
}

static void test_control_parse_request(void)
{
	enum cmd_kind kind;
	const char *error = NULL;
	char name[64];

	CHECK_INT(parse("{\"cmd\":\"ha-show\"}", &kind, &error), 0);
	CHECK_INT(kind, CMD_READS);
	CHECK_INT(parse(" { \"cmd\" : \"cache-show\" } \r", &kind, &error), 0);
	CHECK_INT(kind, CMD_READS);
	CHECK_INT(parse("{\"cmd\":\"reload\",\"extra\":1}", &kind, &error), 0);
	CHECK_INT(kind, CMD_MUTATES);
	CHECK_INT(parse("{\"cmd\":\"nope\"}", &kind, &error), -EINVAL);
	CHECK_STR(error, "unknown command");
	CHECK_INT(parse("{\"cmd\":1}", &kind, &error), -EINVAL);
	CHECK_STR(error, "request needs a \"cmd\" string");
	CHECK_INT(parse("[\"ha-show\"]", &kind, &error), -EINVAL);
	CHECK_STR(error, "request needs a \"cmd\" string");
	CHECK_INT(parse("{\"cmd\":\"ha-show\"", &kind, &error), -EINVAL);
	CHECK_STR(error, "request is not JSON");
	CHECK_INT(parse("{\"cmd\":\"ha-show\"} x", &kind, &error), -EINVAL);
	CHECK_STR(error, "request is not JSON");
	CHECK_INT(parse("", &kind, &error), -EINVAL);
	CHECK_INT(control_parse_request("{\"cmd\":\"ha-show\"}\0", 18, name,
					sizeof(name), &error), -EINVAL);
	CHECK_INT(parse("{\"cmd\":\"ha-switchover\"}", &kind, &error), 0);
	CHECK_INT(kind, CMD_MUTATES);
	CHECK_INT(parse("{\"cmd\":\"ha-switchback\"}", &kind, &error), 0);
	CHECK_INT(kind, CMD_MUTATES);
	CHECK_INT(parse("{\"cmd\":\"ha-switch-over\"}", &kind, &error),
		  -EINVAL);
	/* A name longer than any command's is unknown, not cut. */
	CHECK_INT(control_parse_request("{\"cmd\":\"ha-show\"}", 17, name, 7,
					&error), -EINVAL);
	CHECK_STR(error, "unknown command");
}

/* What an operator reads when a switchover or switchback fails. */
static void test_control_handover_error(void)
{
	static const struct {
		bool switchover;
		int status;
		enum redundancy_role role;
		bool with_peer;
		const char *why;
	} cases[] = {
		{ true, -EOPNOTSUPP, ROLE_INIT, false,
		  "dhad runs without [redundancy]" },
		{ false, -EOPNOTSUPP, ROLE_INIT, false,
		  "dhad runs without [redundancy]" },
		{ true, -EALREADY, ROLE_ACTIVE, false,
		  "this home agent is already active" },
		{ false, -EALREADY, ROLE_STANDBY, false,
		  "this home agent is already standby" },
		{ false, -EALREADY, ROLE_INIT, false,
		  "this home agent is not active yet (start-up election)" },
		{ true, -ENOENT, ROLE_STANDBY, false,
		  "no active home agent to ask" },
		{ false, -ENOENT, ROLE_ACTIVE, false,
		  "no standby to hand over to" },
		{ true, -EBUSY, ROLE_STANDBY, false,
		  "a SwitchOver or SwitchBack request is under way" },
		{ true, -ETIMEDOUT, ROLE_STANDBY, true,
		  "no reply from 2001:db8:5::3" },
		{ false, -ECANCELED, ROLE_ACTIVE, true,
		  "dhad stopped before 2001:db8:5::3 replied" },
		{ true, 128, ROLE_STANDBY, true,
		  "2001:db8:5::3 is not the active home agent" },
		{ false, 128, ROLE_ACTIVE, true,
		  "2001:db8:5::3 is already the active home agent" },
		{ true, 129, ROLE_STANDBY, true,
		  "refused by the active home agent 2001:db8:5::3: "
		  "administratively prohibited (a tracked condition here "
		  "fails, or it does not hear this home agent)" },
		{ false, 129, ROLE_ACTIVE, true,
		  "refused by the standby 2001:db8:5::3: administratively "
		  "prohibited (a tracked condition there fails, or it does "
		  "not hold a full copy of the binding cache yet)" },
		{ true, -EAGAIN, ROLE_STANDBY, false,
		  "this home agent does not hold a full copy of the binding "
		  "cache yet (dha ha show: full-copy)" },
		{ true, -ESTALE, ROLE_ACTIVE, true,
		  "withdrawn: this home agent became active before "
		  "2001:db8:5::3 replied" },
		{ true, 130, ROLE_STANDBY, true,
		  "refused by 2001:db8:5::3: status 130" },
		{ true, -ENOMEM, ROLE_STANDBY, false, "Cannot allocate memory" },
	};
	struct in6_addr peer;
	char why[256];
	size_t i;

	inet_pton(AF_INET6, "2001:db8:5::3", &peer);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		reliability_handover_error(cases[i].switchover, cases[i].status,
				       cases[i].role,
				       cases[i].with_peer ? &peer : NULL, why,
				       sizeof(why));
		CHECK_STR(why, cases[i].why);
	}
	/* Cut to the buffer, still a string. */
	reliability_handover_error(true, 129, ROLE_STANDBY, &peer, why, 16);
	CHECK_STR(why, "refused by the ");
}

/*
 * A dhad of conf whose home agent protocol is ha, running without its
 * sockets (ha->dhad set): what ha-show needs.
 */
static void home_agent(struct dhad *dhad, struct mip6 *ha, const char *conf)
{
	FILE *in = fmemopen((void *)conf, strlen(conf), "r");

	CHECK_INT(config_parse_file(dhad_protocols, dhad_protocol_count, in,
				    "t", &dhad->config, stderr), 0);
	fclose(in);
	ha->config = config_settings(&dhad->config, &mip6_protocol);
	ha->halist = &dhad->halist;
	ha->first = ha;
	ha->links[0] = ha;
	ha->link_count = 1;
	dhad->protocol_count = 1;
	dhad->protocols[0].protocol = &mip6_protocol;
	dhad->protocols[0].state = ha;
}

static void test_control_json(void)
{
	static const char conf[] =
		"[home-agent]\nhome-link = home0\nprefix = 2001:db8:1::/64\n"
		"address = 2001:db8:1::1\npreference = 3\n";
	struct kernel_binding binding = { .kind = DHA_BINDING_KIND_HOME };
	struct dhad dhad = { 0 };
	struct mip6 ha = { .dhad = &dhad };
	struct cache_entry *entry;
	struct in6_addr ll, g;
	json_object *result;

	home_agent(&dhad, &ha, conf);
	dhad.loop = loop_new();
	dhad.ifindex = 4;
	ha.device = 4;
	dhad.started_ms = loop_now_ms(dhad.loop);
	cache_init(&dhad.cache, dhad.loop, NULL, NULL);
	halist_init(&dhad.halist, dhad.loop);
	inet_pton(AF_INET6, "fe80::2", &ll);
	inet_pton(AF_INET6, "2001:db8:1::2", &g);
	halist_update(&dhad.halist, &ll, &g, 1, 600, true);

	result = commands_ha_json(&dhad);
	CHECK_STR(json_object_to_json_string_ext(result, JSON_C_TO_STRING_PLAIN),
		  "{\"role\":\"home-agent\",\"home-link\":\"home0\",\"device\":\"dha0\","
		  "\"ifindex\":4,\"address\":\"2001:db8:1::1\","
		  "\"prefixes\":[\"2001:db8:1::\\/64\"],\"anycast\":[],"
		  "\"router-advertisements\":false,\"max-lifetime\":600,"
		  "\"require-ipsec\":false,\"prefix-valid-lifetime\":2592000,"
		  "\"prefix-preferred-lifetime\":604800,"
		  "\"warnings\":[\"require-ipsec is off: "
		  "Binding Updates without IPsec are accepted (RFC 6275 5.1 "
		  "requires ESP)\"],"
		  "\"bindings\":0,\"restored\":0,\"uptime\":0,"
		  "\"rate-limits\":{\"ack-rate\":100,\"ack-burst\":200,"
		  "\"error-rate\":10,\"error-burst\":20},"
		  "\"home-agents\":[{\"address\":\"2001:db8:1::1\",\"preference\":3,"
		  "\"lifetime\":1800,\"mobile-routers\":false,\"self\":true},"
		  "{\"address\":\"2001:db8:1::2\",\"link-local\":\"fe80::2\","
		  "\"preference\":1,\"lifetime\":600,\"mobile-routers\":true,"
		  "\"self\":false}],"
		  "\"home-links\":[{\"name\":\"\",\"home-link\":\"home0\","
		  "\"device\":\"dha0\",\"ifindex\":4,"
		  "\"address\":\"2001:db8:1::1\","
		  "\"prefixes\":[\"2001:db8:1::\\/64\"],\"anycast\":[],"
		  "\"router-advertisements\":false,\"max-lifetime\":600,"
		  "\"require-ipsec\":false,\"prefix-valid-lifetime\":2592000,"
		  "\"prefix-preferred-lifetime\":604800,"
		  "\"warnings\":[\"require-ipsec is off: "
		  "Binding Updates without IPsec are accepted (RFC 6275 5.1 "
		  "requires ESP)\"],\"bindings\":0,"
		  "\"rate-limits\":{\"ack-rate\":100,\"ack-burst\":200,"
		  "\"error-rate\":10,\"error-burst\":20},"
		  "\"home-agents\":[{\"address\":\"2001:db8:1::1\",\"preference\":3,"
		  "\"lifetime\":1800,\"mobile-routers\":false,\"self\":true},"
		  "{\"address\":\"2001:db8:1::2\",\"link-local\":\"fe80::2\","
		  "\"preference\":1,\"lifetime\":600,\"mobile-routers\":true,"
		  "\"self\":false}]}],"
		  "\"home-agent-switch\":{\"pending\":0,"
		  "\"queued\":0,\"sent\":0,\"retransmitted\":0,\"answered\":0,"
		  "\"gave-up\":0,\"binding-gone\":0,\"renewals-refused\":0}}");
	json_object_put(result);

	inet_pton(AF_INET6, "2001:db8:1::100", &binding.home_address);
	inet_pton(AF_INET6, "2001:db8:2::2", &binding.care_of_address);
	cache_restore_binding(&dhad.cache, &binding);
	inet_pton(AF_INET6, "2001:db8:1::101", &g);
	cache_insert(&dhad.cache, &g, &entry);
	entry->care_of_address = binding.care_of_address;
	entry->sequence = 77;
	entry->flags = CACHE_FLAG_ACK | CACHE_FLAG_HOME;
	cache_set_lifetime(&dhad.cache, entry, 60);
	result = commands_cache_json(&dhad);
	/* Bucket order is keyed at random: look the entries up one by one. */
	{
		json_object *bindings = json_object_object_get(result, "bindings");
		json_object *b0, *b1, *tmp;
		size_t i;

		CHECK_INT(json_object_array_length(bindings), 2);
		b0 = json_object_array_get_idx(bindings, 0);
		b1 = json_object_array_get_idx(bindings, 1);
		if (strcmp(json_object_get_string(json_object_object_get(b0,
				   "home-address")), "2001:db8:1::100") != 0) {
			tmp = b0;
			b0 = b1;
			b1 = tmp;
		}
		CHECK_STR(json_object_to_json_string_ext(b0, JSON_C_TO_STRING_PLAIN),
			  "{\"home-address\":\"2001:db8:1::100\","
			  "\"care-of-address\":\"2001:db8:2::2\",\"sequence\":null,"
			  "\"restored\":true,\"flags\":[\"H\"],\"lifetime\":null,"
			  "\"lifetime-left\":null,\"prefixes\":[]}");
		CHECK_STR(json_object_to_json_string_ext(b1, JSON_C_TO_STRING_PLAIN),
			  "{\"home-address\":\"2001:db8:1::101\","
			  "\"care-of-address\":\"2001:db8:2::2\",\"sequence\":77,"
			  "\"restored\":false,\"flags\":[\"A\",\"H\"],\"lifetime\":60,"
			  "\"lifetime-left\":60,\"prefixes\":[]}");
		for (i = 0; i < 2; i++)
			CHECK(json_object_is_type(json_object_array_get_idx(bindings, i),
						  json_type_object));
	}
	json_object_put(result);
	halist_destroy(&dhad.halist);
	cache_destroy(&dhad.cache);
	loop_free(dhad.loop);
	config_free(&dhad.config);
}

static int parse_switch(const char *line, struct mip6_switch *request,
			char *why)
{
	why[0] = '\0';
	return mip6_parse_switch(line, strlen(line), request, why, 256);
}

static void test_control_parse_switch(void)
{
	static const struct {
		const char *line;
		const char *why;
	} bad[] = {
		{ "{\"cmd\":\"ha-switch\",\"home-agents\":[\"2001:db8:5::1\"]}",
		  "ha-switch needs \"home-address\"" },
		{ "{\"home-address\":\"foo\",\"home-agents\":[\"2001:db8:5::1\"]}",
		  "\"home-address\": not an IPv6 address" },
		{ "{\"home-address\":\"ff02::1\",\"home-agents\":[\"2001:db8:5::1\"]}",
		  "\"home-address\": a multicast address" },
		{ "{\"home-address\":7,\"home-agents\":[\"2001:db8:5::1\"]}",
		  "\"home-address\": not a string" },
		{ "{\"home-address\":\"2001:db8:1::100\"}",
		  "ha-switch needs \"home-agents\", an array of addresses" },
		{ "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":\"2001:db8:5::1\"}",
		  "ha-switch needs \"home-agents\", an array of addresses" },
		{ "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":[]}",
		  "\"home-agents\": 1 to 16 addresses" },
		{ "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":"
		  "[\"2001:db8:5::1\",\"2001:db8:5::2\",\"2001:db8:5::3\","
		  "\"2001:db8:5::4\",\"2001:db8:5::5\",\"2001:db8:5::6\","
		  "\"2001:db8:5::7\",\"2001:db8:5::8\",\"2001:db8:5::9\","
		  "\"2001:db8:5::a\",\"2001:db8:5::b\",\"2001:db8:5::c\","
		  "\"2001:db8:5::d\",\"2001:db8:5::e\",\"2001:db8:5::f\","
		  "\"2001:db8:5::10\",\"2001:db8:5::11\"]}",
		  "\"home-agents\": 1 to 16 addresses" },
		{ "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":[null]}",
		  "\"home-agents\": not a string" },
		{ "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":[\"fe80::1\"]}",
		  "\"home-agents\": a link-local address" },
		{ "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":"
		  "[\"2001:db8:5::1\",\"2001:db8:5:0::1\"]}",
		  "\"home-agents\": an address given twice" },
		{ "[1]", "request is not JSON" },
		{ "{\"home-address\":", "request is not JSON" },
	};
	struct mip6_switch request;
	enum cmd_kind kind;
	const char *error;
	struct in6_addr a;
	char why[256];
	size_t i;

	CHECK_INT(parse("{\"cmd\":\"ha-switch\"}", &kind, &error), 0);
	CHECK_INT(kind, CMD_MUTATES);
	CHECK_INT(parse_switch("{\"cmd\":\"ha-switch\",\"home-address\":"
			       "\"2001:db8:1::100\",\"home-agents\":"
			       "[\"2001:db8:5::1\",\"2001:db8:6::1\"]}",
			       &request, why), 0);
	CHECK_STR(why, "");
	inet_pton(AF_INET6, "2001:db8:1::100", &a);
	CHECK(!memcmp(&request.home_address, &a, sizeof(a)));
	CHECK_INT(request.home_agent_count, 2);
	inet_pton(AF_INET6, "2001:db8:6::1", &a);
	CHECK(!memcmp(&request.home_agents[1], &a, sizeof(a)));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(parse_switch(bad[i].line, &request, why), -EINVAL);
		CHECK_STR(why, bad[i].why);
	}
	/* The line ends at len, not at a NUL. */
	CHECK_INT(mip6_parse_switch("{\"home-address\":\"2001:db8:1::100\"}x",
				    34, &request, why, sizeof(why)), -EINVAL);
	CHECK_STR(why, "ha-switch needs \"home-agents\", an array of addresses");
}

static void no_send(void *arg, const struct in6_addr *home_address,
		    const struct in6_addr *care_of_address,
		    const struct in6_addr *home_agents, unsigned int count)
{
	(void)arg;
	(void)home_address;
	(void)care_of_address;
	(void)home_agents;
	(void)count;
}

static void test_control_switch(void)
{
	static const char conf[] =
		"[home-agent]\nhome-link = home0\nprefix = 2001:db8:1::/64\n"
		"address = 2001:db8:1::1\n";
	struct mip6_switch request;
	struct dhad dhad = { 0 };
	struct mip6 ha = { .dhad = &dhad };
	struct cache_entry *entry;
	json_object *result;
	char why[256];

	home_agent(&dhad, &ha, conf);
	dhad.loop = loop_new();
	cache_init(&dhad.cache, dhad.loop, NULL, NULL);
	halist_init(&dhad.halist, dhad.loop);
	CHECK_INT(haswitch_init(&dhad.haswitch, dhad.loop, &dhad.cache,
				&dhad.config.home->switching, no_send, NULL),
		  0);
	inet_pton(AF_INET6, "2001:db8:1::100", &request.home_address);
	CHECK_INT(cache_insert(&dhad.cache, &request.home_address, &entry), 0);

	CHECK_INT(parse_switch("{\"home-address\":\"2001:db8:1::200\","
			       "\"home-agents\":[\"2001:db8:5::1\"]}",
			       &request, why), 0);
	CHECK(mip6_switch(&ha, &request, why, sizeof(why)) == NULL);
	CHECK_STR(why, "no binding for 2001:db8:1::200");
	CHECK_INT(parse_switch("{\"home-address\":\"2001:db8:1::100\","
			       "\"home-agents\":[\"2001:db8:5::1\",\"2001:db8:1::1\"]}",
			       &request, why), 0);
	CHECK(mip6_switch(&ha, &request, why, sizeof(why)) == NULL);
	CHECK_STR(why, "2001:db8:1::1 is this home agent");
	CHECK_INT(dhad.haswitch.pending, 0);

	CHECK_INT(parse_switch("{\"home-address\":\"2001:db8:1::100\","
			       "\"home-agents\":[\"2001:db8:5::1\"]}",
			       &request, why), 0);
	result = mip6_switch(&ha, &request, why, sizeof(why));
	CHECK_STR(json_object_to_json_string_ext(result, JSON_C_TO_STRING_PLAIN),
		  "{\"home-address\":\"2001:db8:1::100\",\"home-agents\":"
		  "[\"2001:db8:5::1\"],\"updated\":false,\"pending\":1}");
	json_object_put(result);
	result = mip6_switch(&ha, &request, why, sizeof(why));
	CHECK(json_object_get_boolean(json_object_object_get(result, "updated")));
	json_object_put(result);
	result = commands_ha_json(&dhad);
	CHECK_STR(json_object_to_json_string_ext(
			  json_object_object_get(result, "home-agent-switch"),
			  JSON_C_TO_STRING_PLAIN),
		  "{\"pending\":1,\"queued\":1,\"sent\":0,\"retransmitted\":0,"
		  "\"answered\":0,\"gave-up\":0,\"binding-gone\":0,"
		  "\"renewals-refused\":0}");
	json_object_put(result);
	haswitch_destroy(&dhad.haswitch);
	halist_destroy(&dhad.halist);
	cache_destroy(&dhad.cache);
	loop_free(dhad.loop);
	config_free(&dhad.config);
}

static int parse_sync(const char *line,
		      struct reliability_sync_request *request, char *why)
{
	why[0] = '\0';
	return reliability_parse_sync_request(line, strlen(line), request, why,
					      256);
}

static void test_control_parse_sync_request(void)
{
	static const struct {
		const char *line;
		const char *why;
	} bad[] = {
		{ "{\"home-addresses\":\"2001:db8:1::100\"}",
		  "\"home-addresses\": not an array" },
		{ "{\"home-addresses\":[\"fe80::1\"]}",
		  "\"home-addresses\": a link-local address" },
		{ "{\"home-addresses\":[1]}",
		  "\"home-addresses\": not a string" },
		{ "{\"home-addresses\":"
		  "[\"2001:db8:1::1\",\"2001:db8:1:0::1\"]}",
		  "\"home-addresses\": an address given twice" },
		{ "{\"home-addresses\":[\"1::1\",\"1::2\",\"1::3\",\"1::4\","
		  "\"1::5\",\"1::6\",\"1::7\",\"1::8\",\"1::9\",\"1::a\","
		  "\"1::b\",\"1::c\",\"1::d\",\"1::e\",\"1::f\",\"1::10\","
		  "\"1::11\"]}",
		  "\"home-addresses\": at most 16" },
		{ "{\"prefixes\":{}}", "\"prefixes\": not an array" },
		{ "{\"prefixes\":[null]}", "\"prefixes\": not a string" },
		{ "{\"prefixes\":[\"2001:db8:100::\"]}",
		  "\"prefixes\": not ADDRESS/LENGTH" },
		{ "{\"prefixes\":"
		  "[\"2001:db8:100::/48\",\"2001:db8:100::/48\"]}",
		  "\"prefixes\": a prefix given twice" },
		{ "[]", "request is not JSON" },
	};
	struct reliability_sync_request request;
	enum cmd_kind kind;
	const char *error;
	struct in6_addr a;
	char why[256];
	size_t i;

	CHECK_INT(parse("{\"cmd\":\"ha-sync-request\"}", &kind, &error), 0);
	CHECK_INT(kind, CMD_MUTATES);
	/* Nothing named: the whole cache. */
	CHECK_INT(parse_sync("{\"cmd\":\"ha-sync-request\"}", &request, why),
		  0);
	CHECK_INT(request.home_address_count, 0);
	CHECK_INT(request.prefix_count, 0);
	CHECK_INT(parse_sync("{\"cmd\":\"ha-sync-request\",\"home-addresses\":"
			     "[\"2001:db8:1::100\",\"2001:db8:1::101\"],"
			     "\"prefixes\":[\"2001:db8:100::/48\"]}",
			     &request, why), 0);
	CHECK_STR(why, "");
	CHECK_INT(request.home_address_count, 2);
	inet_pton(AF_INET6, "2001:db8:1::101", &a);
	CHECK(!memcmp(&request.home_addresses[1], &a, sizeof(a)));
	CHECK_INT(request.prefix_count, 1);
	CHECK_INT(request.prefixes[0].length, 48);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(parse_sync(bad[i].line, &request, why), -EINVAL);
		CHECK_STR(why, bad[i].why);
	}
}

SUITE(control, TEST_CASE(test_control_parse_request),
      TEST_CASE(test_control_handover_error),
      TEST_CASE(test_control_json), TEST_CASE(test_control_parse_switch),
      TEST_CASE(test_control_switch),
      TEST_CASE(test_control_parse_sync_request));
