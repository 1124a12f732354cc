// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as a stream of xfrm policy messages (a dump or the
 * XFRMNLGRP_POLICY notifications) applied to the SPD mirror, which is
 * then asked about a few flows. Each message is taken as its nlmsg_len
 * says, aligned as netlink aligns them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "sys/spd.h"

static const char *const sources[] = {
	"2001:db8:1::100", "2001:db8:1::200", "::", "2001:db8:4::1",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct spd spd;
	struct in6_addr source, destination;
	uint32_t *copy;
	size_t at = 0, i;

	if (!spd.bucket_count && spd_init(&spd))
		abort();
	/* Aligned, as the kernel's buffers are. */
	copy = malloc(size + 4);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	while (size - at >= NLMSG_HDRLEN) {
		const struct nlmsghdr *nlh =
			(const struct nlmsghdr *)((const uint8_t *)copy + at);
		size_t len = nlh->nlmsg_len;

		if (len < NLMSG_HDRLEN || len > size - at)
			break;
		spd_apply(&spd, nlh, size - at);
		at += NLMSG_ALIGN(len);
		if (at > size)
			break;
	}
	inet_pton(AF_INET6, "2001:db8:4::1", &destination);
	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		inet_pton(AF_INET6, sources[i], &source);
		spd_protected(&spd, &source, &destination, 5);
		spd_flow_protected(&spd, &source, &destination, 58, 146);
	}
	spd_clear(&spd);
	free(copy);
	return 0;
}
