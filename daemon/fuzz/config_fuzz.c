// SPDX-License-Identifier: GPL-2.0-only
/* libFuzzer: bytes as a configuration file, through fmemopen(). */
#include <stdint.h>
#include <stdio.h>

#include "core/conf.h"
#include "protocols.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct dhad_config config;
	FILE *in;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (size == 0)
		return 0;
	in = fmemopen((void *)data, size, "r");
	if (!in)
		return 0;
	config_parse_file(dhad_protocols, dhad_protocol_count, in, "fuzz.conf",
			  &config, sink);
	config_free(&config);
	fclose(in);
	return 0;
}
