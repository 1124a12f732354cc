#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Multicast for mobile nodes (RFC 6275 10.4.2, 10.4.3), without dhad: dha0
# intercepts on home0 and binds two home addresses of one mobile node
# namespace, each with its own tunnel and care-of address. The node joins
# groups on its tunnels with the kernel's own MLD (v2 on mip6, v1 on mip6b),
# from link-local addresses with the home addresses' interface identifiers.
#   - each binding lists the global-scope groups it reported and only
#     those; the HA joins each once on home0;
#   - an echo request from the home link to a group reaches, through the
#     tunnel, only the binding that listens to it; nothing for a
#     link-local scoped group, nor with hop limit 1;
#   - leaving (an MLDv2 report of INCLUDE {}) ends the membership and the
#     HA leaves the group on home0; deleting a binding ends its
#     memberships, and so do its expiry and a flush; deleting dha0 with
#     a group joined leaves it; so does deleting the namespace (at exit).
#
#   cn ── ha ── ar ── mn      (scenario.sh's topo_links)
#          │
#          hn                 home0 (ha) ── home1 (hn), 2001:db8:1::/64

. "$(dirname "$0")/../lib/scenario.sh"

require_dha

HN=2001:db8:1::5
HOA2=2001:db8:1::200
COA2=2001:db8:2::3
G1=ff0e::101
G2=ff0e::202

topo_links
ns_add hn 0
nip ha link set home1 netns "$(nsn hn)" || fail "moving home1 to hn"
nip hn link set home1 up
addr hn home1 $HN/64
route hn default via $HA_HOME
addr mn m_ar $COA2/64
mn_tunnel mn m_ar $COA $HA_LOCAL $AR_MN $HOA
nip mn -6 tunnel add mip6b mode ip6ip6 local $COA2 remote $HA_LOCAL encaplimit none ||
	fail "second tunnel"
in_ns mn sysctl -qw net.ipv6.conf.mip6b.force_mld_version=1
nip mn link set mip6b up
addr mn mip6b $HOA2/128
# MLD speaks from the link-local address; the home address's identifier
# names the binding.
nip mn -6 addr flush dev mip6 scope link
nip mn -6 addr flush dev mip6b scope link
addr mn mip6 fe80::100/64
addr mn mip6b fe80::200/64
nip mn link set mip6 multicast on
nip mn link set mip6b multicast on

dha_dev ha
dha_in ha link set dev dha0 local $HA_LOCAL home-link home0 home-prefix 2001:db8:1::/64
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600
dha_in ha binding add $HOA2 coa $COA2 dev dha0 lifetime 600

bline() { dha_in ha binding show dev dha0 | grep "^$1 "; }
has_group() { [[ "$(bline "$1") " == *" group $2 "* ]]; }
home_joined() { nip ha -6 maddr show dev home0 | grep -c "inet6 $1\$"; }

# --- joins: recorded per binding, joined once on the home link ---
nip mn -6 addr add $G1 dev mip6 autojoin || fail "join $G1 on mip6"
nip mn -6 addr add $G2 dev mip6b autojoin || fail "join $G2 on mip6b"
wait_until 5 has_group $HOA $G1 || fail "no $G1 on $HOA: $(bline $HOA)"
wait_until 5 has_group $HOA2 $G2 || fail "no $G2 on $HOA2: $(bline $HOA2)"
# The node's link-scoped groups (all-nodes, solicited-node) are not kept.
[ "$(bline $HOA | grep -o ' group ' | wc -l)" = 1 ] || fail "groups of $HOA: $(bline $HOA)"
[ "$(bline $HOA2 | grep -o ' group ' | wc -l)" = 1 ] || fail "groups of $HOA2: $(bline $HOA2)"
[ "$(home_joined $G1)" = 1 ] || fail "$G1 on home0: $(nip ha -6 maddr show dev home0)"
[ "$(home_joined $G2)" = 1 ] || fail "$G2 on home0: $(nip ha -6 maddr show dev home0)"
json=$(dha_in ha -j binding show dev dha0)
grep -Eq '"groups": ?\[ ?"'$G1'" ?\]' <<<"$json" || fail "JSON groups: $json"

# --- a packet for a group reaches its listener, and only it ---
# Echo requests in, per tunnel: only the sends below make any.
mc_in() { in_ns mn awk '$1 == "Icmp6InEchos" { print $2 }' /proc/net/dev_snmp6/"$1"; }
# send GROUP HOPS: two echo requests from the home link (answers ignored:
# a Linux node answers a group's echo from the group's address).
send() { in_ns hn ping -n -c 2 -i 0.3 -W 1 -t "$2" -I home1 "$1" >/dev/null 2>&1 || true; }
got() { [ "$(mc_in "$1")" -ge "$2" ]; }
a=$(mc_in mip6)
b=$(mc_in mip6b)
tx2=$(binding_stat ha dha0 $HOA2 tx_packets)
send $G1 8
wait_until 3 got mip6 $((a + 2)) || fail "$G1 did not reach $HOA: $(mc_in mip6) packets, $a before"
[ "$(mc_in mip6b)" = "$b" ] || fail "$G1 reached $HOA2, which did not join it"
[ "$(binding_stat ha dha0 $HOA2 tx_packets)" = "$tx2" ] ||
	fail "$G1 was tunneled to $HOA2, which did not join it"
a=$(mc_in mip6)
send $G2 8
wait_until 3 got mip6b $((b + 2)) || fail "$G2 did not reach $HOA2"
[ "$(mc_in mip6)" = "$a" ] || fail "$G2 reached $HOA, which did not join it"

# Hop limit 1 is used up on the home link; link-local groups stay there.
tx1=$(binding_stat ha dha0 $HOA tx_packets)
send $G1 1
send ff02::1 8
[ "$(mc_in mip6)" = "$a" ] || fail "hop limit 1 or ff02::1 reached $HOA"
[ "$(binding_stat ha dha0 $HOA tx_packets)" = "$tx1" ] ||
	fail "a link-local group or hop limit 1 was tunneled to $HOA"

# --- leaving ---
nip mn -6 addr del $G1 dev mip6 || fail "leave $G1"
wait_until 5 eval '! has_group $HOA $G1' || fail "$G1 kept on $HOA: $(bline $HOA)"
wait_until 3 eval '[ "$(home_joined $G1)" = 0 ]' || fail "$G1 still joined on home0"
send $G1 8
[ "$(binding_stat ha dha0 $HOA tx_packets)" = "$tx1" ] ||
	fail "$G1 still tunneled to $HOA after it left"

# --- a deleted binding's memberships end ---
dha_in ha binding del $HOA2 dev dha0
wait_until 3 eval '[ "$(home_joined $G2)" = 0 ]' ||
	fail "$G2 still joined on home0 after the binding went"

# --- the device goes with a group joined: the group is left ---
nip mn -6 addr add $G1 dev mip6 autojoin || fail "join $G1 again"
wait_until 5 has_group $HOA $G1 || fail "no $G1 on $HOA again: $(bline $HOA)"
nip ha link del dha0 || fail "deleting dha0"
[ "$(home_joined $G1)" = 0 ] || fail "$G1 still joined on home0 after dha0 went"

# --- an expired binding, a flushed one: their groups are left ---
dha_dev ha
dha_in ha link set dev dha0 local $HA_LOCAL home-link home0 home-prefix 2001:db8:1::/64
# rejoin: the node reports G1 again to a new binding.
rejoin() {
	nip mn -6 addr del $G1 dev mip6
	nip mn -6 addr add $G1 dev mip6 autojoin || fail "join $G1 again"
	wait_until 5 has_group $HOA $G1 || fail "no $G1 on the new binding: $(bline $HOA)"
	[ "$(home_joined $G1)" = 1 ] || fail "$G1 not joined on home0 again"
}
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 3
rejoin
wait_until 6 eval '[ "$(home_joined $G1)" = 0 ]' || fail "$G1 kept after $HOA expired"
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600
rejoin
dha_in ha binding flush dev dha0
wait_until 3 eval '[ "$(home_joined $G1)" = 0 ]' || fail "$G1 kept after the flush"

# --- and once more, left to the namespace's deletion at exit ---
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600
rejoin
pass
