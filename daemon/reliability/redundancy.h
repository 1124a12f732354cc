/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Home agent reliability (draft-ietf-mip6-hareliability-00): the members
 * of a redundant home agent set, their Hello exchange, failure detection,
 * the election of the active home agent, and the SwitchOver / SwitchBack
 * handshakes. Documentation/reliability.md states every rule.
 *
 * The HA-to-HA messages travel in the Experimental Mobility Header
 * (wire/hamsg.h) on a raw MH socket of their own, from [redundancy]
 * local to each configured peer, authenticated as [redundancy] auth says
 * (auth.h). Senders that are not configured peers, other groups,
 * unauthenticated and replayed messages are dropped and counted.
 */
#ifndef DHAD_REDUNDANCY_H
#define DHAD_REDUNDANCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <json-c/json.h>

#include "reliability/config.h"

struct dhad;
struct redundancy;

enum redundancy_role {
	ROLE_INIT,		/* listening before the first election */
	ROLE_STANDBY,
	ROLE_ACTIVE,
};

const char *redundancy_role_name(enum redundancy_role role);

/*
 * Starts the redundancy protocol when the configuration has a
 * [redundancy] section (else *out is NULL and this home agent is active
 * alone). 0 or a negative errno, having logged why.
 */
int redundancy_open(struct dhad *dhad,
		    const struct config_redundancy *config,
		    struct redundancy **out);

/*
 * Leaves the set: a Hello with lifetime 0 tells the peers at once, so a
 * standby takes over without waiting for the failure timeout. NULL is
 * ignored.
 */
void redundancy_close(struct redundancy *r);

/* Applies a reloaded configuration (what config_fixed_change() allows). */
void redundancy_reload(struct redundancy *r);

/* Whether this home agent serves mobile nodes now (true when alone). */
bool redundancy_serving(const struct redundancy *r);

/* A binding of this home agent changed or went away (for the standbys). */
void redundancy_binding_changed(struct redundancy *r,
				const struct in6_addr *hoa);

/*
 * A binding registered at another member was committed here (takeover,
 * merge; sync.c): its mobile node may have to be told (takeover.h).
 */
void redundancy_binding_adopted(struct redundancy *r,
				const struct in6_addr *hoa);

/* The "redundancy" object of dha ha show. */
json_object *redundancy_json(const struct redundancy *r);

/*
 * Manual control (dha ha switchover / switchback). The request goes to
 * the active home agent (switchover, from a standby) or to the best
 * standby (switchback, from the active). They return 0, having sent it,
 * or at once -EOPNOTSUPP (r is NULL: no [redundancy]), -EALREADY (this
 * member is active already, or not active for a switchback), -ENOENT
 * (no peer to ask), -EBUSY (a request is under way) or -EPERM (a
 * switchover asked on a held member, hold.c). After a 0, done
 * is called once, within REDUNDANCY_REQUEST_TRIES request intervals, with
 * the peer asked and the draft's status (0, 128, 129), -ETIMEDOUT without
 * a reply, or -ECANCELED when dhad stops first.
 */
typedef void (*redundancy_done_fn)(void *arg, int status,
				   const struct in6_addr *peer);
int redundancy_switchover(struct redundancy *r, redundancy_done_fn done,
			  void *arg);
int redundancy_switchback(struct redundancy *r, redundancy_done_fn done,
			  void *arg);
/*
 * The caller behind arg is going away: its done callback will not be
 * called. The request itself goes on (the peer may have acted on it).
 */
void redundancy_forget_done(struct redundancy *r, void *arg);

/*
 * Maintenance (dha ha hold / release, hold.c). A held member is never
 * elected active and refuses to take the role. Holding a standby (or a
 * member in its start-up election) takes effect at once: 0. Holding the
 * active hands over first, as redundancy_switchback() does: 1, and done
 * is called as for it, the member held only if the handover succeeded.
 * Else -EOPNOTSUPP (r is NULL), -EBUSY (a request is under way), -ENOENT
 * (active, no standby to hand over to).
 */
int redundancy_hold(struct redundancy *r, redundancy_done_fn done, void *arg);
/* Ends the hold: 0, or -EOPNOTSUPP. */
int redundancy_release(struct redundancy *r);
bool redundancy_held(const struct redundancy *r);

/* Requests are sent this many times, one request interval apart. */
#define REDUNDANCY_REQUEST_TRIES 3
/* The request interval: the hello interval, at least this. */
#define REDUNDANCY_REQUEST_INTERVAL_MIN_MS 200

/* Its State Synchronization (sync.h), for the control socket. */
struct sync *redundancy_sync(const struct redundancy *r);

/* ---- for sync.c: this member and its peers, by index ---- */

struct dha_hamsg;

enum redundancy_role redundancy_role(const struct redundancy *r);
unsigned int redundancy_peer_count(const struct redundancy *r);
const struct in6_addr *redundancy_peer_address(const struct redundancy *r,
					       unsigned int i);
bool redundancy_peer_alive(const struct redundancy *r, unsigned int i);
/* Alive and claiming the active role. */
bool redundancy_peer_active(const struct redundancy *r, unsigned int i);
/* Authenticates (as configured) and sends msg to peer i. */
void redundancy_send(struct redundancy *r, unsigned int i,
		     struct dha_hamsg *msg);

/* ---- the election, pure, for the unit tests ---- */

struct redundancy_member {
	struct in6_addr address;
	uint16_t preference;
	bool alive;		/* heard within its dead interval */
	bool active;		/* claims the active role */
	bool eligible;		/* its tracked conditions hold */
	bool held;		/* dha ha hold: never becomes active */
	bool fresh;		/* became active in its start-up election,
				   under two dead intervals ago */
};

/*
 * Whether a ranks before b: an eligible member before one whose tracked
 * conditions failed, then the higher preference, then the numerically
 * lower address. A total order, so every member ranks alike.
 */
bool redundancy_ranks_before(const struct redundancy_member *a,
			     const struct redundancy_member *b);

enum redundancy_decision {
	DECISION_STAY,
	DECISION_BECOME_ACTIVE,
	DECISION_BECOME_STANDBY,
};

/*
 * What self (active or not, per self->active) should do, given the
 * peers: see Documentation/reliability.md, "Election".
 */
enum redundancy_decision
redundancy_elect(const struct redundancy_member *self,
		 const struct redundancy_member *peers, size_t count);

#endif /* DHAD_REDUNDANCY_H */
