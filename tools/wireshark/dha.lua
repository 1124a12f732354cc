-- SPDX-License-Identifier: GPL-2.0-only
--
-- Wireshark/tshark dissector for what dha puts on the wire that Wireshark
-- does not know (Documentation/wireshark.md, numbers from
-- Documentation/wire-numbers.md and daemon/wire/numbers.h):
--
--   * the HA-to-HA messages (HA reliability draft, with dha's additions
--     and the global HAHA draft's G and R flags and SS Status option)
--     in the Experimental Mobility Header, MH type 11 (RFC 5096): a
--     one-octet subtype, a reserved octet, the message data, then options
--     in the private space of these messages;
--   * the Load Balance Information option (ND option 253) and the "L"
--     flag (0x10) of Router Advertisements (draft-deng-mip6-ha-loadbalance).
--
-- Wireshark 4.0 has no table of Mobility Header types, so this wraps the
-- stock Mobility Header and ICMPv6 dissectors in "ip.proto": the stock one
-- decodes every packet as before (Home Agent Switch, MH type 12, included)
-- and this one adds a tree for MH type 11 and for RAs.
--
-- Load it with "tshark -X lua_script:dha.lua" or copy it into a plugin
-- directory (~/.local/lib/wireshark/plugins/ or the system one).

local MH_EXPERIMENTAL = 11
local ICMP6_ROUTER_ADVERT = 134
local NDOPT_LB_INFO = 253
local NDOPT_LB_INFO_LEN = 8
local HAMSG_DATA_OFFSET = 8

local subtypes = {
	[1] = "Home Agent Hello Request",
	[2] = "Home Agent Hello",
	[3] = "State Synchronization Request",
	[4] = "State Synchronization",
	[5] = "State Synchronization Ack",
	[6] = "Home Agent SwitchOver Request",
	[7] = "Home Agent SwitchOver Reply",
	[8] = "Home Agent SwitchBack Request",
	[9] = "Home Agent SwitchBack Reply",
}

local switchover_status = {
	[0] = "Success",
	[128] = "Receiver is not the active home agent",
	[129] = "Administratively prohibited",
}

local switchback_status = {
	[0] = "Success",
	[128] = "Receiver is already the active home agent",
	[129] = "Administratively prohibited",
}

local ss_ack_status = {
	[0] = "Accepted",
	[128] = "Refused",
}

local option_names = {
	[0] = "Pad1",
	[1] = "PadN",
	[6] = "Mobile Network Prefix",
	[17] = "IPv6 Address/Prefix",
	[240] = "Binding Cache Information",
	[241] = "AAA Information",
	[242] = "Vendor Specific Information",
	[243] = "State Synchronization Status",
	[244] = "Authentication",
	[245] = "SS Status (global HAHA)",
}

local gss_status = {
	[0] = "Success",
	[128] = "Reason unspecified",
	[129] = "Malformed SS-REP",
	[130] = "Not in same global home agent set",
	[131] = "No Mobility Option",
}

local ipaddr_codes = {
	[4] = "Home agent address",
	[5] = "Home address",
}

local p = Proto("dha", "dha HA-to-HA message (Experimental MH)")
local pnd = Proto("dha_nd", "dha Load Balance Information (RA)")

local f = {
	subtype = ProtoField.uint8("dha.subtype", "Subtype", base.DEC, subtypes),
	reserved = ProtoField.uint8("dha.reserved", "Reserved", base.HEX),

	hello_request_seq = ProtoField.uint16("dha.hello_request.seq", "Sequence number"),

	hello_seq = ProtoField.uint16("dha.hello.seq", "Sequence number"),
	hello_preference = ProtoField.uint16("dha.hello.preference", "Preference"),
	hello_lifetime = ProtoField.uint16("dha.hello.lifetime", "Lifetime (s)"),
	hello_interval = ProtoField.uint16("dha.hello.interval", "Hello interval (ms)"),
	hello_group = ProtoField.uint8("dha.hello.group", "Group ID"),
	hello_flags = ProtoField.uint8("dha.hello.flags", "Flags", base.HEX),
	hello_flag_a = ProtoField.bool("dha.hello.flags.a", "Active (A)", 8, nil, 0x80),
	hello_flag_r = ProtoField.bool("dha.hello.flags.r", "Solicits Hellos (R, global HAHA)", 8, nil, 0x40),
	hello_flag_g = ProtoField.bool("dha.hello.flags.g", "Global home agent set member (G)", 8, nil, 0x20),
	hello_flag_f = ProtoField.bool("dha.hello.flags.f", "Tracked condition failed (F)", 8, nil, 0x10),
	hello_flag_n = ProtoField.bool("dha.hello.flags.n", "Newly active at start-up (N)", 8, nil, 0x08),
	hello_flag_rsv = ProtoField.uint8("dha.hello.flags.reserved", "Reserved", base.HEX, nil, 0x07),

	ss_flags = ProtoField.uint8("dha.ss.flags", "Flags", base.HEX),
	ss_flag_a = ProtoField.bool("dha.ss.flags.a", "Ack requested (A)", 8, nil, 0x80),
	ss_flag_g = ProtoField.bool("dha.ss.flags.g", "Global binding registration (G)", 8, nil, 0x40),
	ss_flag_rsv = ProtoField.uint8("dha.ss.flags.reserved", "Reserved", base.HEX, nil, 0x3f),

	ss_request_id = ProtoField.uint16("dha.ss_request.id", "Identifier"),
	ss_id = ProtoField.uint16("dha.ss.id", "Identifier"),
	ss_ack_id = ProtoField.uint16("dha.ss_ack.id", "Identifier"),
	ss_ack_status = ProtoField.uint16("dha.ss_ack.status", "Status", base.DEC, ss_ack_status),

	switch_reserved = ProtoField.uint16("dha.switch.reserved", "Reserved", base.HEX),
	switchover_status = ProtoField.uint16("dha.switchover.status", "Status", base.DEC, switchover_status),
	switchback_status = ProtoField.uint16("dha.switchback.status", "Status", base.DEC, switchback_status),

	opt_type = ProtoField.uint8("dha.opt.type", "Option type", base.DEC, option_names),
	opt_len = ProtoField.uint8("dha.opt.len", "Option length"),
	opt_pad = ProtoField.bytes("dha.opt.pad", "Padding"),
	opt_data = ProtoField.bytes("dha.opt.data", "Option data"),

	ipaddr_code = ProtoField.uint8("dha.opt.ipaddr.code", "Option-Code", base.DEC, ipaddr_codes),
	ipaddr_prefix_len = ProtoField.uint8("dha.opt.ipaddr.prefix_len", "Prefix length"),
	ipaddr_address = ProtoField.ipv6("dha.opt.ipaddr.address", "Address"),

	mnp_reserved = ProtoField.uint8("dha.opt.mnp.reserved", "Reserved", base.HEX),
	mnp_prefix_len = ProtoField.uint8("dha.opt.mnp.prefix_len", "Prefix length"),
	mnp_prefix = ProtoField.ipv6("dha.opt.mnp.prefix", "Mobile network prefix"),

	bci_flags = ProtoField.uint16("dha.opt.bci.flags", "Flags", base.HEX),
	bci_flag_a = ProtoField.bool("dha.opt.bci.flags.a", "Acknowledge (A)", 16, nil, 0x8000),
	bci_flag_h = ProtoField.bool("dha.opt.bci.flags.h", "Home registration (H)", 16, nil, 0x4000),
	bci_flag_l = ProtoField.bool("dha.opt.bci.flags.l", "Link-local compatibility (L)", 16, nil, 0x2000),
	bci_flag_k = ProtoField.bool("dha.opt.bci.flags.k", "Key management mobility (K)", 16, nil, 0x1000),
	bci_flag_r = ProtoField.bool("dha.opt.bci.flags.r", "Mobile router (R)", 16, nil, 0x0400),
	bci_flag_p = ProtoField.bool("dha.opt.bci.flags.p", "Proxy registration (P)", 16, nil, 0x0200),
	bci_seq = ProtoField.uint16("dha.opt.bci.seq", "Sequence number"),
	bci_lifetime = ProtoField.uint16("dha.opt.bci.lifetime", "Lifetime (units of 4 s; 0: binding gone)"),
	bci_reserved = ProtoField.uint16("dha.opt.bci.reserved", "Reserved", base.HEX),
	bci_hoa = ProtoField.ipv6("dha.opt.bci.home_address", "Home address"),
	bci_coa = ProtoField.ipv6("dha.opt.bci.care_of_address", "Care-of address"),

	aaa_data = ProtoField.bytes("dha.opt.aaa.data", "AAA AVPs"),

	vendor_code = ProtoField.uint16("dha.opt.vendor.code", "Vendor code", base.HEX),
	vendor_reserved = ProtoField.uint16("dha.opt.vendor.reserved", "Reserved", base.HEX),
	vendor_data = ProtoField.bytes("dha.opt.vendor.data", "Data"),

	ss_status_flags = ProtoField.uint8("dha.opt.ss_status.flags", "Flags", base.HEX),
	ss_status_reply = ProtoField.bool("dha.opt.ss_status.flags.reply", "Answers a request", 8, nil, 0x80),
	ss_status_last = ProtoField.bool("dha.opt.ss_status.flags.last", "Last message", 8, nil, 0x40),
	ss_status_merge = ProtoField.bool("dha.opt.ss_status.flags.merge", "Merge (a former active's changes)", 8, nil, 0x20),
	ss_status_reserved = ProtoField.uint8("dha.opt.ss_status.reserved", "Reserved", base.HEX),
	ss_status_request_id = ProtoField.uint16("dha.opt.ss_status.request_id", "Request identifier"),
	ss_status_total = ProtoField.uint32("dha.opt.ss_status.total", "Total bindings"),

	auth_key_id = ProtoField.uint16("dha.opt.auth.key_id", "Key ID"),
	auth_reserved = ProtoField.uint16("dha.opt.auth.reserved", "Reserved", base.HEX),
	auth_counter = ProtoField.uint64("dha.opt.auth.counter", "Counter"),
	auth_mac = ProtoField.bytes("dha.opt.auth.mac", "HMAC-SHA256"),

	gss_status = ProtoField.uint8("dha.opt.gss_status.status", "Status", base.DEC, gss_status),
	gss_reserved = ProtoField.uint24("dha.opt.gss_status.reserved", "Reserved", base.HEX),
	gss_hoa = ProtoField.ipv6("dha.opt.gss_status.home_address", "Home address"),
}
p.fields = f

local fnd = {
	ra_flag_l = ProtoField.bool("dha_nd.ra.flags.l", "Load balance information present (L)", 8, nil, 0x10),
	lbi_type = ProtoField.uint8("dha_nd.lbi.type", "Type"),
	lbi_len = ProtoField.uint8("dha_nd.lbi.len", "Length (units of 8 octets)"),
	lbi_reserved = ProtoField.uint16("dha_nd.lbi.reserved", "Reserved", base.HEX),
	lbi_queue_size = ProtoField.uint16("dha_nd.lbi.queue_size", "Queue size"),
	lbi_registered_mns = ProtoField.uint16("dha_nd.lbi.registered_mns", "Registered mobile nodes"),
}
pnd.fields = fnd

local e_truncated = ProtoExpert.new("dha.truncated", "Message data truncated",
	expert.group.MALFORMED, expert.severity.ERROR)
local e_opt_overrun = ProtoExpert.new("dha.opt.overrun", "Option runs past the end of the message",
	expert.group.MALFORMED, expert.severity.ERROR)
local e_opt_len = ProtoExpert.new("dha.opt.bad_len", "Wrong length for this option",
	expert.group.MALFORMED, expert.severity.ERROR)
local e_subtype = ProtoExpert.new("dha.unknown_subtype", "Unknown subtype",
	expert.group.UNDECODED, expert.severity.WARN)
local e_lbi_len = ProtoExpert.new("dha_nd.lbi.bad_len", "Load Balance Information option is not 8 octets",
	expert.group.MALFORMED, expert.severity.ERROR)
p.experts = { e_truncated, e_opt_overrun, e_opt_len, e_subtype }
pnd.experts = { e_lbi_len }

-- Option data lengths of the fixed-size options (the Length octet).
local fixed_len = { [6] = 18, [17] = 18, [240] = 40, [243] = 8, [244] = 44, [245] = 20 }

-- Each takes the option's data range (after type and length).
local option_data = {
	[6] = function(t, d)
		t:add(f.mnp_reserved, d(0, 1))
		t:add(f.mnp_prefix_len, d(1, 1))
		t:add(f.mnp_prefix, d(2, 16))
		t:append_text(": " .. tostring(d(2, 16):ipv6()) .. "/" .. d(1, 1):uint())
	end,
	[17] = function(t, d)
		t:add(f.ipaddr_code, d(0, 1))
		t:add(f.ipaddr_prefix_len, d(1, 1))
		t:add(f.ipaddr_address, d(2, 16))
		t:append_text(": " .. tostring(d(2, 16):ipv6()))
	end,
	[240] = function(t, d)
		local flags = t:add(f.bci_flags, d(0, 2))
		flags:add(f.bci_flag_a, d(0, 2))
		flags:add(f.bci_flag_h, d(0, 2))
		flags:add(f.bci_flag_l, d(0, 2))
		flags:add(f.bci_flag_k, d(0, 2))
		flags:add(f.bci_flag_r, d(0, 2))
		flags:add(f.bci_flag_p, d(0, 2))
		t:add(f.bci_seq, d(2, 2))
		t:add(f.bci_lifetime, d(4, 2)):append_text(" (" .. d(4, 2):uint() * 4 .. " s)")
		t:add(f.bci_reserved, d(6, 2))
		t:add(f.bci_hoa, d(8, 16))
		t:add(f.bci_coa, d(24, 16))
		t:append_text(": " .. tostring(d(8, 16):ipv6()) .. " -> " .. tostring(d(24, 16):ipv6()))
	end,
	[241] = function(t, d)
		t:add(f.aaa_data, d)
	end,
	[242] = function(t, d, pinfo)
		if d:len() < 4 then
			t:add_proto_expert_info(e_opt_len)
			return
		end
		t:add(f.vendor_code, d(0, 2))
		t:add(f.vendor_reserved, d(2, 2))
		if d:len() > 4 then
			t:add(f.vendor_data, d(4))
		end
	end,
	[243] = function(t, d)
		local flags = t:add(f.ss_status_flags, d(0, 1))
		flags:add(f.ss_status_reply, d(0, 1))
		flags:add(f.ss_status_last, d(0, 1))
		flags:add(f.ss_status_merge, d(0, 1))
		t:add(f.ss_status_reserved, d(1, 1))
		t:add(f.ss_status_request_id, d(2, 2))
		t:add(f.ss_status_total, d(4, 4))
	end,
	[244] = function(t, d)
		t:add(f.auth_key_id, d(0, 2))
		t:add(f.auth_reserved, d(2, 2))
		t:add(f.auth_counter, d(4, 8))
		t:add(f.auth_mac, d(12, 32))
	end,
	[245] = function(t, d)
		t:add(f.gss_status, d(0, 1))
		t:add(f.gss_reserved, d(1, 3))
		t:add(f.gss_hoa, d(4, 16))
		t:append_text(": " .. tostring(d(4, 16):ipv6()) .. " status " .. d(0, 1):uint())
	end,
}

local function dissect_options(tvb, tree, offset, stop)
	while offset < stop do
		local otype = tvb(offset, 1):uint()
		if otype == 0 then
			local t = tree:add(p, tvb(offset, 1), "Pad1")
			t:add(f.opt_type, tvb(offset, 1))
			offset = offset + 1
		else
			if offset + 2 > stop then
				tree:add_proto_expert_info(e_opt_overrun)
				return
			end
			local olen = tvb(offset + 1, 1):uint()
			local name = option_names[otype] or ("Unknown option " .. otype)
			if offset + 2 + olen > stop then
				local t = tree:add(p, tvb(offset, stop - offset), name)
				t:add(f.opt_type, tvb(offset, 1))
				t:add(f.opt_len, tvb(offset + 1, 1))
				t:add_proto_expert_info(e_opt_overrun)
				return
			end
			local t = tree:add(p, tvb(offset, 2 + olen), name)
			t:add(f.opt_type, tvb(offset, 1))
			t:add(f.opt_len, tvb(offset + 1, 1))
			local want = fixed_len[otype]
			if want and olen ~= want then
				t:add_proto_expert_info(e_opt_len)
			elseif otype == 1 then
				if olen > 0 then
					t:add(f.opt_pad, tvb(offset + 2, olen))
				end
			elseif option_data[otype] then
				if olen > 0 then
					option_data[otype](t, tvb(offset + 2, olen))
				else
					option_data[otype](t, tvb(offset + 2, 0))
				end
			elseif olen > 0 then
				t:add(f.opt_data, tvb(offset + 2, olen))
			end
			offset = offset + 2 + olen
		end
	end
end

-- Message data: returns its length, and a summary for the Info column.
local message_data = {
	[1] = function(t, d)
		t:add(f.hello_request_seq, d(0, 2))
		return 2, "seq=" .. d(0, 2):uint()
	end,
	[2] = function(t, d)
		t:add(f.hello_seq, d(0, 2))
		t:add(f.hello_preference, d(2, 2))
		t:add(f.hello_lifetime, d(4, 2))
		t:add(f.hello_interval, d(6, 2))
		t:add(f.hello_group, d(8, 1))
		local flags = t:add(f.hello_flags, d(9, 1))
		flags:add(f.hello_flag_a, d(9, 1))
		flags:add(f.hello_flag_r, d(9, 1))
		flags:add(f.hello_flag_g, d(9, 1))
		flags:add(f.hello_flag_f, d(9, 1))
		flags:add(f.hello_flag_n, d(9, 1))
		flags:add(f.hello_flag_rsv, d(9, 1))
		local fl = d(9, 1):uint()
		local names = ""
		if bit.band(fl, 0x80) ~= 0 then names = names .. "A" end
		if bit.band(fl, 0x40) ~= 0 then names = names .. "R" end
		if bit.band(fl, 0x20) ~= 0 then names = names .. "G" end
		if bit.band(fl, 0x10) ~= 0 then names = names .. "F" end
		if bit.band(fl, 0x08) ~= 0 then names = names .. "N" end
		return 10, "seq=" .. d(0, 2):uint() .. " pref=" .. d(2, 2):uint() ..
			" group=" .. d(8, 1):uint() .. (names ~= "" and (" " .. names) or "")
	end,
	[3] = function(t, d)
		t:add(f.ss_request_id, d(0, 2))
		return 2, "id=" .. d(0, 2):uint()
	end,
	[4] = function(t, d)
		t:add(f.ss_id, d(0, 2))
		return 2, "id=" .. d(0, 2):uint()
	end,
	[5] = function(t, d)
		t:add(f.ss_ack_id, d(0, 2))
		t:add(f.ss_ack_status, d(2, 2))
		return 4, "id=" .. d(0, 2):uint() .. " status=" .. d(2, 2):uint()
	end,
	[6] = function(t, d)
		t:add(f.switch_reserved, d(0, 2))
		return 2, ""
	end,
	[7] = function(t, d)
		t:add(f.switchover_status, d(0, 2))
		return 2, "status=" .. d(0, 2):uint()
	end,
	[8] = function(t, d)
		t:add(f.switch_reserved, d(0, 2))
		return 2, ""
	end,
	[9] = function(t, d)
		t:add(f.switchback_status, d(0, 2))
		return 2, "status=" .. d(0, 2):uint()
	end,
}
local data_len = { [1] = 2, [2] = 10, [3] = 2, [4] = 2, [5] = 4, [6] = 2, [7] = 2, [8] = 2, [9] = 2 }

local function dissect_hamsg(tvb, pinfo, tree)
	-- The Header Len octet bounds the message, as for any MH.
	local stop = math.min(tvb:len(), (tvb(1, 1):uint() + 1) * 8)
	local subtype = tvb(6, 1):uint()
	local name = subtypes[subtype] or ("Unknown subtype " .. subtype)
	local t = tree:add(p, tvb(6, stop - 6))
	t:append_text(": " .. name)
	t:add(f.subtype, tvb(6, 1))
	-- The State Synchronization messages carry the global HAHA draft's
	-- A and G where its Type field ends; elsewhere the octet is reserved.
	local ss_names = ""
	if subtype >= 3 and subtype <= 5 then
		local flags = t:add(f.ss_flags, tvb(7, 1))
		flags:add(f.ss_flag_a, tvb(7, 1))
		flags:add(f.ss_flag_g, tvb(7, 1))
		flags:add(f.ss_flag_rsv, tvb(7, 1))
		local fl = tvb(7, 1):uint()
		if bit.band(fl, 0x80) ~= 0 then ss_names = ss_names .. "A" end
		if bit.band(fl, 0x40) ~= 0 then ss_names = ss_names .. "G" end
	else
		t:add(f.reserved, tvb(7, 1))
	end
	pinfo.cols.protocol:set("DHA")
	local handler = message_data[subtype]
	if not handler then
		t:add_proto_expert_info(e_subtype)
		pinfo.cols.info:set(name)
		return
	end
	local need = data_len[subtype]
	if HAMSG_DATA_OFFSET + need > stop then
		t:add_proto_expert_info(e_truncated)
		pinfo.cols.info:set(name)
		return
	end
	local _, summary = handler(t, tvb(HAMSG_DATA_OFFSET, need))
	if ss_names ~= "" then
		summary = summary .. " " .. ss_names
	end
	pinfo.cols.info:set(summary ~= "" and (name .. " " .. summary) or name)
	dissect_options(tvb, t, HAMSG_DATA_OFFSET + need, stop)
end

local ip_proto = DissectorTable.get("ip.proto")
local stock_mh = ip_proto:get_dissector(135)
local stock_icmpv6 = ip_proto:get_dissector(58)

function p.dissector(tvb, pinfo, tree)
	local consumed = stock_mh:call(tvb, pinfo, tree)
	if tvb:len() >= HAMSG_DATA_OFFSET and tvb(2, 1):uint() == MH_EXPERIMENTAL then
		dissect_hamsg(tvb, pinfo, tree)
	end
	return consumed
end

local function dissect_ra(tvb, tree)
	local t = tree:add(pnd, tvb(0, tvb:len()))
	t:add(fnd.ra_flag_l, tvb(5, 1))
	local offset = 16
	while offset + 2 <= tvb:len() do
		local units = tvb(offset + 1, 1):uint()
		if units == 0 then
			return
		end
		if tvb(offset, 1):uint() == NDOPT_LB_INFO then
			local len = math.min(units * 8, tvb:len() - offset)
			local o = t:add(pnd, tvb(offset, len), "Load Balance Information option")
			o:add(fnd.lbi_type, tvb(offset, 1))
			o:add(fnd.lbi_len, tvb(offset + 1, 1))
			if units * 8 ~= NDOPT_LB_INFO_LEN or len < NDOPT_LB_INFO_LEN then
				o:add_proto_expert_info(e_lbi_len)
			else
				o:add(fnd.lbi_reserved, tvb(offset + 2, 2))
				o:add(fnd.lbi_queue_size, tvb(offset + 4, 2))
				o:add(fnd.lbi_registered_mns, tvb(offset + 6, 2))
			end
		end
		offset = offset + units * 8
	end
end

function pnd.dissector(tvb, pinfo, tree)
	local consumed = stock_icmpv6:call(tvb, pinfo, tree)
	if tvb:len() >= 16 and tvb(0, 1):uint() == ICMP6_ROUTER_ADVERT then
		dissect_ra(tvb, tree)
	end
	return consumed
end

ip_proto:add(135, p)
ip_proto:add(58, pnd)
