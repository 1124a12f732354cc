// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha - operator tool for the dha Mobile IPv6 home agent fast path.
 *
 * main() reads the global options, then hands the rest of the command
 * line to the subcommand named by the object, or runs each line of a
 * batch file that way.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/dha.h>

#include "dha.h"

#ifndef DHA_VERSION
#error "DHA_VERSION must be defined by the build"
#endif

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv, const struct options *opts);
	const char *usage;
};

static const struct subcommand subcommands[] = {
	{ "binding", cmd_binding, binding_usage },
	{ "global", cmd_global, global_usage },
	{ "peer", cmd_peer, peer_usage },
	{ "proxy-peer", cmd_proxy_peer, proxy_peer_usage },
	{ "link", cmd_link, link_usage },
	{ "stats", cmd_stats, stats_usage },
	{ "monitor", cmd_monitor, monitor_usage },
	{ "ha", cmd_ha, ha_usage },
	{ "cache", cmd_cache, cache_usage },
	{ "pmip", cmd_pmip, pmip_usage },
	{ "lb", cmd_lb, lb_usage },
};

#define SUBCOMMAND_COUNT (sizeof(subcommands) / sizeof(subcommands[0]))
/* "dha help" sits in the object table after the subcommands. */
#define OBJECT_HELP ((int)SUBCOMMAND_COUNT)

static void usage(FILE *out)
{
	size_t i;

	fputs("Usage: dha [ OPTIONS ] OBJECT [ COMMAND [ ARGUMENTS ] ]\n"
	      "       dha [ OPTIONS ] -batch FILE [ -force ]\n"
	      "OBJECT := { binding | global | peer | proxy-peer | link | stats | monitor |\n            ha | cache | pmip | lb | help }\n"
	      "OPTIONS := { -j | --json | -p | --pretty | -s | --stats | -h | --help |\n             -V | --version | -S | --socket PATH | -b | -batch FILE |\n             -f | -force }\n"
	      "\n", out);
	for (i = 0; i < SUBCOMMAND_COUNT; i++)
		fputs(subcommands[i].usage, out);
	fputs("\n"
	      "Objects and commands may be abbreviated (\"dha b a\" is \"dha binding add\").\n"
	      "See dha(8).\n", out);
}

static void version(void)
{
	struct dha_nl nl;
	int ret;

	printf("dha %s (netlink API version %d)\n", DHA_VERSION,
	       DHA_GENL_VERSION);
	ret = dha_nl_open(&nl);
	if (ret == 0) {
		printf("kernel: genl family \"%s\" version %u\n",
		       DHA_FAMILY_NAME, nl.family_version);
		dha_nl_close(&nl);
	} else if (ret == -ENOENT) {
		printf("kernel: the dha module is not loaded\n");
	} else {
		printf("kernel: cannot query the genl family \"%s\": %s\n",
		       DHA_FAMILY_NAME, strerror(-ret));
	}
}

/* Long and short spellings, as accepted by "dha -j" and "dha --json". */
static bool option_is(const char *arg, const char *short_name,
		      const char *long_name)
{
	return strcmp(arg, short_name) == 0 || strcmp(arg, long_name) == 0;
}

/* The path after argv[0], consumed; prints and fails when there is none. */
static int option_value(int *argc, char ***argv, const char **value)
{
	if (*argc < 2) {
		print_error("option \"%s\" needs a path", (*argv)[0]);
		return -1;
	}
	*value = (*argv)[1];
	(*argc)--;
	(*argv)++;
	return 0;
}

/* One command line after the options: argv[0] is the object. */
static int run_command(int argc, char **argv, const struct options *opts)
{
	struct keyword objects[SUBCOMMAND_COUNT + 1];
	struct cli_error err;
	int i, id;

	for (i = 0; i < (int)SUBCOMMAND_COUNT; i++)
		objects[i] = (struct keyword){ subcommands[i].name, i };
	objects[SUBCOMMAND_COUNT] = (struct keyword){ "help", OBJECT_HELP };
	id = keyword_parse(argv[0], objects, SUBCOMMAND_COUNT + 1, "object",
			   &err);
	if (id == OBJECT_HELP) {
		usage(stdout);
		return 0;
	}
	if (id < 0)
		return fail_usage(&err);
	return subcommands[id].run(argc - 1, argv + 1, opts);
}

int main(int argc, char **argv)
{
	struct options opts = { 0 };
	const char *batch = NULL;
	bool force = false;
	const char *arg;

	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		arg = argv[0];
		if (strcmp(arg, "--") == 0) {
			argc--;
			argv++;
			break;
		}
		if (option_is(arg, "-j", "--json")) {
			opts.json = true;
		} else if (option_is(arg, "-p", "--pretty")) {
			opts.json = true;
			opts.pretty = true;
		} else if (option_is(arg, "-s", "--stats")) {
			opts.stats = true;
		} else if (option_is(arg, "-h", "--help")) {
			usage(stdout);
			return 0;
		} else if (option_is(arg, "-S", "--socket")) {
			if (option_value(&argc, &argv, &opts.socket))
				return 1;
		} else if (option_is(arg, "-b", "-batch") ||
			   strcmp(arg, "--batch") == 0) {
			if (option_value(&argc, &argv, &batch))
				return 1;
		} else if (option_is(arg, "-f", "-force") ||
			   strcmp(arg, "--force") == 0) {
			force = true;
		} else if (option_is(arg, "-V", "--version")) {
			version();
			return 0;
		} else {
			print_error("unknown option \"%s\"", arg);
			return 1;
		}
	}
	if (batch) {
		if (argc > 0) {
			print_error("unexpected \"%s\" after -batch FILE (the commands are in the file)",
				    argv[0]);
			return 1;
		}
		return batch_run(batch, force, &opts, run_command);
	}
	if (argc == 0) {
		print_error("missing object (see \"dha --help\")");
		return 1;
	}
	return run_command(argc, argv, &opts);
}
