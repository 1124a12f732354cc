// SPDX-License-Identifier: GPL-2.0-only
/* Control requests and the JSON of the replies. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/dha.h>

#include "../control.h"
#include "../dhad.h"
#include "check.h"

static int parse(const char *line, enum control_cmd *cmd, const char **error)
{
	return control_parse_request(line, strlen(line), cmd, error);
}

static void test_control_parse_request(void)
{
	enum control_cmd cmd;
	const char *error = NULL;

	CHECK_INT(parse("{\"cmd\":\"ha-show\"}", &cmd, &error), 0);
	CHECK_INT(cmd, CONTROL_HA_SHOW);
	CHECK_INT(parse(" { \"cmd\" : \"cache-show\" } \r", &cmd, &error), 0);
	CHECK_INT(cmd, CONTROL_CACHE_SHOW);
	CHECK_INT(parse("{\"cmd\":\"reload\",\"extra\":1}", &cmd, &error), 0);
	CHECK_INT(cmd, CONTROL_RELOAD);
	CHECK_INT(parse("{\"cmd\":\"nope\"}", &cmd, &error), -EINVAL);
	CHECK_STR(error, "unknown command");
	CHECK_INT(parse("{\"cmd\":1}", &cmd, &error), -EINVAL);
	CHECK_STR(error, "request needs a \"cmd\" string");
	CHECK_INT(parse("[\"ha-show\"]", &cmd, &error), -EINVAL);
	CHECK_STR(error, "request needs a \"cmd\" string");
	CHECK_INT(parse("{\"cmd\":\"ha-show\"", &cmd, &error), -EINVAL);
	CHECK_STR(error, "request is not JSON");
	CHECK_INT(parse("{\"cmd\":\"ha-show\"} x", &cmd, &error), -EINVAL);
	CHECK_STR(error, "request is not JSON");
	CHECK_INT(parse("", &cmd, &error), -EINVAL);
	CHECK_INT(control_parse_request("{\"cmd\":\"ha-show\"}\0", 18, &cmd,
					&error), -EINVAL);
	CHECK(!control_cmd_mutates(CONTROL_HA_SHOW));
	CHECK(!control_cmd_mutates(CONTROL_CACHE_SHOW));
	CHECK(control_cmd_mutates(CONTROL_RELOAD));
}

static void test_control_json(void)
{
	static const char conf[] =
		"[home-agent]\nhome-link = home0\nprefix = 2001:db8:1::/64\n"
		"address = 2001:db8:1::1\npreference = 3\n";
	struct kernel_binding binding = { .kind = DHA_BINDING_KIND_HOME };
	struct dhad dhad = { 0 };
	struct cache_entry *entry;
	struct in6_addr ll, g;
	json_object *result;
	FILE *in = fmemopen((void *)conf, sizeof(conf) - 1, "r");

	CHECK_INT(config_parse_file(in, "t", &dhad.config, stderr), 0);
	fclose(in);
	dhad.loop = loop_new();
	dhad.ifindex = 4;
	dhad.started_ms = loop_now_ms(dhad.loop);
	cache_init(&dhad.cache, dhad.loop, NULL, NULL);
	halist_init(&dhad.halist, dhad.loop);
	inet_pton(AF_INET6, "fe80::2", &ll);
	inet_pton(AF_INET6, "2001:db8:1::2", &g);
	halist_update(&dhad.halist, &ll, &g, 1, 600);

	result = control_ha_json(&dhad);
	CHECK_STR(json_object_to_json_string_ext(result, JSON_C_TO_STRING_PLAIN),
		  "{\"role\":\"home-agent\",\"home-link\":\"home0\",\"device\":\"dha0\","
		  "\"ifindex\":4,\"address\":\"2001:db8:1::1\","
		  "\"prefixes\":[\"2001:db8:1::\\/64\"],\"max-lifetime\":600,"
		  "\"require-ipsec\":false,\"bindings\":0,\"restored\":0,\"uptime\":0,"
		  "\"rate-limits\":{\"ack-rate\":100,\"ack-burst\":200,"
		  "\"error-rate\":10,\"error-burst\":20},"
		  "\"home-agents\":[{\"address\":\"2001:db8:1::1\",\"preference\":3,"
		  "\"lifetime\":1800,\"self\":true},{\"address\":\"2001:db8:1::2\","
		  "\"link-local\":\"fe80::2\",\"preference\":1,\"lifetime\":600,"
		  "\"self\":false}]}");
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
	result = control_cache_json(&dhad);
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
}

SUITE(control, TEST_CASE(test_control_parse_request),
      TEST_CASE(test_control_json));
