#!/bin/bash
# Reproducer of the test guest's own crash (issue 18), not a test of dha:
# runs INSIDE the test VM, without dha.ko:
#
#   flock /tmp/qemu.lock selftests/vm/run-vm.sh --kernel 6.12 --timeout 900 \
#       -- selftests/vm/oops-repro.sh [SECONDS]        (or: make vm-repro)
#
# For SECONDS (default 600) it runs, each in a loop of its own:
#   - short pings (ping -c 1) over a veth pair between two namespaces;
#   - short pings over an ip6ip6 tunnel (ip6tnl) riding on that pair;
#   - a steady ping over the veth pair with -U, which opens no SO_TIMESTAMP
#     socket, so that a CPU is in the receive path at any moment.
# Every ping that opens the first socket asking for receive timestamps, or
# closes the last, flips the static key netstamp_needed_key, which
# netif_rx_internal tests: the kernel patches its code (text_poke_bp) while
# the other vCPU may be running it.  Multi-threaded TCG does not order that
# the way hardware does, and a guest can die of an int3 oops in
# netif_rx_internal.  selftests/vm/README.md says what the runner does
# about it.
#
# Prints the progress every 30 s and, if the guest lived, the totals and
# "1 passed, 0 failed".  A crash shows as the runner's exit status 126 and
# the oops it prints.

set -u

dur=${1:-600}
case "$dur" in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac
if [ -z "${DHA_VM:-}" ] && [ -z "${DHA_FORCE_HOST:-}" ]; then
	echo "oops-repro: not inside the test VM; use" >&2
	echo "  selftests/vm/run-vm.sh -- selftests/vm/oops-repro.sh $dur" >&2
	exit 2
fi

tmp=$(mktemp -d /tmp/oops-repro.XXXXXX) || exit 1
pids=()
# shellcheck disable=SC2317 # called from the trap
finish() {
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
	[ -n "${steady:-}" ] && kill "$steady" 2>/dev/null
	wait 2>/dev/null
	ip netns del ra 2>/dev/null
	ip netns del rb 2>/dev/null
	rm -rf "$tmp"
}
trap finish EXIT

modprobe -a veth ip6_tunnel tunnel6 || exit 1
set -e
ip netns add ra
ip netns add rb
ip link add va netns ra type veth peer name vb netns rb
ip -n ra link set lo up
ip -n rb link set lo up
ip -n ra addr add fd00::1/64 dev va nodad
ip -n rb addr add fd00::2/64 dev vb nodad
ip -n ra link set va up
ip -n rb link set vb up
ip -n ra -6 tunnel add t0 mode ip6ip6 local fd00::1 remote fd00::2 encaplimit none
ip -n rb -6 tunnel add t0 mode ip6ip6 local fd00::2 remote fd00::1 encaplimit none
ip -n ra addr add fd01::1/64 dev t0 nodad
ip -n rb addr add fd01::2/64 dev t0 nodad
ip -n ra link set t0 up
ip -n rb link set t0 up
set +e

for dst in fd00::2 fd01::2; do
	if ! ip netns exec ra ping -6 -c 1 -W 5 -q "$dst" >/dev/null; then
		echo "oops-repro: no reply from $dst: the setup is broken"
		exit 1
	fi
done

t0=$(cut -d. -f1 /proc/uptime)
end=$((t0 + dur))
echo "oops-repro: $(uname -r), $(nproc) CPUs, $dur s of short pings over veth and ip6tnl"

# loop NAME DST: short pings to DST from namespace ra until the end; counts
# them in $tmp/NAME, one line each
loop() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	ip netns exec ra bash -c '
		end=$1 dst=$2 cnt=$3
		while :; do
			read -r now _ </proc/uptime
			[ "${now%.*}" -lt "$end" ] || exit 0
			ping -6 -c 1 -W 1 -q "$dst" >/dev/null 2>&1
			echo >>"$cnt"
		done' loop "$end" "$2" "$tmp/$1" &
	pids+=($!)
}
: >"$tmp/veth"
: >"$tmp/tnl"
loop veth fd00::2
loop tnl fd01::2
ip netns exec ra ping -6 -U -q -i 0.005 -w "$dur" fd00::2 >"$tmp/steady" 2>&1 &
steady=$!

count() {
	wc -l <"$tmp/$1"
}
next=$((t0 + 30))
while :; do
	read -r now _ </proc/uptime
	now=${now%.*}
	[ "$now" -lt "$end" ] || break
	if [ "$now" -ge "$next" ]; then
		echo "oops-repro: $((now - t0)) s: $(count veth) pings over veth, $(count tnl) over ip6tnl"
		next=$((next + 30))
	fi
	sleep 1
done
kill -INT "$steady" 2>/dev/null # it prints its statistics then
kill "${pids[@]}" 2>/dev/null
wait 2>/dev/null
pids=()
echo "oops-repro: $dur s done: $(count veth) short pings over veth, $(count tnl) over ip6tnl," \
	"steady ping: $(grep -Eo '[0-9]+ packets transmitted' "$tmp/steady" || echo '?')"
steady=
echo "1 passed, 0 failed"
