/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: timers as data (RFC 9293 §3.10.8). Each slot's expiry time is kept
 * here, so a late or cancelled expiry reported by the glue is recognised and ignored.
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

namespace
{
using S = FullTcpState;
using C = FullTcpStateCause;
} // namespace

void
FullTcpConnection::ArmTimer(FullTcpTimer timer, Time delay)
{
    m_tcb.timerDeadline[static_cast<uint32_t>(timer)] = m_now + delay;
    m_out.ArmTimer(timer, delay);
}

void
FullTcpConnection::CancelTimer(FullTcpTimer timer)
{
    auto& deadline = m_tcb.timerDeadline[static_cast<uint32_t>(timer)];
    if (deadline)
    {
        deadline.reset();
        m_out.CancelTimer(timer);
    }
}

void
FullTcpConnection::StartRetransmitTimerIfIdle()
{
    // RFC 6298 §5.1: "Every time a packet containing data is sent (including a
    // retransmission), if the timer is not running, start it running so that it will
    // expire after RTO seconds."
    if (!m_tcb.timerDeadline[static_cast<uint32_t>(FullTcpTimer::RETRANSMIT)])
    {
        ArmTimer(FullTcpTimer::RETRANSMIT, m_tcb.rto);
    }
}

void
FullTcpConnection::TimerExpired(FullTcpTimer timer, Time now)
{
    InputScope input(*this, now);
    auto& deadline = m_tcb.timerDeadline[static_cast<uint32_t>(timer)];
    if (!deadline || now < *deadline)
    {
        return; // cancelled or re-armed since: a stale expiry
    }
    deadline.reset();
    switch (timer)
    {
    case FullTcpTimer::RETRANSMIT:
        RetransmitTimeout();
        break;
    case FullTcpTimer::LINGER:
        // §3.10.8: "If the time-wait timeout expires on a connection, delete the TCB, enter
        // the CLOSED state, and return." The same slot ends an orphaned FIN_WAIT_2.
        if (m_tcb.state == S::TIME_WAIT)
        {
            SetState(S::CLOSED, C::TIMEOUT_2MSL);
        }
        else if (m_tcb.state == S::FIN_WAIT_2)
        {
            SetState(S::CLOSED, C::TIMEOUT_FIN_WAIT_2);
        }
        break;
    case FullTcpTimer::DELAYED_ACK:
    case FullTcpTimer::KEEPALIVE:
        break; // not armed by the lifecycle engine
    }
}

uint32_t
FullTcpConnection::RetryLimit() const
{
    if (!m_tcb.SynAcked())
    {
        return m_tcb.passive ? m_config.synAckRetries : m_config.synRetries;
    }
    return m_config.dataRetries;
}

void
FullTcpConnection::RetransmitTimeout()
{
    if (m_tcb.sndUna >= m_tcb.sndNxt)
    {
        return; // everything acknowledged
    }
    if (m_tcb.retransmits >= RetryLimit())
    {
        // RFC 9293 §3.8.3: at R2 "close the connection". No RST: the peer is unreachable.
        SetState(S::CLOSED, C::RETRIES_EXHAUSTED);
        return;
    }
    ++m_tcb.retransmits;
    // RFC 6298 §5.4 retransmit the earliest segment, §5.5 back off, §5.6 restart the timer.
    RetransmitEarliest();
    m_tcb.rto = std::min(2 * m_tcb.rto, m_config.maxRto);
    ArmTimer(FullTcpTimer::RETRANSMIT, m_tcb.rto);
}

} // namespace ns3
