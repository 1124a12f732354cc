// SPDX-License-Identifier: GPL-2.0
/* Load figures of a device: tunneled traffic rate and egress queue length. */
#include <linux/jiffies.h>
#include <net/sch_generic.h>

#include "load.h"

void dha_load_init(struct dha_load *load)
{
	memset(load, 0, sizeof(*load));
	ewma_dha_rate_init(&load->tx_pps);
	ewma_dha_rate_init(&load->tx_bps);
	ewma_dha_rate_init(&load->rx_pps);
	ewma_dha_rate_init(&load->rx_bps);
	load->sampled = jiffies;
}

static unsigned long dha_per_second(u64 delta, unsigned long elapsed)
{
	return div64_ul(delta * HZ, elapsed);
}

void dha_load_sample(struct dha_load *load, u64 tx_packets, u64 tx_bytes,
		     u64 rx_packets, u64 rx_bytes, unsigned long now)
{
	unsigned long elapsed = now - load->sampled;

	if (!elapsed)
		return;
	ewma_dha_rate_add(&load->tx_pps,
			  dha_per_second(tx_packets - load->tx_packets, elapsed));
	ewma_dha_rate_add(&load->tx_bps,
			  dha_per_second(tx_bytes - load->tx_bytes, elapsed) * 8);
	ewma_dha_rate_add(&load->rx_pps,
			  dha_per_second(rx_packets - load->rx_packets, elapsed));
	ewma_dha_rate_add(&load->rx_bps,
			  dha_per_second(rx_bytes - load->rx_bytes, elapsed) * 8);
	load->tx_packets = tx_packets;
	load->tx_bytes = tx_bytes;
	load->rx_packets = rx_packets;
	load->rx_bytes = rx_bytes;
	load->sampled = now;
}

/* Packets queued in the qdiscs of every transmit queue of @dev. */
static u32 dha_load_queue_len(struct net_device *dev)
{
	unsigned int i;
	u32 qlen = 0;

	rcu_read_lock();
	for (i = 0; i < dev->num_tx_queues; i++) {
		struct Qdisc *q = rcu_dereference(netdev_get_tx_queue(dev, i)->qdisc);

		if (q)
			qlen += qdisc_qlen_sum(q);
	}
	rcu_read_unlock();
	return qlen;
}

void dha_load_read(struct dha_load *load, struct net_device *dev,
		   struct dha_load_figures *out)
{
	out->tx_pps = ewma_dha_rate_read(&load->tx_pps);
	out->tx_bps = ewma_dha_rate_read(&load->tx_bps);
	out->rx_pps = ewma_dha_rate_read(&load->rx_pps);
	out->rx_bps = ewma_dha_rate_read(&load->rx_bps);
	out->queue_len = dha_load_queue_len(dev);
}
