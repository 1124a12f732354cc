// SPDX-License-Identifier: GPL-2.0-only
/* The election of the active home agent (Documentation/reliability.md). */
#include <arpa/inet.h>

#include "reliability/member.h"
#include "check.h"

static struct redundancy_member member(const char *address,
				       uint16_t preference, bool active)
{
	struct redundancy_member m = {
		.preference = preference,
		.alive = true,
		.active = active,
		.eligible = true,
	};

	inet_pton(AF_INET6, address, &m.address);
	return m;
}

#define ELECT(self, peers) \
	redundancy_elect(&(self), (peers), sizeof(peers) / sizeof((peers)[0]))

static void test_rank_order(void)
{
	struct redundancy_member a = member("2001:db8::1", 10, false);
	struct redundancy_member b = member("2001:db8::2", 10, false);
	struct redundancy_member c = member("2001:db8::3", 20, false);

	/* Higher preference first, then the lower address. */
	CHECK(redundancy_ranks_before(&c, &a));
	CHECK(redundancy_ranks_before(&a, &b));
	CHECK(!redundancy_ranks_before(&b, &a));
	CHECK(!redundancy_ranks_before(&a, &a));
	/* A failed tracked condition ranks last whatever the preference. */
	c.eligible = false;
	CHECK(redundancy_ranks_before(&b, &c));
}

static void test_elect_no_active(void)
{
	struct redundancy_member self = member("2001:db8::2", 10, false);
	struct redundancy_member lower[] = {
		member("2001:db8::1", 5, false),
		member("2001:db8::3", 10, false),
	};
	struct redundancy_member higher[] = {
		member("2001:db8::1", 10, false),
	};

	/* Best of the live members takes the role. */
	CHECK_INT(ELECT(self, lower), DECISION_BECOME_ACTIVE);
	/* Same preference, lower address: the other one. */
	CHECK_INT(ELECT(self, higher), DECISION_STAY);
	/* A dead better member does not count. */
	higher[0].alive = false;
	CHECK_INT(ELECT(self, higher), DECISION_BECOME_ACTIVE);
	/* Nobody else at all. */
	CHECK_INT(redundancy_elect(&self, NULL, 0), DECISION_BECOME_ACTIVE);
}

static void test_elect_respects_active(void)
{
	struct redundancy_member self = member("2001:db8::1", 100, false);
	struct redundancy_member peers[] = {
		member("2001:db8::2", 1, true),
	};

	/* No pre-emption of a live active, however low its preference. */
	CHECK_INT(ELECT(self, peers), DECISION_STAY);
	/* It dies: take over. */
	peers[0].alive = false;
	CHECK_INT(ELECT(self, peers), DECISION_BECOME_ACTIVE);
}

static void test_elect_two_actives(void)
{
	struct redundancy_member a = member("2001:db8::1", 10, true);
	struct redundancy_member b = member("2001:db8::2", 10, true);
	struct redundancy_member peers_of_a[] = { b };
	struct redundancy_member peers_of_b[] = { a };

	/* After a partition heals, exactly one stays active. */
	CHECK_INT(ELECT(a, peers_of_a), DECISION_STAY);
	CHECK_INT(ELECT(b, peers_of_b), DECISION_BECOME_STANDBY);
	b.preference = 11;
	peers_of_a[0] = b;
	peers_of_b[0] = a;
	CHECK_INT(ELECT(a, peers_of_a), DECISION_BECOME_STANDBY);
	CHECK_INT(ELECT(b, peers_of_b), DECISION_STAY);
}

/* A member that just won its start-up election yields to an incumbent. */
static void test_elect_fresh_yields(void)
{
	struct redundancy_member fresh = member("2001:db8::1", 100, true);
	struct redundancy_member incumbent[] = {
		member("2001:db8::2", 1, true),
	};
	struct redundancy_member others[] = { fresh };

	fresh.fresh = true;
	others[0] = fresh;
	CHECK_INT(ELECT(fresh, incumbent), DECISION_BECOME_STANDBY);
	CHECK_INT(ELECT(incumbent[0], others), DECISION_STAY);
	/* Both fresh (started together, both missed): rank decides. */
	incumbent[0].fresh = true;
	CHECK_INT(ELECT(fresh, incumbent), DECISION_STAY);
}

static void test_elect_tracked_failure(void)
{
	struct redundancy_member self = member("2001:db8::1", 100, true);
	struct redundancy_member peers[] = {
		member("2001:db8::2", 1, false),
	};

	self.eligible = false;
	/* The active hands over to an eligible standby... */
	CHECK_INT(ELECT(self, peers), DECISION_BECOME_STANDBY);
	/* ...which then takes the role despite its lower preference. */
	{
		struct redundancy_member standby = peers[0];
		struct redundancy_member others[] = { self };

		others[0].active = false;
		CHECK_INT(ELECT(standby, others), DECISION_BECOME_ACTIVE);
	}
	/* With nobody eligible, the active stays: better than none. */
	peers[0].eligible = false;
	CHECK_INT(ELECT(self, peers), DECISION_STAY);
	/* And a standby whose conditions fail does not take over while an
	 * eligible member lives. */
	{
		struct redundancy_member standby = member("2001:db8::3", 200, false);
		struct redundancy_member others[] = {
			member("2001:db8::4", 1, false),
		};

		standby.eligible = false;
		CHECK_INT(ELECT(standby, others), DECISION_STAY);
	}
}

/* Three members starting together reach one active whatever the order. */
static void test_elect_three_agree(void)
{
	struct redundancy_member m[3] = {
		member("2001:db8::3", 5, false),
		member("2001:db8::1", 5, false),
		member("2001:db8::2", 7, false),
	};
	int actives = 0;
	size_t i, j;

	for (i = 0; i < 3; i++) {
		struct redundancy_member others[2];
		size_t n = 0;

		for (j = 0; j < 3; j++)
			if (j != i)
				others[n++] = m[j];
		if (redundancy_elect(&m[i], others, n) == DECISION_BECOME_ACTIVE) {
			actives++;
			CHECK_INT(m[i].preference, 7);
		}
	}
	CHECK_INT(actives, 1);
	CHECK_STR(redundancy_role_name(ROLE_STANDBY), "standby");
}

/* dha ha hold: a held member (eligible false, as redundancy_self() says). */
static void test_elect_held(void)
{
	struct redundancy_member self = member("2001:db8::2", 200, false);
	struct redundancy_member worse[] = {
		member("2001:db8::1", 5, false),
	};
	struct redundancy_member held_peer[] = {
		member("2001:db8::1", 200, false),
	};

	self.held = true;
	self.eligible = false;
	/* Never active: not with a worse standby, not alone either. */
	CHECK_INT(ELECT(self, worse), DECISION_STAY);
	CHECK_INT(redundancy_elect(&self, NULL, 0), DECISION_STAY);
	worse[0].alive = false;
	CHECK_INT(ELECT(self, worse), DECISION_STAY);
	/* The others rank it last (its Hellos carry F) and take the role. */
	self.held = false;
	self.eligible = true;
	held_peer[0].eligible = false;
	self.preference = 1;
	CHECK_INT(ELECT(self, held_peer), DECISION_BECOME_ACTIVE);
	/* Held while active (the handover failed): it stays, as alone. */
	self = member("2001:db8::2", 200, true);
	self.held = true;
	self.eligible = false;
	CHECK_INT(redundancy_elect(&self, NULL, 0), DECISION_STAY);
	/* With an eligible standby it steps down, as rule 5 says. */
	CHECK_INT(ELECT(self, worse), DECISION_STAY);
	worse[0].alive = true;
	CHECK_INT(ELECT(self, worse), DECISION_BECOME_STANDBY);
}

/* Flap damping: when the hold-down runs, and when a recovery counts. */
static void test_hold_down(void)
{
	uint64_t since = 0;

	/* Leaving the active role starts it; nothing else does. */
	CHECK_INT(hold_down_until(ROLE_ACTIVE, ROLE_STANDBY, 1000, 30000, 0),
		  31000);
	CHECK_INT(hold_down_until(ROLE_STANDBY, ROLE_ACTIVE, 1000, 30000, 0), 0);
	CHECK_INT(hold_down_until(ROLE_INIT, ROLE_STANDBY, 1000, 30000, 7), 7);
	CHECK_INT(hold_down_until(ROLE_ACTIVE, ROLE_STANDBY, 1000, 0, 0), 0);

	/* Without a hold-down, a condition counts as it is. */
	CHECK(hold_down_recovered(true, false, 1000, 0, &since));
	CHECK(!hold_down_recovered(false, true, 1000, 0, &since));
	/* A failure counts at once, and so does holding when it held. */
	CHECK(!hold_down_recovered(false, true, 1000, 5000, &since));
	CHECK(hold_down_recovered(true, true, 1000, 5000, &since));
	CHECK_INT(since, 0);
	/* A recovery counts after holding the whole hold-down... */
	CHECK(!hold_down_recovered(true, false, 2000, 5000, &since));
	CHECK_INT(since, 2000);
	CHECK(!hold_down_recovered(true, false, 6999, 5000, &since));
	CHECK(hold_down_recovered(true, false, 7000, 5000, &since));
	CHECK_INT(since, 0);
	/* ...and starts over when it fails meanwhile (a flap). */
	CHECK(!hold_down_recovered(true, false, 10000, 5000, &since));
	CHECK(!hold_down_recovered(false, false, 12000, 5000, &since));
	CHECK_INT(since, 0);
	CHECK(!hold_down_recovered(true, false, 13000, 5000, &since));
	CHECK(!hold_down_recovered(true, false, 16000, 5000, &since));
	CHECK(hold_down_recovered(true, false, 18000, 5000, &since));
}

SUITE(redundancy, TEST_CASE(test_rank_order), TEST_CASE(test_elect_no_active),
      TEST_CASE(test_elect_respects_active), TEST_CASE(test_elect_two_actives),
      TEST_CASE(test_elect_tracked_failure), TEST_CASE(test_elect_fresh_yields),
      TEST_CASE(test_elect_three_agree), TEST_CASE(test_elect_held),
      TEST_CASE(test_hold_down));
