// SPDX-License-Identifier: GPL-2.0-only
/* The Home Agents List: order, refresh, removal, expiry. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "core/halist.h"
#include "check.h"

static struct in6_addr a6(const char *text)
{
	struct in6_addr addr;

	inet_pton(AF_INET6, text, &addr);
	return addr;
}

static void test_halist_order_and_refresh(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll1 = a6("fe80::1"), ll2 = a6("fe80::2"),
			ll3 = a6("fe80::3"), g = a6("2001:db8:1::1");
	struct halist list;

	halist_init(&list, loop);
	CHECK_INT(halist_update(&list, &ll1, &g, 5, 100, false), 0);
	CHECK_INT(halist_update(&list, &ll2, &g, 10, 100, false), 0);
	CHECK_INT(halist_update(&list, &ll3, &g, 5, 100, false), 0);
	CHECK_INT(list.count, 3);
	CHECK(list.head && list.head->preference == 10);
	CHECK(list.head->next && list.head->next->link_local.s6_addr[15] == 1);
	/* A refresh with a new preference moves the entry. */
	CHECK_INT(halist_update(&list, &ll1, &g, 20, 200, true), 0);
	CHECK_INT(list.count, 3);
	CHECK(list.head->link_local.s6_addr[15] == 1);
	CHECK_INT(list.head->lifetime, 200);
	CHECK(list.head->mobile_routers);
	CHECK(halist_lifetime_left(&list, list.head) >= 199);
	/* Lifetime 0 removes. */
	CHECK_INT(halist_update(&list, &ll2, &g, 10, 0, false), 0);
	CHECK_INT(list.count, 2);
	CHECK(halist_lookup(&list, &ll2) == NULL);
	halist_remove(&list, &ll3);
	CHECK_INT(list.count, 1);
	halist_remove(&list, &ll3);
	CHECK_INT(list.count, 1);
	halist_destroy(&list);
	CHECK_INT(loop_timer_count(loop), 0);
	loop_free(loop);
}

struct stopper {
	struct loop_timer timer;
	struct loop *loop;
};

static void stop(struct loop_timer *timer)
{
	struct stopper *stopper = container_of(timer, struct stopper, timer);

	loop_stop(stopper->loop);
}

static void test_halist_expiry(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll = a6("fe80::1"), g = a6("2001:db8:1::1");
	struct stopper stopper = { .loop = loop };
	struct halist list;

	halist_init(&list, loop);
	halist_update(&list, &ll, &g, 0, 1, false);
	timer_init(&stopper.timer, stop);
	loop_timer_start(loop, &stopper.timer, 1300);
	loop_run(loop);
	CHECK_INT(list.count, 0);
	halist_destroy(&list);
	loop_free(loop);
}

/* A flood of advertisers stops at HALIST_MAX; known ones still refresh. */
static void test_halist_cap(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll = a6("fe80::"), g = a6("2001:db8:1::1");
	struct halist list;
	unsigned int i;

	halist_init(&list, loop);
	for (i = 0; i < HALIST_MAX; i++) {
		ll.s6_addr[15] = (uint8_t)i;
		CHECK_INT(halist_update(&list, &ll, &g, 0, 100, false), 0);
	}
	ll.s6_addr[15] = HALIST_MAX;
	CHECK_INT(halist_update(&list, &ll, &g, 0, 100, false), -ENOSPC);
	CHECK_INT(list.count, HALIST_MAX);
	ll.s6_addr[15] = 3;
	CHECK_INT(halist_update(&list, &ll, &g, 7, 100, false), 0);
	CHECK_INT(list.head->preference, 7);
	halist_destroy(&list);
	CHECK_INT(loop_timer_count(loop), 0);
	loop_free(loop);
}

/* A redundant set's member, from its Hellos (draft 7.2.3, 7.2.4). */
static void test_halist_member(void)
{
	struct loop *loop = loop_new();
	struct in6_addr ll = a6("fe80::2"), ll3 = a6("fe80::3"),
			peer = a6("2001:db8:ff::2"), g = a6("2001:db8:1::2"),
			g3 = a6("2001:db8:1::3");
	struct halist_entry *entry;
	struct halist list;

	halist_init(&list, loop);
	/* Its Router Advertisements listed it, with R; another agent too. */
	CHECK_INT(halist_update(&list, &ll, &g, 3, 100, true), 0);
	CHECK_INT(halist_update(&list, &ll3, &g3, 3, 100, false), 0);
	CHECK(!halist_member_lists(&list, &g));
	/* Its Hellos take over its entry, R carried over. */
	CHECK_INT(halist_update_member(&list, &peer, &g, 9, 60), 0);
	CHECK_INT(list.count, 2);
	CHECK(halist_lookup(&list, &ll) == NULL);
	entry = halist_lookup(&list, &peer);
	CHECK(entry && entry->member && entry->mobile_routers);
	CHECK(entry && entry->preference == 9 && entry->lifetime == 60);
	CHECK(entry && memcmp(&entry->address, &g, sizeof(g)) == 0);
	CHECK(halist_member_lists(&list, &g));
	CHECK(!halist_member_lists(&list, &g3));
	CHECK(list.head == entry);
	/* A refresh keeps it. */
	CHECK_INT(halist_update_member(&list, &peer, &g, 9, 60), 0);
	CHECK_INT(list.count, 2);
	CHECK(halist_lookup(&list, &peer)->mobile_routers);
	/* Standby, failed or gone: unlisted, the other agent stays. */
	CHECK_INT(halist_update_member(&list, &peer, &g, 9, 0), 0);
	CHECK_INT(list.count, 1);
	CHECK(halist_lookup(&list, &peer) == NULL);
	CHECK(!halist_member_lists(&list, &g));
	CHECK(halist_lookup(&list, &ll3) != NULL);
	/* An RA entry of a member that does not serve goes as well. */
	CHECK_INT(halist_update(&list, &ll, &g, 3, 100, false), 0);
	CHECK_INT(halist_update_member(&list, &peer, &g, 9, 0), 0);
	CHECK(halist_lookup(&list, &ll) == NULL);
	CHECK_INT(list.count, 1);
	halist_destroy(&list);
	CHECK_INT(loop_timer_count(loop), 0);
	loop_free(loop);
}

SUITE(halist, TEST_CASE(test_halist_order_and_refresh),
      TEST_CASE(test_halist_expiry), TEST_CASE(test_halist_cap),
      TEST_CASE(test_halist_member));
