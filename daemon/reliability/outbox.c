// SPDX-License-Identifier: GPL-2.0-only
/*
 * What goes to a peer (sync_state.h): State Synchronizations in a window
 * of SYNC_WINDOW, retransmitted with a doubling timeout until acknowledged,
 * and full transfers cut into messages as the window opens.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/dhad.h"
#include "reliability/sync_state.h"
#include "sys/log.h"

uint16_t sync_new_id(struct sync *s)
{
	/* The draft: never 0. */
	if (++s->next_id == 0)
		s->next_id = 1;
	return s->next_id;
}

uint32_t sync_rto_ms(const struct sync *s)
{
	uint32_t rto = 2 * s->config->hello_interval_ms;

	return rto < SYNC_RTO_MIN_MS ? SYNC_RTO_MIN_MS :
	       rto > SYNC_RTO_MAX_MS ? SYNC_RTO_MAX_MS : rto;
}

bool sync_is_standby_peer(const struct sync *s, unsigned int i)
{
	return redundancy_peer_alive(s->r, i) &&
	       !redundancy_peer_active(s->r, i);
}

bool sync_merging_to(const struct sync_peer *p)
{
	return p->out.on && (p->out.flags & DHA_SS_STATUS_FLAG_MERGE);
}

/* A binding as the cache holds it now; gone: lifetime 0. */
void sync_bci_of(struct sync *s, const struct sync_item *item,
		   struct dha_hamsg_bci *b)
{
	const struct cache_entry *e = cache_lookup(&s->dhad->cache, &item->hoa);
	unsigned int i;

	memset(b, 0, sizeof(*b));
	b->home_address = item->hoa;
	b->seq = item->seq;
	if (!e)
		return;
	b->flags = e->flags;
	b->seq = e->sequence;
	b->care_of_address = e->care_of_address;
	b->lifetime = e->lifetime ? sync_lifetime_units(
		cache_lifetime_left(&s->dhad->cache, e)) : 0xffff;
	if (!b->lifetime)
		b->lifetime = 1;	/* about to expire, but still there */
	for (i = 0; i < e->prefix_count && i < DHA_HAMSG_MNP_MAX; i++) {
		b->mnp[i].prefix_len = e->prefixes[i].length;
		b->mnp[i].prefix = e->prefixes[i].address;
	}
	b->mnp_count = i;
	sync_opaque_unpack(e->opaque, e->opaque_len, b);
}

void sync_item_of(const struct cache_entry *e, struct sync_item *item)
{
	item->hoa = e->home_address;
	item->seq = e->sequence;
	item->seq_known = !e->restored;
}

static void send_one(struct sync_peer *p, struct sync_msg *m)
{
	struct sync *s = p->s;
	struct dha_hamsg *msg = calloc(1, sizeof(*msg));
	uint64_t rto = sync_rto_ms(s);
	size_t i;

	if (!msg)
		return;
	msg->subtype = DHA_HAMSG_SS;
	msg->u.id = m->id;
	msg->has_ss_status = m->has_status;
	msg->ss_status.flags = m->flags;
	msg->ss_status.request_id = m->request_id;
	msg->ss_status.total = m->total;
	for (i = 0; i < m->count; i++)
		sync_bci_of(s, &m->items[i], &msg->bci[i]);
	msg->bci_count = m->count;
	redundancy_send(s->r, p->index, msg);
	free(msg);
	p->ss_tx++;
	p->bindings_tx += m->count;
	m->due_ms = loop_now_ms(s->dhad->loop) +
		    (rto << (m->tries < SYNC_BACKOFF_MAX ? m->tries :
							   SYNC_BACKOFF_MAX));
	m->tries++;
}

static struct sync_msg *msg_new(struct sync *s, bool has_status,
				uint8_t flags, uint16_t request_id,
				uint32_t total)
{
	struct sync_msg *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->id = sync_new_id(s);
	m->has_status = has_status;
	m->flags = flags;
	m->request_id = request_id;
	m->total = total;
	return m;
}

/* Puts the bindings that fit one message into m; how many it took. */
static size_t fill(struct sync *s, struct sync_msg *m,
		   const struct sync_item *items, size_t count)
{
	size_t k, n = count < DHA_HAMSG_BCI_MAX ? count : DHA_HAMSG_BCI_MAX;

	for (k = 0; k < n; k++)
		sync_bci_of(s, &items[k], &s->scratch[k]);
	n = sync_chunk(s->scratch, n);
	memcpy(m->items, items, n * sizeof(*items));
	m->count = n;
	return n;
}

static void arm(struct sync_peer *p)
{
	struct loop *loop = p->s->dhad->loop;
	uint64_t due = UINT64_MAX;
	struct sync_msg *m;

	for (m = p->inflight; m; m = m->next)
		if (m->due_ms < due)
			due = m->due_ms;
	if (due == UINT64_MAX)
		loop_timer_stop(loop, &p->timer);
	else
		loop_timer_start_at(loop, &p->timer, due);
}

/* Next message of the transfer, or NULL; the last waits for the rest. */
static struct sync_msg *transfer_next(struct sync_peer *p)
{
	struct transfer *t = &p->out;
	struct sync_msg *m;

	if (!t->on || t->last_sent ||
	    (t->next == t->count && p->inflight_count))
		return NULL;
	m = msg_new(p->s, true, t->flags, t->request_id, (uint32_t)t->count);
	if (!m)
		return NULL;
	m->transfer = true;
	/* An empty transfer (a merge of nothing) is one empty LAST. */
	if (t->next < t->count)
		t->next += fill(p->s, m, t->items + t->next,
				t->count - t->next);
	if (t->next == t->count) {
		/* Everything else acknowledged? Then this one is the last. */
		if (p->inflight_count) {
			t->next -= m->count;
			free(m);
			return NULL;
		}
		m->flags |= DHA_SS_STATUS_FLAG_LAST;
		t->last_sent = true;
	}
	return m;
}

void sync_pump(struct sync_peer *p)
{
	struct sync_msg *m;

	while (p->inflight_count < SYNC_WINDOW) {
		m = p->waiting;
		if (m) {
			p->waiting = m->next;
			if (!p->waiting)
				p->waiting_tail = NULL;
		} else {
			m = transfer_next(p);
			if (!m)
				break;
		}
		m->next = p->inflight;
		p->inflight = m;
		p->inflight_count++;
		send_one(p, m);
	}
	arm(p);
}

/* Queues items, cut into messages (status: an answer to a request). */
void sync_enqueue(struct sync_peer *p, const struct sync_item *items,
		    size_t count, bool status, uint16_t request_id)
{
	struct sync *s = p->s;
	struct sync_msg *m;
	size_t at = 0;

	do {
		m = msg_new(s, status, status ? DHA_SS_STATUS_FLAG_REPLY : 0,
			    request_id, (uint32_t)count);
		if (!m) {
			log_err("sync: out of memory; a refresh catches up");
			return;
		}
		at += fill(s, m, items + at, count - at);
		if (status && at == count)
			m->flags |= DHA_SS_STATUS_FLAG_LAST;
		if (p->waiting_tail)
			p->waiting_tail->next = m;
		else
			p->waiting = m;
		p->waiting_tail = m;
	} while (at < count);
}

static void free_list(struct sync_msg *m)
{
	struct sync_msg *next;

	for (; m; m = next) {
		next = m->next;
		free(m);
	}
}

void sync_transfer_end(struct sync_peer *p)
{
	free(p->out.items);
	memset(&p->out, 0, sizeof(p->out));
}

void sync_peer_reset(struct sync_peer *p)
{
	free_list(p->inflight);
	free_list(p->waiting);
	p->inflight = p->waiting = p->waiting_tail = NULL;
	p->inflight_count = 0;
	sync_transfer_end(p);
	p->in_open = false;
	loop_timer_stop(p->s->dhad->loop, &p->timer);
}

int sync_transfer_add(struct transfer *t, const struct sync_item *items,
			size_t count)
{
	struct sync_item *grown;
	size_t cap;

	if (t->count + count > t->cap) {
		cap = t->cap ? t->cap : 64;
		while (cap < t->count + count)
			cap *= 2;
		grown = realloc(t->items, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		t->items = grown;
		t->cap = cap;
	}
	memcpy(t->items + t->count, items, count * sizeof(*items));
	t->count += count;
	return 0;
}

struct snapshot {
	struct sync *s;
	struct transfer *t;
	bool changed_only;		/* a merge: this term's changes */
	int err;
};

static int snap_one(struct cache_entry *e, void *arg)
{
	struct snapshot *snap = arg;
	struct sync_item item;

	/*
	 * A merge carries what this member changed itself: not entries
	 * restored from the kernel after a crash, nor copies of the other
	 * side's bindings, which could bring back one deleted meanwhile.
	 */
	if (snap->changed_only &&
	    (e->restored || e->sync_generation != snap->s->term))
		return 0;
	sync_item_of(e, &item);
	snap->err = sync_transfer_add(snap->t, &item, 1);
	return snap->err;
}

/* Starts a full transfer to peer i, replacing one under way. */
void sync_transfer_start(struct sync *s, unsigned int i, uint8_t flags,
			   uint16_t request_id)
{
	struct sync_peer *p = &s->peers[i];
	struct snapshot snap = {
		.s = s,
		.t = &p->out,
		.changed_only = flags & DHA_SS_STATUS_FLAG_MERGE,
	};
	struct sync_msg **link = &p->inflight, *m;
	size_t k;

	/* The new transfer names everything the old one did. */
	while ((m = *link)) {
		if (m->transfer) {
			*link = m->next;
			p->inflight_count--;
			free(m);
		} else {
			link = &m->next;
		}
	}
	sync_transfer_end(p);
	p->out.on = true;
	p->out.flags = flags;
	p->out.request_id = request_id;
	if (snap.changed_only) {
		/* Deletions this member made, unless registered again since. */
		for (k = 0; k < s->gone_count; k++) {
			struct sync_item item = {
				s->gone[k].hoa, s->gone[k].seq, true
			};

			if (!snap.err &&
			    !cache_lookup(&s->dhad->cache, &item.hoa))
				snap.err = sync_transfer_add(&p->out, &item, 1);
		}
	}
	if (!snap.err)
		cache_for_each(&s->dhad->cache, snap_one, &snap);
	if (snap.err) {
		log_err("sync: out of memory for a full transfer");
		sync_transfer_end(p);
	} else {
		p->transfers_sent++;
	}
	sync_pump(p);
}


/* After a peer acknowledged nothing for long: start over with it. */
static void resync(struct sync *s, unsigned int i, bool merging)
{
	enum redundancy_role role = redundancy_role(s->r);

	if (role == ROLE_ACTIVE && sync_is_standby_peer(s, i))
		sync_transfer_start(s, i, 0, sync_new_id(s));
	else if (merging && role == ROLE_STANDBY &&
		 redundancy_peer_active(s->r, i))
		sync_transfer_start(s, i, DHA_SS_STATUS_FLAG_MERGE, sync_new_id(s));
}

void sync_retransmit(struct loop_timer *timer)
{
	struct sync_peer *p = container_of(timer, struct sync_peer, timer);
	uint64_t now = loop_now_ms(p->s->dhad->loop);
	struct sync_msg *m;
	char a[INET6_ADDRSTRLEN];
	bool merging;

	for (m = p->inflight; m; m = m->next) {
		if (m->due_ms > now)
			continue;
		if (m->tries >= SYNC_TRIES_MAX) {
			addr_format(redundancy_peer_address(p->s->r, p->index),
				    a);
			log_warn("sync: %s acknowledges nothing; starting over",
				 a);
			p->gave_up++;
			merging = sync_merging_to(p);
			sync_peer_reset(p);
			resync(p->s, p->index, merging);
			return;
		}
		p->ss_retx++;
		send_one(p, m);
	}
	sync_pump(p);
}

void sync_send_ack(struct sync *s, unsigned int i, uint16_t id,
		     uint16_t status)
{
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_SS_ACK };

	msg.u.id = id;
	msg.ack_status = status;
	redundancy_send(s->r, i, &msg);
	s->peers[i].acks_tx++;
}
