// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha ha switch: asks dhad to tell a mobile node, with Home Agent Switch
 * messages (RFC 5142), to register with other home agents. dhad paces and
 * retransmits them; "dha ha show" counts them (Documentation/dhad.md).
 */
#include <arpa/inet.h>
#include <string.h>

#include "dha.h"

int ha_switch_parse_args(int argc, char **argv, struct ha_switch_request *req,
			 struct cli_error *err)
{
	enum parse_result result;
	unsigned int i, j;
	int arg;

	memset(req, 0, sizeof(*req));
	if (argc < 1)
		return cli_fail(err, "missing home address");
	result = parse_unicast_in6(argv[0], &req->home_address);
	if (result != PARSE_OK)
		return cli_fail_value(err, "home address", argv[0], result);
	if (argc < 2)
		return cli_fail(err, "missing \"to\"");
	if (strcmp(argv[1], "to") != 0)
		return cli_fail(err, "expected \"to\" after the home address, not \"%s\"",
				argv[1]);
	if (argc < 3)
		return cli_fail(err, "missing home agent address");
	for (arg = 2; arg < argc; arg++) {
		i = req->home_agent_count;
		if (i == HA_SWITCH_HOME_AGENTS_MAX)
			return cli_fail(err, "at most %d home agent addresses",
					HA_SWITCH_HOME_AGENTS_MAX);
		result = parse_unicast_in6(argv[arg], &req->home_agents[i]);
		if (result != PARSE_OK)
			return cli_fail_value(err, "home agent address",
					      argv[arg], result);
		for (j = 0; j < i; j++) {
			if (!memcmp(&req->home_agents[j], &req->home_agents[i],
				    sizeof(req->home_agents[i])))
				return cli_fail(err,
						"home agent address \"%s\" given twice",
						argv[arg]);
		}
		req->home_agent_count++;
	}
	return 0;
}

static json_object *json_addr(const struct in6_addr *addr)
{
	char text[INET6_ADDRSTRLEN];

	return json_object_new_string(inet_ntop(AF_INET6, addr, text,
						sizeof(text)));
}

json_object *ha_switch_request_json(const struct ha_switch_request *req)
{
	json_object *request = json_object_new_object();
	json_object *agents = json_object_new_array();
	unsigned int i;

	if (!request || !agents) {
		json_object_put(request);
		json_object_put(agents);
		return NULL;
	}
	json_object_object_add(request, "cmd",
			       json_object_new_string("ha-switch"));
	json_object_object_add(request, "home-address",
			       json_addr(&req->home_address));
	for (i = 0; i < req->home_agent_count; i++)
		json_object_array_add(agents, json_addr(&req->home_agents[i]));
	json_object_object_add(request, "home-agents", agents);
	return request;
}

int ha_switch_run(int argc, char **argv, const struct options *opts)
{
	struct ha_switch_request req;
	struct cli_error err;

	if (ha_switch_parse_args(argc, argv, &req, &err))
		return fail_usage(&err);
	return control_act(opts, ha_switch_request_json(&req));
}
