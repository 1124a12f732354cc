// SPDX-License-Identifier: GPL-2.0-only
/* HA reliability as a protocol of dhad (reliability.h). */
#include <errno.h>
#include <stdlib.h>

#include "core/dhad.h"
#include "reliability/reliability.h"
#include "sys/log.h"

static int start(struct dhad *dhad, void *settings, void **state)
{
	struct reliability *rel = calloc(1, sizeof(*rel));
	int ret;

	if (!rel) {
		log_err("out of memory");
		return -ENOMEM;
	}
	rel->dhad = dhad;
	ret = redundancy_open(dhad, settings, &rel->redundancy);
	if (ret) {
		free(rel);
		return ret;
	}
	*state = rel;
	return 0;
}

static void stop(void *state)
{
	struct reliability *rel = state;

	redundancy_close(rel->redundancy);
	free(rel);
}

static void reconfigure(void *state)
{
	struct reliability *rel = state;

	redundancy_reload(rel->redundancy);
}

static void show(void *state, json_object *result)
{
	struct reliability *rel = state;

	if (rel->redundancy)
		json_object_object_add(result, "redundancy",
				       redundancy_json(rel->redundancy));
}

static const char *role(void *state)
{
	struct reliability *rel = state;

	if (!rel->redundancy)
		return NULL;
	return redundancy_serving(rel->redundancy) ? "active" : "standby";
}

static bool serving(void *state)
{
	struct reliability *rel = state;

	return redundancy_serving(rel->redundancy);
}

static void binding_changed(void *state, const struct in6_addr *hoa)
{
	struct reliability *rel = state;

	redundancy_binding_changed(rel->redundancy, hoa);
}

const struct protocol reliability_protocol = {
	.name = "reliability",
	.sections = reliability_sections,
	.config_size = sizeof(struct config_redundancy),
	.config_init = reliability_config_init,
	.config_check = reliability_config_check,
	.config_fixed = reliability_config_fixed,
	.start = start,
	.stop = stop,
	.reconfigure = reconfigure,
	.show = show,
	.role = role,
	.commands = reliability_commands,
	.serving = serving,
	.binding_changed = binding_changed,
};
