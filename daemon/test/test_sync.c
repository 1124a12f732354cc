// SPDX-License-Identifier: GPL-2.0-only
/* State Synchronization's arithmetic. */
#include "../sync.h"
#include "check.h"

static void test_sync_lifetime_units(void)
{
	CHECK_INT(sync_lifetime_units(0), 0);
	CHECK_INT(sync_lifetime_units(1), 1);
	CHECK_INT(sync_lifetime_units(4), 1);
	CHECK_INT(sync_lifetime_units(5), 2);
	CHECK_INT(sync_lifetime_units(600), 150);
	CHECK_INT(sync_lifetime_units(0xffff * 4), 0xffff);
	CHECK_INT(sync_lifetime_units(UINT32_MAX), 0xffff);
}

static void test_sync_sequence_newer(void)
{
	CHECK(sync_sequence_newer(2, 1));
	CHECK(!sync_sequence_newer(1, 2));
	CHECK(!sync_sequence_newer(5, 5));
	/* Modulo 2^16, as RFC 6275 9.5.1 compares them. */
	CHECK(sync_sequence_newer(3, 65530));
	CHECK(!sync_sequence_newer(65530, 3));
	CHECK(sync_sequence_newer(0x8000 + 9, 10));
	CHECK(!sync_sequence_newer(0x8000 + 10, 10));
}

SUITE(sync, TEST_CASE(test_sync_lifetime_units),
      TEST_CASE(test_sync_sequence_newer));
