#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The dha device intercepting on its home link, without dhad: dha0 is
# attached to home0 with the home prefix (`dha link set ... home-link`),
# and no route leads into it.
#   - a correspondent and a host on the home link reach a bound home
#     address through the tunnel; the host resolves it to the HA's MAC;
#     the binding counts the packets;
#   - the inner hop limit is used up as forwarding would: a packet that
#     arrives with hop limit 1 gets Time Exceeded; one too big for the
#     tunnel gets Packet Too Big (mtu 1400 - 40), as on the routed path;
#   - an address of the prefix without a binding is reached on the home
#     link, dha0 counting nothing; after the binding is deleted nobody
#     answers for the home address;
#   - taking the home link down detaches the device.
#
#   cn ── ha ── ar ── mn      (scenario.sh's topo_links)
#          │
#          hn                 home0 (ha) ── home1 (hn), 2001:db8:1::/64

. "$(dirname "$0")/../lib/scenario.sh"

require_dha

HN=2001:db8:1::5
UNBOUND=2001:db8:1::99

topo_links
ns_add hn 0
nip ha link set home1 netns "$(nsn hn)" || fail "moving home1 to hn"
nip hn link set home1 up
addr hn home1 $HN/64
addr hn home1 $UNBOUND/64
route hn default via $HA_HOME
HA_MAC=$(nip ha link show home0 | awk '/link\/ether/ { print $2 }')
mn_tunnel mn m_ar $COA $HA_LOCAL $AR_MN $HOA

dha_dev ha
dha_in ha link set dev dha0 local $HA_LOCAL home-link home0 home-prefix 2001:db8:1::/64
out=$(dha_in ha link show dev dha0)
grep -q " home-link home0 home-prefix 2001:db8:1::/64$" <<<"$out" || fail "dha link: $out"
dha_in ha binding add $HOA coa $COA dev dha0 lifetime 600

# --- reached through the tunnel, with no route into dha0 ---
routes=$(nip ha -6 route show)
grep -v "^fe80" <<<"$routes" | grep_q "dev dha0" && fail "a route into dha0: $routes"
ping_ok cn -c 2 -W 3 -i 0.3 $HOA
ping_ok hn -c 2 -W 3 -i 0.3 $HOA
lladdr=$(nip hn -6 neigh show $HOA dev home1 | awk '/lladdr/ { print $3 }')
[ "$lladdr" = "$HA_MAC" ] || fail "hn resolved $HOA to '$lladdr', not $HA_MAC"
ge "$(binding_stat ha dha0 $HOA tx_packets)" 4

# --- hop limit and MTU, as forwarding would ---
cap_start cn cn cn0 'icmp6 and (ip6[40] == 3 or ip6[40] == 2)'
ping_fails cn -c 1 -W 2 -t 1 $HOA
cap_wait cn 1 5 || fail "no Time Exceeded reached the CN"
cap_has cn "$(re $HA_CN) > $(re $CN): ICMP6, time exceeded in-transit" ||
	fail "no Time Exceeded from the HA:"$'\n'"$(cap_text cn)"
nip ha link set h_ar mtu 1400
nip ar link set a_ha mtu 1400
tb0=$(dha_stat ha dha0 tx_drop_too_big)
ping_fails cn -c 2 -i 0.3 -W 1 -s 1400 -M "do" $HOA
cap_wait cn 2 5 || fail "no Packet Too Big reached the CN:"$'\n'"$(cap_text cn)"
cap_has cn "ICMP6, packet too big, mtu 1360" ||
	fail "Packet Too Big with a wrong MTU:"$'\n'"$(cap_text cn)"
ge "$(dha_stat ha dha0 tx_drop_too_big)" $((tb0 + 1))
ping_ok cn -c 1 -W 3 -s 1300 -M "do" $HOA
cap_stop cn

# --- an unbound address of the prefix: the home link, not dha0 ---
tx0=$(dha_stat ha dha0 tx_packets)
nb0=$(dha_stat ha dha0 tx_drop_no_binding)
ping_ok cn -c 2 -W 3 -i 0.3 $UNBOUND
[ "$(dha_stat ha dha0 tx_packets)" = "$tx0" ] || fail "dha0 tunneled a packet for $UNBOUND"
[ "$(dha_stat ha dha0 tx_drop_no_binding)" = "$nb0" ] || fail "a packet for $UNBOUND went into dha0"

# --- deleted: nobody answers ---
dha_in ha binding del $HOA dev dha0
nip hn -6 neigh flush to $HOA dev home1
ping_fails hn -c 1 -W 3 $HOA
nip hn -6 neigh show $HOA dev home1 | grep_q lladdr &&
	fail "hn resolves the unbound $HOA: $(nip hn -6 neigh show $HOA dev home1)"

# --- the home link taken down: detached ---
nip ha link set home0 down
dha_in ha link show dev dha0 | grep_q home-link &&
	fail "still attached: $(dha_in ha link show dev dha0)"
pass
