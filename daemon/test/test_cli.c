// SPDX-License-Identifier: GPL-2.0-only
/*
 * The built daemon's command line: refusals that happen before it
 * touches the kernel, so they run anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* Runs "dhad ARGS 2>&1"; returns the exit status, output in *out. */
static int run(const char *args, char **out)
{
	char command[1024];
	size_t len = 0, n;
	char *buf = NULL;
	FILE *pipe;
	int status;

	snprintf(command, sizeof(command), "%s %s 2>&1", dhad_binary, args);
	pipe = popen(command, "r");
	if (!pipe)
		return -1;
	buf = malloc(8192);
	n = fread(buf, 1, 8191, pipe);
	buf[n] = '\0';
	len = n;
	(void)len;
	status = pclose(pipe);
	*out = buf;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_cli_usage(void)
{
	char *out;

	CHECK_INT(run("", &out), 1);
	CHECK(strstr(out, "Usage: dhad -c CONFIG") != NULL);
	free(out);
	CHECK_INT(run("-c x extra", &out), 1);
	free(out);
	CHECK_INT(run("-V", &out), 0);
	CHECK(strncmp(out, "dhad ", 5) == 0);
	free(out);
}

static void test_cli_bad_config(void)
{
	char path[] = "/tmp/dhad-test-XXXXXX";
	char args[128], expected[256], *out;
	int fd = mkstemp(path);
	static const char conf[] = "[home-agent]\nhome-link = home0\n"
				   "prefix = 2001:db8:1::/64\n"
				   "address = 2001:db8:1::1\nbogus = 1\n";

	CHECK(fd >= 0);
	CHECK_INT(write(fd, conf, sizeof(conf) - 1), (long)sizeof(conf) - 1);
	close(fd);
	snprintf(args, sizeof(args), "-f -S /nonexistent/x.sock -c %s", path);
	CHECK_INT(run(args, &out), 1);
	snprintf(expected, sizeof(expected),
		 "%s:5: unknown key \"bogus\" in [home-agent]\n", path);
	CHECK_STR(out, expected);
	free(out);
	unlink(path);
	CHECK_INT(run("-f -c /nonexistent/dhad.conf", &out), 1);
	CHECK_STR(out, "/nonexistent/dhad.conf: cannot open: No such file or directory"
		  " (dhad needs a configuration file: see dhad.conf(5))\n");
	free(out);
}

SUITE(cli, TEST_CASE(test_cli_usage), TEST_CASE(test_cli_bad_config));
