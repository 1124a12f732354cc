/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A netlink socket for requests (rtnetlink, xfrm): one request at a time,
 * read up to its acknowledgement, the messages of a get or a dump handed
 * to a callback on the way, the kernel's extended ack text kept for the
 * caller's error message.
 */
#ifndef DHAD_NLSOCK_H
#define DHAD_NLSOCK_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "sys/kernel.h"

struct nl_msg;

struct nlsock {
	int fd;				/* -1: closed */
	uint32_t seq;			/* of the last request */
	uint8_t *rx;			/* NLSOCK_RX_SIZE */
	char extack[KERNEL_EXTACK_MAX];	/* of the last request, or "" */
};

/*
 * One message of a get or a dump (not the acknowledgement), len bytes
 * from nlh to the end of the datagram. A non-zero return skips the rest,
 * and is what the request returns if the kernel acknowledges it.
 */
typedef int (*nlsock_reply_fn)(const struct nlmsghdr *nlh, size_t len,
			       void *arg);

/* 0, or a negative errno (nl->fd is then -1). */
int nlsock_open(struct nlsock *nl, int protocol);
void nlsock_close(struct nlsock *nl);

/*
 * Sends req, numbered by the caller (++nl->seq), and waits for the
 * kernel's acknowledgement: 0, the kernel's negative errno (text in
 * nl->extack), or the callback's return. fn may be NULL.
 */
int nlsock_request(struct nlsock *nl, struct nlmsghdr *req,
		   nlsock_reply_fn fn, void *arg);
/* The same for a libnl message, numbered and freed here. */
int nlsock_request_msg(struct nlsock *nl, struct nl_msg *msg,
		       nlsock_reply_fn fn, void *arg);

/* ": " before nl->extack in an error message, if there is one. */
const char *nlsock_extack_sep(const struct nlsock *nl);

#endif /* DHAD_NLSOCK_H */
