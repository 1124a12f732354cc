/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent as the protocols share it: its identity on the home
 * link, which the protocol owning the home link's settings publishes
 * (mip6's [home-agent]), and the services that protocol offers the
 * others (HA reliability, and later global HAHA and load balancing):
 * putting a binding into force here or withdrawing it, announcing an
 * address of the home agent on the home link, and sending a Home Agent
 * Switch. The others call them through the core, never through the
 * serving protocol's headers.
 */
#ifndef DHAD_HOME_H
#define DHAD_HOME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#include "sys/addr.h"

struct cache_entry;
struct dhad;

/* Home prefixes of one home link; the kernel's limit per binding too. */
#define CONFIG_PREFIXES_MAX 16

/* The Home Agent Switch messages' pace (haswitch.h), read at each use. */
struct haswitch_settings {
	uint32_t rate;			/* first transmissions a second */
	uint32_t retransmissions;
};

struct dhad_home {
	char home_link[IF_NAMESIZE];
	char device[IF_NAMESIZE];	/* the dha device */
	struct in6_addr address;	/* the home agent's */
	unsigned int prefix_count;
	struct dhad_prefix prefixes[CONFIG_PREFIXES_MAX];
	uint32_t max_lifetime;		/* of a binding, seconds */
	uint16_t ha_lifetime;		/* Home Agent Lifetime, seconds */
	bool advertises;		/* dhad sends the home link's RAs */
	struct haswitch_settings switching;
};

struct home_ops {
	/*
	 * Puts n cache entries' bindings into force here: the kernel
	 * binding with the lifetime left, what intercepts its traffic,
	 * an announcement on the home link. errors[i]: entry i's 0 or
	 * negative errno, logged. Many at once cost the kernel a datagram
	 * per few dozen (a takeover's).
	 */
	void (*commit)(void *arg, struct cache_entry **entries, size_t n,
		       int *errors);
	/* Withdraws them from the kernel; the cache keeps them, synced. */
	void (*uncommit)(void *arg, struct cache_entry **entries, size_t n);
	/*
	 * addr, an address of the home agent itself, has just come up on
	 * the home link: advertise it (Neighbor Advertisements, R set);
	 * announce_stop() ends what is still due.
	 */
	void (*announce)(void *arg, const struct in6_addr *addr);
	void (*announce_stop)(void *arg, const struct in6_addr *addr);
	/*
	 * Ends the binding of entry here as a deregistration would: the
	 * kernel binding and its routes go, then the cache entry (load
	 * balancing, once the mobile node moved to another home agent).
	 */
	void (*release)(void *arg, struct cache_entry *entry);
	/* Sends one Home Agent Switch (RFC 5142), failures logged. */
	void (*send_ha_switch)(void *arg, const struct in6_addr *home_address,
			       const struct in6_addr *care_of_address,
			       const struct in6_addr *home_agents,
			       unsigned int count);
};

/* The serving protocol offers its services (NULL ops: withdrawn). */
void home_serve(struct dhad *dhad, const struct home_ops *ops, void *arg);

/*
 * The services; without a serving protocol home_commit_many() answers
 * each entry with -EOPNOTSUPP and the others do nothing.
 */
void home_commit_many(struct dhad *dhad, struct cache_entry **entries,
		      size_t n, int *errors);
void home_uncommit(struct dhad *dhad, struct cache_entry *entry);
void home_uncommit_many(struct dhad *dhad, struct cache_entry **entries,
			size_t n);
void home_release(struct dhad *dhad, struct cache_entry *entry);
void home_announce(struct dhad *dhad, const struct in6_addr *addr);
void home_announce_stop(struct dhad *dhad, const struct in6_addr *addr);
void home_send_ha_switch(struct dhad *dhad,
			 const struct in6_addr *home_address,
			 const struct in6_addr *care_of_address,
			 const struct in6_addr *home_agents, unsigned int count);

#endif /* DHAD_HOME_H */
