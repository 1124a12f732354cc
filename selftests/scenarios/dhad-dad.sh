#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Duplicate Address Detection of a new home address (RFC 6275 10.3.1,
# issue 15 item 6):
#   - a home address a node of the home link holds: BA status 134, no
#     binding; dhad's probe on the home link is a Neighbor Solicitation
#     from :: to the solicited-node group of the home address;
#   - a home address nobody holds: status 0, the BA after RetransTimer
#     (the home link's retrans_time_ms, set to 1.5 s here, so that the
#     mobile node's retransmission after 1 s comes during the check);
#   - its renewal: no probe, answered at once;
#   - L set: the link-local address of the same interface identifier is
#     probed too (a node holds it: 134; the same home address without L:
#     0);
#   - dad = no: the held home address is accepted (the operator's
#     choice), at once;
#   - 600 new home addresses at once, their checks overlapping: all
#     accepted, also beyond the groups a socket may join (6.1).
#
#   cn ── ha ── ar ── mn      (scenario.sh's topology)
#         │
#         holder              (home link: home1 moved here)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump
require_dhad

TAKEN=2001:db8:1::50
FREE=2001:db8:1::60
LL_IID=77
LL_HOA=2001:db8:1::$LL_IID
RETRANS_MS=1500

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
ns_add holder 0
ip -n "$(nsn ha)" link set home1 netns "$(nsn holder)" || fail "moving home1 to holder"
nip holder link set home1 up
addr holder home1 $TAKEN/64
addr holder home1 fe80::$LL_IID/64
in_ns ha sysctl -qw net.ipv6.neigh.home0.retrans_time_ms=$RETRANS_MS ||
	fail "retrans_time_ms on home0"

mn_home_setup $TAKEN $FREE $LL_HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL
dhad_start ha "$conf" "$sock" "$dlog"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
in_cache() { dha_in ha -S "$sock" cache show | grep_q "^$1 "; }

# --- held by the holder: 134, and the probe on the wire ---
cap_start probe holder home1 "icmp6 and ip6[40] == 135"
mn_register taken 0 --hoa $TAKEN --coa $COA --ha $HA_LOCAL --seq 1 --expect-status 134
! in_cache $TAKEN || fail "a binding for the held $TAKEN: $(dha_in ha -S "$sock" cache show)"
cap_wait probe 1 5 || fail "no probe on the home link"
cap_stop probe
log "probe: $(cap_text probe | head -1)"
cap_has probe "^IP6 :: > ff02::1:ff00:50: .*neighbor solicitation, who has $(re $TAKEN)" ||
	fail "not a DAD probe for $TAKEN: $(cap_text probe)"
grep -q "home address $TAKEN is in use on home0" "$dlog" ||
	fail "no log line for the duplicate: $(tail -5 "$dlog")"

# --- nobody holds it: 0, after RetransTimer ---
t0=$(now_ms)
mn_register free 0 --hoa $FREE --coa $COA --ha $HA_LOCAL --seq 1 --expect-status 0
waited=$(($(now_ms) - t0))
log "$FREE accepted after $waited ms"
ge "$waited" $((RETRANS_MS - 100)) || fail "accepted after $waited ms: no wait for RetransTimer"
in_cache $FREE || fail "no binding for $FREE: $(dha_in ha -S "$sock" cache show)"

# --- its renewal: no probe, no wait ---
cap_start renew holder home1 "icmp6 and ip6[40] == 135"
t0=$(now_ms)
mn_register renew 0 --hoa $FREE --coa $COA --ha $HA_LOCAL --seq 2 --expect-status 0
waited=$(($(now_ms) - t0))
sleep 0.2
cap_stop renew
log "renewal answered after $waited ms"
[ "$waited" -lt $((RETRANS_MS - 500)) ] || fail "renewal answered after $waited ms"
[ "$(cap_count renew)" = 0 ] || fail "probes for a renewal: $(cap_text renew)"

# --- L: the link-local twin, held by the holder ---
mn_register ll 0 --hoa $LL_HOA --coa $COA --ha $HA_LOCAL --seq 1 --link-local --expect-status 134
! in_cache $LL_HOA || fail "a binding for $LL_HOA whose link-local address is held"
mn_register noll 0 --hoa $LL_HOA --coa $COA --ha $HA_LOCAL --seq 2 --expect-status 0
dhad_stop

# --- dad = no: no probe, the held address accepted at once ---
dhad_conf "$conf" $HA_LOCAL "dad = no"
dhad_start ha "$conf" "$sock" "$dlog"
t0=$(now_ms)
mn_register nodad 0 --hoa $TAKEN --coa $COA --ha $HA_LOCAL --seq 2 --expect-status 0
waited=$(($(now_ms) - t0))
[ "$waited" -lt $((RETRANS_MS - 500)) ] || fail "dad = no: answered after $waited ms"
dhad_stop

# --- 600 new home addresses at once: each checked, then accepted ---
# Each check joins a solicited-node group, which Linux charges to the
# socket's option memory (before 6.9 some 360 groups): beyond, checks
# run without their group, rather than refuse with 130. The checks last
# 20 s, so that they overlap; no answer limit, as all the BAs go to one
# care-of address.
in_ns ha sysctl -qw net.ipv6.neigh.home0.retrans_time_ms=20000 ||
	fail "retrans_time_ms on home0"
dhad_conf "$conf" $HA_LOCAL "ack-rate = 1000000" "ack-burst = 1000000"
dhad_start ha "$conf" "$sock" "$dlog"
in_ns mn "$MNEMU" flood --ha $HA_LOCAL --coa $COA --hoa-base 2001:db8:1::1:0 \
	--count 600 --window 600 --timeout 90 >"$SCN_TMP/flood.out" 2>&1 ||
	fail "flood: $(cat "$SCN_TMP/flood.out")"$'\n'"$(grep -m3 "cannot probe" "$dlog")"
log "$(cat "$SCN_TMP/flood.out"); $(grep -c "checked without it" "$dlog") checked without their group"
dhad_stop
pass
