#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fields.sh LUA PCAP [NAME...]: every field of the dha dissector (LUA)
# that tshark decodes in PCAP, one a line as "FRAME NAME=VALUE", in the
# order of the packet; NAME (default dha and dha_nd) picks the fields:
# those of a protocol, or one field (ipv6.src).
# Also used by the guest scenario selftests/scenarios/wireshark.sh.
set -eu
lua=$1
pcap=$2
shift 2
[ $# -gt 0 ] || set -- dha dha_nd
protos=$(printf '%s|' "$@")
tshark -n -X lua_script:"$lua" -r "$pcap" -T pdml 2>/dev/null |
	awk -v protos="${protos%|}" '
	BEGIN { re = "^(" protos ")([.]|$)" }
	/<packet>/ { frame++ }
	/<field name="/ {
		if (!match($0, /name="[^"]*"/))
			next
		name = substr($0, RSTART + 6, RLENGTH - 7)
		if (name !~ re)
			next
		show = ""
		if (match($0, /show="[^"]*"/))
			show = substr($0, RSTART + 6, RLENGTH - 7)
		print frame, name "=" show
	}'
