// SPDX-License-Identifier: GPL-2.0-only
/* Proxy Mobile IPv6 as a protocol of dhad (pmip.h). */
#include <errno.h>
#include <stdlib.h>

#include "core/control.h"
#include "core/dhad.h"
#include "pmip/config.h"
#include "pmip/lma.h"
#include "pmip/mag.h"
#include "pmip/pmip.h"
#include "sys/log.h"

struct pmip {
	struct dhad *dhad;
	const struct pmip_config *config;
	struct lma *lma;		/* one of the two */
	struct mag *mag;
};

static void stop(void *state)
{
	struct pmip *pmip = state;

	lma_close(pmip->lma);
	mag_close(pmip->mag);
	free(pmip);
}

static int start(struct dhad *dhad, void *settings, void **state)
{
	const struct pmip_config *config = settings;
	struct pmip *pmip;
	int ret = 0;

	if (config->role == PMIP_ROLE_NONE)
		return 0;
	pmip = calloc(1, sizeof(*pmip));
	if (!pmip) {
		log_err("out of memory");
		return -ENOMEM;
	}
	pmip->dhad = dhad;
	pmip->config = config;
	if (config->role == PMIP_ROLE_LMA) {
		ret = lma_open(dhad, config, &pmip->lma);
	} else {
		ret = mag_open(dhad, config, &pmip->mag);
	}
	if (ret) {
		stop(pmip);
		return ret;
	}
	*state = pmip;
	return 0;
}

static const char *role(void *state)
{
	const struct pmip *pmip = state;

	return pmip->config->role == PMIP_ROLE_LMA ? "lma" : "mag";
}

static void run_show(void *state, struct control_call *call)
{
	struct pmip *pmip = state;
	json_object *result = json_object_new_object();

	if (result && pmip->lma)
		lma_show(pmip->lma, result);
	else if (result)
		mag_show(pmip->mag, result);
	control_reply(call, result);
}

static void run_attach(void *state, struct control_call *call)
{
	struct pmip *pmip = state;

	if (!pmip->mag)
		control_fail(call, "pmip-attach: this dhad is not a MAG");
	else
		mag_run_attach(pmip->mag, call);
}

static void run_detach(void *state, struct control_call *call)
{
	struct pmip *pmip = state;

	if (!pmip->mag)
		control_fail(call, "pmip-detach: this dhad is not a MAG");
	else
		mag_run_detach(pmip->mag, call);
}

static const struct control_command commands[] = {
	{ "pmip-show", false, run_show },
	{ "pmip-attach", true, run_attach },
	{ "pmip-detach", true, run_detach },
	{ 0 },
};

const struct protocol pmip_protocol = {
	.name = "pmip",
	.sections = pmip_sections,
	.config_size = sizeof(struct pmip_config),
	.config_init = pmip_config_init,
	.config_check = pmip_config_check,
	.config_fixed = pmip_config_fixed,
	.start = start,
	.stop = stop,
	.role = role,
	.commands = commands,
};
