// SPDX-License-Identifier: GPL-2.0-only
/* Per-message-type counters. See msgstats.h. */
#include "core/msgstats.h"
#include "wire/numbers.h"

struct named {
	uint8_t type;
	const char *name;
};

/*
 * The types a home agent sends or may receive; the route optimization
 * ones (BRR, HoTI, ...) because a mobile node may send them and they are
 * answered with a Binding Error.
 */
static const struct named mh_names[] = {
	{ DHA_MH_BRR, "binding-refresh-request" },
	{ DHA_MH_HOTI, "home-test-init" },
	{ DHA_MH_COTI, "care-of-test-init" },
	{ DHA_MH_HOT, "home-test" },
	{ DHA_MH_COT, "care-of-test" },
	{ DHA_MH_BU, "binding-update" },
	{ DHA_MH_BA, "binding-ack" },
	{ DHA_MH_BE, "binding-error" },
	{ DHA_MH_EXPERIMENTAL, "experimental" },
	{ DHA_MH_HA_SWITCH, "home-agent-switch" },
};

static const struct named icmpv6_names[] = {
	{ DHA_ICMP6_ROUTER_SOLICIT, "router-solicitation" },
	{ DHA_ICMP6_ROUTER_ADVERT, "router-advertisement" },
	{ DHA_ICMP6_DHAAD_REQUEST, "dhaad-request" },
	{ DHA_ICMP6_DHAAD_REPLY, "dhaad-reply" },
	{ DHA_ICMP6_MOBILE_PREFIX_SOLICIT, "mobile-prefix-solicitation" },
	{ DHA_ICMP6_MOBILE_PREFIX_ADVERT, "mobile-prefix-advertisement" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *msgstats_name(enum msgstats_protocol protocol, uint8_t type)
{
	const struct named *names = protocol == MSGSTATS_MH ? mh_names :
							      icmpv6_names;
	size_t count = protocol == MSGSTATS_MH ? COUNT(mh_names) :
						 COUNT(icmpv6_names);
	size_t i;

	for (i = 0; i < count; i++)
		if (names[i].type == type)
			return names[i].name;
	return NULL;
}

static void add_protocol(json_object *array, enum msgstats_protocol protocol,
			 const struct msgstats *stats)
{
	unsigned int type;

	for (type = 0; type < 256; type++) {
		const struct msgstats_entry *e = &stats->type[type];
		const char *name = msgstats_name(protocol, (uint8_t)type);
		json_object *obj;

		if (!name && !e->received && !e->sent && !e->dropped)
			continue;
		obj = json_object_new_object();
		if (!obj)
			return;
		json_object_object_add(obj, "protocol", json_object_new_string(
					       protocol == MSGSTATS_MH ?
						       "mh" : "icmpv6"));
		json_object_object_add(obj, "type", json_object_new_int(
					       (int)type));
		if (name)
			json_object_object_add(obj, "name",
					       json_object_new_string(name));
		json_object_object_add(obj, "received", json_object_new_int64(
					       (int64_t)e->received));
		json_object_object_add(obj, "sent", json_object_new_int64(
					       (int64_t)e->sent));
		json_object_object_add(obj, "dropped", json_object_new_int64(
					       (int64_t)e->dropped));
		json_object_array_add(array, obj);
	}
}

json_object *msgstats_json(const struct msgstats *mh,
			   const struct msgstats *icmpv6)
{
	json_object *array = json_object_new_array();

	if (!array)
		return NULL;
	add_protocol(array, MSGSTATS_MH, mh);
	add_protocol(array, MSGSTATS_ICMPV6, icmpv6);
	return array;
}
