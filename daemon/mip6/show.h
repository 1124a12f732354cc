/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The home agent's control socket command "ha-switch": the parsing of
 * its arguments and its result, exposed for the unit tests and the
 * fuzzer. mip6_show() and mip6_commands are in mip6.h.
 */
#ifndef DHAD_MIP6_SHOW_H
#define DHAD_MIP6_SHOW_H

#include <stddef.h>
#include <json-c/json.h>
#include <netinet/in.h>

#include "core/haswitch.h"

struct mip6;

/* The arguments of "ha-switch". */
struct mip6_switch {
	struct in6_addr home_address;
	unsigned int home_agent_count;	/* 1..HASWITCH_HOME_AGENTS_MAX */
	struct in6_addr home_agents[HASWITCH_HOME_AGENTS_MAX];
};

/*
 * Decodes the arguments of an "ha-switch" request line. Returns 0, or
 * -EINVAL with a message for the reply in why (at least
 * CONTROL_ERROR_MAX bytes). Pure.
 */
int mip6_parse_switch(const char *line, size_t len,
		      struct mip6_switch *request, char *why, size_t size);

/*
 * Carries out a parsed "ha-switch" for the mobile node's current home
 * agent: the result object, or NULL with the reason in why.
 */
json_object *mip6_switch(struct mip6 *ha, const struct mip6_switch *request,
			 char *why, size_t size);

#endif /* DHAD_MIP6_SHOW_H */
