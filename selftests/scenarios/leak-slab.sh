#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tearing down N live bindings (default 100000, DHA_LEAK_N) returns the
# kernel memory they took; kmemleak is not in Debian's kernels, so the
# slab and per-CPU counters are compared:
#  a) netns with dha0, N bindings, traffic through a few of them
#     (filling their dst caches) deleted;
#  b) the same, then rmmod with the bindings live, and insmod.
# Each measurement first drops the page cache's dentries and inodes and
# shrinks every slab cache (flushing the per-CPU slabs SLUB counts as in
# use), then sums the active objects of all caches in /proc/slabinfo:
# all, not the dha ones by name, since SLUB merges caches of one size
# (dha_binding, the kmalloc-* of the binding's target) with others.
#
# Tolerance: N/10 objects. Each binding is at least two slab objects
# (the binding, its target), so a per-binding leak of any of them, in
# even a tenth of the bindings, exceeds it; the namespace's own devices,
# sysfs and proc entries, and what the rest of the guest does meanwhile,
# stay in the low thousands (the run logs the figures).
#
# Per-CPU memory (the binding's counters and dst cache) is Percpu in
# /proc/meminfo, which counts the allocator's populated pages: freed
# areas stay populated in chunks that still hold something else, and
# how many depends on the kernel (6.1 kept 11% of them 30 s later).
# So each tear-down runs twice: what the bindings took must be reused
# the second time, Percpu after it at most a quarter of what the
# bindings took above Percpu after the first (seen: 1.5 MB of 17 MB
# after two module unloads): a leak of the per-CPU memory of every
# binding, or of one in four, exceeds it.

. "$(dirname "$0")/../lib/scenario.sh"

N=${DHA_LEAK_N:-100000}
SINK=2001:db8:2::2
TOL=$((N / 10))

require_dha
require_cmd rmmod insmod
[ -f "$DHA_KO" ] || skip "no module file $DHA_KO"
[ -x "$DHA_BULK" ] || fail "dha_bulk not built ($DHA_BULK)"
[ -r /proc/slabinfo ] || skip "no /proc/slabinfo"

reload_if_missing() {
	[ -d /sys/module/dha ] || insmod "$DHA_KO" || echo "FAIL: $SCN: could not re-insmod $DHA_KO" >&2
}
on_exit reload_if_missing
# Silences the kernel's line for each drop below, before dmesg_mark: it
# names this script, and dmesg_check would read "leak" in it.
echo 4 >/proc/sys/vm/drop_caches

# snapshot FILE: each cache's active objects and object size, into FILE,
# after shrinking; prints the sum of objects and of their octets.
snapshot() {
	local f
	sync
	echo 3 >/proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do echo 1 >"$f" 2>/dev/null; done
	awk 'NR > 2 { print $1, $2, $4 }' /proc/slabinfo >"$1"
	awk '{ n += $2; b += $2 * $3 } END { printf "%d %d\n", n, b }' "$1"
}
percpu() { awk '$1 == "Percpu:" { print $2 }' /proc/meminfo; }

# deltas BEFORE AFTER: the caches whose active objects changed by 500 or
# more, for the failure message.
deltas() {
	awk 'NR == FNR { a[$1] = $2; next }
	     { d = $2 - a[$1]; if (d >= 500 || d <= -500) printf "%s %+d\n", $1, d }' "$1" "$2"
}

ms() { echo $(($(date +%s%N) / 1000000)); }

# world NAME: netns NAME with dha0 and N bindings toward a sink netns,
# pinged through three of them (the sink does not answer: its home
# addresses are not local; the dha0 tx counter shows they left).
world() {
	local t
	ns_add "$1" 1
	ns_add "$1-s" 0
	veth "$1" up0 "$1-s" down0
	addr "$1" up0 2001:db8:2::1/64
	addr "$1-s" down0 $SINK/64
	dha_dev "$1"
	dha_in "$1" link set dev dha0 local 2001:db8:2::1
	route "$1" 2001:db8:a::/96 dev dha0
	t=$(ms)
	in_ns "$1" "$DHA_BULK" dha0 2001:db8:a:: "$N" $SINK || fail "[$1] dha_bulk $N bindings"
	log "$1: $N bindings added in $(($(ms) - t)) ms"
	in_ns "$1" ping -n -c 1 -W 1 2001:db8:a::7 >/dev/null 2>&1
	in_ns "$1" ping -n -c 1 -W 1 2001:db8:a::1 >/dev/null 2>&1
	in_ns "$1" ping -n -c 1 -W 1 "2001:db8:a::$(printf %x $((N / 65536))):$(printf %x $((N % 65536)))" \
		>/dev/null 2>&1
	stat_wait "$1" dha0 tx_packets 3 10 ||
		fail "[$1] tx_packets $(dha_stat "$1" dha0 tx_packets) after 3 pings"
}

del_ns() {
	local n keep=() x
	n=$(nsn "$1")
	ip netns del "$n" || fail "ip netns del $n"
	for x in "${_scn_ns[@]}"; do [ "$x" = "$n" ] || keep+=("$x"); done
	_scn_ns=("${keep[@]}")
}

# check WHAT BASE-FILE BASE-OBJS BASE-PERCPU PEAK-OBJS PEAK-PERCPU: after
# the tear-down, slab and per-CPU use come back within the tolerances;
# the namespace cleanup and the RCU callbacks run late, so wait up to 30 s.
_back() {
	read -r now_objs _ < <(snapshot "$SCN_TMP/after")
	now_pcpu=$(percpu)
	[ $((now_objs - $3)) -lt $TOL ]
}
check() {
	local t i=0
	t=$(ms)
	until _back "$@"; do
		i=$((i + 1))
		[ $i -lt 30 ] && sleep 1 && continue
		fail "$1: slab $((now_objs - $3)) objects (tolerance $TOL), percpu $((now_pcpu - $4)) KiB" \
			"(bindings took $(($5 - $3)) objects, $(($6 - $4)) KiB) 30 s after the tear-down:"$'\n'"$(deltas "$2" "$SCN_TMP/after")"
	done
	log "$1: back to $((now_objs - $3)) objects, $((now_pcpu - $4)) KiB per-CPU of the baseline after $(($(ms) - t)) ms"
}

# one cycle first, so that what the first netns and the first bindings
# allocate for good (caches, per-CPU chunks) is in the baseline
N=1000 world w
del_ns w
del_ns w-s
sleep 1

dmesg_mark
for step in netns netns2 rmmod rmmod2; do
	read -r base_objs base_bytes < <(snapshot "$SCN_TMP/base")
	base_pcpu=$(percpu)
	world $step
	read -r peak_objs peak_bytes < <(snapshot "$SCN_TMP/peak")
	peak_pcpu=$(percpu)
	[ $((peak_objs - base_objs)) -ge "$N" ] ||
		fail "$step: $N bindings took only $((peak_objs - base_objs)) slab objects: the count cannot see them"
	log "$step: $N bindings: +$((peak_objs - base_objs)) slab objects," \
		"+$(((peak_bytes - base_bytes) / N)) B/binding slab," \
		"+$(((peak_pcpu - base_pcpu) * 1024 / N)) B/binding per-CPU"
	if [ ${step%2} = netns ]; then
		del_ns $step
		del_ns $step-s
	else
		out=$(timeout 60 rmmod dha 2>&1) || fail "rmmod dha with $N live bindings: $out"
		del_ns $step
		del_ns $step-s
	fi
	check "$step" "$SCN_TMP/base" "$base_objs" "$base_pcpu" "$peak_objs" "$peak_pcpu"
	case $step in
	*2)	[ $(((now_pcpu - first_pcpu) * 4)) -le $((peak_pcpu - base_pcpu)) ] ||
			fail "$step: per-CPU memory $((now_pcpu - first_pcpu)) KiB above the first tear-down's (bindings took $((peak_pcpu - base_pcpu)) KiB): not reused"
		log "$step: per-CPU $((now_pcpu - first_pcpu)) KiB above the first tear-down's" ;;
	*)	first_pcpu=$now_pcpu ;;
	esac
	dmesg_check "$step"
	[ -d /sys/module/dha ] || insmod "$DHA_KO" || fail "insmod $DHA_KO"
done
pass
