#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The HA-AR path has MTU 1400. A 1400-byte ping to the HoA does not fit once
# encapsulated: the HA answers ICMPv6 Packet Too Big (mtu 1400 - 40) to the
# CN and counts tx_drop_too_big; a ping that fits then goes through.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
topo_basic
nip ha link set h_ar mtu 1400
nip ar link set a_ha mtu 1400
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600
ping_ok cn -c 1 -W 5 $HOA

tb0=$(dha_stat ha dha0 tx_drop_too_big)
cap_start cn cn cn0 'icmp6 and ip6[40] == 2'
ping_fails cn -c 3 -i 0.3 -W 1 -s 1400 -M "do" $HOA
cap_wait cn 1 5 || fail "no Packet Too Big reached the CN; ping said:"$'\n'"$(cat "$SCN_TMP/last-ping.txt")"
cap_stop cn
cap_has cn "ICMP6, packet too big, mtu 1360" ||
	fail "Packet Too Big with a wrong MTU:"$'\n'"$(cap_text cn)"
cap_has cn "^IP6 [0-9a-f:]+ > $(re $CN): ICMP6, packet too big" ||
	fail "Packet Too Big not addressed to the CN:"$'\n'"$(cap_text cn)"
tb=$(dha_stat ha dha0 tx_drop_too_big)
ge "$tb" $((tb0 + 1)) || fail "tx_drop_too_big $tb, expected >= $((tb0 + 1))"
grep -Eqi 'too big|mtu' "$SCN_TMP/last-ping.txt" ||
	fail "ping did not report the MTU:"$'\n'"$(cat "$SCN_TMP/last-ping.txt")"

# 1300 + 8 + 40 = 1348 inner, 1388 outer: fits
ping_ok cn -c 2 -i 0.3 -W 5 -s 1300 -M "do" $HOA
pass
