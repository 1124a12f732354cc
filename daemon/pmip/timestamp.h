/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Timestamp option's clock (RFC 5213 8.8): 48 bits of seconds since
 * 1970 and 16 bits of 1/65536 s, from the wall clock, which RFC 5213
 * 5.5 asks the LMA and its MAGs to keep in step.
 */
#ifndef DHAD_PMIP_TIMESTAMP_H
#define DHAD_PMIP_TIMESTAMP_H

#include <stdint.h>
#include <time.h>

static inline uint64_t pmip_timestamp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec << 16) |
	       (uint64_t)(((uint64_t)ts.tv_nsec << 16) / 1000000000u);
}

#endif /* DHAD_PMIP_TIMESTAMP_H */
