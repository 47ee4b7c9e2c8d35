/*
 * Engine: socket options changed on an open connection (SetOptions), and what they re-arm
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpConnection::SetOptions(): the options an application may change while the connection
 * is open take effect as Linux's setsockopt() makes them (do_tcp_setsockopt(),
 * sk_setsockopt()): most are read the next time they are needed, a few act at once.
 */
#include "fulltcp-connection.h"

namespace ns3
{

namespace
{
using S = FullTcpState;

/// \param s a state \return whether the keepalive timer belongs to it: synchronized and not
///        TIME_WAIT (SYN_SENT and SYN_RECEIVED start it on entering ESTABLISHED)
bool
KeepAliveState(S s)
{
    return s == S::ESTABLISHED || s == S::CLOSE_WAIT || s == S::FIN_WAIT_1 || s == S::FIN_WAIT_2
        || s == S::CLOSING || s == S::LAST_ACK;
}
} // namespace

void
FullTcpConnection::SetOptions(const FullTcpConfig& options, Time now)
{
    InputScope input(*this, now);
    // Read when next needed, as Linux reads them: the user timeout at each retransmission
    // timeout and when the timer is re-armed (tcp_write_timeout(),
    // tcp_clamp_rto_to_user_timeout()), the orphaned FIN_WAIT_2 lifetime when the connection
    // reaches it (tcp_fin_time()), the probe interval and count at each keepalive expiry
    // (tcp_keepalive_timer()).
    m_config.userTimeout = options.userTimeout;
    m_config.finWait2Timeout = options.finWait2Timeout;
    m_config.keepAliveInterval = options.keepAliveInterval;
    m_config.keepAliveProbes = options.keepAliveProbes;

    // SO_SNDBUF: a larger buffer wakes a blocked writer (sk_setsockopt(): sk_write_space()),
    // while Send() takes data.
    const uint32_t spaceBefore = GetTxAvailable();
    m_config.sndBufSize = options.sndBufSize;
    const bool writable = m_tcb.state != S::CLOSED && m_tcb.state != S::LISTEN
                       && m_tcb.state != S::TIME_WAIT && !m_tcb.finQueued && !m_tcb.shutdownPending;
    if (writable && GetTxAvailable() > spaceBefore)
    {
        Notify(FullTcpAppEvent::SEND_SPACE);
    }
    // TCP_NOTSENT_LOWAT: do_tcp_setsockopt() calls sk->sk_write_space(), which wakes the
    // writers when the connection is writable now (sk_stream_write_space()).
    const bool lowatChanged = options.notSentLowat != m_config.notSentLowat;
    m_config.notSentLowat = options.notSentLowat;
    if (writable && lowatChanged && IsWritable())
    {
        Notify(FullTcpAppEvent::SEND_SPACE);
    }

    const bool keepAliveWasOn = m_config.keepAlive;
    const bool idleChanged = options.keepAliveIdle != m_config.keepAliveIdle;
    m_config.keepAlive = options.keepAlive;
    m_config.keepAliveIdle = options.keepAliveIdle;
    if (KeepAliveState(m_tcb.state))
    {
        if (!m_config.keepAlive)
        {
            // SO_KEEPALIVE off: tcp_set_keepalive() -> inet_csk_delete_keepalive_timer().
            CancelTimer(FullTcpTimer::KEEPALIVE);
        }
        else if (!keepAliveWasOn)
        {
            // SO_KEEPALIVE on: tcp_set_keepalive() arms a full idle time from now
            // (inet_csk_reset_keepalive_timer(sk, keepalive_time_when(tp))), however long the
            // connection has been idle; the expiry probes if it still is.
            ArmTimer(FullTcpTimer::KEEPALIVE, m_config.keepAliveIdle);
        }
        else if (idleChanged)
        {
            // TCP_KEEPIDLE: tcp_sock_set_keepidle_locked() re-arms for what is left of the new
            // idle time since the peer was last heard (keepalive_time_elapsed()), 0 if none.
            const Time idle = m_now - m_tcb.lastReceived;
            ArmTimer(FullTcpTimer::KEEPALIVE,
                     idle < m_config.keepAliveIdle ? m_config.keepAliveIdle - idle : Seconds(0));
        }
    }

    // TCP_NODELAY on sends what Nagle holds at once (__tcp_sock_set_nodelay():
    // tcp_push_pending_frames()); off holds only what is written from now on. TCP_CORK off
    // sends what the cork held (fulltcp-cork.cc).
    if (options.noDelay != m_config.noDelay)
    {
        SetNoDelay(options.noDelay, now);
    }
    if (options.cork != m_config.cork)
    {
        SetCork(options.cork, now);
    }
}

} // namespace ns3
