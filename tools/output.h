/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Plain (iproute2-like) and JSON rendering of decoded replies. The
 * functions only format what they are given; they never talk to the
 * kernel, so the unit tests can check the exact text.
 */
#ifndef DHA_TOOL_OUTPUT_H
#define DHA_TOOL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <json-c/json.h>

#include "reply.h"

/* Global options, set before the object on the command line. */
struct options {
	bool json;
	bool pretty;		/* implies json */
	bool stats;
	const char *socket;	/* dhad's control socket; NULL: the default */
	struct session *session;	/* dha -batch's shared sockets, or NULL */
};

const char *binding_kind_name(uint32_t kind);
const char *del_reason_name(uint32_t reason);

void binding_print(FILE *out, const struct binding_info *binding,
		   bool with_stats);
json_object *binding_json(const struct binding_info *binding, bool with_stats);

/* A binding notification: new (created or changed) or del. */
void event_print(FILE *out, uint8_t cmd, const struct binding_info *binding,
		 bool with_stats);
json_object *event_json(uint8_t cmd, const struct binding_info *binding,
			bool with_stats);

void dev_print(FILE *out, const struct dev_info *dev);
json_object *dev_json(const struct dev_info *dev);

void dev_stats_print(FILE *out, const struct dev_info *dev);
json_object *dev_stats_json(const struct dev_info *dev);

void peer_print(FILE *out, const struct peer_info *peer, bool with_stats);
json_object *peer_json(const struct peer_info *peer, bool with_stats);
void proxy_peer_print(FILE *out, const struct proxy_peer_info *peer,
		      bool with_stats);
json_object *proxy_peer_json(const struct proxy_peer_info *peer,
			     bool with_stats);

/* Writes obj and a newline; -ENOMEM if json-c could not render it. */
int json_print(FILE *out, json_object *obj, bool pretty);

/*
 * Collects the objects of a show command: plain output goes out at once,
 * JSON objects gather in an array written by printer_finish().
 */
struct printer {
	FILE *out;
	const struct options *opts;
	json_object *array;
};

int printer_init(struct printer *printer, FILE *out,
		 const struct options *opts);
/* Takes ownership of obj (JSON mode only). */
int printer_add_json(struct printer *printer, json_object *obj);
/* Writes the collected JSON array; then the printer is empty again. */
int printer_finish(struct printer *printer);
/* Drops what was collected, for a command that failed half way. */
void printer_discard(struct printer *printer);

#endif /* DHA_TOOL_OUTPUT_H */
