/*
 * Node: FullTcpDemux template: O(1) 4-tuple/listener lookup, binds, ephemeral ports
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_DEMUX_H
#define FULLTCP_DEMUX_H

#include "fulltcp-endpoint.h"
#include "fulltcp-port-allocator.h"

#include "ns3/socket.h"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <unordered_map>
#include <utility>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Which table answered a lookup.
 */
enum class FullTcpDemuxMatch : uint8_t
{
    NONE,              //!< nothing matches: the segment gets a RST (RFC 9293 §3.10.7.1)
    CONNECTION,        //!< exact 4-tuple (any state from SYN_SENT/SYN_RCVD to TIME_WAIT)
    LISTENER,          //!< listener bound to the segment's destination address and port
    WILDCARD_LISTENER, //!< listener bound to the wildcard address on the destination port
};

/**
 * \brief Print a match kind by its name.
 * \param os output stream
 * \param match the match kind
 * \return os
 */
std::ostream& operator<<(std::ostream& os, FullTcpDemuxMatch match);

/**
 * \ingroup fulltcp
 * \brief The answer of a lookup.
 * \tparam T value type of the demux
 */
template<typename T>
struct FullTcpDemuxResult
{
    FullTcpDemuxMatch match {FullTcpDemuxMatch::NONE}; //!< which table answered
    T* value {nullptr}; //!< the entry's value (nullptr for NONE); valid until it is removed
};

/**
 * \ingroup fulltcp
 * \brief FullTcpL4Protocol's endpoint tables: segment demultiplexing in O(1) expected time,
 * bind-conflict rules and ephemeral ports (RFC 6056 Algorithm 3), for IPv4 and IPv6.
 *
 * Nothing here knows the simulator: T is whatever the protocol wants back from a lookup,
 * e.g. Ptr<FullTcpSocket>, or a variant of a socket and a compact TIME_WAIT record. Values
 * are copied in and handed back by pointer; the pointer stays valid until that entry is
 * removed (std::unordered_map never moves its elements). A T that is a Ptr makes a
 * reference cycle with the socket: the protocol's DoDispose() drops the tables (assign a
 * new FullTcpDemux).
 *
 * **Lookup** of a received segment (local = its destination, remote = its source), each step
 * one hash lookup, no scan:
 *  1. a connection with exactly this 4-tuple;
 *  2. a listener bound to (destination address, destination port);
 *  3. a listener bound to (wildcard of the family, destination port).
 *
 * **Life cycle**, one call per socket event. Every entry holds its local port until it is
 * removed (see FullTcpPortAllocator for the conflict rules and the port selection):
 *
 *  | socket event                      | call                                              |
 *  |-----------------------------------|---------------------------------------------------|
 *  | Bind(addr:port), port != 0        | `Bind(addr, port)`                                |
 *  | Bind() or Bind(addr:0)            | `BindEphemeral(addr)` -> port                     |
 *  | Close() of a bound-only socket    | `Unbind(addr, port)`                              |
 *  | Listen() after a bind             | `Listen(addr, port, value)` (takes the bind over) |
 *  | listener closed                   | `RemoveListener(addr, port)`                      |
 *  | Connect() of an unbound socket    | `Connect(src, dst, dport, value)` -> port         |
 *  | Connect() of a bound socket       | `ConnectBound(boundAddr, tuple, value)`           |
 *  | SYN accepted by a listener        | `Accept(tuple, value)`                            |
 *  | socket becomes a TIME_WAIT record | `*FindConnection(tuple) = record`                 |
 *  | connection gone                   | `RemoveConnection(tuple)`                         |
 *
 * Errors are ns-3 socket errnos, for Socket::GetErrno(): ERROR_ADDRINUSE for a bind
 * conflict, a taken 4-tuple or an exhausted bind range; ERROR_ADDRNOTAVAIL when Connect()
 * finds no free port; ERROR_INVAL for calls that do not fit the table above (port 0,
 * mixed families, a wildcard connection address, Listen() without a bind). Nothing asserts;
 * a failed call changes nothing.
 *
 * IPv4 and IPv6 keys never collide and have separate port spaces (see FullTcpIpKey).
 *
 * \tparam T value type, copyable
 */
template<typename T>
class FullTcpDemux
{
  public:
    /**
     * \brief Set the ephemeral port range (an attribute of the protocol).
     * \param first lowest port, at least 1
     * \param last highest port, at least first
     * \return ERROR_NOTERROR, or ERROR_INVAL (range unchanged)
     */
    Socket::SocketErrno SetEphemeralRange(uint16_t first, uint16_t last);

    /**
     * \brief Set the random inputs of the port selection (RFC 6056 Algorithm 3), drawn by
     * the protocol from its RNG stream so that runs are reproducible.
     * \param k0 first 64 bits of secret_key
     * \param k1 last 64 bits of secret_key
     * \param nextEphemeral start value of next_ephemeral
     */
    void SetSelectionSecret(uint64_t k0, uint64_t k1, uint32_t nextEphemeral);

    /// \return the port table (range, holders), for queries
    const FullTcpPortAllocator& GetPorts() const;

    /**
     * \brief Bind to an explicit port (POSIX bind() without SO_REUSEADDR).
     * \param address local address, or the wildcard of its family
     * \param port local port, not 0
     * \return ERROR_NOTERROR, ERROR_ADDRINUSE on a conflict, ERROR_INVAL for port 0
     */
    Socket::SocketErrno Bind(const FullTcpIpKey& address, uint16_t port);

    /**
     * \brief Bind to an ephemeral port (bind() with port 0, or before Listen() without bind).
     * \param address local address, or the wildcard of its family
     * \return the port, or ERROR_ADDRINUSE when the range has no port left
     */
    FullTcpPortResult BindEphemeral(const FullTcpIpKey& address);

    /**
     * \brief Release a bind that never became a listener or a connection.
     * \param address local address as bound
     * \param port local port as bound
     * \return false when no such bind is held
     */
    bool Unbind(const FullTcpIpKey& address, uint16_t port);

    /**
     * \brief Turn a bind into a listener: segments to (address, port) that match no
     * connection now find value.
     * \param address local address as bound (the wildcard makes a wildcard listener)
     * \param port local port as bound
     * \param value what lookups return
     * \return ERROR_NOTERROR, or ERROR_INVAL when (address, port) is not bound
     */
    Socket::SocketErrno Listen(const FullTcpIpKey& address, uint16_t port, T value);

    /**
     * \brief Remove a listener and release its port.
     * \param address local address as listened
     * \param port local port as listened
     * \return false when there is no such listener
     */
    bool RemoveListener(const FullTcpIpKey& address, uint16_t port);

    /**
     * \brief Connect an unbound socket: choose a local port that makes the 4-tuple unique
     * (RFC 6056 Algorithm 3) and insert the connection.
     * \param local source address chosen by routing (not the wildcard)
     * \param remote destination address, same family
     * \param remotePort destination port
     * \param value what lookups return
     * \return the local port, ERROR_ADDRNOTAVAIL when no port is free for this peer,
     *         ERROR_INVAL for a wildcard local address or mixed families
     */
    FullTcpPortResult Connect(const FullTcpIpKey& local,
                              const FullTcpIpKey& remote,
                              uint16_t remotePort,
                              T value);

    /**
     * \brief Connect a bound socket: the connection takes the bind over; a wildcard bind
     * becomes the source address routing chose (as Linux does in tcp_v4_connect()).
     * \param boundAddress address the socket bound (possibly the wildcard)
     * \param tuple the connection; tuple.localPort is the bound port, tuple.localAddress the
     *              bound address or, for a wildcard bind, the routed source address
     * \param value what lookups return
     * \return ERROR_NOTERROR; ERROR_ADDRINUSE when the 4-tuple is taken (POSIX connect();
     *         Linux says EADDRNOTAVAIL) and the socket stays bound; ERROR_INVAL when
     *         (boundAddress, tuple.localPort) is not bound or the addresses do not fit
     */
    Socket::SocketErrno ConnectBound(const FullTcpIpKey& boundAddress,
                                     const FullTcpFourTuple& tuple,
                                     T value);

    /**
     * \brief Insert a connection created by a listener (passive open). It holds the
     * listener's port like Linux's __inet_inherit_port(), so the port stays in use while the
     * connection lives, even after the listener closes.
     * \param tuple the connection (local = the SYN's destination)
     * \param value what lookups return
     * \return ERROR_NOTERROR, ERROR_ADDRINUSE when the 4-tuple is taken, ERROR_INVAL for a
     *         wildcard local address or mixed families
     */
    Socket::SocketErrno Accept(const FullTcpFourTuple& tuple, T value);

    /**
     * \brief Remove a connection and release its port.
     * \param tuple the connection
     * \return false when there is no such connection
     */
    bool RemoveConnection(const FullTcpFourTuple& tuple);

    /**
     * \brief Demultiplex a received segment: exact 4-tuple, then specific listener, then
     * wildcard listener. O(1) expected, no allocation.
     * \param tuple local = the segment's destination, remote = its source
     * \return the match and its value
     */
    FullTcpDemuxResult<T> Lookup(const FullTcpFourTuple& tuple);

    /**
     * \brief Steps 2 and 3 of Lookup() only, e.g. for a SYN that reopens a 4-tuple in
     * TIME_WAIT (RFC 1122 §4.2.2.13, RFC 6191) once the protocol has removed the record.
     * \param address the segment's destination address
     * \param port the segment's destination port
     * \return LISTENER, WILDCARD_LISTENER or NONE
     */
    FullTcpDemuxResult<T> LookupListener(const FullTcpIpKey& address, uint16_t port);

    /**
     * \brief Step 1 of Lookup() only, e.g. for ICMP errors (RFC 1122 §4.2.3.9), which quote
     * a segment this host sent and so concern a connection, never a listener.
     * \param tuple the connection
     * \return its value (assignable, e.g. to swap in a TIME_WAIT record), or nullptr
     */
    T* FindConnection(const FullTcpFourTuple& tuple);

    /// \return the number of connections (TIME_WAIT included)
    size_t GetNConnections() const;

    /// \return the number of listeners
    size_t GetNListeners() const;

    /**
     * \brief Visit every listener and connection, e.g. to list or dispose the sockets.
     * The visitor must not insert or remove entries.
     * \tparam F callable as void(T&)
     * \param visit called once per entry
     */
    template<typename F>
    void ForEach(F visit);

  private:
    /// A connection and how it holds its local port.
    struct Connection
    {
        T value;            //!< what lookups return
        FullTcpPortUse use; //!< EXPLICIT, or AUTO when Connect() chose the port
    };

    /**
     * \param local local address
     * \param remote remote address
     * \return true when local is a specific address and both are of one family
     */
    static bool IsConnectable(const FullTcpIpKey& local, const FullTcpIpKey& remote);

    FullTcpPortAllocator m_ports;                                   //!< port holders
    std::unordered_map<FullTcpFourTuple, Connection> m_connections; //!< by 4-tuple
    std::unordered_map<FullTcpLocalEndpoint, T> m_listeners;        //!< by local endpoint
};

template<typename T>
Socket::SocketErrno
FullTcpDemux<T>::SetEphemeralRange(uint16_t first, uint16_t last)
{
    return m_ports.SetEphemeralRange(first, last);
}

template<typename T>
void
FullTcpDemux<T>::SetSelectionSecret(uint64_t k0, uint64_t k1, uint32_t nextEphemeral)
{
    m_ports.SetSelectionSecret(k0, k1, nextEphemeral);
}

template<typename T>
const FullTcpPortAllocator&
FullTcpDemux<T>::GetPorts() const
{
    return m_ports;
}

template<typename T>
Socket::SocketErrno
FullTcpDemux<T>::Bind(const FullTcpIpKey& address, uint16_t port)
{
    if (port == 0)
    {
        return Socket::ERROR_INVAL;
    }
    if (!m_ports.CanBind(address, port))
    {
        return Socket::ERROR_ADDRINUSE;
    }
    m_ports.Acquire(address, port, FullTcpPortUse::BOUND);
    return Socket::ERROR_NOTERROR;
}

template<typename T>
FullTcpPortResult
FullTcpDemux<T>::BindEphemeral(const FullTcpIpKey& address)
{
    const FullTcpPortResult result = m_ports.SelectBindPort(address);
    if (result.error == Socket::ERROR_NOTERROR)
    {
        m_ports.Acquire(address, result.port, FullTcpPortUse::BOUND);
    }
    return result;
}

template<typename T>
bool
FullTcpDemux<T>::Unbind(const FullTcpIpKey& address, uint16_t port)
{
    return m_ports.Release(address, port, FullTcpPortUse::BOUND);
}

template<typename T>
Socket::SocketErrno
FullTcpDemux<T>::Listen(const FullTcpIpKey& address, uint16_t port, T value)
{
    // The bind rules admit one holder of (address, port) at most when it is a bind, so the
    // listener table has no entry for it yet.
    if (!m_ports.Release(address, port, FullTcpPortUse::BOUND))
    {
        return Socket::ERROR_INVAL;
    }
    m_ports.Acquire(address, port, FullTcpPortUse::EXPLICIT);
    m_listeners.emplace(FullTcpLocalEndpoint {address, port}, std::move(value));
    return Socket::ERROR_NOTERROR;
}

template<typename T>
bool
FullTcpDemux<T>::RemoveListener(const FullTcpIpKey& address, uint16_t port)
{
    if (m_listeners.erase(FullTcpLocalEndpoint {address, port}) == 0)
    {
        return false;
    }
    m_ports.Release(address, port, FullTcpPortUse::EXPLICIT);
    return true;
}

template<typename T>
FullTcpPortResult
FullTcpDemux<T>::Connect(const FullTcpIpKey& local,
                         const FullTcpIpKey& remote,
                         uint16_t remotePort,
                         T value)
{
    if (!IsConnectable(local, remote))
    {
        return {Socket::ERROR_INVAL, 0};
    }
    const FullTcpPortResult result =
        m_ports.SelectConnectPort(local,
                                  remote,
                                  remotePort,
                                  [this](const FullTcpFourTuple& t)
                                  {
                                      return m_connections.find(t) != m_connections.end();
                                  });
    if (result.error == Socket::ERROR_NOTERROR)
    {
        m_ports.Acquire(local, result.port, FullTcpPortUse::AUTO);
        m_connections.emplace(FullTcpFourTuple {local, result.port, remote, remotePort},
                              Connection {std::move(value), FullTcpPortUse::AUTO});
    }
    return result;
}

template<typename T>
Socket::SocketErrno
FullTcpDemux<T>::ConnectBound(const FullTcpIpKey& boundAddress,
                              const FullTcpFourTuple& tuple,
                              T value)
{
    const bool addressFits = boundAddress.IsAny()
                               ? boundAddress.GetFamily() == tuple.localAddress.GetFamily()
                               : boundAddress == tuple.localAddress;
    if (!addressFits || !IsConnectable(tuple.localAddress, tuple.remoteAddress)
        || m_ports.GetHolders(boundAddress, tuple.localPort, FullTcpPortUse::BOUND) == 0)
    {
        return Socket::ERROR_INVAL;
    }
    if (m_connections.find(tuple) != m_connections.end())
    {
        return Socket::ERROR_ADDRINUSE;
    }
    m_ports.Release(boundAddress, tuple.localPort, FullTcpPortUse::BOUND);
    m_ports.Acquire(tuple.localAddress, tuple.localPort, FullTcpPortUse::EXPLICIT);
    m_connections.emplace(tuple, Connection {std::move(value), FullTcpPortUse::EXPLICIT});
    return Socket::ERROR_NOTERROR;
}

template<typename T>
Socket::SocketErrno
FullTcpDemux<T>::Accept(const FullTcpFourTuple& tuple, T value)
{
    if (!IsConnectable(tuple.localAddress, tuple.remoteAddress))
    {
        return Socket::ERROR_INVAL;
    }
    if (!m_connections.emplace(tuple, Connection {std::move(value), FullTcpPortUse::EXPLICIT})
             .second)
    {
        return Socket::ERROR_ADDRINUSE;
    }
    m_ports.Acquire(tuple.localAddress, tuple.localPort, FullTcpPortUse::EXPLICIT);
    return Socket::ERROR_NOTERROR;
}

template<typename T>
bool
FullTcpDemux<T>::RemoveConnection(const FullTcpFourTuple& tuple)
{
    const auto it = m_connections.find(tuple);
    if (it == m_connections.end())
    {
        return false;
    }
    m_ports.Release(tuple.localAddress, tuple.localPort, it->second.use);
    m_connections.erase(it);
    return true;
}

template<typename T>
FullTcpDemuxResult<T>
FullTcpDemux<T>::Lookup(const FullTcpFourTuple& tuple)
{
    // RFC 9293 §3.3.2: a segment belongs to the connection named by its pair of sockets;
    // only a segment for no connection goes to a listener (§3.10.7.2, LISTEN state).
    T* connection = FindConnection(tuple);
    if (connection != nullptr)
    {
        return {FullTcpDemuxMatch::CONNECTION, connection};
    }
    return LookupListener(tuple.localAddress, tuple.localPort);
}

template<typename T>
FullTcpDemuxResult<T>
FullTcpDemux<T>::LookupListener(const FullTcpIpKey& address, uint16_t port)
{
    // A listener is bound to the destination address or to the wildcard. The specific one
    // is tried first, as Linux's listener lookup scores an exact address above the wildcard;
    // the bind rules keep both from existing on one port, so no segment can match both.
    auto it = m_listeners.find(FullTcpLocalEndpoint {address, port});
    if (it != m_listeners.end())
    {
        return {FullTcpDemuxMatch::LISTENER, &it->second};
    }
    it = m_listeners.find(FullTcpLocalEndpoint {FullTcpIpKey::GetAny(address.GetFamily()), port});
    if (it != m_listeners.end())
    {
        return {FullTcpDemuxMatch::WILDCARD_LISTENER, &it->second};
    }
    return {};
}

template<typename T>
T*
FullTcpDemux<T>::FindConnection(const FullTcpFourTuple& tuple)
{
    const auto it = m_connections.find(tuple);
    return it == m_connections.end() ? nullptr : &it->second.value;
}

template<typename T>
size_t
FullTcpDemux<T>::GetNConnections() const
{
    return m_connections.size();
}

template<typename T>
size_t
FullTcpDemux<T>::GetNListeners() const
{
    return m_listeners.size();
}

template<typename T>
template<typename F>
void
FullTcpDemux<T>::ForEach(F visit)
{
    for (auto& listener : m_listeners)
    {
        visit(listener.second);
    }
    for (auto& connection : m_connections)
    {
        visit(connection.second.value);
    }
}

template<typename T>
bool
FullTcpDemux<T>::IsConnectable(const FullTcpIpKey& local, const FullTcpIpKey& remote)
{
    return !local.IsAny() && local.GetFamily() == remote.GetFamily();
}

} // namespace ns3

#endif /* FULLTCP_DEMUX_H */
