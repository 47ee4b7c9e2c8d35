/*
 * Example: `make demo`: three-way handshake and four-way close told with the real ISNs
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-handshake — the flagship example (`make demo`).
 *
 * The story of the tutorials this project grew from (三次握手与四次挥手): a client and a
 * server, written against the ordinary ns-3 Socket API, on a point-to-point link running
 * FullTcp. The client connects (three-way handshake), sends a little data, the server
 * answers, the client closes (four-way close), and the client waits in TIME_WAIT for 2·MSL
 * before the connection is gone.
 *
 * As each end changes state, the program prints the tutorial's sentence for that step with
 * the tutorial's letters (x, y: the ISNs; u: the closer's FIN; v: the ACK of that FIN;
 * w: the other side's FIN) set to the real numbers of the real segments. At the end it
 * prints the text ladder of the connection with both ends' states, and it writes into
 * --outDir: the pcap of the link (checksums on), states.csv (every transition), the SVG
 * ladder, the time-sequence graphs, and an `ss -tan` snapshot taken during TIME_WAIT.
 *
 *   ./fulltcp-handshake [--isnZero=1] [--serverClosesFirst=0] [--msl=1s] [--closeDelay=100ms]
 *                       [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpHandshakeExample");

namespace
{

const uint16_t kServerPort = 80;
const uint32_t kRequestBytes = 100;  // "a little data": the client's request
const uint32_t kResponseBytes = 200; // and the server's answer
const char* kName[2] = {"client", "server"};

/// What the story needs to remember between events.
struct Story
{
    bool serverClosesFirst {false};
    Time closeDelay;             //!< how long the passive closer still "has data" after EOF
    Time msl;                    //!< for the TIME_WAIT sentence
    Ptr<Node> node[2];           //!< for the snapshot during TIME_WAIT
    std::string snapshotPath;    //!< where the snapshot is also written
    uint32_t received[2] {0, 0}; //!< payload bytes each side read
    bool answered {false};       //!< the server sent its answer
    FullTcpHeader lastSent[2];   //!< newest segment each side sent
    std::map<char, uint32_t> n;  //!< the tutorials' letters -> the real numbers
} g;

/// The node (0 client, 1 server) a socket lives on.
int
Side(Ptr<const Socket> s)
{
    return s->GetNode()->GetId() == 0 ? 0 : 1;
}

/// Side `side` closes first (the active closer of the four-way close)?
bool
IsActiveCloser(int side)
{
    return (side == 1) == g.serverClosesFirst;
}

void
Say(int side, const std::string& text)
{
    std::cout << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds() << "s  "
              << std::left << std::setw(7) << kName[side] << text << "\n";
}

/// The tutorial's sentence for a transition, with the letters set from the segments sent:
/// the step on the first line, the why on the next. Runs just after the transition's event,
/// so the segment the transition caused has gone out.
void
Narrate(int side, FullTcpState from, FullTcpState to)
{
    using S = FullTcpState;
    const char* next = "\n               "; // under the text of the first line
    const FullTcpHeader& h = g.lastSent[side];
    std::ostringstream os;
    os << from << " -> " << to << ": ";
    if (to == S::LISTEN)
    {
        os << "socket, bind, listen (the passive open)." << next
           << "The server waits for connections.";
    }
    else if (to == S::SYN_SENT)
    {
        g.n['x'] = h.GetSequenceNumber();
        os << "1st handshake: SYN=1 seq=x=" << g.n['x'] << next
           << "A SYN carries no data but uses one sequence number.";
    }
    else if (to == S::SYN_RCVD)
    {
        g.n['y'] = h.GetSequenceNumber();
        os << "2nd handshake: SYN=1 ACK=1 seq=y=" << g.n['y'] << " ack=x+1=" << h.GetAckNumber()
           << next << "The server confirms the client's SYN and sends its own.";
    }
    else if (to == S::ESTABLISHED && side == 0)
    {
        os << "3rd handshake: ACK=1 seq=x+1=" << h.GetSequenceNumber()
           << " ack=y+1=" << h.GetAckNumber() << next
           << "The client checked ack == x+1; it may send data now.";
    }
    else if (to == S::ESTABLISHED)
    {
        os << "got ack=y+1=" << g.n['y'] + 1 << next
           << "Both sides know both can send and receive: three segments were enough.";
    }
    else if (to == S::FIN_WAIT_1)
    {
        g.n['u'] = h.GetSequenceNumber();
        os << "1st wave: FIN=1 ACK=1 seq=u=" << g.n['u'] << next << "No more data from the "
           << kName[side] << ", but it keeps receiving.";
    }
    else if (to == S::CLOSE_WAIT)
    {
        g.n['v'] = h.GetSequenceNumber();
        os << "2nd wave: ACK=1 seq=v=" << g.n['v'] << " ack=u+1=" << h.GetAckNumber() << next
           << "The " << kName[side] << " may still have data to send, so no FIN yet:" << next
           << "this is why closing takes four segments and opening three.";
    }
    else if (to == S::FIN_WAIT_2)
    {
        os << "its FIN is acknowledged (ack=u+1=" << g.n['u'] + 1 << ")" << next
           << "Half-closed, waiting for the other side's FIN.";
    }
    else if (to == S::LAST_ACK)
    {
        g.n['w'] = h.GetSequenceNumber();
        os << "3rd wave: FIN=1 ACK=1 seq=w=" << g.n['w'] << " ack=u+1=" << h.GetAckNumber() << next
           << "Done sending; waiting for the last ACK.";
    }
    else if (to == S::TIME_WAIT)
    {
        os << "4th wave: ACK=1 seq=u+1=" << h.GetSequenceNumber() << " ack=w+1=" << h.GetAckNumber()
           << next << "Now wait 2*MSL = " << (2 * g.msl).GetSeconds()
           << " s: if this ACK is lost, the FIN comes again and is" << next
           << "acknowledged again; and old segments of this connection die out before the" << next
           << "same port pair can be used again.";
        // Halfway through TIME_WAIT, look at this end as `ss -tan` would.
        const Time at = Simulator::Now() + g.msl;
        Simulator::Schedule(g.msl,
                            [side]
                            {
                                std::cout << "\n$ ss -tan   # on the " << kName[side] << "\n";
                            });
        FullTcpHelper::Snapshot(g.node[side], at);
        FullTcpHelper::Snapshot(g.node[side], at, g.snapshotPath);
        Simulator::Schedule(g.msl,
                            []
                            {
                                std::cout << "\n";
                            });
    }
    else if (to == S::CLOSED && from == S::TIME_WAIT)
    {
        os << "2*MSL passed with no FIN again: the last ACK arrived." << next
           << "The connection is gone.";
    }
    else if (to == S::CLOSED)
    {
        os << "got ack=w+1=" << g.n['w'] + 1 << next << "Closed, earlier than the other side.";
    }
    Say(side, os.str());
}

/// StateChange sink of both nodes' FullTcpL4Protocol (node 0 is the client).
void
OnStateChange(uint32_t node,
              const Address&,
              const Address&,
              FullTcpState from,
              FullTcpState to,
              FullTcpStateCause)
{
    Simulator::ScheduleNow(&Narrate, node == 0 ? 0 : 1, from, to);
}

/// SegmentSent sink of both nodes: remember each side's newest segment for the narration.
void
OnSegmentSent(
    uint32_t node, Ptr<const Packet>, const FullTcpHeader& h, const Address&, const Address&)
{
    g.lastSent[node == 0 ? 0 : 1] = h;
}

void
SendBytes(Ptr<Socket> s, uint32_t bytes, char fill)
{
    std::vector<uint8_t> data(bytes, fill);
    s->Send(data.data(), bytes, 0);
    Say(Side(s), "sends " + std::to_string(bytes) + " bytes");
}

void
CloseNow(Ptr<Socket> s)
{
    Say(Side(s), "calls Close()");
    s->Close();
}

/// The peer's FIN arrived: Recv() returned 0 bytes (end of file). The side that did not
/// close first closes after closeDelay, standing for the tutorial's "the server may still
/// have data to send": if it closed at once, its FIN could ride on the ACK of the first FIN
/// and the close would take three segments instead of the tutorial's four.
void
OnEndOfFile(Ptr<Socket> s)
{
    Say(Side(s), "reads end of file: the other side has closed its half");
    if (!IsActiveCloser(Side(s)))
    {
        Simulator::Schedule(g.closeDelay, &CloseNow, s);
    }
}

/// Both sides read here. The server answers the request; who closes first closes when its
/// exchange is done.
void
OnRecv(Ptr<Socket> s)
{
    const int side = Side(s);
    while (Ptr<Packet> p = s->Recv())
    {
        if (p->GetSize() == 0)
        {
            OnEndOfFile(s);
            return;
        }
        g.received[side] += p->GetSize();
        Say(side, "reads " + std::to_string(p->GetSize()) + " bytes");
    }
    if (side == 1 && g.received[1] == kRequestBytes && !g.answered)
    {
        g.answered = true;
        SendBytes(s, kResponseBytes, 's');
        if (IsActiveCloser(1))
        {
            CloseNow(s);
        }
    }
    else if (side == 0 && g.received[0] == kResponseBytes && IsActiveCloser(0))
    {
        CloseNow(s);
    }
}

void
Watch(Ptr<Socket> s)
{
    s->SetRecvCallback(MakeCallback(&OnRecv));
}

void
OnConnected(Ptr<Socket> s)
{
    Watch(s);
    // After the narration of the handshake, which waits for the end of this event.
    Simulator::ScheduleNow(&SendBytes, s, kRequestBytes, 'c');
}

void
OnAccept(Ptr<Socket> s, const Address&)
{
    Watch(s);
}

} // namespace

int
main(int argc, char* argv[])
{
    bool isnZero = true;
    Time msl = Seconds(1);
    std::string outDir = "fulltcp-handshake-output";
    g.closeDelay = MilliSeconds(100);
    CommandLine cmd(__FILE__);
    cmd.AddValue("isnZero", "both ends start at ISN 0, as in the tutorials", isnZero);
    cmd.AddValue("serverClosesFirst", "the server starts the four-way close", g.serverClosesFirst);
    cmd.AddValue("msl",
                 "Maximum Segment Lifetime: TIME_WAIT lasts 2*msl (RFC 9293 §3.4.2: 2 min; "
                 "1 s here so that the demo ends quickly)",
                 msl);
    cmd.AddValue("closeDelay", "how long the passive closer waits after EOF", g.closeDelay);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);
    g.msl = msl;

    FullTcpExampleLink link;
    link.fulltcp.SetL4Attribute("UseFixedIsn", BooleanValue(isnZero));
    link.fulltcp.SetL4Attribute("FixedIsn", UintegerValue(0));
    link.fulltcp.SetSocketAttribute("Msl", TimeValue(msl));
    // The MSS an Ethernet host announces (1500 - 40), as Linux does; ns-3's default is 536.
    link.fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(1460));
    link.Build();
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "handshake");
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<FullTcpL4Protocol> tcp = link.nodes.Get(i)->GetObject<FullTcpL4Protocol>();
        tcp->TraceConnectWithoutContext("StateChange", MakeCallback(&OnStateChange));
        tcp->TraceConnectWithoutContext("SegmentSent", MakeCallback(&OnSegmentSent));
    }
    g.node[0] = link.nodes.Get(0);
    g.node[1] = link.nodes.Get(1);
    g.snapshotPath = outDir + "/snapshot-time-wait.txt";

    link.Listen(kServerPort, MakeCallback(&OnAccept));
    Simulator::Schedule(Seconds(1), &Say, 0, "calls Connect()");
    link.ConnectAt(Seconds(1), kServerPort, MakeCallback(&OnConnected));

    Simulator::Stop(Seconds(10) + 2 * msl);
    Simulator::Run();
    FullTcpExamplePrintLadders(recorder, outDir); // the SVG files follow at Destroy()
    Simulator::Destroy();
    return 0;
}
