// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mirror of the inbound MH policies: parsing the kernel's policy
 * messages, following the notifications, and the protection verdict.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/xfrm.h>

#include "sys/spd.h"
#include "check.h"

#define HA "2001:db8:4::1"
#define HOA "2001:db8:1::100"
#define BU 5

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

/* What a test policy is made of; zero means the common case. */
struct spec {
	uint16_t type;			/* message type; 0: NEWPOLICY */
	uint32_t index;
	uint32_t priority;
	const char *source;		/* NULL: :: */
	uint8_t source_length;
	const char *destination;
	uint8_t destination_length;
	uint8_t proto;
	uint16_t sport, sport_mask;	/* host order */
	uint16_t dport, dport_mask;
	uint8_t dir;			/* XFRM_POLICY_IN is 0 */
	uint8_t action;
	int ifindex;
	uint16_t family;		/* 0: AF_INET6 */
	/* Templates: "esp" (reqid 1), "esp-any" (no reqid, no SPI),
	 * "esp-spi", "esp-use" (optional), "hao" (optional), "ah". */
	const char *templates[3];
	uint8_t policy_type;		/* XFRMA_POLICY_TYPE when nonzero */
	bool with_type;
	uint32_t mark_mask;
	uint32_t if_id;
	bool sec_ctx;
};

/* A netlink message under construction, aligned as the kernel's are. */
struct message {
	_Alignas(8) uint8_t buf[1024];
};

static struct nlmsghdr *nlh_of(struct message *m)
{
	return (struct nlmsghdr *)m->buf;
}

static void put_attr(struct message *m, uint16_t type, const void *data,
		     size_t len)
{
	struct nlattr nla = {
		.nla_len = (uint16_t)(NLA_HDRLEN + len),
		.nla_type = type,
	};
	size_t at = NLMSG_ALIGN(nlh_of(m)->nlmsg_len);

	memcpy(m->buf + at, &nla, sizeof(nla));
	memcpy(m->buf + at + NLA_HDRLEN, data, len);
	nlh_of(m)->nlmsg_len = (uint32_t)(at + NLA_ALIGN(NLA_HDRLEN + len));
}

static void template(struct xfrm_user_tmpl *tmpl, const char *kind)
{
	memset(tmpl, 0, sizeof(*tmpl));
	tmpl->family = AF_INET6;
	tmpl->aalgos = tmpl->ealgos = tmpl->calgos = ~0U;
	tmpl->mode = XFRM_MODE_TRANSPORT;
	if (!strncmp(kind, "esp", 3)) {
		tmpl->id.proto = IPPROTO_ESP;
		tmpl->reqid = strcmp(kind, "esp-any") &&
			      strcmp(kind, "esp-spi") ? 1 : 0;
		tmpl->id.spi = strcmp(kind, "esp-spi") ? 0 : htonl(0x1001);
		tmpl->optional = !strcmp(kind, "esp-use");
	} else if (!strcmp(kind, "hao")) {
		tmpl->id.proto = IPPROTO_DSTOPTS;
		tmpl->mode = XFRM_MODE_ROUTEOPTIMIZATION;
		tmpl->optional = 1;
	} else {
		tmpl->id.proto = IPPROTO_AH;
		tmpl->reqid = 1;
	}
}

static size_t build(struct message *m, const struct spec *s)
{
	struct xfrm_userpolicy_info info = { 0 };
	struct xfrm_user_tmpl tmpls[3];
	size_t count = 0;

	memset(m, 0, sizeof(*m));
	nlh_of(m)->nlmsg_type = s->type ? s->type : XFRM_MSG_NEWPOLICY;
	nlh_of(m)->nlmsg_len = NLMSG_LENGTH(sizeof(info));
	info.sel.family = s->family ? s->family : AF_INET6;
	info.sel.saddr.in6 = a6(s->source ? s->source : "::");
	info.sel.prefixlen_s = s->source_length;
	info.sel.daddr.in6 = a6(s->destination ? s->destination : "::");
	info.sel.prefixlen_d = s->destination_length;
	info.sel.proto = s->proto;
	info.sel.sport = htons(s->sport);
	info.sel.sport_mask = htons(s->sport_mask);
	info.sel.dport = htons(s->dport);
	info.sel.dport_mask = htons(s->dport_mask);
	info.sel.ifindex = s->ifindex;
	info.priority = s->priority;
	info.index = s->index;
	info.dir = s->dir;
	info.action = s->action;
	memcpy(NLMSG_DATA(nlh_of(m)), &info, sizeof(info));
	while (count < 3 && s->templates[count]) {
		template(&tmpls[count], s->templates[count]);
		count++;
	}
	if (count)
		put_attr(m, XFRMA_TMPL, tmpls, count * sizeof(tmpls[0]));
	if (s->with_type) {
		struct xfrm_userpolicy_type type = { .type = s->policy_type };

		put_attr(m, XFRMA_POLICY_TYPE, &type, sizeof(type));
	}
	if (s->mark_mask) {
		struct xfrm_mark mark = { .v = 1, .m = s->mark_mask };

		put_attr(m, XFRMA_MARK, &mark, sizeof(mark));
	}
	if (s->if_id)
		put_attr(m, XFRMA_IF_ID, &s->if_id, sizeof(s->if_id));
	if (s->sec_ctx) {
		uint8_t ctx[16] = { 0 };

		put_attr(m, XFRMA_SEC_CTX, ctx, sizeof(ctx));
	}
	return nlh_of(m)->nlmsg_len;
}

/* An ESP policy for HOA -> HA, as Documentation/ipsec.md has it. */
static struct spec esp_policy(uint32_t index)
{
	struct spec s = {
		.index = index,
		.source = HOA, .source_length = 128,
		.destination = HA, .destination_length = 128,
		.proto = 135,
		.templates = { "esp", "hao" },
	};

	return s;
}

/* dhad's own: any -> any, proto 135, hao only, last priority. */
static struct spec wildcard_policy(uint32_t index)
{
	struct spec s = {
		.index = index,
		.priority = 2147483647U,
		.proto = 135,
		.templates = { "hao" },
	};

	return s;
}

static int apply(struct spd *spd, const struct spec *s)
{
	struct message m;
	size_t len = build(&m, s);

	return spd_apply(spd, nlh_of(&m), len);
}

static bool protected(const struct spd *spd, const char *hoa, const char *ha)
{
	struct in6_addr source = a6(hoa), destination = a6(ha);

	return spd_protected(spd, &source, &destination, BU);
}

static int parse(const struct spec *s, struct spd_policy *out)
{
	struct message m;
	size_t len = build(&m, s);

	return spd_policy_parse(nlh_of(&m), len, out);
}

static void test_spd_parse(void)
{
	struct in6_addr hoa = a6(HOA);
	struct spd_policy p;
	struct spec s = esp_policy(8);
	struct message m;
	struct nlmsghdr *nlh = nlh_of(&m);
	size_t len;

	s.priority = 7;
	s.sport = BU;
	s.sport_mask = 0xffff;
	CHECK_INT(parse(&s, &p), 1);
	CHECK_INT(p.index, 8);
	CHECK_INT(p.priority, 7);
	CHECK(!memcmp(&p.source, &hoa, sizeof(hoa)));
	CHECK_INT(p.source_length, 128);
	CHECK_INT(p.destination_length, 128);
	CHECK_INT(p.sport, htons(BU));
	CHECK_INT(p.sport_mask, 0xffff);
	CHECK(p.requires_esp);
	CHECK(!p.uncertain);

	/* Not for the MH socket: only the index is reported. */
	s = esp_policy(16);
	s.dir = XFRM_POLICY_OUT;
	CHECK_INT(parse(&s, &p), 0);
	CHECK_INT(p.index, 16);
	s = esp_policy(8);
	s.proto = 6;
	CHECK_INT(parse(&s, &p), 0);
	s.proto = 0;			/* any protocol covers the MH */
	CHECK_INT(parse(&s, &p), 1);
	s = esp_policy(8);
	s.family = AF_INET;
	CHECK_INT(parse(&s, &p), 0);
	s = esp_policy(8);
	s.with_type = true;
	s.policy_type = XFRM_POLICY_TYPE_SUB;
	CHECK_INT(parse(&s, &p), 0);
	s.policy_type = XFRM_POLICY_TYPE_MAIN;
	CHECK_INT(parse(&s, &p), 1);

	/* What counts as requiring ESP. */
	s = esp_policy(8);
	s.templates[0] = "esp-use";
	CHECK_INT(parse(&s, &p), 1);
	CHECK(!p.requires_esp);
	s.templates[0] = "esp-any";
	CHECK_INT(parse(&s, &p), 1);
	CHECK(!p.requires_esp);
	s.templates[0] = "esp-spi";
	CHECK_INT(parse(&s, &p), 1);
	CHECK(p.requires_esp);
	s.templates[0] = "ah";
	CHECK_INT(parse(&s, &p), 1);
	CHECK(!p.requires_esp);
	s.templates[0] = "hao";
	s.templates[1] = "esp";		/* order is the kernel's business */
	CHECK_INT(parse(&s, &p), 1);
	CHECK(p.requires_esp);
	s = esp_policy(8);
	s.action = XFRM_POLICY_BLOCK;
	CHECK_INT(parse(&s, &p), 1);
	CHECK(!p.requires_esp);

	/* Matches the mirror cannot judge. */
	s = esp_policy(8);
	s.mark_mask = 0xff;
	CHECK_INT(parse(&s, &p), 1);
	CHECK(p.uncertain);
	s = esp_policy(8);
	s.if_id = 3;
	CHECK_INT(parse(&s, &p), 1);
	CHECK(p.uncertain);
	s = esp_policy(8);
	s.ifindex = 2;
	CHECK_INT(parse(&s, &p), 1);
	CHECK(p.uncertain);
	s = esp_policy(8);
	s.sec_ctx = true;
	CHECK_INT(parse(&s, &p), 1);
	CHECK(p.uncertain);

	/* Malformed. */
	s = esp_policy(8);
	s.source_length = 129;
	CHECK_INT(parse(&s, &p), -EBADMSG);
	s = esp_policy(8);
	len = build(&m, &s);
	CHECK_INT(spd_policy_parse(nlh, len - 1, &p), -EBADMSG);
	CHECK_INT(spd_policy_parse(nlh, 8, &p), -EBADMSG);
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(struct xfrm_userpolicy_info)) - 1;
	CHECK_INT(spd_policy_parse(nlh, len, &p), -EBADMSG);
	/* A template attribute that is not whole templates. */
	len = build(&m, &s);
	((struct nlattr *)(m.buf + NLMSG_LENGTH(sizeof(
		struct xfrm_userpolicy_info))))->nla_len -= 4;
	CHECK_INT(spd_policy_parse(nlh, len, &p), -EBADMSG);
	/* An attribute longer than the message. */
	len = build(&m, &s);
	((struct nlattr *)(m.buf + NLMSG_LENGTH(sizeof(
		struct xfrm_userpolicy_info))))->nla_len = 2000;
	CHECK_INT(spd_policy_parse(nlh, len, &p), -EBADMSG);
}

static void test_spd_verdict(void)
{
	struct spd spd;
	struct spec s;

	CHECK_INT(spd_init(&spd), 0);
	CHECK(!protected(&spd, HOA, HA));
	s = wildcard_policy(8);
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));

	s = esp_policy(16);
	s.priority = 10;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK_INT(spd.count, 2);
	CHECK(protected(&spd, HOA, HA));
	CHECK(!protected(&spd, "2001:db8:1::200", HA));
	CHECK(!protected(&spd, HOA, "2001:db8:4::2"));

	/* A non-ESP policy for the home prefix, preferred: not protected. */
	s = wildcard_policy(24);
	s.source = "2001:db8:1::";
	s.source_length = 64;
	s.priority = 5;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));
	/* Tied with the ESP policy: the kernel's choice is not known. */
	s.priority = 10;
	s.type = XFRM_MSG_UPDPOLICY;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));
	/* Less preferred: the ESP policy is the kernel's. */
	s.priority = 11;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK_INT(spd.count, 3);
	CHECK(protected(&spd, HOA, HA));

	/* A possibly matching policy without ESP, preferred or tied. */
	s = wildcard_policy(32);
	s.priority = 10;
	s.mark_mask = 0xff;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));
	/* ... and less preferred. */
	s.priority = 11;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(protected(&spd, HOA, HA));
	/* Possibly matching ESP policies alone prove nothing. */
	s = esp_policy(16);
	s.priority = 10;
	s.if_id = 9;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));
	s.if_id = 0;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(protected(&spd, HOA, HA));

	/* The MH type: a policy for BAs only does not cover a BU. */
	s.sport = 6;
	s.sport_mask = 0xffff;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));
	s.sport = BU;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(protected(&spd, HOA, HA));
	/* MH flows have no destination port. */
	s.dport = 1;
	s.dport_mask = 0xffff;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!protected(&spd, HOA, HA));
	spd_destroy(&spd);
}

static void test_spd_notifications(void)
{
	struct xfrm_userpolicy_id id = { .index = 16, .dir = XFRM_POLICY_IN };
	struct xfrm_user_polexpire expire = { 0 };
	struct message m;
	struct nlmsghdr *nlh = nlh_of(&m);
	struct spd spd;
	struct spec s;

	CHECK_INT(spd_init(&spd), 0);
	s = wildcard_policy(8);
	CHECK_INT(apply(&spd, &s), 0);
	s = esp_policy(16);
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(protected(&spd, HOA, HA));

	/* Replaced by a policy that no longer concerns the MH: dropped. */
	s.type = XFRM_MSG_UPDPOLICY;
	s.proto = 17;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK_INT(spd.count, 1);
	CHECK(!protected(&spd, HOA, HA));
	s = esp_policy(16);
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(protected(&spd, HOA, HA));

	/* Deleted by index. */
	memset(&m, 0, sizeof(m));
	nlh->nlmsg_type = XFRM_MSG_DELPOLICY;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(id));
	memcpy(NLMSG_DATA(nlh), &id, sizeof(id));
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	CHECK_INT(spd.count, 1);
	CHECK(!protected(&spd, HOA, HA));
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(id) - 1);
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), -EBADMSG);

	/*
	 * Deleted by selector (ip xfrm policy delete): index 0, and the
	 * policy, with its index, in XFRMA_POLICY.
	 */
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(protected(&spd, HOA, HA));
	{
		struct xfrm_userpolicy_info info = { .index = 16 };
		struct xfrm_userpolicy_id by_selector = { .dir = 0 };

		memset(&m, 0, sizeof(m));
		nlh->nlmsg_type = XFRM_MSG_DELPOLICY;
		nlh->nlmsg_len = NLMSG_LENGTH(sizeof(by_selector));
		memcpy(NLMSG_DATA(nlh), &by_selector, sizeof(by_selector));
		put_attr(&m, XFRMA_POLICY, &info, sizeof(info) - 8);
		CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), -EBADMSG);
		CHECK(protected(&spd, HOA, HA));
		nlh->nlmsg_len = NLMSG_LENGTH(sizeof(by_selector));
		put_attr(&m, XFRMA_POLICY, &info, sizeof(info));
		CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
		CHECK_INT(spd.count, 1);
		CHECK(!protected(&spd, HOA, HA));
	}

	/* Expired: soft keeps it, hard removes it. */
	CHECK_INT(apply(&spd, &s), 0);
	memset(&m, 0, sizeof(m));
	nlh->nlmsg_type = XFRM_MSG_POLEXPIRE;
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(expire));
	expire.pol.index = 16;
	memcpy(NLMSG_DATA(nlh), &expire, sizeof(expire));
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	CHECK(protected(&spd, HOA, HA));
	expire.hard = 1;
	memcpy(NLMSG_DATA(nlh), &expire, sizeof(expire));
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	CHECK(!protected(&spd, HOA, HA));
	CHECK_INT(spd.count, 1);

	/* Flushed: the sub type's flush leaves the main policies. */
	CHECK_INT(apply(&spd, &s), 0);
	memset(&m, 0, sizeof(m));
	nlh->nlmsg_type = XFRM_MSG_FLUSHPOLICY;
	nlh->nlmsg_len = NLMSG_LENGTH(0);
	put_attr(&m, XFRMA_POLICY_TYPE, &(struct xfrm_userpolicy_type){
		.type = XFRM_POLICY_TYPE_SUB }, sizeof(struct xfrm_userpolicy_type));
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	CHECK_INT(spd.count, 2);
	nlh->nlmsg_len = NLMSG_LENGTH(0);
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	CHECK_INT(spd.count, 0);
	CHECK(!protected(&spd, HOA, HA));

	/* Other messages are ignored; a short header is refused. */
	nlh->nlmsg_type = XFRM_MSG_NEWSA;
	CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	CHECK_INT(spd_apply(&spd, nlh, 4), -EBADMSG);
	spd_destroy(&spd);
}

/* Many policies: the tables grow, lookups stay right. */
static void test_spd_many(void)
{
	char hoa[INET6_ADDRSTRLEN];
	struct xfrm_userpolicy_id id = { .dir = XFRM_POLICY_IN };
	struct message m;
	struct nlmsghdr *nlh = nlh_of(&m);
	struct spd spd;
	struct spec s;
	unsigned int i, wrong = 0;

	CHECK_INT(spd_init(&spd), 0);
	s = wildcard_policy(8);
	CHECK_INT(apply(&spd, &s), 0);
	for (i = 1; i <= 3000; i++) {
		snprintf(hoa, sizeof(hoa), "2001:db8:1::%x", i);
		s = esp_policy(8 * (i + 1));
		s.source = hoa;
		CHECK_INT(apply(&spd, &s), 0);
	}
	CHECK_INT(spd.count, 3001);
	CHECK(spd.bucket_count >= 3001);
	for (i = 1; i <= 3000; i += 2) {
		memset(&m, 0, sizeof(m));
		nlh->nlmsg_type = XFRM_MSG_DELPOLICY;
		nlh->nlmsg_len = NLMSG_LENGTH(sizeof(id));
		id.index = 8 * (i + 1);
		memcpy(NLMSG_DATA(nlh), &id, sizeof(id));
		CHECK_INT(spd_apply(&spd, nlh, nlh->nlmsg_len), 0);
	}
	CHECK_INT(spd.count, 1501);
	for (i = 1; i <= 3001; i++) {
		snprintf(hoa, sizeof(hoa), "2001:db8:1::%x", i);
		wrong += protected(&spd, hoa, HA) != (i % 2 == 0 && i <= 3000);
	}
	CHECK_INT(wrong, 0);
	spd_clear(&spd);
	CHECK_INT(spd.count, 0);
	CHECK(!protected(&spd, "2001:db8:1::2", HA));
	spd_destroy(&spd);
}

/* [redundancy] auth = ipsec: HA-to-HA messages, MH type 11. */
static void test_spd_ha_to_ha(void)
{
	struct in6_addr peer = a6("2001:db8:5::2"), local = a6("2001:db8:5::1");
	struct spec s = esp_policy(1);
	struct spd spd;

	CHECK_INT(spd_init(&spd), 0);
	CHECK(!spd_protected(&spd, &peer, &local, 11));
	/* Peer -> local, the whole Mobility Header. */
	s.source = "2001:db8:5::2";
	s.destination = "2001:db8:5::1";
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(spd_protected(&spd, &peer, &local, 11));
	CHECK(!spd_protected(&spd, &local, &peer, 11));
	spd_clear(&spd);
	/* A policy for Binding Updates only leaves type 11 unprotected. */
	s.sport = BU;
	s.sport_mask = 0xffff;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(spd_protected(&spd, &peer, &local, BU));
	CHECK(!spd_protected(&spd, &peer, &local, 11));
	s.index = 2;
	s.sport = 11;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(spd_protected(&spd, &peer, &local, 11));
	spd_destroy(&spd);
}

/*
 * ICMPv6 policies: a Mobile Prefix Solicitation (type 146) from a home
 * address, kept apart from the Mobility Header by the protocol.
 */
static void test_spd_icmp(void)
{
	struct in6_addr hoa = a6(HOA), ha = a6(HA);
	struct spd_policy p;
	struct spd spd;
	struct spec s;

	CHECK_INT(spd_init(&spd), 0);
	s = wildcard_policy(8);
	CHECK_INT(apply(&spd, &s), 0);
	/* ESP for the home address's Binding Updates only. */
	s = esp_policy(16);
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(spd_protected(&spd, &hoa, &ha, BU));
	CHECK(!spd_flow_protected(&spd, &hoa, &ha, IPPROTO_ICMPV6, 146));

	/* ESP for all its ICMPv6 (what 6.1 needs: no type). */
	s = esp_policy(24);
	s.proto = IPPROTO_ICMPV6;
	CHECK_INT(parse(&s, &p), 1);
	CHECK_INT(p.proto, IPPROTO_ICMPV6);
	CHECK_INT(apply(&spd, &s), 0);
	CHECK_INT(spd.count, 3);
	CHECK(spd_flow_protected(&spd, &hoa, &ha, IPPROTO_ICMPV6, 146));
	CHECK(!spd_flow_protected(&spd, &ha, &hoa, IPPROTO_ICMPV6, 146));
	/* ... which says nothing of the Mobility Header. */
	s = esp_policy(16);
	s.templates[0] = "hao";
	s.templates[1] = NULL;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!spd_protected(&spd, &hoa, &ha, BU));
	CHECK(spd_flow_protected(&spd, &hoa, &ha, IPPROTO_ICMPV6, 146));

	/* Only type 145 selected: type 146 falls to nothing. */
	s = esp_policy(24);
	s.proto = IPPROTO_ICMPV6;
	s.sport = 145;
	s.sport_mask = 0xffff;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(!spd_flow_protected(&spd, &hoa, &ha, IPPROTO_ICMPV6, 146));
	CHECK(spd_flow_protected(&spd, &hoa, &ha, IPPROTO_ICMPV6, 145));

	/* Any protocol covers ICMPv6 too. */
	s = esp_policy(32);
	s.proto = 0;
	CHECK_INT(apply(&spd, &s), 0);
	CHECK(spd_flow_protected(&spd, &hoa, &ha, IPPROTO_ICMPV6, 146));
	spd_destroy(&spd);
}

SUITE(spd,
      TEST_CASE(test_spd_parse), TEST_CASE(test_spd_verdict),
      TEST_CASE(test_spd_notifications), TEST_CASE(test_spd_many),
      TEST_CASE(test_spd_ha_to_ha), TEST_CASE(test_spd_icmp));
