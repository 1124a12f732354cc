/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Home Agents List of the home link (RFC 6275 §10.5.1): the other
 * home agents heard in Router Advertisements with the H bit, keyed by
 * their link-local address, each with a global address, preference and
 * lifetime, kept in order of preference (highest first) as DHAAD
 * replies need. This home agent itself is not an entry: its figures
 * come from the configuration.
 *
 * The members of a redundant home agent set (HA reliability, hard
 * switch) are listed from their Hellos instead (draft 7.2.3, 7.2.4):
 * such an entry is keyed by the member's Hello source, a global
 * address, in link_local (the two kinds of key never meet), and has
 * member set.
 *
 * With load balancing (draft-deng-mip6-ha-loadbalance section 5), an
 * entry also holds the load its last Router Advertisement with the L
 * flag reported: Queue Size and Registered MN Number, and when they
 * were heard (core/load.h says when they are too old to count).
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

/* The Load Balance Information option's figures (draft-deng section 7). */
struct halist_load {
	uint16_t queue_size;
	uint16_t registered_mns;
};

struct halist_entry {
	struct in6_addr link_local;
	struct in6_addr address;
	int16_t preference;
	uint16_t lifetime;		/* seconds, as advertised */
	bool mobile_routers;		/* R in its HA Information option */
	bool member;			/* from Hellos: link_local is global */
	uint64_t expiry_ms;
	bool has_load;			/* its last RA had L and the option */
	struct halist_load load;
	uint64_t load_ms;		/* loop clock when load was heard */

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
/*
 * What a redundant set member's Hello says (draft 7.2.4): the member
 * whose Hellos come from source serves at address, or with lifetime 0
 * does not (standby, failed, left). Either way an entry of address
 * learnt from Router Advertisements goes, since Hellos manage the
 * list for the set's members (7.2.3): the member is listed under
 * source only, and a standby or dead one not at all. Such an entry's
 * R flag carries over (Hellos do not say it). Returns as
 * halist_update().
 */
int halist_update_member(struct halist *list, const struct in6_addr *source,
			 const struct in6_addr *address, int16_t preference,
			 uint16_t lifetime);
/*
 * What the same Router Advertisement said of the sender's load: the
 * figures (heard now), or NULL when it had no L flag and option, which
 * forgets them. Nothing if link_local has no entry.
 */
void halist_set_load(struct halist *list, const struct in6_addr *link_local,
		     const struct halist_load *load);
/* Removes the entry of link_local, if there is one. */
void halist_remove(struct halist *list, const struct in6_addr *link_local);
struct halist_entry *halist_lookup(const struct halist *list,
				   const struct in6_addr *link_local);
/* Whether a member's entry (from Hellos) lists address. */
bool halist_member_lists(const struct halist *list,
			 const struct in6_addr *address);
uint32_t halist_lifetime_left(const struct halist *list,
			      const struct halist_entry *entry);

#endif /* DHAD_HALIST_H */
