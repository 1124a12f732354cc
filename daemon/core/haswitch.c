// SPDX-License-Identifier: GPL-2.0-only
/*
 * Home Agent Switch messages on their way (RFC 5142). See haswitch.h.
 *
 * An entry lives from haswitch_request() until the mobile node answers,
 * its binding is gone, or, after giving up, its binding ends. It is in
 * the hash table all that time; in the queue until its first
 * transmission; in the timer heap while it waits to retransmit, or,
 * given up, for its binding's expiry.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "core/haswitch.h"
#include "sys/siphash.h"
#include "sys/log.h"

#define INITIAL_BUCKETS 64
/* Pacing credit of one message, in thousandths. */
#define ONE_MESSAGE 1000

enum entry_state {
	ENTRY_QUEUED,		/* waiting for its first transmission */
	ENTRY_SENT,		/* waiting for an answer */
	ENTRY_GAVE_UP,		/* refuses renewals until the binding ends */
};

/* A list of home agents, shared by the entries that name the same. */
struct haswitch_home_agents {
	unsigned int refs;
	unsigned int count;
	struct in6_addr addresses[];
};

struct haswitch_entry {
	struct in6_addr home_address;
	struct haswitch_home_agents *home_agents;
	enum entry_state state;
	bool taking_over;
	unsigned int retransmissions;
	uint32_t timeout_ms;		/* before the next retransmission */
	struct loop_timer timer;	/* in haswitch->timers */
	struct haswitch_entry *next;	/* hash chain */
	struct haswitch_entry *queue_prev, *queue_next;
};

static size_t bucket_of(const struct haswitch *sw, const struct in6_addr *addr,
			size_t count)
{
	return siphash24(sw->key, addr, sizeof(*addr)) & (count - 1);
}

static struct haswitch_entry *lookup(const struct haswitch *sw,
				     const struct in6_addr *home_address)
{
	struct haswitch_entry *entry;

	if (!sw->count)
		return NULL;
	entry = sw->buckets[bucket_of(sw, home_address, sw->bucket_count)];
	for (; entry; entry = entry->next) {
		if (!memcmp(&entry->home_address, home_address,
			    sizeof(*home_address)))
			return entry;
	}
	return NULL;
}

/* Doubling; a failed allocation just leaves longer chains. */
static void grow(struct haswitch *sw)
{
	size_t count = sw->bucket_count * 2, i, slot;
	struct haswitch_entry **buckets, *entry, *next;

	buckets = calloc(count, sizeof(*buckets));
	if (!buckets)
		return;
	for (i = 0; i < sw->bucket_count; i++) {
		for (entry = sw->buckets[i]; entry; entry = next) {
			next = entry->next;
			slot = bucket_of(sw, &entry->home_address, count);
			entry->next = buckets[slot];
			buckets[slot] = entry;
		}
	}
	free(sw->buckets);
	sw->buckets = buckets;
	sw->bucket_count = count;
}

static void home_agents_put(struct haswitch_home_agents *list)
{
	if (list && !--list->refs)
		free(list);
}

/* A reference to a list holding these addresses; NULL when out of memory. */
static struct haswitch_home_agents *
home_agents_get(struct haswitch *sw, const struct in6_addr *addresses,
		unsigned int count)
{
	struct haswitch_home_agents *list = sw->last_home_agents;

	if (!list || list->count != count ||
	    (count && memcmp(list->addresses, addresses,
			     count * sizeof(*addresses)))) {
		list = malloc(sizeof(*list) + count * sizeof(*addresses));
		if (!list)
			return NULL;
		list->refs = 1;		/* sw->last_home_agents */
		list->count = count;
		if (count)
			memcpy(list->addresses, addresses,
			       count * sizeof(*addresses));
		home_agents_put(sw->last_home_agents);
		sw->last_home_agents = list;
	}
	list->refs++;
	return list;
}

static void queue_append(struct haswitch *sw, struct haswitch_entry *entry)
{
	entry->queue_next = NULL;
	entry->queue_prev = sw->queue_tail;
	if (sw->queue_tail)
		sw->queue_tail->queue_next = entry;
	else
		sw->queue_head = entry;
	sw->queue_tail = entry;
	sw->queued++;
}

static void queue_unlink(struct haswitch *sw, struct haswitch_entry *entry)
{
	if (entry->queue_prev)
		entry->queue_prev->queue_next = entry->queue_next;
	else
		sw->queue_head = entry->queue_next;
	if (entry->queue_next)
		entry->queue_next->queue_prev = entry->queue_prev;
	else
		sw->queue_tail = entry->queue_prev;
	entry->queue_prev = entry->queue_next = NULL;
	sw->queued--;
}

/* Unlinks the entry from everything and frees it. */
static void entry_free(struct haswitch *sw, struct haswitch_entry *entry)
{
	struct haswitch_entry **link;

	link = &sw->buckets[bucket_of(sw, &entry->home_address,
				      sw->bucket_count)];
	for (; *link; link = &(*link)->next) {
		if (*link == entry) {
			*link = entry->next;
			break;
		}
	}
	sw->count--;
	if (entry->state == ENTRY_QUEUED)
		queue_unlink(sw, entry);
	if (entry->state != ENTRY_GAVE_UP)
		sw->pending--;
	timer_heap_cancel(&sw->timers, &entry->timer);
	home_agents_put(entry->home_agents);
	free(entry);
}

/* Keeps the loop's timer on the next thing due. */
static void rearm(struct haswitch *sw)
{
	uint64_t next = haswitch_next_ms(sw);

	if (next == UINT64_MAX)
		loop_timer_stop(sw->loop, &sw->wakeup);
	else if (loop_timer_start_at(sw->loop, &sw->wakeup, next))
		log_err("home agent switch: out of memory for a timer");
}

static void wakeup(struct loop_timer *timer)
{
	struct haswitch *sw = container_of(timer, struct haswitch, wakeup);

	haswitch_run(sw, loop_now_ms(sw->loop));
}

int haswitch_init(struct haswitch *sw, struct loop *loop, struct cache *cache,
		  const struct haswitch_settings *settings,
		  haswitch_send_fn send, void *arg)
{
	memset(sw, 0, sizeof(*sw));
	if (getrandom(sw->key, sizeof(sw->key), 0) != sizeof(sw->key))
		return -errno;
	sw->buckets = calloc(INITIAL_BUCKETS, sizeof(*sw->buckets));
	if (!sw->buckets)
		return -ENOMEM;
	sw->bucket_count = INITIAL_BUCKETS;
	sw->loop = loop;
	sw->cache = cache;
	sw->settings = settings;
	sw->send = send;
	sw->send_arg = arg;
	timer_heap_init(&sw->timers);
	timer_init(&sw->wakeup, wakeup);
	return 0;
}

void haswitch_destroy(struct haswitch *sw)
{
	struct haswitch_entry *entry, *next;
	size_t i;

	if (!sw->buckets)
		return;
	loop_timer_stop(sw->loop, &sw->wakeup);
	timer_heap_destroy(&sw->timers);
	for (i = 0; i < sw->bucket_count; i++) {
		for (entry = sw->buckets[i]; entry; entry = next) {
			next = entry->next;
			home_agents_put(entry->home_agents);
			free(entry);
		}
	}
	home_agents_put(sw->last_home_agents);
	free(sw->buckets);
	memset(sw, 0, sizeof(*sw));
}

static void entry_queue(struct haswitch *sw, struct haswitch_entry *entry)
{
	entry->state = ENTRY_QUEUED;
	entry->retransmissions = 0;
	entry->timeout_ms = HASWITCH_INITIAL_TIMEOUT_MS;
	timer_heap_cancel(&sw->timers, &entry->timer);
	queue_append(sw, entry);
	sw->pending++;
}

int haswitch_request(struct haswitch *sw, const struct in6_addr *home_address,
		     const struct in6_addr *home_agents, unsigned int count,
		     bool taking_over)
{
	struct haswitch_home_agents *list;
	struct haswitch_entry *entry;
	size_t slot;

	if (count > HASWITCH_HOME_AGENTS_MAX)
		return -EINVAL;
	list = home_agents_get(sw, home_agents, count);
	if (!list)
		return -ENOMEM;
	entry = lookup(sw, home_address);
	if (entry) {
		home_agents_put(entry->home_agents);
		entry->home_agents = list;
		entry->taking_over = taking_over;
		if (entry->state == ENTRY_GAVE_UP) {
			entry_queue(sw, entry);
			rearm(sw);
		}
		return 1;
	}
	entry = calloc(1, sizeof(*entry));
	if (!entry) {
		home_agents_put(list);
		return -ENOMEM;
	}
	entry->home_address = *home_address;
	entry->home_agents = list;
	entry->taking_over = taking_over;
	/* Popped from sw->timers by haswitch_run(), never called. */
	timer_init(&entry->timer, NULL);
	if (sw->count >= sw->bucket_count)
		grow(sw);
	slot = bucket_of(sw, home_address, sw->bucket_count);
	entry->next = sw->buckets[slot];
	sw->buckets[slot] = entry;
	sw->count++;
	entry_queue(sw, entry);
	rearm(sw);
	return 0;
}

unsigned int haswitch_cancel_taking_over(struct haswitch *sw)
{
	struct haswitch_entry *entry, *next;
	unsigned int cancelled = 0;
	size_t i;

	for (i = 0; i < sw->bucket_count; i++) {
		for (entry = sw->buckets[i]; entry; entry = next) {
			next = entry->next;
			if (!entry->taking_over)
				continue;
			entry_free(sw, entry);
			cancelled++;
		}
	}
	if (cancelled)
		rearm(sw);
	return cancelled;
}

/* One transmission; false when the binding is gone and the entry with it. */
static bool transmit(struct haswitch *sw, struct haswitch_entry *entry,
		     uint64_t now_ms)
{
	struct cache_entry *binding = cache_lookup(sw->cache,
						   &entry->home_address);
	char hoa[INET6_ADDRSTRLEN];

	if (!binding) {
		log_info("home agent switch %s: no binding left; stopped",
			 addr_format(&entry->home_address, hoa));
		sw->counters.binding_gone++;
		entry_free(sw, entry);
		return false;
	}
	sw->send(sw->send_arg, &entry->home_address,
		 &binding->care_of_address, entry->home_agents->addresses,
		 entry->home_agents->count);
	if (timer_heap_schedule(&sw->timers, &entry->timer,
				now_ms + entry->timeout_ms))
		log_err("home agent switch: out of memory for a timer");
	return true;
}

/*
 * Given up: the mobile node is told to go, and its renewals are refused
 * until the binding ends (RFC 5142 §5.3), checked at its expiry.
 */
static void linger(struct haswitch *sw, struct haswitch_entry *entry,
		   uint64_t now_ms)
{
	struct cache_entry *binding = cache_lookup(sw->cache,
						   &entry->home_address);
	uint64_t check_ms;

	if (!binding) {
		entry_free(sw, entry);
		return;
	}
	/* A binding that never expires ends with a Binding Update. */
	if (!binding->expiry_ms)
		return;
	/* A second after the cache's own timer has removed it. */
	check_ms = (binding->expiry_ms > now_ms ? binding->expiry_ms : now_ms) +
		   1000;
	if (timer_heap_schedule(&sw->timers, &entry->timer, check_ms))
		log_err("home agent switch: out of memory for a timer");
}

static void give_up(struct haswitch *sw, struct haswitch_entry *entry,
		    uint64_t now_ms)
{
	char hoa[INET6_ADDRSTRLEN];

	log_notice("home agent switch %s: no answer after %u transmission%s; gave up",
		   addr_format(&entry->home_address, hoa),
		   entry->retransmissions + 1,
		   entry->retransmissions ? "s" : "");
	sw->counters.gave_up++;
	if (entry->taking_over) {
		/* Not serving this mobile node: there is nothing to refuse. */
		entry_free(sw, entry);
		return;
	}
	entry->state = ENTRY_GAVE_UP;
	sw->pending--;
	linger(sw, entry, now_ms);
}

static void entry_due(struct haswitch *sw, struct haswitch_entry *entry,
		      uint64_t now_ms)
{
	if (entry->state == ENTRY_GAVE_UP) {
		linger(sw, entry, now_ms);
		return;
	}
	if (entry->retransmissions >= sw->settings->retransmissions) {
		give_up(sw, entry, now_ms);
		return;
	}
	entry->retransmissions++;
	entry->timeout_ms = entry->timeout_ms * 2 > HASWITCH_MAX_TIMEOUT_MS ?
				    HASWITCH_MAX_TIMEOUT_MS :
				    entry->timeout_ms * 2;
	if (transmit(sw, entry, now_ms))
		sw->counters.retransmitted++;
}

/*
 * The token bucket: switch-rate messages a second, holding a message and
 * a millisecond's worth less a little, so that an idle bucket sends one
 * message at once at low rates, and high rates, paced a millisecond at
 * a time, keep the fraction of a message a millisecond leaves over.
 */
static uint64_t credit_cap(const struct haswitch *sw)
{
	return sw->settings->rate + ONE_MESSAGE - 1;
}

static void refill(struct haswitch *sw, uint64_t now_ms)
{
	uint64_t cap = credit_cap(sw), elapsed;

	if (now_ms <= sw->credit_ms)
		return;
	elapsed = now_ms - sw->credit_ms;
	sw->credit_ms = now_ms;
	/*
	 * rate a second is rate thousandths a millisecond; a second fills
	 * the bucket whatever the rate (and bounds the product).
	 */
	if (elapsed >= 1000)
		sw->credit = cap;
	else
		sw->credit += elapsed * sw->settings->rate;
	if (sw->credit > cap)
		sw->credit = cap;
}

void haswitch_run(struct haswitch *sw, uint64_t now_ms)
{
	struct haswitch_entry *entry;
	struct loop_timer *timer;

	while ((timer = timer_heap_pop_due(&sw->timers, now_ms)))
		entry_due(sw, container_of(timer, struct haswitch_entry, timer),
			  now_ms);
	refill(sw, now_ms);
	while (sw->queue_head && sw->credit >= ONE_MESSAGE) {
		entry = sw->queue_head;
		sw->credit -= ONE_MESSAGE;
		queue_unlink(sw, entry);
		entry->state = ENTRY_SENT;
		if (transmit(sw, entry, now_ms))
			sw->counters.sent++;
		else
			sw->credit += ONE_MESSAGE;	/* nothing went out */
	}
	rearm(sw);
}

uint64_t haswitch_next_ms(const struct haswitch *sw)
{
	const struct loop_timer *first = timer_heap_first(&sw->timers);
	uint64_t next = first ? first->expiry_ms : UINT64_MAX, paced, rate;

	if (sw->queue_head) {
		rate = sw->settings->rate;
		paced = sw->credit >= ONE_MESSAGE ? sw->credit_ms :
			sw->credit_ms +
			(ONE_MESSAGE - sw->credit + rate - 1) / rate;
		if (paced < next)
			next = paced;
	}
	return next;
}

static void answered(struct haswitch *sw, struct haswitch_entry *entry)
{
	char hoa[INET6_ADDRSTRLEN];

	if (entry->state == ENTRY_SENT) {
		log_info("home agent switch %s answered after %u transmission%s",
			 addr_format(&entry->home_address, hoa),
			 entry->retransmissions + 1,
			 entry->retransmissions ? "s" : "");
		sw->counters.answered++;
	}
	entry_free(sw, entry);
	rearm(sw);
}

bool haswitch_binding_update(struct haswitch *sw,
			     const struct in6_addr *home_address,
			     bool deletion)
{
	struct haswitch_entry *entry;
	char hoa[INET6_ADDRSTRLEN];

	entry = lookup(sw, home_address);
	if (!entry)
		return false;
	/* Registering here is what a taking-over home agent asked for. */
	if (entry->taking_over || deletion) {
		answered(sw, entry);
		return false;
	}
	/* Still in the queue: nothing was asked of the mobile node yet. */
	if (entry->state == ENTRY_QUEUED)
		return false;
	log_debug("home agent switch %s: renewal refused, the mobile node was told to leave",
		  addr_format(home_address, hoa));
	sw->counters.renewals_refused++;
	return true;
}
