/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DHA_RECEIVE_H
#define _DHA_RECEIVE_H

int dha_receive_init(void);
void dha_receive_exit(void);

#endif /* _DHA_RECEIVE_H */
