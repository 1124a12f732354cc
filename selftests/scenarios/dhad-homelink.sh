#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The home link taken down and brought up again while dhad serves: the
# kernel detaches dha0 when the link goes down (it claims no address on
# a link that comes back up without its daemon); dhad, watching the link,
# logs it and attaches dha0 again when the link is up, so the bindings
# are answered and reached again without a restart.
#
#   cn ── ha ── ar ── mn      (scenario.sh's topo_links)
#          │
#          hn                 home0 (ha) ── home1 (hn), 2001:db8:1::/64

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip ping
require_dhad

HN=2001:db8:1::5

topo_links
ns_add hn 0
nip ha link set home1 netns "$(nsn hn)" || fail "moving home1 to hn"
nip hn link set home1 up
addr hn home1 $HN/64
HA_MAC=$(nip ha link show home0 | awk '/link\/ether/ { print $2 }')

route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
mn_home_setup $HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300"

dev_home() { dha_in ha link show dev dha0 | grep -o 'home-link [^ ]*' | cut -d' ' -f2; }
_attached() { [ "$(dev_home)" = home0 ]; }
_detached() { [ -z "$(dev_home)" ]; }
hn_lladdr() { nip hn -6 neigh show "$1" dev home1 | awk '/lladdr/ { print $3 }'; }

dhad_start ha "$conf" "$sock" "$dlog"
wait_until 5 _attached || fail "dha0 not attached: $(cat "$dlog")"
mn_register reg1 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 1 \
	--lifetime 600 --tunnel mip6 --expect-status 0
nip mn -6 route replace default dev mip6 src $HOA || fail "MN default route via mip6"
diag() {
	echo "hn neighbours: $(nip hn -6 neigh show dev home1 | tr '\n' ';')"
	echo "dha0: $(dha_in ha link show dev dha0)"
	echo "bindings: $(dha_in ha binding show dev dha0)"
	echo "dhad: $(cat "$dlog")"
}
in_ns hn ping -n -c 3 -W 2 -i 0.2 $HOA >/dev/null ||
	fail "hn cannot reach $HOA before the link goes down"$'\n'"$(diag)"

# --- down: the kernel detaches dha0, dhad says so ---
# Linux removes a link's IPv6 addresses (and so its prefix route) when it
# goes down unless told to keep them; a router's network configuration
# keeps or restores them, which is not dhad's business.
in_ns ha sysctl -qw net.ipv6.conf.home0.keep_addr_on_down=1 ||
	fail "keep_addr_on_down on home0"
nip ha link set home0 down
wait_until 5 _detached || fail "dha0 still attached to a link that is down"
_warned() { grep -q "home link home0 is down" "$dlog"; }
wait_until 5 _warned || fail "no warning about home0 down: $(cat "$dlog")"

# --- up again: dhad attaches dha0 again; the binding is answered and reached ---
nip ha link set home0 up
wait_until 5 _attached ||
	fail "dha0 not attached again after home0 came up: $(dha_in ha link show dev dha0)"$'\n'"$(cat "$dlog")"
grep -q "home link home0 is up again" "$dlog" || fail "no notice of home0 up: $(cat "$dlog")"
dha_in ha binding show dev dha0 | grep_q "$HOA" || fail "the binding is gone"
nip hn -6 neigh flush dev home1
in_ns hn ping -n -c 3 -W 2 -i 0.2 $HOA >/dev/null ||
	fail "hn cannot reach $HOA after the link came back"$'\n'"$(diag)"
[ "$(hn_lladdr $HOA)" = "$HA_MAC" ] ||
	fail "hn resolved $HOA to '$(hn_lladdr $HOA)', not $HA_MAC"

dhad_stop
pass
