// SPDX-License-Identifier: GPL-2.0-only
/* Netlink requests built by hand (nlbuild.h). */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>

#include "sys/nlbuild.h"

int nlbuild_start(void *buf, size_t size, uint16_t type, uint16_t flags,
		  uint32_t seq, const void *body, size_t body_len)
{
	struct nlmsghdr *nlh = buf;
	size_t len = NLMSG_LENGTH(body_len);

	if (NLMSG_ALIGN(len) > size)
		return -ENOSPC;
	memset(buf, 0, NLMSG_ALIGN(len));
	nlh->nlmsg_len = (uint32_t)len;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags | NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	memcpy(NLMSG_DATA(nlh), body, body_len);
	return 0;
}

int nlbuild_attr(void *buf, size_t size, uint16_t type, const void *data,
		 size_t len)
{
	struct nlmsghdr *nlh = buf;
	size_t at = NLMSG_ALIGN(nlh->nlmsg_len);
	struct nlattr *nla = (struct nlattr *)((char *)buf + at);

	if (at + NLA_ALIGN(NLA_HDRLEN + len) > size)
		return -ENOSPC;
	memset(nla, 0, NLA_ALIGN(NLA_HDRLEN + len));
	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = (uint32_t)(at + NLA_ALIGN(NLA_HDRLEN + len));
	return 0;
}

int nlbuild_len(const void *buf)
{
	return (int)((const struct nlmsghdr *)buf)->nlmsg_len;
}
