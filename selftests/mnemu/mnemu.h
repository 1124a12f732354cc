/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What mnemu's commands share: argument parsing, the exit statuses and
 * the clock.  Each command is int cmd_NAME(argc, argv), argv[0] being
 * the command's name; main() in mnemu.c dispatches.
 */
#ifndef MNEMU_H
#define MNEMU_H

#include <netinet/in.h>
#include <stdint.h>

#define EXIT_OK		0
#define EXIT_ERR	1
#define EXIT_REFUSED	2
#define EXIT_TIMEOUT	3

/* One line "mnemu: ..." on stderr, exit status EXIT_ERR. */
void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...);

/* An address as text; the last four results stay valid. */
const char *ntop(const struct in6_addr *a);

/* Both die with a message naming the option opt on a bad value. */
void parse_addr(const char *opt, const char *s, struct in6_addr *a);
unsigned long parse_num(const char *opt, const char *s, unsigned long max);

/* Milliseconds on CLOCK_MONOTONIC. */
int64_t now_ms(void);

int cmd_flood(int argc, char **argv);
int cmd_garbage(int argc, char **argv);

#endif /* MNEMU_H */
