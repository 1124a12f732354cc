/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unit test harness of the tool and the daemon: each test is a
 * function; CHECK* record a failure (with file and line as a TAP comment)
 * and let the test go on. run_suites() prints one TAP-like line per test
 * and the closing "N passed, N failed" line.
 */
#ifndef DHA_UNIT_CHECK_H
#define DHA_UNIT_CHECK_H

#include <stddef.h>
#include <stdint.h>

struct test_case {
	const char *name;
	void (*run)(void);
};

struct test_suite {
	const struct test_case *cases;
	const size_t *count;
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

/* One suite per test file: SUITE(name, TEST_CASE(a), ...) defines it. */
#define SUITE(name, ...)                                                \
	const struct test_case name##_tests[] = { __VA_ARGS__ };        \
	const size_t name##_test_count =                                \
		sizeof(name##_tests) / sizeof(name##_tests[0])

#define DECLARE_SUITE(name)                                             \
	extern const struct test_case name##_tests[];                   \
	extern const size_t name##_test_count

#define SUITE_ENTRY(name) { name##_tests, &name##_test_count }

/* Runs every test; returns the exit status (1 if anything failed). */
int run_suites(const struct test_suite *suites, size_t count);

#endif /* DHA_UNIT_CHECK_H */
