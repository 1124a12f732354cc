// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as one control socket request line, through the
 * frame's parser and every command's argument parser.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/control.h"
#include "mip6/show.h"
#include "reliability/reliability.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mip6_switch request;
	struct reliability_sync_request sync;
	const char *error;
	char name[64];
	char why[CONTROL_ERROR_MAX] = "";

	if (control_parse_request((const char *)data, size, name, sizeof(name),
				  &error) == 0 &&
	    !memchr(name, '\0', sizeof(name)))
		abort();
	if (mip6_parse_switch((const char *)data, size, &request, why,
			      sizeof(why)) == 0 &&
	    (request.home_agent_count < 1 ||
	     request.home_agent_count > HASWITCH_HOME_AGENTS_MAX))
		abort();
	if (!memchr(why, '\0', sizeof(why)))
		abort();
	if (reliability_parse_sync_request((const char *)data, size, &sync, why,
					   sizeof(why)) == 0 &&
	    (sync.home_address_count > RELIABILITY_SYNC_ADDRESSES_MAX ||
	     sync.prefix_count > RELIABILITY_SYNC_PREFIXES_MAX))
		abort();
	if (!memchr(why, '\0', sizeof(why)))
		abort();
	return 0;
}
