#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability and home agent discovery, hard switch: two dhads on one
# home link sending Router Advertisements, ha1 (::11) active, ha2 (::12)
# standby.
#   - the standby's advertisements have no H flag, so ha1's Home Agents
#     List does not hold it; ha2's holds ha1, from its Hellos (draft
#     7.2.4), shown with "peer";
#   - DHAAD Requests to the home prefix's anycast address, answered by
#     whichever member the router sends them to, list exactly ha1, also
#     when the router is made to send them to the standby;
#   - ha1 dies as a host does: ha2 takes over, drops ha1 from its list
#     at once (not when its advertised lifetime runs out) and its answer
#     lists itself alone.
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
PREFIX=2001:db8:1::/64
ANYCAST=2001:db8:1:0:fdff:ffff:ffff:fffe
hs_topo 2
route mn default via $HS_R_MN
# Advertisements about every second, so that a standby's would be heard.
for n in 1 2; do
	hs_conf $n hard "$(hs_local $n)" $((40 - 10 * n)) $((3 - n)) \
		"[router-advertisement]" "send = yes" \
		"min-interval = 0.3" "max-interval = 1"
done

# lists N ADDR: ha N's Home Agents List holds ADDR (not as itself).
lists() { [[ $(hs_show "$1") =~ $'\n'\ +"$2"\ (link-local|peer)\  ]]; }
unlists() { ! lists "$@"; }
# dhaad ID ADDR...: a Request from the mobile node; the Reply must list
# exactly the ADDRs, in order. mnemu's output stays in DHAAD_OUT.
dhaad() {
	local id=$1 a expect=()
	shift
	for a in "$@"; do expect+=(--expect "$a"); done
	DHAAD_OUT=$(in_ns mn "$HS_MNEMU" dhaad --prefix $PREFIX --coa $HS_COA \
		--timeout 30 "${expect[@]}" 2>&1) ||
		fail "$id: DHAAD Reply not exactly $*: $DHAAD_OUT"$'\n'"$(hs_logs)"
	log "$id: $DHAAD_OUT"
}

hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"

# --- 1. the lists: the active in the standby's, not the other way ---
# ha2 has advertised a few times by then (the first at once, then < 1 s).
sleep 3
unlists 1 $HA2 || fail "ha1 lists the standby ha2: $(hs_show 1)"$'\n'"$(hs_logs)"
wait_until 10 lists 2 $HA1 ||
	fail "ha2 does not list the active ha1: $(hs_show 2)"$'\n'"$(hs_logs)"
[[ $(hs_show 2) =~ $'\n'\ +"$HA1 peer $HA1 preference 30 " ]] ||
	fail "ha2's entry of ha1 is not from its Hellos: $(hs_show 2)"
log "ha2 lists ha1 from its Hellos; ha1 does not list the standby"

# --- 2. DHAAD: the active alone, whoever answers ---
for i in 1 2 3; do dhaad dhaad$i $HA1; done
# The router resolves the anycast address to one member: ha2 for now.
nip r -6 neigh replace $ANYCAST lladdr "$(hs_mac 2)" dev r0 nud permanent ||
	fail "the anycast address to ha2 on r"
dhaad standby $HA1
[[ $DHAAD_OUT == *"Reply from $HA2 "* ]] || fail "the Reply is not the standby's: $DHAAD_OUT"
nip r -6 neigh del $ANYCAST dev r0 || fail "the anycast entry on r"

# --- 3. ha1 dies: ha2 serves, and says so ---
hs_cut 1
wait_until 15 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
wait_until 5 unlists 2 $HA1 ||
	fail "ha2 still lists the dead ha1: $(hs_show 2)"$'\n'"$(hs_logs)"
dhaad dhaad4 $HA2
hs_stop 2
pass
