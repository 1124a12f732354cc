// SPDX-License-Identifier: GPL-2.0-only
/* The Local Mobility Anchor's I/O (lma.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/dha.h>

#include "core/control.h"
#include "core/dhad.h"
#include "core/mh.h"
#include "pmip/config.h"
#include "pmip/lma.h"
#include "pmip/lmacache.h"
#include "pmip/timestamp.h"
#include "sys/log.h"
#include "wire/numbers.h"
#include "wire/pmip.h"

struct lma {
	struct dhad *dhad;
	const struct pmip_config *config;
	struct lma_cache cache;
	struct mh_listener *listener;
	/* PBAs by outcome, and PBUs dropped unanswered. */
	uint64_t accepted, refused, dropped;
};

static void entry_expired(struct loop_timer *timer)
{
	struct lma_entry *e = container_of(timer, struct lma_entry, timer);
	struct lma *lma = container_of(e->cache, struct lma, cache);
	char p[PREFIX_STRLEN], id[DHA_PMIP_MN_ID_MAX * 2 + 1];
	int ret;

	if (e->state == LMA_ENTRY_ACTIVE) {
		log_info("pmip: %s (%s) expired", lma_entry_id(e, id, sizeof(id)),
			 prefix_format(&e->hnp, p));
		ret = kernel_proxy_del(&lma->dhad->kernel, lma->dhad->ifindex,
				       DHA_BINDING_KIND_PROXY_LMA, &e->hnp);
		if (ret && ret != -ENOENT)
			log_warn("pmip: kernel: cannot delete %s: %s", p,
				 strerror(-ret));
	}
	lma_cache_remove(&lma->cache, e);
}

static void arm(struct lma *lma, struct lma_entry *e)
{
	e->timer.fn = entry_expired;
	if (loop_timer_start_at(lma->dhad->loop, &e->timer, e->expiry_ms))
		log_err("pmip: out of memory arming a timer");
}

static void drop(struct lma *lma, struct lma_entry *e)
{
	loop_timer_stop(lma->dhad->loop, &e->timer);
	lma_cache_remove(&lma->cache, e);
}

/* The entry's proxy-lma binding into the kernel; 0 or -errno, logged. */
static int bind_kernel(struct lma *lma, const struct lma_entry *e)
{
	struct kernel_binding b = {
		.kind = DHA_BINDING_KIND_PROXY_LMA,
		.care_of_address = e->mag,
		.has_local = true,
		.local = lma->config->home.address,
		.has_lifetime = true,
		.lifetime = e->lifetime,
		.prefix_count = 1,
	};
	char p[PREFIX_STRLEN];
	int ret;

	b.prefixes[0] = e->hnp;
	ret = kernel_proxy_set(&lma->dhad->kernel, lma->dhad->ifindex, &b);
	if (ret)
		log_err("pmip: kernel: cannot bind %s: %s%s%s",
			prefix_format(&e->hnp, p), strerror(-ret),
			nlsock_extack_sep(&lma->dhad->kernel.nl.sock),
			lma->dhad->kernel.nl.sock.extack);
	return ret;
}

static void unbind_kernel(struct lma *lma, const struct lma_entry *e)
{
	char p[PREFIX_STRLEN];
	int ret = kernel_proxy_del(&lma->dhad->kernel, lma->dhad->ifindex,
				   DHA_BINDING_KIND_PROXY_LMA, &e->hnp);

	if (ret && ret != -ENOENT)
		log_warn("pmip: kernel: cannot unbind %s: %s",
			 prefix_format(&e->hnp, p), strerror(-ret));
}

/* The PBA: the PBU's options echoed, the prefix filled in (5.3.6). */
static void send_pba(struct lma *lma, const struct dha_pmip_msg *pbu,
		     const struct lma_decision *d, const struct rawsock_rx *rx)
{
	struct dha_pmip_msg pba = { .type = DHA_MH_BA };
	uint8_t buf[1280];
	size_t len;
	int ret;

	pba.u.ba.status = d->status;
	pba.u.ba.flags = DHA_BA_FLAG_P;
	pba.u.ba.seq = pbu->u.bu.seq;
	pba.u.ba.lifetime = (uint16_t)(d->lifetime / 4);
	pba.opts = pbu->opts;
	pba.opts.skipped = 0;
	if (d->entry && d->status < 128 && pba.opts.hnp_count) {
		pba.opts.hnp[0].prefix = d->entry->hnp.address;
		pba.opts.hnp[0].prefix_len = d->entry->hnp.length;
	}
	if (d->status == DHA_PBA_TIMESTAMP_MISMATCH) {
		pba.opts.has_timestamp = true;
		pba.opts.timestamp = pmip_timestamp_now();
	}
	ret = dha_pmip_build(buf, sizeof(buf), &pba, &len);
	if (!ret)
		ret = mh_send(lma->listener, buf, len, &rx->destination,
			      &rx->source, NULL);
	if (ret)
		log_warn("pmip: cannot send a PBA: %s", strerror(-ret));
	if (d->status < 128)
		lma->accepted++;
	else
		lma->refused++;
}

static void carry_out(struct lma *lma, struct lma_decision *d)
{
	struct lma_entry *e = d->entry;
	char p[PREFIX_STRLEN], m[INET6_ADDRSTRLEN];
	char id[DHA_PMIP_MN_ID_MAX * 2 + 1];

	if (d->action == LMA_BIND) {
		if (bind_kernel(lma, e)) {
			d->status = DHA_BA_REASON_UNSPECIFIED;
			d->lifetime = 0;
			if (d->created) {
				drop(lma, e);
				d->entry = NULL;
			} else {
				/* The kernel keeps the registration before. */
				e->mag = d->old_mag;
				e->state = d->old_state;
				e->lifetime = d->old_lifetime;
				e->expiry_ms = d->old_expiry_ms;
			}
			return;
		}
		if (d->created || d->handoff)
			log_notice("pmip: %s %s at %s, prefix %s",
				   lma_entry_id(e, id, sizeof(id)),
				   d->created ? "registered" : "moved",
				   addr_format(&e->mag, m),
				   prefix_format(&e->hnp, p));
	} else if (d->action == LMA_UNBIND) {
		unbind_kernel(lma, e);
		log_notice("pmip: %s deregistered by %s, prefix %s kept %d s",
			   lma_entry_id(e, id, sizeof(id)),
			   addr_format(&e->mag, m), prefix_format(&e->hnp, p),
			   LMA_DELETE_DELAY_MS / 1000);
	}
	if (d->action != LMA_NOTHING)
		arm(lma, e);
}

static void on_pbu(void *arg, const struct rawsock_rx *rx)
{
	struct lma *lma = arg;
	struct lma_decision d;
	struct dha_pmip_msg pbu;
	int ret;

	ret = dha_pmip_parse(rx->buf, rx->len, &pbu);
	/* Malformed, or a Binding Update of Mobile IPv6: no answer. */
	if (ret || pbu.type != DHA_MH_BU) {
		lma->dropped++;
		mh_dropped(lma->dhad->mh, DHA_MH_BU);
		return;
	}
	lma_decide(&lma->cache, lma->config, &pbu, &rx->source,
		   loop_now_ms(lma->dhad->loop), pmip_timestamp_now(), &d);
	carry_out(lma, &d);
	if (d.status == DHA_PBA_MAG_NOT_AUTHORIZED_FOR_PROXY_REG) {
		char a[INET6_ADDRSTRLEN];

		log_warn("pmip: PBU from %s, not an authorized MAG",
			 addr_format(&rx->source, a));
	}
	send_pba(lma, &pbu, &d, rx);
}

static int restore_one(const struct kernel_binding *b, void *arg)
{
	struct lma *lma = arg;
	struct lma_entry *e;
	uint32_t lifetime = b->has_lifetime ? b->lifetime :
					      lma->config->max_lifetime;

	if (b->prefix_count != 1 ||
	    lma_cache_restore(&lma->cache, &b->prefixes[0],
			      &b->care_of_address, lifetime,
			      loop_now_ms(lma->dhad->loop), &e))
		return 0;
	arm(lma, e);
	return 0;
}

int lma_open(struct dhad *dhad, const struct pmip_config *config,
	     struct lma **out)
{
	struct lma *lma = calloc(1, sizeof(*lma));
	int ret;

	if (!lma) {
		log_err("out of memory");
		return -ENOMEM;
	}
	lma->dhad = dhad;
	lma->config = config;
	lma_cache_init(&lma->cache);
	ret = kernel_proxy_dump(&dhad->kernel, dhad->ifindex,
				DHA_BINDING_KIND_PROXY_LMA, restore_one, lma);
	if (ret) {
		log_err("pmip: kernel: cannot dump proxy bindings: %s",
			strerror(-ret));
		goto fail;
	}
	if (lma->cache.count)
		log_notice("pmip: restored %zu binding%s from the kernel",
			   lma->cache.count, lma->cache.count == 1 ? "" : "s");
	ret = mh_listen(dhad->mh, DHA_MH_BU, NULL, on_pbu, lma, &lma->listener);
	if (ret) {
		log_err("pmip: cannot take Proxy Binding Updates: %s",
			strerror(-ret));
		goto fail;
	}
	*out = lma;
	return 0;
fail:
	lma_close(lma);
	return ret;
}

void lma_close(struct lma *lma)
{
	struct lma_entry *e;

	if (!lma)
		return;
	mh_unlisten(lma->listener);
	for (e = lma->cache.entries; e; e = e->next)
		loop_timer_stop(lma->dhad->loop, &e->timer);
	lma_cache_free(&lma->cache);
	free(lma);
}

static json_object *entry_json(const struct lma *lma, const struct lma_entry *e)
{
	json_object *o = json_object_new_object();
	char p[PREFIX_STRLEN], id[DHA_PMIP_MN_ID_MAX * 2 + 1];
	uint64_t now = loop_now_ms(lma->dhad->loop);
	const char *att = dha_pmip_att_name(e->att);

	if (!o)
		return NULL;
	json_object_object_add(o, "mn-id",
			       json_object_new_string(lma_entry_id(e, id,
								   sizeof(id))));
	json_object_object_add(o, "hnp",
			       json_object_new_string(prefix_format(&e->hnp, p)));
	json_object_object_add(o, "mag", control_address_json(&e->mag));
	json_object_object_add(o, "state",
			       json_object_new_string(e->state == LMA_ENTRY_ACTIVE ?
							      "active" : "deleting"));
	json_object_object_add(o, "lifetime",
			       json_object_new_int64(e->expiry_ms > now ?
						     (int64_t)((e->expiry_ms - now + 999) / 1000) :
						     0));
	if (e->id_known)
		json_object_object_add(o, "access-technology",
				       json_object_new_string(att ? att : "unknown"));
	return o;
}

void lma_show(struct lma *lma, json_object *result)
{
	json_object *list = json_object_new_array();
	const struct lma_entry *e;

	json_object_object_add(result, "role", json_object_new_string("lma"));
	json_object_object_add(result, "address",
			       control_address_json(&lma->config->home.address));
	for (e = lma->cache.entries; list && e; e = e->next)
		json_object_array_add(list, entry_json(lma, e));
	json_object_object_add(result, "bindings", list);
	json_object_object_add(result, "accepted",
			       json_object_new_int64((int64_t)lma->accepted));
	json_object_object_add(result, "refused",
			       json_object_new_int64((int64_t)lma->refused));
	json_object_object_add(result, "dropped",
			       json_object_new_int64((int64_t)lma->dropped));
}
