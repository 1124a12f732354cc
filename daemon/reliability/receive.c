// SPDX-License-Identifier: GPL-2.0-only
/*
 * HA reliability: the messages from the peers (member.h). Each is
 * parsed, its sender checked (a configured peer, authenticated), and
 * handed on: Hellos are taken here (liveness, the peer's role and
 * figures, the Home Agents List, failure detection), SwitchOver and
 * SwitchBack to handover.c, State Synchronization to sync.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dhad.h"
#include "core/halist.h"
#include "core/mh.h"
#include "reliability/member.h"
#include "reliability/sync.h"
#include "sys/ipsec.h"
#include "sys/log.h"
#include "wire/hamsg.h"

static struct red_peer *peer_of(struct redundancy *r,
				const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < r->peer_count; i++)
		if (memcmp(&r->peers[i].address, addr, sizeof(*addr)) == 0)
			return &r->peers[i];
	return NULL;
}

/*
 * Hard switch: the Home Agents List holds the peer while it is alive and
 * active, from its Hellos (draft 7.2.4); in virtual mode every member
 * has this home agent's address, which the list never holds.
 */
void redundancy_list_peer(struct redundancy *r, struct red_peer *p)
{
	struct halist *list = &r->dhad->halist;
	bool serving = p->alive && p->active;
	bool was_listed = halist_lookup(list, &p->address) != NULL;
	char a[INET6_ADDRSTRLEN], h[INET6_ADDRSTRLEN];
	int ret;

	if (r->config->mode != REDUNDANCY_HARD || !p->heard)
		return;
	ret = halist_update_member(list, &p->address, &p->ha_address,
				   p->list_preference,
				   serving ? p->lifetime : 0);
	addr_format(&p->address, a);
	addr_format(&p->ha_address, h);
	if (ret)
		log_warn("redundancy: cannot list home agent %s (peer %s): %s",
			 h, a, strerror(-ret));
	else if (serving && !was_listed)
		log_info("redundancy: home agent %s (peer %s) listed, preference %d",
			 h, a, p->list_preference);
	else if (!serving && was_listed)
		log_info("redundancy: home agent %s (peer %s) unlisted: it does not serve",
			 h, a);
}

void redundancy_peer_dead(struct loop_timer *timer)
{
	struct red_peer *p = container_of(timer, struct red_peer, dead_timer);
	struct redundancy *r = p->r;
	char a[INET6_ADDRSTRLEN], why[96];

	p->alive = false;
	p->seq_known = false;
	p->handed_over = false;
	r->counters.peer_failures++;
	addr_format(&p->address, a);
	log_warn("redundancy: peer %s failed (no Hello for %u ms)", a,
		 r->config->hello_loss * p->interval_ms);
	redundancy_list_peer(r, p);
	snprintf(why, sizeof(why), "peer %s failed", a);
	events_peer_changed(r, p, "failed");
	redundancy_reelect(r, why);
}

static void handle_hello(struct redundancy *r, struct red_peer *p,
			 const struct dha_hamsg *msg)
{
	const struct dha_hamsg_hello *h = &msg->u.hello;
	bool was_alive = p->alive, was_active = p->alive && p->active;
	enum hello_verdict verdict = redundancy_hello_verdict(p, r->config->group, h);
	char a[INET6_ADDRSTRLEN], why[96];

	switch (verdict) {
	case HELLO_OTHER_GROUP:
		r->counters.drop_group++;
		log_debug("redundancy: Hello from %s for group %u dropped",
			  addr_format(&p->address, a), h->group);
		return;
	case HELLO_STALE:
		r->counters.drop_stale_hello++;
		log_debug("redundancy: stale Hello %u from %s dropped (have %u)",
			  h->seq, addr_format(&p->address, a), p->last_seq);
		return;
	case HELLO_ANSWER:
		p->request_pending = false;
		break;
	case HELLO_TAKE:
		p->last_seq = h->seq;
		p->seq_known = true;
		break;
	}
	r->counters.hello_rx++;
	p->hellos_rx++;
	p->heard = true;
	p->last_hello_ms = loop_now_ms(r->dhad->loop);
	p->preference = h->preference;
	p->lifetime = h->lifetime;
	/* An interval of 0 would make a dead timer of nothing. */
	p->interval_ms = h->interval ? h->interval :
				       (uint16_t)r->config->hello_interval_ms;
	p->active = redundancy_hello_active(p, h->flags & DHA_HELLO_FLAG_A,
					    p->last_hello_ms,
					    redundancy_dead_ms(r->config->hello_loss,
							       p->interval_ms,
							       h->lifetime));
	if (p->handed_over && (h->flags & DHA_HELLO_FLAG_A))
		log_debug("redundancy: Hello from %s claims the role it handed over: sent before our reply",
			  addr_format(&p->address, a));
	p->eligible = !(h->flags & DHA_HELLO_FLAG_F);
	p->fresh = p->active && (h->flags & DHA_HELLO_FLAG_N);
	redundancy_hello_listing(msg, &p->address, &p->ha_address,
				 &p->list_preference);
	addr_format(&p->address, a);
	if (!h->lifetime) {
		/* The sender leaves the set (draft 7.2.4). */
		loop_timer_stop(r->dhad->loop, &p->dead_timer);
		p->alive = false;
		p->active = false;
		p->seq_known = false;
		log_notice("redundancy: peer %s left the set", a);
		redundancy_list_peer(r, p);
		snprintf(why, sizeof(why), "peer %s left", a);
		if (was_alive)
			events_peer_changed(r, p, "left");
		redundancy_reelect(r, why);
		return;
	}
	p->alive = true;
	loop_timer_start(r->dhad->loop, &p->dead_timer,
			 redundancy_dead_ms(r->config->hello_loss,
					    p->interval_ms, h->lifetime));
	redundancy_list_peer(r, p);
	/*
	 * An active that steps down with its tracked conditions holding
	 * does so for a SwitchOver (or as the second of two actives): its
	 * successor claims the role in a moment. Waiting for it, up to a
	 * dead interval, keeps a better-ranked standby from taking the role
	 * first and the asker from yielding it back.
	 */
	if (was_active && !p->active && p->eligible)
		loop_timer_start(r->dhad->loop, &r->handover_timer,
				 (uint64_t)r->config->hello_loss *
					 p->interval_ms);
	if (!was_alive) {
		log_notice("redundancy: peer %s up, %s, preference %u", a,
			   p->active ? "active" : "standby", p->preference);
		events_peer_changed(r, p, p->active ? "active" : "standby");
		/* Let it learn about us without waiting a period. */
		redundancy_send_hello(r, p, r->hello_seq,
			   r->dhad->config.home->ha_lifetime);
	}
	snprintf(why, sizeof(why), "Hello from %s", a);
	redundancy_reelect(r, why);
}

/*
 * The request that made the last role change, again from its sender
 * while it may still be retransmitting it.
 */
static void handle_message(struct redundancy *r, const uint8_t *buf,
			   size_t len, const struct in6_addr *src)
{
	struct dha_hamsg *msg;
	struct red_peer *p;
	enum auth_verdict verdict;
	char a[INET6_ADDRSTRLEN];

	/* Far too large for the stack of a callback. */
	msg = malloc(sizeof(*msg));
	if (!msg)
		return;
	addr_format(src, a);
	if (dha_hamsg_parse(buf, len, msg)) {
		r->counters.drop_malformed++;
		log_debug("redundancy: malformed message from %s dropped", a);
		goto out;
	}
	p = peer_of(r, src);
	if (!p) {
		r->counters.drop_unknown_sender++;
		log_debug("redundancy: message from %s, not a peer, dropped", a);
		goto out;
	}
	/* auth = ipsec: the kernel's inbound policies must have asked for
	 * ESP, or the message could have come from anyone. */
	if (r->config->auth == AUTH_IPSEC &&
	    !ipsec_mh_protected(r->dhad->ipsec, src,
				&r->config->local, DHA_MH_EXPERIMENTAL)) {
		r->counters.drop_unauthenticated++;
		log_debug("redundancy: message from %s dropped: not protected by IPsec",
			  a);
		goto out;
	}
	if (r->config->auth == AUTH_HMAC_SHA256) {
		verdict = auth_verify(&r->auth, &p->replay, buf, len,
				      msg->has_auth, msg->auth.key_id,
				      msg->auth.counter, msg->auth.mac_offset,
				      src, &r->config->local, redundancy_wall_clock_us());
		if (verdict == AUTH_STALE)
			log_warn("redundancy: message from %s dropped: %s",
				 a, auth_verdict_name(verdict));
		if (verdict == AUTH_REPLAYED || verdict == AUTH_STALE) {
			r->counters.drop_replayed++;
		} else if (verdict != AUTH_OK) {
			r->counters.drop_unauthenticated++;
		}
		if (verdict != AUTH_OK) {
			log_debug("redundancy: message from %s dropped: %s", a,
				  auth_verdict_name(verdict));
			goto out;
		}
	}
	switch (msg->subtype) {
	case DHA_HAMSG_HELLO:
		handle_hello(r, p, msg);
		break;
	case DHA_HAMSG_HELLO_REQUEST:
		r->counters.hello_request_rx++;
		/* Answered with the request's sequence number (7.2.2). */
		redundancy_send_hello(r, p, msg->u.seq, r->dhad->config.home->ha_lifetime);
		break;
	case DHA_HAMSG_SWITCHOVER_REQUEST:
		handover_switchover_request(r, p);
		break;
	case DHA_HAMSG_SWITCHBACK_REQUEST:
		handover_switchback_request(r, p);
		break;
	case DHA_HAMSG_SWITCHOVER_REPLY:
	case DHA_HAMSG_SWITCHBACK_REPLY:
		handover_reply(r, p, msg->subtype, msg->u.status);
		break;
	case DHA_HAMSG_SS_REQUEST:
	case DHA_HAMSG_SS:
	case DHA_HAMSG_SS_ACK:
		sync_receive(r->sync, (unsigned int)(p - r->peers), msg);
		break;
	default:
		log_debug("redundancy: message %u from %s ignored",
			  msg->subtype, a);
		break;
	}
out:
	free(msg);
}

/* A message of the Experimental Mobility Header to local (core/mh.h). */
void redundancy_receive(void *arg, const struct rawsock_rx *rx)
{
	/* Shorter than the smallest HA-to-HA message: noise. */
	if (rx->len < 8)
		return;
	handle_message(arg, rx->buf, rx->len, &rx->source);
}
