// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as a kernel answer to an address get. What the parser
 * accepts must be a whole IPv6 address message.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reliability/takeover.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct takeover_addr addr;
	/* An aligned copy, as the kernel's buffers are. */
	uint32_t *copy = malloc(size + 4);
	int ret;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (size >= sizeof(struct nlmsghdr)) {
		ret = takeover_parse_addr((const struct nlmsghdr *)copy, size,
					  &addr);
		if (ret && ret != -ENOMSG && ret != -EBADMSG)
			abort();
	}
	free(copy);
	return 0;
}
