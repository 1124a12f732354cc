/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interception on the home link (RFC 6275 10.4.1): while a mobile node
 * is away, the home agent answers Neighbor Solicitations for its home
 * address (and for its link-local address when the Binding Update had
 * L set) and tunnels the packets for it.
 *
 * The dha device does both (Documentation/design.md): dhad attaches it
 * to the home link with the home prefixes while this home agent serves,
 * and detaches it when it stops; a binding it puts into force carries
 * the L flag and, when new, a request to announce it (binding.c). What an
 * older dhad kept per binding instead, a proxy neighbour entry marked
 * with NDA_PROTOCOL and a /128 route into the device, is removed at
 * start.
 */
#ifndef DHAD_INTERCEPT_H
#define DHAD_INTERCEPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/netlink.h>

struct intercept;
struct mip6;
struct nl_msg;

/*
 * NDA_PROTOCOL of the proxy entries of an older dhad (`ip -6 neigh show
 * proxy` prints "proto 135"): the Mobility Header's protocol number.
 */
#define INTERCEPT_PROTOCOL 135
/* RFC 4861 10: MAX_NEIGHBOR_ADVERTISEMENT. */
#define INTERCEPT_NA_COUNT 3
/* RetransTimer when the home link's cannot be read (RFC 4861 10). */
#define INTERCEPT_RETRANS_MS 1000

/*
 * Opens the sockets and, from the loop once every protocol started,
 * removes an older dhad's proxy entries and routes, then attaches the
 * device to the home link if this home agent serves (detaches it if
 * not). 0 or a negative errno, logged.
 */
int intercept_open(struct mip6 *ha, struct intercept **out);
/*
 * Stops the advertisements; the device stays attached, like the bindings
 * stay. NULL is ignored.
 */
void intercept_close(struct intercept *intercept);
/*
 * The home agent started or stopped serving (core's dhad_serving()):
 * attaches the device to the home link, or detaches it. The home link
 * taken down detaches it too (the kernel does); it comes back up: dhad
 * attaches it again if it serves.
 */
void intercept_serving_changed(struct intercept *intercept);

/*
 * HA reliability's virtual switch: addr, an address of this home agent
 * itself, has just come up on the home link: advertises it
 * (INTERCEPT_NA_COUNT NAs, the first at once), with R set, since a home
 * agent is a router (RFC 4861 7.2.5: an R clear would remove it from the
 * neighbours' default router lists). Neighbours whose entry still names
 * the failed member's link-layer address switch to this one's.
 */
void intercept_announce(struct intercept *intercept,
			const struct in6_addr *addr);
/* Stops the advertisements of addr still due (it went down here). */
void intercept_announce_stop(struct intercept *intercept,
			     const struct in6_addr *addr);

/* ---- pure helpers, exposed for the unit tests and the fuzzer ---- */

/* A request deleting the proxy entry of addr on ifindex; NULL if out of memory. */
struct nl_msg *intercept_neigh_del_msg(uint32_t ifindex,
				       const struct in6_addr *addr);

/* A proxy neighbour entry as a dump or a get reports it. */
struct intercept_neigh {
	uint32_t ifindex;
	struct in6_addr address;
	uint8_t protocol;		/* 0: none given */
};

/*
 * One message of len bytes from the kernel: 0 with *out filled for an
 * IPv6 proxy entry, -ENOMSG for any other neighbour or message type,
 * -EBADMSG if malformed.
 */
int intercept_parse_neigh(const struct nlmsghdr *nlh, size_t len,
			  struct intercept_neigh *out);

/* A link as an RTM_NEWLINK or RTM_DELLINK event reports it. */
struct intercept_link {
	uint32_t ifindex;
	bool up;			/* IFF_UP */
	bool gone;			/* deleted */
};

/*
 * One message of len bytes: 0 with *out filled for a link's event,
 * -ENOMSG for another message type, -EBADMSG if malformed.
 */
int intercept_parse_link(const struct nlmsghdr *nlh, size_t len,
			 struct intercept_link *out);

/* An IPv6 route as a dump reports it. */
struct intercept_route {
	struct in6_addr dst;		/* :: for a default route */
	uint8_t dst_len;
	uint8_t protocol;		/* RTPROT_* */
	uint32_t table;
	uint32_t oif;			/* 0: none given (multipath) */
};

/*
 * One message of len bytes: 0 with *out filled for an IPv6 route,
 * -ENOMSG for another family or message type, -EBADMSG if malformed.
 */
int intercept_parse_route(const struct nlmsghdr *nlh, size_t len,
			  struct intercept_route *out);

/*
 * The unsolicited Neighbor Advertisement of RFC 6275 10.4.1 for target:
 * Override set, Solicited clear, Router set only with router (an address
 * of the home agent itself), a Target Link-layer Address option with
 * lladdr (none if lladdr_len is 0). The ICMPv6 message, its checksum left
 * to the kernel.
 */
int intercept_na_build(uint8_t *buf, size_t cap, const struct in6_addr *target,
		       bool router, const uint8_t *lladdr, size_t lladdr_len,
		       size_t *out_len);

/*
 * The home link's RetransTimer (net.ipv6.neigh.IFNAME.retrans_time_ms),
 * or RFC 4861's default (1 s) when unreadable or out of range.
 */
uint32_t intercept_retrans_ms(const char *ifname);

#endif /* DHAD_INTERCEPT_H */
