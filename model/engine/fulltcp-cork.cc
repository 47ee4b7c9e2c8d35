/*
 * Engine: Nagle, TCP_NODELAY, TCP_CORK, MSG_MORE; writability with TCP_NOTSENT_LOWAT
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection: Linux keeps the sender's Nagle state in tp->nonagle, bits TCP_NAGLE_OFF
 * (TCP_NODELAY), TCP_NAGLE_CORK (TCP_CORK) and TCP_NAGLE_PUSH (send what is queued despite the
 * cork); tcp_push() replaces it by TCP_NAGLE_CORK alone for a MSG_MORE write. Here they are
 * FullTcpConfig::noDelay, FullTcpConfig::cork, FullTcpTcb::naglePush and m_pushCorked, and
 * NagleHolds() is tcp_nagle_test() / tcp_nagle_check() on them. IsWritable() is what Linux's
 * tcp_poll() reports as EPOLLOUT (__sk_stream_is_writeable()).
 */
#include "fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

bool
FullTcpConnection::NagleHolds(bool splitPoint) const
{
    // tcp_nagle_test(): TCP_NAGLE_PUSH sends a single-segment packet whatever the rest says;
    // tcp_mss_split_point() asks tcp_nagle_check() alone, where the cork still holds.
    const bool push = m_tcb.naglePush && !splitPoint;
    // tcp_nagle_check(): "(nonagle & TCP_NAGLE_CORK) || (!nonagle && ...)".
    if (m_pushCorked || (m_config.cork && !push))
    {
        return true;
    }
    if (m_config.noDelay || m_config.cork)
    {
        return false;
    }
    // A Fast Open child's SYN-ACK is not its data in flight: Linux's child starts with
    // snd_una = snd_nxt = ISS + 1 (tcp_create_openreq_child()), the request retransmits it.
    const int64_t unacked = m_tcb.fastOpenChild ? std::max<int64_t>(m_tcb.sndUna, 1) : m_tcb.sndUna;
    if (m_config.minshallNagle)
    {
        // tcp_minshall_check(): "after(tp->snd_sml, tp->snd_una) && !after(tp->snd_sml,
        // tp->snd_nxt)".
        return m_tcb.sndSml > unacked && m_tcb.sndSml <= m_tcb.sndNxt;
    }
    return m_tcb.sndNxt > unacked;
}

void
FullTcpConnection::SetNoDelay(bool on, Time now)
{
    InputScope input(*this, now);
    m_config.noDelay = on;
    if (on)
    {
        // __tcp_sock_set_nodelay(): "tp->nonagle |= TCP_NAGLE_OFF|TCP_NAGLE_PUSH;
        // tcp_push_pending_frames(sk)", also when it was on already.
        m_tcb.naglePush = true;
        Output();
    }
}

void
FullTcpConnection::SetCork(bool on, Time now)
{
    InputScope input(*this, now);
    m_config.cork = on;
    if (!on)
    {
        // __tcp_sock_set_cork(): "if (tp->nonagle & TCP_NAGLE_OFF) tp->nonagle |=
        // TCP_NAGLE_PUSH; tcp_push_pending_frames(sk)".
        m_tcb.naglePush = m_tcb.naglePush || m_config.noDelay;
        Output();
    }
}

bool
FullTcpConnection::IsWritable() const
{
    // sk_stream_wspace() >= sk_stream_min_wspace(): free space at least half the queue.
    const uint64_t queued = m_tcb.sendQueue.Size();
    const uint64_t free = m_config.sndBufSize > queued ? m_config.sndBufSize - queued : 0;
    const auto notSent =
        static_cast<uint64_t>(std::max<int64_t>(m_tcb.DataEnd() - m_tcb.sndNxt, 0));
    return queued < m_config.sndBufSize && free >= queued / 2
        && (notSent << 1) < m_config.notSentLowat;
}

} // namespace ns3
