/*
 * Node: the client side of Fast Open: MSG_FASTOPEN, TCP_FASTOPEN_CONNECT and the cookie cache
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * How a program opens a connection with data on the SYN (RFC 7413 §4.2.1), as Linux offers it:
 * sendto()/sendmsg() with MSG_FASTOPEN (tcp_sendmsg_fastopen()), or TCP_FASTOPEN_CONNECT, whose
 * connect() returns at once when a cookie is cached and leaves the SYN to the first send
 * (tcp_fastopen_defer_connect()). The cookie and the server's MSS come from the node's cache
 * (tcp_fastopen_cookie_check()), which the SYN-ACK updates (tcp_fastopen_cache_set()).
 */
#include "fulltcp-l4-protocol.h"
#include "fulltcp-socket.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocketFastOpenClient");

namespace
{
// include/net/tcp.h
constexpr uint32_t TFO_CLIENT_ENABLE = 0x1;
constexpr uint32_t TFO_CLIENT_NO_COOKIE = 0x4;
} // namespace

FullTcpFastOpenRequest
FullTcpSocket::FastOpenRequestFor(const Address& to)
{
    FullTcpFastOpenRequest fo;
    FullTcpIpKey server;
    uint16_t port = 0;
    if (ParseSocketAddress(to, server, port))
    {
        const FullTcpFastOpenCache::Entry e = m_tcp->GetFastOpenCache().Get(server);
        fo.cookie = e.cookie;
        fo.cachedMss = e.mss;
        // tcp_fastopen_cache_get(): "cookie->exp = true" for a request when try_exp is 1.
        fo.requestExperimental = !e.cookie && e.tryExp == 1;
    }
    fo.noCookie = (m_fastOpen & TFO_CLIENT_NO_COOKIE) != 0;
    return fo;
}

int
FullTcpSocket::FastOpenConnect(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (m_fastOpenDeferred)
    {
        return Fail(ERROR_ISCONN); // __inet_stream_connect(): EISCONN while deferred
    }
    const FullTcpFastOpenRequest fo = FastOpenRequestFor(address);
    if (m_role == Role::NONE && (fo.cookie || fo.noCookie))
    {
        // tcp_fastopen_defer_connect(): a cookie is at hand, so connect() succeeds at once and
        // the SYN waits for the data of the first send.
        FullTcpIpKey remote;
        uint16_t port = 0;
        if (!ParseSocketAddress(address, remote, port))
        {
            return Fail(ERROR_AFNOSUPPORT);
        }
        m_fastOpenDeferred = true;
        m_deferredPeer = address;
        return 0;
    }
    // No cookie: an ordinary connect whose SYN asks for one.
    uint32_t taken = 0;
    return StartConnect(address, &fo, &taken);
}

int
FullTcpSocket::SendFastOpen(Ptr<Packet> p, const Address& to)
{
    NS_LOG_FUNCTION(this << p << to);
    if (!p)
    {
        return Fail(ERROR_INVAL);
    }
    if ((m_fastOpen & TFO_CLIENT_ENABLE) == 0)
    {
        return Fail(ERROR_OPNOTSUPP); // tcp_sendmsg_fastopen()
    }
    if (m_role != Role::NONE || m_closeCalled)
    {
        return Send(p, 0); // an open connection: MSG_FASTOPEN is a plain send
    }
    const Address peer = m_fastOpenDeferred ? m_deferredPeer : to;
    FullTcpFastOpenRequest fo = FastOpenRequestFor(peer);
    Ptr<Packet> copy = p->Copy();
    copy->RemoveAllPacketTags();
    fo.data = copy;
    m_fastOpenDeferred = false;
    uint32_t taken = 0;
    if (StartConnect(peer, &fo, &taken) != 0)
    {
        return -1;
    }
    return static_cast<int>(taken);
}

void
FullTcpSocket::FastOpenLearned(const FullTcpFastOpenLearned& learned)
{
    m_tcp->GetFastOpenCache().Learn(m_tuple.remoteAddress, learned);
}

} // namespace ns3
