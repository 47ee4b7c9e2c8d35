/*
 * Engine: zero-window probes (RFC 9293 §3.8.6.1) and keepalive probes (RFC 9293 §3.8.4)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: probing the peer. Zero-window probes on the persist timer (RFC 9293
 * §3.8.6.1, RFC 1122 §4.2.2.17) and keepalive probes on an idle connection (RFC 9293
 * §3.8.4, RFC 1122 §4.2.3.6).
 */
#include "fulltcp-connection.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpProbes");

namespace
{
using S = FullTcpState;
using C = FullTcpStateCause;
using H = FullTcpHeader;
} // namespace

// ------------------------------------------------------------------------ persist

void
FullTcpConnection::PersistTimeout()
{
    if (m_tcb.sndWnd > 0)
    {
        // The window is open but sender SWS avoidance (or Nagle after an ACK was lost) held
        // the data back with nothing in flight: RFC 9293 §3.8.6.2.1 (4), "the override
        // timeout", sends what the windows allow now (as Linux tcp_write_wakeup()).
        const int64_t end = SegmentEnd(m_tcb.sndNxt, WindowEnd(0), true);
        if (end > m_tcb.sndNxt)
        {
            // Linux's prober (zeroWindowProbeData false), tcp_write_wakeup(), marks what it
            // sends with PSH ("TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH"): bytes a write left
            // unpushed (MSG_MORE, TCP_CORK) get it too. RFC 9293 §3.9.1 puts PSH only where
            // the application pushed.
            const int64_t dataEnd = std::min(end, m_tcb.DataEnd());
            const auto at =
                std::lower_bound(m_tcb.writeEnds.begin(), m_tcb.writeEnds.end(), dataEnd);
            if (!m_config.zeroWindowProbeData && dataEnd > m_tcb.sndNxt
                && (at == m_tcb.writeEnds.end() || *at != dataEnd))
            {
                m_tcb.writeEnds.insert(at, dataEnd);
            }
            SendNewSegment(end);
        }
        return;
    }
    // A zero window (§3.8.6.1): "The sending TCP peer must regularly transmit at least one
    // octet of new data (if available), or retransmit to the receiving TCP peer even if the
    // send window is zero". Probing goes on as long as the peer answers (MUST-37); when it
    // stops answering, the data retry limit (or the user timeout) ends the connection.
    const bool firstProbe = !m_tcb.probing;
    if (m_config.linuxGiveUp ? LinuxProbeTimedOut(firstProbe) : GiveUp(m_tcb.probesOut))
    {
        SetState(S::CLOSED, C::RETRIES_EXHAUSTED);
        return;
    }
    ++m_tcb.probesOut;
    m_tcb.probing = true;
    if (m_tcb.sndUna < std::min(m_tcb.sndNxt, m_tcb.DataEnd()))
    {
        RetransmitFrom(m_tcb.sndUna, m_tcb.sndUna + 1); // the first octet outside the window
    }
    else if (m_config.zeroWindowProbeData)
    {
        SendNewSegment(m_tcb.sndNxt + 1); // one new octet
    }
    else
    {
        // Linux tcp_write_wakeup(): nothing fits the window, so tcp_xmit_probe_skb() sends
        // "a previous sequence", <SEQ=SND.UNA-1><ACK>, no data: the peer answers with an ACK
        // (RFC 9293 §3.10.7.4 first check) that carries its window.
        Transmit(MakeHeader(H::ACK, m_tcb.sndUna - 1), Create<Packet>());
    }
    // SHLD-29/30: the first probe after one RTO (or PersistTimeout), then exponentially
    // further apart (RFC 1122 §4.2.2.17), at most maxRto apart; Linux doubles at most
    // tcp_retries2 times (tcp_send_probe0(): icsk_backoff).
    const Time base = firstProbe ? PersistBase() : m_tcb.rto;
    const bool backOff = !m_config.linuxGiveUp || m_tcb.probeBackoff < m_config.dataRetries;
    m_tcb.rto = backOff ? std::min(2 * base, m_config.maxRto) : base;
    m_tcb.probeBackoff += backOff ? 1 : 0;
    ArmRetransmitTimer(m_tcb.rto);
}

bool
FullTcpConnection::LinuxProbeTimedOut(bool firstProbe)
{
    // Linux tcp_probe_timer(): answered probes go on for ever (tcp_ack() resets
    // icsk_probes_out), but not beyond the user timeout, counted from the first probe
    // (icsk_probes_tstamp); unanswered ones end at tcp_retries2 (tcp_orphan_retries for an
    // orphan).
    if (firstProbe)
    {
        m_tcb.probesStamp = m_now;
        m_tcb.probeBackoff = 0;
    }
    else if (m_config.userTimeout.IsStrictlyPositive()
             && m_now - m_tcb.probesStamp >= m_config.userTimeout)
    {
        return true;
    }
    return m_tcb.probesOut >= RetryLimit();
}

Time
FullTcpConnection::PersistBase() const
{
    // A closed window waits persistTimeout when configured (as ns-3 TcpSocketBase's
    // m_persistTimeout), else one RTO; data held by sender SWS avoidance waits one RTO.
    if (m_tcb.sndWnd == 0 && m_config.persistTimeout.IsStrictlyPositive())
    {
        return m_config.persistTimeout;
    }
    return m_tcb.rto;
}

void
FullTcpConnection::ProbeAnswered()
{
    // Any acceptable ACK answers the probes; only an open window ends the probing, and
    // with it the backoff (as Linux tcp_ack_probe()).
    m_tcb.probesOut = 0;
    if (!m_tcb.probing || m_tcb.sndWnd == 0)
    {
        return;
    }
    m_tcb.probing = false;
    m_tcb.rto = m_tcb.rtt.GetRto();
    // The window opened without taking the probe octet (SND.NXT = SND.UNA + 1): take it back,
    // so it leaves at the head of the next full segment instead of alone after an RTO while
    // Nagle holds the rest behind it (BSD tcp_output() pulls snd_nxt back to the window;
    // Linux's probes never advance SND.NXT).
    if (m_tcb.sndNxt == m_tcb.sndUna + 1 && m_tcb.sndNxt <= m_tcb.DataEnd())
    {
        m_tcb.sndNxt = m_tcb.sndUna;
        m_tcb.rttTimedEnd.reset();
    }
    if (m_tcb.sndNxt > m_tcb.sndUna)
    {
        ArmRetransmitTimer(m_tcb.rto);
    }
    else
    {
        CancelTimer(FullTcpTimer::RETRANSMIT);
    }
}

// ------------------------------------------------------------------------ keepalive

void
FullTcpConnection::StartKeepAlive()
{
    // The idle time counts from the segment that completed the handshake, also for keepalive
    // turned on later (SetOptions(); Linux's tcp_finish_connect() and the passive ACK set
    // rcv_tstamp, read by keepalive_time_elapsed()).
    m_tcb.lastReceived = m_now;
    // RFC 9293 §3.8.4: off unless asked for (MUST-25); the idle time is at least two hours
    // by default (MUST-28).
    if (m_config.keepAlive)
    {
        m_tcb.keepAliveProbesOut = 0;
        ArmTimer(FullTcpTimer::KEEPALIVE, m_config.keepAliveIdle);
    }
}

void
FullTcpConnection::KeepAliveTimeout()
{
    // Only a connection with nothing outstanding is probed (ESTABLISHED, CLOSE_WAIT,
    // FIN_WAIT_2): while data or a FIN is outstanding (FIN_WAIT_1, CLOSING, LAST_ACK too) the
    // retransmission timer watches the peer. TIME_WAIT and CLOSED turned this timer off.
    // FIN_WAIT_2 is probed as in Linux: a half-closed connection whose peer vanished would
    // otherwise wait forever.
    const S st = m_tcb.state;
    if (m_tcb.sndNxt > m_tcb.sndUna || m_tcb.DataEnd() > m_tcb.sndNxt)
    {
        m_tcb.keepAliveProbesOut = 0;
        ArmTimer(FullTcpTimer::KEEPALIVE, m_config.keepAliveIdle);
        return;
    }
    // RFC 1122 §4.2.3.6: probe when "no data or acknowledgement packets have been received
    // for the connection within an interval"; an answer (any acceptable segment) resets
    // the count and the idle time.
    const Time idle = m_now - m_tcb.lastReceived;
    if (m_tcb.keepAliveProbesOut == 0 && idle < m_config.keepAliveIdle)
    {
        ArmTimer(FullTcpTimer::KEEPALIVE, m_config.keepAliveIdle - idle);
        return;
    }
    if (m_config.linuxGiveUp
        && (m_config.userTimeout.IsStrictlyPositive()
                ? m_tcb.keepAliveProbesOut > 0 && idle >= m_config.userTimeout
                : m_tcb.keepAliveProbesOut >= m_config.keepAliveProbes))
    {
        // Linux tcp_keepalive_timer(): with a user timeout, once that long has passed since the
        // peer was last heard (a probe out), else after keepalive_probes() probes; the peer is
        // told with a RST (tcp_send_active_reset()), the user with ETIMEDOUT (tcp_write_err()).
        ResetAndClose(st == S::FIN_WAIT_2 ? C::TIMEOUT_FIN_WAIT_2 : C::RETRIES_EXHAUSTED);
        return;
    }
    if (m_tcb.keepAliveProbesOut >= m_config.keepAliveProbes)
    {
        // The peer is gone: "timed out", without a RST (like every give-up here). In
        // FIN_WAIT_2 it is that state's timeout that ends the connection.
        SetState(S::CLOSED, st == S::FIN_WAIT_2 ? C::TIMEOUT_FIN_WAIT_2 : C::RETRIES_EXHAUSTED);
        return;
    }
    // The probe: <SEQ=SND.NXT-1><ACK=RCV.NXT>, no data (RFC 1122 §4.2.3.6; as Linux). Its
    // sequence number is old, so the peer must answer with an ACK.
    Transmit(MakeHeader(H::ACK, m_tcb.sndNxt - 1), Create<Packet>());
    ++m_tcb.keepAliveProbesOut;
    ArmTimer(FullTcpTimer::KEEPALIVE, m_config.keepAliveInterval);
}

} // namespace ns3
