/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How a MAG names the mobile node behind a link-layer address ([pmip]
 * mn-id): "mac-" and the address in lower-case hex with colons, a NAI
 * without a realm; or the identifier a file gives, one "LLADDR
 * IDENTIFIER" line each, '#' starting a comment. Pure but for the
 * file's reading.
 */
#ifndef DHAD_PMIP_MNID_H
#define DHAD_PMIP_MNID_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wire/pmip.h"

/* With the NUL. */
#define MNID_MAX (DHA_PMIP_MN_ID_MAX + 1)

/* "mac-02:00:00:00:00:01" into out (MNID_MAX). */
void mnid_from_mac(const uint8_t *mac, size_t len, char *out);

/*
 * The identifier of mac in a mapping file's text: 0 with out filled,
 * -ENOENT when no line names it, -EINVAL for a malformed line (its
 * number in *bad_line).
 */
int mnid_lookup(FILE *in, const uint8_t *mac, size_t len, char *out,
		unsigned int *bad_line);

#endif /* DHAD_PMIP_MNID_H */
