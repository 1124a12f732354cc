/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two figures a home agent advertises (draft-deng sections 5, 7),
 * from what the module and the binding cache hold:
 *
 * - Queue Size: how busy the tunnel path is. The packets waiting in
 *   the dha device's egress queue now, plus the tunnelled rate (both
 *   directions, the module's moving averages) as a percentage of the
 *   configured capacity: a path at half its capacity with nothing
 *   queued is 50; once the queue builds, each waiting packet adds one.
 *   Saturates at 65535.
 * - Registered MN Number: the bindings this home agent serves (not a
 *   standby's synchronized copies), saturating at 65535; the option's
 *   16 bits hold the exact count below that.
 *
 * Documentation/load-balancing.md, "Figures".
 */
#ifndef DHAD_LOADBALANCE_FIGURES_H
#define DHAD_LOADBALANCE_FIGURES_H

#include <stdint.h>

#include "core/cache.h"
#include "sys/kernel.h"

uint16_t lb_queue_size(const struct kernel_load *load, uint32_t capacity_kbps);
uint16_t lb_registered_mns(struct cache *cache);

#endif /* DHAD_LOADBALANCE_FIGURES_H */
