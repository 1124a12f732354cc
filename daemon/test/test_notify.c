// SPDX-License-Identifier: GPL-2.0-only
/*
 * The notify hook's arguments, run through the shell for real, and what
 * a role change publishes (systemd's STATUS=, dha monitor's events).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reliability/member.h"
#include "reliability/notify.h"
#include "check.h"

extern char **environ;

/* Runs argv with its standard output into out (size bytes). */
static int run(char *const argv[], char *out, size_t size)
{
	posix_spawn_file_actions_t actions;
	int fds[2], status;
	size_t len = 0;
	ssize_t got;
	pid_t pid;

	if (pipe(fds))
		return -1;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
	posix_spawn_file_actions_addclose(&actions, fds[0]);
	if (posix_spawn(&pid, argv[0], &actions, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&actions);
		return -1;
	}
	posix_spawn_file_actions_destroy(&actions);
	close(fds[1]);
	while (len + 1 < size &&
	       (got = read(fds[0], out + len, size - 1 - len)) > 0)
		len += (size_t)got;
	out[len] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_notify_argv(void)
{
	char script[64], out[256];
	char *argv[NOTIFY_ARGC];
	char long_command[80];

	CHECK_INT(notify_argv("printf '[%s]' x", "active", "standby",
			      "peer 2001:db8:5::2 failed", script,
			      sizeof(script), argv), 0);
	CHECK_STR(argv[0], "/bin/sh");
	CHECK_STR(argv[1], "-c");
	CHECK_STR(argv[2], "printf '[%s]' x \"$@\"");
	CHECK_STR(argv[4], "active");
	CHECK_STR(argv[5], "standby");
	CHECK_STR(argv[6], "peer 2001:db8:5::2 failed");
	CHECK(argv[7] == NULL);
	/* The command's own arguments first, then ours, each one word. */
	CHECK_INT(run(argv, out, sizeof(out)), 0);
	CHECK_STR(out, "[x][active][standby][peer 2001:db8:5::2 failed]");
	/* A reason is never shell text. */
	CHECK_INT(notify_argv("printf '[%s]'", "standby", "active",
			      "$(false) `false` ' \"", script, sizeof(script),
			      argv), 0);
	CHECK_INT(run(argv, out, sizeof(out)), 0);
	CHECK_STR(out, "[standby][active][$(false) `false` ' \"]");
	/* The exit status is the command's. */
	CHECK_INT(notify_argv("exit 3;", "a", "b", "c", script, sizeof(script),
			      argv), 0);
	CHECK_INT(run(argv, out, sizeof(out)), 3);
	memset(long_command, 'x', sizeof(long_command) - 1);
	long_command[sizeof(long_command) - 1] = '\0';
	CHECK_INT(notify_argv(long_command, "a", "b", "c", script,
			      sizeof(script), argv), -ENAMETOOLONG);
}

static void test_status_text(void)
{
	struct in6_addr peer;
	char text[128];

	inet_pton(AF_INET6, "2001:db8:5::2", &peer);
	events_status_text(ROLE_ACTIVE, 3, NULL, false, text, sizeof(text));
	CHECK_STR(text, "active, serving 3 bindings");
	events_status_text(ROLE_STANDBY, 3, &peer, false, text, sizeof(text));
	CHECK_STR(text, "standby of 2001:db8:5::2");
	events_status_text(ROLE_STANDBY, 0, NULL, true, text, sizeof(text));
	CHECK_STR(text, "standby, no active home agent, held");
	events_status_text(ROLE_INIT, 0, NULL, false, text, sizeof(text));
	CHECK_STR(text, "init, listening for peers");
}

static void test_monitor_events(void)
{
	struct in6_addr peer;
	json_object *o;

	inet_pton(AF_INET6, "2001:db8:5::2", &peer);
	o = events_role_json("active", "standby", "peer 2001:db8:5::2 failed");
	CHECK_STR(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
		  "{\"event\":\"ha-role\",\"role\":\"active\",\"was\":\"standby\",\"reason\":\"peer 2001:db8:5::2 failed\"}");
	json_object_put(o);
	o = events_peer_json(&peer, false, "failed");
	CHECK_STR(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
		  "{\"event\":\"ha-peer\",\"peer\":\"2001:db8:5::2\",\"state\":\"down\",\"reason\":\"failed\"}");
	json_object_put(o);
}

SUITE(notify, TEST_CASE(test_notify_argv), TEST_CASE(test_status_text),
      TEST_CASE(test_monitor_events));
