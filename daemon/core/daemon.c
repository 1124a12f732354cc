// SPDX-License-Identifier: GPL-2.0-only
/*
 * The daemon's life (dhad.h): configuration, kernel, cache, shared
 * services, protocols, control socket, signals, in that order, torn
 * down in reverse. Bindings stay in the kernel when the daemon exits,
 * so traffic keeps flowing, and the next start rebuilds its cache from
 * them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/dha.h>
#include <systemd/sd-daemon.h>

#include "core/commands.h"
#include "core/control.h"
#include "core/dhad.h"
#include "core/home.h"
#include "core/icmp.h"
#include "core/mh.h"
#include "sys/ipsec.h"
#include "sys/log.h"

/* What dhad_start() has built, in order; dhad_stop() undoes it. */
enum stage {
	STAGE_NONE,
	STAGE_CONFIG,
	STAGE_LOOP,
	STAGE_KERNEL,
	STAGE_CACHE,
	STAGE_EVENTS,
	STAGE_IPSEC,
	STAGE_DISPATCH,
	STAGE_HASWITCH,
	STAGE_PROTOCOLS,
	STAGE_CONTROL,
	STAGE_SIGNALS,
};

static const int signums[3] = { SIGHUP, SIGTERM, SIGINT };

/* ---- kernel notifications ---- */

/* Whether ifindex is one of the home links' dha devices. */
static bool dhad_device(const struct dhad *dhad, uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < dhad->config.home_count; i++)
		if (dhad->ifindexes[i] == ifindex)
			return true;
	return false;
}

static void kernel_event(uint8_t cmd, uint32_t ifindex,
			 const struct kernel_binding *binding, void *arg)
{
	struct dhad *dhad = arg;
	struct cache_entry *entry;
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	if (!dhad_device(dhad, ifindex) ||
	    binding->kind != DHA_BINDING_KIND_HOME)
		return;
	/* No address formatted unless logged: a takeover echoes 100k. */
	if (cmd == DHA_CMD_BINDING_NEW_NTF) {
		/*
		 * Ours echoed back, or one an operator added with the dha
		 * tool: either way the kernel's view is the one to keep.
		 */
		ret = cache_restore_binding(&dhad->cache, binding);
		if (ret)
			log_err("cache: cannot record binding %s: %s",
				addr_format(&binding->home_address, hoa),
				strerror(-ret));
		return;
	}
	entry = cache_lookup(&dhad->cache, &binding->home_address);
	/* A synced entry left the kernel on purpose (a standby again). */
	if (!entry || entry->synced)
		return;
	dhad_binding_changed(dhad, &entry->home_address);
	log_info("binding %s left the kernel (%s)",
		 addr_format(&binding->home_address, hoa),
		 binding->del_reason == DHA_DEL_REASON_EXPIRED ? "expired" :
		 binding->del_reason == DHA_DEL_REASON_FLUSHED ? "flushed" :
								 "deleted");
	dhad_binding_gone(dhad, entry);
	cache_remove(&dhad->cache, entry);
}

static void resync(struct dhad *dhad)
{
	int ret = cache_rebuild(&dhad->cache, &dhad->kernel, dhad->ifindexes,
				dhad->config.home_count);

	if (ret)
		log_err("kernel: cannot dump bindings: %s%s%s", strerror(-ret),
			nlsock_extack_sep(&dhad->kernel.nl.sock),
			dhad->kernel.nl.sock.extack);
}

static void events_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct dhad *dhad = arg;
	int ret;

	(void)io;
	(void)fd;
	(void)events;
	ret = kernel_events_read(&dhad->kernel, kernel_event, dhad);
	if (ret == -ENOBUFS) {
		log_warn("kernel: notifications lost; reading the bindings again");
		resync(dhad);
	} else if (ret) {
		log_err("kernel: reading notifications: %s", strerror(-ret));
	}
}

/* A binding's lifetime ran out in the daemon's cache. */
static void binding_expired(struct cache_entry *entry, void *arg)
{
	struct dhad *dhad = arg;
	char hoa[INET6_ADDRSTRLEN];

	log_info("binding %s expired", addr_format(&entry->home_address, hoa));
	if (entry->synced)
		return;		/* never in the kernel here */
	dhad_binding_changed(dhad, &entry->home_address);
	dhad_binding_gone(dhad, entry);
}

/* Home Agent Switch messages leave through the home agent (home.h). */
static void send_ha_switch(void *arg, const struct in6_addr *home_address,
			   const struct in6_addr *care_of_address,
			   const struct in6_addr *home_agents,
			   unsigned int count)
{
	home_send_ha_switch(arg, home_address, care_of_address, home_agents,
			    count);
}

/* ---- signals and the watchdog ---- */

static void on_signal(struct loop_signal *signal, int signum, void *arg)
{
	struct dhad *dhad = arg;
	char why[256];

	(void)signal;
	if (signum == SIGHUP) {
		dhad_reload(dhad, why, sizeof(why));
		return;
	}
	log_notice("%s: exiting; bindings stay in the kernel",
		   strsignal(signum));
	sd_notify(0, "STOPPING=1");
	loop_stop(dhad->loop);
}

static void watchdog_kick(struct loop_timer *timer)
{
	struct dhad *dhad = container_of(timer, struct dhad, watchdog);

	sd_notify(0, "WATCHDOG=1");
	loop_timer_start(dhad->loop, &dhad->watchdog,
			 dhad->watchdog_interval_ms);
}

/* ---- start and stop ---- */

static int fail_kernel(struct dhad *dhad, const char *what, int err)
{
	log_err("%s: %s%s%s", what, strerror(-err),
		nlsock_extack_sep(&dhad->kernel.nl.sock),
		dhad->kernel.nl.sock.extack);
	return err;
}

/* A home link's dha device and its tunnel source, as configured. */
static int open_device(struct dhad *dhad, const struct dhad_home *home,
		       uint32_t *ifindex)
{
	bool created;
	int ret;

	ret = kernel_ensure_device(&dhad->kernel, home->device, ifindex,
				   &created);
	if (ret)
		return fail_kernel(dhad, "kernel: dha device", ret);
	if (created)
		log_notice("created dha device %s", home->device);
	ret = kernel_set_local(&dhad->kernel, *ifindex, &home->address);
	if (ret)
		return fail_kernel(dhad,
				   "kernel: cannot set the device's local address",
				   ret);
	return 0;
}

/* The kernel client, and a dha device for each home link. */
static int open_kernel(struct dhad *dhad)
{
	size_t i;
	int ret;

	if (!dhad->config.home) {
		log_err("no home agent is configured");
		return -EINVAL;
	}
	ret = kernel_open(&dhad->kernel);
	if (ret == -ENOENT) {
		log_err("the dha kernel module is not loaded (genl family \"%s\" not found)",
			DHA_FAMILY_NAME);
		return ret;
	}
	if (ret)
		return fail_kernel(dhad, "kernel: cannot open the dha family",
				   ret);
	for (i = 0; i < dhad->config.home_count; i++) {
		ret = open_device(dhad, dhad->config.homes[i],
				  &dhad->ifindexes[i]);
		if (ret)
			return ret;
	}
	dhad->ifindex = dhad->ifindexes[0];
	return 0;
}

/* Subscribe before the dump: nothing falls between the two. */
static int follow_kernel(struct dhad *dhad)
{
	int ret = kernel_events_open(&dhad->kernel);

	if (ret < 0)
		return fail_kernel(dhad,
				   "kernel: cannot subscribe to binding events",
				   ret);
	dhad->events_io = loop_io_add(dhad->loop, ret, LOOP_READ, events_io,
				      dhad);
	if (!dhad->events_io) {
		log_err("out of memory");
		return -ENOMEM;
	}
	ret = cache_rebuild(&dhad->cache, &dhad->kernel, dhad->ifindexes,
			    dhad->config.home_count);
	if (ret)
		return fail_kernel(dhad, "kernel: cannot dump bindings", ret);
	if (dhad->cache.count)
		log_notice("restored %zu binding%s from the kernel",
			   dhad->cache.count, dhad->cache.count == 1 ? "" : "s");
	return 0;
}

static int open_dispatch(struct dhad *dhad)
{
	int ret = mh_open(dhad->loop, &dhad->mh);

	if (ret) {
		log_err("mobility: %s", strerror(-ret));
		return ret;
	}
	ret = icmp_open(dhad->loop, &dhad->icmp);
	if (ret)
		log_err("discovery: cannot open a raw ICMPv6 socket: %s",
			strerror(-ret));
	return ret;
}

static int open_control(struct dhad *dhad, const char *path)
{
	size_t i;
	int ret;

	ret = control_open(dhad, path, &dhad->control);
	if (ret == -EADDRINUSE) {
		log_err("control socket %s: another dhad is running there",
			path);
		return ret;
	}
	if (ret) {
		log_err("control socket %s: %s", path, strerror(-ret));
		return ret;
	}
	ret = control_add_commands(dhad->control, core_commands, dhad);
	for (i = 0; !ret && i < dhad->protocol_count; i++) {
		const struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state)
			ret = control_add_commands(dhad->control,
						   pi->protocol->commands,
						   pi->state);
	}
	if (ret)
		log_err("control socket: two commands of one name");
	return ret;
}

static int catch_signals(struct dhad *dhad)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		dhad->signals[i] = loop_signal_add(dhad->loop, signums[i],
						   on_signal, dhad);
		if (!dhad->signals[i]) {
			log_err("out of memory");
			return -ENOMEM;
		}
	}
	return 0;
}

int dhad_start(struct dhad *dhad, const struct protocol *const *protocols,
	       size_t count, const char *socket_path)
{
	int ret;

	dhad->stage = STAGE_NONE;
	ret = config_load(protocols, count, dhad->config_path, &dhad->config,
			  stderr);
	dhad->stage = STAGE_CONFIG;
	if (ret)
		goto fail;
	log_set_level(dhad->config.log_level);
	signal(SIGPIPE, SIG_IGN);

	dhad->loop = loop_new();
	if (!dhad->loop) {
		log_err("cannot create the event loop");
		goto fail;
	}
	dhad->stage = STAGE_LOOP;
	dhad->started_ms = loop_now_ms(dhad->loop);
	dhad->stage = STAGE_KERNEL;
	if (open_kernel(dhad))
		goto fail;
	ret = cache_init(&dhad->cache, dhad->loop, binding_expired, dhad);
	if (ret) {
		log_err("cache: %s", strerror(-ret));
		goto fail;
	}
	halist_init(&dhad->halist, dhad->loop);
	dhad->stage = STAGE_CACHE;
	if (follow_kernel(dhad))
		goto fail;
	dhad->stage = STAGE_EVENTS;
	if (ipsec_open(dhad->loop, &dhad->ipsec))
		goto fail;
	dhad->stage = STAGE_IPSEC;
	if (open_dispatch(dhad))
		goto fail;
	dhad->stage = STAGE_DISPATCH;
	ret = haswitch_init(&dhad->haswitch, dhad->loop, &dhad->cache,
			    &dhad->config.home->switching, send_ha_switch,
			    dhad);
	if (ret) {
		log_err("home agent switch: %s", strerror(-ret));
		goto fail;
	}
	dhad->stage = STAGE_HASWITCH;
	if (protocols_start(dhad))
		goto fail;
	dhad->stage = STAGE_PROTOCOLS;
	ret = open_control(dhad, socket_path);
	if (dhad->control)
		dhad->stage = STAGE_CONTROL;
	if (ret)
		goto fail;
	ret = catch_signals(dhad);
	dhad->stage = STAGE_SIGNALS;
	if (ret)
		goto fail;
	return 0;
fail:
	dhad_stop(dhad);
	return ret < 0 ? ret : -EINVAL;
}

int dhad_detach(struct dhad *dhad)
{
	/*
	 * Only once started, so that every start-up error reaches the
	 * terminal and the exit status. Under systemd use -f: Type=notify
	 * needs no fork, and journald reads stderr.
	 */
	if (daemon(0, 0) < 0) {
		int err = -errno;

		log_err("cannot detach: %s", strerror(-err));
		return err;
	}
	loop_after_fork(dhad->loop);
	log_to_syslog();
	return 0;
}

int dhad_run(struct dhad *dhad)
{
	const struct dhad_home *home;
	char addr[INET6_ADDRSTRLEN];
	size_t i;
	uint64_t watchdog_usec;
	int status;

	timer_init(&dhad->watchdog, watchdog_kick);
	if (sd_watchdog_enabled(0, &watchdog_usec) > 0) {
		dhad->watchdog_interval_ms = watchdog_usec / 2000;
		if (!dhad->watchdog_interval_ms)
			dhad->watchdog_interval_ms = 1;
		loop_timer_start(dhad->loop, &dhad->watchdog,
				 dhad->watchdog_interval_ms);
	}
	home = dhad->config.home;
	/* A home link is the home agent's; [pmip] has none. */
	log_notice("%s %s%s%s, device %s, control socket %s",
		   home->home_link[0] ? "home agent" : "dhad",
		   addr_format(&home->address, addr),
		   home->home_link[0] ? " on " : "", home->home_link,
		   home->device, control_path(dhad->control));
	for (i = 1; i < dhad->config.home_count; i++) {
		home = dhad->config.homes[i];
		log_notice("home agent %s on %s, device %s",
			   addr_format(&home->address, addr), home->home_link,
			   home->device);
	}
	sd_notifyf(0, "READY=1\nSTATUS=serving %zu bindings", dhad->cache.count);
	status = loop_run(dhad->loop) ? -1 : 0;
	loop_timer_stop(dhad->loop, &dhad->watchdog);
	return status;
}

void dhad_stop(struct dhad *dhad)
{
	size_t i;

	switch (dhad->stage) {
	case STAGE_SIGNALS:
		for (i = 0; i < 3; i++)
			loop_signal_del(dhad->signals[i]);
		/* fall through */
	case STAGE_CONTROL:
		control_close(dhad->control);
		dhad->control = NULL;
		/* fall through */
	case STAGE_PROTOCOLS:
		protocols_stop(dhad);
		/* fall through */
	case STAGE_HASWITCH:
		haswitch_destroy(&dhad->haswitch);
		/* fall through */
	case STAGE_DISPATCH:
		icmp_close(dhad->icmp);
		mh_close(dhad->mh);
		dhad->icmp = NULL;
		dhad->mh = NULL;
		/* fall through */
	case STAGE_IPSEC:
		ipsec_close(dhad->ipsec);
		dhad->ipsec = NULL;
		/* fall through */
	case STAGE_EVENTS:
		/* fall through */
	case STAGE_CACHE:
		loop_io_del(dhad->events_io);
		dhad->events_io = NULL;
		halist_destroy(&dhad->halist);
		cache_destroy(&dhad->cache);
		/* fall through */
	case STAGE_KERNEL:
		kernel_close(&dhad->kernel);
		/* fall through */
	case STAGE_LOOP:
		loop_free(dhad->loop);
		dhad->loop = NULL;
		/* fall through */
	case STAGE_CONFIG:
		config_free(&dhad->config);
		/* fall through */
	case STAGE_NONE:
		break;
	}
	dhad->stage = STAGE_NONE;
}
