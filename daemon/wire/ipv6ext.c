// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "wire/bytes.h"
#include "wire/ipv6ext.h"

int dha_dstopts_find_hao(const uint8_t *buf, size_t len, struct in6_addr *addr)
{
	size_t total, off;
	bool found = false;

	if (len < 8)
		return -EBADMSG;
	total = ((size_t)buf[1] + 1) * 8;
	if (total > len)
		return -EBADMSG;

	for (off = 2; off < total;) {
		uint8_t type = buf[off];
		size_t opt_len;

		if (type == DHA_DSTOPT_PAD1) {
			off++;
			continue;
		}
		if (total - off < 2 || buf[off + 1] > total - off - 2)
			return -EBADMSG;
		opt_len = buf[off + 1];
		if (type == DHA_DSTOPT_HOME_ADDRESS) {
			if (opt_len != DHA_DSTOPT_HOME_ADDRESS_LEN || found)
				return -EBADMSG;
			get_in6(buf + off + 2, addr);
			found = true;
		}
		off += 2 + opt_len;
	}
	return found ? 0 : -ENOENT;
}

int dha_dstopts_build_hao(uint8_t *buf, size_t cap, uint8_t next_header,
			  const struct in6_addr *addr, size_t *out_len)
{
	size_t off = 2;
	int err;

	if (cap < DHA_DSTOPTS_HAO_LEN)
		return -ENOSPC;
	buf[0] = next_header;
	buf[1] = DHA_DSTOPTS_HAO_LEN / 8 - 1;
	err = dha_pad_to(buf, cap, &off, 8, 6);
	if (err)
		return err;
	buf[off] = DHA_DSTOPT_HOME_ADDRESS;
	buf[off + 1] = DHA_DSTOPT_HOME_ADDRESS_LEN;
	put_in6(buf + off + 2, addr);
	*out_len = off + 2 + DHA_DSTOPT_HOME_ADDRESS_LEN;
	return 0;
}

int dha_rh2_parse(const uint8_t *buf, size_t len, struct dha_rh2 *rh)
{
	if (len < DHA_RH2_LEN)
		return -EBADMSG;
	if (buf[1] != DHA_RH2_LEN / 8 - 1 || buf[2] != DHA_RTHDR_TYPE_2 ||
	    buf[3] > 1)
		return -EBADMSG;
	rh->next_header = buf[0];
	rh->segments_left = buf[3];
	/* buf[4..8) reserved */
	get_in6(buf + 8, &rh->addr);
	return 0;
}

int dha_rh2_build(uint8_t *buf, size_t cap, uint8_t next_header,
		  const struct in6_addr *addr, size_t *out_len)
{
	if (cap < DHA_RH2_LEN)
		return -ENOSPC;
	memset(buf, 0, 8);
	buf[0] = next_header;
	buf[1] = DHA_RH2_LEN / 8 - 1;
	buf[2] = DHA_RTHDR_TYPE_2;
	buf[3] = 1;
	put_in6(buf + 8, addr);
	*out_len = DHA_RH2_LEN;
	return 0;
}
