#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, a partition that heals: two dhads (hard switch) lose
# each other (netem drops every HA-to-HA packet) and both become active.
# Mobile nodes register at each; one that registered at ha1 before moves
# to ha2 with a higher sequence number; one deregisters at each side.
# Healed, exactly one active remains (ha1, the higher preference), and
#   - its cache and its kernel hold every binding registered on either
#     side, the newer one for the node that moved, neither deregistered
#     one (Documentation/reliability.md, rule 4 and "Merge");
#   - ha2 is standby with the same cache and nothing in its kernel.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_cmd tc
require_dhad

COA=$HS_COA
COA2=2001:db8:2::3		# where the moving nodes go
HOA_BASE=2001:db8:1::1:0	# flood's node i is HOA_BASE + i

hs_flat 2
addr mn m0 $COA2/64

# The partition: what each home agent sends the other, and only that,
# goes through netem.
hs_netem 0%

HS_LOG_LEVEL=info
HS_LOG_LINES=30
for n in 1 2; do hs_conf $n hard "$(hs_local $n)" $((30 - 10 * n)) $((3 - n)); done

# cache N: home address, care-of address and sequence number of each
# binding in ha N's cache.
cache() { hs_cache "$1" | awk '{ print $1, $2, $3, $4, $5 }' | sort; }
kbind() { hs_kbind "$1" | awk '{ print $1, $2, $3 }' | sort; }
hoa() { printf '2001:db8:1::1:%x' "$1"; }
flood() { # HA-N FIRST COUNT SEQ ARGS...
	local out n=$1 first=$2 count=$3 seq=$4
	shift 4
	out=$(in_ns mn "$MNEMU" flood --ha "$(hs_local "$n")" --coa $COA --hoa-base $HOA_BASE \
		--first "$first" --count "$count" --seq "$seq" --lifetime 600 \
		--timeout 30 "$@" 2>&1) ||
		fail "flood at ha$n $first+$count seq $seq: $out"$'\n'"$(hs_logs)"
}
_same() { hs_same cache 1 2; }

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
# Nodes 0-9 stay put; 100 will move to ha2, 101 renews at ha1 in the
# partition, 102 deregisters at ha1 and 103 at ha2.
flood 1 0 10 1
flood 1 100 4 1
wait_until 10 _same || fail "ha2 did not get ha1's bindings"$'\n'"$(hs_logs)"

# --- the partition: both active ---
wait_until 10 hs_settled 1 || fail "ha1 still fresh: $(hs_show 1)"
hs_loss 100%
wait_until 10 hs_is 2 active || fail "cut off, ha2 did not take over"$'\n'"$(hs_logs)"
hs_is 1 active || fail "cut off, ha1 is $(hs_role 1)"$'\n'"$(hs_logs)"
flood 1 10 10 1				# new at ha1
flood 1 101 1 2 --coa $COA2		# moved, at ha1
flood 1 102 1 2 --dereg			# gone, at ha1
flood 2 20 10 1				# new at ha2
flood 2 100 1 5 --coa $COA2		# moved to ha2
flood 2 103 1 2 --dereg			# gone, at ha2
log "partition: both active, bindings registered on either side"

# --- healed: one active with everything ---
hs_loss 0%
_healed() { hs_is 1 active && hs_is 2 standby; }
wait_until 15 _healed || fail "healed: ha1 is $(hs_role 1), ha2 $(hs_role 2)"$'\n'"$(hs_logs)"
want=$(
	for i in $(seq 0 29); do echo "$(hoa "$i") coa $COA seq 1"; done
	echo "$(hoa 100) coa $COA2 seq 5"
	echo "$(hoa 101) coa $COA2 seq 2"
)
want=$(sort <<<"$want")
_merged() { [ "$(cache 1)" = "$want" ]; }
wait_until 15 _merged ||
	fail "ha1's cache is not the union:"$'\n'"$(diff <(echo "$want") <(cache 1) | head)"$'\n'"$(hs_logs)"
_committed() { [ "$(kbind 1)" = "$(awk '{ print $1, $2, $3 }' <<<"$want")" ]; }
wait_until 10 _committed ||
	fail "ha1's kernel lacks bindings:"$'\n'"$(diff <(awk '{ print $1, $2, $3 }' <<<"$want") <(kbind 1) | head)"$'\n'"$(hs_logs)"
wait_until 15 _same || fail "ha2's cache differs:"$'\n'"$(hs_differs)"$'\n'"$(hs_logs)"
_empty() { [ -z "$(kbind 2)" ]; }
wait_until 10 _empty || fail "standby ha2 kept kernel bindings: $(kbind 2 | head -3)"
hs_is 1 active && hs_is 2 standby || fail "after the merge: ha1 $(hs_role 1), ha2 $(hs_role 2)"$'\n'"$(hs_logs)"
log "healed: ha1 active with all $(wc -l <<<"$want") bindings in cache and kernel, ha2 standby with the same cache"

for n in 1 2; do hs_stop $n; done
pass
