#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A host that is not the mobile node tunnels packets to the HA:
#  - with the MN's home address as inner source -> rx_drop_spoofed, and
#    nothing reaches the CN;
#  - with an unknown inner source -> rx_drop_no_binding.
# The real MN keeps working and is never counted as spoofed.

. "$(dirname "$0")/../lib/scenario.sh"

EVIL=2001:db8:6::6
STRANGER=2001:db8:7::7

require_dha
topo_basic
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600

ns_add evil 0
veth ar a_ev evil e0
addr ar a_ev 2001:db8:6::1/64
addr evil e0 $EVIL/64
route ha 2001:db8:6::/64 via $AR_HA
route evil 2001:db8:4::/64 via 2001:db8:6::1
nip evil -6 tunnel add evil6 mode ip6ip6 local $EVIL remote $HA_LOCAL encaplimit none ||
	skip "ip6ip6 tunnels not available"
nip evil link set evil6 up
addr evil evil6 $HOA/128
addr evil evil6 $STRANGER/128
route evil 2001:db8:3::/64 dev evil6

# the legitimate MN first: proves the path works
ping_ok mn -c 2 -i 0.2 -W 5 $CN
sp0=$(dha_stat ha dha0 rx_drop_spoofed)
[ "$sp0" -eq 0 ] || fail "the MN's own traffic was counted as spoofed ($sp0)"
brx0=$(binding_stat ha dha0 $HOA rx_packets)
ge "$brx0" 2 || fail "binding rx_packets $brx0 < 2 after the MN's pings"

cap_start cn cn cn0 "icmp6 and ip6[40] == 128"
bdrop0=$(binding_stat ha dha0 $HOA rx_dropped)
ping_fails evil -c 3 -i 0.2 -W 1 -I $HOA $CN
stat_wait ha dha0 rx_drop_spoofed $((sp0 + 3)) 5 ||
	fail "rx_drop_spoofed $(dha_stat ha dha0 rx_drop_spoofed), expected >= $((sp0 + 3))"
bdrop=$(binding_stat ha dha0 $HOA rx_dropped)
ge "$bdrop" $((bdrop0 + 3)) || fail "binding rx_dropped $bdrop, expected >= $((bdrop0 + 3))"
brx=$(binding_stat ha dha0 $HOA rx_packets)
[ "$brx" -eq "$brx0" ] || fail "spoofed packets counted as received on the binding ($brx0 -> $brx)"

nb0=$(dha_stat ha dha0 rx_drop_no_binding)
ping_fails evil -c 3 -i 0.2 -W 1 -I $STRANGER $CN
stat_wait ha dha0 rx_drop_no_binding $((nb0 + 3)) 5 ||
	fail "rx_drop_no_binding $(dha_stat ha dha0 rx_drop_no_binding), expected >= $((nb0 + 3))"

# anything that got through would have arrived by now; one more legit echo
# request from the MN is the marker that the capture is live
ping_ok mn -c 1 -W 5 $CN
cap_wait cn 1 5 "ip6 src $HOA" || fail "capture on cn saw not even the MN's request"
cap_stop cn
n=$(cap_count cn "ip6 src $HOA")
[ "$n" -eq 1 ] || fail "$n echo requests from the HoA reached the CN, expected only the MN's 1:"$'\n'"$(cap_text cn)"
n=$(cap_count cn "ip6 src $STRANGER")
[ "$n" -eq 0 ] || fail "$n packets from $STRANGER reached the CN"
pass
