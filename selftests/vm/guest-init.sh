#!/bin/sh
# Stage-2 init of the test VM: PID 1 after switch_root into the host's root
# file system (read-only, over 9p).  It makes the writable places tools
# expect, runs the command that run-vm.sh left in its run directory
# (dha.run= on the kernel command line) and reports the exit status on the
# console as a marker line, which the host strips.  Then it powers off.
#
# Markers (each on a line of its own):
#   DHA_VM_START         the command starts; the host shows output from here
#   DHA_VM_EXIT=<rc>     the command's exit status
#   DHA_VM_BOOT_FAILED   setup failed; the host shows the boot log

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LC_ALL=C.UTF-8 TERM=dumb DHA_VM=1
umask 022
read -r up _ </proc/uptime
echo "dha-vm: stage 2 at $up s"

off() {
	busybox poweroff -f 2>/dev/null
	echo o >/proc/sysrq-trigger
	sleep 30
}

die() {
	echo "dha-vm guest-init: $*"
	echo "DHA_VM_BOOT_FAILED"
	off
}

# util-linux mount costs ~70 ms a call under TCG, static busybox ~20 ms
if command -v busybox >/dev/null 2>&1; then
	mnt() { busybox mount "$@"; }
else
	mnt() { mount "$@"; }
fi

# stage 1 moved /dev, /proc and /sys here already
mkdir -p /dev/pts /dev/shm
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mnt -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts 2>/dev/null
mnt -t tmpfs -o mode=1777 tmpfs /dev/shm
for d in /tmp /var/tmp; do
	mnt -t tmpfs -o mode=1777 tmpfs "$d" || die "cannot mount tmpfs on $d"
done
for d in /run /root /var/log /var/lib; do
	mnt -t tmpfs -o mode=0755 tmpfs "$d" || die "cannot mount tmpfs on $d"
done
mkdir -p /run/netns /run/lock /var/lib/misc
mnt -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mnt -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mnt -t bpf bpf /sys/fs/bpf 2>/dev/null
mnt -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null

hostname dha-vm
ip link set lo up

run='' shell='' rows='' cols='' top='' hold=''
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case "$arg" in
	dha.run=*) run=${arg#dha.run=} ;;
	dha.top=*) top=${arg#dha.top=} ;;
	dha.hold=*) hold=${arg#dha.hold=} ;;
	dha.shell=*) shell=${arg#dha.shell=} ;;
	dha.rows=*) rows=${arg#dha.rows=} ;;
	dha.cols=*) cols=${arg#dha.cols=} ;;
	esac
done
# The project tree, its own 9p export: it stays visible when it lives under
# a directory the tmpfs mounts above hide (a CI checkout in /tmp).
if [ -n "$top" ]; then
	mkdir -p "$top" 2>/dev/null
	mnt -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose \
		top "$top" || die "cannot mount the project tree at $top"
fi
if [ -z "$run" ] || [ ! -r "$run/cmd" ] || [ ! -r "$run/env" ]; then
	die "no command in '$run' (dha.run=)"
fi

# tstamp-hold keeps a socket with SO_TIMESTAMP open until power-off, so
# that the kernel never patches the code behind netstamp_needed_key while
# tests run (run-vm.sh, README.md).  It runs in the initial namespaces, in
# a session of its own, outside any test's cleanup.
if [ -n "$hold" ]; then
	setsid "$hold" >/run/tstamp-hold.out 2>&1 </dev/null &
	tries=0
	until grep -q '^tstamp-hold: ready' /run/tstamp-hold.out 2>/dev/null; do
		tries=$((tries + 1))
		if [ "$tries" -gt 100 ]; then
			cat /run/tstamp-hold.out
			die "$hold did not start"
		fi
		sleep 0.05
	done
fi

read -r up _ </proc/uptime
echo "dha-vm: command starts at $up s"
if [ "$shell" = 1 ]; then
	echo "DHA_VM_START"
	# A controlling terminal needs a real tty, not /dev/console.
	exec </dev/ttyS0 >/dev/ttyS0 2>&1
	[ -n "$rows" ] && [ -n "$cols" ] && stty rows "$rows" cols "$cols"
	export TERM="${DHA_TERM:-vt100}"
	echo "dha-vm: $(uname -r); the host root is read-only; exit the shell to power off"
	# shellcheck disable=SC2016 # expanded by the inner shell
	setsid -c sh -c '. "$1/env" && exec bash -i' sh "$run"
	rc=$?
else
	echo "DHA_VM_START"
	sh "$run/cmd" </dev/null
	rc=$?
fi
printf '\nDHA_VM_EXIT=%s\n' "$rc"
off
