// SPDX-License-Identifier: GPL-2.0-only
/*
 * [pmip]: Proxy Mobile IPv6's keys (config.h). The core's frame
 * (core/conf.h) reads the file and reports the mistakes these functions
 * describe.
 */
#include <arpa/inet.h>
#include <string.h>

#include "pmip/config.h"

static bool parse_role(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;

	if (strcmp(value, "lma") == 0) {
		config->role = PMIP_ROLE_LMA;
	} else if (strcmp(value, "mag") == 0) {
		config->role = PMIP_ROLE_MAG;
	} else {
		snprintf(why, CONF_MESSAGE_MAX, "bad role \"%s\": lma or mag",
			 value);
		return false;
	}
	return true;
}

static bool parse_device(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;

	return conf_ifname(config->home.device, value, why);
}

static bool global_address(const char *key, const char *value,
			   struct in6_addr *out, char *why)
{
	const char *reason;

	if (addr_parse_global(value, out, &reason))
		return true;
	snprintf(why, CONF_MESSAGE_MAX,
		 "bad %s \"%s\": %s (a global unicast address is needed)", key,
		 value, reason);
	return false;
}

static bool parse_address(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;

	return global_address("address", value, &config->home.address, why);
}

static bool parse_hnp_pool(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;
	const char *reason;

	if (!prefix_parse(value, &config->hnp_pool, &reason)) {
		snprintf(why, CONF_MESSAGE_MAX, "bad hnp-pool \"%s\": %s",
			 value, reason);
		return false;
	}
	if (config->hnp_pool.length > PMIP_HNP_LENGTH) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad hnp-pool \"%s\": /%d home network prefixes are taken from it, so at most /%d",
			 value, PMIP_HNP_LENGTH, PMIP_HNP_LENGTH);
		return false;
	}
	return true;
}

static bool parse_mag(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;
	struct in6_addr mag;

	if (!global_address("mag", value, &mag, why))
		return false;
	if (pmip_config_mag_known(config, &mag)) {
		snprintf(why, CONF_MESSAGE_MAX, "mag %s given twice", value);
		return false;
	}
	if (config->mag_count == PMIP_MAGS_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d mag lines",
			 PMIP_MAGS_MAX);
		return false;
	}
	config->mags[config->mag_count++] = mag;
	return true;
}

static bool parse_max_lifetime(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;
	long seconds;

	if (!conf_long(value, 4, PMIP_MAX_LIFETIME_LIMIT, &seconds)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad max-lifetime \"%s\": seconds, 4..%d", value,
			 PMIP_MAX_LIFETIME_LIMIT);
		return false;
	}
	config->max_lifetime = (uint32_t)seconds;
	return true;
}

static bool parse_lma(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;

	return global_address("lma", value, &config->lma, why);
}

static bool parse_access_link(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;
	unsigned int i;

	if (config->access_link_count == PMIP_ACCESS_LINKS_MAX) {
		snprintf(why, CONF_MESSAGE_MAX, "more than %d access-link lines",
			 PMIP_ACCESS_LINKS_MAX);
		return false;
	}
	if (!conf_ifname(config->access_links[config->access_link_count],
			 value, why))
		return false;
	for (i = 0; i < config->access_link_count; i++) {
		if (strcmp(config->access_links[i], value) == 0) {
			snprintf(why, CONF_MESSAGE_MAX,
				 "access-link %s given twice", value);
			return false;
		}
	}
	config->access_link_count++;
	return true;
}

static bool parse_link_local(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;
	struct in6_addr addr;

	if (inet_pton(AF_INET6, value, &addr) != 1 ||
	    !IN6_IS_ADDR_LINKLOCAL(&addr)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad link-local \"%s\": an address in fe80::/10 is needed",
			 value);
		return false;
	}
	config->link_local = addr;
	return true;
}

static bool parse_mn_id(void *settings, const char *value, char *why)
{
	struct pmip_config *config = settings;
	const char *path;

	if (strcmp(value, "mac") == 0) {
		config->mn_id_mode = PMIP_MN_ID_MAC;
		return true;
	}
	if (strncmp(value, "file", 4) == 0 && (value[4] == ' ' ||
					       value[4] == '\t')) {
		path = value + 4 + strspn(value + 4, " \t");
		if (path[0] == '/' && strlen(path) < sizeof(config->mn_id_file)) {
			config->mn_id_mode = PMIP_MN_ID_FILE;
			strcpy(config->mn_id_file, path);
			return true;
		}
	}
	snprintf(why, CONF_MESSAGE_MAX,
		 "bad mn-id \"%s\": mac, or file and an absolute path", value);
	return false;
}

bool pmip_config_mag_known(const struct pmip_config *config,
			   const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < config->mag_count; i++)
		if (memcmp(&config->mags[i], addr, sizeof(*addr)) == 0)
			return true;
	return false;
}

void pmip_config_init(void *settings, struct dhad_config *core)
{
	struct pmip_config *config = settings;

	config->core = core;
	strcpy(config->home.device, PMIP_DEFAULT_DEVICE);
	config->max_lifetime = PMIP_DEFAULT_MAX_LIFETIME;
	config->home.max_lifetime = PMIP_DEFAULT_MAX_LIFETIME;
	/* RFC 5213 6.8 gives no value; fe80::1 is what operators pick. */
	inet_pton(AF_INET6, "fe80::1", &config->link_local);
	config->mn_id_mode = PMIP_MN_ID_MAC;
}

/* The keys of one role, refused in the other's section. */
static const char *const lma_keys[] = { "hnp-pool", "mag", "max-lifetime",
					NULL };
static const char *const mag_keys[] = { "lma", "access-link", "link-local",
					"mn-id", NULL };

static void check_role_keys(struct conf_check *check, const char *const *keys,
			    const char *role)
{
	int line;

	for (; *keys; keys++) {
		line = conf_key_line(check, "pmip", *keys);
		if (line)
			conf_report(check, line,
				    "%s is a key of role %s only", *keys, role);
	}
}

static void check_needed(struct conf_check *check, int section,
			 const char *key, const char *role)
{
	if (!conf_key_line(check, "pmip", key))
		conf_report(check, section, "role %s needs key \"%s\" in [pmip]",
			    role, key);
}

void pmip_config_check(void *settings, struct conf_check *check)
{
	struct pmip_config *config = settings;
	int section = conf_section_line(check, "pmip");

	if (!section) {
		config->role = PMIP_ROLE_NONE;
		return;
	}
	if (config->core->home) {
		conf_report(check, section,
			    "[pmip] and [home-agent] cannot share a file: dhad runs one of them");
		return;
	}
	config->home.max_lifetime = config->max_lifetime;
	if (config->role == PMIP_ROLE_LMA) {
		check_role_keys(check, mag_keys, "mag");
		check_needed(check, section, "hnp-pool", "lma");
		check_needed(check, section, "mag", "lma");
		if (conf_key_line(check, "pmip", "hnp-pool") &&
		    prefix_contains(&config->hnp_pool, &config->home.address))
			conf_report(check,
				    conf_key_line(check, "pmip", "address"),
				    "address must lie outside hnp-pool");
		if (pmip_config_mag_known(config, &config->home.address))
			conf_report(check,
				    conf_key_line(check, "pmip", "address"),
				    "address is also given as a mag");
	} else if (config->role == PMIP_ROLE_MAG) {
		check_role_keys(check, lma_keys, "lma");
		check_needed(check, section, "lma", "mag");
		check_needed(check, section, "access-link", "mag");
		if (!memcmp(&config->lma, &config->home.address,
			    sizeof(config->lma)))
			conf_report(check, conf_key_line(check, "pmip", "lma"),
				    "lma must differ from address");
	}
	/* The core's device and tunnel source are these. */
	config->core->home = &config->home;
	config->core->homes[0] = config->core->home;
	config->core->home_count = 1;
}

const char *pmip_config_fixed(const void *old_settings,
			      const void *new_settings)
{
	const struct pmip_config *old = old_settings, *now = new_settings;

	if (old->role != now->role)
		return "[pmip] role";
	if (memcmp(&old->hnp_pool, &now->hnp_pool, sizeof(old->hnp_pool)))
		return "[pmip] hnp-pool";
	if (memcmp(&old->lma, &now->lma, sizeof(old->lma)))
		return "[pmip] lma";
	if (old->access_link_count != now->access_link_count ||
	    memcmp(old->access_links, now->access_links,
		   sizeof(old->access_links)))
		return "[pmip] access-link";
	return NULL;
}

static const struct conf_key pmip_keys[] = {
	{ "role", false, true, parse_role },
	{ "device", false, false, parse_device },
	{ "address", false, true, parse_address },
	{ "hnp-pool", false, false, parse_hnp_pool },
	{ "mag", true, false, parse_mag },
	{ "max-lifetime", false, false, parse_max_lifetime },
	{ "lma", false, false, parse_lma },
	{ "access-link", true, false, parse_access_link },
	{ "link-local", false, false, parse_link_local },
	{ "mn-id", false, false, parse_mn_id },
	{ 0 },
};

const struct conf_section pmip_sections[] = {
	{ "pmip", false, pmip_keys, NULL, true },
	{ 0 },
};
