#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# RFC 2473 section 8: an ICMPv6 error that the access router (between the
# HA and the care-of address) returns about a tunneled packet reaches the
# CN, the source of the inner packet, translated by the HA:
#   - the AR-MN link has MTU 1400: the AR's Packet Too Big (mtu 1400)
#     becomes a Packet Too Big with mtu 1360 to the CN, whose path MTU
#     toward the home address drops to it, from the first packet on; with
#     MTU 1280 there, an inner packet that fits 1280 gets no error: the HA
#     sends it in outer fragments from then on (RFC 2473 7.1);
#   - the tunnel's hop limit runs out at the AR (route hoplimit 1 on the
#     HA): Time Exceeded becomes Destination Unreachable, address
#     unreachable;
#   - the AR has an unreachable route to the care-of address: its
#     Destination Unreachable (no route) becomes the same.
# Each one is counted in icmp_relayed. Forged errors that quote a packet
# the HA did not tunnel, or an ICMPv6 error, are not relayed.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
topo_basic
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600
ping_ok cn -c 1 -W 5 $HOA
dmesg_mark

relayed() { dha_stat ha dha0 icmp_relayed; }

# relayed_ge N: icmp_relayed reached N.
relayed_ge() {
	local r
	r=$(relayed)
	ge "$r" "$1" || fail "icmp_relayed $r, expected >= $1"
}

# -- Packet Too Big from beyond the first hop --
nip ar link set a_mn mtu 1400
nip mn link set m_ar mtu 1400
r0=$(relayed)
cap_start ptb cn cn0 'icmp6 and ip6[40] == 2'
# One echo request only: an HA that merely learnt the path MTU would send
# its own Packet Too Big for the next packet, not for this one.
ping_fails cn -c 1 -W 3 -s 1400 -M "do" $HOA
cap_wait ptb 1 5 || fail "no Packet Too Big reached the CN; ping said:"$'\n'"$(cat "$SCN_TMP/last-ping.txt")"
cap_stop ptb
cap_has ptb "^IP6 $(re $HA_CN) > $(re $CN): ICMP6, packet too big, mtu 1360" ||
	fail "not the relayed Packet Too Big:"$'\n'"$(cap_text ptb)"
nip cn -6 route get $HOA | grep_q -w "mtu 1360" ||
	fail "CN's path MTU toward the HoA: $(nip cn -6 route get $HOA)"
nip ha -6 route get $COA | grep_q -w "mtu 1400" ||
	fail "HA's path MTU toward the CoA: $(nip ha -6 route get $COA)"
relayed_ge $((r0 + 1))
# The CN now sizes its packets to fit: 1300 + 8 + 40 + 40 = 1388.
ping_ok cn -c 2 -i 0.3 -W 5 -s 1300 -M "do" $HOA

# -- Packet Too Big about an inner packet that fits 1280: not relayed --
# RFC 2473 7.1: the HA sends such a packet in outer fragments from then on.
nip ar link set a_mn mtu 1280
nip mn link set m_ar mtu 1280
r0=$(relayed)
cap_start small cn cn0 'icmp6 and ip6[40] == 2'
# 1200 + 8 + 40 = 1248 inner, 1288 outer: the AR refuses the first one.
ping_fails cn -c 1 -W 3 -s 1200 -M "do" $HOA
nip ha -6 route get $COA | grep_q -w "mtu 1280" ||
	fail "HA's path MTU toward the CoA: $(nip ha -6 route get $COA)"
# The later ones reach the MN in outer fragments. Their replies do not
# come back: the MN's ip6_tunnel sends no outer fragments.
cap_start inner mn mip6 'icmp6 and ip6[40] == 128'
in_ns cn ping -n -c 2 -i 0.3 -W 2 -s 1200 -M "do" $HOA >/dev/null 2>&1
cap_wait inner 2 5 ||
	fail "echo requests of 1248 bytes did not reach the MN:"$'\n'"$(cap_text inner)"
cap_stop inner
cap_stop small
[ "$(cap_count small)" = 0 ] ||
	fail "Packet Too Big for an inner packet of 1248 bytes:"$'\n'"$(cap_text small)"
[ "$(relayed)" = "$r0" ] || fail "icmp_relayed $(relayed), expected $r0"

# unreach_relayed ID WHAT: one echo request from the CN is answered by the
# HA with Destination Unreachable, address unreachable, quoting it.
unreach_relayed() {
	local id=$1 what=$2 r
	r=$(relayed)
	cap_start "$id" cn cn0 'icmp6 and ip6[40] == 1'
	ping_fails cn -c 1 -W 3 $HOA
	cap_wait "$id" 1 5 ||
		fail "$what: nothing reached the CN; ping said:"$'\n'"$(cat "$SCN_TMP/last-ping.txt")"
	cap_stop "$id"
	cap_has "$id" "^IP6 $(re $HA_CN) > $(re $CN): ICMP6, destination unreachable, unreachable address $(re $HOA)" ||
		fail "$what: not the relayed error:"$'\n'"$(cap_text "$id")"
	grep -qi "address unreachable" "$SCN_TMP/last-ping.txt" ||
		fail "$what: ping did not report it:"$'\n'"$(cat "$SCN_TMP/last-ping.txt")"
	relayed_ge $((r + 1))
}

# -- Time Exceeded: the outer hop limit runs out at the AR --
nip ha -6 route replace 2001:db8:2::/64 via $AR_HA hoplimit 1 ||
	fail "route with hoplimit 1"
unreach_relayed te "Time Exceeded"
nip ha -6 route replace 2001:db8:2::/64 via $AR_HA || fail "route back"
ping_ok cn -c 1 -W 5 $HOA

# -- Destination Unreachable: the AR has no way to the care-of address --
route ar unreachable $COA/128
unreach_relayed du "Destination Unreachable"
nip ar -6 route del unreachable $COA/128 || fail "unreachable route"
ping_ok cn -c 1 -W 5 $HOA

# -- Forged errors: only one about a packet the HA really tunneled --
# forge SRC,DST,TYPE...: from the AR, one Time Exceeded per argument to the
# HA, quoting an outer header SRC -> DST and an inner ICMPv6 message of
# type TYPE from the CN to the HoA.
forge() {
	in_ns ar "$PYTHON" -c '
import socket, struct, sys
cn, hoa, ha = sys.argv[1:4]
def ip6(src, dst, nexthdr, payload):
    return (struct.pack("!IHBB", 6 << 28, len(payload), nexthdr, 64) +
            socket.inet_pton(socket.AF_INET6, src) +
            socket.inet_pton(socket.AF_INET6, dst) + payload)
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
for spec in sys.argv[4:]:
    src, dst, icmp_type = spec.split(",")
    inner = ip6(cn, hoa, 58, struct.pack("!BBHI", int(icmp_type), 0, 0, 0) + bytes(32))
    # Time Exceeded, hop limit; the kernel fills in the checksum.
    s.sendto(struct.pack("!BBHI", 3, 0, 0, 0) + ip6(src, dst, 41, inner), (ha, 0))
' "$CN" "$HOA" "$HA_LOCAL" "$@" || fail "forging errors"
}
r0=$(relayed)
cap_start forged cn cn0 'icmp6 and ip6[40] == 1'
# Not to the care-of address, not from the HA, about an ICMPv6 error;
# then a well-formed one, which must be the only one relayed.
forge "$HA_LOCAL,2001:db8:2::99,128" "$AR_HA,$COA,128" "$HA_LOCAL,$COA,1" \
	"$HA_LOCAL,$COA,128"
cap_wait forged 1 5 || fail "the well-formed forged error was not relayed"
sleep 1
cap_stop forged
[ "$(cap_count forged)" = 1 ] ||
	fail "forged errors relayed:"$'\n'"$(cap_text forged)"
[ "$(relayed)" = $((r0 + 1)) ] ||
	fail "icmp_relayed $(relayed), expected $((r0 + 1))"

dmesg_check "ICMPv6 relay"
pass
