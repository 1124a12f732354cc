// SPDX-License-Identifier: GPL-2.0-only
/*
 * Addresses in the configuration: the keys of several protocols that
 * name a member or a peer by its global unicast address (conf.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/conf.h"
#include "sys/addr.h"

bool conf_global_address(const char *name, const char *value,
			 const char *hint, struct in6_addr *out, char *why)
{
	const char *reason;

	if (!addr_parse_global(value, out, &reason)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad %s \"%s\": %s (%s)", name,
			 value, reason, hint);
		return false;
	}
	return true;
}

bool conf_global_address_add(const char *name, const char *value,
			     const char *hint, struct in6_addr *list,
			     unsigned int *count, unsigned int max, char *why)
{
	struct in6_addr addr;
	unsigned int i;

	if (!conf_global_address(name, value, hint, &addr, why))
		return false;
	for (i = 0; i < *count; i++) {
		if (memcmp(&list[i], &addr, sizeof(addr)) == 0) {
			snprintf(why, CONF_MESSAGE_MAX, "%s %s given twice",
				 name, value);
			return false;
		}
	}
	if (*count == max) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %u %ss", max, name);
		return false;
	}
	list[(*count)++] = addr;
	return true;
}
