// SPDX-License-Identifier: GPL-2.0-only
/* The reassignment decision (decide.h). */
#include <string.h>

#include "loadbalance/decide.h"

enum figure { QUEUE, MNS };

static uint16_t figure_of(const struct lb_agent *agent, enum figure figure)
{
	return figure == QUEUE ? agent->load.queue_size :
				 agent->load.registered_mns;
}

/* How many make the top (or bottom) p% of n: ceil(n p / 100), >= 1. */
static size_t share(size_t n, uint8_t percent)
{
	size_t k = (n * percent + 99) / 100;

	return k ? k : 1;
}

/* How many of the table's n have a figure strictly above value. */
static size_t above(const struct lb_table *table, enum figure figure,
		    uint16_t value)
{
	size_t i, count = figure_of(&table->self, figure) > value;

	for (i = 0; i < table->count; i++)
		count += figure_of(&table->others[i], figure) > value;
	return count;
}

/* How many have a figure strictly below value. */
static size_t below(const struct lb_table *table, enum figure figure,
		    uint16_t value)
{
	size_t i, count = figure_of(&table->self, figure) < value;

	for (i = 0; i < table->count; i++)
		count += figure_of(&table->others[i], figure) < value;
	return count;
}

/* In the top p% by figure: fewer than k rank strictly above it. */
static bool in_top(const struct lb_table *table, enum figure figure,
		   uint16_t value)
{
	return above(table, figure, value) <
	       share(table->count + 1, table->top_percent);
}

static bool in_bottom(const struct lb_table *table, enum figure figure,
		      uint16_t value)
{
	return below(table, figure, value) <
	       share(table->count + 1, table->top_percent);
}

/* The least gap that makes a move worth it (see decide.h). */
static uint16_t margin(const struct lb_table *table, enum figure figure)
{
	uint16_t half = table->light / 2;

	return figure == QUEUE && half > 2 ? half : 2;
}

/*
 * Picks at random among the others that pass: LIGHT ones (only_light),
 * or those of the bottom p% by figure, not in its top p%, at least
 * margin below this one.
 */
static int pick(const struct lb_table *table, bool only_light,
		enum figure figure, uint32_t random)
{
	size_t i, n = 0, chosen;
	uint16_t mine = figure_of(&table->self, figure);
	int candidates[HALIST_MAX];

	for (i = 0; i < table->count; i++) {
		const struct lb_agent *agent = &table->others[i];
		uint16_t theirs = figure_of(agent, figure);

		if (only_light) {
			if (agent->load.queue_size >= table->light)
				continue;
		} else if (!in_bottom(table, figure, theirs) ||
			   in_top(table, figure, theirs) ||
			   theirs + margin(table, figure) > mine) {
			continue;
		}
		candidates[n++] = (int)i;
	}
	if (!n)
		return -1;
	chosen = random % n;
	return candidates[chosen];
}

/*
 * a outranks b as the busier: one above LIGHT before a LIGHT one; above
 * LIGHT by Queue Size, then MN count; LIGHT by MN count, then Queue
 * Size (the figure each rule of the draft looks at); then the lower
 * address.
 */
static bool busier(const struct lb_table *table, const struct lb_agent *a,
		   const struct lb_agent *b)
{
	bool a_busy = a->load.queue_size >= table->light;
	bool b_busy = b->load.queue_size >= table->light;
	enum figure first = a_busy ? QUEUE : MNS;
	enum figure second = a_busy ? MNS : QUEUE;

	if (a_busy != b_busy)
		return a_busy;
	if (figure_of(a, first) != figure_of(b, first))
		return figure_of(a, first) > figure_of(b, first);
	if (figure_of(a, second) != figure_of(b, second))
		return figure_of(a, second) > figure_of(b, second);
	return memcmp(&a->address, &b->address, sizeof(a->address)) < 0;
}

bool lb_busiest(const struct lb_table *table)
{
	size_t i;

	for (i = 0; i < table->count; i++)
		if (busier(table, &table->others[i], &table->self))
			return false;
	return true;
}

int lb_decide(const struct lb_table *table, uint32_t random,
	      enum lb_reason *reason)
{
	int chosen = -1;

	*reason = LB_KEEP;
	if (!lb_busiest(table))
		return -1;
	if (table->self.load.queue_size >= table->light) {
		chosen = pick(table, true, QUEUE, random);
		if (chosen >= 0) {
			*reason = LB_TO_LIGHT;
			return chosen;
		}
		if (in_top(table, QUEUE, table->self.load.queue_size)) {
			chosen = pick(table, false, QUEUE, random);
			if (chosen >= 0)
				*reason = LB_QUEUE_TOP;
		}
		return chosen;
	}
	if (in_top(table, MNS, table->self.load.registered_mns)) {
		chosen = pick(table, false, MNS, random);
		if (chosen >= 0)
			*reason = LB_MNS_TOP;
	}
	return chosen;
}
