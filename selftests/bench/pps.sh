#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench, packet rate: what one forwarding home agent namespace
# passes of 64-byte UDP sent by pktgen from a correspondent namespace,
# in four set-ups side by side in one guest, each its own pair of
# namespaces:
#
#   plain     forwarded by a route (2001:db8:9::/64 via the next hop)
#   ip6tnl    routed into a stock ip6ip6 tunnel (encaplimit none)
#   dha-1     intercepted by dha0 (home link home0, prefix 2001:db8:1::/64)
#             with one binding: the packets' destination
#   dha-100k  the same with 100 000 bindings (DHA_BENCH_PPS_BINDINGS)
#
#   cn: s0 ──veth── f0 :ha: out0 (dummy, 2001:db8:4::1/64; the tunnels'
#                                 remote and the care-of address 2001:db8:4::2)
#
# The rate is what leaves out0 (its tx_packets over the measured span):
# a dummy device, so that the cost measured is the home agent's alone.
# Five rounds (DHA_BENCH_PPS_ROUNDS), each running the four in turn for
# DHA_BENCH_PPS_SECONDS (3) after a second of warm-up; the figure of a
# set-up is the median of its rounds. pktgen, the forwarding and the
# encapsulation share the emulated CPUs: compare the set-ups with each
# other, not with hardware. Runs INSIDE the test guest.

. "$(dirname "$0")/../lib/scenario.sh"

ROUNDS=${DHA_BENCH_PPS_ROUNDS:-5}
SECS=${DHA_BENCH_PPS_SECONDS:-3}
BIG=${DHA_BENCH_PPS_BINDINGS:-100000}
CN=2001:db8:3::3
HOA=2001:db8:1::1:1
REMOTE=2001:db8:4::2
SETUPS="plain ip6tnl dha-1 dha-100k"

if [ ! -d /sys/module/dha ]; then
	modprobe -q tunnel6
	insmod "$DHA_KO" || fail "cannot load $DHA_KO"
fi
require_dha
[ -x "$DHA_BULK" ] || fail "dha_bulk not built ($DHA_BULK)"
modprobe -q pktgen || skip "no pktgen module"
modprobe -q ip6_tunnel || skip "no ip6_tunnel module"
modprobe -q dummy || skip "no dummy module"

ms() { echo $(($(date +%s%N) / 1000000)); }

# world NAME DST: the namespaces cn-NAME (pktgen toward DST) and ha-NAME
world() {
	local w=$1 dst=$2 mac
	ns_add "cn-$w" 0
	ns_add "ha-$w" 1
	veth "cn-$w" s0 "ha-$w" f0
	addr "cn-$w" s0 $CN/64
	addr "ha-$w" f0 2001:db8:3::1/64
	nip "ha-$w" link add out0 type dummy || fail "dummy in ha-$w"
	nip "ha-$w" link set out0 up
	addr "ha-$w" out0 2001:db8:4::1/64
	mac=$(nip "ha-$w" link show f0 | awk '/link\/ether/ { print $2 }')
	# pktgen: one thread, one device, as fast as it can, until stopped
	in_ns "cn-$w" sh -c "
		echo rem_device_all >/proc/net/pktgen/kpktgend_0 &&
		echo add_device s0 >/proc/net/pktgen/kpktgend_0 &&
		for c in 'count 0' 'clone_skb 0' 'pkt_size 64' 'delay 0' \
			'src6 $CN' 'dst6 $dst' 'dst_mac $mac' 'udp_src_min 9' \
			'udp_src_max 9' 'udp_dst_min 9' 'udp_dst_max 9'; do
			echo \"\$c\" >/proc/net/pktgen/s0 || exit 1
		done" || fail "pktgen set-up in cn-$w"
}

world plain 2001:db8:9::9
route ha-plain 2001:db8:9::/64 via $REMOTE dev out0

world ip6tnl 2001:db8:9::9
nip ha-ip6tnl -6 tunnel add tnl0 mode ip6ip6 local 2001:db8:4::1 remote $REMOTE \
	encaplimit none || fail "ip6ip6 tunnel"
nip ha-ip6tnl link set tnl0 up
route ha-ip6tnl 2001:db8:9::/64 dev tnl0

for w in dha-1 dha-100k; do
	world $w $HOA
	nip "ha-$w" link add home0 type dummy || fail "home0 in ha-$w"
	nip "ha-$w" link set home0 up
	addr "ha-$w" home0 2001:db8:1::1/64
	dha_dev "ha-$w"
	dha_in "ha-$w" link set dev dha0 local 2001:db8:4::1 home-link home0 \
		home-prefix 2001:db8:1::/64
	in_ns "ha-$w" "$DHA_BULK" dha0 2001:db8:1::1:0 1 $REMOTE || fail "binding in ha-$w"
done
t=$(ms)
in_ns ha-dha-100k "$DHA_BULK" dha0 $HOA $((BIG - 1)) $REMOTE || fail "$BIG bindings"
n=$(in_ns ha-dha-100k "$DHA" binding show dev dha0 | grep -c .)
[ "$n" = "$BIG" ] || fail "ha-dha-100k holds $n bindings, not $BIG"
echo "dha-100k: $BIG bindings added in $((($(ms) - t) / 1000)) s"

tx() { in_ns "ha-$1" cat /sys/class/net/out0/statistics/tx_packets; }
# run NAME: pktgen for a second, then SECS seconds measured; prints pps
run() {
	local w=$1 t0 t1 p0 p1 pid
	in_ns "cn-$w" sh -c 'echo start >/proc/net/pktgen/pgctrl' &
	pid=$!
	sleep 1
	p0=$(tx "$w")
	t0=$(ms)
	sleep "$SECS"
	p1=$(tx "$w")
	t1=$(ms)
	in_ns "cn-$w" sh -c 'echo stop >/proc/net/pktgen/pgctrl'
	wait "$pid"
	echo $(((p1 - p0) * 1000 / (t1 - t0)))
}

echo "dha packet rate bench: $(uname -r), QEMU TCG guest, $(nproc) vCPUs;" \
	"pktgen 64-byte UDP, $ROUNDS rounds of ${SECS} s per set-up"
echo "(figures from an emulated guest: meaningful as ratios only)"
declare -A R=()
for ((r = 1; r <= ROUNDS; r++)); do
	line="round $r:"
	for w in $SETUPS; do
		p=$(run $w)
		[ "$p" -gt 0 ] || fail "$w: nothing left out0 in round $r"
		R[$w]="${R[$w]:-} $p"
		line="$line $w $((p / 1000)).$((p % 1000 / 100)) kpps"
	done
	echo "$line"
done
# dha forwarded every packet through the tunnel: its counters
c=$(dha_stat ha-dha-1 dha0 tx_packets)
[ "$c" -gt 0 ] || fail "dha-1: dha0 tunnelled nothing"

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A M=()
echo
echo "== dha packet rate results ($(uname -r), TCG, median of $ROUNDS rounds)"
for w in $SETUPS; do
	v=$(median "${R[$w]}")
	M[$w]=$v
	printf '%-9s %d.%d kpps\n' "$w" $((v / 1000)) $((v % 1000 / 100))
done
ratio() { printf '%s %d.%02d\n' "$1" $(($2 / $3)) $(($2 * 100 / $3 % 100)); }
ratio "dha/ip6tnl:" "${M[dha-1]}" "${M[ip6tnl]}"
ratio "dha/plain:" "${M[dha-1]}" "${M[plain]}"
ratio "ip6tnl/plain:" "${M[ip6tnl]}" "${M[plain]}"
ratio "dha at $BIG / at 1:" "${M[dha-100k]}" "${M[dha-1]}"
exit 0
