/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * [redundancy] notify: an operator's command run on every role change,
 * with the new role, the old role and the reason as arguments
 * (Documentation/reliability.md, "Notify hook"). Hooks run one at a
 * time, in the order of the changes, without blocking the event loop:
 * the child is spawned and reaped when its pidfd says it ended. At most
 * NOTIFY_QUEUE_MAX changes wait behind a running hook; beyond that the
 * oldest waiting one is dropped (and logged), so the last change always
 * runs. A hook running longer than NOTIFY_TIMEOUT_MS is killed with its
 * process group.
 */
#ifndef DHAD_RELIABILITY_NOTIFY_H
#define DHAD_RELIABILITY_NOTIFY_H

#include <stddef.h>

#include "reliability/config.h"

struct dhad;
struct notify;

#define NOTIFY_QUEUE_MAX 8
#define NOTIFY_TIMEOUT_MS 60000u
/* At stop, what is running or waiting gets this long in all. */
#define NOTIFY_STOP_WAIT_MS 5000u
#define NOTIFY_REASON_MAX 96

/* NULL when out of memory. The command is read from config at each run. */
struct notify *notify_open(struct dhad *dhad,
			   const struct config_redundancy *config);
/* Runs (or queues) the hook; nothing when no notify is configured. */
void notify_role_changed(struct notify *n, const char *new_role,
			 const char *old_role, const char *reason);
/* Lets the hooks running and waiting finish, within NOTIFY_STOP_WAIT_MS. */
void notify_close(struct notify *n);

/*
 * The argument vector of a hook, pure: /bin/sh -c 'COMMAND "$@"' with
 * the three arguments after it, so that COMMAND may carry arguments of
 * its own and the shell quotes none of ours. script (size bytes) holds
 * the -c text. 0, or -ENAMETOOLONG.
 */
#define NOTIFY_ARGC 8
int notify_argv(const char *command, const char *new_role,
		const char *old_role, const char *reason, char *script,
		size_t size, char *argv[NOTIFY_ARGC]);

#endif /* DHAD_RELIABILITY_NOTIFY_H */
