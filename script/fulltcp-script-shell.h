/*
 * Script: the sysctl commands that a backtick shell command runs (defaults.sh files)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SCRIPT_SHELL_H
#define FULLTCP_SCRIPT_SHELL_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The commands a backtick command runs, one per line, for
 * FullTcpScriptSyscalls::Command().
 *
 * packetdrill hands a backtick command to /bin/sh, from the folder it runs in (run.c,
 * run_command()); FullTcp runs no shell, so it takes what changes TCP: each line of the command
 * (a command may span lines) is returned as it is, except
 *  - a line whose first word names a readable file (the public suite's `../common/defaults.sh`,
 *    a shell script of sysctl commands): that file's `sysctl` lines, in order;
 *  - packetdrill's `set_sysctls.py /proc/sys/net/ipv4/NAME=VALUE ...`
 *    (gtests/net/tcp/common/set_sysctls.py): `sysctl -q net.ipv4.NAME=VALUE ...`.
 * Relative file names are relative to the working directory, as for packetdrill.
 * \param command the text between the backticks (or a file name, as --defaults=FILE gives)
 * \return the commands, in order
 */
std::vector<std::string> FullTcpScriptShellCommands(const std::string& command);

} // namespace ns3

#endif /* FULLTCP_SCRIPT_SHELL_H */
