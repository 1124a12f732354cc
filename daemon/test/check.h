/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal test harness: each test is a function; CHECK* record a
 * failure (with file and line as a TAP comment) and let the test go on.
 */
#ifndef DHAD_TEST_CHECK_H
#define DHAD_TEST_CHECK_H

#include <stddef.h>

struct test_case {
	const char *name;
	void (*run)(void);
};

#define TEST_CASE(fn) { #fn, fn }

void check_fail(const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(expr)                                                     \
	do {                                                            \
		if (!(expr))                                            \
			check_fail(__FILE__, __LINE__, "%s", #expr);    \
	} while (0)

#define CHECK_INT(actual, expected)                                     \
	do {                                                            \
		long long check_a_ = (long long)(actual);               \
		long long check_e_ = (long long)(expected);             \
		if (check_a_ != check_e_)                               \
			check_fail(__FILE__, __LINE__,                  \
				   "%s == %lld, expected %lld", #actual, \
				   check_a_, check_e_);                 \
	} while (0)

#define CHECK_STR(actual, expected)                                     \
	check_str(__FILE__, __LINE__, #actual, (actual), (expected))

void check_str(const char *file, int line, const char *what,
	       const char *actual, const char *expected);

#define SUITE(name, ...)                                                \
	const struct test_case name##_tests[] = { __VA_ARGS__ };        \
	const size_t name##_test_count =                                \
		sizeof(name##_tests) / sizeof(name##_tests[0])

#define DECLARE_SUITE(name)                                             \
	extern const struct test_case name##_tests[];                   \
	extern const size_t name##_test_count

DECLARE_SUITE(addr);
DECLARE_SUITE(config);
DECLARE_SUITE(timer);
DECLARE_SUITE(cache);
DECLARE_SUITE(halist);
DECLARE_SUITE(kernel);
DECLARE_SUITE(control);
DECLARE_SUITE(cli);
DECLARE_SUITE(registration);

/* The built daemon, run by the cli suite. */
extern const char *dhad_binary;

#endif /* DHAD_TEST_CHECK_H */
