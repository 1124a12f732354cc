// SPDX-License-Identifier: GPL-2.0-only
/*
 * HA reliability: Hellos, failure detection, election, SwitchOver and
 * SwitchBack (redundancy.h, Documentation/reliability.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "reliability/auth.h"
#include "core/dhad.h"
#include "sys/ipsec.h"
#include "sys/log.h"
#include "mip6/mobility.h"
#include "reliability/redundancy.h"
#include "reliability/sync.h"
#include "reliability/takeover.h"
#include "wire/hamsg.h"

#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif

/*
 * At start a member listens this many of its dead intervals before it
 * elects; after winning that election it yields to an incumbent active
 * it had not heard for this many more (Documentation/reliability.md).
 */
#define INIT_DEAD_INTERVALS 2ull
#define FRESH_DEAD_INTERVALS 3ull
/* Datagrams handled per wakeup. */
#define RX_BATCH 64

extern char **environ;

struct red_peer {
	struct in6_addr address;
	bool alive;
	bool heard;			/* at least one Hello, ever */
	bool active;			/* A flag of its last Hello */
	bool eligible;			/* no F flag */
	bool fresh;			/* dha's N flag: new to the role */
	uint16_t preference;
	uint16_t lifetime;		/* seconds, as advertised */
	uint16_t interval_ms;
	uint16_t last_seq;
	uint64_t last_hello_ms;		/* loop clock */
	struct auth_replay replay;
	struct loop_timer dead_timer;
	struct redundancy *r;
	uint64_t hellos_rx;
};

struct red_counters {
	uint64_t hello_tx, hello_rx, hello_request_tx, hello_request_rx;
	uint64_t drop_malformed, drop_unknown_sender, drop_group;
	uint64_t drop_unauthenticated, drop_replayed;
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
	int fd;
	struct loop_io *io;
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
	char track_failure[64];		/* which one fails, when not eligible */
	uint64_t fresh_until_ms;	/* won the start-up election: until
					   then it yields to an incumbent */
	uint16_t hello_seq;
	unsigned int peer_count;
	struct red_peer peers[CONFIG_PEERS_MAX];
	struct auth auth;
	struct loop_timer hello_timer;
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
};

const char *redundancy_role_name(enum redundancy_role role)
{
	switch (role) {
	case ROLE_INIT:		return "init";
	case ROLE_STANDBY:	return "standby";
	case ROLE_ACTIVE:	return "active";
	}
	return "?";
}

/* ---- the election (pure) ---- */

bool redundancy_ranks_before(const struct redundancy_member *a,
			     const struct redundancy_member *b)
{
	if (a->eligible != b->eligible)
		return a->eligible;
	if (a->preference != b->preference)
		return a->preference > b->preference;
	return memcmp(&a->address, &b->address, sizeof(a->address)) < 0;
}

enum redundancy_decision
redundancy_elect(const struct redundancy_member *self,
		 const struct redundancy_member *peers, size_t count)
{
	const struct redundancy_member *best = self;
	bool other_active = false, eligible_standby = false;
	size_t i;

	for (i = 0; i < count; i++) {
		const struct redundancy_member *p = &peers[i];

		if (!p->alive)
			continue;
		if (p->active) {
			other_active = true;
			/*
			 * Two actives: a member that took the role at start-up
			 * without hearing the incumbent (a slow or lossy link)
			 * yields to it; otherwise (a healed partition) the
			 * lower-ranked one yields.
			 */
			if (self->active && self->fresh != p->fresh) {
				if (self->fresh)
					return DECISION_BECOME_STANDBY;
			} else if (self->active && redundancy_ranks_before(p, self)) {
				return DECISION_BECOME_STANDBY;
			}
		} else if (p->eligible) {
			eligible_standby = true;
		}
		if (redundancy_ranks_before(p, best))
			best = p;
	}
	if (self->active) {
		/* A failed tracked condition hands over, if someone can. */
		if (!self->eligible && eligible_standby)
			return DECISION_BECOME_STANDBY;
		return DECISION_STAY;
	}
	/* No pre-emption of a live active (that is SwitchOver's job). */
	if (other_active)
		return DECISION_STAY;
	return best == self ? DECISION_BECOME_ACTIVE : DECISION_STAY;
}

/* ---- sending ---- */

static uint64_t wall_clock_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void send_msg(struct redundancy *r, struct red_peer *peer,
		     struct dha_hamsg *msg)
{
	uint8_t buf[DHA_MH_MAX_LEN];
	struct sockaddr_in6 to = {
		.sin6_family = AF_INET6,
		.sin6_addr = peer->address,
	};
	char a[INET6_ADDRSTRLEN];
	size_t len;
	int ret;

	if (r->config->auth == AUTH_HMAC_SHA256) {
		msg->has_auth = true;
		msg->auth.key_id = auth_send_key_id(&r->auth);
		msg->auth.counter = auth_next_counter(&r->auth, wall_clock_us());
	}
	ret = dha_hamsg_build(buf, sizeof(buf), msg, &len);
	if (!ret && msg->has_auth)
		ret = auth_sign(&r->auth, buf, len, msg->auth.mac_offset,
				&r->config->local, &peer->address);
	if (ret) {
		log_err("redundancy: cannot build message %u: %s",
			msg->subtype, strerror(-ret));
		return;
	}
	if (sendto(r->fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		log_debug("redundancy: sending %u to %s: %s", msg->subtype,
			  addr_format(&peer->address, a), strerror(errno));
}

static uint64_t dead_interval_ms(const struct redundancy *r)
{
	return (uint64_t)r->config->hello_loss * r->config->hello_interval_ms;
}

static bool is_fresh(const struct redundancy *r)
{
	return r->role == ROLE_ACTIVE &&
	       loop_now_ms(r->dhad->loop) < r->fresh_until_ms;
}

static void send_hello(struct redundancy *r, struct red_peer *peer,
		       uint16_t seq, uint16_t lifetime)
{
	const struct dhad_config *c = &r->dhad->config;
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_HELLO };
	unsigned int i;

	msg.u.hello.seq = seq;
	msg.u.hello.preference = r->config->preference;
	msg.u.hello.lifetime = lifetime;
	msg.u.hello.interval = (uint16_t)r->config->hello_interval_ms;
	msg.u.hello.group = r->config->group;
	msg.u.hello.flags = (r->role == ROLE_ACTIVE ? DHA_HELLO_FLAG_A : 0) |
			    (r->eligible ? 0 : DHA_HELLO_FLAG_F) |
			    (is_fresh(r) ? DHA_HELLO_FLAG_N : 0);
	/* This home agent's address, with each home prefix's length. */
	for (i = 0; i < c->prefix_count && i < DHA_HAMSG_ADDRS_MAX; i++) {
		msg.addrs[i].code = DHA_IPADDR_CODE_HA_ADDRESS;
		msg.addrs[i].prefix_len = c->prefixes[i].length;
		msg.addrs[i].addr = c->address;
	}
	msg.addr_count = i;
	send_msg(r, peer, &msg);
	r->counters.hello_tx++;
}

static void send_hellos(struct redundancy *r, uint16_t lifetime)
{
	unsigned int i;

	r->hello_seq++;
	for (i = 0; i < r->peer_count; i++)
		send_hello(r, &r->peers[i], r->hello_seq, lifetime);
}

/* "On change": now, and the periodic ones restart from here. */
static void hello_now(struct redundancy *r)
{
	send_hellos(r, r->dhad->config.ha_lifetime);
	loop_timer_start(r->dhad->loop, &r->hello_timer,
			 r->config->hello_interval_ms);
}

static void send_simple(struct redundancy *r, struct red_peer *peer,
			uint8_t subtype, uint16_t value)
{
	struct dha_hamsg msg = { .subtype = subtype };

	msg.u.status = value;
	send_msg(r, peer, &msg);
}

/* ---- roles ---- */

static void set_role(struct redundancy *r, enum redundancy_role role,
		     const char *why)
{
	enum redundancy_role old = r->role;

	if (old == role)
		return;
	log_notice("redundancy: %s -> %s (%s)", redundancy_role_name(old),
		   redundancy_role_name(role), why);
	r->role_since_ms = loop_now_ms(r->dhad->loop);
	snprintf(r->role_reason, sizeof(r->role_reason), "%s", why);
	r->switched_by = 0;
	r->switched_with = NULL;
	if (role == ROLE_ACTIVE)
		r->counters.takeovers++;
	if (role == ROLE_ACTIVE && old == ROLE_INIT)
		r->fresh_until_ms = loop_now_ms(r->dhad->loop) +
				    FRESH_DEAD_INTERVALS * dead_interval_ms(r);
	else if (old == ROLE_ACTIVE)
		r->counters.stepdowns++;
	r->role = role;
	hello_now(r);
	sync_roles_changed(r->sync, old, role);
	/* After the bindings: the announcements draw their traffic here. */
	takeover_roles_changed(r->takeover, old, role);
}

static struct redundancy_member member_of(const struct red_peer *p)
{
	struct redundancy_member m = {
		.address = p->address,
		.preference = p->preference,
		.alive = p->alive,
		.active = p->active,
		.eligible = p->eligible,
		.fresh = p->fresh,
	};

	return m;
}

static struct redundancy_member self_member(const struct redundancy *r)
{
	struct redundancy_member m = {
		.address = r->config->local,
		.preference = r->config->preference,
		.alive = true,
		.active = r->role == ROLE_ACTIVE,
		.eligible = r->eligible,
		.fresh = is_fresh(r),
	};

	return m;
}

static struct red_peer *alive_active_peer(struct redundancy *r)
{
	unsigned int i;

	for (i = 0; i < r->peer_count; i++)
		if (r->peers[i].alive && r->peers[i].active)
			return &r->peers[i];
	return NULL;
}

static void check_preemption(struct redundancy *r)
{
	struct redundancy_member self = self_member(r), other;
	struct red_peer *active = alive_active_peer(r);

	if (!r->config->preempt || r->role != ROLE_STANDBY || !active) {
		loop_timer_stop(r->dhad->loop, &r->preempt_timer);
		return;
	}
	other = member_of(active);
	if (!redundancy_ranks_before(&self, &other)) {
		loop_timer_stop(r->dhad->loop, &r->preempt_timer);
		return;
	}
	if (!timer_pending(&r->preempt_timer))
		loop_timer_start(r->dhad->loop, &r->preempt_timer,
				 r->config->preempt_delay_ms);
}

static void elect(struct redundancy *r, const char *why)
{
	struct redundancy_member self = self_member(r);
	struct redundancy_member members[CONFIG_PEERS_MAX];
	enum redundancy_decision decision;
	unsigned int i;

	if (alive_active_peer(r))
		loop_timer_stop(r->dhad->loop, &r->handover_timer);
	if (r->role == ROLE_INIT && timer_pending(&r->init_timer)) {
		/* Only a live active ends the listening early. */
		if (alive_active_peer(r)) {
			loop_timer_stop(r->dhad->loop, &r->init_timer);
			set_role(r, ROLE_STANDBY, "an active home agent is there");
		}
		return;
	}
	for (i = 0; i < r->peer_count; i++)
		members[i] = member_of(&r->peers[i]);
	decision = redundancy_elect(&self, members, r->peer_count);
	if (decision == DECISION_BECOME_ACTIVE && r->role == ROLE_STANDBY &&
	    timer_pending(&r->handover_timer))
		decision = DECISION_STAY;
	switch (decision) {
	case DECISION_BECOME_ACTIVE:
		set_role(r, ROLE_ACTIVE, why);
		break;
	case DECISION_BECOME_STANDBY:
		set_role(r, ROLE_STANDBY, why);
		break;
	case DECISION_STAY:
		if (r->role == ROLE_INIT) {
			set_role(r, ROLE_STANDBY, why);
			break;
		}
		/* Peers may have come or gone: sync follows them. */
		sync_roles_changed(r->sync, r->role, r->role);
		break;
	}
	check_preemption(r);
}

/* ---- requests: SwitchOver, SwitchBack ---- */

static void request_finish(struct redundancy *r, int status)
{
	struct pending_request *q = &r->request;
	redundancy_done_fn done = q->done;
	void *arg = q->arg;

	loop_timer_stop(r->dhad->loop, &q->timer);
	q->subtype = 0;
	q->done = NULL;
	if (done)
		done(arg, status, &q->peer->address);
}

static uint32_t request_interval(const struct redundancy *r)
{
	uint32_t interval = r->config->hello_interval_ms;

	return interval < REDUNDANCY_REQUEST_INTERVAL_MIN_MS ?
		       REDUNDANCY_REQUEST_INTERVAL_MIN_MS : interval;
}

static const char *request_name(const struct pending_request *q)
{
	return q->subtype == DHA_HAMSG_SWITCHOVER_REQUEST ?
		       "SwitchOver Request" : "SwitchBack Request";
}

static void request_send(struct redundancy *r)
{
	struct pending_request *q = &r->request;
	char a[INET6_ADDRSTRLEN];

	q->tries++;
	log_debug("redundancy: %s to %s, try %u", request_name(q),
		  addr_format(&q->peer->address, a), q->tries);
	send_simple(r, q->peer, q->subtype, 0);
	loop_timer_start(r->dhad->loop, &q->timer, request_interval(r));
}

static void request_timeout(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    request.timer);
	char a[INET6_ADDRSTRLEN];

	if (r->request.tries < REDUNDANCY_REQUEST_TRIES) {
		request_send(r);
		return;
	}
	log_warn("redundancy: no reply from %s to %s",
		 addr_format(&r->request.peer->address, a),
		 request_name(&r->request));
	request_finish(r, -ETIMEDOUT);
}

static int request_start(struct redundancy *r, uint8_t subtype,
			 struct red_peer *peer, redundancy_done_fn done,
			 void *arg)
{
	struct pending_request *q = &r->request;

	if (q->subtype)
		return -EBUSY;
	q->subtype = subtype;
	q->peer = peer;
	q->tries = 0;
	q->preemption = !done;
	q->done = done;
	q->arg = arg;
	request_send(r);
	return 0;
}

void redundancy_forget_done(struct redundancy *r, void *arg)
{
	if (r && r->request.done && r->request.arg == arg)
		r->request.done = NULL;
}

int redundancy_switchover(struct redundancy *r, redundancy_done_fn done,
			  void *arg)
{
	struct red_peer *active;

	if (!r)
		return -EOPNOTSUPP;
	if (r->role == ROLE_ACTIVE)
		return -EALREADY;
	active = alive_active_peer(r);
	if (!active)
		return -ENOENT;
	return request_start(r, DHA_HAMSG_SWITCHOVER_REQUEST, active, done,
			     arg);
}

/* The standby that would win an election without this home agent. */
static struct red_peer *best_standby(struct redundancy *r)
{
	struct red_peer *best = NULL;
	struct redundancy_member bm, pm;
	unsigned int i;

	for (i = 0; i < r->peer_count; i++) {
		struct red_peer *p = &r->peers[i];

		if (!p->alive || p->active)
			continue;
		pm = member_of(p);
		if (!best || redundancy_ranks_before(&pm, &bm)) {
			best = p;
			bm = pm;
		}
	}
	return best;
}

int redundancy_switchback(struct redundancy *r, redundancy_done_fn done,
			  void *arg)
{
	struct red_peer *standby;

	if (!r)
		return -EOPNOTSUPP;
	if (r->role != ROLE_ACTIVE)
		return -EALREADY;
	standby = best_standby(r);
	if (!standby)
		return -ENOENT;
	return request_start(r, DHA_HAMSG_SWITCHBACK_REQUEST, standby, done,
			     arg);
}

/* ---- receiving ---- */

static struct red_peer *peer_of(struct redundancy *r,
				const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < r->peer_count; i++)
		if (memcmp(&r->peers[i].address, addr, sizeof(*addr)) == 0)
			return &r->peers[i];
	return NULL;
}

static void peer_dead(struct loop_timer *timer)
{
	struct red_peer *p = container_of(timer, struct red_peer, dead_timer);
	struct redundancy *r = p->r;
	char a[INET6_ADDRSTRLEN], why[96];

	p->alive = false;
	r->counters.peer_failures++;
	addr_format(&p->address, a);
	log_warn("redundancy: peer %s failed (no Hello for %u ms)", a,
		 r->config->hello_loss * p->interval_ms);
	snprintf(why, sizeof(why), "peer %s failed", a);
	elect(r, why);
}

static void handle_hello(struct redundancy *r, struct red_peer *p,
			 const struct dha_hamsg *msg)
{
	const struct dha_hamsg_hello *h = &msg->u.hello;
	bool was_alive = p->alive, was_active = p->alive && p->active;
	char a[INET6_ADDRSTRLEN], why[96];

	if (h->group != r->config->group) {
		r->counters.drop_group++;
		log_debug("redundancy: Hello from %s for group %u dropped",
			  addr_format(&p->address, a), h->group);
		return;
	}
	r->counters.hello_rx++;
	p->hellos_rx++;
	p->heard = true;
	p->last_seq = h->seq;
	p->last_hello_ms = loop_now_ms(r->dhad->loop);
	p->preference = h->preference;
	p->lifetime = h->lifetime;
	p->interval_ms = h->interval ? h->interval : 1;
	p->active = h->flags & DHA_HELLO_FLAG_A;
	p->eligible = !(h->flags & DHA_HELLO_FLAG_F);
	p->fresh = p->active && (h->flags & DHA_HELLO_FLAG_N);
	addr_format(&p->address, a);
	if (!h->lifetime) {
		/* The sender leaves the set (draft 7.2.4). */
		loop_timer_stop(r->dhad->loop, &p->dead_timer);
		p->alive = false;
		p->active = false;
		log_notice("redundancy: peer %s left the set", a);
		snprintf(why, sizeof(why), "peer %s left", a);
		elect(r, why);
		return;
	}
	p->alive = true;
	loop_timer_start(r->dhad->loop, &p->dead_timer,
			 (uint64_t)r->config->hello_loss * p->interval_ms);
	/*
	 * An active that steps down with its tracked conditions holding
	 * does so for a SwitchOver (or as the second of two actives): its
	 * successor claims the role in a moment. Waiting for it, up to a
	 * dead interval, keeps a better-ranked standby from taking the role
	 * first and the asker from yielding it back.
	 */
	if (was_active && !p->active && p->eligible)
		loop_timer_start(r->dhad->loop, &r->handover_timer,
				 (uint64_t)r->config->hello_loss *
					 p->interval_ms);
	if (!was_alive) {
		log_notice("redundancy: peer %s up, %s, preference %u", a,
			   p->active ? "active" : "standby", p->preference);
		/* Let it learn about us without waiting a period. */
		send_hello(r, p, r->hello_seq, r->dhad->config.ha_lifetime);
	}
	snprintf(why, sizeof(why), "Hello from %s", a);
	elect(r, why);
}

/*
 * The request that made the last role change, again from its sender
 * while it may still be retransmitting it.
 */
static bool repeated_request(const struct redundancy *r,
			     const struct red_peer *p, uint8_t subtype)
{
	return r->switched_by == subtype && r->switched_with == p &&
	       loop_now_ms(r->dhad->loop) - r->role_since_ms <=
		       (uint64_t)REDUNDANCY_REQUEST_TRIES * request_interval(r);
}

static void handle_switchover_request(struct redundancy *r, struct red_peer *p)
{
	char a[INET6_ADDRSTRLEN], why[96];

	r->counters.switchover_rx++;
	if (repeated_request(r, p, DHA_HAMSG_SWITCHOVER_REQUEST)) {
		send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY,
			    DHA_SWITCH_SUCCESS);
		return;
	}
	if (r->role != ROLE_ACTIVE) {
		send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY,
			    DHA_SWITCH_WRONG_ROLE);
		return;
	}
	/* A member whose own tracked conditions fail may not take over. */
	if (!p->alive || !p->eligible) {
		send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY,
			    DHA_SWITCH_ADMIN_PROHIBITED);
		return;
	}
	/* Standby first, so that at no time two claim the role. */
	p->active = true;
	snprintf(why, sizeof(why), "SwitchOver Request from %s",
		 addr_format(&p->address, a));
	set_role(r, ROLE_STANDBY, why);
	r->switched_by = DHA_HAMSG_SWITCHOVER_REQUEST;
	r->switched_with = p;
	send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY, DHA_SWITCH_SUCCESS);
}

static void handle_switchback_request(struct redundancy *r, struct red_peer *p)
{
	char a[INET6_ADDRSTRLEN], why[96];

	r->counters.switchback_rx++;
	if (repeated_request(r, p, DHA_HAMSG_SWITCHBACK_REQUEST)) {
		send_simple(r, p, DHA_HAMSG_SWITCHBACK_REPLY,
			    DHA_SWITCH_SUCCESS);
		return;
	}
	if (r->role == ROLE_ACTIVE) {
		send_simple(r, p, DHA_HAMSG_SWITCHBACK_REPLY,
			    DHA_SWITCH_WRONG_ROLE);
		return;
	}
	if (!r->eligible) {
		send_simple(r, p, DHA_HAMSG_SWITCHBACK_REPLY,
			    DHA_SWITCH_ADMIN_PROHIBITED);
		return;
	}
	/*
	 * The reply before the Hello that claims the role: the asker steps
	 * down on the reply, not as the lower-ranked of two actives.
	 */
	send_simple(r, p, DHA_HAMSG_SWITCHBACK_REPLY, DHA_SWITCH_SUCCESS);
	p->active = false;
	snprintf(why, sizeof(why), "SwitchBack Request from %s",
		 addr_format(&p->address, a));
	set_role(r, ROLE_ACTIVE, why);
	r->switched_by = DHA_HAMSG_SWITCHBACK_REQUEST;
	r->switched_with = p;
}

static void handle_reply(struct redundancy *r, struct red_peer *p,
			 uint8_t subtype, uint16_t status)
{
	struct pending_request *q = &r->request;
	bool switchover = subtype == DHA_HAMSG_SWITCHOVER_REPLY;
	char a[INET6_ADDRSTRLEN], why[96];

	if (!q->subtype || q->peer != p ||
	    q->subtype != (switchover ? DHA_HAMSG_SWITCHOVER_REQUEST :
					DHA_HAMSG_SWITCHBACK_REQUEST))
		return;		/* late or unasked for */
	if (status == DHA_SWITCH_SUCCESS) {
		addr_format(&p->address, a);
		if (switchover) {
			p->active = false;
			snprintf(why, sizeof(why), "SwitchOver accepted by %s", a);
			set_role(r, ROLE_ACTIVE, why);
		} else {
			p->active = true;
			snprintf(why, sizeof(why), "SwitchBack accepted by %s", a);
			set_role(r, ROLE_STANDBY, why);
		}
	}
	request_finish(r, status);
}

static void handle_message(struct redundancy *r, const uint8_t *buf,
			   size_t len, const struct in6_addr *src)
{
	struct dha_hamsg *msg;
	struct red_peer *p;
	enum auth_verdict verdict;
	char a[INET6_ADDRSTRLEN];

	/* Far too large for the stack of a callback. */
	msg = malloc(sizeof(*msg));
	if (!msg)
		return;
	addr_format(src, a);
	if (dha_hamsg_parse(buf, len, msg)) {
		r->counters.drop_malformed++;
		log_debug("redundancy: malformed message from %s dropped", a);
		goto out;
	}
	p = peer_of(r, src);
	if (!p) {
		r->counters.drop_unknown_sender++;
		log_debug("redundancy: message from %s, not a peer, dropped", a);
		goto out;
	}
	/* auth = ipsec: the kernel's inbound policies must have asked for
	 * ESP, or the message could have come from anyone. */
	if (r->config->auth == AUTH_IPSEC &&
	    !ipsec_mh_protected(mobility_ipsec(r->dhad), src,
				&r->config->local, DHA_MH_EXPERIMENTAL)) {
		r->counters.drop_unauthenticated++;
		log_debug("redundancy: message from %s dropped: not protected by IPsec",
			  a);
		goto out;
	}
	if (r->config->auth == AUTH_HMAC_SHA256) {
		verdict = auth_verify(&r->auth, &p->replay, buf, len,
				      msg->has_auth, msg->auth.key_id,
				      msg->auth.counter, msg->auth.mac_offset,
				      src, &r->config->local);
		if (verdict == AUTH_REPLAYED) {
			r->counters.drop_replayed++;
		} else if (verdict != AUTH_OK) {
			r->counters.drop_unauthenticated++;
		}
		if (verdict != AUTH_OK) {
			log_debug("redundancy: message from %s dropped: %s", a,
				  auth_verdict_name(verdict));
			goto out;
		}
	}
	switch (msg->subtype) {
	case DHA_HAMSG_HELLO:
		handle_hello(r, p, msg);
		break;
	case DHA_HAMSG_HELLO_REQUEST:
		r->counters.hello_request_rx++;
		/* Answered with the request's sequence number (7.2.2). */
		send_hello(r, p, msg->u.seq, r->dhad->config.ha_lifetime);
		break;
	case DHA_HAMSG_SWITCHOVER_REQUEST:
		handle_switchover_request(r, p);
		break;
	case DHA_HAMSG_SWITCHBACK_REQUEST:
		handle_switchback_request(r, p);
		break;
	case DHA_HAMSG_SWITCHOVER_REPLY:
	case DHA_HAMSG_SWITCHBACK_REPLY:
		handle_reply(r, p, msg->subtype, msg->u.status);
		break;
	case DHA_HAMSG_SS_REQUEST:
	case DHA_HAMSG_SS:
	case DHA_HAMSG_SS_ACK:
		sync_receive(r->sync, (unsigned int)(p - r->peers), msg);
		break;
	default:
		log_debug("redundancy: message %u from %s ignored",
			  msg->subtype, a);
		break;
	}
out:
	free(msg);
}

static void redundancy_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct redundancy *r = arg;
	uint8_t buf[DHA_MH_MAX_LEN + 8];
	struct sockaddr_in6 from;
	socklen_t from_len;
	ssize_t n;
	int i;

	(void)io;
	(void)events;
	for (i = 0; i < RX_BATCH; i++) {
		from_len = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &from_len);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR)
				log_warn("redundancy: recvfrom: %s",
					 strerror(errno));
			return;
		}
		/* Other MH types belong to mobility.c's socket. */
		if (n < 8 || buf[2] != DHA_MH_EXPERIMENTAL)
			continue;
		handle_message(r, buf, (size_t)n, &from.sin6_addr);
	}
}

/* ---- timers ---- */

static void hello_tick(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    hello_timer);

	hello_now(r);
}

static void init_done(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    init_timer);

	log_info("redundancy: listened %llu ms; electing",
		 (unsigned long long)(INIT_DEAD_INTERVALS * dead_interval_ms(r)));
	elect(r, "start-up election");
}

static void handover_expired(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    handover_timer);

	elect(r, "no successor claimed the role");
}

static void preempt_fire(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    preempt_timer);
	struct red_peer *active = alive_active_peer(r);

	if (r->role == ROLE_STANDBY && active && r->eligible &&
	    !r->request.subtype)
		request_start(r, DHA_HAMSG_SWITCHOVER_REQUEST, active, NULL,
			      NULL);
}

/* ---- tracked conditions ---- */

static bool interface_up(const char *name)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool up;

	if (fd < 0)
		return false;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	up = ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 &&
	     (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
	close(fd);
	return up;
}

/*
 * Commands run in the background, one at a time each; the last finished
 * run counts, so a command that hangs keeps its last verdict.
 */
static void poll_command(struct redundancy *r, unsigned int i)
{
	const char *argv[] = { "/bin/sh", "-c", r->config->track_commands[i],
			       NULL };
	int status;
	pid_t pid;

	if (r->track_pids[i] > 0) {
		pid = waitpid(r->track_pids[i], &status, WNOHANG);
		if (pid == 0)
			return;
		r->track_pids[i] = 0;
		if (pid > 0)
			r->track_command_ok[i] = WIFEXITED(status) &&
						 WEXITSTATUS(status) == 0;
	}
	if (posix_spawn(&pid, "/bin/sh", NULL, NULL, (char *const *)argv,
			environ) == 0)
		r->track_pids[i] = pid;
	else
		r->track_command_ok[i] = false;
}

static bool tracks_hold(struct redundancy *r, char *what, size_t size)
{
	unsigned int i;

	for (i = 0; i < r->config->track_interface_count; i++) {
		if (!interface_up(r->config->track_interfaces[i])) {
			snprintf(what, size, "interface %s down",
				 r->config->track_interfaces[i]);
			return false;
		}
	}
	for (i = 0; i < r->config->track_command_count; i++) {
		if (!r->track_command_ok[i]) {
			snprintf(what, size, "track-command %u failed", i + 1);
			return false;
		}
	}
	return true;
}

static void track_tick(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    track_timer);
	char what[sizeof(r->track_failure)] = "", why[96];
	unsigned int i;
	bool ok;

	for (i = 0; i < r->config->track_command_count; i++)
		poll_command(r, i);
	ok = tracks_hold(r, what, sizeof(what));
	memcpy(r->track_failure, what, sizeof(what));
	if (ok != r->eligible) {
		r->eligible = ok;
		if (ok)
			log_notice("redundancy: tracked conditions hold again");
		else
			log_warn("redundancy: %s", what);
		snprintf(why, sizeof(why), "%s", ok ? "tracked conditions hold" :
							what);
		elect(r, why);
		hello_now(r);
	}
	loop_timer_start(r->dhad->loop, &r->track_timer,
			 r->config->track_interval_ms);
}

/* ---- start and stop ---- */

static int open_socket(const struct in6_addr *local)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_addr = *local };
	int fd, err;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    IPPROTO_MH);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static void setup_peers(struct redundancy *r)
{
	unsigned int i;

	r->peer_count = r->config->peer_count;
	for (i = 0; i < r->peer_count; i++) {
		struct red_peer *p = &r->peers[i];

		p->address = r->config->peers[i];
		p->r = r;
		p->eligible = true;
		p->interval_ms = (uint16_t)r->config->hello_interval_ms;
		timer_init(&p->dead_timer, peer_dead);
	}
}

/* auth = ipsec without the policies for a peer drops all it sends. */
static void warn_unprotected_peers(const struct redundancy *r)
{
	char a[INET6_ADDRSTRLEN], l[INET6_ADDRSTRLEN];
	unsigned int i;

	if (r->config->auth != AUTH_IPSEC)
		return;
	for (i = 0; i < r->peer_count; i++) {
		if (ipsec_mh_protected(mobility_ipsec(r->dhad),
				       &r->peers[i].address, &r->config->local,
				       DHA_MH_EXPERIMENTAL))
			continue;
		log_warn("redundancy: auth = ipsec, but no inbound IPsec policy requires ESP for the Mobility Header from %s to %s: its messages will be dropped (Documentation/ipsec.md)",
			 addr_format(&r->peers[i].address, a),
			 addr_format(&r->config->local, l));
	}
}

int redundancy_open(struct dhad *dhad, struct redundancy **out)
{
	const struct config_redundancy *config = &dhad->config.redundancy;
	struct redundancy *r;
	char a[INET6_ADDRSTRLEN];
	unsigned int i;
	int ret;

	*out = NULL;
	if (config->mode == REDUNDANCY_OFF)
		return 0;
	r = calloc(1, sizeof(*r));
	if (!r) {
		log_err("out of memory");
		return -ENOMEM;
	}
	r->dhad = dhad;
	r->config = config;
	r->eligible = true;
	for (i = 0; i < CONFIG_TRACKS_MAX; i++)
		r->track_command_ok[i] = true;
	auth_configure(&r->auth, config);
	setup_peers(r);
	timer_init(&r->hello_timer, hello_tick);
	timer_init(&r->init_timer, init_done);
	timer_init(&r->preempt_timer, preempt_fire);
	timer_init(&r->handover_timer, handover_expired);
	timer_init(&r->track_timer, track_tick);
	timer_init(&r->request.timer, request_timeout);
	r->fd = open_socket(&config->local);
	if (r->fd < 0) {
		ret = r->fd;
		log_err("redundancy: cannot open a Mobility Header socket on local %s: %s",
			addr_format(&config->local, a), strerror(-ret));
		free(r);
		return ret;
	}
	r->io = loop_io_add(dhad->loop, r->fd, LOOP_READ, redundancy_io, r);
	if (!r->io || sync_open(dhad, r, &r->sync)) {
		loop_io_del(r->io);
		close(r->fd);
		free(r);
		log_err("out of memory");
		return -ENOMEM;
	}
	ret = takeover_open(dhad, &r->takeover);
	if (ret) {
		sync_close(r->sync);
		loop_io_del(r->io);
		close(r->fd);
		free(r);
		return ret;
	}
	if (config->auth == AUTH_NONE)
		log_warn("redundancy: auth = none: HA-to-HA messages are not authenticated");
	warn_unprotected_peers(r);

	/* Listen a dead interval before electing; ask the peers now. */
	r->role = ROLE_INIT;
	r->role_since_ms = loop_now_ms(dhad->loop);
	snprintf(r->role_reason, sizeof(r->role_reason),
		 "start-up: listening for peers");
	for (i = 0; i < r->peer_count; i++) {
		struct dha_hamsg msg = { .subtype = DHA_HAMSG_HELLO_REQUEST };

		msg.u.seq = ++r->hello_seq;
		send_msg(r, &r->peers[i], &msg);
		r->counters.hello_request_tx++;
	}
	hello_now(r);
	loop_timer_start(dhad->loop, &r->init_timer,
			 INIT_DEAD_INTERVALS * dead_interval_ms(r));
	if (config->track_interface_count || config->track_command_count)
		loop_timer_start(dhad->loop, &r->track_timer, 0);
	log_notice("redundancy: group %u, %s switch, preference %u, %u peer%s",
		   config->group,
		   config->mode == REDUNDANCY_VIRTUAL ? "virtual" : "hard",
		   config->preference, r->peer_count,
		   r->peer_count == 1 ? "" : "s");
	*out = r;
	return 0;
}

void redundancy_close(struct redundancy *r)
{
	struct loop *loop;
	unsigned int i;

	if (!r)
		return;
	loop = r->dhad->loop;
	/*
	 * A peer takes over once it hears the goodbye: withdraw first, so
	 * that two members never hold the address, the proxy entries or the
	 * routes. Alone, everything stays in the kernel and keeps serving.
	 */
	if (r->role == ROLE_ACTIVE) {
		for (i = 0; i < r->peer_count; i++)
			if (r->peers[i].alive)
				break;
		if (i < r->peer_count)
			set_role(r, ROLE_STANDBY, "leaving the set");
	}
	send_hellos(r, 0);
	if (r->request.subtype)
		request_finish(r, -ECANCELED);
	loop_timer_stop(loop, &r->hello_timer);
	loop_timer_stop(loop, &r->init_timer);
	loop_timer_stop(loop, &r->preempt_timer);
	loop_timer_stop(loop, &r->handover_timer);
	loop_timer_stop(loop, &r->track_timer);
	for (i = 0; i < r->peer_count; i++)
		loop_timer_stop(loop, &r->peers[i].dead_timer);
	for (i = 0; i < CONFIG_TRACKS_MAX; i++) {
		if (r->track_pids[i] > 0) {
			kill(r->track_pids[i], SIGTERM);
			waitpid(r->track_pids[i], NULL, 0);
		}
	}
	sync_close(r->sync);
	takeover_close(r->takeover);
	loop_io_del(r->io);
	close(r->fd);
	free(r);
}

void redundancy_reload(struct redundancy *r)
{
	if (!r)
		return;
	auth_configure(&r->auth, r->config);
	loop_timer_stop(r->dhad->loop, &r->track_timer);
	if (r->config->track_interface_count ||
	    r->config->track_command_count) {
		loop_timer_start(r->dhad->loop, &r->track_timer, 0);
	} else {
		r->eligible = true;
		r->track_failure[0] = '\0';
	}
	/* Preference and timers may have changed: tell the peers. */
	if (r->role != ROLE_INIT)
		elect(r, "configuration reloaded");
	hello_now(r);
	warn_unprotected_peers(r);
	takeover_reload(r->takeover);
}

bool redundancy_serving(const struct redundancy *r)
{
	return !r || r->role == ROLE_ACTIVE;
}

void redundancy_binding_changed(struct redundancy *r,
				const struct in6_addr *hoa)
{
	if (r)
		sync_binding_changed(r->sync, hoa);
}

void redundancy_binding_adopted(struct redundancy *r,
				const struct in6_addr *hoa)
{
	if (r && r->role == ROLE_ACTIVE)
		takeover_binding_adopted(r->takeover, hoa);
}

struct sync *redundancy_sync(const struct redundancy *r)
{
	return r->sync;
}

enum redundancy_role redundancy_role(const struct redundancy *r)
{
	return r->role;
}

unsigned int redundancy_peer_count(const struct redundancy *r)
{
	return r->peer_count;
}

const struct in6_addr *redundancy_peer_address(const struct redundancy *r,
					       unsigned int i)
{
	return &r->peers[i].address;
}

bool redundancy_peer_alive(const struct redundancy *r, unsigned int i)
{
	return r->peers[i].alive;
}

bool redundancy_peer_active(const struct redundancy *r, unsigned int i)
{
	return r->peers[i].alive && r->peers[i].active;
}

void redundancy_send(struct redundancy *r, unsigned int i,
		     struct dha_hamsg *msg)
{
	send_msg(r, &r->peers[i], msg);
}

/* ---- dha ha show ---- */

static json_object *json_address(const struct in6_addr *addr)
{
	char a[INET6_ADDRSTRLEN];

	return json_object_new_string(addr_format(addr, a));
}

static json_object *peer_json(const struct redundancy *r,
			      const struct red_peer *p)
{
	json_object *o = json_object_new_object();
	const char *state = p->alive ? "alive" : p->heard ? "failed" :
							   "unknown";

	if (!o)
		return NULL;
	json_object_object_add(o, "address", json_address(&p->address));
	json_object_object_add(o, "state", json_object_new_string(state));
	json_object_object_add(o, "role", json_object_new_string(
				       !p->alive ? "none" :
				       p->active ? "active" : "standby"));
	json_object_object_add(o, "preference",
			       json_object_new_int(p->preference));
	json_object_object_add(o, "eligible",
			       json_object_new_boolean(p->eligible));
	json_object_object_add(o, "hello-interval",
			       json_object_new_int(p->interval_ms));
	json_object_object_add(o, "hellos", json_object_new_int64(
				       (int64_t)p->hellos_rx));
	if (p->heard)
		json_object_object_add(o, "last-hello-ms", json_object_new_int64(
			(int64_t)(loop_now_ms(r->dhad->loop) - p->last_hello_ms)));
	return o;
}

/* The SwitchOver or SwitchBack Request under way; NULL (null): none. */
static json_object *request_json(const struct pending_request *q)
{
	json_object *o;

	if (!q->subtype)
		return NULL;
	o = json_object_new_object();
	if (!o)
		return NULL;
	json_object_object_add(o, "type", json_object_new_string(
		q->subtype == DHA_HAMSG_SWITCHOVER_REQUEST ? "switchover" :
							     "switchback"));
	json_object_object_add(o, "peer", json_address(&q->peer->address));
	json_object_object_add(o, "tries", json_object_new_int((int)q->tries));
	json_object_object_add(o, "by", json_object_new_string(
				       q->preemption ? "preemption" : "operator"));
	return o;
}

json_object *redundancy_json(const struct redundancy *r)
{
	const struct red_counters *c = &r->counters;
	json_object *o = json_object_new_object();
	json_object *peers = json_object_new_array();
	json_object *counters = json_object_new_object();
	unsigned int i;

	if (!o || !peers || !counters) {
		json_object_put(o);
		json_object_put(peers);
		json_object_put(counters);
		return NULL;
	}
	json_object_object_add(o, "group", json_object_new_int(r->config->group));
	json_object_object_add(o, "mode", json_object_new_string(
		r->config->mode == REDUNDANCY_VIRTUAL ? "virtual" : "hard"));
	json_object_object_add(o, "role", json_object_new_string(
				       redundancy_role_name(r->role)));
	json_object_object_add(o, "preference",
			       json_object_new_int(r->config->preference));
	json_object_object_add(o, "in-role-ms", json_object_new_int64(
		(int64_t)(loop_now_ms(r->dhad->loop) - r->role_since_ms)));
	json_object_object_add(o, "role-reason",
			       json_object_new_string(r->role_reason));
	/* Rule 4 of the election: it would yield to an incumbent. */
	json_object_object_add(o, "fresh", json_object_new_boolean(is_fresh(r)));
	json_object_object_add(o, "eligible",
			       json_object_new_boolean(r->eligible));
	if (!r->eligible)
		json_object_object_add(o, "tracked-failure",
				       json_object_new_string(r->track_failure));
	json_object_object_add(o, "request", request_json(&r->request));
	json_object_object_add(o, "local", json_address(&r->config->local));
	json_object_object_add(o, "hello-interval",
			       json_object_new_int64(r->config->hello_interval_ms));
	json_object_object_add(o, "hello-loss",
			       json_object_new_int64(r->config->hello_loss));
	json_object_object_add(o, "auth", json_object_new_string(
		r->config->auth == AUTH_HMAC_SHA256 ? "hmac-sha256" :
		r->config->auth == AUTH_IPSEC ? "ipsec" : "none"));
	for (i = 0; i < r->peer_count; i++)
		json_object_array_add(peers, peer_json(r, &r->peers[i]));
	json_object_object_add(o, "peers", peers);
#define COUNTER(name, field) \
	json_object_object_add(counters, name, \
			       json_object_new_int64((int64_t)c->field))
	COUNTER("hello-tx", hello_tx);
	COUNTER("hello-rx", hello_rx);
	COUNTER("hello-request-tx", hello_request_tx);
	COUNTER("hello-request-rx", hello_request_rx);
	COUNTER("drop-malformed", drop_malformed);
	COUNTER("drop-unknown-sender", drop_unknown_sender);
	COUNTER("drop-group", drop_group);
	COUNTER("drop-unauthenticated", drop_unauthenticated);
	COUNTER("drop-replayed", drop_replayed);
	COUNTER("takeovers", takeovers);
	COUNTER("stepdowns", stepdowns);
	COUNTER("peer-failures", peer_failures);
	COUNTER("switchover-requests", switchover_rx);
	COUNTER("switchback-requests", switchback_rx);
#undef COUNTER
	json_object_object_add(o, "counters", counters);
	json_object_object_add(o, "sync", sync_json(r->sync));
	json_object_object_add(o, "takeover", takeover_json(r->takeover));
	return o;
}
