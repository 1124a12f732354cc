#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A takeover at scale: N bindings (default 20000, DHA_TAKEOVER_N) in
# ha1's kernel (dha_bulk), restored by its dhad, synchronized to ha2;
# ha1 dies as a host does. Then
#   - ha2 holds all N in its kernel, and its dha0 intercepts on the home
#     link;
#   - no namespace has a per-binding route or a proxy neighbour entry:
#     one prefix route for the home link, the device answers ND;
#   - a sample of the mobile nodes (the first, one in the middle, the
#     last) answers the correspondent through ha2's tunnel: the router
#     resolves their home addresses to ha2 and ha2 encapsulates.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
[ -x "$HS_DHAD" ] || skip "dhad not built ($HS_DHAD)"
[ -x "$DHA_BULK" ] || fail "dha_bulk not built ($DHA_BULK)"

N=${DHA_TAKEOVER_N:-20000}
HA1=$(hs_local 1)
HA2=$(hs_local 2)
# dha_bulk's home addresses: HS_HOA_BASE + 1 .. + N
hoa_n() { printf '2001:db8:1::%x:%x\n' $(((65536 + $1) / 65536)) $(((65536 + $1) % 65536)); }
SAMPLE="$(hoa_n 1) $(hoa_n $((N / 2))) $(hoa_n "$N")"

hs_topo 2
hs_mn $HA2 $SAMPLE
hs_mn_reach $HA1
hs_mn_reach $HA2
HS_LOG_LEVEL=warning
HS_SYNC_REFRESH=0
hs_conf 1 hard $HA1 30 2 "max-bindings = $((N + 10))"
hs_conf 2 hard $HA2 20 1 "max-bindings = $((N + 10))"
ms() { echo $(($(date +%s%N) / 1000000)); }
field() { grep -o "\"$2\":\"\?[0-9a-z.]*" <<<"$1" | head -1 | cut -d: -f2 | tr -d '"'; }

dha_dev ha1
t=$(ms)
in_ns ha1 "$DHA_BULK" dha0 $HS_HOA_BASE "$N" $HS_COA 600 || fail "dha_bulk $N bindings"
log "$N bindings put into ha1's kernel in $(($(ms) - t)) ms"
hs_start 1
_restored() { [ "$(field "$(hs_show 1 -j)" bindings)" = "$N" ] && hs_is 1 active; }
wait_until 60 _restored || fail "ha1 holds $(field "$(hs_show 1 -j)" bindings) bindings"$'\n'"$(hs_logs)"
hs_start 2
_full() {
	local j
	j=$(hs_show 2 -j)
	[ "$(field "$j" full-copy)" = true ] && [ "$(field "$j" bindings)" = "$N" ]
}
wait_until 60 _full || fail "ha2 got no full copy: $(hs_show 2)"$'\n'"$(hs_logs)"
[ "$(hs_kcount 2)" = 0 ] || fail "the standby has $(hs_kcount 2) bindings in its kernel"
log "ha1 active with $N bindings, ha2 standby with their copies"

t=$(ms)
hs_cut 1
_adopted() {
	local j
	j=$(hs_show 2 -j)
	[ "$(field "$j" role)" = active ] && [ "$(field "$j" adoption-left)" = 0 ] &&
		[ "$(field "$j" adopted)" = "$N" ]
}
wait_until 60 _adopted || fail "ha2 did not adopt all: $(hs_show 2)"$'\n'"$(hs_logs)"
log "ha2 adopted $N bindings $(($(ms) - t)) ms after ha1 died"

k=$(hs_kbind 2)
c=$(grep -c " coa $HS_COA" <<<"$k")
[ "$c" = "$N" ] || fail "ha2's kernel holds $c bindings toward $HS_COA, not $N"
for a in $SAMPLE; do
	has_line "$k" "$a coa $HS_COA" || fail "ha2's kernel lacks $a"
done
hs_attached 2 || fail "ha2's dha0 does not intercept on the home link: $(in_ns ha2 "$DHA" link show dev dha0)"

# No per-binding state anywhere: a route or a proxy entry naming one of
# the home addresses (2001:db8:1::1:0/112), but for the mobile nodes'
# own local routes of the sample's addresses on their lo.
hoa_routes() {
	nip "$1" -6 route show table all | grep '^2001:db8:1::1:[0-9a-f]* ' |
		{ if [ "$1" = mn ]; then grep -v ' dev lo proto kernel '; else cat; fi; }
}
for ns in sw r cn mn ha1 ha2; do
	r=$(hoa_routes $ns | grep -c .)
	[ "$r" = 0 ] || fail "$ns has $r per-binding routes: $(hoa_routes $ns | head -3)"
	p=$(nip $ns -6 neigh show proxy | grep -c .)
	[ "$p" = 0 ] || fail "$ns has $p proxy entries: $(nip $ns -6 neigh show proxy | head -3)"
done
log "no per-binding route or proxy entry in any namespace"

for a in $SAMPLE; do
	hs_ping cn -c 1 -W 5 "$a"
done
log "the correspondent reaches $SAMPLE through ha2"
hs_stop 2
pass
