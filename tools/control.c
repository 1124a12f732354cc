// SPDX-License-Identifier: GPL-2.0-only
/*
 * The client side of dhad's control socket (Documentation/control.md):
 * one JSON request, one JSON reply line (several on one connection in
 * dha -batch). Shared by "dha ha" and its
 * subcommands and by "dha cache", with the helpers that read the replies.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dha.h"

#define REPLY_MAX (256u << 20)

int control_connect(const struct options *opts)
{
	const char *path = opts->socket ? opts->socket : DHAD_SOCKET_DEFAULT;
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

/*
 * The batch session's connection, opened on first use and again when
 * dhad closed it between two lines (a restart): nothing is pending on a
 * connection between a reply and the next request, so anything readable
 * there is its end. -1 with errno.
 */
static int session_connect(const struct options *opts)
{
	struct session *session = opts->session;
	struct pollfd pfd = { .fd = session->control, .events = POLLIN };

	if (session->control >= 0 && poll(&pfd, 1, 0) != 0) {
		close(session->control);
		session->control = -1;
	}
	if (session->control < 0)
		session->control = control_connect(opts);
	return session->control;
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
	fd = opts->session ? session_connect(opts) : control_connect(opts);
	if (fd < 0) {
		print_error("cannot reach dhad at %s: %s (is dhad running?)",
			    path, strerror(errno));
		return -1;
	}
	line = send_all(fd, text, strlen(text)) || send_all(fd, "\n", 1) ?
		       NULL : read_line(fd);
	if (!opts->session) {
		close(fd);
	} else if (!line) {
		close(fd);
		opts->session->control = -1;
	}
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

int control_act(const struct options *opts, json_object *request)
{
	json_object *result;
	int ret;

	if (!request) {
		print_error("out of memory");
		return 1;
	}
	ret = control_request(opts, request, &result);
	json_object_put(request);
	if (ret)
		return 1;
	ret = opts->json ? control_print(opts, result, NULL) : 0;
	json_object_put(result);
	return ret;
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

int control_print(const struct options *opts, json_object *result,
		  void (*print)(FILE *out, json_object *result))
{
	if (!opts->json) {
		print(stdout, result);
		return 0;
	}
	return json_print(stdout, result, opts->pretty) ? 1 : 0;
}

/* A member as text, "-" when absent or null. */
const char *json_text(json_object *obj, const char *key)
{
	json_object *value;

	if (!json_object_object_get_ex(obj, key, &value) || !value)
		return "-";
	return json_object_get_string(value);
}

size_t json_length(json_object *array)
{
	return json_object_is_type(array, json_type_array) ?
		       json_object_array_length(array) : 0;
}

const char *json_item_text(json_object *array, size_t i)
{
	json_object *item = json_object_array_get_idx(array, i);

	return item ? json_object_get_string(item) : "-";
}
