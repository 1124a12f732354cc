// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer: bytes as a kernel answer, decoded as an ack (NLMSG_ERROR or
 * NLMSG_DONE, with its extended ack) and as the controller's answer
 * about a family.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "genl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlsock nl = { .fd = -1 };
	struct dha_genl_family family;
	struct nlmsghdr *nlh;

	if (size < sizeof(*nlh) || size > 4096)
		return 0;
	/* An aligned copy, as received datagrams are. */
	nlh = malloc(size);
	if (!nlh)
		return 0;
	memcpy(nlh, data, size);
	nlsock_parse_ack(&nl, nlh, size);
	if (strlen(nl.extack) >= sizeof(nl.extack))
		abort();
	/* The transport only hands over messages that fit the datagram. */
	if (nlh->nlmsg_len >= sizeof(*nlh) && nlh->nlmsg_len <= size)
		dha_genl_parse_family(nlh, "events", &family);
	free(nlh);
	return 0;
}
