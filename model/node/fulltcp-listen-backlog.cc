/*
 * Node: backlog bookkeeping: limits, half-open set, accepted FIFO, cookie-sent time
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-listen-backlog.h"

#include "fulltcp-socket.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpListenBacklog");

FullTcpListenBacklog::FullTcpListenBacklog() :
    m_synLimit(4096), m_acceptLimit(4096), m_cookies(true)
{
}

FullTcpListenBacklog::~FullTcpListenBacklog() = default;

void
FullTcpListenBacklog::Configure(uint32_t limit, uint32_t acceptLimit, bool cookies)
{
    m_synLimit = limit;
    m_acceptLimit = acceptLimit;
    m_cookies = cookies;
}

uint32_t
FullTcpListenBacklog::GetSynQueueLimit() const
{
    return m_synLimit;
}

uint32_t
FullTcpListenBacklog::GetAcceptQueueLimit() const
{
    return m_acceptLimit;
}

bool
FullTcpListenBacklog::GetSynCookies() const
{
    return m_cookies;
}

bool
FullTcpListenBacklog::SynQueueFull() const
{
    return m_halfOpen.size() >= m_synLimit;
}

bool
FullTcpListenBacklog::AcceptQueueFull() const
{
    return m_accepted.size() >= m_acceptLimit;
}

uint32_t
FullTcpListenBacklog::SynQueueLength() const
{
    return static_cast<uint32_t>(m_halfOpen.size());
}

uint32_t
FullTcpListenBacklog::AcceptQueueLength() const
{
    return static_cast<uint32_t>(m_accepted.size());
}

void
FullTcpListenBacklog::AddHalfOpen(FullTcpSocket* child)
{
    m_halfOpen.insert(child);
}

bool
FullTcpListenBacklog::RemoveHalfOpen(FullTcpSocket* child)
{
    return m_halfOpen.erase(child) > 0;
}

void
FullTcpListenBacklog::PushAccepted(Ptr<FullTcpSocket> child)
{
    m_accepted.push_back(child);
}

Ptr<FullTcpSocket>
FullTcpListenBacklog::PopAccepted()
{
    if (m_accepted.empty())
    {
        return nullptr;
    }
    Ptr<FullTcpSocket> child = m_accepted.front();
    m_accepted.pop_front();
    return child;
}

std::set<FullTcpSocket*>
FullTcpListenBacklog::TakeHalfOpen()
{
    std::set<FullTcpSocket*> out;
    out.swap(m_halfOpen);
    return out;
}

void
FullTcpListenBacklog::CookieSent(Time now)
{
    m_lastCookie = now;
}

bool
FullTcpListenBacklog::CookiesRecentlySent(Time now, Time window) const
{
    return m_lastCookie && now - *m_lastCookie <= window;
}

} // namespace ns3
