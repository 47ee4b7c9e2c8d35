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
        {"O_RDONLY", 0},
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
        {"MSG_MORE", 0x8000},
        {"IP_PMTUDISC_DONT", 0}, // include/uapi/linux/in.h
        {"IP_PMTUDISC_WANT", 1},
        {"IP_PMTUDISC_DO", 2},
        {"IP_PMTUDISC_PROBE", 3},
        {"MSG_DONTWAIT", 0x40},
        {"MSG_NOSIGNAL", 0x4000},
        {"MSG_FASTOPEN", 0x20000000},
        {"TCP_FASTOPEN_CONNECT", 30},
        {"AF_UNSPEC", 0},
        // The error queue (MSG_ZEROCOPY, SO_TIMESTAMPING), TCP_INQ and epoll
        {"SO_ZEROCOPY", 60},
        {"SO_MARK", 36},
        {"MSG_ZEROCOPY", 0x4000000},
        {"MSG_ERRQUEUE", 0x2000},
        {"MSG_TRUNC", 0x20},
        {"SOL_IP", 0},
        {"IP_RECVERR", 11},
        {"SO_EE_ORIGIN_TIMESTAMPING", 4},
        {"SO_EE_ORIGIN_ZEROCOPY", 5},
        {"SO_EE_CODE_ZEROCOPY_COPIED", 1},
        {"ENOMSG", 42},
        {"TCP_INQ", 36},
        {"TCP_CM_INQ", 36},
        {"SO_TIMESTAMPING", 37},
        {"SCM_TIMESTAMPING", 37},
        {"SOF_TIMESTAMPING_TX_HARDWARE", 1 << 0},
        {"SOF_TIMESTAMPING_TX_SOFTWARE", 1 << 1},
        {"SOF_TIMESTAMPING_RX_HARDWARE", 1 << 2},
        {"SOF_TIMESTAMPING_RX_SOFTWARE", 1 << 3},
        {"SOF_TIMESTAMPING_SOFTWARE", 1 << 4},
        {"SOF_TIMESTAMPING_OPT_ID", 1 << 7},
        {"SOF_TIMESTAMPING_TX_SCHED", 1 << 8},
        {"SOF_TIMESTAMPING_TX_ACK", 1 << 9},
        {"SOF_TIMESTAMPING_OPT_TSONLY", 1 << 11},
        {"SCM_TSTAMP_SND", 0},
        {"SCM_TSTAMP_SCHED", 1},
        {"SCM_TSTAMP_ACK", 2},
        {"EPOLLIN", 0x1},
        {"EPOLLPRI", 0x2},
        {"EPOLLOUT", 0x4},
        {"EPOLLERR", 0x8},
        {"EPOLLHUP", 0x10},
        {"EPOLLRDNORM", 0x40},
        {"EPOLLRDBAND", 0x80},
        {"EPOLLWRNORM", 0x100},
        {"EPOLLWRBAND", 0x200},
        {"EPOLLRDHUP", 0x2000},
        {"EPOLLEXCLUSIVE", 1 << 28},
        {"EPOLLONESHOT", 1 << 30},
        {"EPOLLET", 1U << 31},
        {"EPOLL_CTL_ADD", 1},
        {"EPOLL_CTL_DEL", 2},
        {"EPOLL_CTL_MOD", 3},
        {"EEXIST", 17},
        {"ENOENT", 2},
        {"ENOTSOCK", 88},
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
