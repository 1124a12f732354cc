#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, State Synchronization under 10% loss: two dhads (hard
# switch), netem dropping 10% of the HA-to-HA packets both ways.
#   - 240 mobile nodes and a mobile router register at ha1 (the active);
#     ha2 starts afterwards and gets them in bulk;
#   - the whole cache is sent again every 2 s (sync-refresh), so many
#     full transfers, and the sweeps at their ends, run under loss;
#   - 60 more register with a 12 s lifetime and expire, 100 renew with a
#     higher sequence number, 50 deregister;
#   - ha2's cache converges to exactly ha1's (home and care-of addresses,
#     sequence numbers, flags, prefixes), none of it in ha2's kernel;
#   - ha2 asks for single bindings (dha ha sync request HOA... PREFIX),
#     then for the whole cache, and gets answers;
#   - SIGKILL of ha1: ha2 takes over with every binding in its kernel.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_cmd tc
require_dhad

MR_HOA=$HS_MR_HOA

hs_flat 2
# 10% loss on what each home agent sends to the other, nothing else.
hs_netem 10%

# The mobile router registers with mnemu register (selftests/mnemu).
mn_home_setup $MR_HOA

HS_SYNC_REFRESH=2
HS_LOG_LEVEL=info
HS_LOG_LINES=30
for n in 1 2; do hs_conf $n hard "$(hs_local $n)" $((30 - 10 * n)) $((3 - n)); done

# cache N: ha N's cache, one binding a line, without the lifetimes
# (they differ by the time the copies took, and by the 4 s unit).
cache() { hs_cache "$1" | sed 's/ lifetime [^ ]*//' | sort; }

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
hs_flood 1 0 240 1 --timeout 60 --lifetime 600
[ "$(cache 1 | wc -l)" = 240 ] || fail "ha1 holds $(cache 1 | wc -l) bindings, not 240"
hs_register "$(hs_local 1)" $MR_HOA --seq 1 --mr --mnp 2001:db8:100::/48

# --- bulk under loss to a standby started now ---
hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
_same() { hs_same cache 1 2; }
wait_until 30 _same ||
	fail "bulk: ha2's cache differs:"$'\n'"$(hs_differs)"$'\n'"$(hs_logs)"
[ "$(cache 2 | wc -l)" = 241 ] || fail "bulk: ha2 holds $(cache 2 | wc -l) bindings, not 241"$'\n'"$(hs_logs)"
log "bulk: ha2 holds ha1's 241 bindings"

# --- changes under loss ---
hs_flood 1 240 60 1 --timeout 60 --lifetime 12
hs_flood 1 0 100 2 --timeout 60 --lifetime 600
hs_flood 1 100 50 3 --timeout 60 --dereg
# 100 renewed, 90 untouched, the router; the 60 short ones gone.
_expired() { [ "$(cache 1 | wc -l)" = 191 ]; }
wait_until 30 _expired || fail "ha1 holds $(cache 1 | wc -l) bindings, not 191"$'\n'"$(hs_logs)"
[ "$(cache 1 | grep -c ' seq 2 ')" = 100 ] || fail "ha1 does not hold the 100 renewals"
wait_until 20 _same ||
	fail "ha2's cache differs:"$'\n'"$(hs_differs)"$'\n'"$(hs_logs)"
# It stays so through full transfers (every 2 s), and no transfer ever
# found a copy to sweep: every change had come on its own.
for i in $(seq 30); do
	_same || fail "ha2's cache changed:"$'\n'"$(hs_differs)"$'\n'"$(hs_logs)"
	sleep 0.1
done
swept=$(hs_show 2 -j | grep -o '"swept":[0-9]*')
[ "$swept" = '"swept":0' ] || fail "ha2 swept copies: $swept"$'\n'"$(hs_logs)"
grep -q "^$MR_HOA .* prefix 2001:db8:100::/48" <<<"$(cache 2)" ||
	fail "the router's prefix is not on ha2: $(cache 2 | grep "$MR_HOA")"
[ -z "$(hs_kbind 2)" ] || fail "the standby has bindings in its kernel: $(hs_kbind 2 | head -3)"
log "changes: ha2's cache is ha1's (191 bindings), its kernel empty"

# --- a standby's requests: single bindings, then the whole cache ---
num() { hs_show "$1" -j | grep -o "\"$2\":[0-9a-z]*" | head -1 | cut -d: -f2; }
out=$(in_ns ha1 "$DHA" -S "$SCN_TMP/ha1.sock" ha sync request 2>&1) &&
	fail "the active accepted a sync request"
grep -q "not a standby" <<<"$out" || fail "the active's refusal: $out"
rx=$(num 2 bindings-rx)
in_ns ha2 "$DHA" -S "$SCN_TMP/ha2.sock" ha sync request 2001:db8:1::1:0 \
	2001:db8:1::ffff 2001:db8:100::/48 || fail "dha ha sync request HOA..."
_answered() { [ "$(num 2 requests-answered)" = 1 ]; }
wait_until 20 _answered || fail "no answer to a request for single bindings"$'\n'"$(hs_logs)"
# Two home addresses (one unknown: lifetime 0) and the router's prefix.
ge "$(num 2 bindings-rx)" $((rx + 3)) || fail "the answer named less than 3 bindings"
ge "$(num 1 requests-rx)" 1 || fail "ha1 counted no request"
_same || fail "after the answer ha2's cache differs:"$'\n'"$(hs_differs)"
sent=$(num 1 transfers-sent)
in_ns ha2 "$DHA" -S "$SCN_TMP/ha2.sock" ha sync request || fail "dha ha sync request"
_full() { [ "$(num 2 full-copy)" = true ] && [ "$(num 1 transfers-sent)" -gt "$sent" ]; }
wait_until 20 _full || fail "no full copy after asking again"$'\n'"$(hs_logs)"
_same || fail "after a whole transfer ha2's cache differs:"$'\n'"$(hs_differs)"
log "requests: single bindings and the whole cache, answered under loss"

retx=$(hs_show 2 -j | grep -o '"ss-retransmitted":[0-9]*' | head -1)
log "ha1's retransmissions to ha2: $(hs_show 1 -j | grep -o '"ss-retransmitted":[0-9]*' | head -1),"\
" ha2's: ${retx:-none}"
for n in 1 2; do
	drops=$(in_ns ha$n tc -s qdisc show dev r0 | sed -n '/netem/,/dropped/s/.*dropped \([0-9]*\).*/\1/p')
	ge "${drops:-x}" 1 || fail "netem on ha$n dropped nothing: $(in_ns ha$n tc -s qdisc show dev r0)"
done

# --- SIGKILL of the active: every binding in ha2's kernel ---
kill -KILL "${HS_PID[1]}"
wait_until 15 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
want=$(cache 2 | awk '{ print $1, $2, $3 }' | sort)
[ "$(wc -l <<<"$want")" = 191 ] || fail "ha2's cache changed to $(wc -l <<<"$want") bindings"$'\n'"$(hs_logs)"
_committed() { [ "$(hs_kbind 2 | awk '{ print $1, $2, $3 }' | sort)" = "$want" ]; }
wait_until 15 _committed ||
	fail "ha2's kernel lacks bindings:"$'\n'"$(diff <(echo "$want") <(hs_kbind 2 | awk '{ print $1, $2, $3 }' | sort) | head)"$'\n'"$(hs_logs)"
nip ha2 -6 route show 2001:db8:100::/48 | grep -q dha0 ||
	fail "the router's prefix is not routed into dha0 on ha2"
log "takeover: ha2's kernel holds all $(hs_kbind 2 | wc -l) bindings"

hs_stop 2
pass
