#!/bin/sh
# Generate the uapi header from the YAML spec with the kernel's YNL generator
# (extracted by ksrc.sh). The generator wants the spec inside a kernel tree.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
# The generator runs from the kernel tree: make a relative output absolute.
case $1 in /*) out=$1 ;; *) out=$(pwd)/$1 ;; esac
ksrc=$top/build/ksrc
mkdir -p "$ksrc/Documentation/netlink/specs"
cp "$top/Documentation/netlink/specs/dha.yaml" "$ksrc/Documentation/netlink/specs/dha.yaml"
cd "$ksrc"
python3 tools/net/ynl/ynl-gen-c.py --mode uapi --header \
	--spec Documentation/netlink/specs/dha.yaml -o "$out.tmp"
mv "$out.tmp" "$out"
