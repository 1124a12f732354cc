#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home registration through dhad: the mobile node emulator registers from
# its care-of address and dhad answers over its Mobility Header socket.
#   - dhad installs the hao xfrm state and the MH policy at start and
#     removes them on exit;
#   - an accepted BU gets BA status 0, a kernel binding HoA -> CoA and a
#     cache entry with the sequence number and flags; the dha device,
#     attached to the home link, intercepts for it, with no route of the
#     HoA: a correspondent's ping reaches the mobile node through the
#     tunnel and back;
#   - a home address outside the prefix gets 132, a stale sequence number
#     135 (with dhad's number), a deregistration removes the binding.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_basic)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip ping
require_dhad

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN

OUT_HOA=2001:db8:9::100
mn_home_setup $HOA $OUT_HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300"
dhad_start ha "$conf" "$sock" "$dlog"
kill -0 "$DHAD_PID" 2>/dev/null || fail "dhad died: $(cat "$dlog")"

# --- the HA's xfrm state and policy, installed by dhad ---
nip ha xfrm state show | grep_q "proto dstopts\|proto hao" ||
	fail "no hao state: $(nip ha xfrm state show)"$'\n'"$(cat "$dlog")"
nip ha xfrm state show | grep_q "wildrecv" || fail "hao state without wildrecv: $(nip ha xfrm state show)"
nip ha xfrm policy show | grep_q "proto 135\|proto mobility-header\|proto ipv6-mh" ||
	fail "no MH policy: $(nip ha xfrm policy show)"
log "xfrm: $(nip ha xfrm state show | head -1) / $(nip ha xfrm policy show | head -1)"

MN_ARGS=(--hoa "$HOA" --coa "$COA" --ha "$HA_LOCAL")

# --- 1. registration: BA 0, kernel binding, cache, route ---
mn_register reg1 0 "${MN_ARGS[@]}" --seq 10 --lifetime 600 --tunnel mip6 --expect-status 0
grep -q "status 0 accepted seq 10 lifetime 300" "$SCN_TMP/reg1.out" ||
	fail "BA not status 0, lifetime 300: $(cat "$SCN_TMP/reg1.out")"
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA.*$COA" <<<"$out" || fail "binding show lacks $HOA -> $COA: $out"
log "binding show: $out"
out=$(dha_in ha -S "$sock" cache show)
grep -q "^$HOA coa $COA seq 10 flags [A-Z]*H" <<<"$out" || fail "cache show: $out"
grep -q "restored" <<<"$out" && fail "fresh entry marked restored: $out"
log "cache show: $out"
nip ha -6 route show $HOA/128 | grep_q "dev dha0" &&
	fail "a route of $HOA into dha0: $(nip ha -6 route show)"
dha_in ha link show dev dha0 | grep_q "home-link home0 home-prefix 2001:db8:1::/64" ||
	fail "dha0 does not intercept on home0: $(dha_in ha link show dev dha0)"

# --- 2. a correspondent reaches the home address through the tunnel ---
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
ping_ok cn -c 3 -W 2 -i 0.2 $HOA
log "CN ping $HOA through the tunnel: ok"

# --- 3. a home address outside the home prefix: 132 ---
mn_register reg2 0 --hoa $OUT_HOA --coa $COA --ha $HA_LOCAL --seq 1 --expect-status 132
grep -q "status 132" "$SCN_TMP/reg2.out" || fail "not 132: $(cat "$SCN_TMP/reg2.out")"
dha_in ha binding show dev dha0 | grep_q "$OUT_HOA" && fail "binding for $OUT_HOA installed"

# --- 4. a stale sequence number: 135 with dhad's number ---
mn_register reg3 0 "${MN_ARGS[@]}" --seq 9 --expect-status 135
grep -q "status 135 .* seq 10 " "$SCN_TMP/reg3.out" || fail "135 without seq 10: $(cat "$SCN_TMP/reg3.out")"
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 10 " || fail "stale BU changed the cache"

# --- 5. renewal, then deregistration removes the binding and the route ---
mn_register reg4 0 "${MN_ARGS[@]}" --seq 11 --expect-status 0
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 11 " || fail "renewal not cached: $(dha_in ha -S "$sock" cache show)"
nip mn -6 route replace default via $AR_MN dev m_ar || fail "MN default route back"
mn_register reg5 0 "${MN_ARGS[@]}" --seq 12 --dereg --tunnel mip6 --expect-status 0
grep -q "status 0 accepted seq 12 lifetime 0" "$SCN_TMP/reg5.out" || fail "dereg BA: $(cat "$SCN_TMP/reg5.out")"
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA" <<<"$out" && fail "binding left after deregistration: $out"
dha_in ha -S "$sock" cache show | grep_q "$HOA" && fail "cache entry left after deregistration"
# Deregistering again: no binding, 133.
mn_register reg6 0 "${MN_ARGS[@]}" --seq 13 --dereg --expect-status 133


# --- exit: the state and policy dhad added are gone ---
dhad_stop
[ -z "$(nip ha xfrm state show)" ] || fail "xfrm state left after exit: $(nip ha xfrm state show)"
[ -z "$(nip ha xfrm policy show)" ] || fail "xfrm policy left after exit: $(nip ha xfrm policy show)"
pass
