#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Mobile Prefix Solicitations and Advertisements under IPsec ESP (RFC
# 6275 5.4, 11.4.1; issue 15 item 5), with static SAs:
#   - with require-ipsec, a solicitation in clear from a registered
#     mobile node is discarded by dhad, counted and logged: no answer;
#   - one through ESP is answered with an Advertisement through ESP (on
#     the wire: DSTOPT(HAO) ESP, then RT6 ESP; no MPA in clear);
#   - a DHAAD Request (unprotected, RFC 6275 10.5) is still answered;
#   - with require-ipsec = no but an inbound policy of the HA requiring
#     ESP for the home address's ICMPv6, the same: in clear discarded,
#     through ESP answered;
#   - without that policy, a solicitation in clear is answered.
#
#   cn ── ha ── ar ── mn      (scenario.sh's topology)

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump
require_dhad

HA=$HA_LOCAL
ANYCAST=2001:db8:1:0:fdff:ffff:ffff:fffe
AEAD="rfc4106(gcm(aes))"
KEY_MN=0x0102030405060708090a0b0c0d0e0f1011121314	# 128-bit key, 4-byte salt
KEY_HA=0x2122232425262728292a2b2c2d2e2f3031323334

topo_links
route mn default via $AR_MN

mn_home_setup $HOA -- priority 1000
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto ipv6-icmp \
	tmpl proto route2 mode ro level use priority 1000 || fail "MN xfrm policy for MPA"

# One SA each way for the home address, selecting both the Mobility
# Header and ICMPv6 (no protocol in the selector).
esp_sas() {
	nip "$1" xfrm state add src $HOA dst $HA proto esp spi 0x1001 reqid 1 \
		mode transport aead "$AEAD" $KEY_MN 128 sel src $HOA dst $HA ||
		fail "[$1] ESP SA $HOA -> $HA"
	nip "$1" xfrm state add src $HA dst $HOA proto esp spi 0x1002 reqid 1 \
		mode transport aead "$AEAD" $KEY_HA 128 sel src $HA dst $HOA ||
		fail "[$1] ESP SA $HA -> $HOA"
}
esp_sas mn 2>"$SCN_TMP/esp.err" ||
	{ grep -qi "not supported\|No such file" "$SCN_TMP/esp.err" && skip "no ESP or rfc4106(gcm(aes)) in this kernel"
	  fail "$(cat "$SCN_TMP/esp.err")"; }
esp_sas ha
nip mn xfrm state add src $HOA dst $HA proto hao mode ro coa $COA || fail "MN hao state"
# The MN: BU and MPS out through ESP then the option; BA and MPA in
# through ESP (not "type 147": 6.1 misreads the type behind an RH2).
for proto in 135 "ipv6-icmp type 146"; do
	# shellcheck disable=SC2086
	nip mn xfrm policy add dir out src $HOA/128 dst $HA/128 proto $proto \
		tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro ||
		fail "MN out policy $proto"
done
for proto in 135 ipv6-icmp; do
	nip mn xfrm policy add dir in src $HA/128 dst $HOA/128 proto $proto \
		tmpl proto esp mode transport reqid 1 tmpl proto route2 mode ro level use ||
		fail "MN in policy $proto"
done
# The HA (Documentation/ipsec.md): the BU in through ESP; the BA and the
# MPA out through ESP.
nip ha xfrm policy add dir in src $HOA/128 dst $HA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro level use ||
	fail "HA in policy"
for proto in 135 "ipv6-icmp type 147"; do
	# shellcheck disable=SC2086
	nip ha xfrm policy add dir out src $HA/128 dst $HOA/128 proto $proto \
		tmpl proto esp mode transport reqid 1 || fail "HA out policy $proto"
done

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
write_conf() { dhad_conf "$conf" $HA "require-ipsec = $1"; }
write_conf yes

cap_start w ha h_ar -s 256 "ip6"
dhad_start ha "$conf" "$sock" "$dlog"

mn_register reg 0 --kernel-hao --hoa $HOA --coa $COA --ha $HA --seq 1 --expect-status 0

# mps ID EXPECTED_RC ARGS...: `mnemu mps`, output in $SCN_TMP/ID.out
mps() {
	local id=$1 want=$2 rc
	shift 2
	in_ns mn "$MNEMU" mps --hoa $HOA --coa $COA --ha $HA "$@" >"$SCN_TMP/$id.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] ||
		fail "mps $*: exit $rc, expected $want: $(cat "$SCN_TMP/$id.out")"$'\n'"$(tail -n 20 "$dlog")"
	log "$id: $(cat "$SCN_TMP/$id.out")"
}
counter() {
	local json
	json=$(in_ns ha "$DHA" -j -S "$sock" ha show 2>&1) || fail "dha ha show: $json"
	sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p" <<<"$json"
}
_policies_are() { [ "$(counter ipsec-policies)" = "$1" ]; }
MPS_CLEAR="src $COA and dst $HA and ip6[6] == 60 and ip6[64] == 146"
MPA_CLEAR="src $HA and ip6[6] == 43 and ip6[64] == 147"

# clear_discarded ID: a solicitation in clear is not answered, counted.
clear_discarded() {
	local before
	before=$(counter mps-unprotected-discarded)
	mps "$1" 3 --timeout 1
	ge "$(counter mps-unprotected-discarded)" $((before + 1)) ||
		fail "mps-unprotected-discarded $before -> $(counter mps-unprotected-discarded)"
}
# esp_answered ID: one through ESP is answered through ESP.
esp_answered() {
	local wire
	mps "$1" 0 --kernel-hao --expect-prefix 2001:db8:1::/64
	wire=$(cap_text w -v "src $COA or src $HA")
	grep -Eq "$(re $COA) > $(re $HA): DSTOPT .*homeaddr: $(re $HOA)\) ESP\(spi=0x00001001" <<<"$wire" ||
		fail "no MPS through ESP: $wire"
	grep -Eq "$(re $HA) > $(re $COA): RT6 .*\[0\]$(re $HOA)\) ESP\(spi=0x00001002" <<<"$wire" ||
		fail "no MPA through ESP: $wire"
	[ "$(cap_count w "$MPA_CLEAR")" = 0 ] || fail "MPA in clear: $(cap_text w "$MPA_CLEAR")"
}

# --- 1. require-ipsec, in clear: discarded, counted, logged ---
clear_discarded clear1
cap_wait w 1 5 "$MPS_CLEAR" || fail "no MPS in clear on the wire"
grep -q "Mobile Prefix Solicitation for $HOA from $COA discarded: not protected by IPsec" "$dlog" ||
	fail "no log line for the discard: $(tail -n 5 "$dlog")"
grep -q "Mobile Prefix Advertisement" "$dlog" && fail "an MPA to the MPS in clear: $(grep "Mobile Prefix" "$dlog")"

# --- 2. through ESP: answered through ESP, not counted ---
n=$(counter mps-unprotected-discarded)
esp_answered esp1
grep -q "Mobile Prefix Advertisement .* to $HOA via $COA" "$dlog" || fail "no log line for the MPA"
[ "$(counter mps-unprotected-discarded)" = "$n" ] || fail "an MPS through ESP counted as unprotected"

# --- 3. DHAAD, which nothing protects, still answered ---
in_ns mn "$MNEMU" dhaad --coa $COA --anycast $ANYCAST --expect $HA >"$SCN_TMP/dhaad.out" 2>&1 ||
	fail "dhaad: $(cat "$SCN_TMP/dhaad.out")"$'\n'"$(tail -n 20 "$dlog")"
log "dhaad: $(cat "$SCN_TMP/dhaad.out")"

# --- 4. require-ipsec = no, the HA's policy asks for ESP: the same ---
write_conf no
dha_in ha -S "$sock" ha reload
wait_until 5 _policies_are 2 || fail "ipsec-policies $(counter ipsec-policies), expected 2"
nip ha xfrm policy add dir in src $HOA/128 dst $HA/128 proto ipv6-icmp \
	tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro level use ||
	fail "HA in policy for ICMPv6"
wait_until 5 _policies_are 3 || fail "ipsec-policies $(counter ipsec-policies), expected 3"
clear_discarded clear2
esp_answered esp2

# --- 5. without that policy: in clear, answered ---
nip ha xfrm policy delete dir in src $HOA/128 dst $HA/128 proto ipv6-icmp ||
	fail "HA in policy for ICMPv6: delete"
wait_until 5 _policies_are 2 || fail "ipsec-policies $(counter ipsec-policies), expected 2"
mps clear3 0 --expect-prefix 2001:db8:1::/64

dhad_stop
log "ok"
