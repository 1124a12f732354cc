/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ICMPv6 as the protocols share it: one raw socket, whose filter passes
 * the types the protocols registered, each type handed to its one
 * listener with its destination, interface, hop limit and destination
 * options (a Mobile Prefix Solicitation's Home Address option). The
 * socket does not loop back its own multicasts.
 */
#ifndef DHAD_ICMP_H
#define DHAD_ICMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "sys/rawsock.h"

struct icmp;
struct msgstats;
struct loop;

int icmp_open(struct loop *loop, struct icmp **out);
/* NULL is ignored. Closing leaves the anycast addresses joined. */
void icmp_close(struct icmp *icmp);

/* Hands fn(arg, rx) the messages of type. 0, -EEXIST or an errno. */
int icmp_listen(struct icmp *icmp, uint8_t type, rawsock_fn fn, void *arg);
/* The type's messages are no longer taken. */
void icmp_unlisten(struct icmp *icmp, uint8_t type);

/*
 * The socket's own inbound IPsec policy (IPV6_XFRM_POLICY, len octets),
 * for instance one that lets a Home Address option through. 0 or a
 * negative errno.
 */
int icmp_set_policy(struct icmp *icmp, const void *policy, size_t len);

/* Joins (or leaves) an anycast address on ifindex: 0 or -errno. */
int icmp_anycast(struct icmp *icmp, unsigned int ifindex,
		 const struct in6_addr *addr, bool join);
/* Joins (or leaves) a multicast group on ifindex: 0 or -errno. */
int icmp_multicast(struct icmp *icmp, unsigned int ifindex,
		   const struct in6_addr *group, bool join);

/*
 * Sends one ICMPv6 message (checksummed by the kernel): from src (NULL:
 * the kernel's choice), to dst, out of ifindex (0: by route), with
 * hop_limit (0: the socket's), through a type 2 routing header holding
 * rh2 (NULL: none). 0 or a negative errno.
 */
int icmp_send(struct icmp *icmp, const void *msg, size_t len,
	      const struct in6_addr *src, const struct in6_addr *dst,
	      unsigned int ifindex, int hop_limit, const struct in6_addr *rh2);

/*
 * A message of type that a listener received and discarded without
 * effect (malformed, not from the home link, ...): counted
 * (core/msgstats.h).
 */
void icmp_dropped(struct icmp *icmp, uint8_t type);
/* What the socket received, sent and dropped, per type. */
const struct msgstats *icmp_stats(const struct icmp *icmp);

#endif /* DHAD_ICMP_H */
