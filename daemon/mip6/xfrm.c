// SPDX-License-Identifier: GPL-2.0-only
/* The hao xfrm state and the Mobility Header's policy (xfrm.h). */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>

#include "mip6/xfrm.h"
#include "nlbuild.h"
#include "sys/log.h"
#include "wire/numbers.h"

static void infinite_lifetime(struct xfrm_lifetime_cfg *lft)
{
	lft->soft_byte_limit = XFRM_INF;
	lft->hard_byte_limit = XFRM_INF;
	lft->soft_packet_limit = XFRM_INF;
	lft->hard_packet_limit = XFRM_INF;
}

int xfrm_hao_state_msg(void *buf, size_t size, bool add, uint32_t seq)
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
		ret = nlbuild_start(buf, size, XFRM_MSG_NEWSA,
				    NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq,
				    &sa, sizeof(sa));
		if (!ret)
			ret = nlbuild_attr(buf, size, XFRMA_COADDR, &any,
					   sizeof(any));
	} else {
		struct xfrm_usersa_id id = { 0 };

		id.family = AF_INET6;
		id.proto = IPPROTO_DSTOPTS;
		/* Not an IPsec protocol: looked up by addresses, not SPI. */
		ret = nlbuild_start(buf, size, XFRM_MSG_DELSA, NLM_F_ACK, seq,
				    &id, sizeof(id));
		if (!ret)
			ret = nlbuild_attr(buf, size, XFRMA_SRCADDR, &any,
					   sizeof(any));
	}
	return ret ? ret : nlbuild_len(buf);
}

static void mh_selector(struct xfrm_selector *sel)
{
	sel->family = AF_INET6;
	sel->proto = DHA_IPPROTO_MH;
}

int xfrm_mh_policy_msg(void *buf, size_t size, bool add, uint32_t seq)
{
	int ret;

	if (add) {
		struct xfrm_userpolicy_info pol = { 0 };
		struct xfrm_user_tmpl tmpl = { 0 };

		mh_selector(&pol.sel);
		pol.dir = XFRM_POLICY_IN;
		pol.priority = XFRM_MH_POLICY_PRIORITY;
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
		ret = nlbuild_start(buf, size, XFRM_MSG_NEWPOLICY,
				    NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq,
				    &pol, sizeof(pol));
		if (!ret)
			ret = nlbuild_attr(buf, size, XFRMA_TMPL, &tmpl,
					   sizeof(tmpl));
	} else {
		struct xfrm_userpolicy_id id = { 0 };

		mh_selector(&id.sel);
		id.dir = XFRM_POLICY_IN;
		ret = nlbuild_start(buf, size, XFRM_MSG_DELPOLICY, NLM_F_ACK,
				    seq, &id, sizeof(id));
	}
	return ret ? ret : nlbuild_len(buf);
}

int xfrm_hao_install(struct xfrm_hao *x)
{
	struct nlsock *nl = &x->nl;
	union {
		struct nlmsghdr align;
		char buf[512];
	} req;
	int ret;

	ret = nlsock_open(nl, NETLINK_XFRM);
	if (ret) {
		log_err("xfrm: cannot open a NETLINK_XFRM socket: %s",
			strerror(-ret));
		return ret;
	}
	ret = xfrm_hao_state_msg(req.buf, sizeof(req.buf), true, ++nl->seq);
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
		x->state_installed = true;
	}

	ret = xfrm_mh_policy_msg(req.buf, sizeof(req.buf), true, ++nl->seq);
	if (ret >= 0)
		ret = nlsock_request(nl, &req.align, NULL, NULL);
	if (ret == -EEXIST) {
		log_info("xfrm: an inbound policy for proto 135 exists already; kept");
	} else if (ret) {
		log_err("xfrm: cannot add the policy \"dir in proto 135 tmpl proto hao mode ro level use\": %s%s%s",
			strerror(-ret), nlsock_extack_sep(nl), nl->extack);
		return ret;
	} else {
		x->policy_installed = true;
	}
	return 0;
}

void xfrm_hao_remove(struct xfrm_hao *x)
{
	struct nlsock *nl = &x->nl;
	union {
		struct nlmsghdr align;
		char buf[512];
	} req;
	int ret;

	if (nl->fd < 0)
		return;
	if (x->policy_installed) {
		ret = xfrm_mh_policy_msg(req.buf, sizeof(req.buf), false,
					 ++nl->seq);
		if (ret >= 0)
			ret = nlsock_request(nl, &req.align, NULL, NULL);
		if (ret && ret != -ENOENT)
			log_warn("xfrm: cannot remove the proto 135 policy: %s%s%s",
				 strerror(-ret), nlsock_extack_sep(nl),
				 nl->extack);
		x->policy_installed = false;
	}
	if (x->state_installed) {
		ret = xfrm_hao_state_msg(req.buf, sizeof(req.buf), false,
					 ++nl->seq);
		if (ret >= 0)
			ret = nlsock_request(nl, &req.align, NULL, NULL);
		if (ret && ret != -ESRCH && ret != -ENOENT)
			log_warn("xfrm: cannot remove the hao state: %s%s%s",
				 strerror(-ret), nlsock_extack_sep(nl),
				 nl->extack);
		x->state_installed = false;
	}
	nlsock_close(nl);
}
