#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HA reliability, what operators watch: two dhads in hard mode (ha1
# preference 20, ha2 10).
#   - notify: the hook runs on every role change with the new role, the
#     old role and the reason after the command's own arguments: at the
#     start-up election, on a switchover (both members), on a failover;
#     a hook that takes 2 s (twice the dead interval) does not hold up
#     the Hellos; a reload picks up a changed command, and a hook's
#     non-zero exit status is logged;
#   - systemd's STATUS= follows the role ("active, serving N bindings",
#     "standby of PEER"), through a NOTIFY_SOCKET of the test's own;
#   - dha monitor prints dhad's role and peer events as they happen;
#   - ha1 runs dhad-asan: hooks, STATUS= and the monitor subscription
#     run under the sanitizers, and it exits on SIGTERM without a report.
#
#   ha1 ─┐
#   ha2 ─┴─ br0 (sw) ─ ar ─ mn

. "$(dirname "$0")/../lib/scenario.sh"
. "$(dirname "$0")/../lib/haset.sh"

require_dha
require_dhad
DHAD_ASAN=${DHAD_ASAN:-$DHA_TOP/daemon/dhad-asan}
[ -x "$DHAD_ASAN" ] || fail "dhad-asan not built ($DHAD_ASAN)"

hs_flat 2
NET=2001:db8:5
HOA=2001:db8:1::101
mn_home_setup $HOA
T=$SCN_TMP

# The hook: its first argument names the file ($T/NAME.notify) it
# appends the others to. (A configuration line has at most 198
# characters: the commands stay short.)
cat >"$T/hook" <<EOS
#!/bin/sh
out=$T/\$1.notify
shift
[ -z "\$HOOK_SLEEP" ] || sleep "\$HOOK_SLEEP"
printf '%s|%s|%s\\n' "\$1" "\$2" "\$3" >>"\$out"
exit "\${HOOK_EXIT:-0}"
EOS
# conf N PREF PEER NOTIFY-LINE
conf() {
	hs_conf "$1" hard "$(hs_local "$1")" "$2" "$3"
	sed -i "s|^\[redundancy\]\$|[redundancy]\n$4|" "$T/ha$1.conf"
}
conf 1 20 2 "notify = HOOK_SLEEP=2 /bin/sh $T/hook ha1"
conf 2 10 1 "notify = /bin/sh $T/hook ha2"

# has FILE LINE: FILE has LINE.
_has() { grep -qxF -- "$2" "$1" 2>/dev/null; }
has() { wait_until 10 _has "$1" "$2" || fail "no '$2' in $1: $(cat "$1" 2>&1)"$'\n'"$(hs_logs)"; }

# systemd's side of ha1's STATUS=: a datagram socket, one line a message.
"$PYTHON" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
f = open(sys.argv[2], "a", buffering=1)
while True:
    f.write(s.recv(4096).decode().replace("\n", " ") + "\n")
' "$T/notify.sock" "$T/sd.log" &
_scn_pids+=($!)
_listens() { [ -S "$T/notify.sock" ]; }
wait_until 60 _listens || fail "the NOTIFY_SOCKET listener did not start"
# status TEXT: the last STATUS= ha1 sent is TEXT.
_status() { [ "$(grep -o 'STATUS=.*' "$T/sd.log" | tail -n 1)" = "STATUS=$1" ]; }
status() { wait_until 10 _status "$1" || fail "ha1's last STATUS is not '$1': $(tail -n 3 "$T/sd.log")"; }

san=abort_on_error=1:halt_on_error=1:print_stacktrace=1
bg_ns ha1 env NOTIFY_SOCKET="$T/notify.sock" \
	ASAN_OPTIONS="$san:detect_leaks=1:log_path=$T/asan" \
	UBSAN_OPTIONS="$san:log_path=$T/ubsan" \
	"$DHAD_ASAN" -f -c "$T/ha1.conf" -S "$T/ha1.sock" 2>>"$T/ha1.log"
HS_PID[1]=$BG_PID
_answers() { dhad_answers "ha$1" "$T/ha$1.sock"; }
wait_until 10 _answers 1 || fail "ha1's dhad does not answer"$'\n'"$(hs_logs)"
bg_ns ha1 "$DHA" -S "$T/ha1.sock" monitor >"$T/monitor" 2>&1
MONITOR=$BG_PID
sleep 1		# subscribed before ha2 comes up
hs_start 2
wait_until 10 hs_is 1 active || fail "ha1 is not active"$'\n'"$(hs_logs)"
wait_until 10 hs_is 2 standby || fail "ha2 is not standby"$'\n'"$(hs_logs)"
has "$T/ha2.notify" "standby|init|an active home agent is there"
has "$T/ha1.notify" "active|init|start-up election"
# The hook slept twice the dead interval: the Hellos went on meanwhile.
grep -q "peer $NET::1 failed" "$T/ha2.log" && fail "ha1's slow hook held up its Hellos"$'\n'"$(hs_logs)"
_exit0() { grep -q "notify: hook for active (was init) exited 0" "$T/ha1.log"; }
wait_until 10 _exit0 || fail "ha1 did not log its hook's exit"$'\n'"$(hs_logs)"
status "active, serving 0 bindings"
has "$T/monitor" "ha peer $NET::2 up (standby)"
has "$T/monitor" "ha role active (was init, reason: start-up election)"
log "start-up: both hooks ran with new role, old role, reason; STATUS and monitor follow"

out=$(in_ns ha2 timeout 20 "$DHA" -S "$T/ha2.sock" ha switchover 2>&1) ||
	fail "switchover on ha2: $out"$'\n'"$(hs_logs)"
has "$T/ha2.notify" "active|standby|SwitchOver accepted by $NET::1"
has "$T/ha1.notify" "standby|active|SwitchOver Request from $NET::2"
status "standby of $NET::2"
has "$T/monitor" "ha role standby (was active, reason: SwitchOver Request from $NET::2)"
log "switchover: both hooks ran; ha1's STATUS says standby of ha2"

# A changed command, reloaded: the next change runs it.
conf 1 20 2 "notify = HOOK_EXIT=3 /bin/sh $T/hook ha1-reloaded"
out=$(in_ns ha1 "$DHA" -S "$T/ha1.sock" ha reload 2>&1) || fail "reload of ha1: $out"
hs_cut 2
has "$T/ha1-reloaded.notify" "active|standby|peer $NET::2 failed"
_logged() { grep -q "notify: hook for active (was standby) exited 3" "$T/ha1.log"; }
wait_until 10 _logged || fail "ha1 did not log its hook's exit status 3"$'\n'"$(hs_logs)"
_has "$T/ha1.notify" "active|standby|peer $NET::2 failed" && fail "the old command ran after the reload"
status "active, serving 0 bindings"
has "$T/monitor" "ha peer $NET::2 down (failed)"
has "$T/monitor" "ha role active (was standby, reason: peer $NET::2 failed)"
log "failover: the reloaded hook ran, its exit status 3 logged; STATUS and monitor follow"

# The kernel's binding events are there as before, beside dhad's.
hs_register $NET::1 $HOA --seq 1
_new() { grep -q "^new $HOA coa $HS_COA " "$T/monitor"; }
wait_until 10 _new || fail "dha monitor lost the kernel's events: $(cat "$T/monitor")"
status "active, serving 0 bindings"
log "dha monitor shows the kernel's binding events as before"
kill "$MONITOR"
hs_stop 1
reports=$(cat "$T"/asan.* "$T"/ubsan.* 2>/dev/null)
[ -z "$reports" ] || fail "sanitizer report from ha1:"$'\n'"$reports"
pass
