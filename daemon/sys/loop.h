/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's event loop: descriptors, timers and signals. libev does
 * the waiting; nothing outside loop.c sees it.
 *
 * Callbacks run one at a time on the loop's thread. A callback may add
 * or remove any watcher or timer, including its own.
 */
#ifndef DHAD_LOOP_H
#define DHAD_LOOP_H

#include <stddef.h>
#include <stdint.h>

#include "sys/timer.h"

struct loop;
struct loop_io;
struct loop_signal;

enum {
	LOOP_READ = 1,
	LOOP_WRITE = 2,
};

typedef void (*loop_io_fn)(struct loop_io *io, int fd, int events, void *arg);
typedef void (*loop_signal_fn)(struct loop_signal *signal, int signum,
			       void *arg);

struct loop *loop_new(void);
void loop_free(struct loop *loop);
/* Runs until loop_stop(); 0, or -1 if the backend failed. */
int loop_run(struct loop *loop);
void loop_stop(struct loop *loop);
/* In the child after fork(): the backend's kernel state is renewed. */
void loop_after_fork(struct loop *loop);

/* CLOCK_MONOTONIC in milliseconds: the clock of every timer. */
uint64_t loop_now_ms(struct loop *loop);

/* Watches fd for events (LOOP_READ|LOOP_WRITE); NULL when out of memory. */
struct loop_io *loop_io_add(struct loop *loop, int fd, int events,
			    loop_io_fn fn, void *arg);
void loop_io_set_events(struct loop_io *io, int events);
/* Stops watching; the descriptor is not closed. NULL is ignored. */
void loop_io_del(struct loop_io *io);

/* Delivers signum through the loop instead of an async handler. */
struct loop_signal *loop_signal_add(struct loop *loop, int signum,
				    loop_signal_fn fn, void *arg);
void loop_signal_del(struct loop_signal *signal);

/*
 * Timers are embedded in their owners and initialised with timer_init().
 * loop_timer_start() (re)arms one to fire once after delay_ms;
 * loop_timer_stop() disarms it (a stopped timer is fine). The callback
 * gets the timer back: container_of() finds its owner.
 */
int loop_timer_start(struct loop *loop, struct loop_timer *timer,
		     uint64_t delay_ms);
int loop_timer_start_at(struct loop *loop, struct loop_timer *timer,
			uint64_t expiry_ms);
void loop_timer_stop(struct loop *loop, struct loop_timer *timer);
size_t loop_timer_count(const struct loop *loop);

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))
#endif

#endif /* DHAD_LOOP_H */
