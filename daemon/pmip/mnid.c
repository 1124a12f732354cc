// SPDX-License-Identifier: GPL-2.0-only
/* Mobile node identifiers from link-layer addresses (mnid.h). */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "pmip/mnid.h"

/* Link-layer addresses of at most this many octets. */
#define MNID_LLADDR_MAX 8

void mnid_from_mac(const uint8_t *mac, size_t len, char *out)
{
	size_t i, n = 0;

	n += (size_t)snprintf(out, MNID_MAX, "mac-");
	for (i = 0; i < len && n + 3 < MNID_MAX; i++)
		n += (size_t)snprintf(out + n, MNID_MAX - n, "%s%02x",
				      i ? ":" : "", mac[i]);
}

/* "aa:bb:..." into out; its length, or 0 when malformed. */
static size_t parse_lladdr(const char *text, uint8_t *out)
{
	size_t n = 0;
	unsigned int octet;
	int used;

	for (;;) {
		if (n == MNID_LLADDR_MAX ||
		    sscanf(text, "%2x%n", &octet, &used) != 1 || used != 2)
			return 0;
		out[n++] = (uint8_t)octet;
		text += used;
		if (*text == '\0')
			return n;
		if (*text++ != ':')
			return 0;
	}
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x21 || (unsigned char)*s == 0x7f)
			return false;
	return true;
}

int mnid_lookup(FILE *in, const uint8_t *mac, size_t len, char *out,
		unsigned int *bad_line)
{
	char line[512], addr[64], id[MNID_MAX + 1], extra[2];
	uint8_t lladdr[MNID_LLADDR_MAX];
	unsigned int number = 0;
	size_t n;
	int fields;

	while (fgets(line, sizeof(line), in)) {
		char *hash = strchr(line, '#');

		number++;
		if (hash)
			*hash = '\0';
		fields = sscanf(line, "%63s %255s %1s", addr, id, extra);
		if (fields <= 0)
			continue;
		n = parse_lladdr(addr, lladdr);
		if (fields != 2 || !n || strlen(id) > DHA_PMIP_MN_ID_MAX ||
		    !printable(id)) {
			*bad_line = number;
			return -EINVAL;
		}
		if (n == len && memcmp(lladdr, mac, len) == 0) {
			strcpy(out, id);
			return 0;
		}
	}
	return -ENOENT;
}
