/*
 * Node: ICMP/ICMPv6 errors as hard or soft socket errors (RFC 1122 §4.2.3.9, RFC 5927)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpL4Protocol: ICMP and ICMPv6 errors about connections (RFC 1122 §4.2.3.9, RFC 5461,
 * RFC 5927, RFC 1191, RFC 8201), classified (soft, hard, packet too big) and handed to the
 * connection's engine, which decides what they do.
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

namespace
{
/// \param b two bytes in network order \return their value
uint16_t
Read16(const uint8_t* b)
{
    return static_cast<uint16_t>((b[0] << 8) | b[1]);
}
} // namespace

void
FullTcpL4Protocol::IcmpError(const FullTcpIpKey& source,
                             const FullTcpIpKey& destination,
                             const uint8_t quote[8],
                             uint8_t type,
                             uint8_t code,
                             FullTcpIcmpKind kind,
                             uint32_t mtu,
                             bool requestFatal)
{
    // The first 8 bytes of the segment (RFC 792, RFC 4443): ports and sequence number. ICMP
    // quotes a segment this host sent, so it concerns a connection, never a listener.
    const FullTcpFourTuple tuple {source, Read16(quote), destination, Read16(quote + 2)};
    FullTcpDemuxValue* v = m_demux.FindConnection(tuple);
    if (!v || !v->socket)
    {
        NS_LOG_LOGIC("ICMP for no connection " << tuple);
        return;
    }
    const uint32_t seq = (uint32_t {Read16(quote + 4)} << 16) | Read16(quote + 6);
    // The engine judges it (RFC 5927 §4.1 and what the error means in its state).
    Ptr<FullTcpSocket> socket = v->socket;
    const FullTcpIcmpResult result =
        socket->IcmpError(FullTcpIcmpError {kind, seq, mtu, requestFatal});
    NS_LOG_LOGIC("ICMP " << +type << "/" << +code << " for " << tuple << ": " << result);
    if (result != FullTcpIcmpResult::NOT_IN_FLIGHT)
    {
        m_icmpTrace(tuple, type, code, result == FullTcpIcmpResult::CONNECT_FAILED);
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
    FullTcpIcmpKind kind = FullTcpIcmpKind::SOFT;
    if (icmpType == Icmpv4Header::ICMPV4_DEST_UNREACH)
    {
        if (icmpCode == Icmpv4DestinationUnreachable::ICMPV4_FRAG_NEEDED)
        {
            // RFC 1191 §4: path MTU discovery; icmpInfo is the next-hop MTU.
            kind = FullTcpIcmpKind::PACKET_TOO_BIG;
        }
        // RFC 1122 §4.2.3.9: codes 2 (protocol) and 3 (port) are hard errors.
        else if (icmpCode == Icmpv4DestinationUnreachable::ICMPV4_PROTOCOL_UNREACHABLE
                 || icmpCode == Icmpv4DestinationUnreachable::ICMPV4_PORT_UNREACHABLE)
        {
            kind = FullTcpIcmpKind::HARD;
        }
    }
    else if (icmpType != Icmpv4Header::ICMPV4_TIME_EXCEEDED)
    {
        return;
    }
    // Linux tcp_v4_err(): a request is dropped on time exceeded, parameter problem, net or
    // host unreachable (tcp_req_err()'s abort).
    const bool requestFatal =
        icmpType == Icmpv4Header::ICMPV4_TIME_EXCEEDED
        || (icmpType == Icmpv4Header::ICMPV4_DEST_UNREACH
            && (icmpCode == Icmpv4DestinationUnreachable::ICMPV4_NET_UNREACHABLE
                || icmpCode == Icmpv4DestinationUnreachable::ICMPV4_HOST_UNREACHABLE));
    IcmpError(FullTcpIpKey(payloadSource),
              FullTcpIpKey(payloadDestination),
              payload,
              icmpType,
              icmpCode,
              kind,
              icmpInfo,
              requestFatal);
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
    FullTcpIcmpKind kind = FullTcpIcmpKind::SOFT;
    if (icmpType == Icmpv6Header::ICMPV6_ERROR_DESTINATION_UNREACHABLE)
    {
        // RFC 4443 §3.1 code 4 (port unreachable), as Linux icmpv6_err_convert() (fatal).
        if (icmpCode == Icmpv6Header::ICMPV6_PORT_UNREACHABLE)
        {
            kind = FullTcpIcmpKind::HARD;
        }
    }
    else if (icmpType == Icmpv6Header::ICMPV6_ERROR_PACKET_TOO_BIG)
    {
        // RFC 8201 §4 (RFC 4443 §3.2): icmpInfo is the MTU of the next hop.
        kind = FullTcpIcmpKind::PACKET_TOO_BIG;
    }
    else if (icmpType != Icmpv6Header::ICMPV6_ERROR_TIME_EXCEEDED)
    {
        return; // the rest is not about TCP
    }
    // Linux tcp_v6_err(): icmpv6_err_convert()'s fatal errors drop a request (unreachable:
    // administratively prohibited, port unreachable, policy failure, reject route).
    const bool requestFatal = kind == FullTcpIcmpKind::HARD
                           || (icmpType == Icmpv6Header::ICMPV6_ERROR_DESTINATION_UNREACHABLE
                               && (icmpCode == 1 || icmpCode == 5 || icmpCode == 6));
    IcmpError(FullTcpIpKey(payloadSource),
              FullTcpIpKey(payloadDestination),
              payload,
              icmpType,
              icmpCode,
              kind,
              icmpInfo,
              requestFatal);
}

} // namespace ns3
