// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha stats": per-device counters, drop reasons, rates and queue length.
 */
#include <errno.h>
#include <string.h>

#include "dha.h"

const char stats_usage[] =
	"dha stats [ dev DEV ]\n";

static const struct keyword args[] = {
	{ "dev", 0 },
};

int stats_parse_args(int argc, char **argv, enum verb *verb,
		     const char **dev, struct cli_error *err)
{
	enum parse_result result;
	int i;

	*verb = VERB_SHOW;
	*dev = NULL;
	if (argc == 1 && strcmp(argv[0], "help") == 0) {
		*verb = VERB_HELP;
		return 0;
	}
	for (i = 0; i < argc; i++) {
		if (keyword_parse(argv[i], args, 1, "argument", err) < 0)
			return -1;
		if (*dev)
			return cli_fail(err, "duplicate \"dev\"");
		if (i + 1 == argc)
			return cli_fail(err, "missing value for \"dev\"");
		result = parse_ifname(argv[++i]);
		if (result != PARSE_OK)
			return cli_fail_value(err, "device name", argv[i],
					      result);
		*dev = argv[i];
	}
	return 0;
}

static int show_stats(const struct dev_info *dev, void *arg)
{
	struct printer *printer = arg;

	if (printer->opts->json)
		return printer_add_json(printer, dev_stats_json(dev));
	dev_stats_print(printer->out, dev);
	return 0;
}

int cmd_stats(int argc, char **argv, const struct options *opts)
{
	struct printer printer;
	struct cli_error err;
	struct dha_nl own, *nl;
	const char *dev;
	uint32_t ifindex;
	enum verb verb;
	int ret;

	if (stats_parse_args(argc, argv, &verb, &dev, &err))
		return fail_usage(&err);
	if (verb == VERB_HELP) {
		fputs(stats_usage, stdout);
		return 0;
	}
	if (resolve_dev(dev, &ifindex))
		return 1;
	nl = family_get(opts, &own);
	if (!nl)
		return 1;

	ret = printer_init(&printer, stdout, opts);
	if (!ret)
		ret = dev_query(nl, ifindex, show_stats, &printer);
	if (!ret)
		ret = printer_finish(&printer);
	printer_discard(&printer);
	if (ret)
		fail_request(ret, nl, dev, NULL);
	family_put(opts, nl);
	return ret ? 1 : 0;
}
