// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as a kernel answer to a proxy neighbour get or dump.
 * What the parser accepts must be a whole IPv6 proxy entry.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/intercept.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct intercept_neigh neigh;
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
	}
	free(copy);
	return 0;
}
