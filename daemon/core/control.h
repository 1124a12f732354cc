/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control socket: a Unix stream socket speaking newline-delimited
 * JSON, one request object per line, one reply object per line, in
 * order (Documentation/control.md).
 *
 * Anyone who can connect (the socket is 0660, root and the configured
 * group) may read; commands that change something need uid 0, checked
 * with SO_PEERCRED.
 */
#ifndef DHAD_CONTROL_H
#define DHAD_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <json-c/json.h>
#include <netinet/in.h>

#include "sys/addr.h"
#include "core/haswitch.h"
#include "reliability/redundancy.h"

struct dhad;
struct control;

enum control_cmd {
	CONTROL_HA_SHOW,
	CONTROL_CACHE_SHOW,
	CONTROL_RELOAD,
	CONTROL_HA_SWITCH,
	CONTROL_HA_SWITCHOVER,
	CONTROL_HA_SWITCHBACK,
	CONTROL_HA_SYNC_REQUEST,
};

/* Longest request line accepted. */
#define CONTROL_REQUEST_MAX 4096

/*
 * Decodes one request line (without its newline). Returns 0 and *cmd,
 * or -EINVAL with a message for the reply in *error. Pure.
 */
int control_parse_request(const char *line, size_t len, enum control_cmd *cmd,
			  const char **error);
/* The arguments of "ha-switch". */
struct control_switch {
	struct in6_addr home_address;
	unsigned int home_agent_count;	/* 1..HASWITCH_HOME_AGENTS_MAX */
	struct in6_addr home_agents[HASWITCH_HOME_AGENTS_MAX];
};

/*
 * Decodes the arguments of an "ha-switch" request line (one that
 * control_parse_request() accepted). Returns 0, or -EINVAL (-ENOMEM)
 * with a message for the reply in why (size bytes). Pure.
 */
int control_parse_switch(const char *line, size_t len,
			 struct control_switch *request, char *why,
			 size_t size);
/* The arguments of "ha-sync-request" (both empty: the whole cache). */
#define CONTROL_SYNC_ADDRESSES_MAX 16
#define CONTROL_SYNC_PREFIXES_MAX 16
struct control_sync_request {
	size_t home_address_count;
	struct in6_addr home_addresses[CONTROL_SYNC_ADDRESSES_MAX];
	size_t prefix_count;
	struct dhad_prefix prefixes[CONTROL_SYNC_PREFIXES_MAX];
};

/* Decodes the arguments of an "ha-sync-request" line, as
 * control_parse_switch() does. Pure. */
int control_parse_sync_request(const char *line, size_t len,
			       struct control_sync_request *request, char *why,
			       size_t size);
/* Whether cmd changes state (so needs root). */
bool control_cmd_mutates(enum control_cmd cmd);

/* The replies' result objects, built from the daemon's state. */
json_object *control_ha_json(struct dhad *dhad);
json_object *control_cache_json(struct dhad *dhad);
/*
 * Carries out a parsed "ha-switch" for the mobile node's current home
 * agent: the result object, or NULL with the reason in why.
 */
json_object *control_switch(struct dhad *dhad,
			    const struct control_switch *request, char *why,
			    size_t size);

/*
 * The reply's error text for an "ha-switchover" (switchover true) or
 * "ha-switchback" that failed with status: the negative errno of
 * redundancy_switchover()/switchback() (peer NULL), or the status its
 * done callback got from peer (the draft's 128, 129, ..., or -ETIMEDOUT,
 * -ECANCELED). role: this member's, when it was asked. Pure.
 */
void control_handover_error(bool switchover, int status,
			    enum redundancy_role role,
			    const struct in6_addr *peer, char *why,
			    size_t size);

/*
 * Carries out a parsed "ha-sync-request" on a standby: the result
 * object, or NULL with the reason in why.
 */
json_object *control_sync_request(struct dhad *dhad,
				  const struct control_sync_request *request,
				  char *why, size_t size);

/*
 * Binds path (its directory created 0755 if missing) and listens.
 * -EADDRINUSE: another daemon answers there. A stale socket file is
 * replaced.
 */
int control_open(struct dhad *dhad, const char *path, struct control **out);
/* Gives the socket file to the configured group (or root's). */
int control_apply_group(struct control *control);
/* Closes every connection and removes the socket file. */
void control_close(struct control *control);

#endif /* DHAD_CONTROL_H */
