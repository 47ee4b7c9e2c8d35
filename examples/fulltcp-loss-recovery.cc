/*
 * Example: RACK-TLP at work (RFC 8985): a lost tail repaired by a probe, a lost segment found by
 * time SPDX-License-Identifier: GPL-2.0-only
 *
 * fulltcp-loss-recovery — two bulk transfers in the Linux profile (CUBIC, RACK-TLP, PRR,
 * F-RTO and undo: doc/loss-recovery.rst), each losing one chosen data segment on the way to
 * the server:
 *
 *  1. port 80, the tail: the last --tailLoss segments of the transfer are lost. No ACK will
 *     ever report them (nothing follows them), so without RACK-TLP only the retransmission
 *     timeout would repair them. The Tail Loss Probe (RFC 8985 §7) resends the last segment
 *     one probe timeout (PTO = 2·SRTT + 2 ms) after the last transmission; the peer SACKs
 *     it, and RACK marks the segments before it lost and the fast recovery resends them.
 *     (With one segment lost and the others acknowledged, one segment is in flight: Linux's
 *     PTO then adds TCP_RTO_MIN and is capped at the RTO, so the timer would go first.)
 *  2. port 81, the middle: segment --middleLoss of a longer transfer is lost. The segments
 *     after it arrive and are SACKed; RACK (RFC 8985 §6) marks the hole lost once a segment
 *     sent after it was delivered and RACK.rtt + reo_wnd passed since it was sent, not after
 *     counting three duplicate ACKs, and the fast recovery resends it.
 *
 * The example prints when each repair happened and what a retransmission timeout would have
 * cost, and writes the time-sequence graphs (lossrec-1-...-tseq-client.svg: the probe marked
 * "TLP"; lossrec-2-...: RACK's loss mark as a cross), the congestion logs
 * (lossrec-congestion-<node>-<local>-<remote>.csv: cwnd, RTT, events tlp_retransmit /
 * rack_lost), a pcap, the state log and the ladders. doc/loss-recovery.rst shows both graphs.
 *
 *   ./fulltcp-loss-recovery [--tailSegments=30] [--tailLoss=2] [--middleSegments=80]
 *                           [--middleLoss=20]
 *                           [--rate=10Mbps] [--delay=20ms] [--outDir=DIR]
 */
#include "fulltcp-example-link.h"

#include <map>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("FullTcpLossRecoveryExample");

namespace
{

/// The server's device loses data segments first .. first + count - 1 (counted per server
/// port, retransmissions included, from 1).
class LoseSegments : public ErrorModel
{
  public:
    /// \return the TypeId
    static TypeId
    GetTypeId()
    {
        static TypeId tid = TypeId("ns3::FullTcpExampleLoseSegments")
                                .SetParent<ErrorModel>()
                                .SetGroupName("FullTcp")
                                .AddConstructor<LoseSegments>();
        return tid;
    }

    /// server port -> (first data segment to lose, how many)
    std::map<uint16_t, std::pair<uint32_t, uint32_t>> lose;

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        // The device hands its error model the frame: PPP, IPv4, TCP, payload.
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        Ipv4Header ip;
        FullTcpHeader tcp;
        copy->RemoveHeader(ppp);
        copy->RemoveHeader(ip);
        copy->RemoveHeader(tcp);
        const uint16_t port = tcp.GetDestinationPort();
        const auto it = lose.find(port);
        if (copy->GetSize() == 0 || it == lose.end())
        {
            return false;
        }
        const uint32_t n = ++m_seen[port];
        const auto [first, count] = it->second;
        if (n < first || n >= first + count)
        {
            return false;
        }
        std::cout << Simulator::Now().As(Time::S) << "  port " << port << ": data segment " << n
                  << " (seq " << tcp.GetSequenceNumber() << ") lost\n";
        return true;
    }

    void
    DoReset() override
    {
    }

    std::map<uint16_t, uint32_t> m_seen; //!< data segments seen per server port
};

/// What one transfer's client did, from its socket's traces and the node's SegmentSent.
struct Transfer
{
    uint32_t bytes {0};        //!< to send
    uint32_t written {0};      //!< written so far
    uint64_t delivered {0};    //!< bytes the server read
    Time done;                 //!< when the server read the last byte
    uint32_t highestSeq {0};   //!< highest sequence number sent + its length (wire)
    Time lastNewData;          //!< when the last new data segment left
    Time lastAck;              //!< when the last ACK before the probe arrived
    Time rto;                  //!< the RTO now
    Time srtt;                 //!< SRTT now
    Time srttAtProbe;          //!< SRTT when the (first) probe left
    Time probeAt;              //!< when the (first) Tail Loss Probe left
    bool probeNewData {false}; //!< it carried new data
    std::vector<std::pair<Time, SequenceNumber32>> rackMarks; //!< RACK's loss marks
    uint32_t retransmissions {0}; //!< segments retransmitted (the probe included)
    uint32_t timeouts {0};        //!< entries into Loss: retransmission timeouts
};

std::map<uint16_t, Transfer> g_transfers; //!< by server port

/// \param t a transfer \param s its client's socket: write what fits
void
Pump(Transfer* t, Ptr<Socket> s)
{
    while (t->written < t->bytes && s->GetTxAvailable() > 0)
    {
        const uint32_t n = std::min(s->GetTxAvailable(), t->bytes - t->written);
        if (s->Send(Create<Packet>(n)) < 0)
        {
            return;
        }
        t->written += n;
    }
    if (t->written == t->bytes)
    {
        s->Close();
    }
}

/// \param d a duration \return it in milliseconds, as text
std::string
Ms(Time d)
{
    return std::to_string(d.GetMilliSeconds()) + " ms";
}

/// SegmentSent of the client node: new data and retransmissions of each transfer.
void
OnSegmentSent(
    uint32_t, Ptr<const Packet> payload, const FullTcpHeader& h, const Address&, const Address&)
{
    const auto it = g_transfers.find(h.GetDestinationPort());
    if (it == g_transfers.end() || !payload || payload->GetSize() == 0)
    {
        return;
    }
    Transfer& t = it->second;
    const uint32_t end = h.GetSequenceNumber() + payload->GetSize();
    if (t.highestSeq == 0 || SequenceNumber32(end) > SequenceNumber32(t.highestSeq))
    {
        t.highestSeq = end;
        t.lastNewData = Simulator::Now();
        return;
    }
    ++t.retransmissions;
}

/// SegmentReceived of the client node: the ACKs that restart the probe timer.
void
OnSegmentReceived(
    uint32_t, Ptr<const Packet>, const FullTcpHeader& h, const Address&, const Address&)
{
    const auto it = g_transfers.find(h.GetSourcePort());
    if (it != g_transfers.end() && it->second.probeAt.IsZero())
    {
        it->second.lastAck = Simulator::Now();
    }
}

/// \param what the transfer's name \param t what it did: print its story
void
Report(const std::string& what, const Transfer& t)
{
    std::cout << "\n" << what << "\n   last new data at " << t.lastNewData.As(Time::S) << "\n";
    if (!t.probeAt.IsZero())
    {
        std::cout << "   tail loss probe (" << (t.probeNewData ? "new data" : "the last segment")
                  << ") at " << t.probeAt.As(Time::S) << ", " << Ms(t.probeAt - t.lastAck)
                  << " after the last ACK (PTO = 2·SRTT + 2 ms, SRTT " << Ms(t.srttAtProbe)
                  << ")\n";
    }
    for (const auto& [at, seq] : t.rackMarks)
    {
        std::cout << "   RACK marked seq " << seq << " lost at " << at.As(Time::S) << "\n";
    }
    std::cout << "   " << t.retransmissions << " segment(s) retransmitted, " << t.timeouts
              << " retransmission timeout(s)\n"
              << "   delivered " << t.delivered << " of " << t.bytes << " at " << t.done.As(Time::S)
              << "\n";
}

/// \param t a transfer \param s its client: follow its recovery's traces
void
Follow(Transfer* t, Ptr<Socket> s)
{
    s->TraceConnectWithoutContext("RTO",
                                  MakeBoundCallback(
                                      +[](Transfer* t, Time, Time v)
                                      {
                                          t->rto = v;
                                      },
                                      t));
    s->TraceConnectWithoutContext("RTT",
                                  MakeBoundCallback(
                                      +[](Transfer* t, Time, Time v)
                                      {
                                          t->srtt = v;
                                      },
                                      t));
    s->TraceConnectWithoutContext("TailLossProbe",
                                  MakeBoundCallback(
                                      +[](Transfer* t, SequenceNumber32, bool newData)
                                      {
                                          if (t->probeAt.IsZero())
                                          {
                                              t->probeAt = Simulator::Now();
                                              t->probeNewData = newData;
                                              t->srttAtProbe = t->srtt;
                                          }
                                      },
                                      t));
    s->TraceConnectWithoutContext("RackLost",
                                  MakeBoundCallback(
                                      +[](Transfer* t, SequenceNumber32 start, SequenceNumber32)
                                      {
                                          t->rackMarks.emplace_back(Simulator::Now(), start);
                                      },
                                      t));
    s->TraceConnectWithoutContext(
        "CongState",
        MakeBoundCallback(
            +[](Transfer* t, TcpSocketState::TcpCongState_t, TcpSocketState::TcpCongState_t to)
            {
                t->timeouts += to == TcpSocketState::CA_LOSS;
            },
            t));
}

/// \param t a transfer \param s an accepted connection: read it to the end
void
Accepted(Transfer* t, Ptr<Socket> s, const Address&)
{
    s->SetRecvCallback(MakeBoundCallback(
        +[](Transfer* t, Ptr<Socket> s)
        {
            t->delivered += FullTcpExampleDrain(s);
            if (t->delivered == t->bytes && t->done.IsZero())
            {
                t->done = Simulator::Now();
            }
        },
        t));
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t tailSegments = 30;
    uint32_t tailLoss = 2;
    uint32_t middleSegments = 80;
    uint32_t middleLoss = 20;
    std::string rate = "10Mbps";
    std::string delay = "20ms";
    std::string outDir = "fulltcp-loss-recovery-output";
    CommandLine cmd(__FILE__);
    cmd.AddValue("tailSegments", "segments of the first transfer", tailSegments);
    cmd.AddValue("tailLoss", "how many of its last segments are lost", tailLoss);
    cmd.AddValue("middleSegments", "segments of the second transfer", middleSegments);
    cmd.AddValue("middleLoss", "which segment of the second transfer is lost", middleLoss);
    cmd.AddValue("rate", "link data rate", rate);
    cmd.AddValue("delay", "one-way delay of the link", delay);
    cmd.AddValue("outDir", "folder for the outputs", outDir);
    cmd.Parse(argc, argv);

    FullTcpExampleLink link;
    // Linux 6.18's loss machinery: CUBIC, RACK-TLP, PRR, F-RTO and undo (FullTcpProfile).
    FullTcpProfile::Linux(link.fulltcp);
    // 1448-byte segments carry 1436 bytes beside the timestamps option. The receive buffer
    // is tcp_rmem[1], where Linux's starts: the profile's 6 MB would flatten the graphs.
    link.fulltcp.SetSocketAttribute("SegmentSize", UintegerValue(1448));
    link.fulltcp.SetSocketAttribute("RcvBufSize", UintegerValue(131072));
    link.Build(rate, delay);
    Ptr<LoseSegments> loss = CreateObject<LoseSegments>();
    loss->lose[80] = {tailSegments - tailLoss + 1, tailLoss};
    loss->lose[81] = {middleLoss, 1};
    link.devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    Ptr<FullTcpTraceRecorder> recorder = link.RecordAll(outDir, "lossrec");
    link.fulltcp.EnableCongestionLog(outDir + "/lossrec-congestion");
    Ptr<FullTcpL4Protocol> clientTcp = link.nodes.Get(0)->GetObject<FullTcpL4Protocol>();
    clientTcp->TraceConnectWithoutContext("SegmentSent", MakeCallback(&OnSegmentSent));
    clientTcp->TraceConnectWithoutContext("SegmentReceived", MakeCallback(&OnSegmentReceived));

    const std::pair<uint16_t, uint32_t> plan[] = {{80, tailSegments}, {81, middleSegments}};
    std::vector<Ptr<Socket>> sockets;
    Time start = Seconds(1);
    for (const auto& [port, segments] : plan)
    {
        Transfer* t = &g_transfers[port];
        t->bytes = segments * 1436;
        sockets.push_back(link.Listen(port, MakeBoundCallback(&Accepted, t)));
        Ptr<Socket> client = link.ConnectAt(start, port, MakeBoundCallback(&Pump, t));
        client->SetSendCallback(MakeBoundCallback(
            +[](Transfer* t, Ptr<Socket> s, uint32_t)
            {
                Pump(t, s);
            },
            t));
        Follow(t, client);
        sockets.push_back(client);
        start += Seconds(3); // one after the other, so each graph tells one story
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();

    Report("1. The tail (port 80): the last " + std::to_string(tailLoss) + " of "
               + std::to_string(tailSegments) + " segments lost",
           g_transfers[80]);
    Report("2. The middle (port 81): segment " + std::to_string(middleLoss) + " of "
               + std::to_string(middleSegments) + " lost",
           g_transfers[81]);
    std::cout << "\nThe client node's MIB: TCPLossProbes " << clientTcp->GetMib().lossProbes
              << "\n";
    Simulator::Destroy();
    std::cout << "\nOutputs in " << outDir << "\n";
    return 0;
}
