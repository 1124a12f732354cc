/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The draft's Home Agent Reassignment algorithm (draft-deng section 8),
 * pure: given the traffic table (this home agent and the others with
 * fresh figures), which home agent, if any, a mobile node whose
 * RegTIMEOUT fired goes to.
 *
 *   IF my Queue Size is not LIGHT:
 *     IF another home agent is LIGHT: one of the LIGHT ones at random
 *     ELSE IF my Queue Size is in the top p%: one of the bottom p%
 *   ELSE IF my Registered MN Number is in the top p%: one of the bottom p%
 *
 * with p = top-percent, the top and bottom p% of the table counted as
 * ceil(n x p / 100) home agents (at least one) of the n in it, this one
 * included, ranked by the figure in question. The damping beyond the
 * draft (Documentation/load-balancing.md, "Stability"):
 *
 * - only the busiest home agent of the table reassigns: those above
 *   LIGHT before the LIGHT ones, the former ranked by Queue Size, the
 *   latter by Registered MN Number (the figure each rule looks at), then
 *   by the other figure, then the lower address. Every home agent ranks
 *   the same advertised figures, so they agree on one without a
 *   message;
 * - a home agent in the top p% by the figure in question never receives;
 * - a receiver's figure must be below mine by at least two (Queue Size:
 *   by at least light / 2, and two): moving one mobile node narrows a gap
 *   of one in MN count into the opposite gap, which would bring it back.
 */
#ifndef DHAD_LOADBALANCE_DECIDE_H
#define DHAD_LOADBALANCE_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/halist.h"

struct lb_agent {
	struct in6_addr address;
	struct halist_load load;
};

struct lb_table {
	struct lb_agent self;
	size_t count;			/* the others with fresh figures */
	struct lb_agent others[HALIST_MAX];
	uint16_t light;
	uint8_t top_percent;
};

/* The rule of the draft that chose, for logs and counters. */
enum lb_reason {
	LB_KEEP,			/* no reassignment */
	LB_TO_LIGHT,			/* I am busy, another is LIGHT */
	LB_QUEUE_TOP,			/* none LIGHT, my queue in the top */
	LB_MNS_TOP,			/* I am LIGHT, my MN count in the top */
};

/*
 * The index in table->others of the chosen home agent (random picks
 * among the candidates), or -1 to keep the mobile node; *reason says
 * which rule applied (LB_KEEP with -1).
 */
int lb_decide(const struct lb_table *table, uint32_t random,
	      enum lb_reason *reason);

/* Whether this home agent is the one that reassigns now. */
bool lb_busiest(const struct lb_table *table);

#endif /* DHAD_LOADBALANCE_DECIDE_H */
