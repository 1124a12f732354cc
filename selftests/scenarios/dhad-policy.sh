#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The binding policy (binding-policy, binding-policy-default) and a mobile
# router's configured prefixes:
#   - a home address the first matching rule denies gets BA status 129 and
#     no binding, while one the policy allows gets 0; a care-of rule
#     refuses an allowed home address from a denied care-of address, and
#     the binding in place stays; the refusals are counted (policy-denied);
#   - a mobile router the policy allows registers in implicit mode (no
#     Mobile Network Prefix option) and gets its mobile-network prefix
#     routed into dha0;
#   - after SIGHUP the new policy decides the next Binding Updates: a
#     binding it denies is kept, its renewal refused, its deregistration
#     accepted, and a home address it now allows registers.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_links)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip
require_dhad

DENIED_HOA=2001:db8:1::66
MR_HOA=2001:db8:1::300
MNP=2001:db8:300::/48
BAD_COA=2001:db8:2::bad

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
addr mn m_ar $BAD_COA/64
mn_home_setup $HOA $DENIED_HOA $MR_HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
# policy FIRST-RULE: the file, its first rule given.
policy() {
	dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300" "dad = no" \
		"mobile-routers = yes" "mobile-network = $MR_HOA $MNP" \
		"binding-policy-default = deny" \
		"$1" \
		"binding-policy = deny any coa $BAD_COA" \
		"binding-policy = allow 2001:db8:1::/64"
}
policy "binding-policy = deny $DENIED_HOA"
dhad_start ha "$conf" "$sock" "$dlog"

# denied N: policy-denied is N, in the JSON and the text of ha show.
denied() {
	local out
	out=$(dha_in ha -S "$sock" -j ha show)
	grep -q "\"policy-denied\":$1[,}]" <<<"$out" || fail "policy-denied not $1: $out"
	out=$(dha_in ha -S "$sock" ha show)
	grep -qE "policy-denied $1( |\$)" <<<"$out" || fail "ha show lacks policy-denied $1: $out"
}
cache() { dha_in ha -S "$sock" cache show; }

# --- 1. the first matching rule: deny, before the allow of the prefix ---
mn_register deny1 0 --hoa $DENIED_HOA --coa $COA --ha $HA_LOCAL --seq 1 --expect-status 129
grep -q "status 129" "$SCN_TMP/deny1.out" || fail "not 129: $(cat "$SCN_TMP/deny1.out")"
dha_in ha binding show dev dha0 | grep_q "$DENIED_HOA" && fail "binding for $DENIED_HOA installed"
grep -q "BU for $DENIED_HOA seq 1 refused: status 129 (binding-policy)" "$dlog" ||
	fail "refusal not logged: $(tail -n 20 "$dlog")"

# --- 2. an allowed home address: 0 ---
mn_register allow1 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 1 --expect-status 0
dha_in ha binding show dev dha0 | grep_q "$HOA.*$COA" ||
	fail "no binding for $HOA: $(dha_in ha binding show dev dha0)"

# --- 3. the care-of rule: refused, the binding in place untouched ---
mn_register badcoa 0 --hoa $HOA --coa $BAD_COA --ha $HA_LOCAL --seq 2 --expect-status 129
cache | grep_q "^$HOA coa $COA seq 1 " || fail "refused BU changed the binding: $(cache)"
denied 2
log "denied home address 129, allowed one 0, denied care-of 129; policy-denied 2"

# --- 4. a mobile router in implicit mode gets its configured prefix ---
mn_register mr 0 --hoa $MR_HOA --coa $COA --ha $HA_LOCAL --seq 1 --mr --expect-status 0
grep -q "flags R" "$SCN_TMP/mr.out" || fail "BA without R: $(cat "$SCN_TMP/mr.out")"
nip ha -6 route show $MNP | grep_q "dev dha0" ||
	fail "no route of $MNP into dha0: $(nip ha -6 route show)"
dha_in ha -j binding show dev dha0 | grep_q "2001:db8:300::" ||
	fail "configured prefix not in the kernel binding: $(dha_in ha -j binding show dev dha0)"
log "implicit-mode mobile router: $MNP routed into dha0"

# --- 5. reload: $HOA now denied, $DENIED_HOA allowed ---
policy "binding-policy = deny $HOA"
kill -HUP "$DHAD_PID"
_reloaded() { [ "$(grep -c "configuration reloaded" "$dlog")" -ge 1 ]; }
wait_until 10 _reloaded || fail "no reload: $(tail -n 20 "$dlog")"
mn_register renew 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 3 --expect-status 129
cache | grep_q "^$HOA coa $COA seq 1 " || fail "binding denied after reload not kept: $(cache)"
dha_in ha binding show dev dha0 | grep_q "$HOA" || fail "kernel binding of $HOA gone"
mn_register dereg 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 4 --dereg --expect-status 0
cache | grep_q "^$HOA " && fail "deregistration of a denied binding refused: $(cache)"
mn_register allow2 0 --hoa $DENIED_HOA --coa $COA --ha $HA_LOCAL --seq 2 --expect-status 0
denied 3
log "after reload: renewal 129 and binding kept, deregistration 0, newly allowed 0"

dhad_stop
pass
