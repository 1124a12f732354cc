// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pure parsers for the dha tool. See parse.h.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

const char *parse_strerror(enum parse_result result)
{
	switch (result) {
	case PARSE_OK:
		return NULL;
	case PARSE_ERR_SYNTAX:
		return "syntax error";
	case PARSE_ERR_RANGE:
		return "out of range";
	case PARSE_ERR_HOST_BITS:
		return "host bits set";
	case PARSE_ERR_UNSPECIFIED:
		return "unspecified address";
	case PARSE_ERR_MULTICAST:
		return "multicast address";
	case PARSE_ERR_LOOPBACK:
		return "loopback address";
	}
	return "unknown error";
}

enum parse_result parse_in6(const char *text, struct in6_addr *out)
{
	if (inet_pton(AF_INET6, text, out) != 1)
		return PARSE_ERR_SYNTAX;
	return PARSE_OK;
}

enum parse_result parse_unicast_in6(const char *text, struct in6_addr *out)
{
	enum parse_result result = parse_in6(text, out);

	if (result != PARSE_OK)
		return result;
	if (IN6_IS_ADDR_UNSPECIFIED(out))
		return PARSE_ERR_UNSPECIFIED;
	if (IN6_IS_ADDR_LOOPBACK(out))
		return PARSE_ERR_LOOPBACK;
	if (IN6_IS_ADDR_MULTICAST(out))
		return PARSE_ERR_MULTICAST;
	return PARSE_OK;
}

/* Digits only; strtoul would accept blanks, signs and "0x". */
static enum parse_result parse_decimal(const char *text, size_t len,
				       uint64_t max, uint64_t *out)
{
	uint64_t value = 0;
	size_t i;

	if (len == 0)
		return PARSE_ERR_SYNTAX;
	for (i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return PARSE_ERR_SYNTAX;
	}
	for (i = 0; i < len; i++) {
		value = value * 10 + (uint64_t)(text[i] - '0');
		if (value > max)
			return PARSE_ERR_RANGE;
	}
	*out = value;
	return PARSE_OK;
}

enum parse_result parse_prefix(const char *text, struct ip6_prefix *out)
{
	char address[INET6_ADDRSTRLEN];
	enum parse_result result;
	const char *slash;
	uint64_t length;
	size_t address_len;
	unsigned int bit;

	slash = strchr(text, '/');
	if (!slash)
		return PARSE_ERR_SYNTAX;
	address_len = (size_t)(slash - text);
	if (address_len >= sizeof(address))
		return PARSE_ERR_SYNTAX;
	memcpy(address, text, address_len);
	address[address_len] = '\0';

	result = parse_in6(address, &out->address);
	if (result != PARSE_OK)
		return result;
	result = parse_decimal(slash + 1, strlen(slash + 1), 255, &length);
	if (result != PARSE_OK)
		return result;
	if (length < 1 || length > 128)
		return PARSE_ERR_RANGE;
	out->length = (uint8_t)length;

	for (bit = out->length; bit < 128; bit++) {
		if (out->address.s6_addr[bit / 8] & (0x80 >> (bit % 8)))
			return PARSE_ERR_HOST_BITS;
	}
	return PARSE_OK;
}

enum parse_result parse_lifetime(const char *text, uint32_t *seconds,
				 bool *forever)
{
	enum parse_result result;
	size_t len = strlen(text);
	uint64_t value;

	if (strcmp(text, "forever") == 0) {
		*seconds = 0;
		*forever = true;
		return PARSE_OK;
	}
	if (len > 1 && text[len - 1] == 's')
		len--;
	result = parse_decimal(text, len, UINT32_MAX, &value);
	if (result != PARSE_OK)
		return result;
	if (value == 0)
		return PARSE_ERR_RANGE;
	*seconds = (uint32_t)value;
	*forever = false;
	return PARSE_OK;
}

enum parse_result parse_ifname(const char *text)
{
	size_t len = strlen(text);

	if (len == 0 || len >= IF_NAMESIZE)
		return PARSE_ERR_SYNTAX;
	/* The kernel's dev_valid_name() refuses these. */
	if (strcmp(text, ".") == 0 || strcmp(text, "..") == 0)
		return PARSE_ERR_SYNTAX;
	if (strpbrk(text, "/: \t\n\v\f\r"))
		return PARSE_ERR_SYNTAX;
	return PARSE_OK;
}

const char *format_prefix(const struct ip6_prefix *prefix, char *buf,
			  size_t size)
{
	char address[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &prefix->address, address, sizeof(address));
	snprintf(buf, size, "%s/%u", address, prefix->length);
	return buf;
}

int keyword_lookup(const char *text, const struct keyword *table,
		   size_t count)
{
	size_t len = strlen(text);
	int found = KEYWORD_UNKNOWN;
	size_t i;

	if (len == 0)
		return KEYWORD_UNKNOWN;
	for (i = 0; i < count; i++) {
		if (strcmp(text, table[i].word) == 0)
			return table[i].id;
	}
	for (i = 0; i < count; i++) {
		if (strncmp(text, table[i].word, len) != 0)
			continue;
		if (found != KEYWORD_UNKNOWN && found != table[i].id)
			return KEYWORD_AMBIGUOUS;
		found = table[i].id;
	}
	return found;
}

int cli_fail(struct cli_error *err, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsnprintf(err->text, sizeof(err->text), format, ap);
	va_end(ap);
	return -1;
}

int cli_fail_value(struct cli_error *err, const char *what, const char *text,
		   enum parse_result result)
{
	if (result == PARSE_ERR_SYNTAX)
		return cli_fail(err, "invalid %s \"%s\"", what, text);
	return cli_fail(err, "invalid %s \"%s\" (%s)", what, text,
			parse_strerror(result));
}

int keyword_parse(const char *text, const struct keyword *table, size_t count,
		  const char *what, struct cli_error *err)
{
	int id = keyword_lookup(text, table, count);

	if (id == KEYWORD_AMBIGUOUS)
		return cli_fail(err, "ambiguous %s \"%s\"", what, text);
	if (id == KEYWORD_UNKNOWN)
		return cli_fail(err, "unknown %s \"%s\"", what, text);
	return id;
}

int lone_verb_parse(int argc, char **argv, const struct keyword *table,
		    size_t count, int default_verb, struct cli_error *err)
{
	int verb;

	if (argc == 0)
		return default_verb;
	verb = keyword_parse(argv[0], table, count, "command", err);
	if (verb < 0)
		return -1;
	if (argc > 1)
		return cli_fail(err, "unexpected argument \"%s\"", argv[1]);
	return verb;
}
