/*
 * Node: local port holders, Linux bind conflicts, RFC 6056 Algorithm 3 ephemeral ports
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_PORT_ALLOCATOR_H
#define FULLTCP_PORT_ALLOCATOR_H

#include "fulltcp-endpoint.h"

#include "ns3/socket.h"

#include <cstdint>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Why a socket holds a local port. The kinds follow the "owners" of a Linux bind
 * bucket (net/ipv4/inet_connection_sock.c, inet_hashtables.c).
 */
enum class FullTcpPortUse : uint8_t
{
    BOUND,    //!< a socket after Bind(), before Listen() or Connect(); receives nothing
    EXPLICIT, //!< a listener, a connection of a bound socket, or an accepted connection
    AUTO,     //!< a connection whose port Connect() chose; shareable with other peers
};

/**
 * \ingroup fulltcp
 * \brief A chosen port, or why none could be chosen.
 */
struct FullTcpPortResult
{
    Socket::SocketErrno error {Socket::ERROR_NOTERROR}; //!< ERROR_NOTERROR on success
    uint16_t port {0};                                  //!< the port, when error is NOTERROR
};

/**
 * \ingroup fulltcp
 * \brief Local ports: who holds which, the bind-conflict rules, and ephemeral port selection.
 *
 * FullTcpDemux drives this class; a protocol uses the demux, not this class directly.
 *
 * **Holders.** Every bound socket, listener and connection holds its local (address, port)
 * until it is released; a connection in TIME_WAIT still holds it. IPv4 and IPv6 have separate
 * port spaces, as ns-3's Ipv4EndPointDemux and Ipv6EndPointDemux (and Linux with IPV6_V6ONLY).
 *
 * **Bind conflicts** (CanBind), as Linux's inet_csk_bind_conflict() for sockets without
 * SO_REUSEADDR / SO_REUSEPORT (ns-3 has neither option): binding address A to port P fails
 * with EADDRINUSE when any holder of P in the same family has address A, or when A or the
 * holder's address is the wildcard. So two listeners on one address and port conflict, and a
 * wildcard listener and a specific-address listener on one port conflict in either order;
 * two specific addresses on one port do not. Connections count: a server's port stays in use
 * while accepted connections (including TIME_WAIT) remain, which is why real servers set
 * SO_REUSEADDR.
 *
 * **Ephemeral selection**: RFC 6056 §3.3.3, Algorithm 3 ("Simple Hash-Based Port
 * Selection"), over the range [first, last] (RFC 6335 §6 dynamic ports 49152-65535 by default):
 *
 *     offset = F(local address, remote address, remote port, secret key)
 *     repeat (last - first + 1) times:
 *         port = first + (next_ephemeral + offset) % (last - first + 1)
 *         next_ephemeral++
 *         if port is suitable: return port
 *     fail
 *
 * F is SipHash-2-4 keyed with the 128-bit secret (RFC 6056 §3.3.3 asks for a cryptographic
 * hash). The secret and the start value of next_ephemeral come from the caller, which draws
 * them from an ns-3 RNG stream, so a run is reproducible. Each destination walks the range
 * from its own offset, and consecutive connections to it take consecutive ports.
 *
 * For Connect() a port is suitable when the new 4-tuple is unique and the port is held only by
 * AUTO connections (Linux's __inet_hash_connect() skips ports that bind() or listen() hold).
 * So the ports are reused across peers: a client holds up to (range size) connections from one
 * local address to each remote (address, port), not (range size) in total. For an ephemeral bind
 * (Bind() without a port, no peer known yet: F uses the wildcard remote address and port 0) a port
 * is suitable when CanBind() allows it.
 *
 * Each probe is O(1) expected (hash lookups); the number of probes grows only as the range
 * fills up for one destination. Exhaustion is an error, never an assertion.
 */
class FullTcpPortAllocator
{
  public:
    static constexpr uint16_t DEFAULT_EPHEMERAL_FIRST = 49152; //!< RFC 6335 §6
    static constexpr uint16_t DEFAULT_EPHEMERAL_LAST = 65535;  //!< RFC 6335 §6

    /**
     * \brief Set the ephemeral range (Linux: net.ipv4.ip_local_port_range).
     * \param first lowest ephemeral port, at least 1
     * \param last highest ephemeral port, at least first
     * \return ERROR_NOTERROR, or ERROR_INVAL (range unchanged) for an empty range or port 0
     */
    Socket::SocketErrno SetEphemeralRange(uint16_t first, uint16_t last);

    /// \return the lowest ephemeral port
    uint16_t GetEphemeralFirst() const;

    /// \return the highest ephemeral port
    uint16_t GetEphemeralLast() const;

    /**
     * \brief Set the random inputs of RFC 6056 Algorithm 3 (all zero until set).
     * \param k0 first 64 bits of secret_key
     * \param k1 last 64 bits of secret_key
     * \param nextEphemeral start value of next_ephemeral
     */
    void SetSelectionSecret(uint64_t k0, uint64_t k1, uint32_t nextEphemeral);

    /**
     * \param address local address, possibly the wildcard of its family
     * \param port local port
     * \return true when a new holder may bind (address, port): port is not 0 and no bind
     *         conflict (see the class description)
     */
    bool CanBind(const FullTcpIpKey& address, uint16_t port) const;

    /**
     * \brief Choose a port for an ephemeral bind (RFC 6056 Algorithm 3, no remote).
     * Holds nothing: the caller Acquire()s the port.
     * \param address local address, possibly the wildcard
     * \return the port, or ERROR_ADDRINUSE when no port of the range can be bound (as Linux's
     *         bind() with port 0)
     */
    FullTcpPortResult SelectBindPort(const FullTcpIpKey& address);

    /**
     * \brief Choose a local port for a connection from local to (remote, remotePort)
     * (RFC 6056 Algorithm 3). Holds nothing: the caller Acquire()s the port as AUTO.
     * \tparam TupleInUse callable as bool(const FullTcpFourTuple&)
     * \param local local address (specific, not the wildcard)
     * \param remote remote address
     * \param remotePort remote port
     * \param tupleInUse tells whether a 4-tuple already names a connection
     * \return the port, or ERROR_ADDRNOTAVAIL when no port is suitable (as Linux's connect())
     */
    template<typename TupleInUse>
    FullTcpPortResult SelectConnectPort(const FullTcpIpKey& local,
                                        const FullTcpIpKey& remote,
                                        uint16_t remotePort,
                                        TupleInUse tupleInUse);

    /**
     * \brief Record a new holder of (address, port). No conflict check: the caller has
     * checked CanBind() or chosen the port with a Select function.
     * \param address local address, possibly the wildcard
     * \param port local port
     * \param use why the port is held
     */
    void Acquire(const FullTcpIpKey& address, uint16_t port, FullTcpPortUse use);

    /**
     * \brief Remove one holder of (address, port) of the given kind.
     * \param address local address as acquired
     * \param port local port
     * \param use kind as acquired
     * \return false (and nothing changes) when no such holder exists
     */
    bool Release(const FullTcpIpKey& address, uint16_t port, FullTcpPortUse use);

    /**
     * \param address local address (the wildcard counts only holders of the wildcard)
     * \param port local port
     * \param use kind of holder
     * \return how many holders of that kind hold exactly (address, port)
     */
    uint32_t GetHolders(const FullTcpIpKey& address, uint16_t port, FullTcpPortUse use) const;

  private:
    /// Holders of one port of one family, over all addresses.
    struct PortHolders
    {
        uint32_t total {0};    //!< all holders
        uint32_t wildcard {0}; //!< holders bound to the wildcard address
        uint32_t notAuto {0};  //!< BOUND and EXPLICIT holders (the port is not shareable)
    };

    /// Holders of one (address, port), by kind (indexed by FullTcpPortUse).
    struct LocalHolders
    {
        uint32_t byUse[3] {0, 0, 0}; //!< count per FullTcpPortUse
    };

    /**
     * \param family address family
     * \param port port
     * \return the key of m_ports
     */
    static uint32_t PortKey(FullTcpIpKey::Family family, uint16_t port);

    /**
     * \brief F of RFC 6056 Algorithm 3.
     * \param local local address
     * \param remote remote address
     * \param remotePort remote port
     * \return the offset into the range
     */
    uint32_t Offset(const FullTcpIpKey& local,
                    const FullTcpIpKey& remote,
                    uint16_t remotePort) const;

    /**
     * \brief One step of Algorithm 3: the candidate port, then next_ephemeral++.
     * \param offset the destination's offset
     * \return the candidate port
     */
    uint16_t NextCandidate(uint32_t offset);

    /// \return the number of ports in the ephemeral range
    uint32_t GetRangeSize() const;

    /**
     * \param family address family
     * \param port port
     * \return true when only AUTO connections (or nobody) hold the port
     */
    bool IsShareable(FullTcpIpKey::Family family, uint16_t port) const;

    uint16_t m_first {DEFAULT_EPHEMERAL_FIRST};        //!< lowest ephemeral port
    uint16_t m_last {DEFAULT_EPHEMERAL_LAST};          //!< highest ephemeral port
    uint64_t m_k0 {0};                                 //!< secret_key, first half
    uint64_t m_k1 {0};                                 //!< secret_key, second half
    uint32_t m_nextEphemeral {0};                      //!< next_ephemeral of Algorithm 3
    std::unordered_map<uint32_t, PortHolders> m_ports; //!< by (family, port)
    std::unordered_map<FullTcpLocalEndpoint, LocalHolders> m_locals; //!< by (address, port)
};

template<typename TupleInUse>
FullTcpPortResult
FullTcpPortAllocator::SelectConnectPort(const FullTcpIpKey& local,
                                        const FullTcpIpKey& remote,
                                        uint16_t remotePort,
                                        TupleInUse tupleInUse)
{
    const uint32_t offset = Offset(local, remote, remotePort);
    for (uint32_t count = GetRangeSize(); count > 0; --count)
    {
        const uint16_t port = NextCandidate(offset);
        // check_suitable_port() (RFC 6056 §3.3.3): the 4-tuple must be unique (RFC 9293
        // §3.3.2: a connection is named by its pair of sockets), and ports that an explicit
        // bind or a listener holds are not lent to connections (Linux __inet_hash_connect()).
        if (IsShareable(local.GetFamily(), port)
            && !tupleInUse(FullTcpFourTuple {local, port, remote, remotePort}))
        {
            return {Socket::ERROR_NOTERROR, port};
        }
    }
    return {Socket::ERROR_ADDRNOTAVAIL, 0};
}

} // namespace ns3

#endif /* FULLTCP_PORT_ALLOCATOR_H */
