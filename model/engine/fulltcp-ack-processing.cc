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
    // RFC 3168 §6.1.2-§6.1.3: ECE to the congestion control, the peer's CWR (fulltcp-ecn.cc).
    EcnAckArrives(h, dataLength);
    FullTcpAckInfo info;
    info.ack = ack;
    info.acked = ack > m_tcb.sndUna ? static_cast<uint32_t>(ack - m_tcb.sndUna) : 0;
    const int64_t sackedBefore = m_tcb.scoreboard.SackedBytes();
    info.newlySacked = UpdateScoreboard(h, ack, info);
    info.dataLength = dataLength;
    info.window = static_cast<uint32_t>(h.GetWindow()) << m_tcb.sndWscale;
    info.synOrFin = h.HasFlags(H::SYN) || h.HasFlags(H::FIN);
    // What a duplicate ACK is depends on the recovery (RFC 5681 §2; RFC 6675 §2 with SACK).
    // An ACK that answers a zero-window probe is none: nothing was lost.
    info.duplicate =
        m_tcb.SynAcked() && m_tcb.sndWnd > 0 && m_recovery->IsDuplicateAck(info, *this);
    FullTcpAckSample sample;
    sample.acked = info.acked;
    sample.sacked = static_cast<uint32_t>(info.newlySacked);
    const uint32_t dupAcksBefore = m_tcb.dupAcks;
    if (info.acked > 0)
    {
        sample.rtt = AckAdvances(h, ack);
        m_tcb.dupAcks = 0;
    }
    // SACKed bytes the ACK covered cumulatively were delivered before (AckAdvances() dropped
    // them from the scoreboard).
    info.delivered = info.acked + m_tcb.scoreboard.SackedBytes() - sackedBefore;
    // Linux tcp_ack_update_rtt(): "rs->rtt_us = ca_rtt_us", the send-time RTT of the newest
    // segment delivered, the timestamp's only without one.
    const std::optional<Time> ackRtt = m_tcb.rate.TakeAckRtt(m_now);
    if (m_config.ackRttFromSendTimes && ackRtt)
    {
        sample.rtt = ackRtt;
    }
    sample.rate = m_tcb.rate.TakeSample(
        m_now, m_tcb.rtt.HasSample() ? std::optional<Time>(m_tcb.rtt.GetMinRtt()) : std::nullopt);
    m_cc->OnAckSample(m_tcb.cc, sample, CongestionContext());
    // RFC 3168 §6.1.2: an ECE reduces the window once per window of data; cwnd does not grow
    // during that reduction (congestion state CWR, fulltcp-ecn.cc).
    const bool mayGrow = EcnOnAck(h, info.delivered);
    if (info.acked > 0 && !m_tcb.inRecovery && mayGrow)
    {
        m_cc->OnAck(m_tcb.cc, GrowthBytes(info, dupAcksBefore), CongestionContext());
    }
    if (info.duplicate)
    {
        ++m_tcb.dupAcks;
    }
    // Spurious reductions undone, F-RTO after a timeout (fulltcp-undo-hooks.cc).
    UndoOnAck(info, h);
    // Fast retransmit, partial and full acknowledgments (RFC 5681 §3.2, RFC 6582, RFC 6675).
    m_recovery->OnAck(info, *this);
    UpdateOpenOrDisorder();
    UpdateSendWindow(h, seq, ack, info.acked > 0);
    ProbeAnswered();
    // Linux tcp_cong_control() ends with tcp_update_pacing_rate().
    m_tcb.pacer.UpdateRate(m_tcb.cc, m_tcb.FlightSize(), m_tcb.rtt.GetSrtt());
}

std::optional<Time>
FullTcpConnection::AckAdvances(const FullTcpHeader& h, int64_t ack)
{
    const std::optional<Time> rtt = TakeRttSample(h, ack);
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
    while (!m_tcb.recordEnds.empty() && m_tcb.recordEnds.front() <= ack)
    {
        m_tcb.recordEnds.pop_front();
    }
    if (m_tcb.sndUp && *m_tcb.sndUp <= ack)
    {
        m_tcb.sndUp.reset();
    }
    m_tcb.sndUna = ack;
    m_tcb.scoreboard.AckedUpTo(ack);
    m_tcb.rate.Acknowledged(ack);
    m_tcb.retransmits = 0;
    m_tcb.retransStamp.reset();
    m_tcb.lastProgress = m_now;
    if (handshake && !m_tcb.fastOpenChild)
    {
        HandshakeAcknowledged(); // a Fast Open child began its transfer at its SYN
    }
    // RFC 6298 §5: the backed-off RTO is kept until a valid RTT measurement collapses it
    // (Karn's algorithm: an ACK of retransmitted data gives none); the handshake's backoff
    // ends with it (§5.7).
    if (rtt || handshake)
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
    return rtt;
}

std::optional<Time>
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
            return std::nullopt;
        }
        m_tcb.rtt.Sample(MilliSeconds(elapsed), ack, m_tcb.sndNxt);
        return MilliSeconds(elapsed);
    }
    // RFC 6298 §3: otherwise one segment at a time is timed; Karn's algorithm (§5) cancels
    // the timing when anything is retransmitted.
    if (m_tcb.rttTimedEnd && ack >= *m_tcb.rttTimedEnd)
    {
        const Time rtt = m_now - m_tcb.rttTimedAt;
        m_tcb.rtt.Sample(rtt, ack, m_tcb.sndNxt);
        m_tcb.rttTimedEnd.reset();
        return rtt;
    }
    return std::nullopt;
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
    // The ACK of our SYN sets the pacing rate from the handshake's RTT (tcp_ack() ->
    // tcp_cong_control() -> tcp_update_pacing_rate(), on an active open too).
    m_tcb.pacer.UpdateRate(m_tcb.cc, m_tcb.FlightSize(), m_tcb.rtt.GetSrtt());
}

int64_t
FullTcpConnection::UpdateScoreboard(const FullTcpHeader& h, int64_t ack, FullTcpAckInfo& info)
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
                m_tcb.undo.DsackArrived(r, m_tcb.sndUna, m_tcb.sndMss); // RFC 3708 §3
                info.dsack = r;
                continue;
            }
        }
        // Only blocks within what is outstanding count (as Linux tcp_is_sackblock_valid()).
        r.start = std::max(r.start, ack);
        r.end = std::min(r.end, m_tcb.sndNxt);
        if (r.Length() > 0 && info.sackBlockCount < info.sackBlocks.size())
        {
            info.sackBlocks[info.sackBlockCount++] = r;
        }
        const int64_t added = m_tcb.scoreboard.Add(r);
        if (added > 0)
        {
            m_tcb.rate.Sacked(r);
        }
        newlySacked += added;
    }
    return newlySacked;
}

void
FullTcpConnection::UpdateSendWindow(const FullTcpHeader& h,
                                    int64_t seq,
                                    int64_t ack,
                                    bool unaAdvanced)
{
    // "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be updated. If (SND.WL1 <
    // SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)), set SND.WND <- SEG.WND, set
    // SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK."
    if (ack < m_tcb.sndUna)
    {
        return;
    }
    const uint32_t window = static_cast<uint32_t>(h.GetWindow()) << m_tcb.sndWscale;
    bool update = m_tcb.sndWl1 < seq || (m_tcb.sndWl1 == seq && m_tcb.sndWl2 <= ack);
    if (m_config.linuxWindowUpdate)
    {
        // Linux tcp_may_update_window(): an ACK that moves SND.UNA, a newer segment, or the
        // same segment again with a larger or a zero window; a duplicate ACK cannot shrink it.
        update = unaAdvanced || m_tcb.sndWl1 < seq
              || (m_tcb.sndWl1 == seq && (window > m_tcb.sndWnd || window == 0));
    }
    if (update)
    {
        // tcp_ack_update_window(): a window that changes with data still queued runs
        // tcp_slow_start_after_idle_check(), as a write does (a window that reopens after an
        // idle period restarts slow start).
        const bool changed = window != m_tcb.sndWnd;
        m_tcb.sndWnd = window;
        if (changed && m_tcb.DataEnd() > m_tcb.sndNxt)
        {
            RestartAfterIdle(); // fulltcp-cwnd-use.cc
        }
        m_tcb.maxSndWnd = std::max(m_tcb.maxSndWnd, m_tcb.sndWnd);
        m_tcb.sndWl1 = seq;
        m_tcb.sndWl2 = ack;
    }
}

uint32_t
FullTcpConnection::GrowthBytes(const FullTcpAckInfo& info, uint32_t dupAcksBefore) const
{
    if (!m_config.cwndGrowsByDelivered)
    {
        return info.acked; // RFC 5681 §3.1: the bytes newly acknowledged
    }
    if (m_tcb.sackOk)
    {
        // tcp_cong_control(): acked_sacked = tp->delivered - prior_delivered.
        return static_cast<uint32_t>(std::max<int64_t>(info.delivered, 0));
    }
    // tcp_remove_reno_sacks(): "One ACK acked hole. The rest eat duplicate ACKs":
    // delivered += max(acked - sacked_out, 1), sacked_out one per duplicate ACK.
    const uint32_t smss = std::max<uint32_t>(m_tcb.sndMss, 1);
    const uint32_t ackedSegs = (info.acked + smss - 1) / smss;
    const uint32_t segs = ackedSegs > dupAcksBefore + 1 ? ackedSegs - dupAcksBefore : 1;
    return std::min(info.acked, segs * smss);
}

FullTcpCongestionContext
FullTcpConnection::CongestionContext() const
{
    return FullTcpCongestionContext {m_now,
                                     m_tcb.sndMss,
                                     m_tcb.FlightSize(),
                                     m_tcb.rtt.GetSrtt(),
                                     m_tcb.rtt.GetMinRtt(),
                                     m_recovery->BytesInFlight(*this),
                                     m_tcb.rate.Delivered(),
                                     m_tcb.caState,
                                     m_tcb.sndUna,
                                     m_tcb.sndNxt,
                                     CwndLimited()};
}

uint32_t
FullTcpConnection::SsThreshAfterLoss()
{
    if (!m_config.cwndWholeSegments || m_tcb.sndMss == 0)
    {
        return m_cc->SsThreshAfterLoss(m_tcb.cc, CongestionContext());
    }
    // Linux counts cwnd in packets: the bytes of growth toward the next segment are its
    // snd_cwnd_cnt, which bictcp_recalc_ssthresh() and tcp_reno_ssthresh() do not see.
    FullTcpCongestionState whole = m_tcb.cc;
    whole.cwnd -= whole.cwnd % m_tcb.sndMss;
    return m_cc->SsThreshAfterLoss(whole, CongestionContext());
}

void
FullTcpConnection::SetCaState(FullTcpCaState next)
{
    const FullTcpCaState from = m_tcb.caState;
    NS_LOG_LOGIC(m_tcb.localPort << ">" << m_tcb.remotePort << " congestion state " << from
                                 << " -> " << next);
    m_tcb.caState = next;
    if (next == FullTcpCaState::CWR || next == FullTcpCaState::RECOVERY
        || next == FullTcpCaState::LOSS)
    {
        EcnWindowReduced(); // RFC 3168 §6.1.2: CWR on the next new data segment
    }
    m_cc->OnStateChange(m_tcb.cc, from, next, CongestionContext());
}

void
FullTcpConnection::UpdateOpenOrDisorder()
{
    // Linux tcp_fastretrans_alert(): Loss lasts until SND.UNA reaches the recovery point of
    // the timeout (high_seq); Recovery ends in ExitRecovery(). Between them the sender is in
    // Disorder while duplicate ACKs or SACKed data say something is amiss (as
    // tcp_try_keep_open()), else Open.
    const FullTcpCaState st = m_tcb.caState;
    if (st == FullTcpCaState::RECOVERY || st == FullTcpCaState::CWR
        || (st == FullTcpCaState::LOSS && m_tcb.sndUna < m_tcb.recover))
    {
        return;
    }
    if (OpenOrDisorder() != st)
    {
        SetCaState(OpenOrDisorder());
    }
}

FullTcpCaState
FullTcpConnection::OpenOrDisorder() const
{
    return m_tcb.dupAcks > 0 || !m_tcb.scoreboard.Empty() ? FullTcpCaState::DISORDER
                                                          : FullTcpCaState::OPEN;
}

// ------------------------------------------------------------------ FullTcpRecoverySender

const FullTcpTcb&
FullTcpConnection::Tcb() const
{
    return m_tcb;
}

uint32_t
FullTcpConnection::DupThresh() const
{
    return m_config.dupThresh;
}

bool
FullTcpConnection::Prr() const
{
    return m_config.prr;
}

Time
FullTcpConnection::Now() const
{
    return m_now;
}

FullTcpCongestionState&
FullTcpConnection::Window()
{
    return m_tcb.cc;
}

int64_t
FullTcpConnection::EnterRecovery(uint32_t cwndAboveSsthresh)
{
    UndoBeginRecovery();
    // RFC 5681 §3.2 step 2 (equation 4) and RFC 6675 §5 (4.2): ssthresh from FlightSize, by
    // the congestion control algorithm; RecoveryPoint = HighData.
    // RFC 3168 §6.1.2: not again when an ECE reduced it within the last window (Linux
    // tcp_enter_recovery() keeps the reduction already under way in CWR).
    if (m_tcb.caState != FullTcpCaState::CWR)
    {
        m_tcb.cc.ssthresh = SsThreshAfterLoss();
    }
    m_tcb.recover = m_tcb.sndNxt;
    m_tcb.inRecovery = true;
    ++m_tcb.fastRetransmits;
    // Step 3 / (4.3): retransmit the first unacknowledged segment.
    const int64_t end = RetransmitFirstUnacknowledged();
    m_tcb.cc.cwnd = m_tcb.cc.ssthresh + cwndAboveSsthresh;
    SetCaState(FullTcpCaState::RECOVERY);
    return end;
}

void
FullTcpConnection::ExitRecovery()
{
    m_tcb.inRecovery = false;
    SetCaState(OpenOrDisorder());
}

const FullTcpConfig&
FullTcpConnection::Config() const
{
    return m_config;
}

void
FullTcpConnection::RestartRetransmitTimer()
{
    if (m_tcb.sndNxt > m_tcb.sndUna)
    {
        ArmRetransmitTimer(m_tcb.rto);
    }
}

void
FullTcpConnection::ReduceCongestionWindow()
{
    // Linux tcp_process_tlp_ack(): tcp_init_cwnd_reduction() (ssthresh from the congestion
    // control), CWR, tcp_end_cwnd_reduction() (cwnd = ssthresh), tcp_try_keep_open().
    m_tcb.cc.ssthresh = SsThreshAfterLoss();
    SetCaState(FullTcpCaState::CWR);
    m_tcb.cc.cwnd = m_tcb.cc.ssthresh;
    SetCaState(OpenOrDisorder());
}

void
FullTcpConnection::Report(const FullTcpRecoveryEvent& event)
{
    m_out.RecoveryEvent(event);
}

} // namespace ns3
