/*
 * Example: simultaneous open and simultaneous close (RFC 9293 §3.5 Figure 8, §3.6 Figure 13)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-simultaneous — the two rare paths of RFC 9293 Figure 5 (§3.5 Figure 8, §3.6 Figure 13).
 *
 * Simultaneous open: both nodes bind a known port and connect to each other at the same
 * instant, so the two SYNs cross on the link. Each end goes SYN_SENT -> SYN_RCVD on the
 * other's SYN and answers with a SYN-ACK; there is no listener and four segments open one
 * connection. Simultaneous close: both call Close() at the same instant, the FINs cross,
 * and each end goes FIN_WAIT_1 -> CLOSING -> TIME_WAIT (both ends wait 2·MSL).
 *
 *   ./fulltcp-simultaneous [--msl=1s] [--closeAt=2s] [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpSimultaneousExample");

int
main(int argc, char* argv[])
{
    Time msl = Seconds(1);
    Time closeAt = Seconds(2);
    std::string outDir = "fulltcp-simultaneous-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("msl", "Maximum Segment Lifetime: TIME_WAIT lasts 2*msl", msl);
    cmd.AddValue("closeAt", "when both ends call Close() (after the open at 1 s)", closeAt);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);

    FullTcpExampleLink link;
    link.fulltcp.SetSocketAttribute("Msl", TimeValue(msl));
    link.Build();
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "simultaneous");
    FullTcpExamplePrintTransitions(link.nodes);

    const uint16_t port[2] = {5000, 6000};
    Ptr<Socket> end[2];
    for (uint32_t i = 0; i < 2; ++i)
    {
        end[i] = link.NewSocket(i);
        end[i]->Bind(InetSocketAddress(link.interfaces.GetAddress(i), port[i]));
    }
    for (uint32_t i = 0; i < 2; ++i)
    {
        const InetSocketAddress peer(link.interfaces.GetAddress(1 - i), port[1 - i]);
        Simulator::Schedule(Seconds(1),
                            [=]()
                            {
                                end[i]->Connect(peer);
                            });
        Simulator::Schedule(closeAt,
                            [=]()
                            {
                                end[i]->Close();
                            });
    }

    Simulator::Stop(closeAt + Seconds(5) + 2 * msl);
    Simulator::Run();
    FullTcpExamplePrintLadders(recorder, outDir);
    Simulator::Destroy();
    return 0;
}
