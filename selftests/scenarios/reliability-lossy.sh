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

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}

require_dha
require_cmd tc
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU)"

KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
NET=2001:db8:5
MN_COA=2001:db8:2::2
AR_MN=2001:db8:2::1
HOA_BASE=2001:db8:1::1:0	# flood's node i is HOA_BASE + i
MR_HOA=2001:db8:1::200

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
addr mn m0 $MN_COA/64
nip mn -6 route add default via $AR_MN || fail "mn default route"

# 10% loss on what each home agent sends to the other, nothing else.
for n in 1 2; do
	p=$((3 - n))
	in_ns ha$n tc qdisc add dev r0 root handle 1: prio &&
		in_ns ha$n tc qdisc add dev r0 parent 1:3 handle 30: netem loss 10% &&
		in_ns ha$n tc filter add dev r0 parent 1: protocol ipv6 prio 1 u32 \
			match ip6 dst $NET::$p/128 flowid 1:3 ||
		skip "no netem, prio or u32 (tc)"
done

# The mobile router registers with mnemu register (selftests/mnemu).
nip mn -6 addr add $MR_HOA/128 dev lo home nodad || fail "home address"
nip mn xfrm state add src :: dst :: proto route2 mode ro coa :: flag wildrecv 2>/dev/null ||
	skip "no MIPv6 xfrm types (CONFIG_IPV6_MIP6)"
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto 135 tmpl proto route2 mode ro level use ||
	fail "MN xfrm policy"

conf() { # N
	local n=$1 p=$((3 - $1))
	cat >"$SCN_TMP/ha$n.conf" <<EOC
[home-agent]
home-link = r0
prefix = 2001:db8:1::/64
address = $NET::$n
device = dha0
max-lifetime = 600
mobile-routers = yes
mobile-network = $MR_HOA 2001:db8:100::/48
[redundancy]
group = 1
mode = hard
preference = $((30 - 10 * n))
local = $NET::$n
peer = $NET::$p
hello-interval = 200
hello-loss = 5
sync-refresh = 2
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
# cache N: ha N's cache, one binding a line, without the lifetimes
# (they differ by the time the copies took, and by the 4 s unit).
cache() {
	in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" cache show 2>/dev/null |
		sed 's/ lifetime [^ ]*//' | sort
}
kbind() { in_ns "ha$1" "$DHA" binding show dev dha0 2>/dev/null; }
logs() {
	local n
	for n in 1 2; do echo "--- ha$n"; tail -n 30 "$SCN_TMP/ha$n.log"; done
}
_is() { [ "$(role "$1")" = "$2" ]; }
flood() { # FIRST COUNT SEQ ARGS...
	local out first=$1 count=$2 seq=$3
	shift 3
	out=$(in_ns mn "$MNEMU" flood --ha $NET::1 --coa $MN_COA --hoa-base $HOA_BASE \
		--first "$first" --count "$count" --seq "$seq" --timeout 60 "$@" 2>&1) ||
		fail "flood $first+$count seq $seq: $out"$'\n'"$(logs)"
}

conf 1
conf 2
start 1
wait_until 10 _is 1 active || fail "ha1 alone did not become active"$'\n'"$(logs)"
flood 0 240 1 --lifetime 600
[ "$(cache 1 | wc -l)" = 240 ] || fail "ha1 holds $(cache 1 | wc -l) bindings, not 240"
out=$(in_ns mn "$MNEMU" register --hoa $MR_HOA --coa $MN_COA --ha $NET::1 --seq 1 \
	--mr --mnp 2001:db8:100::/48 --expect-status 0 2>&1) ||
	fail "mobile router: $out"$'\n'"$(logs)"

# --- bulk under loss to a standby started now ---
start 2
wait_until 10 _is 2 standby || fail "ha2 did not become standby"$'\n'"$(logs)"
_same() {
	C1=$(cache 1)
	C2=$(cache 2)
	[ "$C1" = "$C2" ]
}
differs() { diff <(echo "$C1") <(echo "$C2") | head; }
wait_until 30 _same ||
	fail "bulk: ha2's cache differs:"$'\n'"$(differs)"$'\n'"$(logs)"
[ "$(cache 2 | wc -l)" = 241 ] || fail "bulk: ha2 holds $(cache 2 | wc -l) bindings, not 241"$'\n'"$(logs)"
log "bulk: ha2 holds ha1's 241 bindings"

# --- changes under loss ---
flood 240 60 1 --lifetime 12
flood 0 100 2 --lifetime 600
flood 100 50 3 --dereg
# 100 renewed, 90 untouched, the router; the 60 short ones gone.
_expired() { [ "$(cache 1 | wc -l)" = 191 ]; }
wait_until 30 _expired || fail "ha1 holds $(cache 1 | wc -l) bindings, not 191"$'\n'"$(logs)"
[ "$(cache 1 | grep -c ' seq 2 ')" = 100 ] || fail "ha1 does not hold the 100 renewals"
wait_until 20 _same ||
	fail "ha2's cache differs:"$'\n'"$(differs)"$'\n'"$(logs)"
# It stays so through full transfers (every 2 s), and no transfer ever
# found a copy to sweep: every change had come on its own.
for i in $(seq 30); do
	_same || fail "ha2's cache changed:"$'\n'"$(differs)"$'\n'"$(logs)"
	sleep 0.1
done
swept=$(show 2 -j | grep -o '"swept":[0-9]*')
[ "$swept" = '"swept":0' ] || fail "ha2 swept copies: $swept"$'\n'"$(logs)"
grep -q "^$MR_HOA .* prefix 2001:db8:100::/48" <<<"$(cache 2)" ||
	fail "the router's prefix is not on ha2: $(cache 2 | grep "$MR_HOA")"
[ -z "$(kbind 2)" ] || fail "the standby has bindings in its kernel: $(kbind 2 | head -3)"
log "changes: ha2's cache is ha1's (191 bindings), its kernel empty"

# --- a standby's requests: single bindings, then the whole cache ---
num() { show "$1" -j | grep -o "\"$2\":[0-9a-z]*" | head -1 | cut -d: -f2; }
out=$(in_ns ha1 "$DHA" -S "$SCN_TMP/ha1.sock" ha sync request 2>&1) &&
	fail "the active accepted a sync request"
grep -q "not a standby" <<<"$out" || fail "the active's refusal: $out"
rx=$(num 2 bindings-rx)
in_ns ha2 "$DHA" -S "$SCN_TMP/ha2.sock" ha sync request 2001:db8:1::1:0 \
	2001:db8:1::ffff 2001:db8:100::/48 || fail "dha ha sync request HOA..."
_answered() { [ "$(num 2 requests-answered)" = 1 ]; }
wait_until 20 _answered || fail "no answer to a request for single bindings"$'\n'"$(logs)"
# Two home addresses (one unknown: lifetime 0) and the router's prefix.
ge "$(num 2 bindings-rx)" $((rx + 3)) || fail "the answer named less than 3 bindings"
ge "$(num 1 requests-rx)" 1 || fail "ha1 counted no request"
_same || fail "after the answer ha2's cache differs:"$'\n'"$(differs)"
sent=$(num 1 transfers-sent)
in_ns ha2 "$DHA" -S "$SCN_TMP/ha2.sock" ha sync request || fail "dha ha sync request"
_full() { [ "$(num 2 full-copy)" = true ] && [ "$(num 1 transfers-sent)" -gt "$sent" ]; }
wait_until 20 _full || fail "no full copy after asking again"$'\n'"$(logs)"
_same || fail "after a whole transfer ha2's cache differs:"$'\n'"$(differs)"
log "requests: single bindings and the whole cache, answered under loss"

retx=$(show 2 -j | grep -o '"ss-retransmitted":[0-9]*' | head -1)
log "ha1's retransmissions to ha2: $(show 1 -j | grep -o '"ss-retransmitted":[0-9]*' | head -1),"\
" ha2's: ${retx:-none}"
for n in 1 2; do
	drops=$(in_ns ha$n tc -s qdisc show dev r0 | sed -n '/netem/,/dropped/s/.*dropped \([0-9]*\).*/\1/p')
	ge "${drops:-x}" 1 || fail "netem on ha$n dropped nothing: $(in_ns ha$n tc -s qdisc show dev r0)"
done

# --- SIGKILL of the active: every binding in ha2's kernel ---
kill -KILL "${PID[1]}"
wait_until 15 _is 2 active || fail "ha2 did not take over"$'\n'"$(logs)"
want=$(cache 2 | awk '{ print $1, $2, $3 }' | sort)
[ "$(wc -l <<<"$want")" = 191 ] || fail "ha2's cache changed to $(wc -l <<<"$want") bindings"$'\n'"$(logs)"
_committed() { [ "$(kbind 2 | awk '{ print $1, $2, $3 }' | sort)" = "$want" ]; }
wait_until 15 _committed ||
	fail "ha2's kernel lacks bindings:"$'\n'"$(diff <(echo "$want") <(kbind 2 | awk '{ print $1, $2, $3 }' | sort) | head)"$'\n'"$(logs)"
nip ha2 -6 route show 2001:db8:100::/48 | grep -q dha0 ||
	fail "the router's prefix is not routed into dha0 on ha2"
log "takeover: ha2's kernel holds all $(kbind 2 | wc -l) bindings"

kill -TERM "${PID[2]}"
wait "${PID[2]}" || fail "ha2 exited $?"$'\n'"$(logs)"
pass
