// SPDX-License-Identifier: GPL-2.0-only
/*
 * Several home links: [home-agent NAME] sections, what each keeps of its
 * own, and the mistakes only several can make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "core/conf.h"
#include "mip6/config.h"
#include "mip6/mip6.h"
#include "protocols.h"
#include "check.h"

#define FIRST "[home-agent]\n" \
	      "home-link = home0\n" \
	      "prefix = 2001:db8:1::/64\n" \
	      "address = 2001:db8:1::1\n"
/* Lines 5 to 10. */
#define SECOND "[home-agent two]\n" \
	       "home-link = home1\n" \
	       "prefix = 2001:db8:2::/64\n" \
	       "address = 2001:db8:2::1\n" \
	       "device = dha1\n" \
	       "max-lifetime = 60\n"

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

static void refused(const char *file, int line, const char *text,
		    const char *expected)
{
	struct dhad_config config;
	char *errors;
	int ret = parse_into(text, &config, &errors);

	if (ret <= 0)
		check_fail(file, line, "accepted:\n%s", text);
	check_str(file, line, "errors", errors, expected);
	free(errors);
	config_free(&config);
}

#define REFUSED(text, expected) refused(__FILE__, __LINE__, text, expected)

static void test_homelinks_two(void)
{
	struct dhad_config config;
	const struct mip6_settings *all;
	const struct mip6_config *one, *two;
	char *errors, buf[PREFIX_STRLEN];

	CHECK_INT(parse_into(FIRST SECOND "[router-advertisement]\n"
			     "send = yes\nmax-interval = 10\n",
			     &config, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	all = config_settings(&config, dhad_protocols[0]);
	CHECK_INT(all->link_count, 2);
	one = &all->links[0];
	two = &all->links[1];
	CHECK_STR(one->name, "");
	CHECK_STR(two->name, "two");
	CHECK_STR(two->home.home_link, "home1");
	CHECK_STR(two->home.device, "dha1");
	CHECK_STR(addr_format(&two->home.address, buf), "2001:db8:2::1");
	CHECK_INT(two->home.prefix_count, 1);
	CHECK_STR(prefix_format(&two->home.prefixes[0], buf),
		  "2001:db8:2::/64");
	/* Each keeps its own settings; the defaults are each one's. */
	CHECK_INT(two->home.max_lifetime, 60);
	CHECK_INT(one->home.max_lifetime, CONFIG_DEFAULT_MAX_LIFETIME);
	CHECK_STR(one->home.device, CONFIG_DEFAULT_DEVICE);
	CHECK(two->dad);
	/* [router-advertisement] is every home link's. */
	CHECK(two->ra_send);
	CHECK_INT(two->ra_max_interval_ms, 10000);
	CHECK_INT(two->ra_min_interval_ms, one->ra_min_interval_ms);
	CHECK_INT(two->ra_router_lifetime, 30);
	/* What the core and the other protocols see. */
	CHECK_INT(config.home_count, 2);
	CHECK(config.home == &one->home);
	CHECK(config.homes[0] == &one->home);
	CHECK(config.homes[1] == &two->home);
	config_free(&config);
}

/* A header given again continues its section, named or not. */
static void test_homelinks_headers_again(void)
{
	struct dhad_config config;
	const struct mip6_settings *all;
	char *errors;

	CHECK_INT(parse_into(FIRST SECOND "[home-agent]\nmax-lifetime = 30\n"
			     "[home-agent  two ]\nprefix = 2001:db8:3::/64\n",
			     &config, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	all = config_settings(&config, dhad_protocols[0]);
	CHECK_INT(all->link_count, 2);
	CHECK_INT(all->links[0].home.max_lifetime, 30);
	CHECK_INT(all->links[1].home.prefix_count, 2);
	config_free(&config);
	REFUSED(FIRST SECOND "[home-agent two]\ndevice = dha2\n",
		"t.conf:12: duplicate key \"device\" (first set on line 9)\n");
}

static void test_homelinks_not_apart(void)
{
	REFUSED(FIRST "[home-agent two]\nhome-link = home0\n"
		"prefix = 2001:db8:2::/64\naddress = 2001:db8:2::1\n"
		"device = dha1\n",
		"t.conf:6: home-link home0 is [home-agent]'s already: each home link once\n");
	REFUSED(FIRST "[home-agent two]\nhome-link = home1\n"
		"prefix = 2001:db8:2::/64\naddress = 2001:db8:2::1\n",
		"t.conf:5: device dha0 is [home-agent]'s already: each home link needs its own dha device\n");
	REFUSED(FIRST "[home-agent two]\nhome-link = home1\n"
		"prefix = 2001:db8:2::/64\naddress = 2001:db8:1::1\n"
		"device = dha1\n",
		"t.conf:8: address 2001:db8:1::1 is [home-agent]'s already\n");
	REFUSED(FIRST "[home-agent two]\nhome-link = home1\n"
		"prefix = 2001:db8::/32\naddress = 2001:db8:2::1\n"
		"device = dha1\n",
		"t.conf:7: prefix 2001:db8::/32 overlaps 2001:db8:1::/64 of [home-agent]: a home address must name one home link\n");
	/* Between two named ones, the later one is told. */
	REFUSED(FIRST SECOND "[home-agent three]\nhome-link = home2\n"
		"prefix = 2001:db8:2::/56\naddress = 2001:db8:3::1\n"
		"device = dha1\n",
		"t.conf:13: prefix 2001:db8:2::/56 overlaps 2001:db8:2::/64 of [home-agent two]: a home address must name one home link\n"
		"t.conf:15: device dha1 is [home-agent two]'s already: each home link needs its own dha device\n");
}

static void test_homelinks_mistakes(void)
{
	REFUSED(FIRST "[home-agent two]\ndevice = dha1\n",
		"t.conf:5: missing key \"home-link\" in [home-agent two]\n"
		"t.conf:5: missing key \"prefix\" in [home-agent two]\n"
		"t.conf:5: missing key \"address\" in [home-agent two]\n");
	REFUSED(SECOND,
		"t.conf:6: missing section [home-agent]\n");
	REFUSED(FIRST SECOND "colour = blue\n",
		"t.conf:11: unknown key \"colour\" in [home-agent two]\n");
	REFUSED(FIRST "[home-agent a/b]\nhome-link = home1\n",
		"t.conf:5: bad section name [home-agent a/b]: the name after \"home-agent\" is 1 to 31 letters, digits, '-', '_' or '.'\n");
	REFUSED(FIRST "[router-advertisement two]\nsend = yes\n",
		"t.conf:5: unknown section [router-advertisement two]\n");
	REFUSED(FIRST SECOND "prefix-valid-lifetime = 600\n"
		"prefix-preferred-lifetime = 700\n",
		"t.conf:12: prefix-preferred-lifetime must be at most prefix-valid-lifetime (600 s)\n");
	REFUSED(FIRST SECOND "[redundancy]\ngroup = 1\nmode = hard\n"
		"local = 2001:db8:5::1\n"
		"peer = 2001:db8:5::2\nauth = none\n",
		"t.conf:11: [redundancy] serves one home link: it cannot be combined with [home-agent NAME] sections\n");
}

static void test_homelinks_too_many(void)
{
	char text[4096];
	size_t len = strlen(FIRST);
	int i;

	memcpy(text, FIRST, len + 1);
	for (i = 1; i <= DHAD_HOMES_MAX; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"[home-agent l%d]\nhome-link = h%d\n"
					"prefix = 2001:db8:%x::/64\n"
					"address = 2001:db8:%x::1\n"
					"device = dha%d\n",
					i, i, 0x100 + i, 0x100 + i, i);
	REFUSED(text, "t.conf:40: [home-agent l8]: more than 8 home links\n");
}

/* A home link comes or goes, or changes its device: at a restart. */
static void test_homelinks_fixed_change(void)
{
	struct dhad_config a, b;
	char *errors;

	parse_into(FIRST SECOND, &a, &errors);
	free(errors);
	parse_into(FIRST SECOND "prefix = 2001:db8:9::/64\n", &b, &errors);
	free(errors);
	CHECK(config_fixed_change(&a, &b) == NULL);
	config_free(&b);
	parse_into(FIRST, &b, &errors);
	free(errors);
	CHECK_STR(config_fixed_change(&a, &b), "home-agent");
	config_free(&b);
	parse_into(FIRST "[home-agent two]\nhome-link = home1\n"
		   "prefix = 2001:db8:2::/64\naddress = 2001:db8:2::1\n"
		   "device = dha7\n", &b, &errors);
	free(errors);
	CHECK_STR(config_fixed_change(&a, &b), "device");
	config_free(&b);
	config_free(&a);
}

/* Which home link serves a home address: the one whose prefix holds it. */
static void test_homelinks_link_of(void)
{
	struct dhad_config config;
	const struct mip6_settings *all;
	struct mip6 one = { 0 }, two = { 0 };
	struct in6_addr addr;
	char *errors;

	CHECK_INT(parse_into(FIRST SECOND "prefix = 2001:db8:7::/48\n",
			     &config, &errors), 0);
	free(errors);
	all = config_settings(&config, dhad_protocols[0]);
	one.config = &all->links[0];
	two.config = &all->links[1];
	one.first = two.first = &one;
	one.links[0] = &one;
	one.links[1] = &two;
	one.link_count = 2;
	inet_pton(AF_INET6, "2001:db8:1::100", &addr);
	CHECK(mip6_link_of(&two, &addr) == &one);
	inet_pton(AF_INET6, "2001:db8:2::100", &addr);
	CHECK(mip6_link_of(&one, &addr) == &two);
	inet_pton(AF_INET6, "2001:db8:7:ff::1", &addr);
	CHECK(mip6_link_of(&one, &addr) == &two);
	inet_pton(AF_INET6, "2001:db8:9::100", &addr);
	CHECK(mip6_link_of(&one, &addr) == NULL);
	config_free(&config);
}

SUITE(homelinks,
      TEST_CASE(test_homelinks_link_of),
      TEST_CASE(test_homelinks_two),
      TEST_CASE(test_homelinks_headers_again),
      TEST_CASE(test_homelinks_not_apart),
      TEST_CASE(test_homelinks_mistakes),
      TEST_CASE(test_homelinks_too_many),
      TEST_CASE(test_homelinks_fixed_change));
