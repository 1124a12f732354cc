// SPDX-License-Identifier: GPL-2.0-only
/* [load-balance] (config.h). */
#include <stdio.h>
#include <string.h>

#include "core/home.h"
#include "loadbalance/config.h"

#define SECTION "load-balance"

void lb_config_init(void *settings, struct dhad_config *core)
{
	struct lb_config *config = settings;

	(void)core;
	memset(config, 0, sizeof(*config));
	config->light = LB_DEFAULT_LIGHT;
	config->min_ra_interval_ms = LB_DEFAULT_MIN_RA_INTERVAL_MS;
	config->top_percent = LB_DEFAULT_TOP_PERCENT;
	config->handoff_hold_ms = LB_DEFAULT_HANDOFF_HOLD_MS;
	config->reassign = LB_REASSIGN_DHAAD;
	config->capacity_kbps = LB_DEFAULT_CAPACITY_KBPS;
}

static bool parse_light(void *settings, const char *value, char *why)
{
	struct lb_config *config = settings;
	long light;

	if (!conf_long(value, 1, UINT16_MAX, &light)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad light \"%s\": a Queue Size, 1..65535", value);
		return false;
	}
	config->light = (uint16_t)light;
	return true;
}

static bool parse_min_ra_interval(void *settings, const char *value,
				  char *why)
{
	struct lb_config *config = settings;

	return conf_ms("min-ra-interval", value, LB_MIN_RA_INTERVAL_MIN_MS,
		       LB_MIN_RA_INTERVAL_MAX_MS, &config->min_ra_interval_ms,
		       why);
}

static bool parse_top_percent(void *settings, const char *value, char *why)
{
	struct lb_config *config = settings;
	long percent;

	/* Past half, the top and the bottom would overlap. */
	if (!conf_long(value, 1, 50, &percent)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad top-percent \"%s\": a percentage, 1..50", value);
		return false;
	}
	config->top_percent = (uint8_t)percent;
	return true;
}

static bool parse_handoff_hold(void *settings, const char *value, char *why)
{
	struct lb_config *config = settings;

	if (!conf_seconds_ms(value, 1000, 3600000, &config->handoff_hold_ms)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad handoff-hold \"%s\": seconds, 1..3600", value);
		return false;
	}
	return true;
}

static const char *const reassign_names[] = {
	[LB_REASSIGN_DHAAD] = "dhaad",
	[LB_REASSIGN_SWITCH] = "switch",
	[LB_REASSIGN_BOTH] = "both",
};

const char *lb_reassign_name(enum lb_reassign reassign)
{
	return reassign_names[reassign];
}

static bool parse_reassign(void *settings, const char *value, char *why)
{
	struct lb_config *config = settings;
	size_t i;

	for (i = 0; i < sizeof(reassign_names) / sizeof(reassign_names[0]);
	     i++) {
		if (strcmp(value, reassign_names[i]) == 0) {
			config->reassign = (enum lb_reassign)i;
			return true;
		}
	}
	snprintf(why, CONF_MESSAGE_MAX,
		 "bad reassign \"%s\": dhaad, switch or both", value);
	return false;
}

static bool parse_capacity(void *settings, const char *value, char *why)
{
	struct lb_config *config = settings;
	long kbps;

	if (!conf_long(value, 1, 1000000000, &kbps)) {
		snprintf(why, CONF_MESSAGE_MAX,
			 "bad capacity \"%s\": kbit/s, 1..1000000000", value);
		return false;
	}
	config->capacity_kbps = (uint32_t)kbps;
	return true;
}

void lb_config_check(void *settings, struct conf_check *check)
{
	struct lb_config *config = settings;
	const struct dhad_home *home = conf_config(check)->home;
	int section = conf_section_line(check, SECTION);

	config->enabled = section != 0;
	if (!section)
		return;
	/* The figures travel in this home agent's own advertisements. */
	if (home && !home->advertises)
		conf_report(check, section,
			    "[load-balance] needs [router-advertisement] send = yes: the load figures travel in this home agent's Router Advertisements");
}

const char *lb_config_fixed(const void *old_settings, const void *new_settings)
{
	const struct lb_config *old = old_settings, *now = new_settings;

	/* The protocol runs, or not, from the start. */
	if (old->enabled != now->enabled)
		return "[load-balance]";
	return NULL;
}

static const struct conf_key lb_keys[] = {
	{ "light", false, false, parse_light },
	{ "min-ra-interval", false, false, parse_min_ra_interval },
	{ "top-percent", false, false, parse_top_percent },
	{ "handoff-hold", false, false, parse_handoff_hold },
	{ "reassign", false, false, parse_reassign },
	{ "capacity", false, false, parse_capacity },
	{ 0 },
};

const struct conf_section lb_sections[] = {
	{ SECTION, false, lb_keys, NULL, false },
	{ 0 },
};
