#!/bin/sh
# Extract the few files dha needs from Debian's linux-source tarball into
# build/ksrc: the YNL generator (uapi header), kselftest_harness.h and
# checkpatch.pl. Nothing from the kernel tree is committed to dha.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=${KSRC_TARBALL:-$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1)}
dest=$top/build/ksrc
stamp=$dest/.extracted
[ -n "$tarball" ] || { echo "ksrc.sh: linux-source-6.12 is not installed" >&2; exit 1; }
[ -f "$stamp" ] && [ "$stamp" -nt "$tarball" ] && exit 0
rm -rf "$dest"
mkdir -p "$dest"
root=$(basename "$tarball" | sed 's/\.tar\..*//')
tar -xf "$tarball" -C "$dest" --strip-components=1 \
	"$root/tools/net/ynl" \
	"$root/Documentation/netlink/genetlink.yaml" \
	"$root/Documentation/netlink/genetlink-c.yaml" \
	"$root/Documentation/netlink/genetlink-legacy.yaml" \
	"$root/tools/testing/selftests/kselftest_harness.h" \
	"$root/tools/testing/selftests/kselftest.h" \
	"$root/scripts/checkpatch.pl" \
	"$root/scripts/spelling.txt" \
	"$root/scripts/const_structs.checkpatch"
# The YNL generator finds the tree root by its MAINTAINERS file.
: > "$dest/MAINTAINERS"
touch "$stamp"
