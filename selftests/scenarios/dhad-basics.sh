#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dhad's infrastructure: it creates its dha device when missing, answers
# "dha ha show" and "dha cache show" (plain and -j) on the socket given
# with -S, refuses a bad configuration with FILE:LINE, survives SIGHUP
# (and refuses a reload that changes its address), exits 0 on SIGTERM
# leaving the kernel's bindings in place, rebuilds its cache from them on
# restart, and runs side by side with a second dhad in another netns.

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"

write_conf() { # FILE DEVICE ADDRESS
	cat >"$1" <<-EOC
	# dhad-basics
	[home-agent]
	home-link = home0
	prefix = 2001:db8:1::/64
	address = $3
	device = $2
	max-lifetime = 300
	EOC
}

# home_ns NS: a namespace with a dummy home link
home_ns() {
	ns_add "$1" 1
	nip "$1" link add home0 type dummy || skip "dummy links not available"
	nip "$1" link set home0 up
	addr "$1" home0 $HA_HOME/64
}

home_ns ha
conf=$SCN_TMP/dhad.conf
sock=$SCN_TMP/run/a.sock
dlog=$SCN_TMP/dhad.log
write_conf "$conf" dha7 $HA_HOME

# --- a bad configuration is refused with FILE:LINE ---
bad=$SCN_TMP/bad.conf
{ cat "$conf"; echo "colour = blue"; } >"$bad"
out=$(in_ns ha "$DHAD" -f -c "$bad" -S "$SCN_TMP/bad.sock" 2>&1) && fail "bad config accepted"
grep -q "^$bad:8: unknown key \"colour\" in \[home-agent\]$" <<<"$out" ||
	fail "bad config: no FILE:LINE message: $out"
nip ha link show dha7 >/dev/null 2>&1 && fail "a refused start created dha7"

# --- start: the device is created, ha show answers ---
dhad_start ha "$conf" "$sock" "$dlog"
pid=$BG_PID
[ "$(stat -c %a "$(dirname "$sock")")" = 755 ] || fail "socket directory not 0755"
[ "$(stat -c %a "$sock")" = 660 ] || fail "socket not 0660"
nip ha -d link show dha7 | grep_q "dha" || fail "dhad did not create dha7: $(nip ha -d link show dha7 2>&1)"
out=$(dha_in ha -S "$sock" ha show)
grep -q "2001:db8:1::/64" <<<"$out" || fail "ha show lacks the prefix: $out"
grep -q "$HA_HOME" <<<"$out" || fail "ha show lacks the address: $out"
json_ok ha -S "$sock" ha show
out=$(dha_in ha -S "$sock" -j ha show)
grep -q '"role":"home-agent"' <<<"$out" || fail "ha show -j: $out"
json_ok ha --socket "$sock" cache show
log "ha show: $(head -1 <<<"$(dha_in ha -S "$sock" ha show)")"

# --- a binding added by the operator reaches the cache (events) ---
dha_in ha binding add $HOA coa $COA dev dha7 lifetime 600
_in_cache() { in_ns ha "$DHA" -S "$sock" cache show | grep_q "$HOA coa $COA"; }
wait_until 10 _in_cache || fail "cache show lacks $HOA: $(in_ns ha "$DHA" -S "$sock" cache show 2>&1)"

# --- SIGHUP: reload keeps running; a fixed setting is refused ---
kill -HUP "$pid"
wait_until 10 grep -q "configuration reloaded" "$dlog" || fail "no reload: $(cat "$dlog")"
kill -0 "$pid" 2>/dev/null || fail "dhad died on SIGHUP"
write_conf "$conf" dha7 2001:db8:1::99
kill -HUP "$pid"
wait_until 10 grep -q "reload refused: address cannot change" "$dlog" ||
	fail "changed address not refused: $(cat "$dlog")"
out=$(dha_in ha -S "$sock" ha show)
grep -q "$HA_HOME" <<<"$out" || fail "refused reload changed the address: $out"
write_conf "$conf" dha7 $HA_HOME
_in_cache || fail "reload dropped the binding"

# --- SIGTERM: exit 0, the binding stays in the kernel ---
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" = 0 ] || fail "dhad exited $rc on SIGTERM: $(cat "$dlog")"
[ ! -e "$sock" ] || fail "socket left behind"
dha_in ha binding show dev dha7 | grep_q "$HOA" || fail "binding gone after dhad exit"
out=$(in_ns ha "$DHA" -S "$sock" ha show 2>&1) && fail "ha show worked without dhad"
[ "$(wc -l <<<"$out")" = 1 ] || fail "not one error line without dhad: $out"
grep -q "^dha: cannot reach dhad at $sock" <<<"$out" || fail "unclear error: $out"

# --- restart: the cache is rebuilt from the kernel ---
dhad_start ha "$conf" "$sock" "$dlog"
out=$(dha_in ha -S "$sock" cache show)
grep -q "$HOA coa $COA seq - .*restored" <<<"$out" || fail "cache not rebuilt: $out"
grep -q "restored 1 binding" "$dlog" || fail "no restore log line: $(cat "$dlog")"
dha_in ha binding del $HOA dev dha7
_not_in_cache() { ! _in_cache; }
wait_until 10 _not_in_cache || fail "deleted binding still cached"

# --- a second daemon in a second namespace, side by side ---
home_ns hb
conf_b=$SCN_TMP/b.conf
sock_b=$SCN_TMP/run/b.sock
write_conf "$conf_b" dha0 $HA_HOME
dhad_start hb "$conf_b" "$sock_b" "$SCN_TMP/b.log"
out=$(in_ns ha "$DHA" -S "$sock" ha show 2>&1)
grep -q "dev dha7" <<<"$out" || fail "first dhad lost: $out"$'\n'"$(cat "$dlog")"
out=$(in_ns hb "$DHA" -S "$sock_b" ha show 2>&1)
grep -q "dev dha0" <<<"$out" || fail "second dhad wrong: $out"$'\n'"$(cat "$SCN_TMP/b.log")"
nip hb link show dha0 >/dev/null || fail "second dhad created no dha0 in hb"
nip ha link show dha0 >/dev/null 2>&1 && fail "second dhad created dha0 in the wrong netns"
# The same socket path is refused while a daemon answers there.
out=$(in_ns hb "$DHAD" -f -c "$conf_b" -S "$sock" 2>&1) && fail "second dhad on a busy socket"
grep -q "another dhad is running" <<<"$out" || fail "busy socket: $out"
pass
