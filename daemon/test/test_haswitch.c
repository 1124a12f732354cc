// SPDX-License-Identifier: GPL-2.0-only
/*
 * Home Agent Switch messages: the pacing of first transmissions, the
 * retransmission backoff of RFC 5142 §5.2, answers, refused renewals, the
 * end of a binding. Most tests drive haswitch_run() with a clock of their
 * own, as the loop's timer would; the last one lets the loop do it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/haswitch.h"
#include "mip6/registration.h"
#include "wire/numbers.h"
#include "check.h"

#define T0 1000000		/* the tests' clock at start, ms */
#define SENT_MAX 256

struct sent {
	uint64_t at;
	struct in6_addr home_address;
	struct in6_addr care_of_address;
	unsigned int count;
	struct in6_addr first;
};

struct fixture {
	struct loop *loop;
	struct cache cache;
	struct haswitch_settings settings;
	struct haswitch sw;
	uint64_t now;
	bool loop_clock;	/* the loop's time; stop at stop_after */
	size_t stop_after;
	struct sent sent[SENT_MAX];
	size_t count;
};

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	inet_pton(AF_INET6, text, &a);
	return a;
}

static struct in6_addr mn(unsigned int n)
{
	struct in6_addr a = addr("2001:db8:1::");

	a.s6_addr[14] = (uint8_t)(n >> 8);
	a.s6_addr[15] = (uint8_t)n;
	return a;
}

static bool same(const struct in6_addr *a, const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static void record(void *arg, const struct in6_addr *home_address,
		   const struct in6_addr *care_of_address,
		   const struct in6_addr *home_agents, unsigned int count)
{
	struct fixture *f = arg;
	struct sent *s;

	if (f->count == SENT_MAX)
		return;
	s = &f->sent[f->count++];
	s->at = f->loop_clock ? loop_now_ms(f->loop) : f->now;
	s->home_address = *home_address;
	s->care_of_address = *care_of_address;
	s->count = count;
	if (count)
		s->first = home_agents[0];
	if (f->loop_clock && f->count == f->stop_after)
		loop_stop(f->loop);
}

static void setup(struct fixture *f, uint32_t rate, uint32_t retransmissions)
{
	memset(f, 0, sizeof(*f));
	f->loop = loop_new();
	CHECK(f->loop != NULL);
	CHECK_INT(cache_init(&f->cache, f->loop, NULL, NULL), 0);
	f->settings.rate = rate;
	f->settings.retransmissions = retransmissions;
	CHECK_INT(haswitch_init(&f->sw, f->loop, &f->cache, &f->settings, record,
				f), 0);
	f->now = T0;
}

static void teardown(struct fixture *f)
{
	haswitch_destroy(&f->sw);
	cache_destroy(&f->cache);
	loop_free(f->loop);
}

/* A binding for mobile node n, care-of address 2001:db8:2::n. */
static struct cache_entry *binding_of(struct fixture *f, unsigned int n)
{
	struct in6_addr hoa = mn(n), coa = addr("2001:db8:2::");
	struct cache_entry *entry = NULL;

	coa.s6_addr[15] = (uint8_t)n;
	CHECK_INT(cache_insert(&f->cache, &hoa, &entry), 0);
	if (entry)
		entry->care_of_address = coa;
	return entry;
}

static int ask(struct fixture *f, unsigned int n, const char *ha,
	       bool taking_over)
{
	struct in6_addr hoa = mn(n), target = addr(ha);

	return haswitch_request(&f->sw, &hoa, &target, 1, taking_over);
}

/* Runs everything due up to until, each at its time, as the loop would. */
static void advance(struct fixture *f, uint64_t until)
{
	uint64_t next;

	while ((next = haswitch_next_ms(&f->sw)) <= until) {
		if (next > f->now)
			f->now = next;
		haswitch_run(&f->sw, f->now);
	}
	f->now = until;
}

/* The Binding Update of mobile node n, as registration_decide() took it. */
static struct registration_decision update(unsigned int n,
					   enum registration_action action)
{
	struct registration_decision d = {
		.outcome = REGISTRATION_ACCEPTED,
		.action = action,
		.home_address = mn(n),
		.lifetime = 300,
		.lifetime_units = 75,
	};

	return d;
}

/* What the home agent does with its decision (mip6/mobility.c). */
static void binding_update(struct haswitch *sw,
			   struct registration_decision *d)
{
	if (d->outcome == REGISTRATION_ACCEPTED &&
	    haswitch_binding_update(sw, &d->home_address,
				    d->action == REGISTRATION_ACTION_DELETE))
		registration_refuse(d, DHA_BA_ADMIN_PROHIBITED);
}

static size_t sends_to(const struct fixture *f, unsigned int n)
{
	struct in6_addr hoa = mn(n);
	size_t i, count = 0;

	for (i = 0; i < f->count; i++)
		count += same(&f->sent[i].home_address, &hoa);
	return count;
}

/* First transmissions leave switch-rate a second, in order, no burst. */
static void test_haswitch_pacing(void)
{
	struct fixture f;
	struct registration_decision d;
	unsigned int i;

	setup(&f, 10, 8);
	for (i = 0; i < 28; i++)
		binding_of(&f, i);
	for (i = 0; i < 25; i++)
		CHECK_INT(ask(&f, i, "2001:db8:5::1", false), 0);
	CHECK_INT(f.sw.pending, 25);
	CHECK_INT(f.sw.queued, 25);
	advance(&f, T0 + 2400);
	CHECK_INT(f.count, 25);
	for (i = 0; i < 25 && i < f.count; i++) {
		struct in6_addr hoa = mn(i);

		CHECK_INT(f.sent[i].at, T0 + 100 * i);
		CHECK(same(&f.sent[i].home_address, &hoa));
		CHECK_INT(f.sent[i].care_of_address.s6_addr[15], i);
		CHECK_INT(f.sent[i].count, 1);
	}
	CHECK_INT(f.sw.queued, 0);
	CHECK_INT(f.sw.counters.sent, 25);
	CHECK_INT(f.sw.counters.retransmitted, 0);

	/* All answered; a long idle time; then three more, still paced. */
	for (i = 0; i < 25; i++) {
		d = update(i, REGISTRATION_ACTION_DELETE);
		binding_update(&f.sw, &d);
		CHECK_INT(d.outcome, REGISTRATION_ACCEPTED);
	}
	CHECK_INT(f.sw.pending, 0);
	CHECK_INT(f.sw.counters.answered, 25);
	CHECK(haswitch_next_ms(&f.sw) == UINT64_MAX);
	advance(&f, T0 + 60000);
	CHECK_INT(f.count, 25);
	for (i = 25; i < 28; i++)
		CHECK_INT(ask(&f, i, "2001:db8:5::1", false), 0);
	advance(&f, T0 + 60250);
	CHECK_INT(f.count, 28);
	for (i = 25; i < 28 && i < f.count; i++)
		CHECK_INT(f.sent[i].at, T0 + 60000 + 100 * (i - 25));
	teardown(&f);
}

/* Above 1000 a second, several a millisecond, and none lost to rounding. */
static void test_haswitch_pacing_fast(void)
{
	struct fixture f;
	unsigned int i;

	setup(&f, 2500, 8);
	for (i = 0; i < 200; i++) {
		binding_of(&f, i);
		CHECK_INT(ask(&f, i, "2001:db8:5::1", false), 0);
	}
	advance(&f, T0 + 39);
	/* An idle bucket gives 3 at once, then 2.5 a millisecond. */
	CHECK(f.count >= 99 && f.count <= 101);
	advance(&f, T0 + 200);
	CHECK_INT(f.count, 200);
	for (i = 1; i < f.count; i++)
		CHECK(f.sent[i].at >= f.sent[i - 1].at);
	CHECK(f.sent[199].at >= T0 + 78 && f.sent[199].at <= T0 + 80);
	teardown(&f);
}

/*
 * 5, 10, 20, 20 ... s between transmissions, then giving up; renewals are
 * refused with 129 until the binding ends.
 */
static void test_haswitch_backoff_and_give_up(void)
{
	static const uint64_t at[] = { 0, 5000, 15000, 35000, 55000, 75000 };
	struct registration_decision d;
	struct cache_entry *binding;
	struct fixture f;
	size_t i;

	setup(&f, 1, 5);
	binding = binding_of(&f, 1);
	CHECK_INT(ask(&f, 1, "2001:db8:5::1", false), 0);
	advance(&f, T0 + 94999);
	CHECK_INT(f.count, 6);
	for (i = 0; i < 6 && i < f.count; i++)
		CHECK_INT(f.sent[i].at, T0 + at[i]);
	CHECK_INT(f.sw.counters.sent, 1);
	CHECK_INT(f.sw.counters.retransmitted, 5);
	CHECK_INT(f.sw.counters.gave_up, 0);
	CHECK_INT(f.sw.pending, 1);
	advance(&f, T0 + 95000);
	CHECK_INT(f.sw.counters.gave_up, 1);
	CHECK_INT(f.sw.pending, 0);
	CHECK_INT(f.count, 6);

	/* Given up, the mobile node still may not stay. */
	d = update(1, REGISTRATION_ACTION_UPDATE);
	d.send_ack = false;
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_REJECTED);
	CHECK_INT(d.status, 129);
	CHECK(d.send_ack);
	CHECK_INT(d.lifetime_units, 0);
	CHECK_INT(f.sw.counters.renewals_refused, 1);

	/* Asked again, it starts over, here naming no home agent. */
	CHECK_INT(haswitch_request(&f.sw, &binding->home_address, NULL, 0,
				   false), 1);
	CHECK_INT(f.sw.pending, 1);
	advance(&f, T0 + 95000);
	CHECK_INT(f.count, 7);
	CHECK(f.count == 7 && f.sent[6].count == 0 &&
	      f.sent[6].at == T0 + 95000);
	teardown(&f);
}

/* A record that gave up leaves once its binding is gone. */
static void test_haswitch_give_up_ends_with_binding(void)
{
	struct registration_decision d;
	struct cache_entry *binding;
	struct fixture f;

	setup(&f, 1, 0);
	binding = binding_of(&f, 1);
	binding->expiry_ms = T0 + 60000;
	CHECK_INT(ask(&f, 1, "2001:db8:5::1", false), 0);
	advance(&f, T0 + 5000);
	CHECK_INT(f.count, 1);
	CHECK_INT(f.sw.counters.gave_up, 1);
	CHECK_INT(haswitch_next_ms(&f.sw), T0 + 61000);
	/* Still there at the check (a late cache timer): a second later. */
	advance(&f, T0 + 61000);
	CHECK_INT(haswitch_next_ms(&f.sw), T0 + 62000);
	cache_remove(&f.cache, binding);
	advance(&f, T0 + 62000);
	CHECK(haswitch_next_ms(&f.sw) == UINT64_MAX);
	CHECK_INT(f.sw.count, 0);
	/* A new registration is no longer refused. */
	d = update(1, REGISTRATION_ACTION_CREATE);
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_ACCEPTED);
	teardown(&f);
}

/*
 * The deregistration answers; renewals are refused once the message went
 * out, not while it waits in the queue; rejected updates change nothing.
 */
static void test_haswitch_answers(void)
{
	struct registration_decision d;
	struct fixture f;

	setup(&f, 1, 8);
	binding_of(&f, 1);
	binding_of(&f, 2);
	CHECK_INT(ask(&f, 1, "2001:db8:5::1", false), 0);
	CHECK_INT(ask(&f, 2, "2001:db8:5::1", false), 0);
	advance(&f, T0);
	CHECK_INT(f.count, 1);

	d = update(2, REGISTRATION_ACTION_UPDATE);
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_ACCEPTED);
	CHECK_INT(d.lifetime_units, 75);
	d = update(1, REGISTRATION_ACTION_UPDATE);
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_REJECTED);
	CHECK_INT(d.status, 129);
	CHECK_INT(f.sw.counters.renewals_refused, 1);
	d = update(1, REGISTRATION_ACTION_DELETE);
	d.outcome = REGISTRATION_REJECTED;
	d.status = 135;
	binding_update(&f.sw, &d);
	CHECK_INT(d.status, 135);
	CHECK_INT(f.sw.counters.answered, 0);
	d = update(1, REGISTRATION_ACTION_DELETE);
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_ACCEPTED);
	CHECK_INT(f.sw.counters.answered, 1);
	CHECK_INT(f.sw.pending, 1);

	advance(&f, T0 + 10000);
	CHECK_INT(sends_to(&f, 1), 1);
	/* Sent at T0 + 1000, retransmitted at T0 + 6000. */
	CHECK_INT(sends_to(&f, 2), 2);
	CHECK_INT(f.sw.counters.retransmitted, 1);
	teardown(&f);
}

/* No binding to send through: the switch ends, before or after sending. */
static void test_haswitch_binding_gone(void)
{
	struct cache_entry *binding;
	struct fixture f;

	setup(&f, 1, 8);
	CHECK_INT(ask(&f, 1, "2001:db8:5::1", false), 0);
	binding = binding_of(&f, 2);
	CHECK_INT(ask(&f, 2, "2001:db8:5::1", false), 0);
	advance(&f, T0);
	/* Nothing went out for the first: the second takes its turn. */
	CHECK_INT(f.count, 1);
	CHECK_INT(sends_to(&f, 2), 1);
	CHECK_INT(f.sw.counters.binding_gone, 1);
	CHECK_INT(f.sw.counters.sent, 1);
	cache_remove(&f.cache, binding);
	advance(&f, T0 + 7000);
	CHECK_INT(f.count, 1);
	CHECK_INT(f.sw.counters.binding_gone, 2);
	CHECK_INT(f.sw.pending, 0);
	CHECK_INT(f.sw.count, 0);
	CHECK(haswitch_next_ms(&f.sw) == UINT64_MAX);
	teardown(&f);
}

/*
 * Taking over for another home agent: registering here answers; giving up
 * leaves nothing behind.
 */
static void test_haswitch_taking_over(void)
{
	struct registration_decision d;
	struct fixture f;

	setup(&f, 1, 1);
	binding_of(&f, 1);
	binding_of(&f, 2);
	CHECK_INT(ask(&f, 1, "2001:db8:4::1", true), 0);
	CHECK_INT(ask(&f, 2, "2001:db8:4::1", true), 0);
	advance(&f, T0 + 1000);
	CHECK_INT(f.count, 2);
	d = update(1, REGISTRATION_ACTION_UPDATE);
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_ACCEPTED);
	CHECK_INT(f.sw.counters.answered, 1);
	advance(&f, T0 + 30000);
	CHECK_INT(sends_to(&f, 2), 2);
	CHECK_INT(f.sw.counters.gave_up, 1);
	CHECK_INT(f.sw.count, 0);
	d = update(2, REGISTRATION_ACTION_UPDATE);
	binding_update(&f.sw, &d);
	CHECK_INT(d.outcome, REGISTRATION_ACCEPTED);
	teardown(&f);
}

/*
 * A standby again: the switches that named this home agent go, sent or
 * queued; the others stay.
 */
static void test_haswitch_cancel_taking_over(void)
{
	struct fixture f;

	setup(&f, 1, 8);
	binding_of(&f, 1);
	binding_of(&f, 2);
	binding_of(&f, 3);
	CHECK_INT(ask(&f, 1, "2001:db8:4::1", true), 0);
	CHECK_INT(ask(&f, 2, "2001:db8:4::1", true), 0);
	CHECK_INT(ask(&f, 3, "2001:db8:5::1", false), 0);
	advance(&f, T0);
	CHECK_INT(f.count, 1);
	CHECK_INT(haswitch_cancel_taking_over(&f.sw), 2);
	CHECK_INT(f.sw.count, 1);
	CHECK_INT(f.sw.pending, 1);
	CHECK_INT(f.sw.queued, 1);
	advance(&f, T0 + 30000);
	CHECK_INT(sends_to(&f, 1), 1);
	CHECK_INT(sends_to(&f, 2), 0);
	CHECK(sends_to(&f, 3) >= 1);
	CHECK_INT(haswitch_cancel_taking_over(&f.sw), 0);
	teardown(&f);
}

/* Asking again for a pending switch changes the home agents it names. */
static void test_haswitch_request_again(void)
{
	struct in6_addr hoa = mn(1), many[HASWITCH_HOME_AGENTS_MAX + 1];
	struct in6_addr two[2] = { addr("2001:db8:6::1"),
				   addr("2001:db8:7::1") };
	struct fixture f;
	unsigned int i;

	setup(&f, 1, 8);
	binding_of(&f, 1);
	CHECK_INT(ask(&f, 1, "2001:db8:5::1", false), 0);
	advance(&f, T0);
	CHECK_INT(haswitch_request(&f.sw, &hoa, two, 2, false), 1);
	CHECK_INT(f.sw.pending, 1);
	advance(&f, T0 + 5000);
	CHECK_INT(f.count, 2);
	CHECK_INT(f.sent[0].count, 1);
	CHECK(f.count == 2 && f.sent[1].count == 2 &&
	      same(&f.sent[1].first, &two[0]));
	for (i = 0; i <= HASWITCH_HOME_AGENTS_MAX; i++)
		many[i] = two[0];
	CHECK_INT(haswitch_request(&f.sw, &hoa, many,
				   HASWITCH_HOME_AGENTS_MAX + 1, false),
		  -EINVAL);
	teardown(&f);
}

struct guard {
	struct loop_timer timer;
	struct loop *loop;
};

static void stop_loop(struct loop_timer *timer)
{
	struct guard *guard = container_of(timer, struct guard, timer);

	check_fail(__FILE__, __LINE__, "nothing sent for 5 s");
	loop_stop(guard->loop);
}

/* The loop's timer runs it: three at 20 a second take 100 ms at least. */
static void test_haswitch_on_the_loop(void)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct loop_io *idle;
	struct guard guard;
	unsigned int i;
	int fds[2];

	setup(f, 20, 8);
	/* libev runs while a watcher is active: timers alone are not. */
	CHECK_INT(pipe(fds), 0);
	idle = loop_io_add(f->loop, fds[0], LOOP_READ, NULL, NULL);
	f->loop_clock = true;
	f->stop_after = 3;
	guard.loop = f->loop;
	timer_init(&guard.timer, stop_loop);
	loop_timer_start(f->loop, &guard.timer, 5000);
	for (i = 0; i < 3; i++) {
		binding_of(f, i);
		CHECK_INT(ask(f, i, "2001:db8:5::1", false), 0);
	}
	CHECK_INT(loop_run(f->loop), 0);
	loop_timer_stop(f->loop, &guard.timer);
	loop_io_del(idle);
	close(fds[0]);
	close(fds[1]);
	CHECK_INT(f->count, 3);
	if (f->count == 3) {
		CHECK(f->sent[1].at - f->sent[0].at >= 50);
		CHECK(f->sent[2].at - f->sent[1].at >= 50);
		CHECK(f->sent[2].at - f->sent[0].at < 2000);
	}
	teardown(f);
	free(f);
}

SUITE(haswitch, TEST_CASE(test_haswitch_pacing),
      TEST_CASE(test_haswitch_pacing_fast),
      TEST_CASE(test_haswitch_backoff_and_give_up),
      TEST_CASE(test_haswitch_give_up_ends_with_binding),
      TEST_CASE(test_haswitch_answers),
      TEST_CASE(test_haswitch_binding_gone),
      TEST_CASE(test_haswitch_taking_over),
      TEST_CASE(test_haswitch_cancel_taking_over),
      TEST_CASE(test_haswitch_request_again),
      TEST_CASE(test_haswitch_on_the_loop));
