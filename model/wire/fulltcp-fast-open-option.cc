/*
 * Wire: Fast Open option read and write laid out as Linux's tcp_options_write(), tcpdump print
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-fast-open-option.h"

#include <iomanip>

namespace ns3
{

namespace
{

/// \param o an option \return its length byte: kind and length (and magic), then the cookie
uint32_t
OptionLength(const FullTcpFastOpenOption& o)
{
    // TCPOLEN_FASTOPEN_BASE 2, TCPOLEN_EXP_FASTOPEN_BASE 4 (include/net/tcp.h)
    return (o.experimental ? 4 : 2) + static_cast<uint32_t>(o.cookie.size());
}

} // namespace

uint32_t
FullTcpFastOpenWireSize(const FullTcpFastOpenOption& o)
{
    return (OptionLength(o) + 3) / 4 * 4;
}

void
FullTcpFastOpenWrite(const FullTcpFastOpenOption& o, uint8_t* out)
{
    const uint32_t len = OptionLength(o);
    uint32_t i = 0;
    if (o.experimental)
    {
        out[i++] = FullTcpFastOpenOption::KIND_EXPERIMENTAL;
        out[i++] = static_cast<uint8_t>(len);
        out[i++] = FullTcpFastOpenOption::MAGIC >> 8;
        out[i++] = FullTcpFastOpenOption::MAGIC & 0xff;
    }
    else
    {
        out[i++] = FullTcpFastOpenOption::KIND;
        out[i++] = static_cast<uint8_t>(len);
    }
    for (uint8_t b : o.cookie)
    {
        out[i++] = b;
    }
    // tcp_options_write(): "if ((len & 3) == 2)" two NOPs keep the next option aligned. Other
    // lengths (odd cookies, which only a script sends) leave EOL padding to the caller.
    if ((len & 3) == 2)
    {
        out[i++] = 1; // NOP
        out[i++] = 1;
    }
    while (i < FullTcpFastOpenWireSize(o))
    {
        out[i++] = 0;
    }
}

std::optional<FullTcpFastOpenOption>
FullTcpFastOpenRead(uint8_t kind, const uint8_t* body, uint32_t bodyLen)
{
    FullTcpFastOpenOption o;
    if (kind == FullTcpFastOpenOption::KIND)
    {
        o.cookie.assign(body, body + bodyLen);
        return o;
    }
    // tcp_parse_options(): TCPOPT_EXP is Fast Open only with its magic (RFC 6994 ExID).
    if (kind == FullTcpFastOpenOption::KIND_EXPERIMENTAL && bodyLen >= 2
        && ((body[0] << 8) | body[1]) == FullTcpFastOpenOption::MAGIC)
    {
        o.experimental = true;
        o.cookie.assign(body + 2, body + bodyLen);
        return o;
    }
    return std::nullopt;
}

bool
FullTcpFastOpenCookieValid(const std::vector<uint8_t>& cookie)
{
    return cookie.size() % 2 == 0 && cookie.size() >= FullTcpFastOpenOption::COOKIE_MIN
        && cookie.size() <= FullTcpFastOpenOption::COOKIE_MAX;
}

std::ostream&
operator<<(std::ostream& os, const FullTcpFastOpenOption& o)
{
    os << (o.experimental ? "exp-tfo" : "tfo");
    if (o.cookie.empty())
    {
        return os << " cookiereq";
    }
    os << " cookie " << std::hex << std::setfill('0');
    for (uint8_t b : o.cookie)
    {
        os << std::setw(2) << unsigned(b);
    }
    return os << std::dec << std::setfill(' ');
}

} // namespace ns3
