#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PMIPv6 forwarding in the module, set up with the dha tool only (no dhad):
#
#   cn ── lma ─┬─ mag1 ── host (home network prefix 2001:db8:100::/64)
#              └─ mag2
#
# The LMA has a proxy-lma binding of the prefix to the serving MAG's proxy
# care-of address; each MAG a proxy-mag binding of the prefix to the LMA,
# with one policy rule sending everything from its access link into dha0.
# The correspondent and the host reach each other through MAG1; the host
# moves to MAG2's access link, one command moves the LMA binding, and they
# reach each other through MAG2. A reverse-tunnel packet from the wrong MAG,
# or from the right MAG with a source outside the prefix, is dropped and
# counted at the LMA, and a tunneled packet for the prefix from anyone but
# the LMA at the MAG. Deleting the LMA's device and the namespaces with bindings in
# place leaves no complaint in the kernel log.

. "$(dirname "$0")/../lib/scenario.sh"

HNP=2001:db8:100::/64
HOST=2001:db8:100::10
CN=2001:db8:c::2
LMA=2001:db8:ff::1
MAG1=2001:db8:a1::2
MAG2=2001:db8:a2::2
SHARED_LL=fe80::1
ACCESS_TABLE=100

require_dha
dmesg_mark

ns_add cn 0
ns_add lma 1
ns_add mag1 1
ns_add mag2 1
ns_add host 0
veth cn c_l lma l_c
veth lma l_m1 mag1 m1_l
veth lma l_m2 mag2 m2_l
addr cn c_l $CN/64
route cn default via 2001:db8:c::1
addr lma l_c 2001:db8:c::1/64
addr lma l_m1 2001:db8:a1::1/64
addr lma l_m2 2001:db8:a2::1/64
addr lma lo $LMA/128

# LMA: the prefix pool routed into dha0, the prefix bound to MAG1.
dha_dev lma
route lma 2001:db8:100::/48 dev dha0
dha_in lma binding add hnp $HNP mag $MAG1 local $LMA dev dha0

# mag_setup NS LINK_TO_LMA CAREOF: dha0 and the access-link rule.
mag_setup() {
	local ns=$1 up=$2 coa=$3 acc=${1}_acc
	addr "$ns" "$up" "$coa"/64
	route "$ns" $LMA/128 via "${coa%::2}::1"
	dha_dev "$ns"
	# One rule for all mobile nodes: what the access link sends is routed
	# into dha0, which picks the LMA by source prefix.
	nip "$ns" -6 rule add iif "$acc" lookup $ACCESS_TABLE pref 100 ||
		fail "rule in $ns"
	route "$ns" default dev dha0 table $ACCESS_TABLE
}

# attach NS: the host's link to the MAG's access link, the prefix on-link
# there, the MAG's uplink binding.
attach() {
	local ns=$1 acc=${1}_acc coa=$2
	veth host h0 "$ns" "$acc"
	nip "$ns" -6 addr add $SHARED_LL/64 dev "$acc" nodad || fail "ll on $ns"
	addr host h0 $HOST/64
	route host default via $SHARED_LL dev h0
	route "$ns" $HNP dev "$acc"
	dha_in "$ns" binding add hnp $HNP lma $LMA local "$coa" dev dha0
}

mag_setup mag1 m1_l $MAG1
mag_setup mag2 m2_l $MAG2
attach mag1 $MAG1

out=$(in_ns lma "$DHA" binding show dev dha0) || fail "binding show: $out"
grep_q -Fx "hnp $HNP mag $MAG1 local $LMA dev dha0 lifetime forever" <<<"$out" ||
	fail "LMA binding not shown as expected: $out"
out=$(in_ns mag1 "$DHA" binding show) || fail "binding show: $out"
grep_q -Fx "hnp $HNP lma $LMA local $MAG1 dev dha0 lifetime forever" <<<"$out" ||
	fail "MAG binding not shown as expected: $out"
json_ok lma -s binding show dev dha0

# Both ways through MAG1, outer addresses as the bindings say.
cap_start m1 lma l_m1 'ip6[6] == 41'
ping_ok cn -c 3 -i 0.2 -W 5 $HOST
ping_ok host -c 3 -i 0.2 -W 5 $CN
cap_wait m1 12 10 || fail "expected 12 tunneled packets:"$'\n'"$(cap_text m1)"
cap_has m1 "^IP6 $(re $LMA) > $(re $MAG1): IP6 $(re $CN) > $(re $HOST): ICMP6, echo request" ||
	fail "no tunneled echo request to MAG1:"$'\n'"$(cap_text m1)"
cap_has m1 "^IP6 $(re $MAG1) > $(re $LMA): IP6 $(re $HOST) > $(re $CN): ICMP6, echo request" ||
	fail "no uplink echo request from MAG1:"$'\n'"$(cap_text m1)"
cap_stop m1
tx=$(obj_stat lma $MAG1 tx_packets binding show dev dha0)
ge "$tx" 6 || fail "LMA binding tx_packets $tx < 6"
tx=$(obj_stat mag1 $LMA tx_packets binding show dev dha0)
ge "$tx" 6 || fail "MAG1 binding tx_packets $tx < 6"
# The same traffic per peer: MAG1 on the LMA, the LMA on MAG1.
out=$(in_ns lma "$DHA" proxy-peer show dev dha0) || fail "proxy-peer show: $out"
[ "$out" = "$MAG1 dev dha0 bindings 1" ] || fail "LMA proxy peers: $out"
for key in tx_packets rx_packets; do
	n=$(obj_stat lma $MAG1 $key proxy-peer show dev dha0)
	ge "$n" 6 || fail "LMA's proxy peer MAG1 $key $n < 6"
	n=$(obj_stat mag1 $LMA $key proxy-peer show)
	ge "$n" 6 || fail "MAG1's proxy peer LMA $key $n < 6"
done
json_ok lma -s proxy-peer show

# A reverse tunnel from MAG2, which does not serve the prefix: dropped.
nip mag2 -6 tunnel add spoof mode ip6ip6 local $MAG2 remote $LMA encaplimit none ||
	skip "ip6ip6 tunnels not available (ip6_tunnel)"
nip mag2 link set spoof up
addr mag2 spoof 2001:db8:100::99/128
route mag2 $CN/128 dev spoof
sp0=$(dha_stat lma dha0 rx_drop_spoofed)
bd0=$(obj_stat lma $MAG1 rx_dropped binding show dev dha0)
ping_fails mag2 -c 3 -i 0.2 -W 1 -I 2001:db8:100::99 $CN
stat_wait lma dha0 rx_drop_spoofed $((sp0 + 3)) 5 ||
	fail "rx_drop_spoofed $(dha_stat lma dha0 rx_drop_spoofed), expected >= $((sp0 + 3))"
bd=$(obj_stat lma $MAG1 rx_dropped binding show dev dha0)
ge "$bd" $((bd0 + 3)) || fail "binding rx_dropped $bd, expected >= $((bd0 + 3))"
nip mag2 link del spoof

# MAG1 itself, with a source outside the prefix: dropped.
nip mag1 -6 tunnel add spoof mode ip6ip6 local $MAG1 remote $LMA encaplimit none ||
	fail "spoof tunnel on mag1"
nip mag1 link set spoof up
addr mag1 spoof 2001:db8:200::99/128
route mag1 $CN/128 dev spoof
sp0=$(dha_stat lma dha0 rx_drop_spoofed)
pd0=$(obj_stat lma $MAG1 rx_dropped proxy-peer show dev dha0)
ping_fails mag1 -c 3 -i 0.2 -W 1 -I 2001:db8:200::99 $CN
stat_wait lma dha0 rx_drop_spoofed $((sp0 + 3)) 5 ||
	fail "rx_drop_spoofed $(dha_stat lma dha0 rx_drop_spoofed), expected >= $((sp0 + 3))"
pd=$(obj_stat lma $MAG1 rx_dropped proxy-peer show dev dha0)
ge "$pd" $((pd0 + 3)) || fail "MAG1's rx_dropped $pd, expected >= $((pd0 + 3))"
nip mag1 link del spoof

# Toward the MAG: a tunnel to the prefix from anyone but the LMA, dropped.
nip mag2 -6 tunnel add spoof mode ip6ip6 local $MAG2 remote $MAG1 encaplimit none ||
	fail "spoof tunnel on mag2"
nip mag2 link set spoof up
addr mag2 spoof 2001:db8:c::99/128
route mag2 2001:db8:a1::/64 via 2001:db8:a2::1
route mag2 $HOST/128 dev spoof
sp0=$(dha_stat mag1 dha0 rx_drop_spoofed)
ping_fails mag2 -c 3 -i 0.2 -W 1 -I 2001:db8:c::99 $HOST
stat_wait mag1 dha0 rx_drop_spoofed $((sp0 + 3)) 5 ||
	fail "MAG1 rx_drop_spoofed $(dha_stat mag1 dha0 rx_drop_spoofed), expected >= $((sp0 + 3))"
bd=$(obj_stat mag1 $LMA rx_dropped binding show dev dha0)
ge "$bd" 3 || fail "MAG1 binding rx_dropped $bd, expected >= 3"
nip mag2 link del spoof
ping_ok cn -c 1 -W 5 $HOST

# Handoff: the host leaves MAG1's access link for MAG2's.
dha_in mag1 binding del hnp $HNP dev dha0
nip mag1 -6 route del $HNP dev mag1_acc
nip host link del h0
attach mag2 $MAG2
dha_in lma binding change hnp $HNP mag $MAG2 local $LMA dev dha0
out=$(in_ns lma "$DHA" binding show dev dha0) || fail "binding show: $out"
grep_q -Fx "hnp $HNP mag $MAG2 local $LMA dev dha0 lifetime forever" <<<"$out" ||
	fail "LMA binding not moved to MAG2: $out"
out=$(in_ns lma "$DHA" proxy-peer show dev dha0) || fail "proxy-peer show: $out"
[ "$out" = "$MAG2 dev dha0 bindings 1" ] || fail "LMA proxy peers after the handoff: $out"

cap_start m2 lma l_m2 'ip6[6] == 41'
ping_ok cn -c 3 -i 0.2 -W 5 $HOST
ping_ok host -c 3 -i 0.2 -W 5 $CN
cap_wait m2 12 10 || fail "expected 12 tunneled packets via MAG2:"$'\n'"$(cap_text m2)"
cap_has m2 "^IP6 $(re $LMA) > $(re $MAG2): IP6 $(re $CN) > $(re $HOST): ICMP6, echo request" ||
	fail "no tunneled echo request to MAG2:"$'\n'"$(cap_text m2)"
cap_has m2 "^IP6 $(re $MAG2) > $(re $LMA): IP6 $(re $HOST) > $(re $CN): ICMP6, echo request" ||
	fail "no uplink echo request from MAG2:"$'\n'"$(cap_text m2)"
cap_stop m2
# The counters stayed with the binding across the handoff.
tx=$(obj_stat lma $MAG2 tx_packets binding show dev dha0)
ge "$tx" 9 || fail "LMA binding tx_packets $tx < 9 after the handoff"

# Now MAG1 is the wrong MAG.
nip mag1 -6 tunnel add spoof mode ip6ip6 local $MAG1 remote $LMA encaplimit none ||
	fail "spoof tunnel on mag1"
nip mag1 link set spoof up
addr mag1 spoof 2001:db8:100::98/128
route mag1 $CN/128 dev spoof
sp0=$(dha_stat lma dha0 rx_drop_spoofed)
ping_fails mag1 -c 2 -i 0.2 -W 1 -I 2001:db8:100::98 $CN
stat_wait lma dha0 rx_drop_spoofed $((sp0 + 2)) 5 ||
	fail "rx_drop_spoofed $(dha_stat lma dha0 rx_drop_spoofed) after the handoff, expected >= $((sp0 + 2))"

# Bindings go with their device and their namespace.
nip lma link del dha0 || fail "deleting the LMA's dha0"
ip netns del "$(nsn mag2)"
sleep 1
dmesg_check "device and namespace removal with proxy bindings"
pass
