// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as a kernel answer: an ack/error message and the
 * attributes of a binding message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sys/kernel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kernel_binding binding;
	uint32_t ifindex;
	char msg[KERNEL_EXTACK_MAX];
	/* Aligned copies, as the kernel's buffers are. */
	uint32_t *copy = malloc(size + 4);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (size >= sizeof(struct nlmsghdr))
		kernel_parse_ack((const struct nlmsghdr *)copy, size, msg,
				 sizeof(msg));
	kernel_parse_binding(copy, size, &ifindex, &binding);
	free(copy);
	return 0;
}
