#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home registration through dhad: the mobile node emulator registers from
# its care-of address and dhad answers over its Mobility Header socket.
#   - dhad installs the hao xfrm state and the MH policy at start and
#     removes them on exit;
#   - an accepted BU gets BA status 0, a kernel binding HoA -> CoA, a cache
#     entry with the sequence number and flags, and a route of the HoA
#     into the dha device: a correspondent's ping reaches the mobile node
#     through the tunnel and back;
#   - a home address outside the prefix gets 132, a stale sequence number
#     135 (with dhad's number), a deregistration removes the binding and
#     the route.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_basic)

. "$(dirname "$0")/../lib/scenario.sh"

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}

require_dha
require_cmd ip ping
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU): make -C selftests/mnemu"

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN

# The MN side (selftests/mnemu/README.md): the home address flagged
# "home", and the route2 state and policy that let the BA's RH2 through.
OUT_HOA=2001:db8:9::100
for a in $HOA $OUT_HOA; do
	nip mn -6 addr add $a/128 dev lo home nodad || fail "home address $a on lo"
done
nip mn xfrm state add src :: dst :: proto route2 mode ro coa :: flag wildrecv 2>"$SCN_TMP/xfrm.err" ||
	{ grep -qi "not supported" "$SCN_TMP/xfrm.err" && skip "no MIPv6 xfrm types (CONFIG_IPV6_MIP6)"
	  fail "MN xfrm state route2: $(cat "$SCN_TMP/xfrm.err")"; }
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto 135 \
	tmpl proto route2 mode ro level use || fail "MN xfrm policy"

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
cat >"$conf" <<EOC
[home-agent]
home-link = home0
prefix = 2001:db8:1::/64
address = $HA_LOCAL
device = dha0
max-lifetime = 300
[daemon]
log-level = debug
EOC

bg_ns ha "$DHAD" -f -c "$conf" -S "$sock" 2>>"$dlog"
DHAD_PID=$BG_PID
_answers() { in_ns ha "$DHA" -S "$sock" ha show >/dev/null 2>&1; }
wait_until 20 _answers || fail "dhad does not answer:"$'\n'"$(cat "$dlog")"
kill -0 "$DHAD_PID" 2>/dev/null || fail "dhad died: $(cat "$dlog")"

# --- the HA's xfrm state and policy, installed by dhad ---
nip ha xfrm state show | grep_q "proto dstopts\|proto hao" ||
	fail "no hao state: $(nip ha xfrm state show)"$'\n'"$(cat "$dlog")"
nip ha xfrm state show | grep_q "wildrecv" || fail "hao state without wildrecv: $(nip ha xfrm state show)"
nip ha xfrm policy show | grep_q "proto 135\|proto mobility-header\|proto ipv6-mh" ||
	fail "no MH policy: $(nip ha xfrm policy show)"
log "xfrm: $(nip ha xfrm state show | head -1) / $(nip ha xfrm policy show | head -1)"

MN_ARGS=(--hoa "$HOA" --coa "$COA" --ha "$HA_LOCAL")

# register ID EXPECTED_RC ARGS...: the emulator's output in $SCN_TMP/ID.out
register() {
	local id=$1 want=$2 rc
	shift 2
	in_ns mn "$MNEMU" register "$@" >"$SCN_TMP/$id.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] ||
		fail "register $*: exit $rc, expected $want: $(cat "$SCN_TMP/$id.out")"$'\n'"$(cat "$dlog")"
	log "$id: $(cat "$SCN_TMP/$id.out")"
}

# --- 1. registration: BA 0, kernel binding, cache, route ---
register reg1 0 "${MN_ARGS[@]}" --seq 10 --lifetime 600 --tunnel mip6 --expect-status 0
grep -q "status 0 accepted seq 10 lifetime 300" "$SCN_TMP/reg1.out" ||
	fail "BA not status 0, lifetime 300: $(cat "$SCN_TMP/reg1.out")"
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA.*$COA" <<<"$out" || fail "binding show lacks $HOA -> $COA: $out"
log "binding show: $out"
out=$(dha_in ha -S "$sock" cache show)
grep -q "^$HOA coa $COA seq 10 flags [A-Z]*H" <<<"$out" || fail "cache show: $out"
grep -q "restored" <<<"$out" && fail "fresh entry marked restored: $out"
log "cache show: $out"
nip ha -6 route show $HOA/128 | grep_q "dev dha0" ||
	fail "no route of $HOA into dha0: $(nip ha -6 route show)"

# --- 2. a correspondent reaches the home address through the tunnel ---
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
ping_ok cn -c 3 -W 2 -i 0.2 $HOA
log "CN ping $HOA through the tunnel: ok"

# --- 3. a home address outside the home prefix: 132 ---
register reg2 0 --hoa $OUT_HOA --coa $COA --ha $HA_LOCAL --seq 1 --expect-status 132
grep -q "status 132" "$SCN_TMP/reg2.out" || fail "not 132: $(cat "$SCN_TMP/reg2.out")"
dha_in ha binding show dev dha0 | grep_q "$OUT_HOA" && fail "binding for $OUT_HOA installed"

# --- 4. a stale sequence number: 135 with dhad's number ---
register reg3 0 "${MN_ARGS[@]}" --seq 9 --expect-status 135
grep -q "status 135 .* seq 10 " "$SCN_TMP/reg3.out" || fail "135 without seq 10: $(cat "$SCN_TMP/reg3.out")"
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 10 " || fail "stale BU changed the cache"

# --- 5. renewal, then deregistration removes the binding and the route ---
register reg4 0 "${MN_ARGS[@]}" --seq 11 --expect-status 0
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 11 " || fail "renewal not cached: $(dha_in ha -S "$sock" cache show)"
nip mn -6 route replace default via $AR_MN dev m_ar || fail "MN default route back"
register reg5 0 "${MN_ARGS[@]}" --seq 12 --dereg --tunnel mip6 --expect-status 0
grep -q "status 0 accepted seq 12 lifetime 0" "$SCN_TMP/reg5.out" || fail "dereg BA: $(cat "$SCN_TMP/reg5.out")"
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA" <<<"$out" && fail "binding left after deregistration: $out"
dha_in ha -S "$sock" cache show | grep_q "$HOA" && fail "cache entry left after deregistration"
nip ha -6 route show $HOA/128 | grep_q dha0 && fail "route of $HOA left after deregistration"
# Deregistering again: no binding, 133.
register reg6 0 "${MN_ARGS[@]}" --seq 13 --dereg --expect-status 133


# --- exit: the state and policy dhad added are gone ---
kill -TERM "$DHAD_PID"
wait "$DHAD_PID"
rc=$?
[ "$rc" = 0 ] || fail "dhad exited $rc: $(cat "$dlog")"
[ -z "$(nip ha xfrm state show)" ] || fail "xfrm state left after exit: $(nip ha xfrm state show)"
[ -z "$(nip ha xfrm policy show)" ] || fail "xfrm policy left after exit: $(nip ha xfrm policy show)"
pass
