// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: Router Advertisements heard on the home link through
 * dha_ra_parse(), discovery_ra_learn() and the Home Agents List, then
 * the DHAAD Reply built from that list, each checked against what any
 * answer must satisfy.
 *
 * Input: a 3-octet header, then advertisements, each as one octet (the
 * sender's link-local address is fe80::N, N its low four bits), a
 * 2-octet length and the ICMPv6 message.
 *   0: bit 0 a DHAAD Request from a mobile router, bit 1 mobile-routers
 *      on this agent, bit 2 this agent does not serve (a standby),
 *      bit 3 load balancing with LIGHT below 100 and this agent's
 *      Queue Size the octet 2
 *   1-2: this agent's preference
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/discovery.h"

#define HEADER_LEN 3
#define RECORD_HEADER_LEN 3

static struct loop *loop;
static struct mip6_config config;

static bool global(const struct in6_addr *a)
{
	return !IN6_IS_ADDR_UNSPECIFIED(a) && !IN6_IS_ADDR_LOOPBACK(a) &&
	       !IN6_IS_ADDR_MULTICAST(a) && !IN6_IS_ADDR_LINKLOCAL(a) &&
	       !IN6_IS_ADDR_V4MAPPED(a);
}

static void learn(struct halist *list, const struct in6_addr *ll,
		  const uint8_t *msg, size_t len)
{
	static struct dha_ra ra;
	struct discovery_ra_entry learnt;
	struct halist_entry *entry;

	if (dha_ra_parse(msg, len, &ra) != 0)
		return;
	entry = halist_lookup(list, ll);
	switch (discovery_ra_learn(&ra, entry ? &entry->address : NULL,
				   &learnt)) {
	case DISCOVERY_RA_UPDATE:
		if (!learnt.lifetime || !global(&learnt.address) ||
		    !(ra.flags & DHA_RA_FLAG_H))
			abort();
		if (halist_update(list, ll, &learnt.address, learnt.preference,
				  learnt.lifetime, learnt.mobile_routers) ||
		    !halist_lookup(list, ll))
			abort();
		if (learnt.has_load != ((ra.flags & DHA_RA_FLAG_L) &&
					ra.has_lb_info))
			abort();
		halist_set_load(list, ll, learnt.has_load ? &learnt.load : NULL);
		break;
	case DISCOVERY_RA_REMOVE:
		/* Without an entry only for H clear or a lifetime of 0. */
		if (!entry && (ra.flags & DHA_RA_FLAG_H) && learnt.lifetime)
			abort();
		halist_remove(list, ll);
		if (halist_lookup(list, ll))
			abort();
		break;
	case DISCOVERY_RA_IGNORE:
		if (entry)
			abort();
		break;
	}
}

/*
 * LIGHT ones first (with load), by highest preference within, each
 * address once, this agent's if due.
 */
static void check_reply(const struct halist *list, bool serving,
			bool mobile_routers, const struct dhad_load *load)
{
	struct in6_addr out[DHA_DHAAD_ADDRS_MAX];
	const struct halist_entry *entry;
	int16_t preference, prev = INT16_MAX;
	uint64_t rng = 1, now = loop_now_ms(loop);
	bool self = false, light, prev_light = true;
	size_t n, i, j;

	n = discovery_dhaad_addresses(&config, list, serving, mobile_routers,
				      load, now, &rng, out,
				      DHA_DHAAD_ADDRS_MAX);
	if (n > list->count + 1)
		abort();
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (!memcmp(&out[i], &out[j], sizeof(out[i])))
				abort();
		if (!memcmp(&out[i], &config.home.address, sizeof(out[i]))) {
			self = true;
			preference = config.preference;
			light = load->active &&
				load_is_light(load, load->own.queue_size);
		} else {
			/* The first entry eligible with that address. */
			for (entry = list->head; entry; entry = entry->next)
				if (!memcmp(&entry->address, &out[i],
					    sizeof(out[i])) &&
				    (!mobile_routers || entry->mobile_routers))
					break;
			if (!entry)
				abort();
			preference = entry->preference;
			light = load_entry_light(load, entry, now);
		}
		if (light && !prev_light)
			abort();
		if (light == prev_light && preference > prev)
			abort();
		prev = preference;
		prev_light = light;
	}
	if (self != (serving && (!mobile_routers || config.mobile_routers)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dhad_load load = { 0 };
	struct halist list;
	struct in6_addr ll;
	size_t at, len;

	if (!loop) {
		loop = loop_new();
		if (!loop)
			abort();
		inet_pton(AF_INET6, "2001:db8:1::1", &config.home.address);
	}
	if (size < HEADER_LEN)
		return 0;
	config.mobile_routers = data[0] & 0x02;
	config.preference = (int16_t)(data[1] << 8 | data[2]);
	halist_init(&list, loop);
	inet_pton(AF_INET6, "fe80::", &ll);
	for (at = HEADER_LEN; size - at >= RECORD_HEADER_LEN; at += len) {
		ll.s6_addr[15] = data[at] & 0x0f;
		len = (size_t)data[at + 1] << 8 | data[at + 2];
		at += RECORD_HEADER_LEN;
		if (len > size - at)
			len = size - at;
		learn(&list, &ll, data + at, len);
	}
	load.active = data[0] & 0x08;
	load.light = 100;
	load.min_ra_interval_ms = 1000;
	load.own.queue_size = data[2];
	check_reply(&list, !(data[0] & 0x04), data[0] & 0x01, &load);
	halist_destroy(&list);
	return 0;
}
