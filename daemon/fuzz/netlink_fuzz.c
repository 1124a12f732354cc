// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as the attributes of a binding message, and of a
 * device reply's load figures, from the kernel. (Its acks are decoded by lib/, fuzzed by lib/fuzz/ack_fuzz.c.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sys/kernel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kernel_binding binding;
	struct kernel_load load;
	uint32_t ifindex;
	/* Aligned copies, as the kernel's buffers are. */
	uint32_t *copy = malloc(size + 4);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	kernel_parse_binding(copy, size, &ifindex, &binding);
	kernel_parse_load(copy, size, &load);
	free(copy);
	return 0;
}
