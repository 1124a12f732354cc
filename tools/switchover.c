// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha ha switchover, dha ha switchback: manual control of a redundant
 * home agent set (Documentation/reliability.md). A standby asks the
 * active home agent to hand over to it; the active hands over to the
 * best standby. dhad answers once the peer has (or has not) replied.
 */
#include <string.h>

#include "dha.h"

void ha_handover_print(FILE *out, json_object *result)
{
	const char *role = json_text(result, "role");

	/* The peer asked has the other role now. */
	fprintf(out, "%s, %s is %s\n", role, json_text(result, "peer"),
		strcmp(role, "active") == 0 ? "standby" : "active");
}

int ha_handover_run(int verb, const struct options *opts)
{
	json_object *result;
	int ret;

	if (control_query(opts, verb == VERB_SWITCHOVER ? "ha-switchover" :
							  "ha-switchback",
			  &result))
		return 1;
	ret = control_print(opts, result, ha_handover_print);
	json_object_put(result);
	return ret;
}
