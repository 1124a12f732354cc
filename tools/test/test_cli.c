// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the built tool on command lines that never reach the kernel and
 * checks the exact output and exit status operators and scripts rely on.
 * The binary is the one named on the runner's command line.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

const char *cli_binary;

struct run {
	char out[4096];
	char err[4096];
	int status;
};

static void read_all(int fd, char *buf, size_t size)
{
	size_t used = 0;
	ssize_t n;

	while (used < size - 1 && (n = read(fd, buf + used, size - 1 - used)) > 0)
		used += (size_t)n;
	buf[used] = '\0';
	close(fd);
}

/* Runs the tool with argv (NULL-terminated, without argv[0]). */
static void run_dha(struct run *run, char *const args[])
{
	char *argv[32] = { (char *)cli_binary };
	int out[2], err[2], status, i;
	pid_t pid;

	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	run->status = -1;
	run->out[0] = run->err[0] = '\0';
	if (pipe(out) || pipe(err)) {
		check_fail(__FILE__, __LINE__, "pipe failed");
		return;
	}
	pid = fork();
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		close(out[0]);
		close(err[0]);
		execv(cli_binary, argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	/* Outputs here are far below a pipe's capacity. */
	waitpid(pid, &status, 0);
	read_all(out[0], run->out, sizeof(run->out));
	read_all(err[0], run->err, sizeof(run->err));
	run->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define ARGS(...) ((char *const[]){ __VA_ARGS__, NULL })

static void test_cli_help_and_version(void)
{
	struct run run;

	run_dha(&run, ARGS("--help"));
	CHECK_INT(run.status, 0);
	CHECK(strncmp(run.out, "Usage: dha ", 11) == 0);
	CHECK(strstr(run.out, "dha binding flush dev DEV\n") != NULL);
	CHECK_STR(run.err, "");
	run_dha(&run, ARGS("-h"));
	CHECK_INT(run.status, 0);
	run_dha(&run, ARGS("help"));
	CHECK_INT(run.status, 0);

	run_dha(&run, ARGS("-V"));
	CHECK_INT(run.status, 0);
	CHECK(strncmp(run.out, "dha 0.", 6) == 0);
	CHECK(strstr(run.out, "\nkernel: ") != NULL);
	run_dha(&run, ARGS("--version"));
	CHECK_INT(run.status, 0);

	run_dha(&run, ARGS("binding", "help"));
	CHECK_INT(run.status, 0);
	CHECK(strncmp(run.out, "dha binding { add | replace | change }", 38) == 0);
	run_dha(&run, ARGS("g", "help"));
	CHECK(strncmp(run.out, "dha global ", 11) == 0);
}

static void test_cli_errors(void)
{
	static const struct {
		const char *args[12];
		const char *err;
	} cases[] = {
		{ { NULL }, "dha: missing object (see \"dha --help\")\n" },
		{ { "-x" }, "dha: unknown option \"-x\"\n" },
		{ { "bogus" }, "dha: unknown object \"bogus\"\n" },
		{ { "binding", "add", "2001:db8:1::100", "coa", "foo", "dev",
		    "dha0" },
		  "dha: invalid care-of address \"foo\"\n" },
		{ { "binding", "add", "2001:db8:1::100", "coa", "2001:db8:2::2",
		    "dev", "dha0", "bar" },
		  "dha: unknown argument \"bar\"\n" },
		{ { "binding", "add", "2001:db8:1::100", "coa", "2001:db8:2::2" },
		  "dha: missing \"dev\"\n" },
		{ { "-j", "b", "a", "2001:db8:1::100", "coa", "2001:db8:2::2",
		    "dev", "dha0", "mnp", "2001:db8::1/48" },
		  "dha: invalid prefix \"2001:db8::1/48\" (host bits set)\n" },
		{ { "global", "add", "2001:db8:1::200", "ha", "2001:db8:ff::2",
		    "dev", "nosuchdev42" },
		  "dha: cannot find device \"nosuchdev42\"\n" },
		{ { "peer", "del", "2001:db8:ff::2" }, "dha: missing \"dev\"\n" },
		{ { "link", "set", "dev", "dha0" }, "dha: missing \"local\" or \"home-link\"\n" },
		{ { "stats", "dev", "nosuchdev42" },
		  "dha: cannot find device \"nosuchdev42\"\n" },
		{ { "monitor", "now" }, "dha: unknown argument \"now\"\n" },
		{ { "ha", "switch", "2001:db8:1::100", "to", "nowhere" },
		  "dha: invalid home agent address \"nowhere\"\n" },
		{ { "ha", "switch", "2001:db8:1::100" },
		  "dha: missing \"to\"\n" },
		{ { "ha", "sw", "2001:db8:1::100" },
		  "dha: ambiguous command \"sw\"\n" },
		{ { "ha", "switchover", "now" },
		  "dha: unexpected argument \"now\"\n" },
		{ { "-S", "/nonexistent/dhad.sock", "ha", "switchb" },
		  "dha: cannot reach dhad at /nonexistent/dhad.sock: No such file or directory (is dhad running?)\n" },
		{ { "-S", "/nonexistent/dhad.sock", "ha", "switch",
		    "2001:db8:1::100", "to", "2001:db8:5::1" },
		  "dha: cannot reach dhad at /nonexistent/dhad.sock: No such file or directory (is dhad running?)\n" },
	};
	struct run run;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_dha(&run, (char *const *)cases[i].args);
		CHECK_INT(run.status, 1);
		CHECK_STR(run.out, "");
		CHECK_STR(run.err, cases[i].err);
	}
}

/* A file holding text, named in path (a mkstemp template's size). */
static void write_file(char path[32], const char *text)
{
	int fd;

	strcpy(path, "/tmp/dha-batch-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		check_fail(__FILE__, __LINE__, "cannot write a batch file");
	if (fd >= 0)
		close(fd);
}

static void test_cli_batch(void)
{
	char path[32], expected[256];
	struct run run;

	/* Blank and comment lines count in the line numbers. */
	write_file(path, "# help first\n\nbinding help\n"
			 "  link set dev dha0\nglobal help\n");
	run_dha(&run, ARGS("-batch", path));
	CHECK_INT(run.status, 1);
	CHECK(strncmp(run.out, "dha binding {", 13) == 0);
	CHECK(strstr(run.out, "dha global {") == NULL);
	snprintf(expected, sizeof(expected),
		 "dha: %s:4: missing \"local\" or \"home-link\"\n", path);
	CHECK_STR(run.err, expected);

	/* -force goes on, and still fails the run. */
	run_dha(&run, ARGS("-b", path, "-force"));
	CHECK_INT(run.status, 1);
	CHECK(strstr(run.out, "dha global {") != NULL);
	CHECK_STR(run.err, expected);
	unlink(path);

	write_file(path, "binding help\nbogus\nlink \"dev\nha sw\nbinding help\n");
	run_dha(&run, ARGS("-f", "--batch", path));
	CHECK_INT(run.status, 1);
	snprintf(expected, sizeof(expected),
		 "dha: %s:2: unknown object \"bogus\"\n"
		 "dha: %s:3: missing closing quote (\")\n"
		 "dha: %s:4: ambiguous command \"sw\"\n", path, path, path);
	CHECK_STR(run.err, expected);
	unlink(path);

	write_file(path, "binding help\n# only help\n");
	run_dha(&run, ARGS("-batch", path));
	CHECK_INT(run.status, 0);
	CHECK_STR(run.err, "");
	unlink(path);

	run_dha(&run, ARGS("-batch", "/nonexistent/batch"));
	CHECK_INT(run.status, 1);
	CHECK_STR(run.err, "dha: cannot open /nonexistent/batch: No such file or directory\n");
	run_dha(&run, ARGS("-batch", "/dev/null", "binding", "show"));
	CHECK_INT(run.status, 1);
	CHECK_STR(run.err, "dha: unexpected \"binding\" after -batch FILE (the commands are in the file)\n");
	run_dha(&run, ARGS("-batch"));
	CHECK_INT(run.status, 1);
	CHECK_STR(run.err, "dha: option \"-batch\" needs a path\n");
}

/*
 * A stand-in for dhad that answers every request line with an empty
 * result and counts the connections: the batch's lines must share one.
 */
static void fake_dhad(int listener, int report)
{
	static const char reply[] = "{\"ok\":true,\"result\":{}}\n";
	char buf[4096];
	int connections = 0, fd;
	ssize_t n, i;

	while ((fd = accept(listener, NULL, NULL)) >= 0) {
		connections++;
		if (write(report, &connections, sizeof(connections)) < 0)
			_exit(1);
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			for (i = 0; i < n; i++) {
				if (buf[i] == '\n' &&
				    write(fd, reply, strlen(reply)) !=
					    (ssize_t)strlen(reply))
					_exit(1);
			}
		}
		close(fd);
	}
	_exit(0);
}

static void test_cli_batch_one_connection(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int listener, report[2], connections = 0, count;
	char path[32];
	struct run run;
	pid_t pid;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/dha-test-%d.sock",
		 (int)getpid());
	unlink(addr.sun_path);
	listener = socket(AF_UNIX, SOCK_STREAM, 0);
	if (listener < 0 || pipe(report) ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(listener, 4)) {
		check_fail(__FILE__, __LINE__, "cannot listen");
		return;
	}
	pid = fork();
	if (pid == 0)
		fake_dhad(listener, report[1]);
	close(report[1]);

	write_file(path, "ha switchover\nha switchback\nha hold\n"
			 "ha release\nha switch 2001:db8:1::1 to 2001:db8:5::1\n");
	run_dha(&run, ARGS("-j", "-S", addr.sun_path, "-batch", path));
	CHECK_INT(run.status, 0);
	CHECK_STR(run.out, "{}\n{}\n{}\n{}\n{}\n");
	CHECK_STR(run.err, "");
	unlink(path);

	/* Each accept() reported its count before answering: the last is all. */
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	while (read(report[0], &count, sizeof(count)) == sizeof(count))
		connections = count;
	CHECK_INT(connections, 1);
	close(report[0]);
	close(listener);
	unlink(addr.sun_path);
}

SUITE(cli,
      TEST_CASE(test_cli_help_and_version),
      TEST_CASE(test_cli_errors),
      TEST_CASE(test_cli_batch),
      TEST_CASE(test_cli_batch_one_connection));
