// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a member makes of a Hello or a SwitchBack Request from a peer
 * (member.h), pure, so that the draft's rules are tested on their own:
 * redundancy.c and handover.c act on the verdicts.
 */
#include "reliability/member.h"
#include "reliability/sync.h"
#include "wire/hamsg.h"

enum hello_verdict redundancy_hello_verdict(const struct red_peer *p,
					    uint8_t group,
					    const struct dha_hamsg_hello *h)
{
	/* Group ID 0 on either side: the field is ignored (7.2.4). */
	if (h->group && group && h->group != group)
		return HELLO_OTHER_GROUP;
	/* The answer to our Hello Request carries its number (7.2.2). */
	if (p->request_pending && h->seq == p->request_seq)
		return HELLO_ANSWER;
	/* A periodic Hello older than one taken already came late. */
	if (p->alive && p->seq_known && !sync_sequence_newer(h->seq, p->last_seq))
		return HELLO_STALE;
	return HELLO_TAKE;
}

bool redundancy_hello_active(struct red_peer *p, bool claims,
			     uint64_t now_ms, uint64_t grace_ms)
{
	if (p->handed_over &&
	    (!claims || now_ms - p->handed_over_ms >= grace_ms))
		p->handed_over = false;
	return claims && !p->handed_over;
}

uint64_t redundancy_dead_ms(unsigned int hello_loss, uint16_t interval_ms,
			    uint16_t lifetime_s)
{
	uint64_t dead = (uint64_t)hello_loss * interval_ms;

	/* Silent for its lifetime, a member is gone too (7.2.4). */
	return dead < (uint64_t)lifetime_s * 1000 ? dead :
						    (uint64_t)lifetime_s * 1000;
}

void redundancy_hello_listing(const struct dha_hamsg *msg,
			      const struct in6_addr *source,
			      struct in6_addr *address, int16_t *preference)
{
	unsigned int i;

	*address = *source;
	for (i = 0; i < msg->addr_count; i++) {
		if (msg->addrs[i].code == DHA_IPADDR_CODE_HA_ADDRESS) {
			*address = msg->addrs[i].addr;
			break;
		}
	}
	/* The list's preference is signed (RFC 6275 10.5.1): clamped. */
	*preference = msg->u.hello.preference > INT16_MAX ?
			      INT16_MAX : (int16_t)msg->u.hello.preference;
}

int handover_switchback_answer(bool from_active, bool repeated,
			       enum redundancy_role role, bool eligible,
			       bool full_copy)
{
	/* The one that made the last role change, again: its sender gave
	 * the role away with it, so is no longer the active. */
	if (repeated)
		return DHA_SWITCH_SUCCESS;
	/* Only the active hands its role over (7.7.2). */
	if (!from_active)
		return SWITCH_DISCARD;
	if (role == ROLE_ACTIVE)
		return DHA_SWITCH_WRONG_ROLE;
	/* Bindings it has no copy of would be lost with the role. */
	if (!eligible || !full_copy)
		return DHA_SWITCH_ADMIN_PROHIBITED;
	return DHA_SWITCH_SUCCESS;
}
