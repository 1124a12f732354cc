// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnemu flood: many mobile nodes behind one care-of address registering
 * at once, for `make bench`.
 *
 * The Binding Acks come to the care-of address with a type 2 routing
 * header naming the home address.  The kernel drops them unless that
 * home address is a local "home" address (README.md), which does not
 * scale to 100k addresses, so they are read before the kernel's IPv6
 * input: on an AF_PACKET socket, which sees them whatever happens to
 * them next, and parsed here with the wire codecs.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "mnemu.h"
#include "socket.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"

#define IPV6_HDR_LEN		40
#define RETRANSMIT_FIRST_MS	1000	/* RFC 6275 13, INITIAL_BINDACK_TIMEOUT */
#define RETRANSMIT_MAX_MS	8000
#define PACKET_RCVBUF		(8 << 20)

enum node_state { NODE_UNSENT, NODE_OUTSTANDING, NODE_DONE };

/* A BU waiting for its BA; the window holds at most W of them. */
struct slot {
	uint32_t node;		/* index from --first */
	uint32_t backoff_ms;
	int64_t deadline;
};

struct flood {
	struct in6_addr ha, coa, hoa_base;
	uint32_t first, count, window;
	uint16_t seq, lifetime_units;
	int mh_fd, pkt_fd;
	uint8_t *state;		/* enum node_state, per node */
	uint32_t *slot_of;	/* per outstanding node */
	struct slot *slots;
	uint32_t *free_slots;	/* a stack */
	uint32_t free_count;
	uint32_t next_unsent;
	uint32_t done, accepted, refused;
	uint64_t sent, retransmissions, bad_checksums;
	unsigned int refused_status[256];
};

/* The home address of node i: the base plus first + i in its low 64 bits. */
static void node_hoa(const struct flood *f, uint32_t i, struct in6_addr *hoa)
{
	uint64_t low;

	*hoa = f->hoa_base;
	memcpy(&low, &hoa->s6_addr[8], sizeof(low));
	low = htobe64(be64toh(low) + f->first + i);
	memcpy(&hoa->s6_addr[8], &low, sizeof(low));
}

/* The node a home address belongs to, or -1. */
static int64_t hoa_node(const struct flood *f, const struct in6_addr *hoa)
{
	uint64_t low, base;

	if (memcmp(hoa, &f->hoa_base, 8))
		return -1;
	memcpy(&low, &hoa->s6_addr[8], sizeof(low));
	memcpy(&base, &f->hoa_base.s6_addr[8], sizeof(base));
	low = be64toh(low) - be64toh(base);
	if (low < f->first || low - f->first >= f->count)
		return -1;
	return (int64_t)(low - f->first);
}

/*
 * An AF_PACKET socket seeing every IPv6 packet this namespace receives
 * whose next header is a routing header, without link-layer header.
 */
static int packet_open(void)
{
	static struct sock_filter code[] = {
		/* IPv6 Next Header, with the packet starting at the IPv6 header */
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 6),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, DHA_IPPROTO_ROUTING, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = {
		.len = sizeof(code) / sizeof(code[0]), .filter = code,
	};
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IPV6),
	};
	static const int on = 1, rcvbuf = PACKET_RCVBUF;
	int fd;

	/* Protocol 0 receives nothing until bound, i.e. until filtered. */
	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		die("AF_PACKET socket: %s", strerror(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0)
		die("SO_ATTACH_FILTER: %s", strerror(errno));
	if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &on, sizeof(on)) < 0)
		die("PACKET_IGNORE_OUTGOING: %s", strerror(errno));
	/* As root the limit does not apply; otherwise take what we get. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("binding the AF_PACKET socket: %s", strerror(errno));
	return fd;
}

static void send_bu(struct flood *f, uint32_t node)
{
	struct dha_mh_msg bu = { .type = DHA_MH_BU };
	uint8_t pkt[DHA_MH_MAX_LEN], hao[DHA_DSTOPTS_HAO_LEN];
	size_t pkt_len, hao_len;
	struct in6_addr hoa;
	int err;

	node_hoa(f, node, &hoa);
	bu.u.bu.seq = f->seq;
	bu.u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H;
	bu.u.bu.lifetime = f->lifetime_units;
	err = dha_mh_build(pkt, sizeof(pkt), &bu, &pkt_len);
	if (!err)
		err = dha_dstopts_build_hao(hao, sizeof(hao), DHA_IPPROTO_MH,
					    &hoa, &hao_len);
	if (err)
		die("building a BU: %s", strerror(-err));
	dha_mh_checksum_set(pkt, pkt_len, &hoa, &f->ha);
	err = mh_send(f->mh_fd, pkt, pkt_len, &f->coa, &f->ha, hao, hao_len,
		      NULL, 0);
	/* A full queue loses this one: the retransmission timer covers it. */
	if (err && err != -ENOBUFS && err != -EAGAIN)
		die("sending a BU to %s: %s", ntop(&f->ha), strerror(-err));
	f->sent++;
}

static void start_next(struct flood *f, int64_t now)
{
	while (f->free_count && f->next_unsent < f->count) {
		uint32_t s = f->free_slots[--f->free_count];
		uint32_t node = f->next_unsent++;

		f->slots[s] = (struct slot){
			.node = node, .backoff_ms = RETRANSMIT_FIRST_MS,
			.deadline = now + RETRANSMIT_FIRST_MS,
		};
		f->slot_of[node] = s;
		f->state[node] = NODE_OUTSTANDING;
		send_bu(f, node);
	}
}

/* Retransmits what timed out; returns the earliest deadline left. */
static int64_t retransmit(struct flood *f, int64_t now)
{
	int64_t earliest = INT64_MAX;
	uint32_t s;

	for (s = 0; s < f->window; s++) {
		struct slot *sl = &f->slots[s];

		if (f->state[sl->node] != NODE_OUTSTANDING ||
		    f->slot_of[sl->node] != s)
			continue;
		if (sl->deadline <= now) {
			send_bu(f, sl->node);
			f->retransmissions++;
			sl->backoff_ms = sl->backoff_ms * 2 > RETRANSMIT_MAX_MS ?
					 RETRANSMIT_MAX_MS : sl->backoff_ms * 2;
			sl->deadline = now + sl->backoff_ms;
		}
		if (sl->deadline < earliest)
			earliest = sl->deadline;
	}
	return earliest;
}

/*
 * A BA for one of our nodes: HA > CoA, type 2 routing header with
 * Segments Left 1 naming the home address, then the MH, checksummed
 * with the home address as destination.
 */
static void handle_packet(struct flood *f, const uint8_t *p, size_t n)
{
	struct dha_mh_msg ba;
	struct dha_rh2 rh;
	const uint8_t *mh;
	size_t payload;
	int64_t node;
	uint32_t s;

	if (n < IPV6_HDR_LEN || p[0] >> 4 != 6 || p[6] != DHA_IPPROTO_ROUTING ||
	    memcmp(p + 8, &f->ha, 16) || memcmp(p + 24, &f->coa, 16))
		return;
	payload = (size_t)p[4] << 8 | p[5];
	if (IPV6_HDR_LEN + payload > n)
		return;
	n = IPV6_HDR_LEN + payload;
	if (n < IPV6_HDR_LEN + DHA_RH2_LEN ||
	    dha_rh2_parse(p + IPV6_HDR_LEN, n - IPV6_HDR_LEN, &rh) ||
	    rh.segments_left != 1 || rh.next_header != DHA_IPPROTO_MH)
		return;
	mh = p + IPV6_HDR_LEN + DHA_RH2_LEN;
	if (dha_mh_parse(mh, n - IPV6_HDR_LEN - DHA_RH2_LEN, &ba) ||
	    ba.type != DHA_MH_BA)
		return;
	if (!dha_mh_checksum_ok(mh, n - IPV6_HDR_LEN - DHA_RH2_LEN, &f->ha,
				&rh.addr)) {
		f->bad_checksums++;
		return;
	}
	node = hoa_node(f, &rh.addr);
	if (node < 0 || f->state[node] != NODE_OUTSTANDING)
		return;
	/*
	 * 135 naming our own number: the HA took this BU and its first BA
	 * was lost, so the retransmission looked old (RFC 6275 9.5.1).
	 * Likewise for a deregistration, below.
	 */
	if (ba.u.ba.status < DHA_BA_REJECTED_MIN && ba.u.ba.seq == f->seq) {
		f->accepted++;
	} else if (ba.u.ba.status == DHA_BA_SEQ_OUT_OF_WINDOW &&
		   ba.u.ba.seq == f->seq) {
		f->accepted++;
	} else if (ba.u.ba.status == DHA_BA_NOT_HOME_AGENT &&
		   !f->lifetime_units &&
		   f->slots[f->slot_of[node]].backoff_ms > RETRANSMIT_FIRST_MS) {
		/* 133 to a deregistration sent again: the first one deleted
		 * the binding and its BA was lost (RFC 6275 10.3.2). */
		f->accepted++;
	} else if (ba.u.ba.status >= DHA_BA_REJECTED_MIN) {
		f->refused++;
		f->refused_status[ba.u.ba.status]++;
	} else {
		return;		/* an old BA for another sequence number */
	}
	f->state[node] = NODE_DONE;
	f->done++;
	s = f->slot_of[node];
	f->free_slots[f->free_count++] = s;
}

static void drain(struct flood *f)
{
	uint8_t buf[IPV6_HDR_LEN + DHA_RH2_LEN + DHA_MH_MAX_LEN + 8];
	ssize_t n;

	while ((n = recv(f->pkt_fd, buf, sizeof(buf), 0)) >= 0)
		handle_packet(f, buf, (size_t)n);
	if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
		die("AF_PACKET recv: %s", strerror(errno));
}

static void report(const struct flood *f, int64_t elapsed_ms, bool json)
{
	double secs = elapsed_ms > 0 ? elapsed_ms / 1000.0 : 0.001;
	unsigned int st;
	bool any = false;

	if (json) {
		printf("{\"count\":%u,\"first\":%u,\"seq\":%u,\"window\":%u,"
		       "\"accepted\":%u,\"refused\":%u,\"unanswered\":%u,"
		       "\"bus_sent\":%llu,\"retransmissions\":%llu,"
		       "\"bad_checksums\":%llu,\"elapsed_s\":%.3f,"
		       "\"accepted_per_s\":%.1f,\"refused_status\":{",
		       f->count, f->first, f->seq, f->window, f->accepted,
		       f->refused, f->count - f->done,
		       (unsigned long long)f->sent,
		       (unsigned long long)f->retransmissions,
		       (unsigned long long)f->bad_checksums, secs,
		       f->accepted / secs);
		for (st = 0; st < 256; st++) {
			if (!f->refused_status[st])
				continue;
			printf("%s\"%u\":%u", any ? "," : "", st,
			       f->refused_status[st]);
			any = true;
		}
		printf("}}\n");
	} else {
		printf("flood: %u BUs seq %u, window %u: %u accepted, %u refused, "
		       "%u unanswered in %.3f s: %.1f accepted/s, "
		       "%llu retransmissions",
		       f->count, f->seq, f->window, f->accepted, f->refused,
		       f->count - f->done, secs, f->accepted / secs,
		       (unsigned long long)f->retransmissions);
		for (st = 0; st < 256; st++)
			if (f->refused_status[st])
				printf(", %u x status %u", f->refused_status[st], st);
		printf("\n");
	}
	fflush(stdout);
}

static void *alloc_array(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		die("out of memory for %zu entries", n);
	return p;
}

int cmd_flood(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "ha", required_argument, NULL, 'a' },
		{ "coa", required_argument, NULL, 'c' },
		{ "hoa-base", required_argument, NULL, 'b' },
		{ "count", required_argument, NULL, 'n' },
		{ "first", required_argument, NULL, 'f' },
		{ "seq", required_argument, NULL, 's' },
		{ "window", required_argument, NULL, 'w' },
		{ "lifetime", required_argument, NULL, 'l' },
		{ "timeout", required_argument, NULL, 't' },
		{ "dereg", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct flood f = { .window = 64, .seq = 1 };
	bool have_ha = false, have_coa = false, have_base = false, json = false;
	bool dereg = false;
	unsigned long lifetime = 3600, timeout = 600;
	int64_t start, deadline, now;
	uint32_t s;
	int c;

	f.lifetime_units = (uint16_t)(lifetime / DHA_MH_LIFETIME_UNIT_S);
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'a': parse_addr("--ha", optarg, &f.ha); have_ha = true; break;
		case 'c': parse_addr("--coa", optarg, &f.coa); have_coa = true; break;
		case 'b':
			parse_addr("--hoa-base", optarg, &f.hoa_base);
			have_base = true;
			break;
		case 'n': f.count = (uint32_t)parse_num("--count", optarg, 1u << 24); break;
		case 'f': f.first = (uint32_t)parse_num("--first", optarg, 1u << 24); break;
		case 's': f.seq = (uint16_t)parse_num("--seq", optarg, 0xffff); break;
		case 'w': f.window = (uint32_t)parse_num("--window", optarg, 65536); break;
		case 'l':
			lifetime = parse_num("--lifetime", optarg, 0xffffUL * 4);
			f.lifetime_units = (uint16_t)(lifetime / DHA_MH_LIFETIME_UNIT_S);
			break;
		case 't': timeout = parse_num("--timeout", optarg, 86400); break;
		case 'd': dereg = true; break;
		case 'j': json = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("flood: unexpected argument %s", argv[optind]);
	if (!have_ha || !have_coa || !have_base || !f.count)
		die("flood: --ha, --coa, --hoa-base and --count (> 0) are required");
	if (!f.window)
		die("flood: --window must be at least 1");
	if (dereg)
		f.lifetime_units = 0;
	else if (!f.lifetime_units)
		die("flood: --lifetime must be at least %d s (or --dereg)",
		    DHA_MH_LIFETIME_UNIT_S);

	f.state = alloc_array(f.count, sizeof(*f.state));
	f.slot_of = alloc_array(f.count, sizeof(*f.slot_of));
	f.slots = alloc_array(f.window, sizeof(*f.slots));
	f.free_slots = alloc_array(f.window, sizeof(*f.free_slots));
	for (s = 0; s < f.window; s++)
		f.free_slots[s] = f.window - 1 - s;
	f.free_count = f.window;
	f.pkt_fd = packet_open();
	f.mh_fd = mh_open(false);
	if (f.mh_fd < 0)
		die("raw IPPROTO_MH socket: %s", strerror(-f.mh_fd));

	start = now_ms();
	deadline = start + (int64_t)timeout * 1000;
	for (now = start; f.done < f.count && now < deadline; now = now_ms()) {
		struct pollfd pfd = { .fd = f.pkt_fd, .events = POLLIN };
		int64_t wake;

		start_next(&f, now);
		wake = retransmit(&f, now);
		if (wake > deadline)
			wake = deadline;
		wake -= now_ms();
		if (poll(&pfd, 1, wake < 0 ? 0 : wake > INT_MAX ? INT_MAX : (int)wake) < 0 &&
		    errno != EINTR)
			die("poll: %s", strerror(errno));
		drain(&f);
	}
	report(&f, now_ms() - start, json);
	free(f.state);
	free(f.slot_of);
	free(f.slots);
	free(f.free_slots);
	close(f.mh_fd);
	close(f.pkt_fd);
	if (f.done < f.count)
		return EXIT_TIMEOUT;
	return f.refused ? EXIT_REFUSED : EXIT_OK;
}
