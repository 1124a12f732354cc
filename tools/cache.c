// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha cache: dhad's binding cache (home address, care-of address,
 * sequence number, flags, lifetime), through its control socket. The
 * kernel's own table is "dha binding show", which works without dhad.
 */
#include <stdio.h>
#include <string.h>

#include "dha.h"

const char cache_usage[] =
	"dha cache [ show ]\n";

void cache_print(FILE *out, json_object *result)
{
	json_object *bindings, *binding, *value, *list;
	size_t i, j;

	if (!json_object_object_get_ex(result, "bindings", &bindings))
		return;
	for (i = 0; i < json_length(bindings); i++) {
		binding = json_object_array_get_idx(bindings, i);
		fprintf(out, "%s coa %s seq %s", json_text(binding, "home-address"),
			json_text(binding, "care-of-address"),
			json_text(binding, "sequence"));
		fputs(" flags ", out);
		if (json_object_object_get_ex(binding, "flags", &list) &&
		    json_length(list)) {
			for (j = 0; j < json_length(list); j++)
				fputs(json_item_text(list, j), out);
		} else {
			fputs("-", out);
		}
		if (json_object_object_get_ex(binding, "lifetime-left", &value) &&
		    value)
			fprintf(out, " lifetime %ss/%ss", json_object_get_string(value),
				json_text(binding, "lifetime"));
		else
			fputs(" lifetime forever", out);
		if (json_object_object_get_ex(binding, "restored", &value) &&
		    json_object_get_boolean(value))
			fputs(" restored", out);
		if (json_object_object_get_ex(binding, "prefixes", &list)) {
			for (j = 0; j < json_length(list); j++)
				fprintf(out, " prefix %s",
					json_item_text(list, j));
		}
		fputc('\n', out);
	}
}

static const struct keyword cache_verbs[] = {
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "help", VERB_HELP },
};

int cmd_cache(int argc, char **argv, const struct options *opts)
{
	struct cli_error err;
	json_object *result;
	int verb, ret;

	verb = lone_verb_parse(argc, argv, cache_verbs,
			       sizeof(cache_verbs) / sizeof(cache_verbs[0]), VERB_SHOW,
			       &err);
	if (verb < 0)
		return fail_usage(&err);
	if (verb == VERB_HELP) {
		fputs(cache_usage, stdout);
		return 0;
	}
	if (control_query(opts, "cache-show", &result))
		return 1;
	ret = control_print(opts, result, cache_print);
	json_object_put(result);
	return ret;
}
