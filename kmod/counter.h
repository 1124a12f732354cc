/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_COUNTER_H
#define _DHA_COUNTER_H

#include <linux/u64_stats_sync.h>

/* Packets and bytes in one direction: one CPU's share. */
struct dha_pcpu_traffic {
	u64_stats_t packets;
	u64_stats_t bytes;
};

/* Callers pass this CPU's counters, with preemption or BHs disabled. */
static inline void dha_traffic_count(struct u64_stats_sync *syncp,
				     struct dha_pcpu_traffic *t,
				     unsigned int len)
{
	u64_stats_update_begin(syncp);
	u64_stats_inc(&t->packets);
	u64_stats_add(&t->bytes, len);
	u64_stats_update_end(syncp);
}

static inline void dha_counter_inc(struct u64_stats_sync *syncp,
				   u64_stats_t *counter)
{
	u64_stats_update_begin(syncp);
	u64_stats_inc(counter);
	u64_stats_update_end(syncp);
}

#endif /* _DHA_COUNTER_H */
