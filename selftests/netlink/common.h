/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared fixture of the dha netlink tests: every test runs in a process of
 * its own (the harness forks) that first moves into a fresh network
 * namespace and creates dha0 there, so tests never see each other's
 * devices or bindings. The namespace dies with the process.
 */
#ifndef DHA_SELFTEST_COMMON_H
#define DHA_SELFTEST_COMMON_H

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <linux/dha.h>
#include "dhanl.h"
#include "kselftest_harness.h"

static inline int dha_enter_netns(void)
{
	if (unshare(CLONE_NEWNET))
		return -errno;
	return dha_sh("ip link set lo up") ? -EIO : 0;
}

static inline double dha_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline const char *in6_str(const struct in6_addr *a)
{
	static char buf[4][INET6_ADDRSTRLEN];
	static int i;

	i = (i + 1) % 4;
	inet_ntop(AF_INET6, a, buf[i], sizeof(buf[i]));
	return buf[i];
}

static inline bool in6_eq(const struct in6_addr *a, const char *s)
{
	struct in6_addr b = dha_in6(s);

	return !memcmp(a, &b, sizeof(b));
}

FIXTURE(dha) {
	struct dha_nl nl;
	int ifindex;
	unsigned long taint;
};

FIXTURE_SETUP(dha)
{
	int err;

	self->nl.sock.fd = -1;
	self->taint = dha_taint_bad();
	ASSERT_EQ(0, dha_enter_netns());
	err = dha_nl_open(&self->nl);
	if (err == -ENOENT)
		SKIP(return, "generic netlink family \"dha\" not registered (module not loaded?)");
	ASSERT_EQ(0, err);
	self->ifindex = dha_create_dev("dha0");
	ASSERT_LT(0, self->ifindex) TH_LOG("ip link add dha0 type dha failed");
}

FIXTURE_TEARDOWN(dha)
{
	if (self->nl.sock.fd >= 0)
		dha_nl_close(&self->nl);
	/* A WARN/BUG/lockup during the test taints the kernel. */
	EXPECT_EQ(self->taint, dha_taint_bad())
		TH_LOG("kernel got tainted (W/D/L) during the test; see dmesg");
}

/*
 * Expect @expr == -@err with extack: a message, or (for a missing
 * attribute, the kernel's GENL_REQ_ATTR_CHECK habit) NLMSGERR_ATTR_MISS_TYPE.
 */
#define EXPECT_NLERR(nl, err, expr, what) do {				\
	int __r = (expr);						\
	EXPECT_EQ(-(err), __r)						\
		TH_LOG("%s: got %d (%s), extack \"%s\"", (what), __r,	\
		       strerror(-__r), (nl)->sock.extack);		\
	if (__r == -(err)) {						\
		EXPECT_TRUE((nl)->sock.extack[0] || (nl)->sock.has_missing_type) \
			TH_LOG("%s: no extack message", (what));	\
	}								\
} while (0)

/* Expect EINVAL for a missing attribute @type: MISS_TYPE names it (or a message). */
#define EXPECT_NLMISS(nl, type, expr, what) do {			\
	int __r = (expr);						\
	EXPECT_EQ(-EINVAL, __r)						\
		TH_LOG("%s: got %d (%s), extack \"%s\"", (what), __r,	\
		       strerror(-__r), (nl)->sock.extack);		\
	if (__r == -EINVAL && (nl)->sock.has_missing_type) {		\
		EXPECT_EQ((uint32_t)(type), (nl)->sock.missing_type)	\
			TH_LOG("%s: wrong missing attribute", (what));	\
	} else if (__r == -EINVAL) {					\
		EXPECT_TRUE((nl)->sock.extack[0])			\
			TH_LOG("%s: neither MISS_TYPE nor message", (what)); \
	}								\
} while (0)

#define ASSERT_NLOK(nl, expr) do {					\
	int __r = (expr);						\
	ASSERT_EQ(0, __r)						\
		TH_LOG("%s: %d (%s), extack \"%s\"", #expr, __r,	\
		       strerror(-__r), (nl)->sock.extack);		\
} while (0)

#endif
