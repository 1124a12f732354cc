/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State Synchronization between the members of a redundant home agent
 * set (draft-ietf-mip6-hareliability-00 sections 6.1.3, 6.1.4, 7.5), made
 * reliable by dha's additions: every State Synchronization is
 * acknowledged (SS Ack) and retransmitted until it is, and a full
 * transfer ends with a message flagged last that is sent only once all
 * the others are acknowledged. Documentation/reliability.md has the
 * rules; this is how the active's binding cache reaches the standbys:
 *
 *   - a binding created, renewed, moved or removed is marked; marks are
 *     coalesced for sync-delay ms, then sent to every live standby;
 *   - a standby that starts, recovers, or sees a new active asks it for
 *     the whole cache (SS Request without options) and, once the last
 *     message is in, drops the copies the transfer did not mention;
 *   - the whole cache is also sent every sync-refresh seconds;
 *   - a member that stops being active pushes its cache to the new
 *     active, which keeps what is newer (a healed partition loses
 *     nothing).
 *
 * Messages carry bindings, not edits: what is sent, or sent again, is
 * the binding as the cache holds it at that moment (lifetime 0 once it
 * is gone), so retransmissions never resurrect old state.
 */
#ifndef DHAD_SYNC_H
#define DHAD_SYNC_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <json-c/json.h>

#include "redundancy.h"
#include "wire/hamsg.h"

struct dhad;
struct sync;

int sync_open(struct dhad *dhad, struct redundancy *r, struct sync **out);
void sync_close(struct sync *s);

/* A binding of this (active) home agent changed or went away. */
void sync_binding_changed(struct sync *s, const struct in6_addr *hoa);

/* A State Synchronization Request, State Synchronization or SS Ack from
 * peer (an index of redundancy's peers), authenticated already. */
void sync_receive(struct sync *s, unsigned int peer,
		  const struct dha_hamsg *msg);

/* After every election, role change or peer state change. */
void sync_roles_changed(struct sync *s, enum redundancy_role old,
			enum redundancy_role now);

json_object *sync_json(const struct sync *s);

/* ---- pure, for the unit tests ---- */

/* The lifetime field of a binding with seconds_left left: units of 4 s,
 * rounded up, at most 0xffff; 0 only for 0. */
uint16_t sync_lifetime_units(uint32_t seconds_left);

/* Whether sequence a is newer than b (RFC 6275 9.5.1 arithmetic). */
bool sync_sequence_newer(uint16_t a, uint16_t b);

#endif /* DHAD_SYNC_H */
