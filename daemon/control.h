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

struct dhad;
struct control;

enum control_cmd {
	CONTROL_HA_SHOW,
	CONTROL_CACHE_SHOW,
	CONTROL_RELOAD,
};

/* Longest request line accepted. */
#define CONTROL_REQUEST_MAX 4096

/*
 * Decodes one request line (without its newline). Returns 0 and *cmd,
 * or -EINVAL with a message for the reply in *error. Pure.
 */
int control_parse_request(const char *line, size_t len, enum control_cmd *cmd,
			  const char **error);
/* Whether cmd changes state (so needs root). */
bool control_cmd_mutates(enum control_cmd cmd);

/* The replies' result objects, built from the daemon's state. */
json_object *control_ha_json(struct dhad *dhad);
json_object *control_cache_json(struct dhad *dhad);

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
