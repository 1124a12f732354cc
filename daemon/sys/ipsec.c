// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SPD mirror's netlink side: the XFRMNLGRP_POLICY notifications and
 * the policy dumps. See ipsec.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>

#include "sys/ipsec.h"
#include "sys/log.h"
#include "sys/spd.h"
#include "wire/numbers.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* A failed dump is tried again after this long. */
#define RESYNC_RETRY_MS 1000
/* Room for notification bursts (an IKE daemon installing many SAs). */
#define EVENTS_RCVBUF (4u << 20)

struct ipsec {
	struct loop *loop;
	int events_fd;			/* subscribed, non-blocking */
	struct loop_io *io;
	int dump_fd;
	uint32_t seq;
	struct spd spd;
	bool in_sync;			/* the mirror matches the kernel */
	struct loop_timer retry;
};

/* Large enough for any one dump message the kernel builds. */
union nl_buffer {
	struct nlmsghdr align;
	uint8_t bytes[65536];
};

static int nl_socket(int flags)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | flags,
			NETLINK_XFRM);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Dumps every policy into the (cleared) mirror. */
static int dump(struct ipsec *ipsec)
{
	static union nl_buffer buf;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr req = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = XFRM_MSG_GETPOLICY,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		.nlmsg_seq = ++ipsec->seq,
	};
	int ret = 0;

	spd_clear(&ipsec->spd);
	if (sendto(ipsec->dump_fd, &req, req.nlmsg_len, 0,
		   (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *nlh;
		ssize_t n = recv(ipsec->dump_fd, buf.bytes, sizeof(buf.bytes),
				 0);
		size_t left;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		left = (size_t)n;
		for (nlh = &buf.align; NLMSG_OK(nlh, left);
		     nlh = NLMSG_NEXT(nlh, left)) {
			if (nlh->nlmsg_seq != req.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return ret;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr err;

				if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(err)))
					return -EBADMSG;
				memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
				return err.error ? err.error : -EBADMSG;
			}
			/* Read to the end even after a failure. */
			if (!ret)
				ret = spd_apply(&ipsec->spd, nlh, nlh->nlmsg_len);
		}
	}
}

static void resync(struct ipsec *ipsec)
{
	int ret = dump(ipsec);

	ipsec->in_sync = ret == 0;
	if (ret) {
		log_warn("ipsec: cannot read the xfrm policies: %s; Binding Updates count as unprotected until it works",
			 strerror(-ret));
		loop_timer_start(ipsec->loop, &ipsec->retry, RESYNC_RETRY_MS);
		return;
	}
	log_debug("ipsec: %zu inbound Mobility Header polic%s mirrored",
		  ipsec->spd.count, ipsec->spd.count == 1 ? "y" : "ies");
}

static void retry_expired(struct loop_timer *timer)
{
	resync(container_of(timer, struct ipsec, retry));
}

static void events_io(struct loop_io *io, int fd, int events, void *arg)
{
	static union nl_buffer buf;
	struct ipsec *ipsec = arg;
	bool lost = false;

	(void)io;
	(void)events;
	for (;;) {
		struct nlmsghdr *nlh;
		ssize_t n = recv(fd, buf.bytes, sizeof(buf.bytes), MSG_DONTWAIT);
		size_t left;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				lost = true;
				continue;
			}
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				log_warn("ipsec: reading xfrm notifications: %s",
					 strerror(errno));
			break;
		}
		left = (size_t)n;
		for (nlh = &buf.align; NLMSG_OK(nlh, left);
		     nlh = NLMSG_NEXT(nlh, left)) {
			if (!lost && spd_apply(&ipsec->spd, nlh, nlh->nlmsg_len))
				lost = true;
		}
	}
	if (lost) {
		log_notice("ipsec: xfrm policy notifications lost; reading the policies again");
		loop_timer_stop(ipsec->loop, &ipsec->retry);
		resync(ipsec);
	}
}

int ipsec_open(struct loop *loop, struct ipsec **out)
{
	static const int group = XFRMNLGRP_POLICY, rcvbuf = EVENTS_RCVBUF;
	struct ipsec *ipsec = calloc(1, sizeof(*ipsec));
	int ret;

	if (!ipsec) {
		log_err("out of memory");
		return -ENOMEM;
	}
	ipsec->loop = loop;
	ipsec->events_fd = ipsec->dump_fd = -1;
	timer_init(&ipsec->retry, retry_expired);
	ret = spd_init(&ipsec->spd);
	if (ret) {
		log_err("ipsec: %s", strerror(-ret));
		goto fail;
	}
	ipsec->events_fd = nl_socket(SOCK_NONBLOCK);
	ret = ipsec->events_fd;
	if (ret >= 0) {
		/* Best effort: an overrun only costs a dump. */
		setsockopt(ipsec->events_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));
		ret = setsockopt(ipsec->events_fd, SOL_NETLINK,
				 NETLINK_ADD_MEMBERSHIP, &group,
				 sizeof(group)) < 0 ? -errno : 0;
	}
	if (ret) {
		log_err("ipsec: cannot follow the xfrm policies: %s",
			strerror(-ret));
		goto fail;
	}
	ipsec->dump_fd = nl_socket(0);
	if (ipsec->dump_fd < 0) {
		ret = ipsec->dump_fd;
		log_err("ipsec: cannot open a NETLINK_XFRM socket: %s",
			strerror(-ret));
		goto fail;
	}
	/* Subscribed first: no change falls between the dump and the events. */
	resync(ipsec);
	ipsec->io = loop_io_add(loop, ipsec->events_fd, LOOP_READ, events_io,
				ipsec);
	if (!ipsec->io) {
		ret = -ENOMEM;
		log_err("out of memory");
		goto fail;
	}
	*out = ipsec;
	return 0;
fail:
	ipsec_close(ipsec);
	return ret;
}

void ipsec_close(struct ipsec *ipsec)
{
	if (!ipsec)
		return;
	loop_timer_stop(ipsec->loop, &ipsec->retry);
	loop_io_del(ipsec->io);
	if (ipsec->events_fd >= 0)
		close(ipsec->events_fd);
	if (ipsec->dump_fd >= 0)
		close(ipsec->dump_fd);
	spd_destroy(&ipsec->spd);
	free(ipsec);
}

bool ipsec_mh_protected(const struct ipsec *ipsec,
			const struct in6_addr *source,
			const struct in6_addr *destination, uint8_t mh_type)
{
	return ipsec && ipsec->in_sync &&
	       spd_protected(&ipsec->spd, source, destination, mh_type);
}

size_t ipsec_policy_count(const struct ipsec *ipsec)
{
	return ipsec ? ipsec->spd.count : 0;
}
