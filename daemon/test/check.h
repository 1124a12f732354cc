/* SPDX-License-Identifier: GPL-2.0-only */
/* dhad's unit test suites; the harness is selftests/unit/check.h. */
#ifndef DHAD_TEST_CHECK_H
#define DHAD_TEST_CHECK_H

#include "unit/check.h"

DECLARE_SUITE(addr);
DECLARE_SUITE(local);
DECLARE_SUITE(msgstats);
DECLARE_SUITE(config);
DECLARE_SUITE(homelinks);
DECLARE_SUITE(notify);
DECLARE_SUITE(timer);
DECLARE_SUITE(cache);
DECLARE_SUITE(halist);
DECLARE_SUITE(kernel);
DECLARE_SUITE(control);
DECLARE_SUITE(cli);
DECLARE_SUITE(registration);
DECLARE_SUITE(policy);
DECLARE_SUITE(mobility);
DECLARE_SUITE(binding);
DECLARE_SUITE(dad);
DECLARE_SUITE(auth);
DECLARE_SUITE(redundancy);
DECLARE_SUITE(sync);
DECLARE_SUITE(pacer);
DECLARE_SUITE(verdict);
DECLARE_SUITE(intercept);
DECLARE_SUITE(haswitch);
DECLARE_SUITE(loadbalance);
DECLARE_SUITE(discovery);
DECLARE_SUITE(ra);
DECLARE_SUITE(prefixadv);
DECLARE_SUITE(spd);
DECLARE_SUITE(ratelimit);
DECLARE_SUITE(takeover);
DECLARE_SUITE(global);
DECLARE_SUITE(pmip_config);
DECLARE_SUITE(lmacache);
DECLARE_SUITE(mnid);

/* The built daemon, run by the cli suite. */
extern const char *dhad_binary;

#endif /* DHAD_TEST_CHECK_H */
