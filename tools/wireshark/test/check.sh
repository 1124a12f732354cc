#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check.sh OUT: the dissector's host tests. OUT holds pcapgen (built by
# the Makefile); the pcaps are written there:
#   standard.pcap  BU, BA, BE, Home Agent Switch, DHAAD request and reply,
#                  MPS, MPA and an RA with Home Agent Information;
#   dha.pcap       every HA-to-HA message kind with every option, an RA
#                  with the Load Balance Information option, an unknown
#                  subtype and an overrunning option, then the global
#                  HAHA's Hello (G, R), SS Reply (A, G) and SS Ack with
#                  SS Status options;
#   pmip.pcap      the Proxy Binding Update and Acknowledgement of the
#                  wire unit tests (daemon/wire/test/pmip_vectors.h), byte
#                  for byte, and a PBA with each RFC 5213 status.
# Stock tshark must decode the standard messages without a warning but
# the one its Home Agent Switch dissector raises; dha.lua must leave them
# as stock decodes them and decode every field of dha.pcap as
# expected-dha.txt says. Stock tshark must read every PMIPv6 field of
# pmip.pcap as the unit tests do, and name each PBA status as dhad does.
# Ends with "N passed, N failed".
set -u
out=$1
here=$(cd "$(dirname "$0")" && pwd)
lua=$here/../dha.lua
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/#   /'; done; }
# same NAME WANT GOT
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "want:" "$2" "got:" "$3"; fi
}

command -v tshark >/dev/null || { echo "not ok - tshark not installed (make deps)"; echo "0 passed, 1 failed"; exit 1; }
status_names=$("$out/pcapgen" "$out/standard.pcap" "$out/dha.pcap" "$out/pmip.pcap") ||
	{ echo "not ok - pcapgen"; echo "0 passed, 1 failed"; exit 1; }

# Stock tshark: names, and no expert message but the Home Agent Switch's
# (its dissector ends the message 6 octets early, so the last address's
# tail reads as a Binding Refresh Advice cut short).
TAB=$(printf '\t')
want="1${TAB}Binding Update${TAB}
2${TAB}Binding Acknowledgement${TAB}
3${TAB}Binding Error${TAB}
4${TAB}Home Agent Switch${TAB}Binding Refresh Advice (length byte past end of options)
5${TAB}Home Agent Address Discovery Request${TAB}
6${TAB}Home Agent Address Discovery Reply${TAB}
7${TAB}Mobile Prefix Solicitation${TAB}
8${TAB}Mobile Prefix Advertisement${TAB}
9${TAB}Router Advertisement${TAB}"
got=$(tshark -n -r "$out/standard.pcap" -T fields -e frame.number -e _ws.col.Info \
	-e _ws.expert.message 2>/dev/null)
same "stock tshark decodes the standard messages, warning only for the HA Switch" "$want" "$got"
got=$(tshark -n -r "$out/standard.pcap" -Y _ws.malformed 2>/dev/null)
same "stock tshark finds no malformed standard message" "" "$got"
got=$(tshark -n -r "$out/standard.pcap" -T fields -e mip6.has.address 2>/dev/null | sed -n 4p)
same "stock tshark reads both home agents of the HA Switch" "2001:db8:5::1,2001:db8:1::2" "$got"

# With dha.lua the standard messages decode exactly as before: the
# wrapper hands them to the stock dissectors (MH type 12 included), and
# only adds its RA tree (L clear, no Load Balance Information) to frame 9.
with=$(tshark -n -X lua_script:"$lua" -r "$out/standard.pcap" -V -O ipv6,icmpv6,mipv6 2>/dev/null)
stock=$(tshark -n -r "$out/standard.pcap" -V -O ipv6,icmpv6,mipv6 2>/dev/null)
same "dha.lua leaves the standard messages as stock decodes them" "$stock" \
	"$(printf '%s\n' "$with" | grep -v '^dha Load Balance\|^    \.\.\.0 \.\.\.\. = Load balance')"
columns() { tshark -n "$@" -T fields -e _ws.col.Protocol -e _ws.col.Info 2>/dev/null; }
same "dha.lua keeps the stock columns of the standard messages" \
	"$(columns -r "$out/standard.pcap")" \
	"$(columns -X lua_script:"$lua" -r "$out/standard.pcap")"
got=$("$here/fields.sh" "$lua" "$out/standard.pcap")
same "dha.lua: an RA without L or Load Balance Information" "9 dha_nd.ra.flags.l=0" "$got"

# Every field of every message kind.
got=$("$here/fields.sh" "$lua" "$out/dha.pcap")
same "dha.lua decodes every field of every HA-to-HA message and the LBI option" \
	"$(cat "$here/expected-dha.txt")" "$got"
want="DHA${TAB}Home Agent Hello Request seq=257
DHA${TAB}Home Agent Hello seq=513 pref=200 group=7 AN
DHA${TAB}State Synchronization Request id=77
DHA${TAB}State Synchronization id=78
DHA${TAB}State Synchronization Ack id=78 status=128
DHA${TAB}Home Agent SwitchOver Request
DHA${TAB}Home Agent SwitchOver Reply status=128
DHA${TAB}Home Agent SwitchBack Request
DHA${TAB}Home Agent SwitchBack Reply status=129
ICMPv6${TAB}Router Advertisement
DHA${TAB}Unknown subtype 200
DHA${TAB}State Synchronization Ack id=0 status=0
DHA${TAB}Home Agent Hello seq=9 pref=0 group=42 RG
DHA${TAB}State Synchronization id=79 AG
DHA${TAB}State Synchronization Ack id=79 status=0 G"
got=$(tshark -n -X lua_script:"$lua" -r "$out/dha.pcap" -T fields -e _ws.col.Protocol \
	-e _ws.col.Info 2>/dev/null)
same "dha.lua names each message in the Info column" "$want" "$got"

# Only the two bent frames are malformed, and nothing breaks the script.
got=$(tshark -n -X lua_script:"$lua" -r "$out/dha.pcap" -T fields -e frame.number \
	-Y "_ws.malformed || _ws.expert.severity >= 6291456 || dha.unknown_subtype" 2>&1 |
	grep -v '^Running as user' | tr '\n' ' ')
same "only the unknown subtype and the overrunning option are flagged" "11 12 " "$got"
got=$(tshark -n -X lua_script:"$lua" -r "$out/dha.pcap" -V 2>&1 | grep -i 'lua error' | head -3)
same "no Lua error on any frame" "" "$got"

# Captures cut short (a small snaplen) end in the stock exception, never
# in a Lua error.
errors=
for snap in 44 47 49 52 60 75 100; do
	editcap -s "$snap" "$out/dha.pcap" "$out/cut.pcap" >/dev/null 2>&1 ||
		errors="$errors editcap-$snap"
	n=$(tshark -n -X lua_script:"$lua" -r "$out/cut.pcap" -V 2>&1 | grep -ci 'lua error')
	[ "$n" = 0 ] || errors="$errors snaplen-$snap:$n"
done
rm -f "$out/cut.pcap"
same "no Lua error on captures cut short" "" "$errors"

# Proxy Mobile IPv6: stock tshark reads the unit tests' PBU and PBA
# (proxy flag, every option) as the wire codec does, finds nothing wrong
# in any frame, and names the statuses 152-162 as dhad does. dha.lua
# leaves them alone.
want="1 5 1   1 mn1@example.org 64 2001:db8:100:: 1 3 020000000001 fe80::1 Nov 14, 2023 22:13:20.500000000 UTC
2 6  1 0 1 mn1@example.org 64 2001:db8:100:: 1 3 020000000001 fe80::1 Nov 14, 2023 22:13:20.500000000 UTC"
got=$(TZ=UTC tshark -n -r "$out/pmip.pcap" -c 2 -T fields -E separator=' ' \
	-e frame.number -e mip6.mhtype -e mip6.bu.p_flag -e mip6.ba.p_flag \
	-e mip6.ba.status -e mip6.mnid.subtype -e mip6.mnid.identifier \
	-e mip6.nemo.mnp.pfl -e mip6.nemo.mnp.mnp -e mip6.hi -e mip6.att \
	-e mip6.mnlli.lli -e mip6.lila_lla -e mip6.timestamp_tmp 2>/dev/null)
same "stock tshark decodes the PBU and PBA of the unit tests, every option" "$want" "$got"
got=$(tshark -n -r "$out/pmip.pcap" -T fields -e frame.number \
	-Y "_ws.malformed || _ws.expert" 2>/dev/null)
same "stock tshark finds nothing malformed in the PMIPv6 frames" "" "$got"
got=$(tshark -n -r "$out/pmip.pcap" -Y "frame.number >= 3" -V 2>/dev/null |
	sed -n 's/^ *Status: //p')
same "stock tshark names each PBA status 152-162 as dhad does" "$status_names" "$got"
same "dha.lua leaves the PMIPv6 frames as stock decodes them" \
	"$(tshark -n -r "$out/pmip.pcap" -V -O ipv6,mipv6 2>/dev/null)" \
	"$(tshark -n -X lua_script:"$lua" -r "$out/pmip.pcap" -V -O ipv6,mipv6 2>/dev/null)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
