// SPDX-License-Identifier: GPL-2.0-only
/* Mobile Prefix Solicitations through ESP (witness.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/icmp6.h>
#include <sys/socket.h>

#include "mip6/witness.h"
#include "wire/ndisc.h"
#include "wire/numbers.h"

#define WITNESS_BATCH 16

/* Enough to tell one solicitation from another: its identifier, sum. */
struct witness_key {
	struct in6_addr source, destination;
	size_t len;
	uint8_t head[8];
};

struct witness {
	int fd;				/* -1: none (tests) */
	struct witness_key seen[WITNESS_SEEN_MAX];	/* a ring */
	unsigned int first, count;	/* oldest first */
	bool noted;
	uint8_t buf[DHA_IPV6_MIN_MTU];
};

static void key_of(const struct rawsock_rx *rx, struct witness_key *key)
{
	memset(key, 0, sizeof(*key));
	key->source = rx->source;
	key->destination = rx->destination;
	key->len = rx->len;
	memcpy(key->head, rx->buf,
	       rx->len < sizeof(key->head) ? rx->len : sizeof(key->head));
}

void witness_note(struct witness *w, const struct rawsock_rx *rx)
{
	if (w->count == WITNESS_SEEN_MAX) {
		w->first = (w->first + 1) % WITNESS_SEEN_MAX;
		w->count--;
	}
	key_of(rx, &w->seen[(w->first + w->count) % WITNESS_SEEN_MAX]);
	w->count++;
	w->noted = true;
}

static void noted(void *arg, const struct rawsock_rx *rx)
{
	witness_note(arg, rx);
}

/* Found: forgets it and the older ones. */
static bool take(struct witness *w, const struct witness_key *key)
{
	unsigned int i;

	for (i = 0; i < w->count; i++) {
		if (!memcmp(&w->seen[(w->first + i) % WITNESS_SEEN_MAX], key,
			    sizeof(*key))) {
			w->first = (w->first + i + 1) % WITNESS_SEEN_MAX;
			w->count -= i + 1;
			return true;
		}
	}
	return false;
}

bool witness_saw(struct witness *w, const struct rawsock_rx *rx)
{
	struct witness_key key;

	key_of(rx, &key);
	for (;;) {
		if (take(w, &key))
			return true;
		if (w->fd < 0)
			return false;
		w->noted = false;
		rawsock_read(w->fd, w->buf, sizeof(w->buf), WITNESS_BATCH,
			     "witness", noted, w);
		if (!w->noted)
			return false;
	}
}

struct witness *witness_new(void)
{
	struct witness *w = calloc(1, sizeof(*w));

	if (w)
		w->fd = -1;
	return w;
}

int witness_open(const void *policy, size_t len, struct witness **out)
{
	struct witness *w = witness_new();
	struct icmp6_filter filter;
	int ret = 0;

	if (!w)
		return -ENOMEM;
	w->fd = rawsock_open(DHA_IPPROTO_ICMPV6, NULL,
			     RAWSOCK_PKTINFO | RAWSOCK_DSTOPTS);
	if (w->fd < 0) {
		ret = w->fd;
		free(w);
		return ret;
	}
	ICMP6_FILTER_SETBLOCKALL(&filter);
	ICMP6_FILTER_SETPASS(DHA_ICMP6_MOBILE_PREFIX_SOLICIT, &filter);
	if (setsockopt(w->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter,
		       sizeof(filter)) < 0 ||
	    setsockopt(w->fd, IPPROTO_IPV6, IPV6_XFRM_POLICY, policy,
		       (socklen_t)len) < 0)
		ret = -errno;
	if (ret) {
		witness_close(w);
		return ret;
	}
	*out = w;
	return 0;
}

void witness_close(struct witness *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w);
}
