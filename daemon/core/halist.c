// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Home Agents List. See halist.h. A home link has a handful of home
 * agents, so a sorted singly linked list is all it needs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sys/addr.h"
#include "core/halist.h"
#include "sys/log.h"

void halist_init(struct halist *list, struct loop *loop)
{
	list->head = NULL;
	list->count = 0;
	list->loop = loop;
}

static void unlink_entry(struct halist *list, struct halist_entry *entry)
{
	struct halist_entry **link;

	for (link = &list->head; *link; link = &(*link)->next) {
		if (*link == entry) {
			*link = entry->next;
			list->count--;
			return;
		}
	}
}

/* Equal preferences keep the order of arrival. */
static void insert_sorted(struct halist *list, struct halist_entry *entry)
{
	struct halist_entry **link = &list->head;

	while (*link && (*link)->preference >= entry->preference)
		link = &(*link)->next;
	entry->next = *link;
	*link = entry;
	list->count++;
}

static void remove_entry(struct halist *list, struct halist_entry *entry)
{
	unlink_entry(list, entry);
	loop_timer_stop(list->loop, &entry->timer);
	free(entry);
}

static void entry_expired(struct loop_timer *timer)
{
	struct halist_entry *entry = container_of(timer, struct halist_entry,
						  timer);
	char address[INET6_ADDRSTRLEN], link_local[INET6_ADDRSTRLEN];

	log_info("home agent %s (%s) expired from the list",
		 addr_format(&entry->address, address),
		 addr_format(&entry->link_local, link_local));
	remove_entry(entry->list, entry);
}

void halist_destroy(struct halist *list)
{
	while (list->head)
		remove_entry(list, list->head);
}

struct halist_entry *halist_lookup(const struct halist *list,
				   const struct in6_addr *link_local)
{
	struct halist_entry *entry;

	for (entry = list->head; entry; entry = entry->next) {
		if (memcmp(&entry->link_local, link_local,
			   sizeof(*link_local)) == 0)
			return entry;
	}
	return NULL;
}

bool halist_member_lists(const struct halist *list,
			 const struct in6_addr *address)
{
	const struct halist_entry *entry;

	for (entry = list->head; entry; entry = entry->next) {
		if (entry->member &&
		    memcmp(&entry->address, address, sizeof(*address)) == 0)
			return true;
	}
	return false;
}

void halist_remove(struct halist *list, const struct in6_addr *link_local)
{
	struct halist_entry *entry = halist_lookup(list, link_local);

	if (entry)
		remove_entry(list, entry);
}

int halist_update(struct halist *list, const struct in6_addr *link_local,
		  const struct in6_addr *address, int16_t preference,
		  uint16_t lifetime, bool mobile_routers)
{
	struct halist_entry *entry = halist_lookup(list, link_local);
	int ret;

	if (!lifetime) {
		if (entry)
			remove_entry(list, entry);
		return 0;
	}
	if (entry) {
		unlink_entry(list, entry);
	} else {
		if (list->count >= HALIST_MAX)
			return -ENOSPC;
		entry = calloc(1, sizeof(*entry));
		if (!entry)
			return -ENOMEM;
		entry->link_local = *link_local;
		entry->list = list;
		timer_init(&entry->timer, entry_expired);
	}
	entry->address = *address;
	entry->preference = preference;
	entry->lifetime = lifetime;
	entry->mobile_routers = mobile_routers;
	insert_sorted(list, entry);
	entry->expiry_ms = loop_now_ms(list->loop) + (uint64_t)lifetime * 1000;
	ret = loop_timer_start_at(list->loop, &entry->timer, entry->expiry_ms);
	if (ret)
		remove_entry(list, entry);
	return ret;
}

void halist_set_load(struct halist *list, const struct in6_addr *link_local,
		     const struct halist_load *load)
{
	struct halist_entry *entry = halist_lookup(list, link_local);

	if (!entry)
		return;
	entry->has_load = load != NULL;
	if (load) {
		entry->load = *load;
		entry->load_ms = loop_now_ms(list->loop);
	}
}

int halist_update_member(struct halist *list, const struct in6_addr *source,
			 const struct in6_addr *address, int16_t preference,
			 uint16_t lifetime)
{
	struct halist_entry *entry, *next;
	bool mobile_routers = false;
	int ret;

	for (entry = list->head; entry; entry = next) {
		next = entry->next;
		if (memcmp(&entry->address, address, sizeof(*address)) != 0)
			continue;
		mobile_routers |= entry->mobile_routers;
		if (memcmp(&entry->link_local, source, sizeof(*source)) != 0)
			remove_entry(list, entry);
	}
	ret = halist_update(list, source, address, preference, lifetime,
			    mobile_routers);
	entry = halist_lookup(list, source);
	if (entry)
		entry->member = true;
	return ret;
}

uint32_t halist_lifetime_left(const struct halist *list,
			      const struct halist_entry *entry)
{
	uint64_t now = loop_now_ms(list->loop);

	if (entry->expiry_ms <= now)
		return 0;
	return (uint32_t)((entry->expiry_ms - now + 999) / 1000);
}
