// SPDX-License-Identifier: GPL-2.0-only
/* Load balancing: [load-balance] and the advertised figures. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "loadbalance/config.h"
#include "loadbalance/decide.h"
#include "loadbalance/figures.h"
#include "loadbalance/handoff.h"
#include "loadbalance/loadbalance.h"
#include "loadbalance/reassign.h"
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

/* A table: self (address ::1) and others ::2, ::3 ... */
static void table_init(struct lb_table *t, uint16_t queue, uint16_t mns)
{
	memset(t, 0, sizeof(*t));
	t->light = 50;
	t->top_percent = 10;
	t->self.address.s6_addr[15] = 1;
	t->self.load.queue_size = queue;
	t->self.load.registered_mns = mns;
}

static void table_add(struct lb_table *t, uint16_t queue, uint16_t mns)
{
	struct lb_agent *a = &t->others[t->count++];

	a->address.s6_addr[15] = (uint8_t)(t->count + 1);
	a->load.queue_size = queue;
	a->load.registered_mns = mns;
}

/* The draft's first rule: busy, another LIGHT: a LIGHT one at random. */
static void test_lb_decide_to_light(void)
{
	unsigned int seen[3] = { 0 }, i;
	enum lb_reason reason;
	struct lb_table t;
	int chosen;

	table_init(&t, 80, 5);
	table_add(&t, 60, 0);		/* busy */
	table_add(&t, 10, 9);		/* LIGHT */
	table_add(&t, 49, 20);		/* LIGHT, just */
	for (i = 0; i < 200; i++) {
		chosen = lb_decide(&t, i * 2654435761u, &reason);
		CHECK(chosen == 1 || chosen == 2);
		CHECK_INT(reason, LB_TO_LIGHT);
		seen[chosen]++;
	}
	CHECK(seen[1] > 50 && seen[2] > 50);
	/* 50 is not LIGHT. */
	t.others[2].load.queue_size = 50;
	CHECK_INT(lb_decide(&t, 1, &reason), 1);
}

/* Second rule: none LIGHT, my queue in the top: one of the bottom. */
static void test_lb_decide_queue_top(void)
{
	enum lb_reason reason;
	struct lb_table t;
	unsigned int i;

	table_init(&t, 300, 0);
	for (i = 0; i < 9; i++)
		table_add(&t, (uint16_t)(100 + 10 * i), 0);
	/* 10 home agents, 10%: the top one and the bottom one. */
	CHECK_INT(lb_decide(&t, 7, &reason), 0);
	CHECK_INT(reason, LB_QUEUE_TOP);
	/* top-percent 20: the bottom two. */
	t.top_percent = 20;
	CHECK(lb_decide(&t, 0, &reason) == 0 || lb_decide(&t, 0, &reason) == 1);
	CHECK_INT(lb_decide(&t, 1, &reason), 1);
	/* Not the busiest: another one reassigns. */
	t.self.load.queue_size = 150;
	CHECK_INT(lb_decide(&t, 0, &reason), -1);
	CHECK_INT(reason, LB_KEEP);
	/* Damping: a bottom one too close (less than light / 2 below). */
	table_init(&t, 100, 0);
	table_add(&t, 80, 0);
	CHECK_INT(lb_decide(&t, 0, &reason), -1);
	t.others[0].load.queue_size = 75;
	CHECK_INT(lb_decide(&t, 0, &reason), 0);
}

/* Third rule: LIGHT, my MN count in the top: one of the bottom. */
static void test_lb_decide_mns_top(void)
{
	enum lb_reason reason;
	struct lb_table t;

	table_init(&t, 10, 40);
	table_add(&t, 20, 3);
	table_add(&t, 5, 30);
	CHECK_INT(lb_decide(&t, 5, &reason), 0);
	CHECK_INT(reason, LB_MNS_TOP);
	/* Equal counts, or one apart: no A-B-A. */
	table_init(&t, 10, 4);
	table_add(&t, 10, 4);
	CHECK_INT(lb_decide(&t, 0, &reason), -1);
	t.others[0].load.registered_mns = 3;
	CHECK_INT(lb_decide(&t, 0, &reason), -1);
	t.others[0].load.registered_mns = 2;
	CHECK_INT(lb_decide(&t, 0, &reason), 0);
	/* Alone: nobody to hand to. */
	table_init(&t, 500, 500);
	CHECK_INT(lb_decide(&t, 0, &reason), -1);
	CHECK(lb_busiest(&t));
}

/* Everyone ranks the same figures: exactly one is the busiest. */
static void test_lb_busiest_agree(void)
{
	static const uint16_t figures[][2] = {
		{ 80, 3 }, { 80, 3 }, { 40, 9 }, { 40, 9 }, { 10, 1 },
	};
	const size_t n = sizeof(figures) / sizeof(figures[0]);
	struct lb_table t;
	size_t me, j, busiest = 0;

	for (me = 0; me < n; me++) {
		memset(&t, 0, sizeof(t));
		t.light = 50;
		t.top_percent = 10;
		t.self.address.s6_addr[15] = (uint8_t)me;
		t.self.load.queue_size = figures[me][0];
		t.self.load.registered_mns = figures[me][1];
		for (j = 0; j < n; j++) {
			if (j == me)
				continue;
			t.others[t.count].address.s6_addr[15] = (uint8_t)j;
			t.others[t.count].load.queue_size = figures[j][0];
			t.others[t.count++].load.registered_mns = figures[j][1];
		}
		busiest += lb_busiest(&t);
		/* The lower address wins a tie. */
		CHECK(lb_busiest(&t) == (me == 0));
	}
	CHECK_INT(busiest, 1);
	/* Among LIGHT ones the MN count ranks first. */
	table_init(&t, 10, 9);
	table_add(&t, 40, 2);
	CHECK(lb_busiest(&t));
}

static void test_lb_handoff_table(void)
{
	struct in6_addr hoa = { .s6_addr = { 0x20, 1, [15] = 0x10 } };
	struct in6_addr ha2 = { .s6_addr = { 0x20, 1, [15] = 2 } };
	struct in6_addr ha3 = { .s6_addr = { 0x20, 1, [15] = 3 } };
	struct lb_handoffs table;
	const struct in6_addr *got;
	unsigned int i;

	lb_handoffs_init(&table);
	CHECK(lb_handoff_assigned(&table, &hoa, 1000) == NULL);
	CHECK_INT(lb_handoff_record(&table, &hoa, &ha2, 1000, 31000), 0);
	got = lb_handoff_assigned(&table, &hoa, 30999);
	CHECK(got && memcmp(got, &ha2, sizeof(ha2)) == 0);
	/* Never a second home agent while it holds. */
	CHECK_INT(lb_handoff_record(&table, &hoa, &ha3, 2000, 32000), -EEXIST);
	got = lb_handoff_assigned(&table, &hoa, 2000);
	CHECK(got && memcmp(got, &ha2, sizeof(ha2)) == 0);
	/* Expired: eligible again. */
	CHECK(lb_handoff_assigned(&table, &hoa, 31000) == NULL);
	CHECK_INT(table.count, 0);
	CHECK_INT(lb_handoff_record(&table, &hoa, &ha3, 31000, 61000), 0);
	/* Bounded. */
	for (i = 1; i < LB_HANDOFFS_MAX; i++) {
		hoa.s6_addr[13] = (uint8_t)(i >> 8);
		hoa.s6_addr[14] = (uint8_t)i;
		CHECK_INT(lb_handoff_record(&table, &hoa, &ha2, 31000, 61000), 0);
	}
	hoa.s6_addr[12] = 1;
	CHECK_INT(lb_handoff_record(&table, &hoa, &ha2, 31000, 61000), -ENOSPC);
	lb_handoffs_expire(&table, 61000);
	CHECK_INT(table.count, 0);
	lb_handoffs_destroy(&table);
}

static void test_lb_reg_timeout(void)
{
	/* LIGHT: once per MinRtrAdvInterval. */
	CHECK_INT(lb_reg_timeout_ms(1000, 0, 50), 1000);
	CHECK_INT(lb_reg_timeout_ms(1000, 49, 50), 1000);
	CHECK_INT(lb_reg_timeout_ms(1000, 50, 50), 1000);
	CHECK_INT(lb_reg_timeout_ms(1000, 51, 50), 500);
	CHECK_INT(lb_reg_timeout_ms(1000, 200, 50), 250);
	CHECK_INT(lb_reg_timeout_ms(30, 65535, 1), 1);
}

SUITE(loadbalance, TEST_CASE(test_lb_config), TEST_CASE(test_lb_config_errors),
      TEST_CASE(test_lb_config_fixed), TEST_CASE(test_lb_queue_size),
      TEST_CASE(test_lb_registered_mns), TEST_CASE(test_lb_decide_to_light),
      TEST_CASE(test_lb_decide_queue_top), TEST_CASE(test_lb_decide_mns_top),
      TEST_CASE(test_lb_busiest_agree), TEST_CASE(test_lb_handoff_table),
      TEST_CASE(test_lb_reg_timeout));
