// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>

#include "wire/bytes.h"

int dha_pad_to(uint8_t *buf, size_t cap, size_t *off, size_t mod, size_t rem)
{
	size_t gap = (rem + mod - *off % mod) % mod;

	if (gap == 0)
		return 0;
	if (gap > cap || *off > cap - gap)
		return -ENOSPC;
	if (gap == 1) {
		buf[*off] = 0;			/* Pad1 */
	} else {
		buf[*off] = 1;			/* PadN */
		buf[*off + 1] = (uint8_t)(gap - 2);
		memset(buf + *off + 2, 0, gap - 2);
	}
	*off += gap;
	return 0;
}
