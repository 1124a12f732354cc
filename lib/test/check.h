/* SPDX-License-Identifier: GPL-2.0-only */
/* libdha-nl's unit test suites; the harness is selftests/unit/check.h. */
#ifndef DHA_LIB_TEST_CHECK_H
#define DHA_LIB_TEST_CHECK_H

#include "unit/check.h"

DECLARE_SUITE(ack);
DECLARE_SUITE(nlbuild);
DECLARE_SUITE(genl);
DECLARE_SUITE(nlsock);

#endif /* DHA_LIB_TEST_CHECK_H */
