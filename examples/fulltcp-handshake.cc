/*
 * FullTcp: a complete TCP for ns-3.
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-handshake — the flagship example (`make demo`).
 *
 * The story of the tutorials this project grew from: the three-way handshake, a little data
 * both ways, and the four-way close, between a client and a server on a point-to-point link.
 *
 * Until FullTcp's engine runs connections end to end, both ends are FullTcpRawPeers playing
 * hand-built segments, so what you see here is FullTcp's wire format (header, options,
 * checksums) on a real ns-3 link: each segment is printed as it arrives, parsed and
 * checksum-verified by the receiving node, and the link is written to a pcap that Wireshark
 * and tshark open without a single checksum error.
 *
 *   ./fulltcp-handshake [--clientIsn=N] [--serverIsn=N] [--serverClosesFirst] [--outDir=DIR]
 */
#include "ns3/core-module.h"
#include "ns3/fulltcp-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <sys/stat.h>

#include <iomanip>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpHandshakeExample");

namespace
{

/// One step of the story: who sends what, and what the tutorials say about it.
struct Step
{
    bool fromClient;
    uint8_t flags;
    uint32_t seqOffset; //!< relative to the sender's ISN
    uint32_t ackOffset; //!< relative to the receiver's ISN
    uint32_t length;
    const char* note;
};

Ptr<FullTcpRawPeer> g_peer[2];
Address g_addr[2];
uint32_t g_isn[2];
const uint16_t kClientPort = 49153;
const uint16_t kServerPort = 80;

void
Send(const Step& s)
{
    const int from = s.fromClient ? 0 : 1;
    FullTcpHeader h;
    h.SetSourcePort(s.fromClient ? kClientPort : kServerPort);
    h.SetDestinationPort(s.fromClient ? kServerPort : kClientPort);
    h.SetSequenceNumber(g_isn[from] + s.seqOffset);
    h.SetFlags(s.flags);
    if (s.flags & FullTcpHeader::ACK)
    {
        h.SetAckNumber(g_isn[1 - from] + s.ackOffset);
    }
    // 64240 bytes of window; after the SYNs it is sent scaled down by the shift both offered
    // (RFC 7323 §2.2: SYN windows are never scaled).
    h.SetWindow((s.flags & FullTcpHeader::SYN) ? 64240 : 64240 >> 7);
    if (s.flags & FullTcpHeader::SYN)
    {
        h.Options().SetMss(1460); // RFC 9293 §3.7.1: announce the MSS on the SYN
        h.Options().SetSackPermitted(true);
        h.Options().SetWindowScale(7);
    }
    std::cout << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << "s  "
              << (s.fromClient ? "client ---> server  " : "client <--- server  ") << s.note << "\n";
    std::vector<uint8_t> bytes(s.length, 'a' + from);
    g_peer[from]->Send(
        h, Create<Packet>(bytes.data(), bytes.size()), g_addr[from], g_addr[1 - from]);
}

void
Arrived(std::string who,
        const FullTcpHeader& h,
        Ptr<const Packet> payload,
        const Address&,
        const Address&)
{
    std::cout << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << "s  " << who
              << " got   " << h << " length " << payload->GetSize() << "\n";
}

void
Malformed(std::string who, Ptr<const Packet>, FullTcpParseError e)
{
    std::cout << who << " dropped a segment: " << e << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t clientIsn = 1000;
    uint32_t serverIsn = 5000;
    bool serverClosesFirst = false;
    std::string outDir = "fulltcp-handshake-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue(
        "clientIsn", "client's initial sequence number (0 as in the tutorials)", clientIsn);
    cmd.AddValue("serverIsn", "server's initial sequence number", serverIsn);
    cmd.AddValue("serverClosesFirst", "the server starts the four-way close", serverClosesFirst);
    cmd.AddValue("outDir", "folder for the pcap", outDir);
    cmd.Parse(argc, argv);
    g_isn[0] = clientIsn;
    g_isn[1] = serverIsn;

    // Real checksums, so Wireshark shows none as bad.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper v4;
    v4.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = v4.Assign(devices);
    const char* names[2] = {"client", "server"};
    for (int i = 0; i < 2; ++i)
    {
        g_peer[i] = CreateObject<FullTcpRawPeer>();
        nodes.Get(i)->AggregateObject(g_peer[i]);
        g_addr[i] = ifs.GetAddress(i);
        g_peer[i]->TraceConnect("Rx", names[i], MakeCallback(&Arrived));
        g_peer[i]->TraceConnect("Drop", names[i], MakeCallback(&Malformed));
    }
    mkdir(outDir.c_str(), 0755);
    p2p.EnablePcap(outDir + "/handshake.pcap", devices.Get(0), false, true);

    using F = FullTcpHeader;
    const bool c = !serverClosesFirst; // the side that closes first
    const std::vector<Step> story = {
        {true, F::SYN, 0, 0, 0, "1st handshake: SYN, seq=x (client: CLOSED -> SYN_SENT)"},
        {false,
         F::SYN | F::ACK,
         0,
         1,
         0,
         "2nd handshake: SYN+ACK, seq=y ack=x+1 (server: LISTEN -> SYN_RCVD)"},
        {true, F::ACK, 1, 1, 0, "3rd handshake: ACK, ack=y+1 (both ESTABLISHED)"},
        {true, F::PSH | F::ACK, 1, 1, 100, "client sends 100 bytes"},
        {false, F::PSH | F::ACK, 1, 101, 200, "server answers with 200 bytes"},
        {true, F::ACK, 101, 201, 0, "client acknowledges them"},
        {c,
         F::FIN | F::ACK,
         c ? 101u : 201u,
         c ? 201u : 101u,
         0,
         "1st wave: FIN (active closer -> FIN_WAIT_1)"},
        {!c,
         F::ACK,
         c ? 201u : 101u,
         c ? 102u : 202u,
         0,
         "2nd wave: ACK of the FIN (passive closer -> CLOSE_WAIT; active -> FIN_WAIT_2)"},
        {!c,
         F::FIN | F::ACK,
         c ? 201u : 101u,
         c ? 102u : 202u,
         0,
         "3rd wave: FIN (passive closer -> LAST_ACK)"},
        {c,
         F::ACK,
         c ? 102u : 202u,
         c ? 202u : 102u,
         0,
         "4th wave: ACK (active closer -> TIME_WAIT for 2*MSL; passive -> CLOSED)"},
    };
    for (size_t i = 0; i < story.size(); ++i)
    {
        Simulator::Schedule(MilliSeconds(100 * (i + 1)), &Send, story[i]);
    }
    Simulator::Run();
    Simulator::Destroy();
    std::cout << "\nOutputs in " << outDir << "/ (handshake.pcap: open it in Wireshark)\n";
    return 0;
}
