// SPDX-License-Identifier: GPL-2.0-only
/* The draft's rules for Hellos and SwitchBack Requests (reliability/verdict.c). */
#include <arpa/inet.h>
#include <string.h>

#include "reliability/member.h"
#include "wire/hamsg.h"
#include "check.h"

static struct dha_hamsg_hello hello(uint16_t seq, uint8_t group)
{
	struct dha_hamsg_hello h = { .seq = seq, .group = group,
				     .lifetime = 1800, .interval = 200 };

	return h;
}

static void test_hello_group(void)
{
	struct red_peer p = { 0 };
	struct dha_hamsg_hello h = hello(1, 2);

	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_OTHER_GROUP);
	CHECK_INT(redundancy_hello_verdict(&p, 2, &h), HELLO_TAKE);
	/* 7.2.4: a Group ID of 0 is ignored, theirs or ours. */
	h.group = 0;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_TAKE);
	h.group = 7;
	CHECK_INT(redundancy_hello_verdict(&p, 0, &h), HELLO_TAKE);
}

static void test_hello_sequence(void)
{
	struct red_peer p = { .alive = true, .seq_known = true,
			      .last_seq = 100 };
	struct dha_hamsg_hello h = hello(101, 1);

	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_TAKE);
	/* Late ones, and the same one again, say nothing new. */
	h.seq = 99;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_STALE);
	h.seq = 100;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_STALE);
	/* Across the wrap. */
	p.last_seq = 0xfffe;
	h.seq = 3;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_TAKE);
	/* A peer back from failure starts anywhere. */
	p.alive = false;
	h.seq = 0x8000;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_TAKE);
	/* The answer to our request has its number, whatever the order. */
	p.alive = true;
	p.last_seq = 0x1240;
	p.request_pending = true;
	p.request_seq = 0x1234;
	h.seq = 0x1234;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_ANSWER);
	h.seq = 0x1235;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_STALE);
	h.seq = 0x1241;
	CHECK_INT(redundancy_hello_verdict(&p, 1, &h), HELLO_TAKE);
}

static void test_dead_interval(void)
{
	CHECK(redundancy_dead_ms(3, 100, 1800) == 300);
	/* A lifetime shorter than the losses ends the member first. */
	CHECK(redundancy_dead_ms(5, 1000, 2) == 2000);
	CHECK(redundancy_dead_ms(3, 100, 0) == 0);
}

static void test_switchback_answer(void)
{
	/* From a member that is not the active: silently discarded, in
	 * any role (7.7.2), also while listening at start. */
	CHECK_INT(handover_switchback_answer(false, false, ROLE_STANDBY, true,
					     true), SWITCH_DISCARD);
	CHECK_INT(handover_switchback_answer(false, false, ROLE_INIT, true,
					     true), SWITCH_DISCARD);
	CHECK_INT(handover_switchback_answer(true, false, ROLE_STANDBY, true,
					     true), DHA_SWITCH_SUCCESS);
	CHECK_INT(handover_switchback_answer(true, false, ROLE_ACTIVE, true,
					     true), DHA_SWITCH_WRONG_ROLE);
	CHECK_INT(handover_switchback_answer(true, false, ROLE_STANDBY, false,
					     true), DHA_SWITCH_ADMIN_PROHIBITED);
	/* No role without a whole copy of the cache. */
	CHECK_INT(handover_switchback_answer(true, false, ROLE_STANDBY, true,
					     false), DHA_SWITCH_ADMIN_PROHIBITED);
	/* The request that made us active, again: its sender is standby
	 * now, and gets the same answer. */
	CHECK_INT(handover_switchback_answer(false, true, ROLE_ACTIVE, true,
					     true), DHA_SWITCH_SUCCESS);
}

/* How a Hello lists its sender in the Home Agents List. */
static void test_hello_listing(void)
{
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_HELLO };
	struct in6_addr source, ha, other, address;
	int16_t preference;

	inet_pton(AF_INET6, "2001:db8:ff::2", &source);
	inet_pton(AF_INET6, "2001:db8:1::2", &ha);
	inet_pton(AF_INET6, "2001:db8:7::7", &other);
	/* No IP Address option: its source. */
	msg.u.hello.preference = 7;
	redundancy_hello_listing(&msg, &source, &address, &preference);
	CHECK(memcmp(&address, &source, sizeof(address)) == 0);
	CHECK_INT(preference, 7);
	/* The first home agent address (code 4), other codes skipped. */
	msg.addrs[0].code = DHA_IPADDR_CODE_HA_ADDRESS + 1;
	msg.addrs[0].addr = other;
	msg.addrs[1].code = DHA_IPADDR_CODE_HA_ADDRESS;
	msg.addrs[1].addr = ha;
	msg.addrs[2].code = DHA_IPADDR_CODE_HA_ADDRESS;
	msg.addrs[2].addr = other;
	msg.addr_count = 3;
	redundancy_hello_listing(&msg, &source, &address, &preference);
	CHECK(memcmp(&address, &ha, sizeof(address)) == 0);
	/* The Hello's 16 bits are unsigned, the list's signed. */
	msg.u.hello.preference = 32767;
	redundancy_hello_listing(&msg, &source, &address, &preference);
	CHECK_INT(preference, 32767);
	msg.u.hello.preference = 65535;
	redundancy_hello_listing(&msg, &source, &address, &preference);
	CHECK_INT(preference, 32767);
}

static void test_handed_over(void)
{
	struct red_peer p = { .alive = true, .active = false,
			      .handed_over = true, .handed_over_ms = 1000 };

	/* Its Hellos sent before our reply reached it claim the role. */
	CHECK(!redundancy_hello_active(&p, true, 1200, 600));
	CHECK(p.handed_over);
	CHECK(!redundancy_hello_active(&p, true, 1599, 600));
	/* Its first Hello without the claim ends the grace ... */
	CHECK(!redundancy_hello_active(&p, false, 1300, 600));
	CHECK(!p.handed_over);
	/* ... after which a claim is one again. */
	CHECK(redundancy_hello_active(&p, true, 1400, 600));
	/* A claim kept for a dead interval is taken: it never stepped down. */
	p.handed_over = true;
	CHECK(redundancy_hello_active(&p, true, 1600, 600));
	CHECK(!p.handed_over);
	/* A peer that handed nothing over is what its Hello says. */
	CHECK(redundancy_hello_active(&p, true, 1700, 600));
	CHECK(!redundancy_hello_active(&p, false, 1700, 600));
}

SUITE(verdict, TEST_CASE(test_hello_group), TEST_CASE(test_hello_sequence),
      TEST_CASE(test_dead_interval), TEST_CASE(test_switchback_answer),
      TEST_CASE(test_hello_listing), TEST_CASE(test_handed_over));
