#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, a member restarted after its host died: two dhads in
# hard switch mode, ha1 active with 20 mobile nodes.
#   - ha1 dies as a host does (link down, dhad killed): ha2 takes over;
#     ha1's kernel keeps the 20 bindings and proxy entries it had;
#   - ha1's home link goes down and up (the kernel drops its addresses
#     and proxy entries, the module keeps the bindings): its local
#     address is not configured yet, and a dhad that cannot open its control socket
#     fails to start: it exits non-zero having claimed nothing on the
#     home link;
#   - a dhad started then waits for the local address (logged), in role
#     init, claiming nothing: no proxy entry on the home link;
#   - the address configured, it hears ha2 active, settles as standby and
#     withdraws the stale bindings; ha2 keeps serving all of them.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad

N=20

hs_flat 2
HS_LOG_LEVEL=info
for n in 1 2; do hs_conf $n hard "$(hs_local $n)" $((30 - 10 * n)) $((3 - n)); done

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
hs_flood 1 0 $N 1 --lifetime 600
hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
_copied() { [ "$(hs_cache 2 | grep -c .)" = $N ]; }
wait_until 20 _copied || fail "ha2 has $(hs_cache 2 | grep -c .) copies, not $N"$'\n'"$(hs_logs)"

# --- ha1's host dies; ha2 takes over ---
hs_cut 1
wait_until 10 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
_served_by_2() { [ "$(hs_kcount 2)" = $N ] && [ "$(hs_pcount 2)" = $N ]; }
wait_until 20 _served_by_2 || fail "ha2 holds $(hs_kcount 2) bindings, $(hs_pcount 2) proxies"
[ "$(hs_kcount 1)" = $N ] && [ "$(hs_pcount 1)" = $N ] ||
	fail "the killed ha1 should still hold its bindings: $(hs_kcount 1), $(hs_pcount 1)"
log "ha1 died holding $N bindings and proxies; ha2 took over"

# --- back, link up, local address not configured yet ---
# Its home link went down and up: the kernel dropped the link's
# addresses, the dha module kept the bindings but no longer intercepts.
nip ha1 link set r0 down
nip ha1 link set r0 up
nip sw link set s1 up
hs_no_addr 1 "$(hs_local 1)" || fail "ha1 kept its local address: $(hs_addrs 1)"
[ "$(hs_pcount 1)" = 0 ] || fail "ha1's dha0 still answers for $(hs_pcount 1) addresses"
[ "$(hs_kcount 1)" = $N ] || fail "ha1's module lost bindings: $(hs_kcount 1)"

# A start-up error: nothing claimed, nothing left.
in_ns ha1 "$HS_DHAD" -f -c "$SCN_TMP/ha1.conf" -S /nonexistent/dir/dhad.sock \
	>"$SCN_TMP/fail.log" 2>&1 && fail "dhad started with an unusable control socket"
[ "$(hs_pcount 1)" = 0 ] ||
	fail "a dhad that failed to start answers for $(hs_pcount 1) addresses: $(cat "$SCN_TMP/fail.log")"
log "a dhad that failed to start left nothing: $(tail -n 1 "$SCN_TMP/fail.log")"

hs_start 1
_waiting() { grep -q "local $(hs_local 1) is not an address of this host yet: waiting for it" "$SCN_TMP/ha1.log"; }
wait_until 10 _waiting || fail "ha1 does not say it waits for its address"$'\n'"$(hs_logs)"
sleep 2
kill -0 "${HS_PID[1]}" 2>/dev/null || fail "ha1's dhad exited"$'\n'"$(hs_logs)"
hs_is 1 init || fail "ha1 is $(hs_role 1) without its local address"
[ "$(hs_pcount 1)" = 0 ] || fail "ha1 claims $(hs_pcount 1) home addresses before it knows its role"
log "ha1 waits for its local address in role init, claiming nothing"

addr ha1 r0 "$(hs_local 1)"/64
wait_until 15 hs_is 1 standby || fail "ha1 is $(hs_role 1) with its address back"$'\n'"$(hs_logs)"
_clean() { [ "$(hs_kcount 1)" = 0 ] && [ "$(hs_pcount 1)" = 0 ]; }
wait_until 20 _clean || fail "standby ha1 kept $(hs_kcount 1) bindings, $(hs_pcount 1) proxies"
hs_is 2 active || fail "ha2 lost the role"$'\n'"$(hs_logs)"
[ "$(hs_kcount 2)" = $N ] && [ "$(hs_pcount 2)" = $N ] || fail "ha2 holds $(hs_kcount 2), $(hs_pcount 2)"
log "ha1 standby, its stale bindings withdrawn; ha2 serves all $N"

for n in 1 2; do hs_stop $n; done
pass
