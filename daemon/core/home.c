// SPDX-License-Identifier: GPL-2.0-only
/* The home agent's services, as their protocol offers them (home.h). */
#include <errno.h>

#include "core/dhad.h"
#include "core/home.h"

void home_serve(struct dhad *dhad, const struct home_ops *ops, void *arg)
{
	dhad->home_ops = ops;
	dhad->home_arg = arg;
}

void home_commit_many(struct dhad *dhad, struct cache_entry **entries,
		      size_t n, int *errors)
{
	size_t i;

	if (dhad->home_ops) {
		dhad->home_ops->commit(dhad->home_arg, entries, n, errors);
		return;
	}
	for (i = 0; i < n; i++)
		errors[i] = -EOPNOTSUPP;
}

void home_uncommit_many(struct dhad *dhad, struct cache_entry **entries,
			size_t n)
{
	if (dhad->home_ops)
		dhad->home_ops->uncommit(dhad->home_arg, entries, n);
}

void home_uncommit(struct dhad *dhad, struct cache_entry *entry)
{
	home_uncommit_many(dhad, &entry, 1);
}

void home_release(struct dhad *dhad, struct cache_entry *entry)
{
	if (dhad->home_ops)
		dhad->home_ops->release(dhad->home_arg, entry);
}

void home_announce(struct dhad *dhad, const struct in6_addr *addr)
{
	if (dhad->home_ops)
		dhad->home_ops->announce(dhad->home_arg, addr);
}

void home_announce_stop(struct dhad *dhad, const struct in6_addr *addr)
{
	if (dhad->home_ops)
		dhad->home_ops->announce_stop(dhad->home_arg, addr);
}

void home_send_ha_switch(struct dhad *dhad, const struct in6_addr *home_address,
			 const struct in6_addr *care_of_address,
			 const struct in6_addr *home_agents, unsigned int count)
{
	if (dhad->home_ops)
		dhad->home_ops->send_ha_switch(dhad->home_arg, home_address,
					       care_of_address, home_agents,
					       count);
}
