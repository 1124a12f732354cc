// SPDX-License-Identifier: GPL-2.0-only
/* Load balancing as a protocol of dhad (loadbalance.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/dhad.h"
#include "loadbalance/figures.h"
#include "loadbalance/loadbalance.h"
#include "loadbalance/reassign.h"
#include "sys/log.h"

/* What the others read (core/load.h): the settings and the figures. */
static void publish(struct loadbalance *lb)
{
	struct dhad_load *load = &lb->dhad->load;

	load->active = true;
	load->light = lb->config->light;
	load->min_ra_interval_ms = lb->config->min_ra_interval_ms;
	load->own.queue_size = lb_queue_size(&lb->kernel,
					     lb->config->capacity_kbps);
	load->own.registered_mns = lb_registered_mns(&lb->dhad->cache);
}

static void sample(struct loadbalance *lb)
{
	struct kernel_load now;
	int ret;

	ret = kernel_device_load(&lb->dhad->kernel, lb->dhad->ifindex, &now);
	if (ret) {
		/* The last figures stand until the module answers again. */
		if (!lb->kernel_failed)
			log_warn("load-balance: cannot read the load figures of the dha device: %s",
				 strerror(-ret));
		lb->kernel_failed = true;
	} else {
		if (lb->kernel_failed)
			log_info("load-balance: the load figures can be read again");
		lb->kernel_failed = false;
		lb->kernel = now;
	}
	publish(lb);
}

static void sample_timer(struct loop_timer *timer)
{
	struct loadbalance *lb = container_of(timer, struct loadbalance,
					      sample);

	sample(lb);
	if (loop_timer_start(lb->dhad->loop, &lb->sample,
			     LB_SAMPLE_INTERVAL_MS))
		log_err("load-balance: out of memory; the load figures stop");
}

/* Bindings rebuilt from the kernel get their RegTIMEOUT too. */
static int watch_binding(struct cache_entry *entry, void *arg)
{
	lb_reassign_binding_changed(arg, &entry->home_address);
	return 0;
}

static int start(struct dhad *dhad, void *settings, void **state)
{
	struct loadbalance *lb = calloc(1, sizeof(*lb));
	int ret;

	if (!lb) {
		log_err("out of memory");
		return -ENOMEM;
	}
	lb->dhad = dhad;
	lb->config = settings;
	timer_init(&lb->sample, sample_timer);
	lb_handoffs_init(&lb->handoffs);
	if (lb->config->enabled) {
		sample(lb);
		if (loop_timer_start(dhad->loop, &lb->sample,
				     LB_SAMPLE_INTERVAL_MS)) {
			memset(&dhad->load, 0, sizeof(dhad->load));
			free(lb);
			log_err("out of memory");
			return -ENOMEM;
		}
		ret = lb_reassign_start(lb);
		if (ret) {
			loop_timer_stop(dhad->loop, &lb->sample);
			memset(&dhad->load, 0, sizeof(dhad->load));
			free(lb);
			return ret;
		}
		cache_for_each(&dhad->cache, watch_binding, lb);
		log_notice("load-balance: LIGHT below %u, advertising every %u..%u ms",
			   lb->config->light, lb->config->min_ra_interval_ms,
			   3 * lb->config->min_ra_interval_ms);
	}
	*state = lb;
	return 0;
}

static void stop(void *state)
{
	struct loadbalance *lb = state;

	loop_timer_stop(lb->dhad->loop, &lb->sample);
	lb_reassign_stop(lb);
	/* The final advertisement, which follows, carries no load. */
	memset(&lb->dhad->load, 0, sizeof(lb->dhad->load));
	free(lb);
}

static void reconfigure(void *state)
{
	struct loadbalance *lb = state;

	if (lb->config->enabled)
		publish(lb);
}

static void show(void *state, json_object *result)
{
	struct loadbalance *lb = state;

	if (lb->config->enabled)
		json_object_object_add(result, "load-balance", lb_json(lb));
}

static void binding_changed(void *state, const struct in6_addr *hoa)
{
	struct loadbalance *lb = state;

	if (lb->config->enabled)
		lb_reassign_binding_changed(lb, hoa);
}

static void binding_gone(void *state, const struct cache_entry *entry)
{
	struct loadbalance *lb = state;

	lb_reassign_binding_gone(lb, entry);
}

const struct protocol loadbalance_protocol = {
	.name = "loadbalance",
	.sections = lb_sections,
	.config_size = sizeof(struct lb_config),
	.config_init = lb_config_init,
	.config_check = lb_config_check,
	.config_fixed = lb_config_fixed,
	.start = start,
	.stop = stop,
	.reconfigure = reconfigure,
	.show = show,
	.commands = loadbalance_commands,
	.binding_changed = binding_changed,
	.binding_gone = binding_gone,
};
