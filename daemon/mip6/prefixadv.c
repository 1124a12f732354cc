// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unsolicited Mobile Prefix Advertisements. See prefixadv.h.
 *
 * All the mobile nodes of one change are told together: one identifier,
 * one timer, the same transmission times. The targets are an array of
 * home addresses sorted once, so that a Binding Update or a
 * solicitation finds its own by bisection.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "core/dhad.h"
#include "mip6/discovery.h"
#include "mip6/mip6.h"
#include "mip6/prefixadv.h"
#include "mip6/ra.h"
#include "sys/log.h"

struct prefixadv {
	struct mip6 *ha;
	/* What the advertisements carry under the running configuration. */
	size_t option_count;
	struct dha_nd_prefix options[DHA_ND_PREFIX_MAX];
	struct prefixadv_targets targets;
	uint16_t id;			/* of this change's advertisements */
	unsigned int sent;		/* transmissions so far */
	struct loop_timer timer;
};

/* ---- pure ---- */

bool prefixadv_next_delay(unsigned int sent, uint64_t *delay_ms)
{
	if (!sent || sent > PREFIX_ADV_RETRIES)
		return false;
	*delay_ms = (uint64_t)PREFIX_ADV_TIMEOUT_MS << (sent - 1);
	return true;
}

size_t prefixadv_options(const struct mip6_config *config,
			 struct dha_nd_prefix out[DHA_ND_PREFIX_MAX])
{
	return ra_prefix_options(config, false, out);
}

static int target_compare(const void *a, const void *b)
{
	const struct prefixadv_target *x = a, *y = b;

	return memcmp(&x->home_address, &y->home_address,
		      sizeof(x->home_address));
}

void prefixadv_targets_clear(struct prefixadv_targets *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

void prefixadv_targets_set(struct prefixadv_targets *t,
			   struct prefixadv_target *v, size_t count)
{
	size_t i;

	prefixadv_targets_clear(t);
	for (i = 0; i < count; i++)
		v[i].done = false;
	qsort(v, count, sizeof(*v), target_compare);
	t->v = v;
	t->count = count;
	t->left = count;
}

struct prefixadv_target *
prefixadv_targets_find(const struct prefixadv_targets *t,
		       const struct in6_addr *home_address)
{
	struct prefixadv_target key = { .home_address = *home_address };
	struct prefixadv_target *found;

	if (!t->left)
		return NULL;
	found = bsearch(&key, t->v, t->count, sizeof(*t->v), target_compare);
	return found && !found->done ? found : NULL;
}

void prefixadv_targets_done(struct prefixadv_targets *t,
			    struct prefixadv_target *target)
{
	if (target->done)
		return;
	target->done = true;
	if (!--t->left)
		prefixadv_targets_clear(t);
}

/* ---- I/O ---- */

static void stop(struct prefixadv *p)
{
	loop_timer_stop(p->ha->dhad->loop, &p->timer);
	prefixadv_targets_clear(&p->targets);
}

/* One transmission to every target left. */
static void transmit(struct loop_timer *timer)
{
	struct prefixadv *p = container_of(timer, struct prefixadv, timer);
	struct dhad *dhad = p->ha->dhad;
	unsigned int told = 0, failed = 0;
	uint64_t delay_ms;
	size_t i;

	/* A standby's copies of bindings are another agent's to tell. */
	if (!dhad_serving(dhad)) {
		log_info("prefixes: not serving; unsolicited Mobile Prefix Advertisements stop");
		stop(p);
		return;
	}
	for (i = 0; i < p->targets.count && p->targets.left; i++) {
		struct prefixadv_target *t = &p->targets.v[i];
		const struct cache_entry *entry;

		if (t->done)
			continue;
		entry = cache_lookup(&dhad->cache, &t->home_address);
		if (!entry || entry->synced) {
			prefixadv_targets_done(&p->targets, t);
			continue;
		}
		if (discovery_send_mpa(p->ha->discovery, p->id,
				       &p->ha->config->home.address,
				       &entry->home_address,
				       &entry->care_of_address))
			failed++;
		else
			told++;
	}
	p->sent++;
	if (told || failed)
		log_info("prefixes: unsolicited Mobile Prefix Advertisement %u to %u mobile node%s%s (transmission %u)",
			 p->id, told, told == 1 ? "" : "s",
			 failed ? ", some failed" : "", p->sent);
	if (!p->targets.left)
		return;
	if (!prefixadv_next_delay(p->sent, &delay_ms)) {
		log_info("prefixes: %zu mobile node%s did not acknowledge Mobile Prefix Advertisement %u",
			 p->targets.left, p->targets.left == 1 ? "" : "s",
			 p->id);
		stop(p);
		return;
	}
	if (loop_timer_start(dhad->loop, &p->timer, delay_ms)) {
		log_err("prefixes: out of memory; retransmissions stop");
		stop(p);
	}
}

struct collecting {
	const struct mip6 *ha;
	struct prefixadv_targets *targets;
};

/*
 * The mobile nodes of this home link; the first one's also those whose
 * home address no prefix holds any more (renumbered).
 */
static int collect(struct cache_entry *entry, void *arg)
{
	struct collecting *c = arg;
	struct prefixadv_targets *t = c->targets;
	const struct mip6 *owner = mip6_link_of(c->ha, &entry->home_address);

	if (owner ? owner != c->ha : c->ha->first != c->ha)
		return 0;
	/* Sized for every entry: count cannot pass it. */
	if (!entry->synced && (entry->flags & CACHE_FLAG_HOME))
		t->v[t->count++].home_address = entry->home_address;
	return 0;
}

/* The prefix information changed: every registered mobile node. */
static void start(struct prefixadv *p)
{
	struct dhad *dhad = p->ha->dhad;
	struct prefixadv_targets found = { 0 };
	struct collecting collecting = { .ha = p->ha, .targets = &found };

	stop(p);
	if (!dhad_serving(dhad) || !dhad->cache.count)
		return;
	found.v = calloc(dhad->cache.count, sizeof(*found.v));
	if (!found.v) {
		log_err("prefixes: out of memory; mobile nodes are not told of the new prefixes");
		return;
	}
	cache_for_each(&dhad->cache, collect, &collecting);
	if (!found.count) {
		free(found.v);
		return;
	}
	prefixadv_targets_set(&p->targets, found.v, found.count);
	if (getrandom(&p->id, sizeof(p->id), 0) != sizeof(p->id))
		p->id = (uint16_t)rand();
	p->sent = 0;
	if (loop_timer_start(dhad->loop, &p->timer, 0)) {
		log_err("prefixes: out of memory; mobile nodes are not told of the new prefixes");
		stop(p);
	}
}

struct prefixadv *prefixadv_new(struct mip6 *ha)
{
	struct prefixadv *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->ha = ha;
	timer_init(&p->timer, transmit);
	p->option_count = prefixadv_options(ha->config, p->options);
	return p;
}

void prefixadv_free(struct prefixadv *p)
{
	if (!p)
		return;
	stop(p);
	free(p);
}

void prefixadv_reload(struct prefixadv *p)
{
	struct dha_nd_prefix options[DHA_ND_PREFIX_MAX];
	size_t count = prefixadv_options(p->ha->config, options);

	/* ra_prefix_options() clears each option: they compare whole. */
	if (count == p->option_count &&
	    memcmp(options, p->options, count * sizeof(options[0])) == 0)
		return;
	memcpy(p->options, options, count * sizeof(options[0]));
	p->option_count = count;
	log_notice("prefixes: the home prefix information changed; telling the mobile nodes");
	start(p);
}

bool prefixadv_pending(const struct prefixadv *p,
		       const struct in6_addr *home_address)
{
	return p && prefixadv_targets_find(&p->targets, home_address);
}

void prefixadv_acknowledge(struct prefixadv *p,
			   const struct in6_addr *home_address)
{
	struct prefixadv_target *t;

	if (!p)
		return;
	t = prefixadv_targets_find(&p->targets, home_address);
	if (!t)
		return;
	prefixadv_targets_done(&p->targets, t);
	if (!p->targets.left)
		loop_timer_stop(p->ha->dhad->loop, &p->timer);
}
