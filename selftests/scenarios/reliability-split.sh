#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, split brain in a virtual switch: two dhads share the
# home agent address 2001:db8:1::1, ha1 active. Only the HA-to-HA path is
# cut (each member's home link drops the other's Hellos); the home link
# itself works.
#   - ha2 hears no Hello and takes the role; before it brings the shared
#     address up it probes the home link, ha1's kernel answers, and ha2
#     reports a second holder loudly (log, second-holders counter). Both
#     are active meanwhile: what the operator has to repair;
#   - with the path back, the two actives hear each other and the
#     lower-ranked one steps down: the address ends on one member only.
#   - a takeover with nobody else holding the address reports nothing.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_cmd tc
require_dhad

HA=2001:db8:1::1
hs_topo 2
hs_conf 1 virtual $HA 20 2
hs_conf 2 virtual $HA 10 1

holders() { hs_show "$1" -j | "$PYTHON" -c '
import json, sys
print(json.load(sys.stdin)["redundancy"]["takeover"]["second-holders"])'; }

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
wait_until 5 hs_has_addr 1 $HA || fail "ha1 does not hold $HA: $(hs_addrs 1)"
[ "$(holders 1)" = 0 ] || fail "ha1 reported a second holder of $HA alone"
log "ha1 active with $HA, ha2 standby"

# --- the HA-to-HA path cut, the home link up ---
# Past its start-up freshness, ha1 is the one that stays active when the
# path comes back.
wait_until 10 hs_settled 1 || fail "ha1 still fresh: $(hs_show 1)"
hs_drop_into 1 2	# Hellos
hs_drop_into 2 2	# Hellos
wait_until 10 hs_is 2 active || fail "ha2 did not take the role"$'\n'"$(hs_logs)"
_reported() { [ "$(holders 2)" = 1 ]; }
wait_until 5 _reported || fail "ha2 reported $(holders 2) second holders, not 1"$'\n'"$(hs_logs)"
grep -q "SPLIT BRAIN? another host on r0 still holds $HA (it answered from .*, link-layer $(hs_mac 1))" "$SCN_TMP/ha2.log" ||
	fail "ha2 did not log the second holder"$'\n'"$(hs_logs)"
hs_is 1 active || fail "ha1 is $(hs_role 1) though it hears nothing"
wait_until 5 hs_has_addr 2 $HA || fail "ha2 did not bring $HA up: $(hs_addrs 2)"
log "cut: ha2 active too, and it reported ha1 holding $HA"

# --- the path back: one active, one holder ---
hs_undrop 1
hs_undrop 2
wait_until 10 hs_is 2 standby || fail "ha2 is $(hs_role 2) with the path back"$'\n'"$(hs_logs)"
hs_is 1 active || fail "ha1 is $(hs_role 1) with the path back"
wait_until 10 hs_no_addr 2 $HA || fail "ha2 kept $HA: $(hs_addrs 2)"
hs_has_addr 1 $HA || fail "ha1 lost $HA: $(hs_addrs 1)"
log "path back: ha2 stepped down and gave $HA up"

# --- a takeover with nobody else holding it reports nothing ---
hs_stop 1
wait_until 10 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
wait_until 5 hs_has_addr 2 $HA || fail "ha2 did not bring $HA up: $(hs_addrs 2)"
[ "$(holders 2)" = 1 ] || fail "ha2 reported a second holder after a clean stop: $(holders 2)"
log "clean takeover: no second holder"

hs_stop 2
pass
