/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A netlink request built by hand in the caller's buffer (size octets,
 * aligned for struct nlmsghdr), for the fixed-layout requests whose
 * octets the unit tests pin: the header and its family header, then
 * attributes. NLM_F_REQUEST and NLM_F_ACK are always set.
 */
#ifndef DHAD_NLBUILD_H
#define DHAD_NLBUILD_H

#include <stddef.h>
#include <stdint.h>

/* 0, or -ENOSPC when buf is too small. */
int nlbuild_start(void *buf, size_t size, uint16_t type, uint16_t flags,
		  uint32_t seq, const void *body, size_t body_len);
/* Appends an attribute (struct nlattr and struct rtattr share a layout). */
int nlbuild_attr(void *buf, size_t size, uint16_t type, const void *data,
		 size_t len);
/* The request's length so far. */
int nlbuild_len(const void *buf);

#endif /* DHAD_NLBUILD_H */
