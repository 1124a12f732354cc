// SPDX-License-Identifier: GPL-2.0-only
/* Decoding the kernel's binding messages (its acks: lib/test/test_ack.c). */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "sys/kernel.h"
#include "check.h"

static struct nl_msg *binding_msg(uint32_t kind, bool with_coa,
				  unsigned int prefixes)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr addr;
	struct nlattr *nest, *prefix;
	unsigned int i;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, DHA_CMD_BINDING_NEW_NTF, 1);
	nla_put_u32(msg, DHA_A_IFINDEX, 7);
	nest = nla_nest_start(msg, DHA_A_BINDING);
	inet_pton(AF_INET6, "2001:db8:1::100", &addr);
	nla_put(msg, DHA_A_BINDING_HOME_ADDRESS, sizeof(addr), &addr);
	nla_put_u32(msg, DHA_A_BINDING_KIND, kind);
	inet_pton(AF_INET6, "2001:db8:2::2", &addr);
	if (with_coa)
		nla_put(msg, kind == DHA_BINDING_KIND_HOME ?
				     DHA_A_BINDING_CARE_OF_ADDRESS :
				     DHA_A_BINDING_HOME_AGENT,
			sizeof(addr), &addr);
	nla_put_u32(msg, DHA_A_BINDING_LIFETIME, 30);
	for (i = 0; i < prefixes; i++) {
		inet_pton(AF_INET6, "2001:db8:7::", &addr);
		addr.s6_addr[5] = (uint8_t)i;
		prefix = nla_nest_start(msg, DHA_A_BINDING_PREFIX);
		nla_put(msg, DHA_A_PREFIX_ADDRESS, sizeof(addr), &addr);
		nla_put_u8(msg, DHA_A_PREFIX_LENGTH, 48);
		nla_nest_end(msg, prefix);
	}
	nla_put_u32(msg, DHA_A_BINDING_DEL_REASON, DHA_DEL_REASON_EXPIRED);
	nla_nest_end(msg, nest);
	return msg;
}

static int parse_msg(struct nl_msg *msg, uint32_t *ifindex,
		     struct kernel_binding *binding)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	size_t header = NLMSG_HDRLEN + GENL_HDRLEN;
	int ret;

	ret = kernel_parse_binding((char *)nlh + header,
				   nlh->nlmsg_len - header, ifindex, binding);
	nlmsg_free(msg);
	return ret;
}

static void test_kernel_parse_binding(void)
{
	struct kernel_binding binding;
	char buf[INET6_ADDRSTRLEN];
	uint32_t ifindex = 0;

	CHECK_INT(parse_msg(binding_msg(DHA_BINDING_KIND_HOME, true, 2),
			    &ifindex, &binding), 0);
	CHECK_INT(ifindex, 7);
	CHECK_STR(inet_ntop(AF_INET6, &binding.home_address, buf, sizeof(buf)),
		  "2001:db8:1::100");
	CHECK_STR(inet_ntop(AF_INET6, &binding.care_of_address, buf,
			    sizeof(buf)), "2001:db8:2::2");
	CHECK(binding.has_lifetime);
	CHECK_INT(binding.lifetime, 30);
	CHECK_INT(binding.prefix_count, 2);
	CHECK_INT(binding.prefixes[1].length, 48);
	CHECK_INT(binding.prefixes[1].address.s6_addr[5], 1);
	CHECK_INT(binding.del_reason, DHA_DEL_REASON_EXPIRED);
	CHECK_INT(parse_msg(binding_msg(DHA_BINDING_KIND_GLOBAL, true, 0),
			    &ifindex, &binding), 0);
	CHECK_INT(binding.kind, DHA_BINDING_KIND_GLOBAL);
	/* A home binding without its care-of address, an unknown kind. */
	CHECK_INT(parse_msg(binding_msg(DHA_BINDING_KIND_HOME, false, 0),
			    &ifindex, &binding), -EBADMSG);
	CHECK_INT(parse_msg(binding_msg(9, true, 0), &ifindex, &binding),
		  -EBADMSG);
	CHECK_INT(parse_msg(binding_msg(DHA_BINDING_KIND_HOME, true, 17),
			    &ifindex, &binding), -EBADMSG);
}

/* A proxy binding notification: no home address, its endpoint by kind. */
static struct nl_msg *proxy_msg(uint32_t kind, uint16_t endpoint, bool local)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest, *prefix;
	struct in6_addr addr;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, DHA_CMD_BINDING_NEW_NTF, 1);
	nla_put_u32(msg, DHA_A_IFINDEX, 7);
	nest = nla_nest_start(msg, DHA_A_BINDING);
	nla_put_u32(msg, DHA_A_BINDING_KIND, kind);
	inet_pton(AF_INET6, "2001:db8:a1::2", &addr);
	if (endpoint)
		nla_put(msg, endpoint, sizeof(addr), &addr);
	inet_pton(AF_INET6, "2001:db8:ff::1", &addr);
	if (local)
		nla_put(msg, DHA_A_BINDING_LOCAL_ADDRESS, sizeof(addr), &addr);
	inet_pton(AF_INET6, "2001:db8:100::", &addr);
	prefix = nla_nest_start(msg, DHA_A_BINDING_PREFIX);
	nla_put(msg, DHA_A_PREFIX_ADDRESS, sizeof(addr), &addr);
	nla_put_u8(msg, DHA_A_PREFIX_LENGTH, 64);
	nla_nest_end(msg, prefix);
	nla_nest_end(msg, nest);
	return msg;
}

static struct nl_msg *dev_msg(bool with_queue, bool wide_rate)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, DHA_CMD_DEV_GET, 1);
	nla_put_u32(msg, DHA_A_IFINDEX, 7);
	nest = nla_nest_start(msg, DHA_A_STATS);
	nla_put_u64(msg, DHA_A_DEV_STATS_TX_PACKETS, 1000);
	if (wide_rate)
		nla_put_u64(msg, DHA_A_DEV_STATS_TX_RATE_BPS, 5000000000ULL);
	else
		nla_put_u32(msg, DHA_A_DEV_STATS_TX_RATE_BPS, 800000);
	nla_put_u32(msg, DHA_A_DEV_STATS_RX_RATE_BPS, 200000);
	nla_put_u32(msg, DHA_A_DEV_STATS_TX_RATE_PPS, 100);
	nla_put_u32(msg, DHA_A_DEV_STATS_RX_RATE_PPS, 25);
	if (with_queue)
		nla_put_u32(msg, DHA_A_DEV_STATS_QUEUE_LEN, 12);
	nla_nest_end(msg, nest);
	return msg;
}

static void test_kernel_parse_proxy(void)
{
	struct kernel_binding b;
	char buf[INET6_ADDRSTRLEN];
	uint32_t ifindex = 0;

	CHECK_INT(parse_msg(proxy_msg(DHA_BINDING_KIND_PROXY_LMA,
				      DHA_A_BINDING_CARE_OF_ADDRESS, true),
			    &ifindex, &b), 0);
	CHECK_INT(b.kind, DHA_BINDING_KIND_PROXY_LMA);
	CHECK_STR(inet_ntop(AF_INET6, &b.care_of_address, buf, sizeof(buf)),
		  "2001:db8:a1::2");
	CHECK(b.has_local);
	CHECK_STR(inet_ntop(AF_INET6, &b.local, buf, sizeof(buf)),
		  "2001:db8:ff::1");
	CHECK_INT(b.prefix_count, 1);
	CHECK_INT(b.prefixes[0].length, 64);
	CHECK(!b.has_lifetime);
	CHECK_INT(parse_msg(proxy_msg(DHA_BINDING_KIND_PROXY_MAG,
				      DHA_A_BINDING_LMA_ADDRESS, false),
			    &ifindex, &b), 0);
	CHECK_INT(b.kind, DHA_BINDING_KIND_PROXY_MAG);
	CHECK(!b.has_local);
	/* The endpoint of the other kind, or none. */
	CHECK_INT(parse_msg(proxy_msg(DHA_BINDING_KIND_PROXY_MAG,
				      DHA_A_BINDING_CARE_OF_ADDRESS, true),
			    &ifindex, &b), -EBADMSG);
	CHECK_INT(parse_msg(proxy_msg(DHA_BINDING_KIND_PROXY_LMA, 0, true),
			    &ifindex, &b), -EBADMSG);
	/* A home binding without its home address. */
	CHECK_INT(parse_msg(proxy_msg(DHA_BINDING_KIND_HOME,
				      DHA_A_BINDING_CARE_OF_ADDRESS, false),
			    &ifindex, &b), -EBADMSG);
}

static int parse_load_msg(struct nl_msg *msg, struct kernel_load *load)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	size_t header = NLMSG_HDRLEN + GENL_HDRLEN;
	int ret;

	ret = kernel_parse_load((char *)nlh + header, nlh->nlmsg_len - header,
				load);
	nlmsg_free(msg);
	return ret;
}

static void test_kernel_parse_load(void)
{
	struct kernel_load load;

	CHECK_INT(parse_load_msg(dev_msg(true, false), &load), 0);
	CHECK(load.tx_bps == 800000 && load.rx_bps == 200000);
	CHECK(load.tx_pps == 100 && load.rx_pps == 25);
	CHECK_INT(load.queue_len, 12);
	/* A "uint" past 32 bits comes as 8 octets. */
	CHECK_INT(parse_load_msg(dev_msg(true, true), &load), 0);
	CHECK(load.tx_bps == 5000000000ULL);
	CHECK_INT(parse_load_msg(dev_msg(false, false), &load), -EBADMSG);
}

SUITE(kernel,
      TEST_CASE(test_kernel_parse_binding),
      TEST_CASE(test_kernel_parse_proxy),
      TEST_CASE(test_kernel_parse_load));
