// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha monitor": prints binding notifications of the "events" group as
 * they arrive, one line (or one JSON object) each.
 */
#include <errno.h>
#include <string.h>
#include <linux/dha.h>

#include "dha.h"

const char monitor_usage[] =
	"dha monitor\n";

/* Room for bursts such as a flush of a large table. */
#define MONITOR_RCVBUF (4 << 20)

struct monitor_context {
	const struct options *opts;
	struct ifname_cache names;
};

static int print_event(const struct nlmsghdr *nlh, void *arg)
{
	struct monitor_context *ctx = arg;
	struct nlattr *tb[DHA_A_MAX + 1];
	struct binding_info binding;
	json_object *obj;
	int cmd, ret = 0;

	cmd = dha_msg_parse(nlh, tb);
	if (cmd != DHA_CMD_BINDING_NEW_NTF && cmd != DHA_CMD_BINDING_DEL_NTF)
		return 0;
	if (binding_decode(tb, &binding)) {
		print_error("skipping a malformed notification");
		return 0;
	}
	ifname_lookup(&ctx->names, binding.ifindex, binding.ifname);
	if (ctx->opts->json) {
		obj = event_json((uint8_t)cmd, &binding, ctx->opts->stats);
		ret = obj ? json_print(stdout, obj, ctx->opts->pretty) : -ENOMEM;
		json_object_put(obj);
	} else {
		event_print(stdout, (uint8_t)cmd, &binding, ctx->opts->stats);
	}
	/* Readers of a pipe want each event as soon as it happens. */
	if (fflush(stdout) == EOF)
		return -errno;
	return ret;
}

int cmd_monitor(int argc, char **argv, const struct options *opts)
{
	struct monitor_context ctx = { .opts = opts };
	struct dha_nl nl;
	int ret;

	if (argc == 1 && strcmp(argv[0], "help") == 0) {
		fputs(monitor_usage, stdout);
		return 0;
	}
	if (argc > 0) {
		print_error("unknown argument \"%s\"", argv[0]);
		return 1;
	}
	if (open_family(&nl))
		return 1;
	/* Best effort: without it the default buffer just overruns sooner. */
	nlsock_set_rcvbuf(&nl.sock, MONITOR_RCVBUF, false);
	ret = dha_nl_subscribe_events(&nl, &nl.sock);
	if (ret) {
		print_error("cannot join the \"%s\" multicast group: %s",
			    DHA_MCGRP_EVENTS, strerror(-ret));
		dha_nl_close(&nl);
		return 1;
	}

	for (;;) {
		ret = dha_nl_receive_events(&nl, &nl.sock, 0, -1, print_event,
					    &ctx);
		if (ret == -ENOBUFS) {
			print_error("receive buffer overrun, events were lost");
			continue;
		}
		if (ret)
			break;
	}
	print_error("%s", strerror(-ret));
	dha_nl_close(&nl);
	return 1;
}
