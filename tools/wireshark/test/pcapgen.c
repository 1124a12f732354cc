// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes a pcap (raw IPv6 frames) of every message kind dhad's wire
 * codecs build, with known field values, for the dissector tests
 * (check.sh): the frames' order and values are what check.sh expects.
 *
 * Usage: pcapgen standard.pcap dha.pcap pmip.pcap > pmip-status-names
 *   standard.pcap: the standard messages (stock tshark must decode them)
 *   dha.pcap: the HA-to-HA messages and the Load Balance Information RA
 *   pmip.pcap: Proxy Mobile IPv6 (stock tshark decodes them too)
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/csum.h"
#include "wire/hamsg.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"
#include "wire/ndisc.h"
#include "wire/pmip.h"
#include "wire/test/pmip_vectors.h"

#define LINKTYPE_RAW 101

static FILE *out;
static uint32_t frame_time;

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, text, &a) != 1) {
		fprintf(stderr, "pcapgen: bad address %s\n", text);
		exit(1);
	}
	return a;
}

static void put32(uint32_t v)
{
	fwrite(&v, sizeof(v), 1, out);
}

static void pcap_open(const char *path)
{
	static const uint16_t version[2] = { 2, 4 };

	out = fopen(path, "wb");
	if (!out) {
		perror(path);
		exit(1);
	}
	put32(0xa1b2c3d4);
	fwrite(version, sizeof(version), 1, out);
	put32(0);
	put32(0);
	put32(65535);
	put32(LINKTYPE_RAW);
	frame_time = 1700000000;
}

static void pcap_close(void)
{
	if (fclose(out)) {
		perror("pcapgen");
		exit(1);
	}
}

/*
 * One IPv6 packet: the fixed header, ext (extension headers, ext_len
 * octets, whose first next header is ext_nh) and the upper-layer payload.
 */
static void packet(const char *src, const char *dst, uint8_t hop_limit,
		   uint8_t ext_nh, const uint8_t *ext, size_t ext_len,
		   const uint8_t *payload, size_t len)
{
	uint8_t hdr[40] = { 0x60 };
	struct in6_addr s = addr(src), d = addr(dst);
	uint32_t caplen = (uint32_t)(sizeof(hdr) + ext_len + len);

	hdr[4] = (uint8_t)((ext_len + len) >> 8);
	hdr[5] = (uint8_t)(ext_len + len);
	hdr[6] = ext_nh;
	hdr[7] = hop_limit;
	memcpy(hdr + 8, &s, 16);
	memcpy(hdr + 24, &d, 16);
	put32(frame_time++);
	put32(0);
	put32(caplen);
	put32(caplen);
	fwrite(hdr, sizeof(hdr), 1, out);
	fwrite(ext, 1, ext_len, out);
	fwrite(payload, 1, len, out);
}

static void check(int ret, const char *what)
{
	if (ret) {
		fprintf(stderr, "pcapgen: building %s: %d\n", what, ret);
		exit(1);
	}
}

/* An MH from src to dst (checksummed over pseudo_src/pseudo_dst). */
static void mh_packet(const char *src, const char *dst, const char *psrc,
		      const char *pdst, uint8_t ext_nh, const uint8_t *ext,
		      size_t ext_len, uint8_t *mh, size_t len)
{
	struct in6_addr s = addr(psrc), d = addr(pdst);

	dha_mh_checksum_set(mh, len, &s, &d);
	packet(src, dst, 64, ext_nh, ext, ext_len, mh, len);
}

static void icmp6_packet(const char *src, const char *dst, uint8_t hop_limit,
			 uint8_t *msg, size_t len)
{
	struct in6_addr s = addr(src), d = addr(dst);

	dha_icmp6_checksum_set(msg, len, &s, &d);
	packet(src, dst, hop_limit, DHA_IPPROTO_ICMPV6, NULL, 0, msg, len);
}

#define MN_HOA "2001:db8:1::100"
#define MN_COA "2001:db8:2::2"
#define HA1 "2001:db8:1::1"
#define HA2 "2001:db8:1::2"

static void standard(const char *path)
{
	uint8_t buf[1500], ext[64];
	struct in6_addr hoa = addr(MN_HOA);
	size_t len, ext_len;
	struct dha_mh_msg m;
	struct dha_ra ra;
	struct dha_dhaad_request dreq = { .id = 0x1234, .flags = 0 };
	struct dha_dhaad_reply drep = { .id = 0x1234, .addr_count = 2 };
	struct dha_mps mps = { .id = 0x4321 };
	struct dha_mpa mpa = { .id = 0x4321, .prefix_count = 1 };

	pcap_open(path);

	/* 1: BU, MN -> HA, Home Address option, A|H, lifetime 600 s, MNP. */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.u.bu.seq = 7;
	m.u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_R;
	m.u.bu.lifetime = 150;
	m.opts.mnp_count = 1;
	m.opts.mnp[0].prefix_len = 48;
	m.opts.mnp[0].prefix = addr("2001:db8:100::");
	check(dha_mh_build(buf, sizeof(buf), &m, &len), "BU");
	check(dha_dstopts_build_hao(ext, sizeof(ext), DHA_IPPROTO_MH, &hoa,
				    &ext_len), "HAO");
	mh_packet(MN_COA, HA1, MN_HOA, HA1, DHA_IPPROTO_DSTOPTS, ext, ext_len,
		  buf, len);

	/* 2: BA, HA -> MN's CoA with a type 2 routing header. */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BA;
	m.u.ba.status = DHA_BA_ACCEPTED;
	m.u.ba.flags = DHA_BA_FLAG_R;
	m.u.ba.seq = 7;
	m.u.ba.lifetime = 150;
	m.opts.has_refresh_advice = true;
	m.opts.refresh_interval = 75;
	check(dha_mh_build(buf, sizeof(buf), &m, &len), "BA");
	check(dha_rh2_build(ext, sizeof(ext), DHA_IPPROTO_MH, &hoa, &ext_len),
	      "RH2");
	mh_packet(HA1, MN_COA, HA1, MN_HOA, DHA_IPPROTO_ROUTING, ext, ext_len,
		  buf, len);

	/* 3: BE, status 2 (unknown MH type). */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BE;
	m.u.be.status = DHA_BE_UNKNOWN_MH_TYPE;
	m.u.be.home_addr = hoa;
	check(dha_mh_build(buf, sizeof(buf), &m, &len), "BE");
	mh_packet(HA1, MN_COA, HA1, MN_COA, DHA_IPPROTO_MH, NULL, 0, buf, len);

	/*
	 * 4: Home Agent Switch with two home agents (RFC 5142). Stock
	 * tshark reads the last 6 octets as options: ending in ::2 they
	 * read as a Binding Refresh Advice cut short (check.sh).
	 */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_HA_SWITCH;
	m.u.has.addr_count = 2;
	m.u.has.addrs[0] = addr("2001:db8:5::1");
	m.u.has.addrs[1] = addr(HA2);
	check(dha_mh_build(buf, sizeof(buf), &m, &len), "HA Switch");
	mh_packet(HA1, MN_COA, HA1, MN_HOA, DHA_IPPROTO_ROUTING, ext, ext_len,
		  buf, len);

	/* 5, 6: DHAAD request to the anycast address, and its reply. */
	check(dha_dhaad_request_build(buf, sizeof(buf), &dreq, &len), "DHAAD");
	icmp6_packet(MN_COA, "2001:db8:1::fdff:ffff:ffff:fffe", 64, buf, len);
	drep.addrs[0] = addr(HA1);
	drep.addrs[1] = addr(HA2);
	check(dha_dhaad_reply_build(buf, sizeof(buf), &drep, 1280, &len),
	      "DHAAD reply");
	icmp6_packet(HA1, MN_COA, 64, buf, len);

	/* 7, 8: Mobile Prefix Solicitation and Advertisement. */
	check(dha_mps_build(buf, sizeof(buf), &mps, &len), "MPS");
	icmp6_packet(MN_HOA, HA1, 64, buf, len);
	mpa.flags = DHA_MPA_FLAG_M;
	mpa.prefixes[0] = (struct dha_nd_prefix){
		.prefix_len = 64, .flags = DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A,
		.valid_lifetime = 86400, .preferred_lifetime = 14400,
		.prefix = addr("2001:db8:1::"),
	};
	check(dha_mpa_build(buf, sizeof(buf), &mpa, &len), "MPA");
	icmp6_packet(HA1, MN_HOA, 64, buf, len);

	/* 9: RA with H and the Home Agent Information option, as dhad's. */
	memset(&ra, 0, sizeof(ra));
	ra.cur_hop_limit = 64;
	ra.flags = DHA_RA_FLAG_H;
	ra.router_lifetime = 1800;
	ra.has_adv_interval = true;
	ra.adv_interval = 3000;
	ra.has_ha_info = true;
	ra.ha_info.preference = 10;
	ra.ha_info.lifetime = 1800;
	ra.prefix_count = 1;
	ra.prefixes[0] = mpa.prefixes[0];
	ra.prefixes[0].flags |= DHA_PREFIX_FLAG_R;
	ra.prefixes[0].prefix = addr(HA1);
	ra.prefixes[0].prefix_len = 64;
	check(dha_ra_build(buf, sizeof(buf), &ra, &len), "RA");
	icmp6_packet("fe80::1", "ff02::1", 255, buf, len);

	pcap_close();
}

/*
 * A HA-to-HA message, HA1 -> HA2; octet at (if not 0) is set to value
 * after building, for the frames that must decode as malformed.
 */
static void hamsg_packet_bent(struct dha_hamsg *msg, const char *what,
			      size_t at, uint8_t value)
{
	uint8_t buf[DHA_MH_MAX_LEN];
	size_t len;

	check(dha_hamsg_build(buf, sizeof(buf), msg, &len), what);
	if (msg->has_auth)
		memset(buf + msg->auth.mac_offset, 0x5a, DHA_HAMSG_MAC_LEN);
	if (at)
		buf[at] = value;
	mh_packet(HA1, HA2, HA1, HA2, DHA_IPPROTO_MH, NULL, 0, buf, len);
}

static void hamsg_packet(struct dha_hamsg *msg, const char *what)
{
	hamsg_packet_bent(msg, what, 0, 0);
}

static void experimental(const char *path)
{
	static const uint8_t aaa[] = { 0xaa, 0xbb, 0xcc };
	static const uint8_t vendor[] = { 0x01, 0x02 };
	static struct dha_hamsg m;
	struct dha_hamsg_bci *b;
	uint8_t buf[256];
	struct dha_ra ra;
	size_t len;

	pcap_open(path);

	/* 1: Hello Request. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_HELLO_REQUEST;
	m.u.seq = 0x0101;
	hamsg_packet(&m, "Hello Request");

	/* 2: Hello, active and just elected, with its address and a MAC. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_HELLO;
	m.u.hello = (struct dha_hamsg_hello){
		.seq = 513, .preference = 200, .lifetime = 3, .interval = 1000,
		.group = 7, .flags = DHA_HELLO_FLAG_A | DHA_HELLO_FLAG_N,
	};
	m.addr_count = 1;
	m.addrs[0].code = DHA_IPADDR_CODE_HA_ADDRESS;
	m.addrs[0].prefix_len = 128;
	m.addrs[0].addr = addr(HA1);
	m.has_auth = true;
	m.auth.key_id = 3;
	m.auth.counter = 0x0102030405060708ull;
	hamsg_packet(&m, "Hello");

	/* 3: State Synchronization Request for a home address and a prefix. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS_REQUEST;
	m.u.id = 77;
	m.addr_count = 1;
	m.addrs[0].code = DHA_IPADDR_CODE_HOME_ADDRESS;
	m.addrs[0].prefix_len = 128;
	m.addrs[0].addr = addr(MN_HOA);
	m.mnp_count = 1;
	m.mnp[0].prefix_len = 48;
	m.mnp[0].prefix = addr("2001:db8:100::");
	hamsg_packet(&m, "SS Request");

	/* 4: State Synchronization: one binding with all its options. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS;
	m.u.id = 78;
	m.bci_count = 1;
	b = &m.bci[0];
	b->flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H | DHA_BU_FLAG_R;
	b->seq = 9;
	b->lifetime = 150;
	b->home_address = addr(MN_HOA);
	b->care_of_address = addr(MN_COA);
	b->mnp_count = 1;
	b->mnp[0].prefix_len = 48;
	b->mnp[0].prefix = addr("2001:db8:100::");
	b->aaa = aaa;
	b->aaa_len = sizeof(aaa);
	b->vendor_count = 1;
	b->vendor[0] = (struct dha_hamsg_vendor){ 0x1234, vendor,
						   sizeof(vendor) };
	m.has_ss_status = true;
	m.ss_status = (struct dha_hamsg_ss_status){
		.flags = DHA_SS_STATUS_FLAG_REPLY | DHA_SS_STATUS_FLAG_LAST,
		.request_id = 77, .total = 1,
	};
	hamsg_packet(&m, "SS");

	/* 5: State Synchronization Ack, refused. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS_ACK;
	m.u.id = 78;
	m.ack_status = DHA_SS_ACK_REFUSED;
	hamsg_packet(&m, "SS Ack");

	/* 6-9: the switch messages; replies with a status. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SWITCHOVER_REQUEST;
	hamsg_packet(&m, "SwitchOver Request");
	m.subtype = DHA_HAMSG_SWITCHOVER_REPLY;
	m.u.status = DHA_SWITCH_WRONG_ROLE;
	hamsg_packet(&m, "SwitchOver Reply");
	m.subtype = DHA_HAMSG_SWITCHBACK_REQUEST;
	m.u.status = 0;
	hamsg_packet(&m, "SwitchBack Request");
	m.subtype = DHA_HAMSG_SWITCHBACK_REPLY;
	m.u.status = DHA_SWITCH_ADMIN_PROHIBITED;
	hamsg_packet(&m, "SwitchBack Reply");

	/* 10: RA with H, L and the Load Balance Information option. */
	memset(&ra, 0, sizeof(ra));
	ra.cur_hop_limit = 64;
	ra.flags = DHA_RA_FLAG_H | DHA_RA_FLAG_L;
	ra.router_lifetime = 1800;
	ra.has_ha_info = true;
	ra.ha_info.preference = 10;
	ra.ha_info.lifetime = 1800;
	ra.has_lb_info = true;
	ra.lb_info.queue_size = 42;
	ra.lb_info.registered_mns = 1000;
	check(dha_ra_build(buf, sizeof(buf), &ra, &len), "RA");
	icmp6_packet("fe80::1", "ff02::1", 255, buf, len);

	/* 11: an unknown subtype (200), 12: an option overrunning the end. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SWITCHOVER_REQUEST;
	hamsg_packet_bent(&m, "unknown subtype", 6, 200);
	m.subtype = DHA_HAMSG_SS_ACK;
	hamsg_packet_bent(&m, "overrun", 13, 40);

	/* 13: a global HAHA Hello soliciting Hellos (G, R), preference 0. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_HELLO;
	m.u.hello = (struct dha_hamsg_hello){
		.seq = 9, .lifetime = 60, .interval = 5000, .group = 42,
		.flags = DHA_HELLO_FLAG_G | DHA_HELLO_FLAG_R,
	};
	m.addr_count = 1;
	m.addrs[0].code = DHA_IPADDR_CODE_HA_ADDRESS;
	m.addrs[0].prefix_len = 64;
	m.addrs[0].addr = addr(HA1);
	hamsg_packet(&m, "global Hello");

	/* 14: a global binding: SS Reply with A and G. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS;
	m.ss_flags = DHA_SS_FLAG_A | DHA_SS_FLAG_G;
	m.u.id = 79;
	m.bci_count = 1;
	m.bci[0].flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H;
	m.bci[0].seq = 10;
	m.bci[0].lifetime = 75;
	m.bci[0].home_address = addr(MN_HOA);
	m.bci[0].care_of_address = addr(MN_COA);
	hamsg_packet(&m, "global SS Reply");

	/* 15: its SS Ack, G, an SS Status per home address. */
	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS_ACK;
	m.ss_flags = DHA_SS_FLAG_G;
	m.u.id = 79;
	m.gss_status_count = 2;
	m.gss_status[0].status = DHA_GSS_SUCCESS;
	m.gss_status[0].home_address = addr(MN_HOA);
	m.gss_status[1].status = DHA_GSS_NOT_IN_SET;
	m.gss_status[1].home_address = addr("2001:db8:1::200");
	hamsg_packet(&m, "global SS Ack");

	pcap_close();
}

/* An MH exactly as given (its checksum already set), src -> dst. */
static void mh_as_is(const char *src, const char *dst, const uint8_t *mh,
		     size_t len)
{
	packet(src, dst, 64, DHA_IPPROTO_MH, NULL, 0, mh, len);
}

/*
 * 1, 2: the PBU and PBA of the unit tests, byte for byte; 3-13: a PBA
 * refusing with each status RFC 5213 defines (152-162), from the builder.
 * Prints "STATUS NAME" for each of those, with dhad's name for it, for
 * check.sh to hold against tshark's.
 */
static void pmip(const char *path)
{
	static struct dha_pmip_msg m;
	uint8_t buf[256];
	struct in6_addr lma = addr(PMIP_VEC_LMA), mag = addr(PMIP_VEC_MAG);
	size_t len;
	int status;

	pcap_open(path);
	mh_as_is(PMIP_VEC_MAG, PMIP_VEC_LMA, pmip_vec_pbu, sizeof(pmip_vec_pbu));
	mh_as_is(PMIP_VEC_LMA, PMIP_VEC_MAG, pmip_vec_pba, sizeof(pmip_vec_pba));
	for (status = DHA_PBA_PROXY_REG_NOT_ENABLED;
	     status <= DHA_PBA_MISSING_ACCESS_TECH_TYPE_OPTION; status++) {
		memset(&m, 0, sizeof(m));
		m.type = DHA_MH_BA;
		m.u.ba.status = (uint8_t)status;
		m.u.ba.seq = 2;
		m.opts.has_timestamp = true;
		m.opts.timestamp = PMIP_VEC_TIMESTAMP;
		check(dha_pmip_build(buf, sizeof(buf), &m, &len), "PBA");
		dha_mh_checksum_set(buf, len, &lma, &mag);
		mh_as_is(PMIP_VEC_LMA, PMIP_VEC_MAG, buf, len);
		printf("%s (%d)\n", dha_pba_status_name((uint8_t)status), status);
	}
	pcap_close();
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: pcapgen STANDARD.pcap DHA.pcap PMIP.pcap\n");
		return 2;
	}
	standard(argv[1]);
	experimental(argv[2]);
	pmip(argv[3]);
	return 0;
}
