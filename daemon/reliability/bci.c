// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bindings in State Synchronization messages (sync.h, pure): lifetimes,
 * sequence numbers, how many fit one message, and the options a binding
 * carries opaque.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reliability/sync_state.h"

uint16_t sync_lifetime_units(uint32_t seconds_left)
{
	uint64_t units = ((uint64_t)seconds_left + 3) / 4;

	/* 0xffff is "never expires", which no granted lifetime is. */
	return units > 0xfffe ? 0xfffe : (uint16_t)units;
}

bool sync_sequence_newer(uint16_t a, uint16_t b)
{
	return a != b && (uint16_t)(a - b) < 0x8000;
}

size_t sync_chunk(const struct dha_hamsg_bci *bci, size_t count)
{
	size_t n = 0, used = 0, size;

	while (n < count && n < DHA_HAMSG_BCI_MAX) {
		size = dha_hamsg_bci_size_max(&bci[n]);
		if (n && used + size > SYNC_BUDGET)
			break;
		used += size;
		n++;
	}
	return n;
}

int sync_opaque_pack(const struct dha_hamsg_bci *b, uint8_t **out,
		     uint16_t *len)
{
	size_t size = 0, i;
	uint8_t *p;

	*out = NULL;
	*len = 0;
	if (b->aaa)
		size += 2 + b->aaa_len;
	for (i = 0; i < b->vendor_count; i++)
		size += 2 + DHA_HAOPT_VENDOR_INFO_MIN_LEN +
			b->vendor[i].data_len;
	if (!size)
		return 0;
	p = malloc(size);
	if (!p)
		return -ENOMEM;
	*out = p;
	*len = (uint16_t)size;
	if (b->aaa) {
		*p++ = DHA_HAOPT_AAA;
		*p++ = (uint8_t)b->aaa_len;
		memcpy(p, b->aaa, b->aaa_len);
		p += b->aaa_len;
	}
	for (i = 0; i < b->vendor_count; i++) {
		*p++ = DHA_HAOPT_VENDOR_INFO;
		*p++ = (uint8_t)(DHA_HAOPT_VENDOR_INFO_MIN_LEN +
				 b->vendor[i].data_len);
		*p++ = (uint8_t)(b->vendor[i].vendor_code >> 8);
		*p++ = (uint8_t)b->vendor[i].vendor_code;
		*p++ = 0;
		*p++ = 0;
		memcpy(p, b->vendor[i].data, b->vendor[i].data_len);
		p += b->vendor[i].data_len;
	}
	return 0;
}

void sync_opaque_unpack(const uint8_t *opaque, size_t len,
			struct dha_hamsg_bci *b)
{
	size_t off = 0;

	while (opaque && off + 2 <= len) {
		uint8_t type = opaque[off], olen = opaque[off + 1];
		const uint8_t *d = opaque + off + 2;

		if (off + 2 + olen > len)
			break;
		if (type == DHA_HAOPT_AAA) {
			b->aaa = d;
			b->aaa_len = olen;
		} else if (type == DHA_HAOPT_VENDOR_INFO &&
			   olen >= DHA_HAOPT_VENDOR_INFO_MIN_LEN &&
			   b->vendor_count < DHA_HAMSG_VENDOR_MAX) {
			b->vendor[b->vendor_count].vendor_code =
				(uint16_t)(d[0] << 8 | d[1]);
			b->vendor[b->vendor_count].data =
				d + DHA_HAOPT_VENDOR_INFO_MIN_LEN;
			b->vendor[b->vendor_count].data_len =
				olen - (size_t)DHA_HAOPT_VENDOR_INFO_MIN_LEN;
			b->vendor_count++;
		}
		off += 2u + olen;
	}
}
