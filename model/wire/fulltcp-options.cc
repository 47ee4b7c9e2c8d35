/*
 * Wire: option parse and validation, Linux tcp_options_write() layout, tcpdump-style print
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-options.h"

#include "ns3/log.h"

#include <algorithm>
#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpOptions");

namespace
{

uint16_t
ReadBe16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint32_t
ReadBe32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

/// Appends bytes to a fixed 40-byte option area; callers check room first.
class OptionWriter
{
  public:
    OptionWriter(uint8_t* out) : m_out(out) {}

    void
    U8(uint8_t v)
    {
        m_out[m_len++] = v;
    }

    void
    U16(uint16_t v)
    {
        U8(v >> 8);
        U8(v & 0xff);
    }

    void
    U32(uint32_t v)
    {
        U16(v >> 16);
        U16(v & 0xffff);
    }

    /// \param n bytes written directly at the current end
    void
    Skip(uint32_t n)
    {
        m_len += n;
    }

    uint32_t
    Length() const
    {
        return m_len;
    }

  private:
    uint8_t* m_out;
    uint32_t m_len {0};
};

/// Wire size of an unknown option: kind, length, data.
uint32_t
UnknownSize(const FullTcpUnknownOption& o)
{
    return 2 + static_cast<uint32_t>(o.data.size());
}

} // namespace

const char*
FullTcpParseErrorName(FullTcpParseError e)
{
    switch (e)
    {
    case FullTcpParseError::NONE:
        return "NONE";
    case FullTcpParseError::TRUNCATED_HEADER:
        return "TRUNCATED_HEADER";
    case FullTcpParseError::DATA_OFFSET_TOO_SMALL:
        return "DATA_OFFSET_TOO_SMALL";
    case FullTcpParseError::DATA_OFFSET_PAST_END:
        return "DATA_OFFSET_PAST_END";
    case FullTcpParseError::OPTION_LENGTH_INVALID:
        return "OPTION_LENGTH_INVALID";
    case FullTcpParseError::OPTION_PAST_HEADER:
        return "OPTION_PAST_HEADER";
    case FullTcpParseError::MSS_LENGTH:
        return "MSS_LENGTH";
    case FullTcpParseError::WINDOW_SCALE_LENGTH:
        return "WINDOW_SCALE_LENGTH";
    case FullTcpParseError::SACK_PERMITTED_LENGTH:
        return "SACK_PERMITTED_LENGTH";
    case FullTcpParseError::TIMESTAMP_LENGTH:
        return "TIMESTAMP_LENGTH";
    case FullTcpParseError::SACK_LENGTH:
        return "SACK_LENGTH";
    case FullTcpParseError::BAD_CHECKSUM:
        return "BAD_CHECKSUM";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, FullTcpParseError e)
{
    return os << FullTcpParseErrorName(e);
}

FullTcpParseError
FullTcpOptions::Parse(const uint8_t* bytes, uint32_t len)
{
    Clear();
    if (len > MAX_BYTES)
    {
        return FullTcpParseError::DATA_OFFSET_PAST_END;
    }
    FullTcpOptions parsed;
    uint32_t i = 0;
    while (i < len)
    {
        const uint8_t kind = bytes[i];
        if (kind == EOL)
        {
            break; // RFC 9293 §3.1: the rest of the option area is padding
        }
        if (kind == NOP)
        {
            ++i;
            continue;
        }
        if (i + 1 >= len)
        {
            return FullTcpParseError::OPTION_PAST_HEADER;
        }
        const uint8_t optLen = bytes[i + 1];
        if (optLen < 2)
        {
            // RFC 9293 §3.1 (MUST-68): a length that cannot cover kind and length itself
            // would loop forever or run backwards; the segment is malformed.
            return FullTcpParseError::OPTION_LENGTH_INVALID;
        }
        if (i + optLen > len)
        {
            return FullTcpParseError::OPTION_PAST_HEADER;
        }
        const uint8_t* body = bytes + i + 2;
        switch (kind)
        {
        case MSS:
            if (optLen != 4)
            {
                return FullTcpParseError::MSS_LENGTH;
            }
            parsed.m_mss = ReadBe16(body);
            break;
        case WSCALE:
            if (optLen != 3)
            {
                return FullTcpParseError::WINDOW_SCALE_LENGTH;
            }
            parsed.m_wscale = body[0];
            break;
        case SACK_PERMITTED:
            if (optLen != 2)
            {
                return FullTcpParseError::SACK_PERMITTED_LENGTH;
            }
            parsed.m_sackPermitted = true;
            break;
        case TIMESTAMP:
            if (optLen != 10)
            {
                return FullTcpParseError::TIMESTAMP_LENGTH;
            }
            parsed.m_timestamp = Timestamp {ReadBe32(body), ReadBe32(body + 4)};
            break;
        case SACK:
        {
            const uint32_t n = (optLen - 2) / 8;
            if ((optLen - 2) % 8 != 0 || n < 1 || n > MAX_SACK_BLOCKS)
            {
                return FullTcpParseError::SACK_LENGTH;
            }
            for (uint32_t b = 0; b < n; ++b)
            {
                parsed.m_sack[b] = {ReadBe32(body + 8 * b), ReadBe32(body + 8 * b + 4)};
            }
            parsed.m_sackWanted = parsed.m_sackCount = static_cast<uint8_t>(n);
            break;
        }
        default:
            // RFC 7413 §4.1.1: any length is kept; the engine judges the cookie (Linux's
            // tcp_parse_fastopen_option() ignores a bad one without dropping the segment).
            if (auto fo = FullTcpFastOpenRead(kind, body, optLen - 2u))
            {
                parsed.m_fastOpen = std::move(fo);
                break;
            }
            parsed.m_unknown.push_back({kind, std::vector<uint8_t>(body, body + optLen - 2)});
            break;
        }
        i += optLen;
    }
    // Keep the exact bytes (padding and NOP placement included) for a byte-exact round trip.
    std::copy(bytes, bytes + len, parsed.m_bytes.begin());
    parsed.m_length = static_cast<uint8_t>(len);
    *this = std::move(parsed);
    return FullTcpParseError::NONE;
}

const uint8_t*
FullTcpOptions::GetBytes() const
{
    return m_bytes.data();
}

uint32_t
FullTcpOptions::GetLength() const
{
    return m_length;
}

void
FullTcpOptions::Clear()
{
    *this = FullTcpOptions();
}

void
FullTcpOptions::SetMss(uint16_t mss)
{
    m_mss = mss;
    Layout();
}

std::optional<uint16_t>
FullTcpOptions::GetMss() const
{
    return m_mss;
}

void
FullTcpOptions::SetWindowScale(uint8_t shift)
{
    m_wscale = shift;
    Layout();
}

std::optional<uint8_t>
FullTcpOptions::GetWindowScale() const
{
    return m_wscale;
}

void
FullTcpOptions::SetSackPermitted(bool on)
{
    m_sackPermitted = on;
    Layout();
}

bool
FullTcpOptions::GetSackPermitted() const
{
    return m_sackPermitted;
}

void
FullTcpOptions::SetTimestamp(uint32_t val, uint32_t ecr)
{
    m_timestamp = Timestamp {val, ecr};
    Layout();
}

std::optional<FullTcpOptions::Timestamp>
FullTcpOptions::GetTimestamp() const
{
    return m_timestamp;
}

void
FullTcpOptions::SetSackBlocks(const std::vector<FullTcpSackBlock>& blocks)
{
    m_sackWanted = static_cast<uint8_t>(std::min<size_t>(blocks.size(), MAX_SACK_BLOCKS));
    std::copy_n(blocks.begin(), m_sackWanted, m_sack.begin());
    Layout();
}

std::vector<FullTcpSackBlock>
FullTcpOptions::GetSackBlocks() const
{
    return std::vector<FullTcpSackBlock>(m_sack.begin(), m_sack.begin() + m_sackCount);
}

bool
FullTcpOptions::SetFastOpen(const FullTcpFastOpenOption& fo)
{
    m_fastOpen = fo;
    if (fo.cookie.size() > FullTcpFastOpenOption::COOKIE_MAX || !Layout())
    {
        m_fastOpen.reset();
        Layout();
        return false;
    }
    return true;
}

const std::optional<FullTcpFastOpenOption>&
FullTcpOptions::GetFastOpen() const
{
    return m_fastOpen;
}

bool
FullTcpOptions::AddUnknownOption(const FullTcpUnknownOption& opt)
{
    if (opt.kind == EOL || opt.kind == NOP || opt.data.size() > MAX_BYTES - 2)
    {
        return false;
    }
    m_unknown.push_back(opt);
    if (!Layout())
    {
        m_unknown.pop_back();
        Layout();
        return false;
    }
    return true;
}

const std::vector<FullTcpUnknownOption>&
FullTcpOptions::GetUnknownOptions() const
{
    return m_unknown;
}

bool
FullTcpOptions::Layout()
{
    m_bytes.fill(0);
    OptionWriter w(m_bytes.data());
    // Order and alignment follow Linux net/ipv4/tcp_output.c tcp_options_write().
    if (m_mss)
    {
        w.U8(MSS);
        w.U8(4);
        w.U16(*m_mss);
    }
    if (m_timestamp)
    {
        if (m_sackPermitted)
        {
            w.U8(SACK_PERMITTED); // sackOK takes the two alignment bytes before TS
            w.U8(2);
        }
        else
        {
            w.U8(NOP);
            w.U8(NOP);
        }
        w.U8(TIMESTAMP);
        w.U8(10);
        w.U32(m_timestamp->value);
        w.U32(m_timestamp->echo);
    }
    else if (m_sackPermitted)
    {
        w.U8(NOP);
        w.U8(NOP);
        w.U8(SACK_PERMITTED);
        w.U8(2);
    }
    if (m_wscale)
    {
        w.U8(NOP);
        w.U8(WSCALE);
        w.U8(3);
        w.U8(*m_wscale);
    }
    uint32_t unknownBytes = 0;
    for (const auto& u : m_unknown)
    {
        unknownBytes += UnknownSize(u);
    }
    const uint32_t unknownRoom = (unknownBytes + 3) / 4 * 4;
    const uint32_t fastOpenRoom = m_fastOpen ? FullTcpFastOpenWireSize(*m_fastOpen) : 0;
    // SACK blocks take what room is left (RFC 2018 §3: as many as fit).
    m_sackCount = 0;
    if (m_sackWanted > 0)
    {
        const uint32_t room =
            MAX_BYTES - w.Length() - std::min(unknownRoom + fastOpenRoom, MAX_BYTES - w.Length());
        const uint32_t fit = room >= 12 ? (room - 4) / 8 : 0;
        m_sackCount = static_cast<uint8_t>(std::min<uint32_t>(fit, m_sackWanted));
        if (m_sackCount > 0)
        {
            w.U8(NOP);
            w.U8(NOP);
            w.U8(SACK);
            w.U8(static_cast<uint8_t>(2 + 8 * m_sackCount));
            for (uint32_t b = 0; b < m_sackCount; ++b)
            {
                w.U32(m_sack[b].left);
                w.U32(m_sack[b].right);
            }
        }
    }
    // tcp_options_write(): OPTION_FAST_OPEN_COOKIE after the SACK blocks.
    const bool fastOpenFits = w.Length() + fastOpenRoom <= MAX_BYTES;
    if (m_fastOpen && fastOpenFits)
    {
        FullTcpFastOpenWrite(*m_fastOpen, m_bytes.data() + w.Length());
        w.Skip(fastOpenRoom);
    }
    const bool unknownFits = w.Length() + unknownRoom <= MAX_BYTES;
    if (unknownFits)
    {
        for (const auto& u : m_unknown)
        {
            w.U8(u.kind);
            w.U8(static_cast<uint8_t>(UnknownSize(u)));
            for (uint8_t b : u.data)
            {
                w.U8(b);
            }
        }
    }
    // Pad to a 32-bit boundary with EOL (zero) bytes, RFC 9293 §3.1.
    m_length = static_cast<uint8_t>((w.Length() + 3) / 4 * 4);
    return unknownFits && fastOpenFits;
}

void
FullTcpOptions::Print(std::ostream& os) const
{
    uint32_t i = 0;
    bool first = true;
    auto sep = [&]()
    {
        if (!first)
        {
            os << ",";
        }
        first = false;
    };
    while (i < m_length)
    {
        const uint8_t kind = m_bytes[i];
        sep();
        if (kind == EOL)
        {
            os << "eol";
            break;
        }
        if (kind == NOP)
        {
            os << "nop";
            ++i;
            continue;
        }
        const uint8_t len = m_bytes[i + 1]; // validated by Parse() or laid out by Layout()
        const uint8_t* body = &m_bytes[i + 2];
        switch (kind)
        {
        case MSS:
            os << "mss " << ReadBe16(body);
            break;
        case WSCALE:
            os << "wscale " << unsigned(body[0]);
            break;
        case SACK_PERMITTED:
            os << "sackOK";
            break;
        case TIMESTAMP:
            os << "TS val " << ReadBe32(body) << " ecr " << ReadBe32(body + 4);
            break;
        case SACK:
            os << "sack " << (len - 2) / 8 << " ";
            for (uint32_t b = 0; b < uint32_t(len - 2) / 8; ++b)
            {
                os << "{" << ReadBe32(body + 8 * b) << ":" << ReadBe32(body + 8 * b + 4) << "}";
            }
            break;
        default:
            if (auto fo = FullTcpFastOpenRead(kind, body, len - 2u))
            {
                os << *fo;
                break;
            }
            os << "unknown-" << unsigned(kind);
            if (len > 2)
            {
                os << " 0x" << std::hex << std::setfill('0');
                for (uint32_t b = 0; b < uint32_t(len - 2); ++b)
                {
                    os << std::setw(2) << unsigned(body[b]);
                }
                os << std::dec << std::setfill(' ');
            }
            break;
        }
        i += len;
    }
}

bool
FullTcpOptions::operator==(const FullTcpOptions& o) const
{
    return m_length == o.m_length
        && std::equal(m_bytes.begin(), m_bytes.begin() + m_length, o.m_bytes.begin());
}

} // namespace ns3
