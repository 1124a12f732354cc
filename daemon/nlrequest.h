/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One netlink request at a time on a raw netlink socket, waited for
 * until the kernel acknowledges it: for the few rtnetlink and xfrm
 * requests that need no library. Messages are built into a caller's
 * buffer, aligned for struct nlmsghdr.
 */
#ifndef DHAD_NLREQUEST_H
#define DHAD_NLREQUEST_H

#include <stddef.h>
#include <stdint.h>

/*
 * A bound socket of the protocol (NETLINK_XFRM, ...), extended acks
 * asked for: the descriptor or a negative errno.
 */
int nlrequest_open(int protocol);

/*
 * Starts a request in buf (size bytes): header with NLM_F_REQUEST |
 * NLM_F_ACK | flags, then body. 0 or -ENOSPC.
 */
int nlrequest_start(void *buf, size_t size, uint16_t type, uint16_t flags,
		    uint32_t seq, const void *body, size_t body_len);
/* Appends an attribute. 0 or -ENOSPC. */
int nlrequest_attr(void *buf, size_t size, uint16_t type, const void *data,
		   size_t len);
/* The length of the message built so far. */
size_t nlrequest_len(const void *buf);

/*
 * Sends the request and waits for its acknowledgement: 0 or the
 * kernel's negative errno, with its extended ack message in extack (""
 * without one).
 */
int nlrequest_run(int fd, const void *buf, char *extack, size_t size);

#endif /* DHAD_NLREQUEST_H */
