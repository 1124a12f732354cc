#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home prefix lifetimes and renumbering through dhad (RFC 6275 10.3.1,
# 10.6): prefix-valid-lifetime and prefix-preferred-lifetime.
#   - with the defaults, a registration gets status 0 and the lifetime
#     asked, up to max-lifetime;
#   - a reload that shortens the prefix lifetimes sends the registered
#     mobile node an unsolicited Mobile Prefix Advertisement with the
#     new lifetimes, through a type 2 routing header via its care-of
#     address, and retransmits it (same identifier) while unacknowledged;
#   - the mobile node's Binding Update acknowledges it, with status 1
#     (prefix discovery necessary), and no retransmission comes after it;
#   - a solicitation gets the new lifetimes; a binding within the
#     prefix's lifetime gets status 0 again, a longer one status 1 and
#     the prefix's valid lifetime; a reload that changes no prefix
#     information advertises nothing, and preferred above valid is
#     refused.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_basic)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump
require_dhad

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
mn_home_setup $HOA
# Not "type 147": 6.1 reads the type at the wrong offset behind an RH2.
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto ipv6-icmp \
	tmpl proto route2 mode ro level use || fail "MN xfrm policy for MPA"

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 600"
dhad_start ha "$conf" "$sock" "$dlog"
pid=$DHAD_PID
MN_ARGS=(--hoa "$HOA" --coa "$COA" --ha "$HA_LOCAL")

# --- 1. the defaults: status 0, the lifetime asked ---
mn_register reg1 0 "${MN_ARGS[@]}" --seq 1 --lifetime 400 --expect-status 0
grep -q "status 0 accepted seq 1 lifetime 400" "$SCN_TMP/reg1.out" ||
	fail "BA not status 0 lifetime 400: $(cat "$SCN_TMP/reg1.out")"

# --- 2. a reload with shorter lifetimes: an unsolicited MPA, twice ---
cap_start mpa mn m_ar ip6 and src $HA_LOCAL
bg_ns mn "$MNEMU" mps "${MN_ARGS[@]}" --unsolicited --count 2 --timeout 60 \
	--expect-prefix 2001:db8:1::/64 >"$SCN_TMP/mpa.out" 2>"$SCN_TMP/mpa.err"
MPA_PID=$BG_PID
wait_until 20 grep -q listening "$SCN_TMP/mpa.err" ||
	fail "mnemu mps does not listen: $(cat "$SCN_TMP/mpa.err")"
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 600" \
	"prefix-valid-lifetime = 120" "prefix-preferred-lifetime = 60"
kill -HUP "$pid"
wait "$MPA_PID"
rc=$?
[ "$rc" = 0 ] ||
	fail "unsolicited MPAs: exit $rc: $(cat "$SCN_TMP/mpa.out" "$SCN_TMP/mpa.err")"$'\n'"$(cat "$dlog")"

# --- 3. the Binding Update acknowledges: status 1 even within the
# prefix's lifetime, as the mobile node has not solicited yet. Sent at
# once: the third transmission is due 9 s after the first. ---
mn_register reg2 0 "${MN_ARGS[@]}" --seq 2 --lifetime 100 --expect-status 1
grep -q "status 1 accepted-prefix-discovery seq 2 lifetime 100" "$SCN_TMP/reg2.out" ||
	fail "BA not status 1 lifetime 100: $(cat "$SCN_TMP/reg2.out")"
T_ACK=$SECONDS

log "mpa: $(tr '\n' ';' <"$SCN_TMP/mpa.out")"
[ "$(grep -c "prefix 2001:db8:1::/64 flags LA valid 120 preferred 60 tries 0" "$SCN_TMP/mpa.out")" = 2 ] ||
	fail "MPAs without the new lifetimes: $(cat "$SCN_TMP/mpa.out")"
ids=$(sed -n 's/.* id \([0-9]*\) .*/\1/p' "$SCN_TMP/mpa.out" | sort -u | wc -l)
[ "$ids" = 1 ] || fail "a retransmission with another identifier: $(cat "$SCN_TMP/mpa.out")"
grep -q "the home prefix information changed" "$dlog" || fail "no change logged: $(cat "$dlog")"
# On the wire: to the care-of address, the home address in the RH2.
_on_wire() { cap_has mpa "$HA_LOCAL > $COA: RT6 .*type=2.*$HOA\).*ICMP6, mobile router advertisement"; }
wait_until 5 _on_wire || fail "no MPA on the wire: $(cap_text mpa -v)"
cap_text mpa -v | grep -q "2001:db8:1::/64, .*valid time 120s, pref. time 60s" ||
	fail "MPA on the wire without the new lifetimes: $(cap_text mpa -v)"
log "wire: $(cap_text mpa | head -1)"
out=$(dha_in ha -S "$sock" cache show)
grep -q "^$HOA coa $COA seq 2 " <<<"$out" || fail "cache show: $out"
out=$(dha_in ha -S "$sock" -j ha show)
"$PYTHON" -c 'import json, sys; d = json.load(sys.stdin)
sys.exit(0 if (d.get("prefix-valid-lifetime"), d.get("prefix-preferred-lifetime")) == (120, 60) else 1)' <<<"$out" ||
	fail "ha show lacks the new lifetimes: $out"
# No third transmission after the acknowledgement (due 9 s after the first).
[ $((SECONDS - T_ACK)) -ge 10 ] || sleep $((10 - (SECONDS - T_ACK)))
n=$(grep -c "unsolicited Mobile Prefix Advertisement" "$dlog")
[ "$n" = 2 ] || fail "$n transmissions, expected 2: $(grep "Mobile Prefix" "$dlog")"
[ "$(cap_text mpa | grep -c "mobile router advertisement")" = 2 ] ||
	fail "MPAs after the acknowledgement: $(cap_text mpa)"
cap_stop mpa

# --- 4. solicited: the new lifetimes; status 0 within them ---
in_ns mn "$MNEMU" mps "${MN_ARGS[@]}" --expect-prefix 2001:db8:1::/64 \
	>"$SCN_TMP/mps.out" 2>&1 || fail "mps: $(cat "$SCN_TMP/mps.out")"
grep -q "valid 120 preferred 60" "$SCN_TMP/mps.out" ||
	fail "solicited MPA without the new lifetimes: $(cat "$SCN_TMP/mps.out")"
mn_register reg3 0 "${MN_ARGS[@]}" --seq 3 --lifetime 100 --expect-status 0
grep -q "status 0 accepted seq 3 lifetime 100" "$SCN_TMP/reg3.out" ||
	fail "BA not status 0 lifetime 100: $(cat "$SCN_TMP/reg3.out")"
# Longer than the prefix's valid lifetime: capped, status 1.
mn_register reg4 0 "${MN_ARGS[@]}" --seq 4 --lifetime 600 --expect-status 1
grep -q "status 1 accepted-prefix-discovery seq 4 lifetime 120" "$SCN_TMP/reg4.out" ||
	fail "not capped: $(cat "$SCN_TMP/reg4.out")"

# --- 5. a reload that changes no prefix information: nothing sent ---
kill -HUP "$pid"
_two_reloads() { [ "$(grep -c "configuration reloaded" "$dlog")" -ge 2 ]; }
wait_until 10 _two_reloads || fail "second reload: $(cat "$dlog")"
sleep 1
[ "$(grep -c "the home prefix information changed" "$dlog")" = 1 ] ||
	fail "an unchanged reload advertised: $(cat "$dlog")"

# A bad value keeps the running configuration.
dhad_conf "$conf" $HA_LOCAL "prefix-valid-lifetime = 60" "prefix-preferred-lifetime = 61"
kill -HUP "$pid"
wait_until 10 grep -q "prefix-preferred-lifetime must be at most prefix-valid-lifetime (60 s)" "$dlog" ||
	fail "bad lifetimes not refused: $(cat "$dlog")"

dhad_stop
pass
