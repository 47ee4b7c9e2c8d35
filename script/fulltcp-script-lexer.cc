/*
 * Script: tokenizer dropping // and block comments, -D defines, line-numbered syntax errors
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-script-lexer.h"

#include <cctype>
#include <cstring>

namespace ns3
{

FullTcpScriptSyntaxError::FullTcpScriptSyntaxError(uint32_t line, const std::string& message) :
    std::runtime_error(message), m_line(line)
{
}

uint32_t
FullTcpScriptSyntaxError::GetLine() const
{
    return m_line;
}

namespace
{

/// \param c a character \return whether it continues a WORD
bool
IsWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

} // namespace

std::vector<FullTcpScriptToken>
FullTcpScriptTokenize(const std::string& text, const FullTcpScriptDefines& defines)
{
    using T = FullTcpScriptToken;
    std::vector<T> out;
    uint32_t line = 1;
    int depth = 0; // ( [ { nesting: a syscall may span lines, a NEWLINE inside it is a blank
    size_t i = 0;
    const size_t n = text.size();
    auto add = [&out, &line](T::Kind kind, std::string spelling)
    {
        out.push_back(T {kind, std::move(spelling), line});
    };
    // Text up to the closing delimiter; the delimiter is consumed. Counts the lines crossed.
    auto until = [&](const std::string& close, const char* what)
    {
        const uint32_t start = line;
        const size_t end = text.find(close, i);
        if (end == std::string::npos)
        {
            throw FullTcpScriptSyntaxError(start, std::string("unterminated ") + what);
        }
        std::string body = text.substr(i, end - i);
        for (char c : body)
        {
            line += c == '\n' ? 1 : 0;
        }
        i = end + close.size();
        return body;
    };
    while (i < n)
    {
        const char c = text[i];
        if (c == '\n')
        {
            if (depth == 0 && !out.empty() && out.back().kind != T::NEWLINE)
            {
                add(T::NEWLINE, "");
            }
            ++line;
            ++i;
        }
        else if (std::isspace(static_cast<unsigned char>(c)))
        {
            ++i;
        }
        else if (text.compare(i, 2, "//") == 0)
        {
            while (i < n && text[i] != '\n')
            {
                ++i;
            }
        }
        else if (text.compare(i, 2, "/*") == 0)
        {
            i += 2;
            until("*/", "comment");
        }
        else if (text.compare(i, 2, "%{") == 0)
        {
            const uint32_t start = line;
            i += 2;
            out.push_back(T {T::PYTHON, until("}%", "%{ block"), start});
        }
        else if (c == '`')
        {
            const uint32_t start = line;
            ++i;
            out.push_back(T {T::COMMAND, until("`", "backtick command"), start});
        }
        else if (c == '"')
        {
            const uint32_t start = line;
            ++i;
            out.push_back(T {T::STRING, until("\"", "string"), start});
        }
        else if (text.compare(i, 3, "...") == 0)
        {
            add(T::ELLIPSIS, "...");
            i += 3;
        }
        else if (IsWordChar(c))
        {
            // A word stops before "...", which separates the two times of a blocking call
            // (`0.100...0.200`).
            const size_t start = i;
            while (i < n && IsWordChar(text[i]) && text.compare(i, 3, "...") != 0)
            {
                ++i;
            }
            const auto define = defines.find(text.substr(start, i - start));
            if (define == defines.end())
            {
                add(T::WORD, text.substr(start, i - start));
                continue;
            }
            // lexer.l word(): SYM="val" is a string, SYM=`val` a command, SYM=val a word.
            const std::string& value = define->second;
            const bool quoted = value.size() >= 2 && (value[0] == '"' || value[0] == '`')
                             && value.back() == value[0];
            add(!quoted           ? T::WORD
                : value[0] == '"' ? T::STRING
                                  : T::COMMAND,
                quoted ? value.substr(1, value.size() - 2) : value);
        }
        else if (std::strchr("()[]{}<>,=:+-~*|;", c) != nullptr)
        {
            depth += (c == '(' || c == '[' || c == '{') ? 1 : 0;
            depth -= (c == ')' || c == ']' || c == '}') ? 1 : 0;
            depth = depth < 0 ? 0 : depth;
            add(T::PUNCT, std::string(1, c));
            ++i;
        }
        else
        {
            throw FullTcpScriptSyntaxError(line, std::string("unexpected character '") + c + "'");
        }
    }
    if (!out.empty() && out.back().kind != T::NEWLINE)
    {
        add(T::NEWLINE, "");
    }
    add(T::END, "");
    return out;
}

} // namespace ns3
