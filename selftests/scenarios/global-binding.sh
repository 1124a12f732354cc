#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Global binding: ha1 holds a global binding for the HoA pointing at ha2's
# locator; ha2 (the primary HA) accepts ha1 as a peer and holds the home
# binding. CN -> ha1 -> (tunnel) -> ha2 -> (tunnel) -> MN, checked on both
# wires. Without the peer entry ha2 drops ha1's tunnel (rx_drop_no_binding).
#
#   cn ── ha1 ── ha2 ── ar ── mn
#   2001:db8:3::/64  2001:db8:5::/64  2001:db8:4::/64  2001:db8:2::/64

. "$(dirname "$0")/../lib/scenario.sh"

HA1=2001:db8:5::1
HA2=2001:db8:5::2

require_dha
ns_add cn 0
ns_add ha1 1
ns_add ha2 1
ns_add ar 1
ns_add mn 0
veth cn cn0 ha1 h1_cn
veth ha1 h1_h2 ha2 h2_h1
veth ha2 h2_ar ar a_ha
veth ar a_mn mn m_ar

addr cn cn0 $CN/64
route cn default via 2001:db8:3::1
addr ha1 h1_cn 2001:db8:3::1/64
addr ha1 h1_h2 $HA1/64
route ha1 default via $HA2
addr ha2 h2_h1 $HA2/64
addr ha2 h2_ar 2001:db8:4::1/64
route ha2 2001:db8:3::/64 via $HA1
route ha2 2001:db8:2::/64 via 2001:db8:4::2
addr ar a_ha 2001:db8:4::2/64
addr ar a_mn $AR_MN/64
route ar default via 2001:db8:4::1
addr mn m_ar $COA/64
mn_tunnel mn m_ar $COA $HA2 $AR_MN $HOA

dha_dev ha1
dha_in ha1 link set dev dha0 local $HA1
dha_in ha1 global add $HOA ha $HA2 dev dha0 lifetime 600
route ha1 $HOA/128 dev dha0

dha_dev ha2
dha_in ha2 link set dev dha0 local $HA2
dha_in ha2 peer add $HA1 dev dha0
dha_in ha2 binding add $HOA coa $COA dev dha0 lifetime 600
route ha2 $HOA/128 dev dha0

cap_start core ha1 h1_h2 'ip6[6] == 41'
cap_start access ha2 h2_ar 'ip6[6] == 41'
ping_ok cn -c 3 -i 0.2 -W 5 $HOA
cap_wait core 3 10 || fail "expected 3 tunneled packets ha1->ha2:"$'\n'"$(cap_text core)"
cap_wait access 6 10 || fail "expected 6 tunneled packets ha2<->ar:"$'\n'"$(cap_text access)"
cap_has core "^IP6 $(re $HA1) > $(re $HA2): IP6 $(re $CN) > $(re $HOA): ICMP6, echo request" ||
	fail "no ha1 -> ha2 tunnel of CN -> HoA:"$'\n'"$(cap_text core)"
cap_has access "^IP6 $(re $HA2) > $(re $COA): IP6 $(re $CN) > $(re $HOA): ICMP6, echo request" ||
	fail "no ha2 -> CoA tunnel of CN -> HoA:"$'\n'"$(cap_text access)"
cap_has access "^IP6 $(re $COA) > $(re $HA2): IP6 $(re $HOA) > $(re $CN): ICMP6, echo reply" ||
	fail "no reverse tunnel CoA -> ha2:"$'\n'"$(cap_text access)"
cap_stop core
cap_stop access

tx=$(obj_stat ha1 $HOA tx_packets global show)
ge "$tx" 3 || fail "ha1 global binding tx_packets $tx < 3"
prx=$(obj_stat ha2 $HA1 rx_packets peer show)
ge "$prx" 3 || fail "ha2 peer $HA1 rx_packets $prx < 3"
json_ok ha1 global show
json_ok ha2 peer show

# without the peer entry ha1's tunnel is refused
dha_in ha2 peer del $HA1 dev dha0
nb0=$(dha_stat ha2 dha0 rx_drop_no_binding)
cap_start access2 ha2 h2_ar 'ip6[6] == 41'
ping_fails cn -c 3 -i 0.2 -W 1 $HOA
stat_wait ha2 dha0 rx_drop_no_binding $((nb0 + 3)) 5 ||
	fail "ha2 rx_drop_no_binding $(dha_stat ha2 dha0 rx_drop_no_binding), expected >= $((nb0 + 3))"
cap_stop access2
n=$(cap_count access2 "ip6[6] == 41 and ip6 src $HA2")
[ "$n" -eq 0 ] || fail "ha2 still forwarded $n packets to the MN without the peer"
pass
