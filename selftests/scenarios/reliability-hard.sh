#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, hard switch: two dhads on one home link, each with its
# own home agent address (2001:db8:1::11, ::12); ha1 is active.
#   - three mobile nodes register at ha1, synchronized to ha2;
#   - ha1 dies as a host does (dhad killed, its link down): ha2 takes
#     over, commits the bindings and sends each mobile node a Home Agent
#     Switch naming ha2, from ha2, paced by switch-rate (4 a second);
#   - two mobile nodes follow at once (mnemu listen --follow), the third
#     ignores the first message: meanwhile ha2 keeps its binding in the
#     kernel and intercepts its home address, and retransmits 5 s later;
#   - each re-registers at ha2; with their tunnel moved to ha2, traffic
#     flows both ways through ha2; ha2's counters show 3 sent, 1
#     retransmitted, 3 answered, 3 queued by the takeover.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
[ -x "$HS_DHAD" ] || skip "dhad not built ($HS_DHAD)"
[ -x "$HS_MNEMU" ] || fail "mnemu not built ($HS_MNEMU)"

HA1=$(hs_local 1)
HA2=$(hs_local 2)
HOAS="2001:db8:1::101 2001:db8:1::102 2001:db8:1::103"
LATE=2001:db8:1::103		# ignores the first Home Agent Switch
RATE=4
hs_topo 2
hs_mn $HA1 $HOAS
hs_mn_reach $HA1
hs_mn_reach $HA2
hs_conf 1 hard $HA1 30 2 "switch-rate = $RATE"
hs_conf 2 hard $HA2 20 1 "switch-rate = $RATE"

hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"
seq=1
for a in $HOAS; do
	hs_register $HA1 "$a" --seq $seq
	seq=$((seq + 1))
done
synced() {
	local cache a
	cache=$(hs_cache 2)
	for a in $HOAS; do
		has_line "$cache" "$a coa $HS_COA" || return 1
	done
}
wait_until 10 synced || fail "ha2 lacks copies: $(hs_cache 2)"$'\n'"$(hs_logs)"
hs_has_route 1 2001:db8:1::/64 || fail "no home prefix route on ha1: $(hs_state 1)"
hs_ping cn -c 2 -i 0.2 -W 3 2001:db8:1::101
log "3 mobile nodes registered at ha1, synchronized to ha2"

# The mobile nodes wait for a Home Agent Switch from anyone; the capture
# on r's link to them shows when each left ha2.
HAS_FILTER="ip6 and ip6[6] == 43 and ip6[40] == 135 and ip6[66] == 12"
cap_start mn r rm "$HAS_FILTER"
declare -A LISTEN=()
for a in $HOAS; do
	ignore=0
	[ "$a" = $LATE ] && ignore=1
	bg_ns mn "$HS_MNEMU" listen --hoa "$a" --coa $HS_COA --ignore $ignore \
		--follow --timeout 40 --json >"$SCN_TMP/listen-$a.out" 2>"$SCN_TMP/listen-$a.err"
	LISTEN[$a]=$BG_PID
done
for a in $HOAS; do
	wait_until 20 grep -q listening "$SCN_TMP/listen-$a.err" ||
		fail "mnemu listen for $a did not start: $(cat "$SCN_TMP/listen-$a.err")"
done

# --- ha1 dies ---
hs_cut 1
wait_until 15 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
hs_has_route 2 2001:db8:1::/64 || fail "no home prefix route on ha2: $(hs_state 2)"

# The late one: served by ha2 meanwhile, and told again.
_done() { ! kill -0 "${LISTEN[$1]}" 2>/dev/null; }
for a in $HOAS; do
	[ "$a" = $LATE ] && continue
	wait_until 20 _done "$a" || fail "$a did not follow: $(cat "$SCN_TMP/listen-$a.out")"$'\n'"$(hs_logs)"
done
has_line "$(hs_kbind 2)" "$LATE coa $HS_COA" ||
	fail "ha2 does not serve $LATE meanwhile: $(hs_state 2)"
hs_attached 2 || fail "ha2 does not intercept $LATE: $(hs_state 2)"
wait_until 20 _done $LATE || fail "$LATE did not follow: $(cat "$SCN_TMP/listen-$LATE.out")"$'\n'"$(hs_logs)"
for a in $HOAS; do
	wait "${LISTEN[$a]}" || fail "mnemu listen for $a exited $?: $(cat "$SCN_TMP/listen-$a.out" "$SCN_TMP/listen-$a.err")"$'\n'"$(hs_logs)"
	out=$(cat "$SCN_TMP/listen-$a.out")
	last=$(tail -n 1 <<<"$out")
	# A Home Agent Switch from ha2 naming ha2, then a registration there
	# (after a 135: the synchronized binding's sequence number), and no
	# deregistration: the sender is where it registers.
	[[ $out == *"\"from\":\"$HA2\""*"\"home_agents\":[\"$HA2\"]"* ]] ||
		fail "$a: not a switch from ha2 to ha2: $out"
	[[ $last == "{\"ha\":\"$HA2\","*'"status":0,'* &&
	   $last != *'"lifetime":0,'* && $out != *"\"ha\":\"$HA1\""* ]] ||
		fail "$a: not registered at ha2 alone: $out"
done
log "every mobile node got a Home Agent Switch from ha2 and registered there"

# Paced: the three first transmissions at most RATE a second.
cap_stop mn
times=$(tcpdump -n -tt -r "$SCN_TMP/mn.pcap" "$HAS_FILTER" 2>/dev/null | cut -d' ' -f1)
[ "$(grep -c . <<<"$times")" = 4 ] ||
	fail "not 4 Home Agent Switch messages on the wire: $(cap_text mn)"
spread=$(awk 'NR == 1 { a = $1 } NR == 3 { printf "%d", ($1 - a) * 1000 }' <<<"$times")
[ "$spread" -ge $((2 * 1000 * 8 / 10 / RATE)) ] ||
	fail "3 messages within $spread ms at switch-rate $RATE"
log "paced: the first three within $spread ms"

json=$(hs_show 2 -j) || fail "dha -j ha show on ha2"
for want in '"sent":3,' '"retransmitted":1,' '"answered":3,' '"pending":0,' \
	'"switches-queued":3,' '"announced":true'; do
	[[ $json == *"$want"* ]] || fail "ha2 lacks $want: $json"
done
grep -q "hard switch: Home Agent Switch naming $HA2 queued for 3 mobile nodes" \
	"$SCN_TMP/ha2.log" || fail "ha2 did not log the switch: $(hs_logs)"

# The mobile nodes' tunnel follows their home agent.
nip mn -6 tunnel change mip6 mode ip6ip6 local $HS_COA remote $HA2 encaplimit none ||
	fail "moving the tunnel to ha2"
hs_ping cn -c 2 -i 0.2 -W 3 2001:db8:1::101
hs_ping mn -c 2 -i 0.2 -W 3 -I $LATE $HS_CN
log "traffic flows through ha2"

hs_stop 2
pass
