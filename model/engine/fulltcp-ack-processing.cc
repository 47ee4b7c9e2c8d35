/*
 * Engine: acceptable ACK (RFC 9293 §3.10.7.4 step 5): RTT, dup ACKs, fast recovery, SND.WND
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: what an acceptable ACK does to the sending side (RFC 9293 §3.10.7.4,
 * fifth step): free acknowledged bytes, RTT samples and the retransmission timer (RFC 6298,
 * RFC 7323 §4), the SACK scoreboard (RFC 2018, RFC 2883), duplicate ACKs, fast retransmit and
 * loss recovery (RFC 5681 §3.2, RFC 6582, RFC 6675 §5), the congestion window, the send
 * window.
 */
#include "fulltcp-connection.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpAckProcessing");

namespace
{
using H = FullTcpHeader;
} // namespace

void
FullTcpConnection::ProcessAck(const FullTcpHeader& h, int64_t seq, int64_t ack, uint32_t dataLength)
{
    const uint32_t segWnd = static_cast<uint32_t>(h.GetWindow()) << m_tcb.sndWscale;
    const int64_t newlySacked = UpdateScoreboard(h, ack);
    // A duplicate ACK: with SACK, one that SACKs new bytes (RFC 6675 §2); without, RFC 5681
    // §2: "(a) the receiver of the ACK has outstanding data, (b) the incoming acknowledgment
    // carries no data, (c) the SYN and FIN bits are both off, (d) the acknowledgment number
    // is equal to the greatest acknowledgment received ... and (e) the advertised window in
    // the incoming acknowledgment equals the advertised window in the last incoming
    // acknowledgment". An ACK that answers a zero-window probe is none: nothing was lost.
    const bool duplicate = m_tcb.SynAcked() && m_tcb.sndWnd > 0
                        && (m_tcb.sackOk ? newlySacked > 0
                                         : m_tcb.sndNxt > m_tcb.sndUna && dataLength == 0
                                               && !h.HasFlags(H::SYN) && !h.HasFlags(H::FIN)
                                               && ack == m_tcb.sndUna && segWnd == m_tcb.sndWnd);
    if (ack > m_tcb.sndUna)
    {
        const auto acked = static_cast<uint32_t>(ack - m_tcb.sndUna);
        AckAdvances(h, ack);
        m_tcb.dupAcks = 0;
        if (!m_tcb.inRecovery)
        {
            m_cc->OnAck(m_tcb.cc, acked, CongestionContext());
        }
        else if (ack >= m_tcb.recover)
        {
            // Full acknowledgment: recovery ends (RFC 6582 §3.2 step 3, RFC 6675 §5 (A)).
            // NewReno deflates the window to min(ssthresh, max(FlightSize, SMSS) + SMSS),
            // which avoids a burst; with SACK cwnd already is ssthresh.
            m_tcb.inRecovery = false;
            if (!m_tcb.sackOk)
            {
                const uint32_t smss = m_tcb.sndMss;
                m_tcb.cc.cwnd =
                    std::min(m_tcb.cc.ssthresh, std::max(m_tcb.FlightSize(), smss) + smss);
            }
            m_cc->OnEvent(m_tcb.cc, FullTcpCongestionEvent::EXIT_RECOVERY, CongestionContext());
        }
        else if (!m_tcb.sackOk)
        {
            // Partial acknowledgment (RFC 6582 §3.2 step 4): retransmit the first
            // unacknowledged segment, deflate cwnd by the amount acknowledged and add back
            // one SMSS if at least that much was acknowledged. (With SACK, RFC 6675's
            // NextSeg() finds the next hole.)
            RetransmitFirstUnacknowledged();
            const uint32_t smss = m_tcb.sndMss;
            uint32_t cwnd = m_tcb.cc.cwnd > acked ? m_tcb.cc.cwnd - acked : 0;
            if (acked >= smss)
            {
                cwnd += smss;
            }
            m_tcb.cc.cwnd = std::max(cwnd, smss);
        }
    }
    if (duplicate)
    {
        ++m_tcb.dupAcks;
        DuplicateAck();
    }
    UpdateSendWindow(h, seq, ack);
    ProbeAnswered();
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
    m_tcb.scoreboard.AckedUpTo(ack);
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
    // Karn's rule still holds for an echo older than our latest retransmission: it may
    // belong to the first copy of data whose ACK was lost (R3 of RFC 7323 §4.3 keeps
    // TS.Recent at that copy when the second arrives as a duplicate), and the sample would
    // hold the whole retransmission timeout, inflating the RTO further at every loss.
    const auto ts = h.GetOptions().GetTimestamp();
    // A TSecr of 0 echoes nothing (ns-3.37's TCP sends it on its SYN-ACK): no sample from
    // it, as Linux tcp_ack_update_rtt() (rcv_tsecr must be non-zero); timing falls back to
    // RFC 6298 below.
    if (m_tcb.tsOk && ts && ts->echo != 0)
    {
        const auto elapsed = static_cast<int32_t>(TsVal() - ts->echo);
        if (elapsed < 0 || (m_tcb.rtxTsVal && static_cast<int32_t>(ts->echo - *m_tcb.rtxTsVal) < 0))
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
    // RFC 6928 §2: IW = min(10·SMSS, max(2·SMSS, 14600)), with 10 the configured count; RFC
    // 5681 §3.1: "if the SYN or SYN/ACK is lost, the initial window used by a sender after a
    // correctly transmitted SYN MUST be one segment".
    const uint32_t smss = m_tcb.sndMss;
    const uint32_t segments = std::max(1U, m_config.initialCwnd);
    m_tcb.cc.cwnd = m_tcb.synRetransmitted
                      ? smss
                      : std::min(segments * smss, std::max(2 * smss, segments * 1460));
    m_tcb.rtxNxt = m_tcb.sndNxt;
}

int64_t
FullTcpConnection::UpdateScoreboard(const FullTcpHeader& h, int64_t ack)
{
    if (!m_tcb.sackOk)
    {
        return 0;
    }
    const auto blocks = h.GetOptions().GetSackBlocks();
    int64_t newlySacked = 0;
    for (size_t i = 0; i < blocks.size(); ++i)
    {
        FullTcpRange r {m_tcb.snd.FromWire(blocks[i].left, m_tcb.sndNxt),
                        m_tcb.snd.FromWire(blocks[i].right, m_tcb.sndNxt)};
        if (i == 0)
        {
            // RFC 2883 §4: the first block is a D-SACK when it starts below the cumulative ACK
            // or lies inside the second block (as Linux tcp_check_dsack()). It reports a
            // duplicate, nothing for the scoreboard.
            const bool insideSecond = blocks.size() > 1
                                   && m_tcb.snd.FromWire(blocks[1].left, m_tcb.sndNxt) <= r.start
                                   && r.end <= m_tcb.snd.FromWire(blocks[1].right, m_tcb.sndNxt);
            if (r.Length() > 0 && (r.start < ack || insideSecond))
            {
                ++m_tcb.dsacksReceived;
                continue;
            }
        }
        // Only blocks within what is outstanding count (as Linux tcp_is_sackblock_valid()).
        r.start = std::max(r.start, ack);
        r.end = std::min(r.end, m_tcb.sndNxt);
        newlySacked += m_tcb.scoreboard.Add(r);
    }
    return newlySacked;
}

void
FullTcpConnection::DuplicateAck()
{
    if (m_tcb.inRecovery)
    {
        // RFC 5681 §3.2 step 4 (NewReno, RFC 6582 §3.2): each further duplicate ACK inflates
        // cwnd by one SMSS, for the segment that has left the network. With SACK the pipe
        // estimate does that (RFC 6675 §5).
        if (!m_tcb.sackOk)
        {
            m_tcb.cc.cwnd += m_tcb.sndMss;
        }
        return;
    }
    // RFC 5681 §3.2 step 2 / RFC 6675 §5 steps (1)-(2): DupThresh duplicate ACKs, or with
    // SACK the first unacknowledged byte deemed lost. RFC 6582 §3.2 step 2: only when the
    // cumulative ACK "covers more than recover", so that one window's losses (or a timeout's
    // retransmissions) do not cause another fast retransmit.
    const bool lost = m_tcb.dupAcks >= m_config.dupThresh
                   || (m_tcb.sackOk
                       && m_tcb.scoreboard.IsLost(m_tcb.sndUna, m_config.dupThresh, m_tcb.sndMss));
    if (lost && m_tcb.sndUna > m_tcb.recover)
    {
        EnterRecovery();
    }
}

void
FullTcpConnection::EnterRecovery()
{
    // RFC 5681 §3.2 step 2 (equation 4) and RFC 6675 §5 (4.2): ssthresh from FlightSize, by
    // the congestion control algorithm; RecoveryPoint = HighData.
    const FullTcpCongestionContext ctx = CongestionContext();
    m_tcb.cc.ssthresh = m_cc->SsThreshAfterLoss(m_tcb.cc, ctx);
    m_tcb.recover = m_tcb.sndNxt;
    m_tcb.inRecovery = true;
    m_tcb.highRxt = m_tcb.sndUna;
    m_tcb.rescueRxt.reset();
    ++m_tcb.fastRetransmits;
    // Step 3 / (4.3): retransmit the first unacknowledged segment.
    RetransmitFirstUnacknowledged();
    // NewReno: cwnd = ssthresh + 3·SMSS, the segments that left the network (RFC 5681 §3.2
    // step 3); SACK: cwnd = ssthresh, the pipe estimate counts them (RFC 6675 (4.2)).
    m_tcb.cc.cwnd =
        m_tcb.sackOk ? m_tcb.cc.ssthresh : m_tcb.cc.ssthresh + m_config.dupThresh * m_tcb.sndMss;
    m_cc->OnEvent(m_tcb.cc, FullTcpCongestionEvent::ENTER_RECOVERY, ctx);
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

FullTcpCongestionContext
FullTcpConnection::CongestionContext() const
{
    return FullTcpCongestionContext {
        m_now, m_tcb.sndMss, m_tcb.FlightSize(), m_tcb.rtt.GetSrtt(), m_tcb.rtt.GetMinRtt()};
}

} // namespace ns3
