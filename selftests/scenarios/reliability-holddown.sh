#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, flap damping: two dhads in hard mode, ha1 (preference
# 20, tracking an interface, preempt = yes after 200 ms) active, ha2 (10)
# standby, both with hold-down = 4.
#   - ha1's tracked interface goes down: ha2 takes over; it comes back
#     at once: ha1 takes the role back by pre-emption, but not before the
#     hold-down has run (without it: within a second), and dha ha show
#     says so meanwhile;
#   - ha1 fails again at once: ha2, in its own hold-down, is not
#     electable, so ha1 stays until that ends;
#   - a flap during the hold-down starts it over;
#   - ha2, having left the role, is not electable during its own
#     hold-down, yet takes over when ha1 dies (nobody else can).
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad

hs_flat 2
veth ha1 t0 ha1 t1
hs_conf 1 hard "$(hs_local 1)" 20 2
hs_conf 2 hard "$(hs_local 2)" 10 1
sed -i 's/^\[redundancy\]$/[redundancy]\nhold-down = 4\ntrack-interface = t0\ntrack-interval = 100\npreempt = yes\npreempt-delay = 200/' \
	"$SCN_TMP/ha1.conf"
sed -i 's/^\[redundancy\]$/[redundancy]\nhold-down = 4/' "$SCN_TMP/ha2.conf"

hs_start 1
hs_start 2
wait_until 15 hs_is 1 active || fail "ha1 is not active"$'\n'"$(hs_logs)"
wait_until 10 hs_is 2 standby || fail "ha2 is not standby"$'\n'"$(hs_logs)"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

nip ha1 link set t0 down
wait_until 10 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
nip ha1 link set t0 up
t0=$(now_ms)
sleep 1
out=$(hs_show 1)
grep -q "^    redundancy group .* hold-down [0-9.]*s$" <<<"$out" ||
	fail "ha1 shows no hold-down: $out"
grep -q " tracked-condition-failed (hold-down: holding again for [0-9]* of 4 s)" <<<"$out" ||
	fail "ha1 does not show its conditions recovering: $out"
wait_until 15 hs_is 1 active || fail "ha1 did not pre-empt after the hold-down"$'\n'"$(hs_logs)"
ms=$(($(now_ms) - t0))
[ "$ms" -ge 3500 ] || fail "ha1 pre-empted after $ms ms, within the hold-down of 4 s"
wait_until 10 hs_is 2 standby || fail "ha2 did not step down"$'\n'"$(hs_logs)"
log "ha1's interface flapped: it took the role back after $ms ms (hold-down 4 s)"

# ha2 just left the role: not electable, so ha1, failing, has nobody to
# hand over to and stays, until ha2's hold-down ends.
nip ha1 link set t0 down
t0=$(now_ms)
sleep 1
hs_is 1 active || fail "ha1 handed over to ha2 in its hold-down"$'\n'"$(hs_logs)"
wait_until 10 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
ms=$(($(now_ms) - t0))
log "ha1 failed while ha2 was in its hold-down: ha2 took over after $ms ms"

# A flap while ha1 recovers starts the hold-down of its conditions over.
nip ha1 link set t0 up
sleep 2
nip ha1 link set t0 down
sleep 0.5
nip ha1 link set t0 up
t1=$(now_ms)
wait_until 15 hs_is 1 active || fail "ha1 did not pre-empt after the hold-down"$'\n'"$(hs_logs)"
ms=$(($(now_ms) - t1))
[ "$ms" -ge 3500 ] || fail "ha1 pre-empted $ms ms after the last flap, within the hold-down"
log "a flap during the hold-down started it over: $ms ms after the last one"

# ha2 left the role just now: its own hold-down runs, but with ha1 dead
# nobody eligible is alive, and it takes over.
hs_show 2 | grep_q "^    redundancy group .* hold-down [0-9.]*s$" ||
	fail "ha2 shows no hold-down: $(hs_show 2)"
hs_cut 1
wait_until 10 hs_is 2 active || fail "ha2 did not take over from a dead ha1"$'\n'"$(hs_logs)"
log "ha2 in its hold-down still took over from a dead ha1"
hs_stop 2
pass
