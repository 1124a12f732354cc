// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs every unit test of dhad and prints one TAP-like line per test,
 * then "N passed, N failed". Exits 1 if anything failed.
 *
 * Usage: unit [PATH-TO-DHAD]   (default ./dhad, as "make test" builds it)
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

const char *dhad_binary;
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

int main(int argc, char **argv)
{
	static const struct {
		const struct test_case *cases;
		const size_t *count;
	} suites[] = {
		{ addr_tests, &addr_test_count },
		{ config_tests, &config_test_count },
		{ timer_tests, &timer_test_count },
		{ cache_tests, &cache_test_count },
		{ halist_tests, &halist_test_count },
		{ kernel_tests, &kernel_test_count },
		{ control_tests, &control_test_count },
		{ registration_tests, &registration_test_count },
		{ cli_tests, &cli_test_count },
	};
	unsigned int passed = 0, failed = 0, number = 0;
	size_t s, i;

	dhad_binary = argc > 1 ? argv[1] : "./dhad";
	for (s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
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
