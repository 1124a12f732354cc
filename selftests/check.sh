#!/bin/bash
# dha's test driver, what "make check" runs after building:
#
#   selftests/check.sh [--host CMD]... [--kernels "6.12 6.1"] [--no-vm]
#                      [--filter FILTER] [--timeout SEC]
#
# Runs each host-side test command CMD (with sh -c, from the top of the
# tree; give --host once per command), then, for each kernel in --kernels
# (default: $DHA_KERNELS, else "6.12 6.1"), boots the test VM and runs the
# in-guest suite: selftests/vm/run-vm.sh --kernel K -- selftests/run-guest.sh.
# Every part must end its output with a line "N passed, N failed" (optionally
# ", N skipped"); a part that prints none, or exits non-zero without
# reporting a failure, counts as one failure.  Output lines are prefixed
# with the part's name ([host], [6.12], ...).  Ends with a summary per part
# and one closing line "N passed, N failed" (", N skipped" added if any) for
# everything; exit status 1 if anything failed.
#
# FILTER is passed to run-guest.sh; --timeout (default $DHA_VM_TIMEOUT, else
# 1800 s) limits each VM run.  DHA_* variables reach the guest, e.g.
# DHA_TEST_TIMEOUT for the per-test timeout.

set -u

top=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$top" || exit 1

hosts=()
kernels=${DHA_KERNELS:-6.12 6.1}
filter=
vmtimeout=${DHA_VM_TIMEOUT:-1800}

usage() {
	sed -n '/^#   selftests/,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--host) hosts+=("${2:?--host needs a command}"); shift 2 ;;
	--host=*) hosts+=("${1#*=}"); shift ;;
	--kernels) kernels=${2?}; shift 2 ;;
	--kernels=*) kernels=${1#*=}; shift ;;
	--no-vm) kernels=; shift ;;
	--filter) filter=${2?}; shift 2 ;;
	--filter=*) filter=${1#*=}; shift ;;
	--timeout) vmtimeout=${2:?}; shift 2 ;;
	--timeout=*) vmtimeout=${1#*=}; shift ;;
	-h|--help) usage ;;
	*) echo "check: unknown argument '$1'" >&2; usage ;;
	esac
done

logdir=$(mktemp -d "${TMPDIR:-/tmp}/dha-check.XXXXXX") || exit 1
trap 'rm -rf "$logdir"' EXIT

tpass=0 tfail=0 tskip=0
summary=()
parts=$((${#hosts[@]} + $(echo "$kernels" | wc -w)))
i=0

# part TAG DESCRIPTION CMD...: runs CMD with prefixed output, then tallies
# its closing line.
part() {
	local tag=$1 desc=$2 log rc t0 t1 last p f s note=
	shift 2
	i=$((i + 1))
	log=$logdir/part$i.log
	echo "== check [$i/$parts] $tag: $desc"
	t0=$(date +%s)
	"$@" </dev/null 2>&1 | tee "$log" | sed -u "s/^/[$tag] /"
	rc=${PIPESTATUS[0]}
	t1=$(date +%s)
	last=$(sed 's/\r$//' "$log" |
		grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?[[:space:]]*$' |
		tail -n 1)
	if [ -z "$last" ]; then
		p=0 f=1 s=0
		note=" (no closing line, exit status $rc: counted as 1 failed)"
	else
		read -r p f s < <(echo "$last" | sed -E \
			's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/')
		s=${s:-0}
		if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
			f=1
			note=" (exit status $rc: counted as 1 failed)"
		fi
	fi
	[ "$rc" = 124 ] && note="$note (timed out)"
	# run-vm.sh's statuses: the guest did not boot, or its kernel crashed
	[ "$rc" = 125 ] && [ "$tag" != host ] && note="$note (the guest did not start it)"
	[ "$rc" = 126 ] && [ "$tag" != host ] && note="$note (the guest kernel crashed: see its report above)"
	tpass=$((tpass + p))
	tfail=$((tfail + f))
	tskip=$((tskip + s))
	local res="$p passed, $f failed"
	[ "$s" != 0 ] && res="$res, $s skipped"
	res="$res$note [$((t1 - t0)) s]"
	echo "== check [$i/$parts] $tag: $res"
	summary+=("$tag $desc: $res")
}

for h in "${hosts[@]}"; do
	part host "$h" sh -c "$h"
done
# The in-guest suite on each kernel, booted once: a guest that fails to
# boot or crashes is a failure, never retried (a retry would hide a kernel
# bug in dha.ko). run-vm.sh prints the guest kernel's oops then and exits
# 125 (no boot) or 126 (a crash), which part() counts as a failure.
for k in $kernels; do
	part "$k" "run-guest.sh${filter:+ $filter}" \
		"$top/selftests/vm/run-vm.sh" --kernel "$k" --timeout "$vmtimeout" \
		-- selftests/run-guest.sh ${filter:+"$filter"}
done

echo "== check summary"
for l in "${summary[@]}"; do
	echo "   $l"
done
if [ "$tskip" != 0 ]; then
	echo "$tpass passed, $tfail failed, $tskip skipped"
else
	echo "$tpass passed, $tfail failed"
fi
[ "$tfail" = 0 ]
