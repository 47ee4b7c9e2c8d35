/*
 * Helper: connection record: FIFO send/arrival matching, ISNs, relative numbers, endpoint names
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-segment-record.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSegmentRecord");

namespace
{

/// RFC 7323 §2.3: a shift above 14 is used as 14.
constexpr uint8_t MAX_WINDOW_SHIFT = 14;

/// \return a segment from side \p from with the header's fields (no times yet)
FullTcpSegmentEvent
FromHeader(uint8_t from, const FullTcpHeader& header, uint32_t length)
{
    FullTcpSegmentEvent s;
    s.from = from;
    s.seq = header.GetSequenceNumber();
    s.ack = header.GetAckNumber();
    s.flags = header.GetFlags();
    s.window = header.GetWindow();
    s.length = length;
    s.options = header.GetOptions();
    return s;
}

/// \return TSval, or nothing without the Timestamps option
std::optional<uint32_t>
TsVal(const FullTcpOptions& o)
{
    auto ts = o.GetTimestamp();
    return ts ? std::optional<uint32_t>(ts->value) : std::nullopt;
}

} // namespace

std::string
FullTcpEndpointName(const Address& a)
{
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(a))
    {
        InetSocketAddress in = InetSocketAddress::ConvertFrom(a);
        os << in.GetIpv4() << ":" << in.GetPort();
    }
    else if (Inet6SocketAddress::IsMatchingType(a))
    {
        Inet6SocketAddress in = Inet6SocketAddress::ConvertFrom(a);
        os << "[" << in.GetIpv6() << "]:" << in.GetPort();
    }
    else
    {
        os << "?";
    }
    return os.str();
}

uint16_t
FullTcpEndpointPort(const Address& a)
{
    if (InetSocketAddress::IsMatchingType(a))
    {
        return InetSocketAddress::ConvertFrom(a).GetPort();
    }
    if (Inet6SocketAddress::IsMatchingType(a))
    {
        return Inet6SocketAddress::ConvertFrom(a).GetPort();
    }
    return 0;
}

uint32_t
FullTcpSegmentEvent::SequenceLength() const
{
    return length + ((flags & FullTcpHeader::SYN) ? 1 : 0) + ((flags & FullTcpHeader::FIN) ? 1 : 0);
}

FullTcpConnectionRecord::FullTcpConnectionRecord(std::string client, std::string server) :
    m_endpoint {std::move(client), std::move(server)}
{
}

uint64_t
FullTcpConnectionRecord::NextOrder()
{
    return m_order++;
}

void
FullTcpConnectionRecord::SetNode(uint8_t side, uint32_t node)
{
    m_node[side] = node;
}

void
FullTcpConnectionRecord::Learn(uint8_t side, const FullTcpHeader& h)
{
    // The ISN is the SYN's sequence number (RFC 9293 §3.4); a record that starts after the
    // handshake takes the first sequence number it sees, as Wireshark does.
    if (!m_isn[side] || h.HasFlags(FullTcpHeader::SYN))
    {
        m_isn[side] = h.GetSequenceNumber();
    }
    if (h.HasFlags(FullTcpHeader::SYN))
    {
        if (auto ws = h.GetOptions().GetWindowScale())
        {
            m_synShift[side] = std::min(*ws, MAX_WINDOW_SHIFT);
        }
    }
}

void
FullTcpConnectionRecord::AddSent(
    Time t, uint8_t side, uint32_t node, const FullTcpHeader& header, uint32_t length)
{
    NS_LOG_FUNCTION(this << t << +side << node << length);
    SetNode(side, node);
    Learn(side, header);
    FullTcpSegmentEvent s = FromHeader(side, header, length);
    s.sent = t;
    s.sentOrder = NextOrder();
    // Sequence space already covered by this side: anything starting below it is sent again.
    const uint32_t start = ShowSeq(side, s.seq, true);
    const uint32_t end = start + s.SequenceLength();
    s.retransmission = s.SequenceLength() > 0 && start < m_highestEnd[side];
    m_highestEnd[side] = std::max(m_highestEnd[side], end);
    m_segments.push_back(s);
}

void
FullTcpConnectionRecord::AddArrived(
    Time t, uint8_t side, uint32_t node, const FullTcpHeader& header, uint32_t length)
{
    NS_LOG_FUNCTION(this << t << +side << node << length);
    SetNode(side, node);
    const uint8_t from = 1 - side;
    Learn(from, header);
    const auto tsval = TsVal(header.GetOptions());
    for (auto& s : m_segments)
    {
        if (s.from == from && s.sent && !s.arrived && s.seq == header.GetSequenceNumber()
            && s.ack == header.GetAckNumber() && s.flags == header.GetFlags() && s.length == length
            && TsVal(s.options) == tsval)
        {
            s.arrived = t;
            s.arrivedOrder = NextOrder();
            return;
        }
    }
    // No traced send matches: the sender is not recorded (another TCP, or tracing started
    // late). Keep the arrival so the picture shows everything this end accepted.
    NS_LOG_LOGIC("arrival without a traced send");
    FullTcpSegmentEvent s = FromHeader(from, header, length);
    s.arrived = t;
    s.arrivedOrder = NextOrder();
    m_segments.push_back(s);
}

void
FullTcpConnectionRecord::AddStateChange(Time t,
                                        uint8_t side,
                                        uint32_t node,
                                        FullTcpState from,
                                        FullTcpState to,
                                        FullTcpStateCause cause)
{
    NS_LOG_FUNCTION(this << t << +side << node << from << to << cause);
    SetNode(side, node);
    FullTcpStateEvent e;
    e.side = side;
    e.time = t;
    e.order = NextOrder();
    e.from = from;
    e.to = to;
    e.cause = cause;
    m_states.push_back(e);
}

void
FullTcpConnectionRecord::AddLossEvent(Time t,
                                      uint8_t side,
                                      uint32_t node,
                                      const FullTcpLossEvent& event)
{
    NS_LOG_FUNCTION(this << t << +side << node);
    SetNode(side, node);
    m_lossMarks.push_back(FullTcpLossMark {side, t, event});
}

const std::vector<FullTcpLossMark>&
FullTcpConnectionRecord::GetLossMarks() const
{
    return m_lossMarks;
}

const std::string&
FullTcpConnectionRecord::GetEndpoint(uint8_t side) const
{
    return m_endpoint[side];
}

std::optional<uint32_t>
FullTcpConnectionRecord::GetNode(uint8_t side) const
{
    return m_node[side];
}

const std::vector<FullTcpSegmentEvent>&
FullTcpConnectionRecord::GetSegments() const
{
    return m_segments;
}

const std::vector<FullTcpStateEvent>&
FullTcpConnectionRecord::GetStateChanges() const
{
    return m_states;
}

std::optional<FullTcpState>
FullTcpConnectionRecord::GetInitialState(uint8_t side) const
{
    for (const auto& e : m_states)
    {
        if (e.side == side)
        {
            return e.from;
        }
    }
    return std::nullopt;
}

std::optional<uint32_t>
FullTcpConnectionRecord::GetIsn(uint8_t side) const
{
    return m_isn[side];
}

uint8_t
FullTcpConnectionRecord::GetWindowShift(uint8_t side) const
{
    // RFC 7323 §2.2: scaling is in effect only when both SYNs carried the option.
    if (m_synShift[0] && m_synShift[1])
    {
        return *m_synShift[side];
    }
    return 0;
}

uint32_t
FullTcpConnectionRecord::ShowSeq(uint8_t side, uint32_t seq, bool relative) const
{
    // Modulo 2^32, so relative numbers stay right across a wrap of the wire value.
    return (relative && m_isn[side]) ? seq - *m_isn[side] : seq;
}

uint32_t
FullTcpConnectionRecord::ScaledWindow(const FullTcpSegmentEvent& s) const
{
    if (s.flags & FullTcpHeader::SYN)
    {
        return s.window;
    }
    return static_cast<uint32_t>(s.window) << GetWindowShift(s.from);
}

bool
FullTcpConnectionRecord::IsFinished() const
{
    std::array<std::optional<FullTcpState>, 2> last;
    for (const auto& e : m_states)
    {
        last[e.side] = e.to;
    }
    if (!last[0] && !last[1])
    {
        return false;
    }
    for (const auto& s : last)
    {
        if (s && *s != FullTcpState::CLOSED)
        {
            return false;
        }
    }
    return true;
}

} // namespace ns3
