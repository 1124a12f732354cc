#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NEMO: the binding serves the mobile network prefix 2001:db8:100::/48.
# A node behind the mobile router is reachable from the CN and its replies
# are accepted through the reverse tunnel. A source outside the prefix is
# refused (rx_drop_no_binding), and without the prefix in the binding the
# HA drops traffic to the mobile network (tx_drop_no_binding).

. "$(dirname "$0")/../lib/scenario.sh"

MNP=2001:db8:100::/48
MNN=2001:db8:100:1::10
MNN_OUT=2001:db8:200::10

require_dha
topo_basic
# the mobile node is a mobile router with a network behind it
in_ns mn sysctl -qw net.ipv6.conf.all.forwarding=1 || fail "forwarding on mn"
ns_add mnn 0
veth mn m_net mnn n0
addr mn m_net 2001:db8:100:1::1/64
addr mnn n0 $MNN/64
addr mnn n0 $MNN_OUT/64
route mnn default via 2001:db8:100:1::1

dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600 mnp $MNP
route ha $MNP dev dha0

cap_start wire ha h_ar 'ip6[6] == 41'
ping_ok cn -c 3 -i 0.2 -W 5 $MNN
cap_wait wire 6 10 || fail "expected 6 tunneled packets:"$'\n'"$(cap_text wire)"
cap_has wire "^IP6 $(re $HA_LOCAL) > $(re $COA): IP6 $(re $CN) > $(re $MNN): ICMP6, echo request" ||
	fail "no tunneled echo request to the mobile network node:"$'\n'"$(cap_text wire)"
cap_has wire "^IP6 $(re $COA) > $(re $HA_LOCAL): IP6 $(re $MNN) > $(re $CN): ICMP6, echo reply" ||
	fail "no reverse-tunneled echo reply from the mobile network node:"$'\n'"$(cap_text wire)"
cap_stop wire
# the router's own home address still works alongside
ping_ok cn -c 1 -W 5 $HOA
tx=$(binding_stat ha dha0 $HOA tx_packets)
ge "$tx" 4 || fail "binding tx_packets $tx < 4"

# a source outside the MNP, through the legitimate tunnel: refused
nb0=$(dha_stat ha dha0 rx_drop_no_binding)
ping_fails mnn -c 3 -i 0.2 -W 1 -I $MNN_OUT $CN
stat_wait ha dha0 rx_drop_no_binding $((nb0 + 3)) 5 ||
	fail "rx_drop_no_binding $(dha_stat ha dha0 rx_drop_no_binding), expected >= $((nb0 + 3))"

# the same binding without the prefix: the mobile network is unreachable
dha_in ha binding del $HOA dev dha0
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600
tnb0=$(dha_stat ha dha0 tx_drop_no_binding)
ping_fails cn -c 2 -i 0.2 -W 1 $MNN
stat_wait ha dha0 tx_drop_no_binding $((tnb0 + 2)) 5 ||
	fail "tx_drop_no_binding $(dha_stat ha dha0 tx_drop_no_binding), expected >= $((tnb0 + 2))"
ping_ok cn -c 1 -W 5 $HOA
pass
