#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench, State Synchronization: how long a new standby takes to get
# the whole cache of an active home agent holding N bindings (default
# 100000, DHA_BENCH_SYNC), and how many octets per binding cross the
# HA-to-HA link meanwhile.  Runs INSIDE the test guest
# (selftests/vm/run-vm.sh):
#
#   1. N bindings are put into ha1's kernel (dha_bulk: registering them
#      by Binding Updates takes the emulated guest most of an hour), then
#      ha1 starts alone (hard switch, hello-interval 200 ms, hello-loss 5,
#      sync-refresh 0 so that no periodic transfer interferes) and
#      restores them into its cache: bindings like any other for State
#      Synchronization, only their sequence numbers are unknown (0);
#   2. ha2 starts; from its start until its `dha ha show` says full-copy
#      with N bindings (polled every 100 ms) is the bulk time;
#   3. the octets and packets ha2's link sent and received over that
#      span (IPv6 with its Ethernet header, both ways: the State
#      Synchronizations, their acknowledgements, and the Hellos), per
#      binding; ha1's sync counters give messages and retransmissions;
#   4. ha1 dies as a host does (its bridge port down, dhad SIGKILLed):
#      ha2 takes over and adopts the N copies
#      (Documentation/reliability.md, "Takeover"), in slices; the time
#      from the kill to the last commit, the adoption's own time, and
#      the longest gap between two of ha2's Hellos meanwhile (captured
#      on its link), which must stay near hello-interval.
#
#   ha1 ─┬─ br0 (sw)
#   ha2 ─┘
#
# The figures come from an emulated (TCG) guest on a shared machine:
# compare them with each other, not with hardware.

. "$(dirname "$0")/../lib/scenario.sh"

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
size=${DHA_BENCH_SYNC:-100000}
KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
NET=2001:db8:5
COA=2001:db8:2::2

if [ ! -d /sys/module/dha ]; then
	modprobe -q tunnel6
	insmod "$DHA_KO" || fail "cannot load $DHA_KO"
fi
require_dha
[ -x "$DHAD" ] || fail "dhad not built ($DHAD)"
[ -x "$DHA_BULK" ] || fail "dha_bulk not built ($DHA_BULK)"

ns_add sw 0
nip sw link add br0 type bridge || fail "bridge"
nip sw link set br0 up
for n in 1 2; do
	ns_add ha$n 1
	veth sw s$n ha$n r0
	nip sw link set s$n master br0
	addr ha$n r0 $NET::$n/64
done

for n in 1 2; do
	cat >"$SCN_TMP/ha$n.conf" <<EOC
[home-agent]
home-link = r0
prefix = 2001:db8:1::/64
address = $NET::$n
device = dha0
max-lifetime = 3600
max-bindings = $((size + 1))
[redundancy]
group = 1
mode = hard
preference = $((30 - 10 * n))
local = $NET::$n
peer = $NET::$((3 - n))
hello-interval = 200
hello-loss = 5
sync-refresh = 0
key = 1 $KEY
[daemon]
log-level = warning
EOC
done
declare -A PID=()
start() {
	bg_ns "ha$1" "$DHAD" -f -c "$SCN_TMP/ha$1.conf" -S "$SCN_TMP/ha$1.sock" \
		2>>"$SCN_TMP/ha$1.log"
	PID[$1]=$BG_PID
}
show() { in_ns "ha$1" "$DHA" -j -S "$SCN_TMP/ha$1.sock" ha show 2>/dev/null; }
# field JSON KEY: the first value of KEY in one-line JSON
field() { grep -o "\"$2\":\"\?[0-9a-z.]*" <<<"$1" | head -1 | cut -d: -f2 | tr -d '"'; }
_is() { [ "$(field "$(show "$1")" role)" = "$2" ]; }
ms() { echo $(($(date +%s%N) / 1000000)); }
counters() { # the octets and packets ha2's r0 received and sent
	local d=/sys/class/net/r0/statistics
	in_ns ha2 sh -c "echo \$((\$(cat $d/rx_bytes) + \$(cat $d/tx_bytes))) \
		\$((\$(cat $d/rx_packets) + \$(cat $d/tx_packets)))"
}

echo "dha sync bench: $(uname -r), QEMU TCG guest, $(nproc) vCPUs;" \
	"hello-interval 200 ms, auth hmac-sha256, $size bindings"
echo "(figures from an emulated guest: meaningful as ratios only)"
dha_dev ha1
t=$(ms)
in_ns ha1 "$DHA_BULK" dha0 2001:db8:1::1:0 "$size" $COA 3600 || fail "dha_bulk"
echo "ha1: $size bindings put into the kernel in $((($(ms) - t) / 1000)) s"
t=$(ms)
start 1
_restored() { [ "$(field "$(show 1)" bindings)" = "$size" ] && _is 1 active; }
wait_until 900 _restored ||
	fail "ha1 holds $(field "$(show 1)" bindings) bindings: $(cat "$SCN_TMP/ha1.log")"
echo "ha1: restored them and became active in $((($(ms) - t) / 1000)) s"
ping_ok ha2 -c 1 -W 5 $NET::1

read -r bytes0 packets0 < <(counters)
t0=$(ms)
start 2
_full() {
	local j
	j=$(show 2)
	[ "$(field "$j" full-copy)" = true ] && [ "$(field "$j" bindings)" = "$size" ]
}
wait_until 1800 _full || fail "ha2 got no full copy: $(show 2)"$'\n'"$(tail "$SCN_TMP/ha2.log")"
t1=$(ms)
read -r bytes1 packets1 < <(counters)
j=$(show 1)
msgs=$(field "$j" ss-tx)
retx=$(field "$j" ss-retransmitted)
sent=$(field "$j" bindings-tx)
el=$((t1 - t0))
echo
echo "== dha sync bench results ($(uname -r), TCG)"
printf 'bulk: %d bindings to a new standby in %d.%03d s from its start: %d bindings/s\n' \
	"$size" $((el / 1000)) $((el % 1000)) $((size * 1000 / (el ? el : 1)))
printf 'wire: %d octets/binding, %d.%02d packets/binding on the HA-to-HA link (%d KiB, %d packets, both ways, Hellos included)\n' \
	$(((bytes1 - bytes0) / size)) $(((packets1 - packets0) / size)) \
	$(((packets1 - packets0) * 100 / size % 100)) \
	$(((bytes1 - bytes0) / 1024)) $((packets1 - packets0))
printf 'ha1 sent %d State Synchronizations (%d bindings, %d.%d per message), %d retransmitted\n' \
	"$msgs" "$sent" $((sent / msgs)) $((sent * 10 / msgs % 10)) "$retx"
for n in 1 2; do
	kill -0 "${PID[$n]}" 2>/dev/null || fail "ha$n died: $(tail "$SCN_TMP/ha$n.log")"
done

# 4. The takeover: ha2 adopts everything while its Hellos go on.
cap_start hello ha2 r0 src $NET::2 and ip6 proto 135
# ha2's Hellos to the dead ha1 must still leave (for the capture): a
# permanent neighbour entry spares them the failed resolution.
mac1=$(in_ns ha1 cat /sys/class/net/r0/address)
nip ha2 -6 neigh replace $NET::1 lladdr "$mac1" dev r0 nud permanent ||
	fail "neighbour entry for ha1"
t0=$(ms)
nip sw link set s1 down
kill -9 "${PID[1]}"
_adopted() {
	local j
	j=$(show 2)
	[ "$(field "$j" role)" = active ] &&
		[ "$(field "$j" adoption-left)" = 0 ] &&
		[ "$(field "$j" adopted)" = "$size" ]
}
wait_until 1800 _adopted || fail "ha2 did not adopt all: $(show 2)"
t1=$(ms)
sleep 1
j=$(show 2)
# The longest gap between two packets ha2 sent to ha1 (Hellos only, once
# ha1 is dead), in ms, from the capture's own timestamps.
gap=$(tcpdump -n -tt -r "$SCN_TMP/hello.pcap" 2>/dev/null |
	awk '{ t = $1 * 1000; if (n++ && t - p > g) g = t - p; p = t }
	     END { printf "%d", g }')
el=$((t1 - t0))
printf 'takeover: %d bindings adopted %d.%03d s after the active died (adoption itself %s ms, %s failed)\n' \
	"$size" $((el / 1000)) $((el % 1000)) "$(field "$j" adoption-ms)" \
	"$(field "$j" adoption-failed)"
echo "ha2 lost kernel notifications (and read all bindings again) $(grep -c 'notifications lost' "$SCN_TMP/ha2.log") times"
echo "hellos: longest gap between two of ha2's Hellos during the takeover: $gap ms (hello-interval 200 ms)"
kill -0 "${PID[2]}" 2>/dev/null || fail "ha2 died: $(tail "$SCN_TMP/ha2.log")"
exit 0
