/*
 * Engine: Linux's GSO packets, how many segments leave together and the PSH on their last
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: with FullTcpConfig::minTsoSegs, new data leaves as Linux's
 * tcp_write_xmit() hands it to the device: in packets of several segments (GSO), cut from the
 * queued blocks by the windows and the pacing rate. Linux sets PSH on each packet of more than
 * one segment, a hint for the receiver's GRO; seen segment by segment (as the peer and
 * packetdrill's tun device see them) that is PSH on the packet's last segment.
 */
#include "fulltcp-connection.h"

#include <algorithm>
#include <limits>

namespace ns3
{

uint32_t
FullTcpConnection::GsoSegments() const
{
    // tcp_tso_autosize(): about 1 ms of the pacing rate (sk_pacing_rate >> sk_pacing_shift,
    // 10), plus sk_gso_max_size >> (min RTT in µs >> tcp_tso_rtt_log, 9) so that a flow with
    // a tiny RTT still sends big packets; at most sk_gso_max_size, at least tcp_min_tso_segs.
    // Before the first RTT sample Linux's min RTT is ~0U: no such bonus.
    const uint64_t gsoMax =
        m_config.pushBlockSize > 0 ? m_config.pushBlockSize : std::numeric_limits<uint32_t>::max();
    uint64_t bytes = m_tcb.pacer.GetRate() >> 10;
    if (m_tcb.rtt.HasSample())
    {
        const uint64_t r = m_tcb.rtt.GetMinRtt().GetMicroSeconds() >> 9;
        if (r < 32)
        {
            bytes += gsoMax >> r;
        }
    }
    bytes = std::min(bytes, gsoMax);
    const uint64_t mss = std::max<uint32_t>(SegmentPayloadLimit(), 1);
    // tcp_tso_segs(): at most sk_gso_max_segs (GSO_MAX_SEGS, 65535).
    return static_cast<uint32_t>(
        std::min<uint64_t>(std::max<uint64_t>(bytes / mss, m_config.minTsoSegs), 65535));
}

FullTcpRange
FullTcpConnection::GsoPacket(int64_t limit) const
{
    const int64_t start = m_tcb.sndNxt;
    if (m_tcb.gsoPacket.start <= start && start < m_tcb.gsoPacket.end)
    {
        return m_tcb.gsoPacket; // its rest goes on
    }
    // tcp_cwnd_test(): cwnd - packets in flight, at most half cwnd ("ensure we have at least
    // 2 GSO packets in flight"), in segments; the caller already let one segment go.
    const uint32_t smss = std::max<uint32_t>(m_tcb.sndMss, 1);
    const uint32_t cwnd = m_tcb.cc.cwnd / smss;
    const uint32_t inFlight = (m_recovery->BytesInFlight(*this) + smss - 1) / smss;
    const uint32_t quota = cwnd > inFlight ? std::min(cwnd - inFlight, std::max(cwnd / 2, 1U)) : 1;
    // tcp_mss_split_point(): min(quota, tcp_tso_segs()) segments, within the peer's window
    // and the block queued there (a packet never spans two skbs).
    const int64_t mss = std::max<uint32_t>(SegmentPayloadLimit(), 1);
    const int64_t segs = std::max<uint32_t>(std::min(quota, GsoSegments()), 1);
    const auto block = std::upper_bound(m_tcb.blockStarts.begin(), m_tcb.blockStarts.end(), start);
    int64_t end = std::min({start + segs * mss, limit, m_tcb.DataEnd()});
    if (block != m_tcb.blockStarts.end())
    {
        end = std::min(end, *block);
    }
    // A partial last segment stays out when Nagle would hold it (tcp_nagle_check()).
    const int64_t partial = (end - start) % mss;
    if (end - start > mss && partial != 0 && NagleHolds(true))
    {
        end -= partial;
    }
    return FullTcpRange {start, std::max(start, end)};
}

void
FullTcpConnection::GsoSend(int64_t end)
{
    const int64_t start = m_tcb.sndNxt;
    const bool going = m_tcb.gsoPacket.start <= start && start < m_tcb.gsoPacket.end;
    if (!going)
    {
        const int64_t dataEnd = std::min(end, m_tcb.DataEnd());
        const bool cut =
            m_gsoCandidate && m_gsoCandidate->start == start && m_gsoCandidate->end >= dataEnd;
        m_tcb.gsoPacket = cut ? *m_gsoCandidate : FullTcpRange {start, dataEnd};
        m_tcb.gsoMss = SegmentPayloadLimit();
    }
    m_gsoCandidate.reset();
    // Blocks that have begun to leave are no longer bounds.
    while (!m_tcb.blockStarts.empty() && m_tcb.blockStarts.front() <= start)
    {
        m_tcb.blockStarts.pop_front();
    }
}

bool
FullTcpConnection::GsoPush(int64_t start, int64_t dataEnd) const
{
    // __tcp_transmit_skb(): "if (tcp_skb_pcount(skb) > 1) tcb->tcp_flags |= TCPHDR_PSH".
    const FullTcpRange& p = m_tcb.gsoPacket;
    return m_config.minTsoSegs > 0 && start >= p.start && dataEnd == p.end
        && p.Length() > static_cast<int64_t>(m_tcb.gsoMss);
}

} // namespace ns3
