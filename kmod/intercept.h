/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_INTERCEPT_H
#define _DHA_INTERCEPT_H

#include <net/net_namespace.h>

int dha_intercept_start(struct net *net);
void dha_intercept_stop(struct net *net);

#endif /* _DHA_INTERCEPT_H */
