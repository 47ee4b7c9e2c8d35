/*
 * Example: RST received in SYN_SENT, ESTABLISHED, FIN_WAIT_2 and CLOSE_WAIT (RFC 9293 §3.5.2)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-reset — RST, the segment that ends a connection at once (RFC 9293 §3.5.2, §3.10.7).
 *
 * Four short stories, one after the other, each ending with a RST received in another state:
 *  1. SYN_SENT: the client connects to a port where nobody listens; the server's TCP answers
 *     the SYN with RST+ACK and Connect() fails (ERROR_NOTCONN, "connection refused").
 *  2. ESTABLISHED: the server closes a connection whose data it never read. Closing would
 *     lose that data silently, so TCP aborts with a RST instead (RFC 9293 §3.6.1, RFC 2525
 *     §2.17); the client learns of it through its error callback.
 *  3. FIN_WAIT_2: as 2., but the client has already sent its FIN.
 *  4. CLOSE_WAIT: the server closes at once (FIN); the client, half-closed, still sends
 *     data, which the fully closed server cannot deliver to anyone: it answers with a RST.
 *
 *   ./fulltcp-reset [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpResetExample");

namespace
{

const uint16_t kUnreadPort = 80; // the server reads nothing and closes after 0.5 s
const uint16_t kClosedPort = 81; // nobody listens
const uint16_t kEagerPort = 82;  // the server closes as soon as it accepts

void
Say(const std::string& text)
{
    std::cout << Simulator::Now().As(Time::S) << "  " << text << "\n";
}

void
OnAccept(Ptr<Socket> s, const Address&)
{
    Address local;
    s->GetSockName(local);
    const uint16_t port = InetSocketAddress::ConvertFrom(local).GetPort();
    const Time delay = port == kUnreadPort ? MilliSeconds(500) : Seconds(0);
    Simulator::Schedule(delay,
                        [s]()
                        {
                            Say("server calls Close() (" + std::to_string(s->GetRxAvailable())
                                + " bytes unread)");
                            s->Close();
                        });
}

void
OnError(Ptr<Socket> s)
{
    const Socket::SocketErrno e = s->GetErrno();
    // ns-3 has no ECONNREFUSED or ECONNRESET: a RST reads as "not connected".
    Say("client: connection error, errno " + std::to_string(e)
        + (e == Socket::ERROR_NOTCONN ? " (ERROR_NOTCONN)" : ""));
}

/// One story's client: it connects at `at` to `port`, sends `bytes` once connected, and
/// calls Close() `closeAfter` later, or sends 100 bytes more `sendAfter` later (zero: no).
struct Plan
{
    Time at;
    uint16_t port;
    uint32_t bytes;
    Time closeAfter;
    Time sendAfter;
};

void
SendMore(Ptr<Socket> s)
{
    Say("client sends 100 bytes in CLOSE_WAIT");
    s->Send(Create<Packet>(100));
}

void
OnConnected(const Plan& plan, Ptr<Socket> s)
{
    if (plan.bytes > 0)
    {
        s->Send(Create<Packet>(plan.bytes));
    }
    if (plan.closeAfter.IsStrictlyPositive())
    {
        Simulator::Schedule(plan.closeAfter, &Socket::Close, s);
    }
    if (plan.sendAfter.IsStrictlyPositive())
    {
        Simulator::Schedule(plan.sendAfter, &SendMore, s);
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string outDir = "fulltcp-reset-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);

    FullTcpExampleLink link;
    link.fulltcp.SetSocketAttribute("Msl", TimeValue(Seconds(1)));
    link.Build();
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "reset");
    FullTcpExamplePrintTransitions(link.nodes);

    link.Listen(kUnreadPort, MakeCallback(&OnAccept));
    link.Listen(kEagerPort, MakeCallback(&OnAccept));
    const std::vector<Plan> plans = {{Seconds(1), kClosedPort, 0, Seconds(0), Seconds(0)},
                                     {Seconds(2), kUnreadPort, 1000, Seconds(0), Seconds(0)},
                                     {Seconds(4), kUnreadPort, 1000, MilliSeconds(200), Seconds(0)},
                                     {Seconds(6), kEagerPort, 0, Seconds(0), MilliSeconds(300)}};
    for (const Plan& plan : plans)
    {
        Ptr<Socket> client = link.ConnectAt(plan.at,
                                            plan.port,
                                            Callback<void, Ptr<Socket>>(
                                                [plan](Ptr<Socket> s)
                                                {
                                                    OnConnected(plan, s);
                                                }),
                                            MakeCallback(&OnError));
        client->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(), MakeCallback(&OnError));
    }

    Simulator::Stop(Seconds(10));
    Simulator::Run();
    FullTcpExamplePrintLadders(recorder, outDir);
    Simulator::Destroy();
    return 0;
}
