// SPDX-License-Identifier: GPL-2.0-only
/* The global home agent set's rules (set.h). */
#include <string.h>

#include "global/set.h"
#include "wire/numbers.h"

enum global_hello_verdict global_hello_verdict(uint8_t group,
					       const struct dha_hamsg_hello *h)
{
	if (!(h->flags & DHA_HELLO_FLAG_G))
		return GLOBAL_HELLO_NOT_GLOBAL;
	if (h->group != group)
		return GLOBAL_HELLO_OTHER_GROUP;
	return GLOBAL_HELLO_TAKE;
}

unsigned int global_hello_ha_addresses(const struct dha_hamsg *msg,
				       struct in6_addr *out, unsigned int max)
{
	unsigned int n = 0, j;
	size_t i;

	for (i = 0; i < msg->addr_count && n < max; i++) {
		if (msg->addrs[i].code != DHA_IPADDR_CODE_HA_ADDRESS)
			continue;
		for (j = 0; j < n; j++)
			if (memcmp(&out[j], &msg->addrs[i].addr,
				   sizeof(out[j])) == 0)
				break;
		if (j == n)
			out[n++] = msg->addrs[i].addr;
	}
	return n;
}

uint64_t global_dead_ms(uint32_t hello_loss, uint16_t interval_ms,
			uint32_t own_interval_ms, uint16_t lifetime_s)
{
	uint64_t dead = (uint64_t)hello_loss *
			(interval_ms ? interval_ms : own_interval_ms);
	uint64_t lifetime_ms = (uint64_t)lifetime_s * 1000u;

	return lifetime_ms < dead ? lifetime_ms : dead;
}

uint32_t global_lifetime_left_s(uint16_t lifetime_s, uint64_t heard_ms,
				uint64_t now_ms)
{
	uint64_t end = heard_ms + (uint64_t)lifetime_s * 1000u;

	return now_ms >= end ? 0 : (uint32_t)((end - now_ms + 999) / 1000);
}
