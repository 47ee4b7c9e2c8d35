/*
 * Example: lost last ACK re-ACKed from TIME_WAIT, why it lasts 2·MSL (RFC 9293 §3.6.1)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-time-wait — why TIME_WAIT lasts 2·MSL (RFC 9293 §3.6.1; the tutorials' 原因一).
 *
 * The client connects and closes; the server closes too. The client's last ACK (the fourth
 * wave) is lost on the link, so the server, in LAST_ACK, retransmits its FIN when its
 * retransmission timer fires. The client is still in TIME_WAIT: it acknowledges the FIN
 * again and restarts its 2·MSL timer, and the server reaches CLOSED. Without TIME_WAIT the
 * client would have forgotten the connection and answered the FIN with a RST.
 *
 *   ./fulltcp-time-wait [--msl=2s] [--loseLastAck=1] [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpTimeWaitExample");

namespace
{

void
Close(Ptr<Socket> s)
{
    s->Close();
}

/// The server closes its side 50 ms after the client's FIN (end of file), so that its FIN
/// is a segment of its own (the tutorials' third wave).
void
CloseSoon(Ptr<Socket> s)
{
    Simulator::Schedule(MilliSeconds(50), &Close, s);
}

void
OnAccept(Ptr<Socket> s, const Address&)
{
    FullTcpExampleReadToEnd(s, MakeCallback(&CloseSoon));
}

/// The client closes 100 ms after its connection opens: no data, just the two FINs.
void
OnConnected(Ptr<Socket> s)
{
    Simulator::Schedule(MilliSeconds(100), &Close, s);
}

} // namespace

int
main(int argc, char* argv[])
{
    Time msl = Seconds(2);
    bool loseLastAck = true;
    std::string outDir = "fulltcp-time-wait-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("msl", "Maximum Segment Lifetime: TIME_WAIT lasts 2*msl", msl);
    cmd.AddValue("loseLastAck", "drop the client's last ACK on the link", loseLastAck);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);

    FullTcpExampleLink link;
    link.fulltcp.SetSocketAttribute("Msl", TimeValue(msl));
    link.Build();
    if (loseLastAck)
    {
        // The server's device receives from the client: SYN (0), ACK of the SYN-ACK (1),
        // FIN (2), the last ACK (3). Drop packet 3.
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList({3});
        link.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "time-wait");
    FullTcpExamplePrintTransitions(link.nodes);

    link.Listen(80, MakeCallback(&OnAccept));
    link.ConnectAt(Seconds(1), 80, MakeCallback(&OnConnected));

    Simulator::Stop(Seconds(10) + 2 * msl);
    Simulator::Run();
    FullTcpExamplePrintLadders(recorder, outDir);
    Simulator::Destroy();
    return 0;
}
