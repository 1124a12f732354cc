// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SPD mirror's netlink side: the XFRMNLGRP_POLICY notifications and
 * the policy dumps. See ipsec.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>

#include "nlsock.h"
#include "sys/ipsec.h"
#include "sys/log.h"
#include "sys/spd.h"
#include "wire/numbers.h"

/* A failed dump is tried again after this long. */
#define RESYNC_RETRY_MS 1000
/* Room for notification bursts (an IKE daemon installing many SAs). */
#define EVENTS_RCVBUF (4 << 20)

struct ipsec {
	struct loop *loop;
	struct nlsock events;		/* subscribed, read without blocking */
	struct loop_io *io;
	struct nlsock dump;
	struct spd spd;
	bool in_sync;			/* the mirror matches the kernel */
	struct loop_timer retry;
};

/* A policy of a dump or a notification into the mirror. */
static int apply(const struct nlmsghdr *nlh, void *arg)
{
	return spd_apply(arg, nlh, nlh->nlmsg_len);
}

/* Dumps every policy into the (cleared) mirror. */
static int dump(struct ipsec *ipsec)
{
	struct nlmsghdr req = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = XFRM_MSG_GETPOLICY,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		.nlmsg_seq = ++ipsec->dump.seq,
	};

	spd_clear(&ipsec->spd);
	/* Read to the end even after a failure, which is returned. */
	return nlsock_request(&ipsec->dump, &req, apply, &ipsec->spd);
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

/* A notification: 1 if the mirror could not follow it. */
static int follow(const struct nlmsghdr *nlh, void *arg)
{
	return apply(nlh, arg) ? 1 : 0;
}

/* Once the mirror is lost, the rest is only drained. */
static int drain(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	return 0;
}

static void events_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct ipsec *ipsec = arg;
	bool lost = false;
	int ret;

	(void)io;
	(void)fd;
	(void)events;
	for (;;) {
		ret = nlsock_read(&ipsec->events, MSG_DONTWAIT, -1,
				  lost ? drain : follow, &ipsec->spd);
		if (ret == -ENOBUFS || ret > 0) {
			lost = true;
			continue;
		}
		if (ret == -EAGAIN || ret == -EWOULDBLOCK)
			break;
		if (ret) {
			log_warn("ipsec: reading xfrm notifications: %s",
				 strerror(-ret));
			break;
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
	struct ipsec *ipsec = calloc(1, sizeof(*ipsec));
	int ret;

	if (!ipsec) {
		log_err("out of memory");
		return -ENOMEM;
	}
	ipsec->loop = loop;
	ipsec->events.fd = ipsec->dump.fd = -1;
	timer_init(&ipsec->retry, retry_expired);
	ret = spd_init(&ipsec->spd);
	if (ret) {
		log_err("ipsec: %s", strerror(-ret));
		goto fail;
	}
	ret = nlsock_open(&ipsec->events, NETLINK_XFRM);
	if (!ret) {
		/* Best effort: an overrun only costs a dump. */
		nlsock_set_rcvbuf(&ipsec->events, EVENTS_RCVBUF, false);
		ret = nlsock_join(&ipsec->events, XFRMNLGRP_POLICY);
	}
	if (ret) {
		log_err("ipsec: cannot follow the xfrm policies: %s",
			strerror(-ret));
		goto fail;
	}
	ret = nlsock_open(&ipsec->dump, NETLINK_XFRM);
	if (ret) {
		log_err("ipsec: cannot open a NETLINK_XFRM socket: %s",
			strerror(-ret));
		goto fail;
	}
	/* Subscribed first: no change falls between the dump and the events. */
	resync(ipsec);
	ipsec->io = loop_io_add(loop, ipsec->events.fd, LOOP_READ, events_io,
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
	nlsock_close(&ipsec->events);
	nlsock_close(&ipsec->dump);
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

bool ipsec_icmp_protected(const struct ipsec *ipsec,
			  const struct in6_addr *source,
			  const struct in6_addr *destination, uint8_t type)
{
	return ipsec && ipsec->in_sync &&
	       spd_flow_protected(&ipsec->spd, source, destination,
				  IPPROTO_ICMPV6, type);
}

size_t ipsec_policy_count(const struct ipsec *ipsec)
{
	return ipsec ? ipsec->spd.count : 0;
}
