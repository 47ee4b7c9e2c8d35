/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: what an acceptable ACK does to the sending side (RFC 9293 §3.10.7.4,
 * fifth step): free acknowledged bytes, RTT samples and the retransmission timer (RFC 6298,
 * RFC 7323 §4), the send window.
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

void
FullTcpConnection::ProcessAck(const FullTcpHeader& h, int64_t seq, int64_t ack, uint32_t)
{
    if (ack > m_tcb.sndUna)
    {
        AckAdvances(h, ack);
    }
    UpdateSendWindow(h, seq, ack);
}

void
FullTcpConnection::AckAdvances(const FullTcpHeader& h, int64_t ack)
{
    const bool sampled = TakeRttSample(h, ack);
    const bool handshake = !m_tcb.SynAcked();
    // Data occupies offsets [1, DataEnd()); the SYN and FIN occupy no buffer space.
    const int64_t dataAcked = std::min(ack, m_tcb.DataEnd());
    const bool freed = dataAcked > m_tcb.sendQueueFront;
    if (freed)
    {
        m_tcb.sendQueue.PopFront(static_cast<uint32_t>(dataAcked - m_tcb.sendQueueFront));
        m_tcb.sendQueueFront = dataAcked;
    }
    while (!m_tcb.writeEnds.empty() && m_tcb.writeEnds.front() <= ack)
    {
        m_tcb.writeEnds.pop_front();
    }
    if (m_tcb.sndUp && *m_tcb.sndUp <= ack)
    {
        m_tcb.sndUp.reset();
    }
    m_tcb.sndUna = ack;
    m_tcb.retransmits = 0;
    m_tcb.lastProgress = m_now;
    if (handshake)
    {
        HandshakeAcknowledged();
    }
    // RFC 6298 §5: the backed-off RTO is kept until a valid RTT measurement collapses it
    // (Karn's algorithm: an ACK of retransmitted data gives none); the handshake's backoff
    // ends with it (§5.7).
    if (sampled || handshake)
    {
        m_tcb.rto = m_tcb.rtt.GetRto();
    }
    // RFC 6298 §5.2: all outstanding data acknowledged, turn off the timer; §5.3: new data
    // acknowledged, restart it.
    if (m_tcb.sndUna == m_tcb.sndNxt)
    {
        CancelTimer(FullTcpTimer::RETRANSMIT);
    }
    else
    {
        ArmRetransmitTimer(m_tcb.rto);
    }
    if (freed)
    {
        Notify(FullTcpAppEvent::SEND_SPACE);
    }
}

bool
FullTcpConnection::TakeRttSample(const FullTcpHeader& h, int64_t ack)
{
    // RFC 7323 §4.1 (RTTM): with timestamps, every ACK that acknowledges new data gives a
    // sample from its TSecr; the echoed value belongs to a segment the peer received, so
    // retransmissions do not make it ambiguous.
    const auto ts = h.GetOptions().GetTimestamp();
    if (m_tcb.tsOk && ts)
    {
        const auto elapsed = static_cast<int32_t>(TsVal() - ts->echo);
        if (elapsed < 0)
        {
            return false;
        }
        m_tcb.rtt.Sample(MilliSeconds(elapsed));
        return true;
    }
    // RFC 6298 §3: otherwise one segment at a time is timed; Karn's algorithm (§5) cancels
    // the timing when anything is retransmitted.
    if (m_tcb.rttTimedEnd && ack >= *m_tcb.rttTimedEnd)
    {
        m_tcb.rtt.Sample(m_now - m_tcb.rttTimedAt);
        m_tcb.rttTimedEnd.reset();
        return true;
    }
    return false;
}

void
FullTcpConnection::HandshakeAcknowledged()
{
    // RFC 6298 §5.7: "If the timer expires awaiting the ACK of a SYN segment and the TCP
    // implementation is using an RTO less than 3 seconds, the RTO MUST be re-initialized to 3
    // seconds when data transmission begins". A timestamp sample from the handshake, when
    // there is one, is used instead (as Linux tcp_init_transfer()).
    if (m_tcb.synRetransmitted && !m_tcb.rtt.HasSample())
    {
        m_tcb.rtt.SetInitialRto(std::max(m_config.fallbackRto, m_config.initialRto));
    }
}

void
FullTcpConnection::UpdateSendWindow(const FullTcpHeader& h, int64_t seq, int64_t ack)
{
    // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated. If (SND.WL1 <
    // SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND, set
    // SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK."
    if (ack < m_tcb.sndUna)
    {
        return;
    }
    if (m_tcb.sndWl1 < seq || (m_tcb.sndWl1 == seq && m_tcb.sndWl2 <= ack))
    {
        m_tcb.sndWnd = static_cast<uint32_t>(h.GetWindow()) << m_tcb.sndWscale;
        m_tcb.maxSndWnd = std::max(m_tcb.maxSndWnd, m_tcb.sndWnd);
        m_tcb.sndWl1 = seq;
        m_tcb.sndWl2 = ack;
    }
}

} // namespace ns3
