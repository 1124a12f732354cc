// SPDX-License-Identifier: GPL-2.0-only
/*
 * Home registration decisions: one test per BA status and per rule of
 * RFC 6275 §9.5.1, §10.3.1, §10.3.2 and RFC 3963 §6.
 */
#include <arpa/inet.h>
#include <string.h>

#include "mip6/registration.h"
#include "wire/numbers.h"
#include "check.h"

#define HOME_ADDRESS "2001:db8:1::10"
#define CARE_OF_ADDRESS "2001:db8:ff::5"
#define HA_ADDRESS "2001:db8:1::1"
#define ROUTER_HOME_ADDRESS "2001:db8:1::100"
#define OTHER_ROUTER_HOME_ADDRESS "2001:db8:1::200"

struct fixture {
	struct mip6_config config;
	struct registration_ctx ctx;
	struct dha_mh_bu bu;
	struct dha_mh_options options;
	struct registration_request req;
	struct cache_entry entry;	/* the existing entry, when passed */
	struct registration_decision out;
};

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	CHECK_INT(inet_pton(AF_INET6, text, &a), 1);
	return a;
}

static struct dhad_prefix prefix(const char *text, uint8_t length)
{
	struct dhad_prefix p = { .address = addr(text), .length = length };

	return p;
}

static bool addr_is(const struct in6_addr *a, const char *text)
{
	struct in6_addr b = addr(text);

	return memcmp(a, &b, sizeof(b)) == 0;
}

static void add_mobile_network(struct mip6_config *config,
			       const char *home_address, const char *address,
			       uint8_t length)
{
	struct config_mobile_network *network =
		&config->mobile_networks[config->mobile_network_count++];

	network->home_address = addr(home_address);
	network->prefix = prefix(address, length);
}

static void add_mnp(struct dha_mh_options *options, const char *address,
		    uint8_t length)
{
	struct dha_mh_mnp *mnp = &options->mnp[options->mnp_count++];

	mnp->prefix = addr(address);
	mnp->prefix_len = length;
}

/*
 * A protected home registration with A set, sequence 10, lifetime 400 s,
 * from a care-of address with the Home Address option; a home agent for
 * 2001:db8:1::/64 serving mobile routers.
 */
static void setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->config.home.prefix_count = 1;
	f->config.home.prefixes[0] = prefix("2001:db8:1::", 64);
	f->config.home.address = addr(HA_ADDRESS);
	f->config.home.max_lifetime = 600;
	f->config.prefix_valid_lifetime = CONFIG_DEFAULT_PREFIX_VALID_LIFETIME;
	f->config.max_bindings = 10;
	f->config.mobile_routers = true;
	add_mobile_network(&f->config, ROUTER_HOME_ADDRESS, "2001:db8:100::", 48);
	add_mobile_network(&f->config, ROUTER_HOME_ADDRESS, "2001:db8:101::", 56);
	add_mobile_network(&f->config, OTHER_ROUTER_HOME_ADDRESS,
			   "2001:db8:200::", 48);
	f->ctx.config = &f->config;
	f->ctx.binding_count = 3;
	f->bu.seq = 10;
	f->bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H;
	f->bu.lifetime = 100;
	f->req.bu = &f->bu;
	f->req.options = &f->options;
	f->req.source_address = addr(CARE_OF_ADDRESS);
	f->req.has_home_address_option = true;
	f->req.home_address_option = addr(HOME_ADDRESS);
	f->req.ipsec_protected = true;
	f->entry.home_address = addr(HOME_ADDRESS);
	f->entry.care_of_address = addr("2001:db8:fe::5");
	f->entry.sequence = 9;
	f->entry.flags = CACHE_FLAG_HOME;
	f->entry.lifetime = 400;
}

static void decide(struct fixture *f, bool with_entry)
{
	/* Garbage that every field must overwrite. */
	memset(&f->out, 0xa5, sizeof(f->out));
	registration_decide(&f->ctx, &f->req, with_entry ? &f->entry : NULL,
			    &f->out);
}

static void check_rejected(const char *file, int line, struct fixture *f,
			   bool with_entry, uint8_t status)
{
	decide(f, with_entry);
	if (f->out.outcome != REGISTRATION_REJECTED ||
	    f->out.status != status || !f->out.send_ack ||
	    f->out.action != REGISTRATION_ACTION_NONE ||
	    f->out.lifetime_units != 0 || f->out.lifetime != 0 ||
	    f->out.prefix_count != 0)
		check_fail(file, line,
			   "outcome %d status %u ack %d action %d lifetime %u, expected a rejection %u",
			   f->out.outcome, f->out.status, f->out.send_ack,
			   f->out.action, f->out.lifetime_units, status);
}

#define REJECTED(f, with_entry, status) \
	check_rejected(__FILE__, __LINE__, f, with_entry, status)

static void check_accepted(const char *file, int line, struct fixture *f,
			   bool with_entry, enum registration_action action)
{
	decide(f, with_entry);
	if (f->out.outcome != REGISTRATION_ACCEPTED ||
	    f->out.status != DHA_BA_ACCEPTED || f->out.action != action)
		check_fail(file, line,
			   "outcome %d status %u action %d, expected acceptance with action %d",
			   f->out.outcome, f->out.status, f->out.action,
			   action);
}

#define ACCEPTED(f, with_entry, action) \
	check_accepted(__FILE__, __LINE__, f, with_entry, action)

static void test_registration_new_binding(void)
{
	struct fixture f;

	setup(&f);
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK(f.out.send_ack);
	CHECK_INT(f.out.sequence, 10);
	CHECK_INT(f.out.lifetime_units, 100);
	CHECK_INT(f.out.lifetime, 400);
	CHECK_INT(f.out.ack_flags, 0);
	CHECK_INT(f.out.flags, CACHE_FLAG_HOME);
	CHECK_INT(f.out.prefix_count, 0);
	CHECK(addr_is(&f.out.home_address, HOME_ADDRESS));
	CHECK(addr_is(&f.out.care_of_address, CARE_OF_ADDRESS));
}

static void test_registration_update(void)
{
	struct fixture f;

	setup(&f);
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	CHECK(f.out.send_ack);
	CHECK(addr_is(&f.out.care_of_address, CARE_OF_ADDRESS));
}

/*
 * RFC 6275 §10.3.1 and §10.3.2: a home registration is acknowledged
 * whatever its A flag says, accepted or not.
 */
static void test_registration_ack_whatever_a(void)
{
	struct fixture f;

	setup(&f);
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_A;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK(f.out.send_ack);
	CHECK_INT(f.out.status, DHA_BA_ACCEPTED);
	CHECK_INT(f.out.lifetime_units, 100);
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	CHECK(f.out.send_ack);
	/* A deregistration too. */
	f.bu.lifetime = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	CHECK(f.out.send_ack);
	/* Rejections as well. */
	f.bu.lifetime = 100;
	f.req.home_address_option = addr("2001:db8:2::10");
	REJECTED(&f, false, DHA_BA_NOT_HOME_SUBNET);
	/* What is not answered with a BA stays unanswered. */
	f.req.home_address_option = addr("ff02::1");
	decide(&f, false);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	CHECK(!f.out.send_ack);
	f.req.home_address_option = addr(HOME_ADDRESS);
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_H;
	decide(&f, false);
	CHECK_INT(f.out.outcome, REGISTRATION_BINDING_ERROR);
	CHECK(!f.out.send_ack);
}

static void test_registration_lifetime_capped(void)
{
	struct fixture f;

	setup(&f);
	f.bu.lifetime = 0xffff;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 150);
	CHECK_INT(f.out.lifetime, 600);
	/* Not a multiple of 4: the cache keeps what the BA says. */
	f.config.home.max_lifetime = 10;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 2);
	CHECK_INT(f.out.lifetime, 8);
	f.config.home.max_lifetime = 4;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 1);
	CHECK_INT(f.out.lifetime, 4);
	f.config.home.max_lifetime = CONFIG_MAX_LIFETIME_LIMIT;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 0xffff);
	CHECK_INT(f.out.lifetime, CONFIG_MAX_LIFETIME_LIMIT);
	/* Shorter than the cap: as asked. */
	f.bu.lifetime = 1;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 1);
}

/*
 * RFC 6275 10.3.1: never past the home prefix's valid lifetime; and a
 * binding that the prefix would not outlive is accepted with status 1
 * (prefix discovery necessary), as is one whose mobile node has not
 * acknowledged an unsolicited Mobile Prefix Advertisement (10.6.2).
 */
static void test_registration_prefix_lifetime(void)
{
	struct fixture f;

	setup(&f);
	f.config.home.max_lifetime = CONFIG_MAX_LIFETIME_LIMIT;
	f.config.prefix_valid_lifetime = 122;
	f.bu.lifetime = 100;
	decide(&f, false);
	CHECK_INT(f.out.outcome, REGISTRATION_ACCEPTED);
	CHECK_INT(f.out.action, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.status, DHA_BA_ACCEPTED_PREFIX_DISCOVERY);
	CHECK(f.out.send_ack);
	CHECK_INT(f.out.lifetime_units, 30);
	CHECK_INT(f.out.lifetime, 120);
	/* A renewal too. */
	decide(&f, true);
	CHECK_INT(f.out.action, REGISTRATION_ACTION_UPDATE);
	CHECK_INT(f.out.status, DHA_BA_ACCEPTED_PREFIX_DISCOVERY);
	CHECK_INT(f.out.lifetime_units, 30);
	/* Within the prefix's lifetime: status 0, as asked. */
	f.bu.lifetime = 30;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 30);
	/* 122 s hold 30 units and a half: 31 outlive the prefix. */
	f.bu.lifetime = 31;
	decide(&f, false);
	CHECK_INT(f.out.status, DHA_BA_ACCEPTED_PREFIX_DISCOVERY);
	CHECK_INT(f.out.lifetime_units, 30);
	/* max-lifetime the tighter bound: only it applies, status 0. */
	f.config.home.max_lifetime = 40;
	f.bu.lifetime = 20;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 10);
	/* The shortest valid lifetime still grants one unit. */
	f.config.home.max_lifetime = 600;
	f.config.prefix_valid_lifetime = 4;
	decide(&f, false);
	CHECK_INT(f.out.status, DHA_BA_ACCEPTED_PREFIX_DISCOVERY);
	CHECK_INT(f.out.lifetime_units, 1);
	/* An infinite prefix bounds nothing. */
	f.config.prefix_valid_lifetime = CONFIG_PREFIX_LIFETIME_INFINITE;
	f.config.home.max_lifetime = CONFIG_MAX_LIFETIME_LIMIT;
	f.bu.lifetime = 0xffff;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.lifetime_units, 0xffff);

	/* An advertisement unacknowledged: status 1, lifetime unchanged. */
	f.ctx.prefix_advertisement_pending = true;
	f.bu.lifetime = 100;
	decide(&f, true);
	CHECK_INT(f.out.outcome, REGISTRATION_ACCEPTED);
	CHECK_INT(f.out.status, DHA_BA_ACCEPTED_PREFIX_DISCOVERY);
	CHECK_INT(f.out.lifetime_units, 100);
	/* Neither a deregistration nor a refusal says so. */
	f.bu.lifetime = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	f.bu.lifetime = 100;
	f.req.home_address_option = addr("2001:db8:2::10");
	REJECTED(&f, false, DHA_BA_NOT_HOME_SUBNET);
}

static void test_registration_alternate_care_of_address(void)
{
	struct fixture f;

	setup(&f);
	f.options.has_alt_coa = true;
	f.options.alt_coa = addr("2001:db8:aa::7");
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK(addr_is(&f.out.care_of_address, "2001:db8:aa::7"));
	CHECK(addr_is(&f.out.home_address, HOME_ADDRESS));
}

static void test_registration_bad_care_of_address(void)
{
	static const char *const bad[] = {
		"ff0e::1", "fe80::1", "::", "::1", "::ffff:192.0.2.1",
		HA_ADDRESS,
	};
	struct fixture f;
	size_t i;

	setup(&f);
	f.options.has_alt_coa = true;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f.options.alt_coa = addr(bad[i]);
		REJECTED(&f, false, DHA_BA_REASON_UNSPECIFIED);
	}
	/* The source is the care-of address without the option. */
	f.options.has_alt_coa = false;
	f.req.source_address = addr(HA_ADDRESS);
	REJECTED(&f, false, DHA_BA_REASON_UNSPECIFIED);
}

/*
 * A care-of address in the home subnet: another binding's home address,
 * or one that may become one, routed into this home agent's tunnels.
 * Refused, new binding or update, and the existing binding stays.
 */
static void test_registration_care_of_address_in_home_subnet(void)
{
	static const char *const home[] = {
		ROUTER_HOME_ADDRESS, "2001:db8:1::ffff", "2001:db8:1:0:1::5",
	};
	struct fixture f;
	size_t i;

	setup(&f);
	for (i = 0; i < sizeof(home) / sizeof(home[0]); i++) {
		f.options.has_alt_coa = true;
		f.options.alt_coa = addr(home[i]);
		REJECTED(&f, false, DHA_BA_REASON_UNSPECIFIED);
		REJECTED(&f, true, DHA_BA_REASON_UNSPECIFIED);
		/* The sequence number the refusal names is the BU's. */
		CHECK_INT(f.out.sequence, 10);
		/* Without the option, the source is the care-of address. */
		f.options.has_alt_coa = false;
		f.req.source_address = addr(home[i]);
		REJECTED(&f, true, DHA_BA_REASON_UNSPECIFIED);
		f.req.source_address = addr(CARE_OF_ADDRESS);
	}
	/* The mobile node's own home address: a deregistration. */
	f.options.has_alt_coa = true;
	f.options.alt_coa = addr(HOME_ADDRESS);
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	/* Just outside the home prefix is foreign. */
	f.options.alt_coa = addr("2001:db8:1:1::5");
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
}

static void test_registration_deregistration_lifetime_zero(void)
{
	struct fixture f;

	setup(&f);
	f.bu.seq = 11;
	f.bu.lifetime = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	CHECK(f.out.send_ack);
	CHECK_INT(f.out.sequence, 11);
	CHECK_INT(f.out.lifetime_units, 0);
	CHECK_INT(f.out.lifetime, 0);
	CHECK(addr_is(&f.out.home_address, HOME_ADDRESS));
	/* §10.3.2: acknowledged whatever A says. */
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_A;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	CHECK(f.out.send_ack);
}

static void test_registration_deregistration_returning_home(void)
{
	struct fixture f;

	setup(&f);
	/* At home: no Home Address option, the source is both addresses. */
	f.req.has_home_address_option = false;
	f.req.source_address = addr(HOME_ADDRESS);
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	CHECK(addr_is(&f.out.home_address, HOME_ADDRESS));
	CHECK_INT(f.out.lifetime_units, 0);
	/* The Alternate Care-of Address naming the home address. */
	setup(&f);
	f.options.has_alt_coa = true;
	f.options.alt_coa = addr(HOME_ADDRESS);
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
}

static void test_registration_deregistration_unknown(void)
{
	struct fixture f;

	setup(&f);
	f.bu.lifetime = 0;
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_A;
	REJECTED(&f, false, DHA_BA_NOT_HOME_AGENT);
	CHECK_INT(f.out.sequence, 10);
}

static void test_registration_deregistration_rules(void)
{
	struct fixture f;

	setup(&f);
	f.bu.lifetime = 0;
	/* Sequence numbers apply (§10.3.2 after §9.5.1). */
	f.entry.sequence = 10;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	/* A prefix dropped from the configuration: still removable. */
	setup(&f);
	f.bu.lifetime = 0;
	f.config.home.prefixes[0] = prefix("2001:db8:9::", 64);
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	/* So is a mobile router's binding once NEMO is off. */
	setup(&f);
	f.bu.lifetime = 0;
	f.bu.flags |= DHA_BU_FLAG_R;
	f.config.mobile_routers = false;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
}

static void test_registration_not_home_subnet(void)
{
	struct fixture f;

	setup(&f);
	f.req.home_address_option = addr("2001:db8:2::10");
	REJECTED(&f, false, DHA_BA_NOT_HOME_SUBNET);
	REJECTED(&f, true, DHA_BA_NOT_HOME_SUBNET);
	f.config.home.prefixes[1] = prefix("2001:db8:2::", 48);
	f.config.home.prefix_count = 2;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
}

static void test_registration_sequence_window(void)
{
	struct fixture f;

	setup(&f);
	f.entry.sequence = 10;
	f.bu.seq = 10;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	CHECK_INT(f.out.sequence, 10);
	f.bu.seq = 9;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	CHECK_INT(f.out.sequence, 10);
	/* 10 + 32768 is "less than or equal" (§9.5.1's example). */
	f.bu.seq = 10 + 32768;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	f.bu.seq = 10 + 32767;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	CHECK_INT(f.out.sequence, 10 + 32767);
	f.bu.seq = 11;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	/* No entry: any number. */
	f.bu.seq = 0;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
}

static void test_registration_sequence_wraparound(void)
{
	struct fixture f;

	setup(&f);
	f.entry.sequence = 65535;
	f.bu.seq = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	f.entry.sequence = 65530;
	f.bu.seq = 3;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	f.entry.sequence = 3;
	f.bu.seq = 65530;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	CHECK_INT(f.out.sequence, 3);
}

static void test_registration_restored_entry(void)
{
	struct fixture f;

	setup(&f);
	f.entry.restored = true;
	f.entry.sequence = 0;
	f.bu.seq = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
}

static void test_registration_type_change(void)
{
	struct fixture f;

	setup(&f);
	f.bu.seq = 11;
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_H;
	REJECTED(&f, true, DHA_BA_REG_TYPE_CHANGE_DISALLOWED);
	/* And the other way round. */
	setup(&f);
	f.entry.flags = 0;
	REJECTED(&f, true, DHA_BA_REG_TYPE_CHANGE_DISALLOWED);
}

static void test_registration_correspondent_registration(void)
{
	struct fixture f;

	setup(&f);
	f.bu.flags = DHA_BU_FLAG_A;
	f.options.has_nonce_indices = true;
	decide(&f, false);
	CHECK_INT(f.out.outcome, REGISTRATION_BINDING_ERROR);
	CHECK_INT(f.out.binding_error_status, DHA_BE_UNKNOWN_MH_TYPE);
	CHECK(!f.out.send_ack);
	CHECK_INT(f.out.action, REGISTRATION_ACTION_NONE);
	CHECK(addr_is(&f.out.home_address, HOME_ADDRESS));
}

static void test_registration_require_ipsec(void)
{
	struct fixture f;

	setup(&f);
	f.req.ipsec_protected = false;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK(!f.out.unprotected);
	f.config.require_ipsec = true;
	decide(&f, false);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	CHECK(f.out.unprotected);
	CHECK(!f.out.send_ack);
	CHECK_INT(f.out.action, REGISTRATION_ACTION_NONE);
	/* Deregistrations too, and with an entry. */
	f.bu.lifetime = 0;
	decide(&f, true);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	CHECK(f.out.unprotected);
	CHECK(!f.out.send_ack);
	/* A stale sequence number gets no 135 either: nothing is answered. */
	f.bu.lifetime = 100;
	f.bu.seq = 3;
	decide(&f, true);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	f.req.ipsec_protected = true;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	CHECK(!f.out.unprotected);
	f.bu.seq = 10;
	f.bu.lifetime = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	/* Other discards are not for IPsec. */
	f.req.home_address_option = addr("ff02::1");
	decide(&f, true);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	CHECK(!f.out.unprotected);
}

static void test_registration_insufficient_resources(void)
{
	struct fixture f;

	setup(&f);
	f.ctx.binding_count = 9;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	f.ctx.binding_count = 10;
	REJECTED(&f, false, DHA_BA_INSUFFICIENT_RESOURCES);
	/* A full cache still renews what it holds. */
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
}

static void test_registration_duplicate_address(void)
{
	struct fixture f;

	setup(&f);
	f.req.home_address_in_use = true;
	REJECTED(&f, false, DHA_BA_DAD_FAILED);
	/* Checked for new bindings only (§10.3.1). */
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	/* The home agent's own address. */
	f.req.home_address_in_use = false;
	f.req.home_address_option = addr(HA_ADDRESS);
	REJECTED(&f, false, DHA_BA_DAD_FAILED);
	REJECTED(&f, true, DHA_BA_DAD_FAILED);
}

static void test_registration_discarded(void)
{
	static const char *const bad[] = {
		"ff02::1", "fe80::10", "::", "::1", "::ffff:192.0.2.1",
	};
	struct fixture f;
	size_t i;

	setup(&f);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f.req.home_address_option = addr(bad[i]);
		decide(&f, false);
		CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
		CHECK(!f.out.send_ack);
		CHECK_INT(f.out.action, REGISTRATION_ACTION_NONE);
	}
	/* No option: the source is the home address. */
	f.req.has_home_address_option = false;
	f.req.source_address = addr("fe80::10");
	decide(&f, false);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	/* Nonce Indices in a home registration (§9.5.1). */
	setup(&f);
	f.options.has_nonce_indices = true;
	decide(&f, true);
	CHECK_INT(f.out.outcome, REGISTRATION_DISCARDED);
	CHECK(!f.out.send_ack);
}

static void test_registration_proxy_refused(void)
{
	struct fixture f;

	setup(&f);
	f.bu.flags |= DHA_BU_FLAG_P;
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
}

static void test_registration_flags_kept(void)
{
	struct fixture f;

	setup(&f);
	f.bu.flags |= DHA_BU_FLAG_L | DHA_BU_FLAG_K;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	/* No key management mobility: K is neither kept nor echoed. */
	CHECK_INT(f.out.flags, CACHE_FLAG_HOME | CACHE_FLAG_LINK_LOCAL);
	CHECK_INT(f.out.ack_flags, 0);
}

static void setup_router(struct fixture *f)
{
	setup(f);
	f->bu.flags |= DHA_BU_FLAG_R;
	f->req.home_address_option = addr(ROUTER_HOME_ADDRESS);
}

static void test_registration_router_not_permitted(void)
{
	struct fixture f;

	setup_router(&f);
	f.config.mobile_routers = false;
	REJECTED(&f, false, DHA_BA_MR_OP_NOT_PERMITTED);
	CHECK_INT(f.out.ack_flags, 0);
	/* A node with no mobile network configured is no mobile router. */
	setup_router(&f);
	f.req.home_address_option = addr(HOME_ADDRESS);
	REJECTED(&f, false, DHA_BA_MR_OP_NOT_PERMITTED);
	add_mnp(&f.options, "2001:db8:100::", 48);
	REJECTED(&f, false, DHA_BA_MR_OP_NOT_PERMITTED);
}

static void test_registration_router_implicit(void)
{
	struct fixture f;

	setup_router(&f);
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.flags, CACHE_FLAG_HOME | CACHE_FLAG_ROUTER);
	CHECK_INT(f.out.ack_flags, DHA_BA_FLAG_R);
	CHECK_INT(f.out.prefix_count, 2);
	CHECK(prefix_equal(&f.out.prefixes[0], &f.config.mobile_networks[0].prefix));
	CHECK(prefix_equal(&f.out.prefixes[1], &f.config.mobile_networks[1].prefix));
}

static void test_registration_router_explicit(void)
{
	struct dhad_prefix expected;
	struct fixture f;

	setup_router(&f);
	add_mnp(&f.options, "2001:db8:101::", 56);
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.prefix_count, 1);
	CHECK(prefix_equal(&f.out.prefixes[0], &f.config.mobile_networks[1].prefix));
	CHECK_INT(f.out.ack_flags, DHA_BA_FLAG_R);
	/* Within a configured prefix; host bits cleared; repeats merged. */
	add_mnp(&f.options, "2001:db8:100:5::1", 64);
	add_mnp(&f.options, "2001:db8:100:5::", 64);
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	CHECK_INT(f.out.prefix_count, 2);
	expected = prefix("2001:db8:100:5::", 64);
	CHECK(prefix_equal(&f.out.prefixes[1], &expected));
	/* Without R the options mean nothing. */
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_R;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	CHECK_INT(f.out.prefix_count, 0);
	CHECK_INT(f.out.flags, CACHE_FLAG_HOME);
	CHECK_INT(f.out.ack_flags, 0);
}

static void test_registration_router_invalid_prefix(void)
{
	struct fixture f;

	setup_router(&f);
	add_mnp(&f.options, "2001:db8:100::", 48);
	add_mnp(&f.options, "2001:db8:100::", 0);
	REJECTED(&f, false, DHA_BA_INVALID_PREFIX);
	f.options.mnp[1].prefix_len = 129;
	REJECTED(&f, false, DHA_BA_INVALID_PREFIX);
	f.options.mnp[1].prefix_len = 255;
	REJECTED(&f, false, DHA_BA_INVALID_PREFIX);
	f.options.mnp[1].prefix_len = 128;
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
}

static void test_registration_router_not_authorized(void)
{
	struct fixture f;

	setup_router(&f);
	/* Another mobile router's. */
	add_mnp(&f.options, "2001:db8:200::", 48);
	REJECTED(&f, false, DHA_BA_NOT_AUTHORIZED_FOR_PREFIX);
	/* Wider than the one configured. */
	f.options.mnp[0] = (struct dha_mh_mnp){ 32, addr("2001:db8::") };
	REJECTED(&f, false, DHA_BA_NOT_AUTHORIZED_FOR_PREFIX);
	f.options.mnp[0] = (struct dha_mh_mnp){ 55, addr("2001:db8:101::") };
	REJECTED(&f, false, DHA_BA_NOT_AUTHORIZED_FOR_PREFIX);
	f.options.mnp[0] = (struct dha_mh_mnp){ 57, addr("2001:db8:101::") };
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
}

static void test_registration_router_too_many_prefixes(void)
{
	char text[INET6_ADDRSTRLEN];
	struct fixture f;
	unsigned int i;

	setup_router(&f);
	for (i = 0; i < KERNEL_PREFIXES_MAX; i++) {
		snprintf(text, sizeof(text), "2001:db8:100:%x::", i);
		add_mnp(&f.options, text, 64);
	}
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.prefix_count, KERNEL_PREFIXES_MAX);
	add_mnp(&f.options, "2001:db8:100:ff::", 64);
	REJECTED(&f, false, DHA_BA_INSUFFICIENT_RESOURCES);
}

static void test_registration_forwarding_failed(void)
{
	struct fixture f;

	setup_router(&f);
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	registration_forwarding_failed(&f.out);
	CHECK_INT(f.out.outcome, REGISTRATION_REJECTED);
	CHECK_INT(f.out.status, DHA_BA_FORWARDING_SETUP_FAILED);
	CHECK_INT(f.out.action, REGISTRATION_ACTION_NONE);
	CHECK_INT(f.out.lifetime_units, 0);
	CHECK_INT(f.out.prefix_count, 0);
	CHECK_INT(f.out.ack_flags, 0);
	CHECK(f.out.send_ack);
	/* A mobile node's: no NEMO status; acknowledged even without A. */
	setup(&f);
	f.bu.flags &= (uint16_t)~DHA_BU_FLAG_A;
	ACCEPTED(&f, true, REGISTRATION_ACTION_UPDATE);
	registration_forwarding_failed(&f.out);
	CHECK_INT(f.out.status, DHA_BA_REASON_UNSPECIFIED);
	CHECK(f.out.send_ack);
	CHECK_INT(f.out.sequence, 10);
}

static void add_rule(struct mip6_config *config, const char *value)
{
	char why[POLICY_REASON_MAX] = "";
	struct policy *policy = &config->policy;

	if (!policy_rule_parse(value, &policy->rules[policy->rule_count], why))
		check_fail(__FILE__, __LINE__, "\"%s\" refused: %s", value, why);
	policy->rule_count++;
}

/* binding-policy: a denied home address or care-of address gets 129. */
static void test_registration_policy_denied(void)
{
	struct fixture f;

	setup(&f);
	add_rule(&f.config, "deny " HOME_ADDRESS);
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
	CHECK(f.out.policy_denied);
	CHECK_INT(f.out.sequence, 10);
	/* Another home address: the default, allow. */
	f.req.home_address_option = addr("2001:db8:1::11");
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK(!f.out.policy_denied);
	/* Deny by default, allow a range. */
	setup(&f);
	f.config.policy.default_deny = true;
	add_rule(&f.config, "allow 2001:db8:1::/123");
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	f.req.home_address_option = addr("2001:db8:1::20");
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
	CHECK(f.out.policy_denied);
	/* A 129 for another reason is not the policy's. */
	setup(&f);
	f.bu.flags |= DHA_BU_FLAG_P;
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
	CHECK(!f.out.policy_denied);
}

/* The care-of address the binding would use: the alternate one if any. */
static void test_registration_policy_care_of(void)
{
	struct fixture f;

	setup(&f);
	add_rule(&f.config, "deny any coa 2001:db8:ff::/48");
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
	CHECK(f.out.policy_denied);
	f.options.has_alt_coa = true;
	f.options.alt_coa = addr("2001:db8:fe::5");
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	f.options.alt_coa = addr("2001:db8:ff:1::5");
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
}

/*
 * A binding the policy denies after a reload: its renewal is refused
 * and it stays as it is; its deregistration goes through.
 */
static void test_registration_policy_existing(void)
{
	struct fixture f;

	setup(&f);
	add_rule(&f.config, "deny " HOME_ADDRESS);
	REJECTED(&f, true, DHA_BA_ADMIN_PROHIBITED);
	f.bu.lifetime = 0;
	ACCEPTED(&f, true, REGISTRATION_ACTION_DELETE);
	CHECK(!f.out.policy_denied);
}

/* The tests before the policy's decide first. */
static void test_registration_policy_order(void)
{
	struct fixture f;

	setup(&f);
	add_rule(&f.config, "deny any");
	f.bu.seq = 9;
	REJECTED(&f, true, DHA_BA_SEQ_OUT_OF_WINDOW);
	CHECK(!f.out.policy_denied);
	setup(&f);
	add_rule(&f.config, "deny any");
	f.req.home_address_option = addr("2001:db8:9::10");
	REJECTED(&f, false, DHA_BA_NOT_HOME_SUBNET);
	f.req.home_address_option = addr(HOME_ADDRESS);
	f.req.source_address = addr("2001:db8:1::99");
	REJECTED(&f, false, DHA_BA_REASON_UNSPECIFIED);
	CHECK(!f.out.policy_denied);
	/* And it decides before the mobile router tests. */
	setup_router(&f);
	add_rule(&f.config, "deny " ROUTER_HOME_ADDRESS);
	add_mnp(&f.options, "2001:db8:9::", 48);
	REJECTED(&f, false, DHA_BA_ADMIN_PROHIBITED);
	CHECK(f.out.policy_denied);
}

/* An allowed mobile router in implicit mode gets its configured prefixes. */
static void test_registration_policy_router(void)
{
	struct fixture f;

	setup_router(&f);
	f.config.policy.default_deny = true;
	add_rule(&f.config, "allow " ROUTER_HOME_ADDRESS " coa 2001:db8:ff::/48");
	ACCEPTED(&f, false, REGISTRATION_ACTION_CREATE);
	CHECK_INT(f.out.prefix_count, 2);
	CHECK(prefix_equal(&f.out.prefixes[0], &f.config.mobile_networks[0].prefix));
	add_mnp(&f.options, "2001:db8:200::", 48);
	REJECTED(&f, false, DHA_BA_NOT_AUTHORIZED_FOR_PREFIX);
	CHECK(!f.out.policy_denied);
}

SUITE(registration,
      TEST_CASE(test_registration_new_binding),
      TEST_CASE(test_registration_update),
      TEST_CASE(test_registration_ack_whatever_a),
      TEST_CASE(test_registration_lifetime_capped),
      TEST_CASE(test_registration_prefix_lifetime),
      TEST_CASE(test_registration_alternate_care_of_address),
      TEST_CASE(test_registration_bad_care_of_address),
      TEST_CASE(test_registration_care_of_address_in_home_subnet),
      TEST_CASE(test_registration_deregistration_lifetime_zero),
      TEST_CASE(test_registration_deregistration_returning_home),
      TEST_CASE(test_registration_deregistration_unknown),
      TEST_CASE(test_registration_deregistration_rules),
      TEST_CASE(test_registration_not_home_subnet),
      TEST_CASE(test_registration_sequence_window),
      TEST_CASE(test_registration_sequence_wraparound),
      TEST_CASE(test_registration_restored_entry),
      TEST_CASE(test_registration_type_change),
      TEST_CASE(test_registration_correspondent_registration),
      TEST_CASE(test_registration_require_ipsec),
      TEST_CASE(test_registration_insufficient_resources),
      TEST_CASE(test_registration_duplicate_address),
      TEST_CASE(test_registration_discarded),
      TEST_CASE(test_registration_proxy_refused),
      TEST_CASE(test_registration_flags_kept),
      TEST_CASE(test_registration_router_not_permitted),
      TEST_CASE(test_registration_router_implicit),
      TEST_CASE(test_registration_router_explicit),
      TEST_CASE(test_registration_router_invalid_prefix),
      TEST_CASE(test_registration_router_not_authorized),
      TEST_CASE(test_registration_router_too_many_prefixes),
      TEST_CASE(test_registration_forwarding_failed),
      TEST_CASE(test_registration_policy_denied),
      TEST_CASE(test_registration_policy_care_of),
      TEST_CASE(test_registration_policy_existing),
      TEST_CASE(test_registration_policy_order),
      TEST_CASE(test_registration_policy_router));
