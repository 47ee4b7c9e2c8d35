/*
 * Node: construction, fork copy and Socket API calls (Bind, Connect, Send, ...) with errno
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpSocket: the ns-3 Socket API (POSIX-like semantics and errno). The engine's output
 * and the listener are in fulltcp-socket-engine.cc, the attributes in
 * fulltcp-socket-attributes.cc.
 */
#include "fulltcp-socket.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSocket");

FullTcpSocket::FullTcpSocket() : m_state(CLOSED)
{
    NS_LOG_FUNCTION(this);
}

FullTcpSocket::FullTcpSocket(const FullTcpSocket& o) :
    TcpSocket(o), FullTcpConnectionOutput(), m_node(o.m_node), m_tcp(o.m_tcp),
    m_shutdownSend(o.m_shutdownSend), m_shutdownRecv(o.m_shutdownRecv), m_state(LISTEN)
{
    NS_LOG_FUNCTION(this);
    // A child is a copy of its listener's configuration (ns-3's fork semantics): every
    // attribute that can be read and written, of this TypeId and its parents (TcpSocket's
    // through their virtual accessors), so none can be forgotten here.
    for (TypeId tid = GetTypeId(); tid != Object::GetTypeId(); tid = tid.GetParent())
    {
        for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            if ((info.flags & TypeId::ATTR_GET) == 0 || (info.flags & TypeId::ATTR_SET) == 0
                || !info.accessor->HasGetter() || !info.accessor->HasSetter())
            {
                continue;
            }
            Ptr<AttributeValue> value = info.checker->Create();
            if (info.accessor->Get(&o, *value))
            {
                info.accessor->Set(this, *value);
            }
        }
    }
}

FullTcpSocket::EngineCall::EngineCall(FullTcpSocket* socket) : m_socket(socket), m_hold(socket)
{
    ++m_socket->m_depth;
}

FullTcpSocket::EngineCall::~EngineCall()
{
    if (--m_socket->m_depth == 0)
    {
        m_socket->AfterInput();
    }
}

void
FullTcpSocket::Setup(Ptr<Node> node, Ptr<FullTcpL4Protocol> protocol)
{
    m_node = node;
    m_tcp = protocol;
}

FullTcpSocket::~FullTcpSocket()
{
    NS_LOG_FUNCTION(this);
    for (auto& t : m_timers)
    {
        t.Cancel();
    }
}

void
FullTcpSocket::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Shutdown();
    m_node = nullptr;
    m_tcp = nullptr;
    TcpSocket::DoDispose();
}

void
FullTcpSocket::Shutdown()
{
    for (auto& t : m_timers)
    {
        t.Cancel();
    }
    m_listener = nullptr;
    while (m_backlog.PopAccepted())
    {
    }
    m_backlog.TakeHalfOpen();
}

FullTcpState
FullTcpSocket::GetState() const
{
    return static_cast<FullTcpState>(m_state.Get());
}

const FullTcpConnection*
FullTcpSocket::GetConnection() const
{
    return m_engine.get();
}

std::unique_ptr<FullTcpConnection>
FullTcpSocket::NewEngine(const FullTcpConfig& config)
{
    // The output base is private: the conversion is this class's to make.
    FullTcpConnectionOutput& output = *this;
    return std::make_unique<FullTcpConnection>(config, output);
}

Socket::SocketErrno
FullTcpSocket::GetErrno() const
{
    return m_errno;
}

Socket::SocketType
FullTcpSocket::GetSocketType() const
{
    return NS3_SOCK_STREAM;
}

Ptr<Node>
FullTcpSocket::GetNode() const
{
    return m_node;
}

int
FullTcpSocket::Fail(Socket::SocketErrno e)
{
    m_errno = e;
    return -1;
}

Socket::SocketErrno
FullTcpSocket::ErrnoFor(FullTcpError e)
{
    switch (e)
    {
    case FullTcpError::OK:
        return ERROR_NOTERROR;
    case FullTcpError::NOT_CONNECTED:
        return ERROR_NOTCONN;
    case FullTcpError::ALREADY_OPEN:
        return ERROR_ISCONN;
    case FullTcpError::CLOSING:
        return ERROR_SHUTDOWN; // POSIX EPIPE: the sending side is closed
    case FullTcpError::NO_BUFFER_SPACE:
        return ERROR_MSGSIZE; // as ns-3's TcpSocketBase: all or nothing
    case FullTcpError::INVALID_ARGUMENT:
    case FullTcpError::UNKNOWN_ALGORITHM: // the attributes refuse unknown names before
        return ERROR_INVAL;
    }
    return ERROR_INVAL;
}

Address
FullTcpSocket::MakeSocketAddress(const FullTcpIpKey& key, uint16_t port)
{
    return key.ToSocketAddress(port);
}

bool
FullTcpSocket::ParseSocketAddress(const Address& a, FullTcpIpKey& key, uint16_t& port)
{
    if (InetSocketAddress::IsMatchingType(a))
    {
        const InetSocketAddress s = InetSocketAddress::ConvertFrom(a);
        key = FullTcpIpKey(s.GetIpv4());
        port = s.GetPort();
        return true;
    }
    if (Inet6SocketAddress::IsMatchingType(a))
    {
        const Inet6SocketAddress s = Inet6SocketAddress::ConvertFrom(a);
        key = FullTcpIpKey(s.GetIpv6());
        port = s.GetPort();
        return true;
    }
    return false;
}

bool
FullTcpSocket::ConnectionLive() const
{
    return m_engine && !m_handedOff && m_engine->GetState() != FullTcpState::CLOSED;
}

// ------------------------------------------------------------------------------ bind

int
FullTcpSocket::Bind(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF);
    }
    FullTcpIpKey key;
    uint16_t port = 0;
    if (!ParseSocketAddress(address, key, port))
    {
        return Fail(ERROR_AFNOSUPPORT); // POSIX bind(): EAFNOSUPPORT for a foreign family
    }
    if (m_bound || m_role != Role::NONE)
    {
        return Fail(ERROR_INVAL); // POSIX bind(): "The socket is already bound"
    }
    if (!m_tcp->IsLocalAddress(key))
    {
        return Fail(ERROR_ADDRNOTAVAIL); // POSIX bind(): not an address of this node
    }
    m_tcp->EnsureSecrets();
    FullTcpDemux<FullTcpDemuxValue>& demux = m_tcp->GetDemux();
    if (port == 0)
    {
        const FullTcpPortResult r = demux.BindEphemeral(key);
        if (r.error != ERROR_NOTERROR)
        {
            return Fail(r.error);
        }
        port = r.port;
    }
    else
    {
        const Socket::SocketErrno e = demux.Bind(key, port);
        if (e != ERROR_NOTERROR)
        {
            return Fail(e);
        }
    }
    m_bound = true;
    m_local = FullTcpLocalEndpoint {key, port};
    return 0;
}

int
FullTcpSocket::Bind()
{
    return Bind(InetSocketAddress(Ipv4Address::GetAny(), 0));
}

int
FullTcpSocket::Bind6()
{
    return Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 0));
}

void
FullTcpSocket::BindToNetDevice(Ptr<NetDevice> netdevice)
{
    NS_LOG_FUNCTION(this << netdevice);
    // Segments leave through this device; received ones on other devices are not ours
    // (Linux SO_BINDTODEVICE).
    Socket::BindToNetDevice(netdevice);
}

// --------------------------------------------------------------------- connect, listen

int
FullTcpSocket::Connect(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (m_fastOpenConnect && !m_closeCalled)
    {
        return FastOpenConnect(
            address); // TCP_FASTOPEN_CONNECT (fulltcp-socket-fast-open-client.cc)
    }
    return StartConnect(address, nullptr, nullptr);
}

int
FullTcpSocket::StartConnect(const Address& address,
                            const FullTcpFastOpenRequest* fastOpen,
                            uint32_t* taken)
{
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF);
    }
    FullTcpIpKey remote;
    uint16_t remotePort = 0;
    if (!ParseSocketAddress(address, remote, remotePort))
    {
        return Fail(ERROR_AFNOSUPPORT);
    }
    if (m_role != Role::NONE)
    {
        // Linux connect(): EISCONN when connected or listening; "already connecting"
        // (EALREADY) has no ns-3 errno and is reported the same way.
        return Fail(ERROR_ISCONN);
    }
    if (m_bound && m_local.address.GetFamily() != remote.GetFamily())
    {
        return Fail(ERROR_AFNOSUPPORT);
    }
    const bool notUnicast = remotePort == 0 || m_tcp->IsNotUnicast(remote);
    if (notUnicast)
    {
        return Fail(ERROR_INVAL); // TCP is unicast only (RFC 1122 §4.2.3.10)
    }
    const FullTcpRouteInfo route = m_tcp->RouteTo(remote, m_boundnetdevice);
    if (route.error != ERROR_NOTERROR)
    {
        return Fail(route.error);
    }
    m_tcp->EnsureSecrets();
    FullTcpDemux<FullTcpDemuxValue>& demux = m_tcp->GetDemux();
    FullTcpFourTuple tuple;
    if (m_bound)
    {
        tuple = FullTcpFourTuple {m_local.address.IsAny() ? route.source : m_local.address,
                                  m_local.port,
                                  remote,
                                  remotePort};
        const Socket::SocketErrno e =
            demux.ConnectBound(m_local.address, tuple, FullTcpDemuxValue {this, nullptr});
        if (e != ERROR_NOTERROR)
        {
            return Fail(e);
        }
    }
    else
    {
        const FullTcpPortResult r =
            demux.Connect(route.source, remote, remotePort, FullTcpDemuxValue {this, nullptr});
        if (r.error != ERROR_NOTERROR)
        {
            return Fail(r.error);
        }
        tuple = FullTcpFourTuple {route.source, r.port, remote, remotePort};
    }
    m_bound = false; // the connection holds the port now
    m_local = tuple.GetLocal();
    m_tuple = tuple;
    m_role = Role::CONNECTION;
    m_inDemux = true;
    m_tcp->TrackSocket(this);
    m_engine = NewEngine(MakeConfig(route.mtu, remote.GetFamily()));
    EngineCall call(this);
    const uint32_t iss = m_tcp->GenerateIss(tuple);
    if (fastOpen)
    {
        m_engine->ConnectFastOpen(
            tuple.localPort, tuple.remotePort, iss, *fastOpen, Simulator::Now(), *taken);
        return 0;
    }
    m_engine->Connect(tuple.localPort, tuple.remotePort, iss, Simulator::Now());
    return 0;
}

int
FullTcpSocket::Listen()
{
    NS_LOG_FUNCTION(this);
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF);
    }
    if (m_role == Role::LISTENER)
    {
        return 0; // POSIX allows listen() again (it would change the backlog)
    }
    if (m_role == Role::CONNECTION)
    {
        return Fail(ERROR_INVAL); // Linux listen(): EINVAL on a connected socket
    }
    if (!m_bound && Bind() != 0)
    {
        return -1; // Linux binds an ephemeral port for listen() on an unbound socket
    }
    const Socket::SocketErrno e =
        m_tcp->GetDemux().Listen(m_local.address, m_local.port, FullTcpDemuxValue {this, nullptr});
    if (e != ERROR_NOTERROR)
    {
        return Fail(e);
    }
    m_bound = false; // the listener holds the port now
    m_role = Role::LISTENER;
    // Linux __inet_listen_sk(): TFO_SERVER_WO_SOCKOPT1 (0x400) with TFO_SERVER_ENABLE (0x2)
    // gives a listener without TCP_FASTOPEN a Fast Open queue of its backlog.
    if ((m_fastOpen & 0x400) != 0 && (m_fastOpen & 0x2) != 0 && m_fastOpenMaxQueue == 0)
    {
        m_fastOpenMaxQueue = std::min<uint32_t>(GetAcceptQueueLimit(), 4096);
    }
    m_inDemux = true;
    m_tcp->TrackSocket(this);
    m_engine = NewEngine(MakeConfig(m_tcp->MtuOf(m_local.address), m_local.address.GetFamily()));
    EngineCall call(this);
    m_engine->Listen(m_local.port);
    return 0;
}

// ------------------------------------------------------------------------- close

int
FullTcpSocket::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF); // POSIX close() of a closed descriptor
    }
    m_closeCalled = true;
    switch (m_role)
    {
    case Role::NONE:
        if (m_bound)
        {
            m_tcp->GetDemux().Unbind(m_local.address, m_local.port);
            m_bound = false;
        }
        return 0;
    case Role::LISTENER:
    {
        EngineCall call(this);
        // Linux inet_csk_listen_stop(): children not yet accepted are reset.
        for (FullTcpSocket* child : m_backlog.TakeHalfOpen())
        {
            child->m_listener = nullptr;
            if (child->ConnectionLive())
            {
                EngineCall childCall(child);
                child->m_engine->Abort(Simulator::Now());
            }
        }
        while (Ptr<FullTcpSocket> child = m_backlog.PopAccepted())
        {
            child->m_listener = nullptr;
            if (child->ConnectionLive())
            {
                EngineCall childCall(PeekPointer(child));
                child->m_engine->Abort(Simulator::Now());
            }
        }
        if (m_engine)
        {
            m_engine->Close(Simulator::Now());
        }
        return 0;
    }
    case Role::CONNECTION:
        m_rxLeftover = nullptr;
        if (ConnectionLive())
        {
            EngineCall call(this);
            if (m_closeAborts)
            {
                m_engine->Abort(Simulator::Now()); // SO_LINGER {1, 0}: tcp_disconnect()
            }
            else
            {
                m_engine->Close(Simulator::Now());
            }
        }
        return 0;
    }
    return 0;
}

int
FullTcpSocket::ShutdownSend()
{
    NS_LOG_FUNCTION(this);
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF);
    }
    switch (m_role)
    {
    case Role::NONE:
        return Fail(ERROR_NOTCONN);
    case Role::LISTENER:
        // Not POSIX (Linux ignores it), but ns-3's PacketSink relies on it: children are
        // forked with their sending side shut and send their FIN when the peer sends its
        // own, as ns-3's TcpSocketBase does.
        m_shutdownSend = true;
        return 0;
    case Role::CONNECTION:
        if (m_shutdownSend)
        {
            return 0;
        }
        m_shutdownSend = true;
        m_finOnPeerClose = false;
        if (ConnectionLive())
        {
            EngineCall call(this);
            m_engine->ShutdownSend(Simulator::Now());
        }
        return 0;
    }
    return 0;
}

int
FullTcpSocket::ShutdownRecv()
{
    NS_LOG_FUNCTION(this);
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF);
    }
    if (m_role == Role::NONE)
    {
        return Fail(ERROR_NOTCONN);
    }
    // BSD semantics: what arrives from now on is discarded (so a later Close() with bytes
    // nobody read does not turn into a reset). Linux's tcp_shutdown() only marks the socket:
    // data still arrives and is read (ReadAfterShutdownRecv).
    m_shutdownRecv = true;
    if (m_readAfterShutdownRecv)
    {
        return 0;
    }
    m_rxLeftover = nullptr;
    if (ConnectionLive() && m_engine->GetRxAvailable() > 0)
    {
        EngineCall call(this);
        m_engine->Receive(std::numeric_limits<uint32_t>::max(), Simulator::Now());
    }
    return 0;
}

// --------------------------------------------------------------------------- send

uint32_t
FullTcpSocket::GetTxAvailable() const
{
    if (m_role == Role::NONE)
    {
        return m_sndBufSize; // nothing queued yet
    }
    if (!ConnectionLive() || m_role != Role::CONNECTION)
    {
        return 0;
    }
    return m_engine->GetTxAvailable();
}

int
FullTcpSocket::Send(Ptr<Packet> p, uint32_t flags)
{
    NS_LOG_FUNCTION(this << p << flags);
    if (!p)
    {
        return Fail(ERROR_INVAL);
    }
    if (m_closeCalled)
    {
        return Fail(ERROR_BADF);
    }
    if (m_role != Role::CONNECTION)
    {
        return Fail(ERROR_NOTCONN);
    }
    if (m_shutdownSend)
    {
        return Fail(ERROR_SHUTDOWN);
    }
    if (!ConnectionLive())
    {
        // After a reset or a timeout: "not connected"; after an orderly close: EPIPE.
        return Fail(m_failed ? ERROR_NOTCONN : ERROR_SHUTDOWN);
    }
    Ptr<Packet> copy = p->Copy();
    copy->RemoveAllPacketTags();
    EngineCall call(this);
    // The TX timestamp mark goes on before the bytes can leave (tcp_tx_timestamp()).
    const int64_t end = m_engine->GetTcb().DataEnd() + copy->GetSize();
    if (copy->GetSize() > 0)
    {
        m_errorQueue.TimestampSent(end);
    }
    const FullTcpError e =
        m_engine->Send(copy, Simulator::Now(), (flags & MSG_EOR) != 0, (flags & MSG_MORE) != 0);
    if (e != FullTcpError::OK)
    {
        m_errorQueue.TimestampUnsent(end);
        return Fail(ErrnoFor(e));
    }
    if (copy->GetSize() > 0)
    {
        ErrorQueueSend(flags); // MSG_ZEROCOPY (fulltcp-socket-error-queue.cc)
    }
    return static_cast<int>(p->GetSize());
}

int
FullTcpSocket::SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress)
{
    NS_LOG_FUNCTION(this << p << flags << toAddress);
    if ((flags & MSG_FASTOPEN) != 0 || m_fastOpenDeferred)
    {
        const int taken = SendFastOpen(p, toAddress); // fulltcp-socket-fast-open-client.cc
        if (taken > 0)
        {
            ErrorQueueSend(flags); // MSG_ZEROCOPY on the SYN's data
        }
        return taken;
    }
    // Linux ignores the address of a sendto() on a connected stream socket.
    return Send(p, flags);
}

// --------------------------------------------------------------------------- receive

uint32_t
FullTcpSocket::GetRxAvailable() const
{
    uint32_t n = m_rxLeftover ? m_rxLeftover->GetSize() : 0;
    if (m_engine && !m_handedOff && m_role == Role::CONNECTION)
    {
        n += m_engine->GetRxAvailable();
    }
    return n;
}

Ptr<Packet>
FullTcpSocket::Recv(uint32_t maxSize, uint32_t flags)
{
    NS_LOG_FUNCTION(this << maxSize << flags);
    if (flags != 0 && flags != MSG_OOB)
    {
        m_errno = ERROR_OPNOTSUPP; // no MSG_PEEK
        return nullptr;
    }
    if (m_role != Role::CONNECTION || m_closeCalled)
    {
        m_errno = m_closeCalled ? ERROR_BADF : ERROR_NOTCONN;
        return nullptr;
    }
    if (flags == MSG_OOB)
    {
        return RecvUrgent();
    }
    if (maxSize == 0)
    {
        return nullptr;
    }
    if (m_shutdownRecv && (!m_readAfterShutdownRecv || GetRxAvailable() == 0))
    {
        // POSIX: after shutdown(SHUT_RD), read() returns end of file; Linux only once
        // nothing is queued (tcp_recvmsg(): RCV_SHUTDOWN ends the wait).
        return Create<Packet>();
    }
    if (m_rxLeftover && m_rxLeftover->GetSize() > 0)
    {
        const uint32_t n = std::min(maxSize, m_rxLeftover->GetSize());
        Ptr<Packet> out = m_rxLeftover->CreateFragment(0, n);
        m_rxLeftover->RemoveAtStart(n);
        return out;
    }
    if (m_engine && !m_handedOff && m_engine->GetRxAvailable() > 0)
    {
        EngineCall call(this);
        Ptr<Packet> bytes = m_engine->Receive(maxSize, Simulator::Now());
        // 0 bytes means end of stream to the application: never return it for "nothing now".
        if (bytes && bytes->GetSize() > 0)
        {
            return bytes;
        }
    }
    // End of stream (RFC 9293 §3.10.3, "connection closing"): Recv returns 0 bytes once
    // the peer's FIN arrived and everything before it was read.
    if (m_handedOff || (m_engine && m_engine->IsPeerClosed()))
    {
        return Create<Packet>();
    }
    m_errno = ConnectionLive() ? ERROR_AGAIN : ERROR_NOTCONN;
    return nullptr;
}

Ptr<Packet>
FullTcpSocket::RecvUrgent()
{
    // Linux tcp_recv_urg(): never blocks; EINVAL when there is no urgent byte to read.
    if (!m_engine || m_handedOff)
    {
        m_errno = ERROR_INVAL;
        return nullptr;
    }
    EngineCall call(this);
    const FullTcpUrgentRead r = m_engine->ReceiveUrgent(Simulator::Now());
    switch (r.status)
    {
    case FullTcpUrgentRead::BYTE:
        return Create<Packet>(&r.byte, 1);
    case FullTcpUrgentRead::END:
        return Create<Packet>();
    case FullTcpUrgentRead::NOT_YET:
        m_errno = ERROR_AGAIN;
        return nullptr;
    case FullTcpUrgentRead::NONE:
        break;
    }
    m_errno = ERROR_INVAL;
    return nullptr;
}

Ptr<Packet>
FullTcpSocket::RecvFrom(uint32_t maxSize, uint32_t flags, Address& fromAddress)
{
    Ptr<Packet> p = Recv(maxSize, flags);
    if (p && m_role == Role::CONNECTION)
    {
        fromAddress = MakeSocketAddress(m_tuple.remoteAddress, m_tuple.remotePort);
    }
    return p;
}

// ------------------------------------------------------------------------ names

Address
FullTcpSocket::LocalSocketAddress() const
{
    if (m_role == Role::CONNECTION)
    {
        return MakeSocketAddress(m_tuple.localAddress, m_tuple.localPort);
    }
    if (m_bound || m_role == Role::LISTENER)
    {
        return MakeSocketAddress(m_local.address, m_local.port);
    }
    return InetSocketAddress(Ipv4Address::GetZero(), 0); // POSIX: an unbound socket
}

int
FullTcpSocket::GetSockName(Address& address) const
{
    address = LocalSocketAddress();
    return 0;
}

int
FullTcpSocket::GetPeerName(Address& address) const
{
    if (m_role != Role::CONNECTION)
    {
        const_cast<FullTcpSocket*>(this)->m_errno = ERROR_NOTCONN;
        return -1;
    }
    address = MakeSocketAddress(m_tuple.remoteAddress, m_tuple.remotePort);
    return 0;
}

bool
FullTcpSocket::SetAllowBroadcast(bool allowBroadcast)
{
    // TCP is unicast only (RFC 1122 §4.2.3.10).
    return !allowBroadcast;
}

bool
FullTcpSocket::GetAllowBroadcast() const
{
    return false;
}

} // namespace ns3
