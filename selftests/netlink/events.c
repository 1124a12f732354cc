// SPDX-License-Identifier: GPL-2.0
/*
 * dha "events" multicast group: binding-new-ntf on add and replace,
 * binding-del-ntf with the reason (deleted, expired, flushed), lifetime
 * expiry, and no notifications across network namespaces.
 */
#define _GNU_SOURCE
#include "common.h"

#define COA	"2001:db8:2::2"

struct ntf {
	uint8_t cmd;
	struct dha_binding_info bi;
};

/*
 * Wait for the next notification on @ev; returns 0, -ETIMEDOUT or an
 * error. Several notifications may arrive in one datagram: they are
 * queued in @q.
 */
struct ntf_queue {
	struct ntf items[64];
	int head, tail;
};

/* One notification of a datagram into the queue. */
static int queue_ntf(const struct nlmsghdr *nlh, void *arg)
{
	struct ntf_queue *q = arg;
	struct ntf *t;

	if ((q->tail + 1) % 64 == q->head)
		return -ENOBUFS;
	t = &q->items[q->tail];
	t->cmd = ((const struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;
	if (dha_binding_parse(nlh, &t->bi))
		return -EBADMSG;
	q->tail = (q->tail + 1) % 64;
	return 0;
}

static int next_ntf(struct dha_nl *ev, struct ntf_queue *q, struct ntf *out, int timeout_ms)
{
	double deadline = dha_now() + timeout_ms / 1000.0;

	while (q->head == q->tail) {
		int left = (int)((deadline - dha_now()) * 1000);
		int err;

		if (left < 0)
			return -ETIMEDOUT;
		err = dha_nl_receive_events(ev, &ev->sock, 0, left, queue_ntf, q);
		if (err)
			return err;
	}
	*out = q->items[q->head];
	q->head = (q->head + 1) % 64;
	return 0;
}

FIXTURE(ev) {
	struct dha_nl nl, ev;
	struct ntf_queue q;
	int ifindex;
	unsigned long taint;
};

FIXTURE_SETUP(ev)
{
	int err;

	self->nl.sock.fd = self->ev.sock.fd = -1;
	self->taint = dha_taint_bad();
	ASSERT_EQ(0, dha_enter_netns());
	err = dha_nl_open(&self->nl);
	if (err == -ENOENT)
		SKIP(return, "dha module not loaded");
	ASSERT_EQ(0, err);
	ASSERT_EQ(0, dha_nl_open(&self->ev));
	ASSERT_EQ(0, dha_nl_subscribe_events(&self->ev, &self->ev.sock));
	self->ifindex = dha_create_dev("dha0");
	ASSERT_LT(0, self->ifindex);
}

FIXTURE_TEARDOWN(ev)
{
	if (self->nl.sock.fd >= 0)
		dha_nl_close(&self->nl);
	if (self->ev.sock.fd >= 0)
		dha_nl_close(&self->ev);
	EXPECT_EQ(self->taint, dha_taint_bad()) TH_LOG("kernel tainted during the test");
}

TEST_F(ev, new_replace_del)
{
	struct dha_binding_req b = { .hoa = "2001:db8:1::100", .coa = COA,
				     .prefixes = { "2001:db8:100::/48" } };
	struct ntf n;

	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	EXPECT_EQ(DHA_CMD_BINDING_NEW_NTF, n.cmd);
	EXPECT_EQ(self->ifindex, n.bi.ifindex);
	EXPECT_TRUE(in6_eq(&n.bi.hoa, "2001:db8:1::100"));
	EXPECT_TRUE(in6_eq(&n.bi.coa, COA));
	EXPECT_EQ(DHA_BINDING_KIND_HOME, n.bi.kind);
	EXPECT_EQ(1, n.bi.nprefix);

	/* a failed request sends nothing; the replace does */
	EXPECT_EQ(-EEXIST, dha_binding_new(&self->nl, self->ifindex,
					   NLM_F_CREATE | NLM_F_EXCL, &b));
	b.coa = "2001:db8:2::7";
	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_REPLACE, &b));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	EXPECT_EQ(DHA_CMD_BINDING_NEW_NTF, n.cmd);
	EXPECT_TRUE(in6_eq(&n.bi.coa, "2001:db8:2::7")) TH_LOG("coa %s", in6_str(&n.bi.coa));

	ASSERT_NLOK(&self->nl, dha_binding_del(&self->nl, self->ifindex, b.hoa, 0));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	EXPECT_EQ(DHA_CMD_BINDING_DEL_NTF, n.cmd);
	EXPECT_TRUE(in6_eq(&n.bi.hoa, "2001:db8:1::100"));
	EXPECT_TRUE(n.bi.has_del_reason);
	EXPECT_EQ(DHA_DEL_REASON_DELETED, n.bi.del_reason);

	/* nothing else is pending */
	EXPECT_EQ(-ETIMEDOUT, next_ntf(&self->ev, &self->q, &n, 300))
		TH_LOG("unexpected notification cmd %u", n.cmd);
}

TEST_F(ev, expiry)
{
	struct dha_binding_req b = { .hoa = "2001:db8:1::200", .coa = COA, .lifetime = 2 };
	struct dha_binding_req keep = { .hoa = "2001:db8:1::201", .coa = COA, .lifetime = 600 };
	struct dha_binding_info bi;
	double t0, dt;
	struct ntf n;

	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_EXCL, &keep));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	t0 = dha_now();
	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	EXPECT_EQ(DHA_CMD_BINDING_NEW_NTF, n.cmd);
	EXPECT_TRUE(in6_eq(&n.bi.hoa, b.hoa));
	ASSERT_NLOK(&self->nl, dha_binding_get(&self->nl, self->ifindex, b.hoa, &bi));
	EXPECT_TRUE(bi.has_lifetime);
	EXPECT_LE(1, bi.lifetime);
	EXPECT_GE(2, bi.lifetime);

	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 6000))
		TH_LOG("no notification within 6 s of a 2 s lifetime");
	dt = dha_now() - t0;
	EXPECT_EQ(DHA_CMD_BINDING_DEL_NTF, n.cmd);
	EXPECT_TRUE(in6_eq(&n.bi.hoa, b.hoa)) TH_LOG("expired %s", in6_str(&n.bi.hoa));
	EXPECT_EQ(DHA_DEL_REASON_EXPIRED, n.bi.del_reason);
	EXPECT_LE(1.0, dt) TH_LOG("expired after %.2f s, lifetime 2", dt);
	EXPECT_GE(5.0, dt) TH_LOG("expired after %.2f s, lifetime 2", dt);
	TH_LOG("lifetime 2 expired after %.2f s", dt);

	EXPECT_EQ(-ENOENT, dha_binding_get(&self->nl, self->ifindex, b.hoa, &bi));
	/* the long-lived one is untouched */
	ASSERT_NLOK(&self->nl, dha_binding_get(&self->nl, self->ifindex, keep.hoa, &bi));
	EXPECT_EQ(1, dha_binding_count(&self->nl, self->ifindex, 0));
}

TEST_F(ev, replace_extends_lifetime)
{
	struct dha_binding_req b = { .hoa = "2001:db8:1::300", .coa = COA, .lifetime = 2 };
	struct dha_binding_info bi;
	struct ntf n;

	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_EXCL, &b));
	b.lifetime = 100;
	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex, NLM_F_REPLACE, &b));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	EXPECT_EQ(DHA_CMD_BINDING_NEW_NTF, n.cmd);
	/* 4 s later it must still be there */
	EXPECT_EQ(-ETIMEDOUT, next_ntf(&self->ev, &self->q, &n, 4000))
		TH_LOG("unexpected notification cmd %u reason %u", n.cmd, n.bi.del_reason);
	ASSERT_NLOK(&self->nl, dha_binding_get(&self->nl, self->ifindex, b.hoa, &bi));
	EXPECT_LE(95, bi.lifetime);
}

TEST_F(ev, flush)
{
	bool seen[3] = { false, false, false };
	char hoa[3][64];
	struct ntf n;
	int i;

	for (i = 0; i < 3; i++) {
		struct dha_binding_req b = { .hoa = hoa[i], .coa = COA };

		snprintf(hoa[i], sizeof(hoa[i]), "2001:db8:1::4%d", i);
		ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
						       NLM_F_CREATE | NLM_F_EXCL, &b));
		ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	}
	ASSERT_NLOK(&self->nl, dha_binding_flush(&self->nl, self->ifindex, 0));
	for (i = 0; i < 3; i++) {
		int k;

		ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000)) TH_LOG("flush ntf %d", i);
		EXPECT_EQ(DHA_CMD_BINDING_DEL_NTF, n.cmd);
		EXPECT_EQ(DHA_DEL_REASON_FLUSHED, n.bi.del_reason);
		for (k = 0; k < 3; k++)
			if (in6_eq(&n.bi.hoa, hoa[k]))
				seen[k] = true;
	}
	EXPECT_TRUE(seen[0] && seen[1] && seen[2]);
	EXPECT_EQ(-ETIMEDOUT, next_ntf(&self->ev, &self->q, &n, 300));
}

TEST_F(ev, other_netns_silent)
{
	struct dha_binding_req b = { .hoa = "2001:db8:1::500", .coa = COA };
	struct dha_binding_req a = { .hoa = "2001:db8:1::501", .coa = COA };
	struct dha_nl nlb;
	struct ntf n;
	int idx_b;

	ASSERT_EQ(0, dha_enter_netns());	/* B; self->ev stays in A */
	ASSERT_EQ(0, dha_nl_open(&nlb));
	idx_b = dha_create_dev("dha0");
	ASSERT_LT(0, idx_b);
	ASSERT_NLOK(&nlb, dha_binding_new(&nlb, idx_b, NLM_F_CREATE | NLM_F_EXCL, &b));
	ASSERT_NLOK(&nlb, dha_binding_del(&nlb, idx_b, b.hoa, 0));
	/* sent after B's: if B's leaked, they would come first */
	ASSERT_NLOK(&self->nl, dha_binding_new(&self->nl, self->ifindex,
					       NLM_F_CREATE | NLM_F_EXCL, &a));
	ASSERT_EQ(0, next_ntf(&self->ev, &self->q, &n, 3000));
	EXPECT_TRUE(in6_eq(&n.bi.hoa, a.hoa))
		TH_LOG("got a notification for %s from another netns", in6_str(&n.bi.hoa));
	dha_nl_close(&nlb);
}

TEST_HARNESS_MAIN
