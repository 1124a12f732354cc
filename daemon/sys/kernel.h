/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's client of the kernel fast path: the "dha" generic netlink
 * family (Documentation/netlink.md) and, to create the dha device, the
 * rtnetlink link API. Everything runs in the network namespace of the
 * process.
 *
 * Requests are synchronous on one socket; notifications arrive on a
 * second socket, read without blocking, that the event loop watches, so
 * that a notification never gets mixed into a request's answers. Both
 * are lib/'s (genl.h, nlsock.h).
 */
#ifndef DHAD_KERNEL_H
#define DHAD_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/netlink.h>

#include "genl.h"
#include "sys/addr.h"

/* The kernel's limit of prefixes per binding. */
#define KERNEL_PREFIXES_MAX 16

struct kernel {
	/* Requests; nl.sock.extack: the text of the last failed one. */
	struct dha_nl nl;
	struct nlsock events;		/* notifications, read non-blocking */
};

/*
 * A binding as the kernel holds it. Proxy bindings (kind
 * DHA_BINDING_KIND_PROXY_*) have no home address: prefixes[0] is their
 * home network prefix, care_of_address the tunnel's far end (the
 * serving MAG of a proxy-lma binding, the LMA of a proxy-mag one),
 * local its near end.
 */
struct kernel_binding {
	struct in6_addr home_address;
	struct in6_addr care_of_address;
	uint32_t kind;			/* DHA_BINDING_KIND_*; 0: home */
	bool has_local;
	struct in6_addr local;		/* proxy bindings */
	bool has_lifetime;		/* false: never expires */
	uint32_t lifetime;		/* seconds (left, in replies) */
	unsigned int prefix_count;
	struct dhad_prefix prefixes[KERNEL_PREFIXES_MAX];
	uint32_t del_reason;		/* DHA_DEL_REASON_*, notifications */
	bool link_local;		/* its link-local address too (L) */
	bool advertise;			/* requests: announce it on the home link */
};

/*
 * Opens the request socket and resolves the family. -ENOENT: the family
 * is not registered (module not loaded).
 */
int kernel_open(struct kernel *kernel);
void kernel_close(struct kernel *kernel);

/*
 * The ifindex of the dha device name, created (and brought up) if there
 * is no such link. -EEXIST: a link of that name is not a dha device.
 * created tells whether it was made now.
 */
int kernel_ensure_device(struct kernel *kernel, const char *name,
			 uint32_t *ifindex, bool *created);
/* Sets the device's tunnel source address (dev-set local). */
int kernel_set_local(struct kernel *kernel, uint32_t ifindex,
		     const struct in6_addr *local);

/*
 * Adds or removes a peer home agent of the device (peer-new, peer-del):
 * an address whose IPv6-in-IPv6 tunnels the device takes in, the far
 * end of an HA-to-HA link. -EEXIST: already one; -ENOENT: none.
 */
int kernel_peer_change(struct kernel *kernel, uint32_t ifindex, bool add,
		       const struct in6_addr *peer);

/*
 * Attaches the device to its home link (home_link, an ifindex) with the
 * prefixes it intercepts for, or with home_link 0 detaches it (dev-set
 * home-link, home-prefix).
 */
int kernel_set_home(struct kernel *kernel, uint32_t ifindex,
		    uint32_t home_link, const struct dhad_prefix *prefixes,
		    unsigned int count);

/*
 * The kernel's answer to request index of a batch: 0 or a negative
 * errno, with the extended ack's text ("" if none).
 */
typedef nlsock_answer_fn kernel_answer_fn;

/*
 * n requests in as few datagrams as carry them: each one as
 * kernel_binding_set() (or, with del, kernel_binding_del() of its home
 * address) would make it, in order, answered through fn. A takeover
 * commits thousands of bindings: one round trip each would cost more
 * than the kernel's work. Returns 0, or a negative errno when the
 * socket failed; the requests left without an answer are answered
 * with it.
 */
int kernel_binding_batch(struct kernel *kernel, uint32_t ifindex, bool del,
			 const struct kernel_binding *bindings, size_t n,
			 kernel_answer_fn fn, void *arg);

/* Adds or replaces a home binding (NLM_F_CREATE | NLM_F_REPLACE). */
int kernel_binding_set(struct kernel *kernel, uint32_t ifindex,
		       const struct kernel_binding *binding);
int kernel_binding_del(struct kernel *kernel, uint32_t ifindex,
		       const struct in6_addr *home_address);

typedef int (*kernel_binding_fn)(const struct kernel_binding *binding,
				 void *arg);
/* Dumps the device's home bindings; fn's nonzero return aborts. */
int kernel_binding_dump(struct kernel *kernel, uint32_t ifindex,
			kernel_binding_fn fn, void *arg);

/*
 * Proxy bindings (PMIPv6): set (create or replace) one, delete the one
 * of kind keyed by prefix, dump those of kind.
 */
int kernel_proxy_set(struct kernel *kernel, uint32_t ifindex,
		     const struct kernel_binding *binding);
int kernel_proxy_del(struct kernel *kernel, uint32_t ifindex, uint32_t kind,
		     const struct dhad_prefix *prefix);
int kernel_proxy_dump(struct kernel *kernel, uint32_t ifindex, uint32_t kind,
		      kernel_binding_fn fn, void *arg);

/*
 * The load figures the module keeps for the device (kmod/load.h),
 * sampled by it once a second: moving averages of the tunnelled rates
 * and the packets waiting in its egress queue now.
 */
struct kernel_load {
	uint64_t tx_bps, rx_bps;	/* bit/s: encapsulated, decapsulated */
	uint64_t tx_pps, rx_pps;
	uint32_t queue_len;		/* packets */
};

/* The device's load figures (a dev-get request). */
int kernel_device_load(struct kernel *kernel, uint32_t ifindex,
		       struct kernel_load *load);

/*
 * Opens the non-blocking notification socket, joined to "events".
 * Returns its descriptor, for the event loop.
 */
int kernel_events_open(struct kernel *kernel);

/* cmd: DHA_CMD_BINDING_NEW_NTF or DHA_CMD_BINDING_DEL_NTF. */
typedef void (*kernel_event_fn)(uint8_t cmd, uint32_t ifindex,
				const struct kernel_binding *binding,
				void *arg);
/*
 * Reads every pending notification. Returns 0 when the socket is
 * drained, -ENOBUFS when notifications were lost (the caller must
 * resynchronise by dumping), another negative errno on failure.
 */
int kernel_events_read(struct kernel *kernel, kernel_event_fn fn, void *arg);

/*
 * A pure decoder, exposed for the unit tests and the fuzzer: the
 * attributes of a binding reply or notification (the genl payload after
 * the genl header, len bytes): 0 and *ifindex, *binding filled, or
 * -EBADMSG.
 */
int kernel_parse_binding(const void *attrs, size_t len, uint32_t *ifindex,
			 struct kernel_binding *binding);
/*
 * The same for a device reply's load figures (in its stats nest): 0,
 * or -EBADMSG when one is missing or malformed.
 */
int kernel_parse_load(const void *attrs, size_t len, struct kernel_load *load);

#endif /* DHAD_KERNEL_H */
