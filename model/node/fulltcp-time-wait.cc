/*
 * Node: TIME_WAIT table: adopt, answer segments, per-policy expiry queues, close to CLOSED
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-time-wait.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTimeWait");

// --------------------------------------------------------------------------------- record

FullTcpTimeWaitRecord::FullTcpTimeWaitRecord(const FullTcpTimeWaitState& state,
                                             Time expiry,
                                             uint32_t policy) :
    m_state(state),
    m_expiry(expiry), m_policy(policy)
{
}

FullTcpTimeWaitRecord::Answer
FullTcpTimeWaitRecord::SegmentArrives(const FullTcpTimeWaitPolicy& policy,
                                      const FullTcpSegmentIn& segment,
                                      const std::function<bool()>& listener)
{
    const FullTcpHeader& h = segment.header;
    const Time now = segment.arrival;
    Answer answer {FullTcpTimeWaitSegmentArrives(m_state, policy, segment, listener), std::nullopt};
    const FullTcpTimeWaitVerdict& v = answer.verdict;
    if (v.tsRecent)
    {
        m_state.tsRecent = *v.tsRecent;
        m_state.tsRecentTime = now;
    }
    if (v.restartTimer)
    {
        m_expiry = now + 2 * policy.msl;
    }
    const bool send = v.reply == FullTcpReply::ACK
                   || (v.reply == FullTcpReply::CHALLENGE_ACK
                       && FullTcpChallengeAckAllowed(
                           m_state.lastChallengeAck, policy.challengeAckInterval, now));
    if (send)
    {
        answer.ack =
            FullTcpTimeWaitAck(m_state, h.GetDestinationPort(), h.GetSourcePort(), now, v.dsack);
    }
    return answer;
}

const FullTcpTimeWaitState&
FullTcpTimeWaitRecord::GetState() const
{
    return m_state;
}

Time
FullTcpTimeWaitRecord::GetExpiry() const
{
    return m_expiry;
}

// ---------------------------------------------------------------------------------- table

FullTcpTimeWaitTable::FullTcpTimeWaitTable(FullTcpL4Protocol* protocol) : m_protocol(protocol) {}

FullTcpTimeWaitTable::~FullTcpTimeWaitTable()
{
    Clear();
}

FullTcpTimeWaitRecord*
FullTcpTimeWaitTable::Adopt(const FullTcpFourTuple& tuple,
                            const FullTcpConnection& connection,
                            const FullTcpIpParams& ip)
{
    FullTcpTimeWaitState state = connection.GetTimeWaitState();
    state.ttl = ip.ttl;
    state.tos = ip.tos;
    // The engine armed 2·MSL on entering TIME_WAIT (or restarted it since).
    const auto linger = connection.GetTcb().timerDeadline.Get(FullTcpTimer::LINGER);
    const Time expiry = linger.value_or(Simulator::Now());
    const uint32_t policy = QueueFor(FullTcpTimeWaitPolicy::From(connection.GetConfig()));
    Release(tuple); // a stale record of the same 4-tuple, if any
    auto [it, inserted] = m_records.emplace(tuple, FullTcpTimeWaitRecord(state, expiry, policy));
    Link(*it);
    Reschedule();
    return &it->second;
}

void
FullTcpTimeWaitTable::SegmentArrives(const FullTcpFourTuple& tuple,
                                     const FullTcpSegmentIn& segment,
                                     Ptr<NetDevice> device)
{
    const FullTcpHeader& h = segment.header;
    auto it = m_records.find(tuple);
    if (it == m_records.end())
    {
        return;
    }
    FullTcpTimeWaitRecord& record = it->second;
    const FullTcpTimeWaitPolicy& policy = m_queues[record.m_policy].policy;
    const FullTcpTimeWaitRecord::Answer answer = record.SegmentArrives(
        policy,
        segment,
        [&]
        {
            return m_protocol->HasListener(tuple.localAddress, tuple.localPort);
        });
    const FullTcpTimeWaitVerdict& v = answer.verdict;
    if (v.restartTimer)
    {
        Unlink(*it);
        Link(*it);
        Reschedule();
    }
    if (answer.ack)
    {
        const FullTcpTimeWaitState& st = record.GetState();
        m_protocol->SendSegment(
            *answer.ack, nullptr, tuple, FullTcpIpParams {nullptr, st.ttl, st.tos});
    }
    if (v.drop)
    {
        NS_LOG_LOGIC(tuple << " drop " << h << ": " << *v.drop);
    }
    if (v.close)
    {
        const FullTcpFourTuple copy = tuple;
        Close(copy, *v.close);
        if (*v.close == FullTcpStateCause::RCV_SYN)
        {
            // RFC 6191: the SYN is the listener's, with the ISS chosen here.
            m_protocol->ReopenFromTimeWait(copy, h, v.reuseIss, device);
        }
    }
}

void
FullTcpTimeWaitTable::Close(FullTcpFourTuple tuple, FullTcpStateCause cause)
{
    m_protocol->NotifyTransition(tuple, FullTcpState::TIME_WAIT, FullTcpState::CLOSED, cause);
    m_protocol->ReleaseConnection(tuple); // the demux entry; it calls Release()
    Release(tuple);                       // in case the demux no longer had it
}

void
FullTcpTimeWaitTable::Release(const FullTcpFourTuple& tuple)
{
    auto it = m_records.find(tuple);
    if (it == m_records.end())
    {
        return;
    }
    Unlink(*it);
    m_records.erase(it);
    Reschedule();
}

void
FullTcpTimeWaitTable::Clear()
{
    m_event.Cancel();
    m_records.clear();
    m_queues.clear();
}

size_t
FullTcpTimeWaitTable::Size() const
{
    return m_records.size();
}

void
FullTcpTimeWaitTable::ForEachTuple(const std::function<void(const FullTcpFourTuple&)>& visit) const
{
    for (const auto& record : m_records)
    {
        visit(record.first);
    }
}

uint32_t
FullTcpTimeWaitTable::QueueFor(const FullTcpTimeWaitPolicy& policy)
{
    for (size_t i = 0; i < m_queues.size(); ++i)
    {
        if (m_queues[i].policy == policy)
        {
            return static_cast<uint32_t>(i);
        }
    }
    m_queues.push_back(Queue {policy, nullptr, nullptr});
    return static_cast<uint32_t>(m_queues.size() - 1);
}

void
FullTcpTimeWaitTable::Link(FullTcpTimeWaitEntry& entry)
{
    FullTcpTimeWaitRecord& r = entry.second;
    Queue& q = m_queues[r.m_policy];
    // Walk back from the tail past later expiries. With one MSL a new or restarted record
    // expires last and the walk stops at once; one adopted with an older deadline (its
    // socket lingered) moves further forward.
    FullTcpTimeWaitEntry* before = q.tail;
    while (before && before->second.m_expiry > r.m_expiry)
    {
        before = before->second.m_prev;
    }
    r.m_prev = before;
    r.m_next = before ? before->second.m_next : q.head;
    (r.m_next ? r.m_next->second.m_prev : q.tail) = &entry;
    (before ? before->second.m_next : q.head) = &entry;
}

void
FullTcpTimeWaitTable::Unlink(FullTcpTimeWaitEntry& entry)
{
    FullTcpTimeWaitRecord& r = entry.second;
    Queue& q = m_queues[r.m_policy];
    (r.m_prev ? r.m_prev->second.m_next : q.head) = r.m_next;
    (r.m_next ? r.m_next->second.m_prev : q.tail) = r.m_prev;
    r.m_prev = nullptr;
    r.m_next = nullptr;
}

void
FullTcpTimeWaitTable::Reschedule()
{
    std::optional<Time> earliest;
    for (const Queue& q : m_queues)
    {
        if (q.head && (!earliest || q.head->second.m_expiry < *earliest))
        {
            earliest = q.head->second.m_expiry;
        }
    }
    if (!earliest)
    {
        m_event.Cancel();
        return;
    }
    if (!m_event.IsExpired() && m_eventAt == *earliest)
    {
        return;
    }
    m_event.Cancel();
    m_eventAt = *earliest;
    m_event = Simulator::Schedule(
        Max(*earliest - Simulator::Now(), Time(0)), &FullTcpTimeWaitTable::Expire, this);
}

void
FullTcpTimeWaitTable::Expire()
{
    const Time now = Simulator::Now();
    for (size_t i = 0; i < m_queues.size(); ++i)
    {
        // §3.10.8: "If the time-wait timeout expires on a connection, delete the TCB, enter
        // the CLOSED state, and return."
        while (m_queues[i].head && m_queues[i].head->second.m_expiry <= now)
        {
            Close(m_queues[i].head->first, FullTcpStateCause::TIMEOUT_2MSL);
        }
    }
    Reschedule();
}

} // namespace ns3
