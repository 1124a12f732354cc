// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tracked conditions (track-interface, track-command): a member whose
 * conditions fail is not eligible, and hands the active role over
 * (member.h, Documentation/reliability.md).
 */
#include <net/if.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/dhad.h"
#include "reliability/member.h"
#include "sys/log.h"

extern char **environ;

static bool interface_up(const char *name)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool up;

	if (fd < 0)
		return false;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	up = ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 &&
	     (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
	close(fd);
	return up;
}

/*
 * Commands run in the background, one at a time each; the last finished
 * run counts, so a command that hangs keeps its last verdict.
 */
static void poll_command(struct redundancy *r, unsigned int i)
{
	const char *argv[] = { "/bin/sh", "-c", r->config->track_commands[i],
			       NULL };
	int status;
	pid_t pid;

	if (r->track_pids[i] > 0) {
		pid = waitpid(r->track_pids[i], &status, WNOHANG);
		if (pid == 0)
			return;
		r->track_pids[i] = 0;
		if (pid > 0)
			r->track_command_ok[i] = WIFEXITED(status) &&
						 WEXITSTATUS(status) == 0;
	}
	if (posix_spawn(&pid, "/bin/sh", NULL, NULL, (char *const *)argv,
			environ) == 0)
		r->track_pids[i] = pid;
	else
		r->track_command_ok[i] = false;
}

static bool tracks_hold(struct redundancy *r, char *what, size_t size)
{
	unsigned int i;

	for (i = 0; i < r->config->track_interface_count; i++) {
		if (!interface_up(r->config->track_interfaces[i])) {
			snprintf(what, size, "interface %s down",
				 r->config->track_interfaces[i]);
			return false;
		}
	}
	for (i = 0; i < r->config->track_command_count; i++) {
		if (!r->track_command_ok[i]) {
			snprintf(what, size, "track-command %u failed", i + 1);
			return false;
		}
	}
	return true;
}

void track_tick(struct loop_timer *timer)
{
	struct redundancy *r = container_of(timer, struct redundancy,
					    track_timer);
	char what[sizeof(r->track_failure)] = "", why[96];
	unsigned int i;
	bool ok;

	for (i = 0; i < r->config->track_command_count; i++)
		poll_command(r, i);
	ok = tracks_hold(r, what, sizeof(what));
	ok = hold_down_track(r, ok, what, sizeof(what));
	memcpy(r->track_failure, what, sizeof(what));
	if (ok != r->eligible) {
		r->eligible = ok;
		if (ok)
			log_notice("redundancy: tracked conditions hold again");
		else
			log_warn("redundancy: %s", what);
		snprintf(why, sizeof(why), "%s", ok ? "tracked conditions hold" :
							what);
		redundancy_reelect(r, why);
		redundancy_hello_now(r);
	}
	loop_timer_start(r->dhad->loop, &r->track_timer,
			 r->config->track_interval_ms);
}


void track_stop(struct redundancy *r)
{
	unsigned int i;

	loop_timer_stop(r->dhad->loop, &r->track_timer);
	for (i = 0; i < CONFIG_TRACKS_MAX; i++) {
		if (r->track_pids[i] > 0) {
			kill(r->track_pids[i], SIGTERM);
			waitpid(r->track_pids[i], NULL, 0);
			r->track_pids[i] = 0;
		}
	}
}
