// SPDX-License-Identifier: GPL-2.0-only
/*
 * The event loop on top of libev. See loop.h.
 *
 * All timers of the daemon live in one timer_heap; a single ev_timer is
 * kept armed for the earliest of them (see timer.h for why).
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <ev.h>

#include "sys/loop.h"

struct loop {
	struct ev_loop *ev;
	struct timer_heap timers;
	ev_timer wakeup;	/* armed for the earliest timer */
	ev_prepare rearm;	/* re-arms wakeup after callbacks moved timers */
};

struct loop_io {
	ev_io watcher;
	struct loop *loop;
	loop_io_fn fn;
	void *arg;
};

struct loop_signal {
	ev_signal watcher;
	struct loop *loop;
	loop_signal_fn fn;
	void *arg;
};

/*
 * CLOCK_MONOTONIC rather than ev_now(): libev's loop time follows the
 * wall clock, and a binding's lifetime must not jump with it.
 */
uint64_t loop_now_ms(struct loop *loop)
{
	struct timespec now;

	(void)loop;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

static void run_due_timers(struct loop *loop)
{
	uint64_t now = loop_now_ms(loop);
	struct loop_timer *timer;

	while ((timer = timer_heap_pop_due(&loop->timers, now)))
		timer->fn(timer);
}

/* Before the loop sleeps: sleep no longer than the earliest timer. */
static void rearm_cb(struct ev_loop *ev, ev_prepare *w, int revents)
{
	struct loop *loop = w->data;
	struct loop_timer *first;
	uint64_t now;

	(void)ev;
	(void)revents;
	ev_timer_stop(loop->ev, &loop->wakeup);
	first = timer_heap_first(&loop->timers);
	if (!first)
		return;
	now = loop_now_ms(loop);
	ev_timer_set(&loop->wakeup,
		     first->expiry_ms > now ?
			     (double)(first->expiry_ms - now) / 1000.0 : 0.0,
		     0.0);
	ev_timer_start(loop->ev, &loop->wakeup);
}

static void wakeup_cb(struct ev_loop *ev, ev_timer *w, int revents)
{
	(void)ev;
	(void)revents;
	run_due_timers(w->data);
}

struct loop *loop_new(void)
{
	struct loop *loop = calloc(1, sizeof(*loop));

	if (!loop)
		return NULL;
	loop->ev = ev_loop_new(EVFLAG_AUTO | EVFLAG_NOENV);
	if (!loop->ev) {
		free(loop);
		return NULL;
	}
	timer_heap_init(&loop->timers);
	ev_timer_init(&loop->wakeup, wakeup_cb, 0.0, 0.0);
	loop->wakeup.data = loop;
	ev_prepare_init(&loop->rearm, rearm_cb);
	loop->rearm.data = loop;
	ev_prepare_start(loop->ev, &loop->rearm);
	/* The prepare watcher alone must not keep the loop running. */
	ev_unref(loop->ev);
	return loop;
}

void loop_free(struct loop *loop)
{
	if (!loop)
		return;
	ev_ref(loop->ev);
	ev_prepare_stop(loop->ev, &loop->rearm);
	ev_timer_stop(loop->ev, &loop->wakeup);
	timer_heap_destroy(&loop->timers);
	ev_loop_destroy(loop->ev);
	free(loop);
}

int loop_run(struct loop *loop)
{
	ev_run(loop->ev, 0);
	return 0;
}

void loop_stop(struct loop *loop)
{
	ev_break(loop->ev, EVBREAK_ALL);
}

void loop_after_fork(struct loop *loop)
{
	ev_loop_fork(loop->ev);
}

static int to_ev(int events)
{
	return ((events & LOOP_READ) ? EV_READ : 0) |
	       ((events & LOOP_WRITE) ? EV_WRITE : 0);
}

static void io_cb(struct ev_loop *ev, ev_io *w, int revents)
{
	struct loop_io *io = w->data;

	(void)ev;
	io->fn(io, w->fd,
	       ((revents & EV_READ) ? LOOP_READ : 0) |
		       ((revents & EV_WRITE) ? LOOP_WRITE : 0),
	       io->arg);
}

struct loop_io *loop_io_add(struct loop *loop, int fd, int events,
			    loop_io_fn fn, void *arg)
{
	struct loop_io *io = calloc(1, sizeof(*io));

	if (!io)
		return NULL;
	io->loop = loop;
	io->fn = fn;
	io->arg = arg;
	ev_io_init(&io->watcher, io_cb, fd, to_ev(events));
	io->watcher.data = io;
	ev_io_start(loop->ev, &io->watcher);
	return io;
}

void loop_io_set_events(struct loop_io *io, int events)
{
	if (to_ev(events) == (io->watcher.events & (EV_READ | EV_WRITE)))
		return;
	ev_io_stop(io->loop->ev, &io->watcher);
	ev_io_set(&io->watcher, io->watcher.fd, to_ev(events));
	ev_io_start(io->loop->ev, &io->watcher);
}

void loop_io_del(struct loop_io *io)
{
	if (!io)
		return;
	ev_io_stop(io->loop->ev, &io->watcher);
	free(io);
}

static void signal_cb(struct ev_loop *ev, ev_signal *w, int revents)
{
	struct loop_signal *signal = w->data;

	(void)ev;
	(void)revents;
	signal->fn(signal, w->signum, signal->arg);
}

struct loop_signal *loop_signal_add(struct loop *loop, int signum,
				    loop_signal_fn fn, void *arg)
{
	struct loop_signal *signal = calloc(1, sizeof(*signal));

	if (!signal)
		return NULL;
	signal->loop = loop;
	signal->fn = fn;
	signal->arg = arg;
	ev_signal_init(&signal->watcher, signal_cb, signum);
	signal->watcher.data = signal;
	ev_signal_start(loop->ev, &signal->watcher);
	/* Signal watchers never keep the daemon alive on their own. */
	ev_unref(loop->ev);
	return signal;
}

void loop_signal_del(struct loop_signal *signal)
{
	if (!signal)
		return;
	ev_ref(signal->loop->ev);
	ev_signal_stop(signal->loop->ev, &signal->watcher);
	free(signal);
}

int loop_timer_start_at(struct loop *loop, struct loop_timer *timer,
			uint64_t expiry_ms)
{
	return timer_heap_schedule(&loop->timers, timer, expiry_ms);
}

int loop_timer_start(struct loop *loop, struct loop_timer *timer,
		     uint64_t delay_ms)
{
	return loop_timer_start_at(loop, timer, loop_now_ms(loop) + delay_ms);
}

void loop_timer_stop(struct loop *loop, struct loop_timer *timer)
{
	timer_heap_cancel(&loop->timers, timer);
}

size_t loop_timer_count(const struct loop *loop)
{
	return loop->timers.count;
}
