// SPDX-License-Identifier: GPL-2.0-only
/* Home agent reassignment (reassign.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <net/if.h>

#include "core/dhad.h"
#include "core/home.h"
#include "core/icmp.h"
#include "loadbalance/decide.h"
#include "loadbalance/loadbalance.h"
#include "loadbalance/reassign.h"
#include "sys/log.h"
#include "wire/ndisc.h"

/* A binding this home agent watches: its RegTIMEOUT. */
struct lb_binding {
	struct in6_addr home_address;
	struct loop_timer timer;
	struct loadbalance *lb;
	/* Handed off: this home agent listens for probes of its address. */
	bool watching;
	struct lb_binding *next;
};

uint64_t lb_reg_timeout_ms(uint32_t min_ra_interval_ms, uint16_t queue_size,
			   uint16_t light)
{
	uint32_t indicator = ((uint32_t)queue_size + light - 1) / light;

	if (!indicator)
		indicator = 1;
	return min_ra_interval_ms / indicator ? min_ra_interval_ms / indicator :
						1;
}

static uint32_t random32(void)
{
	uint32_t value;

	if (getrandom(&value, sizeof(value), 0) != sizeof(value))
		value = (uint32_t)rand();
	return value;
}

static bool addr_equal(const struct in6_addr *a, const struct in6_addr *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

/* The traffic table: this home agent and the others with fresh figures. */
static void table_fill(const struct loadbalance *lb, struct lb_table *table)
{
	const struct dhad_load *load = &lb->dhad->load;
	uint64_t now = loop_now_ms(lb->dhad->loop);
	const struct halist_entry *entry;

	memset(table, 0, sizeof(*table));
	table->light = lb->config->light;
	table->top_percent = lb->config->top_percent;
	table->self.address = lb->dhad->config.home->address;
	table->self.load = load->own;
	for (entry = lb->dhad->halist.head;
	     entry && table->count < HALIST_MAX; entry = entry->next) {
		if (!load_entry_fresh(load, entry, now) ||
		    addr_equal(&entry->address, &table->self.address))
			continue;
		table->others[table->count].address = entry->address;
		table->others[table->count++].load = entry->load;
	}
}

static void send_dhaad(struct loadbalance *lb, const struct cache_entry *entry,
		       const struct in6_addr *new_ha)
{
	static struct dha_dhaad_reply rep;
	uint8_t pkt[DHA_IPV6_MIN_MTU];
	size_t len;
	int ret;

	memset(&rep, 0, sizeof(rep));
	rep.id = (uint16_t)random32();
	rep.addr_count = 1;
	rep.addrs[0] = *new_ha;
	ret = dha_dhaad_reply_build(pkt, sizeof(pkt), &rep, DHA_IPV6_MIN_MTU,
				    &len);
	if (!ret)
		ret = icmp_send(lb->dhad->icmp, pkt, len,
				&lb->dhad->config.home->address,
				&entry->care_of_address, 0, 0, NULL);
	if (ret) {
		char coa[INET6_ADDRSTRLEN];

		log_warn("load-balance: unsolicited DHAAD Reply to %s: %s",
			 addr_format(&entry->care_of_address, coa),
			 strerror(-ret));
	}
}

/* Tells the mobile node of entry its new home agent, as configured. */
static void tell(struct loadbalance *lb, const struct cache_entry *entry,
		 const struct in6_addr *new_ha)
{
	enum lb_reassign how = lb->config->reassign;

	if (how == LB_REASSIGN_DHAAD || how == LB_REASSIGN_BOTH)
		send_dhaad(lb, entry, new_ha);
	if (how == LB_REASSIGN_SWITCH || how == LB_REASSIGN_BOTH)
		home_send_ha_switch(lb->dhad, &entry->home_address,
				    &entry->care_of_address, new_ha, 1);
	lb->told++;
}

static const char *reason_text(enum lb_reason reason)
{
	switch (reason) {
	case LB_TO_LIGHT:
		return "busy, to a LIGHT home agent";
	case LB_QUEUE_TOP:
		return "queue in the top, to one of the bottom";
	case LB_MNS_TOP:
		return "mobile nodes in the top, to one of the bottom";
	case LB_KEEP:
		break;
	}
	return "kept";
}

static void restart(struct lb_binding *b, uint64_t delay_ms)
{
	if (loop_timer_start(b->lb->dhad->loop, &b->timer, delay_ms))
		log_err("load-balance: out of memory; a binding is no longer reassigned");
}

/* RFC 4291 2.7.1 */
static void solicited_node(const struct in6_addr *addr, struct in6_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->s6_addr[0] = 0xff;
	out->s6_addr[1] = 0x02;
	out->s6_addr[11] = 0x01;
	out->s6_addr[12] = 0xff;
	memcpy(&out->s6_addr[13], &addr->s6_addr[13], 3);
}

static unsigned int home_link_index(const struct loadbalance *lb)
{
	const struct dhad_home *home = lb->dhad->config.home;

	return home ? if_nametoindex(home->home_link) : 0;
}

/*
 * Joins the solicited-node group of a binding handed off, where the new
 * home agent's duplicate address detection probes its home address
 * (the module answers the probe and leaves it to the stack).
 */
static void watch(struct loadbalance *lb, struct lb_binding *b)
{
	char hoa[INET6_ADDRSTRLEN];
	struct in6_addr group;
	int ret;

	solicited_node(&b->home_address, &group);
	ret = icmp_multicast(lb->dhad->icmp, home_link_index(lb), &group, true);
	/* Another binding's address shares the group: joined already. */
	if (ret && ret != -EADDRINUSE) {
		log_warn("load-balance: cannot listen for probes of %s: %s; it is let go when its binding ends",
			 addr_format(&b->home_address, hoa), strerror(-ret));
		return;
	}
	b->watching = true;
}

static void unwatch(struct loadbalance *lb, struct lb_binding *b)
{
	struct in6_addr group, other;
	struct lb_binding *o;

	if (!b->watching)
		return;
	b->watching = false;
	solicited_node(&b->home_address, &group);
	for (o = lb->bindings; o; o = o->next) {
		solicited_node(&o->home_address, &other);
		if (o->watching && addr_equal(&group, &other))
			return;
	}
	icmp_multicast(lb->dhad->icmp, home_link_index(lb), &group, false);
}

static void unlink_binding(struct loadbalance *lb, struct lb_binding *b)
{
	struct lb_binding **link;

	unwatch(lb, b);

	for (link = &lb->bindings; *link; link = &(*link)->next) {
		if (*link == b) {
			*link = b->next;
			break;
		}
	}
	loop_timer_stop(lb->dhad->loop, &b->timer);
	free(b);
}

static uint64_t reg_timeout(const struct loadbalance *lb)
{
	return lb_reg_timeout_ms(lb->config->min_ra_interval_ms,
				 lb->dhad->load.own.queue_size,
				 lb->config->light);
}

/* RegTIMEOUT fired: the mobile node is eligible (draft 8, 9). */
static void reg_timeout_fired(struct loop_timer *timer)
{
	struct lb_binding *b = container_of(timer, struct lb_binding, timer);
	struct loadbalance *lb = b->lb;
	uint64_t now = loop_now_ms(lb->dhad->loop);
	const struct cache_entry *entry;
	char hoa[INET6_ADDRSTRLEN], ha[INET6_ADDRSTRLEN];
	enum lb_reason reason;
	struct lb_table table;
	int chosen, ret;

	entry = cache_lookup(&lb->dhad->cache, &b->home_address);
	if (!entry || entry->synced) {
		unlink_binding(lb, b);
		return;
	}
	/* A standby serves nobody, so it hands nobody over. */
	if (!dhad_serving(lb->dhad) ||
	    lb_handoff_assigned(&lb->handoffs, &b->home_address, now)) {
		restart(b, reg_timeout(lb));
		return;
	}
	table_fill(lb, &table);
	chosen = lb_decide(&table, random32(), &reason);
	if (chosen < 0) {
		restart(b, reg_timeout(lb));
		return;
	}
	ret = lb_handoff_record(&lb->handoffs, &b->home_address,
				&table.others[chosen].address, now,
				now + lb->config->handoff_hold_ms);
	addr_format(&b->home_address, hoa);
	addr_format(&table.others[chosen].address, ha);
	if (ret) {
		log_warn("load-balance: %s not handed to %s: %s", hoa, ha,
			 strerror(-ret));
		restart(b, reg_timeout(lb));
		return;
	}
	log_info("load-balance: %s handed to %s (%s)", hoa, ha,
		 reason_text(reason));
	lb->reassigned++;
	watch(lb, b);
	tell(lb, entry, &table.others[chosen].address);
	restart(b, lb->config->handoff_hold_ms);
}

static struct lb_binding *lookup(struct loadbalance *lb,
				 const struct in6_addr *home_address)
{
	struct lb_binding *b;

	for (b = lb->bindings; b; b = b->next)
		if (addr_equal(&b->home_address, home_address))
			return b;
	return NULL;
}

void lb_reassign_binding_changed(struct loadbalance *lb,
				 const struct in6_addr *home_address)
{
	const struct cache_entry *entry = cache_lookup(&lb->dhad->cache,
						       home_address);
	const struct in6_addr *new_ha;
	struct lb_binding *b;

	if (!entry || entry->synced)
		return;
	/* Draft 9: within the hold, the same new home agent again. */
	new_ha = lb_handoff_assigned(&lb->handoffs, home_address,
				     loop_now_ms(lb->dhad->loop));
	/* Not while letting the binding go (probe_heard()). */
	if (new_ha && !lb->releasing)
		tell(lb, entry, new_ha);
	if (lookup(lb, home_address))
		return;
	b = calloc(1, sizeof(*b));
	if (!b) {
		log_err("load-balance: out of memory; a binding is not reassigned");
		return;
	}
	b->home_address = *home_address;
	b->lb = lb;
	timer_init(&b->timer, reg_timeout_fired);
	b->next = lb->bindings;
	lb->bindings = b;
	restart(b, reg_timeout(lb));
}

void lb_reassign_binding_gone(struct loadbalance *lb,
			      const struct cache_entry *entry)
{
	struct lb_binding *b = lookup(lb, &entry->home_address);

	if (b)
		unlink_binding(lb, b);
}

/*
 * A Neighbor Solicitation on the home link. A duplicate address
 * detection probe (RFC 4862 5.4.2: from ::, hop limit 255) for a home
 * address handed off within handoff-hold says the mobile node is
 * registering elsewhere (its new home agent probes it, RFC 6275 10.3.1):
 * this home agent lets it go, so that one home agent alone serves it.
 */
static void probe_heard(void *arg, const struct rawsock_rx *rx)
{
	static const struct in6_addr unspecified;
	struct loadbalance *lb = arg;
	char hoa[INET6_ADDRSTRLEN], ha[INET6_ADDRSTRLEN];
	const struct in6_addr *new_ha;
	struct cache_entry *entry;
	struct dha_ns ns;

	if (rx->hop_limit != 255 || !addr_equal(&rx->source, &unspecified) ||
	    rx->ifindex != home_link_index(lb) ||
	    dha_ns_parse(rx->buf, rx->len, &rx->source, &ns) || !ns.is_dad)
		return;
	new_ha = lb_handoff_assigned(&lb->handoffs, &ns.target,
				     loop_now_ms(lb->dhad->loop));
	entry = cache_lookup(&lb->dhad->cache, &ns.target);
	if (!new_ha || !entry || entry->synced)
		return;
	log_info("load-balance: %s probed on the home link; letting it go to %s",
		 addr_format(&ns.target, hoa), addr_format(new_ha, ha));
	lb->releasing = true;
	home_release(lb->dhad, entry);
	lb->releasing = false;
}

int lb_reassign_start(struct loadbalance *lb)
{
	int ret = icmp_listen(lb->dhad->icmp, DHA_ICMP6_NEIGHBOR_SOLICIT,
			      probe_heard, lb);

	if (ret)
		log_err("load-balance: cannot listen for Neighbor Solicitations: %s",
			strerror(-ret));
	lb->listening = !ret;
	return ret;
}

void lb_reassign_stop(struct loadbalance *lb)
{
	if (lb->listening)
		icmp_unlisten(lb->dhad->icmp, DHA_ICMP6_NEIGHBOR_SOLICIT);
	while (lb->bindings)
		unlink_binding(lb, lb->bindings);
	lb_handoffs_destroy(&lb->handoffs);
}
