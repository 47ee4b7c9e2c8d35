/*
 * Engine: timer slots as deadlines, retransmission timeout, give-up (RFC 9293 §3.10.8, RFC 6298)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: timers as data (RFC 9293 §3.10.8). Each slot's expiry time is kept
 * here, so a late or cancelled expiry reported by the glue is recognised and ignored; an
 * expiry runs the slot's handler. The engine's own slots and their handlers are listed here
 * (EngineTimerSlots()); other mechanisms register theirs (FullTcpTimer::Register()).
 */
#include "fulltcp-connection.h"

#include "ns3/fulltcp-tlp.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTimers");

namespace
{
using S = FullTcpState;
using C = FullTcpStateCause;

/// Linux tcp_model_timeout(): how long n retransmissions take when every timeout doubles from
/// base up to maxRto. \param n retransmissions \param base first timeout \param maxRto cap
/// \return their total time
Time
ModelTimeout(uint32_t n, Time base, Time maxRto)
{
    uint32_t thresh = 0; // ilog2(TCP_RTO_MAX / rto_base)
    while (thresh < 31 && base * (int64_t {2} << thresh) <= maxRto)
    {
        ++thresh;
    }
    return n <= thresh
             ? base * ((int64_t {2} << n) - 1)
             : base * ((int64_t {2} << thresh) - 1) + maxRto * static_cast<int64_t>(n - thresh);
}
} // namespace

const std::array<FullTcpTimerSlot, 4>&
FullTcpConnection::EngineTimerSlots()
{
    static const std::array<FullTcpTimerSlot, 4> slots {{
        {FullTcpTimer::RETRANSMIT,
         "RETRANSMIT",
         [](const FullTcpTimerExpiry& e)
         {
             e.connection.RetransmitTimeout();
         }},
        {FullTcpTimer::DELAYED_ACK,
         "DELAYED_ACK",
         [](const FullTcpTimerExpiry& e)
         {
             e.connection.DelayedAckTimeout();
         }},
        {FullTcpTimer::KEEPALIVE,
         "KEEPALIVE",
         [](const FullTcpTimerExpiry& e)
         {
             e.connection.KeepAliveTimeout();
         }},
        {FullTcpTimer::LINGER,
         "LINGER",
         [](const FullTcpTimerExpiry& e)
         {
             e.connection.LingerTimeout();
         }},
    }};
    return slots;
}

void
FullTcpConnection::ArmTimer(FullTcpTimer timer, Time delay)
{
    m_tcb.timerDeadline.Set(timer, m_now + delay);
    m_out.ArmTimer(timer, delay);
}

void
FullTcpConnection::CancelTimer(FullTcpTimer timer)
{
    if (m_tcb.timerDeadline.Reset(timer))
    {
        m_out.CancelTimer(timer);
    }
}

void
FullTcpConnection::CancelAllTimers()
{
    for (uint32_t i = 0; i < FullTcpTimer::Count(); ++i)
    {
        CancelTimer(FullTcpTimer::At(i));
    }
}

void
FullTcpConnection::StartRetransmitTimerIfIdle()
{
    // RFC 6298 §5.1: "Every time a packet containing data is sent (including a
    // retransmission), if the timer is not running, start it running so that it will
    // expire after RTO seconds."
    if (!m_tcb.timerDeadline.Get(FullTcpTimer::RETRANSMIT))
    {
        ArmRetransmitTimer(m_tcb.rto);
    }
}

void
FullTcpConnection::ArmRetransmitTimer(Time delay)
{
    // RFC 5482 / RFC 9293 §3.8.3 USER TIMEOUT: expire no later than its deadline, so that
    // the connection gives up on time (as Linux tcp_clamp_rto_to_user_timeout()).
    if (const std::optional<Time> start = UserTimeoutStart())
    {
        const Time left = *start + m_config.userTimeout - m_now;
        delay = std::max(Seconds(0), std::min(delay, left));
    }
    ArmTimer(FullTcpTimer::RETRANSMIT, delay);
}

std::optional<Time>
FullTcpConnection::UserTimeoutStart() const
{
    if (!m_config.userTimeout.IsStrictlyPositive())
    {
        return std::nullopt;
    }
    if (!m_config.linuxGiveUp)
    {
        return m_tcb.SynAcked() ? std::optional<Time>(m_tcb.lastProgress) : std::nullopt;
    }
    // Linux counts from the first zero-window probe (tcp_clamp_probe0_to_user_timeout()), else
    // from retrans_stamp, set by the first retransmission (the first SYN in SYN_SENT,
    // tcp_connect()); before a retransmission the RTO is not cut.
    if (m_tcb.probing)
    {
        return m_tcb.probesStamp;
    }
    if (m_tcb.state == S::SYN_SENT)
    {
        return m_tcb.retransmits > 0 ? std::optional<Time>(m_tcb.lastProgress) : std::nullopt;
    }
    return m_tcb.SynAcked() ? m_tcb.retransStamp : std::nullopt;
}

void
FullTcpConnection::TimerExpired(FullTcpTimer timer, Time now)
{
    InputScope input(*this, now);
    if (timer == FullTcpTimer::RETRANSMIT)
    {
        // Linux runs the loss probe and the retransmission timeout on one timer, the probe
        // in place of the RTO and never later (tcp_schedule_loss_probe(): "If the RTO formula
        // yields an earlier time, then use that time"). When both are due now the probe goes
        // first, and re-arms the RTO from now (tcp_send_loss_probe(): tcp_rearm_rto()).
        RunIfDue(FullTcpTailLossProbe::TIMER);
    }
    RunIfDue(timer);
}

bool
FullTcpConnection::RunIfDue(FullTcpTimer timer)
{
    const std::optional<Time> deadline = m_tcb.timerDeadline.Get(timer);
    if (!deadline || m_now < *deadline)
    {
        return false; // cancelled or re-armed since: a stale expiry
    }
    m_tcb.timerDeadline.Reset(timer);
    timer.Handler()(FullTcpTimerExpiry {*this, *this, *m_recovery, timer});
    return true;
}

void
FullTcpConnection::LingerTimeout()
{
    // §3.10.8: "If the time-wait timeout expires on a connection, delete the TCB, enter the
    // CLOSED state, and return." The same slot ends an orphaned FIN_WAIT_2.
    if (m_tcb.state == S::TIME_WAIT)
    {
        SetState(S::CLOSED, C::TIMEOUT_2MSL);
    }
    else if (m_tcb.state == S::FIN_WAIT_2)
    {
        SetState(S::CLOSED, C::TIMEOUT_FIN_WAIT_2);
    }
}

void
FullTcpConnection::DelayedAckTimeout()
{
    // RFC 9293 §3.8.6.3: the delayed acknowledgment is due.
    if (m_ackPending)
    {
        SendAck();
    }
}

uint32_t
FullTcpConnection::RetryLimit() const
{
    if (!m_tcb.SynAcked())
    {
        // Linux tcp_write_timeout(): in SYN_SENT "max_retransmits +=
        // sysctl_tcp_syn_linear_timeouts".
        return m_tcb.passive ? m_config.synAckRetries
                             : m_config.synRetries
                                   + (m_tcb.state == S::SYN_SENT ? m_config.synLinearTimeouts : 0);
    }
    // Linux tcp_write_timeout(): an orphan (SOCK_DEAD) retries tcp_orphan_retries times, 0
    // meaning 8 while the RTO is below TCP_RTO_MAX (tcp_orphan_retries()).
    if (m_config.linuxGiveUp && m_tcb.appClosed)
    {
        return m_config.orphanRetries == 0 && m_tcb.rto < m_config.maxRto ? 8
                                                                          : m_config.orphanRetries;
    }
    return m_config.dataRetries;
}

bool
FullTcpConnection::GiveUp(uint32_t attempts) const
{
    // RFC 9293 §3.8.3: R2 retransmissions, or the USER TIMEOUT once data is flowing.
    return attempts >= RetryLimit()
        || (m_config.userTimeout.IsStrictlyPositive() && m_tcb.SynAcked()
            && m_now - m_tcb.lastProgress >= m_config.userTimeout)
        || SynTimedOut(attempts);
}

bool
FullTcpConnection::SynTimedOut(uint32_t attempts) const
{
    // Linux tcp_write_timeout() gives up in SYN_SENT on a count (synRetries plus the linear
    // timeouts, RetryLimit()) or on time, whichever comes first: retransmits_timed_out()
    // with tcp_model_timeout(), the time synRetries retransmissions take when every timeout
    // doubles from the initial RTO, capped at TCP_RTO_MAX. Without linear timeouts both
    // come at the same expiry; with them the time does first (TCP_SYNCNT 2: 7 s, at the
    // sixth timeout, not the seventh).
    if (m_tcb.state != S::SYN_SENT || m_config.synLinearTimeouts == 0 || attempts == 0
        || !m_config.initialRto.IsStrictlyPositive())
    {
        return false;
    }
    return m_now - m_tcb.lastProgress
        >= ModelTimeout(m_config.synRetries, m_config.initialRto, m_config.maxRto);
}

bool
FullTcpConnection::LinuxWriteTimedOut() const
{
    // Linux tcp_write_timeout(). In SYN_SENT: the count (and SynTimedOut()), or with a user
    // timeout the count and that time since the first SYN (retransmits_timed_out()).
    if (!m_tcb.SynAcked())
    {
        if (m_tcb.state != S::SYN_SENT || !m_config.userTimeout.IsStrictlyPositive())
        {
            return GiveUp(m_tcb.retransmits);
        }
        return m_tcb.retransmits >= RetryLimit()
            || (m_tcb.retransmits > 0 && m_now - m_tcb.lastProgress >= m_config.userTimeout);
    }
    // Otherwise time only, from the first retransmission: the user timeout, or what RetryLimit()
    // retransmissions doubling from TCP_RTO_MIN take (tcp_model_timeout()), whatever the count.
    if (m_tcb.retransmits == 0 || !m_tcb.retransStamp)
    {
        return false;
    }
    const Time limit = m_config.userTimeout.IsStrictlyPositive()
                         ? m_config.userTimeout
                         : ModelTimeout(RetryLimit(), m_config.minRto, m_config.maxRto);
    return m_now - *m_tcb.retransStamp >= limit;
}

void
FullTcpConnection::RetransmitTimeout()
{
    // One slot, three jobs. Data in flight is retransmitted (RFC 6298 §5.4), unless the
    // peer's window is closed: then the expiry is a zero-window probe, as it is when nothing
    // is in flight and data waits (persist, RFC 9293 §3.8.6.1). The FIN needs no window.
    const bool dataInFlight = m_tcb.sndUna < std::min(m_tcb.sndNxt, m_tcb.DataEnd());
    const bool dataWaiting = m_tcb.DataEnd() > m_tcb.sndNxt;
    if (SendingAllowed()
        && ((m_tcb.sndWnd == 0 && (dataInFlight || dataWaiting))
            || (m_tcb.sndNxt == m_tcb.sndUna && dataWaiting)))
    {
        PersistTimeout();
        return;
    }
    if (m_tcb.sndUna < m_tcb.sndNxt)
    {
        DataRetransmitTimeout();
    }
}

void
FullTcpConnection::DataRetransmitTimeout()
{
    if (m_config.linuxGiveUp ? LinuxWriteTimedOut() : GiveUp(m_tcb.retransmits))
    {
        // RFC 9293 §3.8.3: at R2 "close the connection". No RST: the peer is unreachable.
        SetState(S::CLOSED, C::RETRIES_EXHAUSTED);
        return;
    }
    if (m_tcb.SynAcked())
    {
        // RFC 5681 §3.1: ssthresh from FlightSize (held constant when the segment already
        // went by timeout once), cwnd = LW = 1 SMSS; RFC 6582 §3.2 step 6 and RFC 6675 §5.1:
        // recover = HighData, leave loss recovery; RFC 2018 §8: forget the SACKed bits (the
        // receiver may have reneged). Then go-back-N in slow start (Output()).
        UndoBeginTimeout();
        // RFC 3168 §6.1.2: not when an ECE reduced it within the last window (Linux
        // tcp_enter_loss() keeps ssthresh in CWR).
        if (m_tcb.retransmits == 0 && m_tcb.caState != FullTcpCaState::CWR)
        {
            m_tcb.cc.ssthresh = SsThreshAfterLoss();
        }
        m_tcb.cc.cwnd = m_tcb.sndMss;
        m_tcb.inRecovery = false;
        m_tcb.dupAcks = 0;
        m_tcb.recover = m_tcb.sndNxt;
        m_tcb.scoreboard.Clear();
        m_recovery->OnTimeout(*this);
        // Linux tcp_enter_loss(): every timeout enters Loss, a repeated one too.
        SetCaState(FullTcpCaState::LOSS);
    }
    ++m_tcb.retransmits;
    if (!m_tcb.retransStamp && m_tcb.SynAcked())
    {
        m_tcb.retransStamp = m_now; // Linux tcp_retransmit_skb(): retrans_stamp
    }
    // RFC 6298 §5.4 retransmit the earliest segment, §5.5 back off, §5.6 restart the timer.
    // Linux 6.5+ tcp_retransmit_timer() keeps the RTO of a SYN_SENT timeout while its count
    // (tp->total_rto) is at most tcp_syn_linear_timeouts.
    RetransmitEarliest();
    if (m_tcb.state != S::SYN_SENT || m_tcb.retransmits > m_config.synLinearTimeouts)
    {
        m_tcb.rto = std::min(2 * m_tcb.rto, m_config.maxRto);
    }
    ArmRetransmitTimer(m_tcb.rto);
}

} // namespace ns3
