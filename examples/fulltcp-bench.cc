/*
 * Example: one benchmark scenario (bulk, concurrent, churn, lossy, floor, idle) on either stack
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-bench — one scenario of the benchmark (issue 8) on either stack. The application
 * side is one implementation: only the stack installation differs (FullTcpInternetStackHelper,
 * the drop-in mode, or ns-3's InternetStackHelper), and both answer to ns3::TcpSocketFactory.
 * bench/compare runs every scenario on both stacks and prints the table; doc/performance.rst
 * has the numbers.
 *
 *   ./fulltcp-bench --stack=fulltcp|ns3 --scenario=bulk|concurrent|churn|lossy|floor|idle
 *                   [--connections=N] [--bytes=N] [--quick]
 *                   [--profile=linux] [--recovery=Sack|Rack|NewReno]   (FullTcp only)
 *
 * Scenarios (sizes in brackets: default / --quick):
 *  - bulk: one connection over 10 Gbps / 1 ms, [1 GB / 100 MB];
 *  - concurrent: N connections [10,000 / 1,000] opened 100 ns apart, each sends 10 KB and
 *    closes (100 Gbps / 10 ms, so that all N are open at once and the link never drops);
 *  - churn: N sequential connections [10,000 / 1,000], each connect, 1 KB, close: the client's
 *    TIME_WAIT connections pile up (2·MSL = 240 s on both stacks, longer than the run);
 *  - lossy: one connection, [10 MB / 10 MB] over 100 Mbps / 10 ms, 1% random loss each way;
 *  - floor: a paced UDP flow of as many packets of the same size as bulk: the cost of
 *    everything below layer 4;
 *  - idle: N connections [10,000 / 1,000] established, no data: the memory per connection.
 *
 * The run fails (exit status 1) unless every byte arrived and every connection closed
 * normally. The last line of output is `key=value ...`: stack, scenario, connections, bytes
 * (delivered), expected_bytes, ok, wall_s (Simulator::Run only), sim_s, events,
 * goodput_mbps (delivered bytes over simulated time from the first SYN to the last byte),
 * data_segments and retrans_bytes (the client's TCP payload on the wire beyond what was
 * delivered), server_packets (ACKs and the like), peak_time_wait, rss_base_kb, peak_rss_kb,
 * heap_bytes_per_conn (heap in use at the measuring point less the heap before Run, per
 * connection: idle = all established, churn = all in TIME_WAIT), and for FullTcp the client
 * node's loss_probes (TCPLossProbes) and undos (every kind of undo, FullTcpMib::undo).
 */
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpBench");

namespace
{

const uint16_t kServerPort = 80;
// One client address carries at most this many connections (explicit local ports 10000..
// 59999): ns-3's TCP binds a local (address, port) once, whatever the remote, and its
// ephemeral range (49152-65535) would stop at 16,384 connections.
const uint32_t kPortsPerAddress = 50000;
const uint16_t kFirstClientPort = 10000;
// Payload per segment: 1500-byte IP packets on both stacks. ns-3's SegmentSize is the payload
// (options come on top: 1448 + 12 timestamp bytes + 40 = 1500); FullTcp's is the MSS it
// announces (RFC 9293 §3.7.1), of which timestamps take 12 bytes.
const uint32_t kPayload = 1448;

/// What the run measures (the key=value line).
struct Results
{
    uint64_t expected {0};      //!< bytes that must arrive
    uint64_t delivered {0};     //!< bytes the server read
    uint32_t connected {0};     //!< client connections established
    uint32_t accepted {0};      //!< server connections accepted
    uint32_t closed {0};        //!< client connections closed normally
    uint32_t failed {0};        //!< connections that failed or were reset
    uint64_t wirePayload {0};   //!< TCP/UDP payload bytes the client put on the wire
    uint64_t dataSegments {0};  //!< client packets carrying payload
    uint64_t serverPackets {0}; //!< packets the server sent (ACKs, SYN-ACKs, FINs)
    uint32_t timeWait {0};      //!< client connections in TIME_WAIT now
    uint32_t peakTimeWait {0};  //!< the most at once
    Time firstStart;            //!< first connection started
    Time lastByte;              //!< last byte read by the server
    int64_t heapBase {0};       //!< heap in use before Run
    int64_t heapAtMark {-1};    //!< heap in use at the measuring point
    uint32_t connsAtMark {0};   //!< connections alive then
};

Results g_r;

/// The scenario's parameters (from the command line).
struct BenchOptions
{
    std::string stack {"fulltcp"}; //!< fulltcp or ns3
    std::string scenario {"bulk"}; //!< see the file comment
    uint32_t connections {0};      //!< N (0: the scenario's default)
    uint64_t bytes {0};            //!< bytes per connection (0: the scenario's default)
    bool quick {false};            //!< smaller defaults
    uint32_t buffer {0};           //!< SndBufSize = RcvBufSize (0: the scenario's default)
    std::string profile;           //!< FullTcp: "linux" applies FullTcpProfile::Linux
    std::string recovery;          //!< FullTcp: its Recovery attribute ("": the default)
};

BenchOptions g_cfg;
std::vector<Ipv4Address> g_clientAddresses; //!< the client's addresses
Ipv4Address g_serverAddress;                //!< the server's address
Ptr<Node> g_client;                         //!< node 0
Ptr<Node> g_server;                         //!< node 1
Ptr<NetDevice> g_clientDevice;              //!< the client's end of the link
Ptr<NetDevice> g_serverDevice;              //!< the server's end
std::function<bool()> g_done;               //!< whether the run is complete

/// \return heap bytes in use (main arena and mmapped blocks; the program is single-threaded)
int64_t
HeapInUse()
{
    const struct mallinfo2 mi = mallinfo2();
    return static_cast<int64_t>(mi.uordblks + mi.hblkhd);
}

/// \return the resident set size now, in KiB
uint64_t
CurrentRssKb()
{
    long pages = 0;
    long resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r"))
    {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
        {
            resident = 0;
        }
        std::fclose(f);
    }
    return static_cast<uint64_t>(resident) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

/// \return the peak resident set size of the process, in KiB
uint64_t
PeakRssKb()
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<uint64_t>(ru.ru_maxrss);
}

/// Record the heap at the scenario's measuring point. \param conns connections alive then
void
MarkHeap(uint32_t conns)
{
    g_r.heapAtMark = HeapInUse();
    g_r.connsAtMark = conns;
}

/// Stop as soon as the run is complete (the TIME_WAIT expiries 240 s later are not part of
/// it); called wherever the counts that g_done reads change.
void
CheckDone()
{
    if (g_done && g_done())
    {
        g_done = nullptr;
        Simulator::Stop();
    }
}

// ------------------------------------------------------------------------- the network

/**
 * Two nodes on one point-to-point link with either stack, a FIFO queue disc large enough never
 * to drop (AQM drops would make the two stacks' recovery, not their cost, the subject) and,
 * for N connections, enough client addresses.
 */
void
BuildNetwork(const std::string& rate, const std::string& delay, double lossRate, uint32_t n)
{
    NodeContainer nodes;
    nodes.Create(2);
    g_client = nodes.Get(0);
    g_server = nodes.Get(1);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    NetDeviceContainer devices = p2p.Install(nodes);
    g_clientDevice = devices.Get(0);
    g_serverDevice = devices.Get(1);
    if (g_cfg.stack == "fulltcp")
    {
        FullTcpInternetStackHelper internet;
        // ns-3's TCP has no SYN or accept queue limit: lift FullTcp's (Linux's somaxconn,
        // 4096) so that both stacks answer N simultaneous SYNs the same way, without cookies.
        internet.SetSocketAttribute("SynQueueLimit", UintegerValue(1u << 24));
        internet.SetSocketAttribute("AcceptQueueLimit", UintegerValue(1u << 24));
        if (g_cfg.profile == "linux")
        {
            // Linux 6.18's loss machinery and timers; the segments and buffers stay the
            // scenario's (Config defaults below the helper's values), so runs compare.
            FullTcpProfile::Linux(internet);
            internet.SetSocketAttribute("SegmentSize", UintegerValue(kPayload + 12));
            internet.SetSocketAttribute("SndBufSize", UintegerValue(g_cfg.buffer));
            internet.SetSocketAttribute("RcvBufSize", UintegerValue(g_cfg.buffer));
        }
        if (!g_cfg.recovery.empty())
        {
            internet.SetSocketAttribute("Recovery", StringValue(g_cfg.recovery));
        }
        internet.Install(nodes);
        FullTcpHelper::AssignStreams(nodes, 1);
    }
    else
    {
        InternetStackHelper internet;
        internet.Install(nodes);
        internet.AssignStreams(nodes, 1);
    }
    TrafficControlHelper tch;
    tch.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", StringValue("10000000p"));
    tch.Install(devices);
    Ipv4AddressHelper address("10.1.0.0", "255.255.0.0");
    Ipv4InterfaceContainer interfaces = address.Assign(devices);
    g_clientAddresses = {interfaces.GetAddress(0)};
    g_serverAddress = interfaces.GetAddress(1);
    Ptr<Ipv4> ipv4 = g_client->GetObject<Ipv4>();
    const uint32_t ifIndex = ipv4->GetInterfaceForDevice(devices.Get(0));
    for (uint32_t a = 1; a * kPortsPerAddress < n; ++a)
    {
        const Ipv4Address extra(Ipv4Address("10.1.0.0").Get() + (a << 8) + 1);
        ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(extra, Ipv4Mask("255.255.0.0")));
        g_clientAddresses.push_back(extra);
    }
    if (lossRate > 0)
    {
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorRate", DoubleValue(lossRate));
            em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
            em->AssignStreams(100 + i);
            devices.Get(1 - i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
    }
}

/**
 * The client's device trace: payload bytes of every IPv4 packet it sends (TCP or UDP), read
 * from the headers' length fields (so the same few instructions on either stack).
 */
void
ClientMacTx(Ptr<const Packet> p)
{
    uint8_t h[35];
    if (p->CopyData(h, sizeof(h)) < sizeof(h))
    {
        return;
    }
    // The point-to-point header (2 bytes, 0x0021 for IPv4) may already be on.
    const uint8_t* ip = (h[0] >> 4) == 4 ? h : h + 2;
    const uint32_t ipHeader = (ip[0] & 0x0f) * 4u;
    const uint32_t total = (uint32_t {ip[2]} << 8) | ip[3];
    const uint32_t l4Header = ip[9] == 6 ? (ip[ipHeader + 12] >> 4) * 4u : 8u;
    if (total > ipHeader + l4Header)
    {
        g_r.wirePayload += total - ipHeader - l4Header;
        ++g_r.dataSegments;
    }
}

/// The server's device trace: every packet it sends (for TCP: how many ACKs the data cost).
void
ServerMacTx(Ptr<const Packet>)
{
    ++g_r.serverPackets;
}

// ---------------------------------------------------------- the TCP application (both stacks)

/// The server: reads everything (ServerPeerClosed closes its side).
void
ServerRead(Ptr<Socket> s)
{
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            break; // end of stream
        }
        g_r.delivered += p->GetSize();
        g_r.lastByte = Simulator::Now();
    }
    CheckDone();
}

/// Both stacks signal the peer's FIN as a normal close (CLOSE_WAIT): ns-3's TCP in
/// TcpSocketBase::DoPeerClose(), FullTcp's drop-in mode as it does (TcpSocketBaseCallbacks).
/// Close our side.
void
ServerPeerClosed(Ptr<Socket> s)
{
    s->Close();
}

void
ServerError(Ptr<Socket>)
{
    ++g_r.failed;
    CheckDone();
}

void
ServerAccept(Ptr<Socket> s, const Address&)
{
    ++g_r.accepted;
    s->SetRecvCallback(MakeCallback(&ServerRead));
    s->SetCloseCallbacks(MakeCallback(&ServerPeerClosed), MakeCallback(&ServerError));
    CheckDone();
}

/// What each client connection does; set by the scenario.
struct ClientPlan
{
    uint64_t bytes {0};             //!< to send, then close
    bool closeAfterSend {true};     //!< false: stay open (idle)
    std::function<void()> onClosed; //!< after a normal close (churn: start the next)
};

ClientPlan g_plan;
std::unordered_map<Socket*, uint64_t> g_toSend; //!< bytes not yet handed to each socket

/// Hand the socket as much as it takes; close once all is handed over (RFC 9293 §3.10.4:
/// the FIN follows the queued data).
void
ClientFill(Ptr<Socket> s, uint32_t)
{
    auto it = g_toSend.find(PeekPointer(s));
    if (it == g_toSend.end())
    {
        return;
    }
    while (it->second > 0)
    {
        const uint32_t chunk =
            static_cast<uint32_t>(std::min<uint64_t>({it->second, s->GetTxAvailable(), 1u << 20}));
        if (chunk == 0 || s->Send(Create<Packet>(chunk)) < 0)
        {
            return; // wait for the send callback
        }
        it->second -= chunk;
    }
    g_toSend.erase(it);
    if (g_plan.closeAfterSend)
    {
        s->Close();
    }
}

void
ClientConnected(Ptr<Socket> s)
{
    ++g_r.connected;
    if (g_plan.bytes > 0 || g_plan.closeAfterSend)
    {
        g_toSend[PeekPointer(s)] = g_plan.bytes;
        s->SetSendCallback(MakeCallback(&ClientFill));
        ClientFill(s, 0);
    }
    CheckDone();
}

void
ClientFailed(Ptr<Socket> s)
{
    g_toSend.erase(PeekPointer(s));
    ++g_r.failed;
    CheckDone();
}

void
ClientClosed(Ptr<Socket>)
{
    ++g_r.closed;
    if (g_plan.onClosed)
    {
        g_plan.onClosed();
    }
    CheckDone();
}

/// Both stacks trace their state as TcpStates_t: count the client's TIME_WAIT connections.
void
ClientState(TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to)
{
    if (to == TcpSocket::TIME_WAIT && from != TcpSocket::TIME_WAIT)
    {
        g_r.peakTimeWait = std::max(g_r.peakTimeWait, ++g_r.timeWait);
    }
    else if (from == TcpSocket::TIME_WAIT && to != TcpSocket::TIME_WAIT)
    {
        --g_r.timeWait;
    }
}

/// Open client connection i (its own local address and port).
void
StartConnection(uint32_t i)
{
    if (i == 0)
    {
        g_r.firstStart = Simulator::Now();
    }
    Ptr<Socket> s = Socket::CreateSocket(g_client, TcpSocketFactory::GetTypeId());
    s->TraceConnectWithoutContext("State", MakeCallback(&ClientState));
    s->SetConnectCallback(MakeCallback(&ClientConnected), MakeCallback(&ClientFailed));
    s->SetCloseCallbacks(MakeCallback(&ClientClosed), MakeCallback(&ClientFailed));
    const Ipv4Address local = g_clientAddresses.at(i / kPortsPerAddress);
    const uint16_t port = static_cast<uint16_t>(kFirstClientPort + i % kPortsPerAddress);
    if (s->Bind(InetSocketAddress(local, port)) < 0
        || s->Connect(InetSocketAddress(g_serverAddress, kServerPort)) < 0)
    {
        NS_LOG_ERROR("connection " << i << ": errno " << s->GetErrno());
        ++g_r.failed;
        CheckDone();
    }
}

/// The server's listener. \return it (kept by main until the end)
Ptr<Socket>
StartServer()
{
    Ptr<Socket> listener = Socket::CreateSocket(g_server, TcpSocketFactory::GetTypeId());
    listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kServerPort));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&ServerAccept));
    return listener;
}

/// N connections each sending `bytes` and closing, connection i started at start + i·gap.
void
TcpTransfers(uint32_t n, uint64_t bytes, Time start, Time gap)
{
    g_r.expected = uint64_t {n} * bytes;
    g_plan.bytes = bytes;
    for (uint32_t i = 0; i < n; ++i)
    {
        Simulator::Schedule(start + gap * i, &StartConnection, i);
    }
    g_done = [n]()
    {
        return g_r.closed + g_r.failed >= n && g_r.delivered >= g_r.expected;
    };
}

// ------------------------------------------------------------------------ the scenarios

void
Bulk(uint32_t, uint64_t bytes)
{
    BuildNetwork("10Gbps", "1ms", 0, 1);
    TcpTransfers(1, bytes, Seconds(1), Seconds(0));
}

void
Lossy(uint32_t, uint64_t bytes)
{
    BuildNetwork("100Mbps", "10ms", 0.01, 1);
    TcpTransfers(1, bytes, Seconds(1), Seconds(0));
}

void
Concurrent(uint32_t n, uint64_t bytes)
{
    BuildNetwork("100Gbps", "10ms", 0, n);
    TcpTransfers(n, bytes, Seconds(1), NanoSeconds(100));
}

void
Churn(uint32_t n, uint64_t bytes)
{
    BuildNetwork("10Gbps", "1ms", 0, n);
    g_r.expected = uint64_t {n} * bytes;
    g_plan.bytes = bytes;
    // One at a time: the next connection starts when the previous one enters TIME_WAIT.
    g_plan.onClosed = [n]()
    {
        if (g_r.closed < n)
        {
            Simulator::ScheduleNow(&StartConnection, g_r.closed);
        }
        else
        {
            MarkHeap(g_r.timeWait);
        }
    };
    Simulator::Schedule(Seconds(1), &StartConnection, 0);
    g_done = [n]()
    {
        return g_r.closed + g_r.failed >= n && g_r.delivered >= g_r.expected;
    };
}

void
Idle(uint32_t n, uint64_t)
{
    BuildNetwork("100Gbps", "10ms", 0, n);
    g_plan.closeAfterSend = false;
    for (uint32_t i = 0; i < n; ++i)
    {
        Simulator::Schedule(Seconds(1) + NanoSeconds(100) * i, &StartConnection, i);
    }
    // Established on both sides (the server's accept follows the client's third ACK).
    g_done = [n]()
    {
        if (g_r.connected + g_r.failed >= n && g_r.accepted >= n)
        {
            MarkHeap(n);
            return true;
        }
        return false;
    };
}

// The floor: UDP, no layer-4 state, the same packets (count and size) as bulk.
uint64_t g_udpToSend = 0; //!< datagrams left
Time g_udpGap;            //!< pacing (just under the line rate: no queue, no drop)

void
UdpSend(Ptr<Socket> s)
{
    const uint32_t size = static_cast<uint32_t>(std::min<uint64_t>(g_udpToSend, kPayload));
    s->Send(Create<Packet>(size));
    g_udpToSend -= size;
    if (g_udpToSend > 0)
    {
        Simulator::Schedule(g_udpGap, &UdpSend, s);
    }
}

void
UdpRead(Ptr<Socket> s)
{
    while (Ptr<Packet> p = s->Recv())
    {
        g_r.delivered += p->GetSize();
        g_r.lastByte = Simulator::Now();
    }
    CheckDone();
}

std::vector<Ptr<Socket>> g_udpSockets; //!< kept until the end

void
Floor(uint32_t, uint64_t bytes)
{
    BuildNetwork("10Gbps", "1ms", 0, 1);
    g_r.expected = bytes;
    g_udpToSend = bytes;
    // 1500 bytes of IP + 2 of PPP at 10 Gb/s take 1.2016 us.
    g_udpGap = NanoSeconds(1250);
    Ptr<Socket> rx = Socket::CreateSocket(g_server, UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), kServerPort));
    rx->SetRecvCallback(MakeCallback(&UdpRead));
    Ptr<Socket> tx = Socket::CreateSocket(g_client, UdpSocketFactory::GetTypeId());
    tx->Bind(InetSocketAddress(g_clientAddresses.at(0), kFirstClientPort));
    tx->Connect(InetSocketAddress(g_serverAddress, kServerPort));
    g_udpSockets = {rx, tx};
    g_r.firstStart = Seconds(1);
    Simulator::Schedule(Seconds(1), &UdpSend, tx);
    g_done = []()
    {
        return g_r.delivered >= g_r.expected;
    };
}

/// A scenario: its builder and default sizes.
struct Scenario
{
    void (*build)(uint32_t n, uint64_t bytes); //!< sets up the run
    uint32_t n;                                //!< connections
    uint32_t quickN;                           //!< with --quick
    uint64_t bytes;                            //!< per connection
    uint64_t quickBytes;                       //!< with --quick
    uint32_t buffer;                           //!< SndBufSize = RcvBufSize
};

const std::map<std::string, Scenario> kScenarios = {
    // 4 MB buffers: above the 2.5 MB bandwidth-delay product, so the link is the limit.
    {"bulk", {&Bulk, 1, 1, 1000000000, 100000000, 4 << 20}},
    {"floor", {&Floor, 1, 1, 1000000000, 100000000, 4 << 20}},
    {"concurrent", {&Concurrent, 10000, 1000, 10000, 10000, 131072}},
    {"churn", {&Churn, 10000, 1000, 1000, 1000, 131072}},
    // 512 KB: twice the 250 KB bandwidth-delay product.
    {"lossy", {&Lossy, 1, 1, 10000000, 10000000, 512 << 10}},
    {"idle", {&Idle, 10000, 1000, 0, 0, 131072}},
};

} // namespace

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.AddValue("stack", "fulltcp or ns3", g_cfg.stack);
    cmd.AddValue("scenario", "bulk, concurrent, churn, lossy, floor or idle", g_cfg.scenario);
    cmd.AddValue(
        "connections", "connections (concurrent, churn, idle; 0: default)", g_cfg.connections);
    cmd.AddValue("bytes", "bytes per connection (0: the scenario's default)", g_cfg.bytes);
    cmd.AddValue("quick", "smaller default sizes", g_cfg.quick);
    cmd.AddValue("buffer", "SndBufSize and RcvBufSize (0: the scenario's default)", g_cfg.buffer);
    cmd.AddValue("profile",
                 "FullTcp only: \"linux\" for FullTcpProfile::Linux (CUBIC, RACK-TLP, PRR, "
                 "F-RTO, undo), with the scenario's segment size and buffers",
                 g_cfg.profile);
    cmd.AddValue(
        "recovery", "FullTcp only: its Recovery attribute (Sack, Rack, NewReno)", g_cfg.recovery);
    cmd.Parse(argc, argv);

    const auto scenario = kScenarios.find(g_cfg.scenario);
    if (scenario == kScenarios.end() || (g_cfg.stack != "fulltcp" && g_cfg.stack != "ns3"))
    {
        std::cerr << "fulltcp-bench: unknown --stack=" << g_cfg.stack
                  << " or --scenario=" << g_cfg.scenario << " (see --help)\n";
        return 2;
    }
    const Scenario& sc = scenario->second;
    const uint32_t n = g_cfg.connections ? g_cfg.connections : (g_cfg.quick ? sc.quickN : sc.n);
    const uint64_t bytes = g_cfg.bytes ? g_cfg.bytes : (g_cfg.quick ? sc.quickBytes : sc.bytes);
    const uint32_t buffer = g_cfg.buffer ? g_cfg.buffer : sc.buffer;
    g_cfg.buffer = buffer;
    if ((!g_cfg.profile.empty() || !g_cfg.recovery.empty()) && g_cfg.stack != "fulltcp")
    {
        std::cerr << "fulltcp-bench: --profile and --recovery are FullTcp's\n";
        return 2;
    }
    if (!g_cfg.profile.empty() && g_cfg.profile != "linux")
    {
        std::cerr << "fulltcp-bench: unknown --profile=" << g_cfg.profile << " (linux)\n";
        return 2;
    }
    if (n == 0 || (n > 1 && (sc.build == &Bulk || sc.build == &Lossy || sc.build == &Floor))
        || uint64_t {n} > uint64_t {kPortsPerAddress} * 250)
    {
        std::cerr << "fulltcp-bench: --connections=" << n << " does not fit " << g_cfg.scenario
                  << "\n";
        return 2;
    }

    Config::SetDefault("ns3::TcpSocket::SegmentSize",
                       UintegerValue(g_cfg.stack == "fulltcp" ? kPayload + 12 : kPayload));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(buffer));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(buffer));
    // ns-3's TCP: 1448-byte segments, SACK and timestamps, as FullTcp (defaults of both).
    sc.build(n, bytes);
    Ptr<Socket> listener = sc.build == &Floor ? nullptr : StartServer();
    g_clientDevice->TraceConnectWithoutContext("MacTx", MakeCallback(&ClientMacTx));
    g_serverDevice->TraceConnectWithoutContext("MacTx", MakeCallback(&ServerMacTx));

    // Past this, something hangs: the run fails rather than simulate for ever.
    Simulator::Stop(Seconds(1000));
    const uint64_t rssBase = CurrentRssKb();
    g_r.heapBase = HeapInUse();
    const auto start = std::chrono::steady_clock::now();
    Simulator::Run();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const Time simEnd = Simulator::Now();
    const uint64_t events = Simulator::GetEventCount();

    const bool isIdle = sc.build == &Idle;
    const bool isFloor = sc.build == &Floor;
    const bool ok = g_r.failed == 0 && g_r.delivered == g_r.expected
                 && (isFloor
                     || (isIdle ? g_r.connected == n && g_r.accepted == n
                                : g_r.closed == n && g_r.accepted == n));
    const double transfer = (g_r.lastByte - g_r.firstStart).GetSeconds();
    const double goodput = transfer > 0 ? g_r.delivered * 8.0 / transfer / 1e6 : 0;
    const uint64_t sent = g_r.wirePayload;
    std::ostringstream line;
    line << std::fixed << std::setprecision(3) << "stack=" << g_cfg.stack
         << " scenario=" << g_cfg.scenario << " connections=" << n << " bytes=" << g_r.delivered
         << " expected_bytes=" << g_r.expected << " ok=" << (ok ? 1 : 0) << " wall_s=" << wall
         << " sim_s=" << simEnd.GetSeconds() << " events=" << events << " goodput_mbps=" << goodput
         << " data_segments=" << g_r.dataSegments
         << " retrans_bytes=" << (sent > g_r.delivered ? sent - g_r.delivered : 0)
         << " server_packets=" << g_r.serverPackets << " peak_time_wait=" << g_r.peakTimeWait
         << " rss_base_kb=" << rssBase << " peak_rss_kb=" << PeakRssKb() << " heap_bytes_per_conn="
         << (g_r.heapAtMark >= 0 && g_r.connsAtMark > 0
                 ? (g_r.heapAtMark - g_r.heapBase) / static_cast<int64_t>(g_r.connsAtMark)
                 : 0);
    if (Ptr<FullTcpL4Protocol> tcp = g_client->GetObject<FullTcpL4Protocol>())
    {
        const FullTcpMib& mib = tcp->GetMib();
        line << " loss_probes=" << mib.lossProbes << " undos="
             << mib.undo.fullUndo + mib.undo.partialUndo + mib.undo.dsackUndo + mib.undo.lossUndo;
    }
    if (!ok)
    {
        std::cout << "FAILED: " << g_r.delivered << " of " << g_r.expected << " bytes, "
                  << g_r.connected << " connected, " << g_r.accepted << " accepted, " << g_r.closed
                  << " closed, " << g_r.failed << " failed\n";
    }
    std::cout << line.str() << std::endl;
    listener = nullptr;
    g_udpSockets.clear();
    Simulator::Destroy();
    return ok ? 0 : 1;
}
