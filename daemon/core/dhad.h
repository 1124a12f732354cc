/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's state: one home agent on one home link, driving one dha
 * device. main.c builds it up and tears it down; the other parts get a
 * pointer to it.
 */
#ifndef DHAD_DHAD_H
#define DHAD_DHAD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cache.h"
#include "core/config.h"
#include "core/halist.h"
#include "core/haswitch.h"
#include "sys/kernel.h"
#include "sys/loop.h"

struct control;
struct intercept;
struct discovery;
struct mobility;
struct redundancy;

struct dhad {
	const char *config_path;
	struct dhad_config config;
	struct loop *loop;
	struct kernel kernel;
	uint32_t ifindex;		/* the dha device */
	struct loop_io *events_io;
	struct cache cache;
	struct halist halist;
	struct control *control;
	struct mobility *mobility;	/* the MH socket, home registration */
	struct intercept *intercept;	/* proxy ND on the home link */
	struct redundancy *redundancy;	/* NULL: no [redundancy], alone */
	struct haswitch haswitch;	/* Home Agent Switch messages */
	struct discovery *discovery;	/* the ICMPv6 socket, RAs, DHAAD */
	uint64_t started_ms;		/* loop clock */
	struct loop_timer watchdog;
	uint64_t watchdog_interval_ms;	/* 0: no systemd watchdog */
};

/*
 * Re-reads the configuration file and applies it, or keeps the running
 * one if the file has mistakes or changes a setting that cannot change
 * live (logged). Returns 0 when applied, else a negative errno, with a
 * one-line reason in why (at least 256 bytes).
 */
int dhad_reload(struct dhad *dhad, char *why, size_t size);

#endif /* DHAD_DHAD_H */
