#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The mobile node emulator against its fake home agent, checked on the
# wire between the access router and the HA:
#   - the BU leaves the CoA for the HA with a Home Address option = HoA,
#     MH type 5, and the HA's kernel takes it (the fake HA leaves the MH
#     checksum to the kernel, which drops a wrong one), seeing the HoA as
#     source and the CoA in the option;
#   - unanswered BUs are retransmitted with the same sequence number after
#     1 s, then 2 s (RFC 6275 11.8);
#   - the BA goes to the CoA with a type 2 routing header = HoA and the
#     emulator accepts it; a refused status, a timeout, a mobile router
#     with a prefix, a deregistration, a deregistration from home and the
#     emulator's end of the tunnel.
# No dha module or daemon is involved.
#
#   mn ── ar ── ha        (addresses of scenario.sh's topo_basic)

. "$(dirname "$0")/../lib/scenario.sh"

MNEMU=${MNEMU:-$DHA_TOP/build/selftests/helpers/mnemu}

require_cmd ip tcpdump
[ "$(id -u)" = 0 ] || skip "needs root"
[ -x "$MNEMU" ] || fail "mnemu not built ($MNEMU): make -C selftests/mnemu"

ns_add mn 0
ns_add ar 1
ns_add ha 0
veth ar a_ha ha h_ar
veth ar a_mn mn m_ar
addr ha h_ar $HA_LOCAL/64
route ha default via $AR_HA
addr ar a_ha $AR_HA/64
addr ar a_mn $AR_MN/64
route ar $HOA/128 via $COA
addr mn m_ar $COA/64
route mn default via $AR_MN

# The HA side: a Home Address option is only accepted through an xfrm
# state of proto hao (wildrecv: it matches any address pair), and a packet
# that used one only reaches a socket through a policy whose template
# names it.
nip ha xfrm state add src :: dst :: proto hao mode ro coa :: flag wildrecv 2>"$SCN_TMP/xfrm.err" ||
	{ grep -qi "not supported" "$SCN_TMP/xfrm.err" && skip "no MIPv6 xfrm types (CONFIG_IPV6_MIP6)"
	  fail "ip xfrm state add proto hao: $(cat "$SCN_TMP/xfrm.err")"; }
nip ha xfrm policy add dir in src ::/0 dst ::/0 proto 135 \
	tmpl proto hao mode ro level use || fail "HA xfrm policy"
# The MN side: a type 2 routing header is processed only for an address
# flagged "home", through an xfrm state of proto route2 and a policy for it.
nip mn -6 addr add $HOA/128 dev lo home nodad || fail "home address on lo"
nip mn xfrm state add src :: dst :: proto route2 mode ro coa :: flag wildrecv ||
	fail "MN xfrm state route2"
nip mn xfrm policy add dir in src ::/0 dst ::/0 proto 135 \
	tmpl proto route2 mode ro level use || fail "MN xfrm policy"

MN_ARGS=(--hoa "$HOA" --coa "$COA" --ha "$HA_LOCAL")

# fake_ha ID ARGS...: the fake HA in the background, output in $SCN_TMP/ID.out
fake_ha() {
	local id=$1
	shift
	bg_ns ha "$MNEMU" fake-ha --ha $HA_LOCAL "$@" >"$SCN_TMP/$id.out" 2>&1
	FAKE_HA=$BG_PID
	# the raw socket exists once the process shows it
	wait_until 10 grep -q ':0087 ' "/proc/$FAKE_HA/net/raw6" ||
		fail "fake-ha did not open its socket: $(cat "$SCN_TMP/$id.out")"
}

# register ID EXPECTED_RC ARGS...: run the emulator, keep its output
register() {
	local id=$1 want=$2 rc
	shift 2
	in_ns mn "$MNEMU" register "${MN_ARGS[@]}" "$@" >"$SCN_TMP/$id.out" 2>&1
	rc=$?
	[ "$rc" = "$want" ] ||
		fail "register $*: exit $rc, expected $want: $(cat "$SCN_TMP/$id.out")"
	cat "$SCN_TMP/$id.out"
}

# wire [FILTER...]: the capture with -vv, which shows the Home Address
# option and the routing header (one packet a line, from "src > dst").
wire() { tcpdump -n -t -vv -r "$SCN_TMP/wire.pcap" "$@" 2>/dev/null | sed -n 's/^.*) \([0-9a-f:]* > \)/\1/p'; }
wire_has() { local p=$1; shift; wire "$@" | grep -Eq -- "$p"; }

want() { grep -Eq -- "$2" "$SCN_TMP/$1.out" || fail "$1: no /$2/ in: $(cat "$SCN_TMP/$1.out")"; }

cap_start wire ar a_ha ip6 and not icmp6

# 1. Two BUs unanswered, the third accepted: same sequence number, 1 s
#    then 2 s apart.
fake_ha ha1 --drop 2 --count 1 --timeout 30
register reg1 0 --seq 100 --lifetime 600 --timeout 20 --json
want reg1 '"status":0,.*"seq":100,.*"lifetime":600.*"tries":3'
wait "$FAKE_HA" || fail "fake-ha: $(cat "$SCN_TMP/ha1.out")"
[ "$(grep -c 'seq 100 flags AH lifetime 600 -> dropped' "$SCN_TMP/ha1.out")" = 2 ] ||
	fail "fake-ha did not drop two BUs: $(cat "$SCN_TMP/ha1.out")"
# the HA's kernel swapped the addresses: HoA as source, CoA in the option
want ha1 "^BU from $(re $HOA) coa $(re $COA) to $(re $HA_LOCAL) seq 100 flags AH lifetime 600 -> BA status 0 lifetime 600"

bu_re="^$(re $COA) > $(re $HA_LOCAL): DSTOPT .*homeaddr: $(re $HOA)\).* mobility: BU seq#=100 AH lifetime=600"
ba_re="^$(re $HA_LOCAL) > $(re $COA): RT6 \(len=2, type=2, segleft=1, .*\[0\]$(re $HOA)\) mobility: BA status=0 seq#=100 lifetime=600"
cap_wait wire 4 10 || fail "expected 3 BUs and a BA: $(cap_text wire)"
n=$(wire | grep -Ec "$bu_re")
[ "$n" = 3 ] || fail "$n BUs like /$bu_re/ on the wire, expected 3:"$'\n'"$(wire)"
wire_has "$ba_re" || fail "no BA like /$ba_re/:"$'\n'"$(wire)"

# the BU gaps: about 1 s then about 2 s (the guest's clock is slow and
# uneven: compare the ratio)
mapfile -t ts < <(tcpdump -n -tt -r "$SCN_TMP/wire.pcap" 'ip6[6] == 60' 2>/dev/null | cut -d' ' -f1)
[ "${#ts[@]}" -ge 3 ] || fail "BU times: ${ts[*]}"
gaps=$(awk -v a="${ts[0]}" -v b="${ts[1]}" -v c="${ts[2]}" \
	'BEGIN { g1 = b - a; g2 = c - b; printf "%.3f %.3f %d", g1, g2, (g1 >= 0.8 && g2 >= 1.5 * g1 && g2 <= 3 * g1) }')
log "BU retransmission gaps (s): ${gaps% *}"
[ "${gaps##* }" = 1 ] || fail "retransmissions not 1 s then 2 s apart: ${gaps% *}"

# 2. A refused registration: exit 2, or 0 when that status is expected.
fake_ha ha2 --status 129 --count 2 --timeout 30
register reg2 2 --seq 200
want reg2 "status 129 administratively-prohibited seq 200 lifetime 0"
register reg2b 0 --seq 201 --expect-status 129
wait "$FAKE_HA" || fail "fake-ha: $(cat "$SCN_TMP/ha2.out")"

# 3. No answer: exit 3 after --timeout, BUs at 0, 1 and 3 s.
c0=$(cap_count wire 'ip6[6] == 60')
register reg3 3 --seq 300 --timeout 4
want reg3 "no Binding Ack from $(re $HA_LOCAL) after 3 BUs"
cap_wait wire $((c0 + 3)) 5 'ip6[6] == 60' || fail "3 BUs expected: $(cap_text wire)"

# 4. A mobile router in explicit mode, with a Binding Refresh Advice.
fake_ha ha4 --count 1 --timeout 30 --max-lifetime 300 --refresh 200
register reg4 0 --seq 400 --mr --mnp 2001:db8:10::/48 --mnp 2001:db8:11::/64
want reg4 "status 0 accepted seq 400 lifetime 300 flags R refresh 200 mnp 2001:db8:10::/48 mnp 2001:db8:11::/64"
want ha4 "seq 400 flags AHR lifetime 600 mnp 2001:db8:10::/48 mnp 2001:db8:11::/64 -> BA status 0 lifetime 300"
wait "$FAKE_HA" || fail "fake-ha: $(cat "$SCN_TMP/ha4.out")"

# 5. Registration with the tunnel, then deregistration (lifetime 0) that
#    removes it.
fake_ha ha5 --count 2 --timeout 30
register reg5 0 --seq 500 --tunnel mip6
nip mn -d link show mip6 >"$SCN_TMP/tun.txt" || fail "no tunnel mip6"
grep -q "ip6tnl ip6ip6 remote $HA_LOCAL local $COA .*encaplimit none" "$SCN_TMP/tun.txt" ||
	fail "tunnel mip6 not CoA->HA without encapsulation limit: $(cat "$SCN_TMP/tun.txt")"
nip mn -6 addr show dev mip6 | grep_q "$HOA/128" || fail "HoA not on mip6"
register reg6 0 --seq 501 --dereg --tunnel mip6
want reg6 "status 0 accepted seq 501 lifetime 0"
nip mn link show mip6 >/dev/null 2>&1 && fail "tunnel mip6 left after deregistration"
wait "$FAKE_HA" || fail "fake-ha: $(cat "$SCN_TMP/ha5.out")"
cap_wait wire 1 5 "ip6[6] == 60" || true
cap_has wire "mobility: BU seq#=501 AH lifetime=0" || fail "no deregistration BU: $(cap_text wire)"

# 6. Back at home: deregistration with CoA = HoA (source HoA, HAO = HoA),
#    the BA to the HoA with RH2 = HoA.
fake_ha ha7 --count 1 --timeout 30
MN_ARGS=(--hoa "$HOA" --coa "$HOA" --ha "$HA_LOCAL")
register reg7 0 --seq 700 --dereg
want ha7 "^BU from $(re $HOA) coa $(re $HOA) to $(re $HA_LOCAL) seq 700 flags AH lifetime 0 -> BA status 0"
wait "$FAKE_HA" || fail "fake-ha: $(cat "$SCN_TMP/ha7.out")"
cap_wait wire 1 5 "ip6 dst $HOA" || fail "no BA to the HoA: $(cap_text wire)"
wire_has "^$(re $HOA) > $(re $HA_LOCAL): DSTOPT .*homeaddr: $(re $HOA)\).* mobility: BU seq#=700 AH lifetime=0" ||
	fail "no BU from home: $(wire)"
wire_has "^$(re $HA_LOCAL) > $(re $HOA): RT6 \(.*type=2, segleft=1, .*\[0\]$(re $HOA)\) mobility: BA status=0 seq#=700" ||
	fail "no BA to home: $(wire)"
cap_stop wire
pass
