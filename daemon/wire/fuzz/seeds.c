// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the seed corpora: a few valid messages per fuzzer, made with the
 * builders.  Usage: seeds <corpus dir>; writes
 * <dir>/{mh,ipv6ext,ndisc,hamsg,pmip}/.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wire/hamsg.h"
#include "wire/ipv6ext.h"
#include "wire/mh.h"
#include "wire/ndisc.h"
#include "wire/pmip.h"

static const char *corpus;

static struct in6_addr addr(const char *text)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, text, &a) != 1)
		abort();
	return a;
}

/* len by pointer: it is read after the build call, an argument beside it,
 * has set it (argument evaluation order is unspecified). */
static void save(const char *dir, const char *name, int ret,
		 const uint8_t *buf, const size_t *len)
{
	char path[512];
	FILE *f;

	if (ret) {
		fprintf(stderr, "seeds: building %s: %s\n", name, strerror(-ret));
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s", corpus, dir);
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/%s/%s", corpus, dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, *len, f) != *len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void mh_seeds(void)
{
	static const uint8_t vendor_data[] = { 1, 2, 3 };
	static const uint8_t exp_data[] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static struct dha_mh_msg m;
	uint8_t buf[DHA_MH_MAX_LEN];
	size_t len;

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.u.bu.seq = 1;
	m.u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H;
	m.u.bu.lifetime = 60;
	m.opts.has_alt_coa = true;
	m.opts.alt_coa = addr("2001:db8:1::2");
	save("mh", "bu-alt-coa", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	m.u.bu.flags |= DHA_BU_FLAG_R;
	m.opts.mnp_count = 2;
	m.opts.mnp[0].prefix_len = 48;
	m.opts.mnp[0].prefix = addr("2001:db8:a::");
	m.opts.mnp[1].prefix_len = 64;
	m.opts.mnp[1].prefix = addr("2001:db8:b::");
	m.opts.vendor_count = 1;
	m.opts.vendor[0].vendor_id = 8088;
	m.opts.vendor[0].data = vendor_data;
	m.opts.vendor[0].data_len = sizeof(vendor_data);
	save("mh", "bu-nemo", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BA;
	m.u.ba.flags = DHA_BA_FLAG_R;
	m.u.ba.seq = 1;
	m.u.ba.lifetime = 60;
	m.opts.has_refresh_advice = true;
	m.opts.refresh_interval = 50;
	m.opts.mnp_count = 1;
	m.opts.mnp[0].prefix_len = 48;
	m.opts.mnp[0].prefix = addr("2001:db8:a::");
	save("mh", "ba", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BE;
	m.u.be.status = DHA_BE_UNKNOWN_MH_TYPE;
	m.u.be.home_addr = addr("2001:db8::1");
	save("mh", "be", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BRR;
	save("mh", "brr", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	m.type = DHA_MH_HA_SWITCH;
	m.u.has.addr_count = 2;
	m.u.has.addrs[0] = addr("2001:db8::a1");
	m.u.has.addrs[1] = addr("2001:db8::a2");
	save("mh", "ha-switch", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_HOT;
	m.u.test.nonce_index = 3;
	memset(m.u.test.cookie, 0x11, 8);
	memset(m.u.test.keygen_token, 0x22, 8);
	save("mh", "hot", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_EXPERIMENTAL;
	m.u.exp.data = exp_data;
	m.u.exp.len = sizeof(exp_data);
	save("mh", "experimental", dha_mh_build(buf, sizeof(buf), &m, &len), buf, &len);
}

static void ipv6ext_seeds(void)
{
	struct in6_addr a = addr("2001:db8::1");
	uint8_t buf[64];
	size_t len;

	save("ipv6ext", "dstopts-hao",
	     dha_dstopts_build_hao(buf, sizeof(buf), DHA_IPPROTO_MH, &a, &len),
	     buf, &len);
	save("ipv6ext", "rh2",
	     dha_rh2_build(buf, sizeof(buf), DHA_IPPROTO_MH, &a, &len), buf, &len);
}

static void ndisc_seeds(void)
{
	static struct dha_ra ra;
	static struct dha_dhaad_reply rep;
	static struct dha_mpa mpa;
	struct dha_dhaad_request req = { .id = 7, .flags = DHA_DHAAD_FLAG_R };
	struct dha_mps mps = { .id = 9 };
	struct dha_rs rs;
	struct dha_ns ns;
	struct dha_na na;
	uint8_t buf[DHA_IPV6_MIN_MTU];
	size_t len;

	memset(&ra, 0, sizeof(ra));
	ra.cur_hop_limit = 64;
	ra.flags = DHA_RA_FLAG_H | DHA_RA_FLAG_L;
	ra.router_lifetime = 1800;
	ra.has_source_lladdr = true;
	ra.source_lladdr.len = 6;
	memcpy(ra.source_lladdr.addr, "\x02\0\0\0\0\x01", 6);
	ra.has_mtu = true;
	ra.mtu = 1500;
	ra.has_adv_interval = true;
	ra.adv_interval = 3000;
	ra.has_ha_info = true;
	ra.ha_info.preference = 10;
	ra.ha_info.lifetime = 1800;
	ra.has_lb_info = true;
	ra.lb_info.queue_size = 5;
	ra.lb_info.registered_mns = 100;
	ra.prefix_count = 1;
	ra.prefixes[0].prefix_len = 64;
	ra.prefixes[0].flags = DHA_PREFIX_FLAG_L | DHA_PREFIX_FLAG_A |
			       DHA_PREFIX_FLAG_R;
	ra.prefixes[0].valid_lifetime = 86400;
	ra.prefixes[0].preferred_lifetime = 14400;
	ra.prefixes[0].prefix = addr("2001:db8::a1");
	save("ndisc", "ra", dha_ra_build(buf, sizeof(buf), &ra, &len), buf, &len);

	memset(&rs, 0, sizeof(rs));
	rs.has_source_lladdr = true;
	rs.source_lladdr = ra.source_lladdr;
	save("ndisc", "rs", dha_rs_build(buf, sizeof(buf), &rs, &len), buf, &len);

	memset(&ns, 0, sizeof(ns));
	ns.target = addr("2001:db8::1");
	save("ndisc", "ns-dad", dha_ns_build(buf, sizeof(buf), &ns, &len), buf, &len);
	ns.has_source_lladdr = true;
	ns.source_lladdr = ra.source_lladdr;
	save("ndisc", "ns", dha_ns_build(buf, sizeof(buf), &ns, &len), buf, &len);

	memset(&na, 0, sizeof(na));
	na.flags = DHA_NA_FLAG_O;
	na.target = addr("2001:db8::1");
	na.has_target_lladdr = true;
	na.target_lladdr = ra.source_lladdr;
	save("ndisc", "na", dha_na_build(buf, sizeof(buf), &na, &len), buf, &len);

	save("ndisc", "dhaad-request",
	     dha_dhaad_request_build(buf, sizeof(buf), &req, &len), buf, &len);
	memset(&rep, 0, sizeof(rep));
	rep.id = 7;
	rep.addr_count = 2;
	rep.addrs[0] = addr("2001:db8::a1");
	rep.addrs[1] = addr("2001:db8::a2");
	save("ndisc", "dhaad-reply",
	     dha_dhaad_reply_build(buf, sizeof(buf), &rep, DHA_IPV6_MIN_MTU, &len),
	     buf, &len);

	save("ndisc", "mps", dha_mps_build(buf, sizeof(buf), &mps, &len), buf, &len);
	memset(&mpa, 0, sizeof(mpa));
	mpa.id = 9;
	mpa.flags = DHA_MPA_FLAG_M;
	mpa.prefix_count = 1;
	mpa.prefixes[0] = ra.prefixes[0];
	save("ndisc", "mpa", dha_mpa_build(buf, sizeof(buf), &mpa, &len), buf, &len);
}

static void hamsg_seeds(void)
{
	static const uint8_t aaa[] = { 0, 0, 1, 1, 0x40, 0, 0, 12 };
	static const uint8_t vendor[] = { 9, 8, 7 };
	static struct dha_hamsg m;
	uint8_t buf[DHA_MH_MAX_LEN];
	size_t len;

	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_HELLO;
	m.u.hello.seq = 1;
	m.u.hello.preference = 10;
	m.u.hello.lifetime = 1800;
	m.u.hello.interval = 100;
	m.u.hello.group = 1;
	m.u.hello.flags = DHA_HELLO_FLAG_A | DHA_HELLO_FLAG_G | DHA_HELLO_FLAG_R;
	m.addr_count = 1;
	m.addrs[0].code = DHA_IPADDR_CODE_HA_ADDRESS;
	m.addrs[0].prefix_len = 64;
	m.addrs[0].addr = addr("2001:db8:1::1");
	m.has_auth = true;
	m.auth.key_id = 1;
	m.auth.counter = 42;
	save("hamsg", "hello", dha_hamsg_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS_REQUEST;
	m.u.id = 2;
	m.addr_count = 1;
	m.addrs[0].code = DHA_IPADDR_CODE_HOME_ADDRESS;
	m.addrs[0].prefix_len = 128;
	m.addrs[0].addr = addr("2001:db8:1::100");
	m.mnp_count = 1;
	m.mnp[0].prefix_len = 48;
	m.mnp[0].prefix = addr("2001:db8:100::");
	save("hamsg", "ss-request", dha_hamsg_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS;
	m.ss_flags = DHA_SS_FLAG_A | DHA_SS_FLAG_G;
	m.u.id = 3;
	m.has_ss_status = true;
	m.ss_status.flags = DHA_SS_STATUS_FLAG_REPLY | DHA_SS_STATUS_FLAG_LAST;
	m.ss_status.request_id = 2;
	m.ss_status.total = 2;
	m.bci_count = 2;
	m.bci[0].flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H;
	m.bci[0].seq = 7;
	m.bci[0].lifetime = 75;
	m.bci[0].home_address = addr("2001:db8:1::100");
	m.bci[0].care_of_address = addr("2001:db8:2::2");
	m.bci[0].aaa = aaa;
	m.bci[0].aaa_len = sizeof(aaa);
	m.bci[1].flags = DHA_BU_FLAG_H | DHA_BU_FLAG_R;
	m.bci[1].home_address = addr("2001:db8:1::200");
	m.bci[1].care_of_address = addr("2001:db8:2::3");
	m.bci[1].mnp_count = 1;
	m.bci[1].mnp[0].prefix_len = 48;
	m.bci[1].mnp[0].prefix = addr("2001:db8:100::");
	m.bci[1].vendor_count = 1;
	m.bci[1].vendor[0].vendor_code = 0x1234;
	m.bci[1].vendor[0].data = vendor;
	m.bci[1].vendor[0].data_len = sizeof(vendor);
	m.has_auth = true;
	m.auth.counter = 43;
	save("hamsg", "ss", dha_hamsg_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SS_ACK;
	m.ss_flags = DHA_SS_FLAG_G;
	m.u.id = 3;
	m.gss_status_count = 2;
	m.gss_status[0].status = DHA_GSS_SUCCESS;
	m.gss_status[0].home_address = addr("2001:db8:1::100");
	m.gss_status[1].status = DHA_GSS_MALFORMED;
	m.gss_status[1].home_address = addr("2001:db8:1::200");
	save("hamsg", "ss-ack-global", dha_hamsg_build(buf, sizeof(buf), &m, &len), buf, &len);

	memset(&m, 0, sizeof(m));
	m.subtype = DHA_HAMSG_SWITCHOVER_REPLY;
	m.u.status = DHA_SWITCH_WRONG_ROLE;
	save("hamsg", "switchover-reply", dha_hamsg_build(buf, sizeof(buf), &m, &len), buf, &len);
}

static void pmip_seeds(void)
{
	static const uint8_t nai[] = "mn1@example.org";
	static const uint8_t ll_id[] = { 0x02, 0, 0, 0, 0, 0x01 };
	static struct dha_pmip_msg m;
	uint8_t buf[DHA_MH_MAX_LEN];
	size_t len;

	/* A MAG's first PBU: every option, a prefix asked for with ::. */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BU;
	m.u.bu.seq = 1;
	m.u.bu.flags = DHA_BU_FLAG_A | DHA_BU_FLAG_H;
	m.u.bu.lifetime = 150;
	m.opts.has_mn_id = true;
	m.opts.mn_id_subtype = DHA_MN_ID_NAI;
	m.opts.mn_id = nai;
	m.opts.mn_id_len = sizeof(nai) - 1;
	m.opts.hnp_count = 1;
	m.opts.has_handoff = true;
	m.opts.handoff = DHA_HI_NEW_INTERFACE;
	m.opts.has_att = true;
	m.opts.att = DHA_ATT_IEEE_802_3;
	m.opts.has_ll_id = true;
	m.opts.ll_id = ll_id;
	m.opts.ll_id_len = sizeof(ll_id);
	m.opts.has_link_local = true;
	m.opts.has_timestamp = true;
	m.opts.timestamp = (uint64_t)1700000000 << 16;
	save("pmip", "pbu", dha_pmip_build(buf, sizeof(buf), &m, &len), buf, &len);

	/* The LMA's answer: two prefixes and its link-local address. */
	m.type = DHA_MH_BA;
	m.u.ba.status = DHA_BA_ACCEPTED;
	m.u.ba.seq = 1;
	m.u.ba.lifetime = 150;
	m.opts.hnp_count = 2;
	m.opts.hnp[0].prefix_len = 64;
	m.opts.hnp[0].prefix = addr("2001:db8:100::");
	m.opts.hnp[1].prefix_len = 64;
	m.opts.hnp[1].prefix = addr("2001:db8:101::");
	m.opts.link_local = addr("fe80::1");
	save("pmip", "pba", dha_pmip_build(buf, sizeof(buf), &m, &len), buf, &len);

	/* A refusal that carries only the identifier and the timestamp. */
	memset(&m, 0, sizeof(m));
	m.type = DHA_MH_BA;
	m.u.ba.status = DHA_PBA_TIMESTAMP_LOWER_THAN_PREV_ACCEPTED;
	m.opts.has_mn_id = true;
	m.opts.mn_id_subtype = DHA_MN_ID_NAI;
	m.opts.mn_id = nai;
	m.opts.mn_id_len = sizeof(nai) - 1;
	m.opts.has_timestamp = true;
	m.opts.timestamp = (uint64_t)1700000000 << 16;
	save("pmip", "pba-refused", dha_pmip_build(buf, sizeof(buf), &m, &len), buf, &len);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: seeds <corpus dir>\n");
		return 2;
	}
	corpus = argv[1];
	if (mkdir(corpus, 0755) && errno != EEXIST) {
		perror(corpus);
		return 1;
	}
	mh_seeds();
	ipv6ext_seeds();
	ndisc_seeds();
	hamsg_seeds();
	pmip_seeds();
	return 0;
}
