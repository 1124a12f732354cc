// SPDX-License-Identifier: GPL-2.0-only
/* The configuration parser: every key, default and error message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <arpa/inet.h>

#include "core/conf.h"
#include "mip6/config.h"
#include "protocols.h"
#include "reliability/config.h"
#include "check.h"

#define BASE "[home-agent]\n" \
	     "home-link = home0\n" \
	     "prefix = 2001:db8:1::/64\n" \
	     "address = 2001:db8:1::1\n"

/* A parsed file's settings: [daemon], the home agent's, [redundancy]. */
struct parsed {
	struct dhad_config core;	/* its pointers freed */
	struct mip6_config ha;
	struct config_redundancy red;
};

/* Parses text as "t.conf" into config (fresh, unfreed). */
static int parse_into(const char *text, struct dhad_config *config,
		      char **errors)
{
	size_t len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *out = open_memstream(errors, &len);
	int ret;

	ret = config_parse_file(dhad_protocols, dhad_protocol_count, in,
				"t.conf", config, out);
	fclose(in);
	fclose(out);
	return ret;
}

/* Parses text as "t.conf"; returns the mistakes, messages in *errors. */
static int parse(const char *text, struct parsed *parsed, char **errors)
{
	struct dhad_config config;
	int ret = parse_into(text, &config, errors);

	memset(parsed, 0, sizeof(*parsed));
	memcpy(&parsed->ha, config_settings(&config, dhad_protocols[0]),
	       sizeof(parsed->ha));
	memcpy(&parsed->red, config_settings(&config, dhad_protocols[1]),
	       sizeof(parsed->red));
	config_free(&config);
	parsed->core = config;
	return ret;
}

/* text must be refused with exactly the messages expected. */
static void refused(const char *file, int line, const char *text,
		    const char *expected)
{
	struct parsed config;
	char *errors;
	int ret = parse(text, &config, &errors);

	if (ret <= 0)
		check_fail(file, line, "accepted:\n%s", text);
	check_str(file, line, "errors", errors, expected);
	free(errors);
}

#define REFUSED(text, expected) refused(__FILE__, __LINE__, text, expected)

static void test_config_minimal(void)
{
	struct parsed config;
	char *errors, buf[INET6_ADDRSTRLEN];

	CHECK_INT(parse(BASE, &config, &errors), 0);
	CHECK_STR(errors, "");
	CHECK_STR(config.ha.home.home_link, "home0");
	CHECK_STR(config.ha.home.device, "dha0");
	CHECK_INT(config.ha.home.prefix_count, 1);
	CHECK_INT(config.ha.home.prefixes[0].length, 64);
	CHECK_STR(inet_ntop(AF_INET6, &config.ha.home.address, buf, sizeof(buf)),
		  "2001:db8:1::1");
	CHECK_INT(config.ha.home.max_lifetime, 600);
	CHECK(!config.ha.require_ipsec);
	CHECK(config.ha.dad);
	/* The default is unprotected, and says so (dha ha show, the log). */
	CHECK(strstr(mip6_warning_unprotected(&config.ha), "require-ipsec") !=
	      NULL);
	CHECK_INT(config.ha.max_bindings, 100000);
	CHECK(!config.ha.mobile_routers);
	CHECK_INT(config.ha.mobile_network_count, 0);
	CHECK_INT(config.ha.preference, 0);
	CHECK_INT(config.ha.home.ha_lifetime, 1800);
	CHECK_INT(config.ha.prefix_valid_lifetime, 2592000);
	CHECK_INT(config.ha.prefix_preferred_lifetime, 604800);
	CHECK_INT(config.ha.home.switching.rate, 1);
	CHECK_INT(config.ha.home.switching.retransmissions, 8);
	CHECK_INT(config.ha.ack_rate, 100);
	CHECK_INT(config.ha.ack_burst, 200);
	CHECK_INT(config.ha.error_rate, 10);
	CHECK_INT(config.ha.error_burst, 20);
	CHECK_INT(config.core.log_level, LOG_INFO);
	CHECK(!config.core.has_control_group);
	free(errors);
}

static void test_config_every_key(void)
{
	struct parsed config;
	char *errors, buf[INET6_ADDRSTRLEN];

	CHECK_INT(parse("# comment\n; comment\n\n"
			"[home-agent]\n"
			"home-link = eth1\n"
			"prefix = 2001:db8:1::/64\n"
			"prefix = 2001:db8:5::/48 ; inline comment\n"
			"address = 2001:db8:1::1\n"
			"device = mip0\n"
			"max-lifetime = 3600\n"
			"require-ipsec = yes\n"
			"dad = no\n"
			"max-bindings = 1000000\n"
			"mobile-routers = on\n"
			"mobile-network = 2001:db8:1::100 2001:db8:100::/48\n"
			"mobile-network = 2001:db8:1::100\t2001:db8:101::/56\n"
			"mobile-network = 2001:db8:1::200   2001:db8:200:1::/64 ; comment\n"
			"preference = -20\n"
			"home-agent-lifetime = 65535\n"
			"prefix-valid-lifetime = 4294967295\n"
			"prefix-preferred-lifetime = 0\n"
			"switch-rate = 100000\n"
			"switch-retransmissions = 0\n"
			"ack-rate = 1\n"
			"ack-burst = 1000000\n"
			"error-rate = 5\n"
			"error-burst = 7\n"
			"[daemon]\n"
			"log-level = debug\n"
			"control-group = root\n",
			&config, &errors), 0);
	CHECK_STR(errors, "");
	CHECK_STR(config.ha.home.device, "mip0");
	CHECK_INT(config.ha.home.prefix_count, 2);
	CHECK_INT(config.ha.home.prefixes[1].length, 48);
	CHECK_INT(config.ha.home.max_lifetime, 3600);
	CHECK(config.ha.require_ipsec);
	CHECK(!config.ha.dad);
	CHECK(mip6_warning_unprotected(&config.ha) == NULL);
	CHECK_INT(config.ha.max_bindings, 1000000);
	CHECK(config.ha.mobile_routers);
	CHECK_INT(config.ha.mobile_network_count, 3);
	CHECK_STR(inet_ntop(AF_INET6, &config.ha.mobile_networks[1].home_address,
			    buf, sizeof(buf)), "2001:db8:1::100");
	CHECK_STR(inet_ntop(AF_INET6, &config.ha.mobile_networks[1].prefix.address,
			    buf, sizeof(buf)), "2001:db8:101::");
	CHECK_INT(config.ha.mobile_networks[1].prefix.length, 56);
	CHECK_STR(inet_ntop(AF_INET6, &config.ha.mobile_networks[2].home_address,
			    buf, sizeof(buf)), "2001:db8:1::200");
	CHECK_INT(config.ha.mobile_networks[2].prefix.length, 64);
	CHECK_INT(config.ha.preference, -20);
	CHECK_INT(config.ha.home.ha_lifetime, 65535);
	CHECK(config.ha.prefix_valid_lifetime == 0xffffffffu);
	CHECK_INT(config.ha.prefix_preferred_lifetime, 0);
	CHECK_INT(config.ha.home.switching.rate, 100000);
	CHECK_INT(config.ha.home.switching.retransmissions, 0);
	CHECK_INT(config.ha.ack_rate, 1);
	CHECK_INT(config.ha.ack_burst, 1000000);
	CHECK_INT(config.ha.error_rate, 5);
	CHECK_INT(config.ha.error_burst, 7);
	CHECK_INT(config.core.log_level, LOG_DEBUG);
	CHECK(config.core.has_control_group);
	CHECK_INT(config.core.control_group, 0);
	free(errors);

	CHECK_INT(parse(BASE "require-ipsec = off\n[daemon]\ncontrol-group = 4242\n",
			&config, &errors), 0);
	CHECK(!config.ha.require_ipsec);
	CHECK_INT(config.core.control_group, 4242);
	free(errors);
}

static void test_config_unknown(void)
{
	REFUSED(BASE "colour = blue\n",
		"t.conf:5: unknown key \"colour\" in [home-agent]\n");
	REFUSED(BASE "[bogus]\nkey = 1\n[daemon]\nlog-level = nope\n",
		"t.conf:5: unknown section [bogus]\n"
		"t.conf:8: bad log-level \"nope\": error, warning, notice, info or debug\n");
	REFUSED("[empty]\n" BASE, "t.conf:1: unknown section [empty]\n");
	REFUSED("stray = 1\n" BASE,
		"t.conf:1: key \"stray\" outside any section\n");
}

static void test_config_duplicates(void)
{
	REFUSED(BASE "address = 2001:db8:1::2\n",
		"t.conf:5: duplicate key \"address\" (first set on line 4)\n");
	REFUSED(BASE "home-link = eth0\n",
		"t.conf:5: duplicate key \"home-link\" (first set on line 2)\n");
	REFUSED(BASE "prefix = 2001:db8:1::/64\n",
		"t.conf:5: prefix 2001:db8:1::/64 given twice\n");
	/* A second [home-agent] header is fine; its keys are not new. */
	REFUSED(BASE "[home-agent]\ndevice = a\n[home-agent]\ndevice = b\n",
		"t.conf:8: duplicate key \"device\" (first set on line 6)\n");
}

static void test_config_bad_values(void)
{
	REFUSED(BASE "device = a/b\n",
		"t.conf:5: \"a/b\" is not an interface name (1 to 15 characters, no '/', ':' or blanks)\n");
	REFUSED(BASE "device = abcdefghijklmnop\n",
		"t.conf:5: \"abcdefghijklmnop\" is not an interface name (1 to 15 characters, no '/', ':' or blanks)\n");
	REFUSED(BASE "prefix = 2001:db8:2::1/64\n",
		"t.conf:5: bad prefix \"2001:db8:2::1/64\": host bits set\n");
	REFUSED(BASE "prefix = 2001:db8:2::/129\n",
		"t.conf:5: bad prefix \"2001:db8:2::/129\": prefix length must be 1..128\n");
	REFUSED(BASE "prefix = 2001:db8:2::\n",
		"t.conf:5: bad prefix \"2001:db8:2::\": not ADDRESS/LENGTH\n");
	REFUSED(BASE "prefix = ff02::/16\n",
		"t.conf:5: bad prefix \"ff02::/16\": a multicast address\n");
	REFUSED("[home-agent]\nhome-link = h\nprefix = 2001:db8::/64\naddress = fe80::1\n",
		"t.conf:4: bad address \"fe80::1\": a link-local address (a global unicast address is needed)\n");
	REFUSED("[home-agent]\nhome-link = h\nprefix = 2001:db8::/64\naddress = ::\n",
		"t.conf:4: bad address \"::\": the unspecified address (a global unicast address is needed)\n");
	REFUSED("[home-agent]\nhome-link = h\nprefix = 2001:db8::/64\naddress = ::1\n",
		"t.conf:4: bad address \"::1\": a loopback address (a global unicast address is needed)\n");
	REFUSED("[home-agent]\nhome-link = h\nprefix = 2001:db8::/64\naddress = 10.0.0.1\n",
		"t.conf:4: bad address \"10.0.0.1\": not an IPv6 address (a global unicast address is needed)\n");
	REFUSED(BASE "max-lifetime = 3\n",
		"t.conf:5: bad max-lifetime \"3\": seconds, 4..262140\n");
	REFUSED(BASE "max-lifetime = 262141\n",
		"t.conf:5: bad max-lifetime \"262141\": seconds, 4..262140\n");
	REFUSED(BASE "max-lifetime = 10s\n",
		"t.conf:5: bad max-lifetime \"10s\": seconds, 4..262140\n");
	REFUSED(BASE "max-lifetime = +10\n",
		"t.conf:5: bad max-lifetime \"+10\": seconds, 4..262140\n");
	REFUSED(BASE "require-ipsec = maybe\n",
		"t.conf:5: bad require-ipsec \"maybe\": yes or no\n");
	REFUSED(BASE "max-bindings = 0\n",
		"t.conf:5: bad max-bindings \"0\": 1..1000000\n");
	REFUSED(BASE "max-bindings = 1000001\n",
		"t.conf:5: bad max-bindings \"1000001\": 1..1000000\n");
	REFUSED(BASE "mobile-routers = perhaps\n",
		"t.conf:5: bad mobile-routers \"perhaps\": yes or no\n");
	REFUSED(BASE "mobile-network = 2001:db8:100::/48\n",
		"t.conf:5: bad mobile-network \"2001:db8:100::/48\": not HOME-ADDRESS PREFIX\n");
	REFUSED(BASE "mobile-network = fe80::1 2001:db8:100::/48\n",
		"t.conf:5: bad mobile-network \"fe80::1 2001:db8:100::/48\": home address: a link-local address\n");
	REFUSED(BASE "mobile-network = 2001:db8:1::100 2001:db8:100::1/48\n",
		"t.conf:5: bad mobile-network \"2001:db8:1::100 2001:db8:100::1/48\": prefix: host bits set\n");
	REFUSED(BASE "mobile-network = 2001:db8:1::100 2001:db8:100::/48 x\n",
		"t.conf:5: bad mobile-network \"2001:db8:1::100 2001:db8:100::/48 x\": prefix: prefix length must be 1..128\n");
	REFUSED(BASE "preference = 32768\n",
		"t.conf:5: bad preference \"32768\": -32768..32767\n");
	REFUSED(BASE "home-agent-lifetime = 0\n",
		"t.conf:5: bad home-agent-lifetime \"0\": seconds, 1..65535\n");
	REFUSED(BASE "switch-rate = 0\n",
		"t.conf:5: bad switch-rate \"0\": messages a second, 1..100000\n");
	REFUSED(BASE "switch-retransmissions = 1001\n",
		"t.conf:5: bad switch-retransmissions \"1001\": 0..1000\n");
	REFUSED(BASE "ack-rate = 0\n",
		"t.conf:5: bad ack-rate \"0\": 1..1000000\n");
	REFUSED(BASE "ack-burst = 1000001\n",
		"t.conf:5: bad ack-burst \"1000001\": 1..1000000\n");
	REFUSED(BASE "error-rate = -1\n",
		"t.conf:5: bad error-rate \"-1\": 1..1000000\n");
	REFUSED(BASE "error-burst = many\n",
		"t.conf:5: bad error-burst \"many\": 1..1000000\n");
	REFUSED(BASE "[daemon]\ncontrol-group = no-such-group-dhad\n",
		"t.conf:6: unknown group \"no-such-group-dhad\"\n");
	REFUSED(BASE "[daemon]\ncontrol-group =\n",
		"t.conf:6: unknown group \"\"\n");
}

static void test_config_too_many_prefixes(void)
{
	char text[2048];
	int i, len;

	len = snprintf(text, sizeof(text), "%s", BASE);
	for (i = 2; i <= 17; i++)
		len += snprintf(text + len, sizeof(text) - (size_t)len,
				"prefix = 2001:db8:%x::/64\n", i);
	REFUSED(text, "t.conf:20: more than 16 prefixes\n");
}

static void test_config_mobile_networks(void)
{
	char text[2048];
	int i, len;

	REFUSED(BASE "mobile-network = 2001:db8:1::100 2001:db8:100::/48\n"
		"mobile-network = 2001:db8:1::100 2001:db8:100::/48\n",
		"t.conf:6: bad mobile-network \"2001:db8:1::100 2001:db8:100::/48\": overlaps 2001:db8:100::/48, given for this mobile router already\n");
	/* One router's prefix inside another's, either way round. */
	REFUSED(BASE "mobile-network = 2001:db8:1::100 2001:db8:100::/48\n"
		"mobile-network = 2001:db8:1::200 2001:db8:100:7::/64\n",
		"t.conf:6: bad mobile-network \"2001:db8:1::200 2001:db8:100:7::/64\": overlaps 2001:db8:100::/48, given for another mobile router\n");
	REFUSED(BASE "mobile-network = 2001:db8:1::100 2001:db8:100:7::/64\n"
		"mobile-network = 2001:db8:1::200 2001:db8:100::/48\n",
		"t.conf:6: bad mobile-network \"2001:db8:1::200 2001:db8:100::/48\": overlaps 2001:db8:100:7::/64, given for another mobile router\n");

	len = snprintf(text, sizeof(text), "%s", BASE);
	for (i = 0; i <= 16; i++)
		len += snprintf(text + len, sizeof(text) - (size_t)len,
				"mobile-network = 2001:db8:1::100 2001:db8:100:%x::/64\n",
				i);
	REFUSED(text,
		"t.conf:21: bad mobile-network \"2001:db8:1::100 2001:db8:100:10::/64\": more than 16 prefixes for one mobile router\n");
}

static void test_config_too_many_mobile_networks(void)
{
	static char text[CONFIG_MOBILE_NETWORKS_MAX * 64 + 256];
	struct parsed config;
	char *errors;
	int i, len;

	len = snprintf(text, sizeof(text), "%s", BASE);
	for (i = 0; i < CONFIG_MOBILE_NETWORKS_MAX; i++)
		len += snprintf(text + len, sizeof(text) - (size_t)len,
				"mobile-network = 2001:db8:1::%x 2001:db8:%x::/48\n",
				i / 16 + 1, i + 0x100);
	CHECK_INT(parse(text, &config, &errors), 0);
	CHECK_STR(errors, "");
	CHECK_INT(config.ha.mobile_network_count, CONFIG_MOBILE_NETWORKS_MAX);
	free(errors);
	snprintf(text + len, sizeof(text) - (size_t)len,
		 "mobile-network = 2001:db8:1::ffff 2001:db8:ffff::/48\n");
	REFUSED(text, "t.conf:261: more than 256 mobile-network lines\n");
}

static void test_config_missing(void)
{
	REFUSED("", "t.conf:1: missing section [home-agent] or [pmip]\n");
	REFUSED("[daemon]\nlog-level = info\n",
		"t.conf:2: missing section [home-agent] or [pmip]\n");
	REFUSED("\n[home-agent]\ndevice = d\n",
		"t.conf:2: missing key \"home-link\" in [home-agent]\n"
		"t.conf:2: missing key \"prefix\" in [home-agent]\n"
		"t.conf:2: missing key \"address\" in [home-agent]\n");
}

static void test_config_syntax(void)
{
	REFUSED(BASE "just words\n",
		"t.conf:5: syntax error (expected [section], key = value or a comment)\n");
	REFUSED(BASE "[unterminated\n",
		"t.conf:5: syntax error (expected [section], key = value or a comment)\n");
	/* Continuation lines are not allowed: an indented line is a key. */
	REFUSED(BASE "  more = x\n",
		"t.conf:5: unknown key \"more\" in [home-agent]\n");
	/* Mistakes come out in line order, inih's syntax error included. */
	REFUSED("[home-agent]\nnonsense\nhome-link = h\nprefix = 2001:db8::/64\n"
		"address = 2001:db8::1\nbad = 1\n",
		"t.conf:2: syntax error (expected [section], key = value or a comment)\n"
		"t.conf:6: unknown key \"bad\" in [home-agent]\n");
}

static void test_config_long_and_nul_lines(void)
{
	char text[1024];

	snprintf(text, sizeof(text), BASE "device = %0300d\nmax-lifetime = 5\n", 7);
	REFUSED(text, "t.conf:5: line longer than 198 characters\n");
	{
		static const char nul[] = BASE "device = a\0b\n";
		struct dhad_config config;
		char *errors;
		size_t len = 0;
		FILE *in = fmemopen((void *)nul, sizeof(nul) - 1, "r");
		FILE *out = open_memstream(&errors, &len);

		CHECK_INT(config_parse_file(dhad_protocols,
					    dhad_protocol_count, in, "t.conf",
					    &config, out), 1);
		config_free(&config);
		fclose(in);
		fclose(out);
		CHECK_STR(errors, "t.conf:5: NUL character in line\n");
		free(errors);
	}
}

static void test_config_load_missing_file(void)
{
	struct dhad_config config;
	char *errors;
	size_t len = 0;
	FILE *out = open_memstream(&errors, &len);

	CHECK_INT(config_load(dhad_protocols, dhad_protocol_count,
			      "/nonexistent/dhad.conf", &config, out), 1);
	config_free(&config);
	fclose(out);
	CHECK_STR(errors,
		  "/nonexistent/dhad.conf: cannot open: No such file or directory"
		  " (dhad needs a configuration file: see dhad.conf(5))\n");
	free(errors);
}

#define KEY64 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

/* The annotated example that ships must itself be a valid file. */
static void test_config_example_valid(void)
{
	struct dhad_config config;
	char *errors = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&errors, &len);

	CHECK_INT(config_load(dhad_protocols, dhad_protocol_count,
			      "dhad.conf.example", &config, out), 0);
	config_free(&config);
	fclose(out);
	CHECK_STR(errors, "");
	free(errors);
}

static void test_config_redundancy(void)
{
	struct parsed config;
	const struct config_redundancy *r = &config.red;
	char *errors, buf[INET6_ADDRSTRLEN];

	/* Without the section: alone, as before. */
	CHECK_INT(parse(BASE, &config, &errors), 0);
	free(errors);
	CHECK_INT(r->mode, REDUNDANCY_OFF);

	CHECK_INT(parse(BASE "[redundancy]\n"
			"group = 7\n"
			"mode = virtual\n"
			"local = 2001:db8:5::1\n"
			"peer = 2001:db8:5::2\n"
			"peer = 2001:db8:5::3\n"
			"key = 1 " KEY64 "\n", &config, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(r->mode, REDUNDANCY_VIRTUAL);
	CHECK_INT(r->group, 7);
	CHECK_INT(r->preference, 0);
	CHECK_INT(r->peer_count, 2);
	CHECK_STR(inet_ntop(AF_INET6, &r->peers[1], buf, sizeof(buf)),
		  "2001:db8:5::3");
	CHECK_INT(r->hello_interval_ms, 1000);
	CHECK_INT(r->hello_loss, 3);
	CHECK_INT(r->preempt, 0);
	CHECK_INT(r->preempt_delay_ms, 10000);
	CHECK_INT(r->sync_delay_ms, 50);
	CHECK_INT(r->sync_refresh_s, 300);
	CHECK_INT(r->auth, AUTH_HMAC_SHA256);
	CHECK_INT(r->key_count, 1);
	CHECK_INT(r->keys[0].id, 1);
	CHECK_INT(r->keys[0].len, 32);
	CHECK_INT(r->keys[0].key[1], 0x11);
	CHECK_INT(r->send_key_id, 0);
	CHECK_INT(r->route_table, 254);
	CHECK_STR(r->notify, "");
	CHECK_INT(r->hold_down_s, 0);

	CHECK_INT(parse(BASE "[redundancy]\n"
			"group = 255\n"
			"preference = 65535\n"
			"mode = hard\n"
			"local = 2001:db8:5::1\n"
			"peer = 2001:db8:5::2\n"
			"hello-interval = 100\n"
			"hello-loss = 5\n"
			"preempt = yes\n"
			"preempt-delay = 2000\n"
			"sync-delay = 0\n"
			"sync-refresh = 0\n"
			"track-interface = uplink0\n"
			"track-interface = home0\n"
			"track-command = /bin/true\n"
			"track-interval = 500\n"
			"auth = hmac-sha256\n"
			"key = 1 " KEY64 "\n"
			"key = 2 " KEY64 KEY64 "\n"
			"key-send = 1\n"
			"route-table = 100\n"
			"notify = /usr/local/sbin/ha-notify --syslog\n"
			"hold-down = 30\n", &config, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(r->mode, REDUNDANCY_HARD);
	CHECK_INT(r->preference, 65535);
	CHECK_INT(r->hello_interval_ms, 100);
	CHECK_INT(r->hello_loss, 5);
	CHECK_INT(r->preempt, 1);
	CHECK_INT(r->preempt_delay_ms, 2000);
	CHECK_INT(r->sync_refresh_s, 0);
	CHECK_INT(r->track_interface_count, 2);
	CHECK_STR(r->track_interfaces[1], "home0");
	CHECK_STR(r->track_commands[0], "/bin/true");
	CHECK_INT(r->track_interval_ms, 500);
	CHECK_INT(r->keys[1].len, 64);
	CHECK_INT(r->send_key_id, 1);
	CHECK_INT(r->route_table, 100);
	CHECK_STR(r->notify, "/usr/local/sbin/ha-notify --syslog");
	CHECK_INT(r->hold_down_s, 30);

	CHECK_INT(parse(BASE "[redundancy]\ngroup = 1\nmode = hard\n"
			"local = 2001:db8:5::1\npeer = 2001:db8:5::2\n"
			"auth = none\n", &config, &errors), 0);
	free(errors);
	CHECK_INT(r->auth, AUTH_NONE);
}

static void test_config_redundancy_mistakes(void)
{
	REFUSED(BASE "[redundancy]\npreference = 1\n",
		"t.conf:5: missing key \"group\" in [redundancy]\n"
		"t.conf:5: missing key \"mode\" in [redundancy]\n"
		"t.conf:5: missing key \"local\" in [redundancy]\n"
		"t.conf:5: missing key \"peer\" in [redundancy]\n"
		"t.conf:5: auth hmac-sha256 needs at least one key (or auth = ipsec or none)\n");
	REFUSED(BASE "[redundancy]\n"
		"group = 256\n"
		"mode = warm\n"
		"local = fe80::1\n"
		"peer = 2001:db8:5::2\n"
		"peer = 2001:db8:5::2\n"
		"hello-interval = 5\n"
		"hello-loss = 0\n"
		"preempt = perhaps\n"
		"auth = md5\n"
		"key = 0 " KEY64 "\n"
		"key = 3 0011\n"
		"key = 4 zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n"
		"key-send = 9\n"
		"route-table = 0\n"
		"track-interface = a/b\n"
		"hold-down = 3601\n",
		"t.conf:6: bad group \"256\": 0..255\n"
		"t.conf:7: bad mode \"warm\": virtual or hard\n"
		"t.conf:8: bad local \"fe80::1\": a link-local address (a global unicast address is needed)\n"
		"t.conf:10: peer 2001:db8:5::2 given twice\n"
		"t.conf:11: bad hello-interval \"5\": milliseconds, 10..65535\n"
		"t.conf:12: bad hello-loss \"0\": missed Hellos, 1..255\n"
		"t.conf:13: bad preempt \"perhaps\": yes or no\n"
		"t.conf:14: bad auth \"md5\": hmac-sha256, ipsec or none\n"
		"t.conf:14: auth hmac-sha256 needs at least one key (or auth = ipsec or none)\n"
		"t.conf:15: bad key id \"0\": 1..65535\n"
		"t.conf:16: bad key 3: 32 to 64 octets in hex (4 digits given)\n"
		"t.conf:17: bad key 4: not a hex digit at position 1\n"
		"t.conf:18: key-send 9 names no key\n"
		"t.conf:19: bad route-table \"0\": 1..2147483647\n"
		"t.conf:20: \"a/b\" is not an interface name (1 to 15 characters, no '/', ':' or blanks)\n"
		"t.conf:21: bad hold-down \"3601\": seconds, 0 (none)..3600\n");
	REFUSED(BASE "[redundancy]\ngroup = 1\nmode = hard\n"
		"local = 2001:db8:5::1\npeer = 2001:db8:5::1\nauth = none\n"
		"key = 1 " KEY64 "\n",
		"t.conf:9: a peer is this home agent's own local address\n"
		"t.conf:11: keys are only used with auth = hmac-sha256\n");
	/* The shared address cannot be a member's own; in hard mode it is. */
	REFUSED(BASE "[redundancy]\ngroup = 1\nmode = virtual\n"
		"local = 2001:db8:1::1\npeer = 2001:db8:5::2\nauth = none\n",
		"t.conf:8: in virtual mode local must differ from [home-agent] address, which the members share\n");
	{
		struct parsed config;
		char *errors;

		CHECK_INT(parse(BASE "[redundancy]\ngroup = 1\nmode = hard\n"
				"local = 2001:db8:1::1\npeer = 2001:db8:5::2\n"
				"auth = none\n", &config, &errors), 0);
		CHECK_STR(errors, "");
		free(errors);
	}
}

static void test_config_fixed_change(void)
{
	static const char *const changed[][2] = {
		{ "[home-agent]\nhome-link = home0\nprefix = 2001:db8:1::/64\n"
		  "address = 2001:db8:1::2\n", "address" },
		{ BASE "device = other\n", "device" },
		{ "[home-agent]\nhome-link = h2\nprefix = 2001:db8:1::/64\n"
		  "address = 2001:db8:1::1\n", "home-link" },
		{ BASE "[redundancy]\ngroup = 1\nmode = hard\n"
		  "local = 2001:db8:5::1\npeer = 2001:db8:5::2\nauth = none\n",
		  "[redundancy] mode" },
	};
	struct dhad_config a, b;
	char *errors;
	size_t i;

	parse_into(BASE, &a, &errors);
	free(errors);
	parse_into(BASE "max-lifetime = 60\nprefix = 2001:db8:9::/64\n", &b,
		   &errors);
	free(errors);
	CHECK(config_fixed_change(&a, &b) == NULL);
	config_free(&b);
	for (i = 0; i < sizeof(changed) / sizeof(changed[0]); i++) {
		parse_into(changed[i][0], &b, &errors);
		free(errors);
		CHECK_STR(config_fixed_change(&a, &b), changed[i][1]);
		config_free(&b);
	}
	config_free(&a);
}

static void test_config_router_advertisement(void)
{
	struct parsed config;
	char *errors;

	/* Off by default; RFC 4861's defaults follow max-interval. */
	CHECK_INT(parse(BASE, &config, &errors), 0);
	CHECK(!config.ha.ra_send);
	CHECK_INT(config.ha.ra_max_interval_ms, 600000);
	CHECK_INT(config.ha.ra_min_interval_ms, 200000);
	CHECK_INT(config.ha.ra_router_lifetime, 1800);
	free(errors);
	CHECK_INT(parse(BASE "[router-advertisement]\nsend = yes\n"
			"max-interval = 0.07\n", &config, &errors), 0);
	CHECK_STR(errors, "");
	CHECK(config.ha.ra_send);
	CHECK_INT(config.ha.ra_max_interval_ms, 70);
	CHECK_INT(config.ha.ra_min_interval_ms, 30);
	CHECK_INT(config.ha.ra_router_lifetime, 1);
	free(errors);
	CHECK_INT(parse(BASE "[router-advertisement]\nsend = on\n"
			"min-interval = 0.5\nmax-interval = 1.25\n"
			"router-lifetime = 0\n", &config, &errors), 0);
	CHECK_STR(errors, "");
	CHECK_INT(config.ha.ra_min_interval_ms, 500);
	CHECK_INT(config.ha.ra_max_interval_ms, 1250);
	CHECK_INT(config.ha.ra_router_lifetime, 0);
	free(errors);
	CHECK_INT(parse(BASE "[router-advertisement]\nmax-interval = 1800\n",
			&config, &errors), 0);
	CHECK_INT(config.ha.ra_router_lifetime, 5400);
	free(errors);

	REFUSED(BASE "[router-advertisement]\nsend = sometimes\n",
		"t.conf:6: bad send \"sometimes\": yes or no\n");
	REFUSED(BASE "[router-advertisement]\nmax-interval = 0.069\n"
		"min-interval = 0.02\nmin-interval = 1\n",
		"t.conf:6: bad max-interval \"0.069\": seconds, 0.07..1800\n"
		"t.conf:7: bad min-interval \"0.02\": seconds, 0.03..1350\n"
		"t.conf:8: duplicate key \"min-interval\" (first set on line 7)\n");
	REFUSED(BASE "[router-advertisement]\nmax-interval = 1800.001\n"
		"[router-advertisement]\nmax-interval = 1.0001\n",
		"t.conf:6: bad max-interval \"1800.001\": seconds, 0.07..1800\n"
		"t.conf:8: duplicate key \"max-interval\" (first set on line 6)\n");
	REFUSED(BASE "[router-advertisement]\nmax-interval = 1.\n",
		"t.conf:6: bad max-interval \"1.\": seconds, 0.07..1800\n");
	REFUSED(BASE "[router-advertisement]\nmax-interval = .5\n",
		"t.conf:6: bad max-interval \".5\": seconds, 0.07..1800\n");
	REFUSED(BASE "[router-advertisement]\nmax-interval = -1\n",
		"t.conf:6: bad max-interval \"-1\": seconds, 0.07..1800\n");
	REFUSED(BASE "[router-advertisement]\nmax-interval = 1.x\n",
		"t.conf:6: bad max-interval \"1.x\": seconds, 0.07..1800\n");
	REFUSED(BASE "[router-advertisement]\nrouter-lifetime = 9001\n",
		"t.conf:6: bad router-lifetime \"9001\": seconds, 0..9000\n");
	REFUSED(BASE "[router-advertisement]\nmin-interval = 4\nmax-interval = 5\n"
		"router-lifetime = 4\n",
		"t.conf:6: min-interval must be at most 0.75 times max-interval (5.000 s)\n"
		"t.conf:8: router-lifetime must be 0 or at least max-interval (5.000 s)\n");
	REFUSED(BASE "[router-advertisement]\nmax-lifetime = 5\n",
		"t.conf:6: unknown key \"max-lifetime\" in [router-advertisement]\n");
}

/* binding-policy lines in order, binding-policy-default. */
static void test_config_binding_policy(void)
{
	static char text[POLICY_RULES_MAX * 48 + 256];
	const struct policy *policy;
	struct parsed config;
	char *errors, buf[PREFIX_STRLEN];
	int i, len;

	CHECK_INT(parse(BASE, &config, &errors), 0);
	free(errors);
	CHECK(!config.ha.policy.default_deny);
	CHECK_INT(config.ha.policy.rule_count, 0);

	CHECK_INT(parse(BASE "binding-policy = deny 2001:db8:1::10\n"
			"binding-policy-default = deny\n"
			"binding-policy = allow 2001:db8:1::/112 coa 2001:db8:2::/48\n",
			&config, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	policy = &config.ha.policy;
	CHECK(policy->default_deny);
	CHECK_INT(policy->rule_count, 2);
	CHECK(!policy->rules[0].allow);
	CHECK_STR(prefix_format(&policy->rules[0].home, buf), "2001:db8:1::10/128");
	CHECK(policy->rules[1].allow);
	CHECK_STR(prefix_format(&policy->rules[1].care_of, buf), "2001:db8:2::/48");
	CHECK_INT(parse(BASE "binding-policy-default = allow\n", &config,
			&errors), 0);
	free(errors);
	CHECK(!config.ha.policy.default_deny);

	REFUSED(BASE "binding-policy = deny\n"
		"binding-policy = permit 2001:db8:1::10\n"
		"binding-policy = deny 2001:db8:1::1/64\n"
		"binding-policy = deny any coa 2001:db8:2::/129\n"
		"binding-policy-default = maybe\n",
		"t.conf:5: bad binding-policy \"deny\": not allow|deny HOME [coa PREFIX]\n"
		"t.conf:6: bad binding-policy \"permit 2001:db8:1::10\": \"permit\" is neither allow nor deny\n"
		"t.conf:7: bad binding-policy \"deny 2001:db8:1::1/64\": home \"2001:db8:1::1/64\": host bits set\n"
		"t.conf:8: bad binding-policy \"deny any coa 2001:db8:2::/129\": care-of \"2001:db8:2::/129\": prefix length must be 1..128\n"
		"t.conf:9: bad binding-policy-default \"maybe\": allow or deny\n");
	REFUSED(BASE "binding-policy-default = deny\nbinding-policy-default = deny\n",
		"t.conf:6: duplicate key \"binding-policy-default\" (first set on line 5)\n");

	len = snprintf(text, sizeof(text), "%s", BASE);
	for (i = 0; i < POLICY_RULES_MAX; i++)
		len += snprintf(text + len, sizeof(text) - (size_t)len,
				"binding-policy = allow 2001:db8:1::%x\n", i + 2);
	CHECK_INT(parse(text, &config, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(config.ha.policy.rule_count, POLICY_RULES_MAX);
	snprintf(text + len, sizeof(text) - (size_t)len,
		 "binding-policy = deny any\n");
	REFUSED(text, "t.conf:261: more than 256 binding-policy lines\n");
}

/* RFC 4861 6.2.1's lifetimes of the home prefixes, and their bounds. */
static void test_config_prefix_lifetimes(void)
{
	struct parsed config;
	char *errors;

	CHECK_INT(parse(BASE "prefix-valid-lifetime = infinity\n"
			"prefix-preferred-lifetime = infinity\n",
			&config, &errors), 0);
	CHECK_STR(errors, "");
	CHECK(config.ha.prefix_valid_lifetime == 0xffffffffu);
	CHECK(config.ha.prefix_preferred_lifetime == 0xffffffffu);
	free(errors);
	/* The valid lifetime alone: the preferred one follows it down. */
	CHECK_INT(parse(BASE "prefix-valid-lifetime = 120\n", &config,
			&errors), 0);
	CHECK_STR(errors, "");
	CHECK_INT(config.ha.prefix_valid_lifetime, 120);
	CHECK_INT(config.ha.prefix_preferred_lifetime, 120);
	free(errors);
	CHECK_INT(parse(BASE "prefix-valid-lifetime = 4\n"
			"prefix-preferred-lifetime = 4\n",
			&config, &errors), 0);
	CHECK_INT(config.ha.prefix_valid_lifetime, 4);
	CHECK_INT(config.ha.prefix_preferred_lifetime, 4);
	free(errors);

	REFUSED(BASE "prefix-valid-lifetime = 3\n",
		"t.conf:5: bad prefix-valid-lifetime \"3\": seconds, 4..4294967295 or infinity\n");
	REFUSED(BASE "prefix-valid-lifetime = 4294967296\n",
		"t.conf:5: bad prefix-valid-lifetime \"4294967296\": seconds, 4..4294967295 or infinity\n");
	REFUSED(BASE "prefix-valid-lifetime = forever\n",
		"t.conf:5: bad prefix-valid-lifetime \"forever\": seconds, 4..4294967295 or infinity\n");
	REFUSED(BASE "prefix-preferred-lifetime = -1\n",
		"t.conf:5: bad prefix-preferred-lifetime \"-1\": seconds, 0..4294967295 or infinity\n");
	REFUSED(BASE "prefix-preferred-lifetime = 1h\n",
		"t.conf:5: bad prefix-preferred-lifetime \"1h\": seconds, 0..4294967295 or infinity\n");
	REFUSED(BASE "prefix-valid-lifetime = 600\n"
		"prefix-preferred-lifetime = 601\n",
		"t.conf:6: prefix-preferred-lifetime must be at most prefix-valid-lifetime (600 s)\n");
	/* Above the default valid lifetime, the valid one has to be given. */
	REFUSED(BASE "prefix-preferred-lifetime = infinity\n",
		"t.conf:5: prefix-preferred-lifetime must be at most prefix-valid-lifetime (2592000 s)\n");
	REFUSED(BASE "prefix-valid-lifetime = 600\nprefix-valid-lifetime = 700\n",
		"t.conf:6: duplicate key \"prefix-valid-lifetime\" (first set on line 5)\n");
}

SUITE(config,
      TEST_CASE(test_config_minimal),
      TEST_CASE(test_config_every_key),
      TEST_CASE(test_config_unknown),
      TEST_CASE(test_config_duplicates),
      TEST_CASE(test_config_bad_values),
      TEST_CASE(test_config_too_many_prefixes),
      TEST_CASE(test_config_mobile_networks),
      TEST_CASE(test_config_too_many_mobile_networks),
      TEST_CASE(test_config_binding_policy),
      TEST_CASE(test_config_missing),
      TEST_CASE(test_config_syntax),
      TEST_CASE(test_config_long_and_nul_lines),
      TEST_CASE(test_config_load_missing_file),
      TEST_CASE(test_config_fixed_change),
      TEST_CASE(test_config_example_valid),
      TEST_CASE(test_config_redundancy),
      TEST_CASE(test_config_redundancy_mistakes),
      TEST_CASE(test_config_router_advertisement),
      TEST_CASE(test_config_prefix_lifetimes));
