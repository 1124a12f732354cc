#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interception on the home link (RFC 6275 10.4.1): while the mobile node
# is away, dhad has the kernel answer Neighbor Solicitations for its home
# address on the home link (a proxy entry marked "proto 135"), and
# advertises it with unsolicited Neighbor Advertisements on registration.
#   - a registration adds the proxy entry (and the link-local one with L)
#     and multicasts >= 2 NAs (O set, R and S clear, hop limit 255, the
#     home link's MAC) that override a host's stale neighbour entry;
#   - a host on the home link reaches the home address through the HA
#     and the tunnel;
#   - SIGTERM leaves the entries, a restart keeps them, removes its own
#     stale entries and leaves the operator's alone; the ping still works;
#   - deregistration removes the entries and the HA stops answering;
#     lifetime expiry removes them too;
#   - forwarding off on the home link is reported at start.
#
#   cn ── ha ── ar ── mn      (scenario.sh's topo_links)
#          │
#          hn                 home0 (ha) ── home1 (hn), 2001:db8:1::/64

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip ping tcpdump
require_dhad

HN=2001:db8:1::5
HOA_LL=fe80::100
STALE=2001:db8:1::77		# a proxy entry of dhad's without a binding
FOREIGN=2001:db8:1::88		# the operator's

topo_links
ns_add hn 0
nip ha link set home1 netns "$(nsn hn)" || fail "moving home1 to hn"
nip hn link set home1 up
addr hn home1 $HN/64
HA_MAC=$(nip ha link show home0 | awk '/link\/ether/ { print $2 }')
[ -n "$HA_MAC" ] || fail "no MAC on ha's home0"

route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
mn_home_setup $HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300"

start_dhad() { dhad_start ha "$conf" "$sock" "$dlog"; }

# register ID ARGS...: mnemu must get the status it expects.
register() { mn_register "$1" 0 --hoa $HOA --coa $COA --ha $HA_LOCAL "${@:2}"; }

proxies() { nip ha -6 neigh show proxy dev home0; }
# Not "proxies | grep -q": ip flushes each line, and under pipefail the
# SIGPIPE of a line written after grep quit would read as "no entry".
has_proxy() { local out; out=$(proxies); grep -q "^$1 " <<<"$out"; }
no_proxy() { ! has_proxy "$1"; }
# hn_lladdr ADDR: the MAC hn's neighbour cache holds for ADDR
hn_lladdr() { nip hn -6 neigh show "$1" dev home1 | awk '/lladdr/ { print $3 }'; }
hn_resolves_to_ha() { [ "$(hn_lladdr $HOA)" = "$HA_MAC" ]; }
nas() { cap_text hn -v "icmp6 and ip6[40] == 136" | grep -c "tgt is $1, Flags \[override\]$"; }
nas_ge() { [ "$(nas "$1")" -ge "$2" ]; }

# hn's cache holds the mobile node's old MAC, as when it just left home.
nip hn -6 neigh add $HOA lladdr 02:00:00:00:01:00 dev home1 nud stale ||
	fail "stale neighbour entry on hn"

# --- the sysctls: proxy_ndp turned on, forwarding checked ---
in_ns ha sysctl -qw net.ipv6.conf.home0.proxy_ndp=0
cap_start hn hn home1 icmp6
start_dhad
[ "$(in_ns ha sysctl -n net.ipv6.conf.home0.proxy_ndp)" = 1 ] ||
	fail "proxy_ndp not turned on: $(cat "$dlog")"
grep -q "forwarding is 0" "$dlog" && fail "forwarding warning with forwarding on"

# --- 1. registration: proxy entries, unsolicited NAs ---
register reg1 --seq 1 --lifetime 600 --link-local --tunnel mip6 --expect-status 0
has_proxy $HOA || fail "no proxy entry for $HOA: $(proxies)"$'\n'"$(cat "$dlog")"
has_proxy $HOA_LL || fail "no proxy entry for $HOA_LL (L set): $(proxies)"
grep "^$HOA " <<<"$(proxies)" | grep_q "proto 135" ||
	fail "the proxy entry is not marked as dhad's: $(proxies)"
log "proxies: $(proxies | tr '\n' ';')"
wait_until 10 nas_ge $HOA 2 ||
	fail "fewer than 2 NAs for $HOA on hn: $(cap_text hn -v icmp6)"
wait_until 10 nas_ge $HOA 3 ||
	fail "not 3 NAs for $HOA on hn: $(cap_text hn -v icmp6)"
wait_until 10 nas_ge $HOA_LL 2 ||
	fail "fewer than 2 NAs for $HOA_LL on hn: $(cap_text hn -v icmp6)"
out=$(cap_text hn -v "icmp6 and ip6[40] == 136" | grep -A1 "tgt is $HOA, ")
grep -q "hlim 255" <<<"$out" || fail "NA hop limit not 255: $out"
grep -q "ff02::1:" <<<"$out" || fail "NA not to all-nodes: $out"
grep -qi "destination link-address option.*$HA_MAC" <<<"$out" ||
	fail "NA without the home link's MAC $HA_MAC: $out"
log "NA: $(head -2 <<<"$out" | tr -s '\t\n' ' ')"
wait_until 5 hn_resolves_to_ha ||
	fail "hn's stale entry not overridden: $(nip hn -6 neigh show $HOA)"

# --- 2. hn reaches the home address through the HA and the tunnel ---
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
nip hn -6 neigh flush to $HOA dev home1
ping_ok hn -c 3 -W 2 -i 0.2 $HOA
hn_resolves_to_ha || fail "hn resolved $HOA to $(hn_lladdr $HOA), not $HA_MAC"
log "hn ping $HOA through the tunnel: ok"

# MAX_NEIGHBOR_ADVERTISEMENT: the burst stopped after 3.
[ "$(nas $HOA)" = 3 ] || fail "$(nas $HOA) NAs for $HOA, not 3"

# --- 3. SIGTERM leaves the entries; a restart reconciles ---
dhad_stop
has_proxy $HOA || fail "proxy entry for $HOA gone after SIGTERM"
nip ha -6 neigh add proxy $STALE dev home0 protocol 135 || fail "adding $STALE"
nip ha -6 neigh add proxy $FOREIGN dev home0 || fail "adding $FOREIGN"
start_dhad
has_proxy $HOA || fail "proxy entry for $HOA gone after the restart: $(proxies)"
has_proxy $HOA_LL || fail "proxy entry for $HOA_LL gone after the restart"
no_proxy $STALE || fail "dhad kept its stale entry $STALE: $(proxies)"
has_proxy $FOREIGN || fail "dhad removed the operator's entry $FOREIGN: $(proxies)"$'\n'"$(cat "$dlog")"
nip hn -6 neigh flush to $HOA dev home1
ping_ok hn -c 3 -W 2 -i 0.2 $HOA
log "after the restart: $(grep "proxy entries" "$dlog" | tail -1)"

# --- 4. deregistration: the entries go, the HA stops answering ---
nip mn -6 route replace default via $AR_MN dev m_ar || fail "MN default route back"
register reg2 --seq 2 --dereg --tunnel mip6 --expect-status 0
no_proxy $HOA || fail "proxy entry for $HOA left after deregistration: $(proxies)"
no_proxy $HOA_LL || fail "proxy entry for $HOA_LL left after deregistration"
has_proxy $FOREIGN || fail "deregistration removed the operator's entry"
nip hn -6 neigh flush to $HOA dev home1
before=$(nas $HOA)
ping_fails hn -c 1 -W 3 $HOA
[ -z "$(hn_lladdr $HOA)" ] || fail "hn still resolves $HOA: $(nip hn -6 neigh show $HOA)"
[ "$(nas $HOA)" = "$before" ] || fail "NAs for $HOA after deregistration"

# --- 5. lifetime expiry removes the entry too ---
register reg3 --seq 3 --lifetime 8 --expect-status 0
has_proxy $HOA || fail "no proxy entry for $HOA after registering again"
no_proxy $HOA_LL || fail "proxy entry for $HOA_LL without L"
wait_until 20 no_proxy $HOA ||
	fail "proxy entry for $HOA left after expiry: $(proxies)"$'\n'"$(cat "$dlog")"
# The kernel's own expiry of the binding may come a moment after dhad's.
_no_binding() { ! grep -q "$HOA" <<<"$(dha_in ha binding show dev dha0)"; }
wait_until 5 _no_binding || fail "binding left after expiry"

dhad_stop
has_proxy $FOREIGN || fail "the operator's entry is gone"

# --- 6. forwarding off on the home link: a clear error at start ---
in_ns ha sysctl -qw net.ipv6.conf.home0.forwarding=0
start_dhad
grep -q "net.ipv6.conf.home0.forwarding is 0" "$dlog" ||
	fail "no error about forwarding: $(cat "$dlog")"
dhad_stop
pass
