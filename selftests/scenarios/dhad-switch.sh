#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home Agent Switch (RFC 5142) through dhad:
#   - the mobile node registers at HA1 (dhad); "dha ha switch HOA to HA2"
#     on HA1's control socket sends it a Home Agent Switch naming HA2, to
#     the care-of address with a type 2 routing header, like a BA;
#   - the mobile node ignores the first one: HA1 retransmits it
#     INITIAL-HA-SWITCH-TIMEOUT (5 s) later, and the capture shows both;
#   - in between, a renewal at HA1 is refused with 129;
#   - the mobile node answers (mnemu listen --follow): it deletes its
#     binding at HA1 and registers at HA2, a second dhad; HA1's counters
#     show one message sent, one retransmitted, one answered, none pending;
#   - errors exit 1 with one line: no binding, a home agent's own address,
#     a bad address, no dhad on the socket.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_links)
#               │
#              ha2            2001:db8:5::1, its own home link 2001:db8:1::/64

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump
require_dhad

HA2=2001:db8:5::1
AR_HA2=2001:db8:5::2

topo_links
ns_add ha2 1
veth ar a_ha2 ha2 h2_ar
veth ha2 home0 ha2 home1
addr ar a_ha2 $AR_HA2/64
addr ha2 h2_ar $HA2/64
addr ha2 home0 2001:db8:1::2/64
route ha2 default via $AR_HA2
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN

mn_home_setup $HOA

# start_dhad NS ADDRESS: a dhad serving 2001:db8:1::/64 in NS; its socket
# is $SCN_TMP/NS.sock, its log $SCN_TMP/NS.log, its pid in $DHAD_PID.
start_dhad() {
	dhad_conf "$SCN_TMP/$1.conf" "$2" "max-lifetime = 300" "switch-rate = 10"
	dhad_start "$1" "$SCN_TMP/$1.conf" "$SCN_TMP/$1.sock" "$SCN_TMP/$1.log"
}
start_dhad ha $HA_LOCAL
HA1_PID=$DHAD_PID
start_dhad ha2 $HA2
HA2_PID=$DHAD_PID
SOCK1=$SCN_TMP/ha.sock
SOCK2=$SCN_TMP/ha2.sock
logs() { printf '%s\n' "--- ha:" "$(cat "$SCN_TMP/ha.log")" "--- ha2:" "$(cat "$SCN_TMP/ha2.log")"; }

# Home Agent Switch messages on their way to the MN: IPv6, then a type 2
# routing header (24 octets), then the MH of type 12.
HAS_FILTER="ip6 and ip6[6] == 43 and ip6[40] == 135 and ip6[66] == 12"
cap_start mn ar a_mn

# --- 1. the MN registers at HA1 ---
MN=(--hoa "$HOA" --coa "$COA")
in_ns mn "$MNEMU" register "${MN[@]}" --ha $HA_LOCAL --seq 10 \
	>"$SCN_TMP/reg.out" 2>&1 || fail "register at HA1: $(cat "$SCN_TMP/reg.out")"$'\n'"$(logs)"
dha_in ha -S "$SOCK1" cache show | grep_q "^$HOA coa $COA seq 10 " ||
	fail "HA1 has no binding: $(dha_in ha -S "$SOCK1" cache show)"

# --- 2. the switch; the MN ignores the first message ---
bg_ns mn "$MNEMU" listen "${MN[@]}" --ha $HA_LOCAL --ignore 1 --follow --json \
	>"$SCN_TMP/listen.out" 2>"$SCN_TMP/listen.err"
LISTEN_PID=$BG_PID
wait_until 20 grep -q "listening" "$SCN_TMP/listen.err" ||
	fail "mnemu listen did not start: $(cat "$SCN_TMP/listen.err")"
out=$(in_ns ha "$DHA" -S "$SOCK1" ha switch $HOA to $HA2 2>&1) ||
	fail "dha ha switch: $out"$'\n'"$(logs)"
[ -z "$out" ] || fail "dha ha switch printed: $out"
wait_until 10 grep -q '"n":1,' "$SCN_TMP/listen.out" ||
	fail "no Home Agent Switch at the MN: $(cat "$SCN_TMP/listen.out" "$SCN_TMP/listen.err")"$'\n'"$(logs)"

# --- 3. a renewal at HA1 meanwhile: 129 ---
in_ns mn "$MNEMU" register "${MN[@]}" --ha $HA_LOCAL --seq 11 --expect-status 129 \
	>"$SCN_TMP/renew.out" 2>&1 || fail "renewal not refused with 129: $(cat "$SCN_TMP/renew.out")"
log "renewal: $(cat "$SCN_TMP/renew.out")"

# --- 4. the retransmission, and the answer ---
_listen_done() { ! kill -0 "$LISTEN_PID" 2>/dev/null; }
wait_until 40 _listen_done || fail "mnemu listen still running: $(cat "$SCN_TMP/listen.out")"$'\n'"$(logs)"
wait "$LISTEN_PID"
rc=$?
log "listen: $(cat "$SCN_TMP/listen.out")"
[ "$rc" = 0 ] || fail "mnemu listen exited $rc: $(cat "$SCN_TMP/listen.out" "$SCN_TMP/listen.err")"$'\n'"$(logs)"
# Two messages naming HA2, the first ignored, 5 s apart (a slow guest
# may add to that, never take from it); then BA 0 from HA1 (deleted)
# and from HA2 (registered).
"$PYTHON" - "$SCN_TMP/listen.out" "$HA_LOCAL" "$HA2" <<'EOP' || fail "listen output: $(cat "$SCN_TMP/listen.out")"
import ipaddress, json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ha1, ha2 = (ipaddress.ip_address(a) for a in sys.argv[2:4])
has = [l for l in lines if "has" in l]
bas = [l for l in lines if "status" in l]
assert len(has) == 2, has
assert [h["n"] for h in has] == [1, 2] and [h["ignored"] for h in has] == [True, False], has
for h in has:
    assert ipaddress.ip_address(h["has"]["from"]) == ha1, h
    assert [ipaddress.ip_address(a) for a in h["has"]["home_agents"]] == [ha2], h
gap = has[1]["ms"] - has[0]["ms"]
assert 4500 <= gap <= 9000, "retransmitted after %d ms" % gap
assert bas[-2]["status"] == 0 and bas[-2]["lifetime"] == 0, bas
assert ipaddress.ip_address(bas[-2]["ha"]) == ha1, bas
assert bas[-1]["status"] == 0 and bas[-1]["lifetime"] > 0, bas
assert ipaddress.ip_address(bas[-1]["ha"]) == ha2, bas
print("# retransmitted after %d ms" % gap)
EOP

# On the wire: exactly two, from HA1 to the care-of address.
n=$(cap_count mn "$HAS_FILTER")
[ "$n" = 2 ] || fail "$n Home Agent Switch messages on the wire: $(cap_text mn "$HAS_FILTER")"
cap_has mn "^IP6 $(re $HA_LOCAL) > $(re $COA): " "$HAS_FILTER" ||
	fail "not HA1 > CoA: $(cap_text mn "$HAS_FILTER")"
log "wire: $(cap_text mn "$HAS_FILTER" | head -1)"

# --- 5. the bindings moved; HA1 stopped ---
dha_in ha -S "$SOCK1" cache show | grep_q "$HOA" &&
	fail "HA1 still has the binding: $(dha_in ha -S "$SOCK1" cache show)"
dha_in ha2 -S "$SOCK2" cache show | grep_q "^$HOA coa $COA " ||
	fail "HA2 has no binding: $(dha_in ha2 -S "$SOCK2" cache show)"$'\n'"$(logs)"
json=$(in_ns ha "$DHA" -S "$SOCK1" -j ha show) || fail "dha -j ha show: $json"
printf '%s' "$json" | "$PYTHON" -c '
import json, sys
s = json.load(sys.stdin)["home-agent-switch"]
want = {"pending": 0, "queued": 0, "sent": 1, "retransmitted": 1,
        "answered": 1, "gave-up": 0, "binding-gone": 0, "renewals-refused": 1}
assert s == want, s
' || fail "HA1 counters: $json"
dha_in ha -S "$SOCK1" ha show | grep_q "switch pending 0 queued 0 sent 1 retransmitted 1 answered 1 gave-up 0" ||
	fail "dha ha show: $(dha_in ha -S "$SOCK1" ha show)"
grep -q "home agent switch $HOA answered after 2 transmissions" "$SCN_TMP/ha.log" ||
	fail "HA1 did not log the answer: $(logs)"

# --- 6. errors: exit 1, one line ---
# switch_fails NS SOCKET EXPECTED ARGS...
switch_fails() {
	local ns=$1 sock=$2 want=$3 out rc
	shift 3
	out=$(in_ns "$ns" "$DHA" -S "$sock" ha switch "$@" 2>&1)
	rc=$?
	[ "$rc" = 1 ] || fail "dha ha switch $*: exit $rc, expected 1: $out"
	[ "$out" = "$want" ] || fail "dha ha switch $*: \"$out\", expected \"$want\""
}
switch_fails ha "$SOCK1" "dha: dhad: no binding for 2001:db8:1::999" 2001:db8:1::999 to $HA2
switch_fails ha "$SOCK1" "dha: dhad: no binding for $HOA" $HOA to $HA2
switch_fails ha2 "$SOCK2" "dha: dhad: $HA2 is this home agent" $HOA to $HA_LOCAL $HA2
switch_fails ha "$SOCK1" "dha: invalid home agent address \"ha2\"" $HOA to ha2
switch_fails ha "$SCN_TMP/none.sock" \
	"dha: cannot reach dhad at $SCN_TMP/none.sock: No such file or directory (is dhad running?)" \
	$HOA to $HA2

# Nothing more went out meanwhile.
n=$(cap_count mn "$HAS_FILTER")
[ "$n" = 2 ] || fail "$n Home Agent Switch messages after the answer"
cap_stop mn

for pid in $HA1_PID $HA2_PID; do
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" = 0 ] || fail "dhad exited $rc: $(logs)"
done
pass
