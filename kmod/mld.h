/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_MLD_H
#define _DHA_MLD_H

#include <linux/in6.h>
#include <linux/skbuff.h>

/* @listen: whether the sender now listens to @group (from any source). */
typedef void (*dha_mld_visit_t)(const struct in6_addr *group, bool listen,
				void *arg);

bool dha_mld_parse(struct sk_buff *skb, dha_mld_visit_t visit, void *arg);

#endif /* _DHA_MLD_H */
