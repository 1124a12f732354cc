// SPDX-License-Identifier: GPL-2.0-only
/* The Mobile Access Gateway (mag.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/dha.h>
#include <linux/netlink.h>

#include "core/dhad.h"
#include "core/icmp.h"
#include "core/mh.h"
#include "pmip/access.h"
#include "pmip/config.h"
#include "pmip/mag.h"
#include "pmip/mnid.h"
#include "pmip/timestamp.h"
#include "sys/lladdr.h"
#include "sys/log.h"
#include "wire/ndisc.h"
#include "wire/numbers.h"
#include "wire/pmip.h"

/*
 * RFC 5213 6.9.4: the first PBA is awaited InitialBindackTimeoutFirstReg
 * (1 s), doubling; the MAG gives up after MAG_PBU_TRIES. A binding is
 * refreshed at 80% of its lifetime; the node gets an RA every
 * MAG_RA_INTERVAL_MS (MaxRtrAdvInterval) and after each PBA.
 */
#define MAG_PBU_TIMEOUT_MS 1000
#define MAG_PBU_TRIES 5
#define MAG_REQUESTED_LIFETIME PMIP_DEFAULT_MAX_LIFETIME
#define MAG_RA_INTERVAL_MS 10000
#define MAG_LINK_POLL_MS 500
#define MAG_RA_ROUTER_LIFETIME 1800
#define MAG_PREFIX_VALID 3600
#define MAG_PREFIX_PREFERRED 1800

enum mn_state {
	MN_REGISTERING,
	MN_REGISTERED,
};

struct mag_mn {
	struct mag_mn *next;
	struct mag *mag;
	char id[MNID_MAX];
	bool has_mac;
	uint8_t mac[LLADDR_ETHER_LEN];
	char ifname[IF_NAMESIZE];
	unsigned int ifindex;
	struct in6_addr node_ll;	/* its RS's source; :: unknown */
	enum mn_state state;
	bool has_hnp;
	struct dhad_prefix hnp;
	uint16_t seq;			/* of the PBU awaiting its PBA */
	unsigned int tries;
	uint32_t lifetime;		/* granted, seconds */
	struct loop_timer pbu_timer;	/* retransmission or refresh */
	struct loop_timer ra_timer;
};

struct mag {
	struct dhad *dhad;
	const struct pmip_config *config;
	struct nlsock route;
	struct mh_listener *listener;
	struct mag_mn *nodes;
	uint16_t seq;
	struct loop_timer link_timer;
	bool rs_listening;
	uint64_t pbu_sent, pba_accepted, pba_refused, dropped;
};

static struct mag_mn *find_by_id(struct mag *mag, const char *id)
{
	struct mag_mn *mn;

	for (mn = mag->nodes; mn; mn = mn->next)
		if (strcmp(mn->id, id) == 0)
			return mn;
	return NULL;
}

static bool access_link(const struct mag *mag, const char *ifname)
{
	unsigned int i;

	for (i = 0; i < mag->config->access_link_count; i++)
		if (strcmp(mag->config->access_links[i], ifname) == 0)
			return true;
	return false;
}

/* ---- Router Advertisements ---- */

static void send_ra(struct mag_mn *mn)
{
	static const struct in6_addr all_nodes = {
		.s6_addr = { 0xff, 0x02, [15] = 1 } };
	struct mag *mag = mn->mag;
	struct dha_ra ra = {
		.cur_hop_limit = 64,
		.router_lifetime = MAG_RA_ROUTER_LIFETIME,
		.prefix_count = 1,
	};
	uint8_t buf[256];
	size_t len;
	int ret;

	ra.prefixes[0].prefix = mn->hnp.address;
	ra.prefixes[0].prefix_len = mn->hnp.length;
	ra.prefixes[0].flags = DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A;
	ra.prefixes[0].valid_lifetime = MAG_PREFIX_VALID;
	ra.prefixes[0].preferred_lifetime = MAG_PREFIX_PREFERRED;
	if (!lladdr_read(mn->ifname, ra.source_lladdr.addr,
			 &ra.source_lladdr.len) && ra.source_lladdr.len)
		ra.has_source_lladdr = true;
	ret = dha_ra_build(buf, sizeof(buf), &ra, &len);
	/* Unicast to the node (RFC 5213 6.7); all-nodes when its address is unknown. */
	if (!ret)
		ret = icmp_send(mag->dhad->icmp, buf, len,
				&mag->config->link_local,
				IN6_IS_ADDR_UNSPECIFIED(&mn->node_ll) ?
					&all_nodes : &mn->node_ll,
				mn->ifindex, 255, NULL);
	if (ret)
		log_warn("pmip: RA to %s on %s: %s", mn->id, mn->ifname,
			 strerror(-ret));
	loop_timer_start(mag->dhad->loop, &mn->ra_timer, MAG_RA_INTERVAL_MS);
}

static void ra_due(struct loop_timer *timer)
{
	struct mag_mn *mn = container_of(timer, struct mag_mn, ra_timer);

	if (mn->state == MN_REGISTERED)
		send_ra(mn);
}

/* ---- Proxy Binding Updates ---- */

static int send_pbu(struct mag_mn *mn, uint16_t lifetime_s, uint8_t handoff)
{
	struct mag *mag = mn->mag;
	struct dha_pmip_msg pbu = { .type = DHA_MH_BU };
	uint8_t buf[512];
	size_t len;
	int ret;

	pbu.u.bu.seq = mn->seq;
	pbu.u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_P;
	pbu.u.bu.lifetime = (uint16_t)(lifetime_s / 4);
	pbu.opts.has_mn_id = true;
	pbu.opts.mn_id_subtype = DHA_MN_ID_NAI;
	pbu.opts.mn_id = (const uint8_t *)mn->id;
	pbu.opts.mn_id_len = strlen(mn->id);
	pbu.opts.hnp_count = 1;
	if (mn->has_hnp) {
		pbu.opts.hnp[0].prefix = mn->hnp.address;
		pbu.opts.hnp[0].prefix_len = mn->hnp.length;
	}
	pbu.opts.has_handoff = true;
	pbu.opts.handoff = handoff;
	pbu.opts.has_att = true;
	pbu.opts.att = DHA_ATT_IEEE_802_3;
	if (mn->has_mac) {
		pbu.opts.has_ll_id = true;
		pbu.opts.ll_id = mn->mac;
		pbu.opts.ll_id_len = sizeof(mn->mac);
	}
	pbu.opts.has_timestamp = true;
	pbu.opts.timestamp = pmip_timestamp_now();
	ret = dha_pmip_build(buf, sizeof(buf), &pbu, &len);
	if (!ret)
		ret = mh_send(mag->listener, buf, len, &mag->config->home.address,
			      &mag->config->lma, NULL);
	if (ret)
		log_warn("pmip: PBU for %s: %s", mn->id, strerror(-ret));
	else
		mag->pbu_sent++;
	return ret;
}

/* A (re)registration: a new sequence number, the first try. */
static void register_mn(struct mag_mn *mn)
{
	struct mag *mag = mn->mag;

	mn->seq = ++mag->seq;
	mn->tries = 0;
	mn->state = mn->state == MN_REGISTERED ? MN_REGISTERED :
						 MN_REGISTERING;
	send_pbu(mn, MAG_REQUESTED_LIFETIME,
		 mn->has_hnp ? DHA_HI_NOT_CHANGED : DHA_HI_UNKNOWN);
	mn->tries = 1;
	loop_timer_start(mag->dhad->loop, &mn->pbu_timer, MAG_PBU_TIMEOUT_MS);
}

static void forget(struct mag_mn *mn);

/* Undoes the node's forwarding here: binding, on-link route. */
static void unbind(struct mag_mn *mn)
{
	struct mag *mag = mn->mag;
	int ret;

	if (!mn->has_hnp)
		return;
	ret = kernel_proxy_del(&mag->dhad->kernel, mag->dhad->ifindex,
			       DHA_BINDING_KIND_PROXY_MAG, &mn->hnp);
	if (ret && ret != -ENOENT)
		log_warn("pmip: kernel: cannot unbind %s: %s", mn->id,
			 strerror(-ret));
	if (mn->ifindex)
		access_route(&mag->route, false, mn->ifindex, &mn->hnp);
}

static void pbu_due(struct loop_timer *timer)
{
	struct mag_mn *mn = container_of(timer, struct mag_mn, pbu_timer);
	struct mag *mag = mn->mag;

	if (mn->tries == 0) {
		register_mn(mn);	/* a refresh is due */
		return;
	}
	if (mn->tries >= MAG_PBU_TRIES) {
		log_warn("pmip: no PBA from the LMA for %s after %u tries",
			 mn->id, mn->tries);
		unbind(mn);
		forget(mn);
		return;
	}
	send_pbu(mn, MAG_REQUESTED_LIFETIME,
		 mn->has_hnp ? DHA_HI_NOT_CHANGED : DHA_HI_UNKNOWN);
	loop_timer_start(mag->dhad->loop, &mn->pbu_timer,
			 (uint64_t)MAG_PBU_TIMEOUT_MS << mn->tries);
	mn->tries++;
}

static void forget(struct mag_mn *mn)
{
	struct mag *mag = mn->mag;
	struct mag_mn **p;

	loop_timer_stop(mag->dhad->loop, &mn->pbu_timer);
	loop_timer_stop(mag->dhad->loop, &mn->ra_timer);
	for (p = &mag->nodes; *p; p = &(*p)->next) {
		if (*p == mn) {
			*p = mn->next;
			break;
		}
	}
	free(mn);
}

/* Detachment: deregistration (once, unanswered), then nothing left here. */
static void detach(struct mag_mn *mn, const char *why)
{
	log_notice("pmip: %s detached from %s (%s)", mn->id, mn->ifname, why);
	if (mn->has_hnp) {
		mn->seq = ++mn->mag->seq;
		send_pbu(mn, 0, DHA_HI_UNKNOWN);
	}
	unbind(mn);
	forget(mn);
}

static struct mag_mn *attach(struct mag *mag, const char *id,
			     const char *ifname, unsigned int ifindex)
{
	struct mag_mn *mn = calloc(1, sizeof(*mn));

	if (!mn) {
		log_err("out of memory");
		return NULL;
	}
	mn->mag = mag;
	snprintf(mn->id, sizeof(mn->id), "%s", id);
	snprintf(mn->ifname, sizeof(mn->ifname), "%s", ifname);
	mn->ifindex = ifindex;
	timer_init(&mn->pbu_timer, pbu_due);
	timer_init(&mn->ra_timer, ra_due);
	mn->next = mag->nodes;
	mag->nodes = mn;
	log_notice("pmip: %s attached on %s", id, ifname);
	register_mn(mn);
	return mn;
}

/* ---- Proxy Binding Acknowledgements ---- */

/* The PBA accepted a registration: forwarding, then the node's RA. */
static void registered(struct mag_mn *mn, const struct dha_pmip_msg *pba)
{
	struct mag *mag = mn->mag;
	const struct dha_pmip_hnp *hnp = &pba->opts.hnp[0];
	struct kernel_binding b = {
		.kind = DHA_BINDING_KIND_PROXY_MAG,
		.care_of_address = mag->config->lma,
		.has_local = true,
		.local = mag->config->home.address,
		.has_lifetime = true,
		.prefix_count = 1,
	};
	char p[PREFIX_STRLEN];
	bool first = mn->state == MN_REGISTERING;
	int ret;

	if (!pba->opts.hnp_count || hnp->prefix_len != PMIP_HNP_LENGTH ||
	    IN6_IS_ADDR_UNSPECIFIED(&hnp->prefix) ||
	    (mn->has_hnp && memcmp(&mn->hnp.address, &hnp->prefix, 16))) {
		log_warn("pmip: PBA for %s without a usable prefix", mn->id);
		mag->dropped++;
		return;
	}
	mn->hnp.address = hnp->prefix;
	mn->hnp.length = hnp->prefix_len;
	mn->has_hnp = true;
	mn->lifetime = (uint32_t)pba->u.ba.lifetime * 4;
	b.prefixes[0] = mn->hnp;
	/* The kernel keeps it a little past the refresh, never for ever. */
	b.lifetime = mn->lifetime;
	ret = kernel_proxy_set(&mag->dhad->kernel, mag->dhad->ifindex, &b);
	if (!ret)
		ret = access_add_link_local(&mag->route, mn->ifindex,
					    &mag->config->link_local);
	if (!ret)
		ret = access_route(&mag->route, true, mn->ifindex, &mn->hnp);
	if (ret) {
		log_err("pmip: cannot forward for %s: %s", mn->id,
			strerror(-ret));
		detach(mn, "forwarding failed");
		return;
	}
	mn->state = MN_REGISTERED;
	mn->tries = 0;
	loop_timer_start(mag->dhad->loop, &mn->pbu_timer,
			 (uint64_t)mn->lifetime * 800);
	if (first)
		log_notice("pmip: %s registered, prefix %s", mn->id,
			   prefix_format(&mn->hnp, p));
	send_ra(mn);
}

static void on_pba(void *arg, const struct rawsock_rx *rx)
{
	struct mag *mag = arg;
	struct dha_pmip_msg pba;
	char id[MNID_MAX];
	struct mag_mn *mn;

	if (dha_pmip_parse(rx->buf, rx->len, &pba) || pba.type != DHA_MH_BA ||
	    memcmp(&rx->source, &mag->config->lma, sizeof(rx->source)) ||
	    !pba.opts.has_mn_id || pba.opts.mn_id_len >= sizeof(id)) {
		mag->dropped++;
		mh_dropped(mag->dhad->mh, DHA_MH_BA);
		return;
	}
	memcpy(id, pba.opts.mn_id, pba.opts.mn_id_len);
	id[pba.opts.mn_id_len] = '\0';
	mn = find_by_id(mag, id);
	if (!mn || mn->tries == 0 || pba.u.ba.seq != mn->seq) {
		mag->dropped++;		/* late, or for a node gone */
		return;
	}
	if (pba.u.ba.status >= 128) {
		const char *name = dha_pba_status_name(pba.u.ba.status);

		mag->pba_refused++;
		log_warn("pmip: the LMA refused %s: status %u%s%s", mn->id,
			 pba.u.ba.status, name ? " " : "", name ? name : "");
		unbind(mn);
		forget(mn);
		return;
	}
	mag->pba_accepted++;
	registered(mn, &pba);
}

/* ---- attachment detection ---- */

static void on_rs(void *arg, const struct rawsock_rx *rx)
{
	struct mag *mag = arg;
	char ifname[IF_NAMESIZE], id[MNID_MAX];
	struct dha_rs rs;
	struct mag_mn *mn;
	unsigned int bad;
	FILE *map;
	int ret;

	if (rx->hop_limit != 255 || !if_indextoname(rx->ifindex, ifname) ||
	    !access_link(mag, ifname) ||
	    dha_rs_parse(rx->buf, rx->len, &rx->source, &rs) ||
	    !rs.has_source_lladdr ||
	    rs.source_lladdr.len < LLADDR_ETHER_LEN) {
		icmp_dropped(mag->dhad->icmp, DHA_ICMP6_ROUTER_SOLICIT);
		return;
	}
	if (mag->config->mn_id_mode == PMIP_MN_ID_FILE) {
		map = fopen(mag->config->mn_id_file, "re");
		ret = map ? mnid_lookup(map, rs.source_lladdr.addr,
					LLADDR_ETHER_LEN, id, &bad) : -errno;
		if (map)
			fclose(map);
		if (ret == -EINVAL)
			log_warn("pmip: %s:%u: malformed line",
				 mag->config->mn_id_file, bad);
		if (ret)
			return;		/* not a node of ours */
	} else {
		mnid_from_mac(rs.source_lladdr.addr, LLADDR_ETHER_LEN, id);
	}
	mn = find_by_id(mag, id);
	if (mn && mn->ifindex != rx->ifindex) {
		detach(mn, "seen on another access link");
		mn = NULL;
	}
	if (!mn) {
		mn = attach(mag, id, ifname, rx->ifindex);
		if (!mn)
			return;
		mn->has_mac = true;
		memcpy(mn->mac, rs.source_lladdr.addr, LLADDR_ETHER_LEN);
	}
	mn->node_ll = rx->source;
	if (mn->state == MN_REGISTERED)
		send_ra(mn);
}

/* Access links that lost their carrier, or went away, detach their nodes. */
static void poll_links(struct loop_timer *timer)
{
	struct mag *mag = container_of(timer, struct mag, link_timer);
	struct mag_mn *mn, *next;

	for (mn = mag->nodes; mn; mn = next) {
		next = mn->next;
		if (if_nametoindex(mn->ifname) != mn->ifindex)
			detach(mn, "link gone");
		else if (!access_running(mn->ifname))
			detach(mn, "link down");
	}
	loop_timer_start(mag->dhad->loop, &mag->link_timer, MAG_LINK_POLL_MS);
}

/* ---- commands ---- */

static bool string_member(json_object *object, const char *name,
			  const char **out)
{
	json_object *value;

	if (!json_object_object_get_ex(object, name, &value) ||
	    !json_object_is_type(value, json_type_string))
		return false;
	*out = json_object_get_string(value);
	return true;
}

static json_object *request(struct control_call *call)
{
	char why[CONTROL_ERROR_MAX];
	size_t len;
	const char *line = control_call_line(call, &len);
	json_object *object = control_request_object(line, len, why);

	if (!object)
		control_fail(call, "%s", why);
	return object;
}

static bool id_valid(const char *id)
{
	size_t len = strlen(id), i;

	if (!len || len > DHA_PMIP_MN_ID_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
			return false;
	return true;
}

void mag_run_attach(struct mag *mag, struct control_call *call)
{
	json_object *object = request(call);
	const char *id, *dev;
	unsigned int ifindex;

	if (!object)
		return;
	if (!string_member(object, "mn-id", &id) || !id_valid(id)) {
		control_fail(call, "pmip-attach needs \"mn-id\", 1 to %d printable characters",
			     DHA_PMIP_MN_ID_MAX);
	} else if (!string_member(object, "dev", &dev) ||
		   !access_link(mag, dev)) {
		control_fail(call, "pmip-attach needs \"dev\", an access link of [pmip]");
	} else if (!(ifindex = if_nametoindex(dev))) {
		control_fail(call, "%s: no such interface", dev);
	} else if (find_by_id(mag, id)) {
		control_fail(call, "%s is attached already", id);
	} else if (!attach(mag, id, dev, ifindex)) {
		control_fail(call, "out of memory");
	} else {
		control_reply(call, json_object_new_object());
	}
	json_object_put(object);
}

void mag_run_detach(struct mag *mag, struct control_call *call)
{
	json_object *object = request(call);
	struct mag_mn *mn;
	const char *id;

	if (!object)
		return;
	if (!string_member(object, "mn-id", &id)) {
		control_fail(call, "pmip-detach needs \"mn-id\"");
	} else if (!(mn = find_by_id(mag, id))) {
		control_fail(call, "%s is not attached", id);
	} else {
		detach(mn, "command");
		control_reply(call, json_object_new_object());
	}
	json_object_put(object);
}

/* ---- show ---- */

void mag_show(struct mag *mag, json_object *result)
{
	json_object *list = json_object_new_array();
	const struct mag_mn *mn;
	char p[PREFIX_STRLEN];

	json_object_object_add(result, "role", json_object_new_string("mag"));
	json_object_object_add(result, "address",
			       control_address_json(&mag->config->home.address));
	json_object_object_add(result, "lma",
			       control_address_json(&mag->config->lma));
	for (mn = mag->nodes; list && mn; mn = mn->next) {
		json_object *o = json_object_new_object();

		if (!o)
			break;
		json_object_object_add(o, "mn-id", json_object_new_string(mn->id));
		json_object_object_add(o, "dev", json_object_new_string(mn->ifname));
		json_object_object_add(o, "state",
				       json_object_new_string(mn->state == MN_REGISTERED ?
								      "registered" : "registering"));
		if (mn->has_hnp)
			json_object_object_add(o, "hnp",
					       json_object_new_string(prefix_format(&mn->hnp, p)));
		json_object_object_add(o, "lma",
				       control_address_json(&mag->config->lma));
		json_object_object_add(o, "lifetime",
				       json_object_new_int64(mn->lifetime));
		json_object_array_add(list, o);
	}
	json_object_object_add(result, "nodes", list);
	json_object_object_add(result, "pbu-sent",
			       json_object_new_int64((int64_t)mag->pbu_sent));
	json_object_object_add(result, "accepted",
			       json_object_new_int64((int64_t)mag->pba_accepted));
	json_object_object_add(result, "refused",
			       json_object_new_int64((int64_t)mag->pba_refused));
	json_object_object_add(result, "dropped",
			       json_object_new_int64((int64_t)mag->dropped));
}

/* ---- life ---- */

int mag_open(struct dhad *dhad, const struct pmip_config *config,
	     struct mag **out)
{
	struct mag *mag = calloc(1, sizeof(*mag));
	int ret;

	if (!mag) {
		log_err("out of memory");
		return -ENOMEM;
	}
	mag->dhad = dhad;
	mag->config = config;
	timer_init(&mag->link_timer, poll_links);
	ret = nlsock_open(&mag->route, NETLINK_ROUTE);
	if (ret) {
		log_err("rtnetlink: cannot open a socket: %s", strerror(-ret));
		free(mag);
		return ret;
	}
	ret = mh_listen(dhad->mh, DHA_MH_BA, NULL, on_pba, mag, &mag->listener);
	if (ret) {
		log_err("pmip: cannot take Proxy Binding Acknowledgements: %s",
			strerror(-ret));
		goto fail;
	}
	ret = icmp_listen(dhad->icmp, DHA_ICMP6_ROUTER_SOLICIT, on_rs, mag);
	if (ret) {
		log_err("pmip: cannot take Router Solicitations: %s",
			strerror(-ret));
		goto fail;
	}
	mag->rs_listening = true;
	loop_timer_start(dhad->loop, &mag->link_timer, MAG_LINK_POLL_MS);
	*out = mag;
	return 0;
fail:
	mag_close(mag);
	return ret;
}

void mag_close(struct mag *mag)
{
	if (!mag)
		return;
	loop_timer_stop(mag->dhad->loop, &mag->link_timer);
	while (mag->nodes)
		forget(mag->nodes);
	if (mag->rs_listening)
		icmp_unlisten(mag->dhad->icmp, DHA_ICMP6_ROUTER_SOLICIT);
	mh_unlisten(mag->listener);
	nlsock_close(&mag->route);
	free(mag);
}
