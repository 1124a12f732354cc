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

int home_commit(struct dhad *dhad, struct cache_entry *entry)
{
	if (!dhad->home_ops)
		return -EOPNOTSUPP;
	return dhad->home_ops->commit(dhad->home_arg, entry);
}

void home_uncommit(struct dhad *dhad, struct cache_entry *entry)
{
	if (dhad->home_ops)
		dhad->home_ops->uncommit(dhad->home_arg, entry);
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
