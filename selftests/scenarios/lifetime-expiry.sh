#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A binding with lifetime 3 leaves the table after 3-5 s on its own, and
# `dha monitor` (already running) reports the expiry. A binding without a
# lifetime stays.

. "$(dirname "$0")/../lib/scenario.sh"

PROBE=2001:db8:1::1ff

require_dha
ns_add ha 1
dha_dev ha

mon=$SCN_TMP/monitor.txt
bg_ns ha "$DHA" monitor >"$mon" 2>&1
# The monitor starts slowly in the guest and misses events sent before it
# subscribed: announce the probe binding again until the monitor shows it.
_probe_seen() {
	dha_in ha binding replace $PROBE coa $COA dev dha0
	sleep 0.3
	grep -q "$PROBE" "$mon"
}
wait_until 5 _probe_seen ||
	fail "dha monitor printed nothing for a new binding:"$'\n'"$(cat "$mon")"

dha_in ha binding add $HOA coa $COA dev dha0 lifetime 3
t0=$(date +%s.%N)
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA" <<<"$out" || fail "new binding not shown: $out"
_gone() { ! in_ns ha "$DHA" binding show dev dha0 | grep_q "$HOA"; }
wait_until 10 _gone || fail "binding with lifetime 3 still present after 10 s"
dt=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
log "gone after $dt s"
awk -v d="$dt" 'BEGIN { exit !(d >= 1.9) }' || fail "expired too early ($dt s for lifetime 3)"
awk -v d="$dt" 'BEGIN { exit !(d <= 7) }' || fail "expired too late ($dt s for lifetime 3)"

_expired_line() { grep -i "$HOA" "$mon" | grep -qi 'expir'; }
wait_until 5 _expired_line || fail "dha monitor did not report the expiry:"$'\n'"$(cat "$mon")"
out=$(dha_in ha binding show dev dha0)
grep -q "$PROBE" <<<"$out" || fail "the binding without lifetime vanished: $out"
pass
