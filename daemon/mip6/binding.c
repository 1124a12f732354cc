// SPDX-License-Identifier: GPL-2.0-only
/* Home registrations put into force and taken out of it (binding.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/dha.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "core/dhad.h"
#include "mip6/binding.h"
#include "mip6/mip6.h"
#include "nlbuild.h"
#include "sys/log.h"

int binding_route_msg(void *buf, size_t size, bool add, uint32_t seq,
		      const struct in6_addr *dst, uint8_t length,
		      uint32_t ifindex)
{
	struct rtmsg rtm = {
		.rtm_family = AF_INET6,
		.rtm_dst_len = length,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = RTPROT_STATIC,
		.rtm_scope = RT_SCOPE_UNIVERSE,
		.rtm_type = RTN_UNICAST,
	};
	int ret;

	ret = nlbuild_start(buf, size, add ? RTM_NEWROUTE : RTM_DELROUTE,
			    NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_REPLACE : 0),
			    seq, &rtm, sizeof(rtm));
	if (!ret)
		ret = nlbuild_attr(buf, size, RTA_DST, dst, sizeof(*dst));
	if (!ret)
		ret = nlbuild_attr(buf, size, RTA_OIF, &ifindex,
				   sizeof(ifindex));
	return ret ? ret : nlbuild_len(buf);
}

/* ---- the kernel and rtnetlink ---- */

static int netlink_route(struct mip6 *ha, bool add,
			 const struct dhad_prefix *prefix)
{
	union {
		struct nlmsghdr align;
		char buf[256];
	} req;
	int ret;

	ret = binding_route_msg(req.buf, sizeof(req.buf), add, ++ha->route.seq,
				&prefix->address, prefix->length,
				ha->device);
	if (ret < 0)
		return ret;
	return nlsock_request(&ha->route, &req.align, NULL, NULL);
}

static int netlink_set(struct mip6 *ha, const struct kernel_binding *kb)
{
	struct dhad *dhad = ha->dhad;

	return kernel_binding_set(&dhad->kernel, ha->device, kb);
}

static int netlink_del(struct mip6 *ha, const struct in6_addr *home_address)
{
	struct dhad *dhad = ha->dhad;

	return kernel_binding_del(&dhad->kernel, ha->device, home_address);
}

static void netlink_batch(struct mip6 *ha, bool del,
			  const struct kernel_binding *bindings, size_t n,
			  kernel_answer_fn fn, void *arg)
{
	struct dhad *dhad = ha->dhad;

	kernel_binding_batch(&dhad->kernel, ha->device, del, bindings, n,
			     fn, arg);
}

const struct binding_io binding_netlink = {
	.set = netlink_set,
	.del = netlink_del,
	.batch = netlink_batch,
	.route = netlink_route,
};

/* ---- routes ---- */

static int route_change(struct mip6 *ha, bool add, const struct in6_addr *dst,
			uint8_t length)
{
	char text[PREFIX_STRLEN];
	struct dhad_prefix prefix = { .address = *dst, .length = length };
	int ret;

	ret = ha->io->route(ha, add, &prefix);
	if (!add && (ret == -ESRCH || ret == -ENOENT))
		ret = 0;
	if (ret)
		log_err("route %s %s dev %s: %s%s%s", add ? "add" : "del",
			prefix_format(&prefix, text), ha->config->home.device,
			strerror(-ret), nlsock_extack_sep(&ha->route),
			ha->route.extack);
	return ret;
}

/*
 * The mobile network prefixes of one binding into the device; its home
 * address needs none, the device intercepts it on the home link.
 */
static int routes_set(struct mip6 *ha, const struct dhad_prefix *prefixes,
		      unsigned int count)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; !ret && i < count; i++)
		ret = route_change(ha, true, &prefixes[i].address,
				   prefixes[i].length);
	return ret;
}

static void routes_del(struct mip6 *ha, const struct dhad_prefix *prefixes,
		       unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		route_change(ha, false, &prefixes[i].address,
			     prefixes[i].length);
}

/* The prefixes of one set that another does not have. */
static void routes_del_missing(struct mip6 *ha,
			       const struct dhad_prefix *from,
			       unsigned int from_count,
			       const struct dhad_prefix *keep,
			       unsigned int keep_count)
{
	unsigned int i, j;

	for (i = 0; i < from_count; i++) {
		for (j = 0; j < keep_count; j++)
			if (prefix_equal(&from[i], &keep[j]))
				break;
		if (j == keep_count)
			route_change(ha, false, &from[i].address,
				     from[i].length);
	}
}

/* ---- bindings ---- */

/* The kernel binding of a cache entry, with the lifetime it has left. */
static void entry_kernel_binding(struct mip6 *ha,
				 const struct cache_entry *entry,
				 struct kernel_binding *kb)
{
	memset(kb, 0, sizeof(*kb));
	kb->home_address = entry->home_address;
	kb->care_of_address = entry->care_of_address;
	kb->kind = DHA_BINDING_KIND_HOME;
	kb->has_lifetime = entry->lifetime != 0;
	kb->lifetime = cache_lifetime_left(&ha->dhad->cache, entry);
	if (kb->has_lifetime && !kb->lifetime)
		kb->lifetime = 1;
	kb->prefix_count = entry->prefix_count;
	memcpy(kb->prefixes, entry->prefixes, sizeof(kb->prefixes));
	kb->link_local = entry->flags & CACHE_FLAG_LINK_LOCAL;
}

void binding_gone(struct mip6 *ha, const struct cache_entry *entry)
{
	routes_del(ha, entry->prefixes, entry->prefix_count);
}

/*
 * The kernel took the binding of d but its routes failed: back to what
 * was before, the previous binding as it was (its kernel binding and
 * routes; its cache entry was not touched), or nothing for a new one.
 */
static void binding_undo(struct mip6 *ha,
			 const struct registration_decision *d,
			 const struct cache_entry *existing)
{
	struct kernel_binding kb;
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	addr_format(&d->home_address, hoa);
	if (!existing) {
		routes_del(ha, d->prefixes, d->prefix_count);
		ret = ha->io->del(ha, &d->home_address);
		if (ret && ret != -ENOENT)
			log_err("kernel: cannot delete binding %s: %s%s%s", hoa,
				strerror(-ret),
				nlsock_extack_sep(&ha->dhad->kernel.nl.sock),
				ha->dhad->kernel.nl.sock.extack);
		return;
	}
	routes_del_missing(ha, d->prefixes, d->prefix_count,
			   existing->prefixes, existing->prefix_count);
	entry_kernel_binding(ha, existing, &kb);
	ret = ha->io->set(ha, &kb);
	if (ret)
		log_err("kernel: cannot restore binding %s: %s%s%s", hoa,
			strerror(-ret),
			nlsock_extack_sep(&ha->dhad->kernel.nl.sock),
			ha->dhad->kernel.nl.sock.extack);
	/* Those it shares with d were replaced by the same ones. */
	routes_set(ha, existing->prefixes, existing->prefix_count);
}

bool binding_apply(struct mip6 *ha, const struct registration_decision *d,
		   struct cache_entry *existing, uint16_t sequence)
{
	struct dhad *dhad = ha->dhad;
	struct kernel_binding kb = { 0 };
	struct cache_entry *entry = existing;
	char hoa[INET6_ADDRSTRLEN], coa[INET6_ADDRSTRLEN];
	int ret;

	kb.home_address = d->home_address;
	kb.care_of_address = d->care_of_address;
	kb.kind = DHA_BINDING_KIND_HOME;
	kb.has_lifetime = true;
	kb.lifetime = d->lifetime;
	kb.prefix_count = d->prefix_count;
	memcpy(kb.prefixes, d->prefixes, sizeof(kb.prefixes));
	kb.link_local = d->flags & CACHE_FLAG_LINK_LOCAL;
	/* New to the home link's neighbours: the device announces it. */
	kb.advertise = !existing;
	addr_format(&d->home_address, hoa);
	addr_format(&d->care_of_address, coa);
	/* A binding the kernel refuses to update it keeps as it was. */
	ret = ha->io->set(ha, &kb);
	if (ret) {
		log_err("kernel: cannot set binding %s coa %s: %s%s%s", hoa, coa,
			strerror(-ret), nlsock_extack_sep(&dhad->kernel.nl.sock),
			dhad->kernel.nl.sock.extack);
		return false;
	}
	/*
	 * The previous binding's routes go only once the new ones are in:
	 * a refused update leaves the previous binding exactly as it was.
	 */
	if (routes_set(ha, d->prefixes, d->prefix_count)) {
		binding_undo(ha, d, existing);
		return false;
	}
	if (existing)
		routes_del_missing(ha, existing->prefixes,
				   existing->prefix_count, d->prefixes,
				   d->prefix_count);
	if (!entry) {
		ret = cache_insert(&dhad->cache, &d->home_address, &entry);
		if (ret) {
			log_err("cache: cannot record binding %s: %s", hoa,
				strerror(-ret));
			/* The kernel holds it; the events will restore it. */
			return true;
		}
	}
	if (entry->restored) {
		entry->restored = false;
		dhad->cache.restored_count--;
	}
	/* A copy not yet adopted (the pacer's) is the kernel's now. */
	entry->synced = false;
	entry->care_of_address = d->care_of_address;
	entry->sequence = sequence;
	entry->flags = d->flags;
	entry->prefix_count = d->prefix_count;
	memcpy(entry->prefixes, d->prefixes, sizeof(entry->prefixes));
	cache_set_lifetime(&dhad->cache, entry, d->lifetime);
	log_info("binding %s coa %s lifetime %u s%s", hoa, coa, d->lifetime,
		 existing ? " (renewed)" : "");
	dhad_binding_changed(dhad, &d->home_address);
	return true;
}

void binding_delete(struct mip6 *ha, struct cache_entry *existing)
{
	struct dhad *dhad = ha->dhad;
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	addr_format(&existing->home_address, hoa);
	ret = ha->io->del(ha, &existing->home_address);
	if (ret && ret != -ENOENT)
		log_err("kernel: cannot delete binding %s: %s%s%s", hoa,
			strerror(-ret), nlsock_extack_sep(&dhad->kernel.nl.sock),
			dhad->kernel.nl.sock.extack);
	routes_del(ha, existing->prefixes, existing->prefix_count);
	dhad_binding_changed(dhad, &existing->home_address);
	cache_remove(&dhad->cache, existing);
	log_info("binding %s deregistered", hoa);
}

struct commit_state {
	struct mip6 *ha;
	struct cache_entry **entries;
	int *errors;
	bool del;
};

static void committed(size_t i, int error, const char *extack, void *arg)
{
	struct commit_state *st = arg;
	struct cache_entry *entry = st->entries[i];
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	/* No address formatted unless logged: a takeover commits 100k. */
	if (st->del) {
		if (error && error != -ENOENT)
			log_err("kernel: cannot withdraw binding %s: %s%s%s",
				addr_format(&entry->home_address, hoa),
				strerror(-error), *extack ? ": " : "", extack);
		routes_del(st->ha, entry->prefixes, entry->prefix_count);
		return;
	}
	st->errors[i] = error;
	if (error) {
		log_err("kernel: cannot commit binding %s: %s%s%s",
			addr_format(&entry->home_address, hoa),
			strerror(-error), *extack ? ": " : "", extack);
		return;
	}
	ret = routes_set(st->ha, entry->prefixes, entry->prefix_count);
	if (ret)
		log_err("rtnetlink: routes of %s not all set: %s",
			addr_format(&entry->home_address, hoa), strerror(-ret));
	entry->synced = false;
}

/* The kernel bindings of n entries, for a batch; NULL if out of memory. */
static struct kernel_binding *batch_of(struct mip6 *ha,
				       struct cache_entry **entries, size_t n)
{
	struct kernel_binding *kbs = calloc(n, sizeof(*kbs));
	size_t i;

	if (!kbs)
		return NULL;
	for (i = 0; i < n; i++) {
		entry_kernel_binding(ha, entries[i], &kbs[i]);
		/* New to this home link's neighbours: announced (10.4.1). */
		kbs[i].advertise = true;
	}
	return kbs;
}

void binding_commit(struct mip6 *ha, struct cache_entry **entries, size_t n,
		    int *errors)
{
	struct commit_state st = { ha, entries, errors, false };
	struct kernel_binding *kbs = batch_of(ha, entries, n);
	size_t i;

	if (!kbs) {
		log_err("out of memory: %zu bindings not committed", n);
		for (i = 0; i < n; i++)
			errors[i] = -ENOMEM;
		return;
	}
	ha->io->batch(ha, false, kbs, n, committed, &st);
	free(kbs);
}

void binding_uncommit(struct mip6 *ha, struct cache_entry **entries, size_t n)
{
	struct commit_state st = { ha, entries, NULL, true };
	struct kernel_binding *kbs = batch_of(ha, entries, n);
	size_t i;

	/* First: the kernel's deletion events then find them synced. */
	for (i = 0; i < n; i++)
		entries[i]->synced = true;
	if (!kbs) {
		/* Withdrawn they must be: one by one then. */
		for (i = 0; i < n; i++)
			committed(i, ha->io->del(ha, &entries[i]->home_address),
				  "", &st);
		return;
	}
	ha->io->batch(ha, true, kbs, n, committed, &st);
	free(kbs);
}
