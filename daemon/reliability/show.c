// SPDX-License-Identifier: GPL-2.0-only
/* The "redundancy" object of dha ha show (redundancy.h). */
#include "core/dhad.h"
#include "reliability/member.h"
#include "reliability/sync.h"
#include "reliability/takeover.h"
#include "wire/hamsg.h"

static json_object *json_address(const struct in6_addr *addr)
{
	char a[INET6_ADDRSTRLEN];

	return json_object_new_string(addr_format(addr, a));
}

static json_object *peer_json(const struct redundancy *r,
			      const struct red_peer *p)
{
	json_object *o = json_object_new_object();
	const char *state = p->alive ? "alive" : p->heard ? "failed" :
							   "unknown";

	if (!o)
		return NULL;
	json_object_object_add(o, "address", json_address(&p->address));
	json_object_object_add(o, "state", json_object_new_string(state));
	json_object_object_add(o, "role", json_object_new_string(
				       !p->alive ? "none" :
				       p->active ? "active" : "standby"));
	json_object_object_add(o, "preference",
			       json_object_new_int(p->preference));
	json_object_object_add(o, "eligible",
			       json_object_new_boolean(p->eligible));
	json_object_object_add(o, "hello-interval",
			       json_object_new_int(p->interval_ms));
	json_object_object_add(o, "hellos", json_object_new_int64(
				       (int64_t)p->hellos_rx));
	if (p->heard)
		json_object_object_add(o, "last-hello-ms", json_object_new_int64(
			(int64_t)(loop_now_ms(r->dhad->loop) - p->last_hello_ms)));
	return o;
}

/* The SwitchOver or SwitchBack Request under way; NULL (null): none. */
static json_object *request_json(const struct pending_request *q)
{
	json_object *o;

	if (!q->subtype)
		return NULL;
	o = json_object_new_object();
	if (!o)
		return NULL;
	json_object_object_add(o, "type", json_object_new_string(
		q->subtype == DHA_HAMSG_SWITCHOVER_REQUEST ? "switchover" :
							     "switchback"));
	json_object_object_add(o, "peer", json_address(&q->peer->address));
	json_object_object_add(o, "tries", json_object_new_int((int)q->tries));
	json_object_object_add(o, "by", json_object_new_string(
				       q->preemption ? "preemption" : "operator"));
	return o;
}

json_object *redundancy_json(const struct redundancy *r)
{
	const struct red_counters *c = &r->counters;
	json_object *o = json_object_new_object();
	json_object *peers = json_object_new_array();
	json_object *counters = json_object_new_object();
	unsigned int i;

	if (!o || !peers || !counters) {
		json_object_put(o);
		json_object_put(peers);
		json_object_put(counters);
		return NULL;
	}
	json_object_object_add(o, "group", json_object_new_int(r->config->group));
	json_object_object_add(o, "mode", json_object_new_string(
		r->config->mode == REDUNDANCY_VIRTUAL ? "virtual" : "hard"));
	json_object_object_add(o, "role", json_object_new_string(
				       redundancy_role_name(r->role)));
	json_object_object_add(o, "preference",
			       json_object_new_int(r->config->preference));
	json_object_object_add(o, "in-role-ms", json_object_new_int64(
		(int64_t)(loop_now_ms(r->dhad->loop) - r->role_since_ms)));
	json_object_object_add(o, "role-reason",
			       json_object_new_string(r->role_reason));
	/* Rule 4 of the election: it would yield to an incumbent. */
	json_object_object_add(o, "fresh", json_object_new_boolean(redundancy_is_fresh(r)));
	json_object_object_add(o, "eligible",
			       json_object_new_boolean(r->eligible));
	json_object_object_add(o, "held", json_object_new_boolean(r->held));
	json_object_object_add(o, "hold-down",
			       json_object_new_int64(r->config->hold_down_s));
	json_object_object_add(o, "hold-down-left-ms", json_object_new_int64(
		hold_down_running(r) ? (int64_t)(r->holddown_until_ms -
						 loop_now_ms(r->dhad->loop)) : 0));
	if (!r->eligible)
		json_object_object_add(o, "tracked-failure",
				       json_object_new_string(r->track_failure));
	json_object_object_add(o, "request", request_json(&r->request));
	json_object_object_add(o, "local", json_address(&r->config->local));
	json_object_object_add(o, "hello-interval",
			       json_object_new_int64(r->config->hello_interval_ms));
	json_object_object_add(o, "hello-loss",
			       json_object_new_int64(r->config->hello_loss));
	json_object_object_add(o, "auth", json_object_new_string(
		r->config->auth == AUTH_HMAC_SHA256 ? "hmac-sha256" :
		r->config->auth == AUTH_IPSEC ? "ipsec" : "none"));
	for (i = 0; i < r->peer_count; i++)
		json_object_array_add(peers, peer_json(r, &r->peers[i]));
	json_object_object_add(o, "peers", peers);
#define COUNTER(name, field) \
	json_object_object_add(counters, name, \
			       json_object_new_int64((int64_t)c->field))
	COUNTER("hello-tx", hello_tx);
	COUNTER("hello-rx", hello_rx);
	COUNTER("hello-request-tx", hello_request_tx);
	COUNTER("hello-request-rx", hello_request_rx);
	COUNTER("drop-malformed", drop_malformed);
	COUNTER("drop-unknown-sender", drop_unknown_sender);
	COUNTER("drop-group", drop_group);
	COUNTER("drop-unauthenticated", drop_unauthenticated);
	COUNTER("drop-replayed", drop_replayed);
	COUNTER("drop-not-active", drop_not_active);
	COUNTER("drop-stale-hello", drop_stale_hello);
	COUNTER("takeovers", takeovers);
	COUNTER("stepdowns", stepdowns);
	COUNTER("peer-failures", peer_failures);
	COUNTER("switchover-requests", switchover_rx);
	COUNTER("switchback-requests", switchback_rx);
#undef COUNTER
	json_object_object_add(o, "counters", counters);
	json_object_object_add(o, "sync", sync_json(r->sync));
	json_object_object_add(o, "takeover", takeover_json(r->takeover));
	return o;
}
