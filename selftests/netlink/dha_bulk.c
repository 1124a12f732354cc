// SPDX-License-Identifier: GPL-2.0
/*
 * dha_bulk - add many bindings fast, for the shell scenarios (forking the
 * dha tool 1000 times takes tens of seconds in an emulated guest).
 *
 *   dha_bulk DEV BASE COUNT COA [LIFETIME]
 *
 * adds home bindings BASE+1 .. BASE+COUNT (the low 32 bits of BASE are
 * incremented) toward COA on DEV with CREATE|EXCL; exits 0 if all
 * succeeded, 1 with the first error otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>

#include <linux/dha.h>
#include "dhanl.h"

int main(int argc, char **argv)
{
	struct in6_addr base, coa;
	unsigned long count, i;
	unsigned int lifetime = 0;
	uint32_t low;
	struct dha_nl nl;
	int ifindex, err;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: %s DEV BASE COUNT COA [LIFETIME]\n", argv[0]);
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		fprintf(stderr, "dha_bulk: no device %s\n", argv[1]);
		return 1;
	}
	base = dha_in6(argv[2]);
	count = strtoul(argv[3], NULL, 0);
	coa = dha_in6(argv[4]);
	if (argc == 6)
		lifetime = strtoul(argv[5], NULL, 0);
	err = dha_nl_open(&nl);
	if (err) {
		fprintf(stderr, "dha_bulk: family dha: %s\n", strerror(-err));
		return 1;
	}
	memcpy(&low, &base.s6_addr[12], 4);
	low = ntohl(low);
	for (i = 0; i < count; i++) {
		struct in6_addr hoa = base;
		uint32_t v = htonl(low + 1 + i);
		struct dhamsg m;

		memcpy(&hoa.s6_addr[12], &v, 4);
		dhamsg_init(&m, nl.family_id, DHA_CMD_BINDING_NEW, NLM_F_CREATE | NLM_F_EXCL);
		dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
		dhamsg_nest_start(&m, DHA_A_BINDING);
		dhamsg_put_in6(&m, DHA_A_BINDING_HOME_ADDRESS, &hoa);
		dhamsg_put_in6(&m, DHA_A_BINDING_CARE_OF_ADDRESS, &coa);
		if (lifetime)
			dhamsg_put_u32(&m, DHA_A_BINDING_LIFETIME, lifetime);
		dhamsg_nest_end(&m);
		err = dhanl_do(&nl, &m, NULL, NULL);
		if (err) {
			fprintf(stderr, "dha_bulk: binding %lu: %s%s%s\n", i, strerror(-err),
				nlsock_extack_sep(&nl.sock), nl.sock.extack);
			dha_nl_close(&nl);
			return 1;
		}
	}
	dha_nl_close(&nl);
	return 0;
}
