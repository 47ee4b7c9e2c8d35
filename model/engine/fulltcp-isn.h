/*
 * Engine: ISN generator (RFC 6528, RFC 9293 §3.4.1) and the SipHash-2-4 declaration
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_ISN_H
#define FULLTCP_ISN_H

#include "ns3/address.h"
#include "ns3/nstime.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief SipHash-2-4 (Aumasson and Bernstein, 2012): the keyed hash behind the ISN.
 * \param k0 first half of the 128-bit key (little-endian words, as the reference code)
 * \param k1 second half of the key
 * \param data message bytes
 * \param len message length
 * \return the 64-bit hash
 */
uint64_t FullTcpSipHash24(uint64_t k0, uint64_t k1, const uint8_t* data, size_t len);

/**
 * \ingroup fulltcp
 * \brief Initial sequence numbers per RFC 6528 (RFC 9293 §3.4.1):
 * ISN = M + F(localip, localport, remoteip, remoteport, secretkey).
 *
 * M is a clock ticking every 4 µs (RFC 9293 §3.4.1) plus a clock offset; F is SipHash-2-4
 * keyed with a 128-bit secret (RFC 6528 §3 leaves the PRF open; Linux also uses SipHash).
 * The key and the clock offset are supplied by the caller, which draws them from ns-3 RNG
 * streams so that runs are reproducible (AssignStreams). A fixed mode returns one constant
 * for every connection (e.g. 0, as ns-3's own TCP and its tutorials show).
 */
class FullTcpIsnGenerator
{
  public:
    /**
     * \brief Set the secret key of F (RFC 6528 §3: "a secret key ... SHOULD be random").
     * \param k0 first 64 bits \param k1 last 64 bits
     */
    void SetKey(uint64_t k0, uint64_t k1);

    /// \param offset added to the 4 µs clock M (a random start, as a real host's clock)
    void SetClockOffset(uint32_t offset);

    /// \param isn the ISN for every connection; nothing returns to RFC 6528 mode
    void SetFixed(std::optional<uint32_t> isn);

    /**
     * \param local local address (Ipv4Address or Ipv6Address as Address)
     * \param localPort local port
     * \param remote remote address
     * \param remotePort remote port
     * \param now current time, for the clock M
     * \return the ISN for this 4-tuple at this time
     */
    uint32_t Generate(const Address& local,
                      uint16_t localPort,
                      const Address& remote,
                      uint16_t remotePort,
                      Time now) const;

  private:
    uint64_t m_k0 {0};               //!< secret key, first half
    uint64_t m_k1 {0};               //!< secret key, second half
    uint32_t m_clockOffset {0};      //!< start value of the 4 µs clock
    std::optional<uint32_t> m_fixed; //!< fixed ISN mode
};

} // namespace ns3

#endif /* FULLTCP_ISN_H */
