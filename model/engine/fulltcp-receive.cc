/*
 * Engine: text arrival and reassembly, URG, delayed/quick ACK policy, SACK blocks, PAWS
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: the receiving side of data transfer. Text in order and out of order
 * (reassembly, RFC 9293 §3.10.7.4 seventh step), the urgent pointer, the ACK policy (delayed
 * ACK, quick ACKs, immediate ACKs: RFC 9293 §3.8.6.3, RFC 5681 §4.2), the SACK blocks we
 * report (RFC 2018, RFC 2883), and the timestamp checks of RFC 7323 (PAWS, TS.Recent).
 */
#include "fulltcp-connection.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpReceive");

namespace
{
using S = FullTcpState;
using C = FullTcpStateCause;
using D = FullTcpDropReason;
using H = FullTcpHeader;
} // namespace

// ---------------------------------------------------------------- timestamps (RFC 7323)

bool
FullTcpConnection::TsRecentValid() const
{
    // §5.5: after 24 days without an update TS.Recent may have wrapped; it is not used.
    return m_now - m_tcb.tsRecentTime <= m_config.pawsIdleLimit;
}

bool
FullTcpConnection::PawsRejects(const FullTcpHeader& h) const
{
    return FullTcpPawsRejects(h, m_tcb.tsOk, m_tcb.tsRecent, TsRecentValid());
}

void
FullTcpConnection::UpdateTsRecent(const FullTcpHeader& h, int64_t seq)
{
    if (const auto ts = FullTcpTsRecentUpdate(
            h, seq, m_tcb.lastAckSent, m_tcb.tsOk, m_tcb.tsRecent, TsRecentValid()))
    {
        m_tcb.tsRecent = *ts;
        m_tcb.tsRecentTime = m_now;
    }
}

void
FullTcpConnection::RejectSegment(const FullTcpHeader& h,
                                 int64_t seq,
                                 uint32_t len,
                                 FullTcpDropReason why)
{
    // §3.10.7.4 first step, as FullTcpAnswerUnacceptable() explains.
    const FullTcpUnacceptableAnswer a =
        FullTcpAnswerUnacceptable(h, seq, len, m_tcb.rcvNxt, m_tcb.sackOk && m_config.dsack);
    if (a.dsack)
    {
        m_tcb.sackBlocks.Duplicate(*a.dsack);
    }
    if (a.reply == FullTcpReply::ACK)
    {
        SendAck();
    }
    else if (a.reply == FullTcpReply::CHALLENGE_ACK)
    {
        SendChallengeAck();
    }
    Drop(h, why);
}

// ---------------------------------------------------------------- URG and text

void
FullTcpConnection::UrgentArrives(const FullTcpHeader& h, Ptr<Packet> payload, int64_t seq)
{
    // §3.10.7.4 sixth step, ESTABLISHED and FIN-WAIT states: "If the URG bit is set,
    // RCV.UP <- max(RCV.UP, SEG.UP)". The pointer points just past the urgent data (RFC
    // 6093). The urgent bytes themselves are delivered in line with the rest of the stream
    // unless urgentOutOfBand takes the last one out (fulltcp-urgent.cc). After the peer's FIN
    // the bit is ignored.
    const S st = m_tcb.state;
    if (!(st == S::ESTABLISHED || st == S::FIN_WAIT_1 || st == S::FIN_WAIT_2))
    {
        return;
    }
    if (h.HasFlags(H::URG))
    {
        const int64_t up = seq + h.GetUrgentPointer();
        m_tcb.rcvUp = m_tcb.rcvUp ? std::max(*m_tcb.rcvUp, up) : up;
        UrgentPointerOutOfBand(seq, h.GetUrgentPointer());
    }
    UrgentByteOutOfBand(payload, seq);
}

bool
FullTcpConnection::TextArrives(const FullTcpHeader& h, Ptr<Packet> payload, int64_t seq)
{
    const uint32_t len = payload->GetSize();
    if (len == 0)
    {
        return true;
    }
    if (!(m_tcb.state == S::ESTABLISHED || m_tcb.state == S::FIN_WAIT_1
          || m_tcb.state == S::FIN_WAIT_2))
    {
        // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has
        // been received from the remote side. Ignore the segment text."
        Drop(h, D::TEXT_AFTER_FIN);
        return true;
    }
    if (m_tcb.appClosed && seq + len > m_tcb.rcvNxt)
    {
        // New data after a full CLOSE: nobody will read it. RFC 9293 §3.6.1 / RFC 2525
        // §2.17: reset the connection (as Linux does, with <SEQ=SEG.ACK><CTL=RST>).
        SendResetFor(h, payload);
        Drop(h, D::DATA_AFTER_CLOSE);
        SetState(S::CLOSED, C::RCV_DATA_AFTER_CLOSE);
        return false;
    }
    // The peer's full-sized segment is the largest it has sent (as Linux
    // tcp_measure_rcv_mss()); the delayed-ACK rule counts in these.
    m_tcb.rcvMss = std::max<uint16_t>(m_tcb.rcvMss, std::min<uint32_t>(len, m_config.mss));
    if (!m_tcb.quickAcks)
    {
        // The first data segment starts quick-ACK mode (Linux tcp_incr_quickack()).
        const int64_t window = std::max<int64_t>(0, m_tcb.rcvAdvertisedEdge - m_tcb.rcvNxt);
        const auto count = static_cast<uint32_t>(window / (2 * m_tcb.rcvMss));
        m_tcb.quickAcks = std::min(m_config.quickAcks, std::max(2U, count));
    }
    // "If a segment's contents straddle the boundary between old and new, only the new
    // parts are processed"; text beyond the window is left for a retransmission (unless
    // overWindowWhole takes it, as Linux does when nothing waits to be read).
    const int64_t start = std::max(seq, m_tcb.rcvNxt);
    const int64_t end = m_config.overWindowWhole
                          ? seq + len
                          : std::min<int64_t>(seq + len, m_tcb.rcvNxt + RcvWnd());
    if (seq < m_tcb.rcvNxt && m_tcb.sackOk && m_config.dsack)
    {
        m_tcb.sackBlocks.Duplicate(FullTcpRange {seq, std::min<int64_t>(seq + len, m_tcb.rcvNxt)});
    }
    if (end <= start)
    {
        AckOwed(true); // nothing new: a duplicate, answered at once
        return true;
    }
    EcnDataArrives(seq); // RFC 3168 §6.1.3: a CE is echoed (fulltcp-ecn.cc)
    Ptr<Packet> text = payload->CreateFragment(static_cast<uint32_t>(start - seq),
                                               static_cast<uint32_t>(end - start));
    const bool holes = !m_tcb.reassembly.Empty();
    if (start > m_tcb.rcvNxt || holes)
    {
        const auto duplicate = m_tcb.reassembly.Insert(start, text);
        if (duplicate && m_tcb.sackOk && m_config.dsack)
        {
            m_tcb.sackBlocks.Duplicate(*duplicate);
        }
    }
    // The Linux window charges the segment's memory and grows rcv_ssthresh (tcp_data_queue()).
    const uint32_t headerLen = m_config.ipHeaderSize + h.GetSerializedSize();
    if (start > m_tcb.rcvNxt)
    {
        if (m_config.linuxReceiveWindow)
        {
            m_tcb.linuxRcv.OutOfOrder(len, headerLen, m_tcb.sackOk);
        }
        // Out of order: held until the gap fills (§3.10.7.4: "Segments with higher beginning
        // sequence numbers may be held for later processing"), and acknowledged at once so
        // the sender learns of the gap (RFC 5681 §4.2, RFC 9293 §3.8.6.3).
        m_tcb.sackBlocks.Arrived(start);
        AckOwed(true);
        return true;
    }
    if (holes)
    {
        m_tcb.rcvNxt += m_tcb.reassembly.MoveInOrder(m_tcb.rcvNxt, m_tcb.rcvQueue);
    }
    else
    {
        m_tcb.rcvQueue.Append(text);
        m_tcb.rcvNxt = end;
    }
    if (m_config.linuxReceiveWindow)
    {
        m_tcb.linuxRcv.InOrder(len, headerLen);
    }
    Notify(FullTcpAppEvent::DATA_ARRIVED);
    InOrderTextAcknowledgment(holes);
    return true;
}

// ---------------------------------------------------------------- the ACK policy

void
FullTcpConnection::InOrderTextAcknowledgment(bool filledHole)
{
    // RFC 5681 §4.2: "an immediate ACK SHOULD be generated when an incoming segment fills in
    // all or part of a gap in the sequence space".
    if (filledHole)
    {
        AckOwed(true);
        return;
    }
    if (*m_tcb.quickAcks > 0)
    {
        --*m_tcb.quickAcks;
        AckOwed(true);
        return;
    }
    // RFC 9293 §3.8.6.3 (SHLD-19) and RFC 5681 §4.2: an ACK for at least every second
    // (delAckCount-th) full-sized segment, i.e. once more than delAckCount - 1 full-sized
    // segments are unacknowledged (as Linux __tcp_ack_snd_check() for 2); otherwise the
    // delayed-ACK timer.
    const int64_t held = std::max<uint32_t>(m_config.delAckCount, 1) - 1;
    bool now = m_tcb.rcvNxt - m_tcb.lastAckSent > held * m_tcb.rcvMss;
    if (now && m_config.linuxReceiveWindow && m_tcb.rcvQueue.Size() > 0)
    {
        // Linux also waits for the timer while the application leaves data unread and the
        // window it would offer stays below the last one: "... and right edge of window
        // advances far enough" (__tcp_ack_snd_check(); SO_RCVLOWAT = 1).
        now = m_tcb.linuxRcv.EdgeAdvances(m_tcb.rcvWscale);
    }
    AckOwed(now);
}

void
FullTcpConnection::AckOwed(bool now)
{
    m_ackPending = true;
    m_ackNow = m_ackNow || now;
}

void
FullTcpConnection::SendOwedAck()
{
    if (!m_ackPending)
    {
        return; // a segment we sent carried it
    }
    if (m_ackNow || !m_config.delayedAckTimeout.IsStrictlyPositive())
    {
        SendAck();
        return;
    }
    // RFC 9293 §3.8.6.3 (MUST-40): the delay is less than 0.5 s. The timer is not moved by
    // later segments, so no ACK waits longer than that.
    if (!m_tcb.timerDeadline.Get(FullTcpTimer::DELAYED_ACK))
    {
        ArmTimer(FullTcpTimer::DELAYED_ACK, m_config.delayedAckTimeout);
    }
}

std::vector<FullTcpSackBlock>
FullTcpConnection::SackBlocksToSend()
{
    std::vector<FullTcpSackBlock> wire;
    if (!m_tcb.sackOk)
    {
        return wire;
    }
    // RFC 2018 §4: in every ACK while out-of-order data is held; RFC 2883 §4: the D-SACK
    // block first.
    for (const FullTcpRange& r : m_tcb.sackBlocks.Blocks(m_tcb.reassembly))
    {
        wire.push_back(FullTcpSackBlock {m_tcb.rcv.ToWire(r.start), m_tcb.rcv.ToWire(r.end)});
    }
    return wire;
}

} // namespace ns3
