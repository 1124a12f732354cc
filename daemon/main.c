// SPDX-License-Identifier: GPL-2.0-only
/*
 * dhad - the dha home agent daemon.
 *
 * main() only wires the parts together: configuration, kernel, cache,
 * control socket, signals, in that order, torn down in reverse by a
 * goto ladder. Bindings stay in the kernel when the daemon exits, so
 * traffic keeps flowing, and the next start rebuilds its cache from
 * them.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/dha.h>
#include <systemd/sd-daemon.h>

#include "core/control.h"
#include "core/dhad.h"
#include "mip6/intercept.h"
#include "mip6/discovery.h"
#include "sys/log.h"
#include "mip6/mobility.h"
#include "reliability/redundancy.h"

#ifndef DHAD_VERSION
#error "DHAD_VERSION must be defined by the build"
#endif

#define DEFAULT_CONTROL_SOCKET "/run/dha/dhad.sock"

static void usage(FILE *out)
{
	fputs("Usage: dhad -c CONFIG [-S CONTROL_SOCKET] [-f]\n"
	      "  -c, --config FILE    configuration file (required)\n"
	      "  -S, --socket PATH    control socket (default " DEFAULT_CONTROL_SOCKET ")\n"
	      "  -f, --foreground     stay in the foreground, log to stderr\n"
	      "  -h, --help           this text\n"
	      "  -V, --version        version\n"
	      "See dhad(8) and dhad.conf(5).\n", out);
}

/* ---- kernel notifications ---- */

static void kernel_event(uint8_t cmd, uint32_t ifindex,
			 const struct kernel_binding *binding, void *arg)
{
	struct dhad *dhad = arg;
	struct cache_entry *entry;
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	if (ifindex != dhad->ifindex || binding->kind != DHA_BINDING_KIND_HOME)
		return;
	addr_format(&binding->home_address, hoa);
	if (cmd == DHA_CMD_BINDING_NEW_NTF) {
		/*
		 * Ours echoed back, or one an operator added with the dha
		 * tool: either way the kernel's view is the one to keep.
		 */
		ret = cache_restore_binding(&dhad->cache, binding);
		if (ret)
			log_err("cache: cannot record binding %s: %s", hoa,
				strerror(-ret));
		return;
	}
	entry = cache_lookup(&dhad->cache, &binding->home_address);
	/* A synced entry left the kernel on purpose (a standby again). */
	if (!entry || entry->synced)
		return;
	redundancy_binding_changed(dhad->redundancy, &entry->home_address);
	log_info("binding %s left the kernel (%s)", hoa,
		 binding->del_reason == DHA_DEL_REASON_EXPIRED ? "expired" :
		 binding->del_reason == DHA_DEL_REASON_FLUSHED ? "flushed" :
								 "deleted");
	mobility_binding_gone(dhad, entry);
	cache_remove(&dhad->cache, entry);
}

static void resync(struct dhad *dhad)
{
	int ret = cache_rebuild(&dhad->cache, &dhad->kernel, dhad->ifindex);

	if (ret)
		log_err("kernel: cannot dump bindings: %s%s%s", strerror(-ret),
			dhad->kernel.extack[0] ? ": " : "", dhad->kernel.extack);
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
	redundancy_binding_changed(dhad->redundancy, &entry->home_address);
	mobility_binding_gone(dhad, entry);
}

/* Home Agent Switch messages leave through the Mobility Header socket. */
static void send_ha_switch(void *arg, const struct in6_addr *home_address,
			   const struct in6_addr *care_of_address,
			   const struct in6_addr *home_agents,
			   unsigned int count)
{
	struct dhad *dhad = arg;

	mobility_send_ha_switch(dhad->mobility, home_address, care_of_address,
				home_agents, count);
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
		dhad->kernel.extack[0] ? ": " : "", dhad->kernel.extack);
	return 1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "socket", required_argument, NULL, 'S' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const char *socket_path = DEFAULT_CONTROL_SOCKET;
	struct loop_signal *signals[3] = { 0 };
	static const int signums[3] = { SIGHUP, SIGTERM, SIGINT };
	struct dhad dhad = { 0 };
	bool foreground = false, created;
	uint64_t watchdog_usec;
	char addr[INET6_ADDRSTRLEN];
	int opt, ret, status = 1;
	size_t i;

	while ((opt = getopt_long(argc, argv, "c:S:fhV", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			dhad.config_path = optarg;
			break;
		case 'S':
			socket_path = optarg;
			break;
		case 'f':
			foreground = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("dhad %s (netlink API version %d)\n",
			       DHAD_VERSION, DHA_GENL_VERSION);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (!dhad.config_path || optind != argc) {
		usage(stderr);
		return 1;
	}
	if (config_load(dhad.config_path, &dhad.config, stderr))
		return 1;
	log_set_level(dhad.config.log_level);
	signal(SIGPIPE, SIG_IGN);

	dhad.loop = loop_new();
	if (!dhad.loop) {
		log_err("cannot create the event loop");
		return 1;
	}
	dhad.started_ms = loop_now_ms(dhad.loop);
	ret = kernel_open(&dhad.kernel);
	if (ret == -ENOENT) {
		log_err("the dha kernel module is not loaded (genl family \"%s\" not found)",
			DHA_FAMILY_NAME);
		goto err_loop;
	}
	if (ret) {
		fail_kernel(&dhad, "kernel: cannot open the dha family", ret);
		goto err_loop;
	}
	ret = kernel_ensure_device(&dhad.kernel, dhad.config.device,
				   &dhad.ifindex, &created);
	if (ret) {
		fail_kernel(&dhad, "kernel: dha device", ret);
		goto err_kernel;
	}
	if (created)
		log_notice("created dha device %s", dhad.config.device);
	ret = kernel_set_local(&dhad.kernel, dhad.ifindex, &dhad.config.address);
	if (ret) {
		fail_kernel(&dhad, "kernel: cannot set the device's local address",
			    ret);
		goto err_kernel;
	}

	ret = cache_init(&dhad.cache, dhad.loop, binding_expired, &dhad);
	if (ret) {
		log_err("cache: %s", strerror(-ret));
		goto err_kernel;
	}
	halist_init(&dhad.halist, dhad.loop);
	/* Subscribe before the dump: nothing falls between the two. */
	ret = kernel_events_open(&dhad.kernel);
	if (ret < 0) {
		fail_kernel(&dhad, "kernel: cannot subscribe to binding events",
			    ret);
		goto err_cache;
	}
	dhad.events_io = loop_io_add(dhad.loop, ret, LOOP_READ, events_io,
				     &dhad);
	if (!dhad.events_io) {
		log_err("out of memory");
		goto err_cache;
	}
	ret = cache_rebuild(&dhad.cache, &dhad.kernel, dhad.ifindex);
	if (ret) {
		fail_kernel(&dhad, "kernel: cannot dump bindings", ret);
		goto err_events;
	}
	if (dhad.cache.count)
		log_notice("restored %zu binding%s from the kernel",
			   dhad.cache.count, dhad.cache.count == 1 ? "" : "s");

	ret = mobility_open(&dhad, &dhad.mobility);
	if (ret)
		goto err_events;
	ret = intercept_open(&dhad, &dhad.intercept);
	if (ret)
		goto err_mobility;
	ret = haswitch_init(&dhad.haswitch, dhad.loop, &dhad.cache,
			    &dhad.config, send_ha_switch, &dhad);
	if (ret) {
		log_err("home agent switch: %s", strerror(-ret));
		goto err_intercept;
	}
	ret = discovery_open(&dhad, &dhad.discovery);
	if (ret)
		goto err_haswitch;
	ret = redundancy_open(&dhad, &dhad.redundancy);
	if (ret)
		goto err_discovery;

	ret = control_open(&dhad, socket_path, &dhad.control);
	if (ret == -EADDRINUSE) {
		log_err("control socket %s: another dhad is running there",
			socket_path);
		goto err_redundancy;
	}
	if (ret) {
		log_err("control socket %s: %s", socket_path, strerror(-ret));
		goto err_redundancy;
	}
	for (i = 0; i < 3; i++) {
		signals[i] = loop_signal_add(dhad.loop, signums[i], on_signal,
					     &dhad);
		if (!signals[i]) {
			log_err("out of memory");
			goto err_signals;
		}
	}

	/*
	 * Detach only now, so that every start-up error reaches the
	 * terminal and the exit status. Under systemd use -f: Type=notify
	 * needs no fork, and journald reads stderr.
	 */
	if (!foreground) {
		if (daemon(0, 0) < 0) {
			log_err("cannot detach: %s", strerror(errno));
			goto err_signals;
		}
		loop_after_fork(dhad.loop);
		log_to_syslog();
	}
	timer_init(&dhad.watchdog, watchdog_kick);
	if (sd_watchdog_enabled(0, &watchdog_usec) > 0) {
		dhad.watchdog_interval_ms = watchdog_usec / 2000;
		if (!dhad.watchdog_interval_ms)
			dhad.watchdog_interval_ms = 1;
		loop_timer_start(dhad.loop, &dhad.watchdog,
				 dhad.watchdog_interval_ms);
	}
	log_notice("home agent %s on %s, device %s, control socket %s",
		   addr_format(&dhad.config.address, addr),
		   dhad.config.home_link, dhad.config.device, socket_path);
	sd_notifyf(0, "READY=1\nSTATUS=serving %zu bindings", dhad.cache.count);

	status = loop_run(dhad.loop) ? 1 : 0;

	loop_timer_stop(dhad.loop, &dhad.watchdog);
err_signals:
	for (i = 0; i < 3; i++)
		loop_signal_del(signals[i]);
	control_close(dhad.control);
err_redundancy:
	redundancy_close(dhad.redundancy);
	dhad.redundancy = NULL;
err_discovery:
	discovery_close(dhad.discovery);
	dhad.discovery = NULL;
err_haswitch:
	haswitch_destroy(&dhad.haswitch);
err_intercept:
	intercept_close(dhad.intercept);
	dhad.intercept = NULL;
err_mobility:
	mobility_close(dhad.mobility);
	dhad.mobility = NULL;
err_events:
	loop_io_del(dhad.events_io);
err_cache:
	halist_destroy(&dhad.halist);
	cache_destroy(&dhad.cache);
err_kernel:
	kernel_close(&dhad.kernel);
err_loop:
	loop_free(dhad.loop);
	return status;
}
