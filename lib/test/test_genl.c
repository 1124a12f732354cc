// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic netlink: the controller's answer decoded, the host's own
 * controller asked for itself and for a family that is not there, dha
 * requests built, and libnl's errors mapped to errnos.
 */
#include <errno.h>
#include <string.h>
#include <linux/dha.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "genl.h"
#include "check.h"

/* A CTRL_CMD_NEWFAMILY answer, with the multicast groups named. */
static struct nl_msg *family_msg(uint16_t id, const char *const *groups,
				 unsigned int count)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *nest, *group;
	unsigned int i;

	genlmsg_put(msg, 0, 1, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY, 2);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, DHA_FAMILY_NAME);
	nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, id);
	nla_put_u32(msg, CTRL_ATTR_VERSION, 3);
	nest = nla_nest_start(msg, CTRL_ATTR_MCAST_GROUPS);
	for (i = 0; i < count; i++) {
		group = nla_nest_start(msg, (int)i + 1);
		nla_put_string(msg, CTRL_ATTR_MCAST_GRP_NAME, groups[i]);
		nla_put_u32(msg, CTRL_ATTR_MCAST_GRP_ID, 40 + i);
		nla_nest_end(msg, group);
	}
	nla_nest_end(msg, nest);
	return msg;
}

static void test_genl_parse_family(void)
{
	static const char *const groups[] = { "config", DHA_MCGRP_EVENTS };
	struct dha_genl_family family;
	struct nl_msg *msg = family_msg(0x1d, groups, 2);

	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), DHA_MCGRP_EVENTS,
					&family), 0);
	CHECK_INT(family.id, 0x1d);
	CHECK_INT(family.version, 3);
	CHECK_INT(family.group, 41);
	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), "config", &family), 0);
	CHECK_INT(family.group, 40);
	/* a group it does not have, or none asked for */
	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), "other", &family), 0);
	CHECK_INT(family.group, 0);
	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), NULL, &family), 0);
	CHECK_INT(family.id, 0x1d);
	CHECK_INT(family.group, 0);
	nlmsg_free(msg);

	msg = family_msg(0x1d, NULL, 0);
	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), DHA_MCGRP_EVENTS,
					&family), 0);
	CHECK_INT(family.group, 0);
	nlmsg_free(msg);
}

static void test_genl_parse_family_malformed(void)
{
	struct dha_genl_family family;
	struct nl_msg *msg = nlmsg_alloc();

	/* no id */
	genlmsg_put(msg, 0, 1, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY, 2);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, DHA_FAMILY_NAME);
	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), NULL, &family),
		  -EBADMSG);
	/* an id of the wrong size */
	nla_put_u32(msg, CTRL_ATTR_FAMILY_ID, 0x1d);
	CHECK_INT(dha_genl_parse_family(nlmsg_hdr(msg), NULL, &family),
		  -EBADMSG);
	nlmsg_free(msg);
}

/* The host's controller, asked for itself: no dha module needed. */
static void test_genl_resolve_controller(void)
{
	struct dha_genl_family family;
	struct nlsock sock;

	CHECK_INT(nlsock_open(&sock, NETLINK_GENERIC), 0);
	CHECK_INT(dha_genl_resolve(&sock, "nlctrl", "notify", &family), 0);
	CHECK_INT(family.id, GENL_ID_CTRL);
	CHECK(family.version >= 1);
	CHECK(family.group != 0);
	CHECK_STR(sock.extack, "");
	/* The same socket goes on answering in sequence. */
	CHECK_INT(dha_genl_resolve(&sock, "dha-nosuch", NULL, &family),
		  -ENOENT);
	CHECK_INT(family.id, 0);
	CHECK_INT(dha_genl_resolve(&sock, "nlctrl", NULL, &family), 0);
	CHECK_INT(family.id, GENL_ID_CTRL);
	CHECK_INT(family.group, 0);
	nlsock_close(&sock);
	CHECK_INT(sock.fd, -1);
	/* closing twice is harmless */
	nlsock_close(&sock);
}

/* dha_nl_open: the module may or may not be loaded on the host. */
static void test_genl_open_dha(void)
{
	struct dha_nl nl;
	int ret = dha_nl_open(&nl);

	CHECK(ret == 0 || ret == -ENOENT);
	if (ret == 0) {
		CHECK(nl.family_id > GENL_ID_CTRL);
		CHECK(nl.events_group != 0);
		dha_nl_close(&nl);
	} else {
		CHECK_INT(nl.sock.fd, -1);
	}
	/* and a failed open leaves something safe to close */
	dha_nl_close(&nl);
}

static void test_genl_request(void)
{
	struct dha_nl nl = { .sock = { .fd = -1 }, .family_id = 0x1d };
	struct nl_msg *msg = dha_nl_request(&nl, DHA_CMD_BINDING_GET,
					    NLM_F_DUMP);
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	CHECK(msg != NULL);
	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	genl = nlmsg_data(nlh);
	CHECK_INT(nlh->nlmsg_type, 0x1d);
	CHECK_INT(nlh->nlmsg_flags, NLM_F_DUMP);
	CHECK_INT(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN);
	CHECK_INT(genl->cmd, DHA_CMD_BINDING_GET);
	CHECK_INT(genl->version, DHA_GENL_VERSION);
	nlmsg_free(msg);
}

static void test_genl_errno_from_libnl(void)
{
	CHECK_INT(nlsock_errno_from_libnl(-NLE_NOMEM), -ENOMEM);
	CHECK_INT(nlsock_errno_from_libnl(NLE_NOMEM), -ENOMEM);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_PERM), -EPERM);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_NOACCESS), -EACCES);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_EXIST), -EEXIST);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_OBJ_NOTFOUND), -ENOENT);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_NODEV), -ENODEV);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_OPNOTSUPP), -EOPNOTSUPP);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_INVAL), -EINVAL);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_AF_NOSUPPORT), -EPROTONOSUPPORT);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_PROTO_MISMATCH),
		  -EPROTONOSUPPORT);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_FAILURE), -EIO);
	CHECK_INT(nlsock_errno_from_libnl(-NLE_BUSY), -EIO);
}

/* A libnl socket for libnl-route's own requests. */
static void test_genl_libnl_socket(void)
{
	struct nl_sock *sock;

	CHECK_INT(nlsock_libnl_open(NETLINK_ROUTE, &sock), 0);
	CHECK(sock != NULL);
	if (sock)
		nl_socket_free(sock);
}

SUITE(genl,
      TEST_CASE(test_genl_parse_family),
      TEST_CASE(test_genl_parse_family_malformed),
      TEST_CASE(test_genl_resolve_controller),
      TEST_CASE(test_genl_open_dha),
      TEST_CASE(test_genl_request),
      TEST_CASE(test_genl_errno_from_libnl),
      TEST_CASE(test_genl_libnl_socket));
