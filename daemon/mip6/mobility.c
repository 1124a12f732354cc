// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Mobility Header socket and home registration I/O (mobility.h).
 *
 * Receiving: the kernel accepts a packet with a Home Address option only
 * through an xfrm state of proto hao, and delivers it to a socket only
 * through an inbound policy whose template names hao; it then swaps the
 * option with the source. Sending: the BA goes to the home address with
 * an IPV6_RTHDR type 2 header holding the care-of address, which the
 * kernel swaps onto the wire, and is checksummed by the kernel with the
 * home address as RFC 6275 6.1.1 wants.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/dha.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include "core/dhad.h"
#include "mip6/intercept.h"
#include "sys/log.h"
#include "mip6/mobility.h"
#include "sys/nlsock.h"
#include "reliability/redundancy.h"
#include "sys/ipsec.h"
#include "sys/log.h"
#include "mip6/mobility.h"
#include "sys/ratelimit.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"

#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif

/* Datagrams handled per wakeup, so the loop stays responsive. */
#define MOBILITY_BATCH 64
/* Peers whose Binding Ack and Binding Error rates are tracked, each. */
#define MOBILITY_RATELIMIT_PEERS 8192

struct mobility {
	struct dhad *dhad;
	int fd;				/* raw IPPROTO_MH */
	struct loop_io *io;
	struct nlsock xfrm;		/* NETLINK_XFRM, requests */
	struct nlsock route;		/* NETLINK_ROUTE, requests */
	bool state_installed;
	bool policy_installed;
	/* IPsec protection and answer limits (Documentation/ipsec.md). */
	struct ipsec *ipsec;
	struct ratelimit ack_limit;
	struct ratelimit error_limit;
	struct mobility_counters counters;
};

/* ---- netlink messages (pure) ---- */

static int msg_start(void *buf, size_t size, uint16_t type, uint16_t flags,
		     uint32_t seq, const void *body, size_t body_len)
{
	struct nlmsghdr *nlh = buf;
	size_t len = NLMSG_LENGTH(body_len);

	if (NLMSG_ALIGN(len) > size)
		return -ENOSPC;
	memset(buf, 0, NLMSG_ALIGN(len));
	nlh->nlmsg_len = (uint32_t)len;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags | NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	memcpy(NLMSG_DATA(nlh), body, body_len);
	return 0;
}

/* Appends an attribute (struct nlattr and struct rtattr share a layout). */
static int msg_attr(void *buf, size_t size, uint16_t type, const void *data,
		    size_t len)
{
	struct nlmsghdr *nlh = buf;
	size_t at = NLMSG_ALIGN(nlh->nlmsg_len);
	struct nlattr *nla = (struct nlattr *)((char *)buf + at);

	if (at + NLA_ALIGN(NLA_HDRLEN + len) > size)
		return -ENOSPC;
	memset(nla, 0, NLA_ALIGN(NLA_HDRLEN + len));
	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	nlh->nlmsg_len = (uint32_t)(at + NLA_ALIGN(NLA_HDRLEN + len));
	return 0;
}

static void infinite_lifetime(struct xfrm_lifetime_cfg *lft)
{
	lft->soft_byte_limit = XFRM_INF;
	lft->hard_byte_limit = XFRM_INF;
	lft->soft_packet_limit = XFRM_INF;
	lft->hard_packet_limit = XFRM_INF;
}

int mobility_xfrm_state_msg(void *buf, size_t size, bool add, uint32_t seq)
{
	xfrm_address_t any = { 0 };
	int ret;

	if (add) {
		struct xfrm_usersa_info sa = { 0 };

		sa.family = AF_INET6;
		sa.sel.family = AF_INET6;
		sa.id.proto = IPPROTO_DSTOPTS;	/* hao */
		sa.mode = XFRM_MODE_ROUTEOPTIMIZATION;
		sa.flags = XFRM_STATE_WILDRECV;
		infinite_lifetime(&sa.lft);
		ret = msg_start(buf, size, XFRM_MSG_NEWSA, NLM_F_CREATE | NLM_F_EXCL,
				seq, &sa, sizeof(sa));
		if (!ret)
			ret = msg_attr(buf, size, XFRMA_COADDR, &any, sizeof(any));
	} else {
		struct xfrm_usersa_id id = { 0 };

		id.family = AF_INET6;
		id.proto = IPPROTO_DSTOPTS;
		/* Not an IPsec protocol: looked up by addresses, not SPI. */
		ret = msg_start(buf, size, XFRM_MSG_DELSA, 0, seq, &id,
				sizeof(id));
		if (!ret)
			ret = msg_attr(buf, size, XFRMA_SRCADDR, &any, sizeof(any));
	}
	return ret ? ret : (int)((struct nlmsghdr *)buf)->nlmsg_len;
}

static void mh_selector(struct xfrm_selector *sel)
{
	sel->family = AF_INET6;
	sel->proto = IPPROTO_MH;
}

int mobility_xfrm_policy_msg(void *buf, size_t size, bool add, uint32_t seq)
{
	int ret;

	if (add) {
		struct xfrm_userpolicy_info pol = { 0 };
		struct xfrm_user_tmpl tmpl = { 0 };

		mh_selector(&pol.sel);
		pol.dir = XFRM_POLICY_IN;
		pol.priority = MOBILITY_POLICY_PRIORITY;
		pol.action = XFRM_POLICY_ALLOW;
		pol.share = XFRM_SHARE_ANY;
		infinite_lifetime(&pol.lft);
		tmpl.family = AF_INET6;
		tmpl.id.proto = IPPROTO_DSTOPTS;
		tmpl.mode = XFRM_MODE_ROUTEOPTIMIZATION;
		tmpl.optional = 1;		/* level use */
		tmpl.aalgos = ~0U;
		tmpl.ealgos = ~0U;
		tmpl.calgos = ~0U;
		ret = msg_start(buf, size, XFRM_MSG_NEWPOLICY, NLM_F_CREATE |
				NLM_F_EXCL, seq, &pol, sizeof(pol));
		if (!ret)
			ret = msg_attr(buf, size, XFRMA_TMPL, &tmpl, sizeof(tmpl));
	} else {
		struct xfrm_userpolicy_id id = { 0 };

		mh_selector(&id.sel);
		id.dir = XFRM_POLICY_IN;
		ret = msg_start(buf, size, XFRM_MSG_DELPOLICY, 0, seq, &id,
				sizeof(id));
	}
	return ret ? ret : (int)((struct nlmsghdr *)buf)->nlmsg_len;
}

int mobility_route_msg(void *buf, size_t size, bool add, uint32_t seq,
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

	ret = msg_start(buf, size, add ? RTM_NEWROUTE : RTM_DELROUTE,
			add ? NLM_F_CREATE | NLM_F_REPLACE : 0, seq, &rtm,
			sizeof(rtm));
	if (!ret)
		ret = msg_attr(buf, size, RTA_DST, dst, sizeof(*dst));
	if (!ret)
		ret = msg_attr(buf, size, RTA_OIF, &ifindex, sizeof(ifindex));
	return ret ? ret : (int)((struct nlmsghdr *)buf)->nlmsg_len;
}

int mobility_request_addresses(const struct mobility_rx *rx,
			       struct registration_request *req)
{
	struct in6_addr coa;
	int ret;

	req->has_home_address_option = false;
	memset(&req->home_address_option, 0, sizeof(req->home_address_option));
	req->source_address = rx->source;
	if (!rx->dstopts)
		return 0;
	ret = dha_dstopts_find_hao(rx->dstopts, rx->dstopts_len, &coa);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return -EBADMSG;
	req->has_home_address_option = true;
	req->home_address_option = rx->source;
	req->source_address = coa;
	return 0;
}

static int route_change(struct mobility *m, bool add,
			const struct in6_addr *dst, uint8_t length)
{
	union {
		struct nlmsghdr align;
		char buf[256];
	} req;
	char text[PREFIX_STRLEN];
	struct dhad_prefix prefix = { .address = *dst, .length = length };
	int ret;

	ret = mobility_route_msg(req.buf, sizeof(req.buf), add, ++m->route.seq,
				 dst, length, m->dhad->ifindex);
	if (ret < 0)
		return ret;
	ret = nlsock_request(&m->route, &req.align, NULL, NULL);
	if (!add && (ret == -ESRCH || ret == -ENOENT))
		ret = 0;
	if (ret)
		log_err("route %s %s dev %s: %s%s%s", add ? "add" : "del",
			prefix_format(&prefix, text), m->dhad->config.device,
			strerror(-ret), nlsock_extack_sep(&m->route),
			m->route.extack);
	return ret;
}

/* The home address and the prefixes of one binding into the device. */
static int routes_set(struct mobility *m, const struct in6_addr *hoa,
		      const struct dhad_prefix *prefixes, unsigned int count)
{
	unsigned int i;
	int ret;

	ret = route_change(m, true, hoa, 128);
	for (i = 0; !ret && i < count; i++)
		ret = route_change(m, true, &prefixes[i].address,
				   prefixes[i].length);
	return ret;
}

static void routes_del(struct mobility *m, const struct in6_addr *hoa,
		       const struct dhad_prefix *prefixes, unsigned int count)
{
	unsigned int i;

	route_change(m, false, hoa, 128);
	for (i = 0; i < count; i++)
		route_change(m, false, &prefixes[i].address,
			     prefixes[i].length);
}

/* The prefixes of an updated binding that the update no longer has. */
static void routes_drop_old(struct mobility *m, const struct cache_entry *old,
			    const struct registration_decision *d)
{
	unsigned int i, j;

	for (i = 0; i < old->prefix_count; i++) {
		for (j = 0; j < d->prefix_count; j++)
			if (prefix_equal(&old->prefixes[i], &d->prefixes[j]))
				break;
		if (j == d->prefix_count)
			route_change(m, false, &old->prefixes[i].address,
				     old->prefixes[i].length);
	}
}

void mobility_binding_gone(struct dhad *dhad, const struct cache_entry *entry)
{
	intercept_binding_gone(dhad, &entry->home_address);
	if (dhad->mobility)
		routes_del(dhad->mobility, &entry->home_address,
			   entry->prefixes, entry->prefix_count);
}

/* ---- xfrm ---- */

static int xfrm_install(struct mobility *m)
{
	struct nlsock *nl = &m->xfrm;
	union {
		struct nlmsghdr align;
		char buf[512];
	} req;
	int ret;

	ret = mobility_xfrm_state_msg(req.buf, sizeof(req.buf), true, ++nl->seq);
	if (ret >= 0)
		ret = nlsock_request(nl, &req.align, NULL, NULL);
	if (ret == -EEXIST) {
		log_info("xfrm: the wildcard hao state exists already; kept");
	} else if (ret == -EPROTONOSUPPORT || ret == -EINVAL) {
		log_err("xfrm: cannot add the state \"src :: dst :: proto hao mode ro coa :: flag wildrecv\": %s%s%s (is the kernel built with CONFIG_IPV6_MIP6?)",
			strerror(-ret), nlsock_extack_sep(nl), nl->extack);
		return ret;
	} else if (ret) {
		log_err("xfrm: cannot add the state \"src :: dst :: proto hao mode ro coa :: flag wildrecv\": %s%s%s",
			strerror(-ret), nlsock_extack_sep(nl), nl->extack);
		return ret;
	} else {
		m->state_installed = true;
	}

	ret = mobility_xfrm_policy_msg(req.buf, sizeof(req.buf), true,
				       ++nl->seq);
	if (ret >= 0)
		ret = nlsock_request(nl, &req.align, NULL, NULL);
	if (ret == -EEXIST) {
		log_info("xfrm: an inbound policy for proto 135 exists already; kept");
	} else if (ret) {
		log_err("xfrm: cannot add the policy \"dir in proto 135 tmpl proto hao mode ro level use\": %s%s%s",
			strerror(-ret), nlsock_extack_sep(nl), nl->extack);
		return ret;
	} else {
		m->policy_installed = true;
	}
	return 0;
}

static void xfrm_remove(struct mobility *m)
{
	struct nlsock *nl = &m->xfrm;
	union {
		struct nlmsghdr align;
		char buf[512];
	} req;
	int ret;

	if (m->policy_installed) {
		ret = mobility_xfrm_policy_msg(req.buf, sizeof(req.buf), false,
					       ++nl->seq);
		if (ret >= 0)
			ret = nlsock_request(nl, &req.align, NULL, NULL);
		if (ret && ret != -ENOENT)
			log_warn("xfrm: cannot remove the proto 135 policy: %s%s%s",
				 strerror(-ret), nlsock_extack_sep(nl),
				 nl->extack);
		m->policy_installed = false;
	}
	if (m->state_installed) {
		ret = mobility_xfrm_state_msg(req.buf, sizeof(req.buf), false,
					      ++nl->seq);
		if (ret >= 0)
			ret = nlsock_request(nl, &req.align, NULL, NULL);
		if (ret && ret != -ESRCH && ret != -ENOENT)
			log_warn("xfrm: cannot remove the hao state: %s%s%s",
				 strerror(-ret), nlsock_extack_sep(nl),
				 nl->extack);
		m->state_installed = false;
	}
}

/* ---- sending ---- */

static void mh_send(struct mobility *m, const struct dha_mh_msg *msg,
		    const struct in6_addr *src, const struct in6_addr *dst,
		    const struct in6_addr *rh2_addr)
{
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo)) +
			    CMSG_SPACE(DHA_RH2_LEN)];
	} ctl;
	uint8_t pkt[DHA_MH_MAX_LEN], rh2[DHA_RH2_LEN];
	struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_addr = *dst };
	struct in6_pktinfo pi = { .ipi6_addr = *src };
	struct iovec iov = { .iov_base = pkt };
	struct msghdr hdr = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf,
	};
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	struct cmsghdr *c;
	size_t len, rh2_len = 0;
	int ret;

	ret = dha_mh_build(pkt, sizeof(pkt), msg, &len);
	if (!ret && rh2_addr)
		ret = dha_rh2_build(rh2, sizeof(rh2), DHA_IPPROTO_MH, rh2_addr,
				    &rh2_len);
	if (ret) {
		log_err("mobility: cannot build MH type %u: %s", msg->type,
			strerror(-ret));
		return;
	}
	iov.iov_len = len;
	memset(&ctl, 0, sizeof(ctl));
	hdr.msg_controllen = CMSG_SPACE(sizeof(pi)) +
			     (rh2_addr ? CMSG_SPACE(rh2_len) : 0);
	/* Laid out by hand: CMSG_FIRSTHDR() confuses -Warray-bounds. */
	c = &ctl.align;
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	if (rh2_addr) {
		c = (struct cmsghdr *)(ctl.buf + CMSG_SPACE(sizeof(pi)));
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_RTHDR;
		c->cmsg_len = CMSG_LEN(rh2_len);
		memcpy(CMSG_DATA(c), rh2, rh2_len);
	}
	if (sendmsg(m->fd, &hdr, 0) < 0)
		log_warn("mobility: sending MH type %u to %s%s%s: %s",
			 msg->type, addr_format(dst, a), rh2_addr ? " via " : "",
			 rh2_addr ? addr_format(rh2_addr, b) : "",
			 strerror(errno));
}

/*
 * Whether an answer to peer (the packet's source on the wire) may go:
 * per-peer token buckets, as RFC 6275 9.3.3 requires for Binding Errors
 * and as any answer to a forgeable source needs (ratelimit.h).
 */
static bool answer_allowed(struct mobility *m, bool ack,
			   const struct in6_addr *peer)
{
	const struct dhad_config *config = &m->dhad->config;
	struct mobility_counters *counters = &m->counters;
	char text[INET6_ADDRSTRLEN];

	if (ack ? ratelimit_allow(&m->ack_limit, peer,
				  loop_now_ms(m->dhad->loop),
				  config->ack_rate, config->ack_burst) :
		  ratelimit_allow(&m->error_limit, peer,
				  loop_now_ms(m->dhad->loop),
				  config->error_rate, config->error_burst)) {
		if (ack)
			counters->acks_sent++;
		else
			counters->errors_sent++;
		return true;
	}
	if (ack)
		counters->acks_rate_limited++;
	else
		counters->errors_rate_limited++;
	log_debug("mobility: Binding %s to %s not sent: rate limit",
		  ack ? "Ack" : "Error", addr_format(peer, text));
	return false;
}

/*
 * RFC 6275 9.2/9.3.3: a Binding Error goes to the packet's source on the
 * wire (the care-of address), naming the home address, with no routing
 * header.
 */
static void send_binding_error(struct mobility *m,
			       const struct registration_request *req,
			       const struct mobility_rx *rx, uint8_t status)
{
	struct dha_mh_msg be = { .type = DHA_MH_BE };

	if (!answer_allowed(m, false, &req->source_address))
		return;

	be.u.be.status = status;
	if (req->has_home_address_option)
		be.u.be.home_addr = req->home_address_option;
	mh_send(m, &be, &rx->destination, &req->source_address, NULL);
}

/*
 * RFC 5142: the Home Agent Switch goes to the home address through a type
 * 2 routing header to the care-of address, as a Binding Ack does, so that
 * the mobile node takes it like one (and the security association between
 * home agent and home address can cover it); from this home agent's
 * address, where the mobile node registered.
 */
void mobility_send_ha_switch(struct mobility *m,
			     const struct in6_addr *home_address,
			     const struct in6_addr *care_of_address,
			     const struct in6_addr *home_agents,
			     unsigned int count)
{
	struct dha_mh_msg has = { .type = DHA_MH_HA_SWITCH };

	if (count > DHA_MH_HAS_ADDRS_MAX) {
		log_err("mobility: %u home agents do not fit a Home Agent Switch",
			count);
		return;
	}
	has.u.has.addr_count = count;
	if (count)
		memcpy(has.u.has.addrs, home_agents,
		       count * sizeof(*home_agents));
	mh_send(m, &has, &m->dhad->config.address, home_address,
		care_of_address);
}

void mobility_send_binding_error(struct dhad *dhad, const struct in6_addr *src,
				 const struct in6_addr *dst,
				 const struct in6_addr *home_address,
				 uint8_t status)
{
	struct dha_mh_msg be = { .type = DHA_MH_BE };

	if (!dhad->mobility)
		return;
	be.u.be.status = status;
	be.u.be.home_addr = *home_address;
	mh_send(dhad->mobility, &be, src, dst, NULL);
}

/* ---- receiving ---- */

/* The home address is one of this host's (RFC 6275 10.3.1, in part). */
static bool address_is_local(const struct in6_addr *addr)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_addr = *addr };
	int fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool local;

	if (fd < 0)
		return false;
	local = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
		errno == EADDRINUSE;
	close(fd);
	return local;
}

/* Applies an accepted CREATE or UPDATE; false if the kernel refused it. */
static bool apply_binding(struct mobility *m,
			  const struct registration_decision *d,
			  struct cache_entry *existing, uint16_t sequence)
{
	struct dhad *dhad = m->dhad;
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
	addr_format(&d->home_address, hoa);
	addr_format(&d->care_of_address, coa);
	ret = kernel_binding_set(&dhad->kernel, dhad->ifindex, &kb);
	if (ret) {
		log_err("kernel: cannot set binding %s coa %s: %s%s%s", hoa, coa,
			strerror(-ret), dhad->kernel.extack[0] ? ": " : "",
			dhad->kernel.extack);
		return false;
	}
	if (existing)
		routes_drop_old(m, existing, d);
	if (routes_set(m, &d->home_address, d->prefixes, d->prefix_count)) {
		kernel_binding_del(&dhad->kernel, dhad->ifindex,
				   &d->home_address);
		routes_del(m, &d->home_address, d->prefixes, d->prefix_count);
		if (existing)
			cache_remove(&dhad->cache, existing);
		return false;
	}
	intercept_binding_set(dhad, &d->home_address, d->flags, !existing);
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
	/* A copy not yet adopted (adoption.h) is the kernel's now. */
	entry->synced = false;
	entry->care_of_address = d->care_of_address;
	entry->sequence = sequence;
	entry->flags = d->flags;
	entry->prefix_count = d->prefix_count;
	memcpy(entry->prefixes, d->prefixes, sizeof(entry->prefixes));
	cache_set_lifetime(&dhad->cache, entry, d->lifetime);
	log_info("binding %s coa %s lifetime %u s%s", hoa, coa, d->lifetime,
		 existing ? " (renewed)" : "");
	redundancy_binding_changed(dhad->redundancy, &d->home_address);
	return true;
}

static void apply_deletion(struct mobility *m, struct cache_entry *existing)
{
	struct dhad *dhad = m->dhad;
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	addr_format(&existing->home_address, hoa);
	ret = kernel_binding_del(&dhad->kernel, dhad->ifindex,
				 &existing->home_address);
	if (ret && ret != -ENOENT)
		log_err("kernel: cannot delete binding %s: %s%s%s", hoa,
			strerror(-ret), dhad->kernel.extack[0] ? ": " : "",
			dhad->kernel.extack);
	routes_del(m, &existing->home_address, existing->prefixes,
		   existing->prefix_count);
	intercept_binding_gone(dhad, &existing->home_address);
	redundancy_binding_changed(dhad->redundancy, &existing->home_address);
	cache_remove(&dhad->cache, existing);
	log_info("binding %s deregistered", hoa);
}

int mobility_commit(struct dhad *dhad, struct cache_entry *entry)
{
	struct mobility *m = dhad->mobility;
	struct kernel_binding kb = { 0 };
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	kb.home_address = entry->home_address;
	kb.care_of_address = entry->care_of_address;
	kb.kind = DHA_BINDING_KIND_HOME;
	kb.has_lifetime = entry->lifetime != 0;
	kb.lifetime = cache_lifetime_left(&dhad->cache, entry);
	if (kb.has_lifetime && !kb.lifetime)
		kb.lifetime = 1;
	kb.prefix_count = entry->prefix_count;
	memcpy(kb.prefixes, entry->prefixes, sizeof(kb.prefixes));
	addr_format(&entry->home_address, hoa);
	ret = kernel_binding_set(&dhad->kernel, dhad->ifindex, &kb);
	if (ret) {
		log_err("kernel: cannot commit binding %s: %s%s%s", hoa,
			strerror(-ret), dhad->kernel.extack[0] ? ": " : "",
			dhad->kernel.extack);
		return ret;
	}
	ret = routes_set(m, &entry->home_address, entry->prefixes,
			 entry->prefix_count);
	if (ret)
		log_err("rtnetlink: routes of %s not all set: %s", hoa,
			strerror(-ret));
	/* New to this home link's neighbours: announce it (10.4.1). */
	intercept_binding_set(dhad, &entry->home_address, entry->flags, true);
	entry->synced = false;
	redundancy_binding_adopted(dhad->redundancy, &entry->home_address);
	return 0;
}

void mobility_uncommit(struct dhad *dhad, struct cache_entry *entry)
{
	struct mobility *m = dhad->mobility;
	char hoa[INET6_ADDRSTRLEN];
	int ret;

	/* First: the kernel's deletion event then finds it synced. */
	entry->synced = true;
	ret = kernel_binding_del(&dhad->kernel, dhad->ifindex,
				 &entry->home_address);
	if (ret && ret != -ENOENT)
		log_err("kernel: cannot withdraw binding %s: %s",
			addr_format(&entry->home_address, hoa), strerror(-ret));
	routes_del(m, &entry->home_address, entry->prefixes,
		   entry->prefix_count);
	intercept_binding_gone(dhad, &entry->home_address);
}

static void handle_bu(struct mobility *m, const struct dha_mh_msg *msg,
		      const struct mobility_rx *rx)
{
	struct dhad *dhad = m->dhad;
	struct registration_request req = { 0 };
	struct registration_ctx ctx = {
		.config = &dhad->config,
		.binding_count = dhad->cache.count,
	};
	struct registration_decision d;
	struct cache_entry *existing;
	char src[INET6_ADDRSTRLEN];

	/* A standby member of a redundant set serves nobody (yet). */
	if (!redundancy_serving(dhad->redundancy)) {
		log_debug("mobility: BU from %s dropped: standby home agent",
			  addr_format(&rx->source, src));
		return;
	}
	req.bu = &msg->u.bu;
	req.options = &msg->opts;
	if (mobility_request_addresses(rx, &req)) {
		log_debug("mobility: BU from %s: malformed destination options; dropped",
			  addr_format(&rx->source, src));
		return;
	}
	/* The socket's source is the home address in both cases. */
	existing = cache_lookup(&dhad->cache, &rx->source);
	/* From the inbound policies the kernel enforced (ipsec.h). */
	req.ipsec_protected = ipsec_mh_protected(m->ipsec, &rx->source,
						 &rx->destination, DHA_MH_BU);
	req.home_address_in_use = !existing && address_is_local(&rx->source);
	registration_decide(&ctx, &req, existing, &d);
	/* RFC 5142: the answer to a Home Agent Switch, or a refused renewal. */
	haswitch_binding_update(&dhad->haswitch, &d);

	switch (d.outcome) {
	case REGISTRATION_DISCARDED:
		m->counters.unprotected_discarded += d.unprotected;
		log_debug("mobility: BU for %s discarded%s",
			  addr_format(&rx->source, src),
			  d.unprotected ? ": not protected by IPsec" : "");
		return;
	case REGISTRATION_BINDING_ERROR:
		send_binding_error(m, &req, rx, d.binding_error_status);
		return;
	case REGISTRATION_ACCEPTED:
		if (d.action == REGISTRATION_ACTION_CREATE ||
		    d.action == REGISTRATION_ACTION_UPDATE) {
			if (!apply_binding(m, &d, existing, msg->u.bu.seq))
				registration_forwarding_failed(&d);
		} else if (d.action == REGISTRATION_ACTION_DELETE && existing) {
			apply_deletion(m, existing);
		}
		break;
	case REGISTRATION_REJECTED:
		log_info("BU for %s seq %u refused: status %u",
			 addr_format(&rx->source, src), msg->u.bu.seq, d.status);
		break;
	}
	if (d.send_ack && answer_allowed(m, true, &req.source_address)) {
		struct dha_mh_msg ba = { .type = DHA_MH_BA };

		ba.u.ba.status = d.status;
		ba.u.ba.flags = d.ack_flags;
		ba.u.ba.seq = d.sequence;
		ba.u.ba.lifetime = d.lifetime_units;
		/*
		 * To the home address, through a type 2 routing header to
		 * the care-of address the BU came from (RFC 6275 9.5.4).
		 */
		mh_send(m, &ba, &rx->destination, &rx->source,
			req.has_home_address_option ? &req.source_address :
						      NULL);
	}
}

static void handle_datagram(struct mobility *m, const uint8_t *buf,
			    size_t len, const struct mobility_rx *rx)
{
	struct dha_mh_msg msg;
	struct registration_request req = { 0 };
	char src[INET6_ADDRSTRLEN];
	int ret;

	ret = dha_mh_parse(buf, len, &msg);
	if (ret == -EPROTONOSUPPORT) {
		if (mobility_request_addresses(rx, &req))
			return;
		log_debug("mobility: unknown MH type %u from %s", msg.type,
			  addr_format(&req.source_address, src));
		send_binding_error(m, &req, rx, DHA_BE_UNKNOWN_MH_TYPE);
		return;
	}
	if (ret) {
		log_debug("mobility: malformed MH from %s dropped (fault %d at %zu)",
			  addr_format(&rx->source, src), (int)msg.fault,
			  msg.fault_offset);
		return;
	}
	if (msg.type == DHA_MH_BU)
		handle_bu(m, &msg, rx);
	else if (msg.type != DHA_MH_EXPERIMENTAL)	/* redundancy.c's */
		log_debug("mobility: MH type %u from %s ignored", msg.type,
			  addr_format(&rx->source, src));
}

static void mobility_io(struct loop_io *io, int fd, int events, void *arg)
{
	struct mobility *m = arg;
	int i;

	(void)io;
	(void)events;
	for (i = 0; i < MOBILITY_BATCH; i++) {
		union {
			struct cmsghdr align;
			uint8_t buf[1024];
		} ctl;
		uint8_t buf[DHA_MH_MAX_LEN + 8];
		struct sockaddr_in6 from;
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr hdr = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
		};
		struct mobility_rx rx = { 0 };
		bool have_dst = false;
		struct cmsghdr *c;
		ssize_t n;

		n = recvmsg(fd, &hdr, MSG_DONTWAIT);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR)
				log_warn("mobility: recvmsg: %s", strerror(errno));
			return;
		}
		rx.source = from.sin6_addr;
		for (c = CMSG_FIRSTHDR(&hdr); c; c = CMSG_NXTHDR(&hdr, c)) {
			if (c->cmsg_level != IPPROTO_IPV6)
				continue;
			if (c->cmsg_type == IPV6_PKTINFO &&
			    c->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo))) {
				struct in6_pktinfo pi;

				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				rx.destination = pi.ipi6_addr;
				have_dst = true;
			} else if (c->cmsg_type == IPV6_DSTOPTS) {
				rx.dstopts = CMSG_DATA(c);
				rx.dstopts_len = c->cmsg_len - CMSG_LEN(0);
			}
		}
		if (!have_dst || (hdr.msg_flags & (MSG_TRUNC | MSG_CTRUNC)))
			continue;
		handle_datagram(m, buf, (size_t)n, &rx);
	}
}

/* ---- start and stop ---- */

static int mh_socket(void)
{
	static const int on = 1;
	static const int opts[] = { IPV6_RECVPKTINFO, IPV6_RECVDSTOPTS };
	int fd, err;
	size_t i;

	/*
	 * The kernel's checksum stays on (offset 4): it verifies received
	 * BUs over the swapped header, i.e. with the home address, and
	 * computes ours with the home address as final destination.
	 */
	fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    IPPROTO_MH);
	if (fd < 0)
		return -errno;
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (setsockopt(fd, IPPROTO_IPV6, opts[i], &on, sizeof(on)) < 0) {
			err = -errno;
			close(fd);
			return err;
		}
	}
	return fd;
}

int mobility_open(struct dhad *dhad, struct mobility **out)
{
	struct mobility *m = calloc(1, sizeof(*m));
	int ret;

	if (!m) {
		log_err("out of memory");
		return -ENOMEM;
	}
	m->dhad = dhad;
	m->fd = m->xfrm.fd = m->route.fd = -1;
	ret = nlsock_open(&m->xfrm, NETLINK_XFRM);
	if (ret) {
		log_err("xfrm: cannot open a NETLINK_XFRM socket: %s",
			strerror(-ret));
		goto fail;
	}
	ret = nlsock_open(&m->route, NETLINK_ROUTE);
	if (ret) {
		log_err("rtnetlink: cannot open a socket: %s", strerror(-ret));
		goto fail;
	}
	ret = ratelimit_init(&m->ack_limit, MOBILITY_RATELIMIT_PEERS);
	if (!ret)
		ret = ratelimit_init(&m->error_limit, MOBILITY_RATELIMIT_PEERS);
	if (ret) {
		log_err("mobility: rate limits: %s", strerror(-ret));
		goto fail;
	}
	ret = ipsec_open(dhad->loop, &m->ipsec);
	if (ret)
		goto fail;
	ret = xfrm_install(m);
	if (ret)
		goto fail;
	m->fd = mh_socket();
	if (m->fd < 0) {
		ret = m->fd;
		log_err("mobility: cannot open a raw IPPROTO_MH socket: %s",
			strerror(-ret));
		goto fail;
	}
	m->io = loop_io_add(dhad->loop, m->fd, LOOP_READ, mobility_io, m);
	if (!m->io) {
		ret = -ENOMEM;
		log_err("out of memory");
		goto fail;
	}
	*out = m;
	return 0;
fail:
	mobility_close(m);
	return ret;
}

const struct ipsec *mobility_ipsec(const struct dhad *dhad)
{
	return dhad->mobility ? dhad->mobility->ipsec : NULL;
}

void mobility_close(struct mobility *m)
{
	if (!m)
		return;
	loop_io_del(m->io);
	if (m->fd >= 0)
		close(m->fd);
	if (m->xfrm.fd >= 0)
		xfrm_remove(m);
	nlsock_close(&m->xfrm);
	nlsock_close(&m->route);
	ipsec_close(m->ipsec);
	ratelimit_destroy(&m->ack_limit);
	ratelimit_destroy(&m->error_limit);
	free(m);
}

void mobility_counters_get(const struct mobility *m,
			   struct mobility_counters *out)
{
	*out = m->counters;
	out->ipsec_policies = ipsec_policy_count(m->ipsec);
}
