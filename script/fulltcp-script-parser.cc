/*
 * Script: recursive-descent parser after packetdrill's parser.y (timing, segments, calls)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Recursive descent over the tokens of fulltcp-script-lexer.cc, one event per line, following
 * packetdrill's grammar (google/packetdrill, gtests/net/packetdrill/parser.y) for the subset
 * that connection-lifecycle scripts use.
 */
#include "fulltcp-script-parser.h"

#include "fulltcp-script-icmp.h"
#include "fulltcp-script-tcpinfo.h"

#include "ns3/fulltcp-header.h"
#include "ns3/fulltcp-options.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{

namespace
{

using T = FullTcpScriptToken;

/// The parser's cursor over the tokens.
class Parser
{
  public:
    /// \param text the script \param defines `-D NAME=VALUE` symbols
    Parser(const std::string& text, const FullTcpScriptDefines& defines) :
        m_tokens(FullTcpScriptTokenize(text, defines))
    {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);)
        {
            m_lines.push_back(line);
        }
    }

    /// \param name file name \return the script
    FullTcpScript Script(const std::string& name);

  private:
    const T&
    Peek() const
    {
        return m_tokens[m_pos];
    }

    const T&
    Next()
    {
        const T& t = m_tokens[m_pos];
        if (t.kind != T::END)
        {
            ++m_pos;
        }
        return t;
    }

    bool
    Accept(T::Kind kind, const std::string& text)
    {
        if (Peek().Is(kind, text))
        {
            Next();
            return true;
        }
        return false;
    }

    [[noreturn]] void
    Fail(const std::string& what) const
    {
        const T& t = Peek();
        std::string seen = t.kind == T::NEWLINE ? "end of line"
                         : t.kind == T::END     ? "end of script"
                                                : "'" + t.text + "'";
        throw FullTcpScriptSyntaxError(t.line, "expected " + what + ", found " + seen);
    }

    void
    Expect(T::Kind kind, const std::string& text)
    {
        if (!Accept(kind, text))
        {
            Fail("'" + text + "'");
        }
    }

    /// A WORD that is a non-negative integer (decimal or 0x hex) fitting in max.
    uint64_t Unsigned(const std::string& what, uint64_t max = UINT32_MAX);
    /// A WORD that is a non-negative decimal number of seconds.
    double Seconds(const std::string& what);
    FullTcpScriptTiming Timing();
    void Segment(FullTcpScriptEvent& e);
    /// `< icmp TYPE [CODE] [mtu N] [[seq]]` (packetdrill's icmp_packet_spec)
    void Icmp(FullTcpScriptEvent& e);
    FullTcpScriptOption Option();
    void Call(FullTcpScriptEvent& e);
    FullTcpScriptExpr Expr();
    /// \param line a line number \return the source text of that line (for messages)
    std::string LineText(uint32_t line) const;

    std::vector<T> m_tokens;          //!< the script's tokens
    std::vector<std::string> m_lines; //!< its lines
    size_t m_pos {0};                 //!< the next token
};

uint64_t
Parser::Unsigned(const std::string& what, uint64_t max)
{
    const T& t = Peek();
    if (t.kind != T::WORD || t.text.empty() || !std::isdigit(static_cast<unsigned char>(t.text[0])))
    {
        Fail(what);
    }
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(t.text.c_str(), &end, 0);
    if (errno != 0 || *end != '\0' || v > max)
    {
        throw FullTcpScriptSyntaxError(t.line, "bad " + what + " '" + t.text + "'");
    }
    Next();
    return v;
}

double
Parser::Seconds(const std::string& what)
{
    const T& t = Peek();
    if (t.kind != T::WORD)
    {
        Fail(what);
    }
    char* end = nullptr;
    const double v = std::strtod(t.text.c_str(), &end);
    if (t.text.empty() || *end != '\0' || v < 0
        || !(std::isdigit(static_cast<unsigned char>(t.text[0])) || t.text[0] == '.'))
    {
        throw FullTcpScriptSyntaxError(t.line, "bad " + what + " '" + t.text + "'");
    }
    Next();
    return v;
}

FullTcpScriptTiming
Parser::Timing()
{
    FullTcpScriptTiming t;
    if (Accept(T::PUNCT, "*"))
    {
        t.kind = FullTcpScriptTiming::ANY;
        return t;
    }
    t.kind = Accept(T::PUNCT, "+") ? FullTcpScriptTiming::RELATIVE : FullTcpScriptTiming::ABSOLUTE;
    t.start = Seconds("a time");
    if (Accept(T::PUNCT, "~"))
    {
        t.rangeEndRelative = Accept(T::PUNCT, "+");
        t.rangeEnd = Seconds("the end of a time range");
    }
    if (Accept(T::ELLIPSIS, "..."))
    {
        t.blockingEndRelative = Accept(T::PUNCT, "+");
        t.blockingEnd = Seconds("the end time of a blocking call");
    }
    return t;
}

FullTcpScriptOption
Parser::Option()
{
    const T& t = Peek();
    if (t.kind != T::WORD)
    {
        Fail("a TCP option");
    }
    const std::string name = Next().text;
    FullTcpScriptOption o;
    if (name == "nop")
    {
        o.kind = FullTcpOptions::NOP;
    }
    else if (name == "eol")
    {
        o.kind = FullTcpOptions::EOL;
    }
    else if (name == "mss")
    {
        o.kind = FullTcpOptions::MSS;
        o.values.push_back(Unsigned("an MSS", UINT16_MAX));
    }
    else if (name == "wscale")
    {
        o.kind = FullTcpOptions::WSCALE;
        o.values.push_back(Unsigned("a window scale", UINT8_MAX));
    }
    else if (name == "sackOK")
    {
        o.kind = FullTcpOptions::SACK_PERMITTED;
    }
    else if (name == "TS")
    {
        o.kind = FullTcpOptions::TIMESTAMP;
        Expect(T::WORD, "val");
        o.values.push_back(Unsigned("a TS value"));
        Expect(T::WORD, "ecr");
        o.values.push_back(Unsigned("a TS echo reply"));
    }
    else if (name == "sack")
    {
        o.kind = FullTcpOptions::SACK;
        while (Peek().kind == T::WORD)
        {
            o.values.push_back(Unsigned("a SACK block start"));
            Expect(T::PUNCT, ":");
            o.values.push_back(Unsigned("a SACK block end"));
        }
        if (o.values.empty() || o.values.size() > 2 * FullTcpOptions::MAX_SACK_BLOCKS)
        {
            throw FullTcpScriptSyntaxError(t.line, "sack needs 1 to 4 blocks");
        }
    }
    else if (name == "FO" || name == "FOEXP")
    {
        // parser.y new_tcp_fast_open_option(): `FO` alone is a cookie request, `FO <hex>` a
        // cookie (any even number of hex digits, so that scripts can send bad cookies); the
        // values are the cookie's bytes.
        o.kind =
            name == "FO" ? FullTcpFastOpenOption::KIND : FullTcpFastOpenOption::KIND_EXPERIMENTAL;
        if (Peek().kind == T::WORD)
        {
            const std::string hex = Next().text;
            const size_t max = FullTcpOptions::MAX_BYTES - (name == "FO" ? 2 : 4);
            if (hex.size() % 2 != 0 || hex.size() / 2 > max
                || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
            {
                throw FullTcpScriptSyntaxError(t.line, "bad Fast Open cookie '" + hex + "'");
            }
            for (size_t i = 0; i < hex.size(); i += 2)
            {
                o.values.push_back(std::stoul(hex.substr(i, 2), nullptr, 16));
            }
        }
    }
    else if (name == "md5")
    {
        // parser.y: `md5 <32 hex digits>`, the TCP MD5 signature option (RFC 2385 §3.0: kind
        // 19, length 18, a 16-byte digest); the values are the digest's bytes.
        o.kind = FullTcpScriptOption::MD5;
        const std::string hex = Peek().kind == T::WORD ? Next().text : "";
        if (hex.size() != 32
            || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        {
            throw FullTcpScriptSyntaxError(t.line, "md5 needs a 16-byte digest in hex");
        }
        for (size_t i = 0; i < hex.size(); i += 2)
        {
            o.values.push_back(std::stoul(hex.substr(i, 2), nullptr, 16));
        }
    }
    else
    {
        throw FullTcpScriptSyntaxError(t.line, "unsupported TCP option '" + name + "'");
    }
    return o;
}

void
Parser::Segment(FullTcpScriptEvent& e)
{
    FullTcpScriptSegment& s = e.segment;
    s.inbound = Next().text == "<";
    if (Accept(T::PUNCT, "["))
    {
        // packetdrill's IP ECN field (parser.y opt_ip_info): set on injected segments, checked
        // on expected ones.
        static const std::map<std::string, uint8_t> codepoints = {
            {"noecn", 0}, {"ect1", 1}, {"ect0", 2}, {"ce", 3}};
        const T& w = Next();
        const auto it = codepoints.find(w.text);
        if (w.kind != T::WORD || it == codepoints.end())
        {
            throw FullTcpScriptSyntaxError(w.line, "bad ECN codepoint '" + w.text + "'");
        }
        s.ecn = it->second;
        s.ecnGiven = true;
        Expect(T::PUNCT, "]");
    }
    // Flags: a word of flag letters, `.` for ACK; `-` for none.
    if (!Accept(T::PUNCT, "-"))
    {
        if (Peek().kind != T::WORD)
        {
            Fail("TCP flags");
        }
        const T& f = Next();
        for (char c : f.text)
        {
            const char* letters = "FSRP.UEW";
            const char* at = std::strchr(letters, c);
            if (at == nullptr)
            {
                throw FullTcpScriptSyntaxError(f.line, "bad TCP flags '" + f.text + "'");
            }
            s.flags |= static_cast<uint8_t>(1u << (at - letters));
        }
    }
    s.seq = Unsigned("a start sequence number");
    Expect(T::PUNCT, ":");
    s.end = Unsigned("an end sequence number");
    Expect(T::PUNCT, "(");
    s.len = Unsigned("a payload length", 65535);
    Expect(T::PUNCT, ")");
    if (static_cast<uint32_t>(s.end - s.seq) != s.len)
    {
        throw FullTcpScriptSyntaxError(e.line, "sequence range and length disagree");
    }
    for (;;)
    {
        if (Accept(T::WORD, "ack"))
        {
            s.ack = Unsigned("an ACK number");
        }
        else if (Accept(T::WORD, "win"))
        {
            s.win = Unsigned("a window", UINT16_MAX);
        }
        else if (Accept(T::WORD, "urg"))
        {
            s.urg = Unsigned("an urgent pointer", UINT16_MAX);
        }
        else
        {
            break;
        }
    }
    if (Accept(T::PUNCT, "<"))
    {
        s.optionsGiven = true;
        if (Accept(T::ELLIPSIS, "..."))
        {
            s.optionsAny = true;
        }
        else
        {
            do
            {
                s.options.push_back(Option());
            } while (Accept(T::PUNCT, ","));
        }
        Expect(T::PUNCT, ">");
    }
    if ((s.flags & FullTcpHeader::ACK) != 0 && !s.ack && s.inbound)
    {
        // parser.y opt_ack: no `ack` is ack 0, which run_packet.c maps onto FullTcp's ISN
        // (`< R. 11:11(0) win 257`).
        s.ack = 0;
    }
}

void
Parser::Icmp(FullTcpScriptEvent& e)
{
    Next(); // <
    Next(); // icmp
    FullTcpScriptIcmp& m = e.icmp;
    const T& type = Next();
    // opt_icmp_code: a WORD that is not `mtu` (packetdrill's MTU keyword).
    std::string code;
    if (Peek().kind == T::WORD && Peek().text != "mtu")
    {
        code = Next().text;
    }
    std::string error;
    if (type.kind != T::WORD || !FullTcpScriptIcmpType(type.text, code, m.type, m.code, error))
    {
        throw FullTcpScriptSyntaxError(type.line, error.empty() ? "ICMP type expected" : error);
    }
    if (Accept(T::WORD, "mtu"))
    {
        // icmp_packet.c set_icmpv4_header(): "ICMPv4 MTU is only valid for
        // unreachable-frag_needed".
        if (m.type != 3 || m.code != 4)
        {
            throw FullTcpScriptSyntaxError(e.line,
                                           "ICMPv4 MTU is only valid for unreachable-frag_needed");
        }
        m.mtu = static_cast<uint16_t>(Unsigned("an MTU", UINT16_MAX));
    }
    if (Accept(T::PUNCT, "["))
    {
        if (Peek().kind == T::WORD && !std::isdigit(static_cast<unsigned char>(Peek().text[0])))
        {
            throw FullTcpScriptSyntaxError(e.line,
                                           "only a quoted TCP segment ([seq]) is supported");
        }
        m.seq = Unsigned("a start sequence number");
        Expect(T::PUNCT, ":");
        const auto end = static_cast<uint32_t>(Unsigned("an end sequence number"));
        Expect(T::PUNCT, "(");
        m.len = static_cast<uint32_t>(Unsigned("a payload length", 65535));
        Expect(T::PUNCT, ")");
        Expect(T::PUNCT, "]");
        if (end - m.seq != m.len)
        {
            throw FullTcpScriptSyntaxError(e.line, "sequence range and length disagree");
        }
    }
}

FullTcpScriptExpr
Parser::Expr()
{
    FullTcpScriptExpr x;
    const T& t = Peek();
    if (Accept(T::ELLIPSIS, "..."))
    {
        x.kind = FullTcpScriptExpr::ELLIPSIS;
        return x;
    }
    if (t.kind == T::STRING)
    {
        x.kind = FullTcpScriptExpr::STRING;
        x.text = Next().text;
        return x;
    }
    if (Accept(T::PUNCT, "["))
    {
        x.kind = FullTcpScriptExpr::LIST;
        if (!Accept(T::PUNCT, "]"))
        {
            do
            {
                x.items.push_back(Expr());
            } while (Accept(T::PUNCT, ","));
            Expect(T::PUNCT, "]");
        }
        return x;
    }
    if (Accept(T::PUNCT, "{"))
    {
        // parser.y's brace forms: fields `name=value` (binary_expression), msghdr's
        // `msg_iov(N)=[...]` (kept as msg_iov and msg_iovlen, struct msghdr's names), and
        // items without a name (sub_expr_list; an iovec `{..., 40}`), whose name is "".
        x.kind = FullTcpScriptExpr::STRUCT;
        if (!Accept(T::PUNCT, "}"))
        {
            do
            {
                if (Accept(T::ELLIPSIS, "..."))
                {
                    continue; // `{a=1, ...}`: the other fields are not checked anyway
                }
                // (a WORD is never the last token: END follows)
                const bool named = Peek().kind == T::WORD
                                && (m_tokens[m_pos + 1].Is(T::PUNCT, "=")
                                    || m_tokens[m_pos + 1].Is(T::PUNCT, "("));
                if (!named)
                {
                    x.fields.emplace_back();
                    x.items.push_back(Expr());
                    continue;
                }
                const std::string field = Next().text;
                if (Accept(T::PUNCT, "("))
                {
                    x.fields.push_back(field + "len");
                    x.items.push_back(Expr());
                    Expect(T::PUNCT, ")");
                }
                x.fields.push_back(field);
                Expect(T::PUNCT, "=");
                x.items.push_back(Expr());
            } while (Accept(T::PUNCT, ","));
            Expect(T::PUNCT, "}");
        }
        return x;
    }
    const bool negative = Accept(T::PUNCT, "-");
    if (Peek().kind != T::WORD)
    {
        Fail("a value");
    }
    FullTcpScriptExpr first;
    if (std::isdigit(static_cast<unsigned char>(Peek().text[0])))
    {
        first.kind = FullTcpScriptExpr::INTEGER;
        first.number = static_cast<int64_t>(Unsigned("a number", INT64_MAX));
        first.number = negative ? -first.number : first.number;
    }
    else if (negative)
    {
        Fail("a number after '-'");
    }
    else
    {
        first.kind = FullTcpScriptExpr::SYMBOL;
        first.text = Next().text;
    }
    if (Peek().Is(T::PUNCT, "|"))
    {
        x.kind = FullTcpScriptExpr::BITS;
        x.items.push_back(first);
        while (Accept(T::PUNCT, "|"))
        {
            x.items.push_back(Expr());
        }
        return x;
    }
    return first;
}

void
Parser::Call(FullTcpScriptEvent& e)
{
    e.call.name = Next().text;
    Expect(T::PUNCT, "(");
    if (!Accept(T::PUNCT, ")"))
    {
        do
        {
            e.call.args.push_back(Expr());
        } while (Accept(T::PUNCT, ","));
        Expect(T::PUNCT, ")");
    }
    Expect(T::PUNCT, "=");
    e.call.result = Expr();
    if (Peek().kind == T::WORD && std::isupper(static_cast<unsigned char>(Peek().text[0])))
    {
        e.call.errnoName = Next().text;
    }
    if (Accept(T::PUNCT, "(")) // a comment: the errno's text, e.g. (Connection refused)
    {
        int depth = 1;
        while (depth > 0 && Peek().kind != T::END)
        {
            const T& t = Next();
            depth += t.Is(T::PUNCT, "(") ? 1 : t.Is(T::PUNCT, ")") ? -1 : 0;
        }
    }
}

std::string
Parser::LineText(uint32_t line) const
{
    std::string text = line >= 1 && line <= m_lines.size() ? m_lines[line - 1] : "";
    const size_t first = text.find_first_not_of(" \t");
    const size_t comment = text.find("//");
    text = first == std::string::npos
             ? ""
             : text.substr(first,
                           comment == std::string::npos ? std::string::npos : comment - first);
    return text.substr(0, text.find_last_not_of(" \t\r") + 1);
}

FullTcpScript
Parser::Script(const std::string& name)
{
    FullTcpScript script;
    script.name = name;
    while (Peek().kind != T::END)
    {
        if (Accept(T::NEWLINE, ""))
        {
            continue;
        }
        FullTcpScriptEvent e;
        e.line = Peek().line;
        if (Peek().kind == T::PYTHON)
        {
            // Untimed: at the time of the previous event.
            e.timing.kind = FullTcpScriptTiming::RELATIVE;
        }
        else if (Peek().Is(T::PUNCT, "-") && m_tokens[m_pos + 1].Is(T::PUNCT, "-"))
        {
            // A command-line option in the script (`--tolerance_usecs=10000`).
            m_pos += 2;
            if (Peek().kind != T::WORD)
            {
                Fail("an option name after '--'");
            }
            std::pair<std::string, std::string> option {Next().text, ""};
            if (Accept(T::PUNCT, "="))
            {
                while (Peek().kind != T::NEWLINE && Peek().kind != T::END)
                {
                    option.second += Next().text;
                }
            }
            script.options.push_back(option);
            Expect(T::NEWLINE, "");
            continue;
        }
        if (Peek().kind != T::COMMAND && Peek().kind != T::PYTHON)
        {
            e.timing = Timing();
        }
        const T& t = Peek();
        if (t.kind == T::PYTHON && FullTcpScriptTcpInfoAsserts(t.text, e.call))
        {
            e.kind = FullTcpScriptEvent::CALL;
            e.text = LineText(e.line);
            Next();
            script.events.push_back(std::move(e));
        }
        else if (t.kind == T::PYTHON)
        {
            script.skippedLines.push_back(Next().line);
        }
        else
        {
            if (t.kind == T::COMMAND)
            {
                e.kind = FullTcpScriptEvent::COMMAND;
                e.command = Next().text;
            }
            else if (t.Is(T::PUNCT, "<") && m_tokens[m_pos + 1].Is(T::WORD, "icmp"))
            {
                e.kind = FullTcpScriptEvent::ICMP;
                Icmp(e);
            }
            else if (t.Is(T::PUNCT, "<") || t.Is(T::PUNCT, ">"))
            {
                e.kind = FullTcpScriptEvent::SEGMENT;
                Segment(e);
            }
            else if (t.kind == T::WORD && m_tokens[m_pos + 1].Is(T::PUNCT, "("))
            {
                e.kind = FullTcpScriptEvent::CALL;
                Call(e);
            }
            else
            {
                Fail("'<', '>', a system call or a `command`");
            }
            e.text = LineText(e.line);
            if (e.timing.blockingEnd && e.kind != FullTcpScriptEvent::CALL)
            {
                throw FullTcpScriptSyntaxError(e.line, "only a system call can block ('...')");
            }
            if (e.timing.kind == FullTcpScriptTiming::ANY && e.kind != FullTcpScriptEvent::SEGMENT)
            {
                throw FullTcpScriptSyntaxError(e.line, "'*' is only for segments");
            }
            script.events.push_back(std::move(e));
        }
        if (!Accept(T::END, ""))
        {
            Expect(T::NEWLINE, "");
        }
    }
    return script;
}

} // namespace

FullTcpScript
FullTcpScriptParse(const std::string& text,
                   const std::string& name,
                   const FullTcpScriptDefines& defines)
{
    Parser p(text, defines);
    return p.Script(name);
}

FullTcpScript
FullTcpScriptParseFile(const std::string& path, const FullTcpScriptDefines& defines)
{
    std::ifstream in(path);
    if (!in)
    {
        throw FullTcpScriptSyntaxError(0, "cannot read " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return FullTcpScriptParse(text.str(), path, defines);
}

} // namespace ns3
