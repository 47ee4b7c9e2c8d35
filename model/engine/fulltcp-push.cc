/*
 * Engine: where PSH goes, at the end of each write and at Linux's forced pushes
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: a write enters the send queue with a PSH mark at its end (RFC 9293
 * §3.9.1). With FullTcpConfig::pushBlockSize it enters it as Linux tcp_sendmsg_locked() fills
 * its send queue, block by block, and a long write is pushed on the way (forced_push()).
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

int64_t
FullTcpConnection::PushBlockSize() const
{
    // Linux tcp_xmit_size_goal(): the block is bounded to half the peer's largest window
    // (tcp_bound_to_half_wnd(): the whole window when it is at most TCP_MSS_DEFAULT = 536)
    // and rounded down to whole segments, at least one.
    int64_t goal = m_config.pushBlockSize;
    const int64_t maxWnd = m_tcb.maxSndWnd;
    const int64_t cutoff = maxWnd > 536 ? maxWnd / 2 : maxWnd;
    if (cutoff > 0 && goal > cutoff)
    {
        goal = cutoff;
    }
    const int64_t mss = std::max<int64_t>(m_tcb.sndMss, 1);
    return std::max(goal / mss * mss, mss);
}

void
FullTcpConnection::NewBlock(int64_t start)
{
    // A GSO packet never spans two blocks (skbs) (fulltcp-gso.cc).
    if (m_config.minTsoSegs > 0 && start > m_tcb.sndNxt)
    {
        m_tcb.blockStarts.push_back(start);
    }
}

void
FullTcpConnection::QueueWrite(Ptr<Packet> data, bool endOfRecord, bool more)
{
    const uint32_t size = data ? data->GetSize() : 0;
    if (size > 0)
    {
        RestartAfterIdle(); // fulltcp-cwnd-use.cc
    }
    const int64_t writeStart = m_tcb.DataEnd();
    const int64_t writeEnd = writeStart + size;
    // A write with nothing unsent before it starts a new skb, which clears TCP_NAGLE_PUSH
    // (tcp_skb_entail()); so does a new block below.
    if (size > 0 && writeStart <= m_tcb.sndNxt)
    {
        m_tcb.naglePush = false;
    }
    // Linux writes only on an open connection (tcp_sendmsg_locked() waits for it), so the
    // peer's window is known; before, and without pushBlockSize, the write goes in whole.
    if (m_config.pushBlockSize > 0 && size > 0 && m_tcb.SynAcked())
    {
        const int64_t goal = PushBlockSize();
        // The last block takes more bytes while its unsent part is not full; a sent part
        // was split off when it left (tso_fragment()). Joining it clears the PSH of the
        // write that ended there ("if (!copied) ... &= ~TCPHDR_PSH").
        // A record's end (MSG_EOR) is never joined (tcp_skb_can_collapse_to()).
        int64_t block = std::max(m_tcb.pushBlockStart, m_tcb.sndNxt);
        if (block >= writeStart || writeStart - block >= goal || m_tcb.recordEnd == writeStart)
        {
            block = writeStart;
            NewBlock(block);
            m_tcb.naglePush = false;
        }
        else if (!m_tcb.writeEnds.empty() && m_tcb.writeEnds.back() == writeStart)
        {
            m_tcb.writeEnds.pop_back();
        }
        int64_t queued = writeStart;
        while (block + goal < writeEnd)
        {
            const int64_t blockEnd = block + goal;
            m_tcb.sendQueue.Append(data->CreateFragment(static_cast<uint32_t>(queued - writeStart),
                                                        static_cast<uint32_t>(blockEnd - queued)));
            queued = blockEnd;
            if (blockEnd > m_tcb.pushedSeq + static_cast<int64_t>(m_tcb.maxSndWnd / 2))
            {
                // forced_push(): more than half the peer's largest window since the last
                // PSH; tcp_mark_push() and __tcp_push_pending_frames().
                m_tcb.writeEnds.push_back(blockEnd);
                m_tcb.pushedSeq = blockEnd;
                Output();
            }
            else if (block == m_tcb.sndNxt)
            {
                Output(); // tcp_push_one(): the full block is the first unsent one
            }
            // The next block is the unsent rest of this one, or a new one.
            if (m_tcb.sndNxt > block && m_tcb.sndNxt < blockEnd)
            {
                block = m_tcb.sndNxt;
            }
            else
            {
                block = blockEnd;
                NewBlock(block);
            }
        }
        m_tcb.sendQueue.Append(data->CreateFragment(static_cast<uint32_t>(queued - writeStart),
                                                    static_cast<uint32_t>(writeEnd - queued)));
        m_tcb.pushBlockStart = block;
    }
    else
    {
        m_tcb.sendQueue.Append(data);
    }
    // MSG_MORE leaves the end unmarked unless half the peer's largest window went unpushed
    // (tcp_push(): "if (!(flags & MSG_MORE) || forced_push(tp)) tcp_mark_push(tp, skb)").
    const bool forcedPush = writeEnd > m_tcb.pushedSeq + static_cast<int64_t>(m_tcb.maxSndWnd / 2);
    if (size > 0 && (!more || forcedPush))
    {
        // The segment that carries the last byte of a write has PSH (RFC 9293 §3.9.1;
        // Linux tcp_push() -> tcp_mark_push()).
        m_tcb.writeEnds.push_back(writeEnd);
        m_tcb.pushedSeq = writeEnd;
    }
    if (size > 0 && endOfRecord)
    {
        m_tcb.recordEnd = writeEnd; // tcp_sendmsg_locked(): TCP_SKB_CB(skb)->eor = 1
        m_tcb.recordEnds.push_back(writeEnd);
    }
    // tcp_push(): "if (flags & MSG_MORE) nonagle = TCP_NAGLE_CORK" for this push only.
    m_pushCorked = more && size > 0;
    Output();
    m_pushCorked = false;
}

} // namespace ns3
