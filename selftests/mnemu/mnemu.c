// SPDX-License-Identifier: GPL-2.0-only
/*
 * mnemu: a mobile node / mobile router emulator for dha's selftests, and
 * the fake home agent that answers it.
 *
 *   mnemu register --hoa HOA --coa COA --ha HA [--lifetime SEC] [--seq N]
 *                  [--no-ack] [--mr] [--mnp PREFIX/LEN]... [--link-local]
 *                  [--dereg] [--timeout SEC] [--expect-status N|accepted|refused]
 *                  [--tunnel IFNAME] [--kernel-hao] [--json]
 *       Send a home registration Binding Update (H, A; R for a mobile
 *       router, with Mobile Network Prefix options in explicit mode) from
 *       COA to HA with a Home Address option carrying HOA, and wait for the
 *       Binding Acknowledgement (to COA, type 2 routing header = HOA),
 *       retransmitting with the same sequence number after 1, 2, 4 ... s
 *       (at most 32 s apart; RFC 6275 11.8) until --timeout (default 10 s)
 *       has passed.  --dereg sends lifetime 0; with COA equal to HOA it is
 *       the deregistration of a node back at home.  --no-ack sends one BU
 *       without the A flag and does not wait.  --link-local sets L (the
 *       link-local address shares the home address's interface
 *       identifier).  --tunnel: after an accepted
 *       BA, create the mobile node's end of the reverse tunnel, an ip6ip6
 *       device IFNAME from COA to HA without encapsulation limit holding
 *       HOA/128 (routes stay the caller's); with --dereg, delete IFNAME.
 *       --kernel-hao: send the BU from HOA without a Home Address option
 *       and leave it to an xfrm state of proto hao (src HOA dst HA coa
 *       COA) to insert the option and put COA as source, as a real mobile
 *       node's kernel does: the BU's flow is then HOA -> HA, which IPsec
 *       policies and SAs for the home address match (RFC 3776).
 *
 *   mnemu listen --hoa HOA --coa COA [--ha HA] [--ignore N] [--follow]
 *                [--lifetime SEC] [--timeout SEC] [--json]
 *       Wait for a Home Agent Switch (RFC 5142) to HOA, taken like a
 *       Binding Ack: to COA with a type 2 routing header holding HOA (from
 *       HA only, if given), checksum checked. Prints each message with the
 *       home agents it names and the milliseconds since the start; the
 *       first N are only printed ("ignored"), to make the home agent
 *       retransmit.  --follow then answers as RFC 5142 6.1 asks: a
 *       deregistration BU to the sender (unless the sender is the first
 *       home agent named: one taking over for a failed one), then a home
 *       registration (for --lifetime, default 600 s) with the first home
 *       agent named, like register, each retrying once with the home
 *       agent's number after a 135.  A message naming no home agent is an error with --follow.
 *       Says on stderr when it listens.  --timeout (default 30 s) bounds
 *       the wait for the message; each BU then has 10 s.
 *
 *   mnemu fake-ha [--ha HA] [--status N] [--drop N] [--count N]
 *                 [--max-lifetime SEC] [--refresh SEC] [--timeout SEC] [--json]
 *       Answer Binding Updates (to HA, or to any local address) with a
 *       Binding Acknowledgement of status N (default 0) to the home address
 *       with a type 2 routing header carrying the care-of address.  --drop
 *       ignores the first N BUs; --count exits 0 after answering N (3 if
 *       --timeout passes first); without --count it answers until
 *       --timeout (then exits 0) or a signal.  --max-lifetime caps the
 *       granted lifetime, --refresh adds a Binding Refresh Advice; a BU
 *       with the R flag gets R and its Mobile Network Prefixes back.
 *
 *   mnemu flood --ha HA --coa COA --hoa-base ADDR --count N [--first K]
 *               [--seq S] [--window W] [--lifetime SEC] [--dereg]
 *               [--timeout SEC] [--json]
 *       N mobile nodes behind COA, home addresses ADDR + K ... ADDR + K +
 *       N - 1 (added to the last 64 bits), register with sequence number
 *       S (default 1), at most W (default 64) BUs waiting for their BA at
 *       a time, each retransmitted after 1, 2, 4, 8, 8 ... s.  The BAs
 *       are read on an AF_PACKET socket (see flood.c).  Prints one line:
 *       BAs accepted (status < 128, or 135 naming S after a lost BA),
 *       refused and missing, elapsed time, accepted per second,
 *       retransmissions.  Default lifetime 3600 s, timeout 600 s.
 *       --dereg sends deregistrations (lifetime 0) instead; 133 to a
 *       retransmitted one counts as accepted (the first one deleted the
 *       binding, its BA was lost).
 *
 *   mnemu mhburst --src SRC --ha HA [--type N] [--count N]
 *       Send COUNT (default 200) Mobility Headers of type N (default 100,
 *       one no node knows; 8 octets, Payload Proto 59, checksummed with
 *       SRC and HA) from SRC to HA as fast as the socket takes them, each
 *       of which a home agent answers with a Binding Error (RFC 6275
 *       9.2), and print how many were sent and how long it took.
 *
 *   mnemu garbage --ha HA --prefix PREFIX/64 [--dev IFNAME] [--avoid ADDR]...
 *                 [--count N] [--seed N] [--rate PER_SEC] [--json]
 *       Send N (default 2000) malformed, truncated and oversized Mobility
 *       Header and ICMPv6 (RS, RA, NS, NA, DHAAD, MPS, MPA) messages,
 *       with and without a Home Address option, mostly with the right
 *       checksum, to HA and PREFIX's home agents anycast address, and
 *       with --dev to the all-nodes, all-routers and HA's solicited-node
 *       groups on IFNAME.  The same seed sends the same messages.  No
 *       home address, target or prefix used is an --avoid address or
 *       one of ours.  Prints one line of counts; exit 1 if the kernel
 *       refused every message.
 *
 * Every received message prints one line (one JSON object with --json).
 * Exit status: 0 success (register: the BA status is the expected one;
 * listen: the message came, and with --follow both BUs were accepted),
 * 1 usage or system error (one line on stderr), 2 a Binding Ack with
 * another status, 3 timeout.  The kernel setup each needs (xfrm states,
 *   mnemu dhaad --prefix PREFIX/LEN|--anycast ADDR --coa COA [--mr]
 *               [--expect ADDR]... [--timeout SEC] [--json]
 *       Send a Dynamic Home Agent Address Discovery Request (R flag with
 *       --mr) from COA to the Mobile IPv6 Home-Agents anycast address of
 *       PREFIX (RFC 2526) or to ADDR, and print the home agents of the
 *       Reply in its order; retransmitted after 3, 6, 12 ... s (RFC 6275
 *       11.4.1) until --timeout (default 10 s).  --expect: the Reply must
 *       list exactly these addresses, in this order.
 *   mnemu dhaad --unsolicited --coa COA --ha HA [--expect ADDR]...
 *               [--timeout SEC] [--json]
 *       The mobile node of draft-deng-mip6-ha-loadbalance section 8:
 *       send nothing, say "listening" on stderr, and take the first DHAAD
 *       Reply to COA (any identifier) that names one home agent other
 *       than its own, HA: the one a busy home agent hands it to, printed
 *       with "switch to ADDR" (the caller then registers there).
 *
 *   mnemu mps --hoa HOA --coa COA --ha HA [--expect-prefix PREFIX/LEN]...
 *             [--unsolicited] [--count N] [--timeout SEC] [--kernel-hao]
 *             [--json]
 *       Send a Mobile Prefix Solicitation from COA to HA with a Home
 *       Address option carrying HOA (a whole packet on an IPPROTO_RAW
 *       socket, checksummed with HOA), accept the Mobile Prefix
 *       Advertisement from HA to HOA through a type 2 routing header via
 *       COA, and print its prefixes; retransmitted after 3, 6 ... s.
 *       --expect-prefix: each must be among them.  --kernel-hao: send it
 *       from HOA on the raw ICMPv6 socket, the option left to the
 *       kernel's hao state as for register --kernel-hao, so that IPsec
 *       policies for HOA's ICMPv6 apply to it.
 *       --unsolicited sends
 *       nothing: it says "listening" on stderr and takes advertisements
 *       of any identifier, --count N of them (default 1), such as the
 *       ones a home agent sends on its own (RFC 6275 10.6.3) and
 *       retransmits; each one printed as it comes.
 *
 * Every received message prints one line (one JSON object with --json).
 * Exit status: 0 success (register: the BA status is the expected one;
 * dhaad, mps: the answer is as expected), 1 usage or system error (one
 * line on stderr), 2 a Binding Ack with another status, or another
 * answer than expected, 3 timeout.  The kernel setup each needs (xfrm states,
 * the home address flag) is in README.md.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mnemu.h"
#include "socket.h"
#include "wire/csum.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"
#include "wire/ndisc.h"

#define INITIAL_BINDACK_TIMEOUT_MS	1000	/* RFC 6275 13 */
#define MAX_BINDACK_TIMEOUT_MS		32000

extern char **environ;

static bool json;

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("mnemu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERR);
}

const char *ntop(const struct in6_addr *a)
{
	static char bufs[4][INET6_ADDRSTRLEN];
	static unsigned int i;
	char *b = bufs[i++ % 4];

	return inet_ntop(AF_INET6, a, b, INET6_ADDRSTRLEN);
}

void parse_addr(const char *opt, const char *s, struct in6_addr *a)
{
	if (inet_pton(AF_INET6, s, a) != 1)
		die("%s: not an IPv6 address: %s", opt, s);
}

unsigned long parse_num(const char *opt, const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || s[0] == '-' || v > max)
		die("%s: not a number up to %lu: %s", opt, max, s);
	return v;
}

static void parse_prefix(const char *s, struct dha_mh_mnp *p)
{
	char buf[INET6_ADDRSTRLEN + 4], *slash;

	if (strlen(s) >= sizeof(buf))
		die("--mnp: bad prefix %s", s);
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		die("--mnp: PREFIX/LEN expected: %s", s);
	*slash = '\0';
	parse_addr("--mnp", buf, &p->prefix);
	p->prefix_len = (uint8_t)parse_num("--mnp", slash + 1, 128);
}

int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *ba_status_name(uint8_t s)
{
	switch (s) {
	case DHA_BA_ACCEPTED:			return "accepted";
	case DHA_BA_ACCEPTED_PREFIX_DISCOVERY:	return "accepted-prefix-discovery";
	case DHA_BA_REASON_UNSPECIFIED:		return "reason-unspecified";
	case DHA_BA_ADMIN_PROHIBITED:		return "administratively-prohibited";
	case DHA_BA_INSUFFICIENT_RESOURCES:	return "insufficient-resources";
	case DHA_BA_HOME_REG_NOT_SUPPORTED:	return "home-registration-not-supported";
	case DHA_BA_NOT_HOME_SUBNET:		return "not-home-subnet";
	case DHA_BA_NOT_HOME_AGENT:		return "not-home-agent";
	case DHA_BA_DAD_FAILED:			return "dad-failed";
	case DHA_BA_SEQ_OUT_OF_WINDOW:		return "sequence-out-of-window";
	case DHA_BA_REG_TYPE_CHANGE_DISALLOWED:	return "registration-type-change-disallowed";
	case DHA_BA_MR_OP_NOT_PERMITTED:	return "mobile-router-operation-not-permitted";
	case DHA_BA_INVALID_PREFIX:		return "invalid-prefix";
	case DHA_BA_NOT_AUTHORIZED_FOR_PREFIX:	return "not-authorized-for-prefix";
	case DHA_BA_FORWARDING_SETUP_FAILED:	return "forwarding-setup-failed";
	default:				return "unknown";
	}
}

/* The flag letters of a BU flag word or a BA flag octet. */
static const char *bu_flags(uint16_t f)
{
	static char b[8];
	char *p = b;

	if (f & DHA_BU_FLAG_A) *p++ = 'A';
	if (f & DHA_BU_FLAG_H) *p++ = 'H';
	if (f & DHA_BU_FLAG_L) *p++ = 'L';
	if (f & DHA_BU_FLAG_K) *p++ = 'K';
	if (f & DHA_BU_FLAG_R) *p++ = 'R';
	if (f & DHA_BU_FLAG_P) *p++ = 'P';
	*p = '\0';
	return b;
}

static const char *ba_flags(uint8_t f)
{
	static char b[4];
	char *p = b;

	if (f & DHA_BA_FLAG_K) *p++ = 'K';
	if (f & DHA_BA_FLAG_R) *p++ = 'R';
	if (f & DHA_BA_FLAG_P) *p++ = 'P';
	*p = '\0';
	return b;
}

static void print_mnps(const struct dha_mh_options *o)
{
	size_t i;

	if (json) {
		printf(",\"mnp\":[");
		for (i = 0; i < o->mnp_count; i++)
			printf("%s\"%s/%u\"", i ? "," : "",
			       ntop(&o->mnp[i].prefix), o->mnp[i].prefix_len);
		printf("]");
	} else {
		for (i = 0; i < o->mnp_count; i++)
			printf(" mnp %s/%u", ntop(&o->mnp[i].prefix),
			       o->mnp[i].prefix_len);
	}
}

/* Wait for fd to be readable until deadline (ms, CLOCK_MONOTONIC). */
static int wait_readable(int fd, int64_t deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int64_t left = deadline - now_ms();
	int n;

	if (left < 0)
		left = 0;
	n = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
	if (n < 0 && errno != EINTR)
		die("poll: %s", strerror(errno));
	return n > 0;
}

/*
 * The type 2 routing header of a message that came to the home address
 * through the care-of address.  Linux delivers it after processing it:
 * Segments Left 0, the IPv6 destination (IPV6_PKTINFO) now the home
 * address and the header's address the care-of address.
 */
static bool rh2_ok(const struct mh_rx *rx, const struct in6_addr *hoa,
		   const struct in6_addr *coa, struct dha_rh2 *rh)
{
	if (!rx->has_rthdr || dha_rh2_parse(rx->rthdr, rx->rthdr_len, rh) < 0)
		return false;
	return rh->segments_left == 0 && !memcmp(&rh->addr, coa, sizeof(*coa)) &&
	       !memcmp(&rx->dst, hoa, sizeof(*hoa));
}

/* ---- tunnel: the MN's end, by ip(8) ---- */

static int run_ip(const char *const argv[])
{
	pid_t pid;
	int st, err;

	err = posix_spawnp(&pid, "ip", NULL, NULL, (char *const *)argv, environ);
	if (err)
		die("ip: %s", strerror(err));
	if (waitpid(pid, &st, 0) < 0)
		die("waitpid: %s", strerror(errno));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static void tunnel_up(const char *ifname, const struct in6_addr *coa,
		      const struct in6_addr *ha, const struct in6_addr *hoa)
{
	char local[INET6_ADDRSTRLEN], remote[INET6_ADDRSTRLEN];
	char home[INET6_ADDRSTRLEN + 4];

	inet_ntop(AF_INET6, coa, local, sizeof(local));
	inet_ntop(AF_INET6, ha, remote, sizeof(remote));
	inet_ntop(AF_INET6, hoa, home, INET6_ADDRSTRLEN);
	strcat(home, "/128");
	{
		const char *add[] = { "ip", "-6", "tunnel", "add", ifname,
			"mode", "ip6ip6", "local", local, "remote", remote,
			"encaplimit", "none", NULL };
		const char *up[] = { "ip", "link", "set", ifname, "up", NULL };
		const char *addr[] = { "ip", "-6", "addr", "add", home, "dev",
			ifname, "nodad", NULL };

		if (run_ip(add) || run_ip(up) || run_ip(addr))
			die("tunnel %s: ip failed", ifname);
	}
}

static void tunnel_down(const char *ifname)
{
	const char *del[] = { "ip", "link", "del", ifname, NULL };

	if (run_ip(del))
		die("tunnel %s: ip link del failed", ifname);
}

/* ---- register ---- */

/* One home registration (or deregistration) to make. */
struct bu_params {
	struct in6_addr hoa, coa, ha;
	struct dha_mh_msg bu;		/* flags, seq, lifetime, prefixes */
	bool ack;
	bool dereg;
	/*
	 * The sequence number was made up: on a 135 (out of window), try
	 * once more with the number after the home agent's, as RFC 6275
	 * 11.7.3 allows.
	 */
	bool resync;
	bool kernel_hao;		/* the kernel's hao state adds the HAO */
	unsigned long timeout;		/* seconds */
	int expect;	/* -1 accepted (< 128), -2 refused, else exact */
	const char *tunnel;
};

static void print_ba(const struct bu_params *p, const struct dha_mh_msg *ba,
		     unsigned int tries, int64_t start)
{
	if (json) {
		printf("{\"ha\":\"%s\",\"hoa\":\"%s\",\"coa\":\"%s\",\"status\":%u,"
		       "\"status_name\":\"%s\",\"seq\":%u,\"bu_seq\":%u,\"flags\":\"%s\","
		       "\"lifetime\":%u",
		       ntop(&p->ha), ntop(&p->hoa), ntop(&p->coa), ba->u.ba.status,
		       ba_status_name(ba->u.ba.status), ba->u.ba.seq,
		       p->bu.u.bu.seq, ba_flags(ba->u.ba.flags),
		       ba->u.ba.lifetime * DHA_MH_LIFETIME_UNIT_S);
		if (ba->opts.has_refresh_advice)
			printf(",\"refresh\":%u",
			       ba->opts.refresh_interval * DHA_MH_LIFETIME_UNIT_S);
		print_mnps(&ba->opts);
		printf(",\"tries\":%u,\"ms\":%lld}\n", tries,
		       (long long)(now_ms() - start));
	} else {
		printf("BA from %s status %u %s seq %u lifetime %u",
		       ntop(&p->ha), ba->u.ba.status,
		       ba_status_name(ba->u.ba.status), ba->u.ba.seq,
		       ba->u.ba.lifetime * DHA_MH_LIFETIME_UNIT_S);
		if (ba->u.ba.flags)
			printf(" flags %s", ba_flags(ba->u.ba.flags));
		if (ba->opts.has_refresh_advice)
			printf(" refresh %u",
			       ba->opts.refresh_interval * DHA_MH_LIFETIME_UNIT_S);
		print_mnps(&ba->opts);
		printf(" hoa %s coa %s tries %u\n", ntop(&p->hoa), ntop(&p->coa),
		       tries);
	}
	fflush(stdout);
}

/*
 * Sends the Binding Update from the care-of address with a Home Address
 * option and waits for its Binding Ack; returns the exit status.
 */
static int send_bu(struct bu_params *p)
{
	uint8_t pkt[DHA_MH_MAX_LEN], hao[DHA_DSTOPTS_HAO_LEN];
	size_t pkt_len, hao_len;
	int64_t start, deadline, next_tx;
	unsigned int tries = 0, backoff = INITIAL_BINDACK_TIMEOUT_MS;
	int fd, err;

	if (p->ack)
		p->bu.u.bu.flags |= DHA_BU_FLAG_A;
	err = dha_dstopts_build_hao(hao, sizeof(hao), DHA_IPPROTO_MH, &p->hoa,
				    &hao_len);
	if (err)
		die("building the HAO: %s", strerror(-err));

	fd = mh_open(false);
	if (fd < 0)
		die("raw IPPROTO_MH socket: %s", strerror(-fd));

	start = now_ms();
	deadline = start + (int64_t)p->timeout * 1000;
	next_tx = start;
	pkt_len = 0;
	for (;;) {
		struct mh_rx rx;
		struct dha_mh_msg ba;
		struct dha_rh2 rh;

		if (!pkt_len) {
			err = dha_mh_build(pkt, sizeof(pkt), &p->bu, &pkt_len);
			if (err)
				die("building the BU: %s", strerror(-err));
			/* The pseudo-header has the home address as source
			 * (RFC 6275 6.1.1). */
			dha_mh_checksum_set(pkt, pkt_len, &p->hoa, &p->ha);
		}
		if (now_ms() >= next_tx) {
			if (p->kernel_hao)
				err = mh_send(fd, pkt, pkt_len, &p->hoa, &p->ha,
					      NULL, 0, NULL, 0);
			else
				err = mh_send(fd, pkt, pkt_len, &p->coa, &p->ha,
					      hao, hao_len, NULL, 0);
			if (err)
				die("sending the BU from %s to %s: %s",
				    ntop(p->kernel_hao ? &p->hoa : &p->coa),
				    ntop(&p->ha), strerror(-err));
			tries++;
			if (!p->ack) {
				printf(json ? "{\"sent\":\"bu\",\"seq\":%u}\n" :
				       "BU sent seq %u\n", p->bu.u.bu.seq);
				close(fd);
				return EXIT_OK;
			}
			next_tx = now_ms() + backoff;
			backoff = backoff * 2 > MAX_BINDACK_TIMEOUT_MS ?
				  MAX_BINDACK_TIMEOUT_MS : backoff * 2;
		}
		if (now_ms() >= deadline)
			break;
		if (!wait_readable(fd, next_tx < deadline ? next_tx : deadline))
			continue;
		err = mh_recv(fd, &rx);
		if (err)
			die("recvmsg: %s", strerror(-err));
		if (dha_mh_parse(rx.buf, rx.len, &ba) < 0 || ba.type != DHA_MH_BA)
			continue;
		/* RFC 6275 11.7.3: from the HA, to the HoA through the CoA,
		 * the sequence number of the outstanding BU (a status 135
		 * carries the HA's last accepted one instead). */
		if (memcmp(&rx.src, &p->ha, sizeof(p->ha)))
			continue;
		if (!dha_mh_checksum_ok(rx.buf, rx.len, &p->ha, &p->hoa)) {
			fprintf(stderr, "mnemu: BA from %s with a bad checksum ignored\n",
				ntop(&rx.src));
			continue;
		}
		if (!rh2_ok(&rx, &p->hoa, &p->coa, &rh)) {
			fprintf(stderr, "mnemu: BA to %s without a type 2 routing header for %s via %s ignored\n",
				ntop(&rx.dst), ntop(&p->hoa), ntop(&p->coa));
			continue;
		}
		if (ba.u.ba.seq != p->bu.u.bu.seq &&
		    ba.u.ba.status != DHA_BA_SEQ_OUT_OF_WINDOW)
			continue;
		print_ba(p, &ba, tries, start);
		if (p->resync && ba.u.ba.status == DHA_BA_SEQ_OUT_OF_WINDOW) {
			p->resync = false;
			p->bu.u.bu.seq = (uint16_t)(ba.u.ba.seq + 1);
			pkt_len = 0;
			tries = 0;
			backoff = INITIAL_BINDACK_TIMEOUT_MS;
			next_tx = now_ms();
			continue;
		}
		close(fd);

		if (p->tunnel && ba.u.ba.status < DHA_BA_REJECTED_MIN) {
			if (p->dereg)
				tunnel_down(p->tunnel);
			else
				tunnel_up(p->tunnel, &p->coa, &p->ha, &p->hoa);
		}
		if (p->expect == -1)
			return ba.u.ba.status < DHA_BA_REJECTED_MIN ? EXIT_OK : EXIT_REFUSED;
		if (p->expect == -2)
			return ba.u.ba.status >= DHA_BA_REJECTED_MIN ? EXIT_OK : EXIT_REFUSED;
		return ba.u.ba.status == p->expect ? EXIT_OK : EXIT_REFUSED;
	}
	close(fd);
	fprintf(stderr, "mnemu: no Binding Ack from %s after %u BUs in %lu s\n",
		ntop(&p->ha), tries, p->timeout);
	return EXIT_TIMEOUT;
}

/* A made-up sequence number, for a BU that names none. */
static uint16_t random_seq(void)
{
	uint16_t seq;

	if (getrandom(&seq, sizeof(seq), 0) < 0)
		die("getrandom: %s", strerror(errno));
	return seq;
}

static int cmd_register(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "hoa", required_argument, NULL, 'h' },
		{ "coa", required_argument, NULL, 'c' },
		{ "ha", required_argument, NULL, 'a' },
		{ "lifetime", required_argument, NULL, 'l' },
		{ "seq", required_argument, NULL, 's' },
		{ "no-ack", no_argument, NULL, 'N' },
		{ "mr", no_argument, NULL, 'r' },
		{ "link-local", no_argument, NULL, 'L' },
		{ "mnp", required_argument, NULL, 'p' },
		{ "dereg", no_argument, NULL, 'd' },
		{ "timeout", required_argument, NULL, 't' },
		{ "expect-status", required_argument, NULL, 'e' },
		{ "tunnel", required_argument, NULL, 'T' },
		{ "kernel-hao", no_argument, NULL, 'K' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct bu_params p = {
		.bu = { .type = DHA_MH_BU },
		.ack = true,
		.timeout = 10,
		.expect = -1,
	};
	bool have_hoa = false, have_coa = false, have_ha = false;
	bool have_seq = false;
	unsigned long lifetime = 600;
	int c;

	p.bu.u.bu.flags = DHA_BU_FLAG_H;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'h': parse_addr("--hoa", optarg, &p.hoa); have_hoa = true; break;
		case 'c': parse_addr("--coa", optarg, &p.coa); have_coa = true; break;
		case 'a': parse_addr("--ha", optarg, &p.ha); have_ha = true; break;
		case 'l': lifetime = parse_num("--lifetime", optarg, 0xffffUL * 4); break;
		case 's':
			p.bu.u.bu.seq = (uint16_t)parse_num("--seq", optarg, 0xffff);
			have_seq = true;
			break;
		case 'N': p.ack = false; break;
		case 'r': p.bu.u.bu.flags |= DHA_BU_FLAG_R; break;
		case 'L': p.bu.u.bu.flags |= DHA_BU_FLAG_L; break;
		case 'p':
			if (p.bu.opts.mnp_count == DHA_MH_MNP_MAX)
				die("--mnp: at most %d prefixes", DHA_MH_MNP_MAX);
			parse_prefix(optarg, &p.bu.opts.mnp[p.bu.opts.mnp_count++]);
			break;
		case 'd': p.dereg = true; break;
		case 't': p.timeout = parse_num("--timeout", optarg, 86400); break;
		case 'e':
			if (!strcmp(optarg, "accepted"))
				p.expect = -1;
			else if (!strcmp(optarg, "refused"))
				p.expect = -2;
			else
				p.expect = (int)parse_num("--expect-status", optarg, 255);
			break;
		case 'T': p.tunnel = optarg; break;
		case 'K': p.kernel_hao = true; break;
		case 'j': json = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("register: unexpected argument %s", argv[optind]);
	if (!have_hoa || !have_coa || !have_ha)
		die("register: --hoa, --coa and --ha are required");
	if (p.bu.opts.mnp_count && !(p.bu.u.bu.flags & DHA_BU_FLAG_R))
		die("register: --mnp needs --mr");
	if (!have_seq)
		p.bu.u.bu.seq = random_seq();
	p.bu.u.bu.lifetime = p.dereg ? 0 :
			     (uint16_t)(lifetime / DHA_MH_LIFETIME_UNIT_S);
	return send_bu(&p);
}

/* ---- listen ---- */

static void print_has(const struct mh_rx *rx, const struct dha_mh_msg *has,
		      const struct in6_addr *coa, unsigned int n, int64_t ms,
		      bool ignored)
{
	size_t i;

	if (json) {
		printf("{\"has\":{\"from\":\"%s\",\"hoa\":\"%s\",\"coa\":\"%s\","
		       "\"home_agents\":[", ntop(&rx->src), ntop(&rx->dst),
		       ntop(coa));
		for (i = 0; i < has->u.has.addr_count; i++)
			printf("%s\"%s\"", i ? "," : "",
			       ntop(&has->u.has.addrs[i]));
		printf("]},\"n\":%u,\"ms\":%lld,\"ignored\":%s}\n", n,
		       (long long)ms, ignored ? "true" : "false");
	} else {
		printf("HAS from %s to %s via %s home agents", ntop(&rx->src),
		       ntop(&rx->dst), ntop(coa));
		for (i = 0; i < has->u.has.addr_count; i++)
			printf(" %s", ntop(&has->u.has.addrs[i]));
		if (!has->u.has.addr_count)
			printf(" none");
		printf(" n %u ms %lld%s\n", n, (long long)ms,
		       ignored ? " ignored" : "");
	}
	fflush(stdout);
}

/*
 * Waits for a Home Agent Switch to HOA through COA (from HA if given),
 * ignoring the first --ignore; with --follow, answers it as RFC 5142 6.1
 * asks: deletes the home binding at the sender, then registers with the
 * first home agent the message names.
 */
static int cmd_listen(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "hoa", required_argument, NULL, 'h' },
		{ "coa", required_argument, NULL, 'c' },
		{ "ha", required_argument, NULL, 'a' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "follow", no_argument, NULL, 'f' },
		{ "lifetime", required_argument, NULL, 'l' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct in6_addr hoa, coa, ha;
	bool have_hoa = false, have_coa = false, have_ha = false;
	bool follow = false;
	unsigned long ignore = 0, timeout = 30, lifetime = 600, n = 0;
	struct bu_params p = { .bu = { .type = DHA_MH_BU }, .ack = true,
			       .resync = true, .timeout = 10, .expect = -1 };
	struct dha_mh_msg has;
	struct mh_rx rx;
	int64_t start, deadline;
	int fd, err, c, rc;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'h': parse_addr("--hoa", optarg, &hoa); have_hoa = true; break;
		case 'c': parse_addr("--coa", optarg, &coa); have_coa = true; break;
		case 'a': parse_addr("--ha", optarg, &ha); have_ha = true; break;
		case 'i': ignore = parse_num("--ignore", optarg, 1000); break;
		case 'f': follow = true; break;
		case 'l': lifetime = parse_num("--lifetime", optarg, 0xffffUL * 4); break;
		case 't': timeout = parse_num("--timeout", optarg, 86400); break;
		case 'j': json = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("listen: unexpected argument %s", argv[optind]);
	if (!have_hoa || !have_coa)
		die("listen: --hoa and --coa are required");

	fd = mh_open(false);
	if (fd < 0)
		die("raw IPPROTO_MH socket: %s", strerror(-fd));
	fprintf(stderr, "mnemu: listening for Home Agent Switch to %s via %s\n",
		ntop(&hoa), ntop(&coa));
	start = now_ms();
	deadline = start + (int64_t)timeout * 1000;
	for (;;) {
		struct dha_rh2 rh;

		if (!wait_readable(fd, deadline)) {
			fprintf(stderr, "mnemu: %lu Home Agent Switch message%s in %lu s, expected %lu\n",
				n, n == 1 ? "" : "s", timeout, ignore + 1);
			close(fd);
			return EXIT_TIMEOUT;
		}
		err = mh_recv(fd, &rx);
		if (err)
			die("recvmsg: %s", strerror(-err));
		if (dha_mh_parse(rx.buf, rx.len, &has) < 0 ||
		    has.type != DHA_MH_HA_SWITCH)
			continue;
		if (have_ha && memcmp(&rx.src, &ha, sizeof(ha)))
			continue;
		if (!dha_mh_checksum_ok(rx.buf, rx.len, &rx.src, &hoa)) {
			fprintf(stderr, "mnemu: Home Agent Switch from %s with a bad checksum ignored\n",
				ntop(&rx.src));
			continue;
		}
		if (!rh2_ok(&rx, &hoa, &coa, &rh)) {
			fprintf(stderr, "mnemu: Home Agent Switch to %s without a type 2 routing header for %s via %s ignored\n",
				ntop(&rx.dst), ntop(&hoa), ntop(&coa));
			continue;
		}
		n++;
		print_has(&rx, &has, &coa, (unsigned int)n, now_ms() - start,
			  n <= ignore);
		if (n > ignore)
			break;
	}
	close(fd);
	if (!follow)
		return EXIT_OK;
	if (!has.u.has.addr_count)
		die("listen: the Home Agent Switch names no home agent (home agent discovery needed)");

	/*
	 * The answer: the binding at the sender deleted (RFC 5142 6.1),
	 * unless the sender is the home agent to register with: one that
	 * took over for a failed one (HA reliability's hard switch) holds
	 * the binding the registration renews.
	 */
	p.hoa = hoa;
	p.coa = coa;
	p.ha = rx.src;
	if (memcmp(&rx.src, &has.u.has.addrs[0], sizeof(rx.src))) {
		p.dereg = true;
		p.bu.u.bu.flags = DHA_BU_FLAG_H;
		p.bu.u.bu.seq = random_seq();
		rc = send_bu(&p);
		if (rc != EXIT_OK)
			return rc;
	}
	/* Then the first home agent named, as RFC 5142 6.2 suggests. */
	p.ha = has.u.has.addrs[0];
	p.dereg = false;
	p.resync = true;
	p.bu.u.bu.flags = DHA_BU_FLAG_H;
	p.bu.u.bu.seq = random_seq();
	p.bu.u.bu.lifetime = (uint16_t)(lifetime / DHA_MH_LIFETIME_UNIT_S);
	return send_bu(&p);
}

/* ---- fake-ha ---- */

/*
 * One BU as a home agent sees it on a raw MH socket: the source is the
 * home address (the kernel swapped it with the Home Address option) and
 * the Home Address option in IPV6_DSTOPTS now holds the care-of address.
 * The BA goes to the home address with a type 2 routing header holding
 * the care-of address; the kernel puts the care-of address in the IPv6
 * destination and the home address in the header, and checksums with the
 * home address as destination.
 */
static int cmd_fake_ha(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "ha", required_argument, NULL, 'a' },
		{ "status", required_argument, NULL, 's' },
		{ "drop", required_argument, NULL, 'd' },
		{ "count", required_argument, NULL, 'n' },
		{ "max-lifetime", required_argument, NULL, 'l' },
		{ "refresh", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct in6_addr ha = IN6ADDR_ANY_INIT;
	unsigned long status = 0, drop = 0, count = 0, timeout = 0;
	unsigned long max_lifetime = 0xffffUL * 4, refresh = 0;
	unsigned long answered = 0, seen = 0;
	int64_t deadline;
	int fd, err, c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'a': parse_addr("--ha", optarg, &ha); break;
		case 's': status = parse_num("--status", optarg, 255); break;
		case 'd': drop = parse_num("--drop", optarg, ULONG_MAX); break;
		case 'n': count = parse_num("--count", optarg, ULONG_MAX); break;
		case 'l': max_lifetime = parse_num("--max-lifetime", optarg, 0xffffUL * 4); break;
		case 'r': refresh = parse_num("--refresh", optarg, 0xffffUL * 4); break;
		case 't': timeout = parse_num("--timeout", optarg, 86400); break;
		case 'j': json = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("fake-ha: unexpected argument %s", argv[optind]);
	fd = mh_open(true);
	if (fd < 0)
		die("raw IPPROTO_MH socket: %s", strerror(-fd));
	deadline = timeout ? now_ms() + (int64_t)timeout * 1000 : INT64_MAX;
	while (wait_readable(fd, deadline)) {
		struct mh_rx rx;
		struct dha_mh_msg bu, ba = { .type = DHA_MH_BA };
		struct in6_addr coa;
		uint8_t pkt[DHA_MH_MAX_LEN], rh2[DHA_RH2_LEN];
		size_t pkt_len, rh2_len;
		unsigned long life;
		bool dropped;

		err = mh_recv(fd, &rx);
		if (err)
			die("recvmsg: %s", strerror(-err));
		if (dha_mh_parse(rx.buf, rx.len, &bu) < 0 || bu.type != DHA_MH_BU)
			continue;
		if (!IN6_IS_ADDR_UNSPECIFIED(&ha) && memcmp(&rx.dst, &ha, sizeof(ha)))
			continue;
		if (!rx.has_dstopts ||
		    dha_dstopts_find_hao(rx.dstopts, rx.dstopts_len, &coa) < 0) {
			fprintf(stderr, "mnemu: BU from %s without a Home Address option ignored\n",
				ntop(&rx.src));
			continue;
		}
		dropped = ++seen <= drop;
		if (json) {
			printf("{\"bu\":{\"hoa\":\"%s\",\"coa\":\"%s\",\"ha\":\"%s\","
			       "\"seq\":%u,\"flags\":\"%s\",\"lifetime\":%u",
			       ntop(&rx.src), ntop(&coa), ntop(&rx.dst), bu.u.bu.seq,
			       bu_flags(bu.u.bu.flags),
			       bu.u.bu.lifetime * DHA_MH_LIFETIME_UNIT_S);
			print_mnps(&bu.opts);
			printf("},\"answer\":");
		} else {
			printf("BU from %s coa %s to %s seq %u flags %s lifetime %u",
			       ntop(&rx.src), ntop(&coa), ntop(&rx.dst), bu.u.bu.seq,
			       bu_flags(bu.u.bu.flags),
			       bu.u.bu.lifetime * DHA_MH_LIFETIME_UNIT_S);
			print_mnps(&bu.opts);
			printf(" -> ");
		}
		if (dropped || !(bu.u.bu.flags & DHA_BU_FLAG_A)) {
			printf(json ? "null}\n" : "%s\n", dropped ? "dropped" : "no ack asked");
			fflush(stdout);
			continue;
		}

		life = (unsigned long)bu.u.bu.lifetime * DHA_MH_LIFETIME_UNIT_S;
		if (life > max_lifetime)
			life = max_lifetime;
		ba.u.ba.status = (uint8_t)status;
		ba.u.ba.seq = bu.u.bu.seq;
		ba.u.ba.lifetime = status < DHA_BA_REJECTED_MIN ?
				   (uint16_t)(life / DHA_MH_LIFETIME_UNIT_S) : 0;
		if (bu.u.bu.flags & DHA_BU_FLAG_R) {
			ba.u.ba.flags |= DHA_BA_FLAG_R;
			ba.opts.mnp_count = bu.opts.mnp_count;
			memcpy(ba.opts.mnp, bu.opts.mnp, sizeof(ba.opts.mnp));
		}
		if (refresh && status < DHA_BA_REJECTED_MIN) {
			ba.opts.has_refresh_advice = true;
			ba.opts.refresh_interval = (uint16_t)(refresh / DHA_MH_LIFETIME_UNIT_S);
		}
		err = dha_mh_build(pkt, sizeof(pkt), &ba, &pkt_len);
		if (err)
			die("building the BA: %s", strerror(-err));
		err = dha_rh2_build(rh2, sizeof(rh2), DHA_IPPROTO_MH, &coa, &rh2_len);
		if (err)
			die("building the RH2: %s", strerror(-err));
		err = mh_send(fd, pkt, pkt_len, &rx.dst, &rx.src, NULL, 0, rh2, rh2_len);
		if (err)
			die("sending the BA to %s via %s: %s", ntop(&rx.src),
			    ntop(&coa), strerror(-err));
		printf(json ? "{\"status\":%u,\"lifetime\":%u}}\n" :
		       "BA status %u lifetime %u\n", ba.u.ba.status,
		       ba.u.ba.lifetime * DHA_MH_LIFETIME_UNIT_S);
		fflush(stdout);
		if (++answered == count)
			return EXIT_OK;
	}
	if (!count)
		return EXIT_OK;	/* ran for --timeout as asked */
	fprintf(stderr, "mnemu: fake-ha: %lu of %lu BUs answered in %lu s\n",
		answered, count, timeout);
	return EXIT_TIMEOUT;
}

/* ---- dhaad ---- */

#define INITIAL_DHAAD_TIMEOUT_MS	3000	/* RFC 6275 12 */
#define INITIAL_SOLICIT_TIMER_MS	3000
#define MAX_RETRANSMIT_MS		32000

/* PREFIX/LEN into an address and a length. */
static void parse_prefix_len(const char *opt, const char *s,
			     struct in6_addr *a, unsigned int *len)
{
	char buf[INET6_ADDRSTRLEN + 4], *slash;

	if (strlen(s) >= sizeof(buf))
		die("%s: bad prefix %s", opt, s);
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		die("%s: PREFIX/LEN expected: %s", opt, s);
	*slash = '\0';
	parse_addr(opt, buf, a);
	*len = (unsigned int)parse_num(opt, slash + 1, 128);
}

/* Doubles a retransmission timeout up to the limit. */
static unsigned int backoff_next(unsigned int ms)
{
	return ms * 2 > MAX_RETRANSMIT_MS ? MAX_RETRANSMIT_MS : ms * 2;
}

static int cmd_dhaad(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "prefix", required_argument, NULL, 'p' },
		{ "anycast", required_argument, NULL, 'a' },
		{ "coa", required_argument, NULL, 'c' },
		{ "mr", no_argument, NULL, 'r' },
		{ "expect", required_argument, NULL, 'e' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "unsolicited", no_argument, NULL, 'u' },
		{ "ha", required_argument, NULL, 'h' },
		{ 0 }
	};
	struct in6_addr anycast, coa, own_ha, expect[DHA_DHAAD_ADDRS_MAX];
	bool have_anycast = false, have_coa = false, unsolicited = false;
	bool have_ha = false;
	struct dha_dhaad_request req = { 0 };
	unsigned long timeout = 10;
	size_t expect_count = 0, i;
	uint8_t pkt[8];
	size_t pkt_len;
	int64_t start, deadline, next_tx;
	unsigned int tries = 0, backoff = INITIAL_DHAAD_TIMEOUT_MS, len;
	int fd, err, c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'p':
			parse_prefix_len("--prefix", optarg, &anycast, &len);
			if (dha_ha_anycast(&anycast, len, &anycast))
				die("--prefix: /%u leaves no room for the anycast ID", len);
			have_anycast = true;
			break;
		case 'a': parse_addr("--anycast", optarg, &anycast); have_anycast = true; break;
		case 'c': parse_addr("--coa", optarg, &coa); have_coa = true; break;
		case 'r': req.flags |= DHA_DHAAD_FLAG_R; break;
		case 'e':
			if (expect_count == DHA_DHAAD_ADDRS_MAX)
				die("--expect: at most %d addresses", DHA_DHAAD_ADDRS_MAX);
			parse_addr("--expect", optarg, &expect[expect_count++]);
			break;
		case 't': timeout = parse_num("--timeout", optarg, 86400); break;
		case 'j': json = true; break;
		case 'u': unsolicited = true; break;
		case 'h': parse_addr("--ha", optarg, &own_ha); have_ha = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("dhaad: unexpected argument %s", argv[optind]);
	if (unsolicited ? !have_ha || !have_coa || have_anycast :
			  !have_anycast || !have_coa || have_ha)
		die("dhaad: --prefix or --anycast, and --coa are required; --unsolicited takes --coa and --ha instead");
	if (getrandom(&req.id, sizeof(req.id), 0) < 0)
		die("getrandom: %s", strerror(errno));
	err = dha_dhaad_request_build(pkt, sizeof(pkt), &req, &pkt_len);
	if (err)
		die("building the request: %s", strerror(-err));
	fd = icmp6_open(DHA_ICMP6_DHAAD_REPLY);
	if (fd < 0)
		die("raw ICMPv6 socket: %s", strerror(-fd));

	start = now_ms();
	deadline = start + (int64_t)timeout * 1000;
	/* Unsolicited: nothing is ever sent. */
	next_tx = unsolicited ? INT64_MAX : start;
	if (unsolicited) {
		fprintf(stderr, "mnemu: listening\n");
		fflush(stderr);
	}
	for (;;) {
		static struct icmp6_rx rx;
		static struct dha_dhaad_reply rep;
		bool match;

		if (now_ms() >= next_tx) {
			err = icmp6_send(fd, pkt, pkt_len, &coa, &anycast);
			if (err)
				die("sending the DHAAD Request from %s to %s: %s",
				    ntop(&coa), ntop(&anycast), strerror(-err));
			tries++;
			next_tx = now_ms() + backoff;
			backoff = backoff_next(backoff);
		}
		if (now_ms() >= deadline)
			break;
		if (!wait_readable(fd, next_tx < deadline ? next_tx : deadline))
			continue;
		err = icmp6_recv(fd, &rx);
		if (err)
			die("recvmsg: %s", strerror(-err));
		/* RFC 6275 11.4.1: the identifier of the request, to the CoA. */
		if (dha_dhaad_reply_parse(rx.buf, rx.len, &rep) < 0 ||
		    memcmp(&rx.dst, &coa, sizeof(coa)))
			continue;
		/*
		 * draft-deng 8: one home agent, compared with the own one; a
		 * reply naming it changes nothing.
		 */
		if (unsolicited ? rep.addr_count != 1 ||
					  !memcmp(&rep.addrs[0], &own_ha,
						  sizeof(own_ha)) :
				  rep.id != req.id)
			continue;

		if (json) {
			printf("{\"from\":\"%s\",\"id\":%u,\"flags\":\"%s\",\"home_agents\":[",
			       ntop(&rx.src), rep.id,
			       rep.flags & DHA_DHAAD_FLAG_R ? "R" : "");
			for (i = 0; i < rep.addr_count; i++)
				printf("%s\"%s\"", i ? "," : "", ntop(&rep.addrs[i]));
			printf("],\"tries\":%u,\"ms\":%lld}\n", tries,
			       (long long)(now_ms() - start));
		} else {
			printf("DHAAD Reply from %s id %u%s home agents", ntop(&rx.src),
			       rep.id, rep.flags & DHA_DHAAD_FLAG_R ? " flags R" : "");
			for (i = 0; i < rep.addr_count; i++)
				printf(" %s", ntop(&rep.addrs[i]));
			printf("%s tries %u\n", rep.addr_count ? "" : " none", tries);
			if (unsolicited)
				printf("switch to %s\n", ntop(&rep.addrs[0]));
		}
		fflush(stdout);
		if (!expect_count)
			return EXIT_OK;
		match = expect_count == rep.addr_count;
		for (i = 0; match && i < expect_count; i++)
			match = !memcmp(&expect[i], &rep.addrs[i], sizeof(expect[i]));
		return match ? EXIT_OK : EXIT_REFUSED;
	}
	if (unsolicited)
		fprintf(stderr, "mnemu: no DHAAD Reply naming another home agent than %s in %lu s\n",
			ntop(&own_ha), timeout);
	else
		fprintf(stderr, "mnemu: no DHAAD Reply to %s after %u requests in %lu s\n",
			ntop(&anycast), tries, timeout);
	return EXIT_TIMEOUT;
}

/* ---- mps ---- */

static const char *prefix_flags(uint8_t f)
{
	static char b[4];
	char *p = b;

	if (f & DHA_PREFIX_FLAG_L) *p++ = 'L';
	if (f & DHA_PREFIX_FLAG_A) *p++ = 'A';
	if (f & DHA_PREFIX_FLAG_R) *p++ = 'R';
	*p = '\0';
	return b;
}

/*
 * The solicitation as a whole IPv6 packet: from the care-of address with
 * a Home Address option, its checksum over the home address as source
 * (RFC 6275 6.3), which a raw ICMPv6 socket could not do: the kernel
 * checksums those with the packet's own source and cannot be told not to.
 */
static size_t build_mps(uint8_t *pkt, size_t cap, uint16_t id,
			const struct in6_addr *hoa, const struct in6_addr *coa,
			const struct in6_addr *ha)
{
	struct dha_mps mps = { .id = id };
	size_t hao_len, mps_len;
	int err;

	if (cap < 40)
		die("building the MPS: no room");
	err = dha_dstopts_build_hao(pkt + 40, cap - 40, DHA_IPPROTO_ICMPV6, hoa,
				    &hao_len);
	if (!err)
		err = dha_mps_build(pkt + 40 + hao_len, cap - 40 - hao_len, &mps,
				    &mps_len);
	if (err)
		die("building the MPS: %s", strerror(-err));
	dha_icmp6_checksum_set(pkt + 40 + hao_len, mps_len, hoa, ha);
	memset(pkt, 0, 40);
	pkt[0] = 0x60;
	pkt[4] = (uint8_t)((hao_len + mps_len) >> 8);
	pkt[5] = (uint8_t)(hao_len + mps_len);
	pkt[6] = DHA_IPPROTO_DSTOPTS;
	pkt[7] = 64;
	memcpy(pkt + 8, coa, 16);
	memcpy(pkt + 24, ha, 16);
	return 40 + hao_len + mps_len;
}

static int cmd_mps(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "hoa", required_argument, NULL, 'h' },
		{ "coa", required_argument, NULL, 'c' },
		{ "ha", required_argument, NULL, 'a' },
		{ "expect-prefix", required_argument, NULL, 'e' },
		{ "unsolicited", no_argument, NULL, 'u' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "kernel-hao", no_argument, NULL, 'K' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 }
	};
	struct in6_addr hoa, coa, ha;
	bool kernel_hao = false;
	struct dha_mps mps;
	size_t mps_len;
	bool unsolicited = false;
	unsigned long count = 1, received = 0;
	struct expected_prefix {
		struct in6_addr prefix;
		unsigned int len;
	} expect[DHA_ND_PREFIX_MAX];
	bool have_hoa = false, have_coa = false, have_ha = false;
	unsigned long timeout = 10;
	size_t expect_count = 0, i, j;
	uint8_t pkt[128];
	size_t pkt_len;
	uint16_t id;
	int64_t start, deadline, next_tx;
	unsigned int tries = 0, backoff = INITIAL_SOLICIT_TIMER_MS;
	int fd, err, c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'h': parse_addr("--hoa", optarg, &hoa); have_hoa = true; break;
		case 'c': parse_addr("--coa", optarg, &coa); have_coa = true; break;
		case 'a': parse_addr("--ha", optarg, &ha); have_ha = true; break;
		case 'e':
			if (expect_count == DHA_ND_PREFIX_MAX)
				die("--expect-prefix: at most %d", DHA_ND_PREFIX_MAX);
			parse_prefix_len("--expect-prefix", optarg,
					 &expect[expect_count].prefix,
					 &expect[expect_count].len);
			expect_count++;
			break;
		case 'u': unsolicited = true; break;
		case 'n': count = parse_num("--count", optarg, 1000); break;
		case 't': timeout = parse_num("--timeout", optarg, 86400); break;
		case 'K': kernel_hao = true; break;
		case 'j': json = true; break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("mps: unexpected argument %s", argv[optind]);
	if (!count)
		die("mps: --count must be at least 1");
	if (!have_hoa || !have_coa || !have_ha)
		die("mps: --hoa, --coa and --ha are required");
	if (getrandom(&id, sizeof(id), 0) < 0)
		die("getrandom: %s", strerror(errno));
	if (kernel_hao) {
		/* The message alone; the kernel checksums it from HOA. */
		mps = (struct dha_mps){ .id = id };
		err = dha_mps_build(pkt, sizeof(pkt), &mps, &mps_len);
		if (err)
			die("building the MPS: %s", strerror(-err));
		pkt_len = mps_len;
	} else {
		pkt_len = build_mps(pkt, sizeof(pkt), id, &hoa, &coa, &ha);
	}
	fd = icmp6_open(DHA_ICMP6_MOBILE_PREFIX_ADVERT);
	if (fd < 0)
		die("raw ICMPv6 socket: %s", strerror(-fd));
	if (unsolicited) {
		fprintf(stderr, "listening\n");
		fflush(stderr);
	}

	start = now_ms();
	deadline = start + (int64_t)timeout * 1000;
	next_tx = unsolicited ? INT64_MAX : start;
	for (;;) {
		static struct icmp6_rx rx;
		static struct dha_mpa mpa;
		struct dha_rh2 rh;
		bool match;

		if (now_ms() >= next_tx) {
			err = kernel_hao ?
				      icmp6_send(fd, pkt, pkt_len, &hoa, &ha) :
				      ipv6_send_raw(pkt, pkt_len, &ha);
			if (err)
				die("sending the MPS from %s to %s: %s",
				    ntop(kernel_hao ? &hoa : &coa),
				    ntop(&ha), strerror(-err));
			tries++;
			next_tx = now_ms() + backoff;
			backoff = backoff_next(backoff);
		}
		if (now_ms() >= deadline)
			break;
		if (!wait_readable(fd, next_tx < deadline ? next_tx : deadline))
			continue;
		err = icmp6_recv(fd, &rx);
		if (err)
			die("recvmsg: %s", strerror(-err));
		if (dha_mpa_parse(rx.buf, rx.len, &mpa) < 0 ||
		    (!unsolicited && mpa.id != id) ||
		    memcmp(&rx.src, &ha, sizeof(ha)))
			continue;
		/* RFC 6275 11.4.3: to the home address, through the CoA. */
		if (!rx.has_rthdr || dha_rh2_parse(rx.rthdr, rx.rthdr_len, &rh) < 0 ||
		    rh.segments_left != 0 || memcmp(&rh.addr, &coa, sizeof(coa)) ||
		    memcmp(&rx.dst, &hoa, sizeof(hoa))) {
			fprintf(stderr, "mnemu: MPA to %s without a type 2 routing header for %s via %s ignored\n",
				ntop(&rx.dst), ntop(&hoa), ntop(&coa));
			continue;
		}

		if (json) {
			printf("{\"from\":\"%s\",\"id\":%u,\"flags\":\"%s%s\",\"prefixes\":[",
			       ntop(&rx.src), mpa.id,
			       mpa.flags & DHA_MPA_FLAG_M ? "M" : "",
			       mpa.flags & DHA_MPA_FLAG_O ? "O" : "");
			for (i = 0; i < mpa.prefix_count; i++)
				printf("%s{\"prefix\":\"%s/%u\",\"flags\":\"%s\",\"valid\":%u,\"preferred\":%u}",
				       i ? "," : "", ntop(&mpa.prefixes[i].prefix),
				       mpa.prefixes[i].prefix_len,
				       prefix_flags(mpa.prefixes[i].flags),
				       mpa.prefixes[i].valid_lifetime,
				       mpa.prefixes[i].preferred_lifetime);
			printf("],\"tries\":%u,\"ms\":%lld}\n", tries,
			       (long long)(now_ms() - start));
		} else {
			printf("MPA from %s id %u", ntop(&rx.src), mpa.id);
			for (i = 0; i < mpa.prefix_count; i++)
				printf(" prefix %s/%u flags %s valid %u preferred %u",
				       ntop(&mpa.prefixes[i].prefix),
				       mpa.prefixes[i].prefix_len,
				       prefix_flags(mpa.prefixes[i].flags),
				       mpa.prefixes[i].valid_lifetime,
				       mpa.prefixes[i].preferred_lifetime);
			printf(" tries %u\n", tries);
		}
		fflush(stdout);
		/* Each expected prefix advertised (an R option holds an address). */
		match = true;
		for (i = 0; match && i < expect_count; i++) {
			match = false;
			for (j = 0; !match && j < mpa.prefix_count; j++) {
				struct in6_addr p = mpa.prefixes[j].prefix;
				unsigned int bit;

				if (mpa.prefixes[j].prefix_len != expect[i].len)
					continue;
				for (bit = expect[i].len; bit < 128; bit++)
					p.s6_addr[bit / 8] &= (uint8_t)~(0x80 >> (bit % 8));
				match = !memcmp(&p, &expect[i].prefix, sizeof(p));
			}
		}
		if (!match)
			return EXIT_REFUSED;
		if (++received == count)
			return EXIT_OK;
	}
	if (unsolicited)
		fprintf(stderr, "mnemu: %lu of %lu Mobile Prefix Advertisements from %s in %lu s\n",
			received, count, ntop(&ha), timeout);
	else
		fprintf(stderr, "mnemu: no Mobile Prefix Advertisement from %s after %u solicitations in %lu s\n",
			ntop(&ha), tries, timeout);
	return EXIT_TIMEOUT;
}

/* ---- mhburst ---- */

static int cmd_mhburst(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "src", required_argument, NULL, 's' },
		{ "ha", required_argument, NULL, 'a' },
		{ "type", required_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'n' },
		{ 0 }
	};
	struct in6_addr src, ha;
	bool have_src = false, have_ha = false;
	unsigned long type = 100, count = 200, i;
	uint8_t pkt[8] = { DHA_MH_PAYLOAD_PROTO };
	int64_t start;
	int fd, err, c;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 's': parse_addr("--src", optarg, &src); have_src = true; break;
		case 'a': parse_addr("--ha", optarg, &ha); have_ha = true; break;
		case 't': type = parse_num("--type", optarg, 255); break;
		case 'n': count = parse_num("--count", optarg, 1000000); break;
		default: return EXIT_ERR;
		}
	}
	if (optind != argc)
		die("mhburst: unexpected argument %s", argv[optind]);
	if (!have_src || !have_ha)
		die("mhburst: --src and --ha are required");
	pkt[2] = (uint8_t)type;
	dha_mh_checksum_set(pkt, sizeof(pkt), &src, &ha);
	fd = mh_open(false);
	if (fd < 0)
		die("raw IPPROTO_MH socket: %s", strerror(-fd));
	start = now_ms();
	for (i = 0; i < count; i++) {
		err = mh_send(fd, pkt, sizeof(pkt), &src, &ha, NULL, 0, NULL, 0);
		if (err)
			die("sending MH type %lu from %s to %s: %s", type,
			    ntop(&src), ntop(&ha), strerror(-err));
	}
	printf("sent %lu MH type %lu from %s to %s in %lld ms\n", count, type,
	       ntop(&src), ntop(&ha), (long long)(now_ms() - start));
	return EXIT_OK;
}

static void usage(FILE *f)
{
	fputs("usage: mnemu register --hoa HOA --coa COA --ha HA [--lifetime SEC] [--seq N]\n"
	      "                      [--no-ack] [--mr] [--mnp PREFIX/LEN]... [--link-local]\n"
	      "                      [--dereg] [--timeout SEC] [--expect-status N|accepted|refused]\n"
	      "                      [--tunnel IFNAME] [--kernel-hao] [--json]\n"
	      "       mnemu listen --hoa HOA --coa COA [--ha HA] [--ignore N] [--follow]\n"
	      "                    [--lifetime SEC] [--timeout SEC] [--json]\n"
	      "       mnemu fake-ha [--ha HA] [--status N] [--drop N] [--count N]\n"
	      "                     [--max-lifetime SEC] [--refresh SEC] [--timeout SEC] [--json]\n"
	      "       mnemu flood --ha HA --coa COA --hoa-base ADDR --count N [--first K]\n"
	      "                   [--seq S] [--window W] [--lifetime SEC]\n"
	      "                   [--dereg] [--timeout SEC] [--json]\n"
	      "       mnemu garbage --ha HA --prefix PREFIX/64 [--dev IFNAME] [--avoid ADDR]...\n"
	      "                     [--count N] [--seed N] [--rate PER_SEC] [--json]\n"
	      "       mnemu mhburst --src SRC --ha HA [--type N] [--count N]\n"
	      "       mnemu dhaad --prefix PREFIX/LEN|--anycast ADDR --coa COA [--mr]\n"
	      "                   [--expect ADDR]... [--timeout SEC] [--json]\n"
	      "       mnemu mps --hoa HOA --coa COA --ha HA [--expect-prefix PREFIX/LEN]...\n"
	      "                 [--unsolicited] [--count N]\n"
	      "                 [--timeout SEC] [--kernel-hao] [--json]\n",
	      f);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "register", cmd_register },
		{ "listen", cmd_listen },
		{ "fake-ha", cmd_fake_ha },
		{ "flood", cmd_flood },
		{ "garbage", cmd_garbage },
		{ "mhburst", cmd_mhburst },
		{ "dhaad", cmd_dhaad },
		{ "mps", cmd_mps },
	};
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_ERR;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	usage(stderr);
	die("unknown command %s", argv[1]);
}
