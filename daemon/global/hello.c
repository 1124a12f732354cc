// SPDX-License-Identifier: GPL-2.0-only
/*
 * The global HAHA's Hellos (draft 5.2.2-5.2.4; global.h): sent from the
 * locator to every member's locator with G set, the Group ID and
 * preference 0, R while this member boots; received, checked (a
 * configured member, protected as auth asks, G set, the same group) and
 * taken into the member's entry, whose dead timer is then restarted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dhad.h"
#include "core/mh.h"
#include "global/global.h"
#include "sys/ipsec.h"
#include "sys/log.h"
#include "wire/numbers.h"

uint64_t global_wall_clock_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void send_msg(struct global *g, const struct global_member *m,
		     struct dha_hamsg *msg)
{
	uint8_t buf[DHA_MH_MAX_LEN];
	char a[INET6_ADDRSTRLEN];
	size_t len;
	int ret;

	if (!g->listener)
		return;		/* the locator is not up: nothing to send from */
	if (g->config->auth == GLOBAL_AUTH_HMAC_SHA256) {
		msg->has_auth = true;
		msg->auth.key_id = auth_send_key_id(&g->auth);
		msg->auth.counter = auth_next_counter(&g->auth,
						      global_wall_clock_us());
	}
	ret = dha_hamsg_build(buf, sizeof(buf), msg, &len);
	if (!ret && msg->has_auth)
		ret = auth_sign(&g->auth, buf, len, msg->auth.mac_offset,
				&g->config->locator, &m->locator);
	if (ret) {
		log_err("global: cannot build message %u: %s", msg->subtype,
			strerror(-ret));
		return;
	}
	ret = mh_send(g->listener, buf, len, NULL, &m->locator, NULL);
	if (ret)
		log_debug("global: sending %u to %s: %s", msg->subtype,
			  addr_format(&m->locator, a), strerror(-ret));
}

/*
 * One Hello (5.2.3): G, the Group ID, preference 0 (the draft: members
 * are chosen by routing, not by preference), this home agent's address
 * in an IP Address option of code 4 per home prefix, as a redundant
 * set's Hellos carry it.
 */
static void send_hello(struct global *g, const struct global_member *m,
		       bool solicit, uint16_t lifetime_s)
{
	const struct dhad_home *home = g->dhad->config.home;
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_HELLO };
	unsigned int i;

	msg.u.hello.seq = g->hello_seq;
	msg.u.hello.lifetime = lifetime_s;
	msg.u.hello.interval = (uint16_t)g->config->hello_interval_ms;
	msg.u.hello.group = g->config->group;
	msg.u.hello.flags = DHA_HELLO_FLAG_G | (solicit ? DHA_HELLO_FLAG_R : 0);
	for (i = 0; i < home->prefix_count && i < DHA_HAMSG_ADDRS_MAX; i++) {
		msg.addrs[i].code = DHA_IPADDR_CODE_HA_ADDRESS;
		msg.addrs[i].prefix_len = home->prefixes[i].length;
		msg.addrs[i].addr = home->address;
	}
	msg.addr_count = i;
	send_msg(g, m, &msg);
	g->counters.hello_tx++;
	if (solicit)
		g->counters.solicit_tx++;
}

void global_hellos(struct global *g, uint16_t lifetime_s)
{
	bool solicit = g->phase == GLOBAL_BOOTSTRAP && lifetime_s;
	unsigned int i;

	g->hello_seq++;
	for (i = 0; i < g->member_count; i++)
		send_hello(g, &g->members[i], solicit, lifetime_s);
}

void global_hello_tick(struct loop_timer *timer)
{
	struct global *g = container_of(timer, struct global, hello_timer);

	global_hellos(g, g->dhad->config.home->ha_lifetime);
	loop_timer_start(g->dhad->loop, &g->hello_timer,
			 g->config->hello_interval_ms);
}

void global_member_dead(struct loop_timer *timer)
{
	struct global_member *m = container_of(timer, struct global_member,
					       dead_timer);
	struct global *g = m->g;
	char a[INET6_ADDRSTRLEN];

	m->alive = false;
	m->failures++;
	g->counters.member_failures++;
	log_warn("global: member %s failed (no Hello for %llu ms)",
		 addr_format(&m->locator, a),
		 (unsigned long long)global_dead_ms(g->config->hello_loss,
						    m->interval_ms,
						    g->config->hello_interval_ms,
						    m->lifetime_s));
}

static struct global_member *member_of(struct global *g,
				       const struct in6_addr *addr)
{
	unsigned int i;

	for (i = 0; i < g->member_count; i++)
		if (memcmp(&g->members[i].locator, addr, sizeof(*addr)) == 0)
			return &g->members[i];
	return NULL;
}

static void take_hello(struct global *g, struct global_member *m,
		       const struct dha_hamsg *msg)
{
	const struct dha_hamsg_hello *h = &msg->u.hello;
	bool was_alive = m->alive;
	char a[INET6_ADDRSTRLEN];

	addr_format(&m->locator, a);
	switch (global_hello_verdict(g->config->group, h)) {
	case GLOBAL_HELLO_NOT_GLOBAL:
		g->counters.drop_not_global++;
		log_debug("global: Hello without G from %s dropped", a);
		return;
	case GLOBAL_HELLO_OTHER_GROUP:
		g->counters.drop_group++;
		log_debug("global: Hello from %s for group %u dropped (ours is %u)",
			  a, h->group, g->config->group);
		return;
	case GLOBAL_HELLO_TAKE:
		break;
	}
	g->counters.hello_rx++;
	m->hellos_rx++;
	m->heard = true;
	m->group = h->group;
	m->lifetime_s = h->lifetime;
	m->interval_ms = h->interval;
	m->heard_ms = loop_now_ms(g->dhad->loop);
	/* The preference is not used between sites (5.2.2): ignored. */
	m->ha_count = global_hello_ha_addresses(msg, m->ha_addresses,
						GLOBAL_HA_ADDRS_MAX);
	if (!h->lifetime) {
		/* A goodbye: the member stops; no need to wait for it. */
		loop_timer_stop(g->dhad->loop, &m->dead_timer);
		m->alive = false;
		m->left = true;
		log_notice("global: member %s left the set", a);
		return;
	}
	m->alive = true;
	m->left = false;
	loop_timer_start(g->dhad->loop, &m->dead_timer,
			 global_dead_ms(g->config->hello_loss, m->interval_ms,
					g->config->hello_interval_ms,
					m->lifetime_s));
	if (!was_alive)
		log_notice("global: member %s is alive (group %u)", a, h->group);
	/* A booting member asks for Hellos: it gets one now (5.2.3). */
	if (h->flags & DHA_HELLO_FLAG_R) {
		g->counters.solicit_rx++;
		send_hello(g, m, false, g->dhad->config.home->ha_lifetime);
	}
	if (!was_alive)
		global_bootstrap_check(g);
}

/* Whether the message passes auth; counts and logs a refusal. */
static bool authentic(struct global *g, struct global_member *m,
		      const struct rawsock_rx *rx, const struct dha_hamsg *msg)
{
	enum auth_verdict verdict;
	char a[INET6_ADDRSTRLEN];

	addr_format(&rx->source, a);
	switch (g->config->auth) {
	case GLOBAL_AUTH_IPSEC:
		/* The kernel's inbound policies must have asked for ESP. */
		if (ipsec_mh_protected(g->dhad->ipsec, &rx->source,
				       &g->config->locator,
				       DHA_MH_EXPERIMENTAL))
			return true;
		g->counters.drop_unauthenticated++;
		log_debug("global: message from %s dropped: not protected by IPsec",
			  a);
		return false;
	case GLOBAL_AUTH_HMAC_SHA256:
		verdict = auth_verify(&g->auth, &m->replay, rx->buf, rx->len,
				      msg->has_auth, msg->auth.key_id,
				      msg->auth.counter, msg->auth.mac_offset,
				      &rx->source, &g->config->locator,
				      global_wall_clock_us());
		if (verdict == AUTH_OK)
			return true;
		if (verdict == AUTH_REPLAYED || verdict == AUTH_STALE)
			g->counters.drop_replayed++;
		else
			g->counters.drop_unauthenticated++;
		log_debug("global: message from %s dropped: %s", a,
			  auth_verdict_name(verdict));
		return false;
	case GLOBAL_AUTH_NONE:
	case GLOBAL_AUTH_UNSET:
		break;
	}
	return true;
}

/* A message of the Experimental Mobility Header to the locator. */
void global_receive(void *arg, const struct rawsock_rx *rx)
{
	struct global *g = arg;
	struct global_member *m;
	struct dha_hamsg *msg;
	char a[INET6_ADDRSTRLEN];

	/* Shorter than the smallest HA-to-HA message: noise. */
	if (rx->len < 8)
		return;
	/* Far too large for the stack of a callback. */
	msg = malloc(sizeof(*msg));
	if (!msg)
		return;
	addr_format(&rx->source, a);
	if (dha_hamsg_parse(rx->buf, rx->len, msg)) {
		g->counters.drop_malformed++;
		log_debug("global: malformed message from %s dropped", a);
		goto out;
	}
	/* 5.2.4: a sender that is not a member is ignored. */
	m = member_of(g, &rx->source);
	if (!m) {
		g->counters.drop_unknown_sender++;
		log_debug("global: message from %s, not a member, dropped", a);
		goto out;
	}
	if (!authentic(g, m, rx, msg)) {
		goto out;
	}
	switch (msg->subtype) {
	case DHA_HAMSG_HELLO:
		take_hello(g, m, msg);
		break;
	default:
		log_debug("global: message %u from %s ignored", msg->subtype, a);
		break;
	}
out:
	free(msg);
}
