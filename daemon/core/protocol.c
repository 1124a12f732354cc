// SPDX-License-Identifier: GPL-2.0-only
/* The protocols of a running dhad, and their hooks (protocol.h). */
#include "core/dhad.h"

int protocols_start(struct dhad *dhad)
{
	size_t i;
	int ret;

	dhad->protocol_count = dhad->config.protocol_count;
	for (i = 0; i < dhad->protocol_count; i++) {
		struct protocol_instance *pi = &dhad->protocols[i];

		pi->protocol = dhad->config.protocols[i];
		pi->state = NULL;
		if (!pi->protocol->start)
			continue;
		ret = pi->protocol->start(dhad, dhad->config.settings[i],
					  &pi->state);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	while (i--) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state)
			pi->protocol->stop(pi->state);
		pi->state = NULL;
	}
	dhad->protocol_count = 0;
	return ret;
}

void protocols_stop(struct dhad *dhad)
{
	size_t i = dhad->protocol_count;

	while (i--) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state)
			pi->protocol->stop(pi->state);
		pi->state = NULL;
	}
	dhad->protocol_count = 0;
}

void protocols_reconfigure(struct dhad *dhad)
{
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->reconfigure)
			pi->protocol->reconfigure(pi->state);
	}
}

bool dhad_serving(const struct dhad *dhad)
{
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		const struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->serving &&
		    !pi->protocol->serving(pi->state))
			return false;
	}
	return true;
}

void dhad_serving_changed(struct dhad *dhad)
{
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->serving_changed)
			pi->protocol->serving_changed(pi->state);
	}
}

void dhad_binding_changed(struct dhad *dhad, const struct in6_addr *hoa)
{
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->binding_changed)
			pi->protocol->binding_changed(pi->state, hoa);
	}
}

void dhad_binding_gone(struct dhad *dhad, const struct cache_entry *entry)
{
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->binding_gone)
			pi->protocol->binding_gone(pi->state, entry);
	}
}

const char *dhad_role(const struct dhad *dhad)
{
	const char *role;
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		const struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->role) {
			role = pi->protocol->role(pi->state);
			if (role)
				return role;
		}
	}
	return NULL;
}

void dhad_show(struct dhad *dhad, json_object *result)
{
	size_t i;

	for (i = 0; i < dhad->protocol_count; i++) {
		struct protocol_instance *pi = &dhad->protocols[i];

		if (pi->state && pi->protocol->show)
			pi->protocol->show(pi->state, result);
	}
}
