#!/bin/sh
# The static gates, each counted as a test: the uapi header matches the
# spec, the module builds W=1 -Werror on 6.12 and 6.1, sparse and
# checkpatch --strict are clean, the sources keep the layout rules of
# Documentation/design.md (scripts/layout.sh), netlink code lives in lib/ only.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
log=$(mktemp)
gate() {
	name=$1
	shift
	if "$@" >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name"
		sed 's/^/#   /' "$log"
	fi
}
gate "uapi header generated from the spec" make -s uapi-check
for kdir in $(make -s -p 2>/dev/null | sed -n 's/^KDIRS_CHECK := //p'); do
	gate "module builds W=1 -Werror against $kdir" make -s module KDIR="$kdir"
done
gate "sparse" sh -c 'make -s sparse 2>&1 | tee /dev/stderr | grep -q "warning\|error" && exit 1 || exit 0'
gate "checkpatch --strict" make -s checkpatch
gate "layout: file sizes, includes, circles of calls" scripts/layout.sh
gate "netlink transport only in lib/" scripts/netlink-once.sh
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
