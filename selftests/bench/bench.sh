#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: Binding Updates accepted per second by dhad with 10k and
# 100k mobile nodes registered, and dhad's memory per binding.  Runs
# INSIDE the test guest (selftests/vm/run-vm.sh), on the topology of
# selftests/lib/scenario.sh, with mnemu flood as the mobile nodes (all
# behind one care-of address; BAs read on an AF_PACKET socket).
#
# For each size S in DHA_BENCH_SIZES (default "10000 100000"):
#   1. registration: the home addresses not yet registered, up to S, each
#      send a BU (sequence number 1) until all are accepted;
#   2. renewal: the first R (DHA_BENCH_RENEW, default 10000) renew with
#      a higher sequence number while S are registered, DHA_BENCH_ROUNDS
#      times (default 3).  The best round's rate is the figure "BU/s
#      accepted at S" (the machine is shared: the best round is the one
#      least disturbed); the same work at every size, so the figures
#      differ only by what S bindings cost;
#   3. dhad's VmRSS, and the kernel's Slab, against their values before
#      the first registration, divided by S.
# At most DHA_BENCH_WINDOW (default 64) BUs wait for their BA at a time.
# The figures are from an emulated (TCG) guest: compare them with each
# other, not with hardware.

. "$(dirname "$0")/../lib/scenario.sh"

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}
SIZEOF=$DHA_TOP/build/bench/sizes
read -r -a sizes <<<"${DHA_BENCH_SIZES:-10000 100000}"
renew=${DHA_BENCH_RENEW:-10000}
window=${DHA_BENCH_WINDOW:-64}
rounds=${DHA_BENCH_ROUNDS:-3}
HOA_BASE=2001:db8:1::1:0	# node i is HOA_BASE + i

if [ ! -d /sys/module/dha ]; then
	modprobe -q tunnel6
	insmod "$DHA_KO" || fail "cannot load $DHA_KO"
fi
require_dha
[ -x "$DHAD" ] || fail "dhad not built ($DHAD)"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU)"
[ "$renew" -le "${sizes[0]}" ] || fail "DHA_BENCH_RENEW ($renew) exceeds the first size"

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN

largest=${sizes[-1]}
conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
cat >"$conf" <<EOC
[home-agent]
home-link = home0
prefix = 2001:db8:1::/64
address = $HA_LOCAL
device = dha0
max-lifetime = 3600
max-bindings = $((largest + 1))
# Registration itself is measured, not a RetransTimer of Duplicate
# Address Detection per new home address.
dad = no
# All the mobile nodes share one care-of address: the per-peer limit on
# Binding Acks (100 a second by default) would be the figure otherwise.
ack-rate = 1000000
ack-burst = 1000000
[daemon]
log-level = warning
EOC
bg_ns ha "$DHAD" -f -c "$conf" -S "$sock" 2>>"$dlog"
DHAD_PID=$BG_PID
_answers() { in_ns ha "$DHA" -S "$sock" ha show >/dev/null 2>&1; }
wait_until 20 _answers || fail "dhad does not answer:"$'\n'"$(cat "$dlog")"
# Neighbour entries on the way there and back, so no BU waits for ND.
ping_ok mn -c 1 -W 5 $HA_LOCAL

kib() { awk -v k="$2" '$1 == k ":" { print $2 }' "$1"; }
bindings() {
	in_ns ha "$DHA" -j -S "$sock" ha show | sed -n 's/.*"bindings":\([0-9]*\).*/\1/p'
}
# field JSON KEY: a number from mnemu's one-line JSON
field() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<<"$1"; }

# flood WHAT FIRST COUNT SEQ: one mnemu flood; prints a line, sets $rate
flood() {
	local what=$1 out rc
	out=$(in_ns mn "$MNEMU" flood --ha $HA_LOCAL --coa $COA \
		--hoa-base $HOA_BASE --first "$2" --count "$3" --seq "$4" \
		--window "$window" --lifetime 3600 --timeout 1800 --json 2>&1)
	rc=$?
	[ "$rc" = 0 ] || fail "$what: mnemu flood exited $rc: $out"$'\n'"$(tail -5 "$dlog")"
	rate=$(field "$out" accepted_per_s)
	printf '%-44s %7d BUs in %8.1f s: %8.1f BU/s accepted (%d retransmitted)\n' \
		"$what" "$3" "$(field "$out" elapsed_s)" "$rate" \
		"$(field "$out" retransmissions)"
}

rss0=$(kib /proc/"$DHAD_PID"/status VmRSS)
slab0=$(kib /proc/meminfo Slab)
t0=$(date +%s)
echo "dha bench: $(uname -r), QEMU TCG guest, $(nproc) vCPUs," \
	"$(($(kib /proc/meminfo MemTotal) / 1024)) MB; window $window BUs;" \
	"dhad log-level warning"
echo "(figures from an emulated guest: meaningful as ratios only)"

registered=0 seq=1
results=()
for size in "${sizes[@]}"; do
	[ "$size" -gt "$registered" ] || fail "DHA_BENCH_SIZES must increase"
	flood "registration, $registered -> $size bindings" \
		"$registered" $((size - registered)) 1
	registered=$size
	n=$(bindings)
	[ "$n" = "$size" ] || fail "dhad holds $n bindings, expected $size"
	best=0 all=
	for ((r = 1; r <= rounds; r++)); do
		seq=$((seq + 1))
		flood "renewal of $renew with $size registered ($r)" 0 "$renew" "$seq"
		all="$all${all:+, }$rate"
		awk -v a="$rate" -v b="$best" 'BEGIN { exit !(a > b) }' && best=$rate
	done
	rss=$(kib /proc/"$DHAD_PID"/status VmRSS)
	slab=$(kib /proc/meminfo Slab)
	results+=("$(printf '%7d bindings: %8.1f BU/s accepted (renewals; rounds: %s)\n%17s dhad %4d B/binding (VmRSS %d -> %d KiB); kernel %4d B/binding (Slab +%d KiB)' \
		"$size" "$best" "$all" "" $(((rss - rss0) * 1024 / size)) "$rss0" "$rss" \
		$(((slab - slab0) * 1024 / size)) $((slab - slab0)))")
done

kill -0 "$DHAD_PID" 2>/dev/null || fail "dhad died: $(tail -5 "$dlog")"
resyncs=$(grep -c "notifications lost" "$dlog")
echo
echo "== dha bench results ($(uname -r), TCG, window $window)"
printf '%s\n' "${results[@]}"
[ -x "$SIZEOF" ] && echo "sizeof: $("$SIZEOF")"
echo "dhad lost kernel notifications $resyncs times (each a full re-dump)"
echo "total $(($(date +%s) - t0)) s"
exit 0
