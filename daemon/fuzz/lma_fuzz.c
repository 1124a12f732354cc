// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: the LMA's decisions (pmip/lmacache.h) on a sequence of
 * messages, and the MAG's identifier file (pmip/mnid.h). The input is
 * records of [MAG index][clock step][length][message]; each message
 * that parses as a PBU is decided on. The cache must stay consistent:
 * one entry per identifier and per prefix, every prefix a /64 of the
 * pool, every active entry's MAG an authorized one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "pmip/config.h"
#include "pmip/lmacache.h"
#include "pmip/mnid.h"

static void consistent(const struct lma_cache *cache,
		       const struct pmip_config *config)
{
	const struct lma_entry *a, *b;
	size_t n = 0;

	for (a = cache->entries; a; a = a->next, n++) {
		if (a->hnp.length != PMIP_HNP_LENGTH ||
		    !prefix_contains(&config->hnp_pool, &a->hnp.address) ||
		    !pmip_config_mag_known(config, &a->mag))
			abort();
		for (b = a->next; b; b = b->next)
			if (!memcmp(&a->hnp.address, &b->hnp.address, 16) ||
			    (a->id_known && b->id_known &&
			     a->mn_id_len == b->mn_id_len &&
			     !memcmp(a->mn_id, b->mn_id, a->mn_id_len)))
				abort();
	}
	if (n != cache->count)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pmip_config config;
	const uint64_t second = 65536;
	uint64_t now_ms = 1000, now_ts = 1700000000ull * second;
	struct lma_decision d;
	struct dha_pmip_msg msg;
	struct lma_cache cache;
	unsigned int bad;
	char id[MNID_MAX];
	size_t off = 0, len;
	FILE *in;

	memset(&config, 0, sizeof(config));
	inet_pton(AF_INET6, "2001:db8:100::", &config.hnp_pool.address);
	config.hnp_pool.length = 60;
	config.max_lifetime = 600;
	config.mag_count = 2;
	inet_pton(AF_INET6, "2001:db8:a1::2", &config.mags[0]);
	inet_pton(AF_INET6, "2001:db8:a2::2", &config.mags[1]);
	lma_cache_init(&cache);
	while (off + 3 <= size) {
		const struct in6_addr *mag = &config.mags[data[off] % 2];
		struct in6_addr stranger = config.mags[0];

		if (data[off] & 0x80) {
			stranger.s6_addr[15] ^= 1;
			mag = &stranger;
		}
		now_ms += data[off + 1] * 100u;
		now_ts += data[off + 1] * second / 10;
		len = data[off + 2];
		off += 3;
		if (len > size - off)
			len = size - off;
		if (!dha_pmip_parse(data + off, len, &msg) &&
		    msg.type == 5) {
			lma_decide(&cache, &config, &msg, mag, now_ms, now_ts,
				   &d);
			/* A message's own timestamp is usually in the window. */
			if (msg.opts.has_timestamp)
				lma_decide(&cache, &config, &msg, mag, now_ms,
					   msg.opts.timestamp, &d);
			consistent(&cache, &config);
		}
		off += len;
	}
	lma_cache_free(&cache);
	in = fmemopen((void *)data, size ? size : 1, "r");
	if (in) {
		mnid_lookup(in, data, size < 6 ? size : 6, id, &bad);
		fclose(in);
	}
	return 0;
}
