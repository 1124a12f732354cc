/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Home Agent Switch messages (RFC 5142) on their way to mobile nodes: at
 * most one per home address, each naming the home agents the mobile node
 * should register with instead.
 *
 * Pacing: first transmissions leave at most switch-rate a second, in the
 * order they were asked for, so that switching thousands of mobile nodes
 * does not flood the home agents they move to (RFC 5142 §7). The token
 * bucket behind it holds one message and a millisecond's worth, so an
 * idle period does not turn into a burst.
 *
 * Retransmission (§5.2): after INITIAL-HA-SWITCH-TIMEOUT (5 s), doubling
 * up to MAX-HA-SWITCH-TIMEOUT (20 s), until the mobile node answers or
 * switch-retransmissions have gone out without an answer (logged and
 * counted as gave-up). The answer is an accepted Binding Update from the
 * home address at this home agent (haswitch_binding_update()): when this
 * home agent serves the mobile node, one that deletes the binding (§6.1);
 * when it takes over for another one (HA reliability's hard switch), any,
 * since creating the binding here is the answer.
 *
 * Renewals (§5.3): once a message went out, a Binding Update that would
 * extend the binding here is refused with 129, until the binding ends,
 * also after giving up. Not before the first transmission: a mobile node
 * still waiting in the queue keeps its service as if nothing was asked.
 *
 * Each message goes to the care-of address of the home address's binding
 * in the cache, looked up at every transmission; without a binding the
 * switch ends (counted as binding-gone).
 *
 * Time comes from haswitch_run(): the loop's clock in the daemon (a loop
 * timer calls it when something is due), any clock in the tests.
 */
#ifndef DHAD_HASWITCH_H
#define DHAD_HASWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/cache.h"
#include "core/home.h"
#include "sys/loop.h"

/* RFC 5142 §8. */
#define HASWITCH_INITIAL_TIMEOUT_MS 5000
#define HASWITCH_MAX_TIMEOUT_MS 20000
/* Home agents named in one message; the wire allows 127. */
#define HASWITCH_HOME_AGENTS_MAX 16

/*
 * Sends one Home Agent Switch message for home_address through its
 * care-of address. Failures are the sender's to log: the retransmission
 * covers them like a lost packet.
 */
typedef void (*haswitch_send_fn)(void *arg, const struct in6_addr *home_address,
				 const struct in6_addr *care_of_address,
				 const struct in6_addr *home_agents,
				 unsigned int count);

struct haswitch_counters {
	uint64_t sent;			/* first transmissions */
	uint64_t retransmitted;
	uint64_t answered;
	uint64_t gave_up;		/* switch-retransmissions spent */
	uint64_t binding_gone;		/* no binding to send through */
	uint64_t renewals_refused;	/* BUs answered with 129 */
};

struct haswitch_entry;
struct haswitch_home_agents;

struct haswitch {
	struct loop *loop;
	struct cache *cache;
	/* switch-rate and switch-retransmissions, read at each use */
	const struct haswitch_settings *settings;
	haswitch_send_fn send;
	void *send_arg;

	/* Every entry by home address; SipHash-keyed like the cache. */
	struct haswitch_entry **buckets;
	size_t bucket_count;		/* a power of two */
	size_t count;
	uint64_t key[2];

	/* Entries waiting for their first transmission, oldest first. */
	struct haswitch_entry *queue_head, *queue_tail;
	size_t queued;
	size_t pending;			/* queued, or sent, not answered */

	/* Pacing: thousandths of a first transmission, and when last filled. */
	uint64_t credit;
	uint64_t credit_ms;

	struct timer_heap timers;	/* retransmissions, renewal refusals */
	struct loop_timer wakeup;	/* runs haswitch_run() when due */
	/* The last list asked for, shared by the entries that ask the same. */
	struct haswitch_home_agents *last_home_agents;
	struct haswitch_counters counters;
};

/*
 * send(arg, ...) transmits; settings are read at each use, so reloads
 * apply.
 */
int haswitch_init(struct haswitch *haswitch, struct loop *loop,
		  struct cache *cache, const struct haswitch_settings *settings,
		  haswitch_send_fn send, void *arg);
/* Drops every entry unsent and unanswered. */
void haswitch_destroy(struct haswitch *haswitch);

/*
 * Queues a Home Agent Switch for home_address naming home_agents (count
 * 0..HASWITCH_HOME_AGENTS_MAX; none asks for home agent discovery).
 * taking_over: this home agent is not the one serving the mobile node,
 * so a registration here is the answer (see above). Returns 0 when
 * queued, 1 when a switch for home_address existed and now names these
 * home agents (one that had given up is queued again), -EINVAL, -ENOMEM.
 */
int haswitch_request(struct haswitch *haswitch,
		     const struct in6_addr *home_address,
		     const struct in6_addr *home_agents, unsigned int count,
		     bool taking_over);

/*
 * This home agent stopped serving mobile nodes (HA reliability: it is a
 * standby now): drops every switch asked with taking_over, since they
 * name it. Returns how many.
 */
unsigned int haswitch_cancel_taking_over(struct haswitch *haswitch);

/*
 * The home agent accepted a Binding Update for home_address (deletion:
 * a deregistration), and has not carried it out yet: ends the switch of
 * the home address if the update answers one. Returns true when the
 * update would extend a binding the mobile node was told to leave: the
 * caller refuses it with 129 (administratively prohibited).
 */
bool haswitch_binding_update(struct haswitch *haswitch,
			     const struct in6_addr *home_address,
			     bool deletion);

/* Does everything due at now_ms: transmissions, give-ups, clean-ups. */
void haswitch_run(struct haswitch *haswitch, uint64_t now_ms);
/* When haswitch_run() has something to do next; UINT64_MAX: nothing. */
uint64_t haswitch_next_ms(const struct haswitch *haswitch);

#endif /* DHAD_HASWITCH_H */
