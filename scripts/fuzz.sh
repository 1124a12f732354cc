#!/bin/sh
# Run the libFuzzer targets of each directory for a bounded time (FUZZ_TIME
# seconds each target, default 10); a directory whose targets find nothing
# counts as one passed test.
set -u
cd "$(dirname "$0")/.."
time=${FUZZ_TIME:-10}
passed=0
failed=0
for dir in lib tools daemon daemon/wire; do
	log=build/fuzz-$(echo "$dir" | tr / -).log
	if make -s -C "$dir" fuzz-run FUZZ_TIME="$time" >"$log" 2>&1; then
		passed=$((passed + 1))
		runs=$(grep -o 'Done [0-9]* runs' "$log" | awk '{ n += $2 } END { print n + 0 }')
		echo "ok - $dir: $runs runs, ${time}s per target"
	else
		failed=$((failed + 1))
		echo "not ok - $dir fuzz targets"
		tail -n 40 "$log" | sed 's/^/#   /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
