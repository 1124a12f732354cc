// SPDX-License-Identifier: GPL-2.0-only
/*
 * The election of the active home agent, pure (redundancy.h; the rules
 * are in Documentation/reliability.md, "Election").
 */
#include <string.h>

#include "reliability/redundancy.h"
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
	if (other_active || self->held)
		return DECISION_STAY;
	return best == self ? DECISION_BECOME_ACTIVE : DECISION_STAY;
}
