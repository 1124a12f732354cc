// SPDX-License-Identifier: GPL-2.0
/*
 * Large binding tables: 100000 bindings inserted in batches, dumped
 * completely, flushed; and a dump that overlaps table growth misses
 * nothing that was in the table before it started.
 */
#define _GNU_SOURCE
#include "common.h"

#define NBIG		100000
#define BATCH		256
#define HOA_BASE	"2001:db8:a::"

static struct in6_addr hoa_of(uint32_t i)
{
	struct in6_addr a = dha_in6(HOA_BASE);

	i += 1;		/* never ::0 in the low bits */
	a.s6_addr[12] = i >> 24;
	a.s6_addr[13] = i >> 16;
	a.s6_addr[14] = i >> 8;
	a.s6_addr[15] = i;
	return a;
}

/* Index of a generated address, or -1 if it is not one of ours. */
static long index_of(const struct in6_addr *a)
{
	struct in6_addr base = dha_in6(HOA_BASE);
	uint32_t v;

	if (memcmp(a, &base, 12))
		return -1;
	v = (uint32_t)a->s6_addr[12] << 24 | a->s6_addr[13] << 16 |
	    a->s6_addr[14] << 8 | a->s6_addr[15];
	return (long)v - 1;
}

/*
 * Insert bindings [first, first + count) with CREATE|EXCL. Messages are
 * packed BATCH to a datagram; only the last of each batch asks for an
 * ack, so successes cost no reply and errors still come back.
 */
static int insert_range(struct dha_nl *nl, int ifindex, uint32_t first, uint32_t count,
			unsigned int *errors)
{
	static char buf[BATCH * 128];
	struct in6_addr coa = dha_in6("2001:db8:2::2");
	uint32_t i = 0;

	*errors = 0;
	while (i < count) {
		size_t off = 0;
		uint32_t last_seq = 0;
		int k, err;

		for (k = 0; k < BATCH && i < count; k++, i++) {
			struct dhamsg m;
			struct in6_addr hoa = hoa_of(first + i);

			dhamsg_init(&m, nl->family_id, DHA_CMD_BINDING_NEW,
				    NLM_F_CREATE | NLM_F_EXCL);
			dhamsg_put_u32(&m, DHA_A_IFINDEX, ifindex);
			dhamsg_nest_start(&m, DHA_A_BINDING);
			dhamsg_put_in6(&m, DHA_A_BINDING_HOME_ADDRESS, &hoa);
			dhamsg_put_in6(&m, DHA_A_BINDING_CARE_OF_ADDRESS, &coa);
			dhamsg_nest_end(&m);
			if (k == BATCH - 1 || i == count - 1)
				m.nlh.nlmsg_flags |= NLM_F_ACK;
			m.nlh.nlmsg_seq = last_seq = ++nl->sock.seq;
			if (off + m.nlh.nlmsg_len > sizeof(buf))
				return -EOVERFLOW;
			memcpy(buf + off, &m.nlh, m.nlh.nlmsg_len);
			off += NLMSG_ALIGN(m.nlh.nlmsg_len);
		}
		err = nlsock_send(&nl->sock, buf, off);
		if (err)
			return err;
		err = nlsock_wait(&nl->sock, last_seq, NULL, NULL, 30000, errors);
		if (err)
			(*errors)++;
		if (*errors)
			return -EIO;
	}
	return 0;
}

struct seen {
	uint8_t *bitmap;
	long limit;
	long unique, total, foreign;
	struct in6_addr first_foreign;
	/* a dump read datagram by datagram: ended, and with what */
	bool done;
	int error;
};

static int seen_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct seen *s = arg;
	struct dha_binding_info bi;
	long idx;

	if (dha_binding_parse(nlh, &bi))
		return 0;
	s->total++;
	idx = index_of(&bi.hoa);
	if (idx < 0 || idx >= s->limit) {
		if (!s->foreign++)
			s->first_foreign = bi.hoa;
		return 0;
	}
	if (!(s->bitmap[idx / 8] & (1 << (idx % 8)))) {
		s->bitmap[idx / 8] |= 1 << (idx % 8);
		s->unique++;
	}
	return 0;
}

/* One message of a dump read by nlsock_read(): its end stops the datagram. */
static int dump_step(const struct nlmsghdr *nlh, void *arg)
{
	struct seen *s = arg;
	struct nlsock ack = { .fd = -1 };

	if (nlsock_is_ack(nlh)) {
		s->error = nlsock_parse_ack(&ack, nlh, nlh->nlmsg_len);
		s->done = true;
		return 1;
	}
	return seen_cb(nlh, s);
}

static long first_missing(const struct seen *s, long upto)
{
	long i;

	for (i = 0; i < upto; i++)
		if (!(s->bitmap[i / 8] & (1 << (i % 8))))
			return i;
	return -1;
}

FIXTURE(big) {
	struct dha_nl nl, nl2;
	int ifindex;
	unsigned long taint;
};

FIXTURE_SETUP(big)
{
	int err;

	self->nl.sock.fd = self->nl2.sock.fd = -1;
	self->taint = dha_taint_bad();
	ASSERT_EQ(0, dha_enter_netns());
	err = dha_nl_open(&self->nl);
	if (err == -ENOENT)
		SKIP(return, "dha module not loaded");
	ASSERT_EQ(0, err);
	ASSERT_EQ(0, dha_nl_open(&self->nl2));
	nlsock_set_rcvbuf(&self->nl.sock, 4 << 20, true);
	self->ifindex = dha_create_dev("dha0");
	ASSERT_LT(0, self->ifindex);
}

FIXTURE_TEARDOWN(big)
{
	if (self->nl.sock.fd >= 0)
		dha_nl_close(&self->nl);
	if (self->nl2.sock.fd >= 0)
		dha_nl_close(&self->nl2);
	EXPECT_EQ(self->taint, dha_taint_bad()) TH_LOG("kernel tainted during the test");
}

TEST_F_TIMEOUT(big, dump_100k, 600)
{
	struct seen s = { .limit = NBIG };
	struct dha_dev_info di;
	unsigned int errors;
	struct dhamsg m;
	double t;
	long miss;

	s.bitmap = calloc(NBIG / 8 + 1, 1);
	ASSERT_NE(NULL, s.bitmap);

	t = dha_now();
	ASSERT_EQ(0, insert_range(&self->nl, self->ifindex, 0, NBIG, &errors))
		TH_LOG("%u insert errors, last extack \"%s\"", errors, self->nl.sock.extack);
	TH_LOG("inserted %d bindings in %.2f s", NBIG, dha_now() - t);

	ASSERT_NLOK(&self->nl, dha_dev_get(&self->nl, self->ifindex, &di));
	EXPECT_EQ(NBIG, di.bindings);

	/* an EXCL insert of an existing one still fails at this size */
	EXPECT_EQ(-EIO, insert_range(&self->nl, self->ifindex, NBIG / 2, 1, &errors));

	t = dha_now();
	dhamsg_init(&m, self->nl.family_id, DHA_CMD_BINDING_GET, 0);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	ASSERT_NLOK(&self->nl, dhanl_dump(&self->nl, &m, seen_cb, &s));
	TH_LOG("dumped %ld messages (%ld unique) in %.2f s", s.total, s.unique, dha_now() - t);
	EXPECT_EQ(0, s.foreign) TH_LOG("unexpected %s", in6_str(&s.first_foreign));
	miss = first_missing(&s, NBIG);
	EXPECT_EQ(-1, miss) TH_LOG("binding %ld missing from the dump", miss);
	EXPECT_EQ(NBIG, s.unique);
	/* repeats are allowed if a deferred resize overlapped the dump */
	if (s.total != NBIG)
		TH_LOG("%ld entries repeated", s.total - NBIG);

	t = dha_now();
	ASSERT_NLOK(&self->nl, dha_binding_flush(&self->nl, self->ifindex, 0));
	TH_LOG("flushed in %.2f s", dha_now() - t);
	EXPECT_EQ(0, dha_binding_count(&self->nl, self->ifindex, 0));
	ASSERT_NLOK(&self->nl, dha_dev_get(&self->nl, self->ifindex, &di));
	EXPECT_EQ(0, di.bindings);
	free(s.bitmap);
}

TEST_F_TIMEOUT(big, dump_across_resize, 300)
{
	const uint32_t before = 4000, during = 40000;
	struct seen s = { .limit = before + during };
	unsigned int errors;
	struct dhamsg m;
	int seq, n, rounds = 0;
	long miss;

	s.bitmap = calloc((before + during) / 8 + 1, 1);
	ASSERT_NE(NULL, s.bitmap);
	ASSERT_EQ(0, insert_range(&self->nl, self->ifindex, 0, before, &errors));

	dhamsg_init(&m, self->nl2.family_id, DHA_CMD_BINDING_GET, NLM_F_DUMP);
	dhamsg_put_u32(&m, DHA_A_IFINDEX, self->ifindex);
	seq = dhanl_send(&self->nl2, &m);
	ASSERT_LT(0, seq);

	while (!s.done) {
		n = nlsock_read(&self->nl2.sock, 0, 30000, dump_step, &s);
		ASSERT_LE(0, n) TH_LOG("dump recv: %s", strerror(-n));
		ASSERT_EQ(0, s.error) TH_LOG("dump failed: %s", strerror(-s.error));
		/* grow the table tenfold while the dump is in its first rounds */
		if (rounds++ < 2) {
			ASSERT_EQ(0, insert_range(&self->nl, self->ifindex,
						  before + (rounds - 1) * during / 2,
						  during / 2, &errors));
		}
	}
	TH_LOG("dump across growth: %ld messages, %ld unique, %d datagrams",
	       s.total, s.unique, rounds);
	EXPECT_EQ(0, s.foreign);
	miss = first_missing(&s, before);
	EXPECT_EQ(-1, miss) TH_LOG("binding %ld (present all along) missing", miss);
	EXPECT_LT(2, rounds) TH_LOG("dump finished before the table grew; test is void");
	EXPECT_EQ((long)(before + during),
		  dha_binding_count(&self->nl, self->ifindex, 0));
	free(s.bitmap);
}

TEST_HARNESS_MAIN
