/*
 * Script: packetdrill script token type, tokenizer entry point, FullTcpScriptSyntaxError
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_LEXER_H
#define FULLTCP_SCRIPT_LEXER_H

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief A malformed script: the line and what is wrong (the program exits 2).
 */
class FullTcpScriptSyntaxError : public std::runtime_error
{
  public:
    /// \param line 1-based line \param message what is wrong
    FullTcpScriptSyntaxError(uint32_t line, const std::string& message);
    /// \return the line of the error
    uint32_t GetLine() const;

  private:
    uint32_t m_line; //!< where
};

/**
 * \ingroup fulltcp
 * \brief One token of a packetdrill script.
 */
struct FullTcpScriptToken
{
    /// Token classes.
    enum Kind : uint8_t
    {
        WORD,     //!< a run of letters, digits, `_` and `.`: `0.100`, `S.`, `ack`, `SO_ERROR`
        ELLIPSIS, //!< `...`
        PUNCT,    //!< one of `( ) [ ] { } < > , = : + - ~ * | ;`
        STRING,   //!< `"text"` (text holds the contents)
        COMMAND,  //!< a backtick command (text holds the command)
        PYTHON,   //!< an inline `%{ ... }%` block (not evaluated)
        NEWLINE,  //!< end of a line outside any ( [ {
        END,      //!< end of the script
    };

    Kind kind {END};   //!< class
    std::string text;  //!< spelling (or contents)
    uint32_t line {0}; //!< 1-based line where it starts

    /// \param k a kind \param t a spelling \return whether this token is that
    bool
    Is(Kind k, const std::string& t) const
    {
        return kind == k && text == t;
    }
};

/// packetdrill's `-D NAME=VALUE` symbols (config.c OPT_DEFINE): name to value.
using FullTcpScriptDefines = std::map<std::string, std::string>;

/**
 * \ingroup fulltcp
 * \brief Splits a script into tokens; `//` and C block comments are dropped.
 *
 * A word that names a define is replaced by its value, as packetdrill's lexer.l word() does:
 * `"text"` becomes a STRING, a backtick value a COMMAND, anything else a WORD
 * (`-D TFO_COOKIE=3021b9d889017eeb` makes `FO TFO_COOKIE` a cookie).
 * \param text the whole script
 * \param defines the symbols
 * \return the tokens, ending with END
 * \throw FullTcpScriptSyntaxError on an unterminated string, comment or command, or a
 *        character that has no place in the grammar
 */
std::vector<FullTcpScriptToken> FullTcpScriptTokenize(const std::string& text,
                                                      const FullTcpScriptDefines& defines = {});

} // namespace ns3

#endif /* FULLTCP_SCRIPT_LEXER_H */
