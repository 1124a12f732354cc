/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The global HAHA (draft-wakikawa-mext-global-haha-spec-01) as a
 * protocol of dhad: home agents at several sites serving one anycast
 * home prefix, each a member of a global home agent set
 * (Documentation/global-haha.md). This header is the protocol's face to
 * the core (global_protocol) and the state its files share:
 *
 *   global.c  the protocol's hooks, start and stop, its phases
 *   hello.c   Hellos: sent to every member, received and checked
 *   serve.c   the HA-to-HA links (the dha device's peers) and the home
 *             prefix in route-table
 *   show.c    the "global" object of dha ha show
 *   set.c     the set's rules, pure
 *
 * Lifetime: start() allocates the state, stop() sends the goodbye,
 * withdraws the route and frees it; every timer is stopped there.
 */
#ifndef DHAD_GLOBAL_H
#define DHAD_GLOBAL_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <json-c/json.h>

#include "core/auth.h"
#include "core/home.h"
#include "core/protocol.h"
#include "global/config.h"
#include "global/set.h"
#include "nlsock.h"
#include "sys/rawsock.h"
#include "sys/timer.h"

struct dhad;
struct global;
struct mh_listener;

extern const struct protocol global_protocol;

/* Where a member is in its life (dha ha show: "phase"). */
enum global_phase {
	GLOBAL_WAITING,			/* the locator is not up yet */
	GLOBAL_BOOTSTRAP,		/* links made, listening for members */
	GLOBAL_READY,			/* it serves the home prefix */
};

struct global_member {
	struct global *g;
	struct in6_addr locator;	/* a configured peer */
	bool linked;			/* its dha device peer is in place */
	bool heard;			/* a Hello ever taken */
	bool alive;
	bool left;			/* its last Hello had lifetime 0 */
	uint8_t group;
	uint16_t lifetime_s;		/* home agent lifetime, its last Hello */
	uint16_t interval_ms;		/* its Hello interval */
	uint64_t heard_ms;		/* loop clock of its last Hello */
	unsigned int ha_count;
	struct in6_addr ha_addresses[GLOBAL_HA_ADDRS_MAX];
	uint64_t hellos_rx;
	uint64_t failures;
	struct auth_replay replay;
	struct loop_timer dead_timer;
};

struct global_counters {
	uint64_t hello_tx, hello_rx;
	uint64_t solicit_tx, solicit_rx;	/* Hellos with R */
	uint64_t drop_malformed;
	uint64_t drop_unknown_sender;
	uint64_t drop_group;
	uint64_t drop_not_global;		/* no G flag */
	uint64_t drop_unauthenticated;
	uint64_t drop_replayed;
	uint64_t member_failures;
	uint64_t routes_added, routes_removed;
	uint64_t errors;			/* kernel requests refused */
};

struct global {
	struct dhad *dhad;
	const struct config_global *config;
	struct mh_listener *listener;	/* bound to the locator */
	struct auth auth;
	enum global_phase phase;
	uint64_t phase_since_ms;
	char phase_reason[96];
	uint16_t hello_seq;
	unsigned int member_count;
	struct global_member members[GLOBAL_PEERS_MAX];
	struct loop_timer hello_timer;
	struct loop_timer retry_timer;	/* the locator, the links */
	struct loop_timer bootstrap_timer;
	struct nlsock nl;		/* NETLINK_ROUTE, the route */
	bool announced;			/* the home prefix is in route-table */
	uint32_t route_ifindex;		/* the home link, when announced */
	struct global_counters counters;
};

/* global.c */
void global_set_phase(struct global *g, enum global_phase phase,
		      const char *reason);
/* Every member heard: the bootstrap ends early. */
void global_bootstrap_check(struct global *g);
uint64_t global_dead_interval_ms(const struct global *g);

/* hello.c */
/* Hellos to every member: R set during the bootstrap (5.2.3). */
void global_hellos(struct global *g, uint16_t lifetime_s);
void global_hello_tick(struct loop_timer *timer);
void global_member_dead(struct loop_timer *timer);
void global_receive(void *arg, const struct rawsock_rx *rx);
uint64_t global_wall_clock_us(void);

/* serve.c */
/* Makes the missing HA-to-HA links; true when every one is in place. */
bool global_links_make(struct global *g);
/* Puts the home prefix in route-table, or takes it out, as things are. */
void global_serve_update(struct global *g);
/* Takes it out whatever (stop). */
void global_serve_withdraw(struct global *g);
int global_serve_open(struct global *g);
void global_serve_close(struct global *g);

/* show.c */
json_object *global_json(const struct global *g);

#endif /* DHAD_GLOBAL_H */
