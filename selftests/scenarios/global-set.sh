#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Global HAHA, the set (Documentation/global-haha.md): three sites, each
# a dhad with [global] in its own namespace, its home link (a dummy) on
# the anycast home prefix 2001:db8:1::/64 and its locator on a link to
# one router (static routes; BGP comes with the global bindings).
#   - ha1 starts alone: it makes its HA-to-HA links (dha peers), sends
#     Hellos with G and R and stays in its bootstrap, the home prefix not
#     in route-table 100, until the others are heard;
#   - ha2 and ha3 start: every member lists the other two alive with
#     their home agent addresses (from the Hellos' IP Address options),
#     group and lifetime, in dha ha show and -j, and each has the home
#     prefix in table 100 (proto 135);
#   - ha3 is killed (kill -9): ha1 and ha2 fail it after hello-loss
#     Hello intervals, not before;
#   - ha3 comes back with another group: its Hellos are dropped and
#     counted (drop-group) by ha1 and ha2, which keep it failed; then
#     from an address that is no member's locator: dropped and counted
#     (drop-unknown-sender);
#   - ha2 stops (SIGTERM): its goodbye makes it "left" at ha1 at once,
#     and its home prefix leaves its table 100.
#
#   ha1 ─┐  2001:db8:f01::/64
#   ha2 ─┼─ r   2001:db8:f02::/64
#   ha3 ─┘  2001:db8:f03::/64

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"

GROUP=42
TABLE=100
INTERVAL=1000			# ms
LOSS=3				# a dead interval of 3 s
PREFIX=2001:db8:1::/64
loc() { echo "2001:db8:f0$1::2"; }
haaddr() { echo "2001:db8:1::$1"; }

ns_add r 1
for i in 1 2 3; do
	ns_add ha$i 1
	veth ha$i up0 r r$i
	addr r r$i 2001:db8:f0$i::1/64
	addr ha$i up0 "$(loc $i)/64"
	route ha$i default via 2001:db8:f0$i::1
	nip ha$i link add home0 type dummy || skip "dummy links not available"
	nip ha$i link set home0 up
	addr ha$i home0 "$(haaddr $i)/64"
done

KEY="1 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

# conf N GROUP [LOCATOR]: ha N's configuration, the other two as peers.
conf() {
	local n=$1 group=$2 locator=${3:-$(loc "$1")} j lines=()
	for j in 1 2 3; do
		[ "$j" = "$n" ] || lines+=("peer = $(loc $j)")
	done
	dhad_conf "$SCN_TMP/ha$n.conf" "$(haaddr "$n")" \
		"[global]" "group = $group" "locator = $locator" \
		"${lines[@]}" "hello-interval = $INTERVAL" "hello-loss = $LOSS" \
		"auth = hmac-sha256" "key = $KEY" "route-table = $TABLE"
}
declare -A PID=()
start() { # N
	dhad_start ha$1 "$SCN_TMP/ha$1.conf" "$SCN_TMP/ha$1.sock" "$SCN_TMP/ha$1.log"
	PID[$1]=$DHAD_PID
}
show() { in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" "${@:2}" ha show; }
logs() { local i; for i in 1 2 3; do echo "--- ha$i"; show $i -s 2>&1; tail -20 "$SCN_TMP/ha$i.log"; done; }
table() { nip "ha$1" -6 route show table $TABLE 2>/dev/null; }
announced() { table "$1" | grep_q "^$PREFIX dev home0 proto 135 metric 135"; }
phase() { show "$1" | sed -n 's/^    global group [0-9]* locator [^ ]* \([a-z]*\) .*/\1/p'; }
member() { # N M: ha N's line for member M
	show "$1" | grep "^        member $(loc "$2") "
}
member_is() { member "$1" "$2" | grep_q "^        member $(loc "$2") $3"; }
counter() { # N NAME
	show "$1" -s -j | grep -o "\"$2\":[0-9]*" | head -1 | cut -d: -f2
}

for i in 1 2 3; do conf $i $GROUP; done

# --- ha1 alone: links made, Hellos with R, no route while it listens ---
start 1
[ "$(phase 1)" = bootstrap ] || fail "ha1 is not in its bootstrap: $(show 1)"
announced 1 && fail "ha1 announces the home prefix before hearing anyone: $(table 1)"
peers=$(in_ns ha1 "$DHA" peer show dev dha0)
for j in 2 3; do
	grep_q "$(loc $j)" <<<"$peers" || fail "no HA-to-HA link (dha peer) to $(loc $j): $peers"
done
cap_start hello r r2 "ip6 and ip6[6] == 135 and ip6[42] == 11"
wait_until 10 cap_has hello "$(re "$(loc 1)") > $(re "$(loc 2)")" ||
	fail "no Hello from ha1 to ha2's locator: $(cap_text hello)"
cap_stop hello
log "ha1 waits for its members, nothing announced"

# --- the others: the set forms, everyone announces ---
start 2
start 3
for i in 1 2 3; do
	wait_until 15 announced $i || fail "ha$i does not announce the home prefix"$'\n'"$(logs)"
	[ "$(phase $i)" = ready ] || fail "ha$i is not ready: $(show $i)"
	for j in 1 2 3; do
		[ "$i" = "$j" ] && continue
		member_is $i $j "alive home-agent $(haaddr $j) group $GROUP lifetime [0-9]*s" ||
			fail "ha$i does not list ha$j: $(show $i)"
		show $i -j | grep_q "\"locator\":\"$(loc $j)\",\"state\":\"alive\",\"link\":true,\"home-agent-addresses\":\[\"$(haaddr $j)\"\],\"group\":$GROUP" ||
			fail "ha$i -j does not list ha$j: $(show $i -j)"
	done
done
# The last one heard every member in its bootstrap, before any timeout.
show 3 | grep_q "ready for .*: every member heard" || fail "ha3: $(show 3)"
json_ok ha1 -S "$SCN_TMP/ha1.sock" ha show
[ "$(counter 1 drop-group)" = 0 ] || fail "ha1 dropped Hellos of its own group"
# ha2 and ha3 each asked ha1 for Hellos (R) when they booted.
ge "$(counter 1 solicit-rx)" 2 || fail "ha1 got no Hello with R from each: $(show 1 -s)"
ge "$(counter 3 solicit-tx)" 2 || fail "ha3 sent no Hello with R: $(show 3 -s)"
log "three members, each lists the other two and announces $PREFIX in table $TABLE"

# --- ha3 dies: failed after hello-loss intervals ---
kill -9 "${PID[3]}"
killed=$(date +%s%N)
sleep 1
member_is 1 3 alive || fail "ha1 failed ha3 within 1 s: $(member 1 3)"
for i in 1 2; do
	wait_until 10 member_is $i 3 failed || fail "ha$i did not fail ha3: $(show $i)"
done
elapsed=$((($(date +%s%N) - killed) / 1000000))
ge "$elapsed" $(((LOSS - 1) * INTERVAL)) || fail "ha3 failed after $elapsed ms"
[ "$(counter 1 member-failures)" = 1 ] || fail "ha1 member-failures: $(show 1 -s)"
announced 1 || fail "ha1 withdrew the home prefix with a member failed"
log "ha3 failed at ha1 and ha2 after $elapsed ms"

# --- ha3 back in another group: its Hellos are dropped and counted ---
conf 3 $((GROUP + 1))
start 3
for i in 1 2; do
	wait_until 10 eval '[ "$(counter '$i' drop-group)" -ge 1 ]' ||
		fail "ha$i counts no Hello of another group: $(show $i -s)"
done
member_is 1 3 failed || fail "ha1 took a Hello of another group: $(member 1 3)"
log "Hellos of group $((GROUP + 1)) dropped and counted"

# --- and from an address that is no member's locator ---
kill -TERM "${PID[3]}"
wait "${PID[3]}" || fail "ha3 exited $?: $(tail "$SCN_TMP/ha3.log")"
addr ha3 up0 2001:db8:f03::3/64
conf 3 $GROUP 2001:db8:f03::3
start 3
for i in 1 2; do
	wait_until 10 eval '[ "$(counter '$i' drop-unknown-sender)" -ge 1 ]' ||
		fail "ha$i counts no Hello from an unknown sender: $(show $i -s)"
done
member_is 1 3 failed || fail "ha1 took a Hello from an unknown sender: $(member 1 3)"
[ "$(counter 1 drop-unauthenticated)" = 0 ] || fail "ha1 refused signed Hellos: $(show 1 -s)"
log "Hellos from an unknown sender dropped and counted"

# --- ha2 stops: it leaves at once and takes its route out ---
kill -TERM "${PID[2]}"
wait "${PID[2]}" || fail "ha2 exited $?: $(tail "$SCN_TMP/ha2.log")"
announced 2 && fail "ha2 left the home prefix in table $TABLE: $(table 2)"
wait_until 2 member_is 1 2 left || fail "ha1 did not see ha2 leave: $(member 1 2)"
pass
