/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Home Agents List of the home link (RFC 6275 §10.5.1): the other
 * home agents heard in Router Advertisements with the H bit, keyed by
 * their link-local address, each with a global address, preference and
 * lifetime, kept in order of preference (highest first) as DHAAD
 * replies need. This home agent itself is not an entry: its figures
 * come from the configuration.
 */
#ifndef DHAD_HALIST_H
#define DHAD_HALIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/loop.h"

/*
 * A home link has a handful of home agents; the cap keeps a flood of
 * forged advertisements from growing the list without bound.
 */
#define HALIST_MAX 64

struct halist_entry {
	struct in6_addr link_local;
	struct in6_addr address;
	int16_t preference;
	uint16_t lifetime;		/* seconds, as advertised */
	bool mobile_routers;		/* R in its HA Information option */
	uint64_t expiry_ms;

	/* Private to halist.c. */
	struct loop_timer timer;
	struct halist_entry *next;
	struct halist *list;
};

struct halist {
	struct halist_entry *head;	/* highest preference first */
	size_t count;
	struct loop *loop;
};

void halist_init(struct halist *list, struct loop *loop);
void halist_destroy(struct halist *list);

/*
 * What a Router Advertisement with the H bit says about its sender
 * (RFC 6275 §10.5.1): adds or refreshes the entry, or removes it when
 * lifetime is 0. 0, -ENOSPC for a new entry beyond HALIST_MAX, or
 * -ENOMEM.
 */
int halist_update(struct halist *list, const struct in6_addr *link_local,
		  const struct in6_addr *address, int16_t preference,
		  uint16_t lifetime, bool mobile_routers);
/* Removes the entry of link_local, if there is one. */
void halist_remove(struct halist *list, const struct in6_addr *link_local);
struct halist_entry *halist_lookup(const struct halist *list,
				   const struct in6_addr *link_local);
uint32_t halist_lifetime_left(const struct halist *list,
			      const struct halist_entry *entry);

#endif /* DHAD_HALIST_H */
