/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A netlink request built by hand in the caller's buffer (size octets,
 * aligned for struct nlmsghdr), for the fixed-layout requests whose
 * octets the unit tests pin and for the selftests' deliberately odd
 * ones: the header and its family header, then attributes, nests
 * included. libnl's struct nl_msg serves everything else.
 */
#ifndef DHA_LIB_NLBUILD_H
#define DHA_LIB_NLBUILD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Starts a request of type with flags (NLM_F_REQUEST is added; ask for
 * NLM_F_ACK here), numbered seq, its family header body_len octets of
 * body. 0, or -ENOSPC when buf is too small.
 */
int nlbuild_start(void *buf, size_t size, uint16_t type, uint16_t flags,
		  uint32_t seq, const void *body, size_t body_len);
/*
 * Appends an attribute (struct nlattr and struct rtattr share a layout).
 * 0, -ENOSPC when buf is too small, -EMSGSIZE when len does not fit an
 * attribute's length. data may be NULL when len is 0.
 */
int nlbuild_attr(void *buf, size_t size, uint16_t type, const void *data,
		 size_t len);
/*
 * Opens a nested attribute (NLA_F_NESTED set): its offset, to give to
 * nlbuild_nest_end() once its attributes are in, or -ENOSPC.
 */
int nlbuild_nest_start(void *buf, size_t size, uint16_t type);
void nlbuild_nest_end(void *buf, int offset);
/* The request's length so far. */
int nlbuild_len(const void *buf);

#endif /* DHA_LIB_NLBUILD_H */
