/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpL4Protocol: ICMP and ICMPv6 errors about connections (RFC 1122 §4.2.3.9, RFC 5461,
 * RFC 5927), handed to the connection's socket as hard or soft errors.
 */
#include "fulltcp-l4-protocol.h"
#include "fulltcp-socket.h"

#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpL4ProtocolIcmp");

// ------------------------------------------------------------------------------ ICMP

void
FullTcpL4Protocol::IcmpError(
    const FullTcpFourTuple& tuple, uint8_t type, uint8_t code, uint32_t seq, bool hard)
{
    // ICMP quotes a segment this host sent, so it concerns a connection, never a listener.
    FullTcpDemuxValue* v = m_demux.FindConnection(tuple);
    if (!v || !v->socket)
    {
        NS_LOG_LOGIC("ICMP for no connection " << tuple);
        return;
    }
    Ptr<FullTcpSocket> socket = v->socket;
    const bool hardInSynSent = hard && socket->GetState() == FullTcpState::SYN_SENT;
    if (socket->IcmpError(seq, hard))
    {
        m_icmpTrace(tuple, type, code, hardInSynSent);
    }
}

void
FullTcpL4Protocol::ReceiveIcmp(Ipv4Address icmpSource,
                               uint8_t icmpTtl,
                               uint8_t icmpType,
                               uint8_t icmpCode,
                               uint32_t icmpInfo,
                               Ipv4Address payloadSource,
                               Ipv4Address payloadDestination,
                               const uint8_t payload[8])
{
    NS_LOG_FUNCTION(this << icmpSource << +icmpTtl << +icmpType << +icmpCode << icmpInfo);
    const uint16_t sport = (payload[0] << 8) | payload[1];
    const uint16_t dport = (payload[2] << 8) | payload[3];
    const uint32_t seq = (uint32_t {payload[4]} << 24) | (uint32_t {payload[5]} << 16)
                       | (uint32_t {payload[6]} << 8) | payload[7];
    bool hard = false;
    if (icmpType == Icmpv4Header::ICMPV4_DEST_UNREACH)
    {
        if (icmpCode == Icmpv4DestinationUnreachable::ICMPV4_FRAG_NEEDED)
        {
            return; // path MTU discovery, not an error of the connection
        }
        // RFC 1122 §4.2.3.9: codes 2 (protocol) and 3 (port) are hard errors.
        hard = icmpCode == Icmpv4DestinationUnreachable::ICMPV4_PROTOCOL_UNREACHABLE
            || icmpCode == Icmpv4DestinationUnreachable::ICMPV4_PORT_UNREACHABLE;
    }
    else if (icmpType != Icmpv4Header::ICMPV4_TIME_EXCEEDED)
    {
        return;
    }
    IcmpError(
        FullTcpFourTuple {
            FullTcpIpKey(payloadSource), sport, FullTcpIpKey(payloadDestination), dport},
        icmpType,
        icmpCode,
        seq,
        hard);
}

void
FullTcpL4Protocol::ReceiveIcmp(Ipv6Address icmpSource,
                               uint8_t icmpTtl,
                               uint8_t icmpType,
                               uint8_t icmpCode,
                               uint32_t icmpInfo,
                               Ipv6Address payloadSource,
                               Ipv6Address payloadDestination,
                               const uint8_t payload[8])
{
    NS_LOG_FUNCTION(this << icmpSource << +icmpTtl << +icmpType << +icmpCode << icmpInfo);
    const uint16_t sport = (payload[0] << 8) | payload[1];
    const uint16_t dport = (payload[2] << 8) | payload[3];
    const uint32_t seq = (uint32_t {payload[4]} << 24) | (uint32_t {payload[5]} << 16)
                       | (uint32_t {payload[6]} << 8) | payload[7];
    bool hard = false;
    if (icmpType == Icmpv6Header::ICMPV6_ERROR_DESTINATION_UNREACHABLE)
    {
        // RFC 4443 §3.1 code 4 (port unreachable), as Linux icmpv6_err_convert() (fatal).
        hard = icmpCode == Icmpv6Header::ICMPV6_PORT_UNREACHABLE;
    }
    else if (icmpType != Icmpv6Header::ICMPV6_ERROR_TIME_EXCEEDED)
    {
        return; // packet too big is path MTU discovery; the rest is not about TCP
    }
    IcmpError(
        FullTcpFourTuple {
            FullTcpIpKey(payloadSource), sport, FullTcpIpKey(payloadDestination), dport},
        icmpType,
        icmpCode,
        seq,
        hard);
}

} // namespace ns3
