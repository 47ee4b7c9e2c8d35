/*
 * Script: inbound header building, field-by-field compare of outbound, packetdrill-style text
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-script-matcher.h"

#include <sstream>

namespace ns3
{

namespace
{

/// \param o an option \param os where to print it as a script writes it
void
PrintOption(std::ostream& os, const FullTcpScriptOption& o)
{
    switch (o.kind)
    {
    case FullTcpOptions::EOL:
        os << "eol";
        break;
    case FullTcpOptions::NOP:
        os << "nop";
        break;
    case FullTcpOptions::MSS:
        os << "mss " << o.values.at(0);
        break;
    case FullTcpOptions::WSCALE:
        os << "wscale " << o.values.at(0);
        break;
    case FullTcpOptions::SACK_PERMITTED:
        os << "sackOK";
        break;
    case FullTcpOptions::TIMESTAMP:
        os << "TS val " << o.values.at(0) << " ecr " << o.values.at(1);
        break;
    case FullTcpOptions::SACK:
        os << "sack";
        for (size_t i = 0; i + 1 < o.values.size(); i += 2)
        {
            os << " " << o.values[i] << ":" << o.values[i + 1];
        }
        break;
    case FullTcpFastOpenOption::KIND:
    case FullTcpFastOpenOption::KIND_EXPERIMENTAL:
        os << (o.kind == FullTcpFastOpenOption::KIND ? "FO" : "FOEXP")
           << (o.values.empty() ? "" : " ");
        for (uint32_t b : o.values)
        {
            os << "0123456789abcdef"[(b >> 4) & 0xf] << "0123456789abcdef"[b & 0xf];
        }
        break;
    case FullTcpScriptOption::MD5:
        os << "md5 ";
        for (uint32_t b : o.values)
        {
            os << "0123456789abcdef"[(b >> 4) & 0xf] << "0123456789abcdef"[b & 0xf];
        }
        break;
    default:
        os << "kind" << unsigned(o.kind) << " len " << o.values.size() + 2;
    }
}

/// \param os where \param flags flag bits, printed in script order (`S.`, `P.`, `F.`, `R.`)
void
PrintFlags(std::ostream& os, uint8_t flags)
{
    if (flags == 0)
    {
        os << "-";
        return;
    }
    // packetdrill's order: the letters, then '.' for ACK.
    const std::pair<uint8_t, char> order[] = {{FullTcpHeader::FIN, 'F'},
                                              {FullTcpHeader::SYN, 'S'},
                                              {FullTcpHeader::RST, 'R'},
                                              {FullTcpHeader::PSH, 'P'},
                                              {FullTcpHeader::URG, 'U'},
                                              {FullTcpHeader::ECE, 'E'},
                                              {FullTcpHeader::CWR, 'W'},
                                              {FullTcpHeader::ACK, '.'}};
    for (const auto& [bit, c] : order)
    {
        if ((flags & bit) != 0)
        {
            os << c;
        }
    }
}

/// \param os where \param options a list, printed as `<a,b,c>`
void
PrintOptions(std::ostream& os, const std::vector<FullTcpScriptOption>& options)
{
    os << " <";
    for (size_t i = 0; i < options.size(); ++i)
    {
        os << (i > 0 ? "," : "");
        PrintOption(os, options[i]);
    }
    os << ">";
}

/// \param a an option \param b another \return whether they are equal, TSval aside
bool
SameOption(const FullTcpScriptOption& a, const FullTcpScriptOption& b)
{
    if (a.kind != b.kind || a.values.size() != b.values.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.values.size(); ++i)
    {
        if (a.kind == FullTcpOptions::TIMESTAMP && i == 0)
        {
            continue; // TSval: FullTcp's clock, not compared (packetdrill's default)
        }
        if (a.values[i] != b.values[i])
        {
            return false;
        }
    }
    return true;
}

} // namespace

FullTcpScriptMatcher::FullTcpScriptMatcher(uint32_t remoteIsn) :
    m_remoteBase(remoteIsn), m_remoteIsn(remoteIsn)
{
}

std::string
FullTcpScriptMatcher::BuildInbound(const FullTcpScriptSegment& s,
                                   uint16_t srcPort,
                                   uint16_t dstPort,
                                   FullTcpHeader& h)
{
    const bool syn = (s.flags & FullTcpHeader::SYN) != 0;
    const uint32_t localIsn = LocalOffset(syn);
    h.SetSourcePort(srcPort);
    h.SetDestinationPort(dstPort);
    h.SetFlags(s.flags);
    // packetdrill sends a SYN's number as written and numbers the others from the script
    // side's ISN (socket.h: no offset for a SYN, the remote ISN for the others), which the
    // first SYN or a SYN-ACK sets (run_packet.c): a SYN-ACK `123:123(0)` is followed by data
    // `1:501(500)`.
    if (syn && ((s.flags & FullTcpHeader::ACK) != 0 || !m_remoteIsnSet))
    {
        m_remoteIsn = m_remoteBase + s.seq;
        m_remoteIsnSet = true;
    }
    h.SetSequenceNumber((syn ? m_remoteBase : m_remoteIsn) + s.seq);
    h.SetAckNumber(s.ack ? localIsn + *s.ack : 0);
    // packetdrill sends what the script gives; a script that gives no window gets 65535
    // (FullTcp's choice, documented in doc/scripts.rst).
    h.SetWindow(s.win.value_or(65535));
    h.SetUrgentPointer(s.urg.value_or(0));
    std::vector<uint8_t> bytes;
    auto u32 = [&bytes](uint32_t v)
    {
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            bytes.push_back(static_cast<uint8_t>(v >> shift));
        }
    };
    for (const FullTcpScriptOption& o : s.options)
    {
        switch (o.kind)
        {
        case FullTcpOptions::EOL:
        case FullTcpOptions::NOP:
            bytes.push_back(o.kind);
            break;
        case FullTcpOptions::MSS:
            bytes.insert(bytes.end(),
                         {o.kind,
                          4,
                          static_cast<uint8_t>(o.values[0] >> 8),
                          static_cast<uint8_t>(o.values[0])});
            break;
        case FullTcpOptions::WSCALE:
            bytes.insert(bytes.end(), {o.kind, 3, static_cast<uint8_t>(o.values[0])});
            break;
        case FullTcpOptions::SACK_PERMITTED:
            bytes.insert(bytes.end(), {o.kind, 2});
            break;
        case FullTcpOptions::TIMESTAMP:
            bytes.insert(bytes.end(), {o.kind, 10});
            u32(o.values[0]);
            // An echo of a TSval FullTcp sent, written as the script's TSval (ecr 0 stays 0).
            u32(o.values[1] == 0 ? 0 : o.values[1] + m_tsOffset.value_or(0));
            break;
        case FullTcpOptions::SACK:
            bytes.insert(bytes.end(), {o.kind, static_cast<uint8_t>(2 + 4 * o.values.size())});
            for (uint32_t v : o.values)
            {
                u32(localIsn + v);
            }
            break;
        case FullTcpFastOpenOption::KIND:
        case FullTcpFastOpenOption::KIND_EXPERIMENTAL:
            // packetdrill's tcp_option_new(): kind, length, [magic,] cookie; no padding (the
            // script writes its nops).
            if (o.kind == FullTcpFastOpenOption::KIND)
            {
                bytes.insert(bytes.end(), {o.kind, static_cast<uint8_t>(2 + o.values.size())});
            }
            else
            {
                bytes.insert(bytes.end(),
                             {o.kind,
                              static_cast<uint8_t>(4 + o.values.size()),
                              FullTcpFastOpenOption::MAGIC >> 8,
                              FullTcpFastOpenOption::MAGIC & 0xff});
            }
            bytes.insert(bytes.end(), o.values.begin(), o.values.end());
            break;
        case FullTcpScriptOption::MD5:
            // RFC 2385 §3.0: kind 19, length 18, the digest as the script gives it.
            bytes.insert(bytes.end(), {o.kind, static_cast<uint8_t>(2 + o.values.size())});
            bytes.insert(bytes.end(), o.values.begin(), o.values.end());
            break;
        }
    }
    while (bytes.size() % 4 != 0)
    {
        bytes.push_back(FullTcpOptions::EOL);
    }
    if (bytes.size() > FullTcpOptions::MAX_BYTES)
    {
        return "TCP options take " + std::to_string(bytes.size()) + " bytes, at most 40 fit";
    }
    if (!bytes.empty())
    {
        FullTcpOptions options;
        const FullTcpParseError e = options.Parse(bytes.data(), bytes.size());
        if (e != FullTcpParseError::NONE)
        {
            return std::string("TCP options are malformed: ") + FullTcpParseErrorName(e);
        }
        h.Options() = options;
    }
    return "";
}

std::vector<FullTcpScriptOption>
FullTcpScriptMatcher::OutboundOptions(const FullTcpHeader& h) const
{
    std::vector<FullTcpScriptOption> out;
    const FullTcpOptions& opts = h.GetOptions();
    const uint8_t* b = opts.GetBytes();
    const uint32_t n = opts.GetLength();
    auto u32 = [b](uint32_t at)
    {
        return (uint32_t(b[at]) << 24) | (uint32_t(b[at + 1]) << 16) | (uint32_t(b[at + 2]) << 8)
             | b[at + 3];
    };
    // The bytes were validated when the segment was parsed: every length is in range.
    for (uint32_t i = 0; i < n;)
    {
        FullTcpScriptOption o;
        o.kind = b[i];
        if (o.kind == FullTcpOptions::EOL)
        {
            break; // the rest is padding
        }
        if (o.kind == FullTcpOptions::NOP)
        {
            out.push_back(o);
            ++i;
            continue;
        }
        const uint8_t len = b[i + 1];
        switch (o.kind)
        {
        case FullTcpOptions::MSS:
            o.values.push_back((uint32_t(b[i + 2]) << 8) | b[i + 3]);
            break;
        case FullTcpOptions::WSCALE:
            o.values.push_back(b[i + 2]);
            break;
        case FullTcpOptions::TIMESTAMP:
            o.values.push_back(u32(i + 2) - m_tsOffset.value_or(0));
            o.values.push_back(u32(i + 6));
            break;
        case FullTcpOptions::SACK:
            for (uint32_t at = i + 2; at + 4 <= i + len; at += 4)
            {
                o.values.push_back(u32(at) - m_remoteIsn);
            }
            break;
        default:
            if (auto fo = FullTcpFastOpenRead(o.kind, b + i + 2, len - 2u))
            {
                o.values.assign(fo->cookie.begin(), fo->cookie.end()); // compared byte by byte
                break;
            }
            o.values.assign(len - 2, 0);
        }
        out.push_back(o);
        i += len;
    }
    return out;
}

std::string
FullTcpScriptMatcher::Compare(const FullTcpScriptSegment& e,
                              const FullTcpHeader& h,
                              uint32_t payload)
{
    std::ostringstream why;
    if (h.GetFlags() != e.flags)
    {
        why << "flags: expected ";
        PrintFlags(why, e.flags);
        why << " but got ";
        PrintFlags(why, h.GetFlags());
        return why.str();
    }
    const bool syn = (e.flags & FullTcpHeader::SYN) != 0;
    if (syn && !m_localIsn)
    {
        // packetdrill learns the ISN from the first SYN of a connection (run_packet.c: the
        // live and the script ISN of an active SYN or a passive SYN-ACK).
        m_localIsn = h.GetSequenceNumber();
        m_localScriptIsn = e.seq;
    }
    const uint32_t seq = h.GetSequenceNumber() - LocalOffset(syn);
    if (seq != e.seq || payload != e.len)
    {
        why << "sequence range: expected " << e.seq << ":" << e.end << "(" << e.len << ") but got "
            << seq << ":" << seq + payload << "(" << payload << ")";
        return why.str();
    }
    // The ACK of a SYN-ACK is as written (the script's number space), the others relative to
    // the script side's ISN (remote_seq_live_to_script_offset()).
    const uint32_t ackBase = (e.flags & FullTcpHeader::SYN) != 0 ? m_remoteBase : m_remoteIsn;
    if (e.ack && (e.flags & FullTcpHeader::ACK) != 0 && h.GetAckNumber() - ackBase != *e.ack)
    {
        why << "ack: expected " << *e.ack << " but got " << h.GetAckNumber() - ackBase;
        return why.str();
    }
    if (e.win && h.GetWindow() != *e.win)
    {
        why << "win: expected " << *e.win << " but got " << h.GetWindow();
        return why.str();
    }
    if (e.urg && h.GetUrgentPointer() != *e.urg)
    {
        why << "urg: expected " << *e.urg << " but got " << h.GetUrgentPointer();
        return why.str();
    }
    if (!e.optionsAny)
    {
        if (!m_tsOffset)
        {
            // The first TSval fixes the offset between the script's clock and FullTcp's.
            const auto ts = h.GetOptions().GetTimestamp();
            for (const FullTcpScriptOption& o : e.options)
            {
                if (ts && o.kind == FullTcpOptions::TIMESTAMP)
                {
                    m_tsOffset = ts->value - o.values[0];
                }
            }
        }
        const std::vector<FullTcpScriptOption> got = OutboundOptions(h);
        bool same = got.size() == e.options.size();
        for (size_t i = 0; same && i < got.size(); ++i)
        {
            same = SameOption(got[i], e.options[i]);
        }
        if (!same)
        {
            why << "options: expected";
            PrintOptions(why, e.options);
            why << " but got";
            PrintOptions(why, got);
            return why.str();
        }
    }
    return "";
}

std::string
FullTcpScriptMatcher::Describe(const FullTcpHeader& h, uint32_t payload) const
{
    FullTcpScriptSegment s;
    s.inbound = false;
    s.flags = h.GetFlags();
    s.seq = h.GetSequenceNumber() - LocalOffset(h.HasFlags(FullTcpHeader::SYN));
    s.len = payload;
    s.end = s.seq + payload;
    if (h.HasFlags(FullTcpHeader::ACK))
    {
        s.ack = h.GetAckNumber() - (h.HasFlags(FullTcpHeader::SYN) ? m_remoteBase : m_remoteIsn);
    }
    s.win = h.GetWindow();
    if (h.HasFlags(FullTcpHeader::URG))
    {
        s.urg = h.GetUrgentPointer();
    }
    s.options = OutboundOptions(h);
    s.optionsGiven = !s.options.empty();
    return Describe(s);
}

std::string
FullTcpScriptMatcher::Describe(const FullTcpScriptSegment& s)
{
    std::ostringstream os;
    os << (s.inbound ? "< " : "> ");
    PrintFlags(os, s.flags);
    os << " " << s.seq << ":" << s.end << "(" << s.len << ")";
    if (s.ack)
    {
        os << " ack " << *s.ack;
    }
    if (s.win)
    {
        os << " win " << *s.win;
    }
    if (s.urg)
    {
        os << " urg " << *s.urg;
    }
    if (s.optionsAny)
    {
        os << " <...>";
    }
    else if (s.optionsGiven)
    {
        PrintOptions(os, s.options);
    }
    return os.str();
}

} // namespace ns3
