/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Generic netlink on an nlsock: a family and its multicast group resolved
 * through the controller, and the "dha" family (Documentation/netlink.md)
 * as the tool, the daemon and the selftests speak it: requests built with
 * libnl, sent and answered through nlsock_request_msg(), notifications of
 * the "events" group read one datagram at a time.
 */
#ifndef DHA_LIB_GENL_H
#define DHA_LIB_GENL_H

#include <stdint.h>
#include <netinet/in.h>

#include "nlsock.h"

/* What the controller says of a family. */
struct dha_genl_family {
	int id;
	uint32_t version;
	uint32_t group;		/* the multicast group asked for; 0: none */
};

/*
 * Asks the controller, on sock (NETLINK_GENERIC), for the family name
 * and the id of its multicast group named group (may be NULL). 0,
 * -ENOENT if no such family is registered, -EBADMSG on a malformed
 * answer, or another negative errno.
 */
int dha_genl_resolve(struct nlsock *sock, const char *name, const char *group,
		     struct dha_genl_family *out);
/*
 * Decodes the controller's answer (CTRL_CMD_NEWFAMILY) into *out. 0 or
 * -EBADMSG. Pure; exposed for the unit tests and the fuzzer.
 */
int dha_genl_parse_family(const struct nlmsghdr *nlh, const char *group,
			  struct dha_genl_family *out);

/* The "dha" family on a socket of its own. */
struct dha_nl {
	struct nlsock sock;
	int family_id;
	uint32_t family_version;
	uint32_t events_group;	/* 0 if the kernel did not announce one */
};

/* A reply or a notification of the family. */
typedef nlsock_msg_fn dha_nl_reply_fn;

/*
 * Opens a generic netlink socket and resolves the "dha" family. Returns
 * 0, -ENOENT if the family is not registered (module not loaded), or
 * another negative errno.
 */
int dha_nl_open(struct dha_nl *nl);
/* Safe after a failed dha_nl_open(), and on a zeroed struct with sock.fd -1. */
void dha_nl_close(struct dha_nl *nl);

/* A new request of the dha family; NULL when out of memory. */
struct nl_msg *dha_nl_request(const struct dha_nl *nl, uint8_t cmd, int flags);
/*
 * Sends msg (and frees it), then reads replies until the kernel's ack or
 * the end of a dump: nlsock_request_msg() on nl->sock.
 */
int dha_nl_transact(struct dha_nl *nl, struct nl_msg *msg,
		    dha_nl_reply_fn reply, void *arg);
/*
 * A prefix of the dha family: attribute type, nesting DHA_A_PREFIX_ADDRESS
 * and DHA_A_PREFIX_LENGTH. 0, or -ENOMEM when msg is full.
 */
int dha_nl_put_prefix(struct nl_msg *msg, int type,
		      const struct in6_addr *address, uint8_t length);

/*
 * Joins sock to the "events" multicast group: nl->sock itself, or a
 * second socket so that notifications never mix with a request's
 * answers. -ENOENT if the family has no such group.
 */
int dha_nl_subscribe_events(const struct dha_nl *nl, struct nlsock *sock);
/*
 * Reads one datagram from sock (flags and timeout_ms as for
 * nlsock_read()) and calls fn for each message of the family in it.
 * Returns 0, fn's nonzero value, or a negative errno (-ENOBUFS when the
 * socket overran and notifications were lost, -EAGAIN when nothing was
 * pending with MSG_DONTWAIT).
 */
int dha_nl_receive_events(const struct dha_nl *nl, struct nlsock *sock,
			  int flags, int timeout_ms, dha_nl_reply_fn fn,
			  void *arg);

#endif /* DHA_LIB_GENL_H */
