/*
 * Engine: segment building (SYN, data, FIN, ACK, RST), options, receive window updates
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: building and sending segments (the SYN, data and FIN, ACKs, resets)
 * and the receive window they advertise.
 */
#include "fulltcp-connection.h"
#include "fulltcp-rst-rules.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpTransmit");

namespace
{
using S = FullTcpState;
using H = FullTcpHeader;
} // namespace

FullTcpHeader
FullTcpConnection::MakeHeader(uint8_t flags, int64_t seq)
{
    flags |= EcnEchoFlag(flags); // RFC 3168 §6.1.3 (fulltcp-ecn.cc)
    FullTcpHeader h;
    h.SetSourcePort(m_tcb.localPort);
    h.SetDestinationPort(m_tcb.remotePort);
    h.SetSequenceNumber(m_tcb.snd.ToWire(seq));
    h.SetFlags(flags);
    if ((flags & H::ACK) != 0)
    {
        h.SetAckNumber(m_tcb.rcv.ToWire(m_tcb.rcvNxt));
        m_tcb.lastAckSent = m_tcb.rcvNxt;
        // Every segment with ACK carries the acknowledgment owed, delayed or not.
        m_ackPending = false;
        m_ackNow = false;
        CancelTimer(FullTcpTimer::DELAYED_ACK);
    }
    const uint32_t wnd = RcvWnd();
    if ((flags & H::SYN) != 0)
    {
        // RFC 7323 §2.2: "The window field in a segment where the SYN bit is set ... MUST
        // NOT be scaled."
        const auto field = static_cast<uint16_t>(std::min<uint32_t>(wnd, 0xffff));
        h.SetWindow(field);
        m_tcb.rcvAdvertisedEdge = m_tcb.rcvNxt + field;
    }
    else
    {
        const auto field =
            static_cast<uint16_t>(std::min<uint32_t>(wnd >> m_tcb.rcvWscale, 0xffff));
        h.SetWindow(field);
        m_tcb.rcvAdvertisedEdge = m_tcb.rcvNxt + (static_cast<int64_t>(field) << m_tcb.rcvWscale);
        m_tcb.linuxRcv.Advertised(static_cast<uint32_t>(field) << m_tcb.rcvWscale);
        // RFC 7323 §3.2: once negotiated, TSopt is sent on every segment.
        if (m_tcb.tsOk)
        {
            h.Options().SetTimestamp(TsVal(), m_tcb.tsRecent);
        }
        if ((flags & H::ACK) != 0 && (flags & H::RST) == 0)
        {
            const auto blocks = SackBlocksToSend();
            if (!blocks.empty())
            {
                h.Options().SetSackBlocks(blocks);
                m_tcb.sackBlocks.Sent();
            }
        }
    }
    return h;
}

void
FullTcpConnection::Transmit(const FullTcpHeader& h, Ptr<Packet> payload)
{
    const uint32_t len = payload->GetSize();
    const int64_t start = m_tcb.snd.FromWire(h.GetSequenceNumber(), m_tcb.sndNxt);
    // RFC 1213 tcpRetransSegs: "containing one or more previously transmitted octets". A
    // new segment leaves at SND.NXT and SND.NXT moves past it only afterwards, so a segment
    // that takes sequence space (text, SYN, FIN) below SND.NXT was sent before; keepalive
    // probes (SND.NXT - 1, no text), pure ACKs and RSTs take none.
    const bool takesSequenceSpace = len > 0 || h.HasFlags(H::SYN) || h.HasFlags(H::FIN);
    const bool retransmission = takesSequenceSpace && start < m_tcb.sndNxt;
    // Text beyond the highest offset ever sent is new (ns-3 TcpSocketBase's m_highTxMark):
    // SND.NXT alone does not say so, it steps back over a zero-window probe's octet.
    uint32_t newDataBytes = 0;
    if (len > 0 && !h.HasFlags(H::SYN))
    {
        const int64_t end = start + len;
        if (end > m_tcb.highTxMark)
        {
            newDataBytes = static_cast<uint32_t>(end - std::max(start, m_tcb.highTxMark));
            m_tcb.highTxMark = end;
        }
    }
    // RFC 3168 §6.1: the ECN codepoint, and CWR on the first ECN-capable segment after a
    // window reduction (fulltcp-ecn.cc).
    const FullTcpEcnCodepoint ecn = EcnCodepointFor(h, len, retransmission);
    const std::optional<FullTcpHeader> withCwr = EcnAddCwr(h, ecn);
    m_out.SendSegment(
        FullTcpSegmentOut {withCwr ? *withCwr : h, payload, retransmission, newDataBytes, ecn});
}

uint32_t
FullTcpConnection::RcvWnd() const
{
    if (m_config.linuxReceiveWindow)
    {
        // Linux: a SYN or SYN-ACK offers the initial window (tcp_select_initial_window()),
        // later segments what tcp_select_window() picks (fulltcp-linux-rcv-window.cc).
        if (m_tcb.state == S::SYN_SENT || m_tcb.state == S::SYN_RCVD || m_tcb.state == S::LISTEN)
        {
            return m_tcb.linuxRcv.Initial();
        }
        const int64_t current = std::max<int64_t>(0, m_tcb.rcvAdvertisedEdge - m_tcb.rcvNxt);
        return m_tcb.linuxRcv.Select(current, m_tcb.rcvWscale);
    }
    const uint32_t used = m_tcb.rcvQueue.Size();
    const uint32_t free = used < m_config.rcvBufSize ? m_config.rcvBufSize - used : 0;
    // Largest window the 16-bit field can express with our shift, in whole scale units.
    const uint32_t granule = 1U << m_tcb.rcvWscale;
    const uint32_t wnd = std::min<uint32_t>(free, 0xffffU << m_tcb.rcvWscale) & ~(granule - 1);
    // RFC 9293 §3.8.6: the right edge of the window must not move left (no shrinking), and
    // §3.8.6.2.2 (receiver SWS avoidance): it moves right only by at least
    // min(RCV.BUFF / 2, Eff.snd.MSS), so the peer is never offered a sliver.
    const int64_t advertised = std::max<int64_t>(0, m_tcb.rcvAdvertisedEdge - m_tcb.rcvNxt);
    const int64_t threshold = std::min<int64_t>(m_config.rcvBufSize / 2, m_config.mss);
    if (static_cast<int64_t>(wnd) < advertised + threshold)
    {
        return static_cast<uint32_t>(advertised);
    }
    return wnd;
}

uint32_t
FullTcpConnection::TsVal() const
{
    return FullTcpTsVal(m_now, m_config.timestampOffset);
}

uint16_t
FullTcpConnection::AdvertisedMss() const
{
    // Linux's tp->advmss: our MSS, less TCPOLEN_TSTAMP_ALIGNED once timestamps are on.
    const uint16_t optionBytes = m_tcb.tsOk ? 12 : 0;
    return m_config.mss > optionBytes ? m_config.mss - optionBytes : 1;
}

uint8_t
FullTcpConnection::OfferedWindowShift() const
{
    if (m_config.linuxReceiveWindow)
    {
        return m_tcb.linuxRcv.Shift();
    }
    uint8_t shift = 0;
    while (shift < 14 && (m_config.rcvBufSize >> shift) > 0xffff)
    {
        ++shift;
    }
    return shift;
}

void
FullTcpConnection::SendSyn()
{
    // Before the peer's SYN: <SEQ=ISS><CTL=SYN> (§3.10.1). After it (passive open,
    // simultaneous open, or their retransmissions): <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
    const bool synSent = m_tcb.state == S::SYN_SENT;
    // Linux answers a simultaneous open with its SYN again, ACK set (tcp_send_synack()):
    // the SYN's options, whatever the peer offered.
    const bool offer = synSent || (m_config.simultaneousOpenRepeatsSyn && !m_tcb.passive);
    if (m_config.linuxReceiveWindow)
    {
        // The initial window in whole segments: of our MSS on a SYN (tcp_connect_init()), of
        // our MSS less the timestamp option on a SYN-ACK that carries it
        // (tcp_openreq_init_rwin()). Chosen once; a retransmission offers it again.
        m_tcb.linuxRcv.Open(synSent ? m_config.mss : AdvertisedMss());
    }
    FullTcpHeader h = MakeHeader(synSent ? H::SYN : H::SYN | H::ACK, 0);
    FullTcpOptions& o = h.Options();
    o.SetMss(m_config.mss);
    h.SetFlags(h.GetFlags() | EcnSynFlags(synSent)); // RFC 3168 §6.1.1 (fulltcp-ecn.cc)
    if (offer)
    {
        // Our offer: every option the configuration enables (TSecr: the peer's TSval once
        // its SYN brought one, as Linux tcp_syn_options() writes ts_recent).
        o.SetSackPermitted(m_config.sack);
        if (m_config.timestamps)
        {
            o.SetTimestamp(TsVal(), m_tcb.tsOk ? m_tcb.tsRecent : 0);
        }
        if (m_config.windowScaling)
        {
            o.SetWindowScale(OfferedWindowShift());
        }
    }
    else
    {
        // The answer echoes only what both sides offered (RFC 7323 §1.3, RFC 2018 §2).
        o.SetSackPermitted(m_tcb.sackOk);
        if (m_tcb.tsOk)
        {
            o.SetTimestamp(TsVal(), m_tcb.tsRecent);
        }
        if (m_tcb.wsOk)
        {
            o.SetWindowScale(m_tcb.rcvWscale);
        }
        if (m_tcb.synAckCookie)
        {
            o.SetFastOpen(*m_tcb.synAckCookie); // RFC 7413 §4.1.2 (tcp_synack_options())
        }
    }
    // RFC 7413 §4.2.1: the first SYN of a Fast Open carries the cookie and data
    // (fulltcp-fast-open-client.cc).
    Transmit(h, FastOpenSynPart(o));
}

void
FullTcpConnection::SendAck()
{
    Transmit(MakeHeader(H::ACK, m_tcb.sndNxt), Create<Packet>());
}

bool
FullTcpConnection::ChallengeAckAllowed()
{
    return FullTcpChallengeAckAllowed(m_tcb.lastChallengeAck, m_config.challengeAckInterval, m_now);
}

void
FullTcpConnection::SendChallengeAck()
{
    // RFC 5961 §3.2, §4.2, §5.2: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, throttled (§7).
    if (ChallengeAckAllowed())
    {
        SendAck();
    }
}

void
FullTcpConnection::SendResetFor(const FullTcpHeader& h, Ptr<Packet> payload)
{
    if (const auto rst = FullTcpResetFor(h, payload->GetSize()))
    {
        Transmit(*rst, Create<Packet>());
    }
}

uint32_t
FullTcpConnection::SegmentPayloadLimit() const
{
    // SND.MSS already excludes the timestamps option that every segment carries; SACK
    // blocks come and go. The options layout is "nop,nop,SACK" (4 + 8 bytes per block), at
    // most what fits beside the timestamps (RFC 2018 §3).
    if (!m_tcb.sackOk)
    {
        return m_tcb.sndMss;
    }
    const uint32_t fit = m_tcb.tsOk ? 3 : 4;
    const uint32_t blocks = std::min(fit, m_tcb.sackBlocks.MostBlocks(m_tcb.reassembly));
    const uint32_t optionBytes = blocks > 0 ? 4 + 8 * blocks : 0;
    return std::max<uint32_t>(m_tcb.sndMss > optionBytes ? m_tcb.sndMss - optionBytes : 0, 1);
}

int64_t
FullTcpConnection::SegmentEnd(int64_t start, int64_t dataLimit, bool finAllowed) const
{
    const int64_t dataEnd = m_tcb.DataEnd();
    const int64_t end =
        std::max(start, std::min({start + int64_t {SegmentPayloadLimit()}, dataEnd, dataLimit}));
    // The FIN rides on the segment that carries the last data byte, or goes alone.
    if (m_tcb.finQueued && finAllowed && end == dataEnd)
    {
        return end + 1;
    }
    return end;
}

void
FullTcpConnection::SendRange(int64_t start, int64_t end)
{
    const int64_t dataEnd = std::min(end, m_tcb.DataEnd());
    const auto length = static_cast<uint32_t>(std::max<int64_t>(0, dataEnd - start));
    Ptr<Packet> payload =
        length > 0
            ? m_tcb.sendQueue.Copy(static_cast<uint32_t>(start - m_tcb.sendQueueFront), length)
            : Create<Packet>();
    uint8_t flags = H::ACK;
    // PSH on the segment that carries the last byte of a write (§3.9.1).
    const auto writeEnd =
        std::lower_bound(m_tcb.writeEnds.begin(), m_tcb.writeEnds.end(), start + 1);
    if (length > 0 && writeEnd != m_tcb.writeEnds.end() && *writeEnd <= dataEnd)
    {
        flags |= H::PSH;
    }
    // Linux: PSH also ends each GSO packet of new data (fulltcp-gso.cc).
    if (length > 0 && start >= m_tcb.sndNxt && GsoPush(start, dataEnd))
    {
        flags |= H::PSH;
    }
    if (end > m_tcb.DataEnd())
    {
        flags |= H::FIN;
    }
    // §3.8.5 (RFC 6093): while urgent data lies ahead, every segment points just past it.
    const bool urgent = m_tcb.sndUp && *m_tcb.sndUp > start;
    if (urgent)
    {
        flags |= H::URG;
    }
    FullTcpHeader h = MakeHeader(flags, start);
    if (urgent)
    {
        h.SetUrgentPointer(static_cast<uint16_t>(std::min<int64_t>(*m_tcb.sndUp - start, 0xffff)));
    }
    // The congestion control sees the segment leave (smoltcp pre_transmit/post_transmit),
    // and the delivery-rate estimator stamps it (Linux tcp_rate_skb_sent()).
    const FullTcpTransmission segment {start, end, start < m_tcb.sndNxt};
    m_cc->PreTransmit(m_tcb.cc, segment, CongestionContext());
    m_tcb.rate.Sent(start, end, m_tcb.sndUna == m_tcb.sndNxt, m_now);
    Transmit(h, payload);
    m_tcb.pacer.Sent(length, m_now); // the next departure (tcp_update_skb_after_send())
    m_tcb.dataBytesSent += length;
    if (length > 0)
    {
        m_tcb.lastDataSent = m_now; // tcp_event_data_sent(): lsndtime
    }
    if (length > 0 && length < SegmentPayloadLimit() && start >= m_tcb.sndNxt)
    {
        m_tcb.sndSml = dataEnd; // tcp_minshall_update(): a partial segment left
    }
    m_tcb.sndNxt = std::max(m_tcb.sndNxt, end);
    m_cc->PostTransmit(m_tcb.cc, segment, CongestionContext());
    m_recovery->OnTransmit(segment, *this);
}

void
FullTcpConnection::RetransmitEarliest()
{
    if (!m_tcb.SynAcked())
    {
        // Karn's algorithm (RFC 6298 §5): the SYN's ACK gives no RTT sample any more.
        m_tcb.rttTimedEnd.reset();
        m_tcb.rtxTsVal = TsVal();
        m_tcb.synRetransmitted = true;
        SendSyn();
        return;
    }
    // Never beyond SND.NXT: a retransmission resends, it does not send new data. The
    // go-back-N pointer continues after it.
    m_tcb.rtxNxt = RetransmitFrom(m_tcb.sndUna, m_tcb.sndNxt);
}

void
FullTcpConnection::MaybeSendWindowUpdate()
{
    // Only while the peer may still send (its FIN not yet received).
    const S st = m_tcb.state;
    if (!(st == S::ESTABLISHED || st == S::FIN_WAIT_1 || st == S::FIN_WAIT_2))
    {
        return;
    }
    // §3.8.6.2.2 (receiver SWS avoidance): RcvWnd() opens the window only by a worthwhile
    // amount. Announcing every such opening would ACK each segment a reading application
    // consumes (twice the ACKs of delayed ACK), so, as Linux's tcp_cleanup_rbuf(), a read
    // sends an update only once the window the peer still has is at most half the buffer
    // and the new window at least doubles it (a closed window always reopens at once).
    const int64_t remaining = std::max<int64_t>(0, m_tcb.rcvAdvertisedEdge - m_tcb.rcvNxt);
    const int64_t offered = RcvWnd();
    // Linux tcp_cleanup_rbuf() compares with window_clamp, the largest window it offers.
    const int64_t largest =
        m_config.linuxReceiveWindow ? m_tcb.linuxRcv.WindowClamp() : m_config.rcvBufSize;
    if (offered > remaining && 2 * remaining <= largest && offered >= 2 * remaining)
    {
        SendAck();
    }
}

} // namespace ns3
