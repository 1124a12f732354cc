# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# A redundant home agent set on one home link, for the takeover scenarios,
# the failover benchmark and the demo. Source it after scenario.sh:
#
#   . "$(dirname "$0")/../lib/scenario.sh"
#   . "$(dirname "$0")/../lib/haset.sh"
#
#   cn ─── r ─── mn            cn 2001:db8:3::3, mn's care-of 2001:db8:2::2
#          │ 2001:db8:1::a
#   ───────┴──────── br0 (namespace sw): the home link 2001:db8:1::/64
#     │      │      │
#    ha1    ha2    ha3         r0, local 2001:db8:1::1N (hs_local N)
#
# r routes between the three links and sends the mobile router's prefix
# to HS_PREFIX_VIA (set it before hs_topo). The mobile nodes live in one
# namespace, mn: home addresses on lo (flagged home, as mnemu wants),
# one reverse tunnel "mip6" from the care-of address to their home agent,
# through which everything but the home agents' addresses goes.
#
# hs_flat builds the simpler topology of the synchronization scenarios
# instead: no r, no cn, the home agents alone on br0.

HS_KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
HS_CN=2001:db8:3::3
HS_COA=2001:db8:2::2
HS_R_HOME=2001:db8:1::a
HS_R_MN=2001:db8:2::1
HS_MR_HOA=2001:db8:1::200
HS_MNP=2001:db8:100::/48
HS_MNP_HOST=2001:db8:100::1
HS_TABLE=100			# empty: no route-table line
HS_LOCAL_BASE=2001:db8:1::1	# ha N's local address is this and N
HS_DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
HS_MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}
declare -A HS_PID=()

hs_local() { echo "$HS_LOCAL_BASE$1"; }

# _hs_bridge: the namespace sw with the bridge br0 in it.
_hs_bridge() {
	ns_add sw 0
	nip sw link add br0 type bridge || fail "bridge"
	nip sw link set br0 up
}

# _hs_port NS PORT ADDRESS: a new namespace NS whose r0 is on br0 through
# sw's PORT, with ADDRESS/64.
_hs_port() {
	ns_add "$1" 1
	veth sw "$2" "$1" r0
	nip sw link set "$2" master br0
	addr "$1" r0 "$3"/64
}

# hs_topo N: the namespaces and links above, with N home agents.
hs_topo() {
	local n=$1 i
	_hs_bridge
	_hs_port r sr $HS_R_HOME
	ns_add cn 0
	veth cn c0 r rc
	addr cn c0 $HS_CN/64
	addr r rc 2001:db8:3::1/64
	route cn default via 2001:db8:3::1
	ns_add mn 0
	veth mn m0 r rm
	addr mn m0 $HS_COA/64
	addr r rm $HS_R_MN/64
	[ -z "${HS_PREFIX_VIA:-}" ] || route r $HS_MNP via "$HS_PREFIX_VIA" dev r0
	for ((i = 1; i <= n; i++)); do
		_hs_port ha$i s$i "$(hs_local $i)"
		route ha$i default via $HS_R_HOME
	done
}

# hs_flat N: N home agents and an access router ar on br0, the link
# 2001:db8:5::/64 (ha N at ::N, ar at ::a); the mobile nodes' namespace
# mn behind ar, care-of address HS_COA, without a tunnel. The home
# agents use the main table (HS_TABLE emptied).
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn
hs_flat() {
	local n=$1 i
	HS_LOCAL_BASE=2001:db8:5::
	HS_TABLE=
	_hs_bridge
	for ((i = 1; i <= n; i++)); do
		_hs_port ha$i s$i "$(hs_local $i)"
		route ha$i 2001:db8:2::/64 via 2001:db8:5::a
	done
	_hs_port ar sa 2001:db8:5::a
	ns_add mn 0
	veth ar a_mn mn m0
	addr ar a_mn $HS_R_MN/64
	addr mn m0 $HS_COA/64
	route mn default via $HS_R_MN
}

# hs_netem LOSS: what ha1 and ha2 send each other, and only that, goes
# through netem dropping LOSS; hs_loss LOSS changes it.
hs_netem() {
	local n
	for n in 1 2; do
		in_ns ha$n tc qdisc add dev r0 root handle 1: prio &&
			in_ns ha$n tc qdisc add dev r0 parent 1:3 handle 30: netem loss "$1" &&
			in_ns ha$n tc filter add dev r0 parent 1: protocol ipv6 prio 1 u32 \
				match ip6 dst "$(hs_local $((3 - n)))"/128 flowid 1:3 ||
			skip "no netem, prio or u32 (tc)"
	done
}
hs_loss() {
	local n
	for n in 1 2; do
		in_ns ha$n tc qdisc change dev r0 parent 1:3 handle 30: netem loss "$1" ||
			fail "netem loss $1 on ha$n"
	done
}

# hs_mn HA HOA...: the mobile nodes' side, tunnelled to HA; the mobile
# router's prefix is served by HS_MNP_HOST on lo.
hs_mn() {
	local ha=$1
	shift
	mn_home_setup "$@"
	nip mn -6 addr add $HS_MNP_HOST/128 dev lo nodad || fail "$HS_MNP_HOST"
	nip mn -6 tunnel add mip6 mode ip6ip6 local $HS_COA remote "$ha" encaplimit none ||
		skip "ip6ip6 tunnels not available (ip6_tunnel)"
	nip mn link set mip6 up
	route mn default dev mip6
}

# hs_mn_reach ADDR: the mobile nodes reach ADDR (a home agent) outside
# the tunnel.
hs_mn_reach() { route mn "$1"/128 via $HS_R_MN dev m0; }

# hs_conf N MODE ADDRESS PREFERENCE "PEER-N..." [LINE...]: ha N's
# dhad.conf; the LINEs go into [home-agent]. HS_AUTH=ipsec: auth = ipsec.
# No DAD: these scenarios register thousands at once, and DAD (tested in
# dhad-dad.sh) would hold each new one a RetransTimer, 1024 at most.
hs_conf() {
	local n=$1 mode=$2 address=$3 pref=$4 peers=$5 p line
	shift 5
	{
		cat <<EOC
[home-agent]
home-link = r0
prefix = 2001:db8:1::/64
address = $address
device = dha0
max-lifetime = 600
mobile-routers = yes
mobile-network = $HS_MR_HOA $HS_MNP
dad = no
EOC
		for line in "$@"; do echo "$line"; done
		cat <<EOC
[redundancy]
group = 1
mode = $mode
preference = $pref
local = $(hs_local "$n")
hello-interval = ${HS_HELLO_INTERVAL:-200}
hello-loss = ${HS_HELLO_LOSS:-5}
EOC
		[ -z "$HS_TABLE" ] || echo "route-table = $HS_TABLE"
		[ -z "${HS_SYNC_REFRESH:-}" ] || echo "sync-refresh = $HS_SYNC_REFRESH"
		# HS_AUTH=ipsec: ESP set up outside dhad, else the built-in HMAC.
		if [ "${HS_AUTH:-}" = ipsec ]; then
			echo "auth = ipsec"
		else
			echo "key = 1 $HS_KEY"
		fi
		for p in $peers; do echo "peer = $(hs_local "$p")"; done
		echo "[daemon]"
		echo "log-level = ${HS_LOG_LEVEL:-debug}"
	} >"$SCN_TMP/ha$n.conf"
}

hs_start() {
	bg_ns "ha$1" "$HS_DHAD" -f -c "$SCN_TMP/ha$1.conf" -S "$SCN_TMP/ha$1.sock" \
		2>>"$SCN_TMP/ha$1.log"
	HS_PID[$1]=$BG_PID
}

# hs_stop N: SIGTERM, and dhad must exit 0.
hs_stop() {
	local rc
	kill -TERM "${HS_PID[$1]}"
	wait "${HS_PID[$1]}"
	rc=$?
	[ "$rc" = 0 ] || fail "ha$1's dhad exited $rc"$'\n'"$(hs_logs)"
}

# hs_cut N: ha N dies as a host does: its link gone (traffic and Hellos
# stop at once), dhad killed.
hs_cut() {
	local pid=${HS_PID[$1]}
	nip sw link set "s$1" down
	disown "$pid"		# no "Killed" from the shell
	kill -KILL "$pid"
	_hs_gone() { ! kill -0 "$1" 2>/dev/null; }
	wait_until 5 _hs_gone "$pid" || fail "ha$1's dhad survived SIGKILL"
}

# hs_drop_into N SUBTYPE: ha N's home link drops the HA-to-HA messages of
# that subtype (Experimental MH, octet 6 of the Mobility Header).
hs_drop_into() {
	in_ns "ha$1" tc qdisc add dev r0 ingress 2>/dev/null
	in_ns "ha$1" tc filter add dev r0 parent ffff: protocol ipv6 prio "$2" \
		u32 match u8 135 0xff at 6 match u8 11 0xff at 42 match u8 "$2" 0xff at 46 \
		action drop || fail "tc filter in ha$1"
}
# hs_undrop N: ha N's home link drops nothing again.
hs_undrop() { in_ns "ha$1" tc qdisc del dev r0 ingress || fail "tc qdisc del in ha$1"; }

# hs_mac N: ha N's link-layer address on the home link.
hs_mac() { local o; o=$(nip "ha$1" link show r0); [[ $o =~ link/ether\ ([0-9a-f:]+) ]] && echo "${BASH_REMATCH[1]}"; }
# r_resolves ADDR MAC: the router's neighbour entry for ADDR holds MAC.
r_resolves() { [[ $(nip r -6 neigh show "$1" dev r0) == *"lladdr $2 "* ]]; }

hs_show() { in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" "${@:2}" ha show 2>/dev/null; }
# hs_dha N ARGS...: dha with ha N's dhad. A reply takes at most three
# request intervals: never wait forever.
hs_dha() { local n=$1; shift; in_ns "ha$n" timeout 20 "$DHA" -S "$SCN_TMP/ha$n.sock" "$@"; }
# hs_refuses N VERB ERROR: "dha ha VERB" on ha N exits 1 with one line.
hs_refuses() {
	local out rc
	out=$(hs_dha "$1" ha "$2" 2>&1)
	rc=$?
	[ "$rc" = 1 ] || fail "ha$1: dha ha $2 exited $rc ($out), expected 1"
	[ "$out" = "dha: dhad: $3" ] ||
		fail "ha$1: dha ha $2: '$out', expected 'dha: dhad: $3'"
}
hs_cache() { in_ns "ha$1" "$DHA" -S "$SCN_TMP/ha$1.sock" cache show 2>/dev/null; }
hs_kbind() { in_ns "ha$1" "$DHA" binding show dev dha0 2>/dev/null; }
# Matched in the shell, not by grep: the guest is slow to start programs.
hs_role() {
	local re='redundancy group [0-9]+ [a-z]+ role ([a-z]+)' out
	out=$(hs_show "$1")
	[[ $out =~ $re ]] && echo "${BASH_REMATCH[1]}"
}
hs_is() { [ "$(hs_role "$1")" = "$2" ]; }
# hs_settled N: ha N is past its start-up freshness (election rule 4):
# two actives after a partition heals, it no longer yields as a member
# that missed an incumbent would.
hs_settled() { ! hs_show "$1" -j | grep_q '"fresh":true'; }
hs_logs() {
	local f
	for f in "$SCN_TMP"/ha*.log; do
		echo "--- $(basename "$f")"
		tail -n "${HS_LOG_LINES:-40}" "$f"
	done
}
# hs_same CACHE N1 N2: the caches of ha N1 and ha N2, as the function CACHE
# prints them, are the same; they stay in HS_C1 and HS_C2 for hs_differs.
hs_same() { HS_C1=$("$1" "$2"); HS_C2=$("$1" "$3"); [ "$HS_C1" = "$HS_C2" ]; }
hs_differs() { diff <(echo "$HS_C1") <(echo "$HS_C2") | head; }
# has_line TEXT PREFIX: a line of TEXT starts with PREFIX.
has_line() { [[ $'\n'$1 == *$'\n'"$2"* ]]; }
hs_in_cache() { has_line "$(hs_cache "$1")" "$2 "; }

# hs_flood N FIRST COUNT SEQ ARGS...: mnemu flood's mobile nodes FIRST ..
# FIRST+COUNT-1 (home address HS_HOA_BASE + i, behind HS_COA) register at
# ha N with sequence number SEQ; each must be answered.
HS_HOA_BASE=2001:db8:1::1:0
hs_flood() {
	local n=$1 first=$2 count=$3 seq=$4 out
	shift 4
	out=$(in_ns mn "$HS_MNEMU" flood --ha "$(hs_local "$n")" --coa $HS_COA \
		--hoa-base $HS_HOA_BASE --first "$first" --count "$count" --seq "$seq" \
		--timeout 120 "$@" 2>&1) ||
		fail "flood $first+$count seq $seq at ha$n: $out"$'\n'"$(hs_logs)"
}
# hs_attached N: ha N's dha0 intercepts on the home link r0.
hs_attached() { [[ $(in_ns "ha$1" "$DHA" link show dev dha0 2>/dev/null) == *" home-link r0 "* ]]; }
# hs_kcount N: how many kernel bindings ha N holds; hs_pcount N: how many
# home addresses it answers for on the home link (the device does, for
# its bindings, while attached).
hs_kcount() { hs_kbind "$1" | grep -c .; }
hs_pcount() { if hs_attached "$1"; then hs_kcount "$1"; else echo 0; fi; }

# hs_register HA HOA ARGS...: mnemu must get status 0.
hs_register() {
	local ha=$1 hoa=$2 out
	shift 2
	out=$(in_ns mn "$HS_MNEMU" register --hoa "$hoa" --coa $HS_COA --ha "$ha" \
		--expect-status 0 "$@" 2>&1) ||
		fail "register $hoa at $ha: $out"$'\n'"$(hs_logs)"
}

# What the kernel of ha N holds. The address dhad adds is /128, nodad,
# noprefixroute (iproute2 6.1 does not print its protocol).
hs_addrs() { nip "ha$1" -6 addr show dev r0; }
hs_routes() { nip "ha$1" -6 route show table $HS_TABLE proto 135 2>/dev/null; }
hs_proxies() { nip "ha$1" -6 neigh show proxy dev r0; }
hs_has_addr() { [[ $(hs_addrs "$1") == *"inet6 $2/128 scope global nodad noprefixroute"* ]]; }
hs_no_addr() { [[ $(hs_addrs "$1") != *"inet6 $2/"* ]]; }
hs_has_route() { has_line "$(hs_routes "$1")" "$2 dev r0 metric 135"; }

# hs_state N: what ha N holds, for failure messages.
hs_state() {
	echo "ha$1: $(hs_role "$1")"
	hs_addrs "$1" | grep inet6
	hs_routes "$1"
	hs_proxies "$1"
	in_ns "ha$1" "$DHA" link show dev dha0 2>/dev/null
	hs_kbind "$1"
}

# hs_ping NS ARGS...: one ping run; its summary on failure.
hs_ping() {
	local ns=$1 out
	shift
	out=$(in_ns "$ns" ping -n "$@" 2>&1) ||
		fail "[$ns] ping $* failed:"$'\n'"$out"$'\n'"$(hs_logs)"
}
