// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Mobility Header side of home registration (mobility.h).
 *
 * Receiving: the kernel accepts a packet with a Home Address option only
 * through an xfrm state of proto hao, and delivers it to a socket only
 * through an inbound policy whose template names hao (xfrm.h); it then
 * swaps the option with the source. Sending: the BA goes to the home
 * address with an IPV6_RTHDR type 2 header holding the care-of address,
 * which the kernel swaps onto the wire, and is checksummed by the kernel
 * with the home address as RFC 6275 6.1.1 wants.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/dhad.h"
#include "core/mh.h"
#include "mip6/binding.h"
#include "mip6/dad.h"
#include "mip6/mip6.h"
#include "mip6/mobility.h"
#include "mip6/prefixadv.h"
#include "mip6/xfrm.h"
#include "sys/ipsec.h"
#include "sys/local.h"
#include "sys/log.h"
#include "sys/ratelimit.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"

/* Peers whose Binding Ack and Binding Error rates are tracked, each. */
#define MOBILITY_RATELIMIT_PEERS 8192

struct mobility {
	struct mip6 *ha;
	/* Binding Updates: the first home link's, which the others share. */
	struct mh_listener *bu;
	struct mh_listener *other;	/* types nobody else takes */
	struct xfrm_hao xfrm;
	struct dad *dad;		/* new home addresses under check */
	/* Answer limits (Documentation/ipsec.md). */
	struct ratelimit ack_limit;
	struct ratelimit error_limit;
	struct mobility_counters counters;
};

int mobility_request_addresses(const struct rawsock_rx *rx,
			       struct registration_request *req)
{
	struct in6_addr coa;
	int ret;

	req->has_home_address_option = false;
	memset(&req->home_address_option, 0, sizeof(req->home_address_option));
	req->source_address = rx->source;
	if (!rx->dstopts)
		return 0;
	ret = dha_dstopts_find_hao(rx->dstopts, rx->dstopts_len, &coa);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return -EBADMSG;
	req->has_home_address_option = true;
	req->home_address_option = rx->source;
	req->source_address = coa;
	return 0;
}

/* ---- sending ---- */

static void mh_send_msg(struct mobility *m, const struct dha_mh_msg *msg,
			const struct in6_addr *src, const struct in6_addr *dst,
			const struct in6_addr *rh2_addr)
{
	uint8_t pkt[DHA_MH_MAX_LEN];
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	size_t len;
	int ret;

	ret = dha_mh_build(pkt, sizeof(pkt), msg, &len);
	if (ret) {
		log_err("mobility: cannot build MH type %u: %s", msg->type,
			strerror(-ret));
		return;
	}
	ret = mh_send(m->bu, pkt, len, src, dst, rh2_addr);
	if (ret)
		log_warn("mobility: sending MH type %u to %s%s%s: %s",
			 msg->type, addr_format(dst, a), rh2_addr ? " via " : "",
			 rh2_addr ? addr_format(rh2_addr, b) : "",
			 strerror(-ret));
}

/*
 * Whether an answer to peer (the packet's source on the wire) may go:
 * per-peer token buckets, as RFC 6275 9.3.3 requires for Binding Errors
 * and as any answer to a forgeable source needs (ratelimit.h).
 */
static bool answer_allowed(struct mobility *m, bool ack,
			   const struct in6_addr *peer)
{
	const struct mip6_config *config = m->ha->config;
	struct mobility_counters *counters = &m->counters;
	uint64_t now = loop_now_ms(m->ha->dhad->loop);
	char text[INET6_ADDRSTRLEN];

	if (ack ? ratelimit_allow(&m->ack_limit, peer, now, config->ack_rate,
				  config->ack_burst) :
		  ratelimit_allow(&m->error_limit, peer, now,
				  config->error_rate, config->error_burst)) {
		if (ack)
			counters->acks_sent++;
		else
			counters->errors_sent++;
		return true;
	}
	if (ack)
		counters->acks_rate_limited++;
	else
		counters->errors_rate_limited++;
	log_debug("mobility: Binding %s to %s not sent: rate limit",
		  ack ? "Ack" : "Error", addr_format(peer, text));
	return false;
}

/*
 * RFC 6275 9.2/9.3.3: a Binding Error goes to the packet's source on the
 * wire (the care-of address), naming the home address, with no routing
 * header.
 */
static void send_binding_error(struct mobility *m,
			       const struct registration_request *req,
			       const struct rawsock_rx *rx, uint8_t status)
{
	struct dha_mh_msg be = { .type = DHA_MH_BE };

	if (!answer_allowed(m, false, &req->source_address))
		return;

	be.u.be.status = status;
	if (req->has_home_address_option)
		be.u.be.home_addr = req->home_address_option;
	mh_send_msg(m, &be, &rx->destination, &req->source_address, NULL);
}

/*
 * RFC 5142: the Home Agent Switch goes to the home address through a type
 * 2 routing header to the care-of address, as a Binding Ack does, so that
 * the mobile node takes it like one (and the security association between
 * home agent and home address can cover it); from this home agent's
 * address, where the mobile node registered.
 */
void mobility_send_ha_switch(struct mobility *m,
			     const struct in6_addr *home_address,
			     const struct in6_addr *care_of_address,
			     const struct in6_addr *home_agents,
			     unsigned int count)
{
	struct dha_mh_msg has = { .type = DHA_MH_HA_SWITCH };

	if (count > DHA_MH_HAS_ADDRS_MAX) {
		log_err("mobility: %u home agents do not fit a Home Agent Switch",
			count);
		return;
	}
	has.u.has.addr_count = count;
	if (count)
		memcpy(has.u.has.addrs, home_agents,
		       count * sizeof(*home_agents));
	mh_send_msg(m, &has, &m->ha->config->home.address, home_address,
		    care_of_address);
}

bool mobility_send_binding_error(struct mobility *m,
				 const struct in6_addr *src,
				 const struct in6_addr *dst,
				 const struct in6_addr *home_address,
				 uint8_t status)
{
	struct dha_mh_msg be = { .type = DHA_MH_BE };

	/* Its sender is no more authenticated than a Binding Update's. */
	if (!m || !answer_allowed(m, false, dst))
		return false;
	be.u.be.status = status;
	be.u.be.home_addr = *home_address;
	mh_send_msg(m, &be, src, dst, NULL);
	return true;
}

/* ---- receiving ---- */

static void send_ack(struct mobility *m, const struct registration_decision *d,
		     const struct registration_request *req,
		     const struct rawsock_rx *rx)
{
	struct dha_mh_msg ba = { .type = DHA_MH_BA };

	if (!answer_allowed(m, true, &req->source_address))
		return;
	ba.u.ba.status = d->status;
	ba.u.ba.flags = d->ack_flags;
	ba.u.ba.seq = d->sequence;
	ba.u.ba.lifetime = d->lifetime_units;
	/*
	 * To the home address, through a type 2 routing header to the
	 * care-of address the BU came from (RFC 6275 9.5.4); from the
	 * home agent address of the home link that served it (the first
	 * one answers from where the BU went, as its redundant set may
	 * share that address).
	 */
	mh_send_msg(m, &ba,
		    m->ha->first == m->ha ? &rx->destination :
					    &m->ha->config->home.address,
		    &rx->source,
		    req->has_home_address_option ? &req->source_address : NULL);
}

/* Where a new home address's Duplicate Address Detection stands. */
enum dad_result {
	DAD_UNCHECKED,
	DAD_CLEAR,
	DAD_DUPLICATE,
};

/*
 * A Binding Update kept while its home address is under check: the
 * datagram as received, read again when the check ends.
 */
struct pending_bu {
	struct in6_addr source, destination;
	unsigned int ifindex;
	int hop_limit;
	size_t len, dstopts_len;
	/* the message, then the destination options */
};

/*
 * RFC 6275 10.3.1: a new binding waits for Duplicate Address Detection
 * of its home address; the Binding Update goes to dad.c and comes back
 * to handle_message() when the check ends. 0: deferred; else the BA
 * status of a refusal (no room for another check, no probe sent).
 */
static uint8_t defer(struct mobility *m, const struct registration_decision *d,
		     const struct rawsock_rx *rx)
{
	struct pending_bu *p;
	size_t size = sizeof(*p) + rx->len + rx->dstopts_len;
	int ret;

	p = malloc(size);
	if (!p)
		return DHA_BA_INSUFFICIENT_RESOURCES;
	*p = (struct pending_bu){
		.source = rx->source,
		.destination = rx->destination,
		.ifindex = rx->ifindex,
		.hop_limit = rx->hop_limit,
		.len = rx->len,
		.dstopts_len = rx->dstopts_len,
	};
	memcpy(p + 1, rx->buf, rx->len);
	if (rx->dstopts_len)
		memcpy((uint8_t *)(p + 1) + rx->len, rx->dstopts,
		       rx->dstopts_len);
	ret = dad_start(m->dad, &d->home_address,
			d->flags & CACHE_FLAG_LINK_LOCAL, p, size);
	free(p);
	return ret < 0 ? mobility_dad_refusal(ret) : 0;
}

uint8_t mobility_dad_refusal(int err)
{
	return err == -ENOBUFS || err == -ENOMEM ?
		       DHA_BA_INSUFFICIENT_RESOURCES :
		       DHA_BA_REASON_UNSPECIFIED;
}

static void handle_bu(struct mobility *m, const struct dha_mh_msg *msg,
		      const struct rawsock_rx *rx, enum dad_result dad)
{
	struct dhad *dhad = m->ha->dhad;
	struct registration_request req = { 0 };
	struct registration_ctx ctx = { .binding_count = dhad->cache.count };
	struct registration_decision d;
	struct cache_entry *existing;
	char src[INET6_ADDRSTRLEN];
	struct mip6 *link;
	uint8_t status;

	/*
	 * Served by the home link whose prefix holds the home address (the
	 * socket's source); the first refuses the others with 132 as a
	 * single home link does.
	 */
	link = mip6_link_of(m->ha, &rx->source);
	m = link ? link->mobility : m->ha->first->mobility;
	ctx.config = m->ha->config;

	/* A standby member of a redundant set serves nobody (yet). */
	if (!dhad_serving(dhad)) {
		log_debug("mobility: BU from %s dropped: standby home agent",
			  addr_format(&rx->source, src));
		mh_dropped(dhad->mh, DHA_MH_BU);
		return;
	}
	req.bu = &msg->u.bu;
	req.options = &msg->opts;
	if (mobility_request_addresses(rx, &req)) {
		log_debug("mobility: BU from %s: malformed destination options; dropped",
			  addr_format(&rx->source, src));
		mh_dropped(dhad->mh, DHA_MH_BU);
		return;
	}
	/* The socket's source is the home address in both cases. */
	existing = cache_lookup(&dhad->cache, &rx->source);
	/* From the inbound policies the kernel enforced (ipsec.h). */
	req.ipsec_protected = ipsec_mh_protected(dhad->ipsec, &rx->source,
						 &rx->destination, DHA_MH_BU);
	/* One of this host's, or another node's on the home link (10.3.1). */
	req.home_address_in_use = !existing &&
				  (dad == DAD_DUPLICATE ||
				   local_address(&rx->source, 0));
	ctx.prefix_advertisement_pending =
		prefixadv_pending(m->ha->prefixadv, &rx->source);
	registration_decide(&ctx, &req, existing, &d);
	if (d.outcome == REGISTRATION_ACCEPTED &&
	    d.action == REGISTRATION_ACTION_CREATE && dad == DAD_UNCHECKED &&
	    m->ha->config->dad) {
		status = defer(m, &d, rx);
		if (!status)
			return;		/* answered when the check ends */
		registration_refuse(&d, status);
	}
	/* RFC 5142: the answer to a Home Agent Switch, or a refused renewal. */
	if (d.outcome == REGISTRATION_ACCEPTED &&
	    haswitch_binding_update(&dhad->haswitch, &d.home_address,
				    d.action == REGISTRATION_ACTION_DELETE))
		registration_refuse(&d, DHA_BA_ADMIN_PROHIBITED);

	switch (d.outcome) {
	case REGISTRATION_DISCARDED:
		m->counters.unprotected_discarded += d.unprotected;
		mh_dropped(dhad->mh, DHA_MH_BU);
		log_debug("mobility: BU for %s discarded%s",
			  addr_format(&rx->source, src),
			  d.unprotected ? ": not protected by IPsec" : "");
		return;
	case REGISTRATION_BINDING_ERROR:
		send_binding_error(m, &req, rx, d.binding_error_status);
		return;
	case REGISTRATION_ACCEPTED:
		/*
		 * RFC 6275 10.6.3: a registration acknowledges an
		 * unsolicited Mobile Prefix Advertisement; the status 1 it
		 * gets makes the mobile node ask for the prefixes.
		 */
		prefixadv_acknowledge(m->ha->prefixadv, &d.home_address);
		if (d.action == REGISTRATION_ACTION_CREATE ||
		    d.action == REGISTRATION_ACTION_UPDATE) {
			if (!binding_apply(m->ha, &d, existing, msg->u.bu.seq))
				registration_forwarding_failed(&d);
		} else if (d.action == REGISTRATION_ACTION_DELETE && existing) {
			binding_delete(m->ha, existing);
		}
		break;
	case REGISTRATION_REJECTED:
		m->counters.policy_denied += d.policy_denied;
		log_info("BU for %s seq %u refused: status %u%s",
			 addr_format(&rx->source, src), msg->u.bu.seq, d.status,
			 d.policy_denied ? " (binding-policy)" : "");
		break;
	}
	if (d.send_ack)
		send_ack(m, &d, &req, rx);
}

/* A Binding Update, or a message of a type no protocol takes. */
static void handle_message(struct mobility *m, const struct rawsock_rx *rx,
			   enum dad_result dad)
{
	struct dha_mh_msg msg;
	struct registration_request req = { 0 };
	char src[INET6_ADDRSTRLEN];
	int ret;

	ret = dha_mh_parse(rx->buf, rx->len, &msg);
	if (ret == -EPROTONOSUPPORT) {
		if (mobility_request_addresses(rx, &req)) {
			mh_dropped(m->ha->dhad->mh, msg.type);
			return;
		}
		log_debug("mobility: unknown MH type %u from %s", msg.type,
			  addr_format(&req.source_address, src));
		send_binding_error(m, &req, rx, DHA_BE_UNKNOWN_MH_TYPE);
		return;
	}
	if (ret) {
		log_debug("mobility: malformed MH from %s dropped (fault %d at %zu)",
			  addr_format(&rx->source, src), (int)msg.fault,
			  msg.fault_offset);
		if (rx->len > 2)	/* the MH type's octet */
			mh_dropped(m->ha->dhad->mh, rx->buf[2]);
		return;
	}
	if (msg.type == DHA_MH_BU) {
		handle_bu(m, &msg, rx, dad);
		return;
	}
	log_debug("mobility: MH type %u from %s ignored", msg.type,
		  addr_format(&rx->source, src));
	mh_dropped(m->ha->dhad->mh, msg.type);
}

static void handle_datagram(void *arg, const struct rawsock_rx *rx)
{
	handle_message(arg, rx, DAD_UNCHECKED);
}

/* A home address's check ended: its Binding Update, decided again. */
static void dad_done(void *arg, const void *data, size_t len, bool duplicate)
{
	const struct pending_bu *p = data;
	struct rawsock_rx rx;

	if (len < sizeof(*p) || len != sizeof(*p) + p->len + p->dstopts_len)
		return;
	rx = (struct rawsock_rx){
		.buf = (const uint8_t *)(p + 1),
		.len = p->len,
		.source = p->source,
		.destination = p->destination,
		.ifindex = p->ifindex,
		.hop_limit = p->hop_limit,
		.dstopts = p->dstopts_len ? (const uint8_t *)(p + 1) + p->len :
					    NULL,
		.dstopts_len = p->dstopts_len,
	};
	handle_message(arg, &rx, duplicate ? DAD_DUPLICATE : DAD_CLEAR);
}

/* A home agent of the home link: an entry of the Home Agents List. */
static bool listed_home_agent(void *arg, const struct in6_addr *source)
{
	const struct mip6 *ha = arg;

	return halist_lookup(ha->halist, source) != NULL;
}

/* ---- start and stop ---- */

int mobility_open(struct mip6 *ha, struct mobility **out)
{
	struct mobility *m = calloc(1, sizeof(*m));
	struct mh *mh = ha->dhad->mh;
	int ret;

	if (!m) {
		log_err("out of memory");
		return -ENOMEM;
	}
	m->ha = ha;
	m->xfrm.nl.fd = -1;
	ret = ratelimit_init(&m->ack_limit, MOBILITY_RATELIMIT_PEERS);
	if (!ret)
		ret = ratelimit_init(&m->error_limit, MOBILITY_RATELIMIT_PEERS);
	if (ret) {
		log_err("mobility: rate limits: %s", strerror(-ret));
		goto fail;
	}
	ret = dad_open(ha->dhad->loop, ha->config->home.home_link, dad_done,
		       m, &m->dad);
	if (ret)
		goto fail;
	dad_set_home_agent(m->dad, listed_home_agent, ha);
	if (ha->first != ha) {
		m->bu = ha->first->mobility->bu;
		*out = m;
		return 0;
	}
	ret = xfrm_hao_install(&m->xfrm);
	if (ret)
		goto fail;
	ret = mh_listen(mh, DHA_MH_BU, NULL, handle_datagram, m, &m->bu);
	if (!ret)
		ret = mh_listen(mh, MH_TYPE_ANY, NULL, handle_datagram, m,
				&m->other);
	if (ret) {
		log_err("mobility: cannot open a raw IPPROTO_MH socket: %s",
			strerror(-ret));
		goto fail;
	}
	*out = m;
	return 0;
fail:
	mobility_close(m);
	return ret;
}

void mobility_close(struct mobility *m)
{
	if (!m)
		return;
	mh_unlisten(m->other);
	if (m->ha->first == m->ha)
		mh_unlisten(m->bu);
	/* Binding Updates under check go unanswered; their senders retry. */
	dad_close(m->dad);
	xfrm_hao_remove(&m->xfrm);
	ratelimit_destroy(&m->ack_limit);
	ratelimit_destroy(&m->error_limit);
	free(m);
}

void mobility_counters_get(const struct mobility *m,
			   struct mobility_counters *out)
{
	*out = m->counters;
	out->ipsec_policies = ipsec_policy_count(m->ha->dhad->ipsec);
}
