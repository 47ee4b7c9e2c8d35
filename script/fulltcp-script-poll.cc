/*
 * Script: poll(): readiness of a descriptor as Linux tcp_poll() computes it, with a timeout
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * packetdrill's poll() (run_system_call.c syscall_poll()): `poll([{fd=N, events=E,
 * revents=R}, ...], nfds, timeout)` returns the number of descriptors with events and
 * checks each revents. The call blocks (whatever O_NONBLOCK says, as poll() does) until one
 * descriptor is ready or timeout milliseconds pass (-1: forever, 0: not at all).
 */
#include "fulltcp-script-syscalls.h"

#include "ns3/fulltcp-connection.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace
{
/// One pollfd of the call.
struct PollFd
{
    int64_t fd {-1};                //!< the descriptor
    int64_t events {0};             //!< what is asked for
    std::optional<int64_t> revents; //!< what the script expects (none: `...`)
};
} // namespace

uint32_t
FullTcpScriptSyscalls::PollEvents(const File& f)
{
    // The masks of poll() and epoll() are the same bits (uapi asm-generic/poll.h, eventpoll.h).
    const auto in = static_cast<uint32_t>(Constant("POLLIN") | Constant("POLLRDNORM"));
    const auto out = static_cast<uint32_t>(Constant("POLLOUT") | Constant("POLLWRNORM"));
    Ptr<FullTcpSocket> s = f.socket;
    if (!s)
    {
        return 0;
    }
    if (f.listening)
    {
        // inet_csk_listen_poll(): readable when a connection waits to be accepted.
        return f.accepted.empty() ? 0 : in;
    }
    using S = FullTcpState;
    const S state = s->GetState();
    const FullTcpConnection* c = s->GetConnection();
    // sk_shutdown: tcp_done() (a connection that ended) sets both halves; the peer's FIN
    // sets RCV_SHUTDOWN (tcp_fin()); shutdown(SHUT_WR) and close() SEND_SHUTDOWN.
    const bool done = state == S::CLOSED && (c != nullptr || f.connected || f.refused);
    const bool rcvShutdown = done || (c && c->GetTcb().finReceived) || f.eof;
    const bool sendShutdown = done || (c && c->GetTcb().finQueued);
    uint32_t mask = 0;
    if ((rcvShutdown && sendShutdown) || state == S::CLOSED)
    {
        mask |= Constant("POLLHUP");
    }
    if (rcvShutdown)
    {
        mask |= in | Constant("POLLRDHUP");
    }
    // "Connected or passive Fast Open socket?"
    if (state != S::SYN_SENT && (state != S::SYN_RCVD || (c && c->GetTcb().fastOpenChild)))
    {
        if (s->GetRxAvailable() > 0)
        {
            mask |= in; // tcp_stream_is_readable()
        }
        // __sk_stream_is_writeable(): free space at least half of what is queued, and the
        // unsent bytes under TCP_NOTSENT_LOWAT (FullTcpSocket::IsWritable()).
        if (sendShutdown || s->IsWritable())
        {
            mask |= out;
        }
    }
    else if (state == S::SYN_SENT && s->IsFastOpenDeferred())
    {
        // "Active TCP fastopen socket with defer_connect. Return EPOLLOUT so application can
        // call write() in order for kernel to generate SYN+data".
        mask |= out;
    }
    if (!f.error.empty() || s->GetErrorQueueSize() > 0)
    {
        mask |= Constant("POLLERR"); // sk_err, or the error queue (sock_poll_err())
    }
    return mask;
}

bool
FullTcpScriptSyscalls::PollCall(const FullTcpScriptCall& c,
                                std::function<bool(Outcome&)>& attempt,
                                Outcome& o)
{
    int64_t nfds = 0;
    int64_t timeout = 0;
    if (c.args.size() != 3 || c.args[0].kind != FullTcpScriptExpr::LIST || !IntArg(c, 1, nfds, o)
        || !IntArg(c, 2, timeout, o) || nfds != static_cast<int64_t>(c.args[0].items.size()))
    {
        if (o.failure.empty())
        {
            o.failure = "poll: takes ([{fd=N, events=E, revents=R}, ...], nfds, timeout)";
        }
        return false;
    }
    auto fds = std::make_shared<std::vector<PollFd>>();
    for (const FullTcpScriptExpr& item : c.args[0].items)
    {
        PollFd p;
        bool fdGiven = false;
        for (size_t i = 0; item.kind == FullTcpScriptExpr::STRUCT && i < item.fields.size(); ++i)
        {
            int64_t v = 0;
            const bool known = Evaluate(item.items[i], v);
            if (item.fields[i] == "fd" && known)
            {
                p.fd = v;
                fdGiven = true;
            }
            else if (item.fields[i] == "events" && known)
            {
                p.events = v;
            }
            else if (item.fields[i] == "revents" && known)
            {
                p.revents = v;
            }
            else if (item.items[i].kind != FullTcpScriptExpr::ELLIPSIS)
            {
                o.failure = "poll: bad pollfd field '" + item.fields[i] + "'";
                return false;
            }
        }
        if (!fdGiven)
        {
            o.failure = "poll: a pollfd needs fd=N";
            return false;
        }
        fds->push_back(p);
    }
    // The timeout: a later event wakes the call to return 0.
    auto expired = std::make_shared<bool>(timeout == 0);
    auto timer = std::make_shared<EventId>();
    if (timeout > 0)
    {
        *timer = Simulator::Schedule(MilliSeconds(timeout),
                                     [this, expired]()
                                     {
                                         *expired = true;
                                         Wake();
                                     });
    }
    attempt = [this, fds, expired, timer](Outcome& out)
    {
        // do_pollfd(): POLLERR and POLLHUP are reported whether asked for or not.
        const int64_t always = Constant("POLLERR") | Constant("POLLHUP") | Constant("POLLNVAL");
        int64_t ready = 0;
        std::vector<int64_t> revents;
        for (const PollFd& p : *fds)
        {
            const File* f = Lookup(p.fd);
            const int64_t now =
                f == nullptr ? Constant("POLLNVAL") : static_cast<int64_t>(PollEvents(*f));
            revents.push_back(now & (p.events | always));
            ready += revents.back() != 0 ? 1 : 0;
        }
        if (ready == 0 && !*expired)
        {
            return false;
        }
        timer->Cancel();
        for (size_t i = 0; i < fds->size(); ++i)
        {
            const PollFd& p = (*fds)[i];
            if (p.revents && *p.revents != revents[i])
            {
                out.failure = "poll: fd " + std::to_string(p.fd) + " revents "
                            + std::to_string(revents[i]) + " but the script expects "
                            + std::to_string(*p.revents);
                return true;
            }
        }
        out.ret = ready;
        return true;
    };
    return true;
}

} // namespace ns3
