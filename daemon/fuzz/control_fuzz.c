// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer: bytes as one control socket request line. */
#include <stdint.h>

#include "../control.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum control_cmd cmd;
	const char *error;

	control_parse_request((const char *)data, size, &cmd, &error);
	return 0;
}
