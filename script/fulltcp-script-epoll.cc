/*
 * Script: epoll_create/epoll_ctl/epoll_wait on FullTcp sockets, with Linux's edge and one-shot
 * rules SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpScriptSyscalls: an epoll instance is a descriptor (in m_files, no socket) with its
 * items and ready list, as Linux fs/eventpoll.c keeps them: epoll_ctl() polls an item when it
 * is added or modified (ep_insert(), ep_modify()); a socket's wakeup puts its items on the
 * ready list when the wakeup's events concern them (ep_poll_callback()); epoll_wait() polls
 * each ready item again and reports what is ready now, keeps a level-triggered item on the
 * list, drops an edge-triggered one until the next wakeup and disables a one-shot one until
 * EPOLL_CTL_MOD re-arms it (ep_send_events()). The readiness of a socket is tcp_poll()'s.
 */
#include "fulltcp-script-syscalls.h"

#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

// include/uapi/linux/eventpoll.h
constexpr uint32_t EPOLLIN = 0x1;
constexpr uint32_t EPOLLPRI = 0x2;
constexpr uint32_t EPOLLOUT = 0x4;
constexpr uint32_t EPOLLERR = 0x8;
constexpr uint32_t EPOLLHUP = 0x10;
constexpr uint32_t EPOLLRDNORM = 0x40;
constexpr uint32_t EPOLLRDBAND = 0x80;
constexpr uint32_t EPOLLWRNORM = 0x100;
constexpr uint32_t EPOLLWRBAND = 0x200;
constexpr uint32_t EPOLLRDHUP = 0x2000;
constexpr uint32_t EPOLLEXCLUSIVE = 1U << 28;
constexpr uint32_t EPOLLWAKEUP = 1U << 29;
constexpr uint32_t EPOLLONESHOT = 1U << 30;
constexpr uint32_t EPOLLET = 1U << 31;
/// EP_PRIVATE_BITS: all a one-shot item keeps once it fired (it is disabled)
constexpr uint32_t PRIVATE_BITS = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;
/// EPOLLEXCLUSIVE_OK_BITS: the only events EPOLLEXCLUSIVE may come with
constexpr uint32_t EXCLUSIVE_OK =
    EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;

/// \param x a struct \param field a field name \return its value, or null when absent
const FullTcpScriptExpr*
Member(const FullTcpScriptExpr& x, const std::string& field)
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

} // namespace

/// An epoll instance (Linux struct eventpoll).
struct FullTcpScriptSyscalls::Epoll
{
    /// One watched descriptor (struct epitem).
    struct Item
    {
        uint32_t events {0}; //!< what it waits for, with EPOLLERR and EPOLLHUP
        int64_t data {0};    //!< epoll_data (fd, ptr, u32 or u64), returned as given
    };

    std::map<int, Item> items; //!< by descriptor
    std::deque<int> ready;     //!< rdllist, in wakeup order

    /// \param fd a descriptor: put it on the ready list unless it is there
    void
    MakeReady(int fd)
    {
        if (std::find(ready.begin(), ready.end(), fd) == ready.end())
        {
            ready.push_back(fd);
        }
    }
};

void
FullTcpScriptSyscalls::EpollWakeup(Ptr<Socket> s, uint32_t key)
{
    for (auto& [fd, f] : m_files)
    {
        if (f.socket != s)
        {
            continue;
        }
        if ((key & EPOLLOUT) != 0)
        {
            // tcp_check_space() -> sk_stream_write_space(): only a writer that found no room
            // (SOCK_NOSPACE) is woken, once the socket is writeable again.
            if (!f.noSpace || (PollEvents(f) & EPOLLOUT) == 0)
            {
                return;
            }
            f.noSpace = false;
            key |= EPOLLWRNORM | EPOLLWRBAND;
        }
        for (auto& [epfd, ep] : m_epolls)
        {
            const auto item = ep->items.find(fd);
            // ep_poll_callback(): a disabled (fired one-shot) item, or a wakeup for other
            // events, leaves the ready list alone.
            if (item == ep->items.end() || (item->second.events & ~PRIVATE_BITS) == 0
                || (key != 0 && (key & item->second.events) == 0))
            {
                continue;
            }
            ep->MakeReady(fd);
        }
        return;
    }
}

void
FullTcpScriptSyscalls::Readable(Ptr<Socket> s)
{
    EpollWakeup(s, EPOLLIN | EPOLLPRI | EPOLLRDNORM | EPOLLRDBAND); // sock_def_readable()
    Wake();
}

void
FullTcpScriptSyscalls::ErrorReport(Ptr<Socket> s)
{
    EpollWakeup(s, EPOLLERR); // sock_def_error_report()
    Wake();
}

bool
FullTcpScriptSyscalls::EpollCall(const FullTcpScriptCall& c, Done& done)
{
    const std::string& n = c.name;
    Outcome o;
    int64_t fd = -1;
    const bool onEpoll = n != "socket" && n != "epoll_create" && !c.args.empty()
                      && Evaluate(c.args[0], fd) && m_epolls.count(static_cast<int>(fd)) != 0;
    if (n == "close" && !onEpoll && Lookup(fd) != nullptr)
    {
        // The socket's file goes away: it leaves every epoll set (eventpoll_release()).
        for (auto& [epfd, ep] : m_epolls)
        {
            ep->items.erase(static_cast<int>(fd));
            ep->ready.erase(std::remove(ep->ready.begin(), ep->ready.end(), fd), ep->ready.end());
        }
        return false;
    }
    if (n.rfind("epoll_", 0) != 0 && !onEpoll)
    {
        return false;
    }
    if (n == "epoll_create")
    {
        // epoll_create(size): any positive size (it is only a hint), EINVAL otherwise.
        int64_t size = 0;
        if (IntArg(c, 0, size, o) && size <= 0)
        {
            o.ret = -1;
            o.errnoName = "EINVAL";
        }
        else if (o.failure.empty())
        {
            const int newFd = NewFd(c);
            m_files[newFd];
            m_epolls[newFd] = std::make_shared<Epoll>();
            o.ret = newFd;
        }
    }
    else if (n == "close")
    {
        m_epolls.erase(static_cast<int>(fd));
        m_files.erase(static_cast<int>(fd));
    }
    else if (n != "epoll_ctl" && n != "epoll_wait")
    {
        o.failure = n + "() on an epoll descriptor is not supported";
    }
    else if (Lookup(fd) == nullptr || !onEpoll)
    {
        o.ret = -1;
        o.errnoName = Lookup(fd) == nullptr ? "EBADF" : "EINVAL"; // not an epoll descriptor
    }
    else if (n == "epoll_ctl")
    {
        EpollCtl(c, *m_epolls[static_cast<int>(fd)], o);
    }
    else
    {
        EpollWait(c, *m_epolls[static_cast<int>(fd)], o);
    }
    done(o);
    return true;
}

void
FullTcpScriptSyscalls::EpollCtl(const FullTcpScriptCall& c, Epoll& ep, Outcome& o)
{
    // epoll_ctl(epfd, op, fd, {events=..., fd|ptr|u32|u64=...})
    int64_t op = 0;
    int64_t fd = 0;
    if (!IntArg(c, 1, op, o) || !IntArg(c, 2, fd, o))
    {
        return;
    }
    if (Lookup(fd) == nullptr)
    {
        o.ret = -1;
        o.errnoName = "EBADF";
        return;
    }
    if (m_epolls.count(static_cast<int>(fd)) != 0)
    {
        o.failure = "epoll_ctl: watching an epoll descriptor is not supported";
        return;
    }
    int64_t events = 0;
    int64_t data = 0;
    if (op != Constant("EPOLL_CTL_DEL"))
    {
        const FullTcpScriptExpr* ev =
            c.args.size() == 4 && c.args[3].kind == FullTcpScriptExpr::STRUCT
                ? Member(c.args[3], "events")
                : nullptr;
        const FullTcpScriptExpr* d = nullptr;
        for (const char* name : {"fd", "ptr", "u32", "u64"})
        {
            d = d != nullptr ? d : (c.args.size() == 4 ? Member(c.args[3], name) : nullptr);
        }
        if (ev == nullptr || d == nullptr || !Evaluate(*ev, events) || !Evaluate(*d, data))
        {
            o.failure = "epoll_ctl: the event must be {events=..., fd=N} (or ptr, u32, u64)";
            return;
        }
    }
    const uint32_t want = static_cast<uint32_t>(events);
    const auto item = ep.items.find(static_cast<int>(fd));
    const bool exclusive = (want & EPOLLEXCLUSIVE) != 0;
    // do_epoll_ctl(): EPOLLEXCLUSIVE only when adding, with EPOLLEXCLUSIVE_OK_BITS only.
    if (exclusive && (op == Constant("EPOLL_CTL_MOD") || (want & ~EXCLUSIVE_OK) != 0))
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
        return;
    }
    if (op == Constant("EPOLL_CTL_ADD") || op == Constant("EPOLL_CTL_MOD"))
    {
        const bool add = op == Constant("EPOLL_CTL_ADD");
        if (add == (item != ep.items.end())
            || (!add && (item->second.events & EPOLLEXCLUSIVE) != 0))
        {
            o.ret = -1;
            o.errnoName = add ? "EEXIST" : item == ep.items.end() ? "ENOENT" : "EINVAL";
            return;
        }
        // ep_insert(), ep_modify(): errors and hang-ups are always watched; the item is polled
        // at once and goes on the ready list if something is ready.
        Epoll::Item& it = ep.items[static_cast<int>(fd)];
        it.events = want | EPOLLERR | EPOLLHUP;
        it.data = data;
        if ((PollEvents(*Lookup(fd)) & it.events) != 0)
        {
            ep.MakeReady(static_cast<int>(fd));
        }
    }
    else if (op == Constant("EPOLL_CTL_DEL"))
    {
        if (item == ep.items.end())
        {
            o.ret = -1;
            o.errnoName = "ENOENT";
            return;
        }
        ep.items.erase(item);
        ep.ready.erase(std::remove(ep.ready.begin(), ep.ready.end(), fd), ep.ready.end());
    }
    else
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
    }
}

void
FullTcpScriptSyscalls::EpollWait(const FullTcpScriptCall& c, Epoll& ep, Outcome& o)
{
    // epoll_wait(epfd, events, maxevents, timeout)
    int64_t maxEvents = 0;
    int64_t timeout = 0;
    if (c.args.size() != 4 || !IntArg(c, 2, maxEvents, o) || !IntArg(c, 3, timeout, o))
    {
        o.failure = o.failure.empty() ? "epoll_wait: expected 4 arguments" : o.failure;
        return;
    }
    if (maxEvents <= 0)
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
        return;
    }
    // ep_send_events(): each item of the ready list is polled again; what is ready now is
    // reported; a level-triggered item goes back on the list, an edge-triggered one waits
    // for the next wakeup, a one-shot one is disabled. Items past maxevents stay ready.
    std::vector<std::pair<uint32_t, int64_t>> got;
    std::deque<int> scan;
    scan.swap(ep.ready);
    while (!scan.empty() && got.size() < static_cast<size_t>(maxEvents))
    {
        const int fd = scan.front();
        scan.pop_front();
        const auto item = ep.items.find(fd);
        const File* f = Lookup(fd);
        if (item == ep.items.end() || f == nullptr)
        {
            continue;
        }
        const uint32_t revents = PollEvents(*f) & item->second.events;
        if (revents == 0)
        {
            continue;
        }
        got.emplace_back(revents, item->second.data);
        if ((item->second.events & EPOLLONESHOT) != 0)
        {
            item->second.events &= PRIVATE_BITS;
        }
        else if ((item->second.events & EPOLLET) == 0)
        {
            ep.ready.push_back(fd);
        }
    }
    ep.ready.insert(ep.ready.begin(), scan.begin(), scan.end());
    if (got.empty() && timeout != 0)
    {
        o.failure = "epoll_wait: only a timeout of 0 is supported (nothing is ready)";
        return;
    }
    o.ret = static_cast<int64_t>(got.size());
    // The expected events: one {events=..., fd=...} or a list of them, checked in order.
    const FullTcpScriptExpr& want = c.args[1];
    std::vector<const FullTcpScriptExpr*> wanted;
    if (want.kind == FullTcpScriptExpr::STRUCT)
    {
        wanted.push_back(&want);
    }
    else if (want.kind == FullTcpScriptExpr::LIST)
    {
        for (const FullTcpScriptExpr& w : want.items)
        {
            wanted.push_back(&w);
        }
    }
    for (size_t i = 0; i < got.size() && i < wanted.size(); ++i)
    {
        const FullTcpScriptExpr* ev = Member(*wanted[i], "events");
        int64_t events = 0;
        if (ev != nullptr && ev->kind != FullTcpScriptExpr::ELLIPSIS
            && (!Evaluate(*ev, events) || static_cast<uint32_t>(events) != got[i].first))
        {
            std::ostringstream why;
            why << "epoll_wait: event " << i + 1 << " has events 0x" << std::hex << got[i].first;
            o.failure = why.str();
            return;
        }
        for (const char* name : {"fd", "ptr", "u32", "u64"})
        {
            const FullTcpScriptExpr* d = Member(*wanted[i], name);
            int64_t data = 0;
            if (d != nullptr && d->kind != FullTcpScriptExpr::ELLIPSIS
                && (!Evaluate(*d, data) || data != got[i].second))
            {
                o.failure = "epoll_wait: event " + std::to_string(i + 1) + " has " + name + " "
                          + std::to_string(got[i].second);
                return;
            }
        }
    }
}

} // namespace ns3
