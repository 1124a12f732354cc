/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The split-brain probe of a virtual switch (takeover.c): before a
 * member brings the shared address up, it sends a Neighbor Solicitation
 * for it on the home link and listens a while. Another host's kernel
 * answers if it still holds the address: two members believe they are
 * active (the HA-to-HA path is cut while the home link works), or a
 * member's dhad died and left the address behind. The answer is
 * reported loudly; the address comes up anyway, since a dead dhad's
 * leftovers must be taken over (Documentation/reliability.md, "Split
 * brain").
 */
#ifndef DHAD_PROBE_H
#define DHAD_PROBE_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/loop.h"
#include "sys/timer.h"
#include "wire/ndisc.h"

struct icmp;

/* The probe ended: held says whether another host answered. */
typedef void (*probe_done_fn)(void *arg, bool held);

struct probe {
	struct icmp *icmp;
	struct loop *loop;
	unsigned int ifindex;
	struct in6_addr target;
	probe_done_fn done;
	void *arg;
	bool running;
	bool held;
	struct in6_addr holder;		/* the answer's source */
	struct dha_nd_lladdr holder_lladdr;	/* len 0: none given */
	struct loop_timer timer;
};

/* The solicited-node multicast group of addr (RFC 4291 2.7.1). */
void probe_solicited_node(const struct in6_addr *addr, struct in6_addr *out);

/*
 * Solicits target on the link ifname (ifindex), with its link-layer
 * address, and calls done after wait_ms, or at once
 * if the solicitation cannot go out (held false, the failure logged).
 * A probe under way is stopped first.
 */
void probe_start(struct probe *p, struct icmp *icmp, struct loop *loop,
		 const char *ifname, unsigned int ifindex,
		 const struct in6_addr *target,
		 uint32_t wait_ms, probe_done_fn done, void *arg);
/* Ends a probe under way without calling done. */
void probe_stop(struct probe *p);

#endif /* DHAD_PROBE_H */
