#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, State Synchronization: two dhads, ha1 active.
#   - registrations at ha1 reach ha2's cache as synchronized copies (not
#     in ha2's kernel), mobile router prefixes included; a deregistration
#     removes the copy;
#   - a standby started later gets the whole cache in bulk;
#   - SIGKILL of ha1: ha2 takes over and every binding is in its kernel,
#     with the routes;
#   - ha1, restarted, is standby and gets ha2's cache back, and a binding
#     registered at ha2 meanwhile is there too.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}

require_dha
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU)"

KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
NET=2001:db8:5
MN_COA=2001:db8:2::2
AR_MN=2001:db8:2::1

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

# The MN side (selftests/mnemu/README.md).
HOAS="2001:db8:1::101 2001:db8:1::102 2001:db8:1::103 2001:db8:1::104"
MR_HOA=2001:db8:1::200
for a in $HOAS $MR_HOA; do
	nip mn -6 addr add $a/128 dev lo home nodad || fail "home address $a"
done
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
key = 1 $KEY
[daemon]
log-level = debug
EOC
}
declare -A PID=()
start() {
	bg_ns "ha$1" "$DHAD" -f -c "$SCN_TMP/ha$1.conf" -S "$SCN_TMP/ha$1.sock" \
		2>>"$SCN_TMP/ha$1.log"
	PID[$1]=$BG_PID
}
show() { in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" ha show 2>/dev/null; }
cache() { in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" cache show 2>/dev/null; }
kbind() { in_ns "ha$1" "$DHA" binding show dev dha0 2>/dev/null; }
role() { show "$1" | sed -n 's/^ *redundancy group [0-9]* [a-z]* role \([a-z]*\) .*/\1/p'; }
logs() { local n; for n in 1 2; do echo "--- ha$n"; tail -n 40 "$SCN_TMP/ha$n.log"; done; }
register() { # HA-N HOA [ARGS...]
	local n=$1 hoa=$2 out
	shift 2
	out=$(in_ns mn "$MNEMU" register --hoa "$hoa" --coa $MN_COA --ha $NET::$n \
		--expect-status 0 "$@" 2>&1) || fail "register $hoa at ha$n: $out"$'\n'"$(logs)"
}
_is() { [ "$(role "$1")" = "$2" ]; }
# in_cache N HOA [synced|-]: ha N's cache has HOA (as a synchronized copy).
_in_cache() { cache "$1" | grep_q "^$2 .*${3:-}"; }

conf 1
conf 2
start 1
wait_until 10 _is 1 active || fail "ha1 alone did not become active"$'\n'"$(logs)"
seq=1
for a in $HOAS; do
	register 1 "$a" --seq $seq
	seq=$((seq + 1))
done
register 1 $MR_HOA --seq 1 --mr --mnp 2001:db8:100::/48

# --- a standby started later gets everything in bulk ---
start 2
wait_until 10 _is 2 standby || fail "ha2 did not become standby"$'\n'"$(logs)"
for a in $HOAS $MR_HOA; do
	wait_until 10 _in_cache 2 "$a" || fail "ha2 has no copy of $a: $(cache 2)"$'\n'"$(logs)"
done
out=$(cache 2)
grep -q "^$MR_HOA .*2001:db8:100::/48" <<<"$out" || fail "the router's prefix was not synchronized: $out"
[ -z "$(kbind 2)" ] || fail "a standby has bindings in its kernel: $(kbind 2)"
log "bulk: ha2 holds $(grep -c . <<<"$out") synchronized bindings, none in its kernel"

# --- incremental: a new binding and a deregistration ---
NEW=2001:db8:1::105
nip mn -6 addr add $NEW/128 dev lo home nodad
register 1 $NEW --seq 1
wait_until 5 _in_cache 2 $NEW || fail "new binding $NEW not synchronized: $(cache 2)"
register 1 2001:db8:1::104 --seq 40 --dereg
_gone() { ! _in_cache 2 2001:db8:1::104; }
wait_until 5 _gone || fail "deregistration not synchronized: $(cache 2)"
log "incremental: a new binding and a deregistration reached ha2"

# --- SIGKILL of the active: every binding in ha2's kernel ---
kill -KILL "${PID[1]}"
wait_until 10 _is 2 active || fail "ha2 did not take over"$'\n'"$(logs)"
_committed() {
	local k a
	k=$(kbind 2)
	for a in 2001:db8:1::101 2001:db8:1::102 2001:db8:1::103 $MR_HOA $NEW; do
		grep -q "^$a coa $MN_COA" <<<"$k" || return 1
	done
}
wait_until 10 _committed || fail "after takeover ha2's kernel lacks bindings: $(kbind 2)"$'\n'"$(logs)"
kbind 2 | grep_q "2001:db8:1::104" && fail "a deregistered binding came back: $(kbind 2)"
nip ha2 -6 route show 2001:db8:100::/48 | grep_q dha0 ||
	fail "the router's prefix is not routed into dha0 on ha2: $(nip ha2 -6 route show)"
nip ha2 -6 route show $NEW/128 | grep_q dha0 || fail "no route of $NEW on ha2"
log "takeover: ha2 committed every binding and its routes"

# --- ha1 back: standby, with ha2's cache ---
LATE=2001:db8:1::106
nip mn -6 addr add $LATE/128 dev lo home nodad
register 2 $LATE --seq 1
# The old kernel bindings of the killed ha1 are still there: its restart
# restores them, and as a standby it withdraws them again.
start 1
wait_until 10 _is 1 standby || fail "restarted ha1 is $(role 1)"$'\n'"$(logs)"
wait_until 10 _in_cache 1 $LATE || fail "ha1 did not get $LATE back: $(cache 1)"$'\n'"$(logs)"
_clean() { [ -z "$(kbind 1)" ]; }
wait_until 10 _clean || fail "standby ha1 kept kernel bindings: $(kbind 1)"
_is 2 active || fail "ha2 lost the role"$'\n'"$(logs)"
log "ha1 restarted: standby with ha2's cache, its stale kernel bindings withdrawn"

for n in 1 2; do
	kill -TERM "${PID[$n]}"
	wait "${PID[$n]}" || fail "ha$n exited $?"$'\n'"$(logs)"
done
pass
