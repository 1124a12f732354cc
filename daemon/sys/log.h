/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's log. Messages carry syslog priorities (LOG_ERR ...
 * LOG_DEBUG) and go to stderr, where journald picks them up with their
 * priority under systemd, or to syslog once the daemon has detached
 * itself from the terminal (no -f).
 */
#ifndef DHAD_LOG_H
#define DHAD_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Messages above this priority (numerically) are dropped. */
void log_set_level(int priority);
int log_get_level(void);
/* After daemonising: stderr is /dev/null, so write to syslog. */
void log_to_syslog(void);

void log_msg(int priority, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_NOTICE, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* "error", "warning", "notice", "info", "debug"; -1 if unknown. */
int log_level_parse(const char *name);
const char *log_level_name(int priority);

#endif /* DHAD_LOG_H */
