/*
 * Helper: trace sinks, connection lookup by endpoint pair, file naming and writing
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-trace-recorder.h"

#include "fulltcp-time-sequence.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTraceRecorder");
NS_OBJECT_ENSURE_REGISTERED(FullTcpTraceRecorder);

namespace
{

/// \return whether the header opens a connection: SYN without ACK (RFC 9293 §3.5)
bool
IsPureSyn(const FullTcpHeader& h)
{
    return h.HasFlags(FullTcpHeader::SYN) && !h.HasFlags(FullTcpHeader::ACK);
}

/// \return payload bytes of a traced packet (null: none)
uint32_t
PayloadSize(const Ptr<const Packet>& p)
{
    return p ? p->GetSize() : 0;
}

/// \return an endpoint as a file name part: "10.1.1.1_49153", "2001-db8--1_80"
std::string
FileName(const std::string& endpoint)
{
    const auto colon = endpoint.rfind(':');
    std::string out;
    for (std::size_t i = 0; i < endpoint.size(); ++i)
    {
        const char c = endpoint[i];
        if (i == colon)
        {
            out += '_';
        }
        else if (std::isalnum(static_cast<unsigned char>(c)) || c == '.')
        {
            out += c;
        }
        else if (c == ':')
        {
            out += '-';
        }
    }
    return out;
}

} // namespace

TypeId
FullTcpTraceRecorder::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FullTcpTraceRecorder")
            .SetParent<Object>()
            .SetGroupName("FullTcp")
            .AddConstructor<FullTcpTraceRecorder>()
            .AddAttribute("RelativeSequenceNumbers",
                          "Show sequence and acknowledgment numbers relative to each side's "
                          "ISN (default as Wireshark's tcp.relative_sequence_numbers and "
                          "tcpdump without -S), or as the 32-bit wire values.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&FullTcpTraceRecorder::m_relative),
                          MakeBooleanChecker())
            .AddAttribute("MaxSegments",
                          "Segments drawn per ladder, the first ones (0: all). 200 keeps a "
                          "ladder under 200 kB while showing a handshake, a few windows of "
                          "data and the close; the ladder says how many were left out.",
                          UintegerValue(200),
                          MakeUintegerAccessor(&FullTcpTraceRecorder::m_maxSegments),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

FullTcpTraceRecorder::FullTcpTraceRecorder() : m_relative(true), m_maxSegments(200)
{
    NS_LOG_FUNCTION(this);
}

void
FullTcpTraceRecorder::OnSegmentSent(uint32_t nodeId,
                                    Ptr<const Packet> payload,
                                    const FullTcpHeader& header,
                                    const Address& local,
                                    const Address& remote)
{
    RecordSent(Simulator::Now(), nodeId, PayloadSize(payload), header, local, remote);
}

void
FullTcpTraceRecorder::OnSegmentReceived(uint32_t nodeId,
                                        Ptr<const Packet> payload,
                                        const FullTcpHeader& header,
                                        const Address& local,
                                        const Address& remote)
{
    RecordReceived(Simulator::Now(), nodeId, PayloadSize(payload), header, local, remote);
}

void
FullTcpTraceRecorder::OnStateChange(uint32_t nodeId,
                                    const Address& local,
                                    const Address& remote,
                                    FullTcpState from,
                                    FullTcpState to,
                                    FullTcpStateCause cause)
{
    RecordStateChange(Simulator::Now(), nodeId, local, remote, from, to, cause);
}

void
FullTcpTraceRecorder::OnLossEvent(uint32_t nodeId,
                                  const Address& local,
                                  const Address& remote,
                                  const FullTcpLossEvent& event)
{
    RecordLossEvent(Simulator::Now(), nodeId, local, remote, event);
}

uint32_t
FullTcpTraceRecorder::Lookup(const std::string& local,
                             const std::string& remote,
                             bool localIsClient,
                             bool opening,
                             const std::string& synFrom,
                             std::optional<uint32_t> synSeq)
{
    const auto key = std::minmax(local, remote);
    auto it = m_current.find(key);
    if (it != m_current.end())
    {
        const auto& rec = m_records[it->second];
        bool fresh = opening && rec.IsFinished();
        if (opening && synSeq)
        {
            // A SYN with another ISN on the same pair is a new incarnation (RFC 9293 §3.4);
            // a retransmitted SYN carries the same one.
            const auto isn = rec.GetIsn(SideOf(it->second, synFrom));
            fresh = fresh || (isn && *isn != *synSeq);
        }
        if (!fresh)
        {
            return it->second;
        }
    }
    NS_LOG_LOGIC("new connection " << local << " " << remote);
    m_records.emplace_back(localIsClient ? local : remote, localIsClient ? remote : local);
    const auto index = static_cast<uint32_t>(m_records.size() - 1);
    m_current[key] = index;
    return index;
}

uint8_t
FullTcpTraceRecorder::SideOf(uint32_t i, const std::string& local) const
{
    return m_records[i].GetEndpoint(0) == local ? 0 : 1;
}

uint32_t
FullTcpTraceRecorder::SegmentLookup(const FullTcpHeader& header,
                                    const std::string& sender,
                                    const std::string& receiver)
{
    // A new record's client is the sender: the first segment seen is usually the SYN.
    const bool syn = IsPureSyn(header);
    return Lookup(sender,
                  receiver,
                  true,
                  syn,
                  sender,
                  syn ? std::optional<uint32_t>(header.GetSequenceNumber()) : std::nullopt);
}

void
FullTcpTraceRecorder::RecordSent(Time t,
                                 uint32_t nodeId,
                                 uint32_t length,
                                 const FullTcpHeader& header,
                                 const Address& local,
                                 const Address& remote)
{
    NS_LOG_FUNCTION(this << t << nodeId << length);
    const std::string me = FullTcpEndpointName(local);
    const uint32_t i = SegmentLookup(header, me, FullTcpEndpointName(remote));
    m_records[i].AddSent(t, SideOf(i, me), nodeId, header, length);
}

void
FullTcpTraceRecorder::RecordReceived(Time t,
                                     uint32_t nodeId,
                                     uint32_t length,
                                     const FullTcpHeader& header,
                                     const Address& local,
                                     const Address& remote)
{
    NS_LOG_FUNCTION(this << t << nodeId << length);
    const std::string me = FullTcpEndpointName(local);
    const uint32_t i = SegmentLookup(header, FullTcpEndpointName(remote), me);
    m_records[i].AddArrived(t, SideOf(i, me), nodeId, header, length);
}

void
FullTcpTraceRecorder::RecordStateChange(Time t,
                                        uint32_t nodeId,
                                        const Address& local,
                                        const Address& remote,
                                        FullTcpState from,
                                        FullTcpState to,
                                        FullTcpStateCause cause)
{
    NS_LOG_FUNCTION(this << t << nodeId << from << to << cause);
    if (FullTcpEndpointPort(remote) == 0)
    {
        NS_LOG_LOGIC("listener's own change, no connection: " << from << " -> " << to);
        return;
    }
    const std::string me = FullTcpEndpointName(local);
    // The end that leaves LISTEN is the server; any other end seen first is the client.
    const bool opening = (from == FullTcpState::CLOSED && to == FullTcpState::SYN_SENT)
                      || (from == FullTcpState::LISTEN && to == FullTcpState::SYN_RCVD);
    const uint32_t i = Lookup(
        me, FullTcpEndpointName(remote), from != FullTcpState::LISTEN, opening, me, std::nullopt);
    m_records[i].AddStateChange(t, SideOf(i, me), nodeId, from, to, cause);
}

void
FullTcpTraceRecorder::RecordLossEvent(Time t,
                                      uint32_t nodeId,
                                      const Address& local,
                                      const Address& remote,
                                      const FullTcpLossEvent& event)
{
    NS_LOG_FUNCTION(this << t << nodeId);
    // Only a connection that sent data has a loss recovery: its record exists already.
    const std::string me = FullTcpEndpointName(local);
    const uint32_t i =
        Lookup(me, FullTcpEndpointName(remote), true, false, std::string(), std::nullopt);
    m_records[i].AddLossEvent(t, SideOf(i, me), nodeId, event);
}

uint32_t
FullTcpTraceRecorder::GetConnectionCount() const
{
    return static_cast<uint32_t>(m_records.size());
}

const FullTcpConnectionRecord&
FullTcpTraceRecorder::GetConnection(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_records.size(),
                    "FullTcpTraceRecorder: no connection " << i << " (there are "
                                                           << m_records.size() << ")");
    return m_records[i];
}

FullTcpLadderOptions
FullTcpTraceRecorder::GetLadderOptions() const
{
    FullTcpLadderOptions o;
    o.relative = m_relative;
    o.maxSegments = m_maxSegments;
    return o;
}

std::string
FullTcpTraceRecorder::GetTextLadder(uint32_t i) const
{
    return FullTcpTextLadder(GetConnection(i), GetLadderOptions());
}

std::string
FullTcpTraceRecorder::GetSvgLadder(uint32_t i) const
{
    std::ostringstream os;
    FullTcpSvgLadder(os, GetConnection(i), GetLadderOptions());
    return os.str();
}

std::string
FullTcpTraceRecorder::GetTimeSequence(uint32_t i, uint8_t sender) const
{
    std::ostringstream os;
    FullTcpSvgTimeSequence(os, GetConnection(i), sender);
    return os.str();
}

std::string
FullTcpTraceRecorder::GetFileStem(uint32_t i) const
{
    const auto& r = GetConnection(i);
    return std::to_string(i + 1) + "-" + FileName(r.GetEndpoint(0)) + "-"
         + FileName(r.GetEndpoint(1));
}

void
FullTcpTraceRecorder::WriteFile(const std::string& path,
                                const std::string& text,
                                std::vector<std::string>& written)
{
    std::ofstream f(path);
    f << text;
    f.close();
    if (!f)
    {
        NS_LOG_ERROR("FullTcpTraceRecorder: cannot write " << path);
        return;
    }
    written.push_back(path);
}

std::vector<std::string>
FullTcpTraceRecorder::WriteLadders(const std::string& prefix) const
{
    std::vector<std::string> written;
    for (uint32_t i = 0; i < m_records.size(); ++i)
    {
        const std::string stem = prefix + "-" + GetFileStem(i);
        WriteFile(stem + ".txt", GetTextLadder(i), written);
        WriteFile(stem + ".svg", GetSvgLadder(i), written);
    }
    return written;
}

std::vector<std::string>
FullTcpTraceRecorder::WriteTimeSequences(const std::string& prefix) const
{
    std::vector<std::string> written;
    for (uint32_t i = 0; i < m_records.size(); ++i)
    {
        for (uint8_t sender = 0; sender < 2; ++sender)
        {
            if (FullTcpSendsData(m_records[i], sender))
            {
                WriteFile(prefix + "-" + GetFileStem(i) + "-tseq-"
                              + (sender == 0 ? "client" : "server") + ".svg",
                          GetTimeSequence(i, sender),
                          written);
            }
        }
    }
    return written;
}

} // namespace ns3
