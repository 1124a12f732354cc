/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Generic netlink plumbing for the dha tool: one socket, the "dha" family
 * resolved through the controller, requests answered by an ack or a dump,
 * and kernel errors kept with their extended ack message.
 */
#ifndef DHA_TOOL_NL_H
#define DHA_TOOL_NL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#define EXTACK_MSG_MAX 256

struct dha_nl {
	struct nl_sock *sock;
	int family_id;
	uint32_t family_version;
	uint32_t events_group;	/* 0 if the kernel did not announce one */
	uint32_t seq;
	unsigned char *buf;	/* receive buffer, grown to the largest datagram */
	size_t buf_size;
	char extack[EXTACK_MSG_MAX];	/* message of the last failed request */
};

/*
 * Opens a generic netlink socket and resolves the "dha" family.
 * Returns 0, -ENOENT if the family is not registered (module not
 * loaded), or another negative errno.
 */
int dha_nl_open(struct dha_nl *nl);
void dha_nl_close(struct dha_nl *nl);

/* A new request of the dha family; NULL when out of memory. */
struct nl_msg *dha_nl_request(struct dha_nl *nl, uint8_t cmd, int flags);

/* Called for every reply (non-control) message; nonzero aborts. */
typedef int (*dha_nl_reply_fn)(struct nlmsghdr *nlh, void *arg);

/*
 * Sends msg (and frees it), then reads replies until the kernel's ack or
 * the end of a dump. Returns 0 or a negative errno; on a kernel error
 * nl->extack holds its extended ack message, if the kernel sent one.
 */
int dha_nl_transact(struct dha_nl *nl, struct nl_msg *msg,
		    dha_nl_reply_fn reply, void *arg);

/* Joins the "events" multicast group. */
int dha_nl_subscribe_events(struct dha_nl *nl);

/*
 * Waits for one datagram and calls fn for each notification in it.
 * Returns 0, the callback's nonzero value, or a negative errno
 * (-ENOBUFS when the socket overran and events were lost).
 */
int dha_nl_receive_events(struct dha_nl *nl, dha_nl_reply_fn fn, void *arg);

/*
 * Decodes an NLMSG_ERROR or NLMSG_DONE message: returns the errno it
 * carries (0 or negative) and copies its extended ack message, or "" if
 * none, into msg. A message too short to carry an error gives -EBADMSG.
 * Pure function; exposed for the unit tests and the fuzzer.
 */
int nl_parse_ack(const struct nlmsghdr *nlh, char *msg, size_t size);

#endif /* DHA_TOOL_NL_H */
