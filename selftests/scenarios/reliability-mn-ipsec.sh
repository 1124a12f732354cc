#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, virtual switch with require-ipsec = yes: a mobile
# node's Binding Updates go through ESP with static SAs (RFC 3776), and
# the same SAs and policies are on every member (Documentation/ipsec.md,
# "Mobile nodes' SAs and a virtual switch").
#   - the mobile node registers at ha1 through ESP: BA 0;
#   - ha1 dies as a host does; ha2 takes over the shared address;
#   - the mobile node's next Binding Update, through the same SA, is
#     accepted by ha2 (BA 0 through ESP, nothing discarded as
#     unprotected), though ha2's outbound sequence numbers start again:
#     the mobile node's inbound SA has no replay window.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad

HA=2001:db8:1::1
HOA=2001:db8:1::101
AEAD="rfc4106(gcm(aes))"
KEY_BU=0x0102030405060708090a0b0c0d0e0f1011121314	# 128-bit key, 4-byte salt
KEY_BA=0x2122232425262728292a2b2c2d2e2f3031323334

HS_PREFIX_VIA=$HA
hs_topo 2
hs_mn $HA $HOA -- priority 1000
hs_mn_reach $HA

# esp_sas NS: the two transport-mode SAs between the home address and
# the shared address, replay-window 0 (each member's counters restart).
esp_sas() {
	nip "$1" xfrm state add src $HOA dst $HA proto esp spi 0x1001 reqid 1 \
		mode transport replay-window 0 aead "$AEAD" $KEY_BU 128 \
		sel src $HOA dst $HA proto 135 || fail "[$1] ESP SA $HOA -> $HA"
	nip "$1" xfrm state add src $HA dst $HOA proto esp spi 0x1002 reqid 1 \
		mode transport replay-window 0 aead "$AEAD" $KEY_BA 128 \
		sel src $HA dst $HOA proto 135 || fail "[$1] ESP SA $HA -> $HOA"
}
esp_sas mn 2>"$SCN_TMP/esp.err" ||
	{ grep -qi "not supported\|No such file" "$SCN_TMP/esp.err" && skip "no ESP or rfc4106(gcm(aes)) in this kernel"
	  fail "$(cat "$SCN_TMP/esp.err")"; }
nip mn xfrm state add src $HOA dst $HA proto hao mode ro coa $HS_COA || fail "MN hao state"
nip mn xfrm policy add dir out src $HOA/128 dst $HA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro || fail "MN out policy"
nip mn xfrm policy add dir in src $HA/128 dst $HOA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 tmpl proto route2 mode ro level use ||
	fail "MN in policy"
# Every member: the same SAs, ESP required inbound, ESP outbound.
for n in 1 2; do
	esp_sas ha$n
	nip ha$n xfrm policy add dir in src $HOA/128 dst $HA/128 proto 135 \
		tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro level use ||
		fail "ha$n in policy"
	nip ha$n xfrm policy add dir out src $HA/128 dst $HOA/128 proto 135 \
		tmpl proto esp mode transport reqid 1 || fail "ha$n out policy"
done

hs_conf 1 virtual $HA 20 2 "require-ipsec = yes"
hs_conf 2 virtual $HA 10 1 "require-ipsec = yes"

# discarded N: BUs ha N discarded as not protected.
discarded() { hs_show "$1" -j | "$PYTHON" -c '
import json, sys
print(json.load(sys.stdin)["counters"]["unprotected-discarded"])'; }
# esp_packets N SRC DST: packets through ha N's SA from SRC to DST.
esp_packets() {
	nip "ha$1" -s xfrm state get src "$2" dst "$3" proto esp spi "$4" |
		sed -n 's/.* \([0-9]*\)(packets).*/\1/p'
}

hs_start 1
wait_until 10 hs_is 1 active || fail "ha1 alone did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 10 hs_is 2 standby || fail "ha2 did not become standby"$'\n'"$(hs_logs)"
hs_register $HA $HOA --kernel-hao --seq 1
has_line "$(hs_kbind 1)" "$HOA coa $HS_COA" || fail "no binding at ha1: $(hs_kbind 1)"
[ "$(discarded 1)" = 0 ] || fail "ha1 discarded $(discarded 1) BUs as unprotected"
wait_until 10 hs_in_cache 2 $HOA || fail "ha2 has no copy of $HOA"$'\n'"$(hs_logs)"
log "registered at ha1 through ESP ($(esp_packets 1 $HOA $HA 0x1001) packet in)"

hs_cut 1
wait_until 10 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
wait_until 10 hs_has_addr 2 $HA || fail "ha2 does not hold $HA: $(hs_addrs 2)"
hs_register $HA $HOA --kernel-hao --seq 2
[ "$(discarded 2)" = 0 ] || fail "ha2 discarded $(discarded 2) BUs as unprotected"
in=$(esp_packets 2 $HOA $HA 0x1001)
out=$(esp_packets 2 $HA $HOA 0x1002)
[ "${in:-0}" -ge 1 ] && [ "${out:-0}" -ge 1 ] ||
	fail "ha2's SAs carried $in in, $out out: $(nip ha2 -s xfrm state)"
log "after the takeover ha2 took the BU through the same SA (ESP $in in, $out out)"

hs_stop 2
pass
