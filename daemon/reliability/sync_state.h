/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State Synchronization's state, as the files of reliability/ that do it
 * share it: sync.c (changes, roles, start and stop), outbox.c (what goes
 * to a peer: windows, retransmission, full transfers), request.c (a
 * standby's requests), inbox.c (what comes from a peer) and bci.c (the
 * bindings on the wire). sync.h is its face to the rest.
 */
#ifndef DHAD_SYNC_STATE_H
#define DHAD_SYNC_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "core/cache.h"
#include "reliability/config.h"
#include "reliability/pacer.h"
#include "reliability/sync.h"
#include "sys/loop.h"

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

/* ---- outbox.c ---- */

/* A message identifier: never 0 (the draft). */
uint16_t sync_new_id(struct sync *s);
/* The first retransmission timeout, from the Hello interval. */
uint32_t sync_rto_ms(const struct sync *s);
/* Peer i is alive and not active. */
bool sync_is_standby_peer(const struct sync *s, unsigned int i);
/* A merge to p is under way (sync.h). */
bool sync_merging_to(const struct sync_peer *p);
/* A binding as the cache holds it now; gone: lifetime 0. */
void sync_bci_of(struct sync *s, const struct sync_item *item,
		 struct dha_hamsg_bci *b);
void sync_item_of(const struct cache_entry *e, struct sync_item *item);
/* Sends what the window allows, and arms the retransmissions. */
void sync_pump(struct sync_peer *p);
/* Queues items, cut into messages (status: an answer to a request). */
void sync_enqueue(struct sync_peer *p, const struct sync_item *items,
		  size_t count, bool status, uint16_t request_id);
void sync_transfer_end(struct sync_peer *p);
/* Drops everything under way with p. */
void sync_peer_reset(struct sync_peer *p);
int sync_transfer_add(struct transfer *t, const struct sync_item *items,
		      size_t count);
/* Starts a full transfer to peer i, replacing one under way. */
void sync_transfer_start(struct sync *s, unsigned int i, uint8_t flags,
			 uint16_t request_id);
void sync_send_ack(struct sync *s, unsigned int i, uint16_t id,
		   uint16_t status);
/* A peer's retransmission timer. */
void sync_retransmit(struct loop_timer *timer);

/* ---- request.c ---- */

/* A standby asks the active (peer index) for the whole cache. */
void sync_ask_for_cache(struct sync *s, unsigned int active);
/* The request for single bindings is over. */
void sync_ask_end(struct sync *s);
/* Their timers. */
void sync_request_again(struct loop_timer *timer);
void sync_ask_again(struct loop_timer *timer);

/* ---- sync.c ---- */

/* Puts a copy into force here; 0 or a negative errno. */
int sync_adopt(struct sync *s, struct cache_entry *e);

#endif /* DHAD_SYNC_STATE_H */
