#!/bin/sh
# Smoke test of the test VM itself (not of dha): kernel modules load, network
# namespaces, veth, ip6 tunnels, netem, ping -6 and tcpdump work.  Run it in
# the guest:
#
#   selftests/vm/run-vm.sh --kernel 6.1 -- selftests/vm/smoke.sh
#
# Prints one line per check and "N passed, N failed" at the end.

pass=0 fail=0
tmp=$(mktemp -d /tmp/smoke.XXXXXX) || exit 1

t0=$(cut -d' ' -f1 /proc/uptime)
now() {
	awk -v t0="$t0" '{ printf "%.2f", $1 - t0 }' /proc/uptime
}

check() {
	name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $name ($(now) s)"
	else
		fail=$((fail + 1))
		echo "FAIL $name ($(now) s):"
		sed 's/^/	/' "$tmp/out"
	fi
}

echo "kernel $(uname -r), uptime $t0 s"

check "modprobe veth ip6_tunnel sch_netem tunnel6" \
	modprobe -a veth ip6_tunnel sch_netem tunnel6
check "netns add a b" sh -c 'ip netns add a && ip netns add b'
check "veth pair a/va <-> b/vb" sh -c '
	ip link add va netns a type veth peer name vb netns b &&
	ip -n a addr add fd00::1/64 dev va nodad &&
	ip -n b addr add fd00::2/64 dev vb nodad &&
	ip -n a link set va up && ip -n b link set vb up &&
	ip -n a link set lo up && ip -n b link set lo up'
check "ip6tnl in netns a" \
	ip -n a -6 tunnel add t0 mode ip6ip6 local fd00::1 remote fd00::2 encaplimit none
check "netem qdisc on va" \
	ip netns exec a tc qdisc add dev va root netem delay 1ms

# tcpdump must be listening before the traffic starts: wait for its banner.
ip netns exec b tcpdump -i vb -n -l -c 4 -w "$tmp/cap.pcap" \
	'icmp6 and (ip6[40] == 128 or ip6[40] == 129)' \
	>"$tmp/td.out" 2>"$tmp/td.err" &
tdpid=$!
tdwait() {
	i=0
	while ! grep -q 'listening on' "$tmp/td.err"; do
		i=$((i + 1))
		[ $i -lt 100 ] || return 1
		kill -0 "$tdpid" 2>/dev/null || return 1
		sleep 0.1
	done
	echo "tcpdump ready"
}
check "tcpdump starts listening in netns b" tdwait
check "ping -6 a -> b" ip netns exec a ping -6 -c 3 -i 0.2 -W 2 fd00::2
tdend() {
	i=0
	while kill -0 "$tdpid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 50 ]; then
			kill "$tdpid"
			cat "$tmp/td.err"
			return 1
		fi
		sleep 0.1
	done
	wait "$tdpid" && tcpdump -n -r "$tmp/cap.pcap" 2>&1 | head -4
}
check "tcpdump captured 4 echo requests/replies" tdend
sed 's/^/	/' "$tmp/out"
writable() {
	for d in /tmp /var/tmp /root /run; do
		: >"$d/.w" && rm "$d/.w" || return 1
	done
}
check "writable /tmp /var/tmp /root /run" writable
check "netns delete" ip -all netns delete

top=$(cd "$(dirname "$0")/../.." && pwd)
dha=$top/build/$(uname -r)/dha.ko
if [ -f "$dha" ]; then
	deps=$(modinfo -F depends "$dha" | tr ',' ' ')
	# shellcheck disable=SC2086
	[ -z "$deps" ] || check "modprobe dha.ko dependencies: $deps" modprobe -a $deps
	check "insmod $dha" insmod "$dha"
	check "rmmod dha" rmmod dha
else
	echo "skip insmod: $dha not built"
fi

rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
