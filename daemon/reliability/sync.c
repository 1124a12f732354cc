// SPDX-License-Identifier: GPL-2.0-only
/*
 * State Synchronization between home agents (sync.h): the changes an
 * active member marks and flushes, the deletions it remembers for a
 * merge, what a role change does, start, stop and dha ha show. The
 * messages come and go through inbox.c, outbox.c and request.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dhad.h"
#include "core/home.h"
#include "reliability/sync_state.h"
#include "sys/log.h"

/*
 * Puts n copies into force here (core/home.h), errors[i] for each; the
 * mobile node of each one adopted may have to be told (the hard switch,
 * takeover.h).
 */
static void adopt(struct sync *s, struct cache_entry **entries, size_t n,
		  int *errors)
{
	size_t i;

	home_commit_many(s->dhad, entries, n, errors);
	for (i = 0; i < n; i++)
		if (!errors[i])
			redundancy_binding_adopted(s->r,
						   &entries[i]->home_address);
}

int sync_adopt(struct sync *s, struct cache_entry *e)
{
	int error;

	adopt(s, &e, 1, &error);
	return error;
}

static int gone_add(struct sync *s, const struct sync_item *item,
		    uint64_t until_ms)
{
	struct sync_gone *grown;
	size_t cap;

	if (s->gone_count == s->gone_cap) {
		cap = s->gone_cap ? 2 * s->gone_cap : 64;
		grown = realloc(s->gone, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		s->gone = grown;
		s->gone_cap = cap;
	}
	s->gone[s->gone_count].hoa = item->hoa;
	s->gone[s->gone_count].seq = item->seq;
	s->gone[s->gone_count].until_ms = until_ms;
	s->gone_count++;
	return 0;
}

/*
 * Remembers the deletions among the changes, for a merge, as long as a
 * copy of such a binding could live elsewhere: max-lifetime.
 */
static void remember_deletions(struct sync *s)
{
	uint64_t now = loop_now_ms(s->dhad->loop);
	uint64_t until = now + 1000ull * s->dhad->config.home->max_lifetime;
	size_t k, kept;

	if (now - s->gone_pruned_ms >= SYNC_PRUNE_MS) {
		s->gone_pruned_ms = now;
		for (k = kept = 0; k < s->gone_count; k++)
			if (s->gone[k].until_ms > now)
				s->gone[kept++] = s->gone[k];
		s->gone_count = kept;
	}
	for (k = 0; k < s->dirty_count; k++) {
		const struct sync_item *item = &s->dirty[k];

		if (item->seq_known &&
		    !cache_lookup(&s->dhad->cache, &item->hoa) &&
		    gone_add(s, item, until)) {
			log_err("sync: out of memory; a merge may miss a deletion");
			break;
		}
	}
}

static void flush(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, flush_timer);
	unsigned int i, n = redundancy_peer_count(s->r);

	if (redundancy_role(s->r) != ROLE_ACTIVE)
		goto out;
	remember_deletions(s);
	for (i = 0; i < n && s->dirty_count; i++) {
		struct sync_peer *p = &s->peers[i];

		if (!sync_is_standby_peer(s, i))
			continue;
		if (p->out.on && !p->out.last_sent &&
		    sync_transfer_add(&p->out, s->dirty, s->dirty_count)) {
			log_err("sync: out of memory; restarting the transfer");
			sync_transfer_start(s, i, p->out.flags, p->out.request_id);
		}
		sync_enqueue(p, s->dirty, s->dirty_count, false, 0);
		sync_pump(p);
	}
out:
	s->dirty_count = 0;
}

void sync_binding_changed(struct sync *s, const struct in6_addr *hoa)
{
	struct cache_entry *e;
	struct sync_item *grown, item = { .hoa = *hoa };
	size_t cap;

	if (!s || redundancy_role(s->r) != ROLE_ACTIVE)
		return;
	e = cache_lookup(&s->dhad->cache, hoa);
	if (e) {
		e->sync_generation = s->term;
		sync_item_of(e, &item);
	}
	if (s->dirty_count == s->dirty_cap) {
		cap = s->dirty_cap ? 2 * s->dirty_cap : 64;
		grown = realloc(s->dirty, cap * sizeof(*grown));
		if (!grown) {
			log_err("sync: out of memory; the next refresh catches up");
			return;
		}
		s->dirty = grown;
		s->dirty_cap = cap;
	}
	s->dirty[s->dirty_count++] = item;
	if (!timer_pending(&s->flush_timer))
		loop_timer_start(s->dhad->loop, &s->flush_timer,
				 s->config->sync_delay_ms);
}

static void refresh(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, refresh_timer);
	unsigned int i, n = redundancy_peer_count(s->r);
	uint32_t period = s->config->sync_refresh_s;

	if (redundancy_role(s->r) == ROLE_ACTIVE) {
		for (i = 0; i < n; i++)
			if (sync_is_standby_peer(s, i) && !s->peers[i].out.on)
				sync_transfer_start(s, i, 0, sync_new_id(s));
	}
	if (period)
		loop_timer_start(s->dhad->loop, &s->refresh_timer,
				 (uint64_t)period * 1000);
}

/* ---- roles ---- */

static bool is_copy(const struct cache_entry *e)
{
	return e->synced;
}

static bool is_committed(const struct cache_entry *e)
{
	return !e->synced;
}

static size_t commit_many(struct cache_entry **entries, size_t n, void *arg)
{
	struct sync *s = arg;
	int errors[PACER_BATCH];
	size_t i, failed = 0;

	adopt(s, entries, n, errors);
	for (i = 0; i < n; i++)
		failed += errors[i] != 0;
	return failed;
}

static size_t uncommit_many(struct cache_entry **entries, size_t n, void *arg)
{
	struct sync *s = arg;

	home_uncommit_many(s->dhad, entries, n);
	return 0;
}

void sync_roles_changed(struct sync *s, enum redundancy_role old,
			enum redundancy_role now)
{
	unsigned int i, n = redundancy_peer_count(s->r);
	bool standby;
	int active = -1;

	if (now != old) {
		/* What was under way belongs to the old role. */
		for (i = 0; i < n; i++)
			sync_peer_reset(&s->peers[i]);
		loop_timer_stop(s->dhad->loop, &s->request_timer);
		s->asked = -1;
		s->bulk_done = false;
		sync_ask_end(s);
	}
	if (now == ROLE_ACTIVE && old != ROLE_ACTIVE) {
		/* A new term: what it changes gets its mark. */
		s->term = ++s->generation;
		s->gone_count = 0;
		s->merge_pending = false;
		pacer_stop(&s->withdrawal);
		pacer_start(&s->adoption);
	} else if (now == ROLE_STANDBY && old != ROLE_STANDBY) {
		/* A standby holds nothing in its kernel; bindings restored
		 * there after a restart are withdrawn too. */
		if (old == ROLE_ACTIVE)
			remember_deletions(s);
		pacer_stop(&s->adoption);
		pacer_start(&s->withdrawal);
		s->dirty_count = 0;
		loop_timer_stop(s->dhad->loop, &s->flush_timer);
		s->merge_pending = old == ROLE_ACTIVE;
	}
	for (i = 0; i < n; i++) {
		struct sync_peer *p = &s->peers[i];

		if (!redundancy_peer_alive(s->r, i)) {
			sync_peer_reset(p);
			p->in_request_id = 0;
		} else if (redundancy_peer_active(s->r, i)) {
			active = (int)i;
		}
		if (s->asked == (int)i && !redundancy_peer_active(s->r, i))
			s->asked = -1;
		/* One who became a live standby gets everything, unasked. */
		standby = sync_is_standby_peer(s, i);
		if (now == ROLE_ACTIVE && standby && !p->was_standby &&
		    !p->out.on)
			sync_transfer_start(s, i, 0, sync_new_id(s));
		p->was_standby = standby;
	}
	if (now != ROLE_STANDBY || active < 0)
		return;
	if (s->merge_pending) {
		s->merge_pending = false;
		/* Its last acknowledgement asks for the cache (receive_ack). */
		sync_transfer_start(s, (unsigned int)active,
			       DHA_SS_STATUS_FLAG_MERGE, sync_new_id(s));
		return;
	}
	if (s->asked != active && !sync_merging_to(&s->peers[active]))
		sync_ask_for_cache(s, (unsigned int)active);
}

/* ---- start, stop, show ---- */

int sync_open(struct dhad *dhad, struct redundancy *r,
	      const struct config_redundancy *config, struct sync **out)
{
	struct sync *s = calloc(1, sizeof(*s));
	struct timespec now;
	unsigned int i;

	if (!s)
		return -ENOMEM;
	s->scratch = calloc(DHA_HAMSG_BCI_MAX, sizeof(*s->scratch));
	if (!s->scratch) {
		free(s);
		return -ENOMEM;
	}
	s->dhad = dhad;
	s->r = r;
	s->config = config;
	s->asked = -1;
	s->ask_peer = -1;
	/*
	 * Identifiers start anywhere: a restarted member's requests and
	 * transfers must not pass for its previous life's.
	 */
	clock_gettime(CLOCK_REALTIME, &now);
	s->next_id = (uint16_t)(now.tv_nsec / 1000 ^ now.tv_sec);
	for (i = 0; i < CONFIG_PEERS_MAX; i++) {
		s->peers[i].s = s;
		s->peers[i].index = i;
		timer_init(&s->peers[i].timer, sync_retransmit);
	}
	timer_init(&s->flush_timer, flush);
	timer_init(&s->refresh_timer, refresh);
	timer_init(&s->request_timer, sync_request_again);
	timer_init(&s->ask_timer, sync_ask_again);
	pacer_init(&s->adoption, "committed", &dhad->cache, dhad->loop,
		   is_copy, commit_many, s);
	pacer_init(&s->withdrawal, "withdrawn", &dhad->cache, dhad->loop,
		   is_committed, uncommit_many, s);
	if (config->sync_refresh_s)
		loop_timer_start(dhad->loop, &s->refresh_timer,
				 (uint64_t)config->sync_refresh_s *
					 1000);
	*out = s;
	return 0;
}

void sync_close(struct sync *s)
{
	unsigned int i;

	if (!s)
		return;
	for (i = 0; i < CONFIG_PEERS_MAX; i++)
		sync_peer_reset(&s->peers[i]);
	sync_ask_end(s);
	pacer_stop(&s->adoption);
	/* A member that leaves stepped down: it keeps nothing of the set's. */
	pacer_finish(&s->withdrawal);
	pacer_stop(&s->withdrawal);
	loop_timer_stop(s->dhad->loop, &s->flush_timer);
	loop_timer_stop(s->dhad->loop, &s->refresh_timer);
	loop_timer_stop(s->dhad->loop, &s->request_timer);
	free(s->dirty);
	free(s->gone);
	free(s->scratch);
	free(s);
}

bool sync_full_copy(const struct sync *s)
{
	return s->bulk_done;
}

json_object *sync_json(const struct sync *s)
{
	json_object *o = json_object_new_object(), *peers = json_object_new_array();
	unsigned int i, n = redundancy_peer_count(s->r);
	char a[INET6_ADDRSTRLEN];

	if (!o || !peers) {
		json_object_put(o);
		json_object_put(peers);
		return NULL;
	}
#define NUM(obj, name, v) \
	json_object_object_add(obj, name, json_object_new_int64((int64_t)(v)))
	json_object_object_add(o, "full-copy", json_object_new_boolean(s->bulk_done));
	NUM(o, "pending-changes", s->dirty_count);
	NUM(o, "merged", s->merged);
	NUM(o, "merge-deleted", s->merge_deleted);
	NUM(o, "swept", s->swept);
	NUM(o, "deletions-remembered", s->gone_count);
	NUM(o, "requests-answered", s->asks_answered);
	NUM(o, "adoption-left", pacer_left(&s->adoption));
	NUM(o, "adopted", s->adoption.done);
	NUM(o, "adoption-failed", s->adoption.failed);
	NUM(o, "adoption-ms", s->adoption.took_ms);
	NUM(o, "withdrawal-left", pacer_left(&s->withdrawal));
	NUM(o, "withdrawn", s->withdrawal.done);
	NUM(o, "withdrawal-ms", s->withdrawal.took_ms);
	for (i = 0; i < n; i++) {
		const struct sync_peer *p = &s->peers[i];
		json_object *po = json_object_new_object();

		if (!po)
			continue;
		json_object_object_add(po, "address", json_object_new_string(
			addr_format(redundancy_peer_address(s->r, i), a)));
		NUM(po, "in-flight", p->inflight_count);
		NUM(po, "transfer-left",
		    p->out.on ? p->out.count - p->out.next : 0);
		NUM(po, "ss-tx", p->ss_tx);
		NUM(po, "ss-retransmitted", p->ss_retx);
		NUM(po, "ss-rx", p->ss_rx);
		NUM(po, "acks-rx", p->acks_rx);
		NUM(po, "acks-tx", p->acks_tx);
		NUM(po, "bindings-tx", p->bindings_tx);
		NUM(po, "bindings-rx", p->bindings_rx);
		NUM(po, "requests-rx", p->requests_rx);
		NUM(po, "refused", p->refused);
		NUM(po, "gave-up", p->gave_up);
		NUM(po, "transfers-sent", p->transfers_sent);
		NUM(po, "transfers-received", p->transfers_done);
		json_object_array_add(peers, po);
	}
#undef NUM
	json_object_object_add(o, "peers", peers);
	return o;
}
