#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability with `auth = ipsec`: the members' Mobility Header goes
# through transport-mode ESP with static SAs (Documentation/ipsec.md,
# "Between the members of a redundant set"), not the built-in HMAC.
#   - two members elect, a mobile node registers at ha1 and its binding
#     reaches ha2: on the home link everything between them is ESP, no
#     plain Mobility Header;
#   - ha2 loses its outbound policy and sends in the clear: ha1's kernel
#     drops it (XfrmInTmplMismatch), ha1 declares ha2 failed;
#   - ha1 loses its inbound policy too: now the kernel hands the plain
#     Hellos over, and dhad drops them itself (drop-unauthenticated),
#     and a reload warns that nothing protects ha2's messages;
#   - both policies back: ha2 is alive again for ha1, still standby.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
[ -x "$HS_DHAD" ] || skip "dhad not built ($HS_DHAD)"
[ -x "$HS_MNEMU" ] || fail "mnemu not built ($HS_MNEMU)"

HA1=$(hs_local 1)
HA2=$(hs_local 2)
HOA=2001:db8:1::101
AEAD='rfc4106(gcm(aes))'
KEY_12=0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324
KEY_21=0x2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f4041424344

hs_topo 2
hs_mn $HA1 $HOA
hs_mn_reach $HA1

# The same two SAs on both members, one per direction.
for n in 1 2; do
	nip ha$n xfrm state add src $HA1 dst $HA2 proto esp spi 0x2012 reqid 12 \
		mode transport aead "$AEAD" $KEY_12 128 sel src $HA1 dst $HA2 proto 135 ||
		fail "[ha$n] ESP SA ha1 -> ha2"
	nip ha$n xfrm state add src $HA2 dst $HA1 proto esp spi 0x2021 reqid 21 \
		mode transport aead "$AEAD" $KEY_21 128 sel src $HA2 dst $HA1 proto 135 ||
		fail "[ha$n] ESP SA ha2 -> ha1"
done
# policy NS DIR SRC DST REQID: ESP required for the Mobility Header.
policy() {
	nip "$1" xfrm policy add dir "$2" src "$3"/128 dst "$4"/128 proto 135 \
		tmpl src "$3" dst "$4" proto esp reqid "$5" mode transport ||
		fail "[$1] policy $2 $3 -> $4"
}
policy ha1 out $HA1 $HA2 12
policy ha1 in $HA2 $HA1 21
policy ha2 out $HA2 $HA1 21
policy ha2 in $HA1 $HA2 12

HS_AUTH=ipsec hs_conf 1 hard $HA1 30 2
HS_AUTH=ipsec hs_conf 2 hard $HA2 20 1
cap_start link sw br0 "ip6 and (ip6 proto 50 or ip6 proto 135)"
hs_start 1
wait_until 15 hs_is 1 active || fail "ha1 did not become active"$'\n'"$(hs_logs)"
hs_start 2
wait_until 15 hs_is 2 standby || fail "ha2 is $(hs_role 2)"$'\n'"$(hs_logs)"
hs_register $HA1 $HOA
wait_until 10 hs_in_cache 2 $HOA || fail "ha2 lacks the copy: $(hs_cache 2)"$'\n'"$(hs_logs)"
grep_q "no inbound IPsec policy" "$SCN_TMP/ha1.log" "$SCN_TMP/ha2.log" &&
	fail "a warning with every policy in place"$'\n'"$(hs_logs)"

between="src $HA1 and dst $HA2 or src $HA2 and dst $HA1"
esp=$(cap_count link "ip6 proto 50 and ($between)")
plain=$(cap_count link "ip6 proto 135 and ($between)")
[ "$esp" -ge 4 ] && [ "$plain" = 0 ] ||
	fail "between the members: $esp ESP, $plain plain MH packets"$'\n'"$(cap_text link)"
log "elected and synchronized over ESP ($esp packets, no plain Mobility Header)"

# counter N KEY: a redundancy counter from `dha -j ha show`.
counter() {
	in_ns "ha$1" "$DHA" -j -S "$SCN_TMP/ha$1.sock" ha show |
		"$PYTHON" -c "import json,sys; print(json.load(sys.stdin)['redundancy']['counters']['$2'])"
}
mismatch() {
	in_ns ha1 awk '$1 == "XfrmInTmplMismatch" { print $2 }' /proc/net/xfrm_stat
}
peer_is() { has_line "$(hs_show 1)" "        peer $HA2 $1"; }

# ha2 sends in the clear: ha1's kernel drops it.
mm0=$(mismatch)
nip ha2 xfrm policy delete dir out src $HA2/128 dst $HA1/128 proto 135 ||
	fail "deleting ha2's outbound policy"
wait_until 10 peer_is failed || fail "ha1 still hears ha2: $(hs_show 1)"
[ "$(mismatch)" -gt "$mm0" ] || fail "no XfrmInTmplMismatch on ha1: $(in_ns ha1 cat /proc/net/xfrm_stat)"
[ "$(counter 1 drop-unauthenticated)" = 0 ] ||
	fail "dhad saw what the kernel should have dropped"
log "plain Hellos from ha2 dropped by ha1's kernel; ha2 failed for ha1"

# Without ha1's inbound policy they reach dhad, which drops them.
nip ha1 xfrm policy delete dir in src $HA2/128 dst $HA1/128 proto 135 ||
	fail "deleting ha1's inbound policy"
_dropping() { [ "$(counter 1 drop-unauthenticated)" -ge 3 ]; }
wait_until 10 _dropping || fail "ha1's dhad does not count unprotected messages"$'\n'"$(hs_logs)"
peer_is failed || fail "ha1 took an unprotected Hello: $(hs_show 1)"
hs_is 1 active || fail "ha1 is $(hs_role 1)"
kill -HUP "${HS_PID[1]}"
wait_until 10 grep -q "no inbound IPsec policy requires ESP for the Mobility Header from $HA2" \
	"$SCN_TMP/ha1.log" || fail "no warning on reload"$'\n'"$(hs_logs)"
log "unprotected Hellos dropped by dhad and counted; the reload warns"

# Policies back: ha2 is heard again, and stays standby.
policy ha1 in $HA2 $HA1 21
policy ha2 out $HA2 $HA1 21
wait_until 15 peer_is alive || fail "ha1 does not hear ha2 again: $(hs_show 1)"
hs_is 1 active && hs_is 2 standby ||
	fail "roles: ha1 $(hs_role 1), ha2 $(hs_role 2)"$'\n'"$(hs_logs)"
log "policies restored: ha2 alive and standby again"
exit 0
