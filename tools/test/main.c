// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs every unit test of the dha tool and prints one TAP-like line per
 * test, then "N passed, N failed". Exits 1 if anything failed.
 *
 * Usage: unit [PATH-TO-DHA]   (default ./dha, as "make test" builds it)
 */
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

int main(int argc, char **argv)
{
	static const struct {
		const struct test_case *cases;
		const size_t *count;
	} suites[] = {
		{ parse_tests, &parse_test_count },
		{ args_tests, &args_test_count },
		{ msg_tests, &msg_test_count },
		{ output_tests, &output_test_count },
		{ cli_tests, &cli_test_count },
	};
	unsigned int passed = 0, failed = 0, number = 0;
	size_t s, i;

	cli_binary = argc > 1 ? argv[1] : "./dha";
	for (s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		for (i = 0; i < *suites[s].count; i++) {
			const struct test_case *test = &suites[s].cases[i];

			current_failures = 0;
			test->run();
			number++;
			if (current_failures) {
				printf("not ok %u - %s\n", number, test->name);
				failed++;
			} else {
				printf("ok %u - %s\n", number, test->name);
				passed++;
			}
			fflush(stdout);
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
