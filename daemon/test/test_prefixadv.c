// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unsolicited Mobile Prefix Advertisements (RFC 6275 10.6.2, 10.6.3):
 * their retransmission times, what they carry, and the table of the
 * mobile nodes still to be told.
 */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "mip6/prefixadv.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK_INT(inet_pton(AF_INET6, text, &addr), 1);
	return addr;
}

/* PREFIX_ADV_TIMEOUT, doubled each time, PREFIX_ADV_RETRIES times. */
static void test_prefixadv_retransmissions(void)
{
	uint64_t delay = 0;

	CHECK(!prefixadv_next_delay(0, &delay));
	CHECK(prefixadv_next_delay(1, &delay));
	CHECK_INT(delay, 3000);
	CHECK(prefixadv_next_delay(2, &delay));
	CHECK_INT(delay, 6000);
	CHECK(prefixadv_next_delay(3, &delay));
	CHECK_INT(delay, 12000);
	/* The first transmission and three retransmissions: done. */
	CHECK(!prefixadv_next_delay(4, &delay));
	CHECK(!prefixadv_next_delay(1000, &delay));
}

/* The configured lifetimes; and a change that the options show. */
static void test_prefixadv_options(void)
{
	struct dha_nd_prefix before[DHA_ND_PREFIX_MAX], after[DHA_ND_PREFIX_MAX];
	struct mip6_config config;

	memset(&config, 0, sizeof(config));
	config.home.address = a6("2001:db8:1::1");
	config.home.prefix_count = 1;
	config.home.prefixes[0].address = a6("2001:db8:1::");
	config.home.prefixes[0].length = 64;
	config.prefix_valid_lifetime = 2592000;
	config.prefix_preferred_lifetime = 604800;
	CHECK_INT(prefixadv_options(&config, before), 1);
	CHECK_INT(before[0].valid_lifetime, 2592000);
	CHECK_INT(before[0].preferred_lifetime, 604800);
	CHECK_INT(before[0].prefix_len, 64);
	/* Out of the home prefixes: no option of the agent's own. */
	config.home.address = a6("2001:db8:9::1");
	CHECK_INT(prefixadv_options(&config, after), 1);
	config.home.address = a6("2001:db8:1::1");

	config.prefix_valid_lifetime = 120;
	config.prefix_preferred_lifetime = 60;
	CHECK_INT(prefixadv_options(&config, after), 1);
	CHECK_INT(after[0].valid_lifetime, 120);
	CHECK_INT(after[0].preferred_lifetime, 60);
	CHECK(memcmp(before, after, sizeof(before[0])) != 0);
	config.prefix_valid_lifetime = 2592000;
	config.prefix_preferred_lifetime = 604800;
	CHECK_INT(prefixadv_options(&config, after), 1);
	CHECK(memcmp(before, after, sizeof(before[0])) == 0);
}

static void test_prefixadv_targets(void)
{
	static const char *const texts[] = {
		"2001:db8:1::30", "2001:db8:1::10", "2001:db8:1::20",
	};
	struct prefixadv_targets t = { 0 };
	struct prefixadv_target *v = calloc(3, sizeof(*v)), *found;
	struct in6_addr other = a6("2001:db8:1::40");
	size_t i;

	CHECK(v != NULL);
	for (i = 0; i < 3; i++)
		v[i].home_address = a6(texts[i]);
	/* Empty: nothing pending. */
	CHECK(!prefixadv_targets_find(&t, &v[0].home_address));
	prefixadv_targets_set(&t, v, 3);
	CHECK_INT(t.left, 3);
	/* Sorted, each found. */
	CHECK(memcmp(&t.v[0].home_address, &t.v[1].home_address, 16) < 0);
	CHECK(memcmp(&t.v[1].home_address, &t.v[2].home_address, 16) < 0);
	for (i = 0; i < 3; i++) {
		struct in6_addr hoa = a6(texts[i]);

		found = prefixadv_targets_find(&t, &hoa);
		CHECK(found && memcmp(&found->home_address, &hoa, 16) == 0);
	}
	CHECK(!prefixadv_targets_find(&t, &other));
	/* Done once; twice changes nothing. */
	other = a6("2001:db8:1::20");
	found = prefixadv_targets_find(&t, &other);
	prefixadv_targets_done(&t, found);
	prefixadv_targets_done(&t, found);
	CHECK_INT(t.left, 2);
	CHECK(!prefixadv_targets_find(&t, &other));
	other = a6("2001:db8:1::10");
	prefixadv_targets_done(&t, prefixadv_targets_find(&t, &other));
	other = a6("2001:db8:1::30");
	prefixadv_targets_done(&t, prefixadv_targets_find(&t, &other));
	/* All done: the table is gone (ASan sees a leak otherwise). */
	CHECK_INT(t.left, 0);
	CHECK(t.v == NULL);
	CHECK(!prefixadv_targets_find(&t, &other));

	/* Cleared midway. */
	v = calloc(1, sizeof(*v));
	CHECK(v != NULL);
	v[0].home_address = other;
	prefixadv_targets_set(&t, v, 1);
	CHECK(prefixadv_targets_find(&t, &other) != NULL);
	prefixadv_targets_clear(&t);
	CHECK(!prefixadv_targets_find(&t, &other));
}

SUITE(prefixadv,
      TEST_CASE(test_prefixadv_retransmissions),
      TEST_CASE(test_prefixadv_options),
      TEST_CASE(test_prefixadv_targets));
