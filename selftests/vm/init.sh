#!/bin/busybox sh
# shellcheck shell=dash
# Stage-1 init of the test VM: runs as PID 1 from the tiny initramfs that
# run-vm.sh builds (busybox only).  It loads the 9p stack, mounts the host's
# root file system read-only and switch_roots into it, handing over to the
# stage-2 script named by dha.init= on the kernel command line.
#
# Anything printed here is part of the boot log, which the host shows only
# when the VM fails to start the command.

/bin/busybox --install -s /bin

die() {
	echo "dha-vm init: $*"
	echo "DHA_VM_BOOT_FAILED"
	poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 10
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
read -r up _ </proc/uptime
echo "dha-vm: stage 1 at $up s"

# Module list prepared at build time, dependencies first.
while read -r mod; do
	insmod "/modules/$mod.ko" || die "insmod $mod failed"
done </modules/order

ginit=
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case "$arg" in
	dha.init=*) ginit=${arg#dha.init=} ;;
	esac
done
[ -n "$ginit" ] || die "no dha.init= on the kernel command line"

mkdir -p /newroot
# The virtio device is probed when virtio_pci registers; give the 9p
# channel a moment to appear should probing be deferred.
tries=0
until mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose \
	root /newroot 2>/dev/null; do
	tries=$((tries + 1))
	[ "$tries" -lt 50 ] || die "cannot mount the host root over 9p"
	sleep 0.1
done
read -r up _ </proc/uptime
echo "dha-vm: 9p mounted at $up s"
[ -f "/newroot$ginit" ] || die "stage-2 init $ginit not found on the host root"

for d in dev proc sys; do
	mount --move "/$d" "/newroot/$d" || die "cannot move /$d"
done
# shellcheck disable=SC2093 # die only if exec itself fails
exec switch_root /newroot /bin/sh "$ginit"
die "switch_root failed"
