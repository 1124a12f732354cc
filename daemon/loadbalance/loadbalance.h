/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Load balancing between the home agents of one home link
 * (draft-deng-mip6-ha-loadbalance) as a protocol of dhad: it owns
 * [load-balance], samples this home agent's load once a second and
 * publishes it with its thresholds to the core (core/load.h), whence
 * the home agent's Router Advertisements and DHAAD Replies take them;
 * the other home agents' figures arrive in the Home Agents List
 * (core/halist.h). It reassigns the mobile nodes of a busy home agent
 * to light ones (reassign.h). Without the section it runs idle and
 * answers its command with the reason. Documentation/load-balancing.md.
 */
#ifndef DHAD_LOADBALANCE_H
#define DHAD_LOADBALANCE_H

#include <stdbool.h>
#include <json-c/json.h>

#include "core/control.h"
#include "core/protocol.h"
#include "loadbalance/config.h"
#include "loadbalance/handoff.h"
#include "sys/kernel.h"
#include "sys/loop.h"

struct dhad;
struct lb_binding;

/* The module's figures are sampled once a second (kmod/load.h). */
#define LB_SAMPLE_INTERVAL_MS 1000

struct loadbalance {
	struct dhad *dhad;
	const struct lb_config *config;
	struct loop_timer sample;
	struct kernel_load kernel;	/* as last read */
	bool kernel_failed;		/* the last read failed (logged once) */
	struct lb_binding *bindings;	/* RegTIMEOUTs (reassign.c) */
	struct lb_handoffs handoffs;	/* the Home Agent Handoff Table */
	bool listening;			/* for probes of handed-off addresses */
	bool releasing;			/* letting a binding go (reassign.c) */
	uint64_t reassigned;		/* mobile nodes handed off */
	uint64_t told;			/* notices sent (first and repeated) */
};

extern const struct protocol loadbalance_protocol;

/* dha lb show (show.c). */
extern const struct control_command loadbalance_commands[];
json_object *lb_json(const struct loadbalance *lb);

#endif /* DHAD_LOADBALANCE_H */
