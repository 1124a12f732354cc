// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink family "dha", as specified in
 * Documentation/netlink/specs/dha.yaml: its attribute policies, its
 * multicast group and the family itself. The commands are in nl_device.c,
 * nl_binding.c and nl_peer.c; netlink.c lists them and registers the
 * family, so that the files that build messages of the family need not
 * reach the commands.
 */
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "nl_family.h"
#include "prefix.h"

const struct nla_policy dha_prefix_policy[DHA_A_PREFIX_MAX + 1] = {
	[DHA_A_PREFIX_ADDRESS] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_PREFIX_LENGTH] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
};

/* Counters and del-reason are replies only: strict parsing rejects them. */
const struct nla_policy dha_binding_policy[DHA_A_BINDING_MAX + 1] = {
	[DHA_A_BINDING_HOME_ADDRESS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_KIND] = NLA_POLICY_RANGE(NLA_U32, DHA_BINDING_KIND_HOME,
						DHA_BINDING_KIND_PROXY_MAG),
	[DHA_A_BINDING_CARE_OF_ADDRESS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_HOME_AGENT] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_LIFETIME] = NLA_POLICY_MIN(NLA_U32, 1),
	[DHA_A_BINDING_PREFIX] = NLA_POLICY_NESTED(dha_prefix_policy),
	[DHA_A_BINDING_LINK_LOCAL] = { .type = NLA_FLAG },
	[DHA_A_BINDING_ADVERTISE] = { .type = NLA_FLAG },
	[DHA_A_BINDING_LMA_ADDRESS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING_LOCAL_ADDRESS] =
		NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

const struct nla_policy dha_peer_policy[DHA_A_PEER_MAX + 1] = {
	[DHA_A_PEER_ADDRESS] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

static const struct nla_policy dha_policy[DHA_A_MAX + 1] = {
	[DHA_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[DHA_A_LOCAL] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[DHA_A_BINDING] = NLA_POLICY_NESTED(dha_binding_policy),
	[DHA_A_PEER] = NLA_POLICY_NESTED(dha_peer_policy),
	[DHA_A_HOME_LINK] = { .type = NLA_U32 },
	[DHA_A_HOME_PREFIX] = NLA_POLICY_NESTED(dha_prefix_policy),
};

static const struct genl_multicast_group dha_nl_mcgrps[] = {
	[DHA_NLGRP_EVENTS] = { .name = DHA_MCGRP_EVENTS },
};

struct genl_family dha_nl_family __ro_after_init = {
	.name = DHA_FAMILY_NAME,
	.version = DHA_FAMILY_VERSION,
	.maxattr = DHA_A_MAX,
	.policy = dha_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	/*
	 * The genetlink header check of newer commands refuses the
	 * NLM_F_CREATE/EXCL/REPLACE flags that binding-new and its users
	 * rely on (they alias the dump modifiers). Attributes are still
	 * validated strictly.
	 */
	.resv_start_op = __DHA_CMD_MAX,
	.mcgrps = dha_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(dha_nl_mcgrps),
};

/* A unicast address fit for a home address or tunnel endpoint. */
int dha_nl_unicast(const struct nlattr *attr, struct in6_addr *out,
		   struct netlink_ext_ack *extack)
{
	int type;

	*out = nla_get_in6_addr(attr);
	type = ipv6_addr_type(out);
	if (type == IPV6_ADDR_ANY ||
	    type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
		    IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MAPPED)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "not a global unicast IPv6 address");
		return -EINVAL;
	}
	return 0;
}

/* A prefix (address, length) with no host bits, not multicast. */
int dha_nl_parse_prefix(const struct nlattr *nest, struct dha_prefix_key *key,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[DHA_A_PREFIX_MAX + 1];
	struct in6_addr masked;
	int err;

	err = nla_parse_nested(tb, DHA_A_PREFIX_MAX, nest, dha_prefix_policy,
			       extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, DHA_A_PREFIX_ADDRESS) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, DHA_A_PREFIX_LENGTH))
		return -EINVAL;
	key->addr = nla_get_in6_addr(tb[DHA_A_PREFIX_ADDRESS]);
	key->len = nla_get_u8(tb[DHA_A_PREFIX_LENGTH]);
	ipv6_addr_prefix(&masked, &key->addr, key->len);
	if (!ipv6_addr_equal(&masked, &key->addr)) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "prefix has host bits set");
		return -EINVAL;
	}
	if (ipv6_addr_type(&key->addr) & IPV6_ADDR_MULTICAST) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "multicast prefix");
		return -EINVAL;
	}
	return 0;
}
