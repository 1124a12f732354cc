// SPDX-License-Identifier: GPL-2.0-only
/* A MAG's access links through rtnetlink (access.h). */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "nlbuild.h"
#include "pmip/access.h"

union request {
	struct nlmsghdr align;
	char buf[256];
};

int access_add_link_local(struct nlsock *route, unsigned int ifindex,
			  const struct in6_addr *addr)
{
	struct ifaddrmsg ifa = {
		.ifa_family = AF_INET6,
		.ifa_prefixlen = 64,
		.ifa_flags = IFA_F_NODAD,
		.ifa_scope = RT_SCOPE_LINK,
		.ifa_index = ifindex,
	};
	uint32_t flags = IFA_F_NODAD;
	union request req;
	int ret;

	ret = nlbuild_start(req.buf, sizeof(req.buf), RTM_NEWADDR,
			    NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE,
			    ++route->seq, &ifa, sizeof(ifa));
	if (!ret)
		ret = nlbuild_attr(req.buf, sizeof(req.buf), IFA_LOCAL, addr,
				   sizeof(*addr));
	if (!ret)
		ret = nlbuild_attr(req.buf, sizeof(req.buf), IFA_FLAGS, &flags,
				   sizeof(flags));
	if (ret)
		return ret;
	return nlsock_request(route, &req.align, NULL, NULL);
}

int access_route(struct nlsock *route, bool add, unsigned int ifindex,
		 const struct dhad_prefix *prefix)
{
	struct rtmsg rtm = {
		.rtm_family = AF_INET6,
		.rtm_dst_len = prefix->length,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = RTPROT_STATIC,
		.rtm_scope = RT_SCOPE_LINK,
		.rtm_type = RTN_UNICAST,
	};
	uint32_t oif = ifindex;
	union request req;
	int ret;

	ret = nlbuild_start(req.buf, sizeof(req.buf),
			    add ? RTM_NEWROUTE : RTM_DELROUTE,
			    NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_REPLACE : 0),
			    ++route->seq, &rtm, sizeof(rtm));
	if (!ret)
		ret = nlbuild_attr(req.buf, sizeof(req.buf), RTA_DST,
				   &prefix->address, sizeof(prefix->address));
	if (!ret)
		ret = nlbuild_attr(req.buf, sizeof(req.buf), RTA_OIF, &oif,
				   sizeof(oif));
	if (ret)
		return ret;
	return nlsock_request(route, &req.align, NULL, NULL);
}

bool access_running(const char *ifname)
{
	struct ifreq ifr;
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool running = false;

	if (fd < 0)
		return false;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0)
		running = (ifr.ifr_flags & (IFF_UP | IFF_RUNNING)) ==
			  (IFF_UP | IFF_RUNNING);
	close(fd);
	return running;
}
