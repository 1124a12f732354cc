// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the pure text parsers in parse.c. */
#include <arpa/inet.h>
#include <string.h>

#include "check.h"
#include "parse.h"

static void test_in6(void)
{
	struct in6_addr address, expected;

	inet_pton(AF_INET6, "2001:db8::1", &expected);
	CHECK_INT(parse_in6("2001:db8::1", &address), PARSE_OK);
	CHECK(memcmp(&address, &expected, sizeof(address)) == 0);
	CHECK_INT(parse_in6("::", &address), PARSE_OK);
	CHECK_INT(parse_in6("192.0.2.1", &address), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_in6("2001:db8::1/64", &address), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_in6("", &address), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_in6("foo", &address), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_in6(" 2001:db8::1", &address), PARSE_ERR_SYNTAX);
}

static void test_unicast_in6(void)
{
	struct in6_addr address;

	CHECK_INT(parse_unicast_in6("2001:db8::1", &address), PARSE_OK);
	CHECK_INT(parse_unicast_in6("fe80::1", &address), PARSE_OK);
	CHECK_INT(parse_unicast_in6("::", &address), PARSE_ERR_UNSPECIFIED);
	CHECK_INT(parse_unicast_in6("::1", &address), PARSE_ERR_LOOPBACK);
	CHECK_INT(parse_unicast_in6("ff02::1", &address), PARSE_ERR_MULTICAST);
	CHECK_INT(parse_unicast_in6("zz::1", &address), PARSE_ERR_SYNTAX);
}

static void test_prefix_valid(void)
{
	struct ip6_prefix prefix;
	char text[PREFIX_STRLEN];

	CHECK_INT(parse_prefix("2001:db8:100::/48", &prefix), PARSE_OK);
	CHECK_INT(prefix.length, 48);
	CHECK_STR(format_prefix(&prefix, text, sizeof(text)),
		  "2001:db8:100::/48");
	CHECK_INT(parse_prefix("2001:db8::1/128", &prefix), PARSE_OK);
	CHECK_INT(prefix.length, 128);
	CHECK_INT(parse_prefix("8000::/1", &prefix), PARSE_OK);
	CHECK_INT(parse_prefix("2001:db8:100:ff00::/56", &prefix), PARSE_OK);
	CHECK_INT(parse_prefix("2001:db8:100:ff80::/57", &prefix), PARSE_OK);
}

static void test_prefix_invalid(void)
{
	struct ip6_prefix prefix;

	CHECK_INT(parse_prefix("2001:db8::1/48", &prefix), PARSE_ERR_HOST_BITS);
	CHECK_INT(parse_prefix("2001:db8:100:ff80::/56", &prefix),
		  PARSE_ERR_HOST_BITS);
	CHECK_INT(parse_prefix("c000::/1", &prefix), PARSE_ERR_HOST_BITS);
	CHECK_INT(parse_prefix("::/0", &prefix), PARSE_ERR_RANGE);
	CHECK_INT(parse_prefix("2001:db8::/129", &prefix), PARSE_ERR_RANGE);
	CHECK_INT(parse_prefix("2001:db8::/99999999999", &prefix),
		  PARSE_ERR_RANGE);
	CHECK_INT(parse_prefix("2001:db8::", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("2001:db8::/", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("/48", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("2001:db8::/+48", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("2001:db8::/48/48", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("2001:db8::/ 48", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("192.0.2.0/24", &prefix), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_prefix("1111:2222:3333:4444:5555:6666:7777:8888:9999/64",
			       &prefix), PARSE_ERR_SYNTAX);
}

static void test_lifetime(void)
{
	uint32_t seconds;
	bool forever;

	CHECK_INT(parse_lifetime("300", &seconds, &forever), PARSE_OK);
	CHECK_INT(seconds, 300);
	CHECK(!forever);
	CHECK_INT(parse_lifetime("287s", &seconds, &forever), PARSE_OK);
	CHECK_INT(seconds, 287);
	CHECK_INT(parse_lifetime("forever", &seconds, &forever), PARSE_OK);
	CHECK(forever);
	CHECK_INT(seconds, 0);
	CHECK_INT(parse_lifetime("4294967295", &seconds, &forever), PARSE_OK);
	CHECK_INT(parse_lifetime("0", &seconds, &forever), PARSE_ERR_RANGE);
	CHECK_INT(parse_lifetime("0s", &seconds, &forever), PARSE_ERR_RANGE);
	CHECK_INT(parse_lifetime("4294967296", &seconds, &forever),
		  PARSE_ERR_RANGE);
	CHECK_INT(parse_lifetime("s", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("10ss", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("10m", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("-5", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("+5", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime(" 5", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("0x10", &seconds, &forever), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_lifetime("99999999999999999999999", &seconds, &forever),
		  PARSE_ERR_RANGE);
	CHECK_INT(parse_lifetime("forev", &seconds, &forever), PARSE_ERR_SYNTAX);
}

static void test_ifname(void)
{
	CHECK_INT(parse_ifname("dha0"), PARSE_OK);
	CHECK_INT(parse_ifname("abcdefghijklmno"), PARSE_OK);
	CHECK_INT(parse_ifname("abcdefghijklmnop"), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_ifname(""), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_ifname("."), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_ifname(".."), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_ifname("a/b"), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_ifname("a b"), PARSE_ERR_SYNTAX);
	CHECK_INT(parse_ifname("eth0:1"), PARSE_ERR_SYNTAX);
}

static const struct keyword words[] = {
	{ "add", 1 },
	{ "del", 2 },
	{ "delete", 2 },
	{ "show", 3 },
	{ "list", 3 },
	{ "replace", 4 },
	{ "remove", 5 },
};

#define WORD_COUNT (sizeof(words) / sizeof(words[0]))

static void test_keyword_lookup(void)
{
	CHECK_INT(keyword_lookup("add", words, WORD_COUNT), 1);
	CHECK_INT(keyword_lookup("a", words, WORD_COUNT), 1);
	CHECK_INT(keyword_lookup("d", words, WORD_COUNT), 2);
	CHECK_INT(keyword_lookup("dele", words, WORD_COUNT), 2);
	CHECK_INT(keyword_lookup("l", words, WORD_COUNT), 3);
	CHECK_INT(keyword_lookup("rep", words, WORD_COUNT), 4);
	CHECK_INT(keyword_lookup("re", words, WORD_COUNT), KEYWORD_AMBIGUOUS);
	CHECK_INT(keyword_lookup("r", words, WORD_COUNT), KEYWORD_AMBIGUOUS);
	CHECK_INT(keyword_lookup("adds", words, WORD_COUNT), KEYWORD_UNKNOWN);
	CHECK_INT(keyword_lookup("x", words, WORD_COUNT), KEYWORD_UNKNOWN);
	CHECK_INT(keyword_lookup("", words, WORD_COUNT), KEYWORD_UNKNOWN);
}

static void test_keyword_exact_wins(void)
{
	static const struct keyword table[] = {
		{ "set", 1 },
		{ "settings", 2 },
	};

	CHECK_INT(keyword_lookup("set", table, 2), 1);
	CHECK_INT(keyword_lookup("se", table, 2), KEYWORD_AMBIGUOUS);
	CHECK_INT(keyword_lookup("sett", table, 2), 2);
}

static void test_error_text(void)
{
	struct cli_error err;

	CHECK_INT(cli_fail_value(&err, "care-of address", "foo",
				 PARSE_ERR_SYNTAX), -1);
	CHECK_STR(err.text, "invalid care-of address \"foo\"");
	cli_fail_value(&err, "prefix", "2001:db8::1/48", PARSE_ERR_HOST_BITS);
	CHECK_STR(err.text, "invalid prefix \"2001:db8::1/48\" (host bits set)");
	CHECK_INT(keyword_parse("r", words, WORD_COUNT, "command", &err), -1);
	CHECK_STR(err.text, "ambiguous command \"r\"");
	CHECK_INT(keyword_parse("bar", words, WORD_COUNT, "argument", &err), -1);
	CHECK_STR(err.text, "unknown argument \"bar\"");
	CHECK_INT(keyword_parse("sh", words, WORD_COUNT, "command", &err), 3);
	CHECK(parse_strerror(PARSE_OK) == NULL);
}

static void test_lone_verb(void)
{
	char *none[] = { NULL };
	char *list[] = { "l", NULL };
	char *extra[] = { "show", "dev", NULL };
	char *wrong[] = { "frob", NULL };
	struct cli_error err;

	CHECK_INT(lone_verb_parse(0, none, words, WORD_COUNT, 3, &err), 3);
	CHECK_INT(lone_verb_parse(1, list, words, WORD_COUNT, 1, &err), 3);
	CHECK_INT(lone_verb_parse(2, extra, words, WORD_COUNT, 1, &err), -1);
	CHECK_STR(err.text, "unexpected argument \"dev\"");
	CHECK_INT(lone_verb_parse(1, wrong, words, WORD_COUNT, 1, &err), -1);
	CHECK_STR(err.text, "unknown command \"frob\"");
}

SUITE(parse,
      TEST_CASE(test_in6),
      TEST_CASE(test_unicast_in6),
      TEST_CASE(test_prefix_valid),
      TEST_CASE(test_prefix_invalid),
      TEST_CASE(test_lifetime),
      TEST_CASE(test_ifname),
      TEST_CASE(test_keyword_lookup),
      TEST_CASE(test_keyword_exact_wins),
      TEST_CASE(test_error_text),
      TEST_CASE(test_lone_verb));
