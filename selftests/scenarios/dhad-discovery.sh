#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Discovery through dhad: two home agents on one home link, both sending
# Router Advertisements with the H flag.
#   - each lists the other in its Home Agents List (dha -j ha show) with
#     the preference and lifetime it advertises, HA2 with Router Lifetime
#     0 (HA Information option only), HA1 with its address off the link
#     (a Prefix Information option of its own, R only);
#   - a DHAAD Request from the mobile node's care-of address to the home
#     prefix's anycast address gets both, by preference; a reload that
#     changes HA1's preference turns the order round;
#   - a Router Solicitation on the home link is answered at once;
#   - a registered mobile node's Mobile Prefix Solicitation gets the home
#     prefix through a type 2 routing header; an unregistered one a
#     Binding Error;
#   - a peer that dies leaves the list when its lifetime runs out, one
#     that stops leaves it at once (its last RA has H clear).
#
#   mn ── ar ── ha1 ══ brh ══ ha2          brh: the home link, a bridge in
#                      ╚═ host              ha1 with ports to ha2 and host

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump
require_dhad

HA2=2001:db8:1::2
PREFIX=2001:db8:1::/64
ANYCAST=2001:db8:1:0:fdff:ffff:ffff:fffe
OUT_HOA=2001:db8:9::100

ns_add ha1 1
ns_add ha2 1
ns_add host 0
ns_add ar 1
ns_add mn 0
veth ha1 h_ar ar a_ha
veth ar a_mn mn m_ar
nip ha1 link add brh type bridge mcast_snooping 0 || skip "bridges not available"
veth ha1 hp2 ha2 home0
veth ha1 hp3 host eth0
nip host link set eth0 down
for p in hp2 hp3; do nip ha1 link set $p master brh || fail "$p into brh"; done
nip ha1 link set brh up
addr ha1 brh $HA_HOME/64
addr ha1 h_ar $HA_LOCAL/64
route ha1 2001:db8:2::/64 via $AR_HA
addr ha2 home0 $HA2/64
addr ar a_ha $AR_HA/64
addr ar a_mn $AR_MN/64
route ar default via $HA_LOCAL
addr mn m_ar $COA/64
route mn default via $AR_MN

# The MN side (selftests/mnemu/README.md): the home address flagged
# "home", the route2 state, and inbound policies for the BA and the MPA.
mn_home_setup $HOA $OUT_HOA
# Not "type 147": 6.1 reads the type at the wrong offset behind an RH2.
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto ipv6-icmp \
	tmpl proto route2 mode ro level use || fail "MN xfrm policy for MPA"

# HA1: the mobile node's home agent, its address off the home link; RAs
# sparse (the first three 16 s apart), so that a quick one is an answer.
write_ha1() { # PREFERENCE
	cat >"$SCN_TMP/ha1.conf" <<-EOC
	[home-agent]
	home-link = brh
	prefix = $PREFIX
	address = $HA_LOCAL
	device = dha0
	preference = $1
	home-agent-lifetime = 120
	[router-advertisement]
	send = yes
	min-interval = 40
	max-interval = 60
	[daemon]
	log-level = debug
	EOC
}
# HA2: no default router, RAs every second or so, a short lifetime.
write_ha2() { # HOME-AGENT-LIFETIME
	cat >"$SCN_TMP/ha2.conf" <<-EOC
	[home-agent]
	home-link = home0
	prefix = $PREFIX
	address = $HA2
	device = dha0
	preference = 20
	home-agent-lifetime = $1
	[router-advertisement]
	send = yes
	min-interval = 0.3
	max-interval = 1
	router-lifetime = 0
	[daemon]
	log-level = debug
	EOC
}
write_ha1 10
write_ha2 4
sock1=$SCN_TMP/run/ha1.sock
sock2=$SCN_TMP/run/ha2.sock

# agent NS SOCK ADDRESS: "PREFERENCE LIFETIME LINK-LOCAL" of ADDRESS in
# the Home Agents List that `dha -j ha show` gives, or "absent".
agent() {
	in_ns "$1" "$DHA" -S "$2" -j ha show | "$PYTHON" -c '
import ipaddress, json, sys
want = ipaddress.ip_address(sys.argv[1])
for a in json.load(sys.stdin)["home-agents"]:
    if not a["self"] and ipaddress.ip_address(a["address"]) == want:
        print(a["preference"], a["lifetime"], a["link-local"])
        break
else:
    print("absent")' "$3"
}
# listed NS SOCK ADDRESS: cheap, for polling (the text output).
listed() { in_ns "$1" "$DHA" -S "$2" ha show | grep_q "^ *$3 link-local"; }
unlisted() { ! listed "$@"; }
link_local() { nip "$1" -6 addr show dev "$2" scope link | sed -n 's/.*inet6 \([^/]*\).*/\1/p' | head -1; }

# dhaad ID EXPECTED_RC ARGS...: the emulator's output in $SCN_TMP/ID.out
dhaad() {
	local id=$1 want=$2 rc
	shift 2
	in_ns mn "$MNEMU" dhaad --coa $COA "$@" >"$SCN_TMP/$id.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] ||
		fail "dhaad $*: exit $rc, expected $want: $(cat "$SCN_TMP/$id.out")"$'\n'"$(cat "$SCN_TMP/ha1.log")"
	log "$id: $(cat "$SCN_TMP/$id.out")"
}

# --- 1. both lists: HA2 first, so that it hears HA1's first RA ---
dhad_start ha2 "$SCN_TMP/ha2.conf" "$sock2" "$SCN_TMP/ha2.log"
HA2_PID=$BG_PID
dhad_start ha1 "$SCN_TMP/ha1.conf" "$sock1" "$SCN_TMP/ha1.log"
HA1_PID=$BG_PID
T_HA1=$SECONDS
LL1=$(link_local ha1 brh)
LL2=$(link_local ha2 home0)
wait_until 15 listed ha1 "$sock1" $HA2 ||
	fail "HA1 does not list HA2: $(in_ns ha1 "$DHA" -S "$sock1" ha show)"$'\n'"$(cat "$SCN_TMP/ha1.log")"
wait_until 15 listed ha2 "$sock2" $HA_LOCAL ||
	fail "HA2 does not list HA1: $(in_ns ha2 "$DHA" -S "$sock2" ha show)"$'\n'"$(cat "$SCN_TMP/ha2.log")"
read -r pref life ll <<<"$(agent ha1 "$sock1" $HA2)"
[ "$pref" = 20 ] && [ "$life" -ge 1 ] && [ "$life" -le 4 ] && [ "$ll" = "$LL2" ] ||
	fail "HA1's entry of HA2: $pref $life $ll (want 20, 1..4 s, $LL2)"
read -r pref life ll <<<"$(agent ha2 "$sock2" $HA_LOCAL)"
[ "$pref" = 10 ] && [ "$life" -gt 100 ] && [ "$life" -le 120 ] && [ "$ll" = "$LL1" ] ||
	fail "HA2's entry of HA1: $pref $life $ll (want 10, 101..120 s, $LL1)"
out=$(dha_in ha1 -S "$sock1" ha show)
grep -q "anycast $ANYCAST" <<<"$out" || fail "HA1 shows no anycast address: $out"
grep -q "router-advertisements sent" <<<"$out" || fail "HA1 shows no RAs sent: $out"
log "HA1: $(grep -A3 'home agents:' <<<"$out" | tr -s ' ' | tr '\n' ';')"

# --- 2. DHAAD from the care-of address: both, by preference ---
dhaad dhaad1 0 --prefix $PREFIX --expect $HA2 --expect $HA_LOCAL
grep -q "from $HA_LOCAL" "$SCN_TMP/dhaad1.out" || fail "reply not from $HA_LOCAL: $(cat "$SCN_TMP/dhaad1.out")"
dhaad dhaad2 0 --anycast $ANYCAST --json --expect $HA2 --expect $HA_LOCAL
# A reload that raises HA1's preference: HA2 hears it at once.
write_ha1 30
kill -HUP "$HA1_PID"
_pref30() { in_ns ha2 "$DHA" -S "$sock2" ha show | grep_q "^ *$HA_LOCAL link-local .* preference 30 "; }
wait_until 10 _pref30 || fail "HA2 did not see HA1's new preference: $(in_ns ha2 "$DHA" -S "$sock2" ha show)"
dhaad dhaad3 0 --prefix $PREFIX --expect $HA_LOCAL --expect $HA2
dhaad dhaad4 2 --prefix $PREFIX --expect $HA2 --expect $HA_LOCAL
T_HA1=$SECONDS

# --- 3. a Router Solicitation is answered at once ---
# The host's kernel solicits when its link comes up, accepting RAs.
cap_start rs ha1 hp3 icmp6
in_ns host sysctl -qw net.ipv6.conf.eth0.accept_ra=1 || fail "accept_ra on host"
nip host link set eth0 up
_ra_from_ha1() { cap_has rs "$LL1 > ff02::1: ICMP6, router advertisement"; }
wait_until 8 _ra_from_ha1 ||
	fail "no RA from HA1 after the host's solicitation: $(cap_text rs)"$'\n'"$(cat "$SCN_TMP/ha1.log")"
grep -q "Router Solicitation from" "$SCN_TMP/ha1.log" || fail "HA1 logged no solicitation"
[ $((SECONDS - T_HA1)) -lt 16 ] || log "warning: the answer may have been HA1's scheduled RA"
cap_has rs "router solicitation" || fail "the host sent no solicitation: $(cap_text rs)"
cap_stop rs
log "RS answered ($((SECONDS - T_HA1)) s after HA1's last RA)"

# --- 4. Mobile Prefix Solicitation: registered, then not ---
in_ns mn "$MNEMU" register --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 1 \
	>"$SCN_TMP/reg.out" 2>&1 || fail "registration: $(cat "$SCN_TMP/reg.out")"$'\n'"$(cat "$SCN_TMP/ha1.log")"
in_ns mn "$MNEMU" mps --hoa $HOA --coa $COA --ha $HA_LOCAL --expect-prefix $PREFIX \
	>"$SCN_TMP/mps.out" 2>&1 ||
	fail "mps: $(cat "$SCN_TMP/mps.out")"$'\n'"$(cat "$SCN_TMP/ha1.log")"
log "mps: $(cat "$SCN_TMP/mps.out")"
grep -q "prefix $HA_HOME\|prefix 2001:db8:1::/64" "$SCN_TMP/mps.out" || fail "MPA lacks the home prefix"
cap_start be mn m_ar ip6 proto 135
in_ns mn "$MNEMU" mps --hoa $OUT_HOA --coa $COA --ha $HA_LOCAL --timeout 1 \
	>"$SCN_TMP/mps2.out" 2>&1
rc=$?
[ "$rc" = 3 ] || fail "mps without a binding: exit $rc, expected 3: $(cat "$SCN_TMP/mps2.out")"
wait_until 5 grep -q "for $OUT_HOA from $COA: no such binding" "$SCN_TMP/ha1.log" ||
	fail "HA1 did not refuse the MPS: $(cat "$SCN_TMP/ha1.log")"
_be() { cap_has be "$HA_LOCAL > $COA: .*mobility"; }
wait_until 5 _be || fail "no Binding Error to $COA: $(cap_text be)"
cap_stop be

# --- 5. a peer that dies leaves when its lifetime runs out ---
kill -KILL "$HA2_PID"
wait "$HA2_PID" 2>/dev/null
wait_until 10 unlisted ha1 "$sock1" $HA2 ||
	fail "HA2 still listed after its lifetime: $(in_ns ha1 "$DHA" -S "$sock1" ha show)"
grep -q "home agent $HA2 ($LL2) expired from the list" "$SCN_TMP/ha1.log" ||
	fail "HA2 did not expire: $(cat "$SCN_TMP/ha1.log")"
dhaad dhaad5 0 --prefix $PREFIX --expect $HA_LOCAL

# --- 6. one that stops leaves at once: its last RA has H clear ---
write_ha2 60
dhad_start ha2 "$SCN_TMP/ha2.conf" "$sock2" "$SCN_TMP/ha2b.log"
HA2_PID=$BG_PID
wait_until 10 listed ha1 "$sock1" $HA2 || fail "HA2 not listed again"
kill -TERM "$HA2_PID"
wait "$HA2_PID"
rc=$?
[ "$rc" = 0 ] || fail "HA2's dhad exited $rc: $(cat "$SCN_TMP/ha2b.log")"
wait_until 10 unlisted ha1 "$sock1" $HA2 ||
	fail "HA2 still listed after it stopped: $(in_ns ha1 "$DHA" -S "$sock1" ha show)"
grep -q "home agent $HA2 ($LL2) left the list" "$SCN_TMP/ha1.log" ||
	fail "HA2 did not leave by its final RA: $(cat "$SCN_TMP/ha1.log")"

# --- exit: HA1's xfrm policies are gone ---
kill -TERM "$HA1_PID"
wait "$HA1_PID"
rc=$?
[ "$rc" = 0 ] || fail "HA1's dhad exited $rc: $(cat "$SCN_TMP/ha1.log")"
[ -z "$(nip ha1 xfrm policy show)" ] || fail "xfrm policy left after exit: $(nip ha1 xfrm policy show)"
pass
