// SPDX-License-Identifier: GPL-2.0-only
/*
 * The control socket. See control.h and Documentation/control.md.
 *
 * Stream rather than SOCK_SEQPACKET: a cache of a million bindings does
 * not fit one datagram. While a reply is being written the connection
 * is not read, so a client that does not read its replies holds at most
 * one reply's memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/control.h"
#include "core/dhad.h"
#include "sys/addr.h"

#define CLIENTS_MAX 64
/* Commands of the core and of every protocol together. */
#define COMMANDS_MAX 64
#define COMMAND_NAME_MAX 64

struct client;

struct control_call {
	struct client *client;
	const char *line;
	size_t len;
	bool answered;
	json_object *result;
	bool failed;
	char error[CONTROL_ERROR_MAX];
	void (*cancel)(void *arg, struct control_call *call);
	void *cancel_arg;
};

struct client {
	struct control *control;
	int fd;
	struct loop_io *io;
	uid_t uid;
	char in[CONTROL_REQUEST_MAX + 1];
	size_t in_len;
	char *out;
	size_t out_len;
	size_t out_sent;
	bool closing;		/* peer is done: close once out is sent */
	/*
	 * A call waits for its answer (control_defer()): the connection is
	 * neither read nor answered further meanwhile.
	 */
	bool waiting;
	bool subscribed;	/* "monitor": events only, from now on */
	struct control_call call;
	struct client *next;
};

struct command {
	const struct control_command *command;
	void *state;
};

struct control {
	struct dhad *dhad;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int fd;
	struct loop_io *io;
	struct client *clients;
	size_t client_count;
	size_t command_count;
	struct command commands[COMMANDS_MAX];
};

/* ---- requests ---- */

int control_parse_request(const char *line, size_t len, char *name,
			  size_t size, const char **error)
{
	struct json_tokener *tok;
	json_object *request, *cmd;
	const char *text;
	size_t i;
	int ret = -EINVAL;

	if (len > CONTROL_REQUEST_MAX) {
		*error = "request too long";
		return -EINVAL;
	}
	if (memchr(line, '\0', len)) {
		*error = "request is not JSON";
		return -EINVAL;
	}
	tok = json_tokener_new();
	if (!tok) {
		*error = "out of memory";
		return -ENOMEM;
	}
	request = json_tokener_parse_ex(tok, line, (int)len);
	/* One complete object and nothing after it but blanks. */
	if (!request || json_tokener_get_error(tok) != json_tokener_success) {
		*error = "request is not JSON";
		goto out;
	}
	for (i = json_tokener_get_parse_end(tok); i < len; i++) {
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
			*error = "request is not JSON";
			goto out;
		}
	}
	if (!json_object_is_type(request, json_type_object) ||
	    !json_object_object_get_ex(request, "cmd", &cmd) ||
	    !json_object_is_type(cmd, json_type_string)) {
		*error = "request needs a \"cmd\" string";
		goto out;
	}
	text = json_object_get_string(cmd);
	if (strlen(text) >= size) {
		*error = "unknown command";
		goto out;
	}
	strcpy(name, text);
	*error = NULL;
	ret = 0;
out:
	json_object_put(request);
	json_tokener_free(tok);
	return ret;
}

json_object *control_request_object(const char *line, size_t len, char *why)
{
	struct json_tokener *tok = json_tokener_new();
	json_object *object = NULL;

	if (!tok) {
		snprintf(why, CONTROL_ERROR_MAX, "out of memory");
		return NULL;
	}
	if (len <= CONTROL_REQUEST_MAX && !memchr(line, '\0', len))
		object = json_tokener_parse_ex(tok, line, (int)len);
	json_tokener_free(tok);
	if (!object || !json_object_is_type(object, json_type_object)) {
		json_object_put(object);
		snprintf(why, CONTROL_ERROR_MAX, "request is not JSON");
		return NULL;
	}
	return object;
}

bool control_json_address(json_object *value, const char *member,
			  struct in6_addr *out, char *why, size_t size)
{
	const char *reason = "not a string";

	if (json_object_is_type(value, json_type_string) &&
	    addr_parse_global(json_object_get_string(value), out, &reason))
		return true;
	snprintf(why, size, "\"%s\": %s", member, reason);
	return false;
}

json_object *control_address_json(const struct in6_addr *addr)
{
	char buf[INET6_ADDRSTRLEN];

	return json_object_new_string(addr_format(addr, buf));
}

static const struct command *find_command(const struct control *control,
					  const char *name)
{
	size_t i;

	for (i = 0; i < control->command_count; i++)
		if (strcmp(control->commands[i].command->name, name) == 0)
			return &control->commands[i];
	return NULL;
}

int control_add_commands(struct control *control,
			 const struct control_command *commands, void *state)
{
	for (; commands && commands->name; commands++) {
		if (control->command_count == COMMANDS_MAX ||
		    find_command(control, commands->name))
			return -EEXIST;
		control->commands[control->command_count].command = commands;
		control->commands[control->command_count].state = state;
		control->command_count++;
	}
	return 0;
}

/* ---- calls ---- */

static bool queue_reply(struct client *client, json_object *reply);
static void client_close(struct client *client);

const char *control_call_line(const struct control_call *call, size_t *len)
{
	*len = call->len;
	return call->line;
}

/* The reply object of an answered call, which is reset. */
static json_object *call_reply(struct control_call *call)
{
	json_object *reply = json_object_new_object();
	bool ok = !call->failed && call->result;

	if (!reply) {
		json_object_put(call->result);
		call->result = NULL;
		return NULL;
	}
	json_object_object_add(reply, "ok", json_object_new_boolean(ok));
	if (ok)
		json_object_object_add(reply, "result", call->result);
	else
		json_object_object_add(reply, "error", json_object_new_string(
			call->failed ? call->error : "out of memory"));
	if (!ok)
		json_object_put(call->result);
	call->result = NULL;
	return reply;
}

/* A deferred call's answer: sent now, and the connection read again. */
static void deliver(struct control_call *call)
{
	struct client *client = call->client;
	json_object *reply;
	bool ok;

	client->waiting = false;
	reply = call_reply(call);
	ok = queue_reply(client, reply);
	json_object_put(reply);
	if (!ok) {
		client_close(client);
		return;
	}
	/* client_io() sends it, then reads on. */
	loop_io_set_events(client->io, LOOP_WRITE);
}

void control_reply(struct control_call *call, json_object *result)
{
	call->answered = true;
	call->result = result;
	if (call->client->waiting)
		deliver(call);
}

void control_fail(struct control_call *call, const char *format, ...)
{
	va_list ap;

	call->answered = true;
	call->failed = true;
	va_start(ap, format);
	vsnprintf(call->error, sizeof(call->error), format, ap);
	va_end(ap);
	if (call->client->waiting)
		deliver(call);
}

void control_defer(struct control_call *call,
		   void (*cancel)(void *arg, struct control_call *call),
		   void *arg)
{
	call->cancel = cancel;
	call->cancel_arg = arg;
}

void control_subscribe(struct control_call *call, json_object *result)
{
	call->client->subscribed = true;
	control_reply(call, result);
}

void control_publish(struct control *control, json_object *event)
{
	struct client *client, *next;

	for (client = control->clients; client; client = next) {
		next = client->next;
		if (!client->subscribed || client->closing)
			continue;
		if (client->out_len > CONTROL_BACKLOG_MAX ||
		    !queue_reply(client, event)) {
			client_close(client);
			continue;
		}
		loop_io_set_events(client->io, LOOP_WRITE);
	}
}

/* ---- connections ---- */

/* The reply to one request line; NULL when it waits (or out of memory). */
static json_object *answer(struct client *client, const char *line,
			   size_t len)
{
	struct control_call *call = &client->call;
	const struct command *command;
	char name[COMMAND_NAME_MAX];
	const char *error = NULL;

	memset(call, 0, sizeof(*call));
	call->client = client;
	call->line = line;
	call->len = len;
	if (control_parse_request(line, len, name, sizeof(name), &error) == 0) {
		command = find_command(client->control, name);
		if (!command)
			error = "unknown command";
		else if (command->command->mutates && client->uid != 0)
			error = "permission denied (needs root)";
		else
			command->command->run(command->state, call);
	}
	if (error) {
		call->answered = true;
		call->failed = true;
		snprintf(call->error, sizeof(call->error), "%s", error);
	}
	if (!call->answered) {
		/* control_defer() was called: the answer comes later. */
		client->waiting = true;
		return NULL;
	}
	return call_reply(call);
}

static void client_close(struct client *client)
{
	struct control *control = client->control;
	struct client **link;

	for (link = &control->clients; *link; link = &(*link)->next) {
		if (*link == client) {
			*link = client->next;
			break;
		}
	}
	control->client_count--;
	/* An answer still to come has nobody to go to. */
	if (client->waiting && client->call.cancel)
		client->call.cancel(client->call.cancel_arg, &client->call);
	loop_io_del(client->io);
	close(client->fd);
	free(client->out);
	free(client);
}

/* Queues reply as one line; false when out of memory. */
static bool queue_reply(struct client *client, json_object *reply)
{
	const char *text;
	size_t len;
	char *out;

	text = reply ? json_object_to_json_string_ext(reply,
						     JSON_C_TO_STRING_PLAIN) :
		       NULL;
	if (!text)
		return false;
	len = strlen(text);
	out = realloc(client->out, client->out_len + len + 1);
	if (!out)
		return false;
	memcpy(out + client->out_len, text, len);
	out[client->out_len + len] = '\n';
	client->out = out;
	client->out_len += len + 1;
	return true;
}

/*
 * Answers the complete lines in the input buffer, up to one whose reply
 * waits.
 */
static bool process_input(struct client *client)
{
	char *newline;
	size_t line_len;
	json_object *reply;
	bool ok;

	/* A subscriber has said all it had to. */
	if (client->subscribed) {
		client->in_len = 0;
		return true;
	}
	while (!client->waiting && !client->subscribed &&
	       (newline = memchr(client->in, '\n', client->in_len))) {
		line_len = (size_t)(newline - client->in);
		reply = answer(client, client->in, line_len);
		ok = client->waiting || queue_reply(client, reply);
		json_object_put(reply);
		if (!ok)
			return false;
		client->in_len -= line_len + 1;
		memmove(client->in, newline + 1, client->in_len);
	}
	if (!client->waiting && client->in_len > CONTROL_REQUEST_MAX) {
		static const char too_long[] =
			"{\"ok\":false,\"error\":\"request too long\"}";

		reply = json_tokener_parse(too_long);
		ok = queue_reply(client, reply);
		json_object_put(reply);
		client->closing = true;
		client->in_len = 0;
		return ok;
	}
	return true;
}

static void client_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct client *client = arg;
	ssize_t len;

	(void)io;
	if (events & LOOP_READ) {
		len = recv(fd, client->in + client->in_len,
			   sizeof(client->in) - client->in_len, 0);
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (len <= 0)
			client->closing = true;
		else
			client->in_len += (size_t)len;
	}
	/* Also lines left while a reply waited. */
	if (!process_input(client)) {
		client_close(client);
		return;
	}
	if (client->out_sent < client->out_len) {
		len = send(fd, client->out + client->out_sent,
			   client->out_len - client->out_sent,
			   MSG_NOSIGNAL | MSG_DONTWAIT);
		if (len < 0 && errno != EAGAIN && errno != EINTR) {
			client_close(client);
			return;
		}
		if (len > 0)
			client->out_sent += (size_t)len;
		if (client->out_sent == client->out_len) {
			free(client->out);
			client->out = NULL;
			client->out_len = client->out_sent = 0;
		}
	}
	if (client->closing && !client->out_len && !client->waiting) {
		client_close(client);
		return;
	}
	/* Read again only when the replies so far are out. */
	loop_io_set_events(client->io, client->out_len ? LOOP_WRITE :
				       client->waiting ? 0 : LOOP_READ);
}

static void accept_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct control *control = arg;
	struct client *client;
	struct ucred cred;
	socklen_t cred_len = sizeof(cred);
	int conn;

	(void)io;
	(void)events;
	conn = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (conn < 0)
		return;
	if (control->client_count >= CLIENTS_MAX ||
	    getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) < 0) {
		close(conn);
		return;
	}
	client = calloc(1, sizeof(*client));
	if (!client) {
		close(conn);
		return;
	}
	client->control = control;
	client->fd = conn;
	client->uid = cred.uid;
	client->io = loop_io_add(control->dhad->loop, conn, LOOP_READ,
				 client_io, client);
	if (!client->io) {
		close(conn);
		free(client);
		return;
	}
	client->next = control->clients;
	control->clients = client;
	control->client_count++;
}

/* ---- the socket ---- */

/* mkdir -p for the socket's directory; new directories get 0755. */
static int make_parent(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (slash = dir + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -errno;
		*slash = '/';
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* Whether a daemon answers on path already. */
static bool socket_alive(const struct sockaddr_un *addr)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool alive;

	if (fd < 0)
		return false;
	alive = connect(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0;
	close(fd);
	return alive;
}

const char *control_path(const struct control *control)
{
	return control->path;
}

int control_apply_group(struct control *control)
{
	const struct dhad_config *config = &control->dhad->config;
	gid_t group = config->has_control_group ? config->control_group : 0;

	/* Unprivileged (a test run), the file stays the caller's own. */
	if (geteuid() != 0 && !config->has_control_group)
		return 0;
	if (chown(control->path, 0, group) < 0)
		return -errno;
	return 0;
}

int control_open(struct dhad *dhad, const char *path, struct control **out)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct control *control;
	mode_t mask;
	int ret;

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	ret = make_parent(path);
	if (ret)
		return ret;
	if (socket_alive(&addr))
		return -EADDRINUSE;
	control = calloc(1, sizeof(*control));
	if (!control)
		return -ENOMEM;
	control->dhad = dhad;
	strcpy(control->path, path);
	control->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			     0);
	if (control->fd < 0) {
		ret = -errno;
		goto err_free;
	}
	/* A socket file nobody answers on is left from a crash. */
	unlink(path);
	/* Never world-accessible, not even between bind() and chmod(). */
	mask = umask(0117);
	ret = bind(control->fd, (struct sockaddr *)&addr, sizeof(addr));
	umask(mask);
	if (ret < 0) {
		ret = -errno;
		goto err_close;
	}
	if (chmod(path, 0660) < 0 || listen(control->fd, 16) < 0) {
		ret = -errno;
		goto err_unlink;
	}
	ret = control_apply_group(control);
	if (ret)
		goto err_unlink;
	control->io = loop_io_add(dhad->loop, control->fd, LOOP_READ,
				  accept_io, control);
	if (!control->io) {
		ret = -ENOMEM;
		goto err_unlink;
	}
	*out = control;
	return 0;

err_unlink:
	unlink(path);
err_close:
	close(control->fd);
err_free:
	free(control);
	return ret;
}

void control_close(struct control *control)
{
	if (!control)
		return;
	while (control->clients)
		client_close(control->clients);
	loop_io_del(control->io);
	close(control->fd);
	unlink(control->path);
	free(control);
}
