// SPDX-License-Identifier: GPL-2.0-only
/*
 * Home registration decisions. See registration.h; the tests run in the
 * order of RFC 6275 §9.5.1 (validity, then sequence number, then
 * registration type), then §10.3.2 or §10.3.1 with RFC 3963 §6.
 */
#include <string.h>

#include "mip6/registration.h"
#include "wire/numbers.h"

/* RFC 6275 §9.5.1: a binding's addresses are unicast routable. */
static bool unicast_routable(const struct in6_addr *addr)
{
	return !IN6_IS_ADDR_UNSPECIFIED(addr) && !IN6_IS_ADDR_LOOPBACK(addr) &&
	       !IN6_IS_ADDR_MULTICAST(addr) && !IN6_IS_ADDR_LINKLOCAL(addr) &&
	       !IN6_IS_ADDR_V4MAPPED(addr);
}

static bool addr_equal(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static bool in_home_subnet(const struct mip6_config *config,
			   const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < config->home.prefix_count; i++) {
		if (prefix_contains(&config->home.prefixes[i], addr))
			return true;
	}
	return false;
}

static void reject(struct registration_decision *out, uint8_t status)
{
	out->outcome = REGISTRATION_REJECTED;
	out->action = REGISTRATION_ACTION_NONE;
	out->status = status;
	out->send_ack = true;		/* RFC 6275 §9.5.4, §10.3.1 */
	out->ack_flags = 0;
	out->lifetime = 0;
	out->lifetime_units = 0;
	out->prefix_count = 0;
}

/* The configured prefixes of the mobile router at home_address. */
static unsigned int authorized_networks(const struct mip6_config *config,
					const struct in6_addr *home_address,
					struct dhad_prefix *prefixes)
{
	unsigned int i, count = 0;

	for (i = 0; i < config->mobile_network_count; i++) {
		const struct config_mobile_network *network =
			&config->mobile_networks[i];

		if (addr_equal(&network->home_address, home_address) &&
		    count < KERNEL_PREFIXES_MAX)
			prefixes[count++] = network->prefix;
	}
	return count;
}

static void clear_host_bits(struct dhad_prefix *prefix)
{
	unsigned int bit;

	for (bit = prefix->length; bit < 128; bit++)
		prefix->address.s6_addr[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
}

/*
 * RFC 3963 §6.1-6.2: the prefixes to route to a mobile router. Implicit
 * mode (no Mobile Network Prefix option): the configured ones. Explicit
 * mode: those of the options, each within a configured one. Returns 0
 * or the BA status of a refusal.
 */
static uint8_t decide_prefixes(const struct mip6_config *config,
			       const struct dha_mh_options *options,
			       struct registration_decision *out)
{
	struct dhad_prefix allowed[KERNEL_PREFIXES_MAX];
	unsigned int allowed_count, i, j;
	size_t m;

	if (!config->mobile_routers)
		return DHA_BA_MR_OP_NOT_PERMITTED;
	allowed_count = authorized_networks(config, &out->home_address,
					    allowed);
	if (!allowed_count)
		return DHA_BA_MR_OP_NOT_PERMITTED;
	if (!options->mnp_count) {
		memcpy(out->prefixes, allowed, allowed_count * sizeof(*allowed));
		out->prefix_count = allowed_count;
		return 0;
	}
	out->prefix_count = 0;
	for (m = 0; m < options->mnp_count; m++) {
		struct dhad_prefix prefix = {
			.address = options->mnp[m].prefix,
			.length = options->mnp[m].prefix_len,
		};
		bool authorized = false, repeated = false;

		if (prefix.length == 0 || prefix.length > 128)
			return DHA_BA_INVALID_PREFIX;
		clear_host_bits(&prefix);
		for (i = 0; i < allowed_count && !authorized; i++)
			authorized = prefix.length >= allowed[i].length &&
				     prefix_contains(&allowed[i],
						     &prefix.address);
		if (!authorized)
			return DHA_BA_NOT_AUTHORIZED_FOR_PREFIX;
		for (j = 0; j < out->prefix_count && !repeated; j++)
			repeated = prefix_equal(&out->prefixes[j], &prefix);
		if (repeated)
			continue;
		/* More than the kernel routes for one binding. */
		if (out->prefix_count == KERNEL_PREFIXES_MAX)
			return DHA_BA_INSUFFICIENT_RESOURCES;
		out->prefixes[out->prefix_count++] = prefix;
	}
	return 0;
}

/*
 * The asked lifetime (units of 4 s) outlives the home prefix: its valid
 * lifetime is shorter (§10.3.1). Prefixes are configured, so what
 * remains of the valid lifetime is all of it at any moment.
 */
static bool prefix_outlived(const struct mip6_config *config, uint16_t units)
{
	return config->prefix_valid_lifetime !=
		       CONFIG_PREFIX_LIFETIME_INFINITE &&
	       (uint64_t)units * DHA_MH_LIFETIME_UNIT_S >
		       config->prefix_valid_lifetime;
}

/*
 * The units granted for units asked: at most max-lifetime and the
 * prefix's valid lifetime. Both are at least 4 s, so an accepted
 * binding gets one unit.
 */
static uint16_t granted_units(const struct mip6_config *config,
			      uint16_t units)
{
	uint32_t limit = config->home.max_lifetime;

	if (config->prefix_valid_lifetime < limit)
		limit = config->prefix_valid_lifetime;
	limit /= DHA_MH_LIFETIME_UNIT_S;
	return units > limit ? (uint16_t)limit : units;
}

/*
 * RFC 6275 §10.3.1, with RFC 3963 §6 for a mobile router: 0 or 1 and
 * the binding filled in, or the BA status of a refusal.
 */
static uint8_t decide_home_registration(const struct registration_ctx *ctx,
					const struct registration_request *req,
					const struct cache_entry *existing,
					struct registration_decision *out)
{
	const struct mip6_config *config = ctx->config;
	uint8_t status;

	if (!in_home_subnet(config, &out->home_address))
		return DHA_BA_NOT_HOME_SUBNET;
	/*
	 * Tunnelling to ourselves, or to no one; or into the home subnet,
	 * which is not a foreign link (RFC 6275 2): its addresses are
	 * routed into this home agent's own tunnels (another binding's
	 * home address, now or once it registers), where every packet of
	 * the binding would be dropped.
	 */
	if (!unicast_routable(&out->care_of_address) ||
	    addr_equal(&out->care_of_address, &config->home.address) ||
	    in_home_subnet(config, &out->care_of_address))
		return DHA_BA_REASON_UNSPECIFIED;
	/*
	 * binding-policy: the operator's word on this home address and
	 * care-of address. Only registrations: a binding the policy came
	 * to deny after a reload can still be removed.
	 */
	if (!policy_allows(&config->policy, &out->home_address,
			   &out->care_of_address)) {
		out->policy_denied = true;
		return DHA_BA_ADMIN_PROHIBITED;
	}
	if (req->bu->flags & DHA_BU_FLAG_R) {
		status = decide_prefixes(config, req->options, out);
		if (status)
			return status;
		out->flags |= CACHE_FLAG_ROUTER;
		out->ack_flags |= DHA_BA_FLAG_R;
	}
	/*
	 * DAD is done once, for a new binding (§10.3.1); this home agent's
	 * own address is always a duplicate.
	 */
	if (addr_equal(&out->home_address, &config->home.address) ||
	    (!existing && req->home_address_in_use))
		return DHA_BA_DAD_FAILED;
	if (!existing && ctx->binding_count >= config->max_bindings)
		return DHA_BA_INSUFFICIENT_RESOURCES;

	out->action = existing ? REGISTRATION_ACTION_UPDATE :
				 REGISTRATION_ACTION_CREATE;
	out->lifetime_units = granted_units(config, req->bu->lifetime);
	out->lifetime = (uint32_t)out->lifetime_units * DHA_MH_LIFETIME_UNIT_S;
	/*
	 * §10.3.1 bounds the binding by the prefix's remaining valid
	 * lifetime: one shorter than asked means the home address's prefix
	 * runs out, or is renewed, before the mobile node expects; and an
	 * unacknowledged advertisement (§10.6.2) means its copy is stale.
	 * Either way it has to ask (§11.4.2).
	 */
	if (prefix_outlived(config, req->bu->lifetime) ||
	    ctx->prefix_advertisement_pending)
		return DHA_BA_ACCEPTED_PREFIX_DISCOVERY;
	return DHA_BA_ACCEPTED;
}

/*
 * A Binding Update past the validity tests: 0 or 1 with the action
 * filled in, or the BA status of a refusal.
 */
static uint8_t decide_status(const struct registration_ctx *ctx,
			     const struct registration_request *req,
			     const struct cache_entry *existing,
			     struct registration_decision *out)
{
	const struct dha_mh_bu *bu = req->bu;
	bool home = bu->flags & DHA_BU_FLAG_H;

	if (!cache_sequence_acceptable(existing, bu->seq))
		return DHA_BA_SEQ_OUT_OF_WINDOW;
	if (existing && home != !!(existing->flags & CACHE_FLAG_HOME))
		return DHA_BA_REG_TYPE_CHANGE_DISALLOWED;
	/* Proxy registrations (RFC 5213) need an LMA, which dhad is not. */
	if (bu->flags & DHA_BU_FLAG_P)
		return DHA_BA_ADMIN_PROHIBITED;
	if (bu->lifetime == 0 ||
	    addr_equal(&out->care_of_address, &out->home_address)) {
		/* §10.3.2 */
		if (!existing)
			return DHA_BA_NOT_HOME_AGENT;
		out->action = REGISTRATION_ACTION_DELETE;
		return DHA_BA_ACCEPTED;
	}
	return decide_home_registration(ctx, req, existing, out);
}

void registration_decide(const struct registration_ctx *ctx,
			 const struct registration_request *req,
			 const struct cache_entry *existing,
			 struct registration_decision *out)
{
	const struct dha_mh_bu *bu = req->bu;
	bool home = bu->flags & DHA_BU_FLAG_H;

	memset(out, 0, sizeof(*out));
	out->sequence = bu->seq;
	/* RFC 6275 §9.5.1: which addresses the binding is for. */
	out->home_address = req->has_home_address_option ?
				    req->home_address_option :
				    req->source_address;
	out->care_of_address = req->options->has_alt_coa ?
				       req->options->alt_coa :
				       req->source_address;
	/* K cleared: no key management mobility (§10.3.1). */
	out->flags = bu->flags & (CACHE_FLAG_HOME | CACHE_FLAG_LINK_LOCAL);

	if (!unicast_routable(&out->home_address) ||
	    (home && req->options->has_nonce_indices)) {
		out->outcome = REGISTRATION_DISCARDED;
		return;
	}
	/*
	 * A correspondent registration: this node has no route
	 * optimization, so the message is one it does not process, and
	 * the Binding Error tells the mobile node to stop trying (§9.2,
	 * §11.3.5). Against a home registration it is a type change.
	 */
	if (!home && !(existing && (existing->flags & CACHE_FLAG_HOME))) {
		out->outcome = REGISTRATION_BINDING_ERROR;
		out->binding_error_status = DHA_BE_UNKNOWN_MH_TYPE;
		return;
	}
	/*
	 * Home registrations come through ESP (RFC 6275 §5.1, RFC 3776).
	 * One that did not fails inbound IPsec processing, whose failures
	 * are discarded (RFC 4301 §5.2), and §9.5.1 silently discards a
	 * BU failing validation; an answer would only reflect off this
	 * home agent toward an address anyone can forge.
	 */
	if (ctx->config->require_ipsec && !req->ipsec_protected) {
		out->outcome = REGISTRATION_DISCARDED;
		out->unprotected = true;
		return;
	}
	out->status = decide_status(ctx, req, existing, out);
	if (out->status >= DHA_BA_REJECTED_MIN) {
		reject(out, out->status);
		/* §9.5.1: the number the mobile node has to exceed. */
		if (out->status == DHA_BA_SEQ_OUT_OF_WINDOW)
			out->sequence = existing->sequence;
		return;
	}
	out->outcome = REGISTRATION_ACCEPTED;
	/*
	 * Only home registrations get this far, and for them §10.3.1 and
	 * §10.3.2 make the acknowledgement a MUST whatever the A flag says
	 * (§9.5.4's "SHOULD NOT" for A clear is a correspondent's rule).
	 */
	out->send_ack = true;
}

void registration_forwarding_failed(struct registration_decision *decision)
{
	bool router = decision->flags & CACHE_FLAG_ROUTER;

	reject(decision, router ? DHA_BA_FORWARDING_SETUP_FAILED :
				  DHA_BA_REASON_UNSPECIFIED);
}

void registration_refuse(struct registration_decision *decision,
			 uint8_t status)
{
	reject(decision, status);
}
