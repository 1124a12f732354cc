// SPDX-License-Identifier: GPL-2.0-only
/* The split-brain probe of a virtual switch (probe.h). */
#include <errno.h>
#include <string.h>

#include "core/icmp.h"
#include "reliability/probe.h"
#include "sys/addr.h"
#include "sys/lladdr.h"
#include "sys/log.h"
#include "wire/numbers.h"

#define ND_HOP_LIMIT 255		/* RFC 4861 7.1.2 */

void probe_solicited_node(const struct in6_addr *addr, struct in6_addr *out)
{
	static const uint8_t prefix[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0,
					    0, 0, 0, 0x01, 0xff };

	memcpy(out->s6_addr, prefix, sizeof(prefix));
	memcpy(out->s6_addr + 13, addr->s6_addr + 13, 3);
}

static void finish(struct probe *p)
{
	p->running = false;
	loop_timer_stop(p->loop, &p->timer);
	icmp_unlisten(p->icmp, DHA_ICMP6_NEIGHBOR_ADVERT);
}

static void advert(void *arg, const struct rawsock_rx *rx)
{
	struct probe *p = arg;
	struct dha_na na;

	/* Only from the home link itself (RFC 4861 7.1.2). */
	if (!p->running || rx->ifindex != p->ifindex ||
	    rx->hop_limit != ND_HOP_LIMIT ||
	    dha_na_parse(rx->buf, rx->len, &na) ||
	    !IN6_ARE_ADDR_EQUAL(&na.target, &p->target))
		return;
	p->held = true;
	p->holder = rx->source;
	p->holder_lladdr.len = 0;
	if (na.has_target_lladdr)
		p->holder_lladdr = na.target_lladdr;
}

static void expired(struct loop_timer *timer)
{
	struct probe *p = container_of(timer, struct probe, timer);

	finish(p);
	p->done(p->arg, p->held);
}

void probe_start(struct probe *p, struct icmp *icmp, struct loop *loop,
		 const char *ifname, unsigned int ifindex,
		 const struct in6_addr *target,
		 uint32_t wait_ms, probe_done_fn done, void *arg)
{
	struct dha_ns ns = { .target = *target };
	struct in6_addr group;
	char a[INET6_ADDRSTRLEN];
	uint8_t buf[64];
	size_t len;
	int ret;

	probe_stop(p);
	/* With our link-layer address the holder answers at once, without
	 * resolving ours first (RFC 4861 7.2.4). */
	if (!lladdr_read(ifname, ns.source_lladdr.addr, &ns.source_lladdr.len) &&
	    ns.source_lladdr.len)
		ns.has_source_lladdr = true;
	*p = (struct probe){
		.icmp = icmp, .loop = loop, .ifindex = ifindex,
		.target = *target, .done = done, .arg = arg,
	};
	timer_init(&p->timer, expired);
	addr_format(target, a);
	ret = icmp_listen(icmp, DHA_ICMP6_NEIGHBOR_ADVERT, advert, p);
	if (!ret)
		ret = dha_ns_build(buf, sizeof(buf), &ns, &len);
	if (!ret) {
		probe_solicited_node(target, &group);
		/* From the link-local address the kernel picks. */
		ret = icmp_send(icmp, buf, len, NULL, &group, ifindex,
				ND_HOP_LIMIT, NULL);
		if (ret)
			icmp_unlisten(icmp, DHA_ICMP6_NEIGHBOR_ADVERT);
	}
	if (ret) {
		log_warn("takeover: cannot probe the home link for %s: %s",
			 a, strerror(-ret));
		done(arg, false);
		return;
	}
	p->running = true;
	loop_timer_start(loop, &p->timer, wait_ms);
}

void probe_stop(struct probe *p)
{
	if (p->running)
		finish(p);
}
