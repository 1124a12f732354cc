#!/bin/bash
# Run dha's in-kernel test suite for the running kernel.  Runs INSIDE the
# test VM (selftests/vm/run-vm.sh), never on a host:
#
#   selftests/vm/run-vm.sh --kernel 6.1 -- selftests/run-guest.sh [-v] [FILTER]
#
# It loads build/$(uname -r)/dha.ko, then runs
#   - every executable in build/selftests/$(uname -r)/ (or, if that does not
#     exist, build/selftests/): kselftest-harness binaries, each test case
#     counted from the binary's closing "# Totals:" line (xfail and xpass
#     count as passed, error as failed; no Totals line, or an unexpected exit
#     status, counts as one failure);
#   - every selftests/scenarios/*.sh: one test each, passed iff it exits 0,
#     skipped if it exits 4 (its last line mentioning SKIP is the reason).
# With -v before FILTER, the log of every scenario is shown, not only of
# those that fail.
# FILTER, if given, selects tests whose name (the binary's file name, or
# scenario/NAME.sh) contains it, or matches it if it is a glob pattern.
#
# Each test runs with a timeout (DHA_TEST_TIMEOUT, default 300 s), in a fresh
# writable directory under /tmp/dha-tests (also in $DHA_TMPDIR and $TMPDIR),
# with DHA_TOP (source tree, read-only), DHA_BUILD, DHA_KO and DHA_KREL set.
# Its output goes to /tmp/dha-tests/NAME.log and is shown only if it fails.
# After each test, processes it left behind (in another network namespace, or
# carrying its environment) are killed, all named network namespaces
# deleted, and dha.ko loaded again if the test unloaded it.  A kernel
# warning, BUG or oops logged during a test fails that test.
#
# Output is TAP-like: one "ok N name" / "not ok N name" line per test (per
# test case for harness binaries), and a closing line
# "N passed, N failed[, N skipped]".  Exit status 1 if anything failed.

set -u

top=$(cd "$(dirname "$0")/.." && pwd -P)
krel=$(uname -r)
ko=$top/build/$krel/dha.ko
tmo=${DHA_TEST_TIMEOUT:-300}
out=/tmp/dha-tests
verbose=
if [ "${1:-}" = -v ]; then
	verbose=1
	shift
fi
filter=${1:-}

if [ -z "${DHA_VM:-}" ] && [ -z "${DHA_FORCE_HOST:-}" ]; then
	echo "run-guest: not inside the test VM; use" >&2
	echo "  selftests/vm/run-vm.sh -- selftests/run-guest.sh" >&2
	echo "(set DHA_FORCE_HOST=1 to run here anyway)" >&2
	exit 2
fi

n=0 npass=0 nfail=0 nskip=0

now() {
	local up
	read -r up _ </proc/uptime
	echo "${up/./}"
}

secs() { # centiseconds -> "12.3"
	local cs=$1
	echo "$((cs / 100)).$((cs % 100 / 10))"
}

tap() { # ok|"not ok" description
	n=$((n + 1))
	echo "$1 $n $2"
}

show() { # log file, shown as TAP diagnostics, at most its last 300 lines
	local lines
	lines=$(wc -l <"$1")
	[ "$lines" -gt 300 ] && echo "# ... $((lines - 300)) lines cut; full log in the guest's $1"
	tail -n 300 "$1" | sed 's/^/# /'
}

closing() {
	echo "1..$n"
	if [ "$nskip" -gt 0 ]; then
		echo "$npass passed, $nfail failed, $nskip skipped"
	else
		echo "$npass passed, $nfail failed"
	fi
	[ "$nfail" = 0 ]
	exit $?
}

# shellcheck disable=SC2053
selected() {
	[ -z "$filter" ] && return 0
	case "$filter" in
	*[*?[]*) [[ $1 == $filter ]] ;; # a glob on purpose
	*) [[ $1 == *"$filter"* ]] ;;
	esac
}

load_dha() {
	[ -d /sys/module/dha ] && return 0
	if [ ! -f "$ko" ]; then
		echo "run-guest: $ko is missing: build the module for $krel first (make)"
		return 1
	fi
	local deps
	deps=$(modinfo -F depends "$ko" 2>&1) || { echo "$deps"; return 1; }
	if [ -n "$deps" ]; then
		# shellcheck disable=SC2086
		modprobe -a ${deps//,/ } || return 1
	fi
	insmod "$ko"
}

# --- kernel splats -------------------------------------------------------

splat_re='WARNING:|BUG:|Oops|general protection fault|KASAN:|UBSAN:|refcount_t:|list_(add|del) corruption|kernel BUG|INFO: task .* blocked|rcu_.*detected stall|Kernel panic'
dmesg_mark=0
splat=
dmesg_start() {
	dmesg_mark=$(dmesg | wc -l)
}
dmesg_check() { # sets $splat to the new kernel splat lines, if any
	local cur new
	new=$(dmesg)
	cur=$(printf '%s\n' "$new" | wc -l)
	# the ring buffer wrapped: look at all of it
	[ "$cur" -lt "$dmesg_mark" ] && dmesg_mark=0
	new=$(printf '%s\n' "$new" | tail -n +"$((dmesg_mark + 1))")
	dmesg_mark=$cur
	splat=
	if printf '%s\n' "$new" | grep -Eq "$splat_re"; then
		splat=$(printf '%s\n' "$new" | grep -E -A 30 "$splat_re" | head -n 60)
	fi
}

# --- cleanup between tests -----------------------------------------------

cleanup() { # test id
	local p e victims=()
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$p" = 1 ] || [ "$p" = $$ ] || [ "$p" = "$BASHPID" ] && continue
		if [ -e "/proc/$p/ns/net" ] && ! [[ /proc/$p/ns/net -ef /proc/1/ns/net ]]; then
			victims+=("$p")
			continue
		fi
		while IFS= read -r -d '' e; do
			if [ "$e" = "DHA_TEST_RUN=$1" ]; then
				victims+=("$p")
				break
			fi
		done 2>/dev/null <"/proc/$p/environ"
	done
	if [ ${#victims[@]} -gt 0 ]; then
		kill -KILL "${victims[@]}" 2>/dev/null
		sleep 0.2
	fi
	ip -all netns delete 2>/dev/null
	ip xfrm state flush 2>/dev/null
	ip xfrm policy flush 2>/dev/null
	if [ ! -d /sys/module/dha ]; then
		if ! msg=$(load_dha 2>&1); then
			echo "# run-guest: cannot load dha.ko again: $msg"
		fi
	fi
}

# run ID LOG DIR CMD...: runs CMD in DIR with the timeout, output to LOG;
# returns its exit status (124 on timeout)
run() {
	local id=$1 log=$2 dir=$3
	shift 3
	rm -rf "$dir"
	mkdir -p "$dir"
	local rc
	# the braces keep bash's own "Aborted"-style notices out of our output
	{
		(
			cd "$dir" || exit 125
			export DHA_TEST_RUN=$id DHA_TOP="$top" DHA_BUILD="$top/build" \
				DHA_KO="$ko" DHA_KREL="$krel" DHA_TMPDIR="$dir" TMPDIR="$dir"
			exec timeout -k 10 "$tmo" "$@"
		) </dev/null >"$log" 2>&1
	} 2>/dev/null
	rc=$?
	if [ "$rc" -gt 128 ] && [ "$rc" != 137 ] || [ "$rc" = 124 ]; then
		echo "run-guest: exit status $rc$( [ "$rc" -gt 128 ] && echo " (signal $(kill -l "$rc"))")" >>"$log"
	fi
	return "$rc"
}

# --- start ---------------------------------------------------------------

mkdir -p "$out" || exit 1
echo "TAP version 13"
echo "# dha selftests on $krel ($(nproc) CPUs)"

# Modules the tests use; preloading once saves each scenario the time.
modprobe -a veth ip6_tunnel tunnel6 sch_netem 2>&1 | sed 's/^/# /'

if ! msg=$(load_dha 2>&1); then
	tap "not ok" "load dha.ko"
	printf '%s\n' "$msg" | sed 's/^/# /'
	nfail=$((nfail + 1))
	closing
fi
dmesg_start

bindir=$top/build/selftests/$krel
[ -d "$bindir" ] || bindir=$top/build/selftests
bins=()
if [ -d "$bindir" ]; then
	for f in "$bindir"/*; do
		[ -f "$f" ] && [ -x "$f" ] && bins+=("$f")
	done
fi
scens=()
for f in "$top"/selftests/scenarios/*.sh; do
	[ -f "$f" ] && scens+=("$f")
done

id=0

for b in "${bins[@]}"; do
	name=${b##*/}
	selected "$name" || continue
	id=$((id + 1))
	log=$out/$name.log
	t0=$(now)
	run "$id" "$log" "$out/$name.d" "$b"
	rc=$?
	t=$(secs $(($(now) - t0)))
	cleanup "$id"
	dmesg_check

	totals=$(grep -E '^# Totals: pass:[0-9]+ fail:[0-9]+ xfail:[0-9]+ xpass:[0-9]+ skip:[0-9]+ error:[0-9]+' "$log" | tail -n 1)
	bad=
	if [ -z "$totals" ]; then
		bad="no Totals line, exit status $rc"
	elif [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 4 ]; then
		bad="exit status $rc"
	fi
	[ "$rc" = 124 ] && bad="timeout after $tmo s"
	if [ -n "$bad" ]; then
		tap "not ok" "$name # $bad ($t s)"
		nfail=$((nfail + 1))
		show "$log"
		[ -n "$splat" ] && printf '%s\n' "$splat" | sed 's/^/# dmesg: /'
		continue
	fi
	# re-number the binary's own result lines
	while IFS= read -r line; do
		if [[ $line =~ ^(not\ ok|ok)\ [0-9]+\ (.*)$ ]]; then
			tap "${BASH_REMATCH[1]}" "$name: ${BASH_REMATCH[2]}"
		fi
	done <"$log"
	read -r p f xf xp s e < <(echo "$totals" |
		sed -E 's/.*pass:([0-9]+) fail:([0-9]+) xfail:([0-9]+) xpass:([0-9]+) skip:([0-9]+) error:([0-9]+).*/\1 \2 \3 \4 \5 \6/')
	npass=$((npass + p + xf + xp))
	nfail=$((nfail + f + e))
	nskip=$((nskip + s))
	if [ "$rc" = 1 ] && [ $((f + e)) = 0 ]; then
		tap "not ok" "$name # exit status 1 with no failed test case"
		nfail=$((nfail + 1))
		bad=1
	fi
	if [ -n "$splat" ]; then
		tap "not ok" "$name # kernel warning or oops during the run"
		printf '%s\n' "$splat" | sed 's/^/# dmesg: /'
		nfail=$((nfail + 1))
		bad=1
	fi
	[ $((f + e)) -gt 0 ] || [ -n "$bad" ] && show "$log"
	echo "# $name: pass:$p fail:$f xfail:$xf xpass:$xp skip:$s error:$e ($t s)"
done

for sc in "${scens[@]}"; do
	base=${sc##*/}
	name=scenario/$base
	selected "$name" || continue
	id=$((id + 1))
	log=$out/scenario-${base%.sh}.log
	if [ -x "$sc" ]; then
		cmd=("$sc")
	else
		read -r first <"$sc"
		case "$first" in
		*bash*) cmd=(bash "$sc") ;;
		*) cmd=(sh "$sc") ;;
		esac
	fi
	t0=$(now)
	run "$id" "$log" "$out/scenario-${base%.sh}.d" "${cmd[@]}"
	rc=$?
	t=$(secs $(($(now) - t0)))
	cleanup "$id"
	dmesg_check

	if [ -n "$splat" ]; then
		tap "not ok" "$name # kernel warning or oops, exit status $rc ($t s)"
		nfail=$((nfail + 1))
		show "$log"
		printf '%s\n' "$splat" | sed 's/^/# dmesg: /'
	elif [ "$rc" = 0 ]; then
		tap "ok" "$name ($t s)"
		npass=$((npass + 1))
		[ -n "$verbose" ] && show "$log"
	elif [ "$rc" = 4 ]; then
		why=$(grep SKIP "$log" | tail -n 1)
		why=${why#*SKIP}
		why=${why#:}
		why=${why# }
		tap "ok" "$name # SKIP ${why:-(no reason given)}"
		nskip=$((nskip + 1))
	else
		if [ "$rc" = 124 ]; then
			tap "not ok" "$name # timeout after $tmo s"
		else
			tap "not ok" "$name # exit status $rc ($t s)"
		fi
		nfail=$((nfail + 1))
		show "$log"
	fi
done

if [ "$n" = 0 ]; then
	echo "# no tests found${filter:+ matching \"$filter\"} (binaries in $bindir," \
		"scenarios in $top/selftests/scenarios)"
fi
closing
