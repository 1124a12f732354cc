/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_NETLINK_H
#define _DHA_NETLINK_H

#include <linux/dha.h>

struct dha_dev;
struct dha_binding;

void dha_nl_notify_binding(struct dha_dev *dd, struct dha_binding *b,
			   u8 cmd, enum dha_del_reason reason);
int dha_nl_init(void);
void dha_nl_exit(void);

#endif /* _DHA_NETLINK_H */
