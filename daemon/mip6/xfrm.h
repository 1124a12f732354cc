/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What lets a Binding Update with a Home Address option reach the home
 * agent: Linux accepts such a packet only through an xfrm state of
 * proto hao, and delivers it to a socket only through an inbound policy
 * whose template names hao. The home agent installs both at start,
 * unless they are there already (then they are someone else's and left
 * alone), and removes its own when it stops.
 */
#ifndef DHAD_MIP6_XFRM_H
#define DHAD_MIP6_XFRM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nlsock.h"

struct xfrm_hao {
	struct nlsock nl;		/* NETLINK_XFRM, requests */
	bool state_installed;
	bool policy_installed;
};

/* Opens the socket and installs both. 0 or a negative errno, logged. */
int xfrm_hao_install(struct xfrm_hao *x);
/* Removes what xfrm_hao_install() installed, and closes. */
void xfrm_hao_remove(struct xfrm_hao *x);

/* ---- the requests, pure, exposed for the unit tests ---- */

/*
 * Built into buf (size bytes, aligned for nlmsghdr): the length of the
 * message, or -ENOSPC.
 *
 * The wildcard Home Address option state: src :: dst :: proto hao mode
 * ro coa :: flag wildrecv (add), or its deletion.
 */
int xfrm_hao_state_msg(void *buf, size_t size, bool add, uint32_t seq);
/*
 * The inbound policy for the Mobility Header: dir in proto 135 tmpl
 * proto hao mode ro level use (add), or its deletion. Its priority is
 * XFRM_MH_POLICY_PRIORITY: of matching policies the kernel uses the one
 * of the lowest value, the oldest on a tie (measured in
 * selftests/mnemu/README.md), so a policy requiring ESP for a home
 * address, at a priority below this, is the one enforced whenever it
 * was added.
 */
#define XFRM_MH_POLICY_PRIORITY 2147483647U
int xfrm_mh_policy_msg(void *buf, size_t size, bool add, uint32_t seq);

#endif /* DHAD_MIP6_XFRM_H */
