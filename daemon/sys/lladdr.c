// SPDX-License-Identifier: GPL-2.0-only
/* A link's own link-layer address (lladdr.h). */
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sys/lladdr.h"

int lladdr_read(const char *ifname, uint8_t *out, size_t *len)
{
	struct ifreq ifr = { 0 };
	int fd, ret = 0;

	*len = 0;
	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		ret = -errno;
	else if (ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER) {
		memcpy(out, ifr.ifr_hwaddr.sa_data, LLADDR_ETHER_LEN);
		*len = LLADDR_ETHER_LEN;
	}
	close(fd);
	return ret;
}
