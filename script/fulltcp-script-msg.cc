/*
 * Script: sendto/sendmsg/recvmsg (msghdr, error queue, TCP_INQ) and Fast Open's MSG_FASTOPEN sends
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpScriptSyscalls: the calls that carry flags and addresses (man 2 send, man 2 recv)
 * and the client side of TCP Fast Open as a program sees it (RFC 7413 §4.2, Linux
 * tcp_sendmsg_fastopen(), tcp_fastopen_defer_connect(), __inet_stream_connect()).
 */
#include "fulltcp-script-syscalls.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"

#include <algorithm>
#include <set>
#include <vector>

namespace ns3
{

namespace
{

/// Linux's MSG_* flags that a send may carry here (include/linux/socket.h).
constexpr int64_t MSG_DONTWAIT = 0x40;
constexpr int64_t MSG_NOSIGNAL = 0x4000; // no SIGPIPE: the script sees EPIPE either way
constexpr int64_t MSG_FASTOPEN = 0x20000000;
constexpr int64_t MSG_ZEROCOPY = 0x4000000;
constexpr int64_t MSG_ERRQUEUE = 0x2000;
constexpr int64_t MSG_TRUNC = 0x20;

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
 * \param withControl whether it may have control messages (recvmsg's expected ones)
 * \return whether it is a msghdr whose iovecs are `{..., N}` (and no control data unless
 * withControl)
 */
bool
IovecBytes(const FullTcpScriptExpr& msg, int64_t& bytes, std::string& why, bool withControl = false)
{
    const FullTcpScriptExpr* iov =
        msg.kind == FullTcpScriptExpr::STRUCT ? Field(msg, "msg_iov") : nullptr;
    if (iov == nullptr || iov->kind != FullTcpScriptExpr::LIST)
    {
        why = "a msghdr with msg_iov(N)=[{..., LEN}, ...] is expected";
        return false;
    }
    const FullTcpScriptExpr* cmsgs = Field(msg, "msg_control");
    if (!withControl && cmsgs != nullptr
        && !(cmsgs->kind == FullTcpScriptExpr::LIST && cmsgs->items.empty()))
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

/// A control message recvmsg() returned: level, type and its data's fields (one field named
/// "" for an integer such as TCP_CM_INQ's).
struct Cmsg
{
    int64_t level;                                     //!< cmsg_level
    int64_t type;                                      //!< cmsg_type
    std::vector<std::pair<std::string, int64_t>> data; //!< cmsg_data
};

/// \param want an expected value \param got the actual one \return whether they agree
bool
Agrees(const FullTcpScriptExpr& want, int64_t got)
{
    int64_t v = 0;
    return want.kind == FullTcpScriptExpr::ELLIPSIS
        || (FullTcpScriptSyscalls::Evaluate(want, v) && v == got);
}

/**
 * \param want the expected msg_control (null or `...`: not checked)
 * \param got what the call returned \param why out: the first difference
 * \return whether they agree: the same messages in order, each field the script names equal
 */
bool
SameControl(const FullTcpScriptExpr* want, const std::vector<Cmsg>& got, std::string& why)
{
    if (want == nullptr || want->kind == FullTcpScriptExpr::ELLIPSIS)
    {
        return true;
    }
    if (want->kind != FullTcpScriptExpr::LIST || want->items.size() != got.size())
    {
        why = "expected " + std::to_string(want->items.size()) + " control messages but got "
            + std::to_string(got.size());
        return false;
    }
    for (size_t i = 0; i < got.size(); ++i)
    {
        const FullTcpScriptExpr& w = want->items[i];
        const FullTcpScriptExpr* level = Field(w, "cmsg_level");
        const FullTcpScriptExpr* type = Field(w, "cmsg_type");
        const FullTcpScriptExpr* data = Field(w, "cmsg_data");
        if (level == nullptr || type == nullptr || !Agrees(*level, got[i].level)
            || !Agrees(*type, got[i].type))
        {
            why = "control message " + std::to_string(i + 1) + " has level "
                + std::to_string(got[i].level) + " and type " + std::to_string(got[i].type);
            return false;
        }
        for (const auto& [name, value] : got[i].data)
        {
            const FullTcpScriptExpr* field = name.empty() ? data : Field(*data, name);
            if (data == nullptr || (field != nullptr && !Agrees(*field, value)))
            {
                why = "control message " + std::to_string(i + 1) + ": "
                    + (name.empty() ? "cmsg_data" : name) + " is " + std::to_string(value);
                return false;
            }
        }
    }
    return true;
}

/// packetdrill's default --tolerance_usecs: how far a reported timestamp may be from the
/// script's (the simulator's clock has no jitter, the kernel's does).
const Time STAMP_TOLERANCE = MicroSeconds(4000);

} // namespace

bool
FullTcpScriptSyscalls::ErrorQueueOption(File& f, const std::string& name, int64_t v, Outcome& o)
{
    if (name == "SO_ZEROCOPY")
    {
        // sk_setsockopt(): 0 or 1 (EINVAL otherwise), FullTcpSocket's ZeroCopy.
        if (v < 0 || v > 1)
        {
            o.ret = -1;
            o.errnoName = "EINVAL";
            return true;
        }
        f.socket->SetAttribute("ZeroCopy", BooleanValue(v != 0));
        return true;
    }
    if (name == "TCP_INQ")
    {
        // do_tcp_setsockopt(): 0 or 1 (EINVAL otherwise); recvmsg() then reports TCP_CM_INQ.
        if (v < 0 || v > 1)
        {
            o.ret = -1;
            o.errnoName = "EINVAL";
            return true;
        }
        f.inq = v != 0;
        return true;
    }
    if (name == "SO_TIMESTAMPING")
    {
        // sock_set_timestamping(): EINVAL for unknown flags (SOF_TIMESTAMPING_MASK) or OPT_ID
        // on a socket that is not connected (FullTcpSocket::SetTimestamping()).
        if (v < 0 || v >= (1 << 19) || f.socket->SetTimestamping(static_cast<uint32_t>(v)) != 0)
        {
            o.ret = -1;
            o.errnoName = "EINVAL";
        }
        return true;
    }
    return false;
}

bool
FullTcpScriptSyscalls::RecvErrorQueue(int64_t fd,
                                      uint32_t bytes,
                                      const FullTcpScriptExpr& msg,
                                      Outcome& o)
{
    // sock_recv_errqueue() (ip_recv_error()): never blocks; EAGAIN when the queue is empty.
    File* f = Lookup(fd);
    FullTcpSockError e;
    if (f == nullptr || !f->socket->RecvError(e))
    {
        o.ret = -1;
        o.errnoName = f == nullptr ? "EBADF" : "EAGAIN";
        return true;
    }
    // The segment that rides with a timestamp is copied up to the iovecs' room (MSG_TRUNC
    // when it did not fit); a zerocopy notification carries no bytes.
    o.ret = std::min(bytes, e.length);
    const int64_t msgFlags = MSG_ERRQUEUE | (e.length > bytes ? MSG_TRUNC : 0);
    const FullTcpScriptExpr* wantFlags = Field(msg, "msg_flags");
    if (wantFlags != nullptr && !Agrees(*wantFlags, msgFlags))
    {
        o.failure = "recvmsg: msg_flags is " + std::to_string(msgFlags);
        return true;
    }
    std::vector<Cmsg> got;
    const FullTcpScriptExpr* want = Field(msg, "msg_control");
    if (e.origin == FullTcpSockError::ORIGIN_TIMESTAMPING)
    {
        // SCM_TIMESTAMPING first (sock_recv_timestamp()): ts[0], the software time, checked
        // within the tolerance, so it is compared here, not as a field.
        const int64_t ns = e.stamp.GetNanoSeconds();
        got.push_back({Constant("SOL_SOCKET"), Constant("SCM_TIMESTAMPING"), {}});
        const FullTcpScriptExpr* data =
            want != nullptr && want->kind == FullTcpScriptExpr::LIST && !want->items.empty()
                ? Field(want->items[0], "cmsg_data")
                : nullptr;
        int64_t sec = 0;
        int64_t nsec = 0;
        const FullTcpScriptExpr* wantSec = data ? Field(*data, "scm_sec") : nullptr;
        const FullTcpScriptExpr* wantNsec = data ? Field(*data, "scm_nsec") : nullptr;
        if (wantSec != nullptr && wantNsec != nullptr && Evaluate(*wantSec, sec)
            && Evaluate(*wantNsec, nsec)
            && Abs(NanoSeconds(sec * 1000000000 + nsec) - e.stamp) > STAMP_TOLERANCE)
        {
            o.failure = "recvmsg: the timestamp is " + std::to_string(ns) + " ns, expected "
                      + std::to_string(sec * 1000000000 + nsec);
            return true;
        }
    }
    got.push_back({Constant("SOL_IP"),
                   Constant("IP_RECVERR"),
                   {{"ee_errno", e.errnum},
                    {"ee_origin", e.origin},
                    {"ee_type", e.type},
                    {"ee_code", e.code},
                    {"ee_info", e.info},
                    {"ee_data", e.data}}});
    std::string why;
    if (!SameControl(want, got, why))
    {
        o.failure = "recvmsg(MSG_ERRQUEUE): " + why;
    }
    return true;
}

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
        if (!IovecBytes(c.args[1], bytes, why, n == "recvmsg"))
        {
            o.failure = n + ": " + why;
            return false;
        }
    }
    if (n == "recvmsg")
    {
        const FullTcpScriptExpr msg = c.args[1];
        if (flags == MSG_ERRQUEUE)
        {
            attempt = [this, fd, bytes, msg](Outcome& out)
            {
                return RecvErrorQueue(fd, static_cast<uint32_t>(bytes), msg, out);
            };
            return true;
        }
        // The received msg_flags must be 0: FullTcp never truncates a stream read.
        const FullTcpScriptExpr* got = Field(msg, "msg_flags");
        int64_t msgFlags = 0;
        if (flags != 0
            || (got != nullptr && got->kind != FullTcpScriptExpr::ELLIPSIS
                && (!Evaluate(*got, msgFlags) || msgFlags != 0)))
        {
            o.failure = "recvmsg: only flags 0 or MSG_ERRQUEUE and msg_flags=0 are supported";
            return false;
        }
        attempt = [this, fd, bytes, msg](Outcome& out)
        {
            if (!Read(fd, static_cast<uint32_t>(bytes), false, out))
            {
                return false;
            }
            // tcp_recvmsg(): with TCP_INQ, a read that did not fail carries TCP_CM_INQ, the
            // bytes still to read (tcp_inq_hint()).
            const File* f = Lookup(fd);
            std::vector<Cmsg> got;
            if (f != nullptr && f->inq && out.ret >= 0)
            {
                got.push_back(
                    {Constant("SOL_TCP"), Constant("TCP_CM_INQ"), {{"", f->socket->GetInqHint()}}});
            }
            std::string why;
            if (!SameControl(Field(msg, "msg_control"), got, why))
            {
                out.failure = "recvmsg: " + why;
            }
            return true;
        };
        return true;
    }
    const int64_t known = MSG_DONTWAIT | MSG_NOSIGNAL | MSG_FASTOPEN | MSG_ZEROCOPY
                        | Constant("MSG_EOR") | Constant("MSG_MORE");
    if ((flags & ~known) != 0)
    {
        o.failure = n
                  + ": only the flags MSG_FASTOPEN, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_ZEROCOPY, "
                    "MSG_EOR and MSG_MORE are supported";
        return false;
    }
    attempt = SendAttempt(fd, static_cast<uint32_t>(bytes), flags);
    if (n == "sendmsg" && (flags & MSG_ZEROCOPY) != 0 && bytes > 0)
    {
        // Zerocopy iovecs are page fragments (FullTcpSocket::SendMsg()): on a connection
        // with room for all of them they go as such; otherwise as any send.
        std::vector<uint32_t> sizes;
        for (const FullTcpScriptExpr& v : Field(c.args[1], "msg_iov")->items)
        {
            int64_t len = 0;
            Evaluate(v.items.back(), len);
            sizes.push_back(static_cast<uint32_t>(len));
        }
        const uint32_t eor = (flags & Constant("MSG_EOR")) != 0 ? FullTcpSocket::MSG_EOR : 0;
        attempt = [this, fd, bytes, sizes, eor, send = attempt](Outcome& out)
        {
            File* f = Lookup(fd);
            const FullTcpState st = f ? f->socket->GetState() : FullTcpState::CLOSED;
            if (f == nullptr || !f->error.empty() || f->connecting
                || (st != FullTcpState::ESTABLISHED && st != FullTcpState::CLOSE_WAIT)
                || f->socket->GetTxAvailable() < bytes)
            {
                return send(out);
            }
            std::vector<Ptr<Packet>> iov;
            for (uint32_t size : sizes)
            {
                iov.push_back(Create<Packet>(size));
            }
            const int r = f->socket->SendMsg(iov, FullTcpSocket::MSG_ZEROCOPY | eor);
            out.ret = r < 0 ? -1 : r;
            out.errnoName = r < 0 ? ErrnoName(f->socket->GetErrno()) : "";
            return true;
        };
    }
    return true;
}

std::function<bool(FullTcpScriptSyscalls::Outcome&)>
FullTcpScriptSyscalls::SendAttempt(int64_t fd, uint32_t bytes, int64_t flags)
{
    auto written = std::make_shared<uint32_t>(0);
    auto first = std::make_shared<bool>(true);
    const bool fastOpen = (flags & MSG_FASTOPEN) != 0;
    const bool dontWait = (flags & MSG_DONTWAIT) != 0;
    // MSG_EOR, MSG_MORE and MSG_ZEROCOPY go to FullTcpSocket::Send() (tcp_sendmsg_locked(),
    // tcp_push(), msg_zerocopy_realloc()).
    const uint32_t sendFlags = ((flags & Constant("MSG_EOR")) != 0 ? FullTcpSocket::MSG_EOR : 0)
                             | ((flags & Constant("MSG_MORE")) != 0 ? FullTcpSocket::MSG_MORE : 0)
                             | ((flags & MSG_ZEROCOPY) != 0 ? FullTcpSocket::MSG_ZEROCOPY : 0);
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
                                                FullTcpSocket::MSG_FASTOPEN
                                                    | (sendFlags & FullTcpSocket::MSG_ZEROCOPY),
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
