/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_LOAD_H
#define _DHA_LOAD_H

#include <linux/average.h>
#include <linux/netdevice.h>

/* Moving averages with a weight of 1/4 per one-second sample. */
DECLARE_EWMA(dha_rate, 4, 4)

/*
 * The load figures a load balancer compares between home agents: how much
 * the device tunnels, and how much waits in its egress queue. Sampled once
 * a second by the device's periodic work, which alone writes it.
 */
struct dha_load {
	u64 tx_packets, tx_bytes, rx_packets, rx_bytes;
	unsigned long sampled;
	struct ewma_dha_rate tx_pps, tx_bps, rx_pps, rx_bps;
};

struct dha_load_figures {
	u64 tx_pps, tx_bps, rx_pps, rx_bps;
	u32 queue_len;
};

void dha_load_init(struct dha_load *load);
void dha_load_sample(struct dha_load *load, u64 tx_packets, u64 tx_bytes,
		     u64 rx_packets, u64 rx_bytes, unsigned long now);
void dha_load_read(struct dha_load *load, struct net_device *dev,
		   struct dha_load_figures *out);

#endif /* _DHA_LOAD_H */
