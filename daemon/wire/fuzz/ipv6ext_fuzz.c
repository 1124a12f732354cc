// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the destination options and type 2 routing header
 * parsers, with the build -> parse round trip for what they accept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wire/ipv6ext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[DHA_DSTOPTS_HAO_LEN + DHA_RH2_LEN];
	struct in6_addr addr, again;
	struct dha_rh2 rh, rh_again;
	size_t len;
	int ret;

	ret = dha_dstopts_find_hao(data, size, &addr);
	if (ret == 0) {
		if (dha_dstopts_build_hao(out, sizeof(out), data[0], &addr, &len) ||
		    dha_dstopts_find_hao(out, len, &again) ||
		    memcmp(&addr, &again, sizeof(addr)))
			abort();
	} else if (ret != -ENOENT && ret != -EBADMSG) {
		abort();
	}

	ret = dha_rh2_parse(data, size, &rh);
	if (ret == 0) {
		if (rh.segments_left > 1 ||
		    dha_rh2_build(out, sizeof(out), rh.next_header, &rh.addr, &len) ||
		    dha_rh2_parse(out, len, &rh_again) ||
		    rh_again.next_header != rh.next_header ||
		    rh_again.segments_left != 1 ||
		    memcmp(&rh.addr, &rh_again.addr, sizeof(rh.addr)))
			abort();
	} else if (ret != -EBADMSG) {
		abort();
	}
	return 0;
}
