// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha ha sync request: asks a standby dhad to ask the active home agent
 * for its whole binding cache again, or for the bindings of some home
 * addresses and Mobile Network Prefixes (State Synchronization Request,
 * Documentation/reliability.md).
 */
#include <arpa/inet.h>
#include <string.h>

#include "dha.h"

static bool prefix_listed(const struct ha_sync_request *req,
			  const struct ip6_prefix *prefix)
{
	unsigned int i;

	for (i = 0; i < req->prefix_count; i++)
		if (req->prefixes[i].length == prefix->length &&
		    !memcmp(&req->prefixes[i].address, &prefix->address,
			    sizeof(prefix->address)))
			return true;
	return false;
}

int ha_sync_parse_args(int argc, char **argv, struct ha_sync_request *req,
		       struct cli_error *err)
{
	enum parse_result result;
	struct in6_addr addr;
	struct ip6_prefix prefix;
	unsigned int i;
	int arg;

	memset(req, 0, sizeof(*req));
	if (argc < 1)
		return cli_fail(err, "missing \"request\"");
	if (strcmp(argv[0], "request") != 0)
		return cli_fail(err, "expected \"request\", not \"%s\"",
				argv[0]);
	for (arg = 1; arg < argc; arg++) {
		if (strchr(argv[arg], '/')) {
			result = parse_prefix(argv[arg], &prefix);
			if (result != PARSE_OK)
				return cli_fail_value(err, "prefix", argv[arg],
						      result);
			if (prefix_listed(req, &prefix))
				return cli_fail(err, "\"%s\" given twice",
						argv[arg]);
			if (req->prefix_count == HA_SYNC_PREFIXES_MAX)
				return cli_fail(err, "at most %d prefixes",
						HA_SYNC_PREFIXES_MAX);
			req->prefixes[req->prefix_count++] = prefix;
			continue;
		}
		result = parse_unicast_in6(argv[arg], &addr);
		if (result != PARSE_OK)
			return cli_fail_value(err, "home address", argv[arg],
					      result);
		for (i = 0; i < req->home_address_count; i++)
			if (!memcmp(&req->home_addresses[i], &addr,
				    sizeof(addr)))
				return cli_fail(err, "\"%s\" given twice",
						argv[arg]);
		if (req->home_address_count == HA_SYNC_ADDRESSES_MAX)
			return cli_fail(err, "at most %d home addresses",
					HA_SYNC_ADDRESSES_MAX);
		req->home_addresses[req->home_address_count++] = addr;
	}
	return 0;
}

json_object *ha_sync_request_json(const struct ha_sync_request *req)
{
	json_object *request = json_object_new_object();
	json_object *addrs = json_object_new_array();
	json_object *prefixes = json_object_new_array();
	char text[INET6_ADDRSTRLEN + 4];
	unsigned int i;

	if (!request || !addrs || !prefixes) {
		json_object_put(request);
		json_object_put(addrs);
		json_object_put(prefixes);
		return NULL;
	}
	json_object_object_add(request, "cmd",
			       json_object_new_string("ha-sync-request"));
	for (i = 0; i < req->home_address_count; i++)
		json_object_array_add(addrs, json_object_new_string(
			inet_ntop(AF_INET6, &req->home_addresses[i], text,
				  sizeof(text))));
	for (i = 0; i < req->prefix_count; i++)
		json_object_array_add(prefixes, json_object_new_string(
			format_prefix(&req->prefixes[i], text, sizeof(text))));
	json_object_object_add(request, "home-addresses", addrs);
	json_object_object_add(request, "prefixes", prefixes);
	return request;
}

int ha_sync_run(int argc, char **argv, const struct options *opts)
{
	struct ha_sync_request req;
	struct cli_error err;

	if (ha_sync_parse_args(argc, argv, &req, &err))
		return fail_usage(&err);
	return control_act(opts, ha_sync_request_json(&req));
}
