// SPDX-License-Identifier: GPL-2.0-only
/*
 * What comes from a peer (sync.h, sync_state.h): State Synchronizations
 * taken by a standby from the active, a merge taken by a new active,
 * requests answered by the active, acknowledgements.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/dhad.h"
#include "core/home.h"
#include "reliability/sync_state.h"
#include "sys/log.h"

/* Copies a synchronized binding into the cache, and with commit into
 * the kernel (a merge on the active). */
static void take_binding(struct sync *s, const struct dha_hamsg_bci *b,
			 bool commit)
{
	struct cache *cache = &s->dhad->cache;
	struct cache_entry *e = cache_lookup(cache, &b->home_address);
	char hoa[INET6_ADDRSTRLEN];
	uint8_t *opaque;
	uint16_t opaque_len;
	size_t i;

	if (!e) {
		if (cache_insert(cache, &b->home_address, &e)) {
			log_err("sync: cannot keep binding %s: out of memory",
				addr_format(&b->home_address, hoa));
			return;
		}
		e->synced = true;
	} else if (e->restored) {
		e->restored = false;
		cache->restored_count--;
	}
	e->care_of_address = b->care_of_address;
	e->sequence = b->seq;
	e->flags = b->flags;
	e->prefix_count = 0;
	for (i = 0; i < b->mnp_count && i < KERNEL_PREFIXES_MAX; i++) {
		e->prefixes[i].address = b->mnp[i].prefix;
		e->prefixes[i].length = b->mnp[i].prefix_len;
		e->prefix_count++;
	}
	e->sync_generation = s->generation;
	if (sync_opaque_pack(b, &opaque, &opaque_len) == 0) {
		free(e->opaque);
		e->opaque = opaque;
		e->opaque_len = opaque_len;
	}
	cache_set_lifetime(cache, e, b->lifetime == 0xffff ? 0 :
						       (uint32_t)b->lifetime * 4);
	if (commit && sync_adopt(s, e) == 0)
		sync_binding_changed(s, &e->home_address);
}

struct sweep_list {
	struct sync *s;
	struct cache_entry **entries;
	size_t count;
};

static int collect(struct cache_entry *e, void *arg)
{
	struct sweep_list *l = arg;

	if (e->synced && e->sync_generation != l->s->generation)
		l->entries[l->count++] = e;
	return 0;
}

/* After a complete transfer: drop the copies it did not mention. */
static void sweep(struct sync *s)
{
	struct sweep_list l = { .s = s };
	size_t i;

	if (!s->dhad->cache.count)
		return;
	l.entries = calloc(s->dhad->cache.count, sizeof(*l.entries));
	if (!l.entries)
		return;
	/* Removed after the walk: not while iterating. */
	cache_for_each(&s->dhad->cache, collect, &l);
	for (i = 0; i < l.count; i++)
		cache_remove(&s->dhad->cache, l.entries[i]);
	s->swept += l.count;
	free(l.entries);
}

/* The new active takes a former active's changes: what is newer. */
static void receive_merge(struct sync *s, unsigned int i,
			  const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	struct cache_entry *e;
	size_t k;

	if (redundancy_role(s->r) != ROLE_ACTIVE) {
		p->refused++;
		sync_send_ack(s, i, msg->u.id, DHA_SS_ACK_REFUSED);
		return;
	}
	for (k = 0; k < msg->bci_count; k++) {
		const struct dha_hamsg_bci *b = &msg->bci[k];

		e = cache_lookup(&s->dhad->cache, &b->home_address);
		if (!b->lifetime) {
			/* Deleted there: unless registered here since. */
			if (!e || (!e->restored &&
				   sync_sequence_newer(e->sequence, b->seq)))
				continue;
			home_uncommit(s->dhad, e);
			sync_binding_changed(s, &e->home_address);
			cache_remove(&s->dhad->cache, e);
			s->merge_deleted++;
			continue;
		}
		if (e && !e->restored &&
		    !sync_sequence_newer(b->seq, e->sequence))
			continue;
		take_binding(s, b, true);
		s->merged++;
	}
	p->bindings_rx += msg->bci_count;
	sync_send_ack(s, i, msg->u.id, DHA_SS_ACK_ACCEPTED);
}

static void receive_ss(struct sync *s, unsigned int i,
		       const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	const struct dha_hamsg_ss_status *st = &msg->ss_status;
	bool status = msg->has_ss_status;
	bool reply = status && (st->flags & DHA_SS_STATUS_FLAG_REPLY);
	bool last = status && (st->flags & DHA_SS_STATUS_FLAG_LAST);
	bool ours = reply && s->asked == (int)i &&
		    st->request_id == s->request_id;
	bool partial = reply && st->request_id == s->ask_id;
	struct cache_entry *e;
	size_t k;

	p->ss_rx++;
	if (status && (st->flags & DHA_SS_STATUS_FLAG_MERGE)) {
		receive_merge(s, i, msg);
		return;
	}
	/*
	 * Only a standby takes state, only from the active, and not while
	 * it pushes its own changes to it: it asks for everything after.
	 * A transfer with a message refused must not sweep at its end.
	 */
	if (redundancy_role(s->r) == ROLE_ACTIVE ||
	    !redundancy_peer_active(s->r, i) || sync_merging_to(p)) {
		p->refused++;
		if (status && !partial) {
			p->in_request_id = st->request_id;
			p->in_open = false;
		}
		sync_send_ack(s, i, msg->u.id, DHA_SS_ACK_REFUSED);
		return;
	}
	if (partial) {
		/* The answer to a request for single bindings. */
		if (s->ask)
			s->asks_answered++;
		sync_ask_end(s);
	} else if (status && st->request_id != p->in_request_id) {
		/* A new full transfer: its bindings get a new mark. */
		p->in_request_id = st->request_id;
		p->in_open = true;
		s->generation++;
	}
	for (k = 0; k < msg->bci_count; k++) {
		const struct dha_hamsg_bci *b = &msg->bci[k];

		e = cache_lookup(&s->dhad->cache, &b->home_address);
		/*
		 * Committed here: on a standby one the withdrawal has not
		 * reached yet, which the active's word replaces; in init,
		 * one restored from the kernel, ours until the election.
		 */
		if (e && !e->synced) {
			if (redundancy_role(s->r) != ROLE_STANDBY)
				continue;
			home_uncommit(s->dhad, e);
		}
		if (!b->lifetime) {
			if (e)
				cache_remove(&s->dhad->cache, e);
			continue;
		}
		take_binding(s, b, false);
	}
	p->bindings_rx += msg->bci_count;
	if (ours) {
		s->request_answered = true;
		s->request_progress = true;
	}
	if (last && st->request_id == p->in_request_id) {
		if (p->in_open) {
			sweep(s);
			p->in_open = false;
			p->transfers_done++;
			if (ours)
				s->bulk_done = true;
		} else if (ours && !s->bulk_done) {
			/* Some of it was refused: ask for a whole one. */
			sync_ask_for_cache(s, i);
		}
	}
	sync_send_ack(s, i, msg->u.id, DHA_SS_ACK_ACCEPTED);
}

struct prefix_match {
	const struct dha_mh_mnp *mnp;
	struct sync_item *items;
	size_t *count;
	size_t cap;
};

static int match_prefix(struct cache_entry *e, void *arg)
{
	struct prefix_match *m = arg;
	unsigned int i;

	for (i = 0; i < e->prefix_count && *m->count < m->cap; i++) {
		if (e->prefixes[i].length == m->mnp->prefix_len &&
		    !memcmp(&e->prefixes[i].address, &m->mnp->prefix,
			    sizeof(m->mnp->prefix))) {
			sync_item_of(e, &m->items[(*m->count)++]);
			break;
		}
	}
	return 0;
}

static void receive_request(struct sync *s, unsigned int i,
			    const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	struct cache_entry *e;
	struct sync_item *items;
	size_t k, count = 0, cap;

	/* The requester retries, and finds the active alive. */
	if (redundancy_role(s->r) != ROLE_ACTIVE ||
	    !redundancy_peer_alive(s->r, i))
		return;
	p->requests_rx++;
	if (!msg->addr_count && !msg->mnp_count) {
		/* A copy of a request being answered changes nothing. */
		if (!(p->out.on && (p->out.flags & DHA_SS_STATUS_FLAG_REPLY) &&
		      p->out.request_id == msg->u.id))
			sync_transfer_start(s, i, DHA_SS_STATUS_FLAG_REPLY,
				       msg->u.id);
		return;
	}
	/* Single home addresses, or the bindings holding these prefixes:
	 * every home address named is answered, lifetime 0 if unknown. */
	cap = msg->addr_count + msg->mnp_count * (size_t)DHA_HAMSG_BCI_MAX;
	items = calloc(cap, sizeof(*items));
	if (!items)
		return;
	for (k = 0; k < msg->addr_count; k++) {
		if (msg->addrs[k].code != DHA_IPADDR_CODE_HOME_ADDRESS)
			continue;
		e = cache_lookup(&s->dhad->cache, &msg->addrs[k].addr);
		if (e)
			sync_item_of(e, &items[count++]);
		else
			items[count++].hoa = msg->addrs[k].addr;
	}
	for (k = 0; k < msg->mnp_count; k++) {
		struct prefix_match match = {
			&msg->mnp[k], items, &count,
			count + DHA_HAMSG_BCI_MAX
		};

		cache_for_each(&s->dhad->cache, match_prefix, &match);
	}
	/* An answer naming nothing still tells the requester it came. */
	sync_enqueue(p, items, count, true, msg->u.id);
	free(items);
	sync_pump(p);
}

static void receive_ack(struct sync *s, unsigned int i,
			const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	struct sync_msg **link, *m;
	bool merged = false;

	for (link = &p->inflight; (m = *link); link = &m->next) {
		if (m->id != msg->u.id)
			continue;
		*link = m->next;
		p->inflight_count--;
		p->acks_rx++;
		if (msg->ack_status != DHA_SS_ACK_ACCEPTED)
			p->refused++;
		if (m->transfer && (m->flags & DHA_SS_STATUS_FLAG_LAST)) {
			merged = m->flags & DHA_SS_STATUS_FLAG_MERGE;
			sync_transfer_end(p);
		}
		free(m);
		break;
	}
	if (merged) {
		/* Pushed: forget the deletions, and ask for the cache. */
		s->gone_count = 0;
		if (redundancy_role(s->r) == ROLE_STANDBY &&
		    redundancy_peer_active(s->r, i))
			sync_ask_for_cache(s, i);
	}
	sync_pump(p);
}

void sync_receive(struct sync *s, unsigned int peer,
		  const struct dha_hamsg *msg)
{
	switch (msg->subtype) {
	case DHA_HAMSG_SS_REQUEST:
		receive_request(s, peer, msg);
		break;
	case DHA_HAMSG_SS:
		receive_ss(s, peer, msg);
		break;
	case DHA_HAMSG_SS_ACK:
		receive_ack(s, peer, msg);
		break;
	}
}
