// SPDX-License-Identifier: GPL-2.0-only
/* [pmip]: every key, the roles' rules, and each mistake's message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "core/conf.h"
#include "pmip/config.h"
#include "pmip/pmip.h"
#include "protocols.h"
#include "check.h"

#define LMA "[pmip]\n" \
	    "role = lma\n" \
	    "address = 2001:db8:ff::1\n" \
	    "hnp-pool = 2001:db8:100::/48\n" \
	    "mag = 2001:db8:a1::2\n"

#define MAG "[pmip]\n" \
	    "role = mag\n" \
	    "address = 2001:db8:a1::2\n" \
	    "lma = 2001:db8:ff::1\n" \
	    "access-link = acc0\n"

/* Parses text as "t.conf": mistakes, messages in *errors, [pmip] in *out. */
static int parse(const char *text, struct pmip_config *out, bool *has_home,
		 char **errors)
{
	struct dhad_config config;
	size_t len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *err = open_memstream(errors, &len);
	void *settings;
	int ret;

	ret = config_parse_file(dhad_protocols, dhad_protocol_count, in,
				"t.conf", &config, err);
	fclose(in);
	fclose(err);
	settings = config_settings(&config, &pmip_protocol);
	if (settings)
		memcpy(out, settings, sizeof(*out));
	*has_home = config.home != NULL;
	if (ret == 0 && settings &&
	    ((struct pmip_config *)settings)->role != PMIP_ROLE_NONE)
		CHECK(config.home == &((struct pmip_config *)settings)->home);
	config_free(&config);
	return ret;
}

static void refused(const char *file, int line, const char *text,
		    const char *expected)
{
	static struct pmip_config config;
	char *errors;
	bool home;
	int ret = parse(text, &config, &home, &errors);

	if (ret <= 0)
		check_fail(file, line, "accepted:\n%s", text);
	check_str(file, line, "errors", errors, expected);
	free(errors);
}

#define REFUSED(text, expected) refused(__FILE__, __LINE__, text, expected)

static bool addr_is(const struct in6_addr *a, const char *text)
{
	struct in6_addr b;

	return inet_pton(AF_INET6, text, &b) == 1 && !memcmp(a, &b, sizeof(b));
}

static void test_pmip_config_lma(void)
{
	static struct pmip_config c;
	char *errors;
	bool home;

	CHECK_INT(parse(LMA "mag = 2001:db8:a2::2\nmax-lifetime = 120\n"
			"device = pm0\n", &c, &home, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK(home);
	CHECK_INT(c.role, PMIP_ROLE_LMA);
	CHECK_STR(c.home.device, "pm0");
	CHECK(addr_is(&c.home.address, "2001:db8:ff::1"));
	CHECK(addr_is(&c.hnp_pool.address, "2001:db8:100::"));
	CHECK_INT(c.hnp_pool.length, 48);
	CHECK_INT(c.mag_count, 2);
	CHECK(addr_is(&c.mags[1], "2001:db8:a2::2"));
	CHECK_INT(c.max_lifetime, 120);
	CHECK_INT(c.home.max_lifetime, 120);
	CHECK(pmip_config_mag_known(&c, &c.mags[0]));
	CHECK(!pmip_config_mag_known(&c, &c.home.address));
}

static void test_pmip_config_defaults(void)
{
	static struct pmip_config c;
	char *errors;
	bool home;

	CHECK_INT(parse(MAG, &c, &home, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(c.role, PMIP_ROLE_MAG);
	CHECK_STR(c.home.device, PMIP_DEFAULT_DEVICE);
	CHECK_INT(c.max_lifetime, PMIP_DEFAULT_MAX_LIFETIME);
	CHECK(addr_is(&c.link_local, "fe80::1"));
	CHECK_INT(c.mn_id_mode, PMIP_MN_ID_MAC);
	CHECK(addr_is(&c.lma, "2001:db8:ff::1"));
	CHECK_INT(c.access_link_count, 1);
	CHECK_STR(c.access_links[0], "acc0");
}

static void test_pmip_config_mag(void)
{
	static struct pmip_config c;
	char *errors;
	bool home;

	CHECK_INT(parse(MAG "access-link = acc1\nlink-local = fe80::aa\n"
			"mn-id = file /etc/dha/mn-ids\n", &c, &home, &errors),
		  0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK_INT(c.access_link_count, 2);
	CHECK_STR(c.access_links[1], "acc1");
	CHECK(addr_is(&c.link_local, "fe80::aa"));
	CHECK_INT(c.mn_id_mode, PMIP_MN_ID_FILE);
	CHECK_STR(c.mn_id_file, "/etc/dha/mn-ids");
}

/* Without [pmip], nothing of it runs, and the home agent is as before. */
static void test_pmip_config_absent(void)
{
	static struct pmip_config c;
	char *errors;
	bool home;

	CHECK_INT(parse("[home-agent]\nhome-link = h\nprefix = 2001:db8:1::/64\n"
			"address = 2001:db8:1::1\n", &c, &home, &errors), 0);
	CHECK_STR(errors, "");
	free(errors);
	CHECK(home);
	CHECK_INT(c.role, PMIP_ROLE_NONE);
}

static void test_pmip_config_mistakes(void)
{
	REFUSED("[pmip]\n",
		"t.conf:1: missing key \"role\" in [pmip]\n"
		"t.conf:1: missing key \"address\" in [pmip]\n");
	REFUSED("[pmip]\nrole = rms\naddress = 2001:db8::1\n",
		"t.conf:2: bad role \"rms\": lma or mag\n");
	REFUSED("[pmip]\nrole = lma\naddress = 2001:db8::1\n",
		"t.conf:1: role lma needs key \"hnp-pool\" in [pmip]\n"
		"t.conf:1: role lma needs key \"mag\" in [pmip]\n");
	REFUSED("[pmip]\nrole = mag\naddress = 2001:db8::1\n",
		"t.conf:1: role mag needs key \"lma\" in [pmip]\n"
		"t.conf:1: role mag needs key \"access-link\" in [pmip]\n");
	REFUSED(LMA "access-link = a\nlma = 2001:db8::9\n",
		"t.conf:6: access-link is a key of role mag only\n"
		"t.conf:7: lma is a key of role mag only\n");
	REFUSED(MAG "hnp-pool = 2001:db8:100::/48\n",
		"t.conf:6: hnp-pool is a key of role lma only\n");
	REFUSED(LMA "mag = 2001:db8:a1::2\n",
		"t.conf:6: mag 2001:db8:a1::2 given twice\n");
	REFUSED(LMA "mag = fe80::2\n",
		"t.conf:6: bad mag \"fe80::2\": a link-local address (a global unicast address is needed)\n");
	REFUSED("[pmip]\nrole = lma\naddress = 2001:db8:ff::1\n"
		"hnp-pool = 2001:db8:100::/80\nmag = 2001:db8:a1::2\n",
		"t.conf:4: bad hnp-pool \"2001:db8:100::/80\": /64 home network prefixes are taken from it, so at most /64\n");
	REFUSED("[pmip]\nrole = lma\naddress = 2001:db8:100::1\n"
		"hnp-pool = 2001:db8:100::/48\nmag = 2001:db8:a1::2\n",
		"t.conf:3: address must lie outside hnp-pool\n");
	REFUSED(LMA "max-lifetime = 3\n",
		"t.conf:6: bad max-lifetime \"3\": seconds, 4..262140\n");
	REFUSED(MAG "link-local = 2001:db8::1\n",
		"t.conf:6: bad link-local \"2001:db8::1\": an address in fe80::/10 is needed\n");
	REFUSED(MAG "mn-id = file relative\n",
		"t.conf:6: bad mn-id \"file relative\": mac, or file and an absolute path\n");
	REFUSED(MAG "mn-id = imsi\n",
		"t.conf:6: bad mn-id \"imsi\": mac, or file and an absolute path\n");
	REFUSED(MAG "access-link = acc0\n",
		"t.conf:6: access-link acc0 given twice\n");
	REFUSED("[pmip]\nrole = mag\naddress = 2001:db8:a1::2\n"
		"lma = 2001:db8:a1::2\naccess-link = a\n",
		"t.conf:4: lma must differ from address\n");
	REFUSED(MAG "[home-agent]\nhome-link = h\nprefix = 2001:db8:1::/64\n"
		"address = 2001:db8:1::1\n",
		"t.conf:1: [pmip] and [home-agent] cannot share a file: dhad runs one of them\n");
	REFUSED(MAG "[redundancy]\ngroup = 7\nmode = virtual\n"
		"local = 2001:db8::5\npeer = 2001:db8::6\nauth = none\n",
		"t.conf:6: [redundancy] needs a [home-agent] section\n");
}

static void test_pmip_config_fixed(void)
{
	static struct pmip_config a, b;
	char *errors;
	bool home;

	CHECK_INT(parse(LMA, &a, &home, &errors), 0);
	free(errors);
	CHECK_INT(parse(LMA "mag = 2001:db8:a2::2\nmax-lifetime = 60\n", &b,
			&home, &errors), 0);
	free(errors);
	CHECK(pmip_config_fixed(&a, &b) == NULL);
	CHECK_INT(parse(LMA "", &b, &home, &errors), 0);
	free(errors);
	b.hnp_pool.length = 40;
	CHECK_STR(pmip_config_fixed(&a, &b), "[pmip] hnp-pool");
	b.role = PMIP_ROLE_MAG;
	CHECK_STR(pmip_config_fixed(&a, &b), "[pmip] role");
}

SUITE(pmip_config,
      TEST_CASE(test_pmip_config_lma),
      TEST_CASE(test_pmip_config_defaults),
      TEST_CASE(test_pmip_config_mag),
      TEST_CASE(test_pmip_config_absent),
      TEST_CASE(test_pmip_config_mistakes),
      TEST_CASE(test_pmip_config_fixed));
