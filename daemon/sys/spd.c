// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mirror of the inbound Mobility Header policies. See spd.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <arpa/inet.h>
#include <linux/xfrm.h>

#include "sys/siphash.h"
#include "sys/spd.h"

#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif

#define INITIAL_BUCKETS 64

/* ---- parsing ---- */

struct policy_attrs {
	const uint8_t *templates;	/* struct xfrm_user_tmpl, unaligned */
	size_t template_count;
	uint8_t type;			/* XFRM_POLICY_TYPE_* */
	bool conditional;		/* mark, if_id, context, offload */
	const uint8_t *policy;		/* XFRMA_POLICY, unaligned */
};

static int parse_attrs(const uint8_t *p, size_t len, struct policy_attrs *a)
{
	memset(a, 0, sizeof(*a));
	a->type = XFRM_POLICY_TYPE_MAIN;
	while (len >= NLA_HDRLEN) {
		struct nlattr nla;
		const uint8_t *data = p + NLA_HDRLEN;
		size_t data_len, step;

		memcpy(&nla, p, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > len)
			return -EBADMSG;
		data_len = nla.nla_len - NLA_HDRLEN;
		switch (nla.nla_type & NLA_TYPE_MASK) {
		case XFRMA_TMPL:
			if (data_len % sizeof(struct xfrm_user_tmpl))
				return -EBADMSG;
			a->templates = data;
			a->template_count = data_len /
					    sizeof(struct xfrm_user_tmpl);
			break;
		case XFRMA_POLICY_TYPE: {
			struct xfrm_userpolicy_type type;

			if (data_len < sizeof(type))
				return -EBADMSG;
			memcpy(&type, data, sizeof(type));
			a->type = type.type;
			break;
		}
		case XFRMA_MARK: {
			struct xfrm_mark mark;

			if (data_len < sizeof(mark))
				return -EBADMSG;
			memcpy(&mark, data, sizeof(mark));
			a->conditional |= mark.m != 0;
			break;
		}
		case XFRMA_IF_ID: {
			uint32_t if_id;

			if (data_len < sizeof(if_id))
				return -EBADMSG;
			memcpy(&if_id, data, sizeof(if_id));
			a->conditional |= if_id != 0;
			break;
		}
		case XFRMA_POLICY:
			if (data_len < sizeof(struct xfrm_userpolicy_info))
				return -EBADMSG;
			a->policy = data;
			break;
		case XFRMA_SEC_CTX:
		case XFRMA_OFFLOAD_DEV:
			a->conditional = true;
			break;
		}
		step = NLA_ALIGN(nla.nla_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

/*
 * A template that only a packet through ESP satisfies, and only through
 * the SA it names: not "level use", and a reqid or SPI.
 */
static bool requires_named_esp(const struct policy_attrs *a)
{
	size_t i;

	for (i = 0; i < a->template_count; i++) {
		struct xfrm_user_tmpl tmpl;

		memcpy(&tmpl, a->templates + i * sizeof(tmpl), sizeof(tmpl));
		if (tmpl.id.proto == IPPROTO_ESP && !tmpl.optional &&
		    (tmpl.reqid || tmpl.id.spi))
			return true;
	}
	return false;
}

int spd_policy_parse(const struct nlmsghdr *nlh, size_t len,
		     struct spd_policy *out)
{
	const size_t body = NLMSG_ALIGN(sizeof(struct xfrm_userpolicy_info));
	struct xfrm_userpolicy_info info;
	struct policy_attrs attrs;
	size_t msg_len;
	int ret;

	memset(out, 0, sizeof(*out));
	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_LENGTH(sizeof(info)) ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;
	msg_len = nlh->nlmsg_len;
	memcpy(&info, NLMSG_DATA(nlh), sizeof(info));
	if (msg_len >= NLMSG_HDRLEN + body)
		ret = parse_attrs((const uint8_t *)nlh + NLMSG_HDRLEN + body,
				  msg_len - NLMSG_HDRLEN - body, &attrs);
	else
		ret = parse_attrs(NULL, 0, &attrs);
	if (ret)
		return ret;
	out->index = info.index;
	if (info.dir != XFRM_POLICY_IN || info.sel.family != AF_INET6 ||
	    (info.sel.proto != 0 && info.sel.proto != IPPROTO_MH &&
	     info.sel.proto != IPPROTO_ICMPV6) ||
	    attrs.type != XFRM_POLICY_TYPE_MAIN)
		return 0;
	if (info.sel.prefixlen_s > 128 || info.sel.prefixlen_d > 128)
		return -EBADMSG;
	out->priority = info.priority;
	out->proto = info.sel.proto;
	memcpy(&out->source, &info.sel.saddr, sizeof(out->source));
	memcpy(&out->destination, &info.sel.daddr, sizeof(out->destination));
	out->source_length = info.sel.prefixlen_s;
	out->destination_length = info.sel.prefixlen_d;
	out->sport = info.sel.sport;
	out->sport_mask = info.sel.sport_mask;
	out->dport = info.sel.dport;
	out->dport_mask = info.sel.dport_mask;
	out->uncertain = attrs.conditional || info.sel.ifindex != 0;
	out->requires_esp = info.action == XFRM_POLICY_ALLOW &&
			    requires_named_esp(&attrs);
	return 1;
}

/* ---- the tables ---- */

static size_t index_bucket(const struct spd *spd, uint32_t index)
{
	return (size_t)siphash24(spd->key, &index, sizeof(index)) &
	       (spd->bucket_count - 1);
}

static size_t source_bucket(const struct spd *spd, const struct in6_addr *addr)
{
	return (size_t)siphash24(spd->key, addr, sizeof(*addr)) &
	       (spd->bucket_count - 1);
}

static bool exact_source(const struct spd_policy *policy)
{
	return policy->source_length == 128;
}

static struct spd_policy **source_list(struct spd *spd,
				       const struct spd_policy *policy)
{
	return exact_source(policy) ?
		       &spd->by_source[source_bucket(spd, &policy->source)] :
		       &spd->inexact;
}

static void link_policy(struct spd *spd, struct spd_policy *policy)
{
	struct spd_policy **head = &spd->by_index[index_bucket(spd,
							       policy->index)];

	policy->index_next = *head;
	*head = policy;
	head = source_list(spd, policy);
	policy->source_next = *head;
	*head = policy;
}

static void unlink_from(struct spd_policy **link, struct spd_policy *policy,
			bool by_index)
{
	for (; *link; link = by_index ? &(*link)->index_next :
					&(*link)->source_next) {
		if (*link == policy) {
			*link = by_index ? policy->index_next :
					   policy->source_next;
			return;
		}
	}
}

static struct spd_policy *find_index(const struct spd *spd, uint32_t index)
{
	struct spd_policy *policy;

	for (policy = spd->by_index[index_bucket(spd, index)]; policy;
	     policy = policy->index_next) {
		if (policy->index == index)
			return policy;
	}
	return NULL;
}

static void remove_index(struct spd *spd, uint32_t index)
{
	struct spd_policy *policy = find_index(spd, index);

	if (!policy)
		return;
	unlink_from(&spd->by_index[index_bucket(spd, index)], policy, true);
	unlink_from(source_list(spd, policy), policy, false);
	free(policy);
	spd->count--;
}

/* Doubles both tables; on failure they stay as they are. */
static void grow(struct spd *spd)
{
	size_t old_count = spd->bucket_count, i;
	struct spd_policy **old_index = spd->by_index, **by_index, **by_source;
	struct spd_policy *policy, *next;

	by_index = calloc(old_count * 2, sizeof(*by_index));
	by_source = calloc(old_count * 2, sizeof(*by_source));
	if (!by_index || !by_source) {
		free(by_index);
		free(by_source);
		return;
	}
	free(spd->by_source);
	spd->by_index = by_index;
	spd->by_source = by_source;
	spd->bucket_count = old_count * 2;
	/* The inexact list is rebuilt too, from the index chains. */
	spd->inexact = NULL;
	for (i = 0; i < old_count; i++) {
		for (policy = old_index[i]; policy; policy = next) {
			next = policy->index_next;
			link_policy(spd, policy);
		}
	}
	free(old_index);
}

static int upsert(struct spd *spd, const struct spd_policy *parsed)
{
	struct spd_policy *policy;

	remove_index(spd, parsed->index);
	policy = malloc(sizeof(*policy));
	if (!policy)
		return -ENOMEM;
	*policy = *parsed;
	link_policy(spd, policy);
	spd->count++;
	if (spd->count > spd->bucket_count)
		grow(spd);
	return 0;
}

int spd_init(struct spd *spd)
{
	memset(spd, 0, sizeof(*spd));
	if (getrandom(spd->key, sizeof(spd->key), 0) != sizeof(spd->key))
		return -errno;
	spd->by_index = calloc(INITIAL_BUCKETS, sizeof(*spd->by_index));
	spd->by_source = calloc(INITIAL_BUCKETS, sizeof(*spd->by_source));
	if (!spd->by_index || !spd->by_source) {
		spd_destroy(spd);
		return -ENOMEM;
	}
	spd->bucket_count = INITIAL_BUCKETS;
	return 0;
}

void spd_clear(struct spd *spd)
{
	struct spd_policy *policy, *next;
	size_t i;

	for (i = 0; i < spd->bucket_count; i++) {
		for (policy = spd->by_index[i]; policy; policy = next) {
			next = policy->index_next;
			free(policy);
		}
		spd->by_index[i] = NULL;
		spd->by_source[i] = NULL;
	}
	spd->inexact = NULL;
	spd->count = 0;
}

void spd_destroy(struct spd *spd)
{
	if (spd->by_index && spd->by_source)
		spd_clear(spd);
	free(spd->by_index);
	free(spd->by_source);
	memset(spd, 0, sizeof(*spd));
}

/* ---- notifications ---- */

/* The attributes after a body of body_len bytes. */
static int message_attrs(const struct nlmsghdr *nlh, size_t body_len,
			 struct policy_attrs *attrs)
{
	size_t body = NLMSG_ALIGN(body_len);

	if (nlh->nlmsg_len <= NLMSG_HDRLEN + body)
		return parse_attrs(NULL, 0, attrs);
	return parse_attrs((const uint8_t *)nlh + NLMSG_HDRLEN + body,
			   nlh->nlmsg_len - NLMSG_HDRLEN - body, attrs);
}

/*
 * A deletion names the policy by index when it was deleted by index;
 * otherwise the index is 0 and the whole policy follows in XFRMA_POLICY.
 */
static int deleted_index(const struct nlmsghdr *nlh, uint32_t *index)
{
	struct xfrm_userpolicy_info info;
	struct xfrm_userpolicy_id id;
	struct policy_attrs attrs;
	int ret;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(id)))
		return -EBADMSG;
	memcpy(&id, NLMSG_DATA(nlh), sizeof(id));
	ret = message_attrs(nlh, sizeof(id), &attrs);
	if (ret)
		return ret;
	*index = id.index;
	if (!id.index && attrs.policy) {
		memcpy(&info, attrs.policy, sizeof(info));
		*index = info.index;
	}
	return 0;
}

int spd_apply(struct spd *spd, const struct nlmsghdr *nlh, size_t len)
{
	struct spd_policy parsed;
	int ret;

	if (len < NLMSG_HDRLEN || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    nlh->nlmsg_len > len)
		return -EBADMSG;
	switch (nlh->nlmsg_type) {
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_UPDPOLICY:
		ret = spd_policy_parse(nlh, len, &parsed);
		if (ret < 0)
			return ret;
		if (ret == 0) {
			remove_index(spd, parsed.index);
			return 0;
		}
		return upsert(spd, &parsed);
	case XFRM_MSG_DELPOLICY: {
		uint32_t index;

		ret = deleted_index(nlh, &index);
		if (ret)
			return ret;
		remove_index(spd, index);
		return 0;
	}
	case XFRM_MSG_POLEXPIRE: {
		struct xfrm_user_polexpire expire;

		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(expire)))
			return -EBADMSG;
		memcpy(&expire, NLMSG_DATA(nlh), sizeof(expire));
		/* A hard expiry deletes the policy, without DELPOLICY. */
		if (expire.hard)
			remove_index(spd, expire.pol.index);
		return 0;
	}
	case XFRM_MSG_FLUSHPOLICY: {
		struct policy_attrs attrs;

		/* No body; the type attribute, if any, says which type. */
		ret = message_attrs(nlh, 0, &attrs);
		if (ret)
			return ret;
		if (attrs.type == XFRM_POLICY_TYPE_MAIN)
			spd_clear(spd);
		return 0;
	}
	default:
		return 0;
	}
}

/* ---- the question ---- */

static bool prefix_match(const struct in6_addr *prefix, uint8_t length,
			 const struct in6_addr *addr)
{
	uint8_t bytes = length / 8, bits = length % 8;

	if (memcmp(prefix, addr, bytes))
		return false;
	return !bits || !((prefix->s6_addr[bytes] ^ addr->s6_addr[bytes]) &
			  (uint8_t)(0xff << (8 - bits)));
}

/*
 * The kernel's selector match (__xfrm6_selector_match) for a flow of
 * proto whose sport is the MH or ICMPv6 type and dport 0 (the ICMPv6
 * code of the messages asked about).
 */
static bool policy_matches(const struct spd_policy *policy,
			   const struct in6_addr *source,
			   const struct in6_addr *destination, uint8_t proto,
			   uint16_t sport)
{
	return (!policy->proto || policy->proto == proto) &&
	       prefix_match(&policy->source, policy->source_length, source) &&
	       prefix_match(&policy->destination, policy->destination_length,
			    destination) &&
	       !((sport ^ policy->sport) & policy->sport_mask) &&
	       !(policy->dport & policy->dport_mask);
}

struct verdict {
	bool certain;			/* a surely matching policy seen */
	uint32_t best;			/* lowest priority among those */
	bool best_all_esp;		/* all of that priority require ESP */
	bool risky;			/* an uncertain one without ESP seen */
	uint32_t risky_best;		/* lowest priority among those */
};

static void consider(struct verdict *v, const struct spd_policy *policy)
{
	if (policy->uncertain) {
		if (!policy->requires_esp &&
		    (!v->risky || policy->priority < v->risky_best)) {
			v->risky = true;
			v->risky_best = policy->priority;
		}
		return;
	}
	if (!v->certain || policy->priority < v->best) {
		v->certain = true;
		v->best = policy->priority;
		v->best_all_esp = policy->requires_esp;
	} else if (policy->priority == v->best) {
		v->best_all_esp &= policy->requires_esp;
	}
}

bool spd_protected(const struct spd *spd, const struct in6_addr *source,
		   const struct in6_addr *destination, uint8_t mh_type)
{
	return spd_flow_protected(spd, source, destination, IPPROTO_MH,
				  mh_type);
}

bool spd_flow_protected(const struct spd *spd, const struct in6_addr *source,
			const struct in6_addr *destination, uint8_t proto,
			uint8_t type)
{
	uint16_t sport = htons(type);
	struct verdict v = { 0 };
	const struct spd_policy *policy;

	for (policy = spd->by_source[source_bucket(spd, source)]; policy;
	     policy = policy->source_next) {
		if (!memcmp(&policy->source, source, sizeof(*source)) &&
		    policy_matches(policy, source, destination, proto,
				   sport))
			consider(&v, policy);
	}
	for (policy = spd->inexact; policy; policy = policy->source_next) {
		if (policy_matches(policy, source, destination, proto,
				   sport))
			consider(&v, policy);
	}
	return v.certain && v.best_all_esp &&
	       !(v.risky && v.risky_best <= v.best);
}
