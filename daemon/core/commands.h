/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The core's own control socket commands: "ha-show" (the role, each
 * running protocol's part, the Home Agent Switch counters), "cache-show"
 * and "reload". Documentation/control.md describes the replies.
 */
#ifndef DHAD_COMMANDS_H
#define DHAD_COMMANDS_H

#include <json-c/json.h>

#include "core/control.h"

struct dhad;

/* Their state is the struct dhad. */
extern const struct control_command core_commands[];

/* The results of "ha-show" and "cache-show"; NULL when out of memory. */
json_object *commands_ha_json(struct dhad *dhad);
json_object *commands_cache_json(struct dhad *dhad);

#endif /* DHAD_COMMANDS_H */
