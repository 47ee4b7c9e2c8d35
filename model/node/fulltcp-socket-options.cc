/*
 * Node: the socket options that take effect on an open connection, and their one way there
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpSocket: the attributes an application may change after Connect() or on a listener
 * (Linux's setsockopt() after connect() or accept(): SO_SNDBUF, SO_KEEPALIVE, TCP_KEEPIDLE,
 * TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT, TCP_LINGER2, TCP_NODELAY, TCP_CORK). CopyOptions()
 * is the one list of them: MakeConfig() uses it when the connection starts, OptionsChanged() when
 * one changes on an open connection (FullTcpConnection::SetOptions()). A listener's options reach
 * its connections through the fork copy.
 */
#include "fulltcp-socket.h"

#include "ns3/simulator.h"

namespace ns3
{

void
FullTcpSocket::CopyOptions(FullTcpConfig& c) const
{
    c.sndBufSize = m_sndBufSize;
    c.noDelay = m_noDelay;
    c.cork = m_cork;
    // TCP_NOTSENT_LOWAT, or when unset (0) net.ipv4.tcp_notsent_lowat (tcp_notsent_lowat()).
    c.notSentLowat = m_notSentLowat != 0 ? m_notSentLowat : m_notSentLowatDefault;
    c.userTimeout = m_userTimeout;
    c.finWait2Timeout = m_finWait2Timeout;
    c.keepAlive = m_keepAlive;
    c.keepAliveIdle = m_keepAliveIdle;
    c.keepAliveInterval = m_keepAliveInterval;
    c.keepAliveProbes = m_keepAliveProbes;
}

void
FullTcpSocket::OptionsChanged()
{
    // Before Connect() (and on a listener) the value waits in the attribute for MakeConfig()
    // and the fork copy; a TIME_WAIT record or a closed connection has nothing left to change.
    if (m_role != Role::CONNECTION || !ConnectionLive())
    {
        return;
    }
    FullTcpConfig c = m_engine->GetConfig();
    CopyOptions(c);
    EngineCall call(this);
    m_engine->SetOptions(c, Simulator::Now());
}

void
FullTcpSocket::SetUserTimeout(Time timeout)
{
    m_userTimeout = timeout;
    OptionsChanged();
}

Time
FullTcpSocket::GetUserTimeout() const
{
    return m_userTimeout;
}

void
FullTcpSocket::SetFinWait2Timeout(Time timeout)
{
    m_finWait2Timeout = timeout;
    OptionsChanged();
}

Time
FullTcpSocket::GetFinWait2Timeout() const
{
    return m_finWait2Timeout;
}

void
FullTcpSocket::SetKeepAlive(bool on)
{
    m_keepAlive = on;
    OptionsChanged();
}

bool
FullTcpSocket::GetKeepAlive() const
{
    return m_keepAlive;
}

void
FullTcpSocket::SetKeepAliveIdle(Time idle)
{
    m_keepAliveIdle = idle;
    OptionsChanged();
}

Time
FullTcpSocket::GetKeepAliveIdle() const
{
    return m_keepAliveIdle;
}

void
FullTcpSocket::SetKeepAliveInterval(Time interval)
{
    m_keepAliveInterval = interval;
    OptionsChanged();
}

Time
FullTcpSocket::GetKeepAliveInterval() const
{
    return m_keepAliveInterval;
}

void
FullTcpSocket::SetKeepAliveProbes(uint32_t probes)
{
    m_keepAliveProbes = probes;
    OptionsChanged();
}

uint32_t
FullTcpSocket::GetKeepAliveProbes() const
{
    return m_keepAliveProbes;
}

void
FullTcpSocket::SetTcpCork(bool cork)
{
    m_cork = cork;
    if (m_role == Role::CONNECTION && ConnectionLive())
    {
        EngineCall call(this);
        m_engine->SetCork(cork, Simulator::Now());
    }
}

bool
FullTcpSocket::GetTcpCork() const
{
    return m_cork;
}

bool
FullTcpSocket::IsWritable() const
{
    if (m_role != Role::CONNECTION || !ConnectionLive() || m_shutdownSend)
    {
        return false;
    }
    return m_engine->IsWritable();
}

void
FullTcpSocket::SetNotSentLowat(uint32_t lowat)
{
    m_notSentLowat = lowat;
    OptionsChanged();
}

uint32_t
FullTcpSocket::GetNotSentLowat() const
{
    return m_notSentLowat;
}

} // namespace ns3
