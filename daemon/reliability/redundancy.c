// SPDX-License-Identifier: GPL-2.0-only
/*
 * HA reliability: Hellos, failure detection, roles, the protocol's start
 * and stop (redundancy.h, member.h, Documentation/reliability.md). The
 * election itself is election.c's, SwitchOver and SwitchBack handover.c's,
 * tracked conditions track.c's, the peers' messages receive.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>

#include "core/dhad.h"
#include "core/home.h"
#include "core/mh.h"
#include "reliability/member.h"
#include "reliability/notify.h"
#include "reliability/sync.h"
#include "reliability/takeover.h"
#include "sys/ipsec.h"
#include "sys/log.h"
#include "wire/hamsg.h"

/*
 * At start a member listens this many of its dead intervals before it
 * elects; after winning that election it yields to an incumbent active
 * it had not heard for this many more (Documentation/reliability.md).
 */
#define INIT_DEAD_INTERVALS 2ull
#define FRESH_DEAD_INTERVALS 3ull
/* How often a member whose local address is missing looks again. */
#define LOCAL_RETRY_MS 1000

const char *redundancy_role_name(enum redundancy_role role)
{
	switch (role) {
	case ROLE_INIT:		return "init";
	case ROLE_STANDBY:	return "standby";
	case ROLE_ACTIVE:	return "active";
	}
	return "?";
}

/* ---- sending ---- */

uint64_t redundancy_wall_clock_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void send_msg(struct redundancy *r, struct red_peer *peer,
		     struct dha_hamsg *msg)
{
	uint8_t buf[DHA_MH_MAX_LEN];
	char a[INET6_ADDRSTRLEN];
	size_t len;
	int ret;

	if (!r->listener)
		return;		/* local is not up yet: nothing to send from */
	if (r->config->auth == AUTH_HMAC_SHA256) {
		msg->has_auth = true;
		msg->auth.key_id = auth_send_key_id(&r->auth);
		msg->auth.counter = auth_next_counter(&r->auth, redundancy_wall_clock_us());
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
	ret = mh_send(r->listener, buf, len, NULL, &peer->address, NULL);
	if (ret)
		log_debug("redundancy: sending %u to %s: %s", msg->subtype,
			  addr_format(&peer->address, a), strerror(-ret));
}

static uint64_t dead_interval_ms(const struct redundancy *r)
{
	return (uint64_t)r->config->hello_loss * r->config->hello_interval_ms;
}

bool redundancy_is_fresh(const struct redundancy *r)
{
	return r->role == ROLE_ACTIVE &&
	       loop_now_ms(r->dhad->loop) < r->fresh_until_ms;
}

void redundancy_send_hello(struct redundancy *r, struct red_peer *peer,
			   uint16_t seq, uint16_t lifetime)
{
	const struct dhad_home *home = r->dhad->config.home;
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_HELLO };
	unsigned int i;

	msg.u.hello.seq = seq;
	msg.u.hello.preference = r->config->preference;
	msg.u.hello.lifetime = lifetime;
	msg.u.hello.interval = (uint16_t)r->config->hello_interval_ms;
	msg.u.hello.group = r->config->group;
	msg.u.hello.flags = (r->role == ROLE_ACTIVE ? DHA_HELLO_FLAG_A : 0) |
			    (hold_eligible(r) ? 0 : DHA_HELLO_FLAG_F) |
			    (redundancy_is_fresh(r) ? DHA_HELLO_FLAG_N : 0);
	/* This home agent's address, with each home prefix's length. */
	for (i = 0; i < home->prefix_count && i < DHA_HAMSG_ADDRS_MAX; i++) {
		msg.addrs[i].code = DHA_IPADDR_CODE_HA_ADDRESS;
		msg.addrs[i].prefix_len = home->prefixes[i].length;
		msg.addrs[i].addr = home->address;
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
		redundancy_send_hello(r, &r->peers[i], r->hello_seq, lifetime);
}

/* "On change": now, and the periodic ones restart from here. */
void redundancy_hello_now(struct redundancy *r)
{
	if (!r->listener)
		return;		/* waiting for local: Hellos start with it */
	send_hellos(r, r->dhad->config.home->ha_lifetime);
	loop_timer_start(r->dhad->loop, &r->hello_timer,
			 r->config->hello_interval_ms);
}

void redundancy_send_simple(struct redundancy *r, struct red_peer *peer,
			uint8_t subtype, uint16_t value)
{
	struct dha_hamsg msg = { .subtype = subtype };

	msg.u.status = value;
	send_msg(r, peer, &msg);
}

/* ---- roles ---- */

void redundancy_set_role(struct redundancy *r, enum redundancy_role role,
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
	if ((old == ROLE_ACTIVE) != (role == ROLE_ACTIVE))
		dhad_serving_changed(r->dhad);
	handover_role_changed(r);
	redundancy_hello_now(r);
	sync_roles_changed(r->sync, old, role);
	/* After the bindings: the announcements draw their traffic here. */
	takeover_roles_changed(r->takeover, old, role);
	hold_role_changed(r, old);
	events_role_changed(r, old, why);
}

struct redundancy_member redundancy_member_of(const struct red_peer *p)
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

struct redundancy_member redundancy_self(const struct redundancy *r)
{
	struct redundancy_member m = {
		.address = r->config->local,
		.preference = r->config->preference,
		.alive = true,
		.active = r->role == ROLE_ACTIVE,
		.eligible = hold_eligible(r),
		.held = r->held,
		.fresh = redundancy_is_fresh(r),
	};

	return m;
}

struct red_peer *redundancy_active_peer(struct redundancy *r)
{
	unsigned int i;

	for (i = 0; i < r->peer_count; i++)
		if (r->peers[i].alive && r->peers[i].active)
			return &r->peers[i];
	return NULL;
}

void redundancy_reelect(struct redundancy *r, const char *why)
{
	struct redundancy_member self = redundancy_self(r);
	struct redundancy_member members[CONFIG_PEERS_MAX];
	enum redundancy_decision decision;
	unsigned int i;

	if (redundancy_active_peer(r))
		loop_timer_stop(r->dhad->loop, &r->handover_timer);
	if (r->role == ROLE_INIT && timer_pending(&r->init_timer)) {
		/* Only a live active ends the listening early. */
		if (redundancy_active_peer(r)) {
			loop_timer_stop(r->dhad->loop, &r->init_timer);
			redundancy_set_role(r, ROLE_STANDBY, "an active home agent is there");
		}
		return;
	}
	for (i = 0; i < r->peer_count; i++)
		members[i] = redundancy_member_of(&r->peers[i]);
	decision = redundancy_elect(&self, members, r->peer_count);
	if (decision == DECISION_BECOME_ACTIVE && r->role == ROLE_STANDBY &&
	    timer_pending(&r->handover_timer))
		decision = DECISION_STAY;
	switch (decision) {
	case DECISION_BECOME_ACTIVE:
		redundancy_set_role(r, ROLE_ACTIVE, why);
		break;
	case DECISION_BECOME_STANDBY:
		redundancy_set_role(r, ROLE_STANDBY, why);
		break;
	case DECISION_STAY:
		if (r->role == ROLE_INIT) {
			redundancy_set_role(r, ROLE_STANDBY, why);
			break;
		}
		/* Peers may have come or gone: sync follows them. */
		sync_roles_changed(r->sync, r->role, r->role);
		break;
	}
	handover_check_preemption(r);
}

/* ---- timers ---- */

static void hello_tick(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    hello_timer);

	redundancy_hello_now(r);
}

static void init_done(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    init_timer);

	log_info("redundancy: listened %llu ms; electing",
		 (unsigned long long)(INIT_DEAD_INTERVALS * dead_interval_ms(r)));
	redundancy_reelect(r, "start-up election");
}

static void handover_expired(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    handover_timer);

	redundancy_reelect(r, "no successor claimed the role");
}

/* ---- start and stop ---- */

/* Sequence numbers start anywhere (7.2.1): a restart is not mistaken
 * for stale Hellos, and an answer is told from the periodic ones. */
static uint16_t random_seq(void)
{
	uint16_t seq;

	if (getrandom(&seq, sizeof(seq), 0) != sizeof(seq))
		seq = (uint16_t)(redundancy_wall_clock_us() ^ (redundancy_wall_clock_us() >> 16));
	return seq;
}

static void setup_peers(struct redundancy *r)
{
	unsigned int i;

	r->hello_seq = random_seq();
	r->peer_count = r->config->peer_count;
	for (i = 0; i < r->peer_count; i++) {
		struct red_peer *p = &r->peers[i];

		p->request_seq = random_seq();

		p->address = r->config->peers[i];
		p->r = r;
		p->eligible = true;
		p->interval_ms = (uint16_t)r->config->hello_interval_ms;
		timer_init(&p->dead_timer, redundancy_peer_dead);
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
		if (ipsec_mh_protected(r->dhad->ipsec,
				       &r->peers[i].address, &r->config->local,
				       DHA_MH_EXPERIMENTAL))
			continue;
		log_warn("redundancy: auth = ipsec, but no inbound IPsec policy requires ESP for the Mobility Header from %s to %s: its messages will be dropped (Documentation/ipsec.md)",
			 addr_format(&r->peers[i].address, a),
			 addr_format(&r->config->local, l));
	}
}

/* Listens on local, asks the peers, and listens a while before electing. */
static int start_listening(struct redundancy *r)
{
	char a[INET6_ADDRSTRLEN];
	unsigned int i;
	int ret;

	ret = mh_listen(r->dhad->mh, DHA_MH_EXPERIMENTAL, &r->config->local,
			redundancy_receive, r, &r->listener);
	if (ret)
		return ret;
	r->role_since_ms = loop_now_ms(r->dhad->loop);
	snprintf(r->role_reason, sizeof(r->role_reason),
		 "start-up: listening for peers");
	for (i = 0; i < r->peer_count; i++) {
		struct dha_hamsg msg = { .subtype = DHA_HAMSG_HELLO_REQUEST };
		struct red_peer *p = &r->peers[i];

		msg.u.seq = p->request_seq;
		p->request_pending = true;
		send_msg(r, p, &msg);
		r->counters.hello_request_tx++;
	}
	redundancy_hello_now(r);
	loop_timer_start(r->dhad->loop, &r->init_timer,
			 INIT_DEAD_INTERVALS * dead_interval_ms(r));
	log_info("redundancy: listening on %s",
		 addr_format(&r->config->local, a));
	return 0;
}

/*
 * At boot the network may come up after dhad: a missing local address
 * is waited for, in role init, claiming nothing.
 */
static void local_retry(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    local_timer);
	char a[INET6_ADDRSTRLEN];
	int ret = start_listening(r);

	addr_format(&r->config->local, a);
	if (!ret) {
		log_notice("redundancy: local %s is up", a);
		return;
	}
	if (ret != -EADDRNOTAVAIL)
		log_err("redundancy: cannot open a Mobility Header socket on local %s: %s; trying again",
			a, strerror(-ret));
	loop_timer_start(r->dhad->loop, &r->local_timer, LOCAL_RETRY_MS);
}

int redundancy_open(struct dhad *dhad,
		    const struct config_redundancy *config,
		    struct redundancy **out)
{
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
	auth_configure(&r->auth, config->keys, config->key_count,
		       config->send_key_id);
	setup_peers(r);
	timer_init(&r->hello_timer, hello_tick);
	timer_init(&r->init_timer, init_done);
	timer_init(&r->preempt_timer, handover_preempt_fire);
	timer_init(&r->handover_timer, handover_expired);
	timer_init(&r->track_timer, track_tick);
	timer_init(&r->request.timer, handover_timeout);
	hold_init(r);
	timer_init(&r->local_timer, local_retry);
	if (sync_open(dhad, r, config, &r->sync)) {
		free(r);
		log_err("out of memory");
		return -ENOMEM;
	}
	ret = takeover_open(dhad, config, &r->takeover);
	if (ret) {
		sync_close(r->sync);
		free(r);
		return ret;
	}
	r->notify = notify_open(dhad, config);
	if (!r->notify) {
		takeover_close(r->takeover);
		sync_close(r->sync);
		mh_unlisten(r->listener);
		free(r);
		log_err("out of memory");
		return -ENOMEM;
	}
	if (config->auth == AUTH_NONE)
		log_warn("redundancy: auth = none: HA-to-HA messages are not authenticated");
	warn_unprotected_peers(r);

	r->role = ROLE_INIT;
	addr_format(&config->local, a);
	ret = start_listening(r);
	if (ret == -EADDRNOTAVAIL) {
		log_warn("redundancy: local %s is not an address of this host yet: waiting for it, claiming nothing",
			 a);
		r->role_since_ms = loop_now_ms(dhad->loop);
		snprintf(r->role_reason, sizeof(r->role_reason),
			 "start-up: waiting for local %s", a);
		loop_timer_start(dhad->loop, &r->local_timer, LOCAL_RETRY_MS);
	} else if (ret) {
		log_err("redundancy: cannot open a Mobility Header socket on local %s: %s",
			a, strerror(-ret));
		takeover_close(r->takeover);
		sync_close(r->sync);
		free(r);
		return ret;
	}
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
	 * A peer takes over once it hears the goodbye: withdraw everything
	 * first (sync_close() finishes the withdrawal the step-down began),
	 * so that two members never hold the address, the proxy entries or
	 * the routes. Alone, everything stays in the kernel and keeps
	 * serving.
	 */
	if (r->role == ROLE_ACTIVE) {
		for (i = 0; i < r->peer_count; i++)
			if (r->peers[i].alive)
				break;
		if (i < r->peer_count)
			redundancy_set_role(r, ROLE_STANDBY, "leaving the set");
	}
	if (r->request.subtype)
		handover_finish(r, -ECANCELED);
	sync_close(r->sync);
	send_hellos(r, 0);
	loop_timer_stop(loop, &r->hello_timer);
	loop_timer_stop(loop, &r->local_timer);
	loop_timer_stop(loop, &r->init_timer);
	loop_timer_stop(loop, &r->preempt_timer);
	loop_timer_stop(loop, &r->handover_timer);
	hold_stop(r);
	for (i = 0; i < r->peer_count; i++) {
		loop_timer_stop(loop, &r->peers[i].dead_timer);
		/* What only Hellos kept up to date goes with them. */
		r->peers[i].alive = false;
		redundancy_list_peer(r, &r->peers[i]);
	}
	track_stop(r);
	takeover_close(r->takeover);
	mh_unlisten(r->listener);
	/* Last: the hooks of the step-down above run to their end. */
	notify_close(r->notify);
	free(r);
}

void redundancy_reload(struct redundancy *r)
{
	if (!r)
		return;
	auth_configure(&r->auth, r->config->keys, r->config->key_count,
		       r->config->send_key_id);
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
		redundancy_reelect(r, "configuration reloaded");
	redundancy_hello_now(r);
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
