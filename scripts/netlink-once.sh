#!/bin/sh
# The rule "no netlink receive, ack or dump code repeated between tools/,
# daemon/ and selftests/": netlink sockets are opened, requests sent and
# answered, acks and extended acks decoded, dumps and notifications read
# in lib/ only (Documentation/design.md, "The netlink library").
#
# Lists every line of C outside lib/ that does one of these itself, and
# fails if there is one. Comments do not count. What it looks for:
#   libnl's own socket and receive path   nl_socket_alloc nl_connect
#                                         nl_recvmsgs* nl_recv nl_wait_for_ack
#                                         nl_socket_add_membership
#   a raw netlink socket                  AF_NETLINK sockaddr_nl
#                                         NETLINK_EXT_ACK NETLINK_CAP_ACK
#                                         NETLINK_ADD_MEMBERSHIP
#   reading datagrams and acks            MSG_PEEK NLMSG_OK NLMSG_NEXT
#                                         NLMSG_ERROR NLMSG_DONE nlmsgerr
#                                         NLMSGERR_ATTR_*
set -u
cd "$(dirname "$0")/.."
pattern='nl_socket_alloc|nl_connect|nl_recvmsgs|nl_recv\(|nl_wait_for_ack|nl_socket_add_membership|AF_NETLINK|sockaddr_nl|NETLINK_EXT_ACK|NETLINK_CAP_ACK|NETLINK_ADD_MEMBERSHIP|MSG_PEEK|NLMSG_OK|NLMSG_NEXT|NLMSG_ERROR|NLMSG_DONE|nlmsgerr|NLMSGERR_ATTR_'
found=$(grep -rnE "$pattern" --include='*.c' --include='*.h' tools daemon selftests lib |
	grep -v '^lib/' |
	grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)')
if [ -n "$found" ]; then
	echo "netlink-once: netlink transport code outside lib/; use lib/ (nlsock.h, genl.h, nlbuild.h):" >&2
	echo "$found" >&2
	exit 1
fi
echo "netlink-once: netlink sockets, acks, dumps and notifications only in lib/"
