// SPDX-License-Identifier: GPL-2.0-only
/* The global HAHA: [global] and the set's rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "core/conf.h"
#include "global/config.h"
#include "global/global.h"
#include "global/set.h"
#include "protocols.h"
#include "wire/numbers.h"
#include "check.h"

#define BASE "[home-agent]\n" \
	     "home-link = home0\n" \
	     "prefix = 2001:db8:1::/64\n" \
	     "address = 2001:db8:1::1\n"
#define KEY64 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	inet_pton(AF_INET6, text, &addr);
	return addr;
}

/* Parses text as "t.conf": the mistakes, [global] into *g. */
static int parse(const char *text, struct config_global *g, char **errors)
{
	size_t len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *out = open_memstream(errors, &len);
	struct dhad_config config;
	int ret;

	ret = config_parse_file(dhad_protocols, dhad_protocol_count, in,
				"t.conf", &config, out);
	fclose(in);
	fclose(out);
	memcpy(g, config_settings(&config, &global_protocol), sizeof(*g));
	config_free(&config);
	return ret;
}

static void refused(const char *file, int line, const char *text,
		    const char *expected)
{
	struct config_global g;
	char *errors;

	if (parse(text, &g, &errors) <= 0)
		check_fail(file, line, "accepted:\n%s", text);
	check_str(file, line, "errors", errors, expected);
	free(errors);
}

#define REFUSED(text, expected) refused(__FILE__, __LINE__, text, expected)

static void test_config_absent(void)
{
	struct config_global g;
	char *errors;

	/* Without the section dhad runs as before: global does not start. */
	CHECK_INT(parse(BASE, &g, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(g.group, 0);
	CHECK_INT(g.peer_count, 0);
}

static void test_config_keys(void)
{
	struct config_global g;
	char *errors, buf[INET6_ADDRSTRLEN];

	CHECK_INT(parse(BASE "[global]\n"
			"group = 42\n"
			"locator = 2001:db8:a::1\n"
			"peer = 2001:db8:b::1\n"
			"peer = 2001:db8:c::1\n"
			"auth = none\n", &g, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(g.group, 42);
	CHECK_STR(inet_ntop(AF_INET6, &g.locator, buf, sizeof(buf)),
		  "2001:db8:a::1");
	CHECK_INT(g.peer_count, 2);
	CHECK_STR(inet_ntop(AF_INET6, &g.peers[1], buf, sizeof(buf)),
		  "2001:db8:c::1");
	CHECK_INT(g.hello_interval_ms, 5000);
	CHECK_INT(g.hello_loss, 3);
	CHECK_INT(g.auth, GLOBAL_AUTH_NONE);
	CHECK_INT(g.route_table, 254);
	CHECK_STR(global_auth_name(g.auth), "none");

	CHECK_INT(parse(BASE "[global]\n"
			"group = 255\n"
			"locator = 2001:db8:a::1\n"
			"peer = 2001:db8:b::1\n"
			"hello-interval = 200\n"
			"hello-loss = 4\n"
			"auth = hmac-sha256\n"
			"key = 1 " KEY64 "\n"
			"key = 2 " KEY64 "\n"
			"key-send = 1\n"
			"route-table = 100\n", &g, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(g.hello_interval_ms, 200);
	CHECK_INT(g.hello_loss, 4);
	CHECK_INT(g.auth, GLOBAL_AUTH_HMAC_SHA256);
	CHECK_INT(g.key_count, 2);
	CHECK_INT(g.keys[1].id, 2);
	CHECK_INT(g.send_key_id, 1);
	CHECK_INT(g.route_table, 100);

	CHECK_INT(parse(BASE "[global]\ngroup = 1\nlocator = 2001:db8:a::1\n"
			"peer = 2001:db8:b::1\nauth = ipsec\n", &g, &errors), 0);
	free(errors);
	CHECK_INT(g.auth, GLOBAL_AUTH_IPSEC);
	CHECK_STR(global_auth_name(g.auth), "ipsec");
}

static void test_config_mistakes(void)
{
	/* Required keys, and auth must be stated. */
	REFUSED(BASE "[global]\nhello-loss = 2\n",
		"t.conf:5: missing key \"group\" in [global]\n"
		"t.conf:5: missing key \"locator\" in [global]\n"
		"t.conf:5: missing key \"peer\" in [global]\n"
		"t.conf:5: missing key \"auth\" in [global]: say ipsec, hmac-sha256 or none (none only on a dedicated line)\n");
	REFUSED(BASE "[global]\n"
		"group = 256\n"
		"locator = fe80::1\n"
		"peer = 2001:db8:b::1\n"
		"peer = 2001:db8:b::1\n"
		"peer = ff02::1\n"
		"hello-interval = 9\n"
		"hello-loss = 0\n"
		"auth = md5\n"
		"key = 0 " KEY64 "\n"
		"key-send = x\n"
		"route-table = 0\n"
		"color = blue\n",
		"t.conf:5: missing key \"auth\" in [global]: say ipsec, hmac-sha256 or none (none only on a dedicated line)\n"
		"t.conf:6: bad group \"256\": 1..255 (the Hello's 8-bit Group ID)\n"
		"t.conf:7: bad locator \"fe80::1\": a link-local address (a global unicast address is needed)\n"
		"t.conf:9: peer 2001:db8:b::1 given twice\n"
		"t.conf:10: bad peer \"ff02::1\": a multicast address (another member's locator, a global unicast address)\n"
		"t.conf:11: bad hello-interval \"9\": milliseconds, 10..65535\n"
		"t.conf:12: bad hello-loss \"0\": missed Hellos, 1..255\n"
		"t.conf:13: bad auth \"md5\": ipsec, hmac-sha256 or none\n"
		"t.conf:14: bad key id \"0\": 1..65535\n"
		"t.conf:15: bad key-send \"x\": a key id, 1..65535\n"
		"t.conf:16: bad route-table \"0\": a kernel routing table, 1..2147483647\n"
		"t.conf:17: unknown key \"color\" in [global]\n");
	/* Group 0 is no group. */
	REFUSED(BASE "[global]\ngroup = 0\nlocator = 2001:db8:a::1\n"
		"peer = 2001:db8:b::1\nauth = none\n",
		"t.conf:6: bad group \"0\": 1..255 (the Hello's 8-bit Group ID)\n");
	/* Anycast: neither the locator nor a peer in a home prefix. */
	REFUSED(BASE "[global]\ngroup = 1\nlocator = 2001:db8:1::1\n"
		"peer = 2001:db8:1::2\npeer = 2001:db8:1::1\nauth = none\n",
		"t.conf:7: locator is inside a home prefix, which is anycast: use the provider-assigned address\n"
		"t.conf:8: a peer is inside a home prefix, which is anycast: give the member's locator\n"
		"t.conf:8: a peer is this home agent's own locator\n");
	REFUSED(BASE "[global]\ngroup = 1\nlocator = 2001:db8:a::1\n"
		"peer = 2001:db8:b::1\nauth = hmac-sha256\n",
		"t.conf:9: auth hmac-sha256 needs at least one key\n");
	REFUSED(BASE "[global]\ngroup = 1\nlocator = 2001:db8:a::1\n"
		"peer = 2001:db8:b::1\nauth = ipsec\nkey = 1 " KEY64 "\n"
		"key-send = 3\n",
		"t.conf:10: keys are only used with auth = hmac-sha256\n"
		"t.conf:11: key-send 3 names no key\n");
}

static void test_config_fixed(void)
{
	struct config_global a = { .group = 1, .route_table = 254 }, b;

	b = a;
	CHECK(global_config_fixed(&a, &b) == NULL);
	b.hello_interval_ms = 100;
	CHECK(global_config_fixed(&a, &b) == NULL);
	b.group = 0;
	CHECK_STR(global_config_fixed(&a, &b), "[global]");
	b = a;
	b.group = 2;
	CHECK_STR(global_config_fixed(&a, &b), "[global] group");
	b = a;
	b.locator = a6("2001:db8:a::1");
	CHECK_STR(global_config_fixed(&a, &b), "[global] locator");
	b = a;
	b.peer_count = 1;
	CHECK_STR(global_config_fixed(&a, &b), "[global] peer");
	b = a;
	b.route_table = 100;
	CHECK_STR(global_config_fixed(&a, &b), "[global] route-table");
}

static void test_hello_verdict(void)
{
	struct dha_hamsg_hello h = { .group = 7, .flags = DHA_HELLO_FLAG_G };

	CHECK_INT(global_hello_verdict(7, &h), GLOBAL_HELLO_TAKE);
	h.flags |= DHA_HELLO_FLAG_R;
	CHECK_INT(global_hello_verdict(7, &h), GLOBAL_HELLO_TAKE);
	CHECK_INT(global_hello_verdict(8, &h), GLOBAL_HELLO_OTHER_GROUP);
	/* A redundant set's Hello (no G), even of the same group. */
	h.flags = DHA_HELLO_FLAG_A;
	CHECK_INT(global_hello_verdict(7, &h), GLOBAL_HELLO_NOT_GLOBAL);
}

static void test_hello_ha_addresses(void)
{
	static struct dha_hamsg msg;
	struct in6_addr out[2], x = a6("2001:db8:1::1"), y = a6("2001:db8:2::1");

	memset(&msg, 0, sizeof(msg));
	CHECK_INT(global_hello_ha_addresses(&msg, out, 2), 0);
	msg.addr_count = 4;
	msg.addrs[0] = (struct dha_hamsg_addr){ DHA_IPADDR_CODE_HA_ADDRESS, 64, x };
	/* The same address for a second prefix: listed once. */
	msg.addrs[1] = (struct dha_hamsg_addr){ DHA_IPADDR_CODE_HA_ADDRESS, 48, x };
	/* A home address option is not a home agent's. */
	msg.addrs[2] = (struct dha_hamsg_addr){ DHA_IPADDR_CODE_HOME_ADDRESS, 128, a6("2001:db8:1::100") };
	msg.addrs[3] = (struct dha_hamsg_addr){ DHA_IPADDR_CODE_HA_ADDRESS, 64, y };
	CHECK_INT(global_hello_ha_addresses(&msg, out, 2), 2);
	CHECK(memcmp(&out[0], &x, sizeof(x)) == 0);
	CHECK(memcmp(&out[1], &y, sizeof(y)) == 0);
	/* No more than asked for. */
	CHECK_INT(global_hello_ha_addresses(&msg, out, 1), 1);
}

static void test_dead_and_lifetime(void)
{
	/* hello-loss of the member's own interval ... */
	CHECK_INT(global_dead_ms(3, 5000, 1000, 1800), 15000);
	/* ... ours if it gives none ... */
	CHECK_INT(global_dead_ms(3, 0, 1000, 1800), 3000);
	/* ... or its lifetime if that is shorter. */
	CHECK_INT(global_dead_ms(3, 5000, 1000, 10), 10000);
	CHECK_INT(global_lifetime_left_s(60, 1000, 1000), 60);
	CHECK_INT(global_lifetime_left_s(60, 1000, 1500), 60);
	CHECK_INT(global_lifetime_left_s(60, 1000, 2000), 59);
	CHECK_INT(global_lifetime_left_s(60, 1000, 61000), 0);
	CHECK_INT(global_lifetime_left_s(60, 1000, 99000), 0);
}

SUITE(global, TEST_CASE(test_config_absent), TEST_CASE(test_config_keys),
      TEST_CASE(test_config_mistakes), TEST_CASE(test_config_fixed),
      TEST_CASE(test_hello_verdict), TEST_CASE(test_hello_ha_addresses),
      TEST_CASE(test_dead_and_lifetime));
