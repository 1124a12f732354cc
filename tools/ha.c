// SPDX-License-Identifier: GPL-2.0-only
/*
 * dha ha: the home agent as dhad sees it (role, prefixes, counts, Home
 * Agents List), through dhad's control socket; also the client side of
 * that socket, shared with "dha cache" (Documentation/control.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dha.h"

const char ha_usage[] =
	"dha ha [ show ]\n"
	"dha ha reload\n"
	"dha ha switch HOA to ADDR [ ADDR ]...\n"
	"dha ha sync request [ HOA | PREFIX/LEN ]...\n";

#define REPLY_MAX (256u << 20)

static int connect_daemon(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
	ssize_t sent;

	while (len) {
		sent = send(fd, buf, len, MSG_NOSIGNAL);
		if (sent < 0 && errno == EINTR)
			continue;
		if (sent <= 0)
			return -1;
		buf += sent;
		len -= (size_t)sent;
	}
	return 0;
}

/* One reply line, NUL-terminated in place of its newline; NULL on error. */
static char *read_line(int fd)
{
	size_t len = 0, size = 0;
	char *buf = NULL, *grown, *newline;
	ssize_t got;

	for (;;) {
		if (len + 4096 > size) {
			size = size ? size * 2 : 65536;
			if (size > REPLY_MAX)
				break;
			grown = realloc(buf, size);
			if (!grown)
				break;
			buf = grown;
		}
		got = recv(fd, buf + len, size - len - 1, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		newline = memchr(buf + len, '\n', (size_t)got);
		len += (size_t)got;
		if (newline) {
			*newline = '\0';
			return buf;
		}
	}
	free(buf);
	return NULL;
}

int control_request(const struct options *opts, json_object *request,
		    json_object **result)
{
	const char *path = opts->socket ? opts->socket : DHAD_SOCKET_DEFAULT;
	json_object *reply = NULL, *ok, *error;
	const char *text;
	char *line;
	int fd;

	text = json_object_to_json_string_ext(request, JSON_C_TO_STRING_PLAIN);
	if (!text) {
		print_error("out of memory");
		return -1;
	}
	fd = connect_daemon(path);
	if (fd < 0) {
		print_error("cannot reach dhad at %s: %s (is dhad running?)",
			    path, strerror(errno));
		return -1;
	}
	line = send_all(fd, text, strlen(text)) || send_all(fd, "\n", 1) ?
		       NULL : read_line(fd);
	close(fd);
	if (line)
		reply = json_tokener_parse(line);
	free(line);
	if (!reply || !json_object_object_get_ex(reply, "ok", &ok)) {
		print_error("no valid reply from dhad at %s", path);
		json_object_put(reply);
		return -1;
	}
	if (!json_object_get_boolean(ok)) {
		json_object_object_get_ex(reply, "error", &error);
		print_error("dhad: %s", error ? json_object_get_string(error) :
						"request failed");
		json_object_put(reply);
		return -1;
	}
	if (!json_object_object_get_ex(reply, "result", result)) {
		print_error("no valid reply from dhad at %s", path);
		json_object_put(reply);
		return -1;
	}
	json_object_get(*result);
	json_object_put(reply);
	return 0;
}

int control_query(const struct options *opts, const char *cmd,
		  json_object **result)
{
	json_object *request = json_object_new_object();
	int ret;

	if (!request) {
		print_error("out of memory");
		return -1;
	}
	json_object_object_add(request, "cmd", json_object_new_string(cmd));
	ret = control_request(opts, request, result);
	json_object_put(request);
	return ret;
}

/* A member as text, "-" when absent or null. */
const char *json_text(json_object *obj, const char *key)
{
	json_object *value;

	if (!json_object_object_get_ex(obj, key, &value) || !value)
		return "-";
	return json_object_get_string(value);
}

/* The redundant home agent set, when dhad has a [redundancy] section. */
static void redundancy_print(FILE *out, json_object *red)
{
	json_object *peers, *peer, *value;
	bool full;
	size_t i;

	fprintf(out, "    redundancy group %s %s role %s preference %s auth %s%s\n",
		json_text(red, "group"), json_text(red, "mode"),
		json_text(red, "role"), json_text(red, "preference"),
		json_text(red, "auth"),
		json_object_object_get_ex(red, "eligible", &value) &&
				!json_object_get_boolean(value) ?
			" tracked-condition-failed" : "");
	if (!json_object_object_get_ex(red, "peers", &peers))
		return;
	for (i = 0; i < json_object_array_length(peers); i++) {
		peer = json_object_array_get_idx(peers, i);
		fprintf(out, "        peer %s %s %s preference %s",
			json_text(peer, "address"), json_text(peer, "state"),
			json_text(peer, "role"), json_text(peer, "preference"));
		if (json_object_object_get_ex(peer, "last-hello-ms", &value))
			fprintf(out, " last-hello %sms ago",
				json_object_get_string(value));
		fputc('\n', out);
	}
	if (!json_object_object_get_ex(red, "sync", &value))
		return;
	full = json_object_object_get_ex(value, "full-copy", &peer) &&
	       json_object_get_boolean(peer);
	fprintf(out, "    sync full-copy %s pending-changes %s merged %s "
		"merge-deleted %s swept %s\n", full ? "yes" : "no",
		json_text(value, "pending-changes"),
		json_text(value, "merged"), json_text(value, "merge-deleted"),
		json_text(value, "swept"));
}

void ha_print(FILE *out, json_object *result)
{
	json_object *prefixes, *agents, *agent, *value;
	size_t i;

	fprintf(out, "%s %s home-link %s dev %s\n", json_text(result, "role"),
		json_text(result, "address"), json_text(result, "home-link"),
		json_text(result, "device"));
	if (json_object_object_get_ex(result, "prefixes", &prefixes)) {
		for (i = 0; i < json_object_array_length(prefixes); i++)
			fprintf(out, "    prefix %s\n", json_object_get_string(
				json_object_array_get_idx(prefixes, i)));
	}
	fprintf(out, "    bindings %s restored %s max-lifetime %ss require-ipsec %s uptime %ss\n",
		json_text(result, "bindings"), json_text(result, "restored"),
		json_text(result, "max-lifetime"),
		json_object_object_get_ex(result, "require-ipsec", &value) &&
				json_object_get_boolean(value) ? "yes" : "no",
		json_text(result, "uptime"));
	if (json_object_object_get_ex(result, "redundancy", &value))
		redundancy_print(out, value);
	if (json_object_object_get_ex(result, "home-agent-switch", &value))
		fprintf(out, "    switch pending %s queued %s sent %s retransmitted %s answered %s gave-up %s binding-gone %s renewals-refused %s\n",
			json_text(value, "pending"), json_text(value, "queued"),
			json_text(value, "sent"),
			json_text(value, "retransmitted"),
			json_text(value, "answered"),
			json_text(value, "gave-up"),
			json_text(value, "binding-gone"),
			json_text(value, "renewals-refused"));
	if (!json_object_object_get_ex(result, "home-agents", &agents))
		return;
	fputs("    home agents:\n", out);
	for (i = 0; i < json_object_array_length(agents); i++) {
		agent = json_object_array_get_idx(agents, i);
		fprintf(out, "        %s", json_text(agent, "address"));
		if (json_object_object_get_ex(agent, "link-local", &value))
			fprintf(out, " link-local %s", json_object_get_string(value));
		fprintf(out, " preference %s lifetime %ss%s\n",
			json_text(agent, "preference"),
			json_text(agent, "lifetime"),
			json_object_object_get_ex(agent, "self", &value) &&
					json_object_get_boolean(value) ? " self" : "");
	}
}

int control_print(const struct options *opts, json_object *result,
		  void (*print)(FILE *out, json_object *result))
{
	if (!opts->json) {
		print(stdout, result);
		return 0;
	}
	return json_print(stdout, result, opts->pretty) ? 1 : 0;
}

static const struct keyword ha_verbs[] = {
	{ "show", VERB_SHOW },
	{ "list", VERB_SHOW },
	{ "reload", VERB_SET },
	{ "switch", VERB_SWITCH },
	{ "sync", VERB_SYNC },
	{ "help", VERB_HELP },
};

#define HA_VERB_COUNT (sizeof(ha_verbs) / sizeof(ha_verbs[0]))

int cmd_ha(int argc, char **argv, const struct options *opts)
{
	struct cli_error err;
	json_object *result;
	int verb, ret;

	/* The verbs with arguments. */
	verb = argc > 0 ? keyword_lookup(argv[0], ha_verbs, HA_VERB_COUNT) : -1;
	if (verb == VERB_SWITCH)
		return ha_switch_run(argc - 1, argv + 1, opts);
	if (verb == VERB_SYNC)
		return ha_sync_run(argc - 1, argv + 1, opts);
	verb = lone_verb_parse(argc, argv, ha_verbs, HA_VERB_COUNT, VERB_SHOW,
			       &err);
	if (verb < 0)
		return fail_usage(&err);
	if (verb == VERB_HELP) {
		fputs(ha_usage, stdout);
		return 0;
	}
	if (control_query(opts, verb == VERB_SET ? "reload" : "ha-show",
			  &result))
		return 1;
	ret = verb == VERB_SET ? 0 : control_print(opts, result, ha_print);
	json_object_put(result);
	return ret;
}
