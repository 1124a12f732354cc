// SPDX-License-Identifier: GPL-2.0-only
/* The Home Agents List: order, refresh, removal, expiry. */
#include <errno.h>
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

SUITE(halist, TEST_CASE(test_halist_order_and_refresh),
      TEST_CASE(test_halist_expiry), TEST_CASE(test_halist_cap));
