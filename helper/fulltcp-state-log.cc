/*
 * Helper: StateChange trace sink writing and flushing one CSV row per transition
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-state-log.h"

#include "ns3/abort.h"
#include "ns3/callback.h"
#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket.h"

#include <cinttypes>
#include <cstdio>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpStateLog");

FullTcpStateLog::FullTcpStateLog(const std::string& path) : m_file(path)
{
    NS_ABORT_MSG_IF(!m_file, "FullTcpStateLog: cannot write \"" << path << "\"");
    m_file << HEADER << "\n" << std::flush;
}

void
FullTcpStateLog::Attach(Ptr<FullTcpL4Protocol> tcp)
{
    tcp->TraceConnectWithoutContext(
        "StateChange", MakeCallback(&FullTcpStateLog::Write, Ptr<FullTcpStateLog>(this)));
}

void
FullTcpStateLog::Write(uint32_t nodeId,
                       const Address& local,
                       const Address& remote,
                       FullTcpState from,
                       FullTcpState to,
                       FullTcpStateCause cause)
{
    // Integer nanoseconds, printed exactly (a double would round the ninth decimal).
    const int64_t ns = Simulator::Now().GetNanoSeconds();
    char time[32];
    std::snprintf(time, sizeof(time), "%" PRId64 ".%09" PRId64, ns / 1000000000, ns % 1000000000);
    m_file << time << "," << nodeId << "," << FormatAddress(local) << "," << FormatAddress(remote)
           << "," << TcpSocket::TcpStateName[static_cast<uint32_t>(from)] << ","
           << TcpSocket::TcpStateName[static_cast<uint32_t>(to)] << ","
           << FullTcpStateCauseName(cause) << "\n"
           << std::flush;
}

std::string
FullTcpStateLog::FormatAddress(const Address& address)
{
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(address))
    {
        const InetSocketAddress a = InetSocketAddress::ConvertFrom(address);
        os << a.GetIpv4() << ":" << a.GetPort();
    }
    else if (Inet6SocketAddress::IsMatchingType(address))
    {
        const Inet6SocketAddress a = Inet6SocketAddress::ConvertFrom(address);
        os << "[" << a.GetIpv6() << "]:" << a.GetPort();
    }
    else
    {
        os << address;
    }
    return os.str();
}

} // namespace ns3
