// SPDX-License-Identifier: GPL-2.0-only
/* The LMA's decisions on Proxy Binding Updates (RFC 5213 5.3). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "pmip/config.h"
#include "pmip/lmacache.h"
#include "wire/numbers.h"
#include "check.h"

static struct pmip_config config;
static struct in6_addr mag1, mag2, stranger;
/* Wall clock in timestamp units: one second is 65536. */
#define SEC 65536ull
static const uint64_t t0 = 1700000000ull * SEC;

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	inet_pton(AF_INET6, text, &a);
	return a;
}

static void setup(void)
{
	memset(&config, 0, sizeof(config));
	config.role = PMIP_ROLE_LMA;
	config.hnp_pool.address = addr("2001:db8:100::");
	config.hnp_pool.length = 62;	/* four /64s */
	config.max_lifetime = 600;
	mag1 = addr("2001:db8:a1::2");
	mag2 = addr("2001:db8:a2::2");
	stranger = addr("2001:db8:a9::2");
	config.mags[0] = mag1;
	config.mags[1] = mag2;
	config.mag_count = 2;
}

/* A PBU from a MAG: identifier, prefix (NULL: ::), lifetime in seconds. */
static struct dha_pmip_msg pbu(const char *id, const char *prefix,
			       uint32_t lifetime, uint64_t ts, uint16_t seq)
{
	struct dha_pmip_msg m = { .type = DHA_MH_BU };

	m.u.bu.seq = seq;
	m.u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_P;
	m.u.bu.lifetime = (uint16_t)(lifetime / 4);
	m.opts.has_mn_id = true;
	m.opts.mn_id_subtype = DHA_MN_ID_NAI;
	m.opts.mn_id = (const uint8_t *)id;
	m.opts.mn_id_len = strlen(id);
	m.opts.hnp_count = 1;
	m.opts.hnp[0].prefix_len = prefix ? 64 : 0;
	if (prefix)
		m.opts.hnp[0].prefix = addr(prefix);
	m.opts.has_handoff = true;
	m.opts.handoff = DHA_HI_NEW_INTERFACE;
	m.opts.has_att = true;
	m.opts.att = DHA_ATT_IEEE_802_3;
	m.opts.has_timestamp = ts != 0;
	m.opts.timestamp = ts;
	return m;
}

static struct lma_decision decide(struct lma_cache *c,
				  const struct dha_pmip_msg *m,
				  const struct in6_addr *from, uint64_t now_ts)
{
	struct lma_decision d;

	CHECK_INT(lma_decide(c, &config, m, from, 1000, now_ts, &d), 0);
	return d;
}

static bool hnp_is(const struct lma_entry *e, const char *text)
{
	struct in6_addr a = addr(text);

	return e && e->hnp.length == 64 && !memcmp(&e->hnp.address, &a, 16);
}

static void test_lmacache_first_registration(void)
{
	struct lma_cache c;
	struct dha_pmip_msg m = pbu("mn1@example", NULL, 1000, t0, 1);
	struct lma_decision d;

	setup();
	lma_cache_init(&c);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, 0);
	CHECK_INT(d.action, LMA_BIND);
	CHECK(d.created);
	CHECK_INT(d.lifetime, 600);	/* max-lifetime caps 1000 */
	CHECK(hnp_is(d.entry, "2001:db8:100::"));
	CHECK(!memcmp(&d.entry->mag, &mag1, 16));
	CHECK_INT(d.entry->expiry_ms, 1000 + 600000);
	CHECK_INT(c.count, 1);
	/* A second mobile node gets another prefix. */
	m = pbu("mn2@example", NULL, 40, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, 0);
	CHECK(hnp_is(d.entry, "2001:db8:100:1::"));
	CHECK_INT(d.lifetime, 40);
	lma_cache_free(&c);
	CHECK_INT(c.count, 0);
}

static void test_lmacache_refusals(void)
{
	struct lma_cache c;
	struct dha_pmip_msg m = pbu("mn1", NULL, 100, t0, 1);
	struct lma_decision d;

	setup();
	lma_cache_init(&c);
	d = decide(&c, &m, &stranger, t0);
	CHECK_INT(d.status, DHA_PBA_MAG_NOT_AUTHORIZED_FOR_PROXY_REG);
	CHECK_INT(d.action, LMA_NOTHING);
	CHECK_INT(c.count, 0);
	m.opts.has_handoff = false;
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_PBA_MISSING_HANDOFF_INDICATOR_OPTION);
	m = pbu("mn1", NULL, 100, t0, 1);
	m.opts.has_mn_id = false;
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_PBA_MISSING_MN_IDENTIFIER_OPTION);
	/* A clock off by more than the window. */
	m = pbu("mn1", NULL, 100, t0 - SEC, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_PBA_TIMESTAMP_MISMATCH);
	m = pbu("mn1", NULL, 100, t0 + SEC / 10, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, 0);
	/* A prefix outside the pool, or another mobile node's. */
	m = pbu("mn2", "2001:db8:200::", 100, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_PBA_NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX);
	m = pbu("mn2", "2001:db8:100::", 100, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_PBA_NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX);
	/* mn1 naming a prefix it does not hold. */
	m = pbu("mn1", "2001:db8:100:2::", 100, t0 + SEC / 5, 2);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_PBA_BCE_PBU_PREFIX_SET_DO_NOT_MATCH);
	/* A free /64 of the pool, named, is given. */
	m = pbu("mn3", "2001:db8:100:3::", 100, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, 0);
	CHECK(hnp_is(d.entry, "2001:db8:100:3::"));
	CHECK_INT(c.count, 2);
	lma_cache_free(&c);
}

static void test_lmacache_pool_exhausted(void)
{
	struct lma_cache c;
	struct dha_pmip_msg m;
	struct lma_decision d;
	char id[8];
	int i;

	setup();
	lma_cache_init(&c);
	for (i = 0; i < 4; i++) {
		snprintf(id, sizeof(id), "mn%d", i);
		m = pbu(id, NULL, 100, t0, 1);
		d = decide(&c, &m, &mag1, t0);
		CHECK_INT(d.status, 0);
	}
	m = pbu("mn9", NULL, 100, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, DHA_BA_INSUFFICIENT_RESOURCES);
	CHECK_INT(c.count, 4);
	lma_cache_free(&c);
}

/* Handoff keeps the prefix; the old MAG's late deregistration changes nothing. */
static void test_lmacache_handoff(void)
{
	struct lma_cache c;
	struct dha_pmip_msg m = pbu("mn1", NULL, 100, t0, 1);
	struct lma_decision d;
	struct lma_entry *e;

	setup();
	lma_cache_init(&c);
	e = decide(&c, &m, &mag1, t0).entry;
	/* Refresh from MAG1 with the prefix. */
	m = pbu("mn1", "2001:db8:100::", 100, t0 + SEC / 10, 2);
	d = decide(&c, &m, &mag1, t0 + SEC / 10);
	CHECK_INT(d.status, 0);
	CHECK(!d.created && !d.handoff);
	CHECK(d.entry == e);
	/* MAG2, which does not know the prefix yet. */
	m = pbu("mn1", NULL, 100, t0 + SEC / 5, 1);
	m.opts.handoff = DHA_HI_OTHER_MAG;
	d = decide(&c, &m, &mag2, t0 + SEC / 5);
	CHECK_INT(d.status, 0);
	CHECK_INT(d.action, LMA_BIND);
	CHECK(d.handoff);
	CHECK(!memcmp(&d.old_mag, &mag1, 16));
	CHECK_INT(d.old_state, LMA_ENTRY_ACTIVE);
	CHECK(d.entry == e && hnp_is(e, "2001:db8:100::"));
	CHECK(!memcmp(&e->mag, &mag2, 16));
	/* MAG1's deregistration, late: accepted, nothing done. */
	m = pbu("mn1", "2001:db8:100::", 0, t0 + SEC / 4, 3);
	d = decide(&c, &m, &mag1, t0 + SEC / 4);
	CHECK_INT(d.status, 0);
	CHECK_INT(d.action, LMA_NOTHING);
	CHECK_INT(e->state, LMA_ENTRY_ACTIVE);
	CHECK(!memcmp(&e->mag, &mag2, 16));
	/* An older timestamp than the accepted one. */
	m = pbu("mn1", "2001:db8:100::", 100, t0 + SEC / 10, 9);
	d = decide(&c, &m, &mag2, t0 + SEC / 5);
	CHECK_INT(d.status, DHA_PBA_TIMESTAMP_LOWER_THAN_PREV_ACCEPTED);
	CHECK_INT(d.action, LMA_NOTHING);
	lma_cache_free(&c);
}

/* Deregistration by the serving MAG keeps the prefix for the next one. */
static void test_lmacache_deregistration(void)
{
	struct lma_cache c;
	struct dha_pmip_msg m = pbu("mn1", NULL, 100, t0, 1);
	struct lma_decision d;
	struct lma_entry *e;

	setup();
	lma_cache_init(&c);
	e = decide(&c, &m, &mag1, t0).entry;
	m = pbu("mn1", "2001:db8:100::", 0, t0 + SEC / 10, 2);
	d = decide(&c, &m, &mag1, t0 + SEC / 10);
	CHECK_INT(d.status, 0);
	CHECK_INT(d.action, LMA_UNBIND);
	CHECK_INT(e->state, LMA_ENTRY_DELETING);
	CHECK_INT(e->expiry_ms, 1000 + LMA_DELETE_DELAY_MS);
	/* Again: nothing more to undo. */
	m.opts.timestamp += SEC / 100;
	d = decide(&c, &m, &mag1, t0 + SEC / 10);
	CHECK_INT(d.action, LMA_NOTHING);
	/* MAG2 within the delay: the same prefix, bound again. */
	m = pbu("mn1", NULL, 100, t0 + SEC / 5, 1);
	d = decide(&c, &m, &mag2, t0 + SEC / 5);
	CHECK_INT(d.status, 0);
	CHECK_INT(d.action, LMA_BIND);
	CHECK(d.entry == e && hnp_is(e, "2001:db8:100::"));
	CHECK_INT(e->state, LMA_ENTRY_ACTIVE);
	lma_cache_free(&c);
}

/* Without timestamps, sequence numbers order one MAG's PBUs. */
static void test_lmacache_sequence(void)
{
	struct lma_cache c;
	struct dha_pmip_msg m = pbu("mn1", NULL, 100, 0, 65535);
	struct lma_decision d;

	setup();
	lma_cache_init(&c);
	CHECK_INT(decide(&c, &m, &mag1, t0).status, 0);
	m = pbu("mn1", "2001:db8:100::", 100, 0, 65535);
	CHECK_INT(decide(&c, &m, &mag1, t0).status, DHA_BA_SEQ_OUT_OF_WINDOW);
	m = pbu("mn1", "2001:db8:100::", 100, 0, 0);	/* wraps */
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, 0);
	lma_cache_free(&c);
}

/* After a restart: entries from the kernel, named by the next refresh. */
static void test_lmacache_restore(void)
{
	struct lma_cache c;
	struct dhad_prefix p = { .address = addr("2001:db8:100:1::"),
				 .length = 64 };
	struct dha_pmip_msg m;
	struct lma_decision d;
	struct lma_entry *e;
	char id[32];

	setup();
	lma_cache_init(&c);
	CHECK_INT(lma_cache_restore(&c, &p, &mag1, 50, 1000, &e), 0);
	CHECK_INT(lma_cache_restore(&c, &p, &mag2, 50, 1000, &e), -EEXIST);
	CHECK_STR(lma_entry_id(e, id, sizeof(id)), "?");
	/* A new mobile node does not get the restored prefix. */
	m = pbu("mn2", NULL, 100, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK(hnp_is(d.entry, "2001:db8:100::"));
	d = decide(&c, &m, &mag1, t0);
	m = pbu("mn3", NULL, 100, t0, 1);
	d = decide(&c, &m, &mag1, t0);
	CHECK(hnp_is(d.entry, "2001:db8:100:2::"));
	/* The refresh names the restored entry. */
	m = pbu("mn1", "2001:db8:100:1::", 100, t0, 7);
	d = decide(&c, &m, &mag1, t0);
	CHECK_INT(d.status, 0);
	CHECK(d.entry == e && !d.created);
	CHECK_STR(lma_entry_id(e, id, sizeof(id)), "mn1");
	CHECK(lma_cache_by_id(&c, (const uint8_t *)"mn1", 3) == e);
	lma_cache_free(&c);
}

SUITE(lmacache,
      TEST_CASE(test_lmacache_first_registration),
      TEST_CASE(test_lmacache_refusals),
      TEST_CASE(test_lmacache_pool_exhausted),
      TEST_CASE(test_lmacache_handoff),
      TEST_CASE(test_lmacache_deregistration),
      TEST_CASE(test_lmacache_sequence),
      TEST_CASE(test_lmacache_restore));
