/*
 * Example: smallest FullTcp program, stock BulkSend to PacketSink over a point-to-point link
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-minimal — the smallest complete FullTcp program (doc/using.rst, "Using FullTcp").
 *
 * Two nodes on a point-to-point link; ns-3's stock BulkSend sends 1 MB over FullTcp to a
 * stock PacketSink. The client's state transitions are printed with their causes, and the
 * link is written to fulltcp-minimal-*.pcap (checksums on, so Wireshark verifies them).
 *
 *   ./fulltcp-minimal [--maxBytes=N] [--ipv6]
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iostream>

using namespace ns3;

namespace
{

/// Prints every state transition of the client's connections.
void
PrintTransition(uint32_t,
                const Address& local,
                const Address& remote,
                FullTcpState from,
                FullTcpState to,
                FullTcpStateCause cause)
{
    std::cout << Simulator::Now().As(Time::S) << "  " << FullTcpStateLog::FormatAddress(local)
              << " > " << FullTcpStateLog::FormatAddress(remote) << "  " << from << " -> " << to
              << "  (" << cause << ")\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t maxBytes = 1000000;
    bool ipv6 = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("maxBytes", "bytes BulkSend sends", maxBytes);
    cmd.AddValue("ipv6", "use IPv6 instead of IPv4", ipv6);
    cmd.Parse(argc, argv);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true)); // real checksums in the pcaps

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devices = p2p.Install(nodes);

    InternetStackHelper internet; // IPv4, IPv6, ARP, ICMP, UDP, ns-3's TCP
    internet.Install(nodes);
    FullTcpHelper fulltcp; // FullTcp at IP protocol 6: it takes over TCP on these nodes
    fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(1448)); // ns-3's default is 536
    fulltcp.Install(nodes);

    Address server;
    Address any;
    if (ipv6)
    {
        Ipv6AddressHelper address;
        address.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer interfaces = address.Assign(devices);
        server = Inet6SocketAddress(interfaces.GetAddress(1, 1), 9);
        any = Inet6SocketAddress(Ipv6Address::GetAny(), 9);
    }
    else
    {
        Ipv4AddressHelper address("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = address.Assign(devices);
        server = InetSocketAddress(interfaces.GetAddress(1), 9);
        any = InetSocketAddress(Ipv4Address::GetAny(), 9);
    }

    PacketSinkHelper sink("ns3::FullTcpSocketFactory", any);
    ApplicationContainer sinkApp = sink.Install(nodes.Get(1));
    sinkApp.Start(Seconds(0.5));
    BulkSendHelper bulk("ns3::FullTcpSocketFactory", server);
    bulk.SetAttribute("MaxBytes", UintegerValue(maxBytes));
    bulk.SetAttribute("SendSize", UintegerValue(10000));
    ApplicationContainer bulkApp = bulk.Install(nodes.Get(0));
    bulkApp.Start(Seconds(1));

    nodes.Get(0)->GetObject<FullTcpL4Protocol>()->TraceConnectWithoutContext(
        "StateChange", MakeCallback(&PrintTransition));
    p2p.EnablePcapAll("fulltcp-minimal");

    Simulator::Stop(Seconds(300)); // past the client's TIME_WAIT (2·MSL = 240 s)
    Simulator::Run();
    std::cout << "PacketSink received " << DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx()
              << " of " << maxBytes << " bytes\n";
    Simulator::Destroy();
    return 0;
}
