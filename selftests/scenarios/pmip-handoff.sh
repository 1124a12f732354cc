#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dhad as PMIPv6 LMA and MAGs (RFC 5213) with a mobile node that runs no
# mobility software: a plain namespace doing SLAAC.
#
#   cn ── lma ─┬─ mag1 ═ m1_acc ── h1 ┐
#              │         m1_b ─── h0 (mn2)
#              ├─ mag2 ═ m2_acc ── h2 ┘ mn (h1, h2: one MAC)
#              └─ mag3 (not authorized at the LMA)
#
# mn attaches at MAG1 (its Router Solicitation), gets its prefix in a
# unicast RA and an address by SLAAC; cn pings it. It moves to MAG2 (h1
# down, h2 up): the same prefix, the same address, the ping goes on. A
# second node gets another prefix. MAG3's registration is refused with
# MAG_NOT_AUTHORIZED_FOR_PROXY_REG; garbage PBUs change nothing; the LMA
# killed with SIGKILL leaves forwarding in place and rebuilds its cache
# from the kernel.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_dhad

POOL=2001:db8:100::/48
CN=2001:db8:c::2
LMA=2001:db8:ff::1
MAG1=2001:db8:a1::2
MAG2=2001:db8:a2::2
MAG3=2001:db8:a3::2
MN_MAC=02:00:00:00:01:01
MN2_MAC=02:00:00:00:02:02
MN_ID=mac-$MN_MAC
ACCESS_TABLE=100

ns_add cn 0
ns_add lma 1
ns_add mag1 1
ns_add mag2 1
ns_add mag3 1
ns_add mn 0
ns_add mn2 0
veth cn c_l lma l_c
veth lma l_m1 mag1 m1_l
veth lma l_m2 mag2 m2_l
veth lma l_m3 mag3 m3_l
addr cn c_l $CN/64
route cn default via 2001:db8:c::1
addr lma l_c 2001:db8:c::1/64
addr lma l_m1 2001:db8:a1::1/64
addr lma l_m2 2001:db8:a2::1/64
addr lma l_m3 2001:db8:a3::1/64
addr lma lo $LMA/128

# --- the LMA ---
lconf=$SCN_TMP/lma.conf
cat >"$lconf" <<EOC
[pmip]
role = lma
address = $LMA
hnp-pool = $POOL
mag = $MAG1
mag = $MAG2
max-lifetime = 60
[daemon]
log-level = debug
EOC
lsock=$SCN_TMP/run/lma.sock
dhad_start lma "$lconf" "$lsock" "$SCN_TMP/lma.log"
LMA_PID=$DHAD_PID
# The pool is routed into the dha device (the operator's, as for a home agent).
route lma $POOL dev dha0

# mag_start NS UPLINK ADDRESS ACCESS-LINK...: a MAG's dhad, and the one
# rule per access link that sends what arrives there into dha0.
mag_start() {
	local ns=$1 up=$2 coa=$3 conf=$SCN_TMP/$1.conf acc
	shift 3
	addr "$ns" "$up" "$coa"/64
	route "$ns" $LMA/128 via "${coa%::2}::1"
	{
		echo "[pmip]"
		echo "role = mag"
		echo "address = $coa"
		echo "lma = $LMA"
		for acc in "$@"; do echo "access-link = $acc"; done
		echo "[daemon]"
		echo "log-level = debug"
	} >"$conf"
	for acc in "$@"; do
		nip "$ns" -6 rule add iif "$acc" lookup $ACCESS_TABLE pref 100 ||
			fail "rule in $ns"
	done
	dhad_start "$ns" "$conf" "$SCN_TMP/run/$ns.sock" "$SCN_TMP/$ns.log"
	route "$ns" default dev dha0 table $ACCESS_TABLE
}

# mn_link NS IF MAC MAG-NS ACCESS-LINK: a node's interface on an access
# link, down, ready for SLAAC when it comes up.
mn_link() {
	veth "$1" "$2" "$4" "$5"
	nip "$1" link set "$2" down
	nip "$1" link set "$2" address "$3"
	in_ns "$1" sysctl -qw net.ipv6.conf."$2".accept_ra=1 \
		net.ipv6.conf."$2".autoconf=1 \
		net.ipv6.conf."$2".router_solicitation_interval=1 >/dev/null ||
		fail "sysctls of $1/$2"
}

mn_link mn h1 $MN_MAC mag1 m1_acc
mn_link mn h2 $MN_MAC mag2 m2_acc
mn_link mn2 h0 $MN2_MAC mag1 m1_b
nip mag3 link add m3_acc type dummy || skip "dummy links not available"
nip mag3 link set m3_acc up
mag_start mag1 m1_l $MAG1 m1_acc m1_b
mag_start mag2 m2_l $MAG2 m2_acc
mag_start mag3 m3_l $MAG3 m3_acc

# global_addr NS IF: the interface's global address, if it has one.
global_addr() {
	nip "$1" -6 -o addr show dev "$2" scope global 2>/dev/null |
		awk '{ sub("/.*", "", $4); print $4; exit }'
}
has_global() { [ -n "$(global_addr "$1" "$2")" ]; }
lma_show() { in_ns lma "$DHA" -S "$lsock" pmip show; }

# --- attachment at MAG1 ---
nip mn link set h1 up
wait_until 30 has_global mn h1 ||
	fail "no address by SLAAC at MAG1:"$'\n'"$(cat "$SCN_TMP/mag1.log")"
MN_ADDR=$(global_addr mn h1)
case $MN_ADDR in
2001:db8:100:*) ;;
*) fail "mn's address $MN_ADDR is not from the pool" ;;
esac
HNP=$(in_ns lma "$DHA" -S "$lsock" -j pmip show |
	sed -n 's/.*"hnp": *"\([^"]*\)".*/\1/p' | head -n 1)
out=$(lma_show)
grep_q -E "^mn-id $MN_ID hnp [0-9a-f:]+/64 mag $MAG1 active lifetime [0-9]+s att 802.3" <<<"$out" ||
	fail "LMA binding cache: $out"
out=$(in_ns mag1 "$DHA" -S "$SCN_TMP/run/mag1.sock" pmip show)
grep_q -E "^mn-id $MN_ID hnp [0-9a-f:]+/64 dev m1_acc lma $LMA registered" <<<"$out" ||
	fail "MAG1's nodes: $out"
json_ok lma -S "$lsock" pmip show
json_ok mag1 -S "$SCN_TMP/run/mag1.sock" pmip show
dha_in lma binding show dev dha0 | grep_q "mag $MAG1 local $LMA" ||
	fail "no proxy-lma binding in the LMA's kernel: $(dha_in lma binding show)"
dha_in mag1 binding show dev dha0 | grep_q "lma $LMA local $MAG1" ||
	fail "no proxy-mag binding in MAG1's kernel: $(dha_in mag1 binding show)"
ping_ok cn -c 3 -i 0.2 -W 5 "$MN_ADDR"
ping_ok mn -c 3 -i 0.2 -W 5 $CN
log "mn at MAG1: $MN_ADDR"

# --- handoff to MAG2, an ongoing ping ---
bg_ns cn ping -n -i 0.2 "$MN_ADDR" >"$SCN_TMP/ping.out" 2>&1
PING_PID=$BG_PID
ping_ok cn -c 1 -W 5 "$MN_ADDR"
nip mn link set h1 down
nip mn link set h2 up
wait_until 30 has_global mn h2 ||
	fail "no address by SLAAC at MAG2:"$'\n'"$(cat "$SCN_TMP/mag2.log")"
[ "$(global_addr mn h2)" = "$MN_ADDR" ] ||
	fail "mn's address changed at MAG2: $(global_addr mn h2), was $MN_ADDR"
out=$(lma_show)
grep_q -E "^mn-id $MN_ID hnp $HNP mag $MAG2 active" <<<"$out" ||
	fail "LMA binding not moved to MAG2 with the same prefix $HNP: $out"
grep_q "detached from m1_acc (link down)" "$SCN_TMP/mag1.log" ||
	fail "MAG1 did not see the node leave: $(cat "$SCN_TMP/mag1.log")"
ping_ok cn -c 3 -i 0.2 -W 5 "$MN_ADDR"
ping_ok mn -c 3 -i 0.2 -W 5 $CN
kill -INT "$PING_PID"
wait "$PING_PID" 2>/dev/null
read -r sent got < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' "$SCN_TMP/ping.out")
[ -n "$got" ] && [ $((got * 2)) -ge "$sent" ] ||
	fail "the ongoing ping lost too much: $(tail -n 3 "$SCN_TMP/ping.out")"
log "mn at MAG2 with $MN_ADDR; ongoing ping: $got of $sent answered (0.2 s apart)"

# --- a second node gets another prefix ---
nip mn2 link set h0 up
wait_until 30 has_global mn2 h0 || fail "mn2 got no address"
MN2_ADDR=$(global_addr mn2 h0)
[ "${MN2_ADDR%:*:*:*:*}" != "${MN_ADDR%:*:*:*:*}" ] ||
	fail "mn2's $MN2_ADDR shares mn's prefix"
ping_ok cn -c 3 -i 0.2 -W 5 "$MN2_ADDR"
[ "$(lma_show | grep -c '^mn-id .* active')" = 2 ] ||
	fail "expected two active bindings: $(lma_show)"

# --- an unauthorized MAG is refused ---
dha_in mag3 -S "$SCN_TMP/run/mag3.sock" pmip attach rogue@example dev m3_acc
wait_until 10 grep_q "refused rogue@example: status 154 MAG_NOT_AUTHORIZED_FOR_PROXY_REG" \
	"$SCN_TMP/mag3.log" || fail "MAG3 not refused: $(cat "$SCN_TMP/mag3.log")"
lma_show | grep_q "rogue" && fail "the rogue node is in the cache: $(lma_show)"
dha_in mag3 binding show dev dha0 | grep_q hnp &&
	fail "MAG3 kept a binding: $(dha_in mag3 binding show)"

# --- garbage PBUs, from MAG1's own address and from MAG3's ---
before=$(lma_show | grep '^mn-id' | sort)
if [ -x "$MNEMU" ]; then
	# mnemu aims at the LMA and at addresses of a prefix routed to it.
	route mag1 2001:db8:ff::/64 via 2001:db8:a1::1
	route mag3 2001:db8:ff::/64 via 2001:db8:a3::1
	for ns in mag1 mag3; do
		in_ns $ns "$MNEMU" garbage --ha $LMA --prefix 2001:db8:ff::/64 \
			--count 2000 --rate 4000 --seed 7 >"$SCN_TMP/garbage-$ns.out" 2>&1 ||
			fail "garbage from $ns: $(cat "$SCN_TMP/garbage-$ns.out")"
	done
fi
dropped=$(in_ns lma "$DHA" -S "$lsock" pmip show | sed -n 's/.* dropped \([0-9]*\)$/\1/p')
[ "${dropped:-0}" -gt 0 ] || [ ! -x "$MNEMU" ] ||
	fail "no garbage reached the LMA: $(lma_show)"
kill -0 "$LMA_PID" || fail "the LMA died under garbage: $(tail "$SCN_TMP/lma.log")"
after=$(lma_show | grep '^mn-id' | sort)
[ "$(cut -d' ' -f1-6 <<<"$before")" = "$(cut -d' ' -f1-6 <<<"$after")" ] ||
	fail "garbage changed the cache:"$'\n'"$before"$'\n'"---"$'\n'"$after"
ping_ok cn -c 2 -i 0.2 -W 5 "$MN_ADDR"

# --- the LMA killed: forwarding stays, the cache comes back ---
kill -KILL "$LMA_PID"
wait "$LMA_PID" 2>/dev/null
ping_ok cn -c 2 -i 0.2 -W 5 "$MN_ADDR"
dhad_start lma "$lconf" "$lsock" "$SCN_TMP/lma2.log"
grep_q "restored 2 bindings from the kernel" "$SCN_TMP/lma2.log" ||
	fail "LMA did not rebuild from the kernel: $(cat "$SCN_TMP/lma2.log")"
lma_show | grep_q "hnp $HNP mag $MAG2" || fail "rebuilt cache: $(lma_show)"
ping_ok cn -c 2 -i 0.2 -W 5 "$MN_ADDR"

pass
