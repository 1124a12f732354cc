#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home agent duties of RFC 6275 that a wrong shortcut broke (issue 15):
#   - with net.ipv6.ip_nonlocal_bind=1 on the home agent, bind() takes
#     any address, which must not make every home address look like the
#     home agent's own: a new registration gets BA status 0 (not 134),
#     and a peer home agent's Router Advertisement is listed in the Home
#     Agents List (not taken for the home agent's own);
#   - a burst of forged Mobile Prefix Solicitations, each with a Home
#     Address option naming no binding, gets at most error-burst +
#     error-rate x seconds Binding Errors (status 1) on the wire, and the
#     rest are counted as rate-limited: an unauthenticated sender gets
#     no unthrottled answers;
#   - require-ipsec off: dhad warns in its log and in `dha ha show`;
#   - `dha -j ha show` counts the messages per type: the Binding Update
#     and its BA, the solicitations received, the Binding Errors sent,
#     the solicitations left unanswered (rate limit) as dropped;
#   - a Binding Update with A clear gets its Binding Acknowledgement.
#
#   cn ── ha ── ar ── mn      (scenario.sh's topology)
#         │
#         ha2                 (home link: home1 moved here, a peer dhad)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump
require_dhad

HA2=2001:db8:1::2
FORGED_HOA=2001:db8:1::777
BURST=5
RATE=1
SOLICITATIONS=40

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
ns_add ha2 1
ip -n "$(nsn ha)" link set home1 netns "$(nsn ha2)" || fail "moving home1 to ha2"
nip ha2 link set home1 up
addr ha2 home1 $HA2/64
in_ns ha sysctl -qw net.ipv6.ip_nonlocal_bind=1 ||
	skip "no net.ipv6.ip_nonlocal_bind"
in_ns ha2 sysctl -qw net.ipv6.ip_nonlocal_bind=1 ||
	skip "no net.ipv6.ip_nonlocal_bind"

mn_home_setup $HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "error-burst = $BURST" "error-rate = $RATE"

# The peer: Router Advertisements with H every second or so.
conf2=$SCN_TMP/ha2.conf
sock2=$SCN_TMP/run/ha2.sock
cat >"$conf2" <<EOC
[home-agent]
home-link = home1
prefix = 2001:db8:1::/64
address = $HA2
device = dha0
preference = 20
[router-advertisement]
send = yes
min-interval = 0.3
max-interval = 1
router-lifetime = 0
[daemon]
log-level = debug
EOC
dhad_start ha2 "$conf2" "$sock2" "$SCN_TMP/ha2.log"
dhad_start ha "$conf" "$sock" "$dlog"

# --- forged Mobile Prefix Solicitations: Binding Errors throttled ---
counter() { # KEY: a counter of dha -j ha show
	dha_in ha -S "$sock" -j ha show | "$PYTHON" -c \
		'import json, sys; print(json.load(sys.stdin)["counters"].get(sys.argv[1], "absent"))' "$1"
}
# message PROTOCOL NAME FIELD: a per-type counter of dha -j ha show
message() {
	dha_in ha -S "$sock" -j ha show | "$PYTHON" -c '
import json, sys
for m in json.load(sys.stdin).get("messages", []):
    if m["protocol"] == sys.argv[1] and m.get("name") == sys.argv[2]:
        print(m[sys.argv[3]])
        break
else:
    print("absent")' "$1" "$2" "$3"
}
errors_before=$(counter binding-errors)
cap_start be mn m_ar "ip6 and src $HA_LOCAL and ip6[6] == 135"
t0=$SECONDS
for i in $(seq "$SOLICITATIONS"); do
	in_ns mn "$MNEMU" mps --hoa $FORGED_HOA --coa $COA --ha $HA_LOCAL \
		--timeout 0 >"$SCN_TMP/mps.out" 2>&1
	rc=$?
	[ "$rc" = 3 ] || fail "mps $i: exit $rc: $(cat "$SCN_TMP/mps.out")"
done
elapsed=$((SECONDS - t0 + 1))
sleep 1
cap_stop be
total=$(cap_count be)
limit=$((BURST + RATE * (elapsed + 1)))
log "$SOLICITATIONS forged MPS in ${elapsed}s: $total Binding Errors on the wire, limit $limit"
log "$(cap_text be | head -2)"
[ "$total" -ge 1 ] || fail "no Binding Error at all: $(grep -i "prefix solicitation" "$dlog" | tail -3)"
[ "$total" -le "$limit" ] || fail "$total Binding Errors for $SOLICITATIONS forged solicitations in ${elapsed}s: not rate-limited (limit $limit)"
limited=$(counter binding-errors-rate-limited)
sent=$(counter binding-errors)
log "binding-errors $errors_before -> $sent, rate-limited $limited"
ge "$limited" $((SOLICITATIONS - limit)) || fail "binding-errors-rate-limited $limited"
[ "$((sent - errors_before))" = "$total" ] ||
	fail "binding-errors counted $((sent - errors_before)), $total on the wire"

# --- ip_nonlocal_bind: the peer is listed, registration works ---
listed() { dha_in ha -S "$sock" ha show | grep_q "^ *$HA2 link-local"; }
wait_until 15 listed ||
	fail "the peer's RAs do not list it: $(dha_in ha -S "$sock" ha show)"$'\n'"$(grep -i "discovery\|home agent" "$dlog" | tail -20)"
log "home agents list: $(dha_in ha -S "$sock" ha show | grep "link-local")"
mn_register reg 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 10 --expect-status 0
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 10 " ||
	fail "no cache entry: $(dha_in ha -S "$sock" cache show)"

# --- require-ipsec off: said at start and in dha ha show ---
grep -q "require-ipsec is off" "$dlog" || fail "no warning in the log: $(head -20 "$dlog")"
out=$(dha_in ha -S "$sock" ha show)
grep -q "^    warning: require-ipsec is off" <<<"$out" || fail "no warning in ha show: $out"

# --- the message counters of all the above ---
ge "$(message mh binding-update received)" 1 || fail "binding-update received: $(message mh binding-update received)"
ge "$(message mh binding-ack sent)" 1 || fail "binding-ack sent: $(message mh binding-ack sent)"
mps_rx=$(message icmpv6 mobile-prefix-solicitation received)
mps_drop=$(message icmpv6 mobile-prefix-solicitation dropped)
be_sent=$(message mh binding-error sent)
log "messages: $mps_rx solicitations received, $mps_drop dropped; binding-error sent $be_sent"
[ "$mps_rx" = "$SOLICITATIONS" ] || fail "mobile-prefix-solicitation received $mps_rx, sent $SOLICITATIONS"
[ "$be_sent" = "$total" ] || fail "binding-error sent $be_sent, $total on the wire"
[ "$mps_drop" = "$((SOLICITATIONS - total))" ] || fail "mobile-prefix-solicitation dropped $mps_drop, expected $((SOLICITATIONS - total))"

# --- A clear: acknowledged all the same (RFC 6275 10.3.1) ---
cap_start ba mn m_ar "ip6 and src $HA_LOCAL"
in_ns mn "$MNEMU" register --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 11 \
	--no-ack >"$SCN_TMP/noack.out" 2>&1 || fail "register --no-ack: $(cat "$SCN_TMP/noack.out")"
cap_wait ba 1 5 || fail "no Binding Ack for a Binding Update with A clear: $(tail -5 "$dlog")"
cap_stop ba
log "A clear: $(cap_text ba | head -1)"
cap_has ba "BA status=0 seq#=11 " || fail "not a BA status 0 seq 11: $(cap_text ba)"
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 11 " ||
	fail "A clear: the binding was not renewed: $(dha_in ha -S "$sock" cache show)"

dhad_stop
pass
