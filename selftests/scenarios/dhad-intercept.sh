#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interception on the home link (RFC 6275 10.4.1), done by the dha device:
# dhad attaches dha0 to the home link with the home prefix; the device
# answers Neighbor Solicitations for bound addresses, tunnels their
# packets, and announces new bindings. No proxy entry, no route per
# binding.
#   - a registration multicasts 3 NAs (O set, R and S clear, hop limit
#     255, the home link's MAC) for the home address and, with L, its
#     link-local address; a host's stale entry is overridden;
#   - a host on the home link resolves the home address to the HA and
#     reaches the mobile node through the tunnel; `ip -6 route` and
#     `ip -6 neigh show proxy` show nothing per binding;
#   - DAD for the bound home address is defended, for an unbound address
#     of the prefix not;
#   - SIGTERM leaves the device attached; a restart removes an older
#     dhad's proxy entries and /128 routes, leaves the operator's alone;
#   - deregistration: nobody answers for the address any more; the mobile
#     node back at home is reached directly; lifetime expiry likewise;
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
STALE=2001:db8:1::77		# a proxy entry and route of an older dhad
FOREIGN=2001:db8:1::88		# the operator's proxy entry
UNBOUND=2001:db8:1::99		# an address of the prefix nobody registered

topo_links
ns_add hn 0
nip ha link set home1 netns "$(nsn hn)" || fail "moving home1 to hn"
nip hn link set home1 up
addr hn home1 $HN/64
# For the steps where hn plays a host reached from outside.
route hn default via $HA_HOME
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

# dev_home: the home link dha0 intercepts on, as `dha link` prints it
dev_home() { dha_in ha link show dev dha0 | grep -o 'home-link [^ ]*' | cut -d' ' -f2; }
# no_per_binding ADDR: neither a route nor a proxy entry for ADDR anywhere
no_per_binding() {
	local routes
	routes=$(nip ha -6 route show)
	! grep -q "^$1 " <<<"$routes" || fail "a route for $1: $routes"
	! grep -v "^fe80:" <<<"$routes" | grep -q "dev dha0" ||
		fail "a route into dha0: $routes"
	no_proxy "$1" || fail "a proxy entry for $1: $(proxies)"
}
# dad_state NS ADDR: "dadfailed", "tentative" or "ok" for ADDR on home1
dad_state() {
	local out
	out=$(nip "$1" -6 addr show dev home1)
	grep "inet6 $2/" <<<"$out" | grep -o 'dadfailed\|tentative' | head -1 || echo ok
}
dad_settled() { [ "$(dad_state hn "$1")" != tentative ]; }

# hn's cache holds the mobile node's old MAC, as when it just left home.
nip hn -6 neigh add $HOA lladdr 02:00:00:00:01:00 dev home1 nud stale ||
	fail "stale neighbour entry on hn"

# --- the start: no proxy_ndp needed, forwarding checked, dha0 attached ---
cap_start hn hn home1 icmp6
start_dhad
grep -q "forwarding is 0" "$dlog" && fail "forwarding warning with forwarding on"
_attached() { [ "$(dev_home)" = home0 ]; }
wait_until 5 _attached ||
	fail "dha0 not attached to home0: $(dha_in ha link show dev dha0)"$'\n'"$(cat "$dlog")"
dha_in ha -j link show dev dha0 | grep_q '"home_prefixes":\["2001:db8:1::/64"\]' ||
	fail "dha -j link: $(dha_in ha -j link show dev dha0)"

# --- 1. registration: unsolicited NAs, nothing per binding ---
register reg1 --seq 1 --lifetime 600 --link-local --tunnel mip6 --expect-status 0
no_per_binding $HOA
no_per_binding $HOA_LL
wait_until 10 nas_ge $HOA 3 ||
	fail "not 3 NAs for $HOA on hn: $(cap_text hn -v icmp6)"$'\n'"$(cat "$dlog")"
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

# --- 2. hn resolves the home address and reaches it through the tunnel ---
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
nip hn -6 neigh flush to $HOA dev home1
ping_ok hn -c 3 -W 2 -i 0.2 $HOA
hn_resolves_to_ha || fail "hn resolved $HOA to $(hn_lladdr $HOA), not $HA_MAC"
out=$(cap_text hn -v "icmp6 and ip6[40] == 136" | grep -A1 "tgt is $HOA, Flags \[solicited, override\]")
[ -n "$out" ] || fail "no solicited NA for $HOA: $(cap_text hn -v icmp6 | tail -20)"
ge "$(binding_stat ha dha0 $HOA tx_packets)" 3
# The link-local address (L) resolves to the HA too.
nip hn -6 neigh flush dev home1
ping_fails hn -c 1 -W 2 $HOA_LL%home1
[ "$(hn_lladdr $HOA_LL)" = "$HA_MAC" ] ||
	fail "hn resolved $HOA_LL to '$(hn_lladdr $HOA_LL)', not $HA_MAC"
log "hn ping $HOA through the tunnel: ok"
# MAX_NEIGHBOR_ADVERTISEMENT: the burst stopped after 3.
[ "$(nas $HOA)" = 3 ] || fail "$(nas $HOA) NAs for $HOA, not 3"

# --- 3. DAD: defended for the bound address, not for an unbound one ---
# (ns_add turned DAD off in every namespace.)
in_ns hn sysctl -qw net.ipv6.conf.home1.accept_dad=1 || fail "accept_dad on hn"
nip hn -6 addr add $HOA/64 dev home1 || fail "DAD probe for $HOA"
wait_until 10 dad_settled $HOA || fail "DAD for $HOA does not finish"
[ "$(dad_state hn $HOA)" = dadfailed ] ||
	fail "DAD for the bound $HOA not defended: $(nip hn -6 addr show dev home1)"
nip hn -6 addr del $HOA/64 dev home1
nip hn -6 addr add $UNBOUND/64 dev home1 || fail "DAD probe for $UNBOUND"
wait_until 10 dad_settled $UNBOUND || fail "DAD for $UNBOUND does not finish"
[ "$(dad_state hn $UNBOUND)" = ok ] ||
	fail "DAD for the unbound $UNBOUND failed: $(nip hn -6 addr show dev home1)"
# ... and that host is reached on the home link as if dha were not there.
ping_ok cn -c 2 -W 2 -i 0.2 $UNBOUND
nip hn -6 addr del $UNBOUND/64 dev home1
in_ns hn sysctl -qw net.ipv6.conf.home1.accept_dad=0

# --- 4. SIGTERM leaves dha0 attached; a restart cleans up after an older dhad ---
dhad_stop
[ "$(dev_home)" = home0 ] || fail "dha0 detached by SIGTERM"
nip ha -6 neigh add proxy $STALE dev home0 protocol 135 || fail "adding $STALE"
nip ha -6 route add $STALE/128 dev dha0 proto static || fail "route $STALE"
nip ha -6 neigh add proxy $FOREIGN dev home0 || fail "adding $FOREIGN"
start_dhad
wait_until 5 no_proxy $STALE || fail "the older dhad's entry $STALE left: $(proxies)"
grep -q "^$STALE " <<<"$(nip ha -6 route show)" &&
	fail "the older dhad's route $STALE left: $(nip ha -6 route show)"
has_proxy $FOREIGN || fail "dhad removed the operator's entry $FOREIGN: $(proxies)"$'\n'"$(cat "$dlog")"
nip ha -6 neigh del proxy $FOREIGN dev home0
nip hn -6 neigh flush to $HOA dev home1
ping_ok hn -c 3 -W 2 -i 0.2 $HOA
log "after the restart: $(grep "older dhad" "$dlog" | tail -1)"

# --- 5. deregistration: nobody answers; the mobile node at home is reached ---
nip mn -6 route replace default via $AR_MN dev m_ar || fail "MN default route back"
register reg2 --seq 2 --dereg --tunnel mip6 --expect-status 0
nip hn -6 neigh flush to $HOA dev home1
before=$(nas $HOA)
ping_fails hn -c 1 -W 3 $HOA
[ -z "$(hn_lladdr $HOA)" ] || fail "hn still resolves $HOA: $(nip hn -6 neigh show $HOA)"
[ "$(nas $HOA)" = "$before" ] || fail "NAs for $HOA after deregistration"
# Back at home (hn plays the mobile node): reached directly, not tunneled.
nip hn -6 addr add $HOA/64 dev home1 nodad || fail "$HOA on hn"
ping_ok cn -c 2 -W 2 -i 0.2 $HOA
ping_ok ha -c 2 -W 2 -i 0.2 $HOA
nip hn -6 addr del $HOA/64 dev home1
nip ha -6 neigh flush dev home0

# --- 6. lifetime expiry: the address is answered no more ---
register reg3 --seq 3 --lifetime 8 --expect-status 0
no_per_binding $HOA
_no_binding() { ! grep -q "$HOA" <<<"$(dha_in ha binding show dev dha0)"; }
wait_until 20 _no_binding || fail "binding left after expiry"
nip hn -6 neigh flush to $HOA dev home1
ping_fails hn -c 1 -W 3 $HOA
[ -z "$(hn_lladdr $HOA)" ] || fail "hn resolves the expired $HOA"
dhad_stop

# --- 7. forwarding off on the home link: a clear error at start ---
in_ns ha sysctl -qw net.ipv6.conf.home0.forwarding=0
start_dhad
grep -q "net.ipv6.conf.home0.forwarding is 0" "$dlog" ||
	fail "no error about forwarding: $(cat "$dlog")"
dhad_stop
pass
