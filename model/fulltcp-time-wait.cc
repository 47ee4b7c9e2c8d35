/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-time-wait.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTimeWait");

FullTcpTimeWaitRecord::FullTcpTimeWaitRecord(FullTcpL4Protocol* protocol,
                                             const FullTcpFourTuple& tuple,
                                             FullTcpPortableConnection connection,
                                             const FullTcpIpParams& ip) :
    m_protocol(protocol),
    m_tuple(tuple), m_connection(std::move(connection)), m_ip(ip)
{
    m_connection.Retarget(this);
    // The engine knows its armed slots (the 2·MSL linger); re-arm them here, the socket's
    // events are gone with the socket.
    const Time now = Simulator::Now();
    const auto& deadlines = m_connection->GetTcb().timerDeadline;
    for (uint32_t i = 0; i < FULLTCP_TIMER_COUNT; ++i)
    {
        if (deadlines[i])
        {
            ArmTimer(static_cast<FullTcpTimer>(i), Max(*deadlines[i] - now, Time(0)));
        }
    }
}

FullTcpTimeWaitRecord::~FullTcpTimeWaitRecord()
{
    Cancel();
}

void
FullTcpTimeWaitRecord::Cancel()
{
    for (auto& t : m_timers)
    {
        t.Cancel();
    }
}

const FullTcpFourTuple&
FullTcpTimeWaitRecord::GetTuple() const
{
    return m_tuple;
}

FullTcpState
FullTcpTimeWaitRecord::GetState() const
{
    return m_connection->GetState();
}

void
FullTcpTimeWaitRecord::SegmentArrives(const FullTcpHeader& header,
                                      Ptr<Packet> payload,
                                      Ptr<NetDevice> device)
{
    m_rxDevice = device;
    m_connection->SegmentArrives(header, payload, Simulator::Now());
    m_rxDevice = nullptr;
}

void
FullTcpTimeWaitRecord::SendSegment(const FullTcpHeader& header, Ptr<Packet> payload)
{
    m_protocol->SendSegment(header, payload, m_tuple, m_ip);
}

void
FullTcpTimeWaitRecord::ArmTimer(FullTcpTimer timer, Time delay)
{
    auto& event = m_timers[static_cast<uint32_t>(timer)];
    event.Cancel();
    event = Simulator::Schedule(delay, &FullTcpTimeWaitRecord::TimerFired, this, timer);
}

void
FullTcpTimeWaitRecord::CancelTimer(FullTcpTimer timer)
{
    m_timers[static_cast<uint32_t>(timer)].Cancel();
}

void
FullTcpTimeWaitRecord::TimerFired(FullTcpTimer timer)
{
    m_connection->TimerExpired(timer, Simulator::Now());
}

void
FullTcpTimeWaitRecord::NotifyApplication(FullTcpAppEvent event)
{
    // No application any more: the socket that had one is gone.
    NS_LOG_LOGIC(m_tuple << " event without application: " << event);
}

void
FullTcpTimeWaitRecord::StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause)
{
    m_protocol->NotifyTransition(m_tuple, from, to, cause);
    if (to == FullTcpState::CLOSED)
    {
        // 2·MSL over, an acceptable RST, or a SYN reopening the 4-tuple: the entry goes at
        // once (a new incarnation may need it in this very event), the object at the end of
        // the event.
        m_protocol->ReleaseConnection(m_tuple);
    }
}

void
FullTcpTimeWaitRecord::ConnectionRequest(const FullTcpConnectionRequest& request)
{
    // Only TIME_WAIT reuse (RFC 6191) asks; the record has already released the 4-tuple.
    m_protocol->ReopenFromTimeWait(m_tuple, request.syn, request.reuseIss.value_or(0), m_rxDevice);
}

void
FullTcpTimeWaitRecord::SegmentDropped(const FullTcpHeader& header, FullTcpDropReason reason)
{
    NS_LOG_LOGIC(m_tuple << " drop " << header << ": " << reason);
}

void
FullTcpTimeWaitRecord::IllegalTransition(FullTcpState from,
                                         FullTcpState to,
                                         FullTcpStateCause cause)
{
    NS_LOG_ERROR(m_tuple << " illegal transition " << from << " -> " << to << " (" << cause << ")");
}

// ---------------------------------------------------------------------------------- table

FullTcpTimeWaitTable::FullTcpTimeWaitTable(FullTcpL4Protocol* protocol) : m_protocol(protocol) {}

FullTcpTimeWaitTable::~FullTcpTimeWaitTable()
{
    Clear();
}

FullTcpTimeWaitRecord*
FullTcpTimeWaitTable::Adopt(const FullTcpFourTuple& tuple,
                            FullTcpPortableConnection connection,
                            const FullTcpIpParams& ip)
{
    auto record =
        std::make_unique<FullTcpTimeWaitRecord>(m_protocol, tuple, std::move(connection), ip);
    FullTcpTimeWaitRecord* raw = record.get();
    m_records[tuple] = std::move(record);
    return raw;
}

void
FullTcpTimeWaitTable::Release(const FullTcpFourTuple& tuple)
{
    auto it = m_records.find(tuple);
    if (it != m_records.end())
    {
        it->second->Cancel();
        m_released.push_back(std::move(it->second));
        m_records.erase(it);
    }
}

void
FullTcpTimeWaitTable::Purge()
{
    m_released.clear();
}

void
FullTcpTimeWaitTable::Clear()
{
    for (auto& [tuple, record] : m_records)
    {
        record->Cancel();
    }
    m_records.clear();
    m_released.clear();
}

size_t
FullTcpTimeWaitTable::Size() const
{
    return m_records.size();
}

} // namespace ns3
