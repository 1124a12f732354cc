// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the netlink side without a kernel: the attributes a
 * request carries and the decoding of replies built here the way the
 * kernel builds them. (Acks and their extended ack are lib/'s:
 * lib/test/test_ack.c.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "check.h"
#include "dha.h"

#define TEST_FAMILY 0x20

static struct in6_addr in6(const char *text)
{
	struct in6_addr address;

	inet_pton(AF_INET6, text, &address);
	return address;
}

static struct nl_msg *message(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, TEST_FAMILY, 0, 0, cmd, DHA_GENL_VERSION);
	return msg;
}

static void put_in6(struct nl_msg *msg, int type, const char *text)
{
	struct in6_addr address = in6(text);

	nla_put(msg, type, sizeof(address), &address);
}

static void put_prefix_as(struct nl_msg *msg, int type, const char *address,
			  uint8_t length)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	put_in6(msg, DHA_A_PREFIX_ADDRESS, address);
	nla_put_u8(msg, DHA_A_PREFIX_LENGTH, length);
	nla_nest_end(msg, nest);
}

static void put_prefix(struct nl_msg *msg, const char *address,
		       uint8_t length)
{
	put_prefix_as(msg, DHA_A_BINDING_PREFIX, address, length);
}

static bool attr_is_in6(struct nlattr *attr, const char *text)
{
	struct in6_addr expected = in6(text);

	return attr && nla_len(attr) == sizeof(expected) &&
	       memcmp(nla_data(attr), &expected, sizeof(expected)) == 0;
}

static void test_request_binding_add(void)
{
	char *argv[] = { "add", "2001:db8:1::100", "coa", "2001:db8:2::2",
			 "dev", "dha0", "lifetime", "300",
			 "mnp", "2001:db8:100::/48", "mnp", "2001:db8:200::/56" };
	struct nlattr *tb[DHA_A_MAX + 1], *btb[DHA_A_BINDING_MAX + 1];
	struct nlattr *ptb[DHA_A_PREFIX_MAX + 1], *attr;
	struct binding_request req;
	struct cli_error err;
	struct nl_msg *msg;
	int remaining, prefixes = 0;

	CHECK_INT(binding_parse_args(DHA_BINDING_KIND_HOME, 12, argv, &req,
				     &err), 0);
	msg = message(binding_request_cmd(&req));
	CHECK_INT(binding_request_put(msg, &req, 7), 0);
	CHECK_INT(genlmsg_parse(nlmsg_hdr(msg), 0, tb, DHA_A_MAX, NULL), 0);
	CHECK(tb[DHA_A_IFINDEX] && nla_get_u32(tb[DHA_A_IFINDEX]) == 7);
	CHECK(tb[DHA_A_BINDING] != NULL);
	CHECK_INT(nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
				   NULL), 0);
	CHECK(attr_is_in6(btb[DHA_A_BINDING_HOME_ADDRESS], "2001:db8:1::100"));
	CHECK(attr_is_in6(btb[DHA_A_BINDING_CARE_OF_ADDRESS], "2001:db8:2::2"));
	CHECK(btb[DHA_A_BINDING_HOME_AGENT] == NULL);
	CHECK(btb[DHA_A_BINDING_KIND] &&
	      nla_get_u32(btb[DHA_A_BINDING_KIND]) == DHA_BINDING_KIND_HOME);
	CHECK(btb[DHA_A_BINDING_LIFETIME] &&
	      nla_get_u32(btb[DHA_A_BINDING_LIFETIME]) == 300);
	nla_for_each_nested(attr, tb[DHA_A_BINDING], remaining) {
		if (nla_type(attr) != DHA_A_BINDING_PREFIX)
			continue;
		CHECK_INT(nla_parse_nested(ptb, DHA_A_PREFIX_MAX, attr, NULL), 0);
		CHECK(attr_is_in6(ptb[DHA_A_PREFIX_ADDRESS],
				  prefixes ? "2001:db8:200::" : "2001:db8:100::"));
		CHECK(ptb[DHA_A_PREFIX_LENGTH] &&
		      nla_len(ptb[DHA_A_PREFIX_LENGTH]) == 1 &&
		      nla_get_u8(ptb[DHA_A_PREFIX_LENGTH]) == (prefixes ? 56 : 48));
		prefixes++;
	}
	CHECK_INT(prefixes, 2);
	nlmsg_free(msg);
}

static void test_request_proxy(void)
{
	char *argv[] = { "change", "hnp", "2001:db8:100::/64", "mag",
			 "2001:db8:a2::2", "local", "2001:db8:ff::1", "dev",
			 "dha0" };
	char *del[] = { "del", "hnp", "2001:db8:100::/64", "dev", "dha0" };
	struct nlattr *tb[DHA_A_MAX + 1], *btb[DHA_A_BINDING_MAX + 1];
	struct nlattr *ptb[DHA_A_PREFIX_MAX + 1];
	struct binding_request req;
	struct cli_error err;
	struct nl_msg *msg;

	CHECK_INT(binding_parse_args(DHA_BINDING_KIND_HOME, 9, argv, &req,
				     &err), 0);
	CHECK_INT(req.kind, DHA_BINDING_KIND_PROXY_LMA);
	CHECK_INT(binding_request_flags(&req), NLM_F_REPLACE);
	msg = message(binding_request_cmd(&req));
	CHECK_INT(binding_request_put(msg, &req, 7), 0);
	CHECK_INT(genlmsg_parse(nlmsg_hdr(msg), 0, tb, DHA_A_MAX, NULL), 0);
	CHECK_INT(nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
				   NULL), 0);
	CHECK(btb[DHA_A_BINDING_HOME_ADDRESS] == NULL);
	CHECK(nla_get_u32(btb[DHA_A_BINDING_KIND]) == DHA_BINDING_KIND_PROXY_LMA);
	CHECK(attr_is_in6(btb[DHA_A_BINDING_CARE_OF_ADDRESS], "2001:db8:a2::2"));
	CHECK(attr_is_in6(btb[DHA_A_BINDING_LOCAL_ADDRESS], "2001:db8:ff::1"));
	CHECK(btb[DHA_A_BINDING_LMA_ADDRESS] == NULL);
	CHECK(btb[DHA_A_BINDING_PREFIX] != NULL);
	CHECK_INT(nla_parse_nested(ptb, DHA_A_PREFIX_MAX,
				   btb[DHA_A_BINDING_PREFIX], NULL), 0);
	CHECK(attr_is_in6(ptb[DHA_A_PREFIX_ADDRESS], "2001:db8:100::"));
	CHECK(nla_get_u8(ptb[DHA_A_PREFIX_LENGTH]) == 64);
	nlmsg_free(msg);

	/* "lma" makes the MAG's kind */
	argv[3] = "lma";
	CHECK_INT(binding_parse_args(DHA_BINDING_KIND_HOME, 9, argv, &req,
				     &err), 0);
	CHECK_INT(req.kind, DHA_BINDING_KIND_PROXY_MAG);
	msg = message(binding_request_cmd(&req));
	CHECK_INT(binding_request_put(msg, &req, 7), 0);
	CHECK_INT(genlmsg_parse(nlmsg_hdr(msg), 0, tb, DHA_A_MAX, NULL), 0);
	CHECK_INT(nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
				   NULL), 0);
	CHECK(attr_is_in6(btb[DHA_A_BINDING_LMA_ADDRESS], "2001:db8:a2::2"));
	CHECK(btb[DHA_A_BINDING_CARE_OF_ADDRESS] == NULL);
	nlmsg_free(msg);

	/* a del names the prefix; the command tries both proxy kinds */
	CHECK_INT(binding_parse_args(DHA_BINDING_KIND_HOME, 5, del, &req, &err), 0);
	CHECK(req.proxy);
	CHECK_INT(req.kind, 0);
	CHECK_INT(binding_request_cmd(&req), DHA_CMD_BINDING_DEL);
}

static void test_decode_proxy(void)
{
	struct nl_msg *msg = message(DHA_CMD_BINDING_GET);
	struct nlattr *tb[DHA_A_MAX + 1], *nest;
	struct binding_info binding;
	struct in6_addr expected;

	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nest = nla_nest_start(msg, DHA_A_BINDING);
	nla_put_u32(msg, DHA_A_BINDING_KIND, DHA_BINDING_KIND_PROXY_MAG);
	put_in6(msg, DHA_A_BINDING_LMA_ADDRESS, "2001:db8:ff::1");
	put_in6(msg, DHA_A_BINDING_LOCAL_ADDRESS, "2001:db8:a1::2");
	put_prefix(msg, "2001:db8:100::", 64);
	nla_nest_end(msg, nest);
	CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_BINDING_GET);
	CHECK_INT(binding_decode(tb, &binding), 0);
	CHECK_INT(binding.kind, DHA_BINDING_KIND_PROXY_MAG);
	expected = in6("2001:db8:ff::1");
	CHECK(memcmp(&binding.target, &expected, sizeof(expected)) == 0);
	CHECK(binding.has_local);
	expected = in6("2001:db8:a1::2");
	CHECK(memcmp(&binding.local, &expected, sizeof(expected)) == 0);
	CHECK_INT(binding.prefix_count, 1);
	CHECK_INT(binding.prefixes[0].length, 64);
	nlmsg_free(msg);

	/* a proxy-lma reply without its MAG is malformed */
	msg = message(DHA_CMD_BINDING_GET);
	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nest = nla_nest_start(msg, DHA_A_BINDING);
	nla_put_u32(msg, DHA_A_BINDING_KIND, DHA_BINDING_KIND_PROXY_LMA);
	put_in6(msg, DHA_A_BINDING_LMA_ADDRESS, "2001:db8:ff::1");
	put_prefix(msg, "2001:db8:100::", 64);
	nla_nest_end(msg, nest);
	CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_BINDING_GET);
	CHECK_INT(binding_decode(tb, &binding), -EBADMSG);
	nlmsg_free(msg);
}

static void test_request_global_forever(void)
{
	char *argv[] = { "replace", "2001:db8:1::200", "ha", "2001:db8:ff::2",
			 "dev", "dha0" };
	struct nlattr *tb[DHA_A_MAX + 1], *btb[DHA_A_BINDING_MAX + 1];
	struct binding_request req;
	struct cli_error err;
	struct nl_msg *msg;

	CHECK_INT(binding_parse_args(DHA_BINDING_KIND_GLOBAL, 6, argv, &req,
				     &err), 0);
	msg = message(binding_request_cmd(&req));
	CHECK_INT(binding_request_put(msg, &req, 7), 0);
	CHECK_INT(genlmsg_parse(nlmsg_hdr(msg), 0, tb, DHA_A_MAX, NULL), 0);
	CHECK_INT(nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
				   NULL), 0);
	CHECK(attr_is_in6(btb[DHA_A_BINDING_HOME_AGENT], "2001:db8:ff::2"));
	CHECK(btb[DHA_A_BINDING_CARE_OF_ADDRESS] == NULL);
	CHECK(btb[DHA_A_BINDING_LIFETIME] == NULL);
	CHECK(btb[DHA_A_BINDING_PREFIX] == NULL);
	CHECK(nla_get_u32(btb[DHA_A_BINDING_KIND]) == DHA_BINDING_KIND_GLOBAL);
	nlmsg_free(msg);
}

static void test_request_dump_filter(void)
{
	struct nlattr *tb[DHA_A_MAX + 1], *btb[DHA_A_BINDING_MAX + 1];
	struct binding_request req;
	struct cli_error err;
	struct nl_msg *msg;

	CHECK_INT(binding_parse_args(DHA_BINDING_KIND_GLOBAL, 0, NULL, &req,
				     &err), 0);
	msg = message(binding_request_cmd(&req));
	CHECK_INT(binding_request_put(msg, &req, 0), 0);
	CHECK_INT(genlmsg_parse(nlmsg_hdr(msg), 0, tb, DHA_A_MAX, NULL), 0);
	CHECK(tb[DHA_A_IFINDEX] == NULL);
	CHECK_INT(nla_parse_nested(btb, DHA_A_BINDING_MAX, tb[DHA_A_BINDING],
				   NULL), 0);
	CHECK(btb[DHA_A_BINDING_HOME_ADDRESS] == NULL);
	CHECK(nla_get_u32(btb[DHA_A_BINDING_KIND]) == DHA_BINDING_KIND_GLOBAL);
	nlmsg_free(msg);
}

/* A binding reply as the kernel sends it, stats as 4- and 8-byte uints. */
static struct nl_msg *binding_reply(void)
{
	struct nl_msg *msg = message(DHA_CMD_BINDING_GET);
	struct nlattr *binding, *stats;

	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	binding = nla_nest_start(msg, DHA_A_BINDING);
	put_in6(msg, DHA_A_BINDING_HOME_ADDRESS, "2001:db8:1::100");
	nla_put_u32(msg, DHA_A_BINDING_KIND, DHA_BINDING_KIND_HOME);
	put_in6(msg, DHA_A_BINDING_CARE_OF_ADDRESS, "2001:db8:2::2");
	nla_put_u32(msg, DHA_A_BINDING_LIFETIME, 287);
	put_prefix(msg, "2001:db8:100::", 48);
	put_prefix(msg, "2001:db8:200::", 56);
	put_in6(msg, DHA_A_BINDING_GROUP, "ff0e::101");
	put_in6(msg, DHA_A_BINDING_GROUP, "ff1e::2:102");
	stats = nla_nest_start(msg, DHA_A_BINDING_STATS);
	nla_put_u32(msg, DHA_A_BINDING_STATS_TX_PACKETS, 12);
	nla_put_u64(msg, DHA_A_BINDING_STATS_TX_BYTES, 0x100000000ULL);
	nla_put_u32(msg, DHA_A_BINDING_STATS_RX_PACKETS, 3);
	nla_put_u32(msg, DHA_A_BINDING_STATS_RX_BYTES, 300);
	nla_put_u32(msg, DHA_A_BINDING_STATS_TX_DROPPED, 1);
	nla_put_u32(msg, DHA_A_BINDING_STATS_RX_DROPPED, 2);
	nla_nest_end(msg, stats);
	nla_nest_end(msg, binding);
	return msg;
}

static void test_decode_binding(void)
{
	struct nl_msg *msg = binding_reply();
	struct nlattr *tb[DHA_A_MAX + 1];
	struct binding_info binding;
	struct in6_addr expected;

	CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_BINDING_GET);
	CHECK_INT(binding_decode(tb, &binding), 0);
	CHECK_INT(binding.ifindex, 5);
	CHECK_INT(binding.kind, DHA_BINDING_KIND_HOME);
	expected = in6("2001:db8:1::100");
	CHECK(memcmp(&binding.home_address, &expected, sizeof(expected)) == 0);
	expected = in6("2001:db8:2::2");
	CHECK(memcmp(&binding.target, &expected, sizeof(expected)) == 0);
	CHECK(binding.has_lifetime);
	CHECK_INT(binding.lifetime, 287);
	CHECK_INT(binding.prefix_count, 2);
	CHECK_INT(binding.prefixes[1].length, 56);
	CHECK_INT(binding.group_count, 2);
	expected = in6("ff1e::2:102");
	CHECK(memcmp(&binding.groups[1], &expected, sizeof(expected)) == 0);
	CHECK(binding.has_stats);
	CHECK_INT(binding.stats.tx_packets, 12);
	CHECK(binding.stats.tx_bytes == 0x100000000ULL);
	CHECK_INT(binding.stats.rx_dropped, 2);
	CHECK_INT(binding.del_reason, 0);
	nlmsg_free(msg);
}

static void test_decode_global_minimal(void)
{
	struct nl_msg *msg = message(DHA_CMD_BINDING_DEL_NTF);
	struct nlattr *tb[DHA_A_MAX + 1], *nest;
	struct binding_info binding;

	nla_put_u32(msg, DHA_A_IFINDEX, 9);
	nest = nla_nest_start(msg, DHA_A_BINDING);
	put_in6(msg, DHA_A_BINDING_HOME_ADDRESS, "2001:db8:1::200");
	put_in6(msg, DHA_A_BINDING_HOME_AGENT, "2001:db8:ff::2");
	nla_put_u32(msg, DHA_A_BINDING_DEL_REASON, DHA_DEL_REASON_EXPIRED);
	nla_nest_end(msg, nest);

	CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_BINDING_DEL_NTF);
	CHECK_INT(binding_decode(tb, &binding), 0);
	CHECK_INT(binding.kind, DHA_BINDING_KIND_GLOBAL);
	CHECK(!binding.has_lifetime);
	CHECK(!binding.has_stats);
	CHECK_INT(binding.prefix_count, 0);
	CHECK_INT(binding.group_count, 0);
	CHECK_INT(binding.del_reason, DHA_DEL_REASON_EXPIRED);
	nlmsg_free(msg);
}

/* Builds a binding reply with one deliberate defect. */
enum defect {
	NO_HOME_ADDRESS,
	SHORT_HOME_ADDRESS,
	BOTH_TARGETS,
	NO_TARGET,
	KIND_MISMATCH,
	NO_IFINDEX,
	BAD_UINT,
	PREFIX_LENGTH_ZERO,
	TOO_MANY_PREFIXES,
	DEFECT_COUNT,
};

static struct nl_msg *broken_reply(enum defect defect)
{
	struct nl_msg *msg = message(DHA_CMD_BINDING_GET);
	struct nlattr *nest, *stats;
	int i;

	if (defect != NO_IFINDEX)
		nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nest = nla_nest_start(msg, DHA_A_BINDING);
	if (defect == SHORT_HOME_ADDRESS)
		nla_put(msg, DHA_A_BINDING_HOME_ADDRESS, 4, "\x20\x01\x0d\xb8");
	else if (defect != NO_HOME_ADDRESS)
		put_in6(msg, DHA_A_BINDING_HOME_ADDRESS, "2001:db8:1::100");
	if (defect != NO_TARGET)
		put_in6(msg, DHA_A_BINDING_CARE_OF_ADDRESS, "2001:db8:2::2");
	if (defect == BOTH_TARGETS)
		put_in6(msg, DHA_A_BINDING_HOME_AGENT, "2001:db8:ff::2");
	if (defect == KIND_MISMATCH)
		nla_put_u32(msg, DHA_A_BINDING_KIND, DHA_BINDING_KIND_GLOBAL);
	if (defect == BAD_UINT) {
		stats = nla_nest_start(msg, DHA_A_BINDING_STATS);
		nla_put_u16(msg, DHA_A_BINDING_STATS_TX_PACKETS, 1);
		nla_nest_end(msg, stats);
	}
	if (defect == PREFIX_LENGTH_ZERO)
		put_prefix(msg, "2001:db8:100::", 0);
	if (defect == TOO_MANY_PREFIXES) {
		for (i = 0; i <= BINDING_PREFIXES_MAX; i++)
			put_prefix(msg, "2001:db8:100::", 48);
	}
	nla_nest_end(msg, nest);
	return msg;
}

static void test_decode_rejects_malformed(void)
{
	struct nlattr *tb[DHA_A_MAX + 1];
	struct binding_info binding;
	struct nl_msg *msg;
	int defect;

	for (defect = 0; defect < DEFECT_COUNT; defect++) {
		msg = broken_reply((enum defect)defect);
		CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_BINDING_GET);
		if (binding_decode(tb, &binding) != -EBADMSG)
			check_fail(__FILE__, __LINE__, "defect %d accepted",
				   defect);
		nlmsg_free(msg);
	}
}

static void test_decode_dev(void)
{
	struct nl_msg *msg = message(DHA_CMD_DEV_GET);
	struct nlattr *tb[DHA_A_MAX + 1], *stats;
	struct dev_info dev;

	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nla_put_string(msg, DHA_A_IFNAME, "dha0");
	put_in6(msg, DHA_A_LOCAL, "2001:db8::1");
	nla_put_u32(msg, DHA_A_BINDINGS, 3);
	nla_put_u32(msg, DHA_A_GLOBALS, 1);
	nla_put_u32(msg, DHA_A_PEERS, 2);
	stats = nla_nest_start(msg, DHA_A_STATS);
	nla_put_u64(msg, DHA_A_DEV_STATS_TX_BYTES, 1ULL << 40);
	nla_put_u32(msg, DHA_A_DEV_STATS_RX_DROP_SPOOFED, 4);
	nla_put_u32(msg, DHA_A_DEV_STATS_QUEUE_LEN, 17);
	nla_put_u32(msg, DHA_A_DEV_STATS_ICMP_RELAYED, 9);
	nla_nest_end(msg, stats);

	CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_DEV_GET);
	CHECK_INT(dev_decode(tb, &dev), 0);
	CHECK_STR(dev.ifname, "dha0");
	CHECK(dev.has_local);
	CHECK_INT(dev.bindings, 3);
	CHECK_INT(dev.globals, 1);
	CHECK_INT(dev.peers, 2);
	CHECK(dev.has_stats);
	CHECK(dev.stats.tx_bytes == 1ULL << 40);
	CHECK_INT(dev.stats.rx_drop_spoofed, 4);
	CHECK_INT(dev.stats.queue_len, 17);
	CHECK_INT(dev.stats.icmp_relayed, 9);
	CHECK_INT(dev.stats.tx_packets, 0);
	CHECK_INT(dev.home_link, 0);
	CHECK_INT(dev_decode_home(nlmsg_hdr(msg), &dev), 0);
	CHECK_INT(dev.home_prefix_count, 0);
	nlmsg_free(msg);

	/* The home link and its prefixes, a repeated attribute. */
	msg = message(DHA_CMD_DEV_GET);
	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nla_put_u32(msg, DHA_A_HOME_LINK, 2);
	put_prefix_as(msg, DHA_A_HOME_PREFIX, "2001:db8:1::", 64);
	put_prefix_as(msg, DHA_A_HOME_PREFIX, "2001:db8:ff::", 48);
	dha_msg_parse(nlmsg_hdr(msg), tb);
	CHECK_INT(dev_decode(tb, &dev), 0);
	CHECK_INT(dev.home_link, 2);
	CHECK_INT(dev_decode_home(nlmsg_hdr(msg), &dev), 0);
	CHECK_INT(dev.home_prefix_count, 2);
	CHECK_INT(dev.home_prefixes[1].length, 48);
	nlmsg_free(msg);

	/* A prefix length out of range is refused. */
	msg = message(DHA_CMD_DEV_GET);
	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nla_put_u32(msg, DHA_A_HOME_LINK, 2);
	put_prefix_as(msg, DHA_A_HOME_PREFIX, "2001:db8:1::", 0);
	dha_msg_parse(nlmsg_hdr(msg), tb);
	CHECK_INT(dev_decode(tb, &dev), 0);
	CHECK_INT(dev_decode_home(nlmsg_hdr(msg), &dev), -EBADMSG);
	nlmsg_free(msg);

	/* An unset local address may come as :: or not at all. */
	msg = message(DHA_CMD_DEV_GET);
	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	put_in6(msg, DHA_A_LOCAL, "::");
	dha_msg_parse(nlmsg_hdr(msg), tb);
	CHECK_INT(dev_decode(tb, &dev), 0);
	CHECK(!dev.has_local);
	nlmsg_free(msg);

	msg = message(DHA_CMD_DEV_GET);
	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nla_put(msg, DHA_A_IFNAME, 4, "dha0");	/* not NUL-terminated */
	dha_msg_parse(nlmsg_hdr(msg), tb);
	CHECK_INT(dev_decode(tb, &dev), -EBADMSG);
	nlmsg_free(msg);
}

static void test_decode_peer(void)
{
	struct nl_msg *msg = message(DHA_CMD_PEER_GET);
	struct nlattr *tb[DHA_A_MAX + 1], *nest;
	struct peer_info peer;

	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	nest = nla_nest_start(msg, DHA_A_PEER);
	put_in6(msg, DHA_A_PEER_ADDRESS, "2001:db8:ff::2");
	nla_put_u32(msg, DHA_A_PEER_RX_PACKETS, 10);
	nla_put_u64(msg, DHA_A_PEER_RX_BYTES, 1000);
	nla_nest_end(msg, nest);
	CHECK_INT(dha_msg_parse(nlmsg_hdr(msg), tb), DHA_CMD_PEER_GET);
	CHECK_INT(peer_decode(tb, &peer), 0);
	CHECK(peer.has_stats);
	CHECK_INT(peer.rx_packets, 10);
	CHECK_INT(peer.rx_bytes, 1000);
	nlmsg_free(msg);

	msg = message(DHA_CMD_PEER_GET);
	nla_put_u32(msg, DHA_A_IFINDEX, 5);
	dha_msg_parse(nlmsg_hdr(msg), tb);
	CHECK_INT(peer_decode(tb, &peer), -EBADMSG);
	nlmsg_free(msg);
}

SUITE(msg,
      TEST_CASE(test_request_binding_add),
      TEST_CASE(test_request_global_forever),
      TEST_CASE(test_request_proxy),
      TEST_CASE(test_decode_proxy),
      TEST_CASE(test_request_dump_filter),
      TEST_CASE(test_decode_binding),
      TEST_CASE(test_decode_global_minimal),
      TEST_CASE(test_decode_rejects_malformed),
      TEST_CASE(test_decode_dev),
      TEST_CASE(test_decode_peer));
