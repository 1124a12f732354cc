/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a protocol of dhad is to the core: an ops table, in the manner of
 * BIRD's struct protocol. The core knows no protocol by name; main.c
 * hands it the list, and it calls each protocol through these hooks, in
 * the order of the list when starting, the reverse when stopping.
 * Protocols meet only through the core: its hooks (a binding changed,
 * whether the home agent serves, and when that changes), its services (home.h: the home
 * agent's identity and the bindings put into force; haswitch.h), its
 * Mobility Header and ICMPv6 dispatch (mh.h, icmp.h) and its control
 * socket (control.h). Documentation/design.md, "The daemon", draws the
 * map.
 *
 * Every hook may be NULL. A hook's state is what start() returned.
 */
#ifndef DHAD_PROTOCOL_H
#define DHAD_PROTOCOL_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>
#include <json-c/json.h>

struct cache_entry;
struct conf_check;
struct conf_section;
struct control_command;
struct dhad;
struct dhad_config;

/* Protocols in one dhad. */
#define PROTOCOLS_MAX 8

struct protocol {
	const char *name;

	/*
	 * Configuration (conf.h): the sections it owns, and the size of
	 * the settings they fill, which the core allocates for each file
	 * read. config_init() sets the defaults (and may publish the home
	 * agent's identity, home.h); config_check() reports what only the
	 * whole file can tell; config_fixed() names the first setting that
	 * cannot change while dhad runs and differs, or NULL.
	 */
	const struct conf_section *sections;	/* ends with a NULL name */
	size_t config_size;
	void (*config_init)(void *config, struct dhad_config *core);
	void (*config_check)(void *config, struct conf_check *check);
	const char *(*config_fixed)(const void *old, const void *now);

	/*
	 * Life. start() returns 0 with *state set (NULL: not configured,
	 * the protocol does not run), or a negative errno, having logged
	 * why. stop() undoes it. reconfigure() follows a reload, whose
	 * settings are already in place (they are copied over the old
	 * ones, so pointers to them stay valid).
	 */
	int (*start)(struct dhad *dhad, void *config, void **state);
	void (*stop)(void *state);
	void (*reconfigure)(void *state);

	/* dha ha show: adds its part to the result object. */
	void (*show)(void *state, json_object *result);
	/* The home agent's role as this protocol sees it, or NULL. */
	const char *(*role)(void *state);
	/* Control socket commands (control.h), ends with a NULL name. */
	const struct control_command *commands;

	/* Whether the home agent serves mobile nodes now (NULL: yes). */
	bool (*serving)(void *state);
	/*
	 * What serving() says has changed (a role change): what tells the
	 * home link so (Router Advertisements) tells it now.
	 */
	void (*serving_changed)(void *state);
	/*
	 * A binding this home agent serves was created, changed or is
	 * going away (the cache still holds it when this is called).
	 */
	void (*binding_changed)(void *state, const struct in6_addr *hoa);
	/*
	 * A binding left the cache other than by signalling (its lifetime
	 * ran out, it was deleted from the kernel): undo what was made
	 * for it.
	 */
	void (*binding_gone)(void *state, const struct cache_entry *entry);
};

/* One protocol of a running dhad. */
struct protocol_instance {
	const struct protocol *protocol;
	void *state;			/* NULL: not running */
};

/*
 * Starts every protocol, in order; on failure stops those started. 0
 * or the failing start()'s negative errno.
 */
int protocols_start(struct dhad *dhad);
void protocols_stop(struct dhad *dhad);
void protocols_reconfigure(struct dhad *dhad);

/* The hooks, called for every running protocol that has them. */
bool dhad_serving(const struct dhad *dhad);
/* For the protocol whose serving() answer changed. */
void dhad_serving_changed(struct dhad *dhad);
void dhad_binding_changed(struct dhad *dhad, const struct in6_addr *hoa);
void dhad_binding_gone(struct dhad *dhad, const struct cache_entry *entry);
/* The first role a protocol states; NULL if none does. */
const char *dhad_role(const struct dhad *dhad);
void dhad_show(struct dhad *dhad, json_object *result);

#endif /* DHAD_PROTOCOL_H */
