/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's state as the core keeps it: a dha device per home link, the binding
 * cache, the shared tables and services, and the protocols (protocol.h)
 * that main.c gave it. The protocols get a pointer to it and keep their
 * own state themselves.
 */
#ifndef DHAD_DHAD_H
#define DHAD_DHAD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cache.h"
#include "core/conf.h"
#include "core/halist.h"
#include "core/haswitch.h"
#include "core/load.h"
#include "core/protocol.h"
#include "sys/kernel.h"
#include "sys/loop.h"

struct control;
struct home_ops;
struct icmp;
struct ipsec;
struct mh;

struct dhad {
	const char *config_path;
	struct dhad_config config;
	struct loop *loop;
	struct kernel kernel;
	uint32_t ifindex;		/* the first home link's dha device */
	/* Each home link's dha device, in the order of config.homes. */
	uint32_t ifindexes[DHAD_HOMES_MAX];
	struct loop_io *events_io;
	struct cache cache;
	struct halist halist;		/* the home link's home agents */
	struct haswitch haswitch;	/* Home Agent Switch messages */
	struct dhad_load load;		/* published by load balancing */
	struct ipsec *ipsec;		/* the kernel's policies, mirrored */
	struct mh *mh;			/* Mobility Header dispatch */
	struct icmp *icmp;		/* ICMPv6 dispatch */
	struct control *control;
	/* The home agent's services (home.h), and whose they are. */
	const struct home_ops *home_ops;
	void *home_arg;
	size_t protocol_count;
	struct protocol_instance protocols[PROTOCOLS_MAX];
	struct loop_signal *signals[3];	/* SIGHUP, SIGTERM, SIGINT */
	int stage;			/* how far dhad_start() got */
	uint64_t started_ms;		/* loop clock */
	struct loop_timer watchdog;
	uint64_t watchdog_interval_ms;	/* 0: no systemd watchdog */
};

/*
 * Builds the daemon from its configuration file: kernel client and
 * device, cache rebuilt from the kernel, shared services, protocols,
 * control socket at socket_path, signals. Logs why it fails and
 * returns a negative errno; -EADDRINUSE: another dhad answers on the
 * socket.
 */
int dhad_start(struct dhad *dhad, const struct protocol *const *protocols,
	       size_t count, const char *socket_path);
/*
 * Leaves the terminal (dhad without -f): the loop follows, the log goes
 * to syslog. 0 or a negative errno.
 */
int dhad_detach(struct dhad *dhad);
/* Runs the loop until SIGTERM or SIGINT: 0, or -1 if the loop failed. */
int dhad_run(struct dhad *dhad);
/* Tears down what dhad_start() built; the kernel's bindings stay. */
void dhad_stop(struct dhad *dhad);

/*
 * Re-reads the configuration file and applies it, or keeps the running
 * one if the file has mistakes or changes a setting that cannot change
 * live (logged). Returns 0 when applied, else a negative errno, with a
 * one-line reason in why (at least 256 bytes).
 */
int dhad_reload(struct dhad *dhad, char *why, size_t size);

#endif /* DHAD_DHAD_H */
