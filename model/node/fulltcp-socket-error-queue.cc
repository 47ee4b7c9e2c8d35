/*
 * Node: FullTcpSocket's error queue (MSG_ZEROCOPY, SO_TIMESTAMPING) and TCP_INQ's hint
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpSocket keeps a FullTcpErrorQueue (Linux sk_error_queue) and feeds it from what the
 * engine does: a send queues bytes (tcp_sendmsg_locked(): the MSG_ZEROCOPY id, the TX
 * timestamp mark), a segment leaves (SCHED and SND timestamps), the peer acknowledges bytes
 * (tcp_clean_rtx_queue(): zerocopy completions, ACK timestamps), a failure purges the send
 * buffer (tcp_write_queue_purge()). The application reads it with RecvError() and learns of
 * new entries from the error queue callback (sk_error_report()).
 */
#include "fulltcp-socket.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketErrorQueue");

bool
FullTcpSocket::RecvError(FullTcpSockError& out)
{
    if (!m_errorQueue.Pop(out))
    {
        m_errno = ERROR_AGAIN; // sock_recv_errqueue(): -EAGAIN when nothing is queued
        return false;
    }
    return true;
}

uint32_t
FullTcpSocket::GetErrorQueueSize() const
{
    return m_errorQueue.GetSize();
}

void
FullTcpSocket::SetErrorQueueCallback(Callback<void, Ptr<Socket>> cb)
{
    m_errorQueueCallback = cb;
}

int
FullTcpSocket::SetTimestamping(uint32_t flags)
{
    // sock_set_timestamping(): OPT_ID on a TCP socket counts keys from SND.UNA, so the
    // socket must be connected (EINVAL in CLOSE and LISTEN).
    const bool newId = (flags & FullTcpErrorQueue::OPT_ID) != 0
                    && (m_errorQueue.GetTimestamping() & FullTcpErrorQueue::OPT_ID) == 0;
    if (newId && (!ConnectionLive() || GetState() == FullTcpState::LISTEN))
    {
        return Fail(ERROR_INVAL);
    }
    m_errorQueue.SetTimestamping(flags, newId ? m_engine->GetTcb().sndUna : 0);
    return 0;
}

uint32_t
FullTcpSocket::GetTimestamping() const
{
    return m_errorQueue.GetTimestamping();
}

uint32_t
FullTcpSocket::GetInqHint() const
{
    // tcp_inq_hint(): RCV.NXT - copied_seq, which counts the peer's FIN until a read reaches
    // it, and at least 1 once the stream is done (SOCK_DONE: FIN or reset), so that a reader
    // goes on to read the end of stream.
    const uint32_t unread = GetRxAvailable();
    const bool fin = m_handedOff || (m_engine && m_engine->GetTcb().finReceived);
    if (fin)
    {
        return unread + 1;
    }
    return unread == 0 && m_failed ? 1 : unread;
}

int
FullTcpSocket::SendMsg(const std::vector<Ptr<Packet>>& iov, uint32_t flags)
{
    // tcp_sendmsg_locked(): copied bytes fill the skbs whatever the iovecs; zerocopy pages
    // become fragments, MaxSkbFrags a skb (net.core.max_skb_frags), and a full skb is pushed
    // and closed to later bytes (tcp_mark_push(), new_segment): a write ending a record.
    const bool pages = (flags & MSG_ZEROCOPY) != 0 && m_zeroCopy;
    std::vector<Ptr<Packet>> writes {Create<Packet>()};
    uint32_t frags = 0;
    for (const Ptr<Packet>& p : iov)
    {
        if (!p || p->GetSize() == 0)
        {
            continue;
        }
        if (pages && frags == m_maxSkbFrags)
        {
            writes.push_back(Create<Packet>());
            frags = 0;
        }
        writes.back()->AddAtEnd(p);
        ++frags;
    }
    int taken = 0;
    for (size_t i = 0; i < writes.size(); ++i)
    {
        const bool last = i + 1 == writes.size();
        const uint32_t f = last ? flags : (flags & ~MSG_ZEROCOPY) | MSG_EOR;
        const int r = Send(writes[i], f);
        if (r < 0)
        {
            return taken > 0 ? taken : r;
        }
        taken += r;
    }
    return taken;
}

void
FullTcpSocket::ErrorQueueSend(uint32_t flags)
{
    // tcp_sendmsg_locked(): MSG_ZEROCOPY takes an id only with SO_ZEROCOPY and only for a
    // send that queued bytes (msg_zerocopy_put_abort() gives it back otherwise).
    if ((flags & MSG_ZEROCOPY) != 0 && m_zeroCopy && m_engine && !m_handedOff)
    {
        m_errorQueue.ZeroCopySent(m_engine->GetTcb().DataEnd());
    }
}

void
FullTcpSocket::ErrorQueueSegment(const FullTcpSegmentOut& segment)
{
    if (m_errorQueue.GetTimestamping() == 0 || !m_engine || segment.payload->GetSize() == 0)
    {
        return;
    }
    const FullTcpTcb& t = m_engine->GetTcb();
    // Data rides after the SYN's own offset on a SYN (Fast Open).
    const int64_t start = t.snd.FromWire(segment.header.GetSequenceNumber(), t.sndNxt)
                        + (segment.header.HasFlags(FullTcpHeader::SYN) ? 1 : 0);
    ErrorQueueReport(
        m_errorQueue.SegmentSent(start, start + segment.payload->GetSize(), Simulator::Now()));
}

void
FullTcpSocket::ErrorQueueAcked()
{
    if (m_failed)
    {
        ErrorQueueReport(m_errorQueue.Purged()); // tcp_reset(), tcp_write_err()
    }
    else if (m_engine && !m_handedOff)
    {
        ErrorQueueReport(m_errorQueue.Acknowledged(m_engine->GetTcb().sndUna, Simulator::Now()));
    }
}

void
FullTcpSocket::ErrorQueueReport(bool queued)
{
    if (queued && !m_errorQueueCallback.IsNull())
    {
        m_errorQueueCallback(this);
    }
}

} // namespace ns3
