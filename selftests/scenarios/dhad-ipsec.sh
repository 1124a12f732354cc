#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Home registration under IPsec ESP (RFC 3776) with static SAs, and the
# rate limit on Binding Errors:
#   - with require-ipsec, a BU through ESP gets BA 0, and the capture
#     shows ESP both ways (BU: DSTOPT(HAO) ESP; BA: RT6 ESP);
#   - a BU for that home address in clear is dropped by the kernel, one
#     for a home address without SAs is discarded by dhad (counted): no
#     BA, no binding;
#   - one mobile node's SA cannot carry a BU for another home address
#     (the SA's selector);
#   - dhad follows policy changes: with the ESP policy deleted, a BU
#     through ESP no longer counts as protected; added back, it does;
#   - with require-ipsec = no (reload) a BU in clear is accepted;
#   - 200 MH messages of an unknown type from one address get at most
#     error-burst + error-rate * seconds Binding Errors on the wire.
#
#   cn ── ha ── ar ── mn      (addresses of scenario.sh's topo_basic)
#
# The SAs, policies and their order are those of Documentation/ipsec.md;
# why they must be so is measured in selftests/mnemu/README.md.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip
require_dhad

HA=$HA_LOCAL
HOA_B=2001:db8:1::200		# has a policy on the HA, but no SAs
HOA_C=2001:db8:1::300		# nothing at all
AEAD="rfc4106(gcm(aes))"
KEY_BU=0x0102030405060708090a0b0c0d0e0f1011121314	# 128-bit key, 4-byte salt
KEY_BA=0x2122232425262728292a2b2c2d2e2f3031323334
ERROR_RATE=5
ERROR_BURST=10

topo_links
route mn $HA/128 via $AR_MN dev m_ar

# --- the mobile node: home addresses, route2 for the BAs' RH2 ---
mn_home_setup $HOA $HOA_B $HOA_C -- priority 1000

# esp_sas NS HOA REQID: the two transport-mode SAs between HOA and the HA,
# each with a selector naming the home address (so that no other home
# address's BU passes through it).
esp_sas() {
	nip "$1" xfrm state add src "$2" dst $HA proto esp spi 0x1001 reqid "$3" \
		mode transport aead "$AEAD" $KEY_BU 128 sel src "$2" dst $HA proto 135 ||
		fail "[$1] ESP SA $2 -> $HA"
	nip "$1" xfrm state add src $HA dst "$2" proto esp spi 0x1002 reqid "$3" \
		mode transport aead "$AEAD" $KEY_BA 128 sel src $HA dst "$2" proto 135 ||
		fail "[$1] ESP SA $HA -> $2"
}

# The MN: its kernel inserts the Home Address option (proto hao state);
# outbound BUs get ESP then the option, inbound BAs need ESP and may carry
# the RH2 (level use).
esp_sas mn $HOA 1 2>"$SCN_TMP/esp.err" ||
	{ grep -qi "not supported\|No such file" "$SCN_TMP/esp.err" && skip "no ESP or rfc4106(gcm(aes)) in this kernel"
	  fail "$(cat "$SCN_TMP/esp.err")"; }
nip mn xfrm state add src $HOA dst $HA proto hao mode ro coa $COA || fail "MN hao state"
nip mn xfrm policy add dir out src $HOA/128 dst $HA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro || fail "MN out policy"
nip mn xfrm policy add dir in src $HA/128 dst $HOA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 tmpl proto route2 mode ro level use ||
	fail "MN in policy"

# The HA: ESP required inbound, then the Home Address option (level use:
# a BU from home has none); ESP outbound for the BA.
HA_IN_POLICY=(dir in src $HOA/128 dst $HA/128 proto 135
	tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro level use)
esp_sas ha $HOA 1
nip ha xfrm policy add "${HA_IN_POLICY[@]}" || fail "HA in policy"
nip ha xfrm policy add dir out src $HA/128 dst $HOA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 || fail "HA out policy"

conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/dhad.sock
dlog=$SCN_TMP/dhad.log
write_conf() {
	dhad_conf "$conf" $HA "require-ipsec = $1" "error-rate = $ERROR_RATE" \
		"error-burst = $ERROR_BURST"
}
write_conf yes

# Not the flood of step 8: a burst of it would overrun the capture's ring
# (tcpdump's frames are snaplen-sized) and cost some Binding Errors.
cap_start w ha h_ar -s 256 "ip6 and not (src $COA and ip6[6] == 135)"
dhad_start ha "$conf" "$sock" "$dlog"

# counter KEY: a number from `dha -j ha show` (its counters or limits)
counter() {
	local json
	json=$(in_ns ha "$DHA" -j -S "$sock" ha show 2>&1) || fail "dha ha show: $json"
	sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p" <<<"$json"
}
_policies_are() { [ "$(counter ipsec-policies)" = "$1" ]; }

# dhad's wildcard and the HA's ESP policy (from the dump at start).
wait_until 5 _policies_are 2 ||
	fail "ipsec-policies $(counter ipsec-policies), expected 2: $(nip ha xfrm policy show)"
nip ha xfrm policy show | grep -A1 "src ::/0 dst ::/0 proto mobility-header" |
	grep -q "dir in priority 2147483647" ||
	fail "dhad's wildcard MH policy is not last: $(nip ha xfrm policy show)"

# register ID EXPECTED_RC ARGS...: the emulator's output in $SCN_TMP/ID.out
register() { mn_register "$1" "$2" --coa $COA --ha $HA "${@:3}"; }
bound() { dha_in ha binding show dev dha0 | grep_q "^$1 "; }

# --- 1. through ESP: BA 0, a binding, ESP on the wire both ways ---
register esp1 0 --kernel-hao --hoa $HOA --seq 10 --expect-status 0
bound $HOA || fail "no binding for $HOA: $(dha_in ha binding show dev dha0)"
# The MN has the BA, so it is in the capture (written per packet).
wire=$(cap_text w -v "ip6[6] != 58")
grep -Eq "$(re $COA) > $(re $HA): DSTOPT .*homeaddr: $(re $HOA)\) ESP\(spi=0x00001001" <<<"$wire" ||
	fail "BU not through ESP: $wire"
grep -Eq "$(re $HA) > $(re $COA): RT6 .*\[0\]$(re $HOA)\) ESP\(spi=0x00001002" <<<"$wire" ||
	fail "BA not through ESP: $wire"
grep -q "mobility: B[UA]" <<<"$wire" && fail "Binding Update or Ack in clear: $wire"
log "ESP both ways:"$'\n'"$wire"

# --- 2. the same home address in clear: the kernel drops it ---
register clear1 3 --hoa $HOA --seq 20 --timeout 1
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 10 " ||
	fail "a BU in clear changed the binding: $(dha_in ha -S "$sock" cache show)"
grep -Eq "XfrmInTmplMismatch[[:space:]]+[1-9]" <(in_ns ha cat /proc/net/xfrm_stat) ||
	fail "no XfrmInTmplMismatch: $(in_ns ha cat /proc/net/xfrm_stat)"

# --- 3. a home address without SAs: dhad discards it, counted ---
register clear2 3 --hoa $HOA_C --seq 1 --timeout 1
bound $HOA_C && fail "binding for $HOA_C without IPsec"
n=$(counter unprotected-discarded)
ge "$n" 1 || fail "unprotected-discarded $n"
grep -q "BU for $HOA_C discarded: not protected by IPsec" "$dlog" ||
	fail "no log line for the discard: $(tail "$dlog")"

# --- 4. HOA's SA carrying a BU for HOA_B: dropped (the SA's selector) ---
nip ha xfrm policy add dir in src $HOA_B/128 dst $HA/128 proto 135 \
	tmpl proto esp mode transport reqid 2 tmpl proto hao mode ro level use ||
	fail "HA in policy for $HOA_B"
wait_until 5 _policies_are 3 || fail "ipsec-policies $(counter ipsec-policies), expected 3"
nip mn xfrm state delete src $HOA dst $HA proto esp spi 0x1001
nip mn xfrm state add src $HOA_B dst $HA proto esp spi 0x1001 reqid 1 \
	mode transport aead "$AEAD" $KEY_BU 128 || fail "MN: SA for the forgery"
nip mn xfrm state add src $HOA_B dst $HA proto hao mode ro coa $COA || fail "MN hao state B"
nip mn xfrm policy add dir out src $HOA_B/128 dst $HA/128 proto 135 \
	tmpl proto esp mode transport reqid 1 tmpl proto hao mode ro || fail "MN out policy B"
register forged 3 --kernel-hao --hoa $HOA_B --seq 1 --timeout 1
bound $HOA_B && fail "binding for $HOA_B through $HOA's SA"
grep -Eq "XfrmInStateMismatch[[:space:]]+[1-9]" <(in_ns ha cat /proc/net/xfrm_stat) ||
	fail "no XfrmInStateMismatch: $(in_ns ha cat /proc/net/xfrm_stat)"
nip mn xfrm state delete src $HOA_B dst $HA proto esp spi 0x1001
nip mn xfrm state add src $HOA dst $HA proto esp spi 0x1001 reqid 1 mode transport \
	aead "$AEAD" $KEY_BU 128 sel src $HOA dst $HA proto 135 || fail "MN: SA back"

# --- 5. dhad follows the policies: deleted, ESP proves nothing ---
nip ha xfrm policy delete dir in src $HOA/128 dst $HA/128 proto 135 || fail "policy delete"
wait_until 5 _policies_are 2 || fail "ipsec-policies $(counter ipsec-policies), expected 2"
before=$(counter unprotected-discarded)
register nopolicy 3 --kernel-hao --hoa $HOA --seq 11 --timeout 1
n=$(counter unprotected-discarded)
ge "$n" $((before + 1)) || fail "BU through ESP without policy not discarded ($before -> $n)"
nip ha xfrm policy add "${HA_IN_POLICY[@]}" || fail "HA in policy again"
wait_until 5 _policies_are 3 || fail "ipsec-policies $(counter ipsec-policies), expected 3"
register esp2 0 --kernel-hao --hoa $HOA --seq 12 --expect-status 0
dha_in ha -S "$sock" cache show | grep_q "^$HOA coa $COA seq 12 " ||
	fail "renewal through ESP not cached: $(dha_in ha -S "$sock" cache show)"

# --- 6. require-ipsec = no: a BU in clear is accepted ---
write_conf no
dha_in ha -S "$sock" ha reload
register clear3 0 --hoa $HOA_C --seq 2 --expect-status 0
bound $HOA_C || fail "no binding for $HOA_C with require-ipsec = no"
write_conf yes
dha_in ha -S "$sock" ha reload

# --- 7. deregistration through ESP ---
register esp3 0 --kernel-hao --hoa $HOA --seq 13 --dereg --expect-status 0
bound $HOA && fail "binding for $HOA left after deregistration"

# --- 8. Binding Errors to one peer: at most burst + rate * time ---
BE_FILTER="src $HA and ip6[6] == 135"	# no extension header: not a BA
[ "$(cap_count w "$BE_FILTER")" = 0 ] || fail "Binding Errors before the flood: $(cap_text w "$BE_FILTER")"
sent0=$(counter binding-errors)
held0=$(counter binding-errors-rate-limited)
start=$(date +%s%N)
in_ns mn "$MNEMU" mhburst --src $COA --ha $HA --count 200 >"$SCN_TMP/flood.out" 2>&1 ||
	fail "flood: $(cat "$SCN_TMP/flood.out")"
# Until dhad's counts settle (the socket may have dropped a few).
answered() { echo $(($(counter binding-errors) - sent0 + $(counter binding-errors-rate-limited) - held0)); }
last=-1
_settled() {
	local now
	now=$(answered)
	[ "$now" = "$last" ] && [ "$now" -gt 0 ] && return 0
	last=$now
	return 1
}
wait_until 20 _settled || fail "dhad's Binding Error counts do not settle: $(answered)"
ms=$((($(date +%s%N) - start) / 1000000))
[ "$last" -ge 100 ] || fail "dhad saw only $last of 200 messages"
sent=$(($(counter binding-errors) - sent0))
max=$((ERROR_BURST + (ERROR_RATE * ms + 999) / 1000))
cap_wait w "$sent" 5 "$BE_FILTER" ||
	fail "$sent Binding Errors counted, $(cap_count w "$BE_FILTER") on the wire"
wire=$(cap_count w "$BE_FILTER")
log "$(cat "$SCN_TMP/flood.out"); dhad saw $last: $sent Binding Errors sent ($wire on the wire), $((last - sent)) held back, in $ms ms, at most $max"
[ "$wire" -ge "$ERROR_BURST" ] || fail "only $wire Binding Errors: the burst is $ERROR_BURST"
[ "$wire" -le "$max" ] || fail "$wire Binding Errors in $ms ms: more than $max"
[ "$wire" = "$sent" ] || fail "$wire Binding Errors on the wire, $sent counted"
cap_has w "mobility: BE status=2" "$BE_FILTER" ||
	fail "not Binding Errors status 2: $(cap_text w "$BE_FILTER" | head -3)"

# --- exit: dhad's wildcard goes, the operator's policies stay ---
dhad_stop
nip ha xfrm policy show | grep_q "src ::/0 dst ::/0" && fail "dhad's policy left: $(nip ha xfrm policy show)"
[ "$(nip ha xfrm policy show | grep -c "dir in")" = 2 ] ||
	fail "operator's policies changed: $(nip ha xfrm policy show)"
pass
