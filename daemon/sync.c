// SPDX-License-Identifier: GPL-2.0-only
/* State Synchronization between home agents (sync.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dhad.h"
#include "log.h"
#include "mobility.h"
#include "sync.h"

/* State Synchronizations in flight per peer. */
#define SYNC_WINDOW 16
/* Octets of bindings per message: with the headers, the status and the
 * Authentication option it stays within the IPv6 minimum MTU. */
#define SYNC_BUDGET 1100
#define SYNC_RTO_MIN_MS 100
#define SYNC_RTO_MAX_MS 3200
#define SYNC_TRIES_MAX 12

/* SS Status flag (dha): a stepping-down member's cache for the new active. */
#define SS_FLAG_MERGE 0x20

struct sync_msg {
	struct sync_msg *next;
	uint16_t id;
	bool has_status;
	uint8_t flags;
	uint16_t request_id;
	uint32_t total;
	unsigned int tries;
	uint64_t due_ms;
	size_t count;
	struct in6_addr hoas[DHA_HAMSG_BCI_MAX];
};

/* A full transfer of the cache to one peer, cut into messages lazily. */
struct transfer {
	bool on;
	uint8_t flags;			/* REPLY, MERGE; LAST on the final one */
	uint16_t request_id;
	struct in6_addr *hoas;
	size_t count, next;
};

struct sync_peer {
	struct sync *s;
	unsigned int index;
	struct sync_msg *inflight;
	unsigned int inflight_count;
	struct sync_msg *waiting, *waiting_tail;
	struct transfer out;
	struct loop_timer timer;	/* retransmissions */
	/* receiving a full transfer from this peer */
	bool in_open;
	uint16_t in_request_id;
	uint64_t ss_tx, ss_retx, ss_rx, acks_rx, acks_tx, bindings_tx;
	uint64_t bindings_rx, gave_up, refused, transfers_done;
};

struct sync {
	struct dhad *dhad;
	struct redundancy *r;
	struct sync_peer peers[CONFIG_PEERS_MAX];
	/* bindings changed since the last flush (duplicates are harmless) */
	struct in6_addr *dirty;
	size_t dirty_count, dirty_cap;
	struct loop_timer flush_timer;
	struct loop_timer refresh_timer;
	uint16_t next_id;
	uint32_t generation;		/* of the full transfer being received */
	/* the standby's own request for the whole cache */
	bool merge_pending;		/* push our cache to the next active */
	int asked;			/* peer asked, or -1 */
	uint16_t request_id;
	bool request_answered;
	bool bulk_done;
	struct loop_timer request_timer;
	uint32_t request_rto_ms;
	uint64_t merged, swept;
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

static uint16_t new_id(struct sync *s)
{
	/* The draft: never 0. */
	if (++s->next_id == 0)
		s->next_id = 1;
	return s->next_id;
}

static uint32_t rto_ms(const struct sync *s)
{
	uint32_t rto = 2 * s->dhad->config.redundancy.hello_interval_ms;

	return rto < SYNC_RTO_MIN_MS ? SYNC_RTO_MIN_MS :
	       rto > SYNC_RTO_MAX_MS ? SYNC_RTO_MAX_MS : rto;
}

/* ---- bindings to and from the wire ---- */

/* The AAA and Vendor Specific Information options kept with an entry. */
static void opaque_to_bci(const struct cache_entry *e, struct dha_hamsg_bci *b)
{
	size_t off = 0;

	while (e->opaque && off + 2 <= e->opaque_len) {
		uint8_t type = e->opaque[off], len = e->opaque[off + 1];
		const uint8_t *d = e->opaque + off + 2;

		if (off + 2 + len > e->opaque_len)
			break;
		if (type == DHA_HAOPT_AAA) {
			b->aaa = d;
			b->aaa_len = len;
		} else if (type == DHA_HAOPT_VENDOR_INFO && len >= 4 &&
			   b->vendor_count < DHA_HAMSG_VENDOR_MAX) {
			b->vendor[b->vendor_count].vendor_code =
				(uint16_t)(d[0] << 8 | d[1]);
			b->vendor[b->vendor_count].data = d + 4;
			b->vendor[b->vendor_count].data_len = len - 4u;
			b->vendor_count++;
		}
		off += 2u + len;
	}
}

static void bci_of(struct sync *s, const struct in6_addr *hoa,
		   struct dha_hamsg_bci *b)
{
	const struct cache_entry *e = cache_lookup(&s->dhad->cache, hoa);
	unsigned int i;

	memset(b, 0, sizeof(*b));
	b->home_address = *hoa;
	if (!e)
		return;		/* lifetime 0: gone */
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
	opaque_to_bci(e, b);
}

static int keep_opaque(struct cache_entry *e, const struct dha_hamsg_bci *b)
{
	size_t len = 0, i;
	uint8_t *p;

	free(e->opaque);
	e->opaque = NULL;
	e->opaque_len = 0;
	if (b->aaa)
		len += 2 + b->aaa_len;
	for (i = 0; i < b->vendor_count; i++)
		len += 2 + 4 + b->vendor[i].data_len;
	if (!len)
		return 0;
	p = malloc(len);
	if (!p)
		return -ENOMEM;
	e->opaque = p;
	e->opaque_len = (uint16_t)len;
	if (b->aaa) {
		*p++ = DHA_HAOPT_AAA;
		*p++ = (uint8_t)b->aaa_len;
		memcpy(p, b->aaa, b->aaa_len);
		p += b->aaa_len;
	}
	for (i = 0; i < b->vendor_count; i++) {
		*p++ = DHA_HAOPT_VENDOR_INFO;
		*p++ = (uint8_t)(4 + b->vendor[i].data_len);
		*p++ = (uint8_t)(b->vendor[i].vendor_code >> 8);
		*p++ = (uint8_t)b->vendor[i].vendor_code;
		*p++ = 0;
		*p++ = 0;
		memcpy(p, b->vendor[i].data, b->vendor[i].data_len);
		p += b->vendor[i].data_len;
	}
	return 0;
}

/* Copies a synchronized binding into the cache (not the kernel). */
static void take_binding(struct sync *s, const struct dha_hamsg_bci *b,
			 bool commit)
{
	struct cache *cache = &s->dhad->cache;
	struct cache_entry *e = cache_lookup(cache, &b->home_address);
	char hoa[INET6_ADDRSTRLEN];
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
	keep_opaque(e, b);
	cache_set_lifetime(cache, e, b->lifetime == 0xffff ? 0 :
						       (uint32_t)b->lifetime * 4);
	if (commit && mobility_commit(s->dhad, e) == 0)
		sync_binding_changed(s, &e->home_address);
}

/* ---- sending ---- */

static void send_one(struct sync_peer *p, struct sync_msg *m)
{
	struct sync *s = p->s;
	struct dha_hamsg *msg = calloc(1, sizeof(*msg));
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
		bci_of(s, &m->hoas[i], &msg->bci[i]);
	msg->bci_count = m->count;
	redundancy_send(s->r, p->index, msg);
	free(msg);
	p->ss_tx++;
	p->bindings_tx += m->count;
	m->due_ms = loop_now_ms(s->dhad->loop) +
		    ((uint64_t)rto_ms(s) << (m->tries < 5 ? m->tries : 5));
	m->tries++;
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
	struct sync *s = p->s;
	struct dha_hamsg_bci bci;
	struct sync_msg *m;
	size_t used = 0, left;

	if (!t->on || (t->next == t->count && p->inflight_count))
		return NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->id = new_id(s);
	m->has_status = true;
	m->flags = t->flags;
	m->request_id = t->request_id;
	m->total = (uint32_t)t->count;
	while (t->next < t->count && m->count < DHA_HAMSG_BCI_MAX) {
		bci_of(s, &t->hoas[t->next], &bci);
		if (m->count && used + dha_hamsg_bci_size_max(&bci) > SYNC_BUDGET)
			break;
		used += dha_hamsg_bci_size_max(&bci);
		m->hoas[m->count++] = t->hoas[t->next++];
	}
	left = t->count - t->next;
	if (!left) {
		/* Everything else acknowledged? Then this one is the last. */
		if (p->inflight_count) {
			t->next -= m->count;
			free(m);
			return NULL;
		}
		m->flags |= DHA_SS_STATUS_FLAG_LAST;
		t->on = false;
		free(t->hoas);
		t->hoas = NULL;
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

static void free_list(struct sync_msg *m)
{
	struct sync_msg *next;

	for (; m; m = next) {
		next = m->next;
		free(m);
	}
}

static void peer_reset(struct sync_peer *p)
{
	free_list(p->inflight);
	free_list(p->waiting);
	p->inflight = p->waiting = p->waiting_tail = NULL;
	p->inflight_count = 0;
	free(p->out.hoas);
	memset(&p->out, 0, sizeof(p->out));
	p->in_open = false;
	loop_timer_stop(p->s->dhad->loop, &p->timer);
}

static void retransmit(struct loop_timer *timer)
{
	struct sync_peer *p = container_of(timer, struct sync_peer, timer);
	uint64_t now = loop_now_ms(p->s->dhad->loop);
	struct sync_msg **link = &p->inflight, *m;
	char a[INET6_ADDRSTRLEN];

	while ((m = *link)) {
		if (m->due_ms > now) {
			link = &m->next;
			continue;
		}
		if (m->tries >= SYNC_TRIES_MAX) {
			/* The peer asks for the whole cache when it can. */
			log_warn("sync: %s acknowledges nothing; giving up",
				 addr_format(redundancy_peer_address(p->s->r,
								     p->index), a));
			p->gave_up++;
			peer_reset(p);
			return;
		}
		p->ss_retx++;
		send_one(p, m);
		link = &m->next;
	}
	pump(p);
}

/* A transfer of the whole cache to peer i. */
struct snapshot {
	struct in6_addr *hoas;
	size_t count;
	bool registered_only;
};

static int snap_one(struct cache_entry *e, void *arg)
{
	struct snapshot *snap = arg;

	/*
	 * A merge carries what this member registered itself: entries
	 * restored from the kernel after a crash are older than what the
	 * set has, and could bring back a binding removed meanwhile.
	 */
	if (!snap->registered_only || !e->restored)
		snap->hoas[snap->count++] = e->home_address;
	return 0;
}

static void transfer_start(struct sync *s, unsigned int i, uint8_t flags,
			   uint16_t request_id)
{
	struct sync_peer *p = &s->peers[i];
	struct snapshot snap = { 0 };

	free(p->out.hoas);
	memset(&p->out, 0, sizeof(p->out));
	snap.registered_only = flags & SS_FLAG_MERGE;
	if (s->dhad->cache.count) {
		snap.hoas = calloc(s->dhad->cache.count, sizeof(*snap.hoas));
		if (!snap.hoas) {
			log_err("sync: out of memory for a full transfer");
			return;
		}
		cache_for_each(&s->dhad->cache, snap_one, &snap);
	}
	p->out.on = true;
	p->out.flags = flags;
	p->out.request_id = request_id;
	p->out.hoas = snap.hoas;
	p->out.count = snap.count;
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

static bool is_standby_peer(const struct sync *s, unsigned int i)
{
	return redundancy_peer_alive(s->r, i) && !redundancy_peer_active(s->r, i);
}

static void flush(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, flush_timer);
	unsigned int i, n = redundancy_peer_count(s->r);
	size_t at;

	if (redundancy_role(s->r) != ROLE_ACTIVE)
		goto out;
	for (i = 0; i < n; i++) {
		struct sync_peer *p = &s->peers[i];

		if (!is_standby_peer(s, i))
			continue;
		for (at = 0; at < s->dirty_count;) {
			struct sync_msg *m = calloc(1, sizeof(*m));
			struct dha_hamsg_bci bci;
			size_t used = 0;

			if (!m)
				break;
			m->id = new_id(s);
			while (at < s->dirty_count && m->count < DHA_HAMSG_BCI_MAX) {
				bci_of(s, &s->dirty[at], &bci);
				if (m->count &&
				    used + dha_hamsg_bci_size_max(&bci) > SYNC_BUDGET)
					break;
				used += dha_hamsg_bci_size_max(&bci);
				m->hoas[m->count++] = s->dirty[at++];
			}
			if (p->waiting_tail)
				p->waiting_tail->next = m;
			else
				p->waiting = m;
			p->waiting_tail = m;
		}
		pump(p);
	}
out:
	s->dirty_count = 0;
}

void sync_binding_changed(struct sync *s, const struct in6_addr *hoa)
{
	struct in6_addr *grown;
	size_t cap;

	if (!s || redundancy_role(s->r) != ROLE_ACTIVE)
		return;
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
	s->dirty[s->dirty_count++] = *hoa;
	if (!timer_pending(&s->flush_timer))
		loop_timer_start(s->dhad->loop, &s->flush_timer,
				 s->dhad->config.redundancy.sync_delay_ms);
}

static void refresh(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, refresh_timer);
	unsigned int i, n = redundancy_peer_count(s->r);
	uint32_t period = s->dhad->config.redundancy.sync_refresh_s;

	if (redundancy_role(s->r) == ROLE_ACTIVE) {
		for (i = 0; i < n; i++)
			if (is_standby_peer(s, i) && !s->peers[i].out.on)
				transfer_start(s, i, 0, new_id(s));
	}
	if (period)
		loop_timer_start(s->dhad->loop, &s->refresh_timer,
				 (uint64_t)period * 1000);
}

/* ---- the standby's request for the whole cache ---- */

static void request_send(struct sync *s)
{
	struct dha_hamsg msg = { .subtype = DHA_HAMSG_SS_REQUEST };

	msg.u.id = s->request_id;
	redundancy_send(s->r, (unsigned int)s->asked, &msg);
	loop_timer_start(s->dhad->loop, &s->request_timer, s->request_rto_ms);
	if (s->request_rto_ms < SYNC_RTO_MAX_MS)
		s->request_rto_ms *= 2;
}

static void request_again(struct loop_timer *timer)
{
	struct sync *s = container_of(timer, struct sync, request_timer);

	if (s->asked >= 0 && !s->request_answered &&
	    redundancy_role(s->r) == ROLE_STANDBY &&
	    redundancy_peer_alive(s->r, (unsigned int)s->asked))
		request_send(s);
}

static void ask_for_cache(struct sync *s, unsigned int active)
{
	s->asked = (int)active;
	s->request_id = new_id(s);
	s->request_answered = false;
	s->bulk_done = false;
	s->request_rto_ms = rto_ms(s);
	request_send(s);
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

static void receive_ss(struct sync *s, unsigned int i,
		       const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	enum redundancy_role role = redundancy_role(s->r);
	bool merge = msg->has_ss_status &&
		     (msg->ss_status.flags & SS_FLAG_MERGE);
	bool last = msg->has_ss_status &&
		    (msg->ss_status.flags & DHA_SS_STATUS_FLAG_LAST);
	struct cache_entry *e;
	size_t k;

	p->ss_rx++;
	if (merge) {
		/* A former active's bindings: keep what is newer. */
		if (role != ROLE_ACTIVE) {
			send_ack(s, i, msg->u.id, DHA_SS_ACK_REFUSED);
			return;
		}
		for (k = 0; k < msg->bci_count; k++) {
			const struct dha_hamsg_bci *b = &msg->bci[k];

			if (!b->lifetime)
				continue;
			e = cache_lookup(&s->dhad->cache, &b->home_address);
			if (e && !e->restored &&
			    !sync_sequence_newer(b->seq, e->sequence))
				continue;
			take_binding(s, b, true);
			s->merged++;
		}
		p->bindings_rx += msg->bci_count;
		send_ack(s, i, msg->u.id, DHA_SS_ACK_ACCEPTED);
		return;
	}
	/* Only a standby takes state, and only from the active. */
	if (role == ROLE_ACTIVE || !redundancy_peer_active(s->r, i)) {
		p->refused++;
		send_ack(s, i, msg->u.id, DHA_SS_ACK_REFUSED);
		return;
	}
	if (msg->has_ss_status &&
	    (!p->in_open || p->in_request_id != msg->ss_status.request_id)) {
		/* A new full transfer: its bindings get a new mark. */
		p->in_open = true;
		p->in_request_id = msg->ss_status.request_id;
		s->generation++;
	}
	for (k = 0; k < msg->bci_count; k++) {
		const struct dha_hamsg_bci *b = &msg->bci[k];

		e = cache_lookup(&s->dhad->cache, &b->home_address);
		if (!b->lifetime) {
			if (e && e->synced)
				cache_remove(&s->dhad->cache, e);
			continue;
		}
		if (e && !e->synced)
			continue;	/* committed here: not ours to overwrite */
		take_binding(s, b, false);
	}
	p->bindings_rx += msg->bci_count;
	if (msg->has_ss_status && (msg->ss_status.flags & DHA_SS_STATUS_FLAG_REPLY) &&
	    s->asked == (int)i && msg->ss_status.request_id == s->request_id)
		s->request_answered = true;
	if (last && p->in_open && p->in_request_id == msg->ss_status.request_id) {
		sweep(s);
		p->in_open = false;
		p->transfers_done++;
		if (s->asked == (int)i &&
		    msg->ss_status.request_id == s->request_id)
			s->bulk_done = true;
	}
	send_ack(s, i, msg->u.id, DHA_SS_ACK_ACCEPTED);
}

struct prefix_match {
	const struct dha_mh_mnp *mnp;
	struct in6_addr *hoas;
	size_t *count;
};

static int match_prefix(struct cache_entry *e, void *arg)
{
	struct prefix_match *m = arg;
	unsigned int i;

	for (i = 0; i < e->prefix_count && *m->count < DHA_HAMSG_BCI_MAX; i++) {
		if (e->prefixes[i].length == m->mnp->prefix_len &&
		    !memcmp(&e->prefixes[i].address, &m->mnp->prefix,
			    sizeof(m->mnp->prefix))) {
			m->hoas[(*m->count)++] = e->home_address;
			break;
		}
	}
	return 0;
}

static void receive_request(struct sync *s, unsigned int i,
			    const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	struct sync_msg *m;
	size_t k;

	if (redundancy_role(s->r) != ROLE_ACTIVE)
		return;		/* the requester retries, and finds the active */
	if (!msg->addr_count && !msg->mnp_count) {
		transfer_start(s, i, DHA_SS_STATUS_FLAG_REPLY, msg->u.id);
		return;
	}
	/* Single home addresses or prefixes: an ordinary update. */
	m = calloc(1, sizeof(*m));
	if (!m)
		return;
	m->id = new_id(s);
	for (k = 0; k < msg->addr_count && m->count < DHA_HAMSG_BCI_MAX; k++)
		if (msg->addrs[k].code == DHA_IPADDR_CODE_HOME_ADDRESS)
			m->hoas[m->count++] = msg->addrs[k].addr;
	for (k = 0; k < msg->mnp_count; k++) {
		struct prefix_match match = { &msg->mnp[k], m->hoas, &m->count };

		cache_for_each(&s->dhad->cache, match_prefix, &match);
	}
	if (!m->count) {
		free(m);
		return;
	}
	if (p->waiting_tail)
		p->waiting_tail->next = m;
	else
		p->waiting = m;
	p->waiting_tail = m;
	pump(p);
}

static void receive_ack(struct sync *s, unsigned int i,
			const struct dha_hamsg *msg)
{
	struct sync_peer *p = &s->peers[i];
	struct sync_msg **link, *m;

	for (link = &p->inflight; (m = *link); link = &m->next) {
		if (m->id != msg->u.id)
			continue;
		*link = m->next;
		p->inflight_count--;
		p->acks_rx++;
		if (msg->ack_status != DHA_SS_ACK_ACCEPTED)
			p->refused++;
		/* A merge done: now the cache can be asked for. */
		if ((m->flags & SS_FLAG_MERGE) &&
		    (m->flags & DHA_SS_STATUS_FLAG_LAST) &&
		    redundancy_role(s->r) == ROLE_STANDBY)
			ask_for_cache(s, i);
		free(m);
		break;
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

static int commit_one(struct cache_entry *e, void *arg)
{
	struct sync *s = arg;

	if (e->synced)
		mobility_commit(s->dhad, e);
	return 0;
}

static int uncommit_one(struct cache_entry *e, void *arg)
{
	struct sync *s = arg;

	if (!e->synced)
		mobility_uncommit(s->dhad, e);
	return 0;
}

void sync_roles_changed(struct sync *s, enum redundancy_role old,
			enum redundancy_role now)
{
	unsigned int i, n = redundancy_peer_count(s->r);
	int active = -1;

	if (now == ROLE_ACTIVE && old != ROLE_ACTIVE) {
		cache_for_each(&s->dhad->cache, commit_one, s);
		loop_timer_stop(s->dhad->loop, &s->request_timer);
		s->asked = -1;
		s->merge_pending = false;
	} else if (now == ROLE_STANDBY && old != ROLE_STANDBY) {
		/* A standby holds nothing in its kernel; bindings restored
		 * there after a restart are withdrawn too. */
		cache_for_each(&s->dhad->cache, uncommit_one, s);
		s->dirty_count = 0;
		s->merge_pending = old == ROLE_ACTIVE;
	}
	for (i = 0; i < n; i++) {
		if (!redundancy_peer_alive(s->r, i)) {
			peer_reset(&s->peers[i]);
			if (s->asked == (int)i)
				s->asked = -1;
		} else if (redundancy_peer_active(s->r, i)) {
			active = (int)i;
		}
	}
	if (now != ROLE_STANDBY || active < 0)
		return;
	if (s->merge_pending) {
		s->merge_pending = false;
		s->asked = active;
		/* Its last acknowledgement asks for the cache (receive_ack). */
		transfer_start(s, (unsigned int)active, SS_FLAG_MERGE,
			       new_id(s));
		return;
	}
	if (s->asked != active && !s->peers[active].out.on)
		ask_for_cache(s, (unsigned int)active);
}

/* ---- start, stop, show ---- */

int sync_open(struct dhad *dhad, struct redundancy *r, struct sync **out)
{
	struct sync *s = calloc(1, sizeof(*s));
	unsigned int i;

	if (!s)
		return -ENOMEM;
	s->dhad = dhad;
	s->r = r;
	s->asked = -1;
	for (i = 0; i < CONFIG_PEERS_MAX; i++) {
		s->peers[i].s = s;
		s->peers[i].index = i;
		timer_init(&s->peers[i].timer, retransmit);
	}
	timer_init(&s->flush_timer, flush);
	timer_init(&s->refresh_timer, refresh);
	timer_init(&s->request_timer, request_again);
	if (dhad->config.redundancy.sync_refresh_s)
		loop_timer_start(dhad->loop, &s->refresh_timer,
				 (uint64_t)dhad->config.redundancy.sync_refresh_s *
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
	loop_timer_stop(s->dhad->loop, &s->flush_timer);
	loop_timer_stop(s->dhad->loop, &s->refresh_timer);
	loop_timer_stop(s->dhad->loop, &s->request_timer);
	free(s->dirty);
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
	json_object_object_add(o, "full-copy", json_object_new_boolean(s->bulk_done));
	json_object_object_add(o, "pending-changes",
			       json_object_new_int64((int64_t)s->dirty_count));
	json_object_object_add(o, "merged", json_object_new_int64((int64_t)s->merged));
	json_object_object_add(o, "swept", json_object_new_int64((int64_t)s->swept));
	for (i = 0; i < n; i++) {
		const struct sync_peer *p = &s->peers[i];
		json_object *po = json_object_new_object();

		if (!po)
			continue;
		json_object_object_add(po, "address", json_object_new_string(
			addr_format(redundancy_peer_address(s->r, i), a)));
		json_object_object_add(po, "in-flight",
				       json_object_new_int(p->inflight_count));
		json_object_object_add(po, "transfer-left", json_object_new_int64(
			p->out.on ? (int64_t)(p->out.count - p->out.next) : 0));
#define NUM(name, v) json_object_object_add(po, name, json_object_new_int64((int64_t)(v)))
		NUM("ss-tx", p->ss_tx);
		NUM("ss-retransmitted", p->ss_retx);
		NUM("ss-rx", p->ss_rx);
		NUM("acks-rx", p->acks_rx);
		NUM("acks-tx", p->acks_tx);
		NUM("bindings-tx", p->bindings_tx);
		NUM("bindings-rx", p->bindings_rx);
		NUM("refused", p->refused);
		NUM("gave-up", p->gave_up);
		NUM("transfers-received", p->transfers_done);
#undef NUM
		json_object_array_add(peers, po);
	}
	json_object_object_add(o, "peers", peers);
	return o;
}
