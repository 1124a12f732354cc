// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reloading the configuration (SIGHUP, or "reload" on the control
 * socket). The bindings are not touched: they live in the kernel and in
 * the cache, and a reload only changes how future signalling is
 * answered. Settings that name the home agent and its device cannot
 * change live; a file that changes them is refused as a whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "core/control.h"
#include "core/dhad.h"
#include "sys/log.h"

/* Sends the parser's messages, one a line, to the log. */
static void log_lines(int priority, char *text)
{
	char *line, *save = NULL;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		log_msg(priority, "%s", line);
}

int dhad_reload(struct dhad *dhad, char *why, size_t size)
{
	struct dhad_config config;
	const char *fixed;
	char *messages = NULL;
	size_t messages_len = 0;
	FILE *errors;
	int mistakes, ret = 0;

	sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu",
		   (unsigned long long)loop_now_ms(dhad->loop) * 1000);
	errors = open_memstream(&messages, &messages_len);
	if (!errors) {
		ret = -ENOMEM;
		snprintf(why, size, "out of memory");
		goto out;
	}
	mistakes = config_load(dhad->config.protocols,
			       dhad->config.protocol_count, dhad->config_path,
			       &config, errors);
	fclose(errors);
	if (mistakes) {
		config_free(&config);
		log_lines(LOG_ERR, messages);
		snprintf(why, size,
			 "%s has %d mistake%s; keeping the running configuration",
			 dhad->config_path, mistakes, mistakes == 1 ? "" : "s");
		ret = -EINVAL;
		goto out;
	}
	fixed = config_fixed_change(&dhad->config, &config);
	if (fixed) {
		snprintf(why, size,
			 "%s cannot change while dhad runs (restart it); keeping the running configuration",
			 fixed);
		ret = -EBUSY;
		config_free(&config);
		goto out;
	}
	config_replace(&dhad->config, &config);
	log_set_level(dhad->config.log_level);
	protocols_reconfigure(dhad);
	ret = control_apply_group(dhad->control);
	if (ret)
		log_warn("control socket: cannot change its group: %s",
			 strerror(-ret));
	ret = 0;
	log_notice("configuration reloaded from %s", dhad->config_path);
out:
	if (ret)
		log_err("reload refused: %s", why);
	free(messages);
	sd_notify(0, "READY=1");
	return ret;
}

