// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as a kernel answer to a proxy neighbour or route dump,
 * or as a link event. What the parsers accept must be a whole IPv6 proxy
 * entry, route, or link.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/intercept.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct intercept_neigh neigh;
	struct intercept_route route;
	struct intercept_link link;
	/* An aligned copy, as the kernel's buffers are. */
	uint32_t *copy = malloc(size + 4);
	int ret;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (size >= sizeof(struct nlmsghdr)) {
		ret = intercept_parse_neigh((const struct nlmsghdr *)copy, size,
					    &neigh);
		if (ret && ret != -ENOMSG && ret != -EBADMSG)
			abort();
		ret = intercept_parse_route((const struct nlmsghdr *)copy, size,
					    &route);
		if (ret && ret != -ENOMSG && ret != -EBADMSG)
			abort();
		ret = intercept_parse_link((const struct nlmsghdr *)copy, size,
					   &link);
		if ((ret && ret != -ENOMSG && ret != -EBADMSG) ||
		    (!ret && (!link.ifindex || (link.gone && link.up))))
			abort();
	}
	free(copy);
	return 0;
}
