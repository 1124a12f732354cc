// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer: bytes as one control socket request line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/control.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct control_switch request;
	struct control_sync_request sync;
	enum control_cmd cmd;
	const char *error;
	char why[256] = "";

	control_parse_request((const char *)data, size, &cmd, &error);
	if (control_parse_switch((const char *)data, size, &request, why,
				 sizeof(why)) == 0 &&
	    (request.home_agent_count < 1 ||
	     request.home_agent_count > HASWITCH_HOME_AGENTS_MAX))
		abort();
	if (!memchr(why, '\0', sizeof(why)))
		abort();
	if (control_parse_sync_request((const char *)data, size, &sync, why,
				       sizeof(why)) == 0 &&
	    (sync.home_address_count > CONTROL_SYNC_ADDRESSES_MAX ||
	     sync.prefix_count > CONTROL_SYNC_PREFIXES_MAX))
		abort();
	if (!memchr(why, '\0', sizeof(why)))
		abort();
	return 0;
}
