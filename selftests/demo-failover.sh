#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo, second part: a home agent failover (HA reliability, virtual
# switch). Two dhads share the home agent address 2001:db8:1::1 on one
# home link; a mobile node registers through it; a correspondent pings it;
# the active home agent dies; the standby takes over; the ping goes on.
#
#   cn ── r ── mn        (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2

. "$(dirname "$0")/lib/scenario.sh"
. "$(dirname "$0")/lib/haset.sh"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# show N: dha ha show of ha N, as an operator runs it there.
show() {
	printf '[ha%s] $ dha ha show\n' "$1"
	hs_show "$1" || echo "(dhad not running)"
}

HA=2001:db8:1::1
HOA=2001:db8:1::101
HS_LOG_LEVEL=info
HS_HELLO_INTERVAL=200
HS_HELLO_LOSS=5
require_dha
[ -x "$HS_DHAD" ] || fail "dhad not built ($HS_DHAD)"
[ -x "$HS_MNEMU" ] || fail "mnemu not built ($HS_MNEMU)"

say "HA reliability: two home agents sharing $HA (virtual switch)"
hs_topo 2
hs_mn $HA $HOA
hs_mn_reach $HA
hs_conf 1 virtual $HA 30 2
hs_conf 2 virtual $HA 20 1
sed -n '/\[redundancy\]/,/^key/p' "$SCN_TMP/ha1.conf" | grep -v '^key'
hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"

say "The mobile node registers with $HA (mnemu plays it)"
echo "\$ mnemu register --hoa $HOA --coa $HS_COA --ha $HA --seq 1"
in_ns mn "$HS_MNEMU" register --hoa $HOA --coa $HS_COA --ha $HA --seq 1 ||
	fail "registration refused"$'\n'"$(hs_logs)"
wait_until 10 hs_in_cache 2 $HOA || fail "ha2 has no copy: $(hs_logs)"

say "Before: ha1 active with the address and the route, ha2 standby"
show 1
show 2
printf '[ha1] $ ip -6 addr show dev r0 | grep %s\n' "$HA"
hs_addrs 1 | grep "$HA/"

say "The correspondent pings the mobile node every 20 ms; ha1 dies after 1 s"
ping_out=$SCN_TMP/ping.txt
bg_ns cn ping -n -i 0.02 -c 200 -W 1 $HOA >"$ping_out" 2>&1
ping_pid=$BG_PID
_replies() { [ "$(grep -c 'bytes from' "$ping_out")" -ge "$1" ]; }
wait_until 20 _replies 40 || fail "no replies: $(cat "$ping_out")"
echo "ha1: link down, dhad killed (kill -9)"
hs_cut 1
wait_until 15 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
grep -h "redundancy: standby -> active\|takeover:" "$SCN_TMP/ha2.log" |
	sed 's/^/[ha2 log] /'
wait "$ping_pid"

say "The ping across the failover"
tail -n 3 "$ping_out"
lost=$(awk '/packets transmitted/ { print $1 - $4 }' "$ping_out")
echo "$lost replies lost: about $((lost * 20)) ms without traffic, within the" \
	"dead interval of $((HS_HELLO_INTERVAL * HS_HELLO_LOSS)) ms (hello-interval" \
	"$HS_HELLO_INTERVAL ms x hello-loss $HS_HELLO_LOSS) and the takeover"

say "After: ha1 back (a standby now, it withdraws what its kernel kept)"
nip sw link set s1 up
hs_start 1
_clean() { hs_is 1 standby && hs_no_addr 1 $HA; }
wait_until 20 _clean || fail "ha1 did not come back as a standby: $(hs_state 1)"
show 1
show 2
echo "[cn] \$ ping -c 3 $HOA"
in_ns cn ping -n -c 3 -i 0.2 $HOA
hs_stop 1
hs_stop 2
