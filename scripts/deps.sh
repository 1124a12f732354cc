#!/bin/sh
# Install the Debian 12 packages dha needs to build, test and demo, but only
# those that are missing, so that a prepared machine pays nothing.
set -eu
pkgs="make gcc clang libclang-rt-14-dev pkg-config xz-utils cpio kmod
	python3 python3-yaml sparse
	dpkg-dev debhelper dh-dkms dkms lintian fakeroot systemd
	linux-headers-6.12-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-image-amd64 linux-source-6.12
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev libnl-route-3-dev libjson-c-dev
	libev-dev libinih-dev libsystemd-dev libssl-dev
	iproute2 iputils-ping tcpdump procps tshark"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
	sudo=sudo
else
	sudo=
fi
export DEBIAN_FRONTEND=noninteractive
# wireshark-common (under tshark) asks whether non-root users may capture.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	$sudo debconf-set-selections
$sudo apt-get update -q >/dev/null
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
