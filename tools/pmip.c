// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha pmip: Proxy Mobile IPv6 through dhad's control socket. show: on
 * an LMA its binding cache (identifier, home network prefix, serving
 * MAG, lifetime, access technology), on a MAG its attached mobile nodes
 * and their LMA; attach and detach: a MAG's operator attaches or
 * detaches a mobile node by hand.
 */
#include <stdio.h>
#include <string.h>

#include "dha.h"

const char pmip_usage[] =
	"dha pmip [ show ]\n"
	"dha pmip attach MN-ID dev IFNAME\n"
	"dha pmip detach MN-ID\n";

static const struct keyword pmip_verbs[] = {
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "attach", VERB_ADD },
	{ "detach", VERB_DEL },
	{ "help", VERB_HELP },
};

int pmip_parse_args(int argc, char **argv, struct pmip_request *req,
		    struct cli_error *err)
{
	memset(req, 0, sizeof(*req));
	req->verb = VERB_SHOW;
	if (argc == 0)
		return 0;
	req->verb = keyword_parse(argv[0], pmip_verbs,
				  sizeof(pmip_verbs) / sizeof(pmip_verbs[0]),
				  "pmip command", err);
	if ((int)req->verb < 0)
		return -1;
	if (req->verb == VERB_SHOW || req->verb == VERB_HELP) {
		if (argc > 1)
			return cli_fail(err, "unknown argument \"%s\"", argv[1]);
		return 0;
	}
	if (argc < 2)
		return cli_fail(err, "missing mobile node identifier");
	req->mn_id = argv[1];
	if (!req->mn_id[0] || strlen(req->mn_id) > PMIP_MN_ID_MAX)
		return cli_fail(err, "mobile node identifier: 1 to %d characters",
				PMIP_MN_ID_MAX);
	if (req->verb == VERB_DEL) {
		if (argc > 2)
			return cli_fail(err, "unknown argument \"%s\"", argv[2]);
		return 0;
	}
	if (argc < 3 || strcmp(argv[2], "dev") != 0)
		return cli_fail(err, "missing \"dev IFNAME\"");
	if (argc < 4)
		return cli_fail(err, "missing value for \"dev\"");
	if (argc > 4)
		return cli_fail(err, "unknown argument \"%s\"", argv[4]);
	req->dev = argv[3];
	return 0;
}

json_object *pmip_request_json(const struct pmip_request *req)
{
	json_object *request = json_object_new_object();

	if (!request)
		return NULL;
	json_object_object_add(request, "cmd",
			       json_object_new_string(req->verb == VERB_ADD ?
							      "pmip-attach" :
							      "pmip-detach"));
	json_object_object_add(request, "mn-id",
			       json_object_new_string(req->mn_id));
	if (req->dev)
		json_object_object_add(request, "dev",
				       json_object_new_string(req->dev));
	return request;
}

void pmip_print(FILE *out, json_object *result)
{
	json_object *list, *item, *value;
	const char *role = json_text(result, "role");
	bool lma = strcmp(role, "lma") == 0;
	size_t i;

	fprintf(out, "%s %s", role, json_text(result, "address"));
	if (!lma)
		fprintf(out, " lma %s", json_text(result, "lma"));
	fprintf(out, " accepted %s refused %s dropped %s\n",
		json_text(result, "accepted"), json_text(result, "refused"),
		json_text(result, "dropped"));
	if (!json_object_object_get_ex(result, lma ? "bindings" : "nodes",
				       &list))
		return;
	for (i = 0; i < json_length(list); i++) {
		item = json_object_array_get_idx(list, i);
		fprintf(out, "mn-id %s", json_text(item, "mn-id"));
		if (json_object_object_get_ex(item, "hnp", &value))
			fprintf(out, " hnp %s", json_object_get_string(value));
		if (lma)
			fprintf(out, " mag %s", json_text(item, "mag"));
		else
			fprintf(out, " dev %s lma %s", json_text(item, "dev"),
				json_text(item, "lma"));
		fprintf(out, " %s lifetime %ss", json_text(item, "state"),
			json_text(item, "lifetime"));
		if (json_object_object_get_ex(item, "access-technology", &value))
			fprintf(out, " att %s", json_object_get_string(value));
		fputc('\n', out);
	}
}

int cmd_pmip(int argc, char **argv, const struct options *opts)
{
	struct pmip_request req;
	struct cli_error err;
	json_object *result;
	int ret;

	if (pmip_parse_args(argc, argv, &req, &err))
		return fail_usage(&err);
	if (req.verb == VERB_HELP) {
		fputs(pmip_usage, stdout);
		return 0;
	}
	if (req.verb != VERB_SHOW)
		return control_act(opts, pmip_request_json(&req));
	if (control_query(opts, "pmip-show", &result))
		return 1;
	ret = control_print(opts, result, pmip_print);
	json_object_put(result);
	return ret;
}
