// SPDX-License-Identifier: GPL-2.0-only
/* Per-message-type counters and their JSON (core/msgstats.h). */
#include <string.h>

#include "core/msgstats.h"
#include "wire/numbers.h"
#include "check.h"

static void test_msgstats_names(void)
{
	CHECK_STR(msgstats_name(MSGSTATS_MH, DHA_MH_BU), "binding-update");
	CHECK_STR(msgstats_name(MSGSTATS_MH, DHA_MH_BE), "binding-error");
	CHECK_STR(msgstats_name(MSGSTATS_MH, DHA_MH_HA_SWITCH),
		  "home-agent-switch");
	CHECK(msgstats_name(MSGSTATS_MH, 100) == NULL);
	CHECK_STR(msgstats_name(MSGSTATS_ICMPV6,
				DHA_ICMP6_MOBILE_PREFIX_SOLICIT),
		  "mobile-prefix-solicitation");
	CHECK_STR(msgstats_name(MSGSTATS_ICMPV6, DHA_ICMP6_DHAAD_REPLY),
		  "dhaad-reply");
	/* The numbering spaces are apart: MH 5 is no ICMPv6 type dhad names. */
	CHECK(msgstats_name(MSGSTATS_ICMPV6, DHA_MH_BU) == NULL);
}

/* Named types always, others once counted; by protocol, then type. */
static void test_msgstats_json(void)
{
	static struct msgstats mh, icmpv6;
	json_object *array, *item;
	size_t n_mh = 0, n_icmp = 0, i;
	int last = -1;

	memset(&mh, 0, sizeof(mh));
	memset(&icmpv6, 0, sizeof(icmpv6));
	mh.type[DHA_MH_BU].received = 7;
	mh.type[DHA_MH_BU].dropped = 2;
	mh.type[DHA_MH_BA].sent = 5;
	mh.type[100].received = 3;
	icmpv6.type[DHA_ICMP6_MOBILE_PREFIX_SOLICIT].received = 40;
	array = msgstats_json(&mh, &icmpv6);
	CHECK(array != NULL);
	for (i = 0; i < json_object_array_length(array); i++) {
		const char *protocol;
		int type;

		item = json_object_array_get_idx(array, i);
		protocol = json_object_get_string(
			json_object_object_get(item, "protocol"));
		type = json_object_get_int(json_object_object_get(item, "type"));
		if (!strcmp(protocol, "mh")) {
			CHECK_INT(n_icmp, 0);
			n_mh++;
		} else {
			CHECK_STR(protocol, "icmpv6");
			if (!n_icmp)
				last = -1;
			n_icmp++;
		}
		CHECK(type > last);
		last = type;
		if (!strcmp(protocol, "mh") && type == DHA_MH_BU) {
			CHECK_STR(json_object_get_string(json_object_object_get(
					  item, "name")), "binding-update");
			CHECK_INT(json_object_get_int64(json_object_object_get(
					  item, "received")), 7);
			CHECK_INT(json_object_get_int64(json_object_object_get(
					  item, "sent")), 0);
			CHECK_INT(json_object_get_int64(json_object_object_get(
					  item, "dropped")), 2);
		}
		if (!strcmp(protocol, "mh") && type == 100)
			CHECK(json_object_object_get(item, "name") == NULL);
	}
	/* 10 named MH types and the counted 100; 6 named ICMPv6 types. */
	CHECK_INT(n_mh, 11);
	CHECK_INT(n_icmp, 6);
	json_object_put(array);
}

SUITE(msgstats, TEST_CASE(test_msgstats_names),
      TEST_CASE(test_msgstats_json));
