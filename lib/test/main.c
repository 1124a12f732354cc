// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs every unit test of libdha-nl. Host-side: what needs a kernel
 * talks to the host's rtnetlink and generic netlink controller, never
 * to the dha module.
 */
#include "check.h"

int main(void)
{
	static const struct test_suite suites[] = {
		SUITE_ENTRY(ack),
		SUITE_ENTRY(nlbuild),
		SUITE_ENTRY(genl),
		SUITE_ENTRY(nlsock),
	};

	return run_suites(suites, sizeof(suites) / sizeof(suites[0]));
}
