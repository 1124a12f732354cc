/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Raw Mobility Header socket I/O with the ancillary data Mobile IPv6
 * needs (RFC 3542): the source address by IPV6_PKTINFO, a Home Address
 * option by IPV6_DSTOPTS and a type 2 routing header by IPV6_RTHDR on
 * send; the addresses and both extension headers on receive.
 *
 * The Linux facts behind it are in README.md beside this file.
 */
#ifndef MNEMU_SOCKET_H
#define MNEMU_SOCKET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/mh.h"

/* What one recvmsg() on a raw IPPROTO_MH socket tells. */
struct mh_rx {
	uint8_t buf[DHA_MH_MAX_LEN + 8];
	size_t len;			/* the MH, as the socket gives it */
	struct in6_addr src;		/* after the kernel's HAO swap */
	struct in6_addr dst;		/* IPV6_PKTINFO: after RH2 processing */
	int ifindex;
	bool has_rthdr;			/* IPV6_RECVRTHDR */
	uint8_t rthdr[256];
	size_t rthdr_len;
	bool has_dstopts;		/* IPV6_RECVDSTOPTS */
	uint8_t dstopts[256];
	size_t dstopts_len;
};

/*
 * A raw IPPROTO_MH socket receiving the packet info and both extension
 * headers.  kernel_csum false turns the kernel's MH checksum off in both
 * directions (IPV6_CHECKSUM -1): the caller fills it in and checks it.
 * Returns the descriptor or -errno.
 */
int mh_open(bool kernel_csum);

/*
 * Send one MH from src (IPV6_PKTINFO; any address lets the kernel pick)
 * to dst, with optional extension headers given whole (Next Header and
 * Hdr Ext Len octets included; the kernel rewrites Next Header):
 * dstopts as IPV6_DSTOPTS, rthdr as IPV6_RTHDR.  Returns 0 or -errno.
 */
int mh_send(int fd, const uint8_t *mh, size_t len,
	    const struct in6_addr *src, const struct in6_addr *dst,
	    const uint8_t *dstopts, size_t dstopts_len,
	    const uint8_t *rthdr, size_t rthdr_len);

/* Receive one MH.  Returns 0, or -errno (-EAGAIN on a non-blocking miss). */
int mh_recv(int fd, struct mh_rx *rx);

/* What one recvmsg() on a raw ICMPv6 socket tells. */
struct icmp6_rx {
	uint8_t buf[2048];
	size_t len;			/* the ICMPv6 message */
	struct in6_addr src;
	struct in6_addr dst;		/* IPV6_PKTINFO: after RH2 processing */
	bool has_rthdr;			/* IPV6_RECVRTHDR */
	uint8_t rthdr[256];
	size_t rthdr_len;
};

/*
 * A raw ICMPv6 socket that passes only messages of type, with the
 * packet info and routing header reported.  The kernel checksums what
 * it sends and checks what it receives.  Returns the descriptor or
 * -errno.
 */
int icmp6_open(uint8_t type);
/* Send one ICMPv6 message from src (IPV6_PKTINFO) to dst.  0 or -errno. */
int icmp6_send(int fd, const uint8_t *msg, size_t len,
	       const struct in6_addr *src, const struct in6_addr *dst);
/* Receive one message.  0 or -errno. */
int icmp6_recv(int fd, struct icmp6_rx *rx);

/*
 * Send a whole IPv6 packet as given (an IPPROTO_RAW socket: header,
 * extension headers and checksums are the caller's) towards its
 * destination dst.  0 or -errno.
 */
int ipv6_send_raw(const uint8_t *pkt, size_t len, const struct in6_addr *dst);

#endif /* MNEMU_SOCKET_H */
