#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, virtual switch: three dhads share the home agent
# address 2001:db8:1::1 on one home link; ha1 is active.
#   - only the active holds the shared address (proto 135) and the home
#     prefix route in table 100; the standbys start without the address;
#   - three mobile nodes and a mobile router register through reverse
#     tunnels to the shared address; a correspondent behind the router r
#     reaches them, and the router's prefix;
#   - ha1 dies as a host does (dhad killed, its link down): ha2 takes
#     over and holds the address, every binding in its kernel, the proxy
#     entries and the route; its Neighbor Advertisements move the
#     router's entries for the address and the home addresses to it;
#     traffic flows both ways without a mobile node sending anything;
#   - ha1 comes back: standby, and it withdraws what its kernel kept
#     (address, route, bindings, proxy entries); traffic still flows;
#   - SIGTERM of ha2: it withdraws everything before saying goodbye,
#     ha1 takes over, traffic flows.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2 ha3

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
[ -x "$HS_DHAD" ] || skip "dhad not built ($HS_DHAD)"
[ -x "$HS_MNEMU" ] || fail "mnemu not built ($HS_MNEMU)"

HA=2001:db8:1::1
HOAS="2001:db8:1::101 2001:db8:1::102 2001:db8:1::103"
HS_PREFIX_VIA=$HA
hs_topo 3
hs_mn $HA $HOAS $HS_MR_HOA
hs_mn_reach $HA
for n in 1 2 3; do
	peers=$(echo 1 2 3 | tr ' ' '\n' | grep -vx $n | tr '\n' ' ')
	hs_conf $n virtual $HA $((40 - 10 * n)) "$peers"
done

# announced N: ha N holds the address, the route, every binding, its
# dha0 intercepts on the home link (no proxy entry per binding), the
# router's prefix route; withdrawn N: none of that.
announced() {
	local binds a
	hs_has_addr "$1" $HA && hs_has_route "$1" 2001:db8:1::/64 || return 1
	hs_attached "$1" && [ -z "$(hs_proxies "$1")" ] || return 1
	binds=$(hs_kbind "$1")
	for a in $HOAS $HS_MR_HOA; do
		has_line "$binds" "$a coa $HS_COA" || return 1
	done
	[[ $(nip "ha$1" -6 route show $HS_MNP) == *"dev dha0"* ]]
}
withdrawn() {
	hs_no_addr "$1" $HA && [ -z "$(hs_routes "$1")" ] &&
		[ -z "$(hs_kbind "$1")" ] && [ -z "$(hs_proxies "$1")" ] &&
		! hs_attached "$1"
}
# synced N: ha N's cache has every binding.
synced() {
	local cache a
	cache=$(hs_cache "$1")
	for a in $HOAS $HS_MR_HOA; do
		has_line "$cache" "$a " || return 1
	done
}
# traffic: the correspondent reaches a mobile node and the router's
# prefix, and another mobile node the correspondent: both directions of
# the tunnels. The bindings of the others are checked in the kernel.
traffic() {
	hs_ping cn -c 2 -i 0.2 -W 3 2001:db8:1::101
	hs_ping cn -c 2 -i 0.2 -W 3 $HS_MNP_HOST
	hs_ping mn -c 2 -i 0.2 -W 3 -I 2001:db8:1::103 $HS_CN
}

hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
hs_start 3
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"
wait_until 15 hs_is 3 standby || fail "ha3 is $(hs_role 3)"$'\n'"$(hs_logs)"
hs_has_addr 1 $HA || fail "the active has no $HA: $(hs_state 1)"
hs_has_route 1 2001:db8:1::/64 || fail "no home prefix route on ha1: $(hs_state 1)"
for n in 2 3; do
	withdrawn $n || fail "standby ha$n announces: $(hs_state $n)"
done
log "ha1 active with $HA and the prefix route; ha2, ha3 standby without"

# --- registrations through the shared address ---
seq=1
for a in $HOAS; do
	hs_register $HA "$a" --seq $seq
	seq=$((seq + 1))
done
hs_register $HA $HS_MR_HOA --seq 1 --mr --mnp $HS_MNP
wait_until 10 announced 1 || fail "ha1 did not announce everything: $(hs_state 1)"
for n in 2 3; do
	wait_until 10 synced $n || fail "ha$n lacks copies: $(hs_cache $n)"$'\n'"$(hs_logs)"
done
traffic
log "4 registrations at $HA, synchronized; traffic flows through ha1"

# --- ha1 dies as a host does ---
mac2=$(hs_mac 2)
r_resolves $HA "$(hs_mac 1)" || fail "r does not know ha1 as $HA: $(nip r -6 neigh show)"
hs_cut 1
wait_until 15 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
wait_until 10 announced 2 || fail "ha2 did not announce everything: $(hs_state 2)"$'\n'"$(hs_logs)"
# Before any traffic: only the unsolicited advertisements tell r.
for a in $HA 2001:db8:1::101; do
	wait_until 5 r_resolves $a "$mac2" ||
		fail "r did not learn ha2's $mac2 for $a: $(nip r -6 neigh show)"
done
hs_is 3 standby || fail "ha3 is $(hs_role 3)"
withdrawn 3 || fail "ha3 announces: $(hs_state 3)"
traffic
json=$(hs_show 2 -j) || fail "dha -j ha show on ha2"
for want in '"announced":true' '"address-up":true' '"route-table":100' \
	'"routes":["2001:db8:1::/64"]' '"address-added":1,' '"advertised":1,' \
	'"routes-added":1,' '"errors":0'; do
	[[ $json == *"$want"* ]] || fail "ha2's takeover object lacks $want: $json"
done
line=$(hs_show 2)
[[ $line == *"takeover announced address up routes 2001:db8:1::/64 table 100 proto 135 switches-queued 0 errors 0"* ]] ||
	fail "dha ha show on ha2: $line"
grep -q "takeover: $HA/128 up on r0" "$SCN_TMP/ha2.log" || fail "ha2 did not log the address"
log "ha1 gone: ha2 took over and announces"

# --- ha1 comes back: standby, withdraws what its kernel kept ---
hs_has_addr 1 $HA && has_line "$(hs_kbind 1)" "2001:db8:1::101 coa" ||
	fail "the dead ha1's kernel lost its state already: $(hs_state 1)"
nip sw link set s1 up
hs_start 1
wait_until 15 hs_is 1 standby || fail "ha1 came back as $(hs_role 1)"$'\n'"$(hs_logs)"
wait_until 10 withdrawn 1 || fail "ha1 kept state as a standby: $(hs_state 1)"$'\n'"$(hs_logs)"
hs_is 2 active || fail "ha2 lost the role"$'\n'"$(hs_logs)"
announced 2 || fail "ha2 no longer announces everything: $(hs_state 2)"
wait_until 10 synced 1 || fail "ha1 lacks copies: $(hs_cache 1)"$'\n'"$(hs_logs)"
traffic
log "ha1 back: standby, its stale address, route, bindings and proxies withdrawn"

# --- clean switch: SIGTERM of ha2 ---
hs_stop 2
withdrawn 2 || fail "ha2 left state behind: $(hs_state 2)"
wait_until 10 hs_is 1 active || fail "ha1 did not take over from ha2"$'\n'"$(hs_logs)"
wait_until 10 announced 1 || fail "ha1 did not announce everything: $(hs_state 1)"$'\n'"$(hs_logs)"
hs_is 3 standby || fail "ha3 is $(hs_role 3)"
traffic
log "ha2 stopped: it withdrew first, ha1 took over"

hs_stop 1
hs_stop 3
pass
