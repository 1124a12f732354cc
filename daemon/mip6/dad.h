/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Duplicate Address Detection of new home addresses on the home link
 * (RFC 6275 10.3.1, with RFC 4862 5.4): before the first registration
 * of a home address is accepted, a Neighbor Solicitation from the
 * unspecified address to its solicited-node group, for the home address
 * and, when the Binding Update has L set, for the link-local address of
 * the same interface identifier; then RetransTimer (the home link's
 * retrans_time_ms) of listening. A Neighbor Advertisement for either
 * target, or another node's own detection probe for it, makes it a
 * duplicate, at once.
 *
 * Each check carries a copy of what its caller needs to finish the
 * registration (the received Binding Update), handed back when it ends.
 * One check per home address: starting one for a home address under
 * check replaces the copy (a retransmission, a newer Binding Update) and
 * keeps the time already waited.
 */
#ifndef DHAD_MIP6_DAD_H
#define DHAD_MIP6_DAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

struct loop;
struct dad;

/* Checks under way at once; more are refused (-ENOBUFS). */
#define DAD_CHECKS_MAX 1024

/* A check ended: data (len octets) as last given, and the verdict. */
typedef void (*dad_done_fn)(void *arg, const void *data, size_t len,
			    bool duplicate);

/*
 * Opens the sockets (a raw ICMPv6 one receiving Neighbor Solicitations
 * and Advertisements, a raw IPv6 one sending with a header of its own,
 * since the kernel picks a source for an unspecified one) for the home
 * link ifname. 0 or a negative errno.
 */
int dad_open(struct loop *loop, const char *ifname, dad_done_fn done,
	     void *arg, struct dad **out);
/* Drops the checks under way, without calling done. NULL is ignored. */
void dad_close(struct dad *dad);

/*
 * Starts a check of home_address (and its link-local twin if
 * link_local) keeping data: 0; 1 if one was under way, whose data is
 * replaced; -ENOBUFS, -ENOMEM, or the errno of a probe that could not
 * be sent (and then no check runs).
 */
int dad_start(struct dad *dad, const struct in6_addr *home_address,
	      bool link_local, const void *data, size_t len);

/*
 * Whether source, the sender of an answer to a probe, is a home agent
 * of the home link. A conflict it tells at the first probe gets one more
 * probe, RetransTimer later (a home agent that handed the mobile node
 * here lets go once probed). Without it (NULL), every conflict is final.
 */
typedef bool (*dad_home_agent_fn)(void *arg, const struct in6_addr *source);
void dad_set_home_agent(struct dad *dad, dad_home_agent_fn fn, void *arg);

/* Checks under way. */
size_t dad_count(const struct dad *dad);

/*
 * What a check does on the link, dad_open()'s through its sockets; the
 * unit tests give their own. Each returns 0 or a negative errno.
 */
struct dad_ops {
	/* Joins (on) or leaves the solicited-node group on the link. */
	int (*join)(void *ctx, const struct in6_addr *group, bool on);
	/* Sends a probe (dad_probe_build()) to the group on the link. */
	int (*send)(void *ctx, const uint8_t *pkt, size_t len,
		    const struct in6_addr *group);
};

/* As dad_open(), with ops(ctx) instead of sockets: nothing is received. */
int dad_open_ops(struct loop *loop, const char *ifname,
		 const struct dad_ops *ops, void *ctx, dad_done_fn done,
		 void *arg, struct dad **out);

/* ---- pure, for the tests ---- */

/* fe80::/64 with the interface identifier of addr (RFC 4291 2.5.6). */
void dad_link_local(const struct in6_addr *addr, struct in6_addr *out);

/*
 * A whole IPv6 packet probing target: from ::, to its solicited-node
 * group, hop limit 255, a Neighbor Solicitation without options,
 * checksummed. Its length, or -ENOSPC.
 */
int dad_probe_build(uint8_t *buf, size_t cap, const struct in6_addr *target);

/*
 * Whether the ICMPv6 message msg (len octets) from source, received
 * with hop_limit, tells that another node holds target: a valid
 * Neighbor Advertisement for it, or a detection probe (from ::) for it.
 */
bool dad_conflict(const struct in6_addr *target, const uint8_t *msg,
		  size_t len, const struct in6_addr *source, int hop_limit);

#endif /* DHAD_MIP6_DAD_H */
