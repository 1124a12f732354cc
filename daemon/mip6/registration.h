/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent's answer to a Binding Update: RFC 6275 §9.5.1 (validity,
 * sequence numbers), §10.3.1 (home registration), §10.3.2 (deregistration)
 * and RFC 3963 §6 (mobile routers). A pure function of the parsed message,
 * the configuration and the binding cache entry: no I/O, no clock, no
 * allocation. The caller sends what it decides and applies it to the
 * kernel and the cache.
 *
 * Choices where the RFCs leave room are listed in Documentation/dhad.md,
 * "Home registration".
 */
#ifndef DHAD_REGISTRATION_H
#define DHAD_REGISTRATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/cache.h"
#include "mip6/config.h"
#include "wire/mh.h"

struct registration_ctx {
	const struct mip6_config *config;
	size_t binding_count;		/* entries in the cache now */
	/*
	 * An unsolicited Mobile Prefix Advertisement to this home address
	 * is still unacknowledged (prefixadv.h): the mobile node's prefix
	 * information is out of date.
	 */
	bool prefix_advertisement_pending;
};

/*
 * One received Binding Update. The addresses are those the mobile node
 * put on the wire. Linux swaps the Home Address option on receipt: a raw
 * socket reports the home address as the packet's source, and the
 * care-of address (the wire's source) in the option it hands over with
 * IPV6_RECVDSTOPTS. The caller swaps them back when filling these in.
 */
struct registration_request {
	const struct dha_mh_bu *bu;
	const struct dha_mh_options *options;	/* the BU's mobility options */
	/* The IPv6 Source Address on the wire: the care-of address. */
	struct in6_addr source_address;
	/*
	 * The Home Address option on the wire: the home address. Without
	 * the option the source is the home address as well (a mobile node
	 * at home, RFC 6275 §9.5.1).
	 */
	bool has_home_address_option;
	struct in6_addr home_address_option;
	/* The packet came through an IPsec ESP security association. */
	bool ipsec_protected;
	/*
	 * Another node on the home link, or this host, uses the home
	 * address (RFC 6275 §10.3.1 Duplicate Address Detection): only the
	 * caller can know. Consulted for new bindings only.
	 */
	bool home_address_in_use;
};

enum registration_outcome {
	REGISTRATION_ACCEPTED,		/* status < 128 */
	REGISTRATION_REJECTED,		/* status >= 128 */
	/* Invalid (RFC 6275 §9.5.1): drop it, answer nothing. */
	REGISTRATION_DISCARDED,
	/* Answer with a Binding Error of status binding_error_status. */
	REGISTRATION_BINDING_ERROR,
};

enum registration_action {
	REGISTRATION_ACTION_NONE,
	REGISTRATION_ACTION_CREATE,	/* a new cache entry and kernel binding */
	REGISTRATION_ACTION_UPDATE,	/* replace the existing binding */
	REGISTRATION_ACTION_DELETE,	/* deregistration */
};

struct registration_decision {
	enum registration_outcome outcome;
	enum registration_action action;
	/* The binding, as the action installs it (and the BA addresses). */
	struct in6_addr home_address;
	struct in6_addr care_of_address;
	uint16_t flags;			/* CACHE_FLAG_*, for the cache entry */
	uint32_t lifetime;		/* seconds granted: lifetime_units * 4 */
	unsigned int prefix_count;	/* Mobile Network Prefixes to route */
	struct dhad_prefix prefixes[KERNEL_PREFIXES_MAX];

	/* The Binding Acknowledgement, when send_ack. */
	bool send_ack;
	uint8_t status;			/* DHA_BA_* */
	uint8_t ack_flags;		/* DHA_BA_FLAG_* */
	uint16_t sequence;
	uint16_t lifetime_units;	/* of 4 s; 0 when rejected or deleted */

	uint8_t binding_error_status;	/* DHA_BE_*, for BINDING_ERROR */
	/* DISCARDED because require-ipsec and the BU came without ESP. */
	bool unprotected;
	/* REJECTED with 129 by binding-policy (policy.h). */
	bool policy_denied;
};

/*
 * Decides what to do with req, given the cache entry for its home
 * address (NULL if none). out is filled completely.
 *
 * The lifetime granted is the one asked for, at most max-lifetime and
 * the home prefix's valid lifetime (prefix-valid-lifetime, RFC 6275
 * 10.3.1), in whole 4-second units. A home registration is accepted
 * with status 1 (prefix discovery necessary) rather than 0 when the
 * mobile node's prefix information is about to change: the prefix's
 * valid lifetime is shorter than the lifetime asked for (it would run
 * out during the binding), or ctx says that an unsolicited Mobile
 * Prefix Advertisement to it is unacknowledged.
 */
void registration_decide(const struct registration_ctx *ctx,
			 const struct registration_request *req,
			 const struct cache_entry *existing,
			 struct registration_decision *out);

/*
 * The caller could not install the binding of an accepted CREATE or
 * UPDATE in the kernel: turns the decision into a rejection, 143 (mobile network prefix forwarding
 * setup failed, RFC 3963 §6.1) for a mobile router, 128 (reason
 * unspecified) otherwise, acknowledged whatever the A flag said.
 */
void registration_forwarding_failed(struct registration_decision *decision);

/*
 * Turns the decision into a rejection with status (>= 128), acknowledged
 * whatever the A flag said: for policies outside registration_decide(),
 * such as a renewal during a Home Agent Switch (RFC 5142 §5.3, 129).
 */
void registration_refuse(struct registration_decision *decision,
			 uint8_t status);

#endif /* DHAD_REGISTRATION_H */
