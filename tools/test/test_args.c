// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the argv -> request parsers of the subcommands: what a
 * command line asks for, and the one-line error for each wrong one.
 */
#include <arpa/inet.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/msg.h>

#include "check.h"
#include "dha.h"

#define MAX_ARGS 64

/* Splits a command line at blanks into argv; storage lives in words. */
struct words {
	char buf[1024];
	char *argv[MAX_ARGS];
	int argc;
};

/* Requests point into their argv, so it outlives each helper call. */
static struct words words;

static void split(struct words *words, const char *line)
{
	char *token, *save = NULL;

	snprintf(words->buf, sizeof(words->buf), "%s", line);
	words->argc = 0;
	for (token = strtok_r(words->buf, " ", &save);
	     token && words->argc < MAX_ARGS;
	     token = strtok_r(NULL, " ", &save))
		words->argv[words->argc++] = token;
}

static bool in6_is(const struct in6_addr *address, const char *text)
{
	struct in6_addr expected;

	inet_pton(AF_INET6, text, &expected);
	return memcmp(address, &expected, sizeof(expected)) == 0;
}

static int binding_args(uint32_t kind, const char *line,
			struct binding_request *req, struct cli_error *err)
{
	split(&words, line);
	err->text[0] = '\0';
	return binding_parse_args(kind, words.argc, words.argv, req, err);
}

static void test_binding_add(void)
{
	struct binding_request req;
	struct cli_error err;

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 300 mnp 2001:db8:100::/48 mnp 2001:db8:200::/56",
			       &req, &err), 0);
	CHECK_STR(err.text, "");
	CHECK_INT(req.verb, VERB_ADD);
	CHECK_INT(req.kind, DHA_BINDING_KIND_HOME);
	CHECK(req.has_home_address && in6_is(&req.home_address, "2001:db8:1::100"));
	CHECK(req.has_target && in6_is(&req.target, "2001:db8:2::2"));
	CHECK_STR(req.dev, "dha0");
	CHECK(req.has_lifetime);
	CHECK_INT(req.lifetime, 300);
	CHECK_INT(req.prefix_count, 2);
	CHECK(in6_is(&req.prefixes[0].address, "2001:db8:100::"));
	CHECK_INT(req.prefixes[0].length, 48);
	CHECK_INT(req.prefixes[1].length, 56);
	CHECK_INT(binding_request_cmd(&req), DHA_CMD_BINDING_NEW);
	CHECK_INT(binding_request_flags(&req), NLM_F_CREATE | NLM_F_EXCL);
}

static void test_binding_verbs_and_flags(void)
{
	struct binding_request req;
	struct cli_error err;

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "replace 2001:db8:1::100 coa 2001:db8:2::2 dev dha0",
			       &req, &err), 0);
	CHECK_INT(req.verb, VERB_REPLACE);
	CHECK(!req.has_lifetime);
	CHECK_INT(binding_request_flags(&req), NLM_F_CREATE | NLM_F_REPLACE);

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "change 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime forever",
			       &req, &err), 0);
	CHECK_INT(req.verb, VERB_CHANGE);
	CHECK(!req.has_lifetime);
	CHECK_INT(binding_request_flags(&req), NLM_F_REPLACE);

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "del 2001:db8:1::100 dev dha0", &req, &err), 0);
	CHECK_INT(req.verb, VERB_DEL);
	CHECK_INT(binding_request_cmd(&req), DHA_CMD_BINDING_DEL);
	CHECK_INT(binding_request_flags(&req), 0);

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "flush dev dha0", &req,
			       &err), 0);
	CHECK_INT(binding_request_cmd(&req), DHA_CMD_BINDING_FLUSH);

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK(req.dev == NULL);
	CHECK_INT(binding_request_cmd(&req), DHA_CMD_BINDING_GET);
	CHECK_INT(binding_request_flags(&req), NLM_F_DUMP);

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "show dev dha1", &req,
			       &err), 0);
	CHECK_STR(req.dev, "dha1");

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "help", &req, &err), 0);
	CHECK_INT(req.verb, VERB_HELP);
}

static void test_binding_abbreviations(void)
{
	struct binding_request req;
	struct cli_error err;

	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "a 2001:db8:1::100 c 2001:db8:2::2 d dha0 l 60s m 2001:db8:100::/48",
			       &req, &err), 0);
	CHECK_INT(req.verb, VERB_ADD);
	CHECK_INT(req.lifetime, 60);
	CHECK_INT(req.prefix_count, 1);
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "delete dev dha0 2001:db8:1::100", &req, &err), 0);
	CHECK_INT(req.verb, VERB_DEL);
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "ls", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "l", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, "lx", &req, &err), -1);
	CHECK_STR(err.text, "unknown command \"lx\"");
}

static void test_global_add(void)
{
	struct binding_request req;
	struct cli_error err;

	CHECK_INT(binding_args(DHA_BINDING_KIND_GLOBAL,
			       "add 2001:db8:1::200 ha 2001:db8:ff::2 dev dha0",
			       &req, &err), 0);
	CHECK_INT(req.kind, DHA_BINDING_KIND_GLOBAL);
	CHECK(in6_is(&req.target, "2001:db8:ff::2"));
	CHECK_INT(binding_args(DHA_BINDING_KIND_GLOBAL,
			       "add 2001:db8:1::200 coa 2001:db8:ff::2 dev dha0",
			       &req, &err), -1);
	CHECK_STR(err.text, "unknown argument \"coa\"");
	CHECK_INT(binding_args(DHA_BINDING_KIND_GLOBAL,
			       "add 2001:db8:1::200 dev dha0", &req, &err), -1);
	CHECK_STR(err.text, "missing \"ha\"");
	CHECK_INT(binding_args(DHA_BINDING_KIND_GLOBAL,
			       "add 2001:db8:1::200 ha ff05::2 dev dha0", &req,
			       &err), -1);
	CHECK_STR(err.text,
		  "invalid home agent address \"ff05::2\" (multicast address)");
}

static void test_binding_errors(void)
{
	static const struct {
		const char *line;
		const char *error;
	} cases[] = {
		{ "bogus", "unknown command \"bogus\"" },
		{ "add 2001:db8:1::100 coa foo dev dha0",
		  "invalid care-of address \"foo\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 bar",
		  "unknown argument \"bar\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2",
		  "missing \"dev\"" },
		{ "add 2001:db8:1::100 dev dha0", "missing \"coa\"" },
		{ "add coa 2001:db8:2::2 dev dha0", "missing home address" },
		{ "add foo coa 2001:db8:2::2 dev dha0",
		  "invalid home address \"foo\"" },
		{ "add :: coa 2001:db8:2::2 dev dha0",
		  "invalid home address \"::\" (unspecified address)" },
		{ "add ::1 coa 2001:db8:2::2 dev dha0",
		  "invalid home address \"::1\" (loopback address)" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev",
		  "missing value for \"dev\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 dev dha1",
		  "duplicate \"dev\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 coa 2001:db8:2::3 dev dha0",
		  "duplicate \"coa\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 0",
		  "invalid lifetime \"0\" (out of range)" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime soon",
		  "invalid lifetime \"soon\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 mnp 2001:db8::1/48",
		  "invalid prefix \"2001:db8::1/48\" (host bits set)" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 mnp 2001:db8::/0",
		  "invalid prefix \"2001:db8::/0\" (out of range)" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 mnp 2001:db8::/48 mnp 2001:db8::/48",
		  "duplicate mnp \"2001:db8::/48\"" },
		{ "add 2001:db8:1::100 2001:db8:1::101 coa 2001:db8:2::2 dev dha0",
		  "unknown argument \"2001:db8:1::101\"" },
		{ "add 2001:db8:1::100 coa 2001:db8:2::2 dev abcdefghijklmnopq",
		  "invalid device name \"abcdefghijklmnopq\"" },
		{ "del 2001:db8:1::100", "missing \"dev\"" },
		{ "del dev dha0", "missing home address" },
		{ "del 2001:db8:1::100 dev dha0 lifetime 5",
		  "unknown argument \"lifetime\"" },
		{ "flush", "missing \"dev\"" },
		{ "flush dev dha0 2001:db8:1::100",
		  "unknown argument \"2001:db8:1::100\"" },
		{ "show 2001:db8:1::100", "unknown argument \"2001:db8:1::100\"" },
		{ "help me", "unknown argument \"me\"" },
	};
	struct binding_request req;
	struct cli_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, cases[i].line,
				       &req, &err), -1);
		CHECK_STR(err.text, cases[i].error);
	}
}

static void test_proxy_errors(void)
{
	static const struct {
		const char *line;
		const char *error;
	} cases[] = {
		{ "add hnp 2001:db8:100::/64 dev dha0", "missing \"mag\" or \"lma\"" },
		{ "add mag 2001:db8:a1::2 dev dha0", "missing \"hnp\"" },
		{ "add hnp 2001:db8:100::/64 mag 2001:db8:a1::2",
		  "missing \"dev\"" },
		{ "add hnp 2001:db8:100::/65 mag 2001:db8:a1::2 dev dha0",
		  "invalid prefix \"2001:db8:100::/65\" (longer than 64 bits)" },
		{ "add hnp 2001:db8:100::1/64 lma 2001:db8:ff::1 dev dha0",
		  "invalid prefix \"2001:db8:100::1/64\" (host bits set)" },
		{ "add hnp 2001:db8:100::/64 mag 2001:db8:a1::2 lma 2001:db8:ff::1 dev dha0",
		  "\"mag\" and \"lma\" exclude each other" },
		{ "add hnp 2001:db8:100::/64 coa 2001:db8:a1::2 dev dha0",
		  "\"coa\" is for home bindings: give \"mag\" or \"lma\"" },
		{ "add 2001:db8:1::100 hnp 2001:db8:100::/64 mag 2001:db8:a1::2 dev dha0",
		  "a proxy binding has no home address" },
		{ "add hnp 2001:db8:100::/64 mag 2001:db8:a1::2 mnp 2001:db8:200::/48 dev dha0",
		  "\"mnp\" is for home bindings" },
		{ "add hnp 2001:db8:100::/64 mag ff02::1 dev dha0",
		  "invalid MAG address \"ff02::1\" (multicast address)" },
		{ "add hnp 2001:db8:100::/64 lma 2001:db8:ff::1 local :: dev dha0",
		  "invalid local address \"::\" (unspecified address)" },
		{ "add hnp 2001:db8:100::/64 hnp 2001:db8:101::/64 lma 2001:db8:ff::1 dev dha0",
		  "duplicate \"hnp\"" },
		{ "del hnp 2001:db8:100::/64 mag 2001:db8:a1::2 dev dha0",
		  "unknown argument \"mag\"" },
		{ "show hnp 2001:db8:100::/64", "unknown argument \"hnp\"" },
	};
	struct binding_request req;
	struct cli_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, cases[i].line,
				       &req, &err), -1);
		CHECK_STR(err.text, cases[i].error);
	}
	/* not a global binding's words */
	CHECK_INT(binding_args(DHA_BINDING_KIND_GLOBAL,
			       "add hnp 2001:db8:100::/64 lma 2001:db8:ff::1 dev dha0",
			       &req, &err), -1);
	CHECK_STR(err.text, "invalid home address \"hnp\"");
	/* the proxy words are not abbreviated: "l" stays "lifetime" */
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME,
			       "add hnp 2001:db8:100::/64 lma 2001:db8:ff::1 l 60 dev dha0",
			       &req, &err), 0);
	CHECK_INT(req.kind, DHA_BINDING_KIND_PROXY_MAG);
	CHECK_INT(req.lifetime, 60);
}

static void test_binding_prefix_limit(void)
{
	char line[1024];
	struct binding_request req;
	struct cli_error err;
	int i, len;

	len = snprintf(line, sizeof(line),
		       "add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0");
	for (i = 0; i < BINDING_PREFIXES_MAX; i++)
		len += snprintf(line + len, sizeof(line) - (size_t)len,
				" mnp 2001:db8:%x::/48", 0x100 + i);
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, line, &req, &err), 0);
	CHECK_INT(req.prefix_count, BINDING_PREFIXES_MAX);
	snprintf(line + len, sizeof(line) - (size_t)len, " mnp 2001:db8:ffff::/48");
	CHECK_INT(binding_args(DHA_BINDING_KIND_HOME, line, &req, &err), -1);
	CHECK_STR(err.text, "too many \"mnp\" (at most 16)");
}

static int peer_args(const char *line, struct peer_request *req,
		     struct cli_error *err)
{
	split(&words, line);
	return peer_parse_args(words.argc, words.argv, req, err);
}

static void test_peer_args(void)
{
	struct peer_request req;
	struct cli_error err;

	CHECK_INT(peer_args("add 2001:db8:ff::2 dev dha0", &req, &err), 0);
	CHECK_INT(req.verb, VERB_ADD);
	CHECK(req.has_address && in6_is(&req.address, "2001:db8:ff::2"));
	CHECK_STR(req.dev, "dha0");
	CHECK_INT(peer_args("del dev dha0 2001:db8:ff::2", &req, &err), 0);
	CHECK_INT(req.verb, VERB_DEL);
	CHECK_INT(peer_args("", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK_INT(peer_args("s dev dha0", &req, &err), 0);
	CHECK_STR(req.dev, "dha0");

	CHECK_INT(peer_args("add 2001:db8:ff::2", &req, &err), -1);
	CHECK_STR(err.text, "missing \"dev\"");
	CHECK_INT(peer_args("add dev dha0", &req, &err), -1);
	CHECK_STR(err.text, "missing peer address");
	CHECK_INT(peer_args("add ff02::2 dev dha0", &req, &err), -1);
	CHECK_STR(err.text, "invalid peer address \"ff02::2\" (multicast address)");
	CHECK_INT(peer_args("show 2001:db8:ff::2", &req, &err), -1);
	CHECK_STR(err.text, "unknown argument \"2001:db8:ff::2\"");
	CHECK_INT(peer_args("add 2001:db8:ff::2 dev dha0 dev dha1", &req, &err), -1);
	CHECK_STR(err.text, "duplicate \"dev\"");
	CHECK_INT(peer_args("flush dev dha0", &req, &err), -1);
	CHECK_STR(err.text, "unknown command \"flush\"");
}

static int link_args(const char *line, struct link_request *req,
		     struct cli_error *err)
{
	split(&words, line);
	return link_parse_args(words.argc, words.argv, req, err);
}

static void test_link_args(void)
{
	struct link_request req;
	struct cli_error err;

	CHECK_INT(link_args("set dev dha0 local 2001:db8::1", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SET);
	CHECK(req.has_local && in6_is(&req.local, "2001:db8::1"));
	CHECK_INT(link_args("set local :: dev dha0", &req, &err), 0);
	CHECK(req.has_local && in6_is(&req.local, "::"));
	CHECK_INT(link_args("set dev dha0 local none", &req, &err), 0);
	CHECK(req.has_local && in6_is(&req.local, "::"));
	CHECK_INT(link_args("", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK_INT(link_args("show dev dha0", &req, &err), 0);
	CHECK_STR(req.dev, "dha0");

	CHECK_INT(link_args("set dev dha0 home-link home0 home-prefix 2001:db8:1::/64"
			    " home-prefix 2001:db8:ff::/48", &req, &err), 0);
	CHECK(!req.has_local);
	CHECK_STR(req.home_link, "home0");
	CHECK_INT(req.home_prefix_count, 2);
	CHECK_INT(req.home_prefixes[1].length, 48);
	CHECK_INT(link_args("set dev dha0 home-link none", &req, &err), 0);
	CHECK_STR(req.home_link, "none");
	CHECK_INT(req.home_prefix_count, 0);

	CHECK_INT(link_args("set dev dha0", &req, &err), -1);
	CHECK_STR(err.text, "missing \"local\" or \"home-link\"");
	CHECK_INT(link_args("set dev dha0 home-link home0", &req, &err), -1);
	CHECK_STR(err.text, "missing \"home-prefix\"");
	CHECK_INT(link_args("set dev dha0 home-link none home-prefix 2001:db8:1::/64",
			    &req, &err), -1);
	CHECK_STR(err.text, "\"home-prefix\" needs a \"home-link\"");
	CHECK_INT(link_args("set dev dha0 local :: home-prefix 2001:db8:1::/64",
			    &req, &err), -1);
	CHECK_STR(err.text, "\"home-prefix\" needs a \"home-link\"");
	CHECK_INT(link_args("set dev dha0 home-link home0 home-prefix 2001:db8:1::1/64",
			    &req, &err), -1);
	CHECK_STR(err.text, "invalid home prefix \"2001:db8:1::1/64\" (host bits set)");
	CHECK_INT(link_args("show home-link home0", &req, &err), -1);
	CHECK_STR(err.text, "unknown argument \"home-link\"");
	CHECK_INT(link_args("set local 2001:db8::1", &req, &err), -1);
	CHECK_STR(err.text, "missing \"dev\"");
	CHECK_INT(link_args("set dev dha0 local ff02::1", &req, &err), -1);
	CHECK_STR(err.text, "invalid local address \"ff02::1\" (multicast address)");
	CHECK_INT(link_args("set dev dha0 local nowhere", &req, &err), -1);
	CHECK_STR(err.text, "invalid local address \"nowhere\"");
	CHECK_INT(link_args("show local ::", &req, &err), -1);
	CHECK_STR(err.text, "unknown argument \"local\"");
	CHECK_INT(link_args("set dev dha0 local", &req, &err), -1);
	CHECK_STR(err.text, "missing value for \"local\"");
}

static void test_stats_args(void)
{
	struct cli_error err;
	const char *dev;
	enum verb verb;

	split(&words, "dev dha0");
	CHECK_INT(stats_parse_args(words.argc, words.argv, &verb, &dev, &err), 0);
	CHECK_INT(verb, VERB_SHOW);
	CHECK_STR(dev, "dha0");
	CHECK_INT(stats_parse_args(0, NULL, &verb, &dev, &err), 0);
	CHECK(dev == NULL);
	split(&words, "help");
	CHECK_INT(stats_parse_args(words.argc, words.argv, &verb, &dev, &err), 0);
	CHECK_INT(verb, VERB_HELP);
	split(&words, "dev");
	CHECK_INT(stats_parse_args(words.argc, words.argv, &verb, &dev, &err), -1);
	CHECK_STR(err.text, "missing value for \"dev\"");
	split(&words, "bar");
	CHECK_INT(stats_parse_args(words.argc, words.argv, &verb, &dev, &err), -1);
	CHECK_STR(err.text, "unknown argument \"bar\"");
}

static int switch_args(const char *line, struct ha_switch_request *req,
		       struct cli_error *err)
{
	split(&words, line);
	err->text[0] = '\0';
	return ha_switch_parse_args(words.argc, words.argv, req, err);
}

static void test_ha_switch_args(void)
{
	static const struct {
		const char *line;
		const char *error;
	} bad[] = {
		{ "", "missing home address" },
		{ "foo to 2001:db8:5::1", "invalid home address \"foo\"" },
		{ ":: to 2001:db8:5::1",
		  "invalid home address \"::\" (unspecified address)" },
		{ "2001:db8:1::100", "missing \"to\"" },
		{ "2001:db8:1::100 2001:db8:5::1",
		  "expected \"to\" after the home address, not \"2001:db8:5::1\"" },
		{ "2001:db8:1::100 to", "missing home agent address" },
		{ "2001:db8:1::100 to ::1",
		  "invalid home agent address \"::1\" (loopback address)" },
		{ "2001:db8:1::100 to 2001:db8:5::1 bogus",
		  "invalid home agent address \"bogus\"" },
		{ "2001:db8:1::100 to 2001:db8:5::1 2001:db8:5:0::1",
		  "home agent address \"2001:db8:5:0::1\" given twice" },
		{ "2001:db8:1::100 to 1::1 1::2 1::3 1::4 1::5 1::6 1::7 1::8 "
		  "1::9 1::a 1::b 1::c 1::d 1::e 1::f 1::10 1::11",
		  "at most 16 home agent addresses" },
	};
	struct ha_switch_request req;
	struct cli_error err;
	json_object *request;
	size_t i;

	CHECK_INT(switch_args("2001:db8:1::100 to 2001:db8:5::1", &req, &err), 0);
	CHECK(in6_is(&req.home_address, "2001:db8:1::100"));
	CHECK_INT(req.home_agent_count, 1);
	CHECK(in6_is(&req.home_agents[0], "2001:db8:5::1"));
	CHECK_INT(switch_args("2001:db8:1::100 to 2001:db8:5::1 2001:db8:6::1",
			      &req, &err), 0);
	CHECK_INT(req.home_agent_count, 2);
	CHECK(in6_is(&req.home_agents[1], "2001:db8:6::1"));
	request = ha_switch_request_json(&req);
	CHECK_STR(json_object_to_json_string_ext(request, JSON_C_TO_STRING_PLAIN),
		  "{\"cmd\":\"ha-switch\",\"home-address\":\"2001:db8:1::100\","
		  "\"home-agents\":[\"2001:db8:5::1\",\"2001:db8:6::1\"]}");
	json_object_put(request);
	CHECK_INT(switch_args("2001:db8:1::100 to 1::1 1::2 1::3 1::4 1::5 1::6 "
			      "1::7 1::8 1::9 1::a 1::b 1::c 1::d 1::e 1::f 1::10",
			      &req, &err), 0);
	CHECK_INT(req.home_agent_count, HA_SWITCH_HOME_AGENTS_MAX);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(switch_args(bad[i].line, &req, &err), -1);
		CHECK_STR(err.text, bad[i].error);
	}
}

static int ha_verb(const char *line, struct cli_error *err)
{
	split(&words, line);
	err->text[0] = '\0';
	return ha_verb_parse(words.argc, words.argv, err);
}

/* "dha ha VERB ...": full words always work, prefixes when unique. */
static void test_ha_verbs(void)
{
	static const struct {
		const char *line;
		int verb;
	} good[] = {
		{ "", VERB_SHOW },
		{ "show", VERB_SHOW },
		{ "sh", VERB_SHOW },
		{ "list", VERB_SHOW },
		{ "reload", VERB_SET },
		{ "switch", VERB_SWITCH },
		{ "switch 2001:db8:1::100 to 2001:db8:5::1", VERB_SWITCH },
		{ "switch bogus", VERB_SWITCH },
		{ "switchover", VERB_SWITCHOVER },
		{ "switcho", VERB_SWITCHOVER },
		{ "switchback", VERB_SWITCHBACK },
		{ "switchb", VERB_SWITCHBACK },
		{ "sync request", VERB_SYNC },
		{ "sy request 2001:db8:1::100", VERB_SYNC },
		{ "help", VERB_HELP },
		{ "hold", VERB_HOLD },
		{ "ho", VERB_HOLD },
		{ "release", VERB_RELEASE },
		{ "rele", VERB_RELEASE },
		{ "relo", VERB_SET },
	};
	static const struct {
		const char *line;
		const char *error;
	} bad[] = {
		{ "s", "ambiguous command \"s\"" },
		{ "sw", "ambiguous command \"sw\"" },
		{ "switc", "ambiguous command \"switc\"" },
		{ "switchovers", "unknown command \"switchovers\"" },
		{ "switchover now", "unexpected argument \"now\"" },
		{ "switchback 2001:db8:5::2", "unexpected argument \"2001:db8:5::2\"" },
		{ "show x", "unexpected argument \"x\"" },
		{ "reload now", "unexpected argument \"now\"" },
		{ "flip", "unknown command \"flip\"" },
		{ "h", "ambiguous command \"h\"" },
		{ "rel", "ambiguous command \"rel\"" },
		{ "hold now", "unexpected argument \"now\"" },
	};
	struct cli_error err;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK_INT(ha_verb(good[i].line, &err), good[i].verb);
		CHECK_STR(err.text, "");
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(ha_verb(bad[i].line, &err), -1);
		CHECK_STR(err.text, bad[i].error);
	}
}

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static int sync_args(const char *line, struct ha_sync_request *req,
		     struct cli_error *err)
{
	split(&words, line);
	err->text[0] = '\0';
	return ha_sync_parse_args(words.argc, words.argv, req, err);
}

static void test_ha_sync_args(void)
{
	static const struct {
		const char *line;
		const char *error;
	} bad[] = {
		{ "", "missing \"request\"" },
		{ "show", "expected \"request\", not \"show\"" },
		{ "request foo", "invalid home address \"foo\"" },
		{ "request ff02::1",
		  "invalid home address \"ff02::1\" (multicast address)" },
		{ "request 2001:db8:100::/129",
		  "invalid prefix \"2001:db8:100::/129\" (out of range)" },
		{ "request 2001:db8:1::100 2001:db8:1:0::100",
		  "\"2001:db8:1:0::100\" given twice" },
		{ "request 2001:db8:100::/48 2001:db8:100:0::/48",
		  "\"2001:db8:100:0::/48\" given twice" },
		{ "request 1::1 1::2 1::3 1::4 1::5 1::6 1::7 1::8 1::9 1::a "
		  "1::b 1::c 1::d 1::e 1::f 1::10 1::11",
		  "at most 16 home addresses" },
	};
	struct ha_sync_request req;
	struct cli_error err;
	json_object *request;
	size_t i;

	/* No argument: the whole cache. */
	CHECK_INT(sync_args("request", &req, &err), 0);
	CHECK_INT(req.home_address_count, 0);
	CHECK_INT(req.prefix_count, 0);
	request = ha_sync_request_json(&req);
	CHECK_STR(json_object_to_json_string_ext(request,
						 JSON_C_TO_STRING_PLAIN),
		  "{\"cmd\":\"ha-sync-request\",\"home-addresses\":[],"
		  "\"prefixes\":[]}");
	json_object_put(request);

	CHECK_INT(sync_args("request 2001:db8:1::100 2001:db8:100::/48 "
			    "2001:db8:1::101", &req, &err), 0);
	CHECK_INT(req.home_address_count, 2);
	CHECK(in6_is(&req.home_addresses[0], "2001:db8:1::100"));
	CHECK(in6_is(&req.home_addresses[1], "2001:db8:1::101"));
	CHECK_INT(req.prefix_count, 1);
	CHECK(in6_is(&req.prefixes[0].address, "2001:db8:100::"));
	CHECK_INT(req.prefixes[0].length, 48);
	request = ha_sync_request_json(&req);
	CHECK_STR(json_object_to_json_string_ext(request, JSON_FLAGS),
		  "{\"cmd\":\"ha-sync-request\",\"home-addresses\":"
		  "[\"2001:db8:1::100\",\"2001:db8:1::101\"],"
		  "\"prefixes\":[\"2001:db8:100::/48\"]}");
	json_object_put(request);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(sync_args(bad[i].line, &req, &err), -1);
		CHECK_STR(err.text, bad[i].error);
	}
}

static int pmip_args(const char *line, struct pmip_request *req,
		     struct cli_error *err)
{
	split(&words, line);
	err->text[0] = '\0';
	return pmip_parse_args(words.argc, words.argv, req, err);
}

static void test_pmip_args(void)
{
	static const struct {
		const char *line;
		const char *error;
	} bad[] = {
		{ "attach", "missing mobile node identifier" },
		{ "attach mn1", "missing \"dev IFNAME\"" },
		{ "attach mn1 dev", "missing value for \"dev\"" },
		{ "attach mn1 dev a b", "unknown argument \"b\"" },
		{ "detach mn1 dev a", "unknown argument \"dev\"" },
		{ "show x", "unknown argument \"x\"" },
		{ "bogus", "unknown pmip command \"bogus\"" },
	};
	struct pmip_request req;
	struct cli_error err;
	json_object *request;
	size_t i;

	CHECK_INT(pmip_args("", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK_INT(pmip_args("show", &req, &err), 0);
	CHECK_INT(req.verb, VERB_SHOW);
	CHECK_INT(pmip_args("attach mn1@example dev acc0", &req, &err), 0);
	CHECK_INT(req.verb, VERB_ADD);
	CHECK_STR(req.mn_id, "mn1@example");
	CHECK_STR(req.dev, "acc0");
	request = pmip_request_json(&req);
	CHECK_STR(json_object_to_json_string_ext(request, JSON_C_TO_STRING_PLAIN),
		  "{\"cmd\":\"pmip-attach\",\"mn-id\":\"mn1@example\",\"dev\":\"acc0\"}");
	json_object_put(request);
	CHECK_INT(pmip_args("det mn1@example", &req, &err), 0);
	CHECK_INT(req.verb, VERB_DEL);
	request = pmip_request_json(&req);
	CHECK_STR(json_object_to_json_string_ext(request, JSON_C_TO_STRING_PLAIN),
		  "{\"cmd\":\"pmip-detach\",\"mn-id\":\"mn1@example\"}");
	json_object_put(request);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(pmip_args(bad[i].line, &req, &err), -1);
		CHECK_STR(err.text, bad[i].error);
	}
}

SUITE(args,
      TEST_CASE(test_binding_add),
      TEST_CASE(test_binding_verbs_and_flags),
      TEST_CASE(test_binding_abbreviations),
      TEST_CASE(test_global_add),
      TEST_CASE(test_binding_errors),
      TEST_CASE(test_binding_prefix_limit),
      TEST_CASE(test_proxy_errors),
      TEST_CASE(test_peer_args),
      TEST_CASE(test_link_args),
      TEST_CASE(test_stats_args),
      TEST_CASE(test_ha_switch_args),
      TEST_CASE(test_ha_verbs),
      TEST_CASE(test_ha_sync_args),
      TEST_CASE(test_pmip_args));
