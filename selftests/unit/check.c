// SPDX-License-Identifier: GPL-2.0-only
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

static unsigned int current_failures;

void check_fail(const char *file, int line, const char *format, ...)
{
	va_list ap;

	printf("# %s:%d: ", file, line);
	va_start(ap, format);
	vprintf(format, ap);
	va_end(ap);
	putchar('\n');
	current_failures++;
}

void check_str(const char *file, int line, const char *what,
	       const char *actual, const char *expected)
{
	if (!actual || strcmp(actual, expected) != 0)
		check_fail(file, line, "%s:\n#   got      \"%s\"\n#   expected \"%s\"",
			   what, actual ? actual : "(null)", expected);
}

int run_suites(const struct test_suite *suites, size_t count)
{
	unsigned int passed = 0, failed = 0, number = 0;
	size_t s, i;

	for (s = 0; s < count; s++) {
		for (i = 0; i < *suites[s].count; i++) {
			const struct test_case *test = &suites[s].cases[i];

			current_failures = 0;
			test->run();
			number++;
			printf("%s %u - %s\n", current_failures ? "not ok" : "ok",
			       number, test->name);
			if (current_failures)
				failed++;
			else
				passed++;
			fflush(stdout);
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
