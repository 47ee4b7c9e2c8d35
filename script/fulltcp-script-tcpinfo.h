/*
 * Script: inline `%{ assert tcpi_... }%` blocks read as TCP_INFO checks, and their conditions
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_TCPINFO_H
#define FULLTCP_SCRIPT_TCPINFO_H

#include "fulltcp-script.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Read an inline `%{ ... }%` block made only of TCP_INFO asserts as a
 * getsockopt(TCP_INFO, {fields}) of packetdrill's socket under test (packetdrill's code.c
 * exports the socket's tcp_info fields to Python).
 *
 * Each line is `assert tcpi_NAME == N[, message]`, `assert tcpi_NAME != N` or
 * `assert (tcpi_NAME & MASK) == N` / `!= N`, where N and MASK are numbers or TCPI_OPT_* names
 * (include/uapi/linux/tcp.h). A plain `==` becomes an INTEGER item; the other forms a STRUCT
 * {mask, op, value} that FullTcpScriptTcpInfoHolds() evaluates.
 * \param code the block's text \param call out: the call
 * \return false when the block holds anything else (it is then skipped, not evaluated)
 */
bool FullTcpScriptTcpInfoAsserts(const std::string& code, FullTcpScriptCall& call);

/**
 * \ingroup fulltcp
 * \param want a condition made by FullTcpScriptTcpInfoAsserts() (a STRUCT {mask, op, value})
 * \param actual the field's value
 * \return whether it holds; nothing when want is not such a condition
 */
std::optional<bool> FullTcpScriptTcpInfoHolds(const FullTcpScriptExpr& want, int64_t actual);

} // namespace ns3

#endif /* FULLTCP_SCRIPT_TCPINFO_H */
