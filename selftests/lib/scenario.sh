# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the dha netns scenarios (selftests/scenarios/*.sh). Source it:
#
#   . "$(dirname "$0")/../lib/scenario.sh"
#
# A scenario runs as root inside the test guest with the dha module loaded.
# Exit status: 0 pass, 1 fail (message on stderr), 4 skip.
#
# Every namespace made by ns_add and every background process started by
# cap_start/bg is removed on exit, whatever the outcome. Namespace names
# carry the shell's pid, so scenarios may run side by side.

set -u
set -o pipefail

SCN=$(basename "$0" .sh)
DHA_TOP=${DHA_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DHA=${DHA:-$DHA_TOP/tools/dha}
DHA_BULK=${DHA_BULK:-$DHA_TOP/build/selftests/helpers/dha_bulk}
DHA_KO=${DHA_KO:-$DHA_TOP/build/$(uname -r)/dha.ko}
if [ -z "${PYTHON:-}" ]; then
	if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
SCN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/dha-$SCN.XXXXXX")
_SCN_NSP="dha$$"
_scn_ns=()
_scn_pids=()
_scn_hooks=()
declare -A _cap_pid=()

# grep_q ARGS...: a grep -q that reads all of its input. With pipefail,
# grep -q leaving at the first match can kill the writer (ip, dha) with
# SIGPIPE and so fail "writer | grep -q" although the line was there.
grep_q() { grep "$@" >/dev/null; }

log()  { printf '# %s: %s\n' "$SCN" "$*"; }
fail() { printf 'FAIL: %s: %s\n' "$SCN" "$*" >&2; exit 1; }
skip() { printf 'SKIP: %s: %s\n' "$SCN" "$*" >&2; exit 4; }
pass() { printf 'PASS: %s\n' "$SCN"; exit 0; }

# Run "$@" at exit (before namespaces are deleted).
on_exit() { _scn_hooks+=("$*"); }

_scn_cleanup() {
	local rc=$? p n h
	trap - EXIT
	for h in "${_scn_hooks[@]}"; do eval "$h" || true; done
	for p in "${_scn_pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${_scn_pids[@]}"; do wait "$p" 2>/dev/null; done
	for n in "${_scn_ns[@]}"; do ip netns del "$n" 2>/dev/null; done
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ] && [ -n "${SCN_KEEP:-}" ]; then
		echo "# $SCN: kept $SCN_TMP" >&2
	else
		rm -rf "$SCN_TMP"
	fi
	exit "$rc"
}
trap _scn_cleanup EXIT
trap 'exit 130' INT TERM

# ---- waiting ----

# wait_until SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
wait_until() {
	local limit=$1 i=0
	shift
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -ge $((limit * 10)) ] && return 1
		sleep 0.1
	done
	return 0
}

# ---- namespaces and links ----

nsn() { echo "${_SCN_NSP}-$1"; }
in_ns() { local n; n=$(nsn "$1"); shift; ip netns exec "$n" "$@"; }
nip() { local n; n=$(nsn "$1"); shift; ip -n "$n" "$@"; }

# bg_ns NS CMD...: start CMD in NS in the background (no subshell: the pid
# is CMD's own, so it can be signalled); the pid is left in $BG_PID and the
# process is killed at exit.
bg_ns() {
	local n
	n=$(nsn "$1")
	shift
	ip netns exec "$n" "$@" &
	BG_PID=$!
	_scn_pids+=("$BG_PID")
}

# ns_add NAME [FORWARDING]: a namespace with lo up, no DAD, no RAs, no
# ICMPv6 rate limit.
ns_add() {
	local name=$1 fwd=${2:-0} n
	n=$(nsn "$name")
	ip netns add "$n" || fail "ip netns add $n"
	_scn_ns+=("$n")
	ip -n "$n" link set lo up
	ip netns exec "$n" sysctl -qw \
		net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0 \
		net.ipv6.conf.all.forwarding="$fwd" net.ipv6.conf.default.forwarding="$fwd" \
		net.ipv6.icmp.ratelimit=0 >/dev/null ||
		fail "sysctls in $n"
}

# veth NS1 IF1 NS2 IF2 [MTU]
veth() {
	ip link add "$2" netns "$(nsn "$1")" type veth peer name "$4" netns "$(nsn "$3")" ||
		fail "veth $1/$2 - $3/$4"
	if [ -n "${5:-}" ]; then
		nip "$1" link set "$2" mtu "$5"
		nip "$3" link set "$4" mtu "$5"
	fi
	nip "$1" link set "$2" up
	nip "$3" link set "$4" up
}

# addr NS IF ADDR/LEN
addr() { nip "$1" -6 addr add "$3" dev "$2" nodad || fail "addr $3 on $1/$2"; }
# route NS ARGS...
route() { local ns=$1; shift; nip "$ns" -6 route add "$@" || fail "route in $ns: $*"; }

# ---- prerequisites ----

require_cmd() {
	local c
	for c in "$@"; do command -v "$c" >/dev/null || skip "$c not installed"; done
}

# The module is loaded and the tool is built.
require_dha() {
	require_cmd ip tcpdump ping
	[ -x "$DHA" ] || skip "dha tool not built ($DHA)"
	[ -d /sys/module/dha ] || skip "dha module not loaded"
	[ "$(id -u)" = 0 ] || skip "needs root"
}

# dha_dev NS [NAME]: create a dha device and bring it up.
dha_dev() {
	local dev=${2:-dha0}
	nip "$1" link add "$dev" type dha || fail "ip link add $dev type dha in $1"
	nip "$1" link set "$dev" up || fail "ip link set $dev up in $1"
}

# dha_in NS ARGS...: run the dha tool in a namespace; fail on error.
dha_in() {
	local ns=$1 out
	shift
	out=$(in_ns "$ns" "$DHA" "$@" 2>&1) || fail "[$ns] dha $*: $out"
	[ -z "$out" ] || printf '%s\n' "$out"
}

# ---- dhad and the mobile node emulator ----

DHAD=${DHAD:-$DHA_TOP/daemon/dhad}
MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}

# require_dhad: dhad and mnemu are built.
require_dhad() {
	[ -x "$DHAD" ] || skip "dhad not built ($DHAD)"
	[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU): make -C selftests/mnemu"
}

# dhad_conf FILE ADDRESS [LINE...]: a home agent at ADDRESS for
# 2001:db8:1::/64 on home0 with the device dha0; the LINEs go into
# [home-agent], the log level is DHAD_LOG_LEVEL (debug).
dhad_conf() {
	local f=$1 address=$2 line
	shift 2
	{
		cat <<EOC
[home-agent]
home-link = home0
prefix = 2001:db8:1::/64
address = $address
device = dha0
EOC
		for line in "$@"; do echo "$line"; done
		echo "[daemon]"
		echo "log-level = ${DHAD_LOG_LEVEL:-debug}"
	} >"$f"
}

# dhad_answers NS SOCK: the dhad on SOCK in NS answers `dha ha show`.
dhad_answers() { in_ns "$1" "$DHA" -S "$2" ha show >/dev/null 2>&1; }

# dhad_start NS CONF SOCK LOG [DHAD...]: start dhad (or the command
# DHAD...) in NS and wait until it answers; its pid goes to DHAD_PID, LOG
# to DHAD_LOG, for dhad_stop and mn_register.
dhad_start() {
	local ns=$1 conf=$2 sock=$3 dlog=$4
	shift 4
	[ $# -gt 0 ] || set -- "$DHAD"
	bg_ns "$ns" "$@" -f -c "$conf" -S "$sock" 2>>"$dlog"
	DHAD_PID=$BG_PID
	DHAD_LOG=$dlog
	wait_until 30 dhad_answers "$ns" "$sock" ||
		fail "dhad in $ns does not answer:"$'\n'"$(cat "$dlog")"
}

# dhad_stop: SIGTERM to the dhad dhad_start started last; it must exit 0.
dhad_stop() {
	local rc
	kill -TERM "$DHAD_PID"
	wait "$DHAD_PID"
	rc=$?
	[ "$rc" = 0 ] || fail "dhad exited $rc: $(cat "$DHAD_LOG")"
}

# mn_home_setup HOA... [-- POLICY-ARGS...]: the mobile node's side in mn
# (selftests/mnemu/README.md): the home addresses on lo, flagged "home",
# and the route2 state and inbound MH policy (POLICY-ARGS added) that let
# a BA's type 2 routing header through.
mn_home_setup() {
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		nip mn -6 addr add "$1"/128 dev lo home nodad ||
			fail "home address $1 on lo"
		shift
	done
	[ $# -eq 0 ] || shift
	nip mn xfrm state add src :: dst :: proto route2 mode ro coa :: flag wildrecv 2>"$SCN_TMP/xfrm.err" ||
		{ grep -qi "not supported" "$SCN_TMP/xfrm.err" && skip "no MIPv6 xfrm types (CONFIG_IPV6_MIP6)"
		  fail "MN xfrm state route2: $(cat "$SCN_TMP/xfrm.err")"; }
	nip mn xfrm policy add dir in src ::/0 dst ::/0 proto 135 \
		tmpl proto route2 mode ro level use "$@" || fail "MN xfrm policy"
}

# mn_register ID EXPECTED_RC ARGS...: `mnemu register ARGS...` in mn must
# exit EXPECTED_RC; its output goes to $SCN_TMP/ID.out and the log.
mn_register() {
	local id=$1 want=$2 rc
	shift 2
	in_ns mn "$MNEMU" register "$@" >"$SCN_TMP/$id.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] ||
		fail "register $*: exit $rc, expected $want: $(cat "$SCN_TMP/$id.out")"$'\n'"$(tail -n 40 "$DHAD_LOG")"
	log "$id: $(cat "$SCN_TMP/$id.out")"
}

# ---- JSON from the dha tool ----
# The tool's exact JSON layout may still change: all key lookups go through
# these two functions. Keys match with '-' and '_' treated alike.

_PY_FIND='
import ipaddress, json, sys
mode, key = sys.argv[1], sys.argv[2].replace("-", "_").lower()
sel = sys.argv[3] if len(sys.argv) > 3 else ""
try:
    doc = json.load(sys.stdin)
except ValueError as e:
    sys.exit("not JSON: %s" % e)
def norm(k):
    return str(k).replace("-", "_").lower()
def find(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if norm(k) == key and isinstance(v, (int, float)) and not isinstance(v, bool):
                return v
        for v in o.values():
            r = find(v)
            if r is not None:
                return r
    elif isinstance(o, list):
        for v in o:
            r = find(v)
            if r is not None:
                return r
    return None
def same_addr(v, want):
    try:
        return ipaddress.ip_address(str(v)) == ipaddress.ip_address(want)
    except ValueError:
        return False
def holder(o, pred):
    # the innermost-first dict having a scalar value that satisfies pred
    if isinstance(o, dict):
        if any(pred(v) for v in o.values() if not isinstance(v, (dict, list))):
            return o
        for v in o.values():
            r = holder(v, pred)
            if r is not None:
                return r
    elif isinstance(o, list):
        for v in o:
            r = holder(v, pred)
            if r is not None:
                return r
    return None
if mode == "dev":
    obj = doc
    if sel:
        obj = holder(doc, lambda v: str(v) == sel) or (doc.get(sel) if isinstance(doc, dict) else None) or doc
elif mode == "addr":
    obj = holder(doc, lambda v: same_addr(v, sel))
    if obj is None:
        sys.exit("no object for %s in %s" % (sel, json.dumps(doc)[:400]))
else:
    sys.exit("bad mode")
r = find(obj)
if r is None:
    sys.exit("no key %s in %s" % (key, json.dumps(obj)[:400]))
print(int(r))
'

# dha_stat NS DEV KEY: one device counter from `dha -j stats dev DEV`.
dha_stat() {
	local json
	json=$(in_ns "$1" "$DHA" -j stats dev "$2" 2>&1) || fail "[$1] dha -j stats dev $2: $json"
	printf '%s' "$json" | "$PYTHON" -c "$_PY_FIND" dev "$3" "$2" ||
		fail "[$1] no counter $3 in dha -j stats"
}

# obj_stat NS ADDR KEY ARGS...: a counter of the JSON object that holds ADDR
# in the output of `dha -j -s ARGS...` (a binding or a peer).
obj_stat() {
	local ns=$1 addr=$2 key=$3 json
	shift 3
	json=$(in_ns "$ns" "$DHA" -j -s "$@" 2>&1) || fail "[$ns] dha -j -s $*: $json"
	printf '%s' "$json" | "$PYTHON" -c "$_PY_FIND" addr "$key" "$addr" ||
		fail "[$ns] no $key for $addr in dha -j -s $*"
}

binding_stat() { obj_stat "$1" "$3" "$4" binding show dev "$2"; }

# json_ok NS ARGS...: the tool's -j output is valid JSON.
json_ok() {
	local ns=$1 out
	shift
	out=$(in_ns "$ns" "$DHA" -j "$@" 2>&1) || fail "[$ns] dha -j $*: $out"
	printf '%s' "$out" | "$PYTHON" -c 'import json,sys; json.load(sys.stdin)' ||
		fail "[$ns] dha -j $* is not JSON: $out"
}

# ---- captures ----

# cap_start ID NS IF [FILTER...]: capture to a file; returns once tcpdump
# reports that it listens.
cap_start() {
	local id=$1 ns=$2 ifc=$3 f e
	shift 3
	f=$SCN_TMP/$id.pcap
	e=$SCN_TMP/$id.err
	bg_ns "$ns" tcpdump -Z root --immediate-mode -U -n -i "$ifc" -w "$f" "$@" 2>"$e"
	_cap_pid[$id]=$BG_PID
	wait_until 20 grep -q "listening on" "$e" ||
		fail "tcpdump on $ns/$ifc did not start: $(cat "$e")"
}

# cap_text ID [FILTER...]: the capture so far, one packet a line, no times.
cap_text() {
	local id=$1
	shift
	tcpdump -n -t -r "$SCN_TMP/$id.pcap" "$@" 2>/dev/null
}

cap_count() { cap_text "$@" | wc -l; }

# cap_wait ID N SECONDS [FILTER...]: wait until N packets match.
_cap_ge() { local id=$1 n=$2; shift 2; [ "$(cap_count "$id" "$@")" -ge "$n" ]; }
cap_wait() {
	local id=$1 n=$2 t=$3
	shift 3
	wait_until "$t" _cap_ge "$id" "$n" "$@"
}

cap_stop() {
	local id=$1 pid=${_cap_pid[$1]}
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	true
}

# cap_has ID PATTERN [FILTER...]: a packet line matches the extended regex.
cap_has() {
	local id=$1 pat=$2
	shift 2
	cap_text "$id" "$@" | grep -Eq -- "$pat"
}

# Escape an address for use in a regex.
re() { printf '%s' "$1" | sed 's/[.]/\\./g'; }

# ---- counters ----

# ge A B: integer A >= B (a missing counter is a failure of its own)
ge() {
	[[ $1 =~ ^[0-9]+$ ]] || fail "not a counter value: '$1'"
	[ "$1" -ge "$2" ]
}

_stat_ge() { [ "$(dha_stat "$1" "$2" "$3")" -ge "$4" ]; }
# stat_wait NS DEV KEY MIN SECONDS: wait until a device counter reaches MIN.
stat_wait() { wait_until "$5" _stat_ge "$1" "$2" "$3" "$4"; }

# ---- kernel log ----

_DMESG_BAD='BUG[: ]|WARNING:|[Ll]eak|refcount|Oops|general protection|KASAN|UBSAN|Call Trace|waiting for .* to become free|list_(add|del) corruption|rcu_sched detected stall|INFO: task .* blocked'

dmesg_mark() { _dmesg_lines=$(dmesg | wc -l); _taint=$(cat /proc/sys/kernel/tainted); }

# dmesg_check WHAT: no kernel complaint since dmesg_mark.
dmesg_check() {
	local bad t
	bad=$(dmesg | tail -n +"$((_dmesg_lines + 1))" | grep -E "$_DMESG_BAD")
	[ -z "$bad" ] || fail "$1: kernel log:"$'\n'"$bad"
	t=$(cat /proc/sys/kernel/tainted)
	# W (warning, 512), D (died, 128)
	if [ $(((t & ~_taint) & (512 | 128))) -ne 0 ]; then
		fail "$1: kernel tainted $t (was $_taint)"
	fi
}

# ---- the common topology ----
#
#   cn ── ha ── ar ── mn
#
# cn  2001:db8:3::3/64                      default via ha
# ha  2001:db8:3::1 (to cn), 2001:db8:4::1 (to ar, dha0's local),
#     home link 2001:db8:1::1/64 (home0), dha0 with HOA/128 routed into it
# ar  2001:db8:4::2, 2001:db8:2::1          default via ha
# mn  care-of 2001:db8:2::2 on m_ar, home address on its ip6ip6 tunnel
#     mip6 to the HA; everything but the HA goes through the tunnel with the
#     home address as source.

HOA=2001:db8:1::100
COA=2001:db8:2::2
CN=2001:db8:3::3
HA_CN=2001:db8:3::1
HA_LOCAL=2001:db8:4::1
HA_HOME=2001:db8:1::1
AR_HA=2001:db8:4::2
AR_MN=2001:db8:2::1

# topo_links: the namespaces, links, addresses and plain routes of that
# topology, with neither the mobile node's tunnel nor a dha device.
topo_links() {
	ns_add cn 0
	ns_add ha 1
	ns_add ar 1
	ns_add mn 0
	veth cn cn0 ha h_cn
	veth ha h_ar ar a_ha
	veth ar a_mn mn m_ar
	veth ha home0 ha home1

	addr cn cn0 $CN/64
	route cn default via $HA_CN

	addr ha h_cn $HA_CN/64
	addr ha h_ar $HA_LOCAL/64
	addr ha home0 $HA_HOME/64
	route ha 2001:db8:2::/64 via $AR_HA

	addr ar a_ha $AR_HA/64
	addr ar a_mn $AR_MN/64
	route ar default via $HA_LOCAL

	addr mn m_ar $COA/64
}

topo_basic() {
	topo_links
	mn_tunnel mn m_ar $COA $HA_LOCAL $AR_MN $HOA

	dha_dev ha
	dha_in ha link set dev dha0 local $HA_LOCAL
	route ha $HOA/128 dev dha0
}

# mn_tunnel NS IF COA HA_ADDR GATEWAY HOA: the mobile node's reverse
# tunnel (no encapsulation limit option, like real mobile nodes).
mn_tunnel() {
	local ns=$1 ifc=$2 coa=$3 ha=$4 gw=$5 hoa=$6
	nip "$ns" -6 tunnel add mip6 mode ip6ip6 local "$coa" remote "$ha" encaplimit none ||
		skip "ip6ip6 tunnels not available (ip6_tunnel)"
	nip "$ns" link set mip6 up
	addr "$ns" mip6 "$hoa"/128
	route "$ns" "$ha"/128 via "$gw" dev "$ifc"
	route "$ns" default dev mip6 src "$hoa"
}

# ping_ok NS ARGS...: ping must succeed.
ping_ok() {
	local ns=$1 out
	shift
	out=$(in_ns "$ns" ping -n "$@" 2>&1) || fail "[$ns] ping $* failed:"$'\n'"$out"
}

# ping_fails NS ARGS...: ping must get no reply.
ping_fails() {
	local ns=$1 out
	shift
	if out=$(in_ns "$ns" ping -n "$@" 2>&1); then
		fail "[$ns] ping $* unexpectedly succeeded:"$'\n'"$out"
	fi
	printf '%s\n' "$out" > "$SCN_TMP/last-ping.txt"
}
