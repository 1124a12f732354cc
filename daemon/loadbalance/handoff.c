// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Home Agent Handoff Table (handoff.h): a list, since only the
 * mobile nodes handed off within one handoff-hold are in it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loadbalance/handoff.h"

void lb_handoffs_init(struct lb_handoffs *table)
{
	table->head = NULL;
	table->count = 0;
}

void lb_handoffs_expire(struct lb_handoffs *table, uint64_t now_ms)
{
	struct lb_handoff **link = &table->head, *entry;

	while ((entry = *link)) {
		if (entry->expiry_ms <= now_ms) {
			*link = entry->next;
			free(entry);
			table->count--;
		} else {
			link = &entry->next;
		}
	}
}

void lb_handoffs_destroy(struct lb_handoffs *table)
{
	lb_handoffs_expire(table, UINT64_MAX);
}

static struct lb_handoff *lookup(struct lb_handoffs *table,
				 const struct in6_addr *home_address,
				 uint64_t now_ms)
{
	struct lb_handoff *entry;

	lb_handoffs_expire(table, now_ms);
	for (entry = table->head; entry; entry = entry->next)
		if (memcmp(&entry->home_address, home_address,
			   sizeof(*home_address)) == 0)
			return entry;
	return NULL;
}

const struct in6_addr *lb_handoff_assigned(struct lb_handoffs *table,
					   const struct in6_addr *home_address,
					   uint64_t now_ms)
{
	struct lb_handoff *entry = lookup(table, home_address, now_ms);

	return entry ? &entry->new_home_agent : NULL;
}

int lb_handoff_record(struct lb_handoffs *table,
		      const struct in6_addr *home_address,
		      const struct in6_addr *new_home_agent, uint64_t now_ms,
		      uint64_t expiry_ms)
{
	struct lb_handoff *entry = lookup(table, home_address, now_ms);

	if (entry)
		return -EEXIST;
	if (table->count >= LB_HANDOFFS_MAX)
		return -ENOSPC;
	entry = calloc(1, sizeof(*entry));
	if (!entry)
		return -ENOMEM;
	entry->home_address = *home_address;
	entry->next = table->head;
	table->head = entry;
	table->count++;
	entry->new_home_agent = *new_home_agent;
	entry->expiry_ms = expiry_ms;
	return 0;
}
