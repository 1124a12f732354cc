// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha ha hold, dha ha release: maintenance of a member of a redundant
 * home agent set (Documentation/reliability.md, "Maintenance"). A held
 * member never becomes active; held while active, it hands over first,
 * and dhad answers once the standby has (or has not) taken the role.
 */
#include <string.h>

#include "dha.h"

void ha_hold_print(FILE *out, json_object *result)
{
	json_object *held;
	const char *peer = json_text(result, "peer");

	fprintf(out, "%s, %s",
		json_object_object_get_ex(result, "held", &held) &&
				json_object_get_boolean(held) ?
			"held" : "released",
		json_text(result, "role"));
	/* A hold that handed over names the new active. */
	if (strcmp(peer, "-") != 0)
		fprintf(out, ", %s is active", peer);
	fputc('\n', out);
}

int ha_hold_run(int verb, const struct options *opts)
{
	json_object *result;
	int ret;

	if (control_query(opts, verb == VERB_HOLD ? "ha-hold" : "ha-release",
			  &result))
		return 1;
	ret = control_print(opts, result, ha_hold_print);
	json_object_put(result);
	return ret;
}
