/*
 * Script: sendto/sendmsg/recvmsg (iovecs, msghdr) and Fast Open's MSG_FASTOPEN sends
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpScriptSyscalls: the calls that carry flags and addresses (man 2 send, man 2 recv)
 * and the client side of TCP Fast Open as a program sees it (RFC 7413 §4.2, Linux
 * tcp_sendmsg_fastopen(), tcp_fastopen_defer_connect(), __inet_stream_connect()).
 */
#include "fulltcp-script-syscalls.h"

#include "ns3/inet-socket-address.h"

#include <set>

namespace ns3
{

namespace
{

/// Linux's MSG_* flags that a send may carry here (include/linux/socket.h).
constexpr int64_t MSG_DONTWAIT = 0x40;
constexpr int64_t MSG_NOSIGNAL = 0x4000; // no SIGPIPE: the script sees EPIPE either way
constexpr int64_t MSG_FASTOPEN = 0x20000000;

/// \param x a msghdr `{msg_name(...)=..., msg_iov(N)=[{..., len}, ...], msg_flags=F}`
/// \param field a field name \return its value, or null when absent
const FullTcpScriptExpr*
Field(const FullTcpScriptExpr& x, const std::string& field)
{
    for (size_t i = 0; i < x.fields.size() && i < x.items.size(); ++i)
    {
        if (x.fields[i] == field)
        {
            return &x.items[i];
        }
    }
    return nullptr;
}

/**
 * \param msg the msghdr argument \param bytes out: the sum of its iovec lengths
 * \param why out: what is wrong with it
 * \return whether it is a msghdr whose iovecs are `{..., N}` and which has no control data
 */
bool
IovecBytes(const FullTcpScriptExpr& msg, int64_t& bytes, std::string& why)
{
    const FullTcpScriptExpr* iov =
        msg.kind == FullTcpScriptExpr::STRUCT ? Field(msg, "msg_iov") : nullptr;
    if (iov == nullptr || iov->kind != FullTcpScriptExpr::LIST)
    {
        why = "a msghdr with msg_iov(N)=[{..., LEN}, ...] is expected";
        return false;
    }
    const FullTcpScriptExpr* control = Field(msg, "msg_control");
    if (control != nullptr && !(control->kind == FullTcpScriptExpr::LIST && control->items.empty()))
    {
        why = "control messages (msg_control) are not supported";
        return false;
    }
    bytes = 0;
    for (const FullTcpScriptExpr& v : iov->items)
    {
        int64_t len = 0;
        // The parser keeps `{..., LEN}` as the one item LEN (a `...` field is skipped).
        if (v.kind != FullTcpScriptExpr::STRUCT || v.items.empty()
            || !FullTcpScriptSyscalls::Evaluate(v.items.back(), len) || len < 0)
        {
            why = "each iovec must be {..., LEN}";
            return false;
        }
        bytes += len;
    }
    if (bytes > INT32_MAX)
    {
        why = "more than 2^31 bytes";
        return false;
    }
    return true;
}

} // namespace

bool
FullTcpScriptSyscalls::BadBuffer(const FullTcpScriptCall& c, Outcome& o)
{
    // A NULL buffer of a non-zero length: the copy from or to user space fails, EFAULT
    // (Linux tcp_sendmsg_locked(), tcp_recvmsg(); nothing is sent or consumed).
    static const std::set<std::string> calls = {
        "write", "send", "sendto", "read", "recv", "recvfrom"};
    int64_t bytes = 0;
    if (calls.count(c.name) == 0 || c.args.size() < 3 || c.args[1].kind != FullTcpScriptExpr::SYMBOL
        || c.args[1].text != "NULL" || !Evaluate(c.args[2], bytes) || bytes <= 0)
    {
        return false;
    }
    o.ret = -1;
    o.errnoName = "EFAULT";
    return true;
}

bool
FullTcpScriptSyscalls::MsgCall(const FullTcpScriptCall& c,
                               int64_t fd,
                               std::function<bool(Outcome&)>& attempt,
                               Outcome& o)
{
    const std::string& n = c.name;
    int64_t bytes = 0;
    int64_t flags = 0;
    std::string why;
    if (n == "sendto")
    {
        // sendto(fd, buf, len, flags, dest_addr, addrlen)
        if (c.args.size() != 6 || !IntArg(c, 2, bytes, o) || !IntArg(c, 3, flags, o))
        {
            o.failure = o.failure.empty() ? "sendto: expected 6 arguments" : o.failure;
            return false;
        }
        if (bytes < 0 || bytes > INT32_MAX)
        {
            o.failure = "sendto: negative sizes are not supported";
            return false;
        }
        // Linux tcp_sendmsg_fastopen(): a Fast Open to an AF_UNSPEC address is EOPNOTSUPP
        // (sendto()'s address is otherwise that of the script's peer).
        const FullTcpScriptExpr& to = c.args[4];
        if ((flags & MSG_FASTOPEN) != 0 && to.kind == FullTcpScriptExpr::SYMBOL
            && to.text == "AF_UNSPEC")
        {
            attempt = [](Outcome& out)
            {
                out.ret = -1;
                out.errnoName = "EOPNOTSUPP";
                return true;
            };
            return true;
        }
    }
    else if (n == "recvfrom")
    {
        // recvfrom(fd, buf, len, flags, src_addr, addrlen): a read (the peer is known)
        if (c.args.size() != 6 || !IntArg(c, 2, bytes, o) || !IntArg(c, 3, flags, o) || flags != 0
            || bytes < 0 || bytes > INT32_MAX)
        {
            o.failure =
                o.failure.empty() ? "recvfrom: only recvfrom(fd, ..., N, 0, ..., ...)" : o.failure;
            return false;
        }
        attempt = [this, fd, bytes](Outcome& out)
        {
            return Read(fd, static_cast<uint32_t>(bytes), false, out);
        };
        return true;
    }
    else if (n == "sendmsg" || n == "recvmsg")
    {
        // sendmsg(fd, msghdr, flags), recvmsg(fd, msghdr, flags)
        if (c.args.size() != 3 || !IntArg(c, 2, flags, o))
        {
            o.failure = o.failure.empty() ? n + ": expected 3 arguments" : o.failure;
            return false;
        }
        if (!IovecBytes(c.args[1], bytes, why))
        {
            o.failure = n + ": " + why;
            return false;
        }
    }
    if (n == "recvmsg")
    {
        // The received msg_flags must be 0: FullTcp never truncates a stream read.
        const FullTcpScriptExpr* got = Field(c.args[1], "msg_flags");
        int64_t msgFlags = 0;
        if (flags != 0
            || (got != nullptr && got->kind != FullTcpScriptExpr::ELLIPSIS
                && (!Evaluate(*got, msgFlags) || msgFlags != 0)))
        {
            o.failure = "recvmsg: only flags 0 and msg_flags=0 are supported (no MSG_ERRQUEUE)";
            return false;
        }
        attempt = [this, fd, bytes](Outcome& out)
        {
            return Read(fd, static_cast<uint32_t>(bytes), false, out);
        };
        return true;
    }
    const int64_t known =
        MSG_DONTWAIT | MSG_NOSIGNAL | MSG_FASTOPEN | Constant("MSG_EOR") | Constant("MSG_MORE");
    if ((flags & ~known) != 0)
    {
        o.failure = n
                  + ": only the flags MSG_FASTOPEN, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_EOR and "
                    "MSG_MORE are supported";
        return false;
    }
    attempt = SendAttempt(fd, static_cast<uint32_t>(bytes), flags);
    return true;
}

std::function<bool(FullTcpScriptSyscalls::Outcome&)>
FullTcpScriptSyscalls::SendAttempt(int64_t fd, uint32_t bytes, int64_t flags)
{
    auto written = std::make_shared<uint32_t>(0);
    auto first = std::make_shared<bool>(true);
    const bool fastOpen = (flags & MSG_FASTOPEN) != 0;
    const bool dontWait = (flags & MSG_DONTWAIT) != 0;
    // MSG_EOR and MSG_MORE go to FullTcpSocket::Send() (tcp_sendmsg_locked(), tcp_push()).
    const uint32_t sendFlags = ((flags & Constant("MSG_EOR")) != 0 ? FullTcpSocket::MSG_EOR : 0)
                             | ((flags & Constant("MSG_MORE")) != 0 ? FullTcpSocket::MSG_MORE : 0);
    return [this, fd, bytes, written, first, fastOpen, dontWait, sendFlags](Outcome& out)
    {
        File* f = Lookup(fd);
        if (f != nullptr && *first)
        {
            *first = false;
            // RFC 7413 §4.2: the data rides on the SYN. Linux sends it on a socket not yet
            // connecting (MSG_FASTOPEN), or on one whose connect() TCP_FASTOPEN_CONNECT
            // deferred (any send); MSG_FASTOPEN on an open connection is a plain send.
            const bool deferred = f->socket->IsFastOpenDeferred();
            if (deferred || (fastOpen && !f->connected && !f->listening))
            {
                if (f->connecting && !deferred)
                {
                    out.ret = -1;
                    out.errnoName = "EALREADY"; // tcp_sendmsg_fastopen(): one at a time
                    return true;
                }
                const int r = f->socket->SendTo(Create<Packet>(bytes),
                                                FullTcpSocket::MSG_FASTOPEN,
                                                InetSocketAddress(m_remote, m_remotePort));
                if (r < 0)
                {
                    out.ret = -1;
                    out.errnoName = ErrnoName(f->socket->GetErrno());
                    return true;
                }
                *written = static_cast<uint32_t>(r);
                f->connecting = true;
                if (f->nonBlocking || dontWait)
                {
                    // __inet_stream_connect(): EINPROGRESS unless the SYN took some bytes,
                    // which the call then returns (tcp_sendmsg_locked()).
                    out.ret = r > 0 ? r : -1;
                    out.errnoName = r > 0 ? "" : "EINPROGRESS";
                    return true;
                }
            }
        }
        if (f != nullptr && f->connecting)
        {
            // Linux sk_stream_wait_connect(): a send waits for the handshake (EAGAIN when it
            // may not wait); the bytes the SYN took are counted when it returns.
            if (f->nonBlocking || dontWait)
            {
                out.ret = -1;
                out.errnoName = "EAGAIN";
                return true;
            }
            return false;
        }
        return Write(fd, bytes, *written, out, sendFlags);
    };
}

} // namespace ns3
