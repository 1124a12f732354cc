/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal test harness: each test is a function; CHECK* record a
 * failure (with file and line as a TAP comment) and let the test go on.
 */
#ifndef DHA_TOOL_TEST_CHECK_H
#define DHA_TOOL_TEST_CHECK_H

#include <stddef.h>
#include <stdint.h>

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

/* The suites, one per test file. */
extern const struct test_case parse_tests[];
extern const size_t parse_test_count;
extern const struct test_case args_tests[];
extern const size_t args_test_count;
extern const struct test_case msg_tests[];
extern const size_t msg_test_count;
extern const struct test_case output_tests[];
extern const size_t output_test_count;
extern const struct test_case cli_tests[];
extern const size_t cli_test_count;

/* The built tool, run by the cli suite. */
extern const char *cli_binary;

#define SUITE(name, ...)                                                \
	const struct test_case name##_tests[] = { __VA_ARGS__ };        \
	const size_t name##_test_count =                                \
		sizeof(name##_tests) / sizeof(name##_tests[0])

#endif /* DHA_TOOL_TEST_CHECK_H */
