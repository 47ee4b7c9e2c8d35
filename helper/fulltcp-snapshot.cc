/*
 * Helper: collect a node's sockets and TIME_WAIT records, sort and print the ss table
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-snapshot.h"

#include "fulltcp-state-log.h"

#include "ns3/fulltcp-l4-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpSnapshot");

namespace
{

/// \param key an address \param port a port (0: a listener's unknown peer) \return ss's form
std::string
Endpoint(const FullTcpIpKey& key, uint16_t port)
{
    const std::string s = FullTcpStateLog::FormatAddress(key.ToSocketAddress(port));
    return port == 0 ? s.substr(0, s.rfind(':')) + ":*" : s;
}

} // namespace

const char*
FullTcpSnapshot::SsStateName(FullTcpState state)
{
    // iproute2 ss.c sstate_name[].
    switch (state)
    {
    case FullTcpState::CLOSED:
        return "UNCONN";
    case FullTcpState::LISTEN:
        return "LISTEN";
    case FullTcpState::SYN_SENT:
        return "SYN-SENT";
    case FullTcpState::SYN_RCVD:
        return "SYN-RECV";
    case FullTcpState::ESTABLISHED:
        return "ESTAB";
    case FullTcpState::CLOSE_WAIT:
        return "CLOSE-WAIT";
    case FullTcpState::LAST_ACK:
        return "LAST-ACK";
    case FullTcpState::FIN_WAIT_1:
        return "FIN-WAIT-1";
    case FullTcpState::FIN_WAIT_2:
        return "FIN-WAIT-2";
    case FullTcpState::CLOSING:
        return "CLOSING";
    case FullTcpState::TIME_WAIT:
        return "TIME-WAIT";
    }
    return "UNKNOWN";
}

std::vector<FullTcpSocketInfo>
FullTcpSnapshot::Collect(Ptr<Node> node)
{
    std::vector<FullTcpSocketInfo> rows;
    Ptr<FullTcpL4Protocol> tcp = node ? node->GetObject<FullTcpL4Protocol>() : nullptr;
    if (!tcp)
    {
        return rows;
    }
    tcp->ForEachConnection(
        [&rows](Ptr<const FullTcpSocket> socket)
        {
            rows.push_back(socket->GetInfo());
        },
        [&rows](const FullTcpFourTuple& tuple, FullTcpState state)
        {
            FullTcpSocketInfo info;
            info.state = state;
            info.tuple = tuple;
            rows.push_back(info);
        });
    // The demux is a hash table: sort, so that a table reads (and compares) the same
    // from run to run.
    auto key = [](const FullTcpSocketInfo& i)
    {
        return std::make_tuple(i.state != FullTcpState::LISTEN,
                               Endpoint(i.tuple.localAddress, i.tuple.localPort),
                               Endpoint(i.tuple.remoteAddress, i.tuple.remotePort));
    };
    std::sort(rows.begin(),
              rows.end(),
              [&key](const FullTcpSocketInfo& a, const FullTcpSocketInfo& b)
              {
                  return key(a) < key(b);
              });
    return rows;
}

void
FullTcpSnapshot::Print(Ptr<Node> node, std::ostream& os)
{
    const std::vector<FullTcpSocketInfo> rows = Collect(node);
    // Address columns as wide as the widest address, as ss does.
    size_t width = std::string("Local Address:Port").size();
    for (const auto& r : rows)
    {
        width = std::max({width,
                          Endpoint(r.tuple.localAddress, r.tuple.localPort).size(),
                          Endpoint(r.tuple.remoteAddress, r.tuple.remotePort).size()});
    }
    os << std::left << std::setw(11) << "State" << std::right << std::setw(7) << "Recv-Q"
       << std::setw(7) << "Send-Q"
       << " " << std::left << std::setw(width) << "Local Address:Port"
       << " " << std::setw(width) << "Peer Address:Port" << std::right << std::setw(8) << "cwnd"
       << std::setw(9) << "rto" << std::setw(8) << "retrans"
       << "\n";
    for (const auto& r : rows)
    {
        std::ostringstream rto;
        if (r.rto)
        {
            rto << r.rto->GetMilliSeconds();
        }
        os << std::left << std::setw(11) << SsStateName(r.state) << std::right << std::setw(7)
           << r.recvQ << std::setw(7) << r.sendQ << " " << std::left << std::setw(width)
           << Endpoint(r.tuple.localAddress, r.tuple.localPort) << " " << std::setw(width)
           << Endpoint(r.tuple.remoteAddress, r.tuple.remotePort) << std::right << std::setw(8)
           << (r.cwnd ? std::to_string(*r.cwnd) : "-") << std::setw(9) << (r.rto ? rto.str() : "-")
           << std::setw(8) << r.retransmissions << "\n";
    }
    os << std::flush;
}

} // namespace ns3
