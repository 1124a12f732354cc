#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, manual control and tracked conditions: three dhads in
# hard mode (preferences 10, 20, 30; ha3 starts active), a mobile node
# registered at the active one.
#   - dha ha switchover on a standby makes it active and the active
#     standby, also on the lowest-ranked one while a better one stands
#     by; dha ha switchback on the active hands over to the best standby;
#     asked of a member in the wrong role, both fail with one clear line
#     and exit 1;
#   - a SwitchOver Request to a member that is no longer active (the
#     asker's view made stale by dropping its Hellos) surfaces status 128,
#     one from a member whose tracked condition fails 129; a second
#     request while one waits is busy, a client that gives up while its
#     request waits leaves dhad sound (ha1 runs dhad-asan), and a request
#     nobody answers ends in "no reply";
#   - a member without a full copy of the cache (its State
#     Synchronizations dropped) neither asks for the role nor takes it
#     when the active hands it over; a request under way when its
#     sender's role changes is withdrawn with its own error;
#   - the active's track-interface going down, then its track-command
#     failing, hand the role to the best standby; coming back does not
#     pre-empt, unless preempt = yes: then, after preempt-delay, the
#     better member takes the role back with a SwitchOver;
#   - through every switch the mobile node's binding follows the role
#     into the new active's kernel, and leaves the old one's.
#
#   ha1 ─┐
#   ha2 ─┼─ br0 (sw) ─ ar ─ mn
#   ha3 ─┘

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

DHAD_ASAN=${DHAD_ASAN:-$DHA_TOP/daemon/dhad-asan}

require_dha
require_cmd tc timeout
require_dhad
[ -x "$DHAD_ASAN" ] || fail "dhad-asan not built ($DHAD_ASAN)"

KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
NET=2001:db8:5
HOA=2001:db8:1::101
MN_COA=2001:db8:2::2
PREFS=(0 10 20 30)

hs_flat 3
# The tracked interfaces: one end of a veth pair within the namespace.
for n in 1 3; do veth ha$n t0 ha$n t1; done
mn_home_setup $HOA

# ha1 sends Hellos every 1.5 s (so its requests wait 4.5 s for a reply)
# and takes a peer for failed after 100 of theirs (20 s): time to act on
# a stale view. The others: every 200 ms, failed after 15 lost (this
# test fails nobody: 3 s spare a loaded host flapping).
conf() { # N [EXTRA-LINE...]
	local n=$1 p
	shift
	{
		echo "[home-agent]"
		echo "home-link = r0"
		echo "prefix = 2001:db8:1::/64"
		echo "address = $NET::$n"
		echo "device = dha0"
		echo "max-lifetime = 600"
		echo "[redundancy]"
		echo "group = 4"
		echo "mode = hard"
		echo "preference = ${PREFS[$n]}"
		echo "local = $NET::$n"
		for p in 1 2 3; do
			[ $p = "$n" ] || echo "peer = $NET::$p"
		done
		if [ "$n" = 1 ]; then
			echo "hello-interval = 1500"
			echo "hello-loss = 100"
		else
			echo "hello-interval = 200"
			echo "hello-loss = 15"
		fi
		echo "key = 1 $KEY"
		echo "track-interval = 200"
		case $n in
		1|3) echo "track-interface = t0" ;;
		2) echo "track-command = test -e $SCN_TMP/ha2.ok" ;;
		esac
		for p in "$@"; do echo "$p"; done
		echo "[daemon]"
		echo "log-level = debug"
	} >"$SCN_TMP/ha$n.conf"
}

san=abort_on_error=1:halt_on_error=1:print_stacktrace=1
declare -A PID=()
start() {
	local n=$1
	if [ "$n" = 1 ]; then
		bg_ns ha1 env ASAN_OPTIONS="$san:detect_leaks=1:log_path=$SCN_TMP/asan" \
			UBSAN_OPTIONS="$san:log_path=$SCN_TMP/ubsan" \
			"$DHAD_ASAN" -f -c "$SCN_TMP/ha1.conf" -S "$SCN_TMP/ha1.sock" \
			2>>"$SCN_TMP/ha1.log"
	else
		bg_ns "ha$n" "$DHAD" -f -c "$SCN_TMP/ha$n.conf" -S "$SCN_TMP/ha$n.sock" \
			2>>"$SCN_TMP/ha$n.log"
	fi
	PID[$n]=$BG_PID
}
show() { hs_dha "$1" ha show 2>/dev/null; }
role() { show "$1" | sed -n 's/^ *redundancy group [0-9]* [a-z]* role \([a-z]*\) .*/\1/p'; }
cache() { hs_dha "$1" cache show 2>/dev/null; }
kbind() { in_ns "ha$1" "$DHA" binding show dev dha0 2>/dev/null; }
logs() {
	local n
	for n in 1 2 3; do
		echo "--- ha$n"
		grep -v "MH type 11 from .* ignored" "$SCN_TMP/ha$n.log" | tail -n 25
	done
}
# roles A B C: ha1, ha2, ha3 have these roles ("-": any).
_roles() {
	local n=1 want
	for want in "$@"; do
		[ "$want" = - ] || [ "$(role $n)" = "$want" ] || return 1
		n=$((n + 1))
	done
}
roles() {
	wait_until 10 _roles "$@" ||
		fail "roles '$(role 1) $(role 2) $(role 3)', expected '$*'"$'\n'"$(logs)"
}
_bound() { kbind "$1" | grep_q "^$HOA coa $MN_COA "; }
_unbound() { ! _bound "$1"; }
# moved N OLD: the binding is in ha N's kernel and no longer in ha OLD's.
moved() {
	wait_until 10 _bound "$1" ||
		fail "ha$1 took over without the binding: $(kbind "$1")"$'\n'"$(logs)"
	wait_until 10 _unbound "$2" || fail "ha$2 stepped down and kept the binding: $(kbind "$2")"
}
# switches N VERB LINE: "dha ha VERB" on ha N succeeds printing LINE. The
# member that takes the role must hold a full copy first: a role change
# just before makes it ask the new active for one, so that refusal is
# tried again, as an operator would.
_switch() {
	SW_OUT=$(hs_dha "$1" ha "$2" 2>&1) && return 0
	[[ $SW_OUT == *"full copy of the binding cache yet"* ]] ||
		fail "ha$1: dha ha $2: $SW_OUT"$'\n'"$(logs)"
	return 1
}
switches() {
	wait_until 10 _switch "$1" "$2" || fail "ha$1: dha ha $2: $SW_OUT"$'\n'"$(logs)"
	[ "$SW_OUT" = "$3" ] || fail "ha$1: dha ha $2 printed '$SW_OUT', expected '$3'"
}

touch "$SCN_TMP/ha2.ok"
for n in 1 2 3; do conf $n; done
for n in 1 2 3; do start $n; done
roles standby standby active
_all_heard() { [ "$(show "$1" | grep -c "^ *peer $NET::.* alive ")" = 2 ]; }
for n in 1 2 3; do
	wait_until 10 _all_heard $n || fail "ha$n does not hear both peers: $(show $n)"
done
out=$(in_ns mn "$MNEMU" register --hoa $HOA --coa $MN_COA --ha $NET::3 --seq 1 \
	--expect-status 0 2>&1) || fail "register at ha3: $out"$'\n'"$(logs)"
_synced() { cache "$1" | grep_q "^$HOA coa $MN_COA "; }
for n in 1 2; do
	wait_until 10 _synced $n || fail "ha$n has no copy of $HOA: $(cache $n)"
done
_bound 3 || fail "ha3 has no kernel binding: $(kbind 3)"
log "ha3 active with $HOA registered, copied to ha1 and ha2"

# --- asked of the wrong member ---
hs_refuses 3 switchover "this home agent is already active"
hs_refuses 1 switchback "this home agent is already standby"
# The text output says what an operator needs; -j is JSON.
out=$(show 1)
grep -q "^        standby for [0-9.]*s: an active home agent is there$" <<<"$out" ||
	fail "ha1 does not show its time in the role and why: $out"
grep -q "^        peer $NET::3 alive active preference 30 last-hello [0-9]*ms ago$" <<<"$out" ||
	fail "ha1 does not show ha3 as active: $out"
grep -q "^        sync full-copy yes " <<<"$out" || fail "ha1 has no full copy: $out"
hs_dha 1 -j ha show | "$PYTHON" -c '
import json, sys
r = json.load(sys.stdin)["redundancy"]
assert r["role"] == "standby" and r["request"] is None, r
assert r["in-role-ms"] >= 0 and r["role-reason"], r
assert {p["role"] for p in r["peers"]} == {"active", "standby"}, r["peers"]
assert all("last-hello-ms" in p for p in r["peers"]), r["peers"]
assert "counters" in r and "sync" in r, r
' || fail "ha1's dha -j ha show lacks the redundancy state"
log "wrong members refused with one line; ha show reads well"

# --- switchover from a standby, switchback from the active ---
switches 2 switchover "active, $NET::3 is standby"
roles - active standby
moved 2 3
grep -q "redundancy: active -> standby (SwitchOver Request from $NET::2)" "$SCN_TMP/ha3.log" ||
	fail "ha3 does not log why it stepped down"
show 2 | grep_q "^        active for [0-9.]*s: SwitchOver accepted by $NET::3$" ||
	fail "ha2 does not show why it is active: $(show 2)"
log "switchover on ha2: ha2 active, ha3 standby, the binding in ha2's kernel"

switches 2 switchback "standby, $NET::3 is active"
roles - standby active
moved 3 2
log "switchback on ha2: ha3, the best standby, active again with the binding"

# --- 128: ha1 acts on a stale view ---
hs_drop_into 1 2
switches 2 switchover "active, $NET::3 is standby"
show 1 | grep_q "^        peer $NET::3 alive active " ||
	fail "ha1's view is not stale: $(show 1)"
hs_refuses 1 switchover "$NET::3 is not the active home agent"
hs_undrop 1
_sees_active() { show "$1" | grep_q "^        peer $NET::$2 alive active "; }
wait_until 10 _sees_active 1 2 || fail "ha1 does not see ha2 active: $(show 1)"
roles standby active standby
moved 2 3
log "128: ha1, asking ha3 which has handed over already, is told so"

# --- busy meanwhile, a client that gives up, no reply ---
# ha2 drops SwitchOver Requests: ha1's wait three of its intervals,
# 4.5 s, from the first try (in ha1's log, quicker to poll than dha).
hs_drop_into 2 6
bg_ns ha1 "$DHA" -S "$SCN_TMP/ha1.sock" ha switchover >/dev/null 2>&1
first=$BG_PID
_sent() { grep -q "SwitchOver Request to $NET::2, try 1$" "$SCN_TMP/ha1.log"; }
wait_until 5 _sent || fail "ha1 sent no SwitchOver Request: $(tail "$SCN_TMP/ha1.log")"
hs_refuses 1 switchover "a SwitchOver or SwitchBack request is under way"
show 1 | grep_q "^        asking $NET::2: switchover, try [0-9], by operator$" ||
	fail "ha1 shows no request under way: $(show 1)"
kill -KILL "$first"
wait "$first" 2>/dev/null
_gave_up() { grep -q "no reply from $NET::2 to SwitchOver Request" "$SCN_TMP/ha1.log"; }
wait_until 10 _gave_up || fail "ha1's abandoned request did not end: $(tail "$SCN_TMP/ha1.log")"
show 1 | grep_q "^        asking " && fail "ha1 still shows a request: $(show 1)"
hs_refuses 1 switchover "no reply from $NET::2"
hs_undrop 2
log "busy meanwhile; an abandoned request ends harmlessly; unanswered: 'no reply'"

# --- 129: the asking member's tracked condition fails ---
nip ha1 link set t0 down
_failed_at() { show "$1" | grep_q "^        peer $NET::$2 .* tracked-condition-failed$"; }
wait_until 10 _failed_at 2 1 || fail "ha2 does not see ha1's failure: $(show 2)"
show 1 | grep_q " tracked-condition-failed (interface t0 down)$" ||
	fail "ha1 does not show its failed condition: $(show 1)"
hs_refuses 1 switchover "refused by the active home agent $NET::2: administratively prohibited (a tracked condition here fails, or it does not hear this home agent)"
nip ha1 link set t0 up
_holds_at() { ! _failed_at "$@"; }
wait_until 10 _holds_at 2 1 || fail "ha2 still sees ha1's condition failed: $(show 2)"
log "129: ha1, its tracked interface down, is refused"

# --- no full copy, no role: ha3 drops State Synchronizations (4) ---
hs_drop_into 3 4
hs_dha 3 ha sync request >/dev/null || fail "ha3: dha ha sync request"
_copy() { show "$1" | grep_q "^        sync full-copy $2"; }
wait_until 10 _copy 3 no || fail "ha3 asked again and still has a full copy: $(show 3)"
hs_refuses 3 switchover "this home agent does not hold a full copy of the binding cache yet (dha ha show: full-copy)"
hs_refuses 2 switchback "refused by the standby $NET::3: administratively prohibited (a tracked condition there fails, or it does not hold a full copy of the binding cache yet)"
grep -q "SwitchBack Request from $NET::2 refused: no full copy of the binding cache yet" "$SCN_TMP/ha3.log" ||
	fail "ha3 does not log why it refused"
roles standby active standby
hs_undrop 3
hs_dha 3 ha sync request >/dev/null || fail "ha3: dha ha sync request"
wait_until 10 _copy 3 yes || fail "ha3 has no full copy again: $(show 3)"
log "no full copy: ha3 neither asks for the role nor takes it"

# --- a request goes with the role that made it (7.7.1) ---
# ha3 drops SwitchBack Requests (8); ha2's track-command fails while its
# request is under way: ha3 takes the role by election, and ha2's
# request, now a standby's, is withdrawn, not sent again.
hs_drop_into 3 8
# The refused request of the step before logged the same line.
asked_before=$(grep -c "SwitchBack Request to $NET::3, try 1$" "$SCN_TMP/ha2.log")
hs_dha 2 ha switchback >"$SCN_TMP/withdrawn.out" 2>&1 &
asker=$!
_asked() {
	[ "$(grep -c "SwitchBack Request to $NET::3, try 1$" "$SCN_TMP/ha2.log")" -gt "$asked_before" ]
}
wait_until 5 _asked || fail "ha2 sent no SwitchBack Request: $(tail "$SCN_TMP/ha2.log")"
rm "$SCN_TMP/ha2.ok"
roles standby standby active
wait "$asker"
out=$(cat "$SCN_TMP/withdrawn.out")
[ "$out" = "dha: dhad: withdrawn: this home agent became standby before $NET::3 replied" ] ||
	fail "ha2's request under way when it stepped down: '$out'"$'\n'"$(logs)"
grep -q "SwitchBack Request to $NET::3 withdrawn: this home agent is standby now" "$SCN_TMP/ha2.log" ||
	fail "ha2 does not log the withdrawal"
hs_undrop 3
touch "$SCN_TMP/ha2.ok"
wait_until 10 _holds_at 3 2 || fail "ha2's command holds again, ha3 does not see it"
switches 2 switchover "active, $NET::3 is standby"
roles standby active standby
moved 2 3
log "ha2's SwitchBack under way when it stepped down: withdrawn"

# --- the lowest-ranked member asks: the role sticks ---
switches 1 switchover "active, $NET::2 is standby"
roles active standby standby
moved 1 2
sleep 1
roles active standby standby
switches 1 switchback "standby, $NET::3 is active"
roles standby standby active
moved 3 1
log "ha1, ranked last, took the role and kept it; its switchback went to ha3"

# --- tracked conditions of the active ---
nip ha3 link set t0 down
roles standby active standby
moved 2 3
show 3 | grep_q "^        standby for [0-9.]*s: interface t0 down$" ||
	fail "ha3 does not say why it stepped down: $(show 3)"
nip ha3 link set t0 up
wait_until 10 _holds_at 2 3 || fail "ha3's interface is up again, ha2 does not see it"
# Better ranked again, ha3 does not pre-empt: a second, five Hellos.
sleep 1
roles standby active standby
log "ha3's track-interface went down: ha2 took over, and keeps the role"

rm "$SCN_TMP/ha2.ok"
roles standby standby active
moved 3 2
show 2 | grep_q "^        standby for [0-9.]*s: track-command 1 failed$" ||
	fail "ha2 does not say why it stepped down: $(show 2)"
touch "$SCN_TMP/ha2.ok"
wait_until 10 _holds_at 3 2 || fail "ha2's command holds again, ha3 does not see it"
log "ha2's track-command failed: ha3 took over"

# --- preempt = yes: ha3 takes the role back after preempt-delay ---
switches 2 switchover "active, $NET::3 is standby"
roles standby active standby
moved 2 3
conf 3 "preempt = yes" "preempt-delay = 500"
t0=$(date +%s%N)
out=$(hs_dha 3 ha reload 2>&1) || fail "reload of ha3: $out"
roles standby standby active
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$ms" -ge 500 ] || fail "ha3 pre-empted after $ms ms, before preempt-delay"
grep -q "redundancy: standby -> active (SwitchOver accepted by $NET::2)" "$SCN_TMP/ha3.log" ||
	fail "ha3 did not pre-empt with a SwitchOver: $(tail "$SCN_TMP/ha3.log")"
moved 3 2
log "preempt = yes: ha3 active again after $ms ms (preempt-delay 500)"

for n in 3 2 1; do
	kill -TERM "${PID[$n]}"
	wait "${PID[$n]}" || fail "ha$n exited $?"$'\n'"$(logs)"
done
reports=$(cat "$SCN_TMP"/asan.* "$SCN_TMP"/ubsan.* 2>/dev/null)
[ -z "$reports" ] || fail "sanitizer report from ha1:"$'\n'"$reports"
pass
