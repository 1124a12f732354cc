/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small raw generic netlink helper for the dha selftests.
 *
 * One struct dhanl is one socket bound in the caller's network namespace
 * at the time of dhanl_open(). Requests are built in a struct dhamsg (a
 * fixed buffer with a nest stack). Every function returns 0 or a negative
 * errno; the last extack message and offset are kept in the socket.
 */
#ifndef DHA_SELFTEST_DHANL_H
#define DHA_SELFTEST_DHANL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#define DHAMSG_SIZE	16384
#define DHANL_RXBUF	(64 * 1024)

struct dhanl {
	int fd;
	uint16_t family;
	uint32_t version;
	uint32_t events_grp;	/* 0 if the family has no "events" group */
	uint32_t seq;
	uint32_t portid;
	/* extack of the last error received */
	char ext_msg[256];
	bool has_ext_msg;
	uint32_t ext_offs;
	bool has_ext_offs;
	/* NLMSGERR_ATTR_MISS_TYPE: a required attribute was missing */
	uint32_t miss_type;
	bool has_miss_type;
	char *rx;
};

struct dhamsg {
	union {
		struct nlmsghdr nlh;
		char buf[DHAMSG_SIZE];
	};
	int depth;
	size_t nest[8];
	bool overflow;
};

/* A parsed attribute table: tb[type] or NULL. */
#define DHANL_TB_MAX	32
typedef const struct nlattr *dhanl_tb[DHANL_TB_MAX + 1];

/* Called for every reply message that is not an ack/error/done. */
typedef int (*dhanl_cb)(const struct nlmsghdr *nlh, void *arg);

int dhanl_open(struct dhanl *nl);
/* Open a plain NETLINK_GENERIC socket without resolving the family. */
int dhanl_open_raw(struct dhanl *nl);
void dhanl_close(struct dhanl *nl);
int dhanl_resolve(struct dhanl *nl, const char *name);
int dhanl_join_events(struct dhanl *nl);
int dhanl_set_rcvbuf(struct dhanl *nl, int bytes);

void dhamsg_init(struct dhamsg *m, uint16_t type, uint8_t cmd, uint16_t flags);
void dhamsg_put(struct dhamsg *m, uint16_t type, const void *data, size_t len);
void dhamsg_put_u8(struct dhamsg *m, uint16_t type, uint8_t v);
void dhamsg_put_u32(struct dhamsg *m, uint16_t type, uint32_t v);
void dhamsg_put_in6(struct dhamsg *m, uint16_t type, const struct in6_addr *a);
void dhamsg_nest_start(struct dhamsg *m, uint16_t type);
void dhamsg_nest_end(struct dhamsg *m);

/* Send one message as it is (seq is assigned); returns seq or -errno. */
int dhanl_send(struct dhanl *nl, struct dhamsg *m);
/* Send a buffer holding several complete netlink messages. */
int dhanl_send_raw(struct dhanl *nl, const void *buf, size_t len);

/*
 * Receive until the ack/error/done for @seq; replies go to @cb. Returns
 * the error carried by the ack (0 or -errno). Errors for other sequence
 * numbers are counted in *@others if not NULL. @timeout_ms < 0 waits
 * forever; a timeout returns -ETIMEDOUT.
 */
int dhanl_wait(struct dhanl *nl, uint32_t seq, dhanl_cb cb, void *arg,
	       unsigned int *others, int timeout_ms);

/* Send with NLM_F_ACK and wait. */
int dhanl_do(struct dhanl *nl, struct dhamsg *m, dhanl_cb cb, void *arg);
/* Send with NLM_F_DUMP and collect every message. */
int dhanl_dump(struct dhanl *nl, struct dhamsg *m, dhanl_cb cb, void *arg);

/* Receive one netlink datagram (e.g. a notification); returns its length. */
int dhanl_recv(struct dhanl *nl, int timeout_ms);

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
int dha_binding_new(struct dhanl *nl, int ifindex, uint16_t flags,
		    const struct dha_binding_req *b);
int dha_binding_del(struct dhanl *nl, int ifindex, const char *hoa,
		    uint32_t kind);
int dha_binding_flush(struct dhanl *nl, int ifindex, uint32_t kind);

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
int dha_binding_get(struct dhanl *nl, int ifindex, const char *hoa,
		    struct dha_binding_info *bi);
/* Count bindings in a dump (ifindex 0: all devices; kind 0: all). */
int dha_binding_count(struct dhanl *nl, int ifindex, uint32_t kind);

struct dha_dev_info {
	int ifindex;
	char ifname[32];
	bool has_local, has_stats;
	struct in6_addr local;
	uint32_t bindings, globals, peers;
	uint64_t stats[32];
};

int dha_dev_get(struct dhanl *nl, int ifindex, struct dha_dev_info *di);
int dha_dev_set_local(struct dhanl *nl, int ifindex, const char *addr);
int dha_peer(struct dhanl *nl, uint8_t cmd, int ifindex, const char *addr);

/* Environment helpers */
struct in6_addr dha_in6(const char *s);
/* Create a dha device in the current netns; returns its ifindex or -errno. */
int dha_create_dev(const char *name);
/* Run a shell command quietly; returns its exit status. */
int dha_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* /proc/sys/kernel/tainted bits that mean the kernel complained. */
unsigned long dha_taint_bad(void);

#endif
