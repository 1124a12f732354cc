// SPDX-License-Identifier: GPL-2.0
/*
 * tstamp-hold: keeps the test guest's receive-timestamp static key
 * (netstamp_needed_key) enabled for the guest's whole life.
 *
 * The kernel enables that key when the first socket asks for receive
 * timestamps and disables it when the last one closes: every ping's start
 * and exit patches the code of netif_rx_internal and its kin.  Holding one
 * such socket open from the guest's init means it is patched once, at
 * boot, before any test runs (selftests/vm/README.md says why that
 * matters under TCG).
 *
 * guest-init.sh starts it in the background; it daemonizes nothing and
 * just sleeps until killed.  It prints "tstamp-hold: ready" once the
 * socket option is set.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>

int main(void)
{
	int on = 1;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "tstamp-hold: socket: %s\n", strerror(errno));
		return 1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMP, &on, sizeof(on)) < 0) {
		fprintf(stderr, "tstamp-hold: SO_TIMESTAMP: %s\n", strerror(errno));
		return 1;
	}
	printf("tstamp-hold: ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
