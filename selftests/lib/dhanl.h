/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dha selftests' side of netlink, on lib/ (genl.h, nlsock.h,
 * nlbuild.h): struct dha_nl is lib/'s socket of the "dha" family, opened
 * in the caller's network namespace by dha_nl_open(); its extended ack
 * is in nl->sock.extack, nl->sock.has_missing_type and missing_type.
 *
 * Requests are built by hand in a struct dhamsg (a fixed buffer with a
 * nest stack, so that tests can also build odd ones) and sent with a
 * timeout. Every function returns 0 or a negative errno.
 */
#ifndef DHA_SELFTEST_DHANL_H
#define DHA_SELFTEST_DHANL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#include "genl.h"

#define DHAMSG_SIZE	16384

struct dhamsg {
	union {
		struct nlmsghdr nlh;
		char buf[DHAMSG_SIZE];
	};
	int depth;
	int nest[8];
	bool overflow;
};

/* A parsed attribute table: tb[type] or NULL. */
#define DHANL_TB_MAX	32
typedef const struct nlattr *dhanl_tb[DHANL_TB_MAX + 1];

/* Called for every reply message that is not an ack/error/done. */
typedef nlsock_msg_fn dhanl_cb;

void dhamsg_init(struct dhamsg *m, uint16_t type, uint8_t cmd, uint16_t flags);
void dhamsg_put(struct dhamsg *m, uint16_t type, const void *data, size_t len);
void dhamsg_put_u8(struct dhamsg *m, uint16_t type, uint8_t v);
void dhamsg_put_u32(struct dhamsg *m, uint16_t type, uint32_t v);
void dhamsg_put_in6(struct dhamsg *m, uint16_t type, const struct in6_addr *a);
void dhamsg_nest_start(struct dhamsg *m, uint16_t type);
void dhamsg_nest_end(struct dhamsg *m);

/* Send one message as it is (seq is assigned); returns seq or -errno. */
int dhanl_send(struct dha_nl *nl, struct dhamsg *m);
/* Send with NLM_F_ACK and wait (20 s at most). */
int dhanl_do(struct dha_nl *nl, struct dhamsg *m, dhanl_cb cb, void *arg);
/* Send with NLM_F_DUMP and collect every message (60 s at most). */
int dhanl_dump(struct dha_nl *nl, struct dhamsg *m, dhanl_cb cb, void *arg);

/* Attributes */
void dhanl_parse(dhanl_tb tb, const void *data, size_t len);
void dhanl_parse_nest(dhanl_tb tb, const struct nlattr *nest);
/* Parse the attributes following the genl header of @nlh. */
void dhanl_parse_msg(dhanl_tb tb, const struct nlmsghdr *nlh);
uint8_t dhanl_u8(const struct nlattr *a);
uint32_t dhanl_u32(const struct nlattr *a);
/* NLA_UINT: 4 or 8 bytes. */
uint64_t dhanl_uint(const struct nlattr *a);
bool dhanl_in6(const struct nlattr *a, struct in6_addr *out);
int dhanl_len(const struct nlattr *a);
const void *dhanl_data(const struct nlattr *a);

/* Convenience wrappers for dha requests. */
struct dha_binding_req {
	const char *hoa;	/* required unless hoa_raw */
	const char *coa;
	const char *ha;
	uint32_t lifetime;	/* 0: attribute absent */
	uint32_t kind;		/* 0: attribute absent */
	const char *prefixes[17];	/* "addr/len", NULL-terminated */
};

void dha_put_binding(struct dhamsg *m, const struct dha_binding_req *b);
int dha_binding_new(struct dha_nl *nl, int ifindex, uint16_t flags,
		    const struct dha_binding_req *b);
int dha_binding_del(struct dha_nl *nl, int ifindex, const char *hoa,
		    uint32_t kind);
int dha_binding_flush(struct dha_nl *nl, int ifindex, uint32_t kind);

/* One binding as read back. */
struct dha_binding_info {
	int ifindex;
	struct in6_addr hoa;
	uint32_t kind;
	bool has_coa, has_ha, has_lifetime, has_stats, has_del_reason;
	struct in6_addr coa, ha;
	uint32_t lifetime;
	uint32_t del_reason;
	int nprefix;
	struct in6_addr prefix[17];
	uint8_t plen[17];
	uint64_t tx_packets, rx_packets;
};

int dha_binding_parse(const struct nlmsghdr *nlh, struct dha_binding_info *bi);
int dha_binding_get(struct dha_nl *nl, int ifindex, const char *hoa,
		    struct dha_binding_info *bi);
/* Count bindings in a dump (ifindex 0: all devices; kind 0: all). */
int dha_binding_count(struct dha_nl *nl, int ifindex, uint32_t kind);

struct dha_dev_info {
	int ifindex;
	char ifname[32];
	bool has_local, has_stats;
	struct in6_addr local;
	uint32_t bindings, globals, peers;
	uint64_t stats[32];
	uint32_t home_link;		/* 0: none */
};

int dha_dev_get(struct dha_nl *nl, int ifindex, struct dha_dev_info *di);
int dha_dev_set_local(struct dha_nl *nl, int ifindex, const char *addr);
int dha_peer(struct dha_nl *nl, uint8_t cmd, int ifindex, const char *addr);

/* Environment helpers */
struct in6_addr dha_in6(const char *s);
/* Create a dha device in the current netns; returns its ifindex or -errno. */
int dha_create_dev(const char *name);
/* Run a shell command quietly; returns its exit status. */
int dha_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* /proc/sys/kernel/tainted bits that mean the kernel complained. */
unsigned long dha_taint_bad(void);

#endif
