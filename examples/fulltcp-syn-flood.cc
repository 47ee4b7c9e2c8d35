/*
 * Example: spoofed SYN flood with no limit, a SYN backlog, and SYN cookies (RFC 4987)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-syn-flood — a listener under a SYN flood (RFC 4987), three ways.
 *
 * The tutorials' 原因四: every SYN makes the server keep a half-open connection (SYN_RCVD)
 * and retransmit its SYN-ACK, so SYNs from spoofed addresses that never complete the
 * handshake cost the server memory and segments. An attacker (a FullTcpRawPeer, which
 * sends hand-made segments) sends --synCount SYNs from addresses nobody holds while a
 * legitimate client connects. The same run is repeated with:
 *  - no limit: every SYN gets a half-open child (Linux would cap at somaxconn; here the
 *    SYN queue is set larger than the flood): the client gets in, at the price of one
 *    child per spoofed SYN;
 *  - a backlog limit (SynQueueLimit --backlog, no cookies): the server's memory is safe,
 *    but once the queue is full the client's SYN is dropped too: it is kept out;
 *  - the limit and SYN cookies (RFC 4987 §3.6): a full queue answers SYNs statelessly, so
 *    the client gets in at once and the flood costs no memory.
 * A table compares them. Each run writes `<run>.pcap` (the server's side) and
 * `<run>-states.csv` into --outDir. The timeline follows the flood: it starts at 1 s, one SYN
 * every --synInterval; the client connects when half of it is sent; the SYN queue is sampled
 * until the flood ends, and the run stops 6.4 s after that (the client's SYN retries at 1, 2
 * and 4 s fit in it: RFC 6298 §2.1, §5.5).
 *
 *   ./fulltcp-syn-flood [--synCount=300] [--synInterval=2ms] [--backlog=64] [--outDir=DIR]
 */
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/fulltcp-raw-peer.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/system-path.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpSynFloodExample");

namespace
{

/// One run's settings and what it measured.
struct Run
{
    std::string name;
    uint32_t synQueueLimit;
    bool cookies;
    uint32_t peakHalfOpen {0};
    uint64_t dropped {0};
    uint64_t cookiesSent {0};
    Time connectedAt {Seconds(-1)};
};

/// The attacker's SYN number i, from a spoofed address of the segment (10.1.1.100-199).
void
SendSyn(Ptr<FullTcpRawPeer> attacker, Ipv4Address server, uint32_t i)
{
    FullTcpHeader syn;
    syn.SetSourcePort(static_cast<uint16_t>(1024 + i));
    syn.SetDestinationPort(80);
    syn.SetSequenceNumber(1000 * i);
    syn.SetFlags(FullTcpHeader::SYN);
    syn.SetWindow(65535);
    syn.Options().SetMss(1460);
    attacker->Send(
        syn, Create<Packet>(), Ipv4Address(Ipv4Address("10.1.1.100").Get() + i % 100), server);
}

void
Simulate(Run& run, uint32_t synCount, Time interval, const std::string& outDir)
{
    // Three nodes on one Ethernet: 0 client, 1 server (both FullTcp), 2 the attacker.
    NodeContainer nodes(3);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
    NetDeviceContainer devices = csma.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    FullTcpHelper fulltcp;
    fulltcp.SetSocketAttribute("SynQueueLimit", UintegerValue(run.synQueueLimit));
    fulltcp.SetSocketAttribute("SynCookies", BooleanValue(run.cookies));
    fulltcp.SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1)));
    fulltcp.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
    Ptr<FullTcpRawPeer> attacker = CreateObject<FullTcpRawPeer>();
    nodes.Get(2)->AggregateObject(attacker);
    FullTcpHelper::AssignStreams(nodes, 1);
    Ipv4AddressHelper v4("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = v4.Assign(devices);
    csma.EnablePcap(outDir + "/" + run.name + ".pcap", devices.Get(1), false, true);
    fulltcp.EnableStateLog(outDir + "/" + run.name + "-states.csv");

    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(1), FullTcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    listener->Listen();
    Ptr<FullTcpSocket> fullListener = DynamicCast<FullTcpSocket>(listener);
    const Time floodEnd = Seconds(1) + interval * synCount;
    for (uint32_t i = 0; i < synCount; ++i)
    {
        Simulator::Schedule(Seconds(1) + interval * i, &SendSyn, attacker, ifs.GetAddress(1), i);
    }
    // Sample the SYN queue every 10 ms for its peak, while the flood lasts and 1 s after.
    for (Time t = Seconds(1); t < floodEnd + Seconds(1); t += MilliSeconds(10))
    {
        Simulator::Schedule(t,
                            [&run, fullListener]()
                            {
                                run.peakHalfOpen =
                                    std::max(run.peakHalfOpen, fullListener->GetSynQueueLength());
                            });
    }
    Ptr<Socket> client = Socket::CreateSocket(nodes.Get(0), FullTcpSocketFactory::GetTypeId());
    client->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                   [&run](Ptr<Socket> s)
                                   {
                                       run.connectedAt = Simulator::Now();
                                       s->Close();
                                   }),
                               MakeNullCallback<void, Ptr<Socket>>());
    const InetSocketAddress server(ifs.GetAddress(1), 80);
    Simulator::Schedule(Seconds(1) + interval * (synCount / 2),
                        [=]()
                        {
                            client->Connect(server);
                        });

    Simulator::Stop(floodEnd + Seconds(6.4));
    Simulator::Run();
    Ptr<FullTcpL4Protocol> tcp = nodes.Get(1)->GetObject<FullTcpL4Protocol>();
    run.dropped = tcp->GetListenDrops(FullTcpListenDrop::SYN_QUEUE_FULL);
    run.cookiesSent = tcp->GetSynCookiesSent();
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t synCount = 300;
    Time synInterval = MilliSeconds(2);
    uint32_t backlog = 64;
    std::string outDir = "fulltcp-syn-flood-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("synCount", "spoofed SYNs, one every synInterval from t = 1 s", synCount);
    cmd.AddValue("synInterval", "time between two spoofed SYNs", synInterval);
    cmd.AddValue("backlog", "SYN queue limit of the limited runs", backlog);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    SystemPath::MakeDirectories(outDir); // with its parents

    std::vector<Run> runs = {{"no-limit", synCount + 100, false},
                             {"backlog", backlog, false},
                             {"backlog-cookies", backlog, true}};
    for (Run& run : runs)
    {
        Simulate(run, synCount, synInterval, outDir);
    }
    std::cout << std::left << std::setw(17) << "run" << std::setw(11) << "SYN queue"
              << std::setw(14) << "peak half-open" << std::setw(13) << " SYNs dropped"
              << std::setw(14) << " cookies sent"
              << "  client connected\n";
    for (const Run& r : runs)
    {
        std::cout << std::setw(17) << r.name << std::setw(11) << r.synQueueLimit << std::setw(14)
                  << r.peakHalfOpen << std::setw(13) << r.dropped << std::setw(14) << r.cookiesSent
                  << "  "
                  << (r.connectedAt.IsPositive()
                          ? "at " + std::to_string(r.connectedAt.GetSeconds()) + " s"
                          : std::string("never (kept out)"))
                  << "\n";
    }
    std::cout << "\nOutputs in " << outDir << "/\n";
    return 0;
}
