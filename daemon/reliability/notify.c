// SPDX-License-Identifier: GPL-2.0-only
/*
 * The notify hook (notify.h). A child is reaped through a pidfd watched
 * by the loop rather than by libev's child watcher, which reaps every
 * child on SIGCHLD and would take track.c's commands from its waitpid().
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/dhad.h"
#include "reliability/notify.h"
#include "sys/log.h"

extern char **environ;

struct notify_change {
	char new_role[16];
	char old_role[16];
	char reason[NOTIFY_REASON_MAX];
};

struct notify {
	struct dhad *dhad;
	const struct config_redundancy *config;	/* in dhad->config */
	pid_t pid;				/* the hook running, or 0 */
	int pidfd;
	struct loop_io *io;
	struct loop_timer timeout;
	struct notify_change running;
	/* The changes waiting, oldest first, in a ring. */
	struct notify_change queue[NOTIFY_QUEUE_MAX];
	unsigned int head, count;
};

int notify_argv(const char *command, const char *new_role,
		const char *old_role, const char *reason, char *script,
		size_t size, char *argv[NOTIFY_ARGC])
{
	int len = snprintf(script, size, "%s \"$@\"", command);

	if (len < 0 || (size_t)len >= size)
		return -ENAMETOOLONG;
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = script;
	argv[3] = "dhad-notify";	/* $0 */
	argv[4] = (char *)new_role;
	argv[5] = (char *)old_role;
	argv[6] = (char *)reason;
	argv[7] = NULL;
	return 0;
}

/* The hook in a process group of its own, signals as a fresh process. */
static int spawn(const struct notify_change *c, const char *command,
		 pid_t *pid)
{
	char script[CONFIG_NOTIFY_MAX + 8];
	char *argv[NOTIFY_ARGC];
	posix_spawnattr_t attr;
	sigset_t none, all;
	int ret;

	ret = notify_argv(command, c->new_role, c->old_role, c->reason, script,
			  sizeof(script), argv);
	if (ret)
		return ret;
	sigemptyset(&none);
	sigfillset(&all);
	ret = posix_spawnattr_init(&attr);
	if (ret)
		return -ret;
	ret = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
					      POSIX_SPAWN_SETSIGMASK |
					      POSIX_SPAWN_SETSIGDEF);
	if (!ret)
		ret = posix_spawnattr_setpgroup(&attr, 0);
	if (!ret)
		ret = posix_spawnattr_setsigmask(&attr, &none);
	if (!ret)
		ret = posix_spawnattr_setsigdefault(&attr, &all);
	if (!ret)
		ret = posix_spawn(pid, argv[0], NULL, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	return -ret;
}

static void log_status(const struct notify *n, int status)
{
	const struct notify_change *c = &n->running;

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		log_info("notify: hook for %s (was %s) exited 0", c->new_role,
			 c->old_role);
	else if (WIFEXITED(status))
		log_warn("notify: hook for %s (was %s) exited %d", c->new_role,
			 c->old_role, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		log_warn("notify: hook for %s (was %s) killed by signal %d",
			 c->new_role, c->old_role, WTERMSIG(status));
}

static void start_next(struct notify *n);

/* The running hook ended (or, waiting is true, is waited for). */
static void reap(struct notify *n, bool wait)
{
	int status;
	pid_t got;

	got = waitpid(n->pid, &status, wait ? 0 : WNOHANG);
	if (got == 0)
		return;
	if (got == n->pid)
		log_status(n, status);
	loop_io_del(n->io);
	n->io = NULL;
	if (n->pidfd >= 0)
		close(n->pidfd);
	n->pidfd = -1;
	n->pid = 0;
	loop_timer_stop(n->dhad->loop, &n->timeout);
}

static void child_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct notify *n = arg;

	(void)io;
	(void)fd;
	(void)events;
	reap(n, false);
	if (!n->pid)
		start_next(n);
}

static void timed_out(struct loop_timer *timer)
{
	struct notify *n = container_of(timer, struct notify, timeout);

	log_warn("notify: hook for %s still running after %u s: killed",
		 n->running.new_role, NOTIFY_TIMEOUT_MS / 1000);
	kill(-n->pid, SIGKILL);
}

/* Spawns the oldest waiting change's hook, if none runs. */
static void start_next(struct notify *n)
{
	int ret;

	while (!n->pid && n->count) {
		n->running = n->queue[n->head];
		n->head = (n->head + 1) % NOTIFY_QUEUE_MAX;
		n->count--;
		if (!n->config->notify[0])
			continue;	/* removed by a reload meanwhile */
		ret = spawn(&n->running, n->config->notify, &n->pid);
		if (ret) {
			n->pid = 0;
			log_err("notify: cannot run \"%s\": %s",
				n->config->notify, strerror(-ret));
			continue;
		}
		n->pidfd = (int)syscall(SYS_pidfd_open, n->pid, 0);
		if (n->pidfd >= 0)
			n->io = loop_io_add(n->dhad->loop, n->pidfd, LOOP_READ,
					    child_io, n);
		if (!n->io) {
			/* Unwatchable: wait for it here rather than lose it. */
			log_err("notify: cannot watch the hook: waiting for it");
			if (n->pidfd >= 0)
				close(n->pidfd);
			n->pidfd = -1;
			reap(n, true);
			continue;
		}
		loop_timer_start(n->dhad->loop, &n->timeout, NOTIFY_TIMEOUT_MS);
	}
}

struct notify *notify_open(struct dhad *dhad,
			   const struct config_redundancy *config)
{
	struct notify *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->dhad = dhad;
	n->config = config;
	n->pidfd = -1;
	timer_init(&n->timeout, timed_out);
	return n;
}

void notify_role_changed(struct notify *n, const char *new_role,
			 const char *old_role, const char *reason)
{
	struct notify_change *c;

	if (!n->config->notify[0])
		return;
	if (n->count == NOTIFY_QUEUE_MAX) {
		c = &n->queue[n->head];
		log_warn("notify: hook still running, %u changes waiting: the change to %s (%s) is not reported",
			 n->count, c->new_role, c->reason);
		n->head = (n->head + 1) % NOTIFY_QUEUE_MAX;
		n->count--;
	}
	c = &n->queue[(n->head + n->count) % NOTIFY_QUEUE_MAX];
	snprintf(c->new_role, sizeof(c->new_role), "%s", new_role);
	snprintf(c->old_role, sizeof(c->old_role), "%s", old_role);
	snprintf(c->reason, sizeof(c->reason), "%s", reason);
	n->count++;
	start_next(n);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Polls the running hook until it ends or the deadline passes. */
static void finish_by(struct notify *n, uint64_t deadline)
{
	const struct timespec tick = { 0, 10 * 1000000 };

	while (n->pid && now_ms() < deadline) {
		reap(n, false);
		if (n->pid)
			nanosleep(&tick, NULL);
	}
	if (n->pid) {
		log_warn("notify: hook for %s still running at stop: killed",
			 n->running.new_role);
		kill(-n->pid, SIGKILL);
		reap(n, true);
	}
}

void notify_close(struct notify *n)
{
	uint64_t deadline = now_ms() + NOTIFY_STOP_WAIT_MS;

	if (!n)
		return;
	/* The loop runs no more: the last changes (a stop's step-down) too. */
	finish_by(n, deadline);
	while (n->count) {
		start_next(n);
		finish_by(n, deadline);
	}
	free(n);
}
