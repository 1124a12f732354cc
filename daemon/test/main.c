// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs every unit test of dhad.
 *
 * Usage: unit [PATH-TO-DHAD]   (default ./dhad, as "make test" builds it)
 */
#include "check.h"

const char *dhad_binary;

int main(int argc, char **argv)
{
	static const struct test_suite suites[] = {
		SUITE_ENTRY(addr),
		SUITE_ENTRY(local),
		SUITE_ENTRY(msgstats),
		SUITE_ENTRY(config),
		SUITE_ENTRY(homelinks),
		SUITE_ENTRY(timer),
		SUITE_ENTRY(cache),
		SUITE_ENTRY(halist),
		SUITE_ENTRY(kernel),
		SUITE_ENTRY(control),
		SUITE_ENTRY(registration),
		SUITE_ENTRY(policy),
		SUITE_ENTRY(mobility),
		SUITE_ENTRY(binding),
		SUITE_ENTRY(dad),
		SUITE_ENTRY(auth),
		SUITE_ENTRY(redundancy),
		SUITE_ENTRY(notify),
		SUITE_ENTRY(sync),
		SUITE_ENTRY(pacer),
		SUITE_ENTRY(verdict),
		SUITE_ENTRY(intercept),
		SUITE_ENTRY(haswitch),
		SUITE_ENTRY(discovery),
		SUITE_ENTRY(ra),
		SUITE_ENTRY(loadbalance),
		SUITE_ENTRY(prefixadv),
		SUITE_ENTRY(spd),
		SUITE_ENTRY(ratelimit),
		SUITE_ENTRY(takeover),
		SUITE_ENTRY(global),
		SUITE_ENTRY(cli),
		SUITE_ENTRY(pmip_config),
		SUITE_ENTRY(lmacache),
		SUITE_ENTRY(mnid),
	};

	dhad_binary = argc > 1 ? argv[1] : "./dhad";
	return run_suites(suites, sizeof(suites) / sizeof(suites[0]));
}
