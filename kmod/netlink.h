/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_NETLINK_H
#define _DHA_NETLINK_H

int dha_nl_init(void);
void dha_nl_exit(void);

#endif /* _DHA_NETLINK_H */
