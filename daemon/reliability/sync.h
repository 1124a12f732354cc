/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State Synchronization between the members of a redundant home agent
 * set (draft-ietf-mip6-hareliability-00 sections 6.1.3, 6.1.4, 7.5), made
 * reliable by dha's additions: every State Synchronization is
 * acknowledged (SS Ack) and retransmitted until it is, and a full
 * transfer ends with a message flagged last that is sent only once all
 * the others are acknowledged. Documentation/reliability.md,
 * "Synchronization", has the rules; this is how the active's binding
 * cache reaches the standbys:
 *
 *   - a binding created, renewed, moved or removed is marked; marks are
 *     coalesced for sync-delay ms, then sent to every live standby;
 *   - a standby that starts, recovers, or sees a new active asks it for
 *     the whole cache (SS Request without options) and, once the last
 *     message is in, drops the copies the transfer did not mention; the
 *     active also sends the whole cache, unasked, to a member it sees
 *     become a live standby, and every sync-refresh seconds;
 *   - a standby may ask for single home addresses or prefixes;
 *   - a member that stops being active pushes what it changed while it
 *     was (bindings, and deletions with their sequence numbers) to the
 *     new active, which keeps what is newer (a healed partition loses
 *     nothing and brings nothing deleted back).
 *
 * Messages carry bindings, not edits: what is sent, or sent again, is
 * the binding as the cache holds it at that moment (lifetime 0 once it
 * is gone), so retransmissions never resurrect old state.
 */
#ifndef DHAD_SYNC_H
#define DHAD_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <json-c/json.h>

#include "sys/addr.h"
#include "reliability/redundancy.h"
#include "wire/hamsg.h"

struct dhad;
struct sync;

int sync_open(struct dhad *dhad, struct redundancy *r,
	      const struct config_redundancy *config, struct sync **out);
void sync_close(struct sync *s);

/* A binding of this (active) home agent changed or is going away: the
 * cache still holds it when this is called. */
void sync_binding_changed(struct sync *s, const struct in6_addr *hoa);

/* A State Synchronization Request, State Synchronization or SS Ack from
 * peer (an index of redundancy's peers), authenticated already. */
void sync_receive(struct sync *s, unsigned int peer,
		  const struct dha_hamsg *msg);

/* After every election, role change or peer state change. */
void sync_roles_changed(struct sync *s, enum redundancy_role old,
			enum redundancy_role now);

/*
 * A standby asks the active for the whole cache again (no addresses, no
 * prefixes), or for the bindings of these home addresses and Mobile
 * Network Prefixes (at most DHA_HAMSG_ADDRS_MAX and DHA_HAMSG_MNP_MAX);
 * asking again replaces a request under way. 0; -EALREADY on the active
 * (or a member still electing); -ENOENT with no live active to ask;
 * -E2BIG; -ENOMEM.
 */
int sync_request(struct sync *s, const struct in6_addr *hoas,
		 size_t hoa_count, const struct dhad_prefix *prefixes,
		 size_t prefix_count);

/* A standby holds a whole copy of the active's cache: the last full
 * transfer from the active is in (dha ha show: full-copy). */
bool sync_full_copy(const struct sync *s);

json_object *sync_json(const struct sync *s);

/* ---- pure, for the unit tests ---- */

/* The lifetime field of a binding with seconds_left left: units of 4 s,
 * rounded up, at most 0xfffe (0xffff is a binding that never expires);
 * 0 only for 0. */
uint16_t sync_lifetime_units(uint32_t seconds_left);

/* Whether sequence a is newer than b (RFC 6275 9.5.1 arithmetic). */
bool sync_sequence_newer(uint16_t a, uint16_t b);

/*
 * How many of the bindings bci[0..count) the next State Synchronization
 * carries: as many as fit, so that the message with its SS Status and
 * Authentication options stays within the IPv6 minimum MTU; at least
 * one (a binding too large for that still goes, alone), at most
 * DHA_HAMSG_BCI_MAX.
 */
size_t sync_chunk(const struct dha_hamsg_bci *bci, size_t count);

/*
 * A binding's AAA and Vendor Specific Information options, kept opaque
 * with its cache entry (cache_entry.opaque) and passed on as received:
 * sync_opaque_pack() packs b's into a new buffer (*out NULL and *len 0
 * when it has none; 0 or -ENOMEM); sync_opaque_unpack() points b's at
 * what a buffer holds (into it), ignoring a damaged tail.
 */
int sync_opaque_pack(const struct dha_hamsg_bci *b, uint8_t **out,
		     uint16_t *len);
void sync_opaque_unpack(const uint8_t *opaque, size_t len,
			struct dha_hamsg_bci *b);

#endif /* DHAD_SYNC_H */
