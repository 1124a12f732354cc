#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, a clean stop with thousands of bindings: two dhads in
# hard switch mode, ha1 active with 3000 mobile nodes, ha2 standby with
# their copies.
#   - SIGTERM of ha1 (what systemctl stop sends): it withdraws every
#     binding and stops intercepting before its goodbye, so that after it
#     exits its kernel holds nothing of the set's, and dhad exits 0;
#   - ha2 takes over with every binding in its kernel, intercepted by
#     the device, with no route or proxy entry per binding.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad

N=3000

hs_flat 2
HS_LOG_LEVEL=info
for n in 1 2; do hs_conf $n hard "$(hs_local $n)" $((30 - 10 * n)) $((3 - n)); done

# What ha N holds for the bindings: kernel bindings, routes into dha0
# (link-local aside) and proxy entries on the home link (none: the device
# intercepts), addresses it answers for.
rcount() { nip "ha$1" -6 route show dev dha0 | grep -vc '^fe80:'; }
holds() { echo "kernel $(hs_kcount "$1"), routes $(rcount "$1"), proxies $(hs_proxies "$1" | grep -c .), answered $(hs_pcount "$1")"; }

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
hs_flood 1 0 $N 1 --lifetime 600
_all_at() { [ "$(holds "$1")" = "kernel $N, routes 0, proxies 0, answered $N" ]; }
wait_until 30 _all_at 1 || fail "ha1 holds $(holds 1), not $N of each"

hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
_copied() { [ "$(hs_cache 2 | grep -c .)" = $N ]; }
wait_until 60 _copied || fail "ha2 has $(hs_cache 2 | grep -c .) copies, not $N"$'\n'"$(hs_logs)"
log "ha1 active with $N bindings ($(holds 1)), ha2 standby with their copies"

# --- SIGTERM of the active ---
hs_stop 1
[ "$(holds 1)" = "kernel 0, routes 0, proxies 0, answered 0" ] ||
	fail "ha1 stopped and still holds $(holds 1)"$'\n'"$(hs_logs)"
log "ha1 exited holding nothing"

wait_until 20 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
wait_until 60 _all_at 2 || fail "ha2 took over holding $(holds 2), not $N of each"$'\n'"$(hs_logs)"
log "ha2 active: $(holds 2)"

hs_stop 2
pass
