/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Binding events for the family's "events" multicast group. The device
 * sends one for each binding that expires; this header is all it needs
 * of the netlink side.
 */
#ifndef _DHA_NL_NOTIFY_H
#define _DHA_NL_NOTIFY_H

#include <linux/dha.h>

struct dha_dev;
struct dha_binding;

void dha_nl_notify_binding(struct dha_dev *dd, struct dha_binding *b,
			   u8 cmd, enum dha_del_reason reason);

#endif /* _DHA_NL_NOTIFY_H */
