// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discovery's pure parts: what a Router Advertisement does to the Home
 * Agents List, the order of a DHAAD Reply, the socket's xfrm policy.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/xfrm.h>

#include "mip6/discovery.h"
#include "mip6/witness.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	CHECK(inet_pton(AF_INET6, text, &addr) == 1);
	return addr;
}

static bool same(const struct in6_addr *a, const char *text)
{
	struct in6_addr b = a6(text);

	return memcmp(a, &b, sizeof(b)) == 0;
}

static void add_prefix(struct dha_ra *ra, const char *addr, uint8_t flags,
		       uint32_t valid)
{
	struct dha_nd_prefix *p = &ra->prefixes[ra->prefix_count++];

	p->prefix_len = 64;
	p->flags = flags;
	p->valid_lifetime = valid;
	p->preferred_lifetime = valid;
	p->prefix = a6(addr);
}

static void test_ra_learn(void)
{
	struct in6_addr known = a6("2001:db8:1::9");
	struct discovery_ra_entry e;
	struct dha_ra ra;

	/* RFC 6275 7.4 defaults: preference 0, the Router Lifetime. */
	memset(&ra, 0, sizeof(ra));
	ra.flags = DHA_RA_FLAG_H;
	ra.router_lifetime = 1800;
	add_prefix(&ra, "2001:db8:1::", DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A,
		   86400);
	add_prefix(&ra, "2001:db8:1::2", DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_R,
		   86400);
	add_prefix(&ra, "2001:db8:1::3", DHA_PREFIX_FLAG_R, 86400);
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_UPDATE);
	CHECK(same(&e.address, "2001:db8:1::2"));
	CHECK_INT(e.preference, 0);
	CHECK_INT(e.lifetime, 1800);
	CHECK(!e.has_load);
	/* draft-deng 6: the load counts with L and the option both. */
	ra.has_lb_info = true;
	ra.lb_info.queue_size = 70;
	ra.lb_info.registered_mns = 3;
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_UPDATE);
	CHECK(!e.has_load);
	ra.flags |= DHA_RA_FLAG_L;
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_UPDATE);
	CHECK(e.has_load);
	CHECK_INT(e.load.queue_size, 70);
	CHECK_INT(e.load.registered_mns, 3);
	ra.has_lb_info = false;
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_UPDATE);
	CHECK(!e.has_load);
	ra.flags = DHA_RA_FLAG_H;
	CHECK(!e.mobile_routers);

	/* The option's values win, R included. */
	ra.has_ha_info = true;
	ra.ha_info.preference = -7;
	ra.ha_info.lifetime = 60;
	ra.ha_info.flags = DHA_HA_INFO_FLAG_R;
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_UPDATE);
	CHECK(same(&e.address, "2001:db8:1::2"));
	CHECK_INT(e.preference, -7);
	CHECK_INT(e.lifetime, 60);
	CHECK(e.mobile_routers);
	/* A home agent that is no default router. */
	ra.router_lifetime = 0;
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_UPDATE);
	CHECK_INT(e.lifetime, 60);

	/* Lifetime 0 or H clear: out of the list (10.5.1). */
	ra.ha_info.lifetime = 0;
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_REMOVE);
	ra.has_ha_info = false;
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_REMOVE);
	ra.router_lifetime = 600;
	ra.flags = DHA_RA_FLAG_M;
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_REMOVE);
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_REMOVE);
	ra.flags = DHA_RA_FLAG_H;

	/* No address with R: the known one stays, none means nothing. */
	ra.prefix_count = 1;
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_UPDATE);
	CHECK(same(&e.address, "2001:db8:1::9"));
	CHECK_INT(e.lifetime, 600);
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_IGNORE);

	/* Not global, or no longer valid: not an address to list. */
	add_prefix(&ra, "fe80::5", DHA_PREFIX_FLAG_R, 86400);
	add_prefix(&ra, "ff02::1", DHA_PREFIX_FLAG_R, 86400);
	add_prefix(&ra, "::", DHA_PREFIX_FLAG_R, 86400);
	add_prefix(&ra, "2001:db8:1::4", DHA_PREFIX_FLAG_R, 0);
	CHECK_INT(discovery_ra_learn(&ra, NULL, &e), DISCOVERY_RA_IGNORE);
	/* The known address declared invalid goes, and the entry with it. */
	add_prefix(&ra, "2001:db8:1::9", DHA_PREFIX_FLAG_R, 0);
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_REMOVE);
	add_prefix(&ra, "2001:db8:1::5", DHA_PREFIX_FLAG_R, 10);
	CHECK_INT(discovery_ra_learn(&ra, &known, &e), DISCOVERY_RA_UPDATE);
	CHECK(same(&e.address, "2001:db8:1::5"));
}

static void base_config(struct mip6_config *config)
{
	memset(config, 0, sizeof(*config));
	config->home.address = a6("2001:db8:1::1");
	config->preference = 5;
}

static void test_dhaad_order(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll = a6("fe80::"), g = a6("2001:db8:1::"), out[8];
	struct mip6_config config;
	struct halist list;
	uint64_t rng = 1;
	size_t n;

	base_config(&config);
	halist_init(&list, loop);
	/* Alone: this home agent. */
	n = discovery_dhaad_addresses(&config, &list, true, false, NULL, 0, &rng, out, 8);
	CHECK_INT(n, 1);
	CHECK(same(&out[0], "2001:db8:1::1"));

	/* .2 pref 10, .3 pref -1, .4 pref 5 (like this one), .5 pref 7 MR */
	ll.s6_addr[15] = 2, g.s6_addr[15] = 2;
	halist_update(&list, &ll, &g, 10, 100, false);
	ll.s6_addr[15] = 3, g.s6_addr[15] = 3;
	halist_update(&list, &ll, &g, -1, 100, false);
	ll.s6_addr[15] = 4, g.s6_addr[15] = 4;
	halist_update(&list, &ll, &g, 5, 100, false);
	ll.s6_addr[15] = 5, g.s6_addr[15] = 5;
	halist_update(&list, &ll, &g, 7, 100, true);
	n = discovery_dhaad_addresses(&config, &list, true, false, NULL, 0, &rng, out, 8);
	CHECK_INT(n, 5);
	CHECK(same(&out[0], "2001:db8:1::2"));
	CHECK(same(&out[1], "2001:db8:1::5"));
	CHECK((same(&out[2], "2001:db8:1::1") && same(&out[3], "2001:db8:1::4")) ||
	      (same(&out[2], "2001:db8:1::4") && same(&out[3], "2001:db8:1::1")));
	CHECK(same(&out[4], "2001:db8:1::3"));

	/* The most preferred when cut. */
	n = discovery_dhaad_addresses(&config, &list, true, false, NULL, 0, &rng, out, 2);
	CHECK_INT(n, 2);
	CHECK(same(&out[1], "2001:db8:1::5"));

	/* Mobile routers: only those that serve them (RFC 3963). */
	n = discovery_dhaad_addresses(&config, &list, true, true, NULL, 0, &rng, out, 8);
	CHECK_INT(n, 1);
	CHECK(same(&out[0], "2001:db8:1::5"));
	config.mobile_routers = true;
	n = discovery_dhaad_addresses(&config, &list, true, true, NULL, 0, &rng, out, 8);
	CHECK_INT(n, 2);
	CHECK(same(&out[1], "2001:db8:1::1"));

	/* An agent that advertises this one's address is not listed twice. */
	ll.s6_addr[15] = 6;
	halist_update(&list, &ll, &config.home.address, 100, 100, false);
	n = discovery_dhaad_addresses(&config, &list, true, false, NULL, 0, &rng, out, 8);
	CHECK_INT(n, 5);
	CHECK(same(&out[0], "2001:db8:1::2"));
	halist_destroy(&list);
	loop_free(loop);
}

/* draft-deng 5: LIGHT home agents first, then by preference. */
static void test_dhaad_load_order(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll = a6("fe80::"), g = a6("2001:db8:1::"), out[8];
	struct dhad_load load = { .active = true, .light = 50,
				  .min_ra_interval_ms = 1000,
				  .own = { .queue_size = 80 } };
	struct halist_load busy = { .queue_size = 60 },
			   light = { .queue_size = 49 };
	struct mip6_config config;
	struct halist list;
	uint64_t rng = 1, now;
	size_t n;

	base_config(&config);
	halist_init(&list, loop);
	now = loop_now_ms(loop);
	/* .2 pref 10 busy, .3 pref -1 light, .4 pref 7 light, .5 pref 9 none */
	ll.s6_addr[15] = 2, g.s6_addr[15] = 2;
	halist_update(&list, &ll, &g, 10, 100, false);
	halist_set_load(&list, &ll, &busy);
	ll.s6_addr[15] = 3, g.s6_addr[15] = 3;
	halist_update(&list, &ll, &g, -1, 100, false);
	halist_set_load(&list, &ll, &light);
	ll.s6_addr[15] = 4, g.s6_addr[15] = 4;
	halist_update(&list, &ll, &g, 7, 100, false);
	halist_set_load(&list, &ll, &light);
	ll.s6_addr[15] = 5, g.s6_addr[15] = 5;
	halist_update(&list, &ll, &g, 9, 100, false);
	n = discovery_dhaad_addresses(&config, &list, true, false, &load, now,
				      &rng, out, 8);
	CHECK_INT(n, 5);
	CHECK(same(&out[0], "2001:db8:1::4"));
	CHECK(same(&out[1], "2001:db8:1::3"));
	CHECK(same(&out[2], "2001:db8:1::2"));
	CHECK(same(&out[3], "2001:db8:1::5"));
	CHECK(same(&out[4], "2001:db8:1::1"));

	/* This one LIGHT (below, not at, the threshold). */
	load.own.queue_size = 50;
	n = discovery_dhaad_addresses(&config, &list, true, false, &load, now,
				      &rng, out, 8);
	CHECK(same(&out[2], "2001:db8:1::2"));
	load.own.queue_size = 49;
	n = discovery_dhaad_addresses(&config, &list, true, false, &load, now,
				      &rng, out, 8);
	CHECK(same(&out[0], "2001:db8:1::4"));
	CHECK(same(&out[1], "2001:db8:1::1"));
	CHECK(same(&out[2], "2001:db8:1::3"));

	/* Stale figures (nine longest intervals old) are no figures. */
	n = discovery_dhaad_addresses(&config, &list, true, false, &load,
				      now + 9000 + 1, &rng, out, 8);
	CHECK(same(&out[0], "2001:db8:1::1"));
	CHECK(same(&out[1], "2001:db8:1::2"));
	n = discovery_dhaad_addresses(&config, &list, true, false, &load,
				      now + 9000, &rng, out, 8);
	CHECK(same(&out[0], "2001:db8:1::4"));

	/* An RA without L forgets them. */
	ll.s6_addr[15] = 4;
	halist_set_load(&list, &ll, NULL);
	n = discovery_dhaad_addresses(&config, &list, true, false, &load, now,
				      &rng, out, 8);
	CHECK(same(&out[0], "2001:db8:1::1"));
	CHECK(same(&out[1], "2001:db8:1::3"));
	CHECK(same(&out[2], "2001:db8:1::2"));

	/* Not active: preference alone. */
	load.active = false;
	n = discovery_dhaad_addresses(&config, &list, true, false, &load, now,
				      &rng, out, 8);
	CHECK(same(&out[0], "2001:db8:1::2"));
	CHECK(same(&out[1], "2001:db8:1::5"));
	halist_destroy(&list);
	loop_free(loop);
}

/* A standby of a redundant set lists the others, never itself. */
static void test_dhaad_standby(void)
{
	struct loop *loop = loop_new();
	struct in6_addr peer = a6("2001:db8:ff::2"), g = a6("2001:db8:1::2"),
			out[4];
	struct mip6_config config;
	struct halist list;
	uint64_t rng = 1;

	base_config(&config);
	config.mobile_routers = true;
	halist_init(&list, loop);
	/* Nobody serves: nothing to answer with. */
	CHECK_INT(discovery_dhaad_addresses(&config, &list, false, false,
					    NULL, 0, &rng, out, 4), 0);
	CHECK_INT(discovery_dhaad_addresses(&config, &list, false, true,
					    NULL, 0, &rng, out, 4), 0);
	/* The active, from its Hellos. */
	CHECK_INT(halist_update_member(&list, &peer, &g, 1, 100), 0);
	CHECK_INT(discovery_dhaad_addresses(&config, &list, false, false,
					    NULL, 0, &rng, out, 4), 1);
	CHECK(same(&out[0], "2001:db8:1::2"));
	/* Serving again: both, by preference. */
	CHECK_INT(discovery_dhaad_addresses(&config, &list, true, false,
					    NULL, 0, &rng, out, 4), 2);
	CHECK(same(&out[0], "2001:db8:1::1"));
	CHECK(same(&out[1], "2001:db8:1::2"));
	halist_destroy(&list);
	loop_free(loop);
}

/* RFC 6275 10.5: equal preferences come in every order over time. */
static void test_dhaad_shuffle(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll = a6("fe80::"), g = a6("2001:db8:1::"), out[4];
	struct mip6_config config;
	struct halist list;
	uint64_t rng = 0x1234567;
	unsigned int first[4] = { 0 }, i;

	base_config(&config);
	config.preference = 0;
	halist_init(&list, loop);
	for (i = 2; i <= 3; i++) {
		ll.s6_addr[15] = (uint8_t)i, g.s6_addr[15] = (uint8_t)i;
		halist_update(&list, &ll, &g, 0, 100, false);
	}
	for (i = 0; i < 300; i++) {
		CHECK_INT(discovery_dhaad_addresses(&config, &list, true, false,
						    NULL, 0, &rng, out, 4), 3);
		first[out[0].s6_addr[15]]++;
	}
	CHECK(first[1] > 50 && first[2] > 50 && first[3] > 50);
	halist_destroy(&list);
	loop_free(loop);
}

static void test_socket_policy(void)
{
	uint8_t buf[512];
	const struct xfrm_userpolicy_info *pol = (const void *)buf;
	const struct xfrm_user_tmpl *tmpl = (const void *)(pol + 1);

	CHECK_INT(discovery_socket_policy(buf, sizeof(buf), false),
		  sizeof(*pol) + sizeof(*tmpl));
	CHECK(pol->dir == XFRM_POLICY_IN);
	CHECK(pol->action == XFRM_POLICY_ALLOW);
	CHECK(pol->sel.family == AF_INET6 && pol->sel.proto == 0);
	CHECK(pol->sel.prefixlen_d == 0 && pol->sel.prefixlen_s == 0);
	CHECK(pol->sel.sport_mask == 0 && pol->sel.dport_mask == 0);
	CHECK(tmpl->family == AF_INET6);
	CHECK(tmpl->id.proto == IPPROTO_DSTOPTS);
	CHECK(tmpl->mode == XFRM_MODE_ROUTEOPTIMIZATION);
	CHECK(tmpl->optional == 1);
	CHECK_INT(discovery_socket_policy(buf,
					  sizeof(*pol) + sizeof(*tmpl) - 1,
					  false),
		  -ENOSPC);

	/* require-ipsec: ESP, required, then the option as before. */
	CHECK_INT(discovery_socket_policy(buf, sizeof(buf), true),
		  sizeof(*pol) + 2 * sizeof(*tmpl));
	CHECK(pol->dir == XFRM_POLICY_IN && pol->sel.proto == 0);
	CHECK(tmpl[0].family == AF_INET6 && tmpl[0].id.proto == IPPROTO_ESP);
	CHECK(tmpl[0].mode == XFRM_MODE_TRANSPORT && tmpl[0].optional == 0);
	CHECK(tmpl[0].aalgos == ~0U && tmpl[0].ealgos == ~0U);
	CHECK(tmpl[1].id.proto == IPPROTO_DSTOPTS && tmpl[1].optional == 1);
	CHECK(tmpl[1].mode == XFRM_MODE_ROUTEOPTIMIZATION);
	CHECK_INT(discovery_socket_policy(buf,
					  sizeof(*pol) + 2 * sizeof(*tmpl) - 1,
					  true),
		  -ENOSPC);
}

static struct rawsock_rx mps_rx(const char *hoa, uint8_t *msg, uint16_t id)
{
	struct rawsock_rx rx = { .buf = msg, .len = 8 };

	memset(msg, 0, 8);
	msg[0] = DHA_ICMP6_MOBILE_PREFIX_SOLICIT;
	msg[4] = (uint8_t)(id >> 8);
	msg[5] = (uint8_t)id;
	CHECK_INT(inet_pton(AF_INET6, hoa, &rx.source), 1);
	CHECK_INT(inet_pton(AF_INET6, "2001:db8:4::1", &rx.destination), 1);
	return rx;
}

/*
 * The witness's copies are a part, in order, of what the discovery
 * socket receives: each solicitation is found once, those the witness
 * did not get are not, and older copies are forgotten.
 */
static void test_witness(void)
{
	struct witness *w = witness_new();
	uint8_t m1[8], m2[8], m3[8], m4[8];
	struct rawsock_rx a = mps_rx("2001:db8:1::100", m1, 1);
	struct rawsock_rx b = mps_rx("2001:db8:1::100", m2, 2);
	struct rawsock_rx c = mps_rx("2001:db8:1::200", m3, 1);
	struct rawsock_rx d = mps_rx("2001:db8:1::100", m4, 1);
	unsigned int i;

	CHECK(w);
	/* a and c came through ESP, b did not. */
	witness_note(w, &a);
	witness_note(w, &c);
	CHECK(witness_saw(w, &a));
	CHECK(!witness_saw(w, &b));
	CHECK(witness_saw(w, &c));
	/* Each copy counts once: a retransmission in clear is not it. */
	CHECK(!witness_saw(w, &a));
	/* Another length, destination: another solicitation. */
	witness_note(w, &a);
	d.len = 7;
	CHECK(!witness_saw(w, &d));
	d.len = 8;
	d.destination.s6_addr[15] = 2;
	CHECK(!witness_saw(w, &d));
	CHECK(witness_saw(w, &a));
	/* A copy whose own the socket lost goes with the next found. */
	witness_note(w, &b);
	witness_note(w, &a);
	CHECK(witness_saw(w, &a));
	CHECK(!witness_saw(w, &b));
	/* At most WITNESS_SEEN_MAX remembered, the oldest forgotten. */
	witness_note(w, &c);
	for (i = 0; i < WITNESS_SEEN_MAX; i++)
		witness_note(w, &b);
	CHECK(!witness_saw(w, &c));
	CHECK(witness_saw(w, &b));
	witness_close(w);
}

SUITE(discovery, TEST_CASE(test_ra_learn), TEST_CASE(test_dhaad_order),
      TEST_CASE(test_dhaad_load_order),
      TEST_CASE(test_dhaad_standby), TEST_CASE(test_dhaad_shuffle),
      TEST_CASE(test_socket_policy), TEST_CASE(test_witness));
