#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, State Synchronization: two dhads, ha1 active.
#   - registrations at ha1 reach ha2's cache as synchronized copies (not
#     in ha2's kernel), mobile router prefixes included; a deregistration
#     removes the copy;
#   - a standby started later gets the whole cache in bulk;
#   - SIGKILL of ha1: ha2 takes over and every binding is in its kernel,
#     with the prefix routes, intercepted by its dha0;
#   - ha1, restarted, is standby and gets ha2's cache back, and a binding
#     registered at ha2 meanwhile is there too.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad

hs_flat 2

HOAS="2001:db8:1::101 2001:db8:1::102 2001:db8:1::103 2001:db8:1::104"
MR_HOA=$HS_MR_HOA
mn_home_setup $HOAS $MR_HOA

for n in 1 2; do hs_conf $n hard "$(hs_local $n)" $((30 - 10 * n)) $((3 - n)); done
# register HA-N HOA [ARGS...]
register() { hs_register "$(hs_local "$1")" "${@:2}"; }
# in_cache N HOA [synced|-]: ha N's cache has HOA (as a synchronized copy).
_in_cache() { hs_cache "$1" | grep_q "^$2 .*${3:-}"; }

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
seq=1
for a in $HOAS; do
	register 1 "$a" --seq $seq
	seq=$((seq + 1))
done
register 1 $MR_HOA --seq 1 --mr --mnp 2001:db8:100::/48

# --- a standby started later gets everything in bulk ---
hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
for a in $HOAS $MR_HOA; do
	wait_until 10 _in_cache 2 "$a" || fail "ha2 has no copy of $a: $(hs_cache 2)"$'\n'"$(hs_logs)"
done
out=$(hs_cache 2)
grep -q "^$MR_HOA .*2001:db8:100::/48" <<<"$out" || fail "the router's prefix was not synchronized: $out"
[ -z "$(hs_kbind 2)" ] || fail "a standby has bindings in its kernel: $(hs_kbind 2)"
log "bulk: ha2 holds $(grep -c . <<<"$out") synchronized bindings, none in its kernel"

# --- incremental: a new binding and a deregistration ---
NEW=2001:db8:1::105
nip mn -6 addr add $NEW/128 dev lo home nodad
register 1 $NEW --seq 1
wait_until 5 _in_cache 2 $NEW || fail "new binding $NEW not synchronized: $(hs_cache 2)"
register 1 2001:db8:1::104 --seq 40 --dereg
_gone() { ! _in_cache 2 2001:db8:1::104; }
wait_until 5 _gone || fail "deregistration not synchronized: $(hs_cache 2)"
log "incremental: a new binding and a deregistration reached ha2"

# --- SIGKILL of the active: every binding in ha2's kernel ---
kill -KILL "${HS_PID[1]}"
wait_until 10 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
_committed() {
	local k a
	k=$(hs_kbind 2)
	for a in 2001:db8:1::101 2001:db8:1::102 2001:db8:1::103 $MR_HOA $NEW; do
		grep -q "^$a coa $HS_COA" <<<"$k" || return 1
	done
}
wait_until 10 _committed || fail "after takeover ha2's kernel lacks bindings: $(hs_kbind 2)"$'\n'"$(hs_logs)"
hs_kbind 2 | grep_q "2001:db8:1::104" && fail "a deregistered binding came back: $(hs_kbind 2)"
nip ha2 -6 route show 2001:db8:100::/48 | grep_q dha0 ||
	fail "the router's prefix is not routed into dha0 on ha2: $(nip ha2 -6 route show)"
nip ha2 -6 route show $NEW/128 | grep_q dha0 && fail "a route of $NEW on ha2"
hs_attached 2 || fail "ha2 does not intercept on the home link: $(hs_state 2)"
log "takeover: ha2 committed every binding, its prefix routes, and intercepts"

# --- ha1 back: standby, with ha2's cache ---
LATE=2001:db8:1::106
nip mn -6 addr add $LATE/128 dev lo home nodad
register 2 $LATE --seq 1
# The old kernel bindings of the killed ha1 are still there: its restart
# restores them, and as a standby it withdraws them again.
hs_start 1
wait_until 10 hs_is 1 standby || fail "restarted ha1 is $(hs_role 1)"$'\n'"$(hs_logs)"
wait_until 10 _in_cache 1 $LATE || fail "ha1 did not get $LATE back: $(hs_cache 1)"$'\n'"$(hs_logs)"
_clean() { [ -z "$(hs_kbind 1)" ]; }
wait_until 10 _clean || fail "standby ha1 kept kernel bindings: $(hs_kbind 1)"
hs_is 2 active || fail "ha2 lost the role"$'\n'"$(hs_logs)"
log "ha1 restarted: standby with ha2's cache, its stale kernel bindings withdrawn"

for n in 1 2; do hs_stop $n; done
pass
