/*
 * Script: descriptor calls besides sockets' own: fcntl, ioctl, and regular files by size
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpScriptSyscalls: fcntl(F_GETFL/F_SETFL) and ioctl(SIOCINQ) on a socket; and files. The
 * suite's sendfile scripts make a file of zeroes with a shell
 * command (`/bin/dd bs=1 count=N if=/dev/zero of=PATH`), open() it and sendfile() it to the
 * socket. The runner runs no shell and touches no disk: the commands it knows make and remove
 * files in a table of sizes, all zero bytes as packetdrill's payloads are; open() and
 * sendfile() read that table, and the bytes go to FullTcp as a write() of that many would.
 */
#include "fulltcp-script-syscalls.h"

#include <algorithm>
#include <cstdlib>

namespace ns3
{

bool
FullTcpScriptSyscalls::FileCommand(const std::vector<std::string>& words, std::string& note)
{
    if (words.empty())
    {
        return false;
    }
    const std::string program = words[0].substr(words[0].rfind('/') + 1);
    if (program == "rm")
    {
        // rm [-f] PATH...: the named files go (a missing one is an error only without -f,
        // which the runner does not model: it removes what it has).
        for (size_t i = 1; i < words.size(); ++i)
        {
            if (words[i][0] != '-')
            {
                m_disk.erase(words[i]);
                note += "removed " + words[i] + "; ";
            }
        }
        return true;
    }
    if (program != "dd")
    {
        return false;
    }
    // dd bs=B count=C if=/dev/zero of=PATH [status=none]: PATH holds B*C zero bytes.
    std::string in;
    std::string out;
    uint64_t bs = 512; // dd's default block size
    uint64_t count = 0;
    bool counted = false;
    for (size_t i = 1; i < words.size(); ++i)
    {
        const std::string& w = words[i];
        const size_t eq = w.find('=');
        const std::string key = w.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : w.substr(eq + 1);
        char* end = nullptr;
        if (key == "if")
        {
            in = value;
        }
        else if (key == "of")
        {
            out = value;
        }
        else if (key == "bs" || key == "count")
        {
            const uint64_t v = std::strtoull(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0')
            {
                return false; // sizes with suffixes (1K) are not modelled
            }
            (key == "bs" ? bs : count) = v;
            counted = counted || key == "count";
        }
        else if (key != "status")
        {
            return false;
        }
    }
    if (in != "/dev/zero" || out.empty() || !counted)
    {
        return false; // only files of zeroes, of a given size, are modelled
    }
    m_disk[out] = bs * count;
    note += "made " + out + " (" + std::to_string(bs * count) + " zero bytes); ";
    return true;
}

bool
FullTcpScriptSyscalls::FileCall(const FullTcpScriptCall& c,
                                int64_t fd,
                                std::function<bool(Outcome&)>& attempt,
                                Outcome& o)
{
    if (c.name == "open")
    {
        // open(PATH, O_RDONLY): a file the script made; reading is all sendfile() does.
        int64_t flags = 0;
        if (c.args.size() != 2 || c.args[0].kind != FullTcpScriptExpr::STRING
            || !IntArg(c, 1, flags, o) || flags != Constant("O_RDONLY"))
        {
            o.failure =
                o.failure.empty() ? "open: only open(\"PATH\", O_RDONLY) is supported" : o.failure;
            return false;
        }
        const auto file = m_disk.find(c.args[0].text);
        if (file == m_disk.end())
        {
            o.ret = -1;
            o.errnoName = "ENOENT";
            return false;
        }
        const int newFd = NewFd(c);
        m_regular[newFd] = file->second;
        o.ret = newFd;
        return false;
    }
    // sendfile(out_fd, in_fd, [offset], count): do_sendfile() reads from in_fd at *offset
    // (packetdrill passes an offset always; the file position is then left as it is).
    int64_t in = 0;
    int64_t count = 0;
    int64_t offset = 0;
    if (c.args.size() != 4 || !IntArg(c, 1, in, o) || !IntArg(c, 3, count, o))
    {
        o.failure =
            o.failure.empty() ? "sendfile: expected sendfile(out, in, [offset], count)" : o.failure;
        return false;
    }
    if (c.args[2].kind != FullTcpScriptExpr::LIST || !Evaluate(c.args[2], offset))
    {
        o.failure = "sendfile: the offset must be [integer]";
        return false;
    }
    const auto file = m_regular.find(static_cast<int>(in));
    if (file == m_regular.end())
    {
        o.ret = -1;
        o.errnoName = "EBADF";
        return false;
    }
    if (count < 0 || offset < 0)
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
        return false;
    }
    const uint64_t size = file->second;
    const uint64_t left = size > static_cast<uint64_t>(offset) ? size - offset : 0;
    const auto bytes =
        static_cast<uint32_t>(std::min<uint64_t>({static_cast<uint64_t>(count), left, INT32_MAX}));
    if (bytes == 0)
    {
        o.ret = 0; // at or past the end of the file
        return false;
    }
    // The bytes go to the socket as a write() of as many would, blocking likewise.
    auto written = std::make_shared<uint32_t>(0);
    attempt = [this, fd, bytes, written](Outcome& out)
    {
        return Write(fd, bytes, *written, out);
    };
    return true;
}

bool
FullTcpScriptSyscalls::Fcntl(const FullTcpScriptCall& c, int64_t fd, Outcome& o)
{
    File& f = *Lookup(fd);
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
FullTcpScriptSyscalls::Ioctl(const FullTcpScriptCall& c, int64_t fd, Outcome& o)
{
    // SIOCINQ (FIONREAD): the bytes a read would return now; EINVAL on a listener (Linux
    // tcp_ioctl(), tcp_inq()).
    const File& f = *Lookup(fd);
    int64_t cmd = 0;
    if (!IntArg(c, 1, cmd, o))
    {
        return true;
    }
    if (cmd != Constant("SIOCINQ") || c.args.size() != 3
        || c.args[2].kind != FullTcpScriptExpr::LIST || c.args[2].items.size() != 1)
    {
        o.failure = "ioctl: only ioctl(fd, SIOCINQ, [N]) is supported";
        return true;
    }
    if (f.listening)
    {
        o.ret = -1;
        o.errnoName = "EINVAL";
        return true;
    }
    const FullTcpScriptExpr& want = c.args[2].items[0];
    const int64_t have = f.socket->GetRxAvailable();
    int64_t expected = 0;
    if (want.kind != FullTcpScriptExpr::ELLIPSIS && (!Evaluate(want, expected) || expected != have))
    {
        o.failure = "ioctl(SIOCINQ): expected [" + std::to_string(expected) + "] but got ["
                  + std::to_string(have) + "]";
    }
    return true;
}

} // namespace ns3
