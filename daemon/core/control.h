/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The control socket: a Unix stream socket speaking newline-delimited
 * JSON, one request object per line, one reply object per line, in
 * order (Documentation/control.md). The frame lives here; the commands
 * come from the core (commands.c) and from the protocols (protocol.h),
 * each a name, whether it changes something, and a function that
 * answers a call, at once or later.
 *
 * Anyone who can connect (the socket is 0660, root and the configured
 * group) may read; commands that change something need uid 0, checked
 * with SO_PEERCRED.
 */
#ifndef DHAD_CONTROL_H
#define DHAD_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include <netinet/in.h>

struct control;
struct control_call;
struct dhad;

/* Longest request line accepted. */
#define CONTROL_REQUEST_MAX 4096
/* Reply errors are at most this long, with the NUL. */
#define CONTROL_ERROR_MAX 256

struct control_command {
	const char *name;		/* the request's "cmd" */
	bool mutates;			/* needs root */
	/*
	 * Answers call with control_reply() or control_fail(), now or,
	 * after control_defer(), later. state: the protocol's (or the
	 * core's: the struct dhad).
	 */
	void (*run)(void *state, struct control_call *call);
};

/* The request line, without its newline. */
const char *control_call_line(const struct control_call *call, size_t *len);
/* Answers with result (taken over; NULL: "out of memory"). */
void control_reply(struct control_call *call, json_object *result);
void control_fail(struct control_call *call, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * The answer comes later: the connection reads no further request
 * until it does. If the client goes away first, cancel(arg, call) is
 * called instead, after which call must not be used.
 */
void control_defer(struct control_call *call,
		   void (*cancel)(void *arg, struct control_call *call),
		   void *arg);

/*
 * Makes call's connection a subscriber ("monitor"): answered with
 * result, it then gets every control_publish()ed event as a line of its
 * own and reads no further request.
 */
void control_subscribe(struct control_call *call, json_object *result);
/*
 * Sends event (not taken over) to every subscriber. One that lets more
 * than CONTROL_BACKLOG_MAX bytes pile up unread is disconnected.
 */
#define CONTROL_BACKLOG_MAX (1u << 20)
void control_publish(struct control *control, json_object *event);

/*
 * Decodes one request line (without its newline) as far as the frame
 * does: 0 with the command's name in name (size bytes), or -EINVAL with
 * a message for the reply in *error. Pure.
 */
int control_parse_request(const char *line, size_t len, char *name,
			  size_t size, const char **error);

/*
 * The command's JSON object of a request line control_parse_request()
 * accepted, or NULL with why (CONTROL_ERROR_MAX bytes). The caller
 * puts it.
 */
json_object *control_request_object(const char *line, size_t len, char *why);

/* A JSON string holding a global unicast address; else why says what. */
bool control_json_address(json_object *value, const char *member,
			  struct in6_addr *out, char *why, size_t size);
json_object *control_address_json(const struct in6_addr *addr);

/*
 * Binds path (its directory created 0755 if missing) and listens.
 * -EADDRINUSE: another daemon answers there. A stale socket file is
 * replaced.
 */
int control_open(struct dhad *dhad, const char *path, struct control **out);
/* The commands answered: core's and each running protocol's. */
int control_add_commands(struct control *control,
			 const struct control_command *commands, void *state);
/* The socket file's path. */
const char *control_path(const struct control *control);
/* Gives the socket file to the configured group (or root's). */
int control_apply_group(struct control *control);
/* Closes every connection and removes the socket file. */
void control_close(struct control *control);

#endif /* DHAD_CONTROL_H */
