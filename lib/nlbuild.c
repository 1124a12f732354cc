// SPDX-License-Identifier: GPL-2.0-only
/* Netlink requests built by hand (nlbuild.h). */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>

#include "nlbuild.h"

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
	nlh->nlmsg_flags = flags | NLM_F_REQUEST;
	nlh->nlmsg_seq = seq;
	if (body_len)
		memcpy(NLMSG_DATA(nlh), body, body_len);
	return 0;
}

int nlbuild_attr(void *buf, size_t size, uint16_t type, const void *data,
		 size_t len)
{
	struct nlmsghdr *nlh = buf;
	size_t at = NLMSG_ALIGN(nlh->nlmsg_len);
	struct nlattr *nla = (struct nlattr *)((char *)buf + at);

	if (len > UINT16_MAX - NLA_HDRLEN)
		return -EMSGSIZE;
	if (at > size || NLA_ALIGN(NLA_HDRLEN + len) > size - at)
		return -ENOSPC;
	memset(nla, 0, NLA_ALIGN(NLA_HDRLEN + len));
	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = (uint32_t)(at + NLA_ALIGN(NLA_HDRLEN + len));
	return 0;
}

int nlbuild_nest_start(void *buf, size_t size, uint16_t type)
{
	int offset = (int)NLMSG_ALIGN(((struct nlmsghdr *)buf)->nlmsg_len);
	int ret = nlbuild_attr(buf, size, type | NLA_F_NESTED, NULL, 0);

	return ret ? ret : offset;
}

void nlbuild_nest_end(void *buf, int offset)
{
	struct nlattr *nla = (struct nlattr *)((char *)buf + offset);

	nla->nla_len = (uint16_t)(((struct nlmsghdr *)buf)->nlmsg_len -
				  (uint32_t)offset);
}

int nlbuild_len(const void *buf)
{
	return (int)((const struct nlmsghdr *)buf)->nlmsg_len;
}
