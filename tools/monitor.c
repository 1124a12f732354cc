// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha monitor": prints binding notifications of the "events" group as
 * they arrive, one line (or one JSON object) each, and the events dhad
 * publishes on its control socket ("monitor" command,
 * Documentation/control.md): role changes and peers of a redundant set.
 * Without dhad (not running, or not allowed), the kernel's alone.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/dha.h>

#include "dha.h"

const char monitor_usage[] =
	"dha monitor\n";

/* Room for bursts such as a flush of a large table. */
#define MONITOR_RCVBUF (4 << 20)

struct monitor_context {
	const struct options *opts;
	struct ifname_cache names;
	int dhad;			/* control socket, -1: none */
	bool subscribed;		/* dhad answered the request */
	char in[65536];			/* dhad's lines, read so far */
	size_t in_len;
};

void monitor_dhad_event_print(FILE *out, json_object *event)
{
	const char *type = json_text(event, "event");

	if (strcmp(type, "ha-role") == 0)
		fprintf(out, "ha role %s (was %s, reason: %s)\n",
			json_text(event, "role"), json_text(event, "was"),
			json_text(event, "reason"));
	else if (strcmp(type, "ha-peer") == 0)
		fprintf(out, "ha peer %s %s (%s)\n", json_text(event, "peer"),
			json_text(event, "state"), json_text(event, "reason"));
}

/* Asks dhad for its events; without an answer, monitors without them. */
static void dhad_subscribe(struct monitor_context *ctx)
{
	static const char request[] = "{\"cmd\":\"monitor\"}\n";

	ctx->dhad = control_connect(ctx->opts);
	if (ctx->dhad < 0)
		return;
	if (send(ctx->dhad, request, sizeof(request) - 1, MSG_NOSIGNAL) !=
	    (ssize_t)sizeof(request) - 1) {
		close(ctx->dhad);
		ctx->dhad = -1;
	}
}

static void dhad_line(struct monitor_context *ctx, const char *line)
{
	json_object *obj = json_tokener_parse(line), *ok;

	if (!obj)
		return;
	/* The first line answers the request. */
	if (!ctx->subscribed) {
		ctx->subscribed = json_object_object_get_ex(obj, "ok", &ok) &&
				  json_object_get_boolean(ok);
		json_object_put(obj);
		return;
	}
	if (ctx->opts->json)
		json_print(stdout, obj, ctx->opts->pretty);
	else
		monitor_dhad_event_print(stdout, obj);
	json_object_put(obj);
}

/* dhad has written: its complete lines; -1 once it is gone. */
static int dhad_read(struct monitor_context *ctx)
{
	char *start, *newline;
	ssize_t got;

	got = recv(ctx->dhad, ctx->in + ctx->in_len,
		   sizeof(ctx->in) - ctx->in_len - 1, 0);
	if (got < 0 && errno == EINTR)
		return 0;
	if (got <= 0)
		return -1;
	ctx->in_len += (size_t)got;
	ctx->in[ctx->in_len] = '\0';
	start = ctx->in;
	while ((newline = strchr(start, '\n'))) {
		*newline = '\0';
		dhad_line(ctx, start);
		start = newline + 1;
	}
	ctx->in_len -= (size_t)(start - ctx->in);
	memmove(ctx->in, start, ctx->in_len);
	/* A line longer than the buffer is not one of dhad's events. */
	if (ctx->in_len == sizeof(ctx->in) - 1)
		return -1;
	return fflush(stdout) == EOF ? -1 : 0;
}

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
	struct monitor_context *ctx = calloc(1, sizeof(*ctx));
	struct pollfd fds[2];
	struct dha_nl nl;
	int ret;

	if (!ctx) {
		print_error("out of memory");
		return 1;
	}
	ctx->opts = opts;
	ctx->dhad = -1;
	if (argc == 1 && strcmp(argv[0], "help") == 0) {
		fputs(monitor_usage, stdout);
		free(ctx);
		return 0;
	}
	if (argc > 0) {
		print_error("unknown argument \"%s\"", argv[0]);
		free(ctx);
		return 1;
	}
	if (open_family(&nl)) {
		free(ctx);
		return 1;
	}
	/* Best effort: without it the default buffer just overruns sooner. */
	nlsock_set_rcvbuf(&nl.sock, MONITOR_RCVBUF, false);
	ret = dha_nl_subscribe_events(&nl, &nl.sock);
	if (ret) {
		print_error("cannot join the \"%s\" multicast group: %s",
			    DHA_MCGRP_EVENTS, strerror(-ret));
		dha_nl_close(&nl);
		free(ctx);
		return 1;
	}
	dhad_subscribe(ctx);

	fds[0].fd = nl.sock.fd;
	fds[0].events = POLLIN;
	for (;;) {
		fds[1].fd = ctx->dhad;
		fds[1].events = POLLIN;
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (fds[1].revents && dhad_read(ctx)) {
			/* dhad stopped: the kernel's events go on. */
			close(ctx->dhad);
			ctx->dhad = -1;
		}
		if (!fds[0].revents)
			continue;
		ret = dha_nl_receive_events(&nl, &nl.sock, MSG_DONTWAIT, 0,
					    print_event, ctx);
		if (ret == -EAGAIN)
			continue;
		if (ret == -ENOBUFS) {
			print_error("receive buffer overrun, events were lost");
			continue;
		}
		if (ret)
			break;
	}
	print_error("%s", strerror(-ret));
	if (ctx->dhad >= 0)
		close(ctx->dhad);
	dha_nl_close(&nl);
	free(ctx);
	return 1;
}
