// SPDX-License-Identifier: GPL-2.0-only
/* The Mobility Header sockets and their listeners (mh.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mh.h"
#include "core/msgstats.h"
#include "sys/loop.h"
#include "wire/mh.h"
#include "wire/numbers.h"

/* Datagrams handled per wakeup, so the loop stays responsive. */
#define MH_BATCH 64
/* Where the Mobility Header keeps its type (RFC 6275 6.1.1). */
#define MH_TYPE_OFFSET 2

struct mh_listener {
	struct mh *mh;
	int type;
	bool bound;
	struct in6_addr local;
	rawsock_fn fn;
	void *arg;
	int fd;				/* the shared one, or its own */
	struct loop_io *io;		/* its own socket's */
	struct mh_listener *next;
};

struct mh {
	struct loop *loop;
	int fd;				/* shared; -1 until needed */
	struct loop_io *io;
	unsigned int shared_users;
	struct mh_listener *listeners;
	struct msgstats stats;
	uint8_t buf[DHA_MH_MAX_LEN + 8];
};

static int type_of(const struct rawsock_rx *rx)
{
	return rx->len > MH_TYPE_OFFSET ? rx->buf[MH_TYPE_OFFSET] : -1;
}

/* A message on the shared socket: to its type's listener. */
static void dispatch(void *arg, const struct rawsock_rx *rx)
{
	struct mh *mh = arg;
	struct mh_listener *l, *any = NULL;
	int type = type_of(rx);

	for (l = mh->listeners; l; l = l->next) {
		if (l->type == type) {
			/* Its own socket has it (and counts it). */
			if (l->bound)
				return;
			mh->stats.type[type].received++;
			l->fn(l->arg, rx);
			return;
		}
		if (l->type == MH_TYPE_ANY)
			any = l;
	}
	/*
	 * Too short for a type (the kernel's MH filter lets none through):
	 * not counted.
	 */
	if (type >= 0)
		mh->stats.type[type].received++;
	if (any)
		any->fn(any->arg, rx);
	else if (type >= 0)
		mh->stats.type[type].dropped++;
}

static void shared_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct mh *mh = arg;

	(void)io;
	(void)events;
	rawsock_read(fd, mh->buf, sizeof(mh->buf), MH_BATCH, "mobility",
		     dispatch, mh);
}

/* A message on a listener's own socket: only its type is its. */
static void deliver_own(void *arg, const struct rawsock_rx *rx)
{
	struct mh_listener *l = arg;

	if (type_of(rx) == l->type) {
		l->mh->stats.type[l->type].received++;
		l->fn(l->arg, rx);
	}
}

static void own_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct mh_listener *l = arg;

	(void)io;
	(void)events;
	rawsock_read(fd, l->mh->buf, sizeof(l->mh->buf), MH_BATCH,
		     "mobility", deliver_own, l);
}

/*
 * The kernel's checksum stays on (offset 4, the raw MH socket's
 * default): it verifies received messages over the swapped header, so
 * with the home address, and computes ours with the home address as
 * final destination (RFC 6275 6.1.1).
 */
static int shared_socket(struct mh *mh)
{
	int fd;

	if (mh->fd >= 0)
		return 0;
	fd = rawsock_open(DHA_IPPROTO_MH, NULL,
			  RAWSOCK_PKTINFO | RAWSOCK_DSTOPTS);
	if (fd < 0)
		return fd;
	mh->io = loop_io_add(mh->loop, fd, LOOP_READ, shared_io, mh);
	if (!mh->io) {
		close(fd);
		return -ENOMEM;
	}
	mh->fd = fd;
	return 0;
}

int mh_listen(struct mh *mh, int type, const struct in6_addr *local,
	      rawsock_fn fn, void *arg, struct mh_listener **out)
{
	struct mh_listener *l;
	int ret;

	/* Bound listeners of one type share it, each on its own address. */
	for (l = mh->listeners; l; l = l->next)
		if (l->type == type &&
		    (!local || !l->bound ||
		     memcmp(&l->local, local, sizeof(*local)) == 0))
			return -EEXIST;
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->mh = mh;
	l->type = type;
	l->fn = fn;
	l->arg = arg;
	if (local) {
		l->bound = true;
		l->local = *local;
		l->fd = rawsock_open(DHA_IPPROTO_MH, local, RAWSOCK_PKTINFO);
		if (l->fd < 0) {
			ret = l->fd;
			free(l);
			return ret;
		}
		l->io = loop_io_add(mh->loop, l->fd, LOOP_READ, own_io, l);
		if (!l->io) {
			close(l->fd);
			free(l);
			return -ENOMEM;
		}
	} else {
		ret = shared_socket(mh);
		if (ret) {
			free(l);
			return ret;
		}
		l->fd = mh->fd;
		mh->shared_users++;
	}
	l->next = mh->listeners;
	mh->listeners = l;
	*out = l;
	return 0;
}

void mh_unlisten(struct mh_listener *l)
{
	struct mh *mh;
	struct mh_listener **link;

	if (!l)
		return;
	mh = l->mh;
	for (link = &mh->listeners; *link; link = &(*link)->next) {
		if (*link == l) {
			*link = l->next;
			break;
		}
	}
	if (l->bound) {
		loop_io_del(l->io);
		close(l->fd);
	} else if (!--mh->shared_users) {
		loop_io_del(mh->io);
		close(mh->fd);
		mh->io = NULL;
		mh->fd = -1;
	}
	free(l);
}

int mh_send(struct mh_listener *l, const void *msg, size_t len,
	    const struct in6_addr *src, const struct in6_addr *dst,
	    const struct in6_addr *rh2)
{
	int ret = rawsock_send(l->fd, DHA_IPPROTO_MH, msg, len, src, dst, 0, 0,
			       rh2);

	if (!ret && len > MH_TYPE_OFFSET)
		l->mh->stats.type[((const uint8_t *)msg)[MH_TYPE_OFFSET]].sent++;
	return ret;
}

void mh_dropped(struct mh *mh, uint8_t type)
{
	mh->stats.type[type].dropped++;
}

const struct msgstats *mh_stats(const struct mh *mh)
{
	return &mh->stats;
}

int mh_open(struct loop *loop, struct mh **out)
{
	struct mh *mh = calloc(1, sizeof(*mh));

	if (!mh)
		return -ENOMEM;
	mh->loop = loop;
	mh->fd = -1;
	*out = mh;
	return 0;
}

void mh_close(struct mh *mh)
{
	if (!mh)
		return;
	while (mh->listeners)
		mh_unlisten(mh->listeners);
	free(mh);
}
