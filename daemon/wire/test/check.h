/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal TAP-ish harness: each case is a function; CHECK()s record
 * failures, and the runner prints "ok N - name" or "not ok N - name" per
 * case and "N passed, N failed" at the end.
 */
#ifndef DHA_WIRE_TEST_CHECK_H
#define DHA_WIRE_TEST_CHECK_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

/* failures in the case being run */
extern unsigned int check_failures;

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			check_failures++;				\
			printf("#   %s:%d: CHECK(%s) failed\n",		\
			       __FILE__, __LINE__, #cond);		\
		}							\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		long long va_ = (long long)(a), vb_ = (long long)(b);	\
		if (va_ != vb_) {					\
			check_failures++;				\
			printf("#   %s:%d: %s == %s: %lld != %lld\n",	\
			       __FILE__, __LINE__, #a, #b, va_, vb_);	\
		}							\
	} while (0)

#define CHECK_MEM(a, b, n)						\
	do {								\
		if (memcmp((a), (b), (n)) != 0) {			\
			check_failures++;				\
			printf("#   %s:%d: %s and %s differ\n",		\
			       __FILE__, __LINE__, #a, #b);		\
		}							\
	} while (0)

/* An address from text; the tests only use literals that parse. */
static inline struct in6_addr addr6(const char *text)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, text, &a) != 1)
		memset(&a, 0xee, sizeof(a));
	return a;
}

static inline int addr_eq(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

extern const struct test_case csum_tests[];
extern const struct test_case mh_tests[];
extern const struct test_case mh_build_tests[];
extern const struct test_case ipv6ext_tests[];
extern const struct test_case ndisc_tests[];
extern const struct test_case hamsg_tests[];
extern const struct test_case pmip_tests[];

#endif /* DHA_WIRE_TEST_CHECK_H */
