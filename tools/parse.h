/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure parsers for the dha tool: text in, values or an error code out.
 * Nothing here performs I/O, so every function can be unit-tested and
 * fuzzed on its own.
 */
#ifndef DHA_TOOL_PARSE_H
#define DHA_TOOL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

enum parse_result {
	PARSE_OK = 0,
	PARSE_ERR_SYNTAX,	/* not the expected shape at all */
	PARSE_ERR_RANGE,	/* well formed, but outside the allowed range */
	PARSE_ERR_HOST_BITS,	/* prefix has bits set beyond its length */
	PARSE_ERR_UNSPECIFIED,	/* :: where a real address is needed */
	PARSE_ERR_MULTICAST,
	PARSE_ERR_LOOPBACK,
};

/* Short reason for an error code, e.g. "host bits set"; NULL for PARSE_OK. */
const char *parse_strerror(enum parse_result result);

struct ip6_prefix {
	struct in6_addr address;
	uint8_t length;		/* 1..128, the range the kernel accepts */
};

/* Any IPv6 address in text form (inet_pton syntax). */
enum parse_result parse_in6(const char *text, struct in6_addr *out);

/*
 * An address a binding or peer may name: rejects the unspecified,
 * loopback and multicast addresses, as the kernel does.
 */
enum parse_result parse_unicast_in6(const char *text, struct in6_addr *out);

/* "ADDRESS/LENGTH", length 1..128, all bits past the length zero. */
enum parse_result parse_prefix(const char *text, struct ip6_prefix *out);

/*
 * A binding lifetime: seconds >= 1 in plain decimal (no sign, blanks or
 * base prefix), optionally with an "s" suffix so
 * that show output can be pasted back, or "forever" (then *forever is
 * set and *seconds is 0).
 */
enum parse_result parse_lifetime(const char *text, uint32_t *seconds,
				 bool *forever);

/* A network device name as the kernel accepts it. */
enum parse_result parse_ifname(const char *text);

/* Formats a prefix as "ADDRESS/LENGTH"; buf should be PREFIX_STRLEN. */
#define PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)
const char *format_prefix(const struct ip6_prefix *prefix, char *buf,
			  size_t size);

/*
 * Keyword lookup with iproute2-style abbreviations: an exact match wins,
 * otherwise a unique prefix of the words in the table. Several words may
 * share an id (aliases such as "del" and "delete"); a prefix of words
 * with different ids is ambiguous.
 */
struct keyword {
	const char *word;
	int id;
};

#define KEYWORD_UNKNOWN (-1)
#define KEYWORD_AMBIGUOUS (-2)

int keyword_lookup(const char *text, const struct keyword *table,
		   size_t count);

/* A formatted message for a command line the tool refuses. */
struct cli_error {
	char text[256];
};

/* Fills err and returns -1, so callers can write "return cli_fail(...)". */
int cli_fail(struct cli_error *err, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Error text for a value that did not parse: `invalid WHAT "TEXT" (why)`. */
int cli_fail_value(struct cli_error *err, const char *what, const char *text,
		   enum parse_result result);

/*
 * keyword_lookup() with the error filled in: returns the id, or -1 with
 * `unknown WHAT "TEXT"` or `ambiguous WHAT "TEXT"` in err.
 */
int keyword_parse(const char *text, const struct keyword *table, size_t count,
		  const char *what, struct cli_error *err);

/*
 * The verb of a command that takes no further argument: argv[0] looked up
 * in table, or default_verb when there is none; -1 with err filled in.
 */
int lone_verb_parse(int argc, char **argv, const struct keyword *table,
		    size_t count, int default_verb, struct cli_error *err);

#endif /* DHA_TOOL_PARSE_H */
