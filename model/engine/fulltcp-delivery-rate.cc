/*
 * Engine: delivery-rate estimation (draft-cheng-iccrg-delivery-rate-estimation, Linux tcp_rate.c)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-delivery-rate.h"

#include <algorithm>

namespace ns3
{

FullTcpDeliveryRate::Record&
FullTcpDeliveryRate::At(size_t i)
{
    return m_ring[(m_head + i) & (m_ring.size() - 1)];
}

int64_t
FullTcpDeliveryRate::StartOf(size_t i)
{
    return i == 0 ? m_frontStart : At(i - 1).end;
}

size_t
FullTcpDeliveryRate::FirstEndingAbove(int64_t offset)
{
    size_t lo = 0;
    size_t hi = m_size;
    while (lo < hi)
    {
        const size_t mid = lo + (hi - lo) / 2;
        if (At(mid).end <= offset)
        {
            lo = mid + 1;
        }
        else
        {
            hi = mid;
        }
    }
    return lo;
}

void
FullTcpDeliveryRate::Push(const Record& r)
{
    if (m_size == m_ring.size())
    {
        std::vector<Record> bigger(std::max<size_t>(16, 2 * m_ring.size()));
        for (size_t i = 0; i < m_size; ++i)
        {
            bigger[i] = At(i);
        }
        m_ring.swap(bigger);
        m_head = 0;
    }
    At(m_size++) = r;
}

void
FullTcpDeliveryRate::Sent(int64_t start, int64_t end, bool idle, Time now)
{
    // "If there are no packets in flight yet, then we know that any ACKs after now indicate
    // that the network was able to deliver those packets completely in the sampling interval
    // between now and the next ACK" (tcp_rate_skb_sent()).
    if (idle)
    {
        m_firstSent = now;
        m_deliveredTime = now;
    }
    Record stamp;
    stamp.sent = now;
    stamp.firstSent = m_firstSent;
    stamp.deliveredTime = m_deliveredTime;
    stamp.delivered = static_cast<uint32_t>(m_delivered);
    stamp.appLimited = m_appLimited != 0;
    if (m_size == 0)
    {
        m_frontStart = start;
    }
    // A retransmission restamps the records it resends ...
    const int64_t highest = m_size > 0 ? At(m_size - 1).end : m_frontStart;
    for (size_t i = FirstEndingAbove(start); i < m_size && StartOf(i) < end; ++i)
    {
        Record& r = At(i);
        stamp.end = r.end;
        stamp.done = r.done;
        stamp.retrans = true;
        r = stamp;
    }
    // ... new data gets a record of its own.
    if (end > highest)
    {
        stamp.end = end;
        stamp.done = false;
        stamp.retrans = false;
        Push(stamp);
    }
}

void
FullTcpDeliveryRate::MarkAppLimited(uint32_t bytesInFlight)
{
    // tcp_rate_check_app_limited(): the bubble ends once what is in flight now is delivered.
    m_appLimited = std::max<uint64_t>(m_delivered + bytesInFlight, 1);
}

void
FullTcpDeliveryRate::Deliver(Record& r, int64_t bytes, bool sacked)
{
    if (r.done)
    {
        return; // tcp_clean_rtx_queue() takes no time from an skb SACKed before
    }
    // Karn's rule on the send times (tcp_clean_rtx_queue(), tcp_sacktag_one()): only a
    // segment sent once times the path; a retransmission cumulatively acknowledged voids
    // the cumulative sample.
    std::optional<Time>& last = sacked ? m_lastSackt : m_lastAckt;
    if (r.retrans)
    {
        m_retransAcked = m_retransAcked || !sacked;
    }
    else if (!last || r.sent > *last)
    {
        last = r.sent;
    }
    m_delivered += bytes;
    m_ackDelivered += bytes;
    // tcp_rate_skb_delivered(): sample from the most recently sent segment delivered (the
    // later end breaks a tie of send times, tcp_skb_sent_after()).
    if (!m_prior || r.sent > m_prior->sent || (r.sent == m_prior->sent && r.end > m_prior->end))
    {
        m_prior =
            Prior {r.delivered, r.deliveredTime, r.sent, r.end, r.sent - r.firstSent, r.appLimited};
        // "Record send time of most recently ACKed packet".
        m_firstSent = r.sent;
    }
}

void
FullTcpDeliveryRate::Acknowledged(int64_t una)
{
    while (m_size > 0 && m_frontStart < una)
    {
        Record& r = At(0);
        const int64_t upTo = std::min(r.end, una);
        Deliver(r, upTo - m_frontStart, false);
        m_frontStart = upTo;
        if (upTo < r.end)
        {
            return; // a partial acknowledgment: the rest of the segment is still out
        }
        m_head = (m_head + 1) & (m_ring.size() - 1);
        --m_size;
    }
}

void
FullTcpDeliveryRate::Sacked(FullTcpRange range)
{
    for (size_t i = FirstEndingAbove(range.start); i < m_size && StartOf(i) < range.end; ++i)
    {
        Record& r = At(i);
        Deliver(r, r.end - StartOf(i), true);
        r.done = true; // Linux clears tx.delivered_mstamp of a SACKed skb
    }
}

std::optional<FullTcpRateSample>
FullTcpDeliveryRate::TakeSample(Time now, std::optional<Time> minRtt)
{
    // tcp_rate_gen(): "Clear app limited if bubble is acked and gone."
    if (m_appLimited != 0 && m_delivered > m_appLimited)
    {
        m_appLimited = 0;
    }
    if (m_ackDelivered > 0)
    {
        m_deliveredTime = now;
    }
    m_ackDelivered = 0;
    const std::optional<Prior> prior = m_prior;
    m_prior.reset();
    if (!prior)
    {
        return std::nullopt;
    }
    // "Model sending data and receiving ACKs as separate pipeline phases for a window ... To
    // be safe we use the longer phase."
    FullTcpRateSample sample;
    sample.delivered = static_cast<uint32_t>(m_delivered) - prior->delivered;
    sample.interval = std::max(prior->sendPhase, now - prior->deliveredTime);
    sample.appLimited = prior->appLimited;
    sample.priorDelivered = prior->delivered;
    // "Normally we expect interval_us >= min-rtt": a shorter one, or one before any RTT
    // sample (Linux's min_rtt starts at ~0U), gives no sample.
    if (!minRtt || sample.interval < *minRtt || !sample.interval.IsStrictlyPositive())
    {
        return std::nullopt;
    }
    return sample;
}

std::optional<Time>
FullTcpDeliveryRate::TakeAckRtt(Time now)
{
    std::optional<Time> sent = m_lastSackt;
    if (!sent && !m_retransAcked)
    {
        sent = m_lastAckt;
    }
    m_lastAckt.reset();
    m_lastSackt.reset();
    m_retransAcked = false;
    if (!sent)
    {
        return std::nullopt;
    }
    return now - *sent;
}

uint64_t
FullTcpDeliveryRate::Delivered() const
{
    return m_delivered;
}

} // namespace ns3
