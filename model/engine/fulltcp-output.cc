/*
 * Engine: what to send next: windows, Nagle, sender SWS, Limited Transmit, RFC 6675 recovery
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: what to send next. What the loss recovery sends (FullTcpLossRecovery::
 * DoRecovery()), else go-back-N after a timeout and new data within the send and congestion
 * windows (RFC 5681, Limited Transmit RFC 3042), Nagle's algorithm (RFC 896) and sender
 * silly-window avoidance (RFC 9293 §3.8.6.2.1); and the persist timer when data is held back.
 */
#include "fulltcp-connection.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpOutput");

namespace
{
using S = FullTcpState;
} // namespace

bool
FullTcpConnection::SendingAllowed() const
{
    // Data and FIN go out only once our SYN is acknowledged (§3.10.2: SYN-SENT and
    // SYN-RECEIVED queue them "for transmission after entering ESTABLISHED state"), and
    // only in states whose sending side is still open or closing. CLOSING counts: the peer's
    // FIN may arrive while our data and FIN still wait for the windows (FIN-WAIT-1 queues
    // them "until all preceding SENDs have been segmentized").
    const S st = m_tcb.state;
    // RFC 7413 §4.2.2: "the server MAY send data ... before the handshake completes"; Linux
    // lets a passive Fast Open socket send in SYN_RECV (tcp_sendmsg_locked(),
    // tcp_passive_fastopen()).
    if (st == S::SYN_RCVD && m_tcb.fastOpenChild)
    {
        return true;
    }
    return m_tcb.SynAcked()
        && (st == S::ESTABLISHED || st == S::CLOSE_WAIT || st == S::FIN_WAIT_1 || st == S::CLOSING
            || st == S::LAST_ACK);
}

int64_t
FullTcpConnection::WindowEnd(uint32_t extra) const
{
    // RFC 5681 §3.1: at most min(cwnd, rwnd) outstanding.
    const uint64_t allowance = static_cast<uint64_t>(m_tcb.cc.cwnd) + extra;
    return m_tcb.sndUna + static_cast<int64_t>(std::min<uint64_t>(m_tcb.sndWnd, allowance));
}

int64_t
FullTcpConnection::NewDataLimit() const
{
    // Limited Transmit (RFC 3042): each of the first DupThresh - 1 duplicate ACKs lets one
    // more segment of new data go, with cwnd unchanged.
    const bool limited =
        m_config.limitedTransmit && !m_tcb.inRecovery && m_tcb.dupAcks < m_config.dupThresh;
    return WindowEnd(limited ? m_tcb.dupAcks * m_tcb.sndMss : 0);
}

bool
FullTcpConnection::SendingPolicyAllows(int64_t start, int64_t end) const
{
    const int64_t dataEnd = std::min(end, m_tcb.DataEnd());
    const int64_t length = dataEnd - start;
    // A full segment always goes (RFC 9293 §3.8.6.2.1 (1)); so does a segment carrying the
    // FIN: nothing will follow it (as Linux tcp_nagle_test()). So does one that ends a queued
    // block (Linux's skb, fulltcp-gso.cc) with more behind it: tcp_write_xmit() applies
    // Nagle to the last skb only ("frames, which sit in the middle of the write_queue ...
    // have no chances to get new data").
    const bool blockEnds =
        std::binary_search(m_tcb.blockStarts.begin(), m_tcb.blockStarts.end(), dataEnd);
    if (length >= SegmentPayloadLimit() || end > m_tcb.DataEnd() || blockEnds)
    {
        return true;
    }
    // Nagle (RFC 896; RFC 9293 §3.7.4): "if there is unacknowledged data (i.e., SND.NXT >
    // SND.UNA), then the sending TCP endpoint buffers all user data ... until the
    // outstanding data has been acknowledged or until the TCP endpoint can send a full-sized
    // segment". TCP_NODELAY (noDelay) turns it off.
    if (NagleHolds())
    {
        return false;
    }
    // Sender SWS avoidance (§3.8.6.2.1): (2) all queued data fits (every write is pushed),
    // or (3) at least Fs·Max(SND.WND) with Fs = 1/2. The persist timer is the override of
    // (4).
    return dataEnd == m_tcb.DataEnd() || length >= static_cast<int64_t>(m_tcb.maxSndWnd / 2);
}

std::optional<int64_t>
FullTcpConnection::NextNewSegmentEnd(int64_t limit) const
{
    const int64_t start = m_tcb.sndNxt;
    if (m_config.minTsoSegs > 0)
    {
        // Linux cuts a GSO packet (fulltcp-gso.cc), never across a block; tcp_write_xmit()
        // asks Nagle only about a packet of one segment (tcp_nagle_test()),
        // tcp_mss_split_point() about the partial last segment of a longer one.
        const FullTcpRange packet = GsoPacket(limit);
        m_gsoCandidate = packet;
        limit = std::min(limit, std::max(packet.end, start));
        const int64_t end = SegmentEnd(start, limit, true);
        if (packet.Length() > std::max<int64_t>(SegmentPayloadLimit(), 1) && end > start)
        {
            return m_tcb.pacer.HeldUntil(m_now) ? std::nullopt : std::optional<int64_t>(end);
        }
    }
    const int64_t end = SegmentEnd(start, limit, true);
    // Pacing holds new data until its departure time (tcp_write_xmit(): tcp_pacing_check()).
    if (end <= start || !SendingPolicyAllows(start, end) || m_tcb.pacer.HeldUntil(m_now))
    {
        return std::nullopt;
    }
    return end;
}

std::optional<int64_t>
FullTcpConnection::ProbeSegmentEnd(int64_t limit) const
{
    const int64_t start = m_tcb.sndNxt;
    const int64_t end = SegmentEnd(start, limit, true);
    if (end <= start)
    {
        return std::nullopt;
    }
    return end;
}

void
FullTcpConnection::SendNewSegment(int64_t end)
{
    const int64_t start = m_tcb.sndNxt;
    if (m_tcb.sndUna == m_tcb.sndNxt)
    {
        m_tcb.lastProgress = m_now; // the user timeout counts from here (RFC 5482)
    }
    if (m_config.minTsoSegs > 0)
    {
        GsoSend(end);
    }
    SendRange(start, end);
    m_tcb.rtxNxt = end;
    // RFC 6298 §3: time one segment at a time when timestamps give no samples.
    if (!m_tcb.tsOk && !m_tcb.rttTimedEnd)
    {
        m_tcb.rttTimedEnd = end;
        m_tcb.rttTimedAt = m_now;
    }
    StartRetransmitTimerIfIdle();
}

int64_t
FullTcpConnection::RetransmitFrom(int64_t start, int64_t limit)
{
    // A retransmission never crosses the end of a record (MSG_EOR): Linux resends skb by skb
    // and tcp_retrans_try_collapse() joins no skb marked eor (tcp_skb_can_collapse()).
    const auto record = std::upper_bound(m_tcb.recordEnds.begin(), m_tcb.recordEnds.end(), start);
    if (record != m_tcb.recordEnds.end())
    {
        limit = std::min(limit, *record);
    }
    const int64_t end = SegmentEnd(start, std::min(limit, m_tcb.sndNxt), m_tcb.FinSent());
    if (end > start)
    {
        // Karn's algorithm (RFC 6298 §5): what is sent twice gives no RTT sample.
        m_tcb.rttTimedEnd.reset();
        m_tcb.rtxTsVal = TsVal();
        m_tcb.undo.Retransmitted(FullTcpRange {start, end}, TsVal(), m_tcb.sndMss);
        SendRange(start, end);
        StartRetransmitTimerIfIdle();
    }
    return end;
}

int64_t
FullTcpConnection::RetransmitFirstUnacknowledged()
{
    // The segment at SND.UNA (RFC 5681 §3.2 step 3, RFC 6582 step 4, RFC 6675 (4.3)), up to
    // the first byte the peer has SACKed.
    const auto hole = m_tcb.scoreboard.NextHole(m_tcb.sndUna, m_tcb.sndNxt);
    return RetransmitFrom(m_tcb.sndUna, hole ? hole->end : m_tcb.sndNxt);
}

void
FullTcpConnection::GoBackN()
{
    // After a timeout everything unacknowledged is presumed lost (RFC 5681 §3.1 leaves the
    // rest of the window to slow start): it goes again in order as cwnd opens, as BSD does by
    // pulling SND.NXT back, skipping what the peer has SACKed since (RFC 6675 §5.1). SACKed
    // bytes have left the network, so they do not count against cwnd (as in RFC 6675's
    // pipe).
    m_tcb.rtxNxt = std::max(m_tcb.rtxNxt, m_tcb.sndUna);
    while (m_tcb.rtxNxt < m_tcb.sndNxt && !m_tcb.pacer.HeldUntil(m_now)) // tcp_pacing_check()
    {
        const auto hole = m_tcb.scoreboard.NextHole(m_tcb.rtxNxt, m_tcb.sndNxt);
        if (!hole)
        {
            m_tcb.rtxNxt = m_tcb.sndNxt;
            return;
        }
        const auto sacked = static_cast<uint32_t>(
            m_tcb.scoreboard.SackedIn(FullTcpRange {m_tcb.sndUna, hole->start}));
        const int64_t end = RetransmitFrom(hole->start, std::min(hole->end, WindowEnd(sacked)));
        if (end <= hole->start)
        {
            return; // the windows are full
        }
        m_tcb.rtxNxt = end;
    }
}

void
FullTcpConnection::Output()
{
    if (!SendingAllowed())
    {
        return;
    }
    const int64_t sentBefore = m_tcb.sndNxt;
    if (!m_recovery->DoRecovery(*this) && !FrtoOutput())
    {
        GoBackN();
        while (m_tcb.rtxNxt >= m_tcb.sndNxt)
        {
            const auto end = NextNewSegmentEnd(NewDataLimit());
            if (!end)
            {
                break;
            }
            SendNewSegment(*end);
        }
    }
    ArmPersistIfStalled();
    if (m_config.cwndValidation)
    {
        TrackCwndUse(m_tcb.sndNxt > sentBefore);
    }
    // What pacing held back goes when the PACING slot expires (tcp_pacing_check() arms the
    // pacing hrtimer).
    const bool waiting = m_tcb.DataEnd() > m_tcb.sndNxt || (m_tcb.finQueued && !m_tcb.FinSent())
                      || m_tcb.rtxNxt < m_tcb.sndNxt;
    if (const auto delay =
            m_tcb.pacer.TimerDelay(m_now, waiting, m_tcb.timerDeadline.Get(FullTcpPacer::PACING)))
    {
        ArmTimer(FullTcpPacer::PACING, *delay);
    }
}

void
FullTcpConnection::ArmPersistIfStalled()
{
    // RFC 9293 §3.8.6.1: with nothing in flight no ACK will come to reopen a closed window
    // or to release data that silly-window avoidance holds back, so the RETRANSMIT slot
    // becomes the persist timer (as Linux tcp_check_probe_timer()).
    const bool held = m_tcb.DataEnd() > m_tcb.sndNxt;
    if (held && m_tcb.sndNxt == m_tcb.sndUna && !m_tcb.timerDeadline.Get(FullTcpTimer::RETRANSMIT))
    {
        ArmRetransmitTimer(PersistBase());
    }
}

} // namespace ns3
