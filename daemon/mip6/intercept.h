/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interception on the home link (RFC 6275 10.4.1): while a mobile node
 * is away, the home agent answers Neighbor Solicitations for its home
 * address (and for its link-local address when the Binding Update had
 * L set), so that the home link's nodes send its packets to the home
 * agent, which routes them into the dha device (mobility.c).
 *
 * The answering is the kernel's proxy ND: a proxy neighbour entry per
 * address on the home link, marked as dhad's with NDA_PROTOCOL so that a
 * restarted dhad tells its own entries from the operator's, and
 * proxy_ndp on the home link. The entries stay when dhad exits, like the
 * bindings. On a new registration dhad also multicasts unsolicited
 * Neighbor Advertisements, so that neighbours that cached the mobile
 * node's own link-layer address switch to the home agent's at once.
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
 * NDA_PROTOCOL of dhad's proxy entries (`ip -6 neigh show proxy` prints
 * "proto 135"): the Mobility Header's protocol number, which no routing
 * daemon uses as its own.
 */
#define INTERCEPT_PROTOCOL 135
/* RFC 4861 10: MAX_NEIGHBOR_ADVERTISEMENT. */
#define INTERCEPT_NA_COUNT 3
/* RetransTimer when the home link's cannot be read (RFC 4861 10). */
#define INTERCEPT_RETRANS_MS 1000

/*
 * Turns proxy_ndp on for the home link (warning if forwarding is off
 * there, since Linux then answers no solicitation for a proxy entry),
 * opens the sockets, and, from the loop once every protocol started,
 * makes dhad's proxy entries match the binding cache: entries of
 * bindings in force are kept or added, dhad's entries without a binding
 * removed, other entries left alone; a home agent that does not serve
 * (yet) removes all of dhad's. Call it after the cache was rebuilt from
 * the kernel. 0 or a negative errno, logged.
 */
int intercept_open(struct mip6 *ha, struct intercept **out);
/* Stops the advertisements; the proxy entries stay. NULL is ignored. */
void intercept_close(struct intercept *intercept);
/* The home agent started or stopped serving (core's dhad_serving()). */
void intercept_serving_changed(struct intercept *intercept);

/*
 * A home registration was accepted for hoa, new (created) or renewed
 * with flags (CACHE_FLAG_*): makes sure its proxy entries exist (the
 * link-local one only with L) and advertises every address whose entry
 * it had to add, and every address of a new registration.
 */
void intercept_binding_set(struct intercept *intercept,
			   const struct in6_addr *hoa, uint16_t flags,
			   bool created);
/*
 * The binding of hoa is gone (deregistration, expiry, kernel deletion):
 * stops its advertisements and removes dhad's proxy entries for it.
 */
void intercept_binding_gone(struct intercept *intercept,
			    const struct in6_addr *hoa);

/*
 * HA reliability's virtual switch: addr, an address of this home agent
 * itself, has just come up on the home link: advertises it as a new
 * registration's home address is advertised (INTERCEPT_NA_COUNT NAs, the
 * first at once), with R set too, since a home agent is a router (RFC
 * 4861 7.2.5: an R clear would remove it from the neighbours' default
 * router lists). Neighbours whose entry still names the failed member's
 * link-layer address switch to this one's.
 */
void intercept_announce(struct intercept *intercept,
			const struct in6_addr *addr);
/* Stops the advertisements of addr still due (it went down here). */
void intercept_announce_stop(struct intercept *intercept,
			     const struct in6_addr *addr);

/* ---- pure helpers, exposed for the unit tests and the fuzzer ---- */

/* The link-local address with hoa's interface identifier (RFC 6275 L). */
void intercept_link_local(const struct in6_addr *hoa, struct in6_addr *out);

/*
 * A proxy neighbour request for addr on ifindex: RTM_NEWNEIGH (dhad's
 * protocol, permanent, so that it survives the link going down),
 * RTM_DELNEIGH or RTM_GETNEIGH (the single entry). NULL when out of
 * memory.
 */
struct nl_msg *intercept_neigh_msg(int type, uint32_t ifindex,
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

#endif /* DHAD_INTERCEPT_H */
