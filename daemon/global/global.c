// SPDX-License-Identifier: GPL-2.0-only
/*
 * The global HAHA as a protocol of dhad (global.h): start, stop, and the
 * member's phases (draft 5.1):
 *
 *   waiting    the locator is not an address of this host yet (at boot
 *              the network may come up after dhad): looked for every
 *              second, nothing sent, nothing served.
 *   bootstrap  the locator is up and every HA-to-HA link made: Hellos go
 *              out with R, asking the members for theirs, and the member
 *              listens until every member is heard, or for one dead
 *              interval (hello-loss x hello-interval) if some stay
 *              silent: a member alone must still serve (no mobile node
 *              without a home agent while one member lives).
 *   ready      it serves: the home prefix goes into route-table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dhad.h"
#include "core/mh.h"
#include "global/global.h"
#include "sys/log.h"
#include "wire/numbers.h"

#define RETRY_MS 1000

static const char *phase_name(enum global_phase phase)
{
	switch (phase) {
	case GLOBAL_WAITING:	return "waiting";
	case GLOBAL_BOOTSTRAP:	return "bootstrap";
	case GLOBAL_READY:	return "ready";
	}
	return "?";
}

uint64_t global_dead_interval_ms(const struct global *g)
{
	return (uint64_t)g->config->hello_loss * g->config->hello_interval_ms;
}

void global_set_phase(struct global *g, enum global_phase phase,
		      const char *reason)
{
	bool was_ready = g->phase == GLOBAL_READY;

	if (phase == g->phase)
		return;
	g->phase = phase;
	g->phase_since_ms = loop_now_ms(g->dhad->loop);
	snprintf(g->phase_reason, sizeof(g->phase_reason), "%s", reason);
	log_notice("global: %s: %s", phase_name(phase), reason);
	if (was_ready != (phase == GLOBAL_READY))
		dhad_serving_changed(g->dhad);	/* calls serving_changed */
	else
		global_serve_update(g);
}

void global_bootstrap_check(struct global *g)
{
	unsigned int i;

	if (g->phase != GLOBAL_BOOTSTRAP)
		return;
	for (i = 0; i < g->member_count; i++)
		if (!g->members[i].alive)
			return;
	loop_timer_stop(g->dhad->loop, &g->bootstrap_timer);
	global_set_phase(g, GLOBAL_READY, "every member heard");
}

static void bootstrap_over(struct loop_timer *timer)
{
	struct global *g = container_of(timer, struct global, bootstrap_timer);
	char why[96];
	unsigned int i, heard = 0;

	for (i = 0; i < g->member_count; i++)
		heard += g->members[i].alive;
	snprintf(why, sizeof(why), "%u of %u members heard in %llu ms", heard,
		 g->member_count,
		 (unsigned long long)global_dead_interval_ms(g));
	global_set_phase(g, GLOBAL_READY, why);
}

/* The locator up and every link made: the bootstrap starts. */
static int try_start(struct global *g)
{
	char a[INET6_ADDRSTRLEN];
	int ret;

	if (!g->listener) {
		ret = mh_listen(g->dhad->mh, DHA_MH_EXPERIMENTAL,
				&g->config->locator, global_receive, g,
				&g->listener);
		if (ret)
			return ret;
		log_info("global: listening on locator %s",
			 addr_format(&g->config->locator, a));
	}
	if (!global_links_make(g))
		return -EAGAIN;
	global_set_phase(g, GLOBAL_BOOTSTRAP,
			 "links made: asking the members for their Hellos");
	global_hellos(g, g->dhad->config.home->ha_lifetime);
	loop_timer_start(g->dhad->loop, &g->hello_timer,
			 g->config->hello_interval_ms);
	loop_timer_start(g->dhad->loop, &g->bootstrap_timer,
			 global_dead_interval_ms(g));
	global_bootstrap_check(g);
	return 0;
}

static void retry(struct loop_timer *timer)
{
	struct global *g = container_of(timer, struct global, retry_timer);
	char a[INET6_ADDRSTRLEN];
	int ret = try_start(g);

	if (!ret)
		return;
	if (ret != -EADDRNOTAVAIL && ret != -EAGAIN)
		log_err("global: cannot open a Mobility Header socket on locator %s: %s; trying again",
			addr_format(&g->config->locator, a), strerror(-ret));
	loop_timer_start(g->dhad->loop, &g->retry_timer, RETRY_MS);
}

static void setup_members(struct global *g)
{
	unsigned int i;

	g->member_count = g->config->peer_count;
	for (i = 0; i < g->member_count; i++) {
		struct global_member *m = &g->members[i];

		m->g = g;
		m->locator = g->config->peers[i];
		timer_init(&m->dead_timer, global_member_dead);
	}
}

static int start(struct dhad *dhad, void *settings, void **state)
{
	const struct config_global *config = settings;
	char a[INET6_ADDRSTRLEN];
	struct global *g;
	int ret;

	*state = NULL;
	if (!config->group)
		return 0;	/* no [global] section */
	g = calloc(1, sizeof(*g));
	if (!g) {
		log_err("out of memory");
		return -ENOMEM;
	}
	g->dhad = dhad;
	g->config = config;
	g->phase = GLOBAL_WAITING;
	g->phase_since_ms = loop_now_ms(dhad->loop);
	snprintf(g->phase_reason, sizeof(g->phase_reason), "start-up");
	/* Random, as the HA reliability draft's sequence numbers (7.2.1). */
	g->hello_seq = (uint16_t)random();
	auth_configure(&g->auth, config->keys, config->key_count,
		       config->send_key_id);
	setup_members(g);
	timer_init(&g->hello_timer, global_hello_tick);
	timer_init(&g->retry_timer, retry);
	timer_init(&g->bootstrap_timer, bootstrap_over);
	ret = global_serve_open(g);
	if (ret) {
		free(g);
		return ret;
	}
	if (config->auth == GLOBAL_AUTH_NONE)
		log_warn("global: auth = none: HA-to-HA messages are not authenticated (a dedicated line only)");
	/* A previous dhad's route goes until this one serves. */
	global_serve_withdraw(g);
	ret = try_start(g);
	if (ret == -EADDRNOTAVAIL)
		log_warn("global: locator %s is not an address of this host yet: waiting for it, serving nothing",
			 addr_format(&config->locator, a));
	else if (ret && ret != -EAGAIN)
		log_err("global: cannot open a Mobility Header socket on locator %s: %s; trying again",
			addr_format(&config->locator, a), strerror(-ret));
	if (ret)
		loop_timer_start(dhad->loop, &g->retry_timer, RETRY_MS);
	*state = g;
	return 0;
}

static void stop(void *state)
{
	struct global *g = state;
	struct loop *loop = g->dhad->loop;
	unsigned int i;

	/* The goodbye: the members need not wait a dead interval. */
	if (g->phase != GLOBAL_WAITING)
		global_hellos(g, 0);
	global_serve_withdraw(g);
	loop_timer_stop(loop, &g->hello_timer);
	loop_timer_stop(loop, &g->retry_timer);
	loop_timer_stop(loop, &g->bootstrap_timer);
	for (i = 0; i < g->member_count; i++)
		loop_timer_stop(loop, &g->members[i].dead_timer);
	mh_unlisten(g->listener);
	global_serve_close(g);
	free(g);
}

/* A reload: the keys and the Hello figures may change, the rest cannot. */
static void reconfigure(void *state)
{
	struct global *g = state;

	auth_configure(&g->auth, g->config->keys, g->config->key_count,
		       g->config->send_key_id);
}

static void show(void *state, json_object *result)
{
	json_object_object_add(result, "global", global_json(state));
}

static bool serving(void *state)
{
	const struct global *g = state;

	return g->phase == GLOBAL_READY;
}

static void serving_changed(void *state)
{
	global_serve_update(state);
}

const struct protocol global_protocol = {
	.name = "global",
	.sections = global_sections,
	.config_size = sizeof(struct config_global),
	.config_init = global_config_init,
	.config_check = global_config_check,
	.config_fixed = global_config_fixed,
	.start = start,
	.stop = stop,
	.reconfigure = reconfigure,
	.show = show,
	.serving = serving,
	.serving_changed = serving_changed,
};
