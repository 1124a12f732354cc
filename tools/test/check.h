/* SPDX-License-Identifier: GPL-2.0-only */
/* The dha tool's unit test suites; the harness is selftests/unit/check.h. */
#ifndef DHA_TOOL_TEST_CHECK_H
#define DHA_TOOL_TEST_CHECK_H

#include "unit/check.h"

DECLARE_SUITE(parse);
DECLARE_SUITE(args);
DECLARE_SUITE(msg);
DECLARE_SUITE(output);
DECLARE_SUITE(cli);
DECLARE_SUITE(batch);

/* The built tool, run by the cli suite. */
extern const char *cli_binary;

#endif /* DHA_TOOL_TEST_CHECK_H */
