/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Home Agent Handoff Table (draft-deng section 9): for each mobile
 * node this home agent handed to another, the new home agent, and until
 * when that holds (handoff-hold). An entry is one handing off: the
 * draft's Handing Off flag false is no entry here. While
 * it holds, the mobile node is not eligible for another choice, and
 * every Binding Update it still sends here is answered with the same
 * new home agent: no mobile node is ever given two. Expired entries go
 * at the next look-up or sweep. Pure: times are given.
 */
#ifndef DHAD_LOADBALANCE_HANDOFF_H
#define DHAD_LOADBALANCE_HANDOFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

/* Beyond this many handoffs in one hold, no more are made. */
#define LB_HANDOFFS_MAX 4096

struct lb_handoff {
	struct in6_addr home_address;
	struct in6_addr new_home_agent;
	uint64_t expiry_ms;
	struct lb_handoff *next;
};

struct lb_handoffs {
	struct lb_handoff *head;
	size_t count;
};

void lb_handoffs_init(struct lb_handoffs *table);
void lb_handoffs_destroy(struct lb_handoffs *table);

/*
 * The new home agent of home_address while its hand-off holds at now,
 * else NULL (no entry, or an expired one: the draft's conditions of
 * eligibility).
 */
const struct in6_addr *lb_handoff_assigned(struct lb_handoffs *table,
					   const struct in6_addr *home_address,
					   uint64_t now_ms);
/*
 * Writes the entry: handing off to new_home_agent until expiry_ms. An
 * entry that still holds is never overwritten (-EEXIST); -ENOSPC past
 * LB_HANDOFFS_MAX, -ENOMEM.
 */
int lb_handoff_record(struct lb_handoffs *table,
		      const struct in6_addr *home_address,
		      const struct in6_addr *new_home_agent, uint64_t now_ms,
		      uint64_t expiry_ms);
/* Drops the entries expired at now. */
void lb_handoffs_expire(struct lb_handoffs *table, uint64_t now_ms);

#endif /* DHAD_LOADBALANCE_HANDOFF_H */
