// SPDX-License-Identifier: GPL-2.0-only
/*
 * Maintenance: dha ha hold and dha ha release (redundancy.h,
 * Documentation/reliability.md, "Maintenance"). A held member stays out
 * of the active role: it ranks last (its Hellos carry F, so the peers
 * rank it last too and take the role themselves), never elects itself,
 * refuses SwitchBack Requests and does not pre-empt. An active member
 * hands over first with a SwitchBack Request, so that its successor
 * takes the role by the handshake and not by waiting for a failure.
 *
 * The hold lives in struct redundancy: a reload keeps it, a restart of
 * dhad ends it.
 */
#include <errno.h>

#include "core/dhad.h"
#include "reliability/member.h"
#include "sys/log.h"

bool hold_eligible(const struct redundancy *r)
{
	return r->eligible && !r->held;
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
