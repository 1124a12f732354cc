/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A raw IPv6 socket of one upper-layer protocol (the Mobility Header,
 * ICMPv6), as the core's dispatchers (core/mh.h, core/icmp.h) use it:
 * opened non-blocking with the ancillary data asked for, read in
 * batches with that data decoded, written with a chosen source,
 * interface, hop limit and type 2 routing header.
 */
#ifndef DHAD_RAWSOCK_H
#define DHAD_RAWSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

/* What to report with each datagram. */
enum {
	RAWSOCK_PKTINFO = 1,		/* destination and interface */
	RAWSOCK_HOPLIMIT = 2,
	RAWSOCK_DSTOPTS = 4,		/* the destination options header */
};

/* One datagram as the socket reports it. */
struct rawsock_rx {
	const uint8_t *buf;		/* the upper-layer message */
	size_t len;
	/*
	 * The source the socket shows: the home address when the kernel
	 * swapped a Home Address option into it (the care-of address is
	 * then in the option, in dstopts).
	 */
	struct in6_addr source;
	struct in6_addr destination;
	unsigned int ifindex;
	int hop_limit;			/* -1: not reported */
	const uint8_t *dstopts;		/* NULL: none */
	size_t dstopts_len;
};

typedef void (*rawsock_fn)(void *arg, const struct rawsock_rx *rx);

/*
 * A raw socket of protocol (IPPROTO_MH, IPPROTO_ICMPV6), bound to local
 * if not NULL, reporting what report (RAWSOCK_*) asks: its descriptor,
 * or a negative errno.
 */
int rawsock_open(int protocol, const struct in6_addr *local, int report);

/*
 * Reads at most batch datagrams of at most size octets into buf,
 * without blocking, and hands fn each that arrived whole with its
 * destination. who names the socket in a warning about a failed read.
 */
void rawsock_read(int fd, uint8_t *buf, size_t size, unsigned int batch,
		  const char *who, rawsock_fn fn, void *arg);

/*
 * Sends msg to dst: from src (NULL: the kernel's choice, or the bound
 * address), out of ifindex (0: by route; also dst's scope), with
 * hop_limit (0: the socket's), through a type 2 routing header holding
 * rh2 (NULL: none; the kernel swaps it with dst on the wire), whose next
 * header is next_header. 0 or a negative errno.
 */
int rawsock_send(int fd, uint8_t next_header, const void *msg, size_t len,
		 const struct in6_addr *src, const struct in6_addr *dst,
		 unsigned int ifindex, int hop_limit,
		 const struct in6_addr *rh2);

#endif /* DHAD_RAWSOCK_H */
