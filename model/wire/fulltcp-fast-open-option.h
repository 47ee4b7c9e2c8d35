/*
 * Wire: the TCP Fast Open option (RFC 7413 §4.1.1, kind 34, and the experimental kind 254/0xF989)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_FAST_OPEN_OPTION_H
#define FULLTCP_FAST_OPEN_OPTION_H

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A Fast Open option as carried on a SYN or SYN-ACK (RFC 7413 §4.1.1).
 *
 * The cookie is kept as received: an empty one is a cookie request (RFC 7413 §4.1.1 "Cookie
 * Request"); a valid cookie has an even length of 4 to 16 bytes. A malformed one (odd, 2 or more
 * than 16 bytes) is kept too; FullTcpFastOpenCookieValid() says whether it is usable, as Linux's
 * tcp_parse_fastopen_option() (tcp_input.c) ignores such a cookie without dropping the segment.
 */
struct FullTcpFastOpenOption
{
    static constexpr uint8_t KIND = 34;               //!< RFC 7413 §4.1.1 (IANA)
    static constexpr uint8_t KIND_EXPERIMENTAL = 254; //!< RFC 6994 shared experimental kind
    static constexpr uint16_t MAGIC = 0xF989;         //!< RFC 6994 ExID Linux sends with 254
    static constexpr uint32_t COOKIE_MIN = 4;  //!< RFC 7413 §4.1.1 (TCP_FASTOPEN_COOKIE_MIN)
    static constexpr uint32_t COOKIE_MAX = 16; //!< RFC 7413 §4.1.1 (TCP_FASTOPEN_COOKIE_MAX)

    std::vector<uint8_t> cookie; //!< the cookie bytes (empty: a cookie request)
    bool experimental {false};   //!< kind 254 with magic 0xF989 instead of kind 34

    bool
    operator==(const FullTcpFastOpenOption& o) const
    {
        return cookie == o.cookie && experimental == o.experimental;
    }
};

/**
 * \param o an option
 * \return its size on the wire with the padding Linux adds (tcp_options_write(): two NOPs when
 *         the option's length is 2 mod 4), a multiple of 4
 */
uint32_t FullTcpFastOpenWireSize(const FullTcpFastOpenOption& o);

/**
 * \brief Write the option as Linux's tcp_options_write() (OPTION_FAST_OPEN_COOKIE) does.
 * \param o the option (its cookie at most COOKIE_MAX bytes)
 * \param out where: FullTcpFastOpenWireSize(o) bytes
 */
void FullTcpFastOpenWrite(const FullTcpFastOpenOption& o, uint8_t* out);

/**
 * \brief Recognize a Fast Open option among parsed options (Linux tcp_parse_options()).
 * \param kind the option kind \param body the bytes after kind and length \param bodyLen their
 * count \return the option for kind 34, or for kind 254 whose first two bytes are the magic 0xF989;
 *         nothing for any other option
 */
std::optional<FullTcpFastOpenOption> FullTcpFastOpenRead(uint8_t kind,
                                                         const uint8_t* body,
                                                         uint32_t bodyLen);

/**
 * \param cookie a received cookie
 * \return whether it is a usable cookie: even, 4 to 16 bytes (tcp_parse_fastopen_option();
 *         an empty cookie is a request, not a cookie)
 */
bool FullTcpFastOpenCookieValid(const std::vector<uint8_t>& cookie);

/// Print in tcpdump's style: `tfo cookiereq`, `tfo cookie 3021b9d889017eeb`, `exp-tfo ...`.
std::ostream& operator<<(std::ostream& os, const FullTcpFastOpenOption& o);

} // namespace ns3

#endif /* FULLTCP_FAST_OPEN_OPTION_H */
