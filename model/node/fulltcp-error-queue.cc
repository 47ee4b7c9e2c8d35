/*
 * Node: a socket's error queue (Linux sk_error_queue): MSG_ZEROCOPY completions, TX timestamps
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-error-queue.h"

namespace ns3
{

bool
FullTcpErrorQueue::Pop(FullTcpSockError& out)
{
    if (m_queue.empty())
    {
        return false;
    }
    out = m_queue.front();
    m_queue.pop_front();
    return true;
}

void
FullTcpErrorQueue::Push(const FullTcpSockError& e)
{
    // __msg_zerocopy_callback(): a completion whose first id follows the range of the
    // queue's last entry, itself a zerocopy one, extends that range
    // (skb_zerocopy_notify_extend(), while the range stays below 2^32 ids).
    if (e.origin == FullTcpSockError::ORIGIN_ZEROCOPY && !m_queue.empty())
    {
        FullTcpSockError& tail = m_queue.back();
        const uint64_t sum = uint64_t {tail.data} - tail.info + 1 + (e.data - e.info + 1);
        if (tail.origin == FullTcpSockError::ORIGIN_ZEROCOPY && e.info == tail.data + 1
            && sum < (uint64_t {1} << 32))
        {
            tail.data = e.data;
            return;
        }
    }
    m_queue.push_back(e);
}

uint32_t
FullTcpErrorQueue::ZeroCopySent(int64_t end)
{
    // msg_zerocopy_alloc(): the id is sk_zckey, incremented; a send that queued nothing
    // gave its id back (msg_zerocopy_put_abort()), so the caller registers only sends
    // that took bytes.
    const uint32_t id = m_zcKey++;
    m_zcPending.push_back({id, end});
    return id;
}

bool
FullTcpErrorQueue::Purged()
{
    m_marked.clear(); // purged buffers report no more timestamps
    return !m_zcPending.empty() && Acknowledged(m_zcPending.back().end, Time());
}

bool
FullTcpErrorQueue::Acknowledged(int64_t acked, Time now)
{
    // Every completion reports, also one merged into the last entry (__msg_zerocopy_callback()
    // calls sk_error_report() either way).
    bool any = false;
    while (!m_zcPending.empty() && m_zcPending.front().end <= acked)
    {
        FullTcpSockError e;
        e.origin = FullTcpSockError::ORIGIN_ZEROCOPY;
        e.code = FullTcpSockError::CODE_ZEROCOPY_COPIED;
        e.info = m_zcPending.front().id;
        e.data = m_zcPending.front().id;
        Push(e);
        m_zcPending.pop_front();
        any = true;
    }
    // tcp_ack_tstamp(): ACK once SND.UNA passed the marked byte.
    while (!m_marked.empty() && m_marked.front().at < acked)
    {
        if ((m_marked.front().flags & TX_ACK) != 0)
        {
            PushStamp(m_marked.front().at, FullTcpSockError::STAMP_ACK, now, 1);
            any = true;
        }
        m_marked.pop_front();
    }
    return any;
}

void
FullTcpErrorQueue::SetTimestamping(uint32_t flags, int64_t acked)
{
    // sock_set_timestamping(): keys count from SND.UNA when OPT_ID is newly set.
    if ((flags & OPT_ID) != 0 && (m_tsFlags & OPT_ID) == 0)
    {
        m_tsKeyBase = acked;
    }
    m_tsFlags = flags;
}

void
FullTcpErrorQueue::TimestampSent(int64_t end)
{
    // tcp_tx_timestamp(): the flags of the send mark the last byte it queued.
    const uint32_t tx = m_tsFlags & (TX_SCHED | TX_SOFTWARE | TX_ACK);
    if (tx != 0)
    {
        m_marked.push_back({end - 1, m_tsFlags});
    }
}

void
FullTcpErrorQueue::TimestampUnsent(int64_t end)
{
    if (!m_marked.empty() && m_marked.back().at == end - 1 && !m_marked.back().sent)
    {
        m_marked.pop_back();
    }
}

bool
FullTcpErrorQueue::SegmentSent(int64_t start, int64_t end, Time now)
{
    // __dev_queue_xmit() reports SCHED and the device's skb_tx_timestamp() SND for the
    // segment that carries a marked byte; both happen as FullTcp hands it to IP.
    const uint32_t before = GetSize();
    for (Marked& m : m_marked)
    {
        if (m.sent || m.at < start)
        {
            continue;
        }
        if (m.at >= end)
        {
            break;
        }
        const uint32_t length = static_cast<uint32_t>(end - start);
        if ((m.flags & TX_SCHED) != 0)
        {
            PushStamp(m.at, FullTcpSockError::STAMP_SCHED, now, length);
        }
        if ((m.flags & TX_SOFTWARE) != 0)
        {
            PushStamp(m.at, FullTcpSockError::STAMP_SND, now, length);
        }
        m.sent = true;
    }
    return GetSize() != before;
}

void
FullTcpErrorQueue::PushStamp(int64_t at, FullTcpSockError::Stamp stamp, Time now, uint32_t length)
{
    // __skb_complete_tx_timestamp(): ENOMSG from SO_EE_ORIGIN_TIMESTAMPING, ee_info the
    // kind, ee_data the key with OPT_ID; the segment rides along unless OPT_TSONLY; the time
    // is reported with SOF_TIMESTAMPING_SOFTWARE.
    FullTcpSockError e;
    e.errnum = FullTcpSockError::ERRNO_ENOMSG;
    e.origin = FullTcpSockError::ORIGIN_TIMESTAMPING;
    e.info = stamp;
    e.data = (m_tsFlags & OPT_ID) != 0 ? static_cast<uint32_t>(at - m_tsKeyBase) : 0;
    e.stamp = (m_tsFlags & SOFTWARE) != 0 ? now : Time();
    e.length = (m_tsFlags & OPT_TSONLY) != 0 ? 0 : length;
    Push(e);
}

} // namespace ns3
