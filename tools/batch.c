// SPDX-License-Identifier: GPL-2.0-only
/*
 * "dha -batch FILE": one command per line, each run in this process the
 * way main() runs its command line. The commands share one generic
 * netlink socket and one connection to dhad (struct session), so a file
 * of thousands of bindings costs neither a process nor a netlink socket
 * per line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dha.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

/*
 * Words are written back into line as they are unquoted: the write
 * position never passes the read position, so one buffer serves both.
 */
int batch_split(char *line, char **argv, int max, int *argc,
		struct cli_error *err)
{
	char *src = line, *dst = line;
	char quote;

	*argc = 0;
	for (;;) {
		while (is_blank(*src))
			src++;
		if (*src == '\0' || *src == '#')
			return 0;
		if (*argc == max)
			return cli_fail(err, "too many words (at most %d)", max);
		argv[(*argc)++] = dst;
		quote = '\0';
		for (; *src && (quote || !is_blank(*src)); src++) {
			if (quote && *src == quote) {
				quote = '\0';
			} else if (!quote && (*src == '"' || *src == '\'')) {
				quote = *src;
			} else if (*src == '\\' && quote != '\'') {
				if (src[1] == '\0')
					return cli_fail(err,
							"backslash at end of line");
				*dst++ = *++src;
			} else {
				*dst++ = *src;
			}
		}
		if (quote)
			return cli_fail(err, "missing closing quote (%c)", quote);
		if (*src)
			src++;
		*dst++ = '\0';
	}
}

static int run_line(char *line, size_t len, const struct options *opts,
		    batch_command_fn run)
{
	char *argv[BATCH_WORDS_MAX];
	struct cli_error err;
	int argc;

	if (strlen(line) != len) {
		print_error("NUL byte in the line");
		return 1;
	}
	if (batch_split(line, argv, BATCH_WORDS_MAX, &argc, &err))
		return fail_usage(&err);
	if (argc == 0)
		return 0;
	return run(argc, argv, opts);
}

int batch_run(const char *path, bool force, const struct options *opts,
	      batch_command_fn run)
{
	bool from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? "<stdin>" : path;
	struct session session = { .control = -1 };
	struct options line_opts = *opts;
	unsigned long lineno = 0;
	unsigned int failed = 0;
	size_t size = 0;
	char *line = NULL;
	ssize_t len;
	FILE *in;

	in = from_stdin ? stdin : fopen(path, "re");
	if (!in) {
		print_error("cannot open %s: %s", name, strerror(errno));
		return 1;
	}
	session.nl.sock.fd = -1;
	line_opts.session = &session;
	while ((len = getline(&line, &size, in)) >= 0) {
		error_location_set(name, ++lineno);
		if (run_line(line, (size_t)len, &line_opts, run)) {
			failed++;
			if (!force)
				break;
		}
		/* Output in the order of the lines, also into a pipe. */
		fflush(stdout);
	}
	error_location_set(NULL, 0);
	if (ferror(in)) {
		print_error("cannot read %s: %s", name, strerror(errno));
		failed++;
	}
	free(line);
	if (!from_stdin)
		fclose(in);
	session_close(&session);
	return failed ? 1 : 0;
}
