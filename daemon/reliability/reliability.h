/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HA reliability (draft-ietf-mip6-hareliability) as a protocol of dhad:
 * it owns [redundancy], and without it answers its commands with the
 * reason (the home agent then serves alone). redundancy.h is the
 * protocol itself.
 */
#ifndef DHAD_RELIABILITY_H
#define DHAD_RELIABILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

#include "core/control.h"
#include "core/protocol.h"
#include "reliability/redundancy.h"
#include "sys/addr.h"

struct control_call;
struct dhad;

struct reliability {
	struct dhad *dhad;
	struct redundancy *redundancy;	/* NULL: no [redundancy] */
	/*
	 * The operator's SwitchOver or SwitchBack waiting for the peer's
	 * answer; one at a time, as redundancy.h refuses a second (-EBUSY).
	 */
	struct control_call *waiting;
	bool waiting_switchover;	/* else a switchback */
};

extern const struct protocol reliability_protocol;

/* Its commands (commands.c). */
extern const struct control_command reliability_commands[];

/*
 * The reply's error text for an "ha-switchover" (switchover true) or
 * "ha-switchback" that failed with status: the negative errno of
 * redundancy_switchover()/switchback() (peer NULL), or the status its
 * done callback got from peer (the draft's 128, 129, ..., or -ETIMEDOUT,
 * -ECANCELED). role: this member's, when it was asked. Pure.
 */
void reliability_handover_error(bool switchover, int status,
				enum redundancy_role role,
				const struct in6_addr *peer, char *why,
				size_t size);

/* The arguments of "ha-sync-request" (both empty: the whole cache). */
#define RELIABILITY_SYNC_ADDRESSES_MAX 16
#define RELIABILITY_SYNC_PREFIXES_MAX 16
struct reliability_sync_request {
	size_t home_address_count;
	struct in6_addr home_addresses[RELIABILITY_SYNC_ADDRESSES_MAX];
	size_t prefix_count;
	struct dhad_prefix prefixes[RELIABILITY_SYNC_PREFIXES_MAX];
};

/*
 * Decodes the arguments of an "ha-sync-request" line: 0, or -EINVAL
 * with a message for the reply in why (at least CONTROL_ERROR_MAX
 * bytes). Pure.
 */
int reliability_parse_sync_request(const char *line, size_t len,
				   struct reliability_sync_request *request,
				   char *why, size_t size);

#endif /* DHAD_RELIABILITY_H */
