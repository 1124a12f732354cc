// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the plain and JSON output: the exact text operators see. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <linux/dha.h>

#include "check.h"
#include "output.h"

/* ha.c, switchover.c; dha.h would clash with this file's json_text(). */
void ha_print(FILE *out, json_object *result);
void ha_print_stats(FILE *out, json_object *result);
void ha_handover_print(FILE *out, json_object *result);
void ha_hold_print(FILE *out, json_object *result);
void lb_print(FILE *out, json_object *result);
void monitor_dhad_event_print(FILE *out, json_object *event);

/* Captures what a printer writes. */
struct capture {
	FILE *stream;
	char *text;
	size_t size;
};

static FILE *capture_start(struct capture *capture)
{
	capture->text = NULL;
	capture->stream = open_memstream(&capture->text, &capture->size);
	return capture->stream;
}

static const char *capture_end(struct capture *capture)
{
	fclose(capture->stream);
	return capture->text;
}

static struct binding_info home_binding(void)
{
	struct binding_info binding;

	memset(&binding, 0, sizeof(binding));
	binding.ifindex = 5;
	strcpy(binding.ifname, "dha0");
	binding.kind = DHA_BINDING_KIND_HOME;
	inet_pton(AF_INET6, "2001:db8:1::100", &binding.home_address);
	inet_pton(AF_INET6, "2001:db8:2::2", &binding.target);
	binding.has_lifetime = true;
	binding.lifetime = 287;
	binding.prefix_count = 1;
	inet_pton(AF_INET6, "2001:db8:100::", &binding.prefixes[0].address);
	binding.prefixes[0].length = 48;
	binding.has_stats = true;
	binding.stats = (struct binding_stats){ 12, 1344, 12, 1344, 0, 0 };
	return binding;
}

static struct binding_info global_binding(void)
{
	struct binding_info binding;

	memset(&binding, 0, sizeof(binding));
	binding.ifindex = 5;
	strcpy(binding.ifname, "dha0");
	binding.kind = DHA_BINDING_KIND_GLOBAL;
	inet_pton(AF_INET6, "2001:db8:1::200", &binding.home_address);
	inet_pton(AF_INET6, "2001:db8:ff::2", &binding.target);
	return binding;
}

static void test_binding_plain(void)
{
	struct binding_info binding = home_binding();
	struct capture capture;

	binding_print(capture_start(&capture), &binding, false);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 287s mnp 2001:db8:100::/48\n");
	free(capture.text);

	binding_print(capture_start(&capture), &binding, true);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 287s mnp 2001:db8:100::/48\n"
		  "    tx 12 pkts 1344 bytes rx 12 pkts 1344 bytes drop tx 0 rx 0\n");
	free(capture.text);
}

static void test_global_plain(void)
{
	struct binding_info binding = global_binding();
	struct capture capture;

	/* -s without counters in the reply prints no second line */
	binding_print(capture_start(&capture), &binding, true);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:1::200 ha 2001:db8:ff::2 dev dha0 lifetime forever\n");
	free(capture.text);

	binding.ifname[0] = '\0';
	binding.prefix_count = 2;
	inet_pton(AF_INET6, "2001:db8:100::", &binding.prefixes[0].address);
	binding.prefixes[0].length = 48;
	inet_pton(AF_INET6, "2001:db8:200::", &binding.prefixes[1].address);
	binding.prefixes[1].length = 56;
	binding_print(capture_start(&capture), &binding, false);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:1::200 ha 2001:db8:ff::2 dev if5 lifetime forever mnp 2001:db8:100::/48 mnp 2001:db8:200::/56\n");
	free(capture.text);
}

static const char *json_text(json_object *obj)
{
	static char text[2048];

	snprintf(text, sizeof(text), "%s",
		 json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
						JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
	return text;
}

static void test_binding_json(void)
{
	struct binding_info home = home_binding();
	struct binding_info global = global_binding();

	CHECK_STR(json_text(binding_json(&home, true)),
		  "{\"home_address\":\"2001:db8:1::100\",\"kind\":\"home\","
		  "\"care_of_address\":\"2001:db8:2::2\",\"dev\":\"dha0\","
		  "\"lifetime\":287,\"mnp\":[\"2001:db8:100::/48\"],"
		  "\"stats\":{\"tx_packets\":12,\"tx_bytes\":1344,"
		  "\"rx_packets\":12,\"rx_bytes\":1344,\"tx_dropped\":0,"
		  "\"rx_dropped\":0}}");
	CHECK_STR(json_text(binding_json(&home, false)),
		  "{\"home_address\":\"2001:db8:1::100\",\"kind\":\"home\","
		  "\"care_of_address\":\"2001:db8:2::2\",\"dev\":\"dha0\","
		  "\"lifetime\":287,\"mnp\":[\"2001:db8:100::/48\"]}");
	CHECK_STR(json_text(binding_json(&global, false)),
		  "{\"home_address\":\"2001:db8:1::200\",\"kind\":\"global\","
		  "\"home_agent\":\"2001:db8:ff::2\",\"dev\":\"dha0\","
		  "\"lifetime\":null,\"mnp\":[]}");
}

/* Groups follow the prefixes, plain and JSON; no "groups" key without. */
static void test_binding_groups(void)
{
	struct binding_info binding = home_binding();
	struct capture capture;

	binding.has_stats = false;
	binding.group_count = 2;
	inet_pton(AF_INET6, "ff0e::101", &binding.groups[0]);
	inet_pton(AF_INET6, "ff1e::2:102", &binding.groups[1]);
	binding_print(capture_start(&capture), &binding, false);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 287s mnp 2001:db8:100::/48 group ff0e::101 group ff1e::2:102\n");
	free(capture.text);
	CHECK_STR(json_text(binding_json(&binding, false)),
		  "{\"home_address\":\"2001:db8:1::100\",\"kind\":\"home\","
		  "\"care_of_address\":\"2001:db8:2::2\",\"dev\":\"dha0\","
		  "\"lifetime\":287,\"mnp\":[\"2001:db8:100::/48\"],"
		  "\"groups\":[\"ff0e::101\",\"ff1e::2:102\"]}");
}

static void test_events(void)
{
	struct binding_info binding = home_binding();
	struct capture capture;

	event_print(capture_start(&capture), DHA_CMD_BINDING_NEW_NTF, &binding,
		    false);
	CHECK_STR(capture_end(&capture),
		  "new 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 287s mnp 2001:db8:100::/48\n");
	free(capture.text);

	binding = global_binding();
	binding.del_reason = DHA_DEL_REASON_EXPIRED;
	event_print(capture_start(&capture), DHA_CMD_BINDING_DEL_NTF, &binding,
		    false);
	CHECK_STR(capture_end(&capture),
		  "del 2001:db8:1::200 ha 2001:db8:ff::2 dev dha0 lifetime forever reason expired\n");
	free(capture.text);

	CHECK_STR(json_text(event_json(DHA_CMD_BINDING_DEL_NTF, &binding, false)),
		  "{\"event\":\"del\",\"reason\":\"expired\",\"binding\":"
		  "{\"home_address\":\"2001:db8:1::200\",\"kind\":\"global\","
		  "\"home_agent\":\"2001:db8:ff::2\",\"dev\":\"dha0\","
		  "\"lifetime\":null,\"mnp\":[]}}");
	CHECK_STR(del_reason_name(DHA_DEL_REASON_FLUSHED), "flushed");
	CHECK_STR(del_reason_name(DHA_DEL_REASON_DELETED), "deleted");
}

static struct dev_info sample_dev(void)
{
	struct dev_info dev;

	memset(&dev, 0, sizeof(dev));
	dev.ifindex = 5;
	strcpy(dev.ifname, "dha0");
	dev.has_local = true;
	inet_pton(AF_INET6, "2001:db8::1", &dev.local);
	dev.bindings = 3;
	dev.globals = 1;
	dev.peers = 2;
	dev.has_stats = true;
	dev.stats = (struct dev_stats){
		.tx_packets = 100, .tx_bytes = 12345, .rx_packets = 90,
		.rx_bytes = 10000, .tx_drop_no_binding = 1, .tx_drop_too_big = 2,
		.tx_drop_no_route = 3, .tx_drop_malformed = 4,
		.rx_drop_spoofed = 5, .rx_drop_no_binding = 6,
		.rx_drop_malformed = 7, .tx_rate_pps = 10, .tx_rate_bps = 8000,
		.rx_rate_pps = 5, .rx_rate_bps = 4000, .queue_len = 11,
		.icmp_relayed = 12,
	};
	return dev;
}

static void test_dev_output(void)
{
	struct dev_info dev = sample_dev();
	struct capture capture;

	dev_print(capture_start(&capture), &dev);
	CHECK_STR(capture_end(&capture),
		  "dha0 local 2001:db8::1 bindings 3 globals 1 peers 2\n");
	free(capture.text);
	CHECK_STR(json_text(dev_json(&dev)),
		  "{\"dev\":\"dha0\",\"ifindex\":5,\"local\":\"2001:db8::1\","
		  "\"bindings\":3,\"globals\":1,\"peers\":2,"
		  "\"home_link\":null,\"home_prefixes\":[]}");

	dev.has_local = false;
	dev_print(capture_start(&capture), &dev);
	CHECK_STR(capture_end(&capture),
		  "dha0 local none bindings 3 globals 1 peers 2\n");
	free(capture.text);
	CHECK_STR(json_text(dev_json(&dev)),
		  "{\"dev\":\"dha0\",\"ifindex\":5,\"local\":null,"
		  "\"bindings\":3,\"globals\":1,\"peers\":2,"
		  "\"home_link\":null,\"home_prefixes\":[]}");

	/* Loopback is index 1 wherever the test runs. */
	dev.home_link = 1;
	dev.home_prefix_count = 2;
	inet_pton(AF_INET6, "2001:db8:1::", &dev.home_prefixes[0].address);
	dev.home_prefixes[0].length = 64;
	inet_pton(AF_INET6, "2001:db8:ff::", &dev.home_prefixes[1].address);
	dev.home_prefixes[1].length = 48;
	dev_print(capture_start(&capture), &dev);
	CHECK_STR(capture_end(&capture),
		  "dha0 local none bindings 3 globals 1 peers 2 home-link lo"
		  " home-prefix 2001:db8:1::/64 home-prefix 2001:db8:ff::/48\n");
	free(capture.text);
	CHECK_STR(json_text(dev_json(&dev)),
		  "{\"dev\":\"dha0\",\"ifindex\":5,\"local\":null,"
		  "\"bindings\":3,\"globals\":1,\"peers\":2,"
		  "\"home_link\":\"lo\",\"home_prefixes\":"
		  "[\"2001:db8:1::/64\",\"2001:db8:ff::/48\"]}");
}

static void test_dev_stats_output(void)
{
	struct dev_info dev = sample_dev();
	struct capture capture;

	dev_stats_print(capture_start(&capture), &dev);
	CHECK_STR(capture_end(&capture),
		  "dha0\n"
		  "    tx 100 pkts 12345 bytes rx 90 pkts 10000 bytes\n"
		  "    tx drop no-binding 1 too-big 2 no-route 3 malformed 4\n"
		  "    rx drop spoofed 5 no-binding 6 malformed 7\n"
		  "    rate tx 10 pps 8000 bps rx 5 pps 4000 bps\n"
		  "    queue 11\n"
		  "    icmp relayed 12\n");
	free(capture.text);
	CHECK_STR(json_text(dev_stats_json(&dev)),
		  "{\"dev\":\"dha0\",\"ifindex\":5,\"stats\":{"
		  "\"tx_packets\":100,\"tx_bytes\":12345,\"rx_packets\":90,"
		  "\"rx_bytes\":10000,\"tx_drop_no_binding\":1,"
		  "\"tx_drop_too_big\":2,\"tx_drop_no_route\":3,"
		  "\"tx_drop_malformed\":4,\"rx_drop_spoofed\":5,"
		  "\"rx_drop_no_binding\":6,\"rx_drop_malformed\":7,"
		  "\"tx_rate_pps\":10,\"tx_rate_bps\":8000,\"rx_rate_pps\":5,"
		  "\"rx_rate_bps\":4000,\"queue_len\":11,"
		  "\"icmp_relayed\":12}}");
}

static void test_peer_output(void)
{
	struct peer_info peer = { .ifindex = 5, .has_stats = true,
				  .rx_packets = 7, .rx_bytes = 700 };
	struct capture capture;

	strcpy(peer.ifname, "dha0");
	inet_pton(AF_INET6, "2001:db8:ff::2", &peer.address);
	peer_print(capture_start(&capture), &peer, true);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:ff::2 dev dha0\n    rx 7 pkts 700 bytes\n");
	free(capture.text);
	CHECK_STR(json_text(peer_json(&peer, false)),
		  "{\"address\":\"2001:db8:ff::2\",\"dev\":\"dha0\"}");
	CHECK_STR(json_text(peer_json(&peer, true)),
		  "{\"address\":\"2001:db8:ff::2\",\"dev\":\"dha0\","
		  "\"stats\":{\"rx_packets\":7,\"rx_bytes\":700}}");
}

static void test_proxy_output(void)
{
	struct binding_info binding = { .ifindex = 5,
		.kind = DHA_BINDING_KIND_PROXY_LMA, .has_local = true,
		.prefix_count = 1, .prefixes = { { .length = 64 } },
		.has_stats = true, .stats = { .tx_packets = 3, .rx_dropped = 1 } };
	struct proxy_peer_info peer = { .ifindex = 5, .bindings = 2,
		.has_stats = true, .tx_packets = 9, .tx_bytes = 900,
		.rx_packets = 8, .rx_bytes = 800, .rx_dropped = 4 };
	struct capture capture;

	strcpy(binding.ifname, "dha0");
	inet_pton(AF_INET6, "2001:db8:100::", &binding.prefixes[0].address);
	inet_pton(AF_INET6, "2001:db8:a1::2", &binding.target);
	inet_pton(AF_INET6, "2001:db8:ff::1", &binding.local);
	binding_print(capture_start(&capture), &binding, false);
	CHECK_STR(capture_end(&capture),
		  "hnp 2001:db8:100::/64 mag 2001:db8:a1::2 local 2001:db8:ff::1 dev dha0 lifetime forever\n");
	free(capture.text);
	CHECK_STR(json_text(binding_json(&binding, false)),
		  "{\"hnp\":\"2001:db8:100::/64\",\"kind\":\"proxy-lma\","
		  "\"mag\":\"2001:db8:a1::2\",\"local\":\"2001:db8:ff::1\","
		  "\"dev\":\"dha0\",\"lifetime\":null}");

	binding.kind = DHA_BINDING_KIND_PROXY_MAG;
	binding.has_local = false;
	binding.has_lifetime = true;
	binding.lifetime = 30;
	binding_print(capture_start(&capture), &binding, true);
	CHECK_STR(capture_end(&capture),
		  "hnp 2001:db8:100::/64 lma 2001:db8:a1::2 dev dha0 lifetime 30s\n"
		  "    tx 3 pkts 0 bytes rx 0 pkts 0 bytes drop tx 0 rx 1\n");
	free(capture.text);

	strcpy(peer.ifname, "dha0");
	inet_pton(AF_INET6, "2001:db8:a1::2", &peer.address);
	proxy_peer_print(capture_start(&capture), &peer, true);
	CHECK_STR(capture_end(&capture),
		  "2001:db8:a1::2 dev dha0 bindings 2\n"
		  "    tx 9 pkts 900 bytes rx 8 pkts 800 bytes drop rx 4\n");
	free(capture.text);
	CHECK_STR(json_text(proxy_peer_json(&peer, true)),
		  "{\"address\":\"2001:db8:a1::2\",\"dev\":\"dha0\",\"bindings\":2,"
		  "\"stats\":{\"tx_packets\":9,\"tx_bytes\":900,\"rx_packets\":8,"
		  "\"rx_bytes\":800,\"rx_dropped\":4}}");
}

static void test_printer(void)
{
	struct options opts = { .json = true };
	struct binding_info binding = global_binding();
	struct capture capture;
	struct printer printer;

	CHECK_INT(printer_init(&printer, capture_start(&capture), &opts), 0);
	CHECK_INT(printer_finish(&printer), 0);
	CHECK_STR(capture_end(&capture), "[]\n");
	free(capture.text);

	CHECK_INT(printer_init(&printer, capture_start(&capture), &opts), 0);
	CHECK_INT(printer_add_json(&printer, binding_json(&binding, false)), 0);
	CHECK_INT(printer_add_json(&printer, binding_json(&binding, false)), 0);
	CHECK_INT(printer_finish(&printer), 0);
	capture_end(&capture);
	CHECK(strncmp(capture.text, "[{\"home_address\"", 16) == 0);
	CHECK(strstr(capture.text, "},{") != NULL);
	free(capture.text);

	/* pretty output spans lines but stays one document */
	opts.pretty = true;
	CHECK_INT(printer_init(&printer, capture_start(&capture), &opts), 0);
	CHECK_INT(printer_add_json(&printer, binding_json(&binding, false)), 0);
	CHECK_INT(printer_finish(&printer), 0);
	capture_end(&capture);
	CHECK(strchr(capture.text, '\n') < capture.text + strlen(capture.text) - 1);
	CHECK(strstr(capture.text, "\"mnp\": [") != NULL);
	free(capture.text);
}

/* dhad's ha-show result, as "dha ha show" prints it. */
static void test_ha_output(void)
{
	json_object *result = json_tokener_parse(
		"{\"role\":\"home-agent\",\"home-link\":\"home0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:4::1\",\"prefixes\":[\"2001:db8:1::/64\"],"
		"\"max-lifetime\":600,\"require-ipsec\":false,\"bindings\":2,"
		"\"warnings\":[\"require-ipsec is off\"],"
		"\"restored\":0,\"uptime\":7,\"home-agents\":[{\"address\":"
		"\"2001:db8:4::1\",\"preference\":0,\"lifetime\":1800,\"self\":true},"
		"{\"address\":\"2001:db8:4::2\",\"peer\":\"2001:db8:ff::2\","
		"\"preference\":30,\"lifetime\":60,\"mobile-routers\":false,"
		"\"self\":false}],"
		"\"home-agent-switch\":{\"pending\":1,\"queued\":0,\"sent\":2,"
		"\"retransmitted\":3,\"answered\":1,\"gave-up\":0,"
		"\"binding-gone\":0,\"renewals-refused\":4}}");
	struct capture capture;

	ha_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture),
		  "home-agent 2001:db8:4::1 home-link home0 dev dha0\n"
		  "    prefix 2001:db8:1::/64\n"
		  "    bindings 2 restored 0 max-lifetime 600s require-ipsec no uptime 7s\n"
		  "    warning: require-ipsec is off\n"
		  "    switch pending 1 queued 0 sent 2 retransmitted 3 answered 1 gave-up 0 binding-gone 0 renewals-refused 4\n"
		  "    home agents:\n"
		  "        2001:db8:4::1 preference 0 lifetime 1800s self\n"
		  "        2001:db8:4::2 peer 2001:db8:ff::2 preference 30 lifetime 60s\n");
	free(capture.text);
	json_object_put(result);
}

/* Several home links: the first as always, each named one after it. */
static void test_ha_home_links_output(void)
{
	json_object *result = json_tokener_parse(
		"{\"role\":\"home-agent\",\"home-link\":\"home0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:4::1\",\"max-lifetime\":600,"
		"\"require-ipsec\":true,\"warnings\":[],\"bindings\":3,"
		"\"restored\":0,\"uptime\":1,\"home-links\":["
		"{\"name\":\"\",\"home-link\":\"home0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:4::1\",\"bindings\":1},"
		"{\"name\":\"two\",\"home-link\":\"home1\",\"device\":\"dha1\","
		"\"address\":\"2001:db8:4::5\",\"prefixes\":[\"2001:db8:5::/64\"],"
		"\"anycast\":[\"2001:db8:5:0:fdff:ffff:ffff:fffe\"],"
		"\"router-advertisements\":true,\"max-lifetime\":200,"
		"\"require-ipsec\":false,\"warnings\":[\"require-ipsec is off\"],"
		"\"bindings\":2,\"counters\":{\"binding-acks\":4,"
		"\"binding-errors\":1,\"policy-denied\":0},"
		"\"home-agents\":[{\"address\":\"2001:db8:4::5\","
		"\"preference\":0,\"lifetime\":1800,\"self\":true}]}]}");
	struct capture capture;

	ha_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture),
		  "home-agent 2001:db8:4::1 home-link home0 dev dha0\n"
		  "    bindings 3 restored 0 max-lifetime 600s require-ipsec yes uptime 1s\n"
		  "home-link two 2001:db8:4::5 home-link home1 dev dha1\n"
		  "    prefix 2001:db8:5::/64\n"
		  "    anycast 2001:db8:5:0:fdff:ffff:ffff:fffe\n"
		  "    bindings 2 max-lifetime 200s require-ipsec no\n"
		  "    warning: require-ipsec is off\n"
		  "    router-advertisements sent\n"
		  "    binding-acks 4 binding-errors 1 policy-denied 0\n"
		  "    home agents:\n"
		  "        2001:db8:4::5 preference 0 lifetime 1800s self\n");
	free(capture.text);
	json_object_put(result);
}

/* With -s, dhad's per-message-type counters; without, none of them. */
static void test_ha_messages_output(void)
{
	json_object *result = json_tokener_parse(
		"{\"role\":\"home-agent\",\"home-link\":\"home0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:4::1\",\"max-lifetime\":600,"
		"\"require-ipsec\":true,\"warnings\":[],\"bindings\":0,"
		"\"restored\":0,\"uptime\":1,\"messages\":["
		"{\"protocol\":\"mh\",\"type\":5,\"name\":\"binding-update\","
		"\"received\":7,\"sent\":0,\"dropped\":2},"
		"{\"protocol\":\"mh\",\"type\":100,\"received\":3,\"sent\":0,"
		"\"dropped\":0},"
		"{\"protocol\":\"icmpv6\",\"type\":146,"
		"\"name\":\"mobile-prefix-solicitation\",\"received\":40,"
		"\"sent\":0,\"dropped\":1}]}");
	static const char head[] =
		"home-agent 2001:db8:4::1 home-link home0 dev dha0\n"
		"    bindings 0 restored 0 max-lifetime 600s require-ipsec yes uptime 1s\n";
	struct capture capture;

	ha_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture), head);
	free(capture.text);
	ha_print_stats(capture_start(&capture), result);
	capture_end(&capture);
	CHECK(strncmp(capture.text, head, sizeof(head) - 1) == 0);
	CHECK_STR(capture.text + sizeof(head) - 1,
		  "    messages:\n"
		  "        mh binding-update received 7 sent 0 dropped 2\n"
		  "        mh type-100 received 3 sent 0 dropped 0\n"
		  "        icmpv6 mobile-prefix-solicitation received 40 sent 0 dropped 1\n");
	free(capture.text);
	json_object_put(result);
}

/* A member of a redundant set: role, what it announces, its peers. */
static void test_ha_takeover_output(void)
{
	json_object *result = json_tokener_parse(
		"{\"role\":\"active\",\"home-link\":\"r0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:1::1\",\"prefixes\":[],"
		"\"max-lifetime\":600,\"require-ipsec\":false,\"bindings\":0,"
		"\"restored\":0,\"uptime\":3,\"redundancy\":{\"group\":1,"
		"\"mode\":\"virtual\",\"role\":\"active\",\"preference\":30,"
		"\"eligible\":true,\"auth\":\"hmac-sha256\",\"takeover\":{"
		"\"announced\":true,\"address-up\":true,\"route-table\":254,"
		"\"route-protocol\":135,\"routes\":[\"2001:db8:1::/64\"],"
		"\"switches-queued\":0,\"errors\":0},\"peers\":[{\"address\":"
		"\"2001:db8:1::12\",\"state\":\"failed\",\"role\":\"none\","
		"\"preference\":20}]}}");
	struct capture capture;

	ha_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture),
		  "active 2001:db8:1::1 home-link r0 dev dha0\n"
		  "    bindings 0 restored 0 max-lifetime 600s require-ipsec no uptime 3s\n"
		  "    redundancy group 1 virtual role active preference 30 auth hmac-sha256\n"
		  "        takeover announced address up routes 2001:db8:1::/64 table 254 proto 135 switches-queued 0 errors 0\n"
		  "        peer 2001:db8:1::12 failed none preference 20\n");
	free(capture.text);
	json_object_put(result);
}

/* A member of a global set: its phase, route, the members it heard. */
static void test_ha_global_output(void)
{
	json_object *result = json_tokener_parse(
		"{\"role\":null,\"home-link\":\"h0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:1::a\",\"prefixes\":[],"
		"\"max-lifetime\":600,\"require-ipsec\":false,\"bindings\":0,"
		"\"restored\":0,\"uptime\":9,\"global\":{\"group\":42,"
		"\"locator\":\"2001:db8:a::1\",\"phase\":\"ready\","
		"\"phase-reason\":\"every member heard\",\"in-phase-ms\":1500,"
		"\"auth\":\"none\",\"route-table\":100,\"announced\":true,"
		"\"members\":[{\"locator\":\"2001:db8:b::1\",\"state\":\"alive\","
		"\"link\":true,\"home-agent-addresses\":[\"2001:db8:1::b\"],"
		"\"group\":42,\"lifetime-left\":1799,\"last-hello-ms\":300},"
		"{\"locator\":\"2001:db8:c::1\",\"state\":\"unknown\","
		"\"link\":false,\"home-agent-addresses\":[]}],"
		"\"counters\":{\"hello-rx\":3,\"drop-group\":1}}}");
	struct capture capture;

	ha_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture),
		  "- 2001:db8:1::a home-link h0 dev dha0\n"
		  "    bindings 0 restored 0 max-lifetime 600s require-ipsec no uptime 9s\n"
		  "    global group 42 locator 2001:db8:a::1 ready auth none route-table 100 announced\n"
		  "        ready for 1.5s: every member heard\n"
		  "        member 2001:db8:b::1 alive home-agent 2001:db8:1::b group 42 lifetime 1799s last-hello 300ms ago\n"
		  "        member 2001:db8:c::1 unknown no-link\n");
	free(capture.text);
	capture.text = NULL;
	ha_print_stats(capture_start(&capture), result);
	capture_end(&capture);
	CHECK(strstr(capture.text,
		     "        counters hello-rx 3 drop-group 1\n") != NULL);
	free(capture.text);
	json_object_put(result);
}

/* A member of a redundant set: role, peers, sync, and with -s counters. */
static void test_ha_redundancy_output(void)
{
	json_object *result = json_tokener_parse(
		"{\"role\":\"standby\",\"home-link\":\"r0\",\"device\":\"dha0\","
		"\"address\":\"2001:db8:5::1\",\"prefixes\":[],"
		"\"max-lifetime\":600,\"require-ipsec\":false,\"bindings\":1,"
		"\"restored\":0,\"uptime\":30,\"redundancy\":{\"group\":7,"
		"\"mode\":\"hard\",\"role\":\"standby\",\"preference\":10,"
		"\"in-role-ms\":2345,\"role-reason\":\"SwitchBack accepted by "
		"2001:db8:5::3\",\"eligible\":false,\"tracked-failure\":"
		"\"interface t0 down\",\"held\":true,\"hold-down\":30,"
		"\"hold-down-left-ms\":12500,\"request\":{\"type\":\"switchover\","
		"\"peer\":\"2001:db8:5::3\",\"tries\":2,\"by\":\"operator\"},"
		"\"local\":\"2001:db8:5::1\",\"auth\":\"hmac-sha256\","
		"\"peers\":[{\"address\":\"2001:db8:5::3\",\"state\":\"alive\","
		"\"role\":\"active\",\"preference\":30,\"eligible\":true,"
		"\"last-hello-ms\":120},{\"address\":\"2001:db8:5::2\","
		"\"state\":\"alive\",\"role\":\"standby\",\"preference\":20,"
		"\"eligible\":false,\"last-hello-ms\":80},{\"address\":"
		"\"2001:db8:5::4\",\"state\":\"unknown\",\"role\":\"none\","
		"\"preference\":0,\"eligible\":true}],"
		"\"counters\":{\"hello-tx\":100,\"hello-rx\":200,"
		"\"hello-request-tx\":2,\"hello-request-rx\":3,"
		"\"drop-malformed\":0,\"drop-unknown-sender\":0,"
		"\"takeovers\":1,\"stepdowns\":1},"
		"\"sync\":{\"full-copy\":true,\"pending-changes\":0,"
		"\"merged\":0,\"swept\":1,\"peers\":[{\"address\":"
		"\"2001:db8:5::3\",\"in-flight\":0,\"ss-tx\":4,\"ss-rx\":9}]}},"
		"\"home-agents\":[]}");
	static const char plain[] =
		"standby 2001:db8:5::1 home-link r0 dev dha0\n"
		"    bindings 1 restored 0 max-lifetime 600s require-ipsec no uptime 30s\n"
		"    redundancy group 7 hard role standby preference 10 auth hmac-sha256 tracked-condition-failed (interface t0 down) held hold-down 12s\n"
		"        standby for 2.3s: SwitchBack accepted by 2001:db8:5::3\n"
		"        asking 2001:db8:5::3: switchover, try 2, by operator\n"
		"        peer 2001:db8:5::3 alive active preference 30 last-hello 120ms ago\n"
		"        peer 2001:db8:5::2 alive standby preference 20 last-hello 80ms ago tracked-condition-failed\n"
		"        peer 2001:db8:5::4 unknown none preference 0\n"
		"        sync full-copy yes pending-changes 0 merged 0 swept 1\n";
	struct capture capture;

	ha_print(capture_start(&capture), result);
	capture_end(&capture);
	CHECK(strncmp(capture.text, plain, sizeof(plain) - 1) == 0);
	CHECK_STR(capture.text + sizeof(plain) - 1, "    home agents:\n");
	free(capture.text);

	ha_print_stats(capture_start(&capture), result);
	capture_end(&capture);
	CHECK(strncmp(capture.text, plain, sizeof(plain) - 1) == 0);
	CHECK_STR(capture.text + sizeof(plain) - 1,
		  "            peer 2001:db8:5::3 in-flight 0 ss-tx 4 ss-rx 9\n"
		  "        counters hello-tx 100 hello-rx 200 hello-request-tx 2 hello-request-rx 3\n"
		  "            drop-malformed 0 drop-unknown-sender 0 takeovers 1 stepdowns 1\n"
		  "    home agents:\n");
	free(capture.text);

	/* Long in the role: whole seconds. */
	json_object_object_add(json_object_object_get(result, "redundancy"),
			       "in-role-ms", json_object_new_int64(754321));
	ha_print(capture_start(&capture), result);
	capture_end(&capture);
	CHECK(strstr(capture.text, "\n        standby for 754s: ") != NULL);
	free(capture.text);

	/* An active has no full copy to speak of. */
	json_object_object_add(json_object_object_get(result, "redundancy"),
			       "role", json_object_new_string("active"));
	ha_print(capture_start(&capture), result);
	capture_end(&capture);
	CHECK(strstr(capture.text, "\n        sync pending-changes 0 merged 0 swept 1\n") != NULL);
	free(capture.text);
	json_object_put(result);
}

/* The line "dha ha switchover" and "dha ha switchback" print. */
static void test_ha_handover_output(void)
{
	json_object *result;
	struct capture capture;

	result = json_tokener_parse("{\"role\":\"active\",\"peer\":\"2001:db8:5::3\"}");
	ha_handover_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture), "active, 2001:db8:5::3 is standby\n");
	free(capture.text);
	json_object_put(result);
	result = json_tokener_parse("{\"role\":\"standby\",\"peer\":\"2001:db8:5::3\"}");
	ha_handover_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture), "standby, 2001:db8:5::3 is active\n");
	free(capture.text);
	json_object_put(result);
}

/* The line "dha ha hold" and "dha ha release" print. */
static void test_ha_hold_output(void)
{
	static const struct {
		const char *result;
		const char *line;
	} cases[] = {
		{ "{\"role\":\"standby\",\"held\":true}", "held, standby\n" },
		{ "{\"role\":\"standby\",\"peer\":\"2001:db8:5::3\",\"held\":true}",
		  "held, standby, 2001:db8:5::3 is active\n" },
		{ "{\"role\":\"active\",\"held\":false}", "released, active\n" },
	};
	struct capture capture;
	json_object *result;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		result = json_tokener_parse(cases[i].result);
		ha_hold_print(capture_start(&capture), result);
		CHECK_STR(capture_end(&capture), cases[i].line);
		free(capture.text);
		json_object_put(result);
	}
}

/* dha monitor's lines for dhad's events; unknown ones print nothing. */
static void test_monitor_dhad_events(void)
{
	static const struct {
		const char *event;
		const char *line;
	} cases[] = {
		{ "{\"event\":\"ha-role\",\"role\":\"active\",\"was\":\"standby\",\"reason\":\"peer 2001:db8:5::2 failed\"}",
		  "ha role active (was standby, reason: peer 2001:db8:5::2 failed)\n" },
		{ "{\"event\":\"ha-peer\",\"peer\":\"2001:db8:5::2\",\"state\":\"down\",\"reason\":\"failed\"}",
		  "ha peer 2001:db8:5::2 down (failed)\n" },
		{ "{\"event\":\"ha-peer\",\"peer\":\"2001:db8:5::2\",\"state\":\"up\",\"reason\":\"standby\"}",
		  "ha peer 2001:db8:5::2 up (standby)\n" },
		{ "{\"event\":\"later\"}", "" },
	};
	struct capture capture;
	json_object *event;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		event = json_tokener_parse(cases[i].event);
		monitor_dhad_event_print(capture_start(&capture), event);
		CHECK_STR(capture_end(&capture), cases[i].line);
		free(capture.text);
		json_object_put(event);
	}
}

/* dha lb show: this home agent, the settings, the others' load. */
static void test_lb_output(void)
{
	static const char result_text[] =
		"{\"settings\":{\"light\":50,\"min-ra-interval\":1000,"
		"\"top-percent\":10,\"handoff-hold\":30000,"
		"\"reassign\":\"dhaad\",\"capacity\":100000},"
		"\"self\":{\"address\":\"2001:db8:1::1\",\"queue-size\":57,"
		"\"registered-mns\":3,\"light\":false,\"queue-length\":7,"
		"\"tx-bps\":40000000,\"rx-bps\":10000000,"
		"\"figures-stale\":false},"
		"\"home-agents\":[{\"address\":\"2001:db8:1::2\","
		"\"link-local\":\"fe80::2\",\"preference\":0,\"lifetime\":1795,"
		"\"queue-size\":4,\"registered-mns\":0,\"light\":true,"
		"\"load-age\":800},"
		"{\"address\":\"2001:db8:1::3\",\"link-local\":\"fe80::3\","
		"\"preference\":-1,\"lifetime\":20,\"queue-size\":null,"
		"\"registered-mns\":null,\"light\":false,\"load-age\":null}],"
		"\"handoffs\":[{\"home-address\":\"2001:db8:1::100\","
		"\"new-home-agent\":\"2001:db8:1::2\",\"expires\":29000}],"
		"\"reassigned\":1,\"notices\":2}";
	struct capture capture;
	json_object *result = json_tokener_parse(result_text);

	lb_print(capture_start(&capture), result);
	CHECK_STR(capture_end(&capture),
		  "self 2001:db8:1::1 queue-size 57 registered-mns 3 busy\n"
		  "    queue 7 tx 40000000bit/s rx 10000000bit/s\n"
		  "    light 50 min-ra-interval 1000ms top-percent 10 handoff-hold 30000ms reassign dhaad capacity 100000kbit/s\n"
		  "    reassigned 1 notices 2\n"
		  "handoff 2001:db8:1::100 to 2001:db8:1::2 expires 29000ms\n"
		  "ha 2001:db8:1::2 via fe80::2 preference 0 lifetime 1795s queue-size 4 registered-mns 0 light age 800ms\n"
		  "ha 2001:db8:1::3 via fe80::3 preference -1 lifetime 20s load unknown\n");
	free(capture.text);
	json_object_put(result);
}

SUITE(output,
      TEST_CASE(test_binding_plain),
      TEST_CASE(test_global_plain),
      TEST_CASE(test_binding_json),
      TEST_CASE(test_binding_groups),
      TEST_CASE(test_events),
      TEST_CASE(test_dev_output),
      TEST_CASE(test_dev_stats_output),
      TEST_CASE(test_peer_output),
      TEST_CASE(test_proxy_output),
      TEST_CASE(test_printer),
      TEST_CASE(test_ha_output),
      TEST_CASE(test_ha_home_links_output),
      TEST_CASE(test_ha_messages_output),
      TEST_CASE(test_ha_takeover_output),
      TEST_CASE(test_ha_global_output),
      TEST_CASE(test_ha_redundancy_output),
      TEST_CASE(test_ha_handover_output),
      TEST_CASE(test_ha_hold_output),
      TEST_CASE(test_lb_output),
      TEST_CASE(test_monitor_dhad_events));
