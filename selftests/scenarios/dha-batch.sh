#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dha -batch: 2000 bindings (some with a lifetime or a mobile network
# prefix, among comments, blank lines and quoted words) added by one run
# of the tool are all in the kernel's table; a failing line is named as
# FILE:LINE and stops the run, the lines before it applied and those after
# it not; -force runs every line and still exits 1; "-" reads standard
# input and names it <stdin>.

. "$(dirname "$0")/../lib/scenario.sh"

N=2000

require_dha
ns_add ha 1
dha_dev ha

# 2001:db8:1::1:0 .. 2001:db8:1::1:7cf, care-of addresses spread over 16.
hoa() { printf '2001:db8:1::1:%x' "$1"; }
adds=$SCN_TMP/adds.txt
{
	echo "# $N bindings for dha0"
	for i in $(seq 0 $((N - 1))); do
		case $((i % 100)) in
		0) echo ""; echo "  # block $((i / 100))";
		   printf 'binding add %s coa 2001:db8:2::%x dev dha0 lifetime 3600\n' "$(hoa "$i")" $((i % 16 + 1)) ;;
		1) printf 'binding add "%s" coa '\''2001:db8:2::%x'\'' dev dha0 mnp 2001:db8:%x::/48 # nemo\n' \
			  "$(hoa "$i")" $((i % 16 + 1)) $((0x100 + i / 100)) ;;
		*) printf 'b a %s coa 2001:db8:2::%x dev dha0\n' "$(hoa "$i")" $((i % 16 + 1)) ;;
		esac
	done
} >"$adds"

t0=$(date +%s.%N)
out=$(in_ns ha "$DHA" -batch "$adds" 2>&1) || fail "dha -batch of $N adds: $out"
dt=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
[ -z "$out" ] || fail "dha -batch printed something for adds: $out"
log "$N bindings added by one dha -batch in $dt s"

shown=$SCN_TMP/shown.txt
in_ns ha "$DHA" binding show dev dha0 >"$shown" || fail "binding show"
n=$(grep -c '^2001:db8:1::1:' "$shown")
[ "$n" = "$N" ] || fail "$n bindings shown after adding $N"
for i in 0 1 2 999 1001 $((N - 1)); do
	grep -Eq "^$(re "$(hoa "$i")") .*coa $(re "$(printf '2001:db8:2::%x' $((i % 16 + 1)))")( |$)" "$shown" ||
		fail "binding $i not as added: $(grep "^$(re "$(hoa "$i")") " "$shown")"
done
line=$(grep "^$(re "$(hoa 1001)") " "$shown")
grep -q "mnp 2001:db8:10a::/48" <<<"$line" || fail "mnp of binding 1001 missing: $line"
line=$(grep "^$(re "$(hoa 1000)") " "$shown")
grep -Eq "lifetime [0-9]+" <<<"$line" || fail "lifetime of binding 1000 missing: $line"

# A kernel error on line 4 (the binding exists), a wrong address on
# line 5: the run stops at line 4.
A=2001:db8:1::a:1
B=2001:db8:1::a:2
errs=$SCN_TMP/errors.txt
cat >"$errs" <<EOL
# errors

binding add $A coa 2001:db8:2::1 dev dha0
binding add $(hoa 7) coa 2001:db8:2::1 dev dha0
binding add 2001:db8:1::zz coa 2001:db8:2::1 dev dha0
binding add $B coa 2001:db8:2::1 dev dha0
EOL
has() { in_ns ha "$DHA" binding show dev dha0 | grep_q "^$(re "$1") "; }

in_ns ha "$DHA" -batch "$errs" >"$SCN_TMP/out" 2>"$SCN_TMP/err"
rc=$?
[ "$rc" = 1 ] || fail "dha -batch with a failing line exited $rc"
want="dha: $errs:4: a binding for this home address exists"
[ "$(cat "$SCN_TMP/err")" = "$want" ] ||
	fail "stderr of the failing batch: '$(cat "$SCN_TMP/err")', want '$want'"
[ ! -s "$SCN_TMP/out" ] || fail "stdout of the failing batch: $(cat "$SCN_TMP/out")"
has $A || fail "line 3, before the failing line, not applied"
has $B && fail "line 6, after the failing line, applied without -force"

dha_in ha binding del $A dev dha0
in_ns ha "$DHA" -force -batch "$errs" >"$SCN_TMP/out" 2>"$SCN_TMP/err"
rc=$?
[ "$rc" = 1 ] || fail "dha -force -batch with failing lines exited $rc"
want="dha: $errs:4: a binding for this home address exists
dha: $errs:5: invalid home address \"2001:db8:1::zz\""
[ "$(cat "$SCN_TMP/err")" = "$want" ] ||
	fail "stderr of -force: '$(cat "$SCN_TMP/err")', want '$want'"
has $A || fail "-force: line 3 not applied"
has $B || fail "-force: line 6 not applied"

# Standard input: delete everything again, one line failing under -force.
{
	for i in $(seq 0 $((N - 1))); do printf 'binding del %s dev dha0\n' "$(hoa "$i")"; done
	echo "binding del $A dev dha0"
	echo "binding del $A dev dha0"
	echo "binding del $B dev dha0"
} | in_ns ha "$DHA" -batch - -force >"$SCN_TMP/out" 2>"$SCN_TMP/err"
rc=$?
[ "$rc" = 1 ] || fail "dha -batch - -force with one failing line exited $rc"
want="dha: <stdin>:$((N + 2)): no such binding"
grep -qx -- "$want" "$SCN_TMP/err" ||
	fail "stderr of the stdin batch: '$(cat "$SCN_TMP/err")', want '$want'"
[ "$(wc -l <"$SCN_TMP/err")" = 1 ] || fail "more than one error: $(cat "$SCN_TMP/err")"
left=$(in_ns ha "$DHA" binding show dev dha0)
[ -z "$left" ] || fail "bindings left after deleting all: $(head -3 <<<"$left")"
pass
