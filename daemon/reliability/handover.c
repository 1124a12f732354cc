// SPDX-License-Identifier: GPL-2.0-only
/*
 * SwitchOver and SwitchBack (draft-ietf-mip6-hareliability 7.6, 7.7): an
 * operator's request or a pre-emption, retransmitted until answered,
 * and the answers to the peers' requests (member.h).
 */
#include <errno.h>
#include <stdio.h>

#include "core/dhad.h"
#include "reliability/member.h"
#include "reliability/sync.h"
#include "sys/log.h"
#include "wire/hamsg.h"

void handover_check_preemption(struct redundancy *r)
{
	struct redundancy_member self = redundancy_self(r), other;
	struct red_peer *active = redundancy_active_peer(r);

	if (!r->config->preempt || r->role != ROLE_STANDBY || !active) {
		loop_timer_stop(r->dhad->loop, &r->preempt_timer);
		return;
	}
	other = redundancy_member_of(active);
	if (!redundancy_ranks_before(&self, &other)) {
		loop_timer_stop(r->dhad->loop, &r->preempt_timer);
		return;
	}
	if (!timer_pending(&r->preempt_timer))
		loop_timer_start(r->dhad->loop, &r->preempt_timer,
				 r->config->preempt_delay_ms);
}

void handover_finish(struct redundancy *r, int status)
{
	struct pending_request *q = &r->request;
	redundancy_done_fn done = q->done;
	void *arg = q->arg;

	loop_timer_stop(r->dhad->loop, &q->timer);
	q->subtype = 0;
	q->done = NULL;
	hold_request_finished(r, status);
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
	redundancy_send_simple(r, q->peer, q->subtype, 0);
	loop_timer_start(r->dhad->loop, &q->timer, request_interval(r));
}

void handover_timeout(struct loop_timer *timer)
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
	handover_finish(r, -ETIMEDOUT);
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
	if (r->held)
		return -EPERM;
	active = redundancy_active_peer(r);
	if (!active)
		return -ENOENT;
	/* Bindings it has no copy of would be lost with the role. */
	if (!sync_full_copy(r->sync))
		return -EAGAIN;
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
		pm = redundancy_member_of(p);
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

static bool repeated_request(const struct redundancy *r,
			     const struct red_peer *p, uint8_t subtype)
{
	return r->switched_by == subtype && r->switched_with == p &&
	       loop_now_ms(r->dhad->loop) - r->role_since_ms <=
		       (uint64_t)REDUNDANCY_REQUEST_TRIES * request_interval(r);
}

void handover_switchover_request(struct redundancy *r, struct red_peer *p)
{
	char a[INET6_ADDRSTRLEN], why[96];

	r->counters.switchover_rx++;
	if (repeated_request(r, p, DHA_HAMSG_SWITCHOVER_REQUEST)) {
		redundancy_send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY,
			    DHA_SWITCH_SUCCESS);
		return;
	}
	if (r->role != ROLE_ACTIVE) {
		redundancy_send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY,
			    DHA_SWITCH_WRONG_ROLE);
		return;
	}
	/* A member whose own tracked conditions fail may not take over. */
	if (!p->alive || !p->eligible) {
		redundancy_send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY,
			    DHA_SWITCH_ADMIN_PROHIBITED);
		return;
	}
	/* Standby first, so that at no time two claim the role. */
	p->active = true;
	snprintf(why, sizeof(why), "SwitchOver Request from %s",
		 addr_format(&p->address, a));
	redundancy_set_role(r, ROLE_STANDBY, why);
	r->switched_by = DHA_HAMSG_SWITCHOVER_REQUEST;
	r->switched_with = p;
	redundancy_send_simple(r, p, DHA_HAMSG_SWITCHOVER_REPLY, DHA_SWITCH_SUCCESS);
}

void handover_switchback_request(struct redundancy *r, struct red_peer *p)
{
	bool repeated = repeated_request(r, p, DHA_HAMSG_SWITCHBACK_REQUEST);
	char a[INET6_ADDRSTRLEN], why[96];
	int answer;

	r->counters.switchback_rx++;
	answer = handover_switchback_answer(p->alive && p->active, repeated,
					    r->role, hold_eligible(r),
					    sync_full_copy(r->sync));
	addr_format(&p->address, a);
	if (answer == SWITCH_DISCARD) {
		r->counters.drop_not_active++;
		log_debug("redundancy: SwitchBack Request from %s, not the active, dropped",
			  a);
		return;
	}
	if (answer == DHA_SWITCH_ADMIN_PROHIBITED)
		log_notice("redundancy: SwitchBack Request from %s refused: %s",
			   a, hold_eligible(r) ?
			   "no full copy of the binding cache yet" :
			   "held, in hold-down, or a tracked condition fails");
	if (answer != DHA_SWITCH_SUCCESS || repeated) {
		redundancy_send_simple(r, p, DHA_HAMSG_SWITCHBACK_REPLY,
				       (uint16_t)answer);
		return;
	}
	/*
	 * The reply before the Hello that claims the role: the asker steps
	 * down on the reply, not as the lower-ranked of two actives.
	 */
	redundancy_send_simple(r, p, DHA_HAMSG_SWITCHBACK_REPLY, DHA_SWITCH_SUCCESS);
	p->active = false;
	p->handed_over = true;
	p->handed_over_ms = loop_now_ms(r->dhad->loop);
	snprintf(why, sizeof(why), "SwitchBack Request from %s", a);
	redundancy_set_role(r, ROLE_ACTIVE, why);
	r->switched_by = DHA_HAMSG_SWITCHBACK_REQUEST;
	r->switched_with = p;
}

void handover_reply(struct redundancy *r, struct red_peer *p,
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
		/* Answered: the role change below does not withdraw it. */
		q->subtype = 0;
		addr_format(&p->address, a);
		if (switchover) {
			p->active = false;
			snprintf(why, sizeof(why), "SwitchOver accepted by %s", a);
			redundancy_set_role(r, ROLE_ACTIVE, why);
		} else {
			p->active = true;
			snprintf(why, sizeof(why), "SwitchBack accepted by %s", a);
			redundancy_set_role(r, ROLE_STANDBY, why);
		}
	}
	handover_finish(r, status);
}

void handover_preempt_fire(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    preempt_timer);
	struct red_peer *active = redundancy_active_peer(r);

	if (r->role != ROLE_STANDBY || !active || !hold_eligible(r) ||
	    r->request.subtype)
		return;
	if (!sync_full_copy(r->sync)) {
		/* Not before the copy is whole: look again in a while. */
		loop_timer_start(r->dhad->loop, &r->preempt_timer,
				 r->config->hello_interval_ms);
		return;
	}
	request_start(r, DHA_HAMSG_SWITCHOVER_REQUEST, active, NULL, NULL);
}

void handover_role_changed(struct redundancy *r)
{
	char a[INET6_ADDRSTRLEN];

	if (!r->request.subtype)
		return;
	/* 7.6.1, 7.7.1: a request is the old role's; it goes with it. */
	log_notice("redundancy: %s to %s withdrawn: this home agent is %s now",
		   request_name(&r->request),
		   addr_format(&r->request.peer->address, a),
		   redundancy_role_name(r->role));
	handover_finish(r, -ESTALE);
}
