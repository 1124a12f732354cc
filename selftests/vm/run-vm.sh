#!/bin/bash
# Run a command inside a QEMU guest booting one of Debian's kernel images,
# with the host's root file system mounted read-only over virtio-9p, in the
# directory run-vm.sh was started from.  Exits with the command's status.
#
#   selftests/vm/run-vm.sh [--kernel RELEASE] [--timeout SEC] [--mem MB]
#                          [--smp N] [--shell] [-v] -- COMMAND [ARGS...]
#
# RELEASE is an installed release (6.12.117+deb12-amd64) or a series alias
# (6.12, 6.1); the default is the newest installed 6.12.  The command's
# stdout and stderr both arrive on stdout; boot messages are shown only if
# the guest fails to start the command.  Environment variables named DHA_*
# are passed into the guest.  The guest's /tmp, /run, /root, /var/tmp,
# /var/log and /var/lib are empty tmpfs; everything else is the host's,
# read-only, so a command cannot run from under /tmp or /run of the host.
#
# Exit status: the command's; 124 on timeout; 125 if the VM never started
# the command (boot failure, bad usage); 126 if the guest kernel crashed
# while the command ran: it stopped (a panic), or its console showed an
# oops, a BUG or a panic.  The oops is printed then, on stderr.  There is
# no retry: a crash is a failure.
#
# The guest runs under single-threaded TCG and keeps the receive-timestamp
# static key enabled for its whole life (tstamp-hold.c): multi-threaded TCG
# can crash a guest that patches its kernel code while another vCPU runs
# it (issue 18; README.md).  DHA_VM_MTTCG=1 and DHA_VM_NO_TSTAMP_HOLD=1
# undo each, to reproduce that crash with oops-repro.sh.
#
# If virtme-ng's vng is on PATH and /dev/kvm exists, vng is used instead of
# the own runner (set DHA_NO_VNG=1 to prevent that); without KVM the own
# runner is used, for the single-threaded TCG above.  The own runner caches
# its initramfs in build/vm/initramfs-RELEASE.cpio.gz and rebuilds it when
# its inputs change.

set -u

prog="run-vm"
here=$(cd "$(dirname "$0")" && pwd -P)
top=$(cd "$here/../.." && pwd -P)
vmdir=$top/build/vm

kernel=6.12 timeout=1800 mem=2048 smp=2 shell=0 verbose=0

usage() {
	sed -n '/^#   selftests/,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 125
}

err() {
	echo "$prog: $*" >&2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=${2:?}; shift 2 ;;
	--kernel=*) kernel=${1#*=}; shift ;;
	--timeout) timeout=${2:?}; shift 2 ;;
	--timeout=*) timeout=${1#*=}; shift ;;
	--mem) mem=${2:?}; shift 2 ;;
	--mem=*) mem=${1#*=}; shift ;;
	--smp) smp=${2:?}; shift 2 ;;
	--smp=*) smp=${1#*=}; shift ;;
	--shell) shell=1; shift ;;
	-v|--verbose) verbose=1; shift ;;
	--) shift; break ;;
	-h|--help) usage ;;
	*) err "unknown option '$1'"; usage ;;
	esac
done
if [ $# -eq 0 ] && [ "$shell" = 0 ]; then
	err "no command given"
	usage
fi
case "$timeout$mem$smp" in
*[!0-9]*) err "--timeout, --mem and --smp take plain numbers"; exit 125 ;;
esac

# --- kernel --------------------------------------------------------------

resolve_kernel() {
	local k=$1 img
	if [ -e "/boot/vmlinuz-$k" ]; then
		echo "$k"
		return
	fi
	case "$k" in
	[0-9]*.[0-9]*) ;;
	*) return 1 ;;
	esac
	# A series alias: 6.1 matches 6.1.0-56-amd64 but not 6.12.x.
	img=$(for f in "/boot/vmlinuz-$k".* "/boot/vmlinuz-$k"-*; do
		[ -e "$f" ] && echo "${f#/boot/vmlinuz-}"
	done | sort -V | tail -n 1)
	[ -n "$img" ] || return 1
	echo "$img"
}

if ! release=$(resolve_kernel "$kernel"); then
	err "no installed kernel matches '$kernel'; have:" \
		"$(for f in /boot/vmlinuz-*; do printf '%s ' "${f#/boot/vmlinuz-}"; done)"
	exit 125
fi
kimg=/boot/vmlinuz-$release
moddir=/lib/modules/$release
if [ ! -r "$kimg" ] || [ ! -d "$moddir" ]; then
	err "$kimg or $moddir missing or unreadable"
	exit 125
fi

# --- the command, handed over through a run directory --------------------

# The project tree is mounted again over the guest's tmpfs mounts, so a
# checkout under /tmp works; other directories there are hidden.
cwd=$(pwd -P)
case "$cwd/" in
"$top"/*) ;;
/tmp/*|/run/*|/proc/*|/sys/*|/dev/*|/root/*|/var/tmp/*|/var/log/*|/var/lib/*)
	err "warning: $cwd is hidden by a tmpfs in the guest; using /"
	cwd=/ ;;
esac

# Quote one word for sh: 'it'\''s'.
shq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# --- virtme-ng, where installed -------------------------------------------

if [ -z "${DHA_NO_VNG:-}" ] && [ -e /dev/kvm ] && command -v vng >/dev/null 2>&1; then
	cmdline=
	for a in "$@"; do
		cmdline="$cmdline $(shq "$a")"
	done
	vargs=(--run "$kimg" --user root --cpus "$smp" --memory "${mem}M" --cwd "$cwd")
	if [ "$shell" = 1 ]; then
		exec vng "${vargs[@]}"
	fi
	timeout -k 10 "$timeout" vng "${vargs[@]}" --exec "${cmdline# }" </dev/null
	rc=$?
	[ "$rc" = 124 ] && err "timeout: the VM ran longer than $timeout s and was killed"
	exit "$rc"
fi

# --- initramfs -------------------------------------------------------------

# 9p stack, in the order it is known to load; dependencies from modules.dep
# are put in front, built-in or absent modules are skipped.
mods9p="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
	9pnet 9pnet_virtio netfs fscache 9p"

modpath() {
	# path of module $1 relative to $moddir, from modules.dep; empty if none
	awk -F: -v m="$1" '{
		n = $1; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n)
		gsub(/-/, "_", n)
		if (n == m) { print $1; exit }
	}' "$moddir/modules.dep"
}

moddeps() {
	awk -F: -v p="$1" '$1 == p { print $2; exit }' "$moddir/modules.dep"
}

order=()
add_mod() {
	local p=$1 d
	for d in "${order[@]}"; do
		[ "$d" = "$p" ] && return
	done
	# modules.dep lists all dependencies, nearest first; load the far ones
	# first.  Each is itself added with its own dependencies.
	local deps rev=()
	read -r -a deps <<<"$(moddeps "$p")"
	for d in "${deps[@]}"; do
		rev=("$d" "${rev[@]}")
	done
	for d in "${rev[@]}"; do
		add_mod "$d"
	done
	order+=("$p")
}

for m in $mods9p; do
	p=$(modpath "$m")
	[ -n "$p" ] && add_mod "$p"
done

busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ! "$busybox" --list 2>/dev/null | grep -qx switch_root; then
	err "busybox (busybox-static) is needed to build the initramfs"
	exit 125
fi
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
	[ -x /bin/busybox ] && busybox=/bin/busybox
fi

# --- tstamp-hold, started by guest-init.sh --------------------------------

hold=$vmdir/tstamp-hold
mkdir -p "$vmdir" || exit 125
if [ ! -x "$hold" ] || [ "$here/tstamp-hold.c" -nt "$hold" ]; then
	if ! ${CC:-cc} -O2 -Wall -o "$hold.tmp.$$" "$here/tstamp-hold.c" ||
		! mv -f "$hold.tmp.$$" "$hold"; then
		rm -f "$hold.tmp.$$"
		err "cannot build $hold (a C compiler is needed)"
		exit 125
	fi
fi

initrd=$vmdir/initramfs-$release.cpio.gz
stamp=$(
	{
		echo "$release"
		cat "$0" "$here/init.sh"
		for p in "$busybox" "${order[@]/#/$moddir/}"; do
			stat -L -c '%n %s %Y' "$p"
		done
	} | sha256sum | cut -c1-16
)

build_initrd() {
	local stage m p
	stage=$(mktemp -d "$vmdir/stage.XXXXXX") || return 1
	mkdir -p "$stage"/{bin,dev,proc,sys,modules,newroot}
	cp "$busybox" "$stage/bin/busybox" &&
		cp "$here/init.sh" "$stage/init" &&
		chmod 755 "$stage/init" || return 1
	[ "$(id -u)" = 0 ] && mknod -m 600 "$stage/dev/console" c 5 1
	: >"$stage/modules/order"
	for p in "${order[@]}"; do
		m=${p##*/}
		m=${m%%.ko*}
		case "$p" in
		*.ko.xz) xz -dc "$moddir/$p" >"$stage/modules/$m.ko" ;;
		*.ko.zst) zstd -qdc "$moddir/$p" >"$stage/modules/$m.ko" ;;
		*.ko.gz) gzip -dc "$moddir/$p" >"$stage/modules/$m.ko" ;;
		*) cp "$moddir/$p" "$stage/modules/$m.ko" ;;
		esac || return 1
		echo "$m" >>"$stage/modules/order"
	done
	(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0 | gzip -1) >"$initrd.tmp.$$" &&
		mv -f "$initrd.tmp.$$" "$initrd" &&
		echo "$stamp" >"$initrd.stamp"
	local rc=$?
	rm -rf "$stage" "$initrd.tmp.$$"
	return $rc
}

if [ ! -s "$initrd" ] || [ "$(cat "$initrd.stamp" 2>/dev/null)" != "$stamp" ]; then
	[ "$verbose" = 1 ] && err "building $initrd (${order[*]##*/})"
	if ! build_initrd; then
		err "cannot build $initrd"
		exit 125
	fi
fi

# --- run ---------------------------------------------------------------------

run=$(mktemp -d "$vmdir/run.XXXXXX") || exit 125
chmod 755 "$run"
qpid=''
# shellcheck disable=SC2317 # called from traps
stop() { # on a signal: take QEMU down with us
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	exit "$1"
}
trap 'rm -rf "$run"' EXIT
trap 'stop 129' HUP
trap 'stop 130' INT
trap 'stop 143' TERM

{
	echo "cd -- $(shq "$cwd") || exit 125"
	while IFS= read -r v; do
		echo "export $v=$(shq "${!v}")"
	done < <(compgen -e | grep '^DHA_')
} >"$run/env"
{
	echo ". $(shq "$run/env")"
	printf 'exec'
	for a in "$@"; do
		printf ' %s' "$(shq "$a")"
	done
	echo
} >"$run/cmd"

append="console=ttyS0 panic=-1 mitigations=off tsc=reliable no_timer_check"
append="$append i8042.noaux i8042.nokbd i8042.nopnp 8250.nr_uarts=1"
append="$append dha.init=$here/guest-init.sh dha.run=$run dha.top=$top"
[ -z "${DHA_VM_NO_TSTAMP_HOLD:-}" ] && append="$append dha.hold=$hold"
# One host thread runs all vCPUs, in turns: under multi-threaded TCG a vCPU
# can trap on the int3 that text_poke_bp puts in kernel code another vCPU
# is patching (a static key) after the patching ended, and the kernel dies
# of an int3 oops, which hardware and KVM do not do (issue 18; README.md).
tcg=single
[ -n "${DHA_VM_MTTCG:-}" ] && tcg=multi
# shellcheck disable=SC2054 # commas inside QEMU options
qemu=(qemu-system-x86_64 -machine q35 -accel "tcg,thread=$tcg" -cpu max -smp "$smp" -m "$mem"
	-no-user-config -nodefaults -nographic -no-reboot
	-kernel "$kimg" -initrd "$initrd"
	-fsdev "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap"
	-device "virtio-9p-pci,fsdev=root,mount_tag=root"
	-fsdev "local,id=top,path=$top,security_model=none,readonly=on,multidevs=remap"
	-device "virtio-9p-pci,fsdev=top,mount_tag=top")

if [ "$shell" = 1 ]; then
	rows='' cols=''
	if [ -t 0 ]; then
		read -r rows cols < <(stty size 2>/dev/null)
	fi
	[ -n "$rows" ] && append="$append dha.rows=$rows dha.cols=$cols"
	export DHA_TERM=${TERM:-vt100}
	echo "export TERM=$(shq "$DHA_TERM")" >>"$run/env"
	err "booting $release; exit the shell to power off (Ctrl-A x kills QEMU)"
	"${qemu[@]}" -serial mon:stdio -append "$append quiet loglevel=3 dha.shell=1"
	exit $?
fi

awkopt=()
# mawk reads a pipe in blocks unless told otherwise
awk -W version 2>&1 | grep -q mawk && awkopt=(-W interactive)
t0=$(date +%s%N)
# QEMU writes the serial console to a pipe; awk passes the command's output
# through from the start marker on, strips the markers and the serial
# line's \r, keeps what came before as the boot log, and records the exit
# status and the time the command started.  It also copies every kernel
# oops, BUG or panic it sees, from its first line through the call trace
# to the "---[ end" line, to $run/oops.  Kernel lines carry a timestamp;
# lines starting with "#" are TAP diagnostics quoting dmesg, not the
# kernel's own report.
mkfifo "$run/console" || exit 125
awk "${awkopt[@]}" -v res="$run/result" -v bootlog="$run/boot.log" \
	-v oopsf="$run/oops" '
	BEGIN { started = 0; empty = 0; done = 0; inoops = 0; noops = 0 }
	{ sub(/\r$/, "") }
	$0 !~ /^#/ && $0 ~ /\[ *[0-9]+\.[0-9]+\] (Oops|BUG:|Kernel panic|kernel BUG at|general protection fault|[a-z][a-z0-9 ]*: [0-9a-f][0-9a-f][0-9a-f][0-9a-f] \[#[0-9]+\])/ {
		inoops = 1
	}
	inoops {
		if (noops++ < 400) { print >oopsf; fflush(oopsf) }
		if ($0 ~ /---\[ end /) inoops = 0
	}
	done { next }
	!started {
		# SeaBIOS resets the terminal: keep escape sequences out of the log
		gsub(/\033(\[[0-9;?]*[A-Za-z]|c)/, "")
		print >bootlog
		if ($0 == "DHA_VM_START") {
			started = 1
			"date +%s%N" | getline now; close("date +%s%N")
			printf "start %s\n", now >res; fflush(res)
		}
		if ($0 == "DHA_VM_BOOT_FAILED") {
			print "bootfail" >res; fflush(res)
		}
		next
	}
	/^DHA_VM_EXIT=[0-9]+$/ {
		# the guest writes "\nDHA_VM_EXIT=rc": drop that one empty line
		for (; empty > 1; empty--) print ""
		empty = 0
		sub(/^DHA_VM_EXIT=/, "")
		printf "exit %s\n", $0 >res; fflush(res)
		done = 1
		next
	}
	$0 == "" { empty++; next }
	{
		for (; empty > 0; empty--) print ""
		print; fflush()
	}
	END { for (; empty > 0; empty--) print "" }' <"$run/console" &
apid=$!
# --foreground keeps QEMU in our process group, so that signals to the group
# reach it; the traps above handle signals to this script alone.
timeout --foreground -k 10 "$timeout" "${qemu[@]}" -serial stdio \
	-append "$append quiet loglevel=3" </dev/null >"$run/console" 2>"$run/qemu.err" &
qpid=$!
wait "$qpid"
qrc=$?
# a trapped signal interrupts wait: wait again for the real status
while kill -0 "$qpid" 2>/dev/null; do
	wait "$qpid"
	qrc=$?
done
qpid=''
wait "$apid"
t1=$(date +%s%N)

rc=$(awk '$1 == "exit" { print $2 }' "$run/result" 2>/dev/null)
secs=$(( (t1 - t0) / 1000000 ))
secs="$((secs / 1000)).$(printf '%03d' $((secs % 1000)) | cut -c1-1)"
# show_oops WHAT: prints the kernel's oops, BUG or panic report, if any
show_oops() {
	if [ -s "$run/oops" ]; then
		err "$*; the guest kernel's report:"
		sed 's/^/run-vm: | /' "$run/oops" >&2
		return 0
	fi
	return 1
}
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	err "timeout: the VM ($release) ran longer than $timeout s and was killed"
	show_oops "before that, the guest kernel logged an oops, BUG or panic"
	exit 124
fi
if ! grep -q '^start' "$run/result" 2>/dev/null; then
	err "the VM ($release) failed to start the command (QEMU status $qrc); boot log:"
	cat "$run/boot.log" "$run/qemu.err" >&2 2>/dev/null
	show_oops "the guest kernel crashed while booting"
	exit 125
fi
if [ -z "$rc" ]; then
	err "the VM ($release) stopped before the command finished (QEMU status $qrc):" \
		"a kernel crash"
	cat "$run/qemu.err" >&2 2>/dev/null
	ts=$(awk '$1 == "start" { print $2 }' "$run/result")
	ms=$(( (t1 - ts) / 1000000 ))
	show_oops "the VM ($release) crashed $((ms / 1000)) s after the command started" ||
		err "no oops, BUG or panic on its console; its last lines are above"
	exit 126
fi
if show_oops "the VM ($release) logged a kernel oops, BUG or panic while the" \
	"command ran (it exited $rc)"; then
	exit 126
fi
if [ "$verbose" = 1 ]; then
	sed 's/^/run-vm: boot: /' "$run/boot.log" >&2
	ts=$(awk '$1 == "start" { print $2 }' "$run/result")
	ms=$(( (ts - t0) / 1000000 ))
	err "$release: command started after $((ms / 1000)).$((ms % 1000 / 100)) s," \
		"exited $rc; VM ran $secs s"
fi
exit "$rc"
