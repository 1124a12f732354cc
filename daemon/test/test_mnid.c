// SPDX-License-Identifier: GPL-2.0-only
/* A MAG's mobile node identifiers: from the MAC, from a mapping file. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pmip/mnid.h"
#include "check.h"

static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0xab, 0x01, 0xff };

static int lookup(const char *text, char *out, unsigned int *bad)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int ret = mnid_lookup(in, mac, sizeof(mac), out, bad);

	fclose(in);
	return ret;
}

static void test_mnid_mac(void)
{
	char id[MNID_MAX];

	mnid_from_mac(mac, sizeof(mac), id);
	CHECK_STR(id, "mac-02:00:00:ab:01:ff");
}

static void test_mnid_file(void)
{
	char id[MNID_MAX] = "";
	unsigned int bad = 0;

	CHECK_INT(lookup("# nodes\n\n02:00:00:ab:01:fe other\n"
			 "02:00:00:AB:01:FF  alice@example.org # hers\n", id,
			 &bad), 0);
	CHECK_STR(id, "alice@example.org");
	CHECK_INT(lookup("02:00:00:ab:01:fe other\n", id, &bad), -ENOENT);
	CHECK_INT(lookup("", id, &bad), -ENOENT);
	CHECK_INT(lookup("x\n02:00:00:ab:01:ff a\n", id, &bad), -EINVAL);
	CHECK_INT(bad, 1);
	CHECK_INT(lookup("\n02:00:00:ab:01:ff\n", id, &bad), -EINVAL);
	CHECK_INT(bad, 2);
	CHECK_INT(lookup("02:00:00:ab:01:ff a b\n", id, &bad), -EINVAL);
	CHECK_INT(lookup("02:00:00:ab:01:ff:00:11:22 a\n", id, &bad), -EINVAL);
	CHECK_INT(lookup("02:0:00:ab:01:ff a\n", id, &bad), -EINVAL);
	CHECK_INT(lookup("02:00:00:ab:01:ff: a\n", id, &bad), -EINVAL);
	CHECK_INT(lookup("02:00:00:ab:01:ff a\x7f\n", id, &bad), -EINVAL);
}

SUITE(mnid,
      TEST_CASE(test_mnid_mac),
      TEST_CASE(test_mnid_file));
