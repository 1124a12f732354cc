// SPDX-License-Identifier: GPL-2.0-only
/* The advertised load figures (figures.h). */
#include "loadbalance/figures.h"

uint16_t lb_queue_size(const struct kernel_load *load, uint32_t capacity_kbps)
{
	/* capacity_kbps x 10: bit/s that make one percent. */
	uint64_t per_percent = (uint64_t)capacity_kbps * 10;
	uint64_t rate = load->tx_bps + load->rx_bps;
	uint64_t size;

	/* A sum that wrapped is a path past any capacity. */
	if (rate < load->tx_bps || !per_percent)
		return UINT16_MAX;
	size = rate / per_percent + load->queue_len;
	return size > UINT16_MAX ? UINT16_MAX : (uint16_t)size;
}

static int count_served(struct cache_entry *entry, void *arg)
{
	uint64_t *count = arg;

	if (!entry->synced)
		(*count)++;
	return 0;
}

uint16_t lb_registered_mns(struct cache *cache)
{
	uint64_t count = 0;

	cache_for_each(cache, count_served, &count);
	return count > UINT16_MAX ? UINT16_MAX : (uint16_t)count;
}
