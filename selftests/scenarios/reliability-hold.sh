#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, maintenance: three dhads in hard mode (preferences 10,
# 20, 30; ha3 active), a mobile node registered at the active one.
#   - dha ha hold on a standby holds it at once; dha ha release ends it;
#   - dha ha hold on the active hands over first, by a SwitchBack to the
#     best standby, which takes the binding; dha ha show says held (text
#     and -j), and a reload keeps the hold;
#   - the held member, though the best-ranked, does not pre-empt, refuses
#     dha ha switchover and is passed over by a switchback;
#   - the active dies: the other standby takes over, not the held one;
#     that one dies too: the held member, alone, stays standby;
#   - released, it takes the role at once, with the binding.
#
#   ha1 ─┐
#   ha2 ─┼─ br0 (sw) ─ ar ─ mn
#   ha3 ─┘

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad

hs_flat 3
HOA=2001:db8:1::101
mn_home_setup $HOA
for n in 1 2 3; do
	peers=
	for p in 1 2 3; do [ $p = $n ] || peers="$peers $p"; done
	hs_conf $n hard "$(hs_local $n)" $((10 * n)) "$peers"
done
NET=2001:db8:5

# does N VERB LINE: "dha ha VERB" on ha N succeeds printing LINE.
does() {
	local out
	out=$(hs_dha "$1" ha "$2" 2>&1) || fail "ha$1: dha ha $2: $out"$'\n'"$(hs_logs)"
	[ "$out" = "$3" ] || fail "ha$1: dha ha $2 printed '$out', expected '$3'"$'\n'"$(hs_logs)"
}
_roles() {
	local n=1 want
	for want in "$@"; do
		[ "$want" = - ] || hs_is $n "$want" || return 1
		n=$((n + 1))
	done
}
roles() {
	wait_until 10 _roles "$@" ||
		fail "roles '$(hs_role 1) $(hs_role 2) $(hs_role 3)', expected '$*'"$'\n'"$(hs_logs)"
}
_bound() { has_line "$(hs_kbind "$1")" "$HOA coa $HS_COA "; }
bound() { wait_until 10 _bound "$1" || fail "ha$1 has no kernel binding: $(hs_kbind "$1")"$'\n'"$(hs_logs)"; }
held_line() { hs_show "$1" | grep_q "^    redundancy group .* role [a-z]* .* held$"; }
held_json() { # N true|false
	hs_dha "$1" -j ha show | "$PYTHON" -c '
import json, sys
assert json.load(sys.stdin)["redundancy"]["held"] is (sys.argv[1] == "true")
' "$2"
}

for n in 1 2 3; do hs_start $n; done
roles standby standby active
_all_heard() { [ "$(hs_show "$1" | grep -c "^ *peer $NET::.* alive ")" = 2 ]; }
for n in 1 2 3; do
	wait_until 10 _all_heard $n || fail "ha$n does not hear both peers: $(hs_show $n)"
done
hs_register $NET::3 $HOA --seq 1
bound 3
_synced() { hs_in_cache "$1" $HOA; }
wait_until 10 _synced 2 || fail "ha2 has no copy of $HOA: $(hs_cache 2)"
log "ha3 active with $HOA registered, copied to the standbys"

# --- a standby: held at once, released ---
held_json 1 false || fail "ha1's dha -j ha show does not say held false"
does 1 hold "held, standby"
held_line 1 || fail "ha1's dha ha show does not say held: $(hs_show 1)"
held_json 1 true || fail "ha1's dha -j ha show does not say held true: $(hs_dha 1 -j ha show)"
does 1 release "released, standby"
held_line 1 && fail "ha1 still shows held: $(hs_show 1)"
log "a standby held and released at once"

# --- the active: hands over to the best standby first ---
does 3 hold "held, standby, $NET::2 is active"
roles standby active standby
bound 2
_unbound() { ! _bound "$1"; }
wait_until 10 _unbound 3 || fail "ha3 kept the binding: $(hs_kbind 3)"
held_line 3 || fail "ha3's dha ha show does not say held: $(hs_show 3)"
grep -q "redundancy: active -> standby (SwitchBack accepted by $NET::2)" "$SCN_TMP/ha3.log" ||
	fail "ha3 did not hand over with a SwitchBack"$'\n'"$(hs_logs)"
log "hold on the active ha3: SwitchBack to ha2, which has the binding"

# --- held: no pre-emption, no switchover, passed over ---
sed -i 's/^\[redundancy\]$/[redundancy]\npreempt = yes\npreempt-delay = 200/' "$SCN_TMP/ha3.conf"
out=$(hs_dha 3 ha reload 2>&1) || fail "reload of ha3: $out"
held_json 3 true || fail "ha3 is no longer held after a reload"
hs_refuses 3 switchover "this home agent is held (dha ha release first)"
sleep 1
roles standby active standby
does 2 switchback "standby, $NET::1 is active"
roles active standby standby
bound 1
log "held ha3 does not pre-empt, refuses switchover, a switchback passes it over"

# --- failures: the held member is the last resort, and not even that ---
hs_cut 1
roles - active standby
bound 2
hs_cut 2
sleep 3
hs_is 3 standby || fail "held ha3, alone, is $(hs_role 3)"$'\n'"$(hs_logs)"
_bound 3 && fail "held ha3 put the binding into its kernel"
log "ha1 died: ha2 took over, not held ha3; ha2 died: ha3 stays standby"

# It elects itself as it is released, before the reply.
does 3 release "released, active"
bound 3
held_line 3 && fail "ha3 still shows held: $(hs_show 3)"
log "released ha3 took the role with the binding"

hs_stop 3
pass
