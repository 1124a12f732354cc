// SPDX-License-Identifier: GPL-2.0-only
/*
 * The size of dhad's per-binding structures, printed by `make bench`
 * beside the measured memory per binding.
 */
#include <stdio.h>

#include "core/cache.h"

int main(void)
{
	printf("struct cache_entry %zu\n", sizeof(struct cache_entry));
	return 0;
}
