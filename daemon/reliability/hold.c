// SPDX-License-Identifier: GPL-2.0-only
/*
 * What keeps a member out of the active role besides its tracked
 * conditions (Documentation/reliability.md, "Maintenance" and "Flap
 * damping"): the operator's hold, and the hold-down.
 *
 * Maintenance: dha ha hold and dha ha release (redundancy.h). A held
 * member stays out
 * of the active role: it ranks last (its Hellos carry F, so the peers
 * rank it last too and take the role themselves), never elects itself,
 * refuses SwitchBack Requests and does not pre-empt. An active member
 * hands over first with a SwitchBack Request, so that its successor
 * takes the role by the handshake and not by waiting for a failure.
 *
 * The hold lives in struct redundancy: a reload keeps it, a restart of
 * dhad ends it.
 *
 * Hold-down ([redundancy] hold-down): a member that leaves the active
 * role is not electable for that long, and tracked conditions that come
 * back count only once they have held that long. Not electable is what
 * a failed tracked condition is (F in the Hellos, ranked last), so the
 * peers take the role meanwhile, and it takes the role only if nobody
 * eligible is alive.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "core/dhad.h"
#include "reliability/member.h"
#include "sys/log.h"

uint64_t hold_down_until(enum redundancy_role old, enum redundancy_role role,
			 uint64_t now, uint64_t hold_down_ms, uint64_t until)
{
	if (old == ROLE_ACTIVE && role != ROLE_ACTIVE && hold_down_ms)
		return now + hold_down_ms;
	return until;
}

bool hold_down_recovered(bool ok, bool was_eligible, uint64_t now,
			 uint64_t hold_down_ms, uint64_t *ok_since)
{
	if (!ok || was_eligible || !hold_down_ms) {
		*ok_since = 0;
		return ok;
	}
	if (!*ok_since)
		*ok_since = now;
	if (now - *ok_since < hold_down_ms)
		return false;
	*ok_since = 0;
	return true;
}

static uint64_t hold_down_ms(const struct redundancy *r)
{
	return (uint64_t)r->config->hold_down_s * 1000;
}

bool hold_down_running(const struct redundancy *r)
{
	return loop_now_ms(r->dhad->loop) < r->holddown_until_ms;
}

bool hold_eligible(const struct redundancy *r)
{
	return r->eligible && !r->held && !hold_down_running(r);
}

static void hold_down_over(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    holddown_timer);

	log_notice("redundancy: hold-down over: this member may become active again");
	redundancy_hello_now(r);
	redundancy_reelect(r, "hold-down over");
}

void hold_role_changed(struct redundancy *r, enum redundancy_role old)
{
	uint64_t now = loop_now_ms(r->dhad->loop);
	uint64_t until = hold_down_until(old, r->role, now, hold_down_ms(r),
					 r->holddown_until_ms);

	if (until == r->holddown_until_ms)
		return;
	r->holddown_until_ms = until;
	log_notice("redundancy: hold-down: not electable for %" PRIu32 " s",
		   r->config->hold_down_s);
	loop_timer_start(r->dhad->loop, &r->holddown_timer, until - now);
	/*
	 * The role change's Hello went out without F, so that the peers
	 * wait for a successor as after any handover; this one tells them
	 * at once not to count on this member.
	 */
	redundancy_hello_now(r);
}

bool hold_down_track(struct redundancy *r, bool ok, char *what, size_t size)
{
	uint64_t now = loop_now_ms(r->dhad->loop);

	if (hold_down_recovered(ok, r->eligible, now, hold_down_ms(r),
				&r->track_ok_since_ms))
		return true;
	if (ok)
		snprintf(what, size, "hold-down: holding again for %" PRIu64 " of %" PRIu32 " s",
			 (now - r->track_ok_since_ms) / 1000,
			 r->config->hold_down_s);
	return false;
}

void hold_init(struct redundancy *r)
{
	timer_init(&r->holddown_timer, hold_down_over);
}

void hold_stop(struct redundancy *r)
{
	loop_timer_stop(r->dhad->loop, &r->holddown_timer);
}

bool redundancy_held(const struct redundancy *r)
{
	return r && r->held;
}

static void set_held(struct redundancy *r, bool held)
{
	if (r->held == held)
		return;
	r->held = held;
	log_notice("redundancy: %s", held ?
		   "held: this member will not become active (dha ha hold)" :
		   "released: this member may become active again");
	/* The peers rank it anew at once. */
	redundancy_hello_now(r);
	events_status(r);
	redundancy_reelect(r, held ? "held by the operator" :
				     "released by the operator");
}

int redundancy_hold(struct redundancy *r, redundancy_done_fn done, void *arg)
{
	int ret;

	if (!r)
		return -EOPNOTSUPP;
	if (r->request.subtype)
		return -EBUSY;
	if (r->role != ROLE_ACTIVE) {
		set_held(r, true);
		return 0;
	}
	ret = redundancy_switchback(r, done, arg);
	if (ret)
		return ret;
	r->hold_pending = true;
	return 1;
}

void hold_request_finished(struct redundancy *r, int status)
{
	if (!r->hold_pending)
		return;
	r->hold_pending = false;
	/* The successor took the role: this one stays out of it. */
	if (status == 0 && r->role != ROLE_ACTIVE)
		set_held(r, true);
}

int redundancy_release(struct redundancy *r)
{
	if (!r)
		return -EOPNOTSUPP;
	set_held(r, false);
	return 0;
}
