#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# One dhad serving two home links ([home-agent] and [home-agent two]),
# each with its own interface, prefix, home agent address and dha device:
#   - dha ha show (text and -j) names both home links, each device
#     intercepts on its own home link for its own prefix;
#   - a mobile node of each link registers with its link's home agent
#     address and gets its BA from that address; its binding lands in its
#     link's device only;
#   - a correspondent on each home link reaches its mobile node through
#     the tunnel from that link's home agent address, and back;
#   - a home address of neither prefix gets 132 from either address;
#   - a reload (SIGHUP) applies a changed setting of the second link only.
#
#   c1 ─ home0 ┐               ┌ mn1  care-of 2001:db8:2::2, HoA 2001:db8:1::100
#              ha ── h_ar ── ar
#   c2 ─ home1 ┘               └ mn2  care-of 2001:db8:6::2, HoA 2001:db8:5::100
#
# ha: home agent addresses 2001:db8:4::1 (first link, dha0) and
# 2001:db8:4::5 (link "two", dha1) on h_ar; home0 2001:db8:1::1/64,
# home1 2001:db8:5::1/64.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip ping
require_dhad

HA1=2001:db8:4::1
HA2=2001:db8:4::5
AR=2001:db8:4::2
HOA1=2001:db8:1::100
HOA2=2001:db8:5::100
COA1=2001:db8:2::2
COA2=2001:db8:6::2
C1=2001:db8:1::3
C2=2001:db8:5::3
OUT_HOA=2001:db8:9::100

ns_add ha 1
ns_add ar 1
ns_add c1 0
ns_add c2 0
ns_add mn1 0
ns_add mn2 0
veth ha h_ar ar a_ha
veth ar a_mn1 mn1 m_ar
veth ar a_mn2 mn2 m_ar
veth ha home0 c1 c1h
veth ha home1 c2 c2h

addr ha h_ar $HA1/64
addr ha h_ar $HA2/64
addr ha home0 2001:db8:1::1/64
addr ha home1 2001:db8:5::1/64
route ha 2001:db8:2::/64 via $AR
route ha 2001:db8:6::/64 via $AR
addr ar a_ha $AR/64
addr ar a_mn1 2001:db8:2::1/64
addr ar a_mn2 2001:db8:6::1/64
route ar default via $HA1
addr c1 c1h $C1/64
route c1 default via 2001:db8:1::1
addr c2 c2h $C2/64
route c2 default via 2001:db8:5::1

# mn_side NS COA HA HOA...: a mobile node behind ar with its home
# addresses (selftests/mnemu/README.md: "home" flag, route2 state).
mn_side() {
	local ns=$1 coa=$2 ha=$3 gw=$4
	shift 4
	addr "$ns" m_ar "$coa"/64
	route "$ns" "$ha"/128 via "$gw" dev m_ar
	route "$ns" default via "$gw"
	while [ $# -gt 0 ]; do
		nip "$ns" -6 addr add "$1"/128 dev lo home nodad ||
			fail "home address $1 on $ns/lo"
		shift
	done
	nip "$ns" xfrm state add src :: dst :: proto route2 mode ro coa :: flag wildrecv 2>"$SCN_TMP/xfrm.err" ||
		{ grep -qi "not supported" "$SCN_TMP/xfrm.err" && skip "no MIPv6 xfrm types (CONFIG_IPV6_MIP6)"
		  fail "$ns xfrm state route2: $(cat "$SCN_TMP/xfrm.err")"; }
	nip "$ns" xfrm policy add dir in src ::/0 dst ::/0 proto 135 \
		tmpl proto route2 mode ro level use || fail "$ns xfrm policy"
}
mn_side mn1 $COA1 $HA1 2001:db8:2::1 $HOA1 $OUT_HOA
mn_side mn2 $COA2 $HA2 2001:db8:6::1 $HOA2

# register NS ID EXPECTED_RC ARGS...: mnemu register in NS.
register() {
	local ns=$1 id=$2 want=$3 rc
	shift 3
	in_ns "$ns" "$MNEMU" register "$@" >"$SCN_TMP/$id.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] ||
		fail "[$ns] register $*: exit $rc, expected $want: $(cat "$SCN_TMP/$id.out")"$'\n'"$(tail -n 40 "$DHAD_LOG")"
	log "$id: $(cat "$SCN_TMP/$id.out")"
}

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
write_conf() {
	cat >"$conf" <<EOC
[home-agent]
home-link = home0
prefix = 2001:db8:1::/64
address = $HA1
device = dha0
max-lifetime = 300

[home-agent two]
home-link = home1
prefix = 2001:db8:5::/64
address = $HA2
device = dha1
max-lifetime = $1

[daemon]
log-level = ${DHAD_LOG_LEVEL:-debug}
EOC
}
write_conf 200
dhad_start ha "$conf" "$sock" "$dlog"
kill -0 "$DHAD_PID" 2>/dev/null || fail "dhad died: $(cat "$dlog")"

# --- 1. both home links, as dha ha show and the devices tell ---
out=$(dha_in ha -S "$sock" ha show)
log "ha show:"$'\n'"$out"
grep -q "^home-agent $HA1 home-link home0 dev dha0" <<<"$out" ||
	fail "first home link not shown: $out"
grep -q "^home-link two $HA2 home-link home1 dev dha1" <<<"$out" ||
	fail "home link two not shown: $out"
json=$(dha_in ha -S "$sock" -j ha show)
links=$(printf '%s' "$json" | "$PYTHON" -c '
import json, sys
for link in json.load(sys.stdin)["home-links"]:
    print(link["name"] or "-", link["home-link"], link["device"],
          link["address"], " ".join(link["prefixes"]), link["max-lifetime"])
') || fail "ha show -j: $json"
[ "$links" = "- home0 dha0 $HA1 2001:db8:1::/64 300
two home1 dha1 $HA2 2001:db8:5::/64 200" ] || fail "home-links: $links"
dha_in ha link show dev dha0 | grep_q "local $HA1.*home-link home0 home-prefix 2001:db8:1::/64" ||
	fail "dha0: $(dha_in ha link show dev dha0)"
dha_in ha link show dev dha1 | grep_q "local $HA2.*home-link home1 home-prefix 2001:db8:5::/64" ||
	fail "dha1: $(dha_in ha link show dev dha1)"

# --- 2. each mobile node registers with its own home link ---
register mn1 reg1 0 --hoa $HOA1 --coa $COA1 --ha $HA1 --seq 10 --tunnel mip6 --expect-status 0
grep -q "BA from $HA1 status 0 accepted seq 10 lifetime 300" "$SCN_TMP/reg1.out" ||
	fail "mn1's BA: $(cat "$SCN_TMP/reg1.out")"
register mn2 reg2 0 --hoa $HOA2 --coa $COA2 --ha $HA2 --seq 20 --tunnel mip6 --expect-status 0
grep -q "BA from $HA2 status 0 accepted seq 20 lifetime 200" "$SCN_TMP/reg2.out" ||
	fail "mn2's BA: $(cat "$SCN_TMP/reg2.out")"
b0=$(dha_in ha binding show dev dha0)
b1=$(dha_in ha binding show dev dha1)
log "dha0: $b0 / dha1: $b1"
grep -q "$HOA1.*$COA1" <<<"$b0" || fail "dha0 lacks $HOA1: $b0"
grep -q "$HOA2" <<<"$b0" && fail "dha0 holds $HOA2: $b0"
grep -q "$HOA2.*$COA2" <<<"$b1" || fail "dha1 lacks $HOA2: $b1"
grep -q "$HOA1" <<<"$b1" && fail "dha1 holds $HOA1: $b1"
out=$(dha_in ha -S "$sock" cache show)
grep -q "^$HOA1 coa $COA1 seq 10 " <<<"$out" || fail "cache lacks $HOA1: $out"
grep -q "^$HOA2 coa $COA2 seq 20 " <<<"$out" || fail "cache lacks $HOA2: $out"
links=$(dha_in ha -S "$sock" -j ha show | "$PYTHON" -c '
import json, sys
print(" ".join(str(l["bindings"]) for l in json.load(sys.stdin)["home-links"]))')
[ "$links" = "1 1" ] || fail "bindings per home link: $links"

# --- 3. a correspondent on each home link reaches its mobile node ---
nip mn1 -6 route replace default dev mip6 src $HOA1 || fail "mn1 default via mip6"
nip mn2 -6 route replace default dev mip6 src $HOA2 || fail "mn2 default via mip6"
ping_ok c1 -c 3 -W 2 -i 0.2 $HOA1
ping_ok c2 -c 3 -W 2 -i 0.2 $HOA2
log "c1 -> $HOA1 and c2 -> $HOA2 through the tunnels: ok"
rx=$(binding_stat ha dha1 $HOA2 tx_packets)
[ "$rx" -ge 3 ] || fail "dha1 tunnelled $rx packets to $HOA2"

# --- 4. a home address of neither prefix: 132 from either ---
nip mn1 -6 route replace default via 2001:db8:2::1 dev m_ar || fail "mn1 default back"
nip mn1 -6 route replace $HA2/128 via 2001:db8:2::1 dev m_ar || fail "mn1 route to $HA2"
register mn1 reg3 0 --hoa $OUT_HOA --coa $COA1 --ha $HA1 --seq 1 --expect-status 132
register mn1 reg4 0 --hoa $OUT_HOA --coa $COA1 --ha $HA2 --seq 2 --expect-status 132
grep -q "BA from $HA2 status 132" "$SCN_TMP/reg4.out" || fail "132 not from $HA2: $(cat "$SCN_TMP/reg4.out")"
for dev in dha0 dha1; do
	dha_in ha binding show dev $dev | grep_q "$OUT_HOA" && fail "binding for $OUT_HOA on $dev"
done

# --- 5. a reload applies link two's new setting, and only there ---
reloaded() { in_ns ha "$DHA" -S "$sock" -j ha show 2>/dev/null | grep_q -E '"max-lifetime": ?120'; }
write_conf 120
kill -HUP "$DHAD_PID"
wait_until 10 reloaded ||
	fail "reload not applied:"$'\n'"$(tail -n 20 "$dlog")"
register mn2 reg5 0 --hoa $HOA2 --coa $COA2 --ha $HA2 --seq 21 --expect-status 0
grep -q "BA from $HA2 status 0 accepted seq 21 lifetime 120" "$SCN_TMP/reg5.out" ||
	fail "renewal after reload: $(cat "$SCN_TMP/reg5.out")"
register mn1 reg6 0 --hoa $HOA1 --coa $COA1 --ha $HA1 --seq 11 --expect-status 0
grep -q "lifetime 300" "$SCN_TMP/reg6.out" || fail "first link's lifetime changed: $(cat "$SCN_TMP/reg6.out")"

dhad_stop
pass
