// SPDX-License-Identifier: GPL-2.0-only
/* The home link's Router Advertisements: content and timing. */
#include <string.h>
#include <arpa/inet.h>

#include "mip6/ra.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

static bool same(const struct in6_addr *a, const char *text)
{
	struct in6_addr b = a6(text);

	return memcmp(a, &b, sizeof(b)) == 0;
}

static void ra_config(struct mip6_config *config)
{
	memset(config, 0, sizeof(*config));
	config->home.address = a6("2001:db8:1::1");
	config->home.prefix_count = 2;
	config->home.prefixes[0].address = a6("2001:db8:5::");
	config->home.prefixes[0].length = 48;
	config->home.prefixes[1].address = a6("2001:db8:1::");
	config->home.prefixes[1].length = 64;
	config->home.ha_lifetime = 1800;
	config->ra_min_interval_ms = 200000;
	config->ra_max_interval_ms = 600000;
	config->ra_router_lifetime = 1800;
	config->prefix_valid_lifetime = 7200;
	config->prefix_preferred_lifetime = 3600;
}

/* As many home prefixes as allowed: 2001:db8:10::/64, :11::/64, ... */
static void many_prefixes(struct mip6_config *config)
{
	unsigned int i;

	config->home.prefix_count = CONFIG_PREFIXES_MAX;
	for (i = 0; i < CONFIG_PREFIXES_MAX; i++) {
		config->home.prefixes[i].address = a6("2001:db8::");
		config->home.prefixes[i].address.s6_addr[5] = (uint8_t)(0x10 + i);
		config->home.prefixes[i].length = 64;
	}
}

static void test_prefix_options(void)
{
	struct dha_nd_prefix p[DHA_ND_PREFIX_MAX];
	struct mip6_config config;

	ra_config(&config);
	CHECK_INT(ra_prefix_options(&config, true, p), 2);
	CHECK_INT(p[0].prefix_len, 48);
	CHECK_INT(p[0].flags, DHA_PREFIX_FLAG_L);
	CHECK(same(&p[0].prefix, "2001:db8:5::"));
	/* The configured lifetimes, on every option. */
	CHECK_INT(p[0].valid_lifetime, 7200);
	CHECK_INT(p[0].preferred_lifetime, 3600);
	CHECK_INT(p[1].valid_lifetime, 7200);
	CHECK_INT(p[1].preferred_lifetime, 3600);
	/* RFC 6275 7.2: the prefix holding the address carries it, R set. */
	CHECK_INT(p[1].prefix_len, 64);
	CHECK_INT(p[1].flags, DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A |
				      DHA_PREFIX_FLAG_R);
	CHECK(same(&p[1].prefix, "2001:db8:1::1"));

	/* An address off the home link gets an option of its own. */
	config.home.address = a6("2001:db8:4::1");
	CHECK_INT(ra_prefix_options(&config, true, p), 3);
	CHECK_INT(p[1].flags, DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A);
	CHECK(same(&p[1].prefix, "2001:db8:1::"));
	CHECK_INT(p[2].flags, DHA_PREFIX_FLAG_R);
	CHECK_INT(p[2].prefix_len, 128);
	CHECK(same(&p[2].prefix, "2001:db8:4::1"));
	CHECK_INT(p[2].valid_lifetime, 7200);
	CHECK_INT(p[2].preferred_lifetime, 3600);
	CHECK_INT(ra_prefix_options(&config, false, p), 2);

	/* Sixteen prefixes and that one still fit. */
	many_prefixes(&config);
	CHECK_INT(ra_prefix_options(&config, true, p), CONFIG_PREFIXES_MAX + 1);
}

static void test_fill(void)
{
	struct dha_nd_lladdr ll = { .len = 6, .addr = { 2, 0, 0, 0, 0, 1 } };
	struct dhad_load balancing = {
		.active = true, .light = 50, .min_ra_interval_ms = 1000,
		.own = { .queue_size = 37, .registered_mns = 12 },
	};
	struct mip6_config config;
	struct dha_ra ra, parsed;
	uint8_t buf[DHA_IPV6_MIN_MTU];
	size_t len;

	/* Default preference and lifetime: no HA Information (7.4). */
	ra_config(&config);
	ra_fill(&config, &ll, false, true, NULL, &ra);
	CHECK_INT(ra.flags, DHA_RA_FLAG_H);
	CHECK_INT(ra.router_lifetime, 1800);
	CHECK(ra.has_source_lladdr);
	CHECK(ra.has_adv_interval);
	CHECK_INT(ra.adv_interval, 600000);
	CHECK(!ra.has_ha_info);
	CHECK_INT(ra.prefix_count, 2);
	CHECK_INT(dha_ra_build(buf, sizeof(buf), &ra, &len), 0);

	config.preference = 20;
	config.mobile_routers = true;
	ra_fill(&config, NULL, false, true, NULL, &ra);
	CHECK(!ra.has_source_lladdr);
	CHECK(ra.has_ha_info);
	CHECK_INT(ra.ha_info.preference, 20);
	CHECK_INT(ra.ha_info.lifetime, 1800);
	CHECK_INT(ra.ha_info.flags, DHA_HA_INFO_FLAG_R);
	config.preference = 0;
	config.mobile_routers = false;
	config.ra_router_lifetime = 0;
	ra_fill(&config, NULL, false, true, NULL, &ra);
	CHECK(ra.has_ha_info);
	CHECK_INT(ra.router_lifetime, 0);
	CHECK_INT(ra.ha_info.lifetime, 1800);
	CHECK_INT(ra.ha_info.flags, 0);

	/*
	 * A standby of a redundant set: still a router (lifetime, the
	 * prefixes with this address under R), but no home agent.
	 */
	config.preference = 20;
	config.ra_router_lifetime = 1800;
	ra_fill(&config, &ll, false, false, NULL, &ra);
	CHECK_INT(ra.flags, 0);
	CHECK_INT(ra.router_lifetime, 1800);
	CHECK(!ra.has_ha_info);
	CHECK(ra.has_source_lladdr && ra.has_adv_interval);
	CHECK_INT(ra.prefix_count, 2);
	CHECK(ra.prefixes[1].flags & DHA_PREFIX_FLAG_R);
	config.preference = 0;
	config.ra_router_lifetime = 0;

	/* The last one: H clear, lifetime 0, prefixes as before. */
	ra_fill(&config, &ll, true, true, NULL, &ra);
	CHECK_INT(ra.flags, 0);
	CHECK_INT(ra.router_lifetime, 0);
	CHECK(!ra.has_ha_info);
	CHECK_INT(ra.prefix_count, 2);

	/* Load balancing: L and the option, the draft's longest interval. */
	ra_fill(&config, &ll, false, true, &balancing, &ra);
	CHECK_INT(ra.flags, DHA_RA_FLAG_H | DHA_RA_FLAG_L);
	CHECK(ra.has_lb_info);
	CHECK_INT(ra.lb_info.queue_size, 37);
	CHECK_INT(ra.lb_info.registered_mns, 12);
	CHECK_INT(ra.adv_interval, 3000);
	CHECK_INT(dha_ra_build(buf, sizeof(buf), &ra, &len), 0);
	CHECK_INT(dha_ra_parse(buf, len, &parsed), 0);
	CHECK(parsed.has_lb_info && (parsed.flags & DHA_RA_FLAG_L));
	CHECK_INT(parsed.lb_info.queue_size, 37);
	/* ... but neither from a standby nor in the last one. */
	ra_fill(&config, &ll, false, false, &balancing, &ra);
	CHECK_INT(ra.flags, 0);
	CHECK(!ra.has_lb_info);
	ra_fill(&config, &ll, true, true, &balancing, &ra);
	CHECK(!ra.has_lb_info);
	/* Published but not active: as without. */
	balancing.active = false;
	ra_fill(&config, &ll, false, true, &balancing, &ra);
	CHECK_INT(ra.flags, DHA_RA_FLAG_H);
	CHECK(!ra.has_lb_info);
	CHECK_INT(ra.adv_interval, 600000);

	/* The largest fits the minimum MTU. */
	many_prefixes(&config);
	config.home.address = a6("2001:db8:4::1");
	config.preference = 1;
	ra_fill(&config, &ll, false, true, NULL, &ra);
	CHECK_INT(dha_ra_build(buf, sizeof(buf), &ra, &len), 0);
	CHECK(40 + len <= DHA_IPV6_MIN_MTU);
}

static void test_intervals(void)
{
	struct mip6_config config;

	ra_config(&config);
	CHECK_INT(ra_interval_ms(&config, NULL, 5, 0), 200000);
	CHECK_INT(ra_interval_ms(&config, NULL, 5, 400000), 600000);
	CHECK_INT(ra_interval_ms(&config, NULL, 5, 400001), 200000);
	CHECK_INT(ra_interval_ms(&config, NULL, 5, 1000), 201000);
	/* RFC 4861 6.2.4: the first ones at most 16 s apart. */
	CHECK_INT(ra_interval_ms(&config, NULL, 0, 1000), 16000);
	CHECK_INT(ra_interval_ms(&config, NULL, 2, 1000), 16000);
	CHECK_INT(ra_interval_ms(&config, NULL, 3, 1000), 201000);
	config.ra_min_interval_ms = 500;
	config.ra_max_interval_ms = 1000;
	CHECK_INT(ra_interval_ms(&config, NULL, 0, 100), 600);
}

/* draft-deng 7: uniform in [min, min + 2 x min]. */
static void test_intervals_balancing(void)
{
	struct dhad_load load = { .active = true, .light = 10,
				  .min_ra_interval_ms = 2000 };
	struct mip6_config config;

	ra_config(&config);
	CHECK_INT(ra_interval_ms(&config, &load, 5, 0), 2000);
	CHECK_INT(ra_interval_ms(&config, &load, 5, 4000), 6000);
	CHECK_INT(ra_interval_ms(&config, &load, 5, 4001), 2000);
	CHECK_INT(ra_interval_ms(&config, &load, 0, 1234), 3234);
	load.min_ra_interval_ms = 10000;
	/* The first ones still at most 16 s apart. */
	CHECK_INT(ra_interval_ms(&config, &load, 0, 19999), 16000);
	CHECK_INT(ra_interval_ms(&config, &load, 3, 19999), 29999);
	load.active = false;
	CHECK_INT(ra_interval_ms(&config, &load, 5, 1000), 201000);
}

static void test_solicited(void)
{
	struct mip6_config config;

	ra_config(&config);
	/* A random delay up to 500 ms ... */
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 0, 500000, 0), 100000);
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 0, 500000, 500), 100500);
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 0, 500000, 501), 100000);
	/* ... no earlier than 3 s after the last one ... */
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 99000, 500000, 10),
		  102010);
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 90000, 500000, 10),
		  100010);
	/* ... nor later than the one scheduled. */
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 99000, 101000, 10),
		  101000);
	/* RFC 6275 7.5: a home agent may go below 3 s, to min-interval. */
	config.ra_min_interval_ms = 1000;
	CHECK_INT(ra_solicited_at_ms(&config, 100000, 99500, 500000, 0),
		  100500);
}

SUITE(ra, TEST_CASE(test_prefix_options), TEST_CASE(test_fill),
      TEST_CASE(test_intervals), TEST_CASE(test_intervals_balancing),
      TEST_CASE(test_solicited));
