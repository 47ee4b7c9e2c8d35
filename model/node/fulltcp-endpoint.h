/*
 * Node: demux keys: compact IPv4/IPv6 address key, local endpoint, 4-tuple, hashes
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_ENDPOINT_H
#define FULLTCP_ENDPOINT_H

#include "ns3/address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief An IPv4 or IPv6 address as a compact value: the address part of the demux keys.
 *
 * ns3::Address is a 20-byte buffer with a type tag registered at run time; hashing and
 * comparing it for every segment would cost more than the lookup itself. This key holds the
 * family and the 128 address bits as two words, so equality is three compares and the hash
 * a few multiplications, with no allocation and no string formatting.
 *
 * The family is part of the key: IPv4 1.2.3.4, the IPv4-compatible IPv6 address ::1.2.3.4 and
 * the IPv4-mapped IPv6 address ::ffff:1.2.3.4 are three different keys. (A caller that wants
 * an IPv6 socket to receive IPv4 segments looks up the IPv4-mapped key itself, as ns-3's
 * TcpL4Protocol does after an IPv4 miss.)
 */
class FullTcpIpKey
{
  public:
    /// Address family.
    enum class Family : uint8_t
    {
        IPV4 = 4, //!< IPv4: the address is in the low 32 bits of the low word
        IPV6 = 6, //!< IPv6: high word = bytes 0-7, low word = bytes 8-15 (network order)
    };

    /// The IPv4 wildcard address 0.0.0.0 (so that a default-constructed key is well defined).
    FullTcpIpKey() = default;

    /// \param address an IPv4 address
    explicit FullTcpIpKey(Ipv4Address address);

    /// \param address an IPv6 address
    explicit FullTcpIpKey(Ipv6Address address);

    /**
     * \param address an ns3::Address holding an Ipv4Address or an Ipv6Address (not an
     *                InetSocketAddress: the port is a separate field of every key)
     * \return the key, or nothing when the address is of another type
     */
    static std::optional<FullTcpIpKey> FromAddress(const Address& address);

    /**
     * \param family address family
     * \return the wildcard address of that family (0.0.0.0 or ::), as bound by INADDR_ANY
     */
    static FullTcpIpKey GetAny(Family family);

    /// \return the address as an ns3::Address holding an Ipv4Address or an Ipv6Address
    Address ToAddress() const;

    /// \param port a port \return an InetSocketAddress or an Inet6SocketAddress
    Address ToSocketAddress(uint16_t port) const;

    /// \return the address family
    Family GetFamily() const;

    /// \return true for the wildcard address of the family (0.0.0.0 or ::)
    bool IsAny() const;

    /// \return the high 64 address bits (0 for IPv4)
    uint64_t GetHigh() const;

    /// \return the low 64 address bits (the IPv4 address in the low 32 bits)
    uint64_t GetLow() const;

    /**
     * \param other another key
     * \return true for the same family and the same address
     */
    bool operator==(const FullTcpIpKey& other) const;

    /**
     * \param other another key
     * \return true when the family or the address differs
     */
    bool operator!=(const FullTcpIpKey& other) const;

  private:
    uint64_t m_high {0};            //!< address bits 0-63 (IPv6 only)
    uint64_t m_low {0};             //!< address bits 64-127, or the IPv4 address
    Family m_family {Family::IPV4}; //!< address family
};

/**
 * \ingroup fulltcp
 * \brief A local (address, port): the key of a bind and of a listener. The address may be the
 * wildcard of its family (a socket bound to INADDR_ANY).
 */
struct FullTcpLocalEndpoint
{
    FullTcpIpKey address; //!< local address, possibly the wildcard
    uint16_t port {0};    //!< local port

    /**
     * \param other another endpoint
     * \return true for the same address and port
     */
    bool operator==(const FullTcpLocalEndpoint& other) const;
};

/**
 * \ingroup fulltcp
 * \brief A connection's identity (RFC 9293 §3.3.2: "a pair of sockets"): local and remote
 * address and port. For a received segment, local is its destination and remote its source.
 */
struct FullTcpFourTuple
{
    FullTcpIpKey localAddress;  //!< local address (never the wildcard for a connection)
    uint16_t localPort {0};     //!< local port
    FullTcpIpKey remoteAddress; //!< remote address
    uint16_t remotePort {0};    //!< remote port

    /// \return the local (address, port)
    FullTcpLocalEndpoint GetLocal() const;

    /**
     * \param other another tuple
     * \return true when all four parts are equal
     */
    bool operator==(const FullTcpFourTuple& other) const;
};

/**
 * \brief Print an address as ns-3 prints Ipv4Address / Ipv6Address.
 * \param os output stream
 * \param key the address
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const FullTcpIpKey& key);

/**
 * \brief Print "address:port" ("[address]:port" for IPv6).
 * \param os output stream
 * \param endpoint the endpoint
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const FullTcpLocalEndpoint& endpoint);

/**
 * \brief Print "local -> remote".
 * \param os output stream
 * \param tuple the tuple
 * \return os
 */
std::ostream& operator<<(std::ostream& os, const FullTcpFourTuple& tuple);

/**
 * \ingroup fulltcp
 * \brief The finalizer of MurmurHash3 (fmix64, public domain): every input bit affects every
 * output bit, so hash tables keyed on addresses that differ in a few bits spread evenly.
 * \param x value to mix
 * \return mixed value
 */
inline uint64_t
FullTcpMix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

} // namespace ns3

namespace std
{

/// Hash of an address key, so that it can key std::unordered_map.
template<>
struct hash<ns3::FullTcpIpKey>
{
    /**
     * \param key the key
     * \return its hash
     */
    size_t
    operator()(const ns3::FullTcpIpKey& key) const noexcept
    {
        return ns3::FullTcpMix64(
            key.GetHigh()
            ^ ns3::FullTcpMix64(key.GetLow() ^ static_cast<uint64_t>(key.GetFamily())));
    }
};

/// Hash of a local endpoint, so that it can key std::unordered_map.
template<>
struct hash<ns3::FullTcpLocalEndpoint>
{
    /**
     * \param endpoint the endpoint
     * \return its hash
     */
    size_t
    operator()(const ns3::FullTcpLocalEndpoint& endpoint) const noexcept
    {
        return ns3::FullTcpMix64(hash<ns3::FullTcpIpKey>()(endpoint.address) ^ endpoint.port);
    }
};

/// Hash of a 4-tuple, so that it can key std::unordered_map.
template<>
struct hash<ns3::FullTcpFourTuple>
{
    /**
     * \param tuple the tuple
     * \return its hash
     */
    size_t
    operator()(const ns3::FullTcpFourTuple& tuple) const noexcept
    {
        // Both families live in one table: the family and both ports go into the first word.
        const uint64_t ports = (static_cast<uint64_t>(tuple.localPort) << 16) | tuple.remotePort;
        const uint64_t first =
            (static_cast<uint64_t>(tuple.localAddress.GetFamily()) << 32) | ports;
        uint64_t h = ns3::FullTcpMix64(first ^ tuple.remoteAddress.GetLow());
        h = ns3::FullTcpMix64(h ^ tuple.remoteAddress.GetHigh());
        h = ns3::FullTcpMix64(h ^ tuple.localAddress.GetLow());
        return ns3::FullTcpMix64(h ^ tuple.localAddress.GetHigh());
    }
};

} // namespace std

#endif /* FULLTCP_ENDPOINT_H */
