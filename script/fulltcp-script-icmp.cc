/*
 * Script: inbound ICMP lines: packetdrill's ICMPv4 names and the message built from a line
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * After packetdrill's icmp_packet.c: the type and code tables of ICMPv4 (RFC 792, RFC 1191,
 * RFC 1812) and the message that quotes a segment the stack under test sent (RFC 792: "the
 * internet header plus the first 64 bits of the original datagram's data").
 */
#include "fulltcp-script-icmp.h"

#include "ns3/icmpv4.h"
#include "ns3/ipv4-header.h"

#include <cstdio>
#include <map>

namespace ns3
{

namespace
{

/// \param s "PREFIX_N" \param prefix the prefix \param out N \return whether s is one (0..255)
bool
Numbered(const std::string& s, const std::string& prefix, uint8_t& out)
{
    unsigned n = 0;
    char rest = 0;
    if (s.compare(0, prefix.size(), prefix) != 0
        || std::sscanf(s.c_str() + prefix.size(), "%u%c", &n, &rest) != 1 || n > 255)
    {
        return false;
    }
    out = static_cast<uint8_t>(n);
    return true;
}

} // namespace

bool
FullTcpScriptIcmpType(
    const std::string& type, const std::string& code, uint8_t& t, uint8_t& c, std::string& error)
{
    // icmp_packet.c icmpv4_types (RFC 792 and RFC 950 type numbers).
    static const std::map<std::string, uint8_t> types = {
        {"echo_reply", 0},
        {"unreachable", 3},
        {"source_quench", 4},
        {"redirect", 5},
        {"echo_request", 8},
        {"time_exceeded", 11},
        {"parameter_problem", 12},
        {"timestamp_request", 13},
        {"timestamp_reply", 14},
        {"information_request", 15},
        {"information_reply", 16},
        {"address_mask_request", 17},
        {"address_mask_reply", 18},
    };
    // icmpv4_unreachable_codes (RFC 792, RFC 1122, RFC 1812 §5.2.7.1).
    static const std::map<std::string, uint8_t> unreachable = {
        {"net_unreachable", 0},
        {"host_unreachable", 1},
        {"protocol_unreachable", 2},
        {"port_unreachable", 3},
        {"frag_needed", 4},
        {"source_route_failed", 5},
        {"net_unknown", 6},
        {"host_unknown", 7},
        {"source_host_isolated", 8},
        {"net_prohibited", 9},
        {"host_prohibited", 10},
        {"net_unreachable_for_tos", 11},
        {"host_unreachable_for_tos", 12},
        {"packet_filtered", 13},
        {"precedence_violation", 14},
        {"precedence_cutoff", 15},
    };
    const auto it = types.find(type);
    if (it != types.end())
    {
        t = it->second;
    }
    else if (!Numbered(type, "type_", t))
    {
        error = "bad ICMP type " + type;
        return false;
    }
    c = 0; // "missing code means code = 0"
    if (code.empty() || Numbered(code, "code_", c))
    {
        return true;
    }
    const auto named = unreachable.find(code);
    if (t != 3 || named == unreachable.end())
    {
        error = "bad ICMP code " + code;
        return false;
    }
    c = named->second;
    return true;
}

Ptr<Packet>
FullTcpScriptIcmpMessage(const FullTcpScriptIcmp& m,
                         Ipv4Address local,
                         Ipv4Address remote,
                         uint16_t localPort,
                         uint16_t remotePort,
                         uint32_t seq)
{
    // The quoted datagram: FullTcp's IPv4 header (20 bytes, TCP header assumed 20, as
    // packetdrill's layer4_header_len()) and its first 8 bytes (ports, sequence number).
    Ipv4Header quoted;
    quoted.SetSource(local);
    quoted.SetDestination(remote);
    quoted.SetProtocol(6);
    quoted.SetPayloadSize(20 + m.len);
    quoted.SetTtl(0);
    const uint8_t bytes[8] = {static_cast<uint8_t>(localPort >> 8),
                              static_cast<uint8_t>(localPort),
                              static_cast<uint8_t>(remotePort >> 8),
                              static_cast<uint8_t>(remotePort),
                              static_cast<uint8_t>(seq >> 24),
                              static_cast<uint8_t>(seq >> 16),
                              static_cast<uint8_t>(seq >> 8),
                              static_cast<uint8_t>(seq)};
    Ptr<Packet> data = Create<Packet>(bytes, sizeof(bytes));
    Ptr<Packet> p = Create<Packet>();
    if (m.type == Icmpv4Header::ICMPV4_TIME_EXCEEDED)
    {
        Icmpv4TimeExceeded body;
        body.SetHeader(quoted);
        body.SetData(data);
        p->AddHeader(body);
    }
    else
    {
        // Destination unreachable (RFC 792; RFC 1191 §4: the next-hop MTU in the low 16 bits
        // of the second word); the other types quote in the same layout.
        Icmpv4DestinationUnreachable body;
        body.SetNextHopMtu(m.mtu.value_or(0));
        body.SetHeader(quoted);
        body.SetData(data);
        p->AddHeader(body);
    }
    Icmpv4Header icmp;
    icmp.SetType(m.type);
    icmp.SetCode(m.code);
    icmp.EnableChecksum();
    p->AddHeader(icmp);
    return p;
}

} // namespace ns3
