// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon's log. See log.h.
 *
 * On stderr each line starts with the "<N>" priority prefix when stderr
 * is connected to the journal (systemd sets JOURNAL_STREAM to its
 * device:inode), so journald records the right priority; on a terminal
 * the prefix is a readable word instead.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/log.h"

static int log_level = LOG_INFO;
static bool log_syslog;
static int log_journal = -1;	/* unknown until the first message */

static const char *const level_names[] = {
	[LOG_ERR] = "error",
	[LOG_WARNING] = "warning",
	[LOG_NOTICE] = "notice",
	[LOG_INFO] = "info",
	[LOG_DEBUG] = "debug",
};

void log_set_level(int priority)
{
	log_level = priority;
}

int log_get_level(void)
{
	return log_level;
}

void log_to_syslog(void)
{
	openlog("dhad", LOG_PID, LOG_DAEMON);
	log_syslog = true;
}

int log_level_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
		if (level_names[i] && strcmp(level_names[i], name) == 0)
			return (int)i;
	}
	return -1;
}

const char *log_level_name(int priority)
{
	if (priority < LOG_ERR || priority > LOG_DEBUG)
		return "error";
	return level_names[priority];
}

static bool stderr_is_journal(void)
{
	unsigned long long dev, ino;
	const char *stream = getenv("JOURNAL_STREAM");
	struct stat st;

	if (!stream || sscanf(stream, "%llu:%llu", &dev, &ino) != 2 ||
	    fstat(STDERR_FILENO, &st) < 0)
		return false;
	return st.st_dev == dev && st.st_ino == ino;
}

void log_msg(int priority, const char *format, ...)
{
	va_list ap;

	if (priority > log_level)
		return;
	va_start(ap, format);
	if (log_syslog) {
		vsyslog(priority, format, ap);
	} else {
		if (log_journal < 0)
			log_journal = stderr_is_journal();
		if (log_journal)
			fprintf(stderr, "<%d>", priority);
		else
			fprintf(stderr, "dhad: %s: ", log_level_name(priority));
		vfprintf(stderr, format, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
