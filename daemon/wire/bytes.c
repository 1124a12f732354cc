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

int dha_put_option(uint8_t *buf, size_t cap, size_t *off, size_t mod,
		   size_t rem, uint8_t type, size_t len, uint8_t **data)
{
	int err = dha_pad_to(buf, cap, off, mod, rem);

	if (err)
		return err;
	if (cap < 2 + len || *off > cap - 2 - len)
		return -ENOSPC;
	buf[*off] = type;
	buf[*off + 1] = (uint8_t)len;
	*data = buf + *off + 2;
	memset(*data, 0, len);
	*off += 2 + len;
	return 0;
}
