#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A correspondent node pings the mobile node's home address. The HA tunnels
# the echo request to the care-of address and accepts the reply through the
# MN's reverse tunnel; both directions are checked on the HA-AR wire, then
# the binding's and the device's counters and the tool's JSON.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
topo_basic
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600

cap_start wire ha h_ar ip6
ping_ok cn -c 3 -i 0.2 -W 5 $HOA
# 3 requests toward the MN and 3 replies back, all IPv6-in-IPv6 (next header 41)
cap_wait wire 6 10 'ip6[6] == 41' ||
	fail "expected 6 tunneled packets on ha-ar, got:"$'\n'"$(cap_text wire)"
cap_stop wire

cap_has wire "^IP6 $(re $HA_LOCAL) > $(re $COA): IP6 $(re $CN) > $(re $HOA): ICMP6, echo request" 'ip6[6] == 41' ||
	fail "no echo request HA local -> CoA carrying CN -> HoA:"$'\n'"$(cap_text wire)"
cap_has wire "^IP6 $(re $COA) > $(re $HA_LOCAL): IP6 $(re $HOA) > $(re $CN): ICMP6, echo reply" 'ip6[6] == 41' ||
	fail "no echo reply CoA -> HA local carrying HoA -> CN:"$'\n'"$(cap_text wire)"
# nothing reached the MN's link un-tunneled, and no encapsulation limit option
n=$(cap_count wire "icmp6 and ip6[40] == 128 and ip6 dst $HOA")
[ "$n" -eq 0 ] || fail "$n echo requests to the HoA crossed ha-ar without a tunnel"
n=$(cap_count wire 'ip6[6] == 60')
[ "$n" -eq 0 ] || fail "$n packets with a destination options header (encapsulation limit?)"

tx=$(binding_stat ha dha0 $HOA tx_packets)
rx=$(binding_stat ha dha0 $HOA rx_packets)
ge "$tx" 3 || fail "binding tx_packets $tx < 3"
ge "$rx" 3 || fail "binding rx_packets $rx < 3"
dtx=$(dha_stat ha dha0 tx_packets)
drx=$(dha_stat ha dha0 rx_packets)
ge "$dtx" 3 || fail "device tx_packets $dtx < 3"
ge "$drx" 3 || fail "device rx_packets $drx < 3"
sp=$(dha_stat ha dha0 rx_drop_spoofed)
[ "$sp" -eq 0 ] || fail "legitimate traffic counted as spoofed ($sp)"

json_ok ha binding show
json_ok ha -s binding show
json_ok ha stats
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA" <<<"$out" || fail "binding show lacks $HOA: $out"
grep -q "$COA" <<<"$out" || fail "binding show lacks $COA: $out"
log "tx $tx rx $rx"
pass
