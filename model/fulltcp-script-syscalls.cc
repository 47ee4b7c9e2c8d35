/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The system calls of a script on FullTcpSocket. Linux's behaviour is the reference for
 * what a call returns (man 2 connect/accept/read/write, man 7 tcp), since the scripts are
 * packetdrill's.
 */
#include "fulltcp-script-syscalls.h"

#include "fulltcp-l4-protocol.h"

#include "ns3/boolean.h"
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

namespace
{

/// Linux's values of the constants scripts name (x86-64 uapi headers).
const std::map<std::string, int64_t>&
Constants()
{
    static const std::map<std::string, int64_t> table = {
        {"AF_INET", 2},        {"SOCK_STREAM", 1},       {"IPPROTO_TCP", 6},
        {"SOL_SOCKET", 1},     {"SOL_TCP", 6},           {"SO_REUSEADDR", 2},
        {"SO_ERROR", 4},       {"SO_SNDBUF", 7},         {"SO_RCVBUF", 8},
        {"SO_KEEPALIVE", 9},   {"SO_LINGER", 13},        {"TCP_NODELAY", 1},
        {"TCP_MAXSEG", 2},     {"TCP_KEEPIDLE", 4},      {"TCP_KEEPINTVL", 5},
        {"TCP_KEEPCNT", 6},    {"TCP_SYNCNT", 7},        {"TCP_LINGER2", 8},
        {"TCP_INFO", 11},      {"TCP_USER_TIMEOUT", 18}, {"F_GETFL", 3},
        {"F_SETFL", 4},        {"O_RDONLY", 0},          {"O_WRONLY", 1},
        {"O_RDWR", 2},         {"O_NONBLOCK", 04000},    {"SHUT_RD", 0},
        {"SHUT_WR", 1},        {"SHUT_RDWR", 2},         {"EPERM", 1},
        {"EBADF", 9},          {"EAGAIN", 11},           {"EINVAL", 22},
        {"EPIPE", 32},         {"EADDRINUSE", 98},       {"EADDRNOTAVAIL", 99},
        {"ENETUNREACH", 101},  {"ECONNRESET", 104},      {"EISCONN", 106},
        {"ENOTCONN", 107},     {"ETIMEDOUT", 110},       {"ECONNREFUSED", 111},
        {"EHOSTUNREACH", 113}, {"EALREADY", 114},        {"EINPROGRESS", 115},
        {"EOPNOTSUPP", 95},    {"EMSGSIZE", 90},         {"ENODEV", 19},
        {"EAFNOSUPPORT", 97},  {"TCP_CLOSE", 7},         {"TCP_ESTABLISHED", 1},
        {"TCP_SYN_SENT", 2},   {"TCP_SYN_RECV", 3},      {"TCP_FIN_WAIT1", 4},
        {"TCP_FIN_WAIT2", 5},  {"TCP_TIME_WAIT", 6},     {"TCP_CLOSE_WAIT", 8},
        {"TCP_LAST_ACK", 9},   {"TCP_LISTEN", 10},       {"TCP_CLOSING", 11},
    };
    return table;
}

/// \param s a state \return Linux's tcpi_state for it (include/net/tcp_states.h)
int64_t
LinuxState(FullTcpState s)
{
    switch (s)
    {
    case FullTcpState::CLOSED:
        return 7;
    case FullTcpState::LISTEN:
        return 10;
    case FullTcpState::SYN_SENT:
        return 2;
    case FullTcpState::SYN_RCVD:
        return 3;
    case FullTcpState::ESTABLISHED:
        return 1;
    case FullTcpState::CLOSE_WAIT:
        return 8;
    case FullTcpState::LAST_ACK:
        return 9;
    case FullTcpState::FIN_WAIT_1:
        return 4;
    case FullTcpState::FIN_WAIT_2:
        return 5;
    case FullTcpState::CLOSING:
        return 11;
    case FullTcpState::TIME_WAIT:
        return 6;
    }
    return 7;
}

} // namespace

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

/// \param x an expression \return its spelling in messages
std::string
Show(const FullTcpScriptExpr& x)
{
    switch (x.kind)
    {
    case FullTcpScriptExpr::INTEGER:
        return std::to_string(x.number);
    case FullTcpScriptExpr::SYMBOL:
        return x.text;
    case FullTcpScriptExpr::LIST:
        return "[" + (x.items.empty() ? std::string() : Show(x.items[0])) + "]";
    default:
        return "...";
    }
}

/// \param c a call \param i an argument \param out its value \param o the outcome to fail
/// \return whether argument i exists and is an integer
bool
IntArg(const FullTcpScriptCall& c, size_t i, int64_t& out, FullTcpScriptSyscalls::Outcome& o)
{
    if (i < c.args.size() && FullTcpScriptSyscalls::Evaluate(c.args[i], out))
    {
        return true;
    }
    o.failure = c.name + ": argument " + std::to_string(i + 1) + " must be a known constant";
    return false;
}

} // namespace

FullTcpScriptSyscalls::FullTcpScriptSyscalls(Ptr<FullTcpL4Protocol> tcp,
                                             Ipv4Address local,
                                             Ipv4Address remote,
                                             uint16_t localPort,
                                             uint16_t remotePort) :
    m_tcp(tcp),
    m_local(local), m_remote(remote), m_localPort(localPort), m_remotePort(remotePort)
{
}

int64_t
FullTcpScriptSyscalls::Constant(const std::string& name)
{
    const auto it = Constants().find(name);
    return it == Constants().end() ? -1 : it->second;
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
FullTcpScriptSyscalls::NewFd() const
{
    int fd = 3;
    while (m_files.count(fd) != 0)
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
    s->SetRecvCallback(MakeCallback(&FullTcpScriptSyscalls::Event, this));
    s->SetSendCallback(MakeCallback(&FullTcpScriptSyscalls::SendSpace, this));
}

void
FullTcpScriptSyscalls::Connected(Ptr<Socket> s)
{
    if (File* f = FileOf(s))
    {
        f->connecting = false;
        f->connected = true;
    }
    Wake();
}

void
FullTcpScriptSyscalls::ConnectFailed(Ptr<Socket> s)
{
    if (File* f = FileOf(s))
    {
        f->connecting = false;
        // FullTcpSocket reports a refusal (RST to the SYN) as ERROR_NOTCONN.
        f->error = s->GetErrno() == Socket::ERROR_NOTCONN ? "ECONNREFUSED"
                 : s->GetErrno() == Socket::ERROR_AGAIN   ? "ETIMEDOUT"
                                                          : ErrnoName(s->GetErrno());
    }
    Wake();
}

void
FullTcpScriptSyscalls::ErrorClose(Ptr<Socket> s)
{
    if (File* f = FileOf(s))
    {
        // A reset is ERROR_NOTCONN, a timeout ERROR_AGAIN (or the soft ICMP error).
        f->error = s->GetErrno() == Socket::ERROR_NOTCONN ? "ECONNRESET"
                 : s->GetErrno() == Socket::ERROR_AGAIN   ? "ETIMEDOUT"
                                                          : ErrnoName(s->GetErrno());
    }
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
            break;
        }
    }
    Watch(DynamicCast<FullTcpSocket>(child));
    Wake();
}

void
FullTcpScriptSyscalls::Event(Ptr<Socket>)
{
    Wake();
}

void
FullTcpScriptSyscalls::SendSpace(Ptr<Socket>, uint32_t)
{
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
    m_files.clear();
}

void
FullTcpScriptSyscalls::Start(const FullTcpScriptCall& c, Done done)
{
    Outcome o;
    int64_t fd = -1;
    const std::string& n = c.name;
    const bool needsFd = n != "socket";
    if (needsFd && !IntArg(c, 0, fd, o))
    {
        done(o);
        return;
    }
    if (needsFd && Lookup(fd) == nullptr)
    {
        o.ret = -1;
        o.errnoName = "EBADF";
        done(o);
        return;
    }
    std::function<bool(Outcome&)> attempt;
    if (n == "socket")
    {
        attempt = [this, c](Outcome& out)
        {
            return Socket_(c, out);
        };
    }
    else if (n == "setsockopt")
    {
        attempt = [this, c](Outcome& out)
        {
            return SetSockOpt(c, out);
        };
    }
    else if (n == "getsockopt")
    {
        attempt = [this, c](Outcome& out)
        {
            return GetSockOpt(c, out);
        };
    }
    else if (n == "fcntl")
    {
        attempt = [this, c](Outcome& out)
        {
            return Fcntl(c, out);
        };
    }
    else if (n == "bind")
    {
        attempt = [this, c](Outcome& out)
        {
            return Bind(c, out);
        };
    }
    else if (n == "listen")
    {
        attempt = [this, c](Outcome& out)
        {
            return Listen(c, out);
        };
    }
    else if (n == "accept")
    {
        attempt = [this, fd](Outcome& out)
        {
            return Accept(fd, out);
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
    else if (n == "write" || n == "send" || n == "read" || n == "recv")
    {
        int64_t bytes = 0;
        int64_t flags = 0;
        if (!IntArg(c, 2, bytes, o) || (c.args.size() > 3 && !IntArg(c, 3, flags, o)))
        {
            done(o);
            return;
        }
        if (flags != 0 || bytes < 0 || bytes > INT32_MAX)
        {
            o.failure = n + ": flags and negative sizes are not supported";
            done(o);
            return;
        }
        const bool write = n == "write" || n == "send";
        auto written = std::make_shared<uint32_t>(0);
        attempt = [this, fd, bytes, write, written](Outcome& out)
        {
            return write ? Write(fd, static_cast<uint32_t>(bytes), *written, out)
                         : Read(fd, static_cast<uint32_t>(bytes), out);
        };
    }
    else if (n == "shutdown")
    {
        attempt = [this, c](Outcome& out)
        {
            return Shutdown(c, out);
        };
    }
    else if (n == "close")
    {
        attempt = [this, fd](Outcome& out)
        {
            return Close(fd, out);
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
FullTcpScriptSyscalls::Socket_(const FullTcpScriptCall& c, Outcome& o)
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
    const int fd = NewFd();
    m_files[fd].socket = s;
    o.ret = fd;
    return true;
}

bool
FullTcpScriptSyscalls::SetSockOpt(const FullTcpScriptCall& c, Outcome& o)
{
    File& f = *Lookup(c.args[0].number);
    if (c.args.size() < 4 || c.args[2].kind != FullTcpScriptExpr::SYMBOL)
    {
        o.failure = "setsockopt: expected setsockopt(fd, level, NAME, value, len)";
        return true;
    }
    const std::string& name = c.args[2].text;
    const FullTcpScriptExpr& value = c.args[3];
    if (name == "SO_LINGER")
    {
        // {l_onoff=1, l_linger=0} asks close() for an abortive close (RST); ns-3's Socket
        // API has no abort, so FullTcp cannot honour it.
        o.failure = "setsockopt: SO_LINGER is not supported (ns-3's Socket API has no abort)";
        return true;
    }
    int64_t v = 0;
    if (!Evaluate(value, v))
    {
        o.failure = "setsockopt: the value of " + name + " must be an integer or [integer]";
        return true;
    }
    if (name == "SO_REUSEADDR")
    {
        return true; // FullTcp's port allocator lets a listener re-bind a port in TIME_WAIT
    }
    // name -> (attribute, value); FullTcp reads them when the connection starts.
    std::string attribute;
    Ptr<AttributeValue> a;
    if (name == "SO_RCVBUF" || name == "SO_SNDBUF")
    {
        // Linux sock_setsockopt() doubles the value (room for its bookkeeping).
        attribute = name == "SO_RCVBUF" ? "RcvBufSize" : "SndBufSize";
        a = Create<UintegerValue>(2 * v);
    }
    else if (name == "SO_KEEPALIVE")
    {
        attribute = "KeepAlive";
        a = Create<BooleanValue>(v != 0);
    }
    else if (name == "TCP_NODELAY")
    {
        attribute = "TcpNoDelay";
        a = Create<BooleanValue>(v != 0);
    }
    else if (name == "TCP_MAXSEG")
    {
        attribute = "SegmentSize";
        a = Create<UintegerValue>(v);
    }
    else if (name == "TCP_KEEPIDLE" || name == "TCP_KEEPINTVL" || name == "TCP_LINGER2")
    {
        attribute = name == "TCP_KEEPIDLE"  ? "KeepAliveIdle"
                  : name == "TCP_KEEPINTVL" ? "KeepAliveInterval"
                                            : "FinWait2Timeout";
        a = Create<TimeValue>(Seconds(v));
    }
    else if (name == "TCP_KEEPCNT")
    {
        attribute = "KeepAliveProbes";
        a = Create<UintegerValue>(v);
    }
    else if (name == "TCP_SYNCNT")
    {
        attribute = "ConnCount";
        a = Create<UintegerValue>(v);
    }
    else if (name == "TCP_USER_TIMEOUT")
    {
        attribute = "UserTimeout";
        a = Create<TimeValue>(MilliSeconds(v));
    }
    else
    {
        o.failure = "setsockopt: unsupported socket option " + name;
        return true;
    }
    if (f.socket->GetState() != FullTcpState::CLOSED || f.listening)
    {
        o.failure = "setsockopt: FullTcp reads " + name
                  + " when the connection starts; set it before connect() or listen()";
        return true;
    }
    if (v < 0 || !f.socket->SetAttributeFailSafe(attribute, *a))
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
    }
    return true;
}

bool
FullTcpScriptSyscalls::GetSockOpt(const FullTcpScriptCall& c, Outcome& o)
{
    File& f = *Lookup(c.args[0].number);
    if (c.args.size() < 4 || c.args[2].kind != FullTcpScriptExpr::SYMBOL)
    {
        o.failure = "getsockopt: expected getsockopt(fd, level, NAME, value, len)";
        return true;
    }
    const std::string& name = c.args[2].text;
    const FullTcpScriptExpr& want = c.args[3];
    if (name == "SO_ERROR")
    {
        const std::string got = f.error.empty() ? "0" : f.error;
        f.error.clear(); // reading SO_ERROR clears it (sock_getsockopt)
        const int64_t actual = got == "0" ? 0 : Constant(got);
        int64_t expected = 0;
        if (want.kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(want, expected) || expected != actual))
        {
            o.failure = "getsockopt(SO_ERROR): expected " + Show(want) + " but got " + got;
        }
        return true;
    }
    const FullTcpConnection* conn = f.socket->GetConnection();
    if (name == "TCP_MAXSEG")
    {
        // Linux reports the send MSS once connected; before, a TCP_MAXSEG value or
        // TCP_MSS_DEFAULT (536) (do_tcp_getsockopt()).
        UintegerValue segmentSize;
        f.socket->GetAttribute("SegmentSize", segmentSize);
        int64_t expected = 0;
        const int64_t actual = conn                      ? conn->GetTcb().sndMss
                             : segmentSize.Get() < 65535 ? segmentSize.Get()
                                                         : 536;
        if (want.kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(want, expected) || expected != actual))
        {
            o.failure = "getsockopt(TCP_MAXSEG): expected " + Show(want) + " but got "
                      + std::to_string(actual);
        }
        return true;
    }
    if (name != "TCP_INFO" || want.kind != FullTcpScriptExpr::STRUCT)
    {
        o.failure = "getsockopt: only SO_ERROR, TCP_MAXSEG and TCP_INFO {fields} are supported";
        return true;
    }
    for (size_t i = 0; i < want.fields.size(); ++i)
    {
        const std::string& field = want.fields[i];
        int64_t actual = 0;
        if (field == "tcpi_state")
        {
            actual = LinuxState(f.socket->GetState());
        }
        else if (field == "tcpi_rto")
        {
            actual = conn ? conn->GetTcb().rto.GetMicroSeconds() : 0;
        }
        else if (field == "tcpi_retransmits")
        {
            actual = conn ? conn->GetTcb().retransmits : 0;
        }
        else if (field == "tcpi_snd_mss")
        {
            actual = conn ? conn->GetTcb().sndMss : 0;
        }
        else if (field == "tcpi_rcv_mss")
        {
            actual = conn ? conn->GetTcb().rcvMss : 0;
        }
        else if (field == "tcpi_snd_cwnd")
        {
            // Linux counts cwnd in segments.
            actual = conn && conn->GetTcb().sndMss > 0
                       ? conn->GetTcb().cc.cwnd / conn->GetTcb().sndMss
                       : 0;
        }
        else
        {
            o.failure = "getsockopt(TCP_INFO): unsupported field " + field;
            return true;
        }
        int64_t expected = 0;
        if (want.items[i].kind == FullTcpScriptExpr::ELLIPSIS)
        {
            continue;
        }
        if (!Evaluate(want.items[i], expected) || expected != actual)
        {
            o.failure = "getsockopt(TCP_INFO): " + field + " expected " + Show(want.items[i])
                      + " but got " + std::to_string(actual);
            return true;
        }
    }
    return true;
}

bool
FullTcpScriptSyscalls::Fcntl(const FullTcpScriptCall& c, Outcome& o)
{
    File& f = *Lookup(c.args[0].number);
    int64_t cmd = 0;
    if (!IntArg(c, 1, cmd, o))
    {
        return true;
    }
    if (cmd == Constant("F_GETFL"))
    {
        o.ret = Constant("O_RDWR") | (f.nonBlocking ? Constant("O_NONBLOCK") : 0);
        return true;
    }
    int64_t flags = 0;
    if (cmd != Constant("F_SETFL") || !IntArg(c, 2, flags, o))
    {
        o.failure = o.failure.empty() ? "fcntl: only F_GETFL and F_SETFL are supported" : o.failure;
        return true;
    }
    f.nonBlocking = (flags & Constant("O_NONBLOCK")) != 0;
    return true;
}

bool
FullTcpScriptSyscalls::Bind(const FullTcpScriptCall& c, Outcome& o)
{
    File& f = *Lookup(c.args[0].number);
    if (f.socket->Bind(InetSocketAddress(m_local, m_localPort)) != 0)
    {
        o.ret = -1;
        o.errnoName = ErrnoName(f.socket->GetErrno());
    }
    return true;
}

bool
FullTcpScriptSyscalls::Listen(const FullTcpScriptCall& c, Outcome& o)
{
    File& f = *Lookup(c.args[0].number);
    if (f.socket->Listen() != 0)
    {
        o.ret = -1;
        o.errnoName = ErrnoName(f.socket->GetErrno());
        return true;
    }
    f.listening = true;
    return true;
}

bool
FullTcpScriptSyscalls::Accept(int64_t fd, Outcome& o)
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
    const int newFd = NewFd();
    File& cf = m_files[newFd];
    cf.socket = child;
    cf.connected = true;
    o.ret = newFd;
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
        if (!f.error.empty())
        {
            // A non-blocking connect that failed: connect() reports it (and clears it).
            o.ret = -1;
            std::swap(o.errnoName, f.error);
            return true;
        }
        if (f.socket->Connect(InetSocketAddress(m_remote, m_remotePort)) != 0)
        {
            o.ret = -1;
            o.errnoName = ErrnoName(f.socket->GetErrno());
            return true;
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
        o.ret = -1;
        std::swap(o.errnoName, f.error);
    }
    return true;
}

bool
FullTcpScriptSyscalls::Write(int64_t fd, uint32_t bytes, uint32_t& written, Outcome& o)
{
    File* f = Lookup(fd);
    if (f == nullptr)
    {
        o.ret = -1;
        o.errnoName = "EBADF";
        return true;
    }
    if (!f->error.empty())
    {
        o.ret = -1;
        std::swap(o.errnoName, f->error);
        return true;
    }
    while (written < bytes)
    {
        const uint32_t room = f->socket->GetTxAvailable();
        const uint32_t n = std::min(bytes - written, room);
        if (n == 0 && f->socket->GetState() != FullTcpState::CLOSED)
        {
            if (!f->nonBlocking)
            {
                return false; // wait for room (the Send callback)
            }
            break;
        }
        if (f->socket->Send(Create<Packet>(n), 0) < 0)
        {
            if (written > 0)
            {
                break;
            }
            o.ret = -1;
            // After a reset or a timeout Linux's write() fails with EPIPE.
            const Socket::SocketErrno e = f->socket->GetErrno();
            o.errnoName = e == Socket::ERROR_NOTCONN && f->connected ? "EPIPE" : ErrnoName(e);
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
FullTcpScriptSyscalls::Read(int64_t fd, uint32_t bytes, Outcome& o)
{
    File* f = Lookup(fd);
    if (f == nullptr)
    {
        o.ret = -1;
        o.errnoName = "EBADF";
        return true;
    }
    if (!f->error.empty())
    {
        o.ret = -1;
        std::swap(o.errnoName, f->error);
        return true;
    }
    Ptr<Packet> p = f->socket->Recv(bytes, 0);
    if (p)
    {
        o.ret = p->GetSize(); // 0: end of stream
        return true;
    }
    const Socket::SocketErrno e = f->socket->GetErrno();
    if (e == Socket::ERROR_AGAIN)
    {
        if (!f->nonBlocking)
        {
            return false;
        }
        o.ret = -1;
        o.errnoName = "EAGAIN";
        return true;
    }
    if (e == Socket::ERROR_NOTCONN && f->connected)
    {
        o.ret = 0; // after a reset was reported, Linux's read() returns end of stream
        return true;
    }
    o.ret = -1;
    o.errnoName = ErrnoName(e);
    return true;
}

bool
FullTcpScriptSyscalls::Shutdown(const FullTcpScriptCall& c, Outcome& o)
{
    File& f = *Lookup(c.args[0].number);
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
    if (r != 0)
    {
        o.ret = -1;
        o.errnoName = ErrnoName(f.socket->GetErrno());
    }
    return true;
}

bool
FullTcpScriptSyscalls::Close(int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
    if (f.socket->Close() != 0)
    {
        o.ret = -1;
        o.errnoName = ErrnoName(f.socket->GetErrno());
    }
    m_files.erase(static_cast<int>(fd));
    return true;
}

bool
FullTcpScriptSyscalls::Command(const std::string& command, std::string& note)
{
    // Words, with "double quotes" grouping (net.ipv4.tcp_rmem="4096 131072 6291456") and
    // shell products $((a*b)) evaluated (packetdrill's defaults.sh writes $((15*1024*1024))).
    std::string text = command;
    for (size_t at; (at = text.find("$((")) != std::string::npos;)
    {
        const size_t end = text.find("))", at);
        if (end == std::string::npos)
        {
            note = "unterminated $(( in: " + command;
            return false;
        }
        uint64_t product = 1;
        std::istringstream factors(text.substr(at + 3, end - at - 3));
        for (std::string factor; std::getline(factors, factor, '*');)
        {
            product *= std::strtoull(factor.c_str(), nullptr, 10);
        }
        text.replace(at, end + 2 - at, std::to_string(product));
    }
    std::vector<std::string> words(1);
    bool quoted = false;
    for (char c : text)
    {
        if (c == '"')
        {
            quoted = !quoted;
        }
        else if (!quoted && std::isspace(static_cast<unsigned char>(c)))
        {
            words.emplace_back();
        }
        else
        {
            words.back() += c;
        }
    }
    words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());
    if (words.empty() || words[0] != "sysctl")
    {
        note = "ignored: " + command;
        return true;
    }
    // net.ipv4.tcp_* sysctls that are FullTcp attributes (Documentation/networking/
    // ip-sysctl.rst); they apply to the sockets created from now on.
    static const std::map<std::string, std::pair<std::string, char>> sysctls = {
        {"net.ipv4.tcp_timestamps", {"Timestamps", 'b'}},
        {"net.ipv4.tcp_sack", {"Sack", 'b'}},
        {"net.ipv4.tcp_dsack", {"Dsack", 'b'}},
        {"net.ipv4.tcp_window_scaling", {"WindowScaling", 'b'}},
        {"net.ipv4.tcp_rfc1337", {"Rfc1337", 'b'}},
        {"net.ipv4.tcp_syncookies", {"SynCookies", 'b'}},
        {"net.ipv4.tcp_syn_retries", {"ConnCount", 'u'}},
        {"net.ipv4.tcp_synack_retries", {"SynAckRetries", 'u'}},
        {"net.ipv4.tcp_retries2", {"DataRetries", 'u'}},
        {"net.ipv4.tcp_reordering", {"DupThresh", 'u'}},
        {"net.ipv4.tcp_fin_timeout", {"FinWait2Timeout", 's'}},
        {"net.ipv4.tcp_keepalive_time", {"KeepAliveIdle", 's'}},
        {"net.ipv4.tcp_keepalive_intvl", {"KeepAliveInterval", 's'}},
        {"net.ipv4.tcp_keepalive_probes", {"KeepAliveProbes", 'u'}},
        {"net.ipv4.tcp_invalid_ratelimit", {"ChallengeAckInterval", 'm'}},
    };
    note.clear();
    for (size_t i = 1; i < words.size(); ++i)
    {
        const std::string& w = words[i];
        if (w[0] == '-')
        {
            continue; // -q, -w
        }
        const size_t eq = w.find('=');
        const std::string key = w.substr(0, eq);
        if (eq != std::string::npos && (key == "net.ipv4.tcp_rmem" || key == "net.ipv4.tcp_wmem"))
        {
            // "min default max": FullTcp's buffer does not grow, so it takes the maximum,
            // from which Linux derives the window scale it offers (tcp_select_initial_window()).
            std::istringstream values(w.substr(eq + 1));
            uint32_t v[3] = {0, 0, 0};
            if (!(values >> v[0] >> v[1] >> v[2]))
            {
                note += "bad value in " + w;
                return false;
            }
            const std::string attribute = key == "net.ipv4.tcp_rmem" ? "RcvBufSize" : "SndBufSize";
            m_tcp->SetSocketAttribute(attribute, UintegerValue(v[2]));
            note += "applied " + key + " (" + attribute + " " + std::to_string(v[2]) + "); ";
            continue;
        }
        const auto it = sysctls.find(key);
        if (eq == std::string::npos || it == sysctls.end())
        {
            note += "ignored " + w + "; ";
            continue;
        }
        char* end = nullptr;
        const long v = std::strtol(w.c_str() + eq + 1, &end, 10);
        if (*end != '\0' || v < 0)
        {
            note += "bad value in " + w;
            return false;
        }
        const auto& [attribute, type] = it->second;
        if (type == 'b')
        {
            m_tcp->SetSocketAttribute(attribute, BooleanValue(v != 0));
        }
        else if (type == 'u')
        {
            m_tcp->SetSocketAttribute(attribute, UintegerValue(v));
        }
        else
        {
            m_tcp->SetSocketAttribute(attribute,
                                      TimeValue(type == 's' ? Seconds(v) : MilliSeconds(v)));
        }
        note += "applied " + w + " (" + attribute + "); ";
    }
    return true;
}

} // namespace ns3
