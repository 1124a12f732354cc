/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-message-type counters of dhad's Mobility Header and ICMPv6
 * sockets (dha ha show -s, "messages" in ha-show): messages received,
 * sent, and dropped, that is received and discarded without effect
 * (malformed, unauthenticated, naming no binding, or taken by no
 * protocol), as the receiving protocol reports them.
 *
 * The sockets (core/mh.c, core/icmp.c) count what they receive and send;
 * the handlers count their drops through mh_dropped() and
 * icmp_dropped(). Pure: no I/O.
 */
#ifndef DHAD_MSGSTATS_H
#define DHAD_MSGSTATS_H

#include <stdint.h>
#include <json-c/json.h>

struct msgstats_entry {
	uint64_t received;
	uint64_t sent;
	uint64_t dropped;
};

/* One per protocol, indexed by the message type. */
struct msgstats {
	struct msgstats_entry type[256];
};

enum msgstats_protocol {
	MSGSTATS_MH,		/* Mobility Header, RFC 6275 6.1 */
	MSGSTATS_ICMPV6,
};

/*
 * The name dha prints for type ("binding-update"), or NULL for a type
 * dhad gives none (printed as its number).
 */
const char *msgstats_name(enum msgstats_protocol protocol, uint8_t type);

/*
 * The counters as a JSON array of {"protocol", "type", "name",
 * "received", "sent", "dropped"}: every named type of both protocols,
 * then any other type that was counted; by protocol, then type.
 */
json_object *msgstats_json(const struct msgstats *mh,
			   const struct msgstats *icmpv6);

#endif /* DHAD_MSGSTATS_H */
