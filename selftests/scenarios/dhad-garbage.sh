#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dhad under a burst of garbage while registered traffic flows: a mobile
# node registered through dhad (built with ASan/UBSan, daemon/dhad-asan)
# is pinged by a correspondent while `mnemu garbage` sends thousands of
# malformed, truncated and oversized Mobility Header and ICMPv6/ND
# messages to the home agent from a foreign link and from the home link
# (GARBAGE_COUNT each, GARBAGE_RATE a second, fixed seeds: the same burst
# every run).  The ICMPv6 part reaches dhad once it has an ICMPv6 socket;
# the kernel's own ND parses it meanwhile.  Afterwards:
#   - dhad is alive and answers `dha ha show`;
#   - the ping lost at most a few packets;
#   - the mobile node's binding is intact in dhad's cache and the kernel,
#     and a new registration still gets BA status 0;
#   - on SIGTERM dhad exits 0 and ASan/UBSan reported nothing (leaks
#     at exit included).
#
#   cn ── ha ── ar ── mn      (scenario.sh's topology; garbage from ar)
#         │
#         gl                  (home link, home1 moved here; garbage too)

. "$(dirname "$0")/../lib/scenario.sh"

DHAD_ASAN=${DHAD_ASAN:-$DHA_TOP/daemon/dhad-asan}
GARBAGE_COUNT=${GARBAGE_COUNT:-3000}
GARBAGE_RATE=${GARBAGE_RATE:-2000}
NEW_HOA=2001:db8:1::200
GL_ADDR=2001:db8:1::66
MAX_PING_LOSS=3

require_dha
require_cmd ip ping
[ -x "$DHAD_ASAN" ] || fail "dhad-asan not built ($DHAD_ASAN): make -C daemon dhad-asan"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU): make -C selftests/mnemu"

# The sanitizer runtime comes from the host over 9p: make sure it works.
ASAN_OPTIONS=help=1 "$DHAD_ASAN" -V >"$SCN_TMP/asan-help" 2>&1 ||
	fail "dhad-asan does not run: $(head -5 "$SCN_TMP/asan-help")"
grep -q detect_leaks "$SCN_TMP/asan-help" ||
	fail "dhad-asan has no ASan runtime: $(head -5 "$SCN_TMP/asan-help")"

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
ns_add gl 0
ip -n "$(nsn ha)" link set home1 netns "$(nsn gl)" || fail "moving home1 to gl"
nip gl link set home1 up
addr gl home1 $GL_ADDR/64
route gl default via $HA_HOME

# Neighbour Discovery has no authentication: garbage from an address
# with a random link-layer address option rewrites that address's
# neighbour entry on the home agent, which cuts the home agent off from
# the sender, here the access router on the mobile node's path.  That
# is ND spoofing, not what this test is about: pin the senders' entries.
pin() { # NS IF HA_IF: pin the addresses of NS's IF on the home agent's HA_IF
	local mac a
	mac=$(nip "$1" -br link show "$2" | awk '{ print $3 }')
	for a in $(nip "$1" -6 -o addr show dev "$2" | awk '{ sub("/.*", "", $4); print $4 }'); do
		nip ha -6 neigh replace "$a" lladdr "$mac" nud permanent dev "$3" ||
			fail "pinning $a on ha/$3"
	done
}
pin ar a_ha h_ar
pin gl home1 home0

mn_home_setup $HOA $NEW_HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300"

# Any report aborts dhad and lands in asan.PID / ubsan.PID.
san=abort_on_error=1:halt_on_error=1:print_stacktrace=1
dhad_start ha "$conf" "$sock" "$dlog" \
	env ASAN_OPTIONS="$san:detect_leaks=1:log_path=$SCN_TMP/asan" \
	UBSAN_OPTIONS="$san:log_path=$SCN_TMP/ubsan" "$DHAD_ASAN"

sanitizer_reports() { cat "$SCN_TMP"/asan.* "$SCN_TMP"/ubsan.* 2>/dev/null; }
dhad_alive() {
	kill -0 "$DHAD_PID" 2>/dev/null ||
		fail "dhad died $1:"$'\n'"$(sanitizer_reports)"$'\n'"$(tail -20 "$dlog")"
}

# --- a registered mobile node with traffic ---
mn_register reg 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 10 \
	--tunnel mip6 --expect-status 0
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
ping_ok cn -c 2 -W 2 -i 0.2 $HOA
bg_ns cn ping -n -i 0.1 $HOA >"$SCN_TMP/ping.out" 2>&1
PING_PID=$BG_PID
log "registered $HOA; pinging it from cn"

# --- the burst, from the foreign link and the home link at once ---
in_ns ar "$MNEMU" garbage --ha $HA_LOCAL --prefix 2001:db8:1::/64 \
	--avoid $HOA --avoid $NEW_HOA --count "$GARBAGE_COUNT" --rate "$GARBAGE_RATE" --seed 1 \
	>"$SCN_TMP/garbage-ar.out" 2>&1 &
g1=$!
in_ns gl "$MNEMU" garbage --ha $HA_LOCAL --prefix 2001:db8:1::/64 --dev home1 \
	--avoid $HOA --avoid $NEW_HOA --count "$GARBAGE_COUNT" --rate "$GARBAGE_RATE" --seed 2 \
	>"$SCN_TMP/garbage-gl.out" 2>&1 &
g2=$!
wait $g1 || fail "garbage from ar: $(cat "$SCN_TMP/garbage-ar.out")"
wait $g2 || fail "garbage from gl: $(cat "$SCN_TMP/garbage-gl.out")"
log "ar: $(cat "$SCN_TMP/garbage-ar.out")"
log "gl: $(cat "$SCN_TMP/garbage-gl.out")"

# --- dhad is alive and answers once it has worked through its queue ---
dhad_alive "during the burst"
wait_until 30 dhad_answers ha "$sock" || fail "dhad does not answer after the burst"
dhad_alive "after the burst"
out=$(dha_in ha -S "$sock" ha show)
log "ha show: $(head -3 <<<"$out" | tr '\n' ' ')"

# --- the ping: replies still come, then its count ---
replies() { grep -c "bytes from" "$SCN_TMP/ping.out"; }
_more_replies() { [ "$(replies)" -ge "$1" ]; }
wait_until 10 _more_replies $(($(replies) + 5)) ||
	fail "no more ping replies after the burst: $(tail -3 "$SCN_TMP/ping.out")"
kill -INT "$PING_PID"
wait "$PING_PID"
read -r sent got < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' "$SCN_TMP/ping.out")
[ -n "${sent:-}" ] || fail "no ping statistics: $(tail -3 "$SCN_TMP/ping.out")"
log "ping during the burst: $sent sent, $got received"
[ "$sent" -ge 10 ] || fail "only $sent pings sent"
[ $((sent - got)) -le $MAX_PING_LOSS ] ||
	fail "ping lost $((sent - got)) of $sent during the burst:"$'\n'"$(dha_in ha -s binding show dev dha0 | grep -A3 "$HOA")"$'\n'"$(dha_in ha stats dev dha0)"$'\n'"$(nip ha -6 route get $HOA)"$'\n'"$(dha_in ha -S "$sock" cache show | grep "$HOA")"

# --- the binding is intact; a new registration still works ---
out=$(dha_in ha -S "$sock" cache show)
grep -q "^$HOA coa $COA seq 10 " <<<"$out" || fail "cache entry of $HOA changed: $(grep "$HOA" <<<"$out")"
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA.*$COA" <<<"$out" || fail "kernel binding of $HOA changed: $(grep "$HOA" <<<"$out")"
mn_register after-burst 0 --hoa $NEW_HOA --coa $COA --ha $HA_LOCAL --seq 1 \
	--expect-status 0

# The garbage reached the daemon: it logged (at debug) what it dropped,
# ignored or refused.
seen=$(grep -c "mobility:\|refused\|binding " "$dlog")
# /proc/net/raw6: the local "port" is the protocol (0087: MH), drops last.
drops=$(in_ns ha awk '$2 ~ /:0087$/ { n += $NF } END { print n + 0 }' /proc/net/raw6)
log "dhad logged $seen lines about the garbage; its MH socket dropped $drops"
[ "$seen" -ge 100 ] || fail "dhad saw little of the garbage ($seen log lines)"

# --- exit: no sanitizer report, leaks included ---
kill -TERM "$DHAD_PID"
wait "$DHAD_PID"
rc=$?
reports=$(sanitizer_reports)
[ -z "$reports" ] || fail "sanitizer report:"$'\n'"$reports"
grep -E "AddressSanitizer|LeakSanitizer|runtime error" "$dlog" &&
	fail "sanitizer messages in dhad's log"
[ "$rc" = 0 ] || fail "dhad-asan exited $rc: $(tail -20 "$dlog")"
pass
