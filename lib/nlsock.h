/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A netlink socket of any protocol (generic, rtnetlink, xfrm), the one
 * transport of the tool, the daemon and the selftests: requests numbered
 * and read up to their acknowledgement, the messages of a get or a dump
 * handed to a callback on the way, the kernel's errno and extended ack
 * kept intact, notifications read one datagram at a time.
 *
 * libnl builds and parses the messages; sending and receiving are done
 * here on the descriptor, because libnl 3.7 folds some errnos together
 * and has no extended ack support.
 */
#ifndef DHA_LIB_NLSOCK_H
#define DHA_LIB_NLSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#define NLSOCK_EXTACK_MAX 256

struct nl_msg;
struct nl_sock;

struct nlsock {
	int fd;				/* -1: closed */
	uint32_t portid;
	uint32_t seq;			/* of the last request */
	unsigned char *buf;		/* the last datagram, grown to fit */
	size_t buf_size;
	/* The extended ack of the last request's error, if the kernel sent one. */
	char extack[NLSOCK_EXTACK_MAX];	/* its message, printable, or "" */
	bool has_missing_type;		/* NLMSGERR_ATTR_MISS_TYPE */
	uint32_t missing_type;
};

/*
 * One message of a get, a dump or a notification datagram, whole inside
 * the datagram (nlh->nlmsg_len checked). A nonzero return stops the
 * calls; see nlsock_wait and nlsock_read for what it does then.
 */
typedef int (*nlsock_msg_fn)(const struct nlmsghdr *nlh, void *arg);

/*
 * Opens and binds a socket of protocol (NETLINK_GENERIC, ...), extended
 * and capped acks asked for. 0 or a negative errno (nl->fd is then -1).
 */
int nlsock_open(struct nlsock *nl, int protocol);
/* Safe on a closed (or zeroed, fd -1) socket. */
void nlsock_close(struct nlsock *nl);

/* SO_RCVBUF; force: SO_RCVBUFFORCE first (beyond rmem_max, if allowed). */
int nlsock_set_rcvbuf(struct nlsock *nl, int bytes, bool force);
/* Joins a multicast group. */
int nlsock_join(struct nlsock *nl, uint32_t group);

/* Sends len bytes (one message or several) to the kernel as they are. */
int nlsock_send(struct nlsock *nl, const void *buf, size_t len);

/*
 * Reads answers up to the acknowledgement (NLMSG_ERROR or NLMSG_DONE) of
 * seq, handing the other messages of seq to fn (may be NULL). After fn
 * returns nonzero it is not called again, but the answer is still read
 * to its end. Returns the first error: fn's nonzero return, else the
 * kernel's negative errno (its extended ack in nl->extack), else 0.
 * Acks of other sequence numbers that carry an error are counted in
 * *others if others is not NULL. timeout_ms < 0 waits for ever; else
 * each datagram is waited for that long, then -ETIMEDOUT.
 */
int nlsock_wait(struct nlsock *nl, uint32_t seq, nlsock_msg_fn fn, void *arg,
		int timeout_ms, unsigned int *others);

/* Requests of one batch at most (nlsock_send_batch). */
#define NLSOCK_BATCH_MAX 64

/*
 * The kernel's answer to request index of a batch: 0 or a negative
 * errno, with the extended ack's text in extack ("" if none).
 */
typedef void (*nlsock_answer_fn)(size_t index, int error, const char *extack,
				  void *arg);

/*
 * Sends count (at most NLSOCK_BATCH_MAX) requests, len bytes in buf, in
 * one datagram: numbered first_seq, first_seq + 1, ... by the caller,
 * with NLM_F_REQUEST, and NLM_F_ACK on the last one only. The kernel
 * handles them in order before the send returns and answers the errors
 * only, then the last one: fn hears each request's error as it comes,
 * the others' 0 once the last is answered, or the socket's error for
 * those not answered when it fails. Returns 0 or that error.
 */
int nlsock_send_batch(struct nlsock *nl, const void *buf, size_t len,
		      uint32_t first_seq, size_t count, nlsock_answer_fn fn,
		      void *arg);

/* Sends req as it is (numbered by the caller) and waits for ever. */
int nlsock_request(struct nlsock *nl, struct nlmsghdr *req, nlsock_msg_fn fn,
		   void *arg);
/*
 * The same for a libnl message: numbered (++nl->seq), NLM_F_REQUEST and
 * NLM_F_ACK set, freed here whatever happens.
 */
int nlsock_request_msg(struct nlsock *nl, struct nl_msg *msg, nlsock_msg_fn fn,
		       void *arg);

/*
 * Reads one datagram (flags: 0 or MSG_DONTWAIT; timeout_ms as for
 * nlsock_wait) and hands every message in it to fn, acks included.
 * Returns 0, fn's first nonzero return (the rest of the datagram is
 * skipped), or a negative errno: -EAGAIN nothing pending (MSG_DONTWAIT),
 * -ENOBUFS the socket overran and notifications were lost, -ETIMEDOUT.
 */
int nlsock_read(struct nlsock *nl, int flags, int timeout_ms, nlsock_msg_fn fn,
		void *arg);

/* Whether nlh ends a request's answer: NLMSG_ERROR or NLMSG_DONE. */
bool nlsock_is_ack(const struct nlmsghdr *nlh);
/*
 * Decodes an NLMSG_ERROR or NLMSG_DONE message of len bytes (len >=
 * nlh->nlmsg_len) into nl's extack fields: returns the errno it carries,
 * 0 or negative, or -EBADMSG if it is malformed. Touches nothing else
 * of nl; exposed for the unit tests and the fuzzer.
 */
int nlsock_parse_ack(struct nlsock *nl, const struct nlmsghdr *nlh, size_t len);
/* Forgets the last extended ack. */
void nlsock_clear_extack(struct nlsock *nl);
/* ": " before nl->extack in an error message, if there is one. */
const char *nlsock_extack_sep(const struct nlsock *nl);

/*
 * For libnl's own request path (libnl-route's rtnl_link_*): a libnl
 * socket connected to protocol, in *out. 0 or a negative errno. Free it
 * with nl_socket_free().
 */
int nlsock_libnl_open(int protocol, struct nl_sock **out);
/* A libnl error code (negative or not) as a negative errno. */
int nlsock_errno_from_libnl(int nlerr);

#endif /* DHA_LIB_NLSOCK_H */
