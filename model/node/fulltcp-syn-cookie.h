/*
 * Node: SYN cookie layout (RFC 4987 §3.6): time slot, MSS index, 24-bit SipHash
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SYN_COOKIE_H
#define FULLTCP_SYN_COOKIE_H

#include "fulltcp-endpoint.h"

#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief SYN cookies (RFC 4987 §3.6): a listener whose SYN queue is full answers a SYN with a
 * SYN-ACK whose ISS encodes the connection, and keeps no state; the ACK that comes back
 * carries the cookie (SEG.ACK - 1) and rebuilds the connection.
 *
 * Layout of the 32-bit cookie (Bernstein's, as RFC 4987 §3.6 describes it):
 *
 *   | bits 31-27 | bits 26-24 | bits 23-0                                          |
 *   | t mod 32   | MSS index  | SipHash-2-4(key; 4-tuple, client ISN, t), 24 bits  |
 *
 * t counts 64-second periods; a cookie is accepted during the period it was made in and the
 * next one (Linux MAX_SYNCOOKIE_AGE = 2). The client's ISN is hashed in as well (Linux does
 * the same), so an ACK must carry both numbers right. The MSS index selects the largest
 * entry of MssTable() not above the client's MSS. Window scale, SACK-permitted and timestamps
 * are not encoded: the cookie SYN-ACK offers none of them, so the connection uses none.
 */
class FullTcpSynCookie
{
  public:
    /// \return the MSS values a cookie can encode, ascending (IPv4/IPv6 common sizes)
    static const std::array<uint16_t, 8>& MssTable();

    /// \return how long one value of the counter t lasts (64 s)
    static Time Period();

    /**
     * \param k0 secret key, first half \param k1 second half
     * \param tuple the connection (local = the listener's address)
     * \param clientIsn the SYN's sequence number
     * \param clientMss the MSS the client offered (or the default)
     * \param now the current time
     * \return the cookie, to be used as ISS of the SYN-ACK
     */
    static uint32_t Make(uint64_t k0,
                         uint64_t k1,
                         const FullTcpFourTuple& tuple,
                         uint32_t clientIsn,
                         uint16_t clientMss,
                         Time now);

    /**
     * \param k0 secret key, first half \param k1 second half
     * \param tuple the connection \param clientIsn SEG.SEQ - 1 of the ACK
     * \param cookie SEG.ACK - 1 of the ACK \param now the current time
     * \return the client's MSS when the cookie is valid, nothing otherwise
     */
    static std::optional<uint16_t> Check(uint64_t k0,
                                         uint64_t k1,
                                         const FullTcpFourTuple& tuple,
                                         uint32_t clientIsn,
                                         uint32_t cookie,
                                         Time now);

  private:
    /// \return the 24-bit hash of the connection for counter t
    static uint32_t Hash(
        uint64_t k0, uint64_t k1, const FullTcpFourTuple& tuple, uint32_t clientIsn, uint32_t t);
};

} // namespace ns3

#endif /* FULLTCP_SYN_COOKIE_H */
