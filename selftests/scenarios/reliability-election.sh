#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, the Hello protocol and the election: three dhads on one
# link, Hellos every 200 ms, a peer failed after 5 missed ones.
#   - started together, exactly one becomes active: the highest preference;
#   - every member lists the others with role, preference and Hello age;
#   - SIGKILL of the active: the next one takes over within the dead
#     interval, and the killed one, restarted, stays standby;
#   - SIGTERM of the active: its lifetime-0 Hello hands over at once;
#   - messages from an unknown sender and with a wrong key are dropped
#     and counted, and change nothing (replays: daemon/test/test_auth.c).
#
#   ha1 ─┐
#   ha2 ─┼─ br0 (in sw) ─ rogue
#   ha3 ─┘

. "$(dirname "$0")/../lib/scenario.sh"

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}

require_dha
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"

KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
BADKEY=ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100
NET=2001:db8:5
PREFS=(0 10 20 30)

ns_add sw 0
nip sw link add br0 type bridge || fail "bridge"
nip sw link set br0 up
for n in 1 2 3 4; do
	name=ha$n
	[ $n = 4 ] && name=rogue
	ns_add $name 1
	veth sw s$n $name r0
	nip sw link set s$n master br0
	addr $name r0 $NET::$n/64
	dha_dev $name
done

# conf N [KEY] [GROUP]: ha N's configuration, peers all the others.
conf() {
	local n=$1 key=${2:-$KEY} group=${3:-7} f=$SCN_TMP/ha$1.conf p
	{
		echo "[home-agent]"
		echo "home-link = r0"
		echo "prefix = 2001:db8:1::/64"
		echo "address = $NET::$n"
		echo "device = dha0"
		echo "[redundancy]"
		echo "group = $group"
		echo "mode = hard"
		echo "preference = ${PREFS[$n]:-5}"
		echo "local = $NET::$n"
		for p in 1 2 3; do
			[ $p = "$n" ] || echo "peer = $NET::$p"
		done
		echo "hello-interval = 200"
		echo "hello-loss = 5"
		echo "key = 1 $key"
		echo "[daemon]"
		echo "log-level = debug"
	} >"$f"
	echo "$f"
}

declare -A PID=()
start() { # N [NS]
	local n=$1 ns=${2:-ha$1}
	bg_ns "$ns" "$DHAD" -f -c "$SCN_TMP/ha$n.conf" -S "$SCN_TMP/ha$n.sock" \
		2>>"$SCN_TMP/ha$n.log"
	PID[$n]=$BG_PID
}
show() { in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" ha show 2>/dev/null; }
role() { show "$1" | sed -n 's/^ *redundancy group [0-9]* [a-z]* role \([a-z]*\) .*/\1/p'; }
# actives: the members whose role is active, among those given.
actives() {
	local n out=""
	for n in "$@"; do
		[ "$(role "$n")" = active ] && out="$out$n"
	done
	echo "$out"
}
logs() { local n; for n in 1 2 3; do echo "--- ha$n"; grep -v "^dhad: debug: redundancy: message" "$SCN_TMP/ha$n.log" | tail -n 40; done; }

for n in 1 2 3; do conf $n >/dev/null; done
# All three at once.
for n in 1 2 3; do start $n; done

_one_active_is() { [ "$(actives "${@:2}")" = "$1" ]; }
wait_until 20 _one_active_is 3 1 2 3 ||
	fail "started together: actives '$(actives 1 2 3)', expected ha3"$'\n'"$(logs)"
log "started together: ha3 (preference 30) active, ha1 and ha2 standby"

out=$(show 1)
for p in 2 3; do
	grep -q "peer $NET::$p alive" <<<"$out" || fail "ha1 does not list $NET::$p alive: $out"
done
grep -q "peer $NET::3 alive active preference 30 last-hello [0-9]*ms ago" <<<"$out" ||
	fail "ha1 does not show ha3 as active with its preference and Hello age: $out"
grep -q "peer $NET::2 alive standby preference 20" <<<"$out" ||
	fail "ha1 does not show ha2 as standby: $out"
json_ok ha1 -S "$SCN_TMP/ha1.sock" ha show

# --- SIGKILL of the active: ha2 takes over within the dead interval ---
kill -KILL "${PID[3]}"
t0=$(date +%s%N)
wait_until 10 _one_active_is 2 1 2 || fail "after SIGKILL of ha3: actives '$(actives 1 2)'"$'\n'"$(logs)"
ms=$((($(date +%s%N) - t0) / 1000000))
log "ha3 killed: ha2 active after ${ms} ms (dead interval 1000 ms)"
show 2 | grep_q "peer $NET::3 failed" || fail "ha2 does not show ha3 failed: $(show 2)"

# Restarted, ha3 stays standby (no pre-emption by default).
start 3
_listed() { show "$1" | grep_q "peer $NET::$2 alive"; }
wait_until 10 _listed 2 3 || fail "ha3 restarted but not heard by ha2: $(show 2)"
sleep 1
[ "$(actives 1 2 3)" = 2 ] || fail "restarted ha3 pre-empted: actives '$(actives 1 2 3)'"$'\n'"$(logs)"
[ "$(role 3)" = standby ] || fail "restarted ha3 is $(role 3)"$'\n'"$(logs)"
log "ha3 restarted: standby, ha2 stays active"

# --- SIGTERM of the active: the lifetime-0 Hello hands over at once ---
kill -TERM "${PID[2]}"
wait "${PID[2]}" || fail "ha2 exited $? on SIGTERM"$'\n'"$(logs)"
wait_until 10 _one_active_is 3 1 3 || fail "after SIGTERM of ha2: actives '$(actives 1 3)'"$'\n'"$(logs)"
grep -q "peer $NET::2 left the set" "$SCN_TMP/ha3.log" ||
	fail "ha3 did not see ha2 leave: $(tail -20 "$SCN_TMP/ha3.log")"
log "ha2 stopped: ha3 took over on its lifetime-0 Hello"
start 2
wait_until 10 _listed 3 2 || fail "ha2 restarted but not heard by ha3"

# --- bad senders ---
# counter N NAME: one of ha N's redundancy counters.
counter() {
	in_ns "ha$1" "$DHA" -j -S "$SCN_TMP/ha$1.sock" ha show |
		"$PYTHON" -c "import json,sys; print(json.load(sys.stdin)['redundancy']['counters']['$2'])"
}
# A member with the wrong key, at a configured peer's place: ha1 stops
# and the rogue takes its address.
kill -TERM "${PID[1]}"
wait "${PID[1]}"
nip ha1 -6 addr del $NET::1/64 dev r0
addr rogue r0 $NET::1/64
conf 1 "$BADKEY" >/dev/null
before=$(counter 3 drop-unauthenticated)
start 1 rogue
_dropped() { [ "$(counter 3 drop-unauthenticated)" -ge $((before + 5)) ]; }
wait_until 10 _dropped || fail "wrong-key Hellos not counted: $(counter 3 drop-unauthenticated)"
show 3 | grep_q "peer $NET::1 alive" && fail "a wrong-key member was taken as alive: $(show 3)"
[ "$(actives 2 3)" = 3 ] || fail "a wrong-key member changed the roles: '$(actives 2 3)'"
kill -TERM "${PID[1]}"
wait "${PID[1]}"

# An unknown sender (the rogue at an address no one lists), right key.
nip rogue -6 addr del $NET::1/64 dev r0
conf 4 >/dev/null
sed -i "s/^local = .*/local = $NET::4/; s/^address = .*/address = $NET::4/" "$SCN_TMP/ha4.conf"
before=$(counter 3 drop-unknown-sender)
start 4 rogue
_unknown() { [ "$(counter 3 drop-unknown-sender)" -ge $((before + 5)) ]; }
wait_until 10 _unknown || fail "unknown-sender Hellos not counted"
kill -TERM "${PID[4]}"
wait "${PID[4]}"

[ "$(actives 2 3)" = 3 ] || fail "roles changed: '$(actives 2 3)'"$'\n'"$(logs)"
for n in 2 3; do
	kill -TERM "${PID[$n]}"
	wait "${PID[$n]}" || fail "ha$n exited $?"$'\n'"$(logs)"
done
pass
