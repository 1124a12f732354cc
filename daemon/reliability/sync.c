// SPDX-License-Identifier: GPL-2.0-only
/* State Synchronization between home agents (sync.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dhad.h"
#include "core/home.h"
#include "reliability/pacer.h"
#include "reliability/sync.h"
#include "sys/log.h"

/* State Synchronizations in flight per peer. */
#define SYNC_WINDOW 16
/*
 * Octets of bindings per message, counted with dha_hamsg_bci_size_max()
 * (padding at its worst): the IPv6 minimum MTU less the IPv6 header (40)
 * and, at worst, the rest of the message (83: Mobility Header, subtype
 * and Identifier 10, SS Status 10 + 3, Authentication 46 + 7, the final
 * padding 7), so that no message is fragmented; the unit tests check it.
 */
#define SYNC_BUDGET (1280 - 40 - 83)
#define SYNC_RTO_MIN_MS 100
#define SYNC_RTO_MAX_MS 3200
/* Each retransmission doubles the timeout, up to 2^5 times the first. */
#define SYNC_BACKOFF_MAX 5
#define SYNC_TRIES_MAX 12
/* A standby's full transfer that brought nothing for this many first
 * timeouts is asked for again (the active may have given up on it). */
#define SYNC_STALL_RTOS 64
/* A request for single bindings is sent at most this many times. */
#define SYNC_ASK_TRIES 8
/* Deletions remembered for a merge are pruned at most this often. */
#define SYNC_PRUNE_MS 10000

/*
 * A binding a message or a transfer names, with its sequence number when
 * it was named: a merge tells the new active that this binding is gone
 * with that number, even once the entry is freed.
 */
struct sync_item {
	struct in6_addr hoa;
	uint16_t seq;
	bool seq_known;
};

struct sync_msg {
	struct sync_msg *next;
	uint16_t id;
	bool has_status;
	bool transfer;			/* of p->out: dropped with it */
	uint8_t flags;
	uint16_t request_id;
	uint32_t total;
	unsigned int tries;
	uint64_t due_ms;
	size_t count;
	struct sync_item items[DHA_HAMSG_BCI_MAX];
};

/*
 * A full transfer of the cache to one peer (for a merge: of what this
 * member changed while active), cut into messages lazily. It is on until
 * its last message is acknowledged; changes made meanwhile are appended,
 * so that the receiver's sweep finds every binding named in it.
 */
struct transfer {
	bool on;
	bool last_sent;
	uint8_t flags;			/* REPLY, MERGE; LAST on the final one */
	uint16_t request_id;
	struct sync_item *items;
	size_t count, cap, next;
};

struct sync_peer {
	struct sync *s;
	unsigned int index;
	struct sync_msg *inflight;
	unsigned int inflight_count;
	struct sync_msg *waiting, *waiting_tail;
	struct transfer out;
	struct loop_timer timer;	/* retransmissions */
	bool was_standby;		/* a live standby at the last look */
	/*
	 * The full transfer last heard of from this peer, and whether all
	 * of its messages so far were taken (its last one may sweep then).
	 */
	uint16_t in_request_id;		/* 0: none yet */
	bool in_open;
	uint64_t ss_tx, ss_retx, ss_rx, acks_rx, acks_tx, bindings_tx;
	uint64_t bindings_rx, gave_up, refused, transfers_done, transfers_sent;
	uint64_t requests_rx;
};

/* A deletion made while active, for a merge (until it cannot matter). */
struct sync_gone {
	struct in6_addr hoa;
	uint16_t seq;
	uint64_t until_ms;
};

struct sync {
	struct dhad *dhad;
	struct redundancy *r;
	const struct config_redundancy *config;
	struct sync_peer peers[CONFIG_PEERS_MAX];
	/* bindings changed since the last flush (duplicates are harmless) */
	struct sync_item *dirty;
	size_t dirty_count, dirty_cap;
	struct sync_gone *gone;
	size_t gone_count, gone_cap;
	uint64_t gone_pruned_ms;
	struct loop_timer flush_timer;
	struct loop_timer refresh_timer;
	struct dha_hamsg_bci *scratch;	/* DHA_HAMSG_BCI_MAX, for chunking */
	uint16_t next_id;
	/*
	 * Marks on cache entries (cache_entry.sync_generation): a standby
	 * marks the bindings of each full transfer it receives with a new
	 * generation, and sweeps the older ones at its end; an active member
	 * starts a term with a new generation and marks what it changes.
	 */
	uint32_t generation;
	uint32_t term;
	bool merge_pending;		/* push changes to the next active */
	/* the standby's request for the whole cache */
	int asked;			/* peer asked, or -1 */
	uint16_t request_id;
	bool request_answered;
	bool request_progress;		/* since the last look */
	bool bulk_done;
	struct loop_timer request_timer;
	uint32_t request_rto_ms;
	/* the standby's request for single bindings */
	struct dha_hamsg *ask;		/* NULL: none under way */
	uint16_t ask_id;		/* the last one's, answered or not */
	int ask_peer;
	unsigned int ask_tries;
	struct loop_timer ask_timer;
	uint64_t merged, merge_deleted, swept, asks_answered;
	/* committing the copies on taking over, withdrawing on leaving */
	struct pacer adoption, withdrawal;
};

uint16_t sync_lifetime_units(uint32_t seconds_left)
{
	uint64_t units = ((uint64_t)seconds_left + 3) / 4;

	return units > 0xffff ? 0xffff : (uint16_t)units;
}

bool sync_sequence_newer(uint16_t a, uint16_t b)
{
	return a != b && (uint16_t)(a - b) < 0x8000;
}

size_t sync_chunk(const struct dha_hamsg_bci *bci, size_t count)
{
	size_t n = 0, used = 0, size;

	while (n < count && n < DHA_HAMSG_BCI_MAX) {
		size = dha_hamsg_bci_size_max(&bci[n]);
		if (n && used + size > SYNC_BUDGET)
			break;
		used += size;
		n++;
	}
	return n;
}

int sync_opaque_pack(const struct dha_hamsg_bci *b, uint8_t **out,
		     uint16_t *len)
{
	size_t size = 0, i;
	uint8_t *p;

	*out = NULL;
	*len = 0;
	if (b->aaa)
		size += 2 + b->aaa_len;
	for (i = 0; i < b->vendor_count; i++)
		size += 2 + DHA_HAOPT_VENDOR_INFO_MIN_LEN +
			b->vendor[i].data_len;
	if (!size)
		return 0;
	p = malloc(size);
	if (!p)
		return -ENOMEM;
	*out = p;
	*len = (uint16_t)size;
	if (b->aaa) {
		*p++ = DHA_HAOPT_AAA;
		*p++ = (uint8_t)b->aaa_len;
		memcpy(p, b->aaa, b->aaa_len);
		p += b->aaa_len;
	}
	for (i = 0; i < b->vendor_count; i++) {
		*p++ = DHA_HAOPT_VENDOR_INFO;
		*p++ = (uint8_t)(DHA_HAOPT_VENDOR_INFO_MIN_LEN +
				 b->vendor[i].data_len);
		*p++ = (uint8_t)(b->vendor[i].vendor_code >> 8);
		*p++ = (uint8_t)b->vendor[i].vendor_code;
		*p++ = 0;
		*p++ = 0;
		memcpy(p, b->vendor[i].data, b->vendor[i].data_len);
		p += b->vendor[i].data_len;
	}
	return 0;
}

void sync_opaque_unpack(const uint8_t *opaque, size_t len,
			struct dha_hamsg_bci *b)
{
	size_t off = 0;

	while (opaque && off + 2 <= len) {
		uint8_t type = opaque[off], olen = opaque[off + 1];
		const uint8_t *d = opaque + off + 2;

		if (off + 2 + olen > len)
			break;
		if (type == DHA_HAOPT_AAA) {
			b->aaa = d;
			b->aaa_len = olen;
		} else if (type == DHA_HAOPT_VENDOR_INFO &&
			   olen >= DHA_HAOPT_VENDOR_INFO_MIN_LEN &&
			   b->vendor_count < DHA_HAMSG_VENDOR_MAX) {
			b->vendor[b->vendor_count].vendor_code =
				(uint16_t)(d[0] << 8 | d[1]);
			b->vendor[b->vendor_count].data =
				d + DHA_HAOPT_VENDOR_INFO_MIN_LEN;
			b->vendor[b->vendor_count].data_len =
				olen - (size_t)DHA_HAOPT_VENDOR_INFO_MIN_LEN;
			b->vendor_count++;
		}
		off += 2u + olen;
	}
}

static uint16_t new_id(struct sync *s)
{
	/* The draft: never 0. */
	if (++s->next_id == 0)
		s->next_id = 1;
	return s->next_id;
}

static uint32_t rto_ms(const struct sync *s)
{
	uint32_t rto = 2 * s->config->hello_interval_ms;

	return rto < SYNC_RTO_MIN_MS ? SYNC_RTO_MIN_MS :
	       rto > SYNC_RTO_MAX_MS ? SYNC_RTO_MAX_MS : rto;
}

static bool is_standby_peer(const struct sync *s, unsigned int i)
{
	return redundancy_peer_alive(s->r, i) &&
	       !redundancy_peer_active(s->r, i);
}

static bool merging_to(const struct sync_peer *p)
{
	return p->out.on && (p->out.flags & DHA_SS_STATUS_FLAG_MERGE);
}

/* ---- bindings to and from the wire ---- */

/* A binding as the cache holds it now; gone: lifetime 0. */
static void bci_of(struct sync *s, const struct sync_item *item,
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

static void item_of(const struct cache_entry *e, struct sync_item *item)
{
	item->hoa = e->home_address;
	item->seq = e->sequence;
	item->seq_known = !e->restored;
}

/*
 * Puts a copy into force here (core/home.h); its mobile node may have
 * to be told (the hard switch, takeover.h).
 */
static int adopt(struct sync *s, struct cache_entry *e)
{
	int ret = home_commit(s->dhad, e);

	if (!ret)
		redundancy_binding_adopted(s->r, &e->home_address);
	return ret;
}

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
	if (commit && adopt(s, e) == 0)
		sync_binding_changed(s, &e->home_address);
}

/* ---- sending ---- */

static void send_one(struct sync_peer *p, struct sync_msg *m)
{
	struct sync *s = p->s;
	struct dha_hamsg *msg = calloc(1, sizeof(*msg));
	uint64_t rto = rto_ms(s);
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
		bci_of(s, &m->items[i], &msg->bci[i]);
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
	m->id = new_id(s);
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
		bci_of(s, &items[k], &s->scratch[k]);
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

static void pump(struct sync_peer *p)
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
static void enqueue(struct sync_peer *p, const struct sync_item *items,
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

static void transfer_end(struct sync_peer *p)
{
	free(p->out.items);
	memset(&p->out, 0, sizeof(p->out));
}

static void peer_reset(struct sync_peer *p)
{
	free_list(p->inflight);
	free_list(p->waiting);
	p->inflight = p->waiting = p->waiting_tail = NULL;
	p->inflight_count = 0;
	transfer_end(p);
	p->in_open = false;
	loop_timer_stop(p->s->dhad->loop, &p->timer);
}

static int transfer_add(struct transfer *t, const struct sync_item *items,
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
	item_of(e, &item);
	snap->err = transfer_add(snap->t, &item, 1);
	return snap->err;
}

/* Starts a full transfer to peer i, replacing one under way. */
static void transfer_start(struct sync *s, unsigned int i, uint8_t flags,
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
	transfer_end(p);
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
				snap.err = transfer_add(&p->out, &item, 1);
		}
	}
	if (!snap.err)
		cache_for_each(&s->dhad->cache, snap_one, &snap);
	if (snap.err) {
		log_err("sync: out of memory for a full transfer");
		transfer_end(p);
	} else {
		p->transfers_sent++;
	}
	pump(p);
}

static void ask_for_cache(struct sync *s, unsigned int active);

/* After a peer acknowledged nothing for long: start over with it. */
static void resync(struct sync *s, unsigned int i, bool merging)
{
	enum redundancy_role role = redundancy_role(s->r);

	if (role == ROLE_ACTIVE && is_standby_peer(s, i))
		transfer_start(s, i, 0, new_id(s));
	else if (merging && role == ROLE_STANDBY &&
		 redundancy_peer_active(s->r, i))
		transfer_start(s, i, DHA_SS_STATUS_FLAG_MERGE, new_id(s));
}

static void retransmit(struct loop_timer *timer)
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
			merging = merging_to(p);
			peer_reset(p);
			resync(p->s, p->index, merging);
			return;
		}
		p->ss_retx++;
		send_one(p, m);
	}
	pump(p);
}

static void send_ack(struct sync *s, unsigned int i, uint16_t id,
		     uint16_t status)
{
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_SS_ACK };

	msg.u.id = id;
	msg.ack_status = status;
	redundancy_send(s->r, i, &msg);
	s->peers[i].acks_tx++;
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

		if (!is_standby_peer(s, i))
			continue;
		if (p->out.on && !p->out.last_sent &&
		    transfer_add(&p->out, s->dirty, s->dirty_count)) {
			log_err("sync: out of memory; restarting the transfer");
			transfer_start(s, i, p->out.flags, p->out.request_id);
		}
		enqueue(p, s->dirty, s->dirty_count, false, 0);
		pump(p);
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
		item_of(e, &item);
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
			if (is_standby_peer(s, i) && !s->peers[i].out.on)
				transfer_start(s, i, 0, new_id(s));
	}
	if (period)
		loop_timer_start(s->dhad->loop, &s->refresh_timer,
				 (uint64_t)period * 1000);
}

/* ---- the standby's requests ---- */

static void request_send(struct sync *s)
{
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_SS_REQUEST };

	msg.u.id = s->request_id;
	redundancy_send(s->r, (unsigned int)s->asked, &msg);
	loop_timer_start(s->dhad->loop, &s->request_timer, s->request_rto_ms);
	if (s->request_rto_ms < SYNC_RTO_MAX_MS)
		s->request_rto_ms *= 2;
}

static void ask_for_cache(struct sync *s, unsigned int active)
{
	s->asked = (int)active;
	s->request_id = new_id(s);
	s->request_answered = false;
	s->request_progress = false;
	s->bulk_done = false;
	s->request_rto_ms = rto_ms(s);
	request_send(s);
}

/*
 * Until answered, the request is sent again with a growing timeout;
 * then, while the transfer brings something, nothing; a transfer that
 * stalled is asked for anew.
 */
static void request_again(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, request_timer);
	unsigned int i = (unsigned int)s->asked;

	if (s->asked < 0 || s->bulk_done ||
	    redundancy_role(s->r) != ROLE_STANDBY ||
	    !redundancy_peer_active(s->r, i))
		return;
	if (!s->request_answered) {
		request_send(s);
	} else if (!s->request_progress) {
		log_warn("sync: the full transfer stalled; asking again");
		ask_for_cache(s, i);
	} else {
		s->request_progress = false;
		loop_timer_start(s->dhad->loop, &s->request_timer,
				 (uint64_t)SYNC_STALL_RTOS * rto_ms(s));
	}
}

static void ask_send(struct sync *s)
{
	unsigned int shift = s->ask_tries < SYNC_BACKOFF_MAX ? s->ask_tries :
							       SYNC_BACKOFF_MAX;
	uint64_t delay = (uint64_t)rto_ms(s) << shift;

	redundancy_send(s->r, (unsigned int)s->ask_peer, s->ask);
	s->ask_tries++;
	loop_timer_start(s->dhad->loop, &s->ask_timer, delay);
}

static void ask_end(struct sync *s)
{
	free(s->ask);
	s->ask = NULL;
	loop_timer_stop(s->dhad->loop, &s->ask_timer);
}

static void ask_again(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, ask_timer);

	if (!s->ask)
		return;
	if (s->ask_tries >= SYNC_ASK_TRIES ||
	    redundancy_role(s->r) != ROLE_STANDBY ||
	    !redundancy_peer_active(s->r, (unsigned int)s->ask_peer)) {
		log_warn("sync: no answer to a request for single bindings");
		ask_end(s);
		return;
	}
	ask_send(s);
}

int sync_request(struct sync *s, const struct in6_addr *hoas,
		 size_t hoa_count, const struct dhad_prefix *prefixes,
		 size_t prefix_count)
{
	unsigned int i, n = redundancy_peer_count(s->r);
	struct dha_hamsg *msg;
	int active = -1;
	size_t k;

	if (redundancy_role(s->r) != ROLE_STANDBY)
		return -EALREADY;
	for (i = 0; i < n && active < 0; i++)
		if (redundancy_peer_active(s->r, i))
			active = (int)i;
	if (active < 0)
		return -ENOENT;
	if (hoa_count > DHA_HAMSG_ADDRS_MAX || prefix_count > DHA_HAMSG_MNP_MAX)
		return -E2BIG;
	if (!hoa_count && !prefix_count) {
		ask_for_cache(s, (unsigned int)active);
		return 0;
	}
	msg = calloc(1, sizeof(*msg));
	if (!msg)
		return -ENOMEM;
	msg->subtype = DHA_HAMSG_SS_REQUEST;
	msg->u.id = new_id(s);
	s->ask_id = msg->u.id;
	for (k = 0; k < hoa_count; k++) {
		msg->addrs[k].code = DHA_IPADDR_CODE_HOME_ADDRESS;
		msg->addrs[k].prefix_len = 128;
		msg->addrs[k].addr = hoas[k];
	}
	msg->addr_count = hoa_count;
	for (k = 0; k < prefix_count; k++) {
		msg->mnp[k].prefix_len = prefixes[k].length;
		msg->mnp[k].prefix = prefixes[k].address;
	}
	msg->mnp_count = prefix_count;
	ask_end(s);
	s->ask = msg;
	s->ask_peer = active;
	s->ask_tries = 0;
	ask_send(s);
	return 0;
}

/* ---- receiving ---- */

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
		send_ack(s, i, msg->u.id, DHA_SS_ACK_REFUSED);
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
	send_ack(s, i, msg->u.id, DHA_SS_ACK_ACCEPTED);
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
	    !redundancy_peer_active(s->r, i) || merging_to(p)) {
		p->refused++;
		if (status && !partial) {
			p->in_request_id = st->request_id;
			p->in_open = false;
		}
		send_ack(s, i, msg->u.id, DHA_SS_ACK_REFUSED);
		return;
	}
	if (partial) {
		/* The answer to a request for single bindings. */
		if (s->ask)
			s->asks_answered++;
		ask_end(s);
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
			ask_for_cache(s, i);
		}
	}
	send_ack(s, i, msg->u.id, DHA_SS_ACK_ACCEPTED);
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
			item_of(e, &m->items[(*m->count)++]);
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
			transfer_start(s, i, DHA_SS_STATUS_FLAG_REPLY,
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
			item_of(e, &items[count++]);
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
	enqueue(p, items, count, true, msg->u.id);
	free(items);
	pump(p);
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
			transfer_end(p);
		}
		free(m);
		break;
	}
	if (merged) {
		/* Pushed: forget the deletions, and ask for the cache. */
		s->gone_count = 0;
		if (redundancy_role(s->r) == ROLE_STANDBY &&
		    redundancy_peer_active(s->r, i))
			ask_for_cache(s, i);
	}
	pump(p);
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

/* ---- roles ---- */

static bool is_copy(const struct cache_entry *e)
{
	return e->synced;
}

static bool is_committed(const struct cache_entry *e)
{
	return !e->synced;
}

static int commit_one(struct cache_entry *e, void *arg)
{
	struct sync *s = arg;

	return adopt(s, e);
}

static int uncommit_one(struct cache_entry *e, void *arg)
{
	struct sync *s = arg;

	home_uncommit(s->dhad, e);
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
			peer_reset(&s->peers[i]);
		loop_timer_stop(s->dhad->loop, &s->request_timer);
		s->asked = -1;
		s->bulk_done = false;
		ask_end(s);
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
			peer_reset(p);
			p->in_request_id = 0;
		} else if (redundancy_peer_active(s->r, i)) {
			active = (int)i;
		}
		if (s->asked == (int)i && !redundancy_peer_active(s->r, i))
			s->asked = -1;
		/* One who became a live standby gets everything, unasked. */
		standby = is_standby_peer(s, i);
		if (now == ROLE_ACTIVE && standby && !p->was_standby &&
		    !p->out.on)
			transfer_start(s, i, 0, new_id(s));
		p->was_standby = standby;
	}
	if (now != ROLE_STANDBY || active < 0)
		return;
	if (s->merge_pending) {
		s->merge_pending = false;
		/* Its last acknowledgement asks for the cache (receive_ack). */
		transfer_start(s, (unsigned int)active,
			       DHA_SS_STATUS_FLAG_MERGE, new_id(s));
		return;
	}
	if (s->asked != active && !merging_to(&s->peers[active]))
		ask_for_cache(s, (unsigned int)active);
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
		timer_init(&s->peers[i].timer, retransmit);
	}
	timer_init(&s->flush_timer, flush);
	timer_init(&s->refresh_timer, refresh);
	timer_init(&s->request_timer, request_again);
	timer_init(&s->ask_timer, ask_again);
	pacer_init(&s->adoption, "committed", &dhad->cache, dhad->loop,
		   is_copy, commit_one, s);
	pacer_init(&s->withdrawal, "withdrawn", &dhad->cache, dhad->loop,
		   is_committed, uncommit_one, s);
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
		peer_reset(&s->peers[i]);
	ask_end(s);
	pacer_stop(&s->adoption);
	pacer_stop(&s->withdrawal);
	loop_timer_stop(s->dhad->loop, &s->flush_timer);
	loop_timer_stop(s->dhad->loop, &s->refresh_timer);
	loop_timer_stop(s->dhad->loop, &s->request_timer);
	free(s->dirty);
	free(s->gone);
	free(s->scratch);
	free(s);
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
