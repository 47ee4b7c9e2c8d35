/*
 * Engine: the server's Fast Open cookie (RFC 7413 §4.1.2), SipHash-2-4 as Linux computes it
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_FAST_OPEN_COOKIE_H
#define FULLTCP_FAST_OPEN_COOKIE_H

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The server's secret: net.ipv4.tcp_fastopen_key, a primary key and an optional backup.
 *
 * RFC 7413 §4.1.2: the cookie is a MAC of the client's IP address under a server secret.
 * Linux writes a key as four 32-bit hex words `a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4`
 * (sysctl_net_ipv4.c proc_tcp_fastopen_key()), each word stored little-endian; a second key
 * after a comma is the backup, still accepted in cookies (tcp_fastopen_cookie_gen_check()).
 */
struct FullTcpFastOpenKey
{
    using Bytes = std::array<uint8_t, 16>; //!< TCP_FASTOPEN_KEY_LENGTH
    Bytes primary {};                      //!< makes the cookies sent
    std::optional<Bytes> backup;           //!< also accepted

    /**
     * \param text the sysctl's value, `w-w-w-w` or `w-w-w-w,w-w-w-w` (w: up to 8 hex digits)
     * \return the key, or nothing when text is not in that form (the sysctl then fails, EINVAL)
     */
    static std::optional<FullTcpFastOpenKey> Parse(const std::string& text);
};

/**
 * \ingroup fulltcp
 * \brief SipHash-2-4 (Aumasson and Bernstein), as Linux's lib/siphash.c siphash().
 * \param key the 16-byte key (k0, k1 read little-endian) \param data the message \param len its
 * length \return the 64-bit hash
 */
uint64_t FullTcpSipHash24(const FullTcpFastOpenKey::Bytes& key, const uint8_t* data, size_t len);

/**
 * \ingroup fulltcp
 * \brief The 8-byte cookie for an IPv4 SYN, as tcp_fastopen.c __tcp_fastopen_cookie_gen_cipher():
 *        siphash(saddr, daddr) over the addresses in network order, the hash little-endian.
 * \param key the key \param saddr the SYN's source (the client) \param daddr its destination
 *        (host-order values, as Ipv4Address::Get())
 * \return the cookie (TCP_FASTOPEN_COOKIE_SIZE bytes)
 */
std::vector<uint8_t> FullTcpFastOpenCookie(const FullTcpFastOpenKey::Bytes& key,
                                           uint32_t saddr,
                                           uint32_t daddr);

/**
 * \ingroup fulltcp
 * \brief Whether a received cookie is valid (tcp_fastopen_cookie_gen_check(): it equals the
 *        cookie of the primary or of the backup key).
 * \param key the key \param saddr the SYN's source \param daddr its destination
 * \param cookie the cookie the SYN carries
 * \return 0: invalid, 1: the primary key's, 2: the backup key's
 */
int FullTcpFastOpenCookieCheck(const FullTcpFastOpenKey& key,
                               uint32_t saddr,
                               uint32_t daddr,
                               const std::vector<uint8_t>& cookie);

} // namespace ns3

#endif /* FULLTCP_FAST_OPEN_COOKIE_H */
