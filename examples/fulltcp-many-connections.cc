/*
 * Example: scale benchmark, N concurrent connections between two nodes (default 10,000)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-many-connections — the scale benchmark: N concurrent connections between two
 * nodes (default 10,000; ns-3's own TCP takes ~48 s of wall time for that, its endpoint
 * demux being a list scanned per packet). Each connection carries `bytes` bytes and closes;
 * the program prints the wall time, the bytes delivered and how many connections closed
 * normally, and exits with status 1 unless all did.
 *
 *   ./fulltcp-many-connections [--n=10000] [--bytes=1000]
 */
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <chrono>
#include <iostream>

using namespace ns3;

namespace
{

uint64_t g_received = 0; //!< bytes the server read
uint32_t g_closed = 0;   //!< client connections closed normally
uint32_t g_failed = 0;   //!< connections that failed
uint32_t g_bytes = 1000; //!< bytes per connection

void
ServerRead(Ptr<Socket> s)
{
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            s->Close(); // the client's EOF: close our side too
            return;
        }
        g_received += p->GetSize();
    }
}

void
ServerAccept(Ptr<Socket> s, const Address&)
{
    s->SetRecvCallback(MakeCallback(&ServerRead));
}

void
ClientConnected(Ptr<Socket> s)
{
    s->Send(Create<Packet>(g_bytes));
    s->Close();
}

void
ClientFailed(Ptr<Socket>)
{
    ++g_failed;
}

void
ClientClosed(Ptr<Socket>)
{
    ++g_closed;
}

void
Connect(Ptr<Socket> s, Address server)
{
    s->Connect(server);
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t n = 10000;
    CommandLine cmd(__FILE__);
    cmd.AddValue("n", "concurrent connections", n);
    cmd.AddValue("bytes", "bytes per connection", g_bytes);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("100000p"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper internet;
    internet.Install(nodes);
    FullTcpHelper fulltcp;
    fulltcp.Install(nodes);
    Ipv4AddressHelper address("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = address.Assign(devices);

    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(1), FullTcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&ServerAccept));
    const Address server = InetSocketAddress(interfaces.GetAddress(1), 80);
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Socket> c = Socket::CreateSocket(nodes.Get(0), FullTcpSocketFactory::GetTypeId());
        c->SetConnectCallback(MakeCallback(&ClientConnected), MakeCallback(&ClientFailed));
        c->SetCloseCallbacks(MakeCallback(&ClientClosed), MakeCallback(&ClientFailed));
        // All within one millisecond: the connections are open at the same time.
        Simulator::Schedule(Seconds(1) + NanoSeconds(100) * i, &Connect, c, server);
    }

    const auto start = std::chrono::steady_clock::now();
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << n << " connections: " << wall << " s wall time, " << g_received << " of "
              << uint64_t {n} * g_bytes << " bytes delivered, " << g_closed << " closed normally, "
              << g_failed << " failed\n";
    listener = nullptr;
    Simulator::Destroy();
    return g_closed == n && g_failed == 0 && g_received == uint64_t {n} * g_bytes ? 0 : 1;
}
