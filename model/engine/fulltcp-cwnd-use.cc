/*
 * Engine: how the flight used cwnd (tcp_cwnd_validate()) and cwnd after idleness (Linux)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: with FullTcpConfig::cwndValidation, cwnd grows on an ACK only when the
 * flight used it (RFC 7661's concern, Linux's rule): Linux decides this per round of data
 * rather than from the flight of the moment, so a window that was full when sent still
 * counts while its ACKs drain it. With FullTcpConfig::slowStartAfterIdle a write after an
 * idle RTO restarts cwnd.
 */
#include "fulltcp-connection.h"

namespace ns3
{

void
FullTcpConnection::TrackCwndUse(bool sentNew)
{
    // tcp_write_xmit() runs when data waits (tcp_push_pending_frames()) and ends with
    // "is_cwnd_limited |= (tcp_packets_in_flight(tp) >= tcp_snd_cwnd(tp))", then
    // tcp_cwnd_validate() when it sent something or cwnd stopped it.
    if (!sentNew && m_tcb.DataEnd() <= m_tcb.sndNxt)
    {
        return;
    }
    const uint32_t smss = std::max<uint32_t>(m_tcb.sndMss, 1);
    const uint32_t inFlight = (m_recovery->BytesInFlight(*this) + smss - 1) / smss;
    const bool limited = inFlight >= m_tcb.cc.cwnd / smss;
    if (!sentNew && !limited)
    {
        return;
    }
    // tcp_cwnd_validate(): a new round once SND.UNA passed where the last one began; within
    // a round, being cwnd-limited, or a larger flight while not, is remembered.
    const uint32_t flight = m_tcb.FlightSize(); // packets_out
    if (m_tcb.sndUna >= m_tcb.cwndUsageSeq || limited
        || (!m_tcb.cwndLimitedRound && flight > m_tcb.maxFlightRound))
    {
        m_tcb.cwndLimitedRound = limited;
        m_tcb.maxFlightRound = flight;
        m_tcb.cwndUsageSeq = m_tcb.sndNxt;
    }
}

std::optional<bool>
FullTcpConnection::CwndLimited() const
{
    if (!m_config.cwndValidation)
    {
        return std::nullopt;
    }
    // tcp_is_cwnd_limited(): "If in slow start, ensure cwnd grows to twice what was ACKed."
    const bool slowStart = m_tcb.cc.cwnd < m_tcb.cc.ssthresh;
    return m_tcb.cwndLimitedRound
        || (slowStart && uint64_t {m_tcb.cc.cwnd} < 2 * uint64_t {m_tcb.maxFlightRound});
}

void
FullTcpConnection::RestartAfterIdle()
{
    // tcp_slow_start_after_idle_check(): nothing in flight, not for an algorithm that sets
    // cwnd itself (ca_ops->cong_control), and idle for more than the RTO since data last
    // left (lsndtime).
    if (!m_config.slowStartAfterIdle || !m_tcb.SynAcked() || m_tcb.FlightSize() > 0
        || m_cc->SetsPacingRate() || m_tcb.lastDataSent.IsZero())
    {
        return;
    }
    // icsk_rto: window probes back off icsk_backoff only (tcp_probe0_when()), so while
    // probing the RTO is the estimator's, not the probes' backed-off interval.
    const Time rto = m_tcb.probing ? m_tcb.rtt.GetRto() : m_tcb.rto;
    Time idle = m_now - m_tcb.lastDataSent;
    if (idle <= rto || !rto.IsStrictlyPositive())
    {
        return;
    }
    // tcp_cwnd_restart(): ssthresh = tcp_current_ssthresh(), then cwnd halves once per RTO
    // of idleness down to the initial window (in segments).
    const uint32_t smss = std::max<uint32_t>(m_tcb.sndMss, 1);
    uint32_t cwnd = m_tcb.cc.cwnd / smss;
    if (m_tcb.caState != FullTcpCaState::CWR && m_tcb.caState != FullTcpCaState::RECOVERY)
    {
        m_tcb.cc.ssthresh = std::max(m_tcb.cc.ssthresh, ((cwnd >> 1) + (cwnd >> 2)) * smss);
    }
    const uint32_t restart = std::min(std::max(1U, m_config.initialCwnd), cwnd);
    while ((idle -= rto).IsStrictlyPositive() && cwnd > restart)
    {
        cwnd >>= 1;
    }
    m_tcb.cc.cwnd = std::max(cwnd, restart) * smss;
}

} // namespace ns3
