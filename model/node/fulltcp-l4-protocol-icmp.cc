/*
 * Node: ICMP/ICMPv6 errors as hard or soft socket errors (RFC 1122 §4.2.3.9, RFC 5927)
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

namespace
{
/// \param b two bytes in network order \return their value
uint16_t
Read16(const uint8_t* b)
{
    return static_cast<uint16_t>((b[0] << 8) | b[1]);
}

/// What an ICMP error quotes of our segment.
struct Quote
{
    FullTcpFourTuple tuple; //!< the connection: local = the quoted source
    uint32_t seq;           //!< the quoted sequence number
};

/**
 * \param source the quoted IP source (us) \param destination the quoted IP destination
 * \param bytes the first 8 bytes of the segment (RFC 792, RFC 4443): ports, sequence number
 * \return the connection and sequence number
 */
Quote
ReadQuote(const FullTcpIpKey& source, const FullTcpIpKey& destination, const uint8_t bytes[8])
{
    return Quote {FullTcpFourTuple {source, Read16(bytes), destination, Read16(bytes + 2)},
                  (uint32_t {Read16(bytes + 4)} << 16) | Read16(bytes + 6)};
}
} // namespace

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
    const Quote q =
        ReadQuote(FullTcpIpKey(payloadSource), FullTcpIpKey(payloadDestination), payload);
    IcmpError(q.tuple, icmpType, icmpCode, q.seq, hard);
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
    const Quote q =
        ReadQuote(FullTcpIpKey(payloadSource), FullTcpIpKey(payloadDestination), payload);
    IcmpError(q.tuple, icmpType, icmpCode, q.seq, hard);
}

} // namespace ns3
