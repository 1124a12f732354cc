// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>

#include "check.h"
#include "pmip_equal.h"
#include "pmip_vectors.h"
#include "wire/mh.h"
#include "wire/pmip.h"

/* The PBU of pmip_vectors.h as fields. */
static void vector_fields(struct dha_pmip_msg *m, uint8_t type)
{
	static const uint8_t ll_id[] = { 0x02, 0, 0, 0, 0, 0x01 };

	memset(m, 0, sizeof(*m));
	m->type = type;
	if (type == DHA_MH_BU) {
		m->u.bu.seq = 1;
		m->u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_P;
		m->u.bu.lifetime = 150;
	} else {
		m->u.ba.status = DHA_BA_ACCEPTED;
		m->u.ba.flags = DHA_BA_FLAG_P;
		m->u.ba.seq = 1;
		m->u.ba.lifetime = 150;
	}
	m->opts.has_mn_id = true;
	m->opts.mn_id_subtype = DHA_MN_ID_NAI;
	m->opts.mn_id = (const uint8_t *)PMIP_VEC_MN_ID;
	m->opts.mn_id_len = strlen(PMIP_VEC_MN_ID);
	m->opts.hnp_count = 1;
	m->opts.hnp[0].prefix_len = 64;
	m->opts.hnp[0].prefix = addr6(PMIP_VEC_HNP);
	m->opts.has_handoff = true;
	m->opts.handoff = DHA_HI_NEW_INTERFACE;
	m->opts.has_att = true;
	m->opts.att = DHA_ATT_IEEE_802_3;
	m->opts.has_ll_id = true;
	m->opts.ll_id = ll_id;
	m->opts.ll_id_len = sizeof(ll_id);
	m->opts.has_link_local = true;
	m->opts.link_local = addr6(PMIP_VEC_LINK_LOCAL);
	m->opts.has_timestamp = true;
	m->opts.timestamp = PMIP_VEC_TIMESTAMP;
}

/* Decode a vector, compare every field, and rebuild it octet for octet
 * (the checksum too, once set over the same addresses). */
static void check_vector(const uint8_t *bytes, size_t len, uint8_t type,
			 const char *src, const char *dst)
{
	struct in6_addr s = addr6(src), d = addr6(dst);
	struct dha_pmip_msg m, want;
	uint8_t out[DHA_MH_MAX_LEN];
	size_t out_len = 0;

	vector_fields(&want, type);
	CHECK(dha_mh_checksum_ok(bytes, len, &s, &d));
	CHECK_EQ(dha_pmip_parse(bytes, len, &m), 0);
	CHECK_EQ(m.fault, DHA_MH_FAULT_NONE);
	CHECK_EQ(m.len, len);
	CHECK_EQ(m.checksum, bytes[4] << 8 | bytes[5]);
	CHECK_EQ(m.opts.skipped, 0);
	CHECK(pmip_msg_equal(&m, &want));
	CHECK_EQ(m.opts.mn_id_len, 15);
	CHECK_MEM(m.opts.mn_id, "mn1@example.org", 15);
	CHECK_EQ(m.opts.timestamp >> 16, 1700000000);
	CHECK_EQ(m.opts.timestamp & 0xffff, 0x8000);
	CHECK_EQ(dha_pbu_missing_status(&m.opts), 0);

	CHECK_EQ(dha_pmip_build(out, sizeof(out), &want, &out_len), 0);
	CHECK_EQ(out_len, len);
	CHECK_EQ(out[4] | out[5], 0);
	dha_mh_checksum_set(out, out_len, &s, &d);
	CHECK_MEM(out, bytes, len);
}

static void test_pbu_vector(void)
{
	check_vector(pmip_vec_pbu, sizeof(pmip_vec_pbu), DHA_MH_BU,
		     PMIP_VEC_MAG, PMIP_VEC_LMA);
}

static void test_pba_vector(void)
{
	check_vector(pmip_vec_pba, sizeof(pmip_vec_pba), DHA_MH_BA,
		     PMIP_VEC_LMA, PMIP_VEC_MAG);
}

/* A PBU (seq 7, A|H|P, lifetime 1) with the given option octets, padded
 * to 8n with Pad1 or PadN; returns its length. */
static size_t pbu_with(uint8_t *out, const uint8_t *opts, size_t n)
{
	static const uint8_t head[] = {
		59, 0, DHA_MH_BU, 0, 0, 0, 0, 7, 0xc2, 0, 0, 1,
	};
	size_t len = sizeof(head) + n, gap = (8 - len % 8) % 8;

	memcpy(out, head, sizeof(head));
	memcpy(out + sizeof(head), opts, n);
	if (gap == 1) {
		out[len] = DHA_MHOPT_PAD1;
	} else if (gap) {
		out[len] = DHA_MHOPT_PADN;
		out[len + 1] = (uint8_t)(gap - 2);
		memset(out + len + 2, 0, gap - 2);
	}
	len += gap;
	out[1] = (uint8_t)(len / 8 - 1);
	return len;
}

static void test_options_one_by_one(void)
{
	static const uint8_t mn_id_other[] = { 8, 4, 3, 0x00, 0x01, 0xff };
	static const uint8_t hnp_request[] = {
		22, 18, 0xaa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	static const uint8_t hi_att[] = { 23, 2, 0xff, 3, 24, 2, 0xff, 200 };
	static const uint8_t ll_id_eui64[] = { 25, 10, 0xff, 0xff, 1, 2, 3, 4,
					       5, 6, 7, 8 };
	static const uint8_t lla_any[] = { 26, 16, 0, 0, 0, 0, 0, 0, 0, 0,
					   0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t ts[] = { 27, 8, 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t buf[64];
	struct dha_pmip_msg m;
	struct in6_addr any = IN6ADDR_ANY_INIT;
	size_t len;

	/* any subtype; no check on identifiers that are not NAIs */
	len = pbu_with(buf, mn_id_other, sizeof(mn_id_other));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK(m.opts.has_mn_id);
	CHECK_EQ(m.opts.mn_id_subtype, 3);
	CHECK(bytes_equal(m.opts.mn_id, m.opts.mn_id_len,
			  mn_id_other + 3, 3));
	CHECK_EQ(m.u.bu.seq, 7);
	CHECK_EQ(m.u.bu.lifetime, 1);
	CHECK_EQ(dha_pbu_missing_status(&m.opts),
		 DHA_PBA_MISSING_HOME_NETWORK_PREFIX_OPTION);

	/* the all-zero prefix asks for one; the reserved octet is ignored */
	len = pbu_with(buf, hnp_request, sizeof(hnp_request));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK_EQ(m.opts.hnp_count, 1);
	CHECK_EQ(m.opts.hnp[0].prefix_len, 0);
	CHECK(addr_eq(&m.opts.hnp[0].prefix, &any));

	/* values RFC 5213 does not name are kept, reserved octets ignored */
	len = pbu_with(buf, hi_att, sizeof(hi_att));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK(m.opts.has_handoff && m.opts.has_att);
	CHECK_EQ(m.opts.handoff, DHA_HI_OTHER_MAG);
	CHECK_EQ(m.opts.att, 200);

	len = pbu_with(buf, ll_id_eui64, sizeof(ll_id_eui64));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK(bytes_equal(m.opts.ll_id, m.opts.ll_id_len, ll_id_eui64 + 4, 8));

	len = pbu_with(buf, lla_any, sizeof(lla_any));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK(m.opts.has_link_local);
	CHECK(addr_eq(&m.opts.link_local, &any));

	len = pbu_with(buf, ts, sizeof(ts));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK(m.opts.has_timestamp);
	CHECK(m.opts.timestamp == 0x0102030405060708ull);
	CHECK_EQ(m.opts.skipped, 0);
}

/* RFC 5213 8.1: options the LMA does not understand are skipped. */
static void test_other_options_skipped(void)
{
	static const uint8_t opts[] = {
		DHA_MHOPT_PAD1,
		3, 16, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
		19, 5, 0, 0, 0x1f, 0x98, 1,
		200, 0,
		23, 2, 0, 5,
	};
	uint8_t buf[64];
	struct dha_pmip_msg m;
	size_t len = pbu_with(buf, opts, sizeof(opts));

	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK_EQ(m.opts.skipped, 3);
	CHECK(m.opts.has_handoff);
	CHECK_EQ(m.opts.handoff, DHA_HI_NOT_CHANGED);
}

struct bad_case {
	const char *name;
	uint8_t opts[40];
	size_t len;
	int err;
};

#define BAD(n, e, ...) { n, { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ }), e }

static const struct bad_case bad_cases[] = {
	BAD("option overruns the message", -EBADMSG, 23, 60, 0, 1),
	BAD("MN-ID without an identifier", -EBADMSG, 8, 1, 1),
	BAD("MN-ID with no subtype", -EBADMSG, 8, 0),
	BAD("NAI with a NUL", -EBADMSG, 8, 4, 1, 'a', 0, 'b'),
	BAD("NAI with a newline", -EBADMSG, 8, 3, 1, 'a', '\n'),
	BAD("NAI with DEL", -EBADMSG, 8, 2, 1, 0x7f),
	BAD("MN-ID twice", -EBADMSG, 8, 2, 1, 'a', 8, 2, 1, 'b'),
	BAD("HNP of 17 octets", -EBADMSG, 22, 17, 0, 64, 0x20, 1, 0, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0),
	BAD("HNP prefix length 129", -EBADMSG, 22, 18, 0, 129, 0x20, 1, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	BAD("HI of 1 octet", -EBADMSG, 23, 1, 1),
	BAD("HI of 3 octets", -EBADMSG, 23, 3, 0, 1, 0),
	BAD("HI twice", -EBADMSG, 23, 2, 0, 1, 23, 2, 0, 1),
	BAD("ATT of 1 octet", -EBADMSG, 24, 1, 3),
	BAD("ATT twice", -EBADMSG, 24, 2, 0, 3, 24, 2, 0, 4),
	BAD("LL-ID with no identifier", -EBADMSG, 25, 2, 0, 0),
	BAD("LL-ID twice", -EBADMSG, 25, 3, 0, 0, 1, 25, 3, 0, 0, 2),
	BAD("Link-local of 15 octets", -EBADMSG, 26, 15, 0xfe, 0x80, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
	BAD("Link-local not link-local", -EBADMSG, 26, 16, 0x20, 0x01, 0x0d,
	    0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
	BAD("Link-local twice", -EBADMSG,
	    26, 16, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	    26, 16, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
	BAD("Timestamp of 7 octets", -EBADMSG, 27, 7, 0, 0, 0, 0, 0, 0, 0),
	BAD("Timestamp twice", -EBADMSG, 27, 8, 0, 0, 0, 0, 0, 0, 0, 1,
	    27, 8, 0, 0, 0, 0, 0, 0, 0, 2),
};

static void test_malformed_options(void)
{
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		uint8_t buf[64];
		struct dha_pmip_msg m;
		size_t len = pbu_with(buf, c->opts, c->len);
		int ret = dha_pmip_parse(buf, len, &m);

		if (ret != c->err || m.fault != DHA_MH_FAULT_MALFORMED ||
		    m.fault_offset < 12 || m.fault_offset >= len) {
			printf("#   %s: %d, fault %d at %zu\n", c->name, ret,
			       m.fault, m.fault_offset);
			check_failures++;
		}
	}
}

static void test_too_many_prefixes(void)
{
	uint8_t opts[(DHA_PMIP_HNP_MAX + 1) * 20], buf[256];
	struct dha_pmip_msg m;
	size_t i, len;

	for (i = 0; i <= DHA_PMIP_HNP_MAX; i++) {
		uint8_t *o = opts + 20 * i;

		memset(o, 0, 20);
		o[0] = DHA_MHOPT_HNP;
		o[1] = DHA_MHOPT_HNP_LEN;
		o[3] = 64;
		o[4] = 0x20;
		o[5] = (uint8_t)i;
	}
	len = pbu_with(buf, opts, 20 * DHA_PMIP_HNP_MAX);
	CHECK_EQ(dha_pmip_parse(buf, len, &m), 0);
	CHECK_EQ(m.opts.hnp_count, DHA_PMIP_HNP_MAX);
	CHECK_EQ(m.opts.hnp[DHA_PMIP_HNP_MAX - 1].prefix.s6_addr[1],
		 DHA_PMIP_HNP_MAX - 1);
	len = pbu_with(buf, opts, sizeof(opts));
	CHECK_EQ(dha_pmip_parse(buf, len, &m), -E2BIG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_TOO_MANY);
	CHECK_EQ(m.fault_offset, 12 + 20 * DHA_PMIP_HNP_MAX);
}

static void test_bad_header(void)
{
	uint8_t buf[sizeof(pmip_vec_pbu)];
	struct dha_pmip_msg m;
	size_t cut;

	/* every cut is refused: Header Len says 112 */
	for (cut = 0; cut < sizeof(pmip_vec_pbu); cut++) {
		if (dha_pmip_parse(pmip_vec_pbu, cut, &m) != -EBADMSG ||
		    m.fault != DHA_MH_FAULT_TRUNCATED) {
			printf("#   cut at %zu accepted\n", cut);
			check_failures++;
		}
	}
	memcpy(buf, pmip_vec_pbu, sizeof(buf));
	buf[0] = 6;
	CHECK_EQ(dha_pmip_parse(buf, sizeof(buf), &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_PAYLOAD_PROTO);
	CHECK_EQ(m.fault_offset, 0);

	/* one 8-octet unit cannot hold a BU's fixed fields */
	memcpy(buf, pmip_vec_pbu, sizeof(buf));
	buf[1] = 0;
	CHECK_EQ(dha_pmip_parse(buf, sizeof(buf), &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_HEADER_LEN);
	CHECK_EQ(m.fault_offset, 1);

	/* a shorter Header Len ends the options inside one: overrun */
	memcpy(buf, pmip_vec_pbu, sizeof(buf));
	buf[1] = 4;
	CHECK_EQ(dha_pmip_parse(buf, sizeof(buf), &m), -EBADMSG);
	CHECK_EQ(m.fault, DHA_MH_FAULT_MALFORMED);
	CHECK_EQ(m.fault_offset, 36);
}

/* Not a PBU or PBA: -ENOMSG with the fixed fields read, no fault. */
static void test_not_proxy(void)
{
	static const uint8_t brr[] = { 59, 0, DHA_MH_BRR, 0, 0, 0, 0, 0 };
	uint8_t buf[sizeof(pmip_vec_pba)];
	struct dha_pmip_msg m;

	memcpy(buf, pmip_vec_pbu, sizeof(buf));
	buf[8] &= (uint8_t)~(DHA_BU_FLAG_P >> 8);
	CHECK_EQ(dha_pmip_parse(buf, sizeof(buf), &m), -ENOMSG);
	CHECK_EQ(m.type, DHA_MH_BU);
	CHECK_EQ(m.u.bu.flags, DHA_BU_FLAG_A | DHA_BU_FLAG_H);
	CHECK_EQ(m.fault, DHA_MH_FAULT_NONE);

	memcpy(buf, pmip_vec_pba, sizeof(buf));
	buf[7] = 0;
	CHECK_EQ(dha_pmip_parse(buf, sizeof(buf), &m), -ENOMSG);
	CHECK_EQ(m.type, DHA_MH_BA);
	CHECK_EQ(m.u.ba.seq, 1);

	CHECK_EQ(dha_pmip_parse(brr, sizeof(brr), &m), -ENOMSG);
	CHECK_EQ(m.type, DHA_MH_BRR);
	CHECK_EQ(m.fault, DHA_MH_FAULT_NONE);
}

static void test_missing_status(void)
{
	struct dha_pmip_msg m;

	vector_fields(&m, DHA_MH_BU);
	CHECK_EQ(dha_pbu_missing_status(&m.opts), 0);
	/* neither is required */
	m.opts.has_timestamp = m.opts.has_ll_id = m.opts.has_link_local = false;
	CHECK_EQ(dha_pbu_missing_status(&m.opts), 0);
	m.opts.has_att = false;
	CHECK_EQ(dha_pbu_missing_status(&m.opts),
		 DHA_PBA_MISSING_ACCESS_TECH_TYPE_OPTION);
	m.opts.has_handoff = false;
	CHECK_EQ(dha_pbu_missing_status(&m.opts),
		 DHA_PBA_MISSING_HANDOFF_INDICATOR_OPTION);
	m.opts.hnp_count = 0;
	CHECK_EQ(dha_pbu_missing_status(&m.opts),
		 DHA_PBA_MISSING_HOME_NETWORK_PREFIX_OPTION);
	m.opts.has_mn_id = false;
	CHECK_EQ(dha_pbu_missing_status(&m.opts),
		 DHA_PBA_MISSING_MN_IDENTIFIER_OPTION);
	/* the identifier is checked first, whatever else is there */
	vector_fields(&m, DHA_MH_BU);
	m.opts.has_mn_id = false;
	CHECK_EQ(dha_pbu_missing_status(&m.opts),
		 DHA_PBA_MISSING_MN_IDENTIFIER_OPTION);
}

static void test_names(void)
{
	static const char *const status[] = {
		"PROXY_REG_NOT_ENABLED", "NOT_LMA_FOR_THIS_MOBILE_NODE",
		"MAG_NOT_AUTHORIZED_FOR_PROXY_REG",
		"NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX", "TIMESTAMP_MISMATCH",
		"TIMESTAMP_LOWER_THAN_PREV_ACCEPTED",
		"MISSING_HOME_NETWORK_PREFIX_OPTION",
		"BCE_PBU_PREFIX_SET_DO_NOT_MATCH", "MISSING_MN_IDENTIFIER_OPTION",
		"MISSING_HANDOFF_INDICATOR_OPTION",
		"MISSING_ACCESS_TECH_TYPE_OPTION",
	};
	static const char *const hi[] = {
		"new-interface", "other-interface", "other-mag", "unknown",
		"not-changed",
	};
	static const char *const att[] = {
		"virtual", "ppp", "802.3", "802.11", "802.16e",
	};
	unsigned int i;

	CHECK_EQ(DHA_PBA_PROXY_REG_NOT_ENABLED, 152);
	CHECK_EQ(DHA_PBA_MISSING_ACCESS_TECH_TYPE_OPTION, 162);
	for (i = 0; i < 11; i++) {
		const char *name = dha_pba_status_name((uint8_t)(152 + i));

		CHECK(name && !strcmp(name, status[i]));
	}
	CHECK(!dha_pba_status_name(151) && !dha_pba_status_name(163));
	CHECK(!dha_pba_status_name(DHA_BA_ACCEPTED));
	for (i = 0; i < 5; i++) {
		const char *h = dha_pmip_handoff_name((uint8_t)(1 + i));
		const char *a = dha_pmip_att_name((uint8_t)(1 + i));

		CHECK(h && !strcmp(h, hi[i]));
		CHECK(a && !strcmp(a, att[i]));
	}
	CHECK(!dha_pmip_handoff_name(0) && !dha_pmip_handoff_name(6));
	CHECK(!dha_pmip_att_name(0) && !dha_pmip_att_name(6));
}

/* The longest message: every cap at its limit, back as it went. */
static void test_round_trip_longest(void)
{
	static uint8_t id[DHA_PMIP_MN_ID_MAX], ll[DHA_PMIP_LL_ID_MAX];
	uint8_t out[DHA_MH_MAX_LEN];
	struct dha_pmip_msg m, again;
	size_t i, len = 0;

	memset(id, 'x', sizeof(id));
	memset(ll, 0xab, sizeof(ll));
	vector_fields(&m, DHA_MH_BA);
	m.u.ba.status = DHA_PBA_TIMESTAMP_MISMATCH;
	m.opts.mn_id = id;
	m.opts.mn_id_len = sizeof(id);
	m.opts.ll_id = ll;
	m.opts.ll_id_len = sizeof(ll);
	m.opts.hnp_count = DHA_PMIP_HNP_MAX;
	for (i = 0; i < DHA_PMIP_HNP_MAX; i++) {
		m.opts.hnp[i].prefix_len = (uint8_t)(i * 16);
		m.opts.hnp[i].prefix.s6_addr[0] = (uint8_t)(0x20 + i);
	}
	CHECK_EQ(dha_pmip_build(out, sizeof(out), &m, &len), 0);
	CHECK(len % 8 == 0 && len <= DHA_MH_MAX_LEN);
	CHECK_EQ(out[1], len / 8 - 1);
	CHECK_EQ(dha_pmip_parse(out, len, &again), 0);
	CHECK(pmip_msg_equal(&m, &again));
	CHECK_EQ(again.opts.skipped, 0);
}

static void test_build_refuses(void)
{
	uint8_t out[DHA_MH_MAX_LEN];
	struct dha_pmip_msg m;
	size_t len = 0, need, cap;
	static const uint8_t nul_nai[] = { 'a', 0 };

	vector_fields(&m, DHA_MH_BU);
	m.u.bu.flags = 0;	/* the builder sets P itself */
	CHECK_EQ(dha_pmip_build(out, sizeof(out), &m, &len), 0);
	CHECK_EQ(out[8], DHA_BU_FLAG_P >> 8);
	need = len;
	for (cap = 0; cap < need; cap++)
		CHECK_EQ(dha_pmip_build(out, cap, &m, &len), -ENOSPC);

#define REFUSED(change)							\
	do {								\
		vector_fields(&m, DHA_MH_BU);				\
		change;							\
		CHECK_EQ(dha_pmip_build(out, sizeof(out), &m, &len), -EINVAL); \
	} while (0)
	REFUSED(m.type = DHA_MH_BE);
	REFUSED(m.opts.hnp_count = DHA_PMIP_HNP_MAX + 1);
	REFUSED(m.opts.hnp[0].prefix_len = 129);
	REFUSED(m.opts.mn_id_len = 0);
	REFUSED(m.opts.mn_id_len = DHA_PMIP_MN_ID_MAX + 1);
	REFUSED((m.opts.mn_id = nul_nai, m.opts.mn_id_len = 2));
	REFUSED(m.opts.ll_id_len = 0);
	REFUSED(m.opts.ll_id_len = DHA_PMIP_LL_ID_MAX + 1);
	REFUSED(m.opts.link_local = addr6("2001:db8::1"));
#undef REFUSED
}

const struct test_case pmip_tests[] = {
	{ "pmip: the PBU as tshark shows it, decoded and rebuilt", test_pbu_vector },
	{ "pmip: the PBA as tshark shows it, decoded and rebuilt", test_pba_vector },
	{ "pmip: each option alone, values kept, reserved ignored",
	  test_options_one_by_one },
	{ "pmip: options it does not know are skipped", test_other_options_skipped },
	{ "pmip: malformed, wrong length or repeated options", test_malformed_options },
	{ "pmip: more prefixes than the cap", test_too_many_prefixes },
	{ "pmip: truncated and bad headers", test_bad_header },
	{ "pmip: BU/BA without P and other types are not PBU/PBA", test_not_proxy },
	{ "pmip: missing required options give RFC 5213's statuses",
	  test_missing_status },
	{ "pmip: every PBA status, handoff and access technology name", test_names },
	{ "pmip: the longest message round-trips", test_round_trip_longest },
	{ "pmip: build refuses what the parser would", test_build_refuses },
	{ NULL, NULL },
};
