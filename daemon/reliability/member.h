/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * This member of a redundant home agent set and its peers, as the files
 * of reliability/ share them: redundancy.c (sending Hellos, roles),
 * receive.c (the peers' messages, failure detection), verdict.c (the
 * draft's rules, pure), handover.c (SwitchOver, SwitchBack,
 * pre-emption), track.c (tracked conditions) and show.c (dha ha show). Nothing outside this
 * folder includes it; redundancy.h is the protocol's face.
 */
#ifndef DHAD_RELIABILITY_MEMBER_H
#define DHAD_RELIABILITY_MEMBER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <netinet/in.h>

#include "core/auth.h"
#include "reliability/config.h"
#include "reliability/redundancy.h"
#include "sys/loop.h"

struct dha_hamsg;
struct dha_hamsg_hello;
struct mh_listener;
struct notify;
struct sync;
struct takeover;

struct red_peer {
	struct in6_addr address;
	bool alive;
	bool heard;			/* at least one Hello, ever */
	bool active;			/* A flag of its last Hello */
	bool eligible;			/* no F flag */
	bool fresh;			/* dha's N flag: new to the role */
	uint16_t preference;
	uint16_t lifetime;		/* seconds, as advertised */
	struct in6_addr ha_address;	/* its Hellos' (the list's entry) */
	int16_t list_preference;	/* in the Home Agents List */
	uint16_t interval_ms;
	uint16_t last_seq;		/* of its periodic Hellos */
	bool seq_known;			/* last_seq is one */
	uint16_t request_seq;		/* our Hello Request's, random */
	bool request_pending;		/* its answer not in yet */
	uint64_t last_hello_ms;		/* loop clock */
	/* It gave us the role by a SwitchBack, at handed_over_ms: its
	 * Hellos sent before our reply reached it still claim the role. */
	bool handed_over;
	uint64_t handed_over_ms;
	struct auth_replay replay;
	struct loop_timer dead_timer;
	struct redundancy *r;
	uint64_t hellos_rx;
};

struct red_counters {
	uint64_t hello_tx, hello_rx, hello_request_tx, hello_request_rx;
	uint64_t drop_malformed, drop_unknown_sender, drop_group;
	uint64_t drop_unauthenticated, drop_replayed, drop_not_active;
	uint64_t drop_stale_hello;
	uint64_t takeovers, stepdowns, peer_failures;
	uint64_t switchover_rx, switchback_rx;
};

struct pending_request {
	uint8_t subtype;		/* 0: none */
	struct red_peer *peer;
	unsigned int tries;
	bool preemption;		/* not an operator's */
	redundancy_done_fn done;
	void *arg;
	struct loop_timer timer;
};

struct redundancy {
	struct dhad *dhad;
	const struct config_redundancy *config;	/* in dhad->config */
	struct mh_listener *listener;	/* HA-to-HA messages, to local */
	enum redundancy_role role;
	uint64_t role_since_ms;		/* loop clock */
	char role_reason[96];		/* why the role last changed */
	/*
	 * The SwitchOver or SwitchBack Request that made the last role
	 * change, and its sender: that request again (its reply was lost)
	 * gets the same answer.
	 */
	uint8_t switched_by;
	struct red_peer *switched_with;
	bool eligible;			/* tracked conditions hold */
	/*
	 * dha ha hold: never becomes active (hold.c). hold_pending: the
	 * SwitchBack that hands over before the hold is under way.
	 */
	bool held, hold_pending;
	/*
	 * Flap damping ([redundancy] hold-down, hold.c): not electable
	 * until holddown_until_ms after leaving the active role; tracked
	 * conditions that failed count as holding once they have held
	 * since track_ok_since_ms for the hold-down time.
	 */
	uint64_t holddown_until_ms;	/* loop clock; 0: none */
	uint64_t track_ok_since_ms;	/* 0: not recovering */
	struct loop_timer holddown_timer;
	char track_failure[64];		/* which one fails, when not eligible */
	uint64_t fresh_until_ms;	/* won the start-up election: until
					   then it yields to an incumbent */
	uint16_t hello_seq;
	unsigned int peer_count;
	struct red_peer peers[CONFIG_PEERS_MAX];
	struct auth auth;
	struct loop_timer hello_timer;
	struct loop_timer local_timer;	/* waiting for local to come up */
	struct loop_timer init_timer;
	struct loop_timer preempt_timer;
	/*
	 * Pending while an active that stepped down for a SwitchOver has
	 * no successor yet: the asker is about to claim the role, so no
	 * standby takes it meanwhile (handle_hello()).
	 */
	struct loop_timer handover_timer;
	struct loop_timer track_timer;
	pid_t track_pids[CONFIG_TRACKS_MAX];
	bool track_command_ok[CONFIG_TRACKS_MAX];
	struct pending_request request;
	struct red_counters counters;
	struct sync *sync;
	struct takeover *takeover;
	struct notify *notify;		/* [redundancy] notify */
};


/* ---- redundancy.c ---- */

/* Changes the role, telling sync.c and takeover.c, and the peers. */
void redundancy_set_role(struct redundancy *r, enum redundancy_role role,
			 const char *why);
/* Runs the election (redundancy_elect()) and acts on it. */
void redundancy_reelect(struct redundancy *r, const char *why);
/* Hellos now; the periodic ones restart from here. */
void redundancy_hello_now(struct redundancy *r);
/* A message with one 16-bit value (a reply's status, a sequence). */
void redundancy_send_simple(struct redundancy *r, struct red_peer *peer,
			    uint8_t subtype, uint16_t value);
/* A live peer claiming the active role, or NULL. */
struct red_peer *redundancy_active_peer(struct redundancy *r);
struct redundancy_member redundancy_member_of(const struct red_peer *p);
struct redundancy_member redundancy_self(const struct redundancy *r);
/* Active from the start-up election, and new to it (the N flag). */
bool redundancy_is_fresh(const struct redundancy *r);
/* One Hello to peer, with that sequence number and lifetime. */
void redundancy_send_hello(struct redundancy *r, struct red_peer *peer,
			   uint16_t seq, uint16_t lifetime);
/* Microseconds of the wall clock: authentication counters count them. */
uint64_t redundancy_wall_clock_us(void);

/* ---- receive.c ---- */

/* The Experimental Mobility Header messages to local (core/mh.h). */
struct rawsock_rx;
void redundancy_receive(void *arg, const struct rawsock_rx *rx);
/* A peer's dead timer: no Hello for its dead interval. */
void redundancy_peer_dead(struct loop_timer *timer);
/* Lists or unlists peer p in the Home Agents List, as it serves or not. */
void redundancy_list_peer(struct redundancy *r, struct red_peer *p);

/* ---- handover.c ---- */

/* The request under way ends with status (its done callback called). */
void handover_finish(struct redundancy *r, int status);
/* Starts or stops the pre-emption delay, as the election stands. */
void handover_check_preemption(struct redundancy *r);
/* The timers' callbacks: a request's retransmission, pre-emption. */
void handover_timeout(struct loop_timer *timer);
void handover_preempt_fire(struct loop_timer *timer);
/* The messages from peer p. */
void handover_switchover_request(struct redundancy *r, struct red_peer *p);
void handover_switchback_request(struct redundancy *r, struct red_peer *p);
void handover_reply(struct redundancy *r, struct red_peer *p,
		    uint8_t subtype, uint16_t status);
/* After a role change: a request under way is withdrawn (-ESTALE). */
void handover_role_changed(struct redundancy *r);

/* ---- verdict.c: the draft's rules, pure ---- */

enum hello_verdict {
	HELLO_TAKE,			/* a periodic Hello, news */
	HELLO_ANSWER,			/* the answer to our Hello Request */
	HELLO_STALE,			/* older than one taken: dropped */
	HELLO_OTHER_GROUP,		/* dropped */
};

enum hello_verdict redundancy_hello_verdict(const struct red_peer *p,
					    uint8_t group,
					    const struct dha_hamsg_hello *h);
/*
 * How a Hello lists its sender in the Home Agents List: at the first
 * home agent address its IP Address options carry (code 4), else at
 * its source; its preference, clamped to the list's int16.
 */
void redundancy_hello_listing(const struct dha_hamsg *msg,
			      const struct in6_addr *source,
			      struct in6_addr *address, int16_t *preference);
/*
 * Whether a peer's Hello that does (claims) or does not claim the role
 * makes it the active: not while it handed the role over to us, until
 * its first Hello without the claim or grace_ms after the handover.
 * Clears p->handed_over when that ends.
 */
bool redundancy_hello_active(struct red_peer *p, bool claims,
			     uint64_t now_ms, uint64_t grace_ms);
/* When a peer that sent this Hello counts as failed. */
uint64_t redundancy_dead_ms(unsigned int hello_loss, uint16_t interval_ms,
			    uint16_t lifetime_s);

/* Not answered at all (7.7.2: silently discarded). */
#define SWITCH_DISCARD (-1)
/* The answer to a SwitchBack Request: a status, or SWITCH_DISCARD. */
int handover_switchback_answer(bool from_active, bool repeated,
			       enum redundancy_role role, bool eligible,
			       bool full_copy);

/* ---- hold.c ---- */

/*
 * Whether this member may be elected: its tracked conditions hold and
 * it is not held. Its Hellos carry F when not.
 */
bool hold_eligible(const struct redundancy *r);
/* The SwitchBack Request under way ended (handover_finish()). */
void hold_request_finished(struct redundancy *r, int status);
/* Start and stop of the protocol; a role change (redundancy_set_role()). */
void hold_init(struct redundancy *r);
void hold_stop(struct redundancy *r);
void hold_role_changed(struct redundancy *r, enum redundancy_role old);
/* Whether the hold-down after leaving the active role runs now. */
bool hold_down_running(const struct redundancy *r);
/*
 * Tracked conditions through the hold-down (track.c): whether they count
 * as holding, given ok (they hold now). what (size bytes) says why not
 * while they recover.
 */
bool hold_down_track(struct redundancy *r, bool ok, char *what, size_t size);

/*
 * Pure, for the unit tests. The end of the hold-down after a change from
 * old to role at now (until: the one running): leaving the active role
 * starts one. And whether tracked conditions that hold (ok) count: a
 * recovery (was_eligible false) must last hold_down_ms, from *ok_since
 * (0: it starts now; reset when it ends or fails).
 */
uint64_t hold_down_until(enum redundancy_role old, enum redundancy_role role,
			 uint64_t now, uint64_t hold_down_ms, uint64_t until);
bool hold_down_recovered(bool ok, bool was_eligible, uint64_t now,
			 uint64_t hold_down_ms, uint64_t *ok_since);

/* ---- events.c ---- */

/* The role changed from old, for why: hook, STATUS=, dha monitor. */
void events_role_changed(struct redundancy *r, enum redundancy_role old,
			 const char *why);
/* Peer p came up or went down (p->alive), for why. */
void events_peer_changed(struct redundancy *r, const struct red_peer *p,
			 const char *why);
/* systemd's STATUS= anew (also after hold and release). */
void events_status(struct redundancy *r);
/*
 * Pure, for the unit tests: the STATUS= text ("active, serving 3
 * bindings", "standby of ADDR", ...), and the dha monitor events.
 */
void events_status_text(enum redundancy_role role, size_t bindings,
			const struct in6_addr *active_peer, bool held,
			char *text, size_t size);
json_object *events_role_json(const char *role, const char *was,
			      const char *reason);
json_object *events_peer_json(const struct in6_addr *peer, bool up,
			      const char *reason);

/* ---- track.c ---- */

/* The track timer's callback: polls the conditions, re-elects on change. */
void track_tick(struct loop_timer *timer);
/* Ends the commands still running. */
void track_stop(struct redundancy *r);

#endif /* DHAD_RELIABILITY_MEMBER_H */
