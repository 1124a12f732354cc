#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dhad with only the capabilities daemon/dhad.service leaves it
# (CapabilityBoundingSet=, read from the unit) and no new privileges, as
# systemd starts it: it comes up (the dha device on the home link, the xfrm
# state and policy, a control socket handed to control-group), registers
# a mobile node, reloads on SIGHUP and exits 0. Without CAP_CHOWN the
# control-group is refused: the reason the unit keeps that capability.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_basic)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip setpriv
require_dhad

unit=$DHA_TOP/daemon/dhad.service
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$unit")
[ -n "$caps" ] || fail "no CapabilityBoundingSet= in $unit"
bounding=-all
for c in $caps; do
	c=${c#CAP_}
	bounding+=",+${c,,}"
done
log "bounding set: $bounding"

topo_links
route mn $HA_LOCAL/128 via $AR_MN dev m_ar
route mn default via $AR_MN
mn_home_setup $HOA

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
dhad_conf "$conf" $HA_LOCAL "max-lifetime = 300"
# A group dhad is not in: chown() needs CAP_CHOWN.
echo "control-group = 100" >>"$conf"

dhad_start ha "$conf" "$sock" "$dlog" \
	setpriv --no-new-privs --inh-caps=-all --bounding-set="$bounding" "$DHAD"
grep -q '^NoNewPrivs:[[:space:]]*1$' "/proc/$DHAD_PID/status" ||
	fail "dhad runs with new privileges allowed: $(cat "/proc/$DHAD_PID/status")"
eff=$(sed -n 's/^CapEff:[[:space:]]*//p' "/proc/$DHAD_PID/status")
bnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' "/proc/$DHAD_PID/status")
[ "$eff" = "$bnd" ] && [ "$bnd" != "$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status)" ] ||
	fail "dhad's capabilities: effective $eff, bounding $bnd"
log "dhad: CapEff $eff"

[ "$(stat -c %g "$sock")" = 100 ] || fail "control socket group $(stat -c %g "$sock"), not 100"
on_home() { dha_in ha link show dev dha0 | grep -q "home-link home0"; }
wait_until 5 on_home ||
	fail "dha0 not on home0: $(dha_in ha link show dev dha0)"$'\n'"$(cat "$dlog")"
nip ha xfrm policy show | grep_q "proto 135\|proto mobility-header\|proto ipv6-mh" ||
	fail "no MH policy: $(nip ha xfrm policy show)"$'\n'"$(cat "$dlog")"

mn_register reg1 0 --hoa "$HOA" --coa "$COA" --ha "$HA_LOCAL" --seq 10 \
	--lifetime 600 --tunnel mip6 --expect-status 0
out=$(dha_in ha binding show dev dha0)
grep -q "$HOA.*$COA" <<<"$out" || fail "binding show lacks $HOA -> $COA: $out"

kill -HUP "$DHAD_PID"
wait_until 10 grep -q "configuration reloaded" "$dlog" || fail "no reload: $(cat "$dlog")"
dhad_stop

bounding=${bounding/,+chown/}
out=$(in_ns ha timeout 20 setpriv --no-new-privs --inh-caps=-all --bounding-set="$bounding" \
	"$DHAD" -f -c "$conf" -S "$SCN_TMP/run/nochown.sock" 2>&1) &&
	fail "dhad without CAP_CHOWN started: $out"
grep -q "control socket .*: Operation not permitted" <<<"$out" ||
	fail "dhad without CAP_CHOWN: $out"
log "without CAP_CHOWN: $(grep "control socket" <<<"$out")"

pass
