// SPDX-License-Identifier: GPL-2.0-only
#include "check.h"

unsigned int check_failures;

int main(void)
{
	static const struct test_case *const suites[] = {
		csum_tests, mh_tests, mh_build_tests, ipv6ext_tests, ndisc_tests,
		hamsg_tests, pmip_tests,
	};
	unsigned int n = 0, passed = 0, failed = 0;
	size_t s;

	for (s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		const struct test_case *t;

		for (t = suites[s]; t->name; t++) {
			check_failures = 0;
			t->fn();
			n++;
			if (check_failures) {
				printf("not ok %u - %s\n", n, t->name);
				failed++;
			} else {
				printf("ok %u - %s\n", n, t->name);
				passed++;
			}
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
