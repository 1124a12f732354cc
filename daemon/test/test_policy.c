// SPDX-License-Identifier: GPL-2.0-only
/* The binding policy: its rules as written, and which one decides. */
#include <arpa/inet.h>
#include <string.h>

#include "mip6/policy.h"
#include "check.h"

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	CHECK_INT(inet_pton(AF_INET6, text, &a), 1);
	return a;
}

/* Appends the rule of value, which must parse. */
static void add(struct policy *policy, const char *value)
{
	char why[POLICY_REASON_MAX] = "";

	if (!policy_rule_parse(value, &policy->rules[policy->rule_count], why))
		check_fail(__FILE__, __LINE__, "\"%s\" refused: %s", value, why);
	policy->rule_count++;
}

static bool allows(const struct policy *policy, const char *home,
		   const char *care_of)
{
	struct in6_addr h = addr(home), c = addr(care_of);

	return policy_allows(policy, &h, &c);
}

static void check_refused(const char *file, int line, const char *value,
			  const char *expected)
{
	struct policy_rule rule;
	char why[POLICY_REASON_MAX] = "";

	if (policy_rule_parse(value, &rule, why))
		check_fail(file, line, "\"%s\" accepted", value);
	check_str(file, line, "reason", why, expected);
}

#define REFUSED(value, expected) \
	check_refused(__FILE__, __LINE__, value, expected)

static void test_policy_parse(void)
{
	struct policy_rule rule;
	char why[POLICY_REASON_MAX];
	char text[PREFIX_STRLEN];

	CHECK(policy_rule_parse("deny 2001:db8:1::10", &rule, why));
	CHECK(!rule.allow);
	CHECK_STR(prefix_format(&rule.home, text), "2001:db8:1::10/128");
	CHECK(!rule.has_care_of);
	/* Any blanks between the words. */
	CHECK(policy_rule_parse("  allow\t2001:db8:1::/112  coa  2001:db8:2::/48 ",
				&rule, why));
	CHECK(rule.allow);
	CHECK_STR(prefix_format(&rule.home, text), "2001:db8:1::/112");
	CHECK(rule.has_care_of);
	CHECK_STR(prefix_format(&rule.care_of, text), "2001:db8:2::/48");
	CHECK(policy_rule_parse("deny any coa 2001:db8:2::5", &rule, why));
	CHECK_INT(rule.home.length, 0);
	CHECK_INT(rule.care_of.length, 128);
}

static void test_policy_parse_mistakes(void)
{
	REFUSED("", "not allow|deny HOME [coa PREFIX]");
	REFUSED("deny", "not allow|deny HOME [coa PREFIX]");
	REFUSED("deny 2001:db8:1::10 coa", "not allow|deny HOME [coa PREFIX]");
	REFUSED("deny 2001:db8:1::10 via 2001:db8:2::/48",
		"not allow|deny HOME [coa PREFIX]");
	REFUSED("deny 2001:db8:1::10 coa 2001:db8:2::/48 extra",
		"not allow|deny HOME [coa PREFIX]");
	REFUSED("deny 2001:db8:1::10 2001:db8:1::11",
		"not allow|deny HOME [coa PREFIX]");
	REFUSED("refuse 2001:db8:1::10", "\"refuse\" is neither allow nor deny");
	REFUSED("Allow 2001:db8:1::10", "\"Allow\" is neither allow nor deny");
	REFUSED("deny 2001:db8:1::/130",
		"home \"2001:db8:1::/130\": prefix length must be 1..128");
	REFUSED("deny 2001:db8:1::1/64",
		"home \"2001:db8:1::1/64\": host bits set");
	REFUSED("deny ::/0", "home \"::/0\": prefix length must be 1..128");
	REFUSED("deny 2001:db8:1::g", "home \"2001:db8:1::g\": not an IPv6 address");
	REFUSED("deny fe80::1", "home \"fe80::1\": a link-local address");
	REFUSED("deny any coa any", "care-of \"any\": not an IPv6 address");
	REFUSED("deny any coa 2001:db8:2::1/48",
		"care-of \"2001:db8:2::1/48\": host bits set");
	/* A word longer than any address or prefix. */
	REFUSED("deny 2001:db8:1111:2222:3333:4444:5555:6666:7777:8888/128",
		"not allow|deny HOME [coa PREFIX]");
}

static void test_policy_default(void)
{
	struct policy policy = { 0 };

	CHECK(allows(&policy, "2001:db8:1::10", "2001:db8:2::5"));
	policy.default_deny = true;
	CHECK(!allows(&policy, "2001:db8:1::10", "2001:db8:2::5"));
	add(&policy, "allow 2001:db8:1::10");
	CHECK(allows(&policy, "2001:db8:1::10", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:1::11", "2001:db8:2::5"));
}

/* The first rule that matches decides, whatever follows. */
static void test_policy_first_match(void)
{
	struct policy policy = { 0 };

	add(&policy, "deny 2001:db8:1::10");
	add(&policy, "allow 2001:db8:1::/64");
	add(&policy, "deny 2001:db8:1::/48");
	CHECK(!allows(&policy, "2001:db8:1::10", "2001:db8:2::5"));
	CHECK(allows(&policy, "2001:db8:1::11", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:1:1::11", "2001:db8:2::5"));
	CHECK(allows(&policy, "2001:db8:2::11", "2001:db8:2::5"));
	/* The other order: the wider allow shadows the narrower deny. */
	memset(&policy, 0, sizeof(policy));
	add(&policy, "allow 2001:db8:1::/64");
	add(&policy, "deny 2001:db8:1::10");
	CHECK(allows(&policy, "2001:db8:1::10", "2001:db8:2::5"));
}

/* Prefix lengths that do not end on an octet boundary. */
static void test_policy_prefix_lengths(void)
{
	struct policy policy = { .default_deny = true };

	add(&policy, "allow 2001:db8:1::100/121");
	CHECK(allows(&policy, "2001:db8:1::100", "2001:db8:2::5"));
	CHECK(allows(&policy, "2001:db8:1::17f", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:1::180", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:1::ff", "2001:db8:2::5"));
	add(&policy, "allow 2001:db8:8000::/33");
	CHECK(allows(&policy, "2001:db8:ffff::1", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:7fff::1", "2001:db8:2::5"));
	add(&policy, "allow 2001:db8:7fff::1/128");
	CHECK(allows(&policy, "2001:db8:7fff::1", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:7fff::2", "2001:db8:2::5"));
}

/* A rule with coa matches only care-of addresses within its prefix. */
static void test_policy_care_of(void)
{
	struct policy policy = { 0 };

	add(&policy, "deny any coa 2001:db8:bad::/48");
	add(&policy, "allow 2001:db8:1::10 coa 2001:db8:2::/64");
	add(&policy, "deny 2001:db8:1::10");
	CHECK(!allows(&policy, "2001:db8:1::11", "2001:db8:bad:1::5"));
	CHECK(allows(&policy, "2001:db8:1::11", "2001:db8:bae::5"));
	CHECK(allows(&policy, "2001:db8:1::10", "2001:db8:2::5"));
	CHECK(!allows(&policy, "2001:db8:1::10", "2001:db8:3::5"));
	/* The care-of rule comes first, even for the allowed pair. */
	CHECK(!allows(&policy, "2001:db8:1::10", "2001:db8:bad::5"));
}

SUITE(policy,
      TEST_CASE(test_policy_parse),
      TEST_CASE(test_policy_parse_mistakes),
      TEST_CASE(test_policy_default),
      TEST_CASE(test_policy_first_match),
      TEST_CASE(test_policy_prefix_lengths),
      TEST_CASE(test_policy_care_of));
