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
	"dha ha reload\n";

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

int control_query(const struct options *opts, const char *cmd,
		  json_object **result)
{
	const char *path = opts->socket ? opts->socket : DHAD_SOCKET_DEFAULT;
	json_object *reply = NULL, *ok, *error;
	char request[128], *line;
	int fd;

	fd = connect_daemon(path);
	if (fd < 0) {
		print_error("cannot reach dhad at %s: %s (is dhad running?)",
			    path, strerror(errno));
		return -1;
	}
	snprintf(request, sizeof(request), "{\"cmd\":\"%s\"}\n", cmd);
	line = send_all(fd, request, strlen(request)) ? NULL : read_line(fd);
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

/* A member as text, "-" when absent or null. */
const char *json_text(json_object *obj, const char *key)
{
	json_object *value;

	if (!json_object_object_get_ex(obj, key, &value) || !value)
		return "-";
	return json_object_get_string(value);
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
	if (json_object_object_get_ex(result, "rate-limits", &value))
		fprintf(out, "    answers per peer: acks %s/s burst %s, errors %s/s burst %s\n",
			json_text(value, "ack-rate"),
			json_text(value, "ack-burst"),
			json_text(value, "error-rate"),
			json_text(value, "error-burst"));
	if (json_object_object_get_ex(result, "counters", &value))
		fprintf(out, "    binding-acks %s (rate-limited %s) binding-errors %s (rate-limited %s) unprotected-discarded %s ipsec-policies %s\n",
			json_text(value, "binding-acks"),
			json_text(value, "binding-acks-rate-limited"),
			json_text(value, "binding-errors"),
			json_text(value, "binding-errors-rate-limited"),
			json_text(value, "unprotected-discarded"),
			json_text(value, "ipsec-policies"));
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
	{ "help", VERB_HELP },
};

int cmd_ha(int argc, char **argv, const struct options *opts)
{
	struct cli_error err;
	json_object *result;
	int verb, ret;

	verb = lone_verb_parse(argc, argv, ha_verbs,
			       sizeof(ha_verbs) / sizeof(ha_verbs[0]), VERB_SHOW,
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
