// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: a Binding Update through dha_mh_parse() and
 * registration_decide(), with the decision checked against what any
 * answer must satisfy.
 *
 * Input: a 6-octet header choosing the packet's circumstances and the
 * cache entry, then the Mobility Header.
 *   0: bit 0 Home Address option, 1 IPsec, 2 home address in use,
 *      3 an existing entry, 4 restored, 5 its H flag, 6 its R flag,
 *      7 require-ipsec
 *   1: low nibble the Home Address option's address, high nibble the
 *      source address (indices into addresses[])
 *   2-3: the existing entry's sequence number
 *   4: bindings in the cache (max-bindings is 128)
 *   5: bit 0 mobile-routers, bits 1-2 max-lifetime (4, 10, 600, the
 *      limit), bit 3 binding-policy-default deny; bit 4 the rules of
 *      policy_texts[] (else none); bits 5-6 prefix-valid-lifetime (4,
 *      122, the default, infinity), bit 7 an unsolicited Mobile Prefix
 *      Advertisement pending
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/registration.h"
#include "wire/numbers.h"

#define HEADER_LEN 6

static const char *const address_texts[16] = {
	"2001:db8:1::10", "2001:db8:1::100", "2001:db8:1::200",
	"2001:db8:1::1", "2001:db8:2::10", "2001:db8:ff::5", "ff02::1",
	"fe80::1", "::", "::1", "::ffff:192.0.2.1", "2001:db8:a::1",
	"2001:db8:1::2", "2001:db8:fe::9", "2001:db8:1::ffff",
	"2001:db8:1:0:1::1",
};

static const uint32_t max_lifetimes[4] = { 4, 10, 600,
					   CONFIG_MAX_LIFETIME_LIMIT };

/* A deny, a care-of rule and an allow that the deny shadows in part. */
static const char *const policy_texts[] = {
	"deny 2001:db8:1::100", "deny any coa 2001:db8:fe::/48",
	"allow 2001:db8:1::/120",
};

static const uint32_t valid_lifetimes[4] = {
	4, 122, CONFIG_DEFAULT_PREFIX_VALID_LIFETIME,
	CONFIG_PREFIX_LIFETIME_INFINITE
};

static struct in6_addr addresses[16];
static struct mip6_config config;
static unsigned int policy_rule_count;

static void add_network(const char *home_address, const char *prefix,
			uint8_t length)
{
	struct config_mobile_network *network =
		&config.mobile_networks[config.mobile_network_count++];

	inet_pton(AF_INET6, home_address, &network->home_address);
	inet_pton(AF_INET6, prefix, &network->prefix.address);
	network->prefix.length = length;
}

static void setup(void)
{
	size_t i;

	for (i = 0; i < 16; i++)
		inet_pton(AF_INET6, address_texts[i], &addresses[i]);
	config.home.prefix_count = 1;
	inet_pton(AF_INET6, "2001:db8:1::", &config.home.prefixes[0].address);
	config.home.prefixes[0].length = 64;
	config.home.address = addresses[3];
	config.max_bindings = 128;
	add_network("2001:db8:1::100", "2001:db8:a::", 48);
	add_network("2001:db8:1::100", "2001:db8:b::", 64);
	add_network("2001:db8:1::200", "2001:db8:c::", 48);
	for (i = 0; i < sizeof(policy_texts) / sizeof(policy_texts[0]); i++) {
		char why[POLICY_REASON_MAX];

		if (!policy_rule_parse(policy_texts[i],
				       &config.policy.rules[policy_rule_count++],
				       why))
			abort();
	}
}

static bool rejection_status(uint8_t status)
{
	switch (status) {
	case DHA_BA_REASON_UNSPECIFIED:
	case DHA_BA_ADMIN_PROHIBITED:
	case DHA_BA_INSUFFICIENT_RESOURCES:
	case DHA_BA_NOT_HOME_SUBNET:
	case DHA_BA_NOT_HOME_AGENT:
	case DHA_BA_DAD_FAILED:
	case DHA_BA_SEQ_OUT_OF_WINDOW:
	case DHA_BA_REG_TYPE_CHANGE_DISALLOWED:
	case DHA_BA_MR_OP_NOT_PERMITTED:
	case DHA_BA_INVALID_PREFIX:
	case DHA_BA_NOT_AUTHORIZED_FOR_PREFIX:
	case DHA_BA_FORWARDING_SETUP_FAILED:
		return true;
	}
	return false;
}

static bool prefix_authorized(const struct in6_addr *home_address,
			      const struct dhad_prefix *prefix)
{
	unsigned int i;

	for (i = 0; i < config.mobile_network_count; i++) {
		const struct config_mobile_network *network =
			&config.mobile_networks[i];

		if (memcmp(&network->home_address, home_address,
			   sizeof(*home_address)) == 0 &&
		    prefix->length >= network->prefix.length &&
		    prefix_contains(&network->prefix, &prefix->address))
			return true;
	}
	return false;
}

static void check_rejected(const struct registration_decision *d)
{
	if (!rejection_status(d->status) || !d->send_ack ||
	    d->action != REGISTRATION_ACTION_NONE || d->lifetime_units ||
	    d->lifetime || d->prefix_count)
		abort();
}

static void check_accepted(const struct registration_decision *d,
			   const struct dha_mh_bu *bu, bool pending)
{
	bool outlived = (uint64_t)bu->lifetime * 4 >
			config.prefix_valid_lifetime;
	unsigned int i;

	/* A home registration is acknowledged whatever its A flag
	 * (RFC 6275 10.3.1). */
	if ((d->status != DHA_BA_ACCEPTED &&
	     d->status != DHA_BA_ACCEPTED_PREFIX_DISCOVERY) || !d->send_ack ||
	    d->lifetime != (uint32_t)d->lifetime_units * 4 ||
	    d->lifetime > config.home.max_lifetime ||
	    d->lifetime > config.prefix_valid_lifetime ||
	    d->lifetime_units > bu->lifetime ||
	    d->prefix_count > KERNEL_PREFIXES_MAX)
		abort();
	switch (d->action) {
	case REGISTRATION_ACTION_CREATE:
	case REGISTRATION_ACTION_UPDATE:
		if (!d->lifetime_units ||
		    !prefix_contains(&config.home.prefixes[0], &d->home_address))
			abort();
		/* Status 1 exactly when the prefix information changes. */
		if ((d->status == DHA_BA_ACCEPTED_PREFIX_DISCOVERY) !=
		    (pending || outlived))
			abort();
		break;
	case REGISTRATION_ACTION_DELETE:
		if (d->lifetime_units || d->status != DHA_BA_ACCEPTED)
			abort();
		break;
	default:
		abort();
	}
	for (i = 0; i < d->prefix_count; i++) {
		if (!prefix_authorized(&d->home_address, &d->prefixes[i]))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct registration_request req = { 0 };
	struct registration_ctx ctx = { .config = &config };
	struct registration_decision decision;
	struct cache_entry entry = { 0 };
	const struct cache_entry *existing = NULL;
	struct dha_mh_msg msg;

	if (!config.home.prefix_count)
		setup();
	if (size < HEADER_LEN)
		return 0;
	if (dha_mh_parse(data + HEADER_LEN, size - HEADER_LEN, &msg) != 0 ||
	    msg.type != DHA_MH_BU)
		return 0;

	req.bu = &msg.u.bu;
	req.options = &msg.opts;
	req.has_home_address_option = data[0] & 0x01;
	req.ipsec_protected = data[0] & 0x02;
	req.home_address_in_use = data[0] & 0x04;
	req.home_address_option = addresses[data[1] & 0x0f];
	req.source_address = addresses[data[1] >> 4];
	if (data[0] & 0x08) {
		entry.home_address = req.has_home_address_option ?
					     req.home_address_option :
					     req.source_address;
		entry.restored = data[0] & 0x10;
		entry.flags = (uint16_t)((data[0] & 0x20 ? CACHE_FLAG_HOME : 0) |
					 (data[0] & 0x40 ? CACHE_FLAG_ROUTER : 0));
		entry.sequence = (uint16_t)(data[2] << 8 | data[3]);
		existing = &entry;
	}
	config.require_ipsec = data[0] & 0x80;
	ctx.binding_count = data[4];
	config.mobile_routers = data[5] & 0x01;
	config.home.max_lifetime = max_lifetimes[(data[5] >> 1) & 0x03];
	config.policy.default_deny = data[5] & 0x08;
	config.policy.rule_count = data[5] & 0x10 ? policy_rule_count : 0;
	config.prefix_valid_lifetime = valid_lifetimes[(data[5] >> 5) & 0x03];
	ctx.prefix_advertisement_pending = data[5] & 0x80;

	registration_decide(&ctx, &req, existing, &decision);
	switch (decision.outcome) {
	case REGISTRATION_ACCEPTED:
		check_accepted(&decision, req.bu,
			       ctx.prefix_advertisement_pending);
		if (decision.action != REGISTRATION_ACTION_DELETE) {
			registration_forwarding_failed(&decision);
			check_rejected(&decision);
		}
		break;
	case REGISTRATION_REJECTED:
		check_rejected(&decision);
		if (decision.status == DHA_BA_SEQ_OUT_OF_WINDOW &&
		    (!existing || decision.sequence != existing->sequence))
			abort();
		break;
	case REGISTRATION_DISCARDED:
	case REGISTRATION_BINDING_ERROR:
		if (decision.send_ack ||
		    decision.action != REGISTRATION_ACTION_NONE)
			abort();
		break;
	default:
		abort();
	}
	/* Without ESP, when it is required, no Binding Ack and no binding. */
	if (config.require_ipsec && !req.ipsec_protected &&
	    (decision.outcome == REGISTRATION_ACCEPTED ||
	     decision.outcome == REGISTRATION_REJECTED))
		abort();
	/* What the policy denies is neither created nor renewed. */
	if (decision.outcome == REGISTRATION_ACCEPTED &&
	    decision.action != REGISTRATION_ACTION_DELETE &&
	    !policy_allows(&config.policy, &decision.home_address,
			   &decision.care_of_address))
		abort();
	if (decision.policy_denied &&
	    (decision.status != DHA_BA_ADMIN_PROHIBITED ||
	     policy_allows(&config.policy, &decision.home_address,
			   &decision.care_of_address)))
		abort();
	if (decision.unprotected &&
	    (decision.outcome != REGISTRATION_DISCARDED ||
	     !config.require_ipsec || req.ipsec_protected))
		abort();
	return 0;
}
