/*
 * Script: the values of the Linux constants scripts name (socket options, flags, errno)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-script-syscalls.h"

#include <map>
#include <string>

namespace ns3
{

namespace
{

/// Linux's values of the constants scripts name (x86-64 uapi headers).
const std::map<std::string, int64_t>&
Constants()
{
    static const std::map<std::string, int64_t> table = {
        {"AF_INET", 2},
        {"SOCK_STREAM", 1},
        {"IPPROTO_TCP", 6},
        {"SOL_SOCKET", 1},
        {"SOL_TCP", 6},
        {"SO_REUSEADDR", 2},
        {"SO_ERROR", 4},
        {"SO_SNDBUF", 7},
        {"SO_RCVBUF", 8},
        {"SO_KEEPALIVE", 9},
        {"SO_LINGER", 13},
        {"TCP_NODELAY", 1},
        {"TCP_MAXSEG", 2},
        {"TCP_KEEPIDLE", 4},
        {"TCP_KEEPINTVL", 5},
        {"TCP_KEEPCNT", 6},
        {"TCP_SYNCNT", 7},
        {"TCP_LINGER2", 8},
        {"TCP_INFO", 11},
        {"TCP_USER_TIMEOUT", 18},
        {"F_GETFL", 3},
        {"F_SETFL", 4},
        {"O_RDONLY", 0},
        {"O_WRONLY", 1},
        {"O_RDWR", 2},
        {"O_NONBLOCK", 04000},
        {"SHUT_RD", 0},
        {"SHUT_WR", 1},
        {"SHUT_RDWR", 2},
        {"EPERM", 1},
        {"EBADF", 9},
        {"EAGAIN", 11},
        {"EINVAL", 22},
        {"EPIPE", 32},
        {"EADDRINUSE", 98},
        {"EADDRNOTAVAIL", 99},
        {"ENETUNREACH", 101},
        {"ECONNRESET", 104},
        {"EISCONN", 106},
        {"ENOTCONN", 107},
        {"ETIMEDOUT", 110},
        {"ECONNREFUSED", 111},
        {"EHOSTUNREACH", 113},
        {"EALREADY", 114},
        {"EINPROGRESS", 115},
        {"EOPNOTSUPP", 95},
        {"EMSGSIZE", 90},
        {"ENODEV", 19},
        {"EAFNOSUPPORT", 97},
        {"TCP_CLOSE", 7},
        {"TCP_ESTABLISHED", 1},
        {"TCP_SYN_SENT", 2},
        {"TCP_SYN_RECV", 3},
        {"TCP_FIN_WAIT1", 4},
        {"TCP_FIN_WAIT2", 5},
        {"TCP_TIME_WAIT", 6},
        {"TCP_CLOSE_WAIT", 8},
        {"TCP_LAST_ACK", 9},
        {"TCP_LISTEN", 10},
        {"TCP_CLOSING", 11},
        {"SIOCINQ", 0x541B},
        {"MSG_OOB", 1},
        {"MSG_EOR", 0x80},
        {"MSG_DONTWAIT", 0x40},
        {"MSG_NOSIGNAL", 0x4000},
        {"MSG_FASTOPEN", 0x20000000},
        {"TCP_FASTOPEN_CONNECT", 30},
        {"AF_UNSPEC", 0},
        // poll() events (uapi asm-generic/poll.h), fulltcp-script-poll.cc
        {"POLLIN", 0x1},
        {"POLLPRI", 0x2},
        {"POLLOUT", 0x4},
        {"POLLERR", 0x8},
        {"POLLHUP", 0x10},
        {"POLLNVAL", 0x20},
        {"POLLRDNORM", 0x40},
        {"POLLRDBAND", 0x80},
        {"POLLWRNORM", 0x100},
        {"POLLWRBAND", 0x200},
        {"POLLRDHUP", 0x2000},
    };
    return table;
}

} // namespace

int64_t
FullTcpScriptSyscalls::Constant(const std::string& name)
{
    const auto it = Constants().find(name);
    return it == Constants().end() ? -1 : it->second;
}

} // namespace ns3
