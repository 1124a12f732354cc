#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tear-down orders with live bindings and traffic; after each step the
# kernel log must show no BUG/WARNING/leak/refcount complaint:
#  a) netns with dha0, 1000 bindings and traffic deleted, then rmmod, insmod
#  b) ip link del dha0 with live bindings, then rmmod, insmod
#  c) bindings live in two netns, rmmod directly (the devices go with the
#     link ops), insmod, and the netns get a working dha0 again
# The module is loaded again at the end, whatever happens.

. "$(dirname "$0")/../lib/scenario.sh"

N=1000
SINK=2001:db8:2::2

require_dha
require_cmd rmmod insmod timeout dmesg
[ -f "$DHA_KO" ] || skip "no module file $DHA_KO"

reload_if_missing() {
	[ -d /sys/module/dha ] || insmod "$DHA_KO" || echo "FAIL: $SCN: could not re-insmod $DHA_KO" >&2
}
on_exit reload_if_missing

unload() {
	local i out
	for i in 1 2 3 4 5 6 7 8 9 10; do
		out=$(timeout 60 rmmod dha 2>&1) && return 0
		[ $? -eq 124 ] && fail "$1: rmmod dha hung for 60 s"
		# the module may be busy for a moment while a netns is cleaned up
		sleep 0.5
	done
	fail "$1: rmmod dha: $out"
}

load() {
	insmod "$DHA_KO" || fail "$1: insmod $DHA_KO"
	[ -d /sys/module/dha ] || fail "$1: module not present after insmod"
}

# bulk NS DEV COUNT COA: add COUNT bindings 2001:db8:a::1.. quickly
bulk() {
	if [ -x "$DHA_BULK" ]; then
		in_ns "$1" "$DHA_BULK" "$2" 2001:db8:a:: "$3" "$4" ||
			fail "[$1] dha_bulk $3 bindings"
	else
		local i
		for ((i = 1; i <= $3; i++)); do
			in_ns "$1" "$DHA" binding add "2001:db8:a::$(printf %x $i)" coa "$4" dev "$2" ||
				fail "[$1] binding $i"
		done
	fi
}

# world NAME: netns NAME with dha0 (local 2001:db8:2::1) and a sink netns
# NAME-s holding the care-of address; N bindings routed through dha0.
world() {
	ns_add "$1" 1
	ns_add "$1-s" 0
	veth "$1" up0 "$1-s" down0
	addr "$1" up0 2001:db8:2::1/64
	addr "$1-s" down0 $SINK/64
	dha_dev "$1"
	dha_in "$1" link set dev dha0 local 2001:db8:2::1
	dha_in "$1" peer add 2001:db8:5::1 dev dha0
	route "$1" 2001:db8:a::/96 dev dha0
	bulk "$1" dha0 $N $SINK
	local c
	c=$(in_ns "$1" "$DHA" binding show dev dha0 | grep -c '2001:db8:a::')
	[ "$c" -ge $N ] || fail "[$1] $c bindings shown, expected $N"
}

# traffic NAME: some packets through dha0, checked by the tx counter, and a
# flood left running in the background (returns its pid in $flood).
traffic() {
	in_ns "$1" ping -n -c 5 -i 0.05 -W 1 2001:db8:a::7 >/dev/null 2>&1
	stat_wait "$1" dha0 tx_packets 5 10 ||
		fail "[$1] tx_packets $(dha_stat "$1" dha0 tx_packets) after 5 pings"
	bg_ns "$1" ping -n -f -W 1 2001:db8:a::9 >/dev/null 2>&1
	flood=$BG_PID
	sleep 0.3	# let the flood fill the queue
}

del_ns() {
	local n
	n=$(nsn "$1")
	ip netns del "$n" || fail "ip netns del $n"
	local keep=() x
	for x in "${_scn_ns[@]}"; do [ "$x" = "$n" ] || keep+=("$x"); done
	_scn_ns=("${keep[@]}")
}

dmesg_mark

# a) namespace deleted under traffic, then unload
world a
traffic a
kill "$flood"; wait "$flood" 2>/dev/null
del_ns a
del_ns a-s
unload "a"
dmesg_check "a: netns deleted, rmmod"
load "a"
dmesg_check "a: insmod"

# b) device deleted with live bindings, then unload
world b
traffic b
nip b link del dha0 || fail "b: ip link del dha0"
kill "$flood"; wait "$flood" 2>/dev/null
c=$(in_ns b "$DHA" binding show 2>/dev/null | grep -c '2001:db8:a::')
[ "$c" -eq 0 ] || fail "b: $c bindings still shown after ip link del dha0"
unload "b"
dmesg_check "b: ip link del, rmmod"
load "b"
dmesg_check "b: insmod"

# c) bindings in two namespaces, unload directly
world c1
world c2
traffic c1
kill "$flood"; wait "$flood" 2>/dev/null
unload "c"
nip c1 link show dha0 >/dev/null 2>&1 && fail "c: dha0 survived rmmod in c1"
nip c2 link show dha0 >/dev/null 2>&1 && fail "c: dha0 survived rmmod in c2"
dmesg_check "c: rmmod with two live netns"
load "c"
dha_dev c1
c=$(in_ns c1 "$DHA" binding show dev dha0 | grep -c '2001:db8:a::')
[ "$c" -eq 0 ] || fail "c: a new dha0 shows $c old bindings"
dha_in c1 binding add $HOA coa $SINK dev dha0
dmesg_check "c: insmod and reuse"
pass
