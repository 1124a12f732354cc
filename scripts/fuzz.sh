#!/bin/sh
# Run every libFuzzer target for a bounded time (FUZZ_TIME seconds each,
# default 15); each target that finds nothing counts as one passed test.
set -u
cd "$(dirname "$0")/.."
time=${FUZZ_TIME:-15}
passed=0
failed=0
for dir in tools; do
	if make -s -C "$dir" fuzz-run FUZZ_TIME="$time" >build/fuzz-$dir.log 2>&1; then
		passed=$((passed + 1))
		echo "ok - $dir: $(grep -o 'Done [0-9]* runs' build/fuzz-$dir.log | tail -n 1) in ${time}s"
	else
		failed=$((failed + 1))
		echo "not ok - $dir fuzz target"
		tail -n 40 build/fuzz-$dir.log | sed 's/^/#   /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
