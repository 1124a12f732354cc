// SPDX-License-Identifier: GPL-2.0-only
/*
 * The home link's Router Advertisements. See ra.h.
 *
 * Advertisements go to all-nodes from the home link's link-local address
 * (the kernel's choice for a link-scope destination) with hop limit 255
 * per packet, so that the socket's other traffic (DHAAD replies, Mobile
 * Prefix Advertisements) keeps the default hop limit. The socket does
 * not loop its multicast back, and the receiving side ignores
 * advertisements from this host's own addresses anyway (radvd's, when it
 * runs beside dhad).
 */
#include <errno.h>
#include <ifaddrs.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <linux/if_packet.h>

#include "core/dhad.h"
#include "core/icmp.h"
#include "mip6/mip6.h"
#include "mip6/ra.h"
#include "sys/log.h"

/* RFC 4861 10 */
#define MAX_INITIAL_RTR_ADVERTISEMENTS	3
#define MAX_INITIAL_RTR_ADVERT_INTERVAL_MS 16000
#define MAX_RA_DELAY_TIME_MS		500
#define MIN_DELAY_BETWEEN_RAS_MS	3000

struct ra {
	struct dhad *dhad;
	const struct mip6_config *config;
	unsigned int ifindex;
	bool advertising;
	unsigned int sent;		/* since advertising (re)started */
	uint64_t last_sent_ms;		/* 0: none yet */
	bool has_lladdr;
	struct dha_nd_lladdr lladdr;
	struct loop_timer timer;
};

/* ---- pure ---- */

size_t ra_prefix_options(const struct mip6_config *config, bool own_address,
			 struct dha_nd_prefix out[DHA_ND_PREFIX_MAX])
{
	bool address_placed = false;
	size_t count = 0;
	unsigned int i;

	for (i = 0; i < config->home.prefix_count; i++) {
		const struct dhad_prefix *home = &config->home.prefixes[i];
		struct dha_nd_prefix *p = &out[count++];

		memset(p, 0, sizeof(*p));
		p->prefix_len = home->length;
		p->flags = DHA_PREFIX_FLAG_L;
		/* Stateless autoconfiguration needs 64-bit identifiers. */
		if (home->length == 64)
			p->flags |= DHA_PREFIX_FLAG_A;
		p->valid_lifetime = config->prefix_valid_lifetime;
		p->preferred_lifetime = config->prefix_preferred_lifetime;
		p->prefix = home->address;
		if (!address_placed &&
		    prefix_contains(home, &config->home.address)) {
			p->flags |= DHA_PREFIX_FLAG_R;
			p->prefix = config->home.address;
			address_placed = true;
		}
	}
	if (own_address && !address_placed) {
		struct dha_nd_prefix *p = &out[count++];

		memset(p, 0, sizeof(*p));
		p->prefix_len = 128;
		p->flags = DHA_PREFIX_FLAG_R;
		p->valid_lifetime = config->prefix_valid_lifetime;
		p->preferred_lifetime = config->prefix_preferred_lifetime;
		p->prefix = config->home.address;
	}
	return count;
}

void ra_fill(const struct mip6_config *config,
	     const struct dha_nd_lladdr *lladdr, bool final, bool serving,
	     const struct dhad_load *load, struct dha_ra *ra)
{
	bool home_agent = serving && !final;
	bool balancing = home_agent && load && load->active;

	memset(ra, 0, sizeof(*ra));
	/* Hop limit, reachable time, retransmission timer: unspecified. */
	ra->flags = home_agent ? DHA_RA_FLAG_H : 0;
	ra->router_lifetime = final ? 0 : config->ra_router_lifetime;
	if (lladdr) {
		ra->has_source_lladdr = true;
		ra->source_lladdr = *lladdr;
	}
	/* RFC 6275 7.3: lets mobile nodes at home notice they moved. */
	ra->has_adv_interval = true;
	ra->adv_interval = balancing ? load_max_ra_interval_ms(load) :
				       config->ra_max_interval_ms;
	if (balancing) {
		ra->flags |= DHA_RA_FLAG_L;
		ra->has_lb_info = true;
		ra->lb_info.queue_size = load->own.queue_size;
		ra->lb_info.registered_mns = load->own.registered_mns;
	}
	/*
	 * RFC 6275 7.4: not sent when both values are the defaults
	 * (preference 0, lifetime the Router Lifetime).
	 */
	if (home_agent &&
	    (config->preference != 0 ||
	     config->home.ha_lifetime != config->ra_router_lifetime)) {
		ra->has_ha_info = true;
		ra->ha_info.flags = config->mobile_routers ?
					    DHA_HA_INFO_FLAG_R : 0;
		ra->ha_info.preference = config->preference;
		ra->ha_info.lifetime = config->home.ha_lifetime;
	}
	ra->prefix_count = ra_prefix_options(config, true, ra->prefixes);
}

uint64_t ra_interval_ms(const struct mip6_config *config,
			const struct dhad_load *load, unsigned int sent,
			uint32_t random)
{
	uint64_t min = config->ra_min_interval_ms;
	uint64_t max = config->ra_max_interval_ms;
	uint64_t interval;

	if (load && load->active) {
		min = load->min_ra_interval_ms;
		max = load_max_ra_interval_ms(load);
	}
	interval = min + random % (max - min + 1);

	if (sent < MAX_INITIAL_RTR_ADVERTISEMENTS &&
	    interval > MAX_INITIAL_RTR_ADVERT_INTERVAL_MS)
		interval = MAX_INITIAL_RTR_ADVERT_INTERVAL_MS;
	return interval;
}

uint64_t ra_solicited_at_ms(const struct mip6_config *config, uint64_t now,
			    uint64_t last_sent_ms, uint64_t scheduled_ms,
			    uint32_t random)
{
	/* RFC 6275 7.5 lets a home agent go below 3 s, to min-interval. */
	uint64_t min_delay = config->ra_min_interval_ms <
					     MIN_DELAY_BETWEEN_RAS_MS ?
				     config->ra_min_interval_ms :
				     MIN_DELAY_BETWEEN_RAS_MS;
	uint64_t delay = random % (MAX_RA_DELAY_TIME_MS + 1);
	uint64_t at = now + delay;

	if (last_sent_ms && last_sent_ms + min_delay > now)
		at = last_sent_ms + min_delay + delay;
	return at < scheduled_ms ? at : scheduled_ms;
}

/* ---- I/O ---- */

static uint32_t random32(void)
{
	uint32_t value;

	if (getrandom(&value, sizeof(value), 0) != sizeof(value))
		value = (uint32_t)rand();
	return value;
}

/* The home link's hardware address, if it has one. */
static void lladdr_read(struct ra *ra)
{
	struct ifaddrs *list, *ifa;

	ra->has_lladdr = false;
	if (getifaddrs(&list) < 0)
		return;
	for (ifa = list; ifa; ifa = ifa->ifa_next) {
		const struct sockaddr_ll *ll;

		if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != AF_PACKET ||
		    strcmp(ifa->ifa_name, ra->config->home.home_link) != 0)
			continue;
		ll = (const struct sockaddr_ll *)(const void *)ifa->ifa_addr;
		if (ll->sll_halen == 0 || ll->sll_halen > sizeof(ll->sll_addr))
			break;
		/* The option's data is padded to whole 8-octet units. */
		memset(&ra->lladdr, 0, sizeof(ra->lladdr));
		ra->lladdr.len = ((2u + ll->sll_halen + 7) / 8) * 8 - 2;
		memcpy(ra->lladdr.addr, ll->sll_addr, ll->sll_halen);
		ra->has_lladdr = true;
		break;
	}
	freeifaddrs(list);
}

static void send_ra(struct ra *ra, bool final)
{
	static const struct in6_addr all_nodes = {
		.s6_addr = { 0xff, 0x02, [15] = 1 }
	};
	static struct dha_ra msg;
	uint8_t pkt[DHA_IPV6_MIN_MTU];
	size_t len;
	int ret;

	ra_fill(ra->config, ra->has_lladdr ? &ra->lladdr : NULL, final,
		dhad_serving(ra->dhad), &ra->dhad->load, &msg);
	ret = dha_ra_build(pkt, sizeof(pkt), &msg, &len);
	if (ret) {
		log_err("ra: cannot build a Router Advertisement: %s",
			strerror(-ret));
		return;
	}
	ret = icmp_send(ra->dhad->icmp, pkt, len, NULL, &all_nodes,
			ra->ifindex, 255, NULL);
	if (ret)
		log_warn("ra: sending a Router Advertisement on %s: %s",
			 ra->config->home.home_link, strerror(-ret));
	else
		log_debug("ra: %sRouter Advertisement sent on %s",
			  final ? "final " : "", ra->config->home.home_link);
	ra->last_sent_ms = loop_now_ms(ra->dhad->loop);
}

static void schedule_at(struct ra *ra, uint64_t at_ms)
{
	if (loop_timer_start_at(ra->dhad->loop, &ra->timer, at_ms))
		log_err("ra: out of memory; advertisements stop");
}

static void ra_timer(struct loop_timer *timer)
{
	struct ra *ra = container_of(timer, struct ra, timer);

	send_ra(ra, false);
	ra->sent++;
	schedule_at(ra, ra->last_sent_ms +
				ra_interval_ms(ra->config, &ra->dhad->load,
					       ra->sent, random32()));
}

/* RFC 4861 6.2.2: a router listens to all-routers on the link. */
static void all_routers(struct ra *ra, bool join)
{
	static const struct in6_addr all_routers = {
		.s6_addr = { 0xff, 0x02, [15] = 2 }
	};
	int ret = icmp_multicast(ra->dhad->icmp, ra->ifindex, &all_routers,
				 join);

	if (ret && join)
		log_warn("ra: cannot join ff02::2 on %s: %s (solicitations may go unheard)",
			 ra->config->home.home_link, strerror(-ret));
}

static void start(struct ra *ra)
{
	if (!ra->advertising) {
		all_routers(ra, true);
		log_notice("ra: advertising on %s", ra->config->home.home_link);
	}
	ra->advertising = true;
	/*
	 * A new configuration is announced like a new router (6.2.4), at
	 * once unless an advertisement went out a moment ago.
	 */
	ra->sent = 0;
	lladdr_read(ra);
	schedule_at(ra, ra_solicited_at_ms(ra->config,
					   loop_now_ms(ra->dhad->loop),
					   ra->last_sent_ms, UINT64_MAX, 0));
}

static void stop(struct ra *ra)
{
	if (!ra->advertising)
		return;
	loop_timer_stop(ra->dhad->loop, &ra->timer);
	send_ra(ra, true);
	all_routers(ra, false);
	ra->advertising = false;
	log_notice("ra: stopped advertising on %s", ra->config->home.home_link);
}

struct ra *ra_new(struct mip6 *ha, unsigned int ifindex)
{
	struct ra *ra = calloc(1, sizeof(*ra));

	if (!ra)
		return NULL;
	ra->dhad = ha->dhad;
	ra->config = ha->config;
	ra->ifindex = ifindex;
	timer_init(&ra->timer, ra_timer);
	if (ha->config->ra_send)
		start(ra);
	return ra;
}

void ra_free(struct ra *ra)
{
	if (!ra)
		return;
	stop(ra);
	free(ra);
}

void ra_reload(struct ra *ra)
{
	if (ra->config->ra_send)
		start(ra);
	else
		stop(ra);
}

void ra_solicited(struct ra *ra)
{
	uint64_t now, at;

	if (!ra->advertising)
		return;
	now = loop_now_ms(ra->dhad->loop);
	at = ra_solicited_at_ms(ra->config, now, ra->last_sent_ms,
				ra->timer.expiry_ms, random32());
	if (at < ra->timer.expiry_ms)
		schedule_at(ra, at);
}

void ra_serving_changed(struct ra *ra)
{
	if (!ra || !ra->advertising)
		return;
	/*
	 * Like changed information (RFC 4861 6.2.4): at once, then the
	 * initial spacing. Mobile nodes at home and the other home agents
	 * learn that this one now serves, or no longer does.
	 */
	ra->sent = 0;
	schedule_at(ra, loop_now_ms(ra->dhad->loop));
}

bool ra_advertising(const struct ra *ra)
{
	return ra && ra->advertising;
}
