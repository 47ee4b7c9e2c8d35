/*
 * Example: BulkSend over a lossy link; fast retransmit, RTO backoff, give-up (RFC 6298)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-lossy-link — a bulk transfer over a link that loses and delays segments.
 *
 * ns-3's BulkSend sends --bytes over FullTcp to a PacketSink; the server's device drops each
 * arriving packet with probability --lossRate. Lost data is repaired by fast retransmit
 * (three duplicate ACKs, RFC 5681 §3.2) or, failing that, by the retransmission timer
 * (RFC 6298). Each retransmission is printed with the time since the previous one. With
 * --blackoutAt the link then loses everything from that time on: the timer backs off,
 * doubling each time (RFC 6298 §5.5), until the connection gives up after DataRetries
 * retransmissions (RFC 9293 §3.8.3 R2) and goes to CLOSED (RETRIES_EXHAUSTED).
 * The time-sequence graph of the transfer (outDir/lossy-1-...-tseq-client.svg) shows the
 * holes, the retransmissions and the stalls.
 *
 *   ./fulltcp-lossy-link [--bytes=300000] [--lossRate=0.02] [--delay=50ms]
 *                        [--blackoutAt=-1s] [--dataRetries=6] [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

#include "ns3/applications-module.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpLossyLinkExample");

namespace
{

uint32_t g_retransmissions = 0;
Time g_lastRetransmission;

/// Retransmission sink of the client's socket: print each one with the time since the
/// previous one (the RTO backoff shows as doubling gaps).
void
OnRetransmission(Ptr<const Packet>, const FullTcpHeader& h, Ptr<const FullTcpSocket>)
{
    ++g_retransmissions;
    std::cout << Simulator::Now().As(Time::S) << "  retransmission " << g_retransmissions
              << " of seq " << h.GetSequenceNumber();
    if (g_retransmissions > 1)
    {
        std::cout << ", " << (Simulator::Now() - g_lastRetransmission).As(Time::S)
                  << " after the previous one";
    }
    std::cout << "\n";
    g_lastRetransmission = Simulator::Now();
}

/// SocketCreated sink: BulkSend's socket is created when the application starts.
void
OnSocketCreated(Ptr<FullTcpSocket> socket)
{
    socket->TraceConnectWithoutContext("Retransmission", MakeCallback(&OnRetransmission));
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t bytes = 300000;
    double lossRate = 0.02;
    std::string delay = "50ms";
    Time blackoutAt = Seconds(-1);
    uint32_t dataRetries = 6;
    std::string outDir = "fulltcp-lossy-link-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("bytes", "bytes to transfer", bytes);
    cmd.AddValue("lossRate", "probability that the link loses a data segment", lossRate);
    cmd.AddValue("delay", "one-way delay of the link", delay);
    cmd.AddValue(
        "blackoutAt", "from this time the link loses everything (negative: never)", blackoutAt);
    cmd.AddValue(
        "dataRetries", "retransmissions before giving up (Linux tcp_retries2: 15)", dataRetries);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);

    FullTcpExampleLink link;
    link.fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(1448));
    link.fulltcp.SetSocketAttribute("DataRetries", UintegerValue(dataRetries));
    link.Build("5Mbps", delay);
    Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
    loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    loss->SetRate(lossRate);
    loss->AssignStreams(10);
    link.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    if (blackoutAt.IsPositive())
    {
        Simulator::Schedule(blackoutAt,
                            [loss]()
                            {
                                std::cout << Simulator::Now().As(Time::S)
                                          << "  the link goes dark\n";
                                loss->SetRate(1.0);
                            });
    }
    link.fulltcp.SetTraceRecorderAttribute("MaxSegments", UintegerValue(300));
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "lossy");
    FullTcpExamplePrintTransitions(link.nodes);
    link.nodes.Get(0)->GetObject<FullTcpL4Protocol>()->TraceConnectWithoutContext(
        "SocketCreated", MakeCallback(&OnSocketCreated));

    PacketSinkHelper sink("ns3::FullTcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinkApp = sink.Install(link.nodes.Get(1));
    BulkSendHelper bulk("ns3::FullTcpSocketFactory", link.Server(9));
    bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
    ApplicationContainer bulkApp = bulk.Install(link.nodes.Get(0));
    bulkApp.Start(Seconds(1));

    Simulator::Stop(Seconds(300));
    Simulator::Run();
    std::cout << "\ndelivered " << DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx() << " of "
              << bytes << " bytes with " << g_retransmissions << " retransmissions\n"
              << "Outputs in " << outDir << "/\n";
    Simulator::Destroy();
    return 0;
}
