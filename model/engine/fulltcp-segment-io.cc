/*
 * Engine: the records of a connection's network input and output, and their names
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-segment-io.h"

namespace ns3
{

FullTcpEcnCodepoint
FullTcpEcnFromTos(uint8_t bits)
{
    // RFC 3168 §5: the ECN field is the two least significant bits of the octet.
    return static_cast<FullTcpEcnCodepoint>(bits & 0x03);
}

const char*
FullTcpEcnCodepointName(FullTcpEcnCodepoint e)
{
    switch (e)
    {
    case FullTcpEcnCodepoint::NOT_ECT:
        return "Not-ECT";
    case FullTcpEcnCodepoint::ECT_1:
        return "ECT(1)";
    case FullTcpEcnCodepoint::ECT_0:
        return "ECT(0)";
    case FullTcpEcnCodepoint::CE:
        return "CE";
    }
    return "INVALID_ECN";
}

std::ostream&
operator<<(std::ostream& os, FullTcpEcnCodepoint e)
{
    return os << FullTcpEcnCodepointName(e);
}

FullTcpSegmentIn::FullTcpSegmentIn(const FullTcpHeader& header,
                                   Ptr<Packet> payload,
                                   Time arrival,
                                   FullTcpEcnCodepoint ecn,
                                   uint8_t ttl) :
    header(header),
    payload(payload), arrival(arrival), ecn(ecn), ttl(ttl)
{
}

uint32_t
FullTcpSegmentIn::PayloadSize() const
{
    return payload ? payload->GetSize() : 0;
}

const char*
FullTcpIcmpKindName(FullTcpIcmpKind k)
{
    switch (k)
    {
    case FullTcpIcmpKind::SOFT:
        return "SOFT";
    case FullTcpIcmpKind::HARD:
        return "HARD";
    case FullTcpIcmpKind::PACKET_TOO_BIG:
        return "PACKET_TOO_BIG";
    }
    return "INVALID_ICMP_KIND";
}

const char*
FullTcpIcmpResultName(FullTcpIcmpResult r)
{
    switch (r)
    {
    case FullTcpIcmpResult::NOT_IN_FLIGHT:
        return "NOT_IN_FLIGHT";
    case FullTcpIcmpResult::SOFT_ERROR:
        return "SOFT_ERROR";
    case FullTcpIcmpResult::CONNECT_FAILED:
        return "CONNECT_FAILED";
    case FullTcpIcmpResult::MSS_LOWERED:
        return "MSS_LOWERED";
    case FullTcpIcmpResult::MSS_UNCHANGED:
        return "MSS_UNCHANGED";
    }
    return "INVALID_ICMP_RESULT";
}

std::ostream&
operator<<(std::ostream& os, FullTcpIcmpKind k)
{
    return os << FullTcpIcmpKindName(k);
}

std::ostream&
operator<<(std::ostream& os, FullTcpIcmpResult r)
{
    return os << FullTcpIcmpResultName(r);
}

} // namespace ns3
