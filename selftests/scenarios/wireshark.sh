#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What dha puts on the wire, read by tshark (Documentation/wireshark.md).
# Two dhads in hard mode on the home link (ha1 active, sending Router
# Advertisements) and a mobile node emulator; ha1's home link is captured
# while:
#   - ha2 starts (Hello Requests, Hellos, State Synchronization Request,
#     bulk State Synchronization and its Acks);
#   - a mobile node and a mobile router register (BU, BA; incremental
#     State Synchronization; ha2 asks for one binding), discover the home agents (DHAAD), ask for
#     the home prefix (MPS, MPA), and an unknown home address's MPS gets a
#     Binding Error;
#   - ha1 sends a Home Agent Switch; ha2 takes the role with a SwitchOver
#     and hands it back with a SwitchBack.
# Then, over the capture:
#   - stock tshark decodes BU, BA, BE, HA Switch, DHAAD request and reply,
#     MPS, MPA and the RAs with Home Agent Information with no expert
#     message but one: "Binding Refresh Advice (length byte past end of
#     options)" on the HA Switch of "dha ha switch" (Wireshark's dissector
#     ends it 6 octets early; the last home agent named ends in ::2, read
#     as that option), and the same kind of message, naming another
#     option, on those the role switches send;
#   - tshark with tools/wireshark/dha.lua decodes every HA-to-HA message
#     kind with the values the configuration and the registrations set.

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

LUA=$DHA_TOP/tools/wireshark/dha.lua
FIELDS=$DHA_TOP/tools/wireshark/test/fields.sh

require_dha
require_dhad
require_cmd tshark

HA1=$(hs_local 1)
HA2=$(hs_local 2)
PREFIX=2001:db8:1::/64
ANYCAST=2001:db8:1:0:fdff:ffff:ffff:fffe
HOA=2001:db8:1::101
UNKNOWN_HOA=2001:db8:1::199
LAST_HA=2001:db8:4::2
hs_topo 2
route mn default via $HS_R_MN
mn_home_setup $HOA $HS_MR_HOA $UNKNOWN_HOA
# The Mobile Prefix Advertisement comes through a type 2 routing header.
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto ipv6-icmp \
	tmpl proto route2 mode ro level use || fail "MN xfrm policy for the MPA"
for n in 1 2; do
	hs_conf $n hard "$(hs_local $n)" $((40 - 10 * n)) $((3 - n)) \
		"[router-advertisement]" "send = yes" \
		"min-interval = 0.3" "max-interval = 1"
done

cap_start home ha1 r0 ip6
hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"

hs_register $HA1 $HOA --seq 1
hs_register $HA1 $HS_MR_HOA --seq 1 --mr --mnp $HS_MNP
wait_until 10 hs_in_cache 2 $HS_MR_HOA || fail "ha2 has no copy of $HS_MR_HOA: $(hs_cache 2)"
hs_dha 2 ha sync request $HOA >/dev/null || fail "dha ha sync request on ha2"$'\n'"$(hs_logs)"
# The router sends the anycast address to ha1, whose link is captured.
nip r -6 neigh replace $ANYCAST lladdr "$(hs_mac 1)" dev r0 nud permanent ||
	fail "the anycast address to ha1 on r"
out=$(in_ns mn "$HS_MNEMU" dhaad --prefix $PREFIX --coa $HS_COA --timeout 30 \
	--expect $HA1 2>&1) || fail "dhaad: $out"$'\n'"$(hs_logs)"
out=$(in_ns mn "$HS_MNEMU" mps --hoa $HOA --coa $HS_COA --ha $HA1 \
	--expect-prefix $PREFIX 2>&1) || fail "mps: $out"$'\n'"$(hs_logs)"
in_ns mn "$HS_MNEMU" mps --hoa $UNKNOWN_HOA --coa $HS_COA --ha $HA1 --timeout 1 >/dev/null 2>&1
wait_until 5 grep -q "for $UNKNOWN_HOA from $HS_COA: no such binding" "$SCN_TMP/ha1.log" ||
	fail "ha1 did not refuse the MPS of $UNKNOWN_HOA"$'\n'"$(hs_logs)"

bg_ns mn "$HS_MNEMU" listen --hoa $HOA --coa $HS_COA --ha $HA1 --timeout 30 \
	>"$SCN_TMP/listen.out" 2>&1
LISTEN=$BG_PID
wait_until 20 grep -q listening "$SCN_TMP/listen.out" || fail "mnemu listen: $(cat "$SCN_TMP/listen.out")"
hs_dha 1 ha switch $HOA to $HA2 $LAST_HA >/dev/null || fail "dha ha switch"
wait "$LISTEN" || fail "no Home Agent Switch reached the mobile node: $(cat "$SCN_TMP/listen.out")"

hs_dha 2 ha switchover >/dev/null || fail "switchover"$'\n'"$(hs_logs)"
wait_until 10 hs_is 2 active || fail "ha2 not active after its switchover"
hs_dha 2 ha switchback >/dev/null || fail "switchback"$'\n'"$(hs_logs)"
wait_until 10 hs_is 1 active || fail "ha1 not active after ha2's switchback"
# A Hello from each after the switches, and another advertisement.
sleep 1.5
cap_stop home
hs_stop 2
hs_stop 1

pcap=$SCN_TMP/home.pcap
log "$(cap_count home) packets captured"

# --- stock tshark: the standard messages, one warning on the HA Switch ---
# Its dissector reads the last 6 octets of the last address as options:
# "dha ha switch" names 2001:db8:4::2 last, read as a Binding Refresh
# Advice cut short; the switches of the role send HA Switches of their
# own, naming ha1 or ha2 last, read as other options cut short.
stock=$SCN_TMP/stock.txt
tshark -n -r "$pcap" -T fields -E separator='|' -e frame.number -e mip6.mhtype \
	-e icmpv6.type -e icmpv6.opt.type -e mip6.has.address -e _ws.expert.message \
	>"$stock" 2>/dev/null || fail "tshark cannot read the capture"
bad=$(awk -F'|' -v ours="$HA2,$LAST_HA" \
	-v bra="Binding Refresh Advice (length byte past end of options)" '
	# Not ICMPv6 errors quoting a message (their icmpv6.type is set).
	($2 ~ /^(5|6|7|12)$/ && $3 == "") || $3 ~ /^(144|145|146|147)$/ ||
	($3 == 134 && $4 ~ /(^|,)8(,|$)/) {
		kind = $2 != "" ? "mh" $2 : "icmp" $3
		if (kind == "mh12" && $5 == ours)
			kind = "mh12-ours"
		seen[kind] = 1
		if (kind == "mh12-ours") {
			if ($6 != bra)
				print "frame " $1 " (dha ha switch): \"" $6 "\", want \"" bra "\""
		} else if (kind == "mh12") {
			if ($6 !~ /^[A-Za-z0-9 -]+ \(length byte past end of options\)$/)
				print "frame " $1 " (HA Switch to " $5 "): \"" $6 "\""
		} else if ($6 != "") {
			print "frame " $1 " (" kind "): \"" $6 "\", want none"
		}
	}
	END {
		split("mh5 mh6 mh7 mh12-ours icmp144 icmp145 icmp146 icmp147 icmp134", all, " ")
		for (i in all)
			if (!(all[i] in seen))
				print "no " all[i] " in the capture"
	}' "$stock")
# Collected, so that one run shows every problem of both decodings.
problems=
[ -z "$bad" ] || problems="stock tshark:"$'\n'"$bad"
log "stock tshark: $(awk -F'|' '$2 != "" || $3 ~ /^(134|14[4-7])$/' "$stock" | wc -l) standard messages, only the HA Switches warned about"

# --- tshark with dha.lua: every HA-to-HA message kind and its fields ---
fields=$SCN_TMP/fields.txt
"$FIELDS" "$LUA" "$pcap" dha ipv6.src icmpv6.type >"$fields" || fail "tshark with dha.lua"
# The fields of each HA-to-HA message on one line: "FRAME NAME=VALUE...";
# not the ICMPv6 errors quoting one (ha2's kernel answers ha1's first
# messages before its dhad listens).
msgs=$SCN_TMP/msgs.txt
awk '$2 ~ /^dha[.]/ { line[$1] = line[$1] " " $2; has[$1] = 1 }
	$2 ~ /^ipv6[.]src=/ && !($1 in src) { src[$1] = $2 }
	$2 ~ /^icmpv6[.]type=/ { icmp[$1] = 1 }
	END { for (f in has) if (!(f in icmp)) print f, src[f] line[f] }' "$fields" | sort -n >"$msgs"
grep -q 'dha[.]\(truncated\|unknown_subtype\)\|dha[.]opt[.]\(overrun\|bad_len\)' "$fields" &&
	fail "dha.lua flagged a message of dhad's: $(grep -m3 'overrun\|bad_len\|truncated\|unknown' "$fields")"
# has LABEL REGEX: some message matches the extended regex.
has() { grep -Eq -- "$2" "$msgs" || problems="$problems"$'\n'"dha.lua: no $1 in the capture"; }
auth="dha.opt.type=244 dha.opt.len=44 dha.opt.auth.key_id=1 dha.opt.auth.reserved=0x0000 dha.opt.auth.counter=[0-9]+ dha.opt.auth.mac=([0-9a-f]{2}:){31}[0-9a-f]{2}$"
has "Hello Request from ha2" "ipv6.src=$HA2 dha.subtype=1 dha.reserved=0x00 dha.hello_request.seq=[0-9]+ .*$auth"
has "Hello from the active ha1" "ipv6.src=$HA1 dha.subtype=2 dha.reserved=0x00 dha.hello.seq=[0-9]+ dha.hello.preference=30 dha.hello.lifetime=1800 dha.hello.interval=200 dha.hello.group=1 dha.hello.flags=0x8[08] dha.hello.flags.a=1 dha.hello.flags.r=0 dha.hello.flags.g=0 dha.hello.flags.f=0 dha.hello.flags.n=[01] dha.hello.flags.reserved=0x00 dha.opt.type=1 dha.opt.len=0 dha.opt.type=17 dha.opt.len=18 dha.opt.ipaddr.code=4 dha.opt.ipaddr.prefix_len=64 dha.opt.ipaddr.address=$HA1 .*$auth"
has "Hello from the standby ha2" "ipv6.src=$HA2 dha.subtype=2 dha.reserved=0x00 dha.hello.seq=[0-9]+ dha.hello.preference=20 dha.hello.lifetime=1800 dha.hello.interval=200 dha.hello.group=1 dha.hello.flags=0x00 dha.hello.flags.a=0 dha.hello.flags.r=0 dha.hello.flags.g=0 dha.hello.flags.f=0 dha.hello.flags.n=0 dha.hello.flags.reserved=0x00 dha.opt.type=1 dha.opt.len=0 dha.opt.type=17 dha.opt.len=18 dha.opt.ipaddr.code=4 dha.opt.ipaddr.prefix_len=64 dha.opt.ipaddr.address=$HA2 .*$auth"
has "State Synchronization Request for the mobile node" "ipv6.src=$HA2 dha.subtype=3 dha.ss.flags=0x00 dha.ss.flags.a=0 dha.ss.flags.g=0 dha.ss.flags.reserved=0x00 dha.ss_request.id=[0-9]+ .*dha.opt.type=17 dha.opt.len=18 dha.opt.ipaddr.code=5 dha.opt.ipaddr.prefix_len=128 dha.opt.ipaddr.address=$HOA .*$auth"
# A binding's flags are those of its BU but A (mnemu's: A, H; R for the router).
has "State Synchronization of the mobile node" "dha.subtype=4 dha.ss.flags=0x00 dha.ss.flags.a=0 dha.ss.flags.g=0 dha.ss.flags.reserved=0x00 dha.ss.id=[0-9]+ .* dha.opt.type=240 dha.opt.len=40 dha.opt.bci.flags=0x4000 dha.opt.bci.flags.a=0 dha.opt.bci.flags.h=1 dha.opt.bci.flags.l=0 dha.opt.bci.flags.k=0 dha.opt.bci.flags.r=0 dha.opt.bci.flags.p=0 dha.opt.bci.seq=1 dha.opt.bci.lifetime=[1-9][0-9]* dha.opt.bci.reserved=0x0000 dha.opt.bci.home_address=$HOA dha.opt.bci.care_of_address=$HS_COA .*$auth"
has "State Synchronization of the mobile router" "dha.subtype=4 .* dha.opt.bci.flags=0x4400 dha.opt.bci.flags.a=0 dha.opt.bci.flags.h=1 dha.opt.bci.flags.l=0 dha.opt.bci.flags.k=0 dha.opt.bci.flags.r=1 dha.opt.bci.flags.p=0 dha.opt.bci.seq=1 dha.opt.bci.lifetime=[1-9][0-9]* dha.opt.bci.reserved=0x0000 dha.opt.bci.home_address=$HS_MR_HOA dha.opt.bci.care_of_address=$HS_COA dha.opt.type=6 dha.opt.len=18 dha.opt.mnp.reserved=0x00 dha.opt.mnp.prefix_len=48 dha.opt.mnp.prefix=2001:db8:100:: .*$auth"
has "State Synchronization Status" "dha.subtype=4 .* dha.opt.type=243 dha.opt.len=8 dha.opt.ss_status.flags=0x[0-9a-f]+ dha.opt.ss_status.flags.reply=[01] dha.opt.ss_status.flags.last=1 dha.opt.ss_status.flags.merge=0 dha.opt.ss_status.reserved=0x00 dha.opt.ss_status.request_id=[0-9]+ dha.opt.ss_status.total=[1-9]"
has "State Synchronization Ack" "ipv6.src=$HA2 dha.subtype=5 dha.ss.flags=0x00 dha.ss.flags.a=0 dha.ss.flags.g=0 dha.ss.flags.reserved=0x00 dha.ss_ack.id=[0-9]+ dha.ss_ack.status=0 .*$auth"
has "SwitchOver Request" "ipv6.src=$HA2 dha.subtype=6 dha.reserved=0x00 dha.switch.reserved=0x0000 .*$auth"
has "SwitchOver Reply" "ipv6.src=$HA1 dha.subtype=7 dha.reserved=0x00 dha.switchover.status=0 .*$auth"
has "SwitchBack Request" "ipv6.src=$HA2 dha.subtype=8 dha.reserved=0x00 dha.switch.reserved=0x0000 .*$auth"
has "SwitchBack Reply" "ipv6.src=$HA1 dha.subtype=9 dha.reserved=0x00 dha.switchback.status=0 .*$auth"
# Every SS Ack answers an SS by its identifier.
for id in $(sed -n 's/.* dha.subtype=5 dha.ss.flags=0x00 dha.ss.flags.a=0 dha.ss.flags.g=0 dha.ss.flags.reserved=0x00 dha.ss_ack.id=\([0-9]*\) .*/\1/p' "$msgs"); do
	grep -q " dha.subtype=4 dha.ss.flags=0x00 dha.ss.flags.a=0 dha.ss.flags.g=0 dha.ss.flags.reserved=0x00 dha.ss.id=$id " "$msgs" ||
		problems="$problems"$'\n'"SS Ack for id $id, but no State Synchronization with it"
done
[ -z "$problems" ] ||
	fail "$problems"$'\n'"the HA-to-HA messages:"$'\n'"$(cut -c1-900 "$msgs" | awk '!seen[$2 $3]++' | head -30)"
log "dha.lua: $(wc -l <"$msgs") HA-to-HA messages, all nine kinds, fields as configured"
pass
