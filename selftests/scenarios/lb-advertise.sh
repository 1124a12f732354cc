#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Load balancing (draft-deng-mip6-ha-loadbalance, items 1-3 of
# Documentation/load-balancing.md): three home agents on one home link,
# each with [load-balance].
#   - their Router Advertisements carry the L flag and the Load Balance
#     Information option (ND option 253), every min-ra-interval to three
#     times that;
#   - each one's `dha -j lb show` lists the two others with fresh figures,
#     all LIGHT while idle, and its own figures;
#   - a DHAAD Reply orders by preference while all are LIGHT (HA1 30, HA2
#     20, HA3 10);
#   - traffic tunnelled to a mobile node registered at HA1 makes HA1 busy
#     (its Queue Size past light), the others see it with one registered
#     mobile node, and the DHAAD Reply then puts the LIGHT HA2 and HA3
#     first, HA1 last;
#   - HA1, busy, hands the mobile node to HA2 or HA3 (draft section 8):
#     an unsolicited DHAAD Reply to its care-of address naming only that
#     one, and (reassign = both) a Home Agent Switch; its Handoff Table
#     holds the choice, the mobile node is handed once within
#     handoff-hold, and a Binding Update it still sends to HA1 gets the
#     same home agent again (section 9);
#   - the mobile node (mnemu dhaad --unsolicited) takes the reply naming
#     the new home agent and registers there (status 0): HA1, hearing the
#     new home agent's duplicate address detection probe for a home
#     address it handed off, lets the binding go, so that the new home
#     agent's second probe finds the address free (item 6); HA1 then holds
#     no binding for it, and a correspondent's ping reaches the mobile
#     node through the new home agent;
#   - with the traffic gone HA1 is LIGHT again and first again.
#
#   mn ── ar ── ha1 ══ sw ══ ha2           sw: the home link, a bridge
#                      ╠═ ha3               with ports to the three home
#                      ╚═ host              agents and host

. "$(dirname "$0")/../lib/scenario.sh"

require_dha
require_cmd ip tcpdump ping
require_dhad

HA2=2001:db8:1::2
HA3=2001:db8:1::3
HOST=2001:db8:1::50
PREFIX=2001:db8:1::/64
MIN_RA=300

ns_add ha1 1
ns_add ha2 1
ns_add ha3 1
ns_add host 0
ns_add ar 1
ns_add mn 0
ns_add sw 0
veth ha1 h_ar ar a_ha
veth ar a_mn mn m_ar
nip sw link add br0 type bridge mcast_snooping 0 || skip "bridges not available"
veth sw p1 ha1 home0
veth sw p2 ha2 home0
veth sw p3 ha3 home0
veth sw p4 host eth0
for p in p1 p2 p3 p4; do nip sw link set $p master br0 || fail "$p into br0"; done
nip sw link set br0 up
addr ha1 home0 $HA_HOME/64
addr ha1 h_ar $HA_LOCAL/64
route ha1 2001:db8:2::/64 via $AR_HA
addr ha2 home0 $HA2/64
addr ha3 home0 $HA3/64
route ha2 2001:db8:2::/64 via $HA_HOME
route ha3 2001:db8:2::/64 via $HA_HOME
addr host eth0 $HOST/64
addr ar a_ha $AR_HA/64
addr ar a_mn $AR_MN/64
route ar default via $HA_LOCAL
addr mn m_ar $COA/64
route mn default via $AR_MN
mn_home_setup $HOA

# write_conf NS HOME-LINK ADDRESS PREFERENCE: a home agent with
# [load-balance]; a capacity of 100 kbit/s, so that a ping flood is
# plainly busy.
write_conf() {
	local reassign=dhaad
	[ "$1" = ha1 ] && reassign=both
	cat >"$SCN_TMP/$1.conf" <<-EOC
	[home-agent]
	home-link = $2
	prefix = $PREFIX
	address = $3
	device = dha0
	preference = $4
	[router-advertisement]
	send = yes
	[load-balance]
	light = 50
	min-ra-interval = $MIN_RA
	capacity = 100
	handoff-hold = 60
	reassign = $reassign
	[daemon]
	log-level = debug
	EOC
}
write_conf ha1 home0 $HA_LOCAL 30
write_conf ha2 home0 $HA2 20
write_conf ha3 home0 $HA3 10

# lb NS: "ADDRESS QUEUE-SIZE REGISTERED-MNS LIGHT" a line for each other
# home agent of `dha -j lb show` in NS, then "self QUEUE MNS LIGHT".
lb() {
	in_ns "$1" "$DHA" -S "$SCN_TMP/run/$1.sock" -j lb show | "$PYTHON" -c '
import json, sys
r = json.load(sys.stdin)
for a in r["home-agents"]:
    print(a["address"], a["queue-size"], a["registered-mns"], a["light"])
s = r["self"]
print("self", s["queue-size"], s["registered-mns"], s["light"])'
}
# others_light NS N: NS lists N others, each with fresh figures, LIGHT.
others_light() {
	[ "$(lb "$1" | grep -v '^self' | grep -c ' True$')" = "$2" ]
}
# busy_seen NS: NS sees HA1 busy with one mobile node.
busy_seen() { lb "$1" | grep_q "^$HA_LOCAL [0-9]* 1 False$"; }
self_busy() { lb ha1 | grep_q '^self [0-9]* 1 False$'; }
self_light() { lb ha1 | grep_q '^self [0-9]* [01] True$'; }
light_again() { lb "$1" | grep_q "^$HA_LOCAL [0-9]* [01] True$"; }

# handoffs: "HOA NEW-HA" a line for each entry of HA1's Handoff Table,
# then "reassigned N notices N".
handoffs() {
	in_ns ha1 "$DHA" -S "$SCN_TMP/run/ha1.sock" -j lb show | "$PYTHON" -c '
import json, sys
r = json.load(sys.stdin)
for h in r["handoffs"]:
    print(h["home-address"], h["new-home-agent"])
print("reassigned", r["reassigned"], "notices", r["notices"])'
}
handed() { handoffs | grep_q "^$HOA "; }

# dhaad ID EXPECTED...: the Reply (from HA1: the prefix is routed to it)
# lists exactly these, in this order.
dhaad() {
	local id=$1 a args=()
	shift
	for a in "$@"; do args+=(--expect "$a"); done
	in_ns mn "$MNEMU" dhaad --coa $COA --prefix $PREFIX "${args[@]}" \
		>"$SCN_TMP/$id.out" 2>&1 ||
		fail "$id: DHAAD Reply not $*: $(cat "$SCN_TMP/$id.out")"$'\n'"$(lb ha1)"
	log "$id: $(cat "$SCN_TMP/$id.out")"
}

cap_start ra ha1 home0 icmp6
dhad_start ha1 "$SCN_TMP/ha1.conf" "$SCN_TMP/run/ha1.sock" "$SCN_TMP/ha1.log"
dhad_start ha2 "$SCN_TMP/ha2.conf" "$SCN_TMP/run/ha2.sock" "$SCN_TMP/ha2.log"
dhad_start ha3 "$SCN_TMP/ha3.conf" "$SCN_TMP/run/ha3.sock" "$SCN_TMP/ha3.log"

# --- 1. everyone lists the others with their figures, LIGHT ---
for ns in ha1 ha2 ha3; do
	wait_until 20 others_light $ns 2 ||
		fail "$ns does not list two LIGHT home agents: $(lb $ns)"$'\n'"$(cat "$SCN_TMP/$ns.log")"
	log "$ns: $(lb $ns | tr '\n' ';')"
done
out=$(in_ns ha2 "$DHA" -S "$SCN_TMP/run/ha2.sock" lb show)
grep -q "^ha $HA_LOCAL via fe80::.* queue-size [0-9]* registered-mns 0 light age" <<<"$out" ||
	fail "dha lb show in ha2: $out"

# --- 2. on the wire: L (0x10 beside H 0x20) and option 253, paced ---
cap_stop ra
"$PYTHON" - "$SCN_TMP/ra.pcap" "$MIN_RA" <<-'EOF' || fail "the advertisements: see above"
import struct, sys
data = open(sys.argv[1], "rb").read()
min_ms = int(sys.argv[2])
endian = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
linktype = struct.unpack(endian + "I", data[20:24])[0]
off, seen = 24, {}
while off + 16 <= len(data):
    ts, tus, caplen, _ = struct.unpack(endian + "IIII", data[off:off + 16])
    pkt = data[off + 16:off + 16 + caplen]
    off += 16 + caplen
    ip = pkt[14:] if linktype == 1 else pkt
    if len(ip) < 56 or ip[0] >> 4 != 6 or ip[6] != 58 or ip[40] != 134:
        continue
    src = ip[8:24].hex()
    flags, opts = ip[45], ip[56:]
    lbi = None
    while len(opts) >= 8 and opts[1]:
        if opts[0] == 253 and opts[1] == 1:
            lbi = struct.unpack(">HH", opts[4:8])
        opts = opts[opts[1] * 8:]
    seen.setdefault(src, []).append((ts + tus / 1e6, flags, lbi))
if len(seen) != 3:
    sys.exit(print(f"RAs from {len(seen)} home agents, expected 3"))
for src, ras in seen.items():
    bad = [r for r in ras if not (r[1] & 0x20 and r[1] & 0x10 and r[2])]
    if bad:
        sys.exit(print(f"{src}: RA without H, L or option 253: {bad[0]}"))
    gaps = [b[0] - a[0] for a, b in zip(ras, ras[1:])]
    # [min, 3 x min]; a solicited one may come earlier, none later.
    if len(ras) < 4 or max(gaps) > 3 * min_ms / 1000 + 0.3:
        sys.exit(print(f"{src}: {len(ras)} RAs, gaps {gaps}"))
    print(f"{src}: {len(ras)} RAs, gaps {min(gaps):.2f}..{max(gaps):.2f} s, last option {ras[-1][2]}")
EOF

# --- 3. all LIGHT: by preference ---
dhaad dhaad1 $HA_LOCAL $HA2 $HA3

# --- 4. traffic to a mobile node at HA1: HA1 busy, last ---
# What HA1 sends the mobile node itself (not what it tunnels to it).
cap_start mn mn m_ar ip6 src $HA_LOCAL and not ip6 proto 41
mn_register reg 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 1 --tunnel mip6
# The mobile node of the draft: it follows a reply naming another one.
bg_ns mn "$MNEMU" dhaad --unsolicited --coa $COA --ha $HA_LOCAL --timeout 90 \
	>"$SCN_TMP/follow.out" 2>"$SCN_TMP/follow.err"
FOLLOW_PID=$BG_PID
wait_until 10 grep -q listening "$SCN_TMP/follow.err" ||
	fail "mnemu dhaad --unsolicited: $(cat "$SCN_TMP/follow.err")"
bg_ns host ping -q -i 0.01 -s 1200 -c 4000 $HOA
PING_PID=$BG_PID
wait_until 20 self_busy || fail "HA1 not busy: $(lb ha1)"$'\n'"$(dha_in ha1 -s link show)"
log "ha1: $(lb ha1 | tr '\n' ';')"
for ns in ha2 ha3; do
	wait_until 10 busy_seen $ns || fail "$ns does not see HA1 busy: $(lb $ns)"
done
dhaad dhaad2 $HA2 $HA3 $HA_LOCAL

# --- 5. HA1 hands the mobile node to a LIGHT one, once ---
wait_until 10 handed || fail "HA1 handed nobody: $(handoffs)"$'\n'"$(tail -n 30 "$SCN_TMP/ha1.log")"
read -r _ NEW_HA <<<"$(handoffs | grep "^$HOA ")"
[ "$NEW_HA" = $HA2 ] || [ "$NEW_HA" = $HA3 ] || fail "handed to $NEW_HA"
grep -q "load-balance: $HOA handed to $NEW_HA (busy, to a LIGHT home agent)" "$SCN_TMP/ha1.log" ||
	fail "HA1 did not log the hand-off: $(tail -n 30 "$SCN_TMP/ha1.log")"
# A Binding Update here within the hold: told the same one again.
mn_register reg2 0 --hoa $HOA --coa $COA --ha $HA_LOCAL --seq 2
_told_twice() { handoffs | grep_q "^reassigned 1 notices [2-9]"; }
wait_until 5 _told_twice || fail "no second notice: $(handoffs)"
[ "$(handoffs | grep -c "^$HOA $NEW_HA$")" = 1 ] || fail "the table changed: $(handoffs)"
_replies() { [ "$(reassign_replies)" -ge 2 ]; }
reassign_replies() {
	"$PYTHON" - "$SCN_TMP/mn.pcap" "$HA_LOCAL" "$COA" "$NEW_HA" <<-'EOF'
	import ipaddress, struct, sys
	data = open(sys.argv[1], "rb").read()
	src, dst, new = (ipaddress.ip_address(a).packed for a in sys.argv[2:5])
	e = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
	off, n, switch = 24, 0, 0
	while off + 16 <= len(data):
	    caplen = struct.unpack(e + "I", data[off + 8:off + 12])[0]
	    ip = data[off + 16 + 14:off + 16 + caplen]
	    off += 16 + caplen
	    if len(ip) < 48 or ip[8:24] != src or ip[24:40] != dst:
	        continue
	    # The unsolicited ones name one home agent; answers to requests all.
	    if ip[6] == 58 and ip[40] == 145 and len(ip) == 64:
	        if ip[48:] != new:
	            sys.exit(print("a DHAAD Reply naming", ip[48:].hex()))
	        n += 1
	    nh, at = ip[6], 40
	    if nh == 43 and len(ip) >= 48:
	        nh, at = ip[40], 40 + (ip[41] + 1) * 8
	    if nh == 135 and len(ip) > at + 2 and ip[at + 2] == 12:
	        switch += 1
	print(n if switch else 0)
	EOF
}
wait_until 5 _replies || fail "unsolicited DHAAD Replies and a Home Agent Switch: $(reassign_replies)"$'\n'"$(cap_text mn | tail -n 20)"
cap_stop mn
log "handed to $NEW_HA: $(handoffs | tr '\n' ';') $(reassign_replies) unsolicited DHAAD Replies"

# --- 6. the mobile node takes the reply naming the new one ---
wait "$FOLLOW_PID"
rc=$?
[ "$rc" = 0 ] || fail "mnemu dhaad --unsolicited exited $rc: $(cat "$SCN_TMP/follow.out" "$SCN_TMP/follow.err")"
grep -q "^switch to $NEW_HA$" "$SCN_TMP/follow.out" ||
	fail "the mobile node was not sent to $NEW_HA: $(cat "$SCN_TMP/follow.out")"
log "the mobile node: $(tr '\n' ';' <"$SCN_TMP/follow.out")"
kill "$PING_PID" 2>/dev/null
wait "$PING_PID" 2>/dev/null

# --- 6b. it registers there; HA1 lets go (item 6) ---
NEW_NS=ha2
[ "$NEW_HA" = $HA3 ] && NEW_NS=ha3
nip mn link del mip6 || fail "the tunnel to HA1"
mn_register reg3 0 --hoa $HOA --coa $COA --ha "$NEW_HA" --seq 3 --tunnel mip6 \
	--expect-status 0
grep -q "load-balance: $HOA probed on the home link; letting it go to $NEW_HA" "$SCN_TMP/ha1.log" ||
	fail "HA1 did not let $HOA go: $(tail -n 20 "$SCN_TMP/ha1.log")"
! dha_in ha1 binding show dev dha0 | grep_q "$HOA" ||
	fail "HA1 still holds $HOA: $(dha_in ha1 binding show dev dha0)"
dha_in $NEW_NS binding show dev dha0 | grep_q "$HOA" ||
	fail "$NEW_HA holds no binding for $HOA: $(dha_in $NEW_NS binding show dev dha0)"
tx0=$(binding_stat $NEW_NS dha0 $HOA tx_packets)
in_ns host ping -n -c 3 -W 2 -i 0.2 $HOA >/dev/null ||
	fail "host cannot reach $HOA through $NEW_HA"
ge "$(binding_stat $NEW_NS dha0 $HOA tx_packets)" $((tx0 + 3))
log "registered at $NEW_HA: $(dha_in $NEW_NS binding show dev dha0 | tr '\n' ';')"

# --- 7. the traffic gone, all LIGHT: HA1 first again ---
wait_until 30 self_light || fail "HA1 not LIGHT again: $(lb ha1)"
wait_until 30 others_light ha1 2 || fail "HA1 does not see the others LIGHT: $(lb ha1)"
wait_until 10 light_again ha2 || fail "ha2 does not see HA1 LIGHT again: $(lb ha2)"
dhaad dhaad3 $HA_LOCAL $HA2 $HA3

for ns in ha1 ha2 ha3; do
	grep -q "load-balance: LIGHT below 50" "$SCN_TMP/$ns.log" ||
		fail "$ns did not log load balancing: $(cat "$SCN_TMP/$ns.log")"
done
pass
