// SPDX-License-Identifier: GPL-2.0-only
/*
 * [home-agent] and [router-advertisement]: the home agent's keys
 * (config.h). The core's frame (core/conf.h) reads the file and reports
 * the mistakes these functions describe.
 */
#include <string.h>

#include "mip6/config.h"

static bool parse_home_link(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	return conf_ifname(config->home.home_link, value, why);
}

static bool parse_device(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	return conf_ifname(config->home.device, value, why);
}

static bool parse_prefix_key(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	struct dhad_prefix prefix;
	const char *reason;
	unsigned int i;

	if (!prefix_parse(value, &prefix, &reason)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad prefix \"%s\": %s", value,
			 reason);
		return false;
	}
	for (i = 0; i < config->home.prefix_count; i++) {
		if (prefix_equal(&config->home.prefixes[i], &prefix)) {
			snprintf(why, CONF_MESSAGE_MAX, "prefix %s given twice",
				 value);
			return false;
		}
	}
	if (config->home.prefix_count == CONFIG_PREFIXES_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d prefixes",
			 CONFIG_PREFIXES_MAX);
		return false;
	}
	config->home.prefixes[config->home.prefix_count++] = prefix;
	return true;
}

static bool parse_address(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	const char *reason;

	if (!addr_parse_global(value, &config->home.address, &reason)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad address \"%s\": %s (a global unicast address is needed)",
			 value, reason);
		return false;
	}
	return true;
}

static bool parse_max_lifetime(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	long seconds;

	if (!conf_long(value, 4, CONFIG_MAX_LIFETIME_LIMIT, &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad max-lifetime \"%s\": seconds, 4..%d", value,
			 CONFIG_MAX_LIFETIME_LIMIT);
		return false;
	}
	config->home.max_lifetime = (uint32_t)seconds;
	return true;
}

static bool parse_dad(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	if (!conf_yes_no(value, &config->dad)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad dad \"%s\": yes or no",
			 value);
		return false;
	}
	return true;
}

static bool parse_require_ipsec(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	if (!conf_yes_no(value, &config->require_ipsec)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad require-ipsec \"%s\": yes or no", value);
		return false;
	}
	return true;
}

static bool parse_max_bindings(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	long count;

	if (!conf_long(value, 1, CONFIG_MAX_BINDINGS_LIMIT, &count)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad max-bindings \"%s\": 1..%d",
			 value, CONFIG_MAX_BINDINGS_LIMIT);
		return false;
	}
	config->max_bindings = (uint32_t)count;
	return true;
}

static bool parse_mobile_routers(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	if (!conf_yes_no(value, &config->mobile_routers)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad mobile-routers \"%s\": yes or no", value);
		return false;
	}
	return true;
}

static bool prefixes_overlap(const struct dhad_prefix *a,
			     const struct dhad_prefix *b)
{
	return a->length <= b->length ? prefix_contains(a, &b->address) :
					prefix_contains(b, &a->address);
}

static bool parse_mobile_network(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	struct config_mobile_network network;
	const char *blank = strpbrk(value, " \t"), *prefix_text, *reason;
	char address_text[INET6_ADDRSTRLEN];
	unsigned int i, router_prefixes = 0;

	if (!blank || (size_t)(blank - value) >= sizeof(address_text)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad mobile-network \"%s\": not HOME-ADDRESS PREFIX",
			 value);
		return false;
	}
	memcpy(address_text, value, (size_t)(blank - value));
	address_text[blank - value] = '\0';
	prefix_text = blank + strspn(blank, " \t");
	if (!addr_parse_global(address_text, &network.home_address, &reason)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad mobile-network \"%s\": home address: %s", value,
			 reason);
		return false;
	}
	if (!prefix_parse(prefix_text, &network.prefix, &reason)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad mobile-network \"%s\": prefix: %s", value,
			 reason);
		return false;
	}
	for (i = 0; i < config->mobile_network_count; i++) {
		const struct config_mobile_network *other =
			&config->mobile_networks[i];
		bool same_router = memcmp(&other->home_address,
					  &network.home_address,
					  sizeof(network.home_address)) == 0;

		router_prefixes += same_router;
		if (prefixes_overlap(&other->prefix, &network.prefix)) {
			char other_prefix[PREFIX_STRLEN];

			snprintf(why, CONF_MESSAGE_MAX,
				 "bad mobile-network \"%s\": overlaps %s, given for %s",
				 value,
				 prefix_format(&other->prefix, other_prefix),
				 same_router ? "this mobile router already" :
					       "another mobile router");
			return false;
		}
	}
	if (router_prefixes == CONFIG_PREFIXES_MAX) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad mobile-network \"%s\": more than %d prefixes for one mobile router",
			 value, CONFIG_PREFIXES_MAX);
		return false;
	}
	if (config->mobile_network_count == CONFIG_MOBILE_NETWORKS_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d mobile-network lines",
			 CONFIG_MOBILE_NETWORKS_MAX);
		return false;
	}
	config->mobile_networks[config->mobile_network_count++] = network;
	return true;
}

static bool parse_binding_policy(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	struct policy *policy = &config->policy;
	char reason[POLICY_REASON_MAX];
	struct policy_rule rule;

	if (!policy_rule_parse(value, &rule, reason)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad binding-policy \"%s\": %s",
			 value, reason);
		return false;
	}
	if (policy->rule_count == POLICY_RULES_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d binding-policy lines",
			 POLICY_RULES_MAX);
		return false;
	}
	policy->rules[policy->rule_count++] = rule;
	return true;
}

static bool parse_binding_policy_default(void *settings, const char *value,
					 char *why)
{
	struct mip6_config *config = settings;

	if (!policy_verdict_parse(value, &config->policy.default_deny)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad binding-policy-default \"%s\": allow or deny",
			 value);
		return false;
	}
	return true;
}

static bool parse_preference(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	long preference;

	if (!conf_long(value, INT16_MIN, INT16_MAX, &preference)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad preference \"%s\": -32768..32767", value);
		return false;
	}
	config->preference = (int16_t)preference;
	return true;
}

static bool parse_ha_lifetime(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	long seconds;

	if (!conf_long(value, 1, UINT16_MAX, &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad home-agent-lifetime \"%s\": seconds, 1..65535",
			 value);
		return false;
	}
	config->home.ha_lifetime = (uint16_t)seconds;
	return true;
}

/* Seconds in min..0xffffffff, or "infinity" (0xffffffff). */
static bool parse_prefix_lifetime(uint32_t *out, const char *name, long min,
				  const char *value, char *why)
{
	long seconds;

	if (strcmp(value, "infinity") == 0) {
		*out = CONFIG_PREFIX_LIFETIME_INFINITE;
		return true;
	}
	if (!conf_long(value, min, CONFIG_PREFIX_LIFETIME_INFINITE,
		       &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad %s \"%s\": seconds, %ld..4294967295 or infinity",
			 name, value, min);
		return false;
	}
	*out = (uint32_t)seconds;
	return true;
}

static bool parse_prefix_valid_lifetime(void *settings, const char *value,
					char *why)
{
	struct mip6_config *config = settings;

	return parse_prefix_lifetime(&config->prefix_valid_lifetime,
				     "prefix-valid-lifetime",
				     CONFIG_PREFIX_VALID_LIFETIME_MIN, value,
				     why);
}

static bool parse_prefix_preferred_lifetime(void *settings, const char *value,
					    char *why)
{
	struct mip6_config *config = settings;

	return parse_prefix_lifetime(&config->prefix_preferred_lifetime,
				     "prefix-preferred-lifetime", 0, value,
				     why);
}

static bool parse_switch_rate(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;
	long rate;

	if (!conf_long(value, 1, CONFIG_SWITCH_RATE_LIMIT, &rate)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad switch-rate \"%s\": messages a second, 1..%d",
			 value, CONFIG_SWITCH_RATE_LIMIT);
		return false;
	}
	config->home.switching.rate = (uint32_t)rate;
	return true;
}

static bool parse_switch_retransmissions(void *settings, const char *value,
					 char *why)
{
	struct mip6_config *config = settings;
	long count;

	if (!conf_long(value, 0, CONFIG_SWITCH_RETRANSMISSIONS_LIMIT, &count)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad switch-retransmissions \"%s\": 0..%d", value,
			 CONFIG_SWITCH_RETRANSMISSIONS_LIMIT);
		return false;
	}
	config->home.switching.retransmissions = (uint32_t)count;
	return true;
}

static bool parse_answer_limit(uint32_t *out, const char *name,
			       const char *value, char *why)
{
	long count;

	if (!conf_long(value, 1, CONFIG_RATE_LIMIT, &count)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad %s \"%s\": 1..%d", name, value,
			 CONFIG_RATE_LIMIT);
		return false;
	}
	*out = (uint32_t)count;
	return true;
}

static bool parse_ack_rate(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	return parse_answer_limit(&config->ack_rate, "ack-rate", value, why);
}

static bool parse_ack_burst(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	return parse_answer_limit(&config->ack_burst, "ack-burst", value, why);
}

static bool parse_error_rate(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	return parse_answer_limit(&config->error_rate, "error-rate", value,
				  why);
}

static bool parse_error_burst(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	return parse_answer_limit(&config->error_burst, "error-burst", value,
				  why);
}

static bool parse_ra_send(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	if (!conf_yes_no(value, &config->ra_send)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad send \"%s\": yes or no", value);
		return false;
	}
	config->home.advertises = config->ra_send;
	return true;
}

static bool parse_ra_min_interval(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	if (!conf_seconds_ms(value, CONFIG_RA_MIN_INTERVAL_MS,
			      CONFIG_RA_MAX_INTERVAL_MAX_MS * 3 / 4,
			      &config->ra_min_interval_ms)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad min-interval \"%s\": seconds, 0.03..1350", value);
		return false;
	}
	return true;
}

static bool parse_ra_max_interval(void *settings, const char *value, char *why)
{
	struct mip6_config *config = settings;

	if (!conf_seconds_ms(value, CONFIG_RA_MAX_INTERVAL_MIN_MS,
			      CONFIG_RA_MAX_INTERVAL_MAX_MS,
			      &config->ra_max_interval_ms)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad max-interval \"%s\": seconds, 0.07..1800", value);
		return false;
	}
	return true;
}

static bool parse_ra_router_lifetime(void *settings, const char *value,
				     char *why)
{
	struct mip6_config *config = settings;
	long seconds;

	if (!conf_long(value, 0, CONFIG_RA_ROUTER_LIFETIME_MAX, &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad router-lifetime \"%s\": seconds, 0..%d", value,
			 CONFIG_RA_ROUTER_LIFETIME_MAX);
		return false;
	}
	config->ra_router_lifetime = (uint16_t)seconds;
	return true;
}

/*
 * RFC 4861 6.2.1: a preferred lifetime never exceeds the valid one.
 * Unset, the preferred lifetime is its default or the valid lifetime if
 * that is shorter, so that setting the valid one alone is enough.
 */
static void check_prefix_lifetimes(struct mip6_config *config,
				   struct conf_check *check)
{
	int preferred_line = conf_instance_key_line(check, "home-agent",
						    config->name,
						    "prefix-preferred-lifetime");
	uint32_t valid = config->prefix_valid_lifetime;

	if (!preferred_line) {
		if (config->prefix_preferred_lifetime > valid)
			config->prefix_preferred_lifetime = valid;
	} else if (config->prefix_preferred_lifetime > valid) {
		conf_report(check, preferred_line,
			    "prefix-preferred-lifetime must be at most prefix-valid-lifetime (%u s)",
			    valid);
	}
}

/*
 * The defaults of [router-advertisement] follow max-interval (RFC 4861
 * 6.2.1: MinRtrAdvInterval 0.33 of it, AdvDefaultLifetime 3 times), and
 * the keys bound one another.
 */
static void check_router_advertisement(struct mip6_config *config,
				       struct conf_check *check)
{
	int min_line = conf_key_line(check, "router-advertisement",
				     "min-interval");
	int lifetime_line = conf_key_line(check, "router-advertisement",
					  "router-lifetime");
	uint32_t max_ms = config->ra_max_interval_ms;

	if (!min_line) {
		config->ra_min_interval_ms = max_ms / 3;
		if (config->ra_min_interval_ms < CONFIG_RA_MIN_INTERVAL_MS)
			config->ra_min_interval_ms = CONFIG_RA_MIN_INTERVAL_MS;
	} else if (config->ra_min_interval_ms > max_ms * 3 / 4) {
		conf_report(check, min_line,
			    "min-interval must be at most 0.75 times max-interval (%u.%03u s)",
			    max_ms / 1000, max_ms % 1000);
	}
	if (!lifetime_line) {
		uint32_t seconds = (3 * max_ms + 999) / 1000;

		if (seconds > CONFIG_RA_ROUTER_LIFETIME_MAX)
			seconds = CONFIG_RA_ROUTER_LIFETIME_MAX;
		config->ra_router_lifetime = (uint16_t)seconds;
	} else if (config->ra_router_lifetime &&
		   config->ra_router_lifetime * 1000u < max_ms) {
		conf_report(check, lifetime_line,
			    "router-lifetime must be 0 or at least max-interval (%u.%03u s)",
			    max_ms / 1000, max_ms % 1000);
	}
}

/* "[home-agent]" or "[home-agent NAME]", for messages. */
static const char *link_label(const struct mip6_config *link, char *buf,
			      size_t size)
{
	snprintf(buf, size, "[home-agent%s%s]", link->name[0] ? " " : "",
		 link->name);
	return buf;
}

/* Where link's key is, else its header. */
static int link_line(struct conf_check *check, const struct mip6_config *link,
		     const char *key)
{
	int line = conf_instance_key_line(check, "home-agent", link->name, key);

	return line ? line : conf_instance_line(check, "home-agent",
						 link->name);
}

/*
 * Each home link is its own: interface, dha device (which holds its
 * home agent address as tunnel source and its prefixes), address, and
 * prefixes, so that a home address names one home link.
 */
static void check_link_apart(const struct mip6_config *link,
			     const struct mip6_config *earlier,
			     struct conf_check *check)
{
	char label[CONFIG_LINK_NAME_MAX + 16], a[PREFIX_STRLEN],
		b[PREFIX_STRLEN];
	unsigned int i, j;

	link_label(earlier, label, sizeof(label));
	if (strcmp(link->home.home_link, earlier->home.home_link) == 0)
		conf_report(check, link_line(check, link, "home-link"),
			    "home-link %s is %s's already: each home link once",
			    link->home.home_link, label);
	if (strcmp(link->home.device, earlier->home.device) == 0)
		conf_report(check, link_line(check, link, "device"),
			    "device %s is %s's already: each home link needs its own dha device",
			    link->home.device, label);
	if (memcmp(&link->home.address, &earlier->home.address,
		   sizeof(link->home.address)) == 0)
		conf_report(check, link_line(check, link, "address"),
			    "address %s is %s's already",
			    addr_format(&link->home.address, a), label);
	for (i = 0; i < link->home.prefix_count; i++)
		for (j = 0; j < earlier->home.prefix_count; j++)
			if (prefixes_overlap(&link->home.prefixes[i],
					     &earlier->home.prefixes[j]))
				conf_report(check,
					    link_line(check, link, "prefix"),
					    "prefix %s overlaps %s of %s: a home address must name one home link",
					    prefix_format(&link->home.prefixes[i], a),
					    prefix_format(&earlier->home.prefixes[j], b),
					    label);
}

void mip6_config_check(void *settings, struct conf_check *check)
{
	struct mip6_settings *all = settings;
	struct mip6_config *first = &all->links[0];
	unsigned int i, j;

	if (!conf_section_line(check, "home-agent")) {
		/* Named home links are more of a home agent's: it needs one. */
		if (all->link_count > 1)
			conf_report(check, conf_last_line(check),
				    "missing section [home-agent]");
		all->core->home = NULL;
		all->core->home_count = 0;
		return;
	}
	check_router_advertisement(first, check);
	for (i = 0; i < all->link_count; i++) {
		struct mip6_config *link = &all->links[i];

		check_prefix_lifetimes(link, check);
		if (i) {
			link->ra_send = first->ra_send;
			link->ra_min_interval_ms = first->ra_min_interval_ms;
			link->ra_max_interval_ms = first->ra_max_interval_ms;
			link->ra_router_lifetime = first->ra_router_lifetime;
		}
		for (j = 0; j < i; j++)
			check_link_apart(link, &all->links[j], check);
	}
}

static void link_defaults(struct mip6_config *config)
{
	strcpy(config->home.device, CONFIG_DEFAULT_DEVICE);
	config->home.max_lifetime = CONFIG_DEFAULT_MAX_LIFETIME;
	config->home.ha_lifetime = CONFIG_DEFAULT_HA_LIFETIME;
	config->prefix_valid_lifetime = CONFIG_DEFAULT_PREFIX_VALID_LIFETIME;
	config->prefix_preferred_lifetime =
		CONFIG_DEFAULT_PREFIX_PREFERRED_LIFETIME;
	config->home.switching.rate = CONFIG_DEFAULT_SWITCH_RATE;
	config->home.switching.retransmissions =
		CONFIG_DEFAULT_SWITCH_RETRANSMISSIONS;
	config->max_bindings = CONFIG_DEFAULT_MAX_BINDINGS;
	config->dad = true;
	config->ra_max_interval_ms = CONFIG_DEFAULT_RA_MAX_INTERVAL_MS;
	config->ack_rate = CONFIG_DEFAULT_ACK_RATE;
	config->ack_burst = CONFIG_DEFAULT_ACK_BURST;
	config->error_rate = CONFIG_DEFAULT_ERROR_RATE;
	config->error_burst = CONFIG_DEFAULT_ERROR_BURST;
}

void mip6_config_init(void *settings, struct dhad_config *core)
{
	struct mip6_settings *all = settings;

	link_defaults(&all->links[0]);
	all->link_count = 1;
	/* The other protocols know the home agent by these. */
	core->home = &all->links[0].home;
	core->homes[0] = core->home;
	core->home_count = 1;
	all->core = core;
}

/* [home-agent NAME]: one more home link, with the defaults. */
static void *home_agent_instance(void *settings, struct dhad_config *core,
				 const char *name, char *why)
{
	struct mip6_settings *all = settings;
	struct mip6_config *link;

	if (all->link_count == DHAD_HOMES_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d home links",
			 DHAD_HOMES_MAX);
		return NULL;
	}
	link = &all->links[all->link_count++];
	link_defaults(link);
	snprintf(link->name, sizeof(link->name), "%s", name);
	core->homes[core->home_count++] = &link->home;
	return link;
}

static const struct conf_key home_agent_keys[] = {
	{ "home-link", false, true, parse_home_link },
	{ "prefix", true, true, parse_prefix_key },
	{ "address", false, true, parse_address },
	{ "device", false, false, parse_device },
	{ "max-lifetime", false, false, parse_max_lifetime },
	{ "require-ipsec", false, false, parse_require_ipsec },
	{ "dad", false, false, parse_dad },
	{ "max-bindings", false, false, parse_max_bindings },
	{ "mobile-routers", false, false, parse_mobile_routers },
	{ "mobile-network", true, false, parse_mobile_network },
	{ "binding-policy", true, false, parse_binding_policy },
	{ "binding-policy-default", false, false,
	  parse_binding_policy_default },
	{ "preference", false, false, parse_preference },
	{ "home-agent-lifetime", false, false, parse_ha_lifetime },
	{ "prefix-valid-lifetime", false, false,
	  parse_prefix_valid_lifetime },
	{ "prefix-preferred-lifetime", false, false,
	  parse_prefix_preferred_lifetime },
	{ "switch-rate", false, false, parse_switch_rate },
	{ "switch-retransmissions", false, false,
	  parse_switch_retransmissions },
	{ "ack-rate", false, false, parse_ack_rate },
	{ "ack-burst", false, false, parse_ack_burst },
	{ "error-rate", false, false, parse_error_rate },
	{ "error-burst", false, false, parse_error_burst },
	{ 0 },
};

static const struct conf_key router_advertisement_keys[] = {
	{ "send", false, false, parse_ra_send },
	{ "min-interval", false, false, parse_ra_min_interval },
	{ "max-interval", false, false, parse_ra_max_interval },
	{ "router-lifetime", false, false, parse_ra_router_lifetime },
	{ 0 },
};

const struct conf_section mip6_sections[] = {
	{ "home-agent", false, home_agent_keys, home_agent_instance, true },
	{ "router-advertisement", false, router_advertisement_keys, NULL,
	  false },
	{ 0 },
};

const char *mip6_warning_unprotected(const struct mip6_config *config)
{
	if (config->require_ipsec)
		return NULL;
	return "require-ipsec is off: Binding Updates without IPsec are accepted (RFC 6275 5.1 requires ESP)";
}
