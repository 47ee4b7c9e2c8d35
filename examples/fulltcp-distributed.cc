/*
 * Example: half-close flows across two routers, sequential or split over 2 MPI ranks
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-distributed — one experiment, run sequentially or split across 2 MPI ranks by ns-3's
 * distributed engine (the mpi module), with the same results either way.
 *
 *   left hosts 0..P-1 ── routerL ══════ routerR ── right hosts 0..P-1
 *        rank 0                 boundary          rank 1
 *
 * The bottleneck between the two routers is the rank boundary: a point-to-point link whose
 * packets are serialized by one rank and parsed by the other, every FullTcp header, option and
 * payload byte included. Flow i connects host i%P on one side to host i%P on the other, even
 * flows left to right, odd flows right to left, so segments cross the boundary both ways.
 * Each flow is a half-close exchange: the client sends its request and ShutdownSend()
 * (FIN_WAIT_1, FIN_WAIT_2), the server reads to end of file (CLOSE_WAIT), replies over the
 * half-open connection and closes (LAST_ACK); the client reads the reply to end of file, and
 * its connection waits out TIME_WAIT (2 × Msl) before CLOSED.
 *
 * Outputs (each rank writes only what its own nodes did), into --outDir:
 *   states-rank<R>.csv                 every state change (FullTcpHelper::EnableStateLog)
 *   flows-rank<R>.txt                  flow,role,node,expected,received of local endpoints
 *   fulltcp-distributed-<N>-<D>.pcap   every device of the router on this rank
 *
 *   ./fulltcp-distributed [--flows=16] [--pairs=4] [--bytes=200000] [--replyBytes=100000]
 *                         [--rate=10Mbps] [--msl=30s] [--stop=90s] [--pcap=1] [--outDir=DIR]
 *   mpirun -np 2 ./fulltcp-distributed --distributed [--nullmsg] [...]
 *
 * Without --distributed everything runs in one process on ns-3's default simulator;
 * test/check-distributed.py runs both and requires identical state logs, bytes and pcaps.
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/system-path.h"

#ifdef FULLTCP_HAVE_MPI
#    include "ns3/mpi-interface.h"

#    include <mpi.h>
#endif

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpDistributedExample");

namespace
{

/// One flow: a request from the client, a reply from the server, each direction closed
/// on its own.
struct Flow
{
    Ptr<Node> client;         //!< the connecting host
    Ptr<Node> server;         //!< the listening host
    Ipv4Address serverAddr;   //!< where the client connects
    uint16_t port = 0;        //!< the server's port (FIRST_PORT + flow index: names the flow)
    uint32_t requestSent = 0; //!< request bytes the client has queued
    uint32_t requestRead = 0; //!< request bytes the server application has read
    uint32_t replySent = 0;   //!< reply bytes the server has queued
    uint32_t replyRead = 0;   //!< reply bytes the client application has read
};

/// Servers listen on FIRST_PORT, FIRST_PORT + 1, ...: a range to which Wireshark 4.0 ties no
/// dissector (ports 5000-5015 would be decoded as ip.access and flagged malformed).
constexpr uint32_t FIRST_PORT = 35000;
constexpr uint32_t MAX_FLOWS = 9000; //!< below the next port Wireshark decodes (44321)

std::vector<Flow> g_flows;
uint32_t g_requestBytes = 200000;
uint32_t g_replyBytes = 100000;

/**
 * \brief Queue as much of `total` as the send buffer takes; when all is queued, end this
 * direction: the client with ShutdownSend() (half-close), the server with Close().
 * \param s the socket \param sent bytes queued so far (updated) \param total bytes to send
 * \param client whether s is the client's socket
 */
void
SendSome(Ptr<Socket> s, uint32_t* sent, uint32_t total, bool client)
{
    while (*sent < total && s->GetTxAvailable() > 0)
    {
        const int n = s->Send(Create<Packet>(std::min(total - *sent, s->GetTxAvailable())));
        if (n <= 0)
        {
            return;
        }
        *sent += n;
    }
    if (*sent == total)
    {
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        if (client)
        {
            s->ShutdownSend();
        }
        else
        {
            s->Close();
        }
    }
}

void
ClientSend(uint32_t i, Ptr<Socket> s, uint32_t)
{
    SendSome(s, &g_flows[i].requestSent, g_requestBytes, true);
}

void
ServerSend(uint32_t i, Ptr<Socket> s, uint32_t)
{
    SendSome(s, &g_flows[i].replySent, g_replyBytes, false);
}

/**
 * \brief Read everything a socket has.
 * \param s the socket \param count bytes read so far (updated)
 * \return true at end of file (Recv() returned an empty packet: the peer's FIN)
 */
bool
Drain(Ptr<Socket> s, uint32_t* count)
{
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            return true;
        }
        *count += p->GetSize();
    }
    return false;
}

/// Server: read the request to end of file, then reply over the half-open connection.
void
ServerRecv(uint32_t i, Ptr<Socket> s)
{
    if (Drain(s, &g_flows[i].requestRead))
    {
        s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeBoundCallback(&ServerSend, i));
        ServerSend(i, s, 0);
    }
}

void
ServerAccept(uint32_t i, Ptr<Socket> s, const Address&)
{
    s->SetRecvCallback(MakeBoundCallback(&ServerRecv, i));
}

/// Client: read the reply to end of file, then close (the connection is in TIME_WAIT).
void
ClientRecv(uint32_t i, Ptr<Socket> s)
{
    if (Drain(s, &g_flows[i].replyRead))
    {
        s->Close();
    }
}

void
ClientConnected(uint32_t i, Ptr<Socket> s)
{
    s->SetRecvCallback(MakeBoundCallback(&ClientRecv, i));
    s->SetSendCallback(MakeBoundCallback(&ClientSend, i));
    ClientSend(i, s, 0);
}

void
ClientFailed(uint32_t i, Ptr<Socket>)
{
    std::cerr << "flow " << i << ": connection failed\n";
}

/// \return the number of processes mpirun started, 1 when not under mpirun
uint32_t
LauncherSize()
{
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "MPI_LOCALNRANKS"})
    {
        if (const char* v = std::getenv(name))
        {
            return static_cast<uint32_t>(std::atoi(v));
        }
    }
    return 1;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t flows = 16;
    uint32_t pairs = 4;
    bool distributed = false;
    bool nullmsg = false;
    Time msl = Seconds(30);
    Time stop = Seconds(90);
    std::string rate = "10Mbps";
    bool pcap = true;
    std::string outDir = "fulltcp-distributed-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("flows", "number of flows (even: left to right, odd: right to left)", flows);
    cmd.AddValue("pairs", "hosts on each side", pairs);
    cmd.AddValue("bytes", "request bytes per flow", g_requestBytes);
    cmd.AddValue("replyBytes", "reply bytes per flow", g_replyBytes);
    cmd.AddValue("msl", "Maximum Segment Lifetime (TIME_WAIT = 2 msl; Linux: 60 s)", msl);
    cmd.AddValue("stop", "simulation stop time", stop);
    cmd.AddValue("rate", "the bottleneck's data rate (access links: 100 Mbps)", rate);
    cmd.AddValue(
        "distributed", "split the nodes across 2 MPI ranks (run under mpirun -np 2)", distributed);
    cmd.AddValue("nullmsg",
                 "with --distributed: null-message synchronisation instead of "
                 "granted time windows",
                 nullmsg);
    cmd.AddValue("pcap", "write the routers' pcaps (off for timing large runs)", pcap);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);
    NS_ABORT_MSG_IF(pairs == 0 || flows == 0 || flows > MAX_FLOWS,
                    "need 1-" << MAX_FLOWS << " flows and 1 or more pairs");

    uint32_t rank = 0;
    uint32_t ranks = 1;
    if (distributed)
    {
#ifdef FULLTCP_HAVE_MPI
        GlobalValue::Bind("SimulatorImplementationType",
                          StringValue(nullmsg ? "ns3::NullMessageSimulatorImpl"
                                              : "ns3::DistributedSimulatorImpl"));
        MpiInterface::Enable(&argc, &argv);
        rank = MpiInterface::GetSystemId();
        ranks = MpiInterface::GetSize();
        NS_ABORT_MSG_IF(ranks != 2,
                        "--distributed needs exactly 2 ranks (mpirun -np 2), not " << ranks);
#else
        NS_FATAL_ERROR("--distributed: this ns-3 has no mpi module (Debian's libns3-dev has "
                       "none; `make test-mpi` builds one)");
#endif
    }
    else
    {
        NS_ABORT_MSG_IF(LauncherSize() > 1,
                        "started by mpirun with " << LauncherSize()
                                                  << " processes: add --distributed");
    }
    // The left side (hosts and router) is rank 0, the right side rank 1; a sequential run
    // puts everything on system 0. Nodes are created in the same order either way, so node
    // ids, addresses and random streams are the same.
    const uint32_t rightSystem = ranks > 1 ? 1 : 0;

    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    NodeContainer routers;
    routers.Add(CreateObject<Node>(0));
    routers.Add(CreateObject<Node>(rightSystem));
    NodeContainer leftHosts;
    NodeContainer rightHosts;
    leftHosts.Create(pairs, 0);
    rightHosts.Create(pairs, rightSystem);
    NodeContainer all(routers, leftHosts, rightHosts);

    // The boundary: its delay is the lookahead that lets the ranks run in parallel.
    PointToPointHelper bottleneck;
    bottleneck.SetDeviceAttribute("DataRate", StringValue(rate));
    bottleneck.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer core = bottleneck.Install(routers);

    InternetStackHelper internet;
    internet.Install(all);
    FullTcpHelper fulltcp;
    fulltcp.SetSocketAttribute("Msl", TimeValue(msl));
    fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(1460)); // Ethernet MSS
    fulltcp.Install(all);
    // One stream per node, by creation order: the same ISN secrets and ephemeral ports
    // whichever rank simulates the node.
    FullTcpHelper::AssignStreams(all, 1);

    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
    addresses.Assign(core);
    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    std::vector<Ipv4Address> leftAddr;
    std::vector<Ipv4Address> rightAddr;
    NetDeviceContainer routerDevices[2] = {NetDeviceContainer(core.Get(0)),
                                           NetDeviceContainer(core.Get(1))};
    for (uint32_t side = 0; side < 2; ++side)
    {
        NodeContainer& hosts = side == 0 ? leftHosts : rightHosts;
        for (uint32_t h = 0; h < pairs; ++h)
        {
            // Different delays per host, so that segments rarely meet at a router at the
            // same nanosecond.
            access.SetChannelAttribute("Delay",
                                       TimeValue(MicroSeconds(1000 + 137 * h + 61 * side)));
            NetDeviceContainer d = access.Install(hosts.Get(h), routers.Get(side));
            routerDevices[side].Add(d.Get(1));
            std::ostringstream net;
            net << "10." << side + 1 << "." << h + 1 << ".0";
            addresses.SetBase(net.str().c_str(), "255.255.255.0");
            Ipv4InterfaceContainer ifs = addresses.Assign(d);
            (side == 0 ? leftAddr : rightAddr).push_back(ifs.GetAddress(0));
        }
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    SystemPath::MakeDirectories(outDir);
    const std::string rankTag = "rank" + std::to_string(rank);
    fulltcp.EnableStateLog(outDir + "/states-" + rankTag + ".csv");
    for (uint32_t side = 0; side < 2; ++side)
    {
        if (pcap && routers.Get(side)->GetSystemId() == rank)
        {
            bottleneck.EnablePcap(outDir + "/fulltcp-distributed", routerDevices[side]);
        }
    }

    g_flows.resize(flows);
    for (uint32_t i = 0; i < flows; ++i)
    {
        Flow& f = g_flows[i];
        const uint32_t h = i % pairs;
        const bool leftToRight = i % 2 == 0;
        f.client = leftToRight ? leftHosts.Get(h) : rightHosts.Get(h);
        f.server = leftToRight ? rightHosts.Get(h) : leftHosts.Get(h);
        f.serverAddr = leftToRight ? rightAddr[h] : leftAddr[h];
        f.port = static_cast<uint16_t>(FIRST_PORT + i);
        // Sockets and callbacks only where the node is simulated: on its own rank.
        if (f.server->GetSystemId() == rank)
        {
            Ptr<Socket> l = Socket::CreateSocket(f.server, FullTcpSocketFactory::GetTypeId());
            l->Bind(InetSocketAddress(Ipv4Address::GetAny(), f.port));
            l->Listen();
            l->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeBoundCallback(&ServerAccept, i));
        }
        if (f.client->GetSystemId() == rank)
        {
            Ptr<Socket> c = Socket::CreateSocket(f.client, FullTcpSocketFactory::GetTypeId());
            c->SetConnectCallback(MakeBoundCallback(&ClientConnected, i),
                                  MakeBoundCallback(&ClientFailed, i));
            // Staggered starts, 13.7 ms apart, from 0.5 s.
            Simulator::Schedule(MilliSeconds(500) + MicroSeconds(13700) * i,
                                [c, to = InetSocketAddress(f.serverAddr, f.port)]()
                                {
                                    c->Connect(to);
                                });
        }
    }

    Simulator::Stop(stop);
    Simulator::Run();

    // Bytes the applications of this rank's nodes read: requests at servers, replies at
    // clients.
    std::ofstream csv(outDir + "/flows-" + rankTag + ".txt");
    csv << "flow,role,node,expected,received\n";
    uint64_t delivered[2] = {0, 0}; // bytes read, endpoints complete
    for (uint32_t i = 0; i < flows; ++i)
    {
        const Flow& f = g_flows[i];
        for (bool client : {true, false})
        {
            Ptr<Node> n = client ? f.client : f.server;
            if (n->GetSystemId() != rank)
            {
                continue;
            }
            const uint32_t expected = client ? g_replyBytes : g_requestBytes;
            const uint32_t received = client ? f.replyRead : f.requestRead;
            csv << i << "," << (client ? "client" : "server") << "," << n->GetId() << ","
                << expected << "," << received << "\n";
            delivered[0] += received;
            delivered[1] += received == expected ? 1 : 0;
        }
    }
    csv.close();
    std::cout << "rank " << rank << " of " << ranks << ": " << delivered[0]
              << " bytes delivered to its applications, " << delivered[1]
              << " endpoints complete\n";

    uint64_t total[2] = {delivered[0], delivered[1]};
#ifdef FULLTCP_HAVE_MPI
    if (ranks > 1)
    {
        MPI_Reduce(delivered, total, 2, MPI_UINT64_T, MPI_SUM, 0, MpiInterface::GetCommunicator());
    }
#endif
    const uint64_t expectedTotal = static_cast<uint64_t>(flows) * (g_requestBytes + g_replyBytes);
    if (rank == 0)
    {
        std::cout << "total: " << total[0] << " of " << expectedTotal << " bytes delivered, "
                  << total[1] << " of " << 2 * flows << " endpoints complete ("
                  << (ranks > 1 ? (nullmsg ? "2 ranks, null messages"
                                           : "2 ranks, granted time "
                                             "windows")
                                : "sequential")
                  << ")\nOutputs in " << outDir << "/\n";
    }
    const bool ok = total[0] == expectedTotal;
    Simulator::Destroy();
#ifdef FULLTCP_HAVE_MPI
    if (ranks > 1)
    {
        MpiInterface::Disable();
    }
#endif
    return rank != 0 || ok ? 0 : 1;
}
