/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Home agent reassignment (draft-deng sections 8, 9): a RegTIMEOUT
 * timer for each binding this home agent serves; when one fires the
 * mobile node is eligible, unless the Handoff Table holds it, and the
 * draft's algorithm (decide.h) runs on the extended Home Agents List.
 * A chosen home agent is written into the Handoff Table and told to the
 * mobile node by the configured method: an unsolicited DHAAD Reply from
 * this home agent to its care-of address naming only the new home
 * agent, an RFC 5142 Home Agent Switch, or both. A Binding Update the
 * mobile node still sends here while its hand-off holds is answered
 * the same way with the same home agent.
 */
#ifndef DHAD_LOADBALANCE_REASSIGN_H
#define DHAD_LOADBALANCE_REASSIGN_H

#include <stdint.h>
#include <netinet/in.h>

struct cache_entry;
struct loadbalance;

/*
 * RegTIMEOUT = MinRtrAdvInterval / Queue Size Indicator, the indicator
 * being how many times over LIGHT the Queue Size is, rounded up, at
 * least 1: a LIGHT home agent looks at each mobile node once per
 * MinRtrAdvInterval, one at four times LIGHT four times as often.
 */
uint64_t lb_reg_timeout_ms(uint32_t min_ra_interval_ms, uint16_t queue_size,
			   uint16_t light);

/* The binding of home_address was created or changed. */
void lb_reassign_binding_changed(struct loadbalance *lb,
				 const struct in6_addr *home_address);
/* It left the cache. */
void lb_reassign_binding_gone(struct loadbalance *lb,
			      const struct cache_entry *entry);
/* Drops every timer and the Handoff Table. */
/* Listens for the probes that end a handoff: 0 or a negative errno. */
int lb_reassign_start(struct loadbalance *lb);
void lb_reassign_stop(struct loadbalance *lb);

#endif /* DHAD_LOADBALANCE_REASSIGN_H */
