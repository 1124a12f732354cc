#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench, failover: the traffic outage a mobile node sees when the
# active home agent of a virtual-switch pair dies. Runs INSIDE the test
# guest (selftests/vm/run-vm.sh), on selftests/lib/haset.sh's topology
# with two members, Hellos every DHA_BENCH_HELLO ms (default 100), a peer
# failed after DHA_BENCH_LOSS missed ones (default 3).
#
# Each of DHA_BENCH_FAILOVERS rounds (default 5): the correspondent pings
# the mobile node's home address every DHA_BENCH_SPACING ms (default 10);
# after 50 replies the active member dies as a host does (dhad SIGKILLed,
# its link down); the standby takes over. The outage is the number of
# requests without a reply times the spacing; beside it, the longest time
# without a reply, since an emulated guest does not keep a 10 ms spacing
# and the router's neighbour queue delivers some replies late. The dead member then comes back as the standby,
# and the next round kills the other one. Prints each round and the
# medians.

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

rounds=${DHA_BENCH_FAILOVERS:-5}
spacing=${DHA_BENCH_SPACING:-10}
HS_HELLO_INTERVAL=${DHA_BENCH_HELLO:-100}
HS_HELLO_LOSS=${DHA_BENCH_LOSS:-3}
HS_LOG_LEVEL=info
HA=2001:db8:1::1
HOA=2001:db8:1::101
count=400			# pings per round

if [ ! -d /sys/module/dha ]; then
	modprobe -q tunnel6
	insmod "$DHA_KO" || fail "cannot load $DHA_KO"
fi
require_dha
[ -x "$HS_DHAD" ] || fail "dhad not built ($HS_DHAD)"
[ -x "$HS_MNEMU" ] || fail "mnemu not built ($HS_MNEMU)"

hs_topo 2
hs_mn $HA $HOA
hs_mn_reach $HA
hs_conf 1 virtual $HA 30 2
hs_conf 2 virtual $HA 20 1
hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"
hs_register $HA $HOA --seq 1
hs_ping cn -c 2 -i 0.2 -W 3 $HOA

echo "dha bench, failover: $(uname -r), QEMU TCG guest, $(nproc) vCPUs;" \
	"virtual switch, 2 members, hello-interval $HS_HELLO_INTERVAL ms," \
	"hello-loss $HS_HELLO_LOSS (dead interval $((HS_HELLO_INTERVAL * HS_HELLO_LOSS)) ms);" \
	"ping every $spacing ms from the correspondent to the mobile node"
echo "(figures from an emulated guest: meaningful as ratios only)"

# replies FILE: how many replies ping wrote so far.
replies() { grep -c "bytes from .* icmp_seq=" "$1"; }
_replies_ge() { [ "$(replies "$1")" -ge "$2" ]; }
# outage FILE: "LOST SILENCE_MS RECOVERED" of ping -D's output: the
# requests that got no reply, the longest time between two replies, and
# 1 if the last requests got theirs. Replies held in a neighbour queue
# arrive late, out of order: they count as received, their wait as
# silence. An ICMP error from the router is no reply.
outage() {
	awk -v total="$count" '
		/bytes from .* icmp_seq=/ && !/DUP/ {
			split($0, a, "icmp_seq="); split(a[2], b, " ")
			s = b[1] + 0; t = substr($1, 2) + 0
			if (n && (t - tlast) * 1000 > silence)
				silence = (t - tlast) * 1000
			n++; tlast = t
			if (s > last) last = s
		}
		END { printf "%d %d %d\n", total - n, silence, (last >= total - 10) }' "$1"
}
_standby_clean() {
	hs_is "$1" standby && hs_no_addr "$1" $HA && hs_in_cache "$1" $HOA
}
median() {
	sort -n | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

results=() silences=()
active=1
for ((r = 1; r <= rounds; r++)); do
	standby=$((3 - active))
	out=$SCN_TMP/ping-$r.txt
	bg_ns cn ping -D -n -i "$(awk -v s="$spacing" 'BEGIN { printf "%.3f", s / 1000 }')" \
		-c $count -W 1 $HOA >"$out" 2>&1
	ping_pid=$BG_PID
	if ! wait_until 20 _replies_ge "$out" 50 || ! hs_is $standby standby; then
		# Hellos 100 ms apart can miss the dead interval on a loaded
		# emulated machine: the members flap. Not a failover figure.
		kill "$ping_pid" 2>/dev/null
		wait "$ping_pid"
		echo "round $r: no steady traffic before the failover (members flapping?); skipped"
		wait_until 20 hs_is $active active
		continue
	fi
	hs_cut $active
	wait "$ping_pid"
	read -r lost silence recovered <<<"$(outage "$out")"
	hs_is $standby active || fail "round $r: ha$standby is $(hs_role $standby)"$'\n'"$(hs_logs)"
	if [ "$recovered" = 1 ]; then
		printf 'round %d: ha%d -> ha%d: %3d replies lost: %5d ms (no reply for %d ms)\n' \
			"$r" $active $standby "$lost" $((lost * spacing)) "$silence"
		results+=($((lost * spacing)))
		silences+=("$silence")
	else
		printf 'round %d: ha%d -> ha%d: no reply after the failover (%d lost)\n' \
			"$r" $active $standby "$lost"
	fi
	# The dead member comes back as the standby, for the next round.
	nip sw link set "s$active" up
	hs_start $active
	wait_until 20 _standby_clean $active ||
		fail "round $r: ha$active did not come back as a clean standby: $(hs_state $active)"$'\n'"$(hs_logs)"
	hs_ping cn -c 2 -i 0.2 -W 3 $HOA
	active=$standby
done

echo
echo "== dha bench failover results ($(uname -r), TCG)"
if [ ${#results[@]} -eq 0 ]; then
	echo "no round recovered"
	exit 1
fi
echo "failover outage, hello-interval $HS_HELLO_INTERVAL ms, hello-loss $HS_HELLO_LOSS," \
	"ping every $spacing ms: median $(printf '%s\n' "${results[@]}" | median) ms" \
	"(lost replies x $spacing ms; rounds: ${results[*]})"
echo "time without a reply around the failover: median" \
	"$(printf '%s\n' "${silences[@]}" | median) ms (rounds: ${silences[*]})"
exit 0
