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

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}

require_dha
require_cmd tc
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU)"

KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
NET=2001:db8:5
COA=2001:db8:2::2
COA2=2001:db8:2::3		# where the moving nodes go
AR_MN=2001:db8:2::1
HOA_BASE=2001:db8:1::1:0	# flood's node i is HOA_BASE + i

ns_add sw 0
nip sw link add br0 type bridge || fail "bridge"
nip sw link set br0 up
for n in 1 2; do
	ns_add ha$n 1
	veth sw s$n ha$n r0
	nip sw link set s$n master br0
	addr ha$n r0 $NET::$n/64
	nip ha$n -6 route add 2001:db8:2::/64 via $NET::a || fail "route on ha$n"
done
ns_add ar 1
veth sw sa ar r0
nip sw link set sa master br0
addr ar r0 $NET::a/64
ns_add mn 0
veth ar a_mn mn m0
addr ar a_mn $AR_MN/64
addr mn m0 $COA/64
addr mn m0 $COA2/64
nip mn -6 route add default via $AR_MN || fail "mn default route"

# The partition: what each home agent sends the other, and only that,
# goes through netem.
for n in 1 2; do
	p=$((3 - n))
	in_ns ha$n tc qdisc add dev r0 root handle 1: prio &&
		in_ns ha$n tc qdisc add dev r0 parent 1:3 handle 30: netem loss 0% &&
		in_ns ha$n tc filter add dev r0 parent 1: protocol ipv6 prio 1 u32 \
			match ip6 dst $NET::$p/128 flowid 1:3 ||
		skip "no netem, prio or u32 (tc)"
done
partition() { # LOSS
	local n
	for n in 1 2; do
		in_ns ha$n tc qdisc change dev r0 parent 1:3 handle 30: netem loss "$1" ||
			fail "netem loss $1 on ha$n"
	done
}

conf() { # N
	local n=$1 p=$((3 - $1))
	cat >"$SCN_TMP/ha$n.conf" <<EOC
[home-agent]
home-link = r0
prefix = 2001:db8:1::/64
address = $NET::$n
device = dha0
max-lifetime = 600
[redundancy]
group = 1
mode = hard
preference = $((30 - 10 * n))
local = $NET::$n
peer = $NET::$p
hello-interval = 200
hello-loss = 5
key = 1 $KEY
[daemon]
log-level = info
EOC
}
declare -A PID=()
start() {
	bg_ns "ha$1" "$DHAD" -f -c "$SCN_TMP/ha$1.conf" -S "$SCN_TMP/ha$1.sock" \
		2>>"$SCN_TMP/ha$1.log"
	PID[$1]=$BG_PID
}
show() { # N [OPTIONS...]
	local n=$1
	shift
	in_ns "ha$n" "$DHA" -S "$SCN_TMP/ha$n.sock" "$@" ha show 2>/dev/null
}
role() { show "$1" | sed -n 's/^ *redundancy group [0-9]* [a-z]* role \([a-z]*\) .*/\1/p'; }
# cache N: home address, care-of address and sequence number of each
# binding in ha N's cache.
cache() {
	in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" cache show 2>/dev/null |
		awk '{ print $1, $2, $3, $4, $5 }' | sort
}
kbind() { in_ns "ha$1" "$DHA" binding show dev dha0 2>/dev/null | awk '{ print $1, $2, $3 }' | sort; }
logs() {
	local n
	for n in 1 2; do echo "--- ha$n"; tail -n 30 "$SCN_TMP/ha$n.log"; done
}
_is() { [ "$(role "$1")" = "$2" ]; }
hoa() { printf '2001:db8:1::1:%x' "$1"; }
flood() { # HA-N FIRST COUNT SEQ ARGS...
	local out n=$1 first=$2 count=$3 seq=$4
	shift 4
	out=$(in_ns mn "$MNEMU" flood --ha $NET::$n --coa $COA --hoa-base $HOA_BASE \
		--first "$first" --count "$count" --seq "$seq" --lifetime 600 \
		--timeout 30 "$@" 2>&1) ||
		fail "flood at ha$n $first+$count seq $seq: $out"$'\n'"$(logs)"
}
_same() {
	C1=$(cache 1)
	C2=$(cache 2)
	[ "$C1" = "$C2" ]
}

conf 1
conf 2
start 1
wait_until 10 _is 1 active || fail "ha1 alone did not become active"$'\n'"$(logs)"
start 2
wait_until 10 _is 2 standby || fail "ha2 did not become standby"$'\n'"$(logs)"
# Nodes 0-9 stay put; 100 will move to ha2, 101 renews at ha1 in the
# partition, 102 deregisters at ha1 and 103 at ha2.
flood 1 0 10 1
flood 1 100 4 1
wait_until 10 _same || fail "ha2 did not get ha1's bindings"$'\n'"$(logs)"

# --- the partition: both active ---
partition 100%
wait_until 10 _is 2 active || fail "cut off, ha2 did not take over"$'\n'"$(logs)"
_is 1 active || fail "cut off, ha1 is $(role 1)"$'\n'"$(logs)"
flood 1 10 10 1				# new at ha1
flood 1 101 1 2 --coa $COA2		# moved, at ha1
flood 1 102 1 2 --dereg			# gone, at ha1
flood 2 20 10 1				# new at ha2
flood 2 100 1 5 --coa $COA2		# moved to ha2
flood 2 103 1 2 --dereg			# gone, at ha2
log "partition: both active, bindings registered on either side"

# --- healed: one active with everything ---
partition 0%
_healed() { _is 1 active && _is 2 standby; }
wait_until 15 _healed || fail "healed: ha1 is $(role 1), ha2 $(role 2)"$'\n'"$(logs)"
want=$(
	for i in $(seq 0 29); do echo "$(hoa "$i") coa $COA seq 1"; done
	echo "$(hoa 100) coa $COA2 seq 5"
	echo "$(hoa 101) coa $COA2 seq 2"
)
want=$(sort <<<"$want")
_merged() { [ "$(cache 1)" = "$want" ]; }
wait_until 15 _merged ||
	fail "ha1's cache is not the union:"$'\n'"$(diff <(echo "$want") <(cache 1) | head)"$'\n'"$(logs)"
_committed() { [ "$(kbind 1)" = "$(awk '{ print $1, $2, $3 }' <<<"$want")" ]; }
wait_until 10 _committed ||
	fail "ha1's kernel lacks bindings:"$'\n'"$(diff <(awk '{ print $1, $2, $3 }' <<<"$want") <(kbind 1) | head)"$'\n'"$(logs)"
wait_until 15 _same || fail "ha2's cache differs:"$'\n'"$(diff <(echo "$C1") <(echo "$C2") | head)"$'\n'"$(logs)"
_empty() { [ -z "$(kbind 2)" ]; }
wait_until 10 _empty || fail "standby ha2 kept kernel bindings: $(kbind 2 | head -3)"
_is 1 active && _is 2 standby || fail "after the merge: ha1 $(role 1), ha2 $(role 2)"$'\n'"$(logs)"
log "healed: ha1 active with all $(wc -l <<<"$want") bindings in cache and kernel, ha2 standby with the same cache"

for n in 1 2; do
	kill -TERM "${PID[$n]}"
	wait "${PID[$n]}" || fail "ha$n exited $?"$'\n'"$(logs)"
done
pass
