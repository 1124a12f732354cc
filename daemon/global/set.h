/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The global home agent set (draft-wakikawa-mext-global-haha-spec-01,
 * 5.2): the rules for a member's Hellos, pure, so that they are tested
 * without sockets. A member is another home agent of the set, known by
 * its locator (a configured peer); its home agent addresses, Group ID
 * and lifetime come from its Hellos (5.2.1, 5.2.4).
 */
#ifndef DHAD_GLOBAL_SET_H
#define DHAD_GLOBAL_SET_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "wire/hamsg.h"

/* Home agent addresses kept per member (IP Address options, code 4). */
#define GLOBAL_HA_ADDRS_MAX 4

enum global_hello_verdict {
	GLOBAL_HELLO_TAKE,
	GLOBAL_HELLO_NOT_GLOBAL,	/* no G flag: not a global HAHA Hello */
	GLOBAL_HELLO_OTHER_GROUP,	/* another set's (5.2.4: discarded) */
};

/* What to do with a Hello from a configured member (5.2.4). */
enum global_hello_verdict global_hello_verdict(uint8_t group,
					       const struct dha_hamsg_hello *h);

/*
 * The sender's home agent addresses: those of the Hello's IP Address
 * options of code 4 (home agent address), each once, at most max.
 * Returns how many.
 */
unsigned int global_hello_ha_addresses(const struct dha_hamsg *msg,
				       struct in6_addr *out, unsigned int max);

/*
 * How long a member may go unheard before it is failed: hello_loss of
 * its own intervals (0: ours, own_interval_ms), or the home agent
 * lifetime its last Hello gave if that is shorter.
 */
uint64_t global_dead_ms(uint32_t hello_loss, uint16_t interval_ms,
			uint32_t own_interval_ms, uint16_t lifetime_s);

/* The lifetime a member's entry has left, in seconds (0: run out). */
uint32_t global_lifetime_left_s(uint16_t lifetime_s, uint64_t heard_ms,
				uint64_t now_ms);

#endif /* DHAD_GLOBAL_SET_H */
