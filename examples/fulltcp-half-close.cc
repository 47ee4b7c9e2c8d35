/*
 * Example: half-close, ShutdownSend() then a large reply over the open side (RFC 9293 §3.6)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-half-close — TCP is full duplex, so each direction closes on its own (RFC 9293 §3.6).
 *
 * The client sends a request and then ShutdownSend(): its FIN says "no more data from me"
 * (FIN_WAIT_1, then FIN_WAIT_2 once acknowledged), yet it keeps reading. The server reads
 * the request up to end of file (CLOSE_WAIT), sends a large reply over the half-open
 * connection, and only then closes (LAST_ACK). This is the tutorials' "the server may still
 * have data to send" (服务器可能还有数据需要发送) with a lot of data.
 *
 *   ./fulltcp-half-close [--replyBytes=200000] [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpHalfCloseExample");

namespace
{

uint32_t g_replyBytes = 200000;
uint32_t g_replySent = 0;
uint32_t g_clientReceived = 0;

/// Server: send as much of the reply as the send buffer takes; close when all is queued.
void
SendReply(Ptr<Socket> s, uint32_t)
{
    while (g_replySent < g_replyBytes && s->GetTxAvailable() > 0)
    {
        const uint32_t chunk = std::min(g_replyBytes - g_replySent, s->GetTxAvailable());
        const int sent = s->Send(Create<Packet>(chunk));
        if (sent <= 0)
        {
            return;
        }
        g_replySent += sent;
    }
    if (g_replySent == g_replyBytes)
    {
        s->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        std::cout << Simulator::Now().As(Time::S) << "  server queued the whole reply, closes\n";
        s->Close();
    }
}

/// Server: at the end of the request (the client's FIN) answer over the half-open
/// connection.
void
OnRequestEnd(Ptr<Socket> s)
{
    std::cout << Simulator::Now().As(Time::S) << "  server read end of file (CLOSE_WAIT); "
              << "replies with " << g_replyBytes << " bytes\n";
    s->SetSendCallback(MakeCallback(&SendReply));
    SendReply(s, 0);
}

void
OnAccept(Ptr<Socket> s, const Address&)
{
    FullTcpExampleReadToEnd(s, MakeCallback(&OnRequestEnd));
}

/// Client: read the reply; at its end (the server's FIN) close.
void
OnClientRecv(Ptr<Socket> s)
{
    bool eof = false;
    g_clientReceived += FullTcpExampleDrain(s, &eof);
    if (eof)
    {
        std::cout << Simulator::Now().As(Time::S)
                  << "  client read end of file: " << g_clientReceived
                  << " reply bytes received after its own FIN\n";
        s->Close();
    }
}

/// Client: send the request, then shut down only the sending side.
void
OnConnected(Ptr<Socket> s)
{
    s->SetRecvCallback(MakeCallback(&OnClientRecv));
    s->Send(Create<Packet>(300));
    s->ShutdownSend();
    std::cout << Simulator::Now().As(Time::S)
              << "  client sent a 300-byte request and called ShutdownSend()\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string outDir = "fulltcp-half-close-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("replyBytes", "size of the server's reply", g_replyBytes);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);

    FullTcpExampleLink link;
    link.fulltcp.SetSocketAttribute("Msl", TimeValue(Seconds(1)));
    link.fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(1448));
    link.Build();
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "half-close");
    FullTcpExamplePrintTransitions(link.nodes);

    link.Listen(80, MakeCallback(&OnAccept));
    link.ConnectAt(Seconds(1), 80, MakeCallback(&OnConnected));

    Simulator::Stop(Seconds(20));
    Simulator::Run();
    std::cout << "client received " << g_clientReceived << " of " << g_replyBytes
              << " reply bytes\n";
    FullTcpExamplePrintLadders(recorder, outDir);
    Simulator::Destroy();
    return g_clientReceived == g_replyBytes ? 0 : 1;
}
