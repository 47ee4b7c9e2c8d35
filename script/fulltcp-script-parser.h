/*
 * Script: FullTcpScriptParse() and FullTcpScriptParseFile() entry points
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_PARSER_H
#define FULLTCP_SCRIPT_PARSER_H

#include "fulltcp-script-lexer.h"
#include "fulltcp-script.h"

#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Parse a packetdrill-syntax script (the subset doc/scripts.rst lists).
 * \param text the script
 * \param name its file name, for messages
 * \param defines packetdrill's `-D NAME=VALUE` symbols (FullTcpScriptTokenize())
 * \return the events
 * \throw FullTcpScriptSyntaxError with the line and what is wrong
 */
FullTcpScript FullTcpScriptParse(const std::string& text,
                                 const std::string& name,
                                 const FullTcpScriptDefines& defines = {});

/**
 * \ingroup fulltcp
 * \brief Read and parse a script file.
 * \param path the file
 * \param defines packetdrill's `-D NAME=VALUE` symbols
 * \return the events
 * \throw FullTcpScriptSyntaxError (line 0 when the file cannot be read)
 */
FullTcpScript FullTcpScriptParseFile(const std::string& path,
                                     const FullTcpScriptDefines& defines = {});

} // namespace ns3

#endif /* FULLTCP_SCRIPT_PARSER_H */
