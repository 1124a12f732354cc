// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs every unit test of the dha tool.
 *
 * Usage: unit [PATH-TO-DHA]   (default ./dha, as "make test" builds it)
 */
#include "check.h"

int main(int argc, char **argv)
{
	static const struct test_suite suites[] = {
		SUITE_ENTRY(parse),
		SUITE_ENTRY(args),
		SUITE_ENTRY(msg),
		SUITE_ENTRY(output),
		SUITE_ENTRY(batch),
		SUITE_ENTRY(cli),
	};

	cli_binary = argc > 1 ? argv[1] : "./dha";
	return run_suites(suites, sizeof(suites) / sizeof(suites[0]));
}
