/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dhad's configuration file (INI, parsed by libinih): the frame. The core
 * reads the file, hands each section's keys to the protocol that owns the
 * section (protocol.h) and keeps [daemon] itself; each protocol parses its
 * own keys in its own folder. Documentation/dhad.md and dhad.conf(5) list
 * the keys.
 *
 * Every mistake is reported as "FILE:LINE: message", all of them in line
 * order, and a file with any mistake is refused as a whole.
 */
#ifndef DHAD_CONF_H
#define DHAD_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <netinet/in.h>

#include "core/protocol.h"

/* A mistake's text, including its terminating NUL. */
#define CONF_MESSAGE_MAX 256

struct dhad_home;

/* Home links one dhad serves (home.h). */
#define DHAD_HOMES_MAX 8

struct conf_key {
	const char *name;
	bool repeatable;
	bool required;			/* when its section is there */
	/* false: a mistake, described in why (CONF_MESSAGE_MAX bytes). */
	bool (*parse)(void *config, const char *value, char *why);
};

struct conf_section {
	const char *name;
	bool required;			/* the file must have it */
	const struct conf_key *keys;	/* ends with a NULL name */
	/*
	 * NULL, or the section may also be given as "[name INSTANCE]", one
	 * more of the thing it configures each (a home link, ...): returns
	 * the settings INSTANCE's keys fill, called once for each new
	 * INSTANCE, or NULL with why (CONF_MESSAGE_MAX bytes) said. The
	 * same header twice continues one instance, as "[name]" does.
	 */
	void *(*instance)(void *settings, struct dhad_config *core,
			  const char *instance, char *why);
	/*
	 * It alone makes a whole configuration (a protocol's main
	 * section: [home-agent], [pmip]); a file needs one of them.
	 */
	bool whole;
};

/* Named instances of one section in a file. */
#define CONF_INSTANCES_MAX 16

/* The settings of one file: [daemon], and each protocol's. */
struct dhad_config {
	/* [daemon] */
	int log_level;			/* LOG_ERR .. LOG_DEBUG */
	bool has_control_group;
	gid_t control_group;
	/*
	 * The home agent's identity, published by the protocol that owns
	 * the home link's settings (home.h); NULL: none. With several home
	 * links, home is the first of homes[], the one the other protocols
	 * (HA reliability, Home Agent Switch) know.
	 */
	const struct dhad_home *home;
	size_t home_count;
	const struct dhad_home *homes[DHAD_HOMES_MAX];
	/* Each protocol's settings, in the order of protocols. */
	const struct protocol *const *protocols;
	size_t protocol_count;
	void *settings[PROTOCOLS_MAX];
};

/*
 * Parses an open configuration for these protocols (at most
 * PROTOCOLS_MAX); name is the file name used in messages. Messages go
 * to errors, one a line. Returns the number of mistakes (0: *config is
 * complete and valid), or -ENOMEM. Whatever it returns, config_free()
 * releases *config.
 */
int config_parse_file(const struct protocol *const *protocols, size_t count,
		      FILE *in, const char *name, struct dhad_config *config,
		      FILE *errors);

/* Opens and parses path; an unreadable file counts as one mistake. */
int config_load(const struct protocol *const *protocols, size_t count,
		const char *path, struct dhad_config *config, FILE *errors);

void config_free(struct dhad_config *config);

/* The settings of protocol, NULL if it is not among config's. */
void *config_settings(const struct dhad_config *config,
		      const struct protocol *protocol);

/*
 * The first setting that cannot change while the daemon runs (the
 * key's name) and differs between old and now, or NULL if now can be
 * applied live.
 */
const char *config_fixed_change(const struct dhad_config *old,
				const struct dhad_config *now);

/*
 * A reload: now's settings are copied over old's, which keep their
 * addresses, and now is freed.
 */
void config_replace(struct dhad_config *old, struct dhad_config *now);

/* ---- for the protocols' config_check() ---- */

struct conf_check;

/* Where key of section was first given; 0: not given. */
int conf_key_line(const struct conf_check *check, const char *section,
		  const char *key);
/* The line of section's first header; 0: absent. */
int conf_section_line(const struct conf_check *check, const char *section);
/* The same for "[section instance]" (instance NULL: "[section]"). */
int conf_instance_key_line(const struct conf_check *check,
			   const char *section, const char *instance,
			   const char *key);
int conf_instance_line(const struct conf_check *check, const char *section,
		       const char *instance);
/* The last line read (where a missing section would go). */
int conf_last_line(const struct conf_check *check);
/* The whole file's settings (the home agent's identity, ...). */
const struct dhad_config *conf_config(const struct conf_check *check);
void conf_report(struct conf_check *check, int line, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- value parsers the sections share ---- */

/* Plain decimal integers in a range, no sign unless negative. */
bool conf_long(const char *value, long min, long max, long *out);
/* yes/true/on/1 or no/false/off/0. */
bool conf_yes_no(const char *value, bool *out);
/* An interface name, into dst (IF_NAMESIZE); else why says so. */
bool conf_ifname(char *dst, const char *value, char *why);
/* NAME: milliseconds in min..max, into *out; else why says so. */
/*
 * A global unicast address for key name, or false with why said; hint
 * says what the key wants.
 */
bool conf_global_address(const char *name, const char *value,
			 const char *hint, struct in6_addr *out, char *why);
/* The same, added to list (count of at most max), refused if repeated. */
bool conf_global_address_add(const char *name, const char *value,
			     const char *hint, struct in6_addr *list,
			     unsigned int *count, unsigned int max, char *why);
bool conf_ms(const char *name, const char *value, long min, long max,
	     uint32_t *out, char *why);
/* Seconds with at most three decimals ("0.5", "600") into milliseconds. */
bool conf_seconds_ms(const char *value, uint32_t min_ms, uint32_t max_ms,
		     uint32_t *out);

#endif /* DHAD_CONF_H */
