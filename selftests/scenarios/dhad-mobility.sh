#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What a registered mobile node lives through, with dhad as its home agent:
#   1. a move to a new care-of address: the kernel binding, the cache and
#      the tunnel follow, and the correspondent's traffic goes to the new
#      care-of address;
#   2. dhad killed with SIGKILL, then stopped with SIGTERM, and started
#      again each time: a correspondent pinging every 50 ms loses nothing,
#      (dha0 stays attached to the home link), and the restarted dhad
#      rebuilds its cache from the kernel and takes
#      the next Binding Update whatever its sequence number;
#   3. NEMO through dhad: a mobile router registers a Mobile Network Prefix
#      explicitly, another one implicitly (configured prefix); a node
#      behind each is reachable through the tunnel, and deregistration
#      removes the prefix routes;
#   4. lifetime expiry: the binding, the cache entry and the route go.
#
#   cn ── ha ── ar ── mn ── mnn      (addresses of scenario.sh's topo_links)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip ping
require_dhad

COA2=2001:db8:2::22
COA3=2001:db8:2::33		# the second router's: one ip6ip6 tunnel per pair
MR_HOA=2001:db8:1::200		# explicit mode
MR2_HOA=2001:db8:1::300		# implicit mode
MNP=2001:db8:100::/48
MNN=2001:db8:100:1::10
MNP2=2001:db8:300::/48
MNN2=2001:db8:300:1::10

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
addr mn m_ar $COA2/64
addr mn m_ar $COA3/64
# The mobile router's network, one per router home address.
in_ns mn sysctl -qw net.ipv6.conf.all.forwarding=1 || fail "forwarding on mn"
ns_add mnn 0
veth mn m_net mnn n0
addr mn m_net 2001:db8:100:1::1/64
addr mn m_net 2001:db8:300:1::1/64
addr mnn n0 $MNN/64
addr mnn n0 $MNN2/64
nip mnn -6 route add default via 2001:db8:100:1::1 || fail "mnn default route"

mn_home_setup $HOA $MR_HOA $MR2_HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300" "mobile-routers = yes" \
	"mobile-network = $MR_HOA $MNP" "mobile-network = $MR2_HOA $MNP2"
start_dhad() { dhad_start ha "$conf" "$sock" "$dlog"; }
start_dhad

cache() { dha_in ha -S "$sock" cache show; }

# --- 1. registration, then a move to a new care-of address ---
mn_register reg1 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 1 --tunnel mip6 --expect-status 0
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
ping_ok cn -c 2 -W 2 -i 0.2 $HOA

cap_start move ha h_ar "ip6[6] == 41 and dst host $COA2"
mn_register reg2 0 --hoa $HOA --coa $COA2 --ha $HA_LOCAL --seq 2 --expect-status 0
nip mn -6 tunnel change mip6 local $COA2 || fail "moving the MN's tunnel to $COA2"
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA coa $COA2 " <<<"$out" || fail "kernel binding did not move to $COA2: $out"
cache | grep_q "^$HOA coa $COA2 seq 2 " || fail "cache did not move: $(cache)"
ping_ok cn -c 3 -W 2 -i 0.2 $HOA
cap_wait move 3 10 || fail "no traffic tunneled to $COA2:"$'\n'"$(cap_text move)"
cap_has move "^IP6 $(re $HA_LOCAL) > $(re $COA2): IP6 $(re $CN) > $(re $HOA): ICMP6, echo request" ||
	fail "echo requests not tunneled to the new care-of address:"$'\n'"$(cap_text move)"
cap_stop move
log "moved to $COA2: traffic follows"

# --- 2. restart without loss: SIGKILL, then SIGTERM ---
# ping_loss OUT: the percentage of lost replies ping printed in OUT.
ping_loss() { sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p' "$1"; }
restart_under_ping() { # SIGNAL
	local sig=$1 out=$SCN_TMP/ping-$1.out pid loss rc
	in_ns cn ping -n -i 0.05 -c 120 -W 1 $HOA >"$out" 2>&1 &
	pid=$!
	sleep 1
	kill -"$sig" "$DHAD_PID"
	wait "$DHAD_PID" 2>/dev/null
	rc=$?
	if [ "$sig" = TERM ]; then
		[ "$rc" = 0 ] || fail "dhad exited $rc on SIGTERM: $(cat "$dlog")"
	fi
	dha_in ha link show dev dha0 | grep_q " home-link home0 " ||
		fail "dha0 detached with dhad (SIG$sig): $(dha_in ha link show dev dha0)"
	start_dhad
	wait "$pid"
	loss=$(ping_loss "$out")
	[ "$loss" = 0 ] || fail "SIG$sig and restart lost $loss% of the replies: $(tail -3 "$out")"
	log "SIG$sig and restart: $(grep 'packet loss' "$out")"
	cache | grep_q "^$HOA coa $COA2 .*restored" ||
		fail "cache not rebuilt from the kernel after SIG$sig: $(cache)"
}
restart_under_ping KILL
restart_under_ping TERM
# The sequence number was lost with the process: any is taken once.
mn_register reg3 0 --hoa $HOA --coa $COA2 --ha $HA_LOCAL --seq 60000 --expect-status 0
out=$(cache)
grep -q "^$HOA coa $COA2 seq 60000 " <<<"$out" || fail "renewal after restart not cached: $out"
grep -q "^$HOA .*restored" <<<"$out" && fail "renewed entry still marked restored: $out"

# --- 3. NEMO through dhad ---
mn_register mr1 0 --hoa $MR_HOA --coa $COA --ha $HA_LOCAL --seq 1 --mr --mnp $MNP \
	--tunnel mr1 --expect-status 0
grep -q "flags R" "$SCN_TMP/mr1.out" || fail "BA without R: $(cat "$SCN_TMP/mr1.out")"
mn_register mr2 0 --hoa $MR2_HOA --coa $COA3 --ha $HA_LOCAL --seq 1 --mr \
	--tunnel mr2 --expect-status 0
for p in $MNP $MNP2; do
	nip ha -6 route show $p | grep_q "dev dha0" ||
		fail "no route of $p into dha0: $(nip ha -6 route show)"
done
out=$(dha_in ha -j binding show dev dha0)
grep -q "2001:db8:100::" <<<"$out" || fail "explicit prefix not in the kernel binding: $out"
grep -q "2001:db8:300::" <<<"$out" || fail "implicit prefix not in the kernel binding: $out"
# The routers send their network's traffic back through their tunnels.
n=101
for r in "$MNP mr1" "$MNP2 mr2"; do
	set -- $r
	nip mn -6 rule add from "$1" table $n || fail "mn rule from $1"
	nip mn -6 route add default dev "$2" table $n || fail "mn route via $2"
	n=$((n + 1))
done
cap_start nemo ha h_ar 'ip6[6] == 41'
ping_ok cn -c 3 -W 2 -i 0.2 $MNN
cap_has nemo "IP6 $(re $CN) > $(re $MNN): ICMP6, echo request" ||
	fail "no tunneled echo request to $MNN:"$'\n'"$(cap_text nemo)"
cap_has nemo "IP6 $(re $MNN) > $(re $CN): ICMP6, echo reply" ||
	fail "no reverse-tunneled reply from $MNN:"$'\n'"$(cap_text nemo)"
cap_stop nemo
ping_ok cn -c 3 -W 2 -i 0.2 $MNN2
log "NEMO: explicit and implicit prefixes reachable"
mn_register mr1d 0 --hoa $MR_HOA --coa $COA --ha $HA_LOCAL --seq 2 --mr --dereg \
	--tunnel mr1 --expect-status 0
nip ha -6 route show $MNP | grep_q dha0 && fail "route of $MNP left after deregistration"
nip ha -6 route show $MNP2 | grep_q dha0 || fail "route of $MNP2 lost with the other router"

# --- 4. expiry: a 4 s lifetime ---
mn_register exp 0 --hoa $MR2_HOA --coa $COA3 --ha $HA_LOCAL --seq 2 --mr --lifetime 4 \
	--expect-status 0
_expired() {
	! dha_in ha binding show dev dha0 | grep_q "^$MR2_HOA " &&
		! cache | grep_q "^$MR2_HOA " &&
		! nip ha -6 route show $MNP2 | grep_q dha0 &&
		! nip ha -6 route show $MR2_HOA/128 | grep_q dha0
}
wait_until 15 _expired || fail "binding of $MR2_HOA did not expire: $(dha_in ha binding show dev dha0) / $(cache) / $(nip ha -6 route show)"
cache | grep_q "^$HOA coa $COA2 " || fail "expiry took another binding: $(cache)"
log "expiry removed the binding, the cache entry and the routes"

dhad_stop
pass
