/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * [load-balance]: the settings of load balancing between the home
 * agents of one home link (draft-deng-mip6-ha-loadbalance,
 * Documentation/load-balancing.md, dhad.conf(5)). Without the section
 * the protocol does not run.
 */
#ifndef DHAD_LOADBALANCE_CONFIG_H
#define DHAD_LOADBALANCE_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/conf.h"

#define LB_DEFAULT_LIGHT 50
#define LB_DEFAULT_MIN_RA_INTERVAL_MS 1000
#define LB_DEFAULT_TOP_PERCENT 10
#define LB_DEFAULT_HANDOFF_HOLD_MS 30000
#define LB_DEFAULT_CAPACITY_KBPS 100000	/* 100 Mbit/s */

/* RFC 6275 7.5: a home agent may advertise every 30 ms at most ... */
#define LB_MIN_RA_INTERVAL_MIN_MS 30
/* ... and RFC 4861 6.2.1 caps MaxRtrAdvInterval, 3 x min, at 1800 s. */
#define LB_MIN_RA_INTERVAL_MAX_MS 600000

enum lb_reassign {
	LB_REASSIGN_DHAAD,		/* unsolicited DHAAD Reply */
	LB_REASSIGN_SWITCH,		/* RFC 5142 Home Agent Switch */
	LB_REASSIGN_BOTH,
};

struct lb_config {
	bool enabled;			/* the section is there */
	uint16_t light;			/* LIGHT: Queue Size below this */
	uint32_t min_ra_interval_ms;	/* MinRtrAdvInterval */
	uint8_t top_percent;		/* the draft's top/bottom 10% */
	uint32_t handoff_hold_ms;	/* a Handoff Table entry's life */
	enum lb_reassign reassign;
	uint32_t capacity_kbps;		/* the tunnel path's, for Queue Size */
};

extern const struct conf_section lb_sections[];

void lb_config_init(void *settings, struct dhad_config *core);
void lb_config_check(void *settings, struct conf_check *check);
const char *lb_config_fixed(const void *old, const void *now);
const char *lb_reassign_name(enum lb_reassign reassign);

#endif /* DHAD_LOADBALANCE_CONFIG_H */
