/*
 * Example: transfer, closed-port and last-ACK-lost scenarios on ns-3 TCP and on FullTcp
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-vs-ns3-tcp — the same scenarios on ns-3's own TCP and on FullTcp, side by side.
 *
 * Each scenario runs twice on an identical link, application and loss pattern: once with
 * ns-3's TcpL4Protocol (InternetStackHelper alone), once with FullTcp taking over IP
 * protocol 6 (FullTcpHelper). The application uses only the ns-3 Socket API, so the only
 * difference is the TCP. Scenarios:
 *  - transfer: --bytes from client to server with the server's device losing the packets
 *    listed in --lossList (indices in its reception order), then a normal close;
 *  - closed-port: connect to a port nobody listens on (RST in SYN_SENT);
 *  - last-ack-lost: connect and close; the client's last ACK is lost, so the server
 *    retransmits its FIN and the client, in TIME_WAIT, acknowledges it again.
 * Measured: time to connect (Connect() until the client leaves SYN_SENT, connected or
 * refused), time to close
 * (the client's Close() to its TIME_WAIT or CLOSED), segments on the link (both
 * directions), retransmissions on the link (a segment whose sequence space was already
 * sent), and the bytes the server read. Pcaps of every run go to --outDir.
 *
 * With --congestion=NAME (any ns-3 TcpCongestionOps: ns3::TcpCubic, ns3::TcpBbr, ...) a
 * fourth scenario, "congestion", runs that one algorithm on both stacks: ns-3's TCP creates
 * its sockets with it (TcpL4Protocol SocketType), FullTcp drives it through its adapter
 * (the CongestionControl attribute, FullTcpNs3Congestion). --congestionBytes go over the same
 * bottleneck (the 10 Mb/s link and its device queue) with --lossRate of the packets the
 * server's device receives dropped at random (the same seeded draws on both runs). Printed
 * for each stack: bytes delivered, goodput, retransmissions, cwnd (minimum, time-weighted
 * mean, maximum); both cwnd traces go to DIR/congestion-cwnd.csv (time,tcp,cwnd).
 *
 *   ./fulltcp-vs-ns3-tcp [--bytes=100000] [--lossList=5,6,30] [--outDir=DIR]
 *                        [--congestion=ns3::TcpBbr] [--congestionBytes=2000000]
 *                        [--lossRate=0.005]
 */
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/ppp-header.h"
#include "ns3/system-path.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpVsNs3TcpExample");

namespace
{

/// A scenario: what the link loses and what the client does.
struct Scenario
{
    std::string name;
    std::list<uint32_t> serverRxLoss; //!< indices of packets the server's device loses
    uint32_t bytes;                   //!< bytes the client sends
    bool listening;                   //!< a server listens on the port
    std::string congestion {};        //!< ns-3 algorithm on both stacks ("": their defaults)
    double lossRate {0};              //!< random loss at the server's device (congestion)
};

/// What one run measured.
struct Result
{
    Time connectAt {Seconds(-1)};
    Time connectTime {Seconds(-1)};
    Time closeCall {Seconds(-1)};
    Time closeTime {Seconds(-1)};
    uint32_t segments {0};
    uint32_t retransmissions {0};
    uint64_t delivered {0};
    std::optional<uint32_t> highest[2];          //!< per direction: end of the sequence space sent
    Time lastRx {Seconds(-1)};                   //!< when the server read its last byte
    std::vector<std::pair<Time, uint32_t>> cwnd; //!< the client's cwnd, every change
};

Result* g_result = nullptr; // the run in progress
uint32_t g_toSend = 0;

/// MacTx sink of each device (context: the direction): count segments and retransmissions.
void
OnMacTx(std::string dir, Ptr<const Packet> packet)
{
    Ptr<Packet> p = packet->Copy();
    PppHeader ppp;
    p->RemoveHeader(ppp);
    Ipv4Header ip;
    p->RemoveHeader(ip);
    if (ip.GetProtocol() != 6)
    {
        return;
    }
    TcpHeader tcp;
    p->RemoveHeader(tcp);
    ++g_result->segments;
    // Sequence space: payload, SYN and FIN count (RFC 9293 §3.4); a pure ACK has none.
    const uint32_t space = p->GetSize() + ((tcp.GetFlags() & TcpHeader::SYN) ? 1 : 0)
                         + ((tcp.GetFlags() & TcpHeader::FIN) ? 1 : 0);
    if (space == 0)
    {
        return;
    }
    const uint32_t end = tcp.GetSequenceNumber().GetValue() + space;
    std::optional<uint32_t>& highest = g_result->highest[std::stoul(dir)];
    if (highest && static_cast<int32_t>(end - *highest) <= 0)
    {
        ++g_result->retransmissions; // nothing new: all of it was sent before
        return;
    }
    highest = end;
}

void
OnClientState(TcpSocket::TcpStates_t old, TcpSocket::TcpStates_t now)
{
    if (old == TcpSocket::SYN_SENT)
    {
        // Connected or refused: the same for both TCPs (ns-3's reports a refusal through
        // no callback, FullTcp through the error callback).
        g_result->connectTime = Simulator::Now() - g_result->connectAt;
    }
    if (g_result->closeCall.IsPositive() && g_result->closeTime.IsNegative()
        && (now == TcpSocket::TIME_WAIT || now == TcpSocket::CLOSED))
    {
        g_result->closeTime = Simulator::Now() - g_result->closeCall;
    }
}

void
SendMore(Ptr<Socket> s, uint32_t)
{
    while (g_toSend > 0 && s->GetTxAvailable() > 0)
    {
        const int n = s->Send(Create<Packet>(std::min(g_toSend, s->GetTxAvailable())));
        if (n <= 0)
        {
            return;
        }
        g_toSend -= n;
    }
    if (g_toSend == 0 && g_result->closeCall.IsNegative())
    {
        g_result->closeCall = Simulator::Now();
        s->Close();
    }
}

void
OnConnectDone(Ptr<Socket> s)
{
    s->SetSendCallback(MakeCallback(&SendMore));
    SendMore(s, 0);
}

/// The server closes 50 ms after the client's FIN, so its FIN is a segment of its own.
/// ns-3's TCP reports the FIN through the normal-close callback, FullTcp as end of file
/// (Recv() returns 0 bytes, as read() does): whichever comes first.
void
OnServerEof(Ptr<Socket> s)
{
    s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                         MakeNullCallback<void, Ptr<Socket>>());
    s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    Simulator::Schedule(MilliSeconds(50),
                        [s]()
                        {
                            s->Close();
                        });
}

void
OnServerRecv(Ptr<Socket> s)
{
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            OnServerEof(s);
            return;
        }
        g_result->delivered += p->GetSize();
        g_result->lastRx = Simulator::Now();
    }
}

/// CongestionWindow sink (both stacks have the trace source, with the same signature).
void
OnCwnd(uint32_t, uint32_t now)
{
    g_result->cwnd.emplace_back(Simulator::Now(), now);
}

void
OnAccept(Ptr<Socket> s, const Address&)
{
    s->SetRecvCallback(MakeCallback(&OnServerRecv));
    s->SetCloseCallbacks(MakeCallback(&OnServerEof), MakeNullCallback<void, Ptr<Socket>>());
}

Result
Simulate(const Scenario& sc, bool useFullTcp, const std::string& outDir)
{
    Result result;
    g_result = &result;
    g_toSend = sc.bytes;
    NodeContainer nodes(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    if (useFullTcp)
    {
        FullTcpHelper fulltcp; // at IP protocol 6: takes over from ns-3's TCP
        fulltcp.Install(nodes);
        FullTcpHelper::AssignStreams(nodes, 1);
    }
    Ipv4AddressHelper v4("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = v4.Assign(devices);
    if (sc.lossRate > 0)
    {
        Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
        loss->SetAttribute("ErrorRate", DoubleValue(sc.lossRate));
        loss->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        loss->AssignStreams(7); // the same draws for both stacks
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    }
    else
    {
        Ptr<ReceiveListErrorModel> loss = CreateObject<ReceiveListErrorModel>();
        loss->SetList(sc.serverRxLoss);
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    }
    if (!sc.congestion.empty() && !useFullTcp)
    {
        // ns-3's TCP creates its sockets with the algorithm (TcpL4Protocol SocketType).
        nodes.Get(0)->GetObject<TcpL4Protocol>()->SetAttribute(
            "SocketType", TypeIdValue(TypeId::LookupByName(sc.congestion)));
    }
    for (uint32_t i = 0; i < 2; ++i)
    {
        devices.Get(i)->TraceConnect("MacTx", std::to_string(i), MakeCallback(&OnMacTx));
    }
    p2p.EnablePcap(outDir + "/" + sc.name + (useFullTcp ? "-fulltcp.pcap" : "-ns3tcp.pcap"),
                   devices.Get(0),
                   false,
                   true);

    const TypeId tid =
        useFullTcp ? FullTcpSocketFactory::GetTypeId() : TcpSocketFactory::GetTypeId();
    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(1), tid);
    if (sc.listening)
    {
        listener->SetAttribute("SegmentSize", UintegerValue(1448));
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&OnAccept));
    }
    Ptr<Socket> client = Socket::CreateSocket(nodes.Get(0), tid);
    client->SetAttribute("SegmentSize", UintegerValue(1448));
    if (!sc.congestion.empty() && useFullTcp)
    {
        if (!client->SetAttributeFailSafe("CongestionControl", StringValue(sc.congestion)))
        {
            std::cerr << "--congestion: FullTcp cannot run \"" << sc.congestion << "\"\n";
            std::exit(1);
        }
    }
    client->TraceConnectWithoutContext("State", MakeCallback(&OnClientState));
    client->TraceConnectWithoutContext("CongestionWindow", MakeCallback(&OnCwnd));
    client->SetConnectCallback(MakeCallback(&OnConnectDone), MakeNullCallback<void, Ptr<Socket>>());
    Simulator::Schedule(Seconds(1),
                        [&]()
                        {
                            result.connectAt = Simulator::Now();
                            client->Connect(InetSocketAddress(ifs.GetAddress(1), 80));
                        });
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    Simulator::Destroy();
    g_result = nullptr;
    return result;
}

/// \param t a duration, negative when it did not happen \return it in ms, or "-"
std::string
Ms(Time t)
{
    if (t.IsNegative())
    {
        return "-";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << t.GetSeconds() * 1000 << " ms";
    return os.str();
}

/// cwnd summary of a run: minimum, mean weighted by time until the last byte, maximum.
std::string
CwndSummary(const Result& r)
{
    if (r.cwnd.empty())
    {
        return "cwnd -";
    }
    uint32_t lo = r.cwnd.front().second;
    uint32_t hi = lo;
    double area = 0;
    const Time end = std::max(r.lastRx, r.cwnd.back().first);
    for (size_t i = 0; i < r.cwnd.size(); ++i)
    {
        lo = std::min(lo, r.cwnd[i].second);
        hi = std::max(hi, r.cwnd[i].second);
        const Time until = i + 1 < r.cwnd.size() ? std::min(r.cwnd[i + 1].first, end) : end;
        if (until > r.cwnd[i].first)
        {
            area += r.cwnd[i].second * (until - r.cwnd[i].first).GetSeconds();
        }
    }
    const double span = (end - r.cwnd.front().first).GetSeconds();
    std::ostringstream os;
    os << "cwnd min " << lo << " mean " << static_cast<uint64_t>(span > 0 ? area / span : lo)
       << " max " << hi << " bytes";
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t bytes = 100000;
    std::string lossList = "5,6,30";
    std::string outDir = "fulltcp-vs-ns3-tcp-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("bytes", "bytes of the transfer scenario", bytes);
    cmd.AddValue(
        "lossList", "packets the server's device loses in the transfer (indices)", lossList);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    std::string congestion;
    uint32_t congestionBytes = 2000000;
    double lossRate = 0.005;
    cmd.AddValue("congestion",
                 "an ns-3 TcpCongestionOps (ns3::TcpBbr, ns3::TcpCubic, ...): run it on both "
                 "stacks over the lossy bottleneck",
                 congestion);
    cmd.AddValue("congestionBytes", "bytes of the congestion scenario", congestionBytes);
    cmd.AddValue("lossRate", "random loss of the congestion scenario", lossRate);
    cmd.Parse(argc, argv);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    SystemPath::MakeDirectories(outDir); // with its parents

    std::list<uint32_t> losses;
    std::istringstream is(lossList);
    for (std::string item; std::getline(is, item, ',');)
    {
        losses.push_back(std::stoul(item));
    }
    // In last-ack-lost the server receives SYN (0), the third ACK (1), FIN (2), last ACK (3).
    const std::vector<Scenario> scenarios = {{"transfer", losses, bytes, true},
                                             {"closed-port", {}, 0, false},
                                             {"last-ack-lost", {3}, 0, true}};
    std::cout << std::left << std::setw(15) << "scenario" << std::setw(9) << "TCP" << std::setw(12)
              << "connect" << std::setw(12) << "close" << std::setw(10) << "segments"
              << std::setw(9) << "retrans"
              << "delivered\n";
    for (const Scenario& sc : scenarios)
    {
        for (bool useFullTcp : {false, true})
        {
            const Result r = Simulate(sc, useFullTcp, outDir);
            std::cout << std::setw(15) << sc.name << std::setw(9)
                      << (useFullTcp ? "FullTcp" : "ns-3") << std::setw(12) << Ms(r.connectTime)
                      << std::setw(12) << Ms(r.closeTime) << std::setw(10) << r.segments
                      << std::setw(9) << r.retransmissions << r.delivered << "\n";
        }
    }
    if (!congestion.empty())
    {
        TypeId tid;
        if (!TypeId::LookupByNameFailSafe(congestion, &tid)
            && !TypeId::LookupByNameFailSafe("ns3::" + congestion, &tid))
        {
            std::cerr << "--congestion: no ns-3 TypeId is called \"" << congestion << "\"\n";
            return 1;
        }
        congestion = tid.GetName();
        Scenario sc {"congestion", {}, congestionBytes, true, congestion, lossRate};
        std::cout << "\ncongestion: " << congestion << " on both stacks, " << congestionBytes
                  << " bytes over 10 Mb/s, 10 ms, " << lossRate * 100 << " % loss\n";
        std::ofstream csv(outDir + "/congestion-cwnd.csv");
        csv << "time,tcp,cwnd\n";
        for (bool useFullTcp : {false, true})
        {
            const Result r = Simulate(sc, useFullTcp, outDir);
            const char* stack = useFullTcp ? "FullTcp" : "ns-3";
            const double seconds = (r.lastRx - r.connectAt).GetSeconds();
            std::cout << congestion << " on " << stack << ": delivered " << r.delivered << " of "
                      << congestionBytes << " bytes, goodput " << std::fixed << std::setprecision(2)
                      << (r.lastRx.IsPositive() && seconds > 0 ? r.delivered * 8 / seconds / 1e6
                                                               : 0.0)
                      << " Mb/s, " << r.retransmissions << " retransmissions, " << CwndSummary(r)
                      << "\n";
            for (const auto& [t, w] : r.cwnd)
            {
                csv << std::setprecision(6) << t.GetSeconds() << "," << stack << "," << w << "\n";
            }
        }
    }
    std::cout << "\nOutputs in " << outDir << "/\n";
    return 0;
}
