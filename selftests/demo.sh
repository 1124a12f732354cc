#!/bin/bash
# make demo: a correspondent node reaches a mobile node away from home
# through the dha home agent, inside the QEMU guest; then a home agent
# failover (selftests/demo-failover.sh).
#
#   cn 2001:db8:3::3 --- ha (home agent) --- ar (access router) --- mn
#                        home link 2001:db8:1::/64      care-of 2001:db8:2::2
#                        local 2001:db8:4::1            home addr 2001:db8:1::100
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dha=$top/tools/dha
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

modprobe -q tunnel6
lsmod | grep -q '^dha ' || insmod "$top/build/$(uname -r)/dha.ko"

for n in cn ha ar mn; do
	ip netns add $n
	ip -n $n link set lo up
	ip netns exec $n sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.forwarding=1
done
link() { # link NS1 IF1 ADDR1 NS2 IF2 ADDR2
	ip link add "$2" netns "$1" type veth peer name "$5" netns "$4"
	ip -n "$1" addr add "$3" dev "$2" nodad
	ip -n "$4" addr add "$6" dev "$5" nodad
	ip -n "$1" link set "$2" up
	ip -n "$4" link set "$5" up
}
link cn cn-ha 2001:db8:3::3/64 ha ha-cn 2001:db8:3::1/64
link ha ha-ar 2001:db8:4::1/64 ar ar-ha 2001:db8:4::2/64
link ar ar-mn 2001:db8:2::1/64 mn mn-ar 2001:db8:2::2/64
ip -n ha link add home0 type dummy
ip -n ha addr add 2001:db8:1::1/64 dev home0 nodad
ip -n ha link set home0 up
ip -n cn route add default via 2001:db8:3::1
ip -n ha route add 2001:db8:2::/64 via 2001:db8:4::2
ip -n ar route add default via 2001:db8:4::1
ip -n mn route add default via 2001:db8:2::1

say "The mobile node: home address on lo, reverse tunnel to its home agent"
ip -n mn addr add 2001:db8:1::100/128 dev lo nodad
ip -n mn link add mip6 type ip6tnl mode ip6ip6 local 2001:db8:2::2 \
	remote 2001:db8:4::1 encaplimit none
ip -n mn link set mip6 up
ip -n mn route add 2001:db8:3::/64 dev mip6 src 2001:db8:1::100
ip -n mn -6 route show

say "The home agent: a dha device and a binding"
ip netns exec ha bash -c "
	$(declare -f run)
	run ip link add dha0 type dha
	run ip link set dha0 up
	run $dha link set dev dha0 local 2001:db8:4::1
	run ip -6 route add 2001:db8:1::100/128 dev dha0
	run $dha binding add 2001:db8:1::100 coa 2001:db8:2::2 dev dha0 lifetime 600
	run $dha binding show
"

say "Capture on the home agent's link toward the mobile node"
cap=$(mktemp)
ip netns exec ha tcpdump -l -n -i ha-ar -c 6 'ip6 and ip6[6] == 41' >"$cap" 2>"$cap.err" &
tcpdump_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$cap.err" && break; sleep 0.1; done

say "The correspondent pings the mobile node's home address"
run ip netns exec cn ping -6 -c 3 -i 0.3 2001:db8:1::100
wait $tcpdump_pid || true

say "On the wire: IPv6-in-IPv6 between home agent and care-of address"
cat "$cap"

say "What the home agent counted"
ip netns exec ha bash -c "
	$(declare -f run)
	run $dha -s binding show
	run $dha stats dev dha0
"
for n in cn ha ar mn; do ip netns del $n; done
rm -f "$cap" "$cap.err"

"$top/selftests/demo-failover.sh"
