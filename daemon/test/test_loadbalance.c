// SPDX-License-Identifier: GPL-2.0-only
/* Load balancing: [load-balance] and the advertised figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "loadbalance/config.h"
#include "loadbalance/figures.h"
#include "loadbalance/loadbalance.h"
#include "protocols.h"
#include "check.h"

#define BASE "[home-agent]\n" \
	     "home-link = home0\n" \
	     "prefix = 2001:db8:1::/64\n" \
	     "address = 2001:db8:1::1\n" \
	     "[router-advertisement]\n" \
	     "send = yes\n"

/* Parses text; the mistakes' count, messages in *errors, [load-balance]. */
static int parse(const char *text, struct lb_config *out, char **errors)
{
	size_t len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *err = open_memstream(errors, &len);
	struct dhad_config config;
	int ret;

	ret = config_parse_file(dhad_protocols, dhad_protocol_count, in,
				"t.conf", &config, err);
	fclose(in);
	fclose(err);
	memcpy(out, config_settings(&config, &loadbalance_protocol),
	       sizeof(*out));
	config_free(&config);
	return ret;
}

static void refused(const char *file, int line, const char *text,
		    const char *expected)
{
	struct lb_config config;
	char *errors;

	if (parse(text, &config, &errors) <= 0)
		check_fail(file, line, "accepted:\n%s", text);
	check_str(file, line, "errors", errors, expected);
	free(errors);
}

#define REFUSED(text, expected) refused(__FILE__, __LINE__, text, expected)

static void test_lb_config(void)
{
	struct lb_config config;
	char *errors;

	/* Without the section: not enabled, the defaults. */
	CHECK_INT(parse(BASE, &config, &errors), 0);
	free(errors);
	CHECK(!config.enabled);
	CHECK_INT(config.light, LB_DEFAULT_LIGHT);

	CHECK_INT(parse(BASE "[load-balance]\n", &config, &errors), 0);
	free(errors);
	CHECK(config.enabled);
	CHECK_INT(config.light, 50);
	CHECK_INT(config.min_ra_interval_ms, 1000);
	CHECK_INT(config.top_percent, 10);
	CHECK_INT(config.handoff_hold_ms, 30000);
	CHECK_INT(config.reassign, LB_REASSIGN_DHAAD);
	CHECK_INT(config.capacity_kbps, 100000);

	CHECK_INT(parse(BASE "[load-balance]\nlight = 200\n"
			     "min-ra-interval = 30\ntop-percent = 50\n"
			     "handoff-hold = 2.5\nreassign = both\n"
			     "capacity = 1000\n", &config, &errors), 0);
	free(errors);
	CHECK_INT(config.light, 200);
	CHECK_INT(config.min_ra_interval_ms, 30);
	CHECK_INT(config.top_percent, 50);
	CHECK_INT(config.handoff_hold_ms, 2500);
	CHECK_INT(config.reassign, LB_REASSIGN_BOTH);
	CHECK_INT(config.capacity_kbps, 1000);
	CHECK_INT(parse(BASE "[load-balance]\nreassign = switch\n", &config,
			&errors), 0);
	free(errors);
	CHECK_INT(config.reassign, LB_REASSIGN_SWITCH);
}

static void test_lb_config_errors(void)
{
	REFUSED(BASE "[load-balance]\nlight = 0\n",
		"t.conf:8: bad light \"0\": a Queue Size, 1..65535\n");
	REFUSED(BASE "[load-balance]\nlight = 65536\n",
		"t.conf:8: bad light \"65536\": a Queue Size, 1..65535\n");
	REFUSED(BASE "[load-balance]\nmin-ra-interval = 29\n",
		"t.conf:8: bad min-ra-interval \"29\": milliseconds, 30..600000\n");
	REFUSED(BASE "[load-balance]\nmin-ra-interval = 600001\n",
		"t.conf:8: bad min-ra-interval \"600001\": milliseconds, 30..600000\n");
	REFUSED(BASE "[load-balance]\ntop-percent = 51\n",
		"t.conf:8: bad top-percent \"51\": a percentage, 1..50\n");
	REFUSED(BASE "[load-balance]\ntop-percent = 0\n",
		"t.conf:8: bad top-percent \"0\": a percentage, 1..50\n");
	REFUSED(BASE "[load-balance]\nhandoff-hold = 0.5\n",
		"t.conf:8: bad handoff-hold \"0.5\": seconds, 1..3600\n");
	REFUSED(BASE "[load-balance]\nhandoff-hold = soon\n",
		"t.conf:8: bad handoff-hold \"soon\": seconds, 1..3600\n");
	REFUSED(BASE "[load-balance]\nreassign = bounce\n",
		"t.conf:8: bad reassign \"bounce\": dhaad, switch or both\n");
	REFUSED(BASE "[load-balance]\ncapacity = -1\n",
		"t.conf:8: bad capacity \"-1\": kbit/s, 1..1000000000\n");
	REFUSED(BASE "[load-balance]\nweight = 3\n",
		"t.conf:8: unknown key \"weight\" in [load-balance]\n");
	/* The figures need this home agent's own advertisements. */
	REFUSED("[home-agent]\nhome-link = home0\nprefix = 2001:db8:1::/64\n"
		"address = 2001:db8:1::1\n[load-balance]\nlight = 5\n",
		"t.conf:5: [load-balance] needs [router-advertisement] send = yes: the load figures travel in this home agent's Router Advertisements\n");
}

static void test_lb_config_fixed(void)
{
	struct lb_config a, b;

	lb_config_init(&a, NULL);
	lb_config_init(&b, NULL);
	b.light = 7;
	b.reassign = LB_REASSIGN_SWITCH;
	CHECK(lb_config_fixed(&a, &b) == NULL);
	b.enabled = true;
	CHECK_STR(lb_config_fixed(&a, &b), "[load-balance]");
}

static void test_lb_queue_size(void)
{
	struct kernel_load load = { 0 };

	CHECK_INT(lb_queue_size(&load, 100000), 0);
	/* 50 Mbit/s of 100 Mbit/s: 50. */
	load.tx_bps = 40000000;
	load.rx_bps = 10000000;
	CHECK_INT(lb_queue_size(&load, 100000), 50);
	/* Each waiting packet counts one. */
	load.queue_len = 7;
	CHECK_INT(lb_queue_size(&load, 100000), 57);
	/* Past the capacity: past 100. */
	CHECK_INT(lb_queue_size(&load, 10000), 507);
	/* Saturates. */
	load.queue_len = 70000;
	CHECK_INT(lb_queue_size(&load, 100000), 65535);
	load.queue_len = 0;
	load.tx_bps = UINT64_MAX;
	load.rx_bps = 2;
	CHECK_INT(lb_queue_size(&load, 100000), 65535);
	load.rx_bps = 0;
	CHECK_INT(lb_queue_size(&load, 1), 65535);
}

static void test_lb_registered_mns(void)
{
	struct loop *loop = loop_new();
	struct cache cache;
	struct cache_entry *entry;
	struct in6_addr hoa = { .s6_addr = { 0x20, 0x01, 0x0d, 0xb8 } };
	unsigned int i;

	CHECK_INT(cache_init(&cache, loop, NULL, NULL), 0);
	CHECK_INT(lb_registered_mns(&cache), 0);
	for (i = 1; i <= 5; i++) {
		hoa.s6_addr[15] = (uint8_t)i;
		CHECK_INT(cache_insert(&cache, &hoa, &entry), 0);
		/* A standby's copies are not served here. */
		entry->synced = i > 3;
	}
	CHECK_INT(lb_registered_mns(&cache), 3);
	cache_destroy(&cache);
	loop_free(loop);
}

SUITE(loadbalance, TEST_CASE(test_lb_config), TEST_CASE(test_lb_config_errors),
      TEST_CASE(test_lb_config_fixed), TEST_CASE(test_lb_queue_size),
      TEST_CASE(test_lb_registered_mns));
