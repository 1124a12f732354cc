#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, virtual switch, two failures in a row: three dhads share
# the home agent address 2001:db8:1::1 (preferences ha1 30, ha2 20, ha3
# 10); four mobile nodes register through it, a correspondent pings them.
#   a. ha1 dies as a host does (link down, dhad SIGKILLed): ha2 takes
#      over (the address, every binding in its kernel) and traffic resumes
#      within a bounded loss; ha3 stays standby, never puts the address
#      up, and gets its full copy from ha2; a registration, a renewal and
#      a deregistration at ha2 reach ha3;
#   b. ha2 dies the same way: ha3 takes over with every binding, ha2's
#      changes included, none deregistered; traffic resumes;
#   c. ha1 comes back: standby (ha3 keeps the role, no pre-emption), it
#      withdraws the address and bindings its kernel kept and never puts
#      the address up; its cache is ha3's, a registration at ha3
#      included, the binding deregistered at ha2 swept;
#   d. ha2 comes back too: the same; the three caches are equal and the
#      shared address is on ha3 only.
#
#   cn ── r ── mn       (selftests/lib/haset.sh)
#         │
#   br0: ha1 ha2 ha3

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
[ -x "$HS_DHAD" ] || skip "dhad not built ($HS_DHAD)"
[ -x "$HS_MNEMU" ] || fail "mnemu not built ($HS_MNEMU)"

HA=2001:db8:1::1
HOAS="2001:db8:1::101 2001:db8:1::102 2001:db8:1::103 2001:db8:1::104"
GONE=2001:db8:1::104		# deregistered at ha2
AT_HA2=2001:db8:1::105		# registered at ha2
AT_HA3=2001:db8:1::106		# registered at ha3
# Pings every 100 ms: the dead interval is 1 s, the rest is the takeover
# and the emulated guest's slowness.
LOSS_MAX=40

hs_topo 3
hs_mn $HA $HOAS $AT_HA2 $AT_HA3
hs_mn_reach $HA
for n in 1 2 3; do
	hs_conf $n virtual $HA $((40 - 10 * n)) "$(echo 1 2 3 | sed "s/$n//")"
done

# cache N: ha N's cache without the lifetimes (they differ by the time
# the copies took).
cache() { hs_cache "$1" | sed 's/ lifetime [^ ]*//' | sort; }
# same_cache N M: ha N's and ha M's caches are equal, not empty.
same_cache() {
	C1=$(cache "$1")
	C2=$(cache "$2")
	[ -n "$C1" ] && [ "$C1" = "$C2" ]
}
differs() { diff <(echo "$C1") <(echo "$C2"); }
# full_copy N FROM: ha N is standby with a full copy, received from ha
# FROM, of FROM's cache. Matched in the shell: the guest is slow to start
# programs.
full_copy() {
	local json re
	json=$(hs_show "$1" -j) || return 1
	re='"mode":"virtual","role":"standby".*"full-copy":true'
	[[ $json =~ $re ]] || return 1
	re="\"address\":\"$(hs_local "$2")\",\"in-flight\":[^}]*\"transfers-received\":[1-9]"
	[[ $json =~ $re ]] && same_cache "$1" "$2"
}
# committed N HOA...: ha N holds the address, the route, exactly the
# HOAs' bindings, and its dha0 intercepts for them (no proxy entries).
committed() {
	local n=$1 binds a
	shift
	hs_has_addr "$n" $HA && hs_has_route "$n" 2001:db8:1::/64 || return 1
	hs_attached "$n" && [ -z "$(hs_proxies "$n")" ] || return 1
	binds=$(hs_kbind "$n")
	[ "$(grep -c . <<<"$binds")" = $# ] || return 1
	for a in "$@"; do
		has_line "$binds" "$a coa $HS_COA" || return 1
	done
}
withdrawn() {
	hs_no_addr "$1" $HA && [ -z "$(hs_routes "$1")" ] &&
		[ -z "$(hs_kbind "$1")" ] && [ -z "$(hs_proxies "$1")" ] &&
		! hs_attached "$1"
}
# never_up N: ha N has not put the shared address up since it started.
never_up() {
	local json
	json=$(hs_show "$1" -j)
	[[ $json == *'"address-added":0,'* ]] ||
		fail "ha$1 put $HA up: $(hs_state "$1")"$'\n'"$json"$'\n'"$(hs_logs)"
}

replies() { grep -c "bytes from .* icmp_seq=" "$PING_OUT"; }
_replies_ge() { [ "$(replies)" -ge "$1" ]; }
# ping_start HOA: the correspondent pings HOA every 100 ms until
# ping_end; returns once replies come.
ping_start() {
	PING_OUT=$SCN_TMP/ping-$1.txt
	bg_ns cn ping -n -i 0.1 "$1" >"$PING_OUT" 2>&1
	PING_PID=$BG_PID
	wait_until 10 _replies_ge 5 || fail "no traffic to $1: $(cat "$PING_OUT")"
}
# ping_end WHAT: 10 more replies come, then at most LOSS_MAX requests
# went unanswered.
ping_end() {
	local got sent received
	got=$(replies)
	wait_until 15 _replies_ge $((got + 10)) ||
		fail "$1: traffic did not resume: $(tail -n 5 "$PING_OUT")"$'\n'"$(hs_logs)"
	kill -INT "$PING_PID"
	wait "$PING_PID"
	read -r sent received < <(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' "$PING_OUT")
	[ -n "$sent" ] || fail "$1: no ping summary: $(tail -n 5 "$PING_OUT")"
	[ $((sent - received)) -le $LOSS_MAX ] ||
		fail "$1: $((sent - received)) of $sent pings lost (at most $LOSS_MAX)"
	log "$1: $((sent - received)) of $sent pings lost"
}
# traffic HOA...: the correspondent reaches the first and the last
# HOA, and the first one the correspondent; the kernel bindings of the
# others are checked.
traffic() {
	hs_ping cn -c 2 -i 0.2 -W 3 "$1"
	[ $# = 1 ] || hs_ping cn -c 2 -i 0.2 -W 3 "${!#}"
	hs_ping mn -c 2 -i 0.2 -W 3 -I "$1" $HS_CN
}

for n in 1 2 3; do
	hs_start $n
done
wait_until 15 hs_is 1 active || fail "ha1 is $(hs_role 1)"$'\n'"$(hs_logs)"
for n in 2 3; do
	wait_until 10 hs_is $n standby || fail "ha$n is $(hs_role $n)"$'\n'"$(hs_logs)"
done
seq=1
for a in $HOAS; do
	hs_register $HA "$a" --seq $seq
	seq=$((seq + 1))
done
wait_until 10 committed 1 $HOAS || fail "ha1 did not commit: $(hs_state 1)"$'\n'"$(hs_logs)"
for n in 2 3; do
	wait_until 10 full_copy $n 1 ||
		fail "ha$n has no full copy of ha1's cache:"$'\n'"$(differs)"$'\n'"$(hs_logs)"
	withdrawn $n || fail "standby ha$n announces: $(hs_state $n)"
done
traffic $HOAS
log "ha1 active with 4 bindings, ha2 and ha3 standby with full copies"

# --- a. ha1 dies: ha2 takes over, ha3 stays standby ---
ping_start 2001:db8:1::101
hs_cut 1
wait_until 15 hs_is 2 active || fail "ha2 did not take over"$'\n'"$(hs_logs)"
wait_until 10 committed 2 $HOAS || fail "ha2 did not commit: $(hs_state 2)"$'\n'"$(hs_logs)"
ping_end "ha1 -> ha2"
wait_until 10 full_copy 3 2 ||
	fail "ha3 has no full copy from ha2:"$'\n'"$(differs)"$'\n'"$(hs_logs)"
withdrawn 3 || fail "ha3 announces: $(hs_state 3)"
never_up 3
hs_register $HA $AT_HA2 --seq 1
hs_register $HA 2001:db8:1::102 --seq 20
hs_register $HA $GONE --seq 20 --dereg
LIVE="2001:db8:1::101 2001:db8:1::102 2001:db8:1::103 $AT_HA2"
wait_until 10 committed 2 $LIVE || fail "ha2's kernel: $(hs_state 2)"
_changes_synced() { same_cache 3 2 && has_line "$C1" "2001:db8:1::102 coa $HS_COA seq 20 "; }
wait_until 10 _changes_synced ||
	fail "ha2's changes did not reach ha3:"$'\n'"$(differs)"$'\n'"$(hs_logs)"
[ "$(grep -c . <<<"$C1")" = 4 ] || fail "ha2 holds $(grep -c . <<<"$C1") bindings, not 4: $C1"
traffic $LIVE
log "a: ha2 active, ha3 standby with ha2's cache and changes"

# --- b. ha2 dies: ha3 takes over with every binding ---
ping_start $AT_HA2
hs_cut 2
wait_until 15 hs_is 3 active || fail "ha3 did not take over"$'\n'"$(hs_logs)"
wait_until 10 committed 3 $LIVE || fail "ha3 did not commit: $(hs_state 3)"$'\n'"$(hs_logs)"
ping_end "ha2 -> ha3"
has_line "$(cache 3)" "2001:db8:1::102 coa $HS_COA seq 20 " ||
	fail "ha3 lost the renewal: $(cache 3)"
hs_register $HA $AT_HA3 --seq 1
LIVE="$LIVE $AT_HA3"
wait_until 10 committed 3 $LIVE || fail "ha3's kernel: $(hs_state 3)"
traffic $LIVE
log "b: ha3 active with every binding"

# --- c. ha1 comes back: standby, clean, ha3's cache ---
# Its kernel kept what it held when it died, the deregistered binding
# too; its restart restores that, and as a standby withdraws it.
has_line "$(hs_kbind 1)" "$GONE coa" && hs_has_addr 1 $HA ||
	fail "the dead ha1's kernel lost its state already: $(hs_state 1)"
nip sw link set s1 up
hs_start 1
wait_until 15 full_copy 1 3 ||
	fail "ha1 is $(hs_role 1) without ha3's cache:"$'\n'"$(differs)"$'\n'"$(hs_logs)"
wait_until 10 withdrawn 1 || fail "ha1 kept state as a standby: $(hs_state 1)"$'\n'"$(hs_logs)"
never_up 1
hs_is 3 active || fail "ha3 lost the role to ha1"$'\n'"$(hs_logs)"
committed 3 $LIVE || fail "ha3 no longer serves everything: $(hs_state 3)"
[ "$(grep -c . <<<"$C1")" = 5 ] || fail "ha1 holds $(grep -c . <<<"$C1") bindings, not 5: $C1"
traffic $LIVE
log "c: ha1 back as a clean standby with ha3's 5 bindings; ha3 keeps the role"

# --- d. ha2 comes back too ---
nip sw link set s2 up
hs_start 2
wait_until 15 full_copy 2 3 ||
	fail "ha2 is $(hs_role 2) without ha3's cache:"$'\n'"$(differs)"$'\n'"$(hs_logs)"
wait_until 10 withdrawn 2 || fail "ha2 kept state as a standby: $(hs_state 2)"$'\n'"$(hs_logs)"
never_up 2
same_cache 1 3 || fail "ha1's cache differs from ha3's:"$'\n'"$(differs)"
hs_is 1 standby && hs_is 3 active || fail "roles: ha1 $(hs_role 1), ha3 $(hs_role 3)"
for n in 1 2; do
	hs_no_addr $n $HA || fail "ha$n holds $HA too: $(hs_state $n)"
done
committed 3 $LIVE || fail "ha3 no longer serves everything: $(hs_state 3)"
traffic $LIVE
log "d: ha2 back as a clean standby; three equal caches, $HA on ha3 only"

hs_stop 1
hs_stop 2
hs_stop 3
pass
