// SPDX-License-Identifier: GPL-2.0-only
/*
 * dhad - the dha home agent daemon.
 *
 * main() only wires the parts together: the options, the protocols this
 * dhad speaks (the core knows none of them by name), and the core's
 * start, run and stop.
 */
#include <getopt.h>
#include <stdio.h>
#include <linux/dha.h>

#include "core/dhad.h"
#include "protocols.h"

#ifndef DHAD_VERSION
#error "DHAD_VERSION must be defined by the build"
#endif

#define DEFAULT_CONTROL_SOCKET "/run/dha/dhad.sock"

static void usage(FILE *out)
{
	fputs("Usage: dhad -c CONFIG [-S CONTROL_SOCKET] [-f]\n"
	      "  -c, --config FILE    configuration file (required)\n"
	      "  -S, --socket PATH    control socket (default " DEFAULT_CONTROL_SOCKET ")\n"
	      "  -f, --foreground     stay in the foreground, log to stderr\n"
	      "  -h, --help           this text\n"
	      "  -V, --version        version\n"
	      "See dhad(8) and dhad.conf(5).\n", out);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "socket", required_argument, NULL, 'S' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const char *socket_path = DEFAULT_CONTROL_SOCKET;
	struct dhad dhad = { 0 };
	bool foreground = false;
	int opt, status = 1;

	while ((opt = getopt_long(argc, argv, "c:S:fhV", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			dhad.config_path = optarg;
			break;
		case 'S':
			socket_path = optarg;
			break;
		case 'f':
			foreground = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("dhad %s (netlink API version %d)\n",
			       DHAD_VERSION, DHA_GENL_VERSION);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (!dhad.config_path || optind != argc) {
		usage(stderr);
		return 1;
	}
	if (dhad_start(&dhad, dhad_protocols, dhad_protocol_count,
		       socket_path))
		return 1;
	if (foreground || dhad_detach(&dhad) == 0)
		status = dhad_run(&dhad) ? 1 : 0;
	dhad_stop(&dhad);
	return status;
}
