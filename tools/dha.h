/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dha tool's subcommands and the helpers they share.
 *
 * Every subcommand first turns its arguments into a request struct
 * (*_parse_args, pure, unit-tested), and only then resolves devices and
 * talks to the kernel, so a bad command line never half-applies.
 */
#ifndef DHA_TOOL_DHA_H
#define DHA_TOOL_DHA_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <netlink/msg.h>

#include "genl.h"
#include "output.h"
#include "parse.h"
#include "reply.h"

/* Entry points: argv starts after the object name; they return the exit status. */
int cmd_binding(int argc, char **argv, const struct options *opts);
int cmd_global(int argc, char **argv, const struct options *opts);
int cmd_peer(int argc, char **argv, const struct options *opts);
int cmd_link(int argc, char **argv, const struct options *opts);
int cmd_stats(int argc, char **argv, const struct options *opts);
int cmd_monitor(int argc, char **argv, const struct options *opts);
int cmd_ha(int argc, char **argv, const struct options *opts);
int cmd_cache(int argc, char **argv, const struct options *opts);
int cmd_pmip(int argc, char **argv, const struct options *opts);
int cmd_proxy_peer(int argc, char **argv, const struct options *opts);
int cmd_lb(int argc, char **argv, const struct options *opts);

extern const char binding_usage[];
extern const char global_usage[];
extern const char peer_usage[];
extern const char link_usage[];
extern const char stats_usage[];
extern const char monitor_usage[];
extern const char ha_usage[];
extern const char cache_usage[];
extern const char pmip_usage[];
extern const char proxy_peer_usage[];
extern const char lb_usage[];

enum verb {
	VERB_HELP,
	VERB_SHOW,
	VERB_ADD,
	VERB_REPLACE,
	VERB_CHANGE,
	VERB_DEL,
	VERB_FLUSH,
	VERB_SET,
	VERB_SWITCH,
	VERB_SWITCHOVER,
	VERB_SWITCHBACK,
	VERB_SYNC,
	VERB_HOLD,
	VERB_RELEASE,
};

/*
 * binding.c: home and proxy bindings ("binding") and global bindings
 * ("global").
 */
struct binding_request {
	enum verb verb;
	uint32_t kind;			/* DHA_BINDING_KIND_* */
	const char *dev;		/* NULL: not given */
	bool has_home_address;
	struct in6_addr home_address;
	bool has_target;
	struct in6_addr target;		/* care-of address or home agent */
	bool has_lifetime;		/* false: never expires */
	uint32_t lifetime;
	unsigned int prefix_count;
	struct ip6_prefix prefixes[BINDING_PREFIXES_MAX];
	/* Proxy bindings (kind PROXY_*; 0 for a del that names none). */
	bool proxy;
	struct ip6_prefix hnp;
	bool has_local;
	struct in6_addr local;
};

int binding_parse_args(uint32_t kind, int argc, char **argv,
		       struct binding_request *req, struct cli_error *err);
/* Genl command and NLM_F_* flags that carry out a parsed request. */
uint8_t binding_request_cmd(const struct binding_request *req);
int binding_request_flags(const struct binding_request *req);
/* Appends the request's attributes; 0 or -ENOMEM. */
int binding_request_put(struct nl_msg *msg, const struct binding_request *req,
			uint32_t ifindex);

/* pmip.c: dha pmip show, attach, detach (dhad's control socket). */
#define PMIP_MN_ID_MAX 254
struct pmip_request {
	enum verb verb;			/* VERB_SHOW, VERB_ADD (attach), VERB_DEL */
	const char *mn_id;
	const char *dev;
};

int pmip_parse_args(int argc, char **argv, struct pmip_request *req,
		    struct cli_error *err);
/* The control request of an attach or detach; NULL: out of memory. */
json_object *pmip_request_json(const struct pmip_request *req);
void pmip_print(FILE *out, json_object *result);

/* peer.c */
struct peer_request {
	enum verb verb;
	const char *dev;
	bool has_address;
	struct in6_addr address;
};

int peer_parse_args(int argc, char **argv, struct peer_request *req,
		    struct cli_error *err);

/* proxy_peer.c: "dha proxy-peer [ show ] [ dev DEV ]". */
int proxy_peer_parse_args(int argc, char **argv, enum verb *verb,
			  const char **dev, struct cli_error *err);

/* link.c */
struct link_request {
	enum verb verb;
	const char *dev;
	bool has_local;
	struct in6_addr local;		/* all zero clears it */
	const char *home_link;		/* NULL: unchanged; "none" detaches */
	unsigned int home_prefix_count;
	struct ip6_prefix home_prefixes[HOME_PREFIXES_MAX];
};

int link_parse_args(int argc, char **argv, struct link_request *req,
		    struct cli_error *err);

typedef int (*dev_fn)(const struct dev_info *dev, void *arg);
/* Fetches one dha device (ifindex != 0) or all of them; fn may be NULL. */
int dev_query(struct dha_nl *nl, uint32_t ifindex, dev_fn fn, void *arg);
/*
 * Fails with -ENODEV unless ifindex is a dha device: dumps filtered by
 * device simply come back empty for any other device.
 */

/* stats.c */
int stats_parse_args(int argc, char **argv, enum verb *verb,
		     const char **dev, struct cli_error *err);

/* command.c: the top level of every subcommand, where errors are printed. */
void print_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
/*
 * While file is set, print_error() names "FILE:LINE: " after "dha: ":
 * the batch line being run. NULL clears it.
 */
void error_location_set(const char *file, unsigned long line);
/* Prints the error and returns the exit status 1. */
int fail_usage(const struct cli_error *err);
/* Resolves dev to an ifindex (0 when dev is NULL); prints on failure. */
int resolve_dev(const char *dev, uint32_t *ifindex);
/* Opens the family; prints "module not loaded" and the like on failure. */
int open_family(struct dha_nl *nl);
/*
 * The family for one command: the batch session's socket (opened by its
 * first command that needs it) or else own, opened here. NULL, the error
 * printed, when it cannot be opened. Give it back with family_put().
 */
struct dha_nl *family_get(const struct options *opts, struct dha_nl *own);
void family_put(const struct options *opts, struct dha_nl *nl);
/*
 * Prints a failed request's extack message, or else its errno in words;
 * dev and object ("binding", "peer", NULL) make the words clearer.
 */
int fail_request(int err, const struct dha_nl *nl, const char *dev,
		 const char *object);

/* A one-entry cache: dumps list the bindings of a device together. */
struct ifname_cache {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
};

void ifname_lookup(struct ifname_cache *cache, uint32_t ifindex,
		   char name[IF_NAMESIZE]);

/*
 * monitor.c: one event dhad published on its control socket ("ha-role",
 * "ha-peer"), as the line dha monitor prints; others print nothing.
 */
void monitor_dhad_event_print(FILE *out, json_object *event);

/* control.c: dhad's control socket (Documentation/control.md). */
#define DHAD_SOCKET_DEFAULT "/run/dha/dhad.sock"
/*
 * Sends the request object and returns 0 with the reply's result (to
 * put), or prints one error line (dhad not running, refused request) and
 * returns -1.
 */
int control_request(const struct options *opts, json_object *request,
		    json_object **result);
/*
 * A connection to dhad's control socket (opts->socket or the default),
 * or -1 with errno; nothing printed.
 */
int control_connect(const struct options *opts);
/* control_request() of {"cmd": cmd}. */
int control_query(const struct options *opts, const char *cmd,
		  json_object **result);
/*
 * Sends a request that changes something (NULL: out of memory) and puts
 * it: silent on success, like ip(8), the result with -j. Exit status.
 */
int control_act(const struct options *opts, json_object *request);
/* Writes result as JSON (-j) or with print; returns the exit status. */
int control_print(const struct options *opts, json_object *result,
		  void (*print)(FILE *out, json_object *result));
/* A member as text, "-" when absent or null. */
const char *json_text(json_object *obj, const char *key);
/* The length of array, 0 when it is not an array. */
size_t json_length(json_object *array);
/* Element i of array (i < json_length()) as text, "-" when null. */
const char *json_item_text(json_object *array, size_t i);

/*
 * batch.c: "dha -batch FILE". A session holds what the lines share: the
 * dha family's socket and the connection to dhad, each opened on first
 * use (nl.sock.fd and control are -1 until then).
 */
struct session {
	struct dha_nl nl;
	int control;
};

/* Closes what the session opened. */
void session_close(struct session *session);

#define BATCH_WORDS_MAX 64

/*
 * Splits one line into at most max words, in place: blanks separate
 * words, a word starting with # comments out the rest of the line,
 * "double" and 'single' quotes group blanks into a word, and a backslash
 * takes the next character as it is (not within single quotes). 0, or -1
 * with err filled in (a quote left open, a backslash ending the line, too
 * many words).
 */
int batch_split(char *line, char **argv, int max, int *argc,
		struct cli_error *err);

/* Runs one command: argv[0] is the object, as main() runs it. */
typedef int (*batch_command_fn)(int argc, char **argv,
				const struct options *opts);

/*
 * Runs the commands of the file at path ("-": standard input), one a
 * line; blank and comment lines are skipped. Errors are printed as
 * "FILE:LINE: message". Stops at the first failing line unless force.
 * Returns the exit status: 1 when a line failed.
 */
int batch_run(const char *path, bool force, const struct options *opts,
	      batch_command_fn run);

/* ha.c */
void ha_print(FILE *out, json_object *result);
/* With the counters (dha -s ha show). */
void ha_print_stats(FILE *out, json_object *result);
/*
 * The verb of "dha ha ...": VERB_SHOW (also without arguments), VERB_SET
 * (reload), VERB_SWITCH (its arguments are left to
 * ha_switch_parse_args()), VERB_SWITCHOVER, VERB_SWITCHBACK, VERB_HOLD,
 * VERB_RELEASE or VERB_HELP;
 * -1 with err filled in.
 */
int ha_verb_parse(int argc, char **argv, struct cli_error *err);
/* cache.c */
void cache_print(FILE *out, json_object *result);

/* switch.c: "dha ha switch HOA to ADDR..." */
#define HA_SWITCH_HOME_AGENTS_MAX 16	/* dhad's limit as well */

struct ha_switch_request {
	struct in6_addr home_address;
	unsigned int home_agent_count;
	struct in6_addr home_agents[HA_SWITCH_HOME_AGENTS_MAX];
};

/* argv starts after "switch". */
int ha_switch_parse_args(int argc, char **argv, struct ha_switch_request *req,
			 struct cli_error *err);
/* The control socket request; NULL when out of memory. */
json_object *ha_switch_request_json(const struct ha_switch_request *req);
/* Parses, asks dhad and prints; returns the exit status. */
int ha_switch_run(int argc, char **argv, const struct options *opts);

/*
 * switchover.c: "dha ha switchover" and "dha ha switchback". verb is
 * VERB_SWITCHOVER or VERB_SWITCHBACK; returns the exit status.
 */
int ha_handover_run(int verb, const struct options *opts);
/* The one line printed on success, from dhad's result. */
void ha_handover_print(FILE *out, json_object *result);
/*
 * hold.c: "dha ha hold" and "dha ha release". verb is VERB_HOLD or
 * VERB_RELEASE; returns the exit status.
 */
int ha_hold_run(int verb, const struct options *opts);
/* The one line printed on success, from dhad's result. */
void ha_hold_print(FILE *out, json_object *result);
/* sync.c: "dha ha sync request [ ADDR | PREFIX/LEN ]..." */
#define HA_SYNC_ADDRESSES_MAX 16	/* dhad's limits as well */
#define HA_SYNC_PREFIXES_MAX 16

struct ha_sync_request {
	unsigned int home_address_count;
	struct in6_addr home_addresses[HA_SYNC_ADDRESSES_MAX];
	unsigned int prefix_count;
	struct ip6_prefix prefixes[HA_SYNC_PREFIXES_MAX];
};

/* argv starts after "sync". */
int ha_sync_parse_args(int argc, char **argv, struct ha_sync_request *req,
		       struct cli_error *err);
/* The control socket request; NULL when out of memory. */
json_object *ha_sync_request_json(const struct ha_sync_request *req);
/* Parses, asks dhad and prints; returns the exit status. */
int ha_sync_run(int argc, char **argv, const struct options *opts);

#endif /* DHA_TOOL_DHA_H */
