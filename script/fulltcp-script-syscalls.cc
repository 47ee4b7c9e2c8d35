/*
 * Script: socket/bind/listen/accept/connect/read/write/close with Linux return values
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The system calls of a script on FullTcpSocket. Linux's behaviour is the reference for
 * what a call returns (man 2 connect/accept/read/write, man 7 tcp), since the scripts are
 * packetdrill's.
 */
#include "fulltcp-script-syscalls.h"

#include "ns3/boolean.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpScriptSyscalls");

bool
FullTcpScriptSyscalls::Evaluate(const FullTcpScriptExpr& x, int64_t& out)
{
    switch (x.kind)
    {
    case FullTcpScriptExpr::INTEGER:
        out = x.number;
        return true;
    case FullTcpScriptExpr::SYMBOL:
        out = FullTcpScriptSyscalls::Constant(x.text);
        return out >= 0;
    case FullTcpScriptExpr::BITS:
        out = 0;
        for (const FullTcpScriptExpr& item : x.items)
        {
            int64_t v;
            if (!Evaluate(item, v))
            {
                return false;
            }
            out |= v;
        }
        return true;
    case FullTcpScriptExpr::LIST:
        return x.items.size() == 1 && Evaluate(x.items[0], out);
    default:
        return false;
    }
}

namespace
{

/// Linux tcp_recvmsg() checks SOCK_DONE (the peer's FIN came) before sk_err: after a RST
/// that followed the FIN, read() returns 0 and the error waits for write() or SO_ERROR. Only
/// sockets with ResetAfterFinIsEndOfStream (the Linux profile) read it so.
/// \param s a socket \return whether its stream ended before its pending error
bool
EndOfStreamBeforeError(Ptr<FullTcpSocket> s)
{
    BooleanValue endOfStream;
    s->GetAttribute("ResetAfterFinIsEndOfStream", endOfStream);
    const FullTcpConnection* conn = s->GetConnection();
    return endOfStream.Get() && conn && conn->IsPeerClosed();
}

} // namespace

bool
FullTcpScriptSyscalls::IntArg(const FullTcpScriptCall& c, size_t i, int64_t& out, Outcome& o)
{
    if (i < c.args.size() && FullTcpScriptSyscalls::Evaluate(c.args[i], out))
    {
        return true;
    }
    o.failure = c.name + ": argument " + std::to_string(i + 1) + " must be a known constant";
    return false;
}

FullTcpScriptSyscalls::FullTcpScriptSyscalls(Ptr<FullTcpL4Protocol> tcp,
                                             Ipv4Address local,
                                             Ipv4Address remote,
                                             uint16_t localPort,
                                             uint16_t remotePort) :
    m_tcp(tcp),
    m_local(local), m_remote(remote), m_localPort(localPort), m_remotePort(remotePort)
{
}

std::string
FullTcpScriptSyscalls::ErrnoName(Socket::SocketErrno e)
{
    switch (e)
    {
    case Socket::ERROR_NOTERROR:
        return "";
    case Socket::ERROR_ISCONN:
        return "EISCONN";
    case Socket::ERROR_NOTCONN:
        return "ENOTCONN";
    case Socket::ERROR_MSGSIZE:
        return "EMSGSIZE";
    case Socket::ERROR_AGAIN:
        return "EAGAIN";
    case Socket::ERROR_SHUTDOWN:
        return "EPIPE";
    case Socket::ERROR_OPNOTSUPP:
        return "EOPNOTSUPP";
    case Socket::ERROR_AFNOSUPPORT:
        return "EAFNOSUPPORT";
    case Socket::ERROR_INVAL:
        return "EINVAL";
    case Socket::ERROR_BADF:
        return "EBADF";
    case Socket::ERROR_NOROUTETOHOST:
        return "EHOSTUNREACH";
    case Socket::ERROR_NODEV:
        return "ENODEV";
    case Socket::ERROR_ADDRNOTAVAIL:
        return "EADDRNOTAVAIL";
    case Socket::ERROR_ADDRINUSE:
        return "EADDRINUSE";
    default:
        return "EIO";
    }
}

int
FullTcpScriptSyscalls::NewFd(const FullTcpScriptCall& c) const
{
    // packetdrill maps the script's descriptors onto the live ones and checks only that the
    // call returned one (run_system_call.c, syscall_socket(), CHECK_FD): the number the script
    // expects when it is free, else the lowest free one (from 3), as Linux gives.
    int64_t want = -1;
    if (c.result.kind == FullTcpScriptExpr::INTEGER && Evaluate(c.result, want) && want >= 3
        && want <= INT32_MAX && m_files.count(static_cast<int>(want)) == 0
        && m_regular.count(static_cast<int>(want)) == 0)
    {
        return static_cast<int>(want);
    }
    int fd = 3;
    while (m_files.count(fd) != 0 || m_regular.count(fd) != 0)
    {
        ++fd;
    }
    return fd;
}

FullTcpScriptSyscalls::File*
FullTcpScriptSyscalls::Lookup(int64_t fd)
{
    const auto it = m_files.find(static_cast<int>(fd));
    return it == m_files.end() ? nullptr : &it->second;
}

FullTcpScriptSyscalls::File*
FullTcpScriptSyscalls::FileOf(Ptr<Socket> s)
{
    for (auto& [fd, f] : m_files)
    {
        if (f.socket == s)
        {
            return &f;
        }
    }
    return nullptr;
}

void
FullTcpScriptSyscalls::Watch(Ptr<FullTcpSocket> s)
{
    s->SetConnectCallback(MakeCallback(&FullTcpScriptSyscalls::Connected, this),
                          MakeCallback(&FullTcpScriptSyscalls::ConnectFailed, this));
    s->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                         MakeCallback(&FullTcpScriptSyscalls::NewConnection, this));
    s->SetCloseCallbacks(MakeCallback(&FullTcpScriptSyscalls::Event, this),
                         MakeCallback(&FullTcpScriptSyscalls::ErrorClose, this));
    s->SetRecvCallback(MakeCallback(&FullTcpScriptSyscalls::Readable, this));
    s->SetSendCallback(MakeCallback(&FullTcpScriptSyscalls::SendSpace, this));
    s->SetErrorQueueCallback(MakeCallback(&FullTcpScriptSyscalls::ErrorReport, this));
}

void
FullTcpScriptSyscalls::Connected(Ptr<Socket> s)
{
    if (File* f = FileOf(s))
    {
        f->connecting = false;
        f->connected = true;
    }
    EpollWakeup(s, 0);
    Wake();
}

void
FullTcpScriptSyscalls::ConnectFailed(Ptr<Socket> s)
{
    if (File* f = FileOf(s))
    {
        f->connecting = false;
        f->refused = true;
        // FullTcpSocket reports a refusal (RST to the SYN) as ERROR_NOTCONN.
        f->error = s->GetErrno() == Socket::ERROR_NOTCONN ? "ECONNREFUSED"
                 : s->GetErrno() == Socket::ERROR_AGAIN   ? "ETIMEDOUT"
                                                          : ErrnoName(s->GetErrno());
    }
    EpollWakeup(s, 0);
    Wake();
}

void
FullTcpScriptSyscalls::ErrorClose(Ptr<Socket> s)
{
    // A reset is ERROR_NOTCONN, a timeout ERROR_AGAIN (or the soft ICMP error).
    const std::string error = s->GetErrno() == Socket::ERROR_NOTCONN ? "ECONNRESET"
                            : s->GetErrno() == Socket::ERROR_AGAIN   ? "ETIMEDOUT"
                                                                     : ErrnoName(s->GetErrno());
    if (File* f = FileOf(s))
    {
        f->error = error;
    }
    else
    {
        m_unacceptedErrors[s] = error;
    }
    EpollWakeup(s, 0);
    Wake();
}

void
FullTcpScriptSyscalls::NewConnection(Ptr<Socket> child, const Address&)
{
    for (auto& [fd, f] : m_files)
    {
        if (f.listening)
        {
            f.accepted.push_back(child);
            EpollWakeup(f.socket, Constant("EPOLLIN")); // the listener's sk_data_ready()
            break;
        }
    }
    Watch(DynamicCast<FullTcpSocket>(child));
    Wake();
}

void
FullTcpScriptSyscalls::Event(Ptr<Socket> s)
{
    EpollWakeup(s, 0); // a state change wakes every waiter (sock_def_wakeup())
    Wake();
}

void
FullTcpScriptSyscalls::SendSpace(Ptr<Socket> s, uint32_t)
{
    EpollWakeup(s, Constant("EPOLLOUT")); // sk_stream_write_space() (fulltcp-script-epoll.cc)
    Wake();
}

void
FullTcpScriptSyscalls::Wake()
{
    // A call that returns may run script events that start more calls: work on a snapshot.
    std::deque<Waiter> waiting;
    waiting.swap(m_waiters);
    while (!waiting.empty())
    {
        Waiter w = std::move(waiting.front());
        waiting.pop_front();
        Outcome o;
        if (w.attempt(o))
        {
            w.done(o);
        }
        else
        {
            m_waiters.push_back(std::move(w));
        }
    }
}

std::string
FullTcpScriptSyscalls::Pending() const
{
    std::string s;
    for (const Waiter& w : m_waiters)
    {
        s += (s.empty() ? "" : ", ") + w.what;
    }
    return s;
}

void
FullTcpScriptSyscalls::Clear()
{
    m_waiters.clear();
    m_epolls.clear();
    m_files.clear();
    m_regular.clear();
    m_underTest = -1;
}

void
FullTcpScriptSyscalls::Start(const FullTcpScriptCall& c, Done done)
{
    if (EpollCall(c, done)) // fulltcp-script-epoll.cc
    {
        return;
    }
    Outcome o;
    int64_t fd = -1;
    const std::string& n = c.name;
    const bool needsFd = n != "socket" && n != "open" && n != "poll";
    if (!c.args.empty() && c.args[0].kind == FullTcpScriptExpr::SYMBOL
        && c.args[0].text == FullTcpScriptCall::SOCKET_UNDER_TEST)
    {
        fd = m_underTest;
    }
    else if (needsFd && !IntArg(c, 0, fd, o))
    {
        done(o);
        return;
    }
    if (n == "close" && m_regular.erase(static_cast<int>(fd)) > 0)
    {
        done(o); // a regular file (fulltcp-script-files.cc): 0
        return;
    }
    if (needsFd && Lookup(fd) == nullptr)
    {
        o.ret = -1;
        o.errnoName = "EBADF";
        done(o);
        return;
    }
    if (BadBuffer(c, o)) // fulltcp-script-msg.cc
    {
        done(o);
        return;
    }
    // Calls that need nothing but their arguments; connect, write and read keep state
    // across the attempts of a blocking call.
    using Handler = bool (FullTcpScriptSyscalls::*)(const FullTcpScriptCall&, int64_t, Outcome&);
    static const std::map<std::string, Handler> handlers = {
        {"socket", &FullTcpScriptSyscalls::Socket_},
        {"setsockopt", &FullTcpScriptSyscalls::SetSockOpt},
        {"getsockopt", &FullTcpScriptSyscalls::GetSockOpt},
        {"fcntl", &FullTcpScriptSyscalls::Fcntl},
        {"ioctl", &FullTcpScriptSyscalls::Ioctl},
        {"bind", &FullTcpScriptSyscalls::Bind},
        {"listen", &FullTcpScriptSyscalls::Listen},
        {"accept", &FullTcpScriptSyscalls::Accept},
        {"shutdown", &FullTcpScriptSyscalls::Shutdown},
        {"close", &FullTcpScriptSyscalls::Close},
    };
    std::function<bool(Outcome&)> attempt;
    const auto handler = handlers.find(n);
    if (handler != handlers.end())
    {
        attempt = [this, c, fd, h = handler->second](Outcome& out)
        {
            return (this->*h)(c, fd, out);
        };
    }
    else if (n == "connect")
    {
        auto first = std::make_shared<bool>(true);
        attempt = [this, fd, first](Outcome& out)
        {
            const bool f = *first;
            *first = false;
            return Connect(fd, f, out);
        };
    }
    else if (n == "poll")
    {
        if (!PollCall(c, attempt, o)) // fulltcp-script-poll.cc
        {
            done(o);
            return;
        }
    }
    else if (n == "sendto" || n == "sendmsg" || n == "recvmsg" || n == "recvfrom")
    {
        if (!MsgCall(c, fd, attempt, o)) // fulltcp-script-msg.cc
        {
            done(o);
            return;
        }
    }
    else if (n == "open" || n == "sendfile")
    {
        if (!FileCall(c, fd, attempt, o)) // fulltcp-script-files.cc
        {
            done(o);
            return;
        }
    }
    else if (n == "write" || n == "send" || n == "read" || n == "recv")
    {
        int64_t bytes = 0;
        int64_t flags = 0;
        if (!IntArg(c, 2, bytes, o) || (c.args.size() > 3 && !IntArg(c, 3, flags, o)))
        {
            done(o);
            return;
        }
        // recv(..., MSG_OOB): the urgent byte (FullTcpSocket::MSG_OOB, never blocks);
        // send(..., MSG_EOR): the write ends a record (FullTcpSocket::MSG_EOR);
        // send(..., MSG_MORE): more follows, the write is not pushed (FullTcpSocket::MSG_MORE);
        // send(..., MSG_ZEROCOPY): a completion on the error queue (FullTcpSocket::MSG_ZEROCOPY).
        const bool oob = n == "recv" && flags == Constant("MSG_OOB");
        const int64_t sendFlags =
            Constant("MSG_EOR") | Constant("MSG_MORE") | Constant("MSG_ZEROCOPY");
        const bool sendOnly = n == "send" && (flags & ~sendFlags) == 0;
        if ((flags != 0 && !oob && !sendOnly) || bytes < 0 || bytes > INT32_MAX)
        {
            o.failure = n
                      + ": flags other than recv's MSG_OOB, send's MSG_EOR, MSG_MORE and "
                        "MSG_ZEROCOPY, and negative sizes, are not supported";
            done(o);
            return;
        }
        attempt = n == "write" || n == "send"
                    ? SendAttempt(fd, static_cast<uint32_t>(bytes), sendOnly ? flags : 0)
                    : [this, fd, bytes, oob](Outcome& out)
        {
            return Read(fd, static_cast<uint32_t>(bytes), oob, out);
        };
    }
    else
    {
        o.failure = "unsupported system call '" + n + "'";
        done(o);
        return;
    }
    if (attempt(o))
    {
        done(o);
        return;
    }
    m_waiters.push_back(Waiter {n + "(" + std::to_string(fd) + ")", attempt, done});
}

bool
FullTcpScriptSyscalls::Socket_(const FullTcpScriptCall& c, int64_t, Outcome& o)
{
    int64_t type = 0;
    if (c.args.size() != 3
        || (c.args[1].kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(c.args[1], type) || type != Constant("SOCK_STREAM"))))
    {
        o.failure = "socket: only socket(..., SOCK_STREAM, IPPROTO_TCP) is supported";
        return true;
    }
    Ptr<FullTcpSocket> s = DynamicCast<FullTcpSocket>(m_tcp->CreateSocket());
    Watch(s);
    const int newFd = NewFd(c);
    m_files[newFd].socket = s;
    o.ret = newFd;
    m_underTest = newFd;
    return true;
}

bool
FullTcpScriptSyscalls::Returned(int r, const File& f, Outcome& o)
{
    if (r != 0)
    {
        o.ret = -1;
        o.errnoName = ErrnoName(f.socket->GetErrno());
    }
    return true;
}

bool
FullTcpScriptSyscalls::Bind(const FullTcpScriptCall&, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    return Returned(f.socket->Bind(InetSocketAddress(m_local, m_localPort)), f, o);
}

bool
FullTcpScriptSyscalls::Listen(const FullTcpScriptCall&, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    f.listening = f.socket->Listen() == 0;
    return Returned(f.listening ? 0 : -1, f, o);
}

bool
FullTcpScriptSyscalls::Accept(const FullTcpScriptCall& c, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    if (!f.listening)
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
        return true;
    }
    if (f.accepted.empty())
    {
        if (!f.nonBlocking)
        {
            return false;
        }
        o.ret = -1;
        o.errnoName = "EAGAIN";
        return true;
    }
    Ptr<FullTcpSocket> child = DynamicCast<FullTcpSocket>(f.accepted.front());
    f.accepted.pop_front();
    const int newFd = NewFd(c);
    File& cf = m_files[newFd];
    cf.socket = child;
    cf.connected = true;
    const auto early = m_unacceptedErrors.find(child);
    if (early != m_unacceptedErrors.end())
    {
        cf.error = early->second;
        m_unacceptedErrors.erase(early);
    }
    o.ret = newFd;
    m_underTest = newFd;
    return true;
}

bool
FullTcpScriptSyscalls::Connect(int64_t fd, bool first, Outcome& o)
{
    File& f = *Lookup(fd);
    if (first)
    {
        if (f.connected)
        {
            o.ret = -1;
            o.errnoName = "EISCONN";
            return true;
        }
        if (f.connecting)
        {
            o.ret = -1;
            o.errnoName = "EALREADY";
            return true;
        }
        if (!f.error.empty() || f.refused)
        {
            // A non-blocking connect that failed: connect() reports it (and clears it), or
            // ECONNABORTED once SO_ERROR took it; then Linux disconnects the socket
            // (__inet_stream_connect(): sock_error -> tcp_disconnect()).
            o.ret = -1;
            o.errnoName = f.error.empty() ? "ECONNABORTED" : f.error;
            f.error.clear();
            f.refused = false;
            return true;
        }
        if (f.socket->Connect(InetSocketAddress(m_remote, m_remotePort)) != 0)
        {
            o.ret = -1;
            o.errnoName = ErrnoName(f.socket->GetErrno());
            return true;
        }
        if (f.socket->IsFastOpenDeferred())
        {
            return true; // TCP_FASTOPEN_CONNECT: 0 at once, the first send opens
        }
        f.connecting = true;
        if (f.nonBlocking)
        {
            o.ret = -1;
            o.errnoName = "EINPROGRESS";
            return true;
        }
    }
    if (f.connecting)
    {
        return false;
    }
    if (!f.error.empty())
    {
        // A blocking connect that failed returns the error and disconnects the socket
        // (tcp_disconnect() clears the shutdown): read() is ENOTCONN then, not end of stream.
        o.ret = -1;
        std::swap(o.errnoName, f.error);
        f.refused = false;
    }
    return true;
}

bool
FullTcpScriptSyscalls::EndsWithError(File* f, Outcome& o)
{
    if (f == nullptr || !f->error.empty())
    {
        // The descriptor was closed while the call waited, or an error is pending: the call
        // returns it, once (Linux sock_error()).
        o.ret = -1;
        o.errnoName = f == nullptr ? "EBADF" : "";
        if (f != nullptr)
        {
            std::swap(o.errnoName, f->error);
        }
        return true;
    }
    return false;
}

bool
FullTcpScriptSyscalls::Write(
    int64_t fd, uint32_t bytes, uint32_t& written, Outcome& o, uint32_t flags)
{
    File* f = Lookup(fd);
    if (EndsWithError(f, o))
    {
        return true;
    }
    const FullTcpState st = f->socket->GetState();
    if (bytes == 0 && (st == FullTcpState::ESTABLISHED || st == FullTcpState::CLOSE_WAIT))
    {
        o.ret = 0; // tcp_sendmsg_locked() copies nothing (empty iovecs), queues nothing
        return true;
    }
    while (written < bytes)
    {
        const uint32_t room = f->socket->GetTxAvailable();
        const uint32_t n = std::min(bytes - written, room);
        if (n == 0 && f->socket->GetState() != FullTcpState::CLOSED)
        {
            f->noSpace = true; // sk_stream_wait_memory() sets SOCK_NOSPACE
            if (!f->nonBlocking)
            {
                return false; // wait for room (the Send callback)
            }
            break;
        }
        // MSG_EOR marks the end of the whole write (tcp_sendmsg_locked() sets eor once
        // everything is copied); MSG_ZEROCOPY goes with the last chunk of the call (one id
        // per call), which a non-blocking call ends when the buffer is full.
        const bool last = written + n == bytes || (f->nonBlocking && n == room);
        const uint32_t chunkFlags =
            (written + n == bytes ? flags : 0) | (last ? flags & FullTcpSocket::MSG_ZEROCOPY : 0);
        if (f->socket->Send(Create<Packet>(n), chunkFlags) < 0)
        {
            if (written > 0)
            {
                break;
            }
            o.ret = -1;
            // Not connected (never, or no more after a reset, a timeout or a refused connect):
            // Linux's write() fails with EPIPE (tcp_sendmsg_locked() -> sk_stream_wait_connect()
            // returns -EPIPE in any state but SYN_SENT and SYN_RECV).
            const Socket::SocketErrno e = f->socket->GetErrno();
            o.errnoName = e == Socket::ERROR_NOTCONN ? "EPIPE" : ErrnoName(e);
            return true;
        }
        written += n;
    }
    if (written == 0)
    {
        o.ret = -1;
        o.errnoName = "EAGAIN";
        return true;
    }
    o.ret = written;
    return true;
}

bool
FullTcpScriptSyscalls::Read(int64_t fd, uint32_t bytes, bool oob, Outcome& o)
{
    File* f = Lookup(fd);
    // tcp_recvmsg() copies queued data before it looks at sk_err: after a RST the bytes
    // that arrived before it are read first (when the socket kept them), then the error.
    if (f != nullptr && !f->error.empty()
        && (EndOfStreamBeforeError(f->socket) || f->socket->GetRxAvailable() > 0))
    {
        Ptr<Packet> p = f->socket->Recv(bytes, 0);
        o.ret = p ? p->GetSize() : 0; // the bytes before the FIN, then end of stream
        return true;
    }
    if (EndsWithError(f, o))
    {
        return true;
    }
    Ptr<Packet> p = f->socket->Recv(bytes, oob ? FullTcpSocket::MSG_OOB : 0);
    if (p)
    {
        o.ret = p->GetSize(); // 0: end of stream
        return true;
    }
    const Socket::SocketErrno e = f->socket->GetErrno();
    if (e == Socket::ERROR_AGAIN)
    {
        if (!f->nonBlocking && !oob)
        {
            return false;
        }
        o.ret = -1;
        o.errnoName = "EAGAIN";
        return true;
    }
    if (e == Socket::ERROR_NOTCONN && (f->connected || f->refused))
    {
        // After a reset was reported, or a failed connect(), Linux's read() returns end of
        // stream: tcp_done() set RCV_SHUTDOWN (tcp_recvmsg_locked()); a socket that never
        // tried to connect is ENOTCONN.
        o.ret = 0;
        return true;
    }
    o.ret = -1;
    o.errnoName = ErrnoName(e);
    return true;
}

bool
FullTcpScriptSyscalls::Shutdown(const FullTcpScriptCall& c, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    int64_t how = 0;
    if (!IntArg(c, 1, how, o))
    {
        return true;
    }
    int r = 0;
    if (how == Constant("SHUT_RD") || how == Constant("SHUT_RDWR"))
    {
        r = f.socket->ShutdownRecv();
    }
    if (r == 0 && (how == Constant("SHUT_WR") || how == Constant("SHUT_RDWR")))
    {
        r = f.socket->ShutdownSend();
    }
    return Returned(r, f, o);
}

bool
FullTcpScriptSyscalls::Close(const FullTcpScriptCall&, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    // Linux inet_csk_listen_stop(): the children not yet accept()ed (FullTcp handed them to
    // the runner, its accept queue) are disconnected, with a RST where tcp_need_reset() says
    // (inet_child_forget() -> tcp_disconnect()): as a close with SO_LINGER {1, 0}.
    for (Ptr<Socket> child : f.accepted)
    {
        child->SetAttribute("CloseAborts", BooleanValue(true));
        child->Close();
    }
    Returned(f.socket->Close(), f, o);
    m_files.erase(static_cast<int>(fd));
    return true;
}

} // namespace ns3
