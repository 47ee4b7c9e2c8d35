/*
 * Test: suite fulltcp-traces, state CSV, socket and protocol traces, MIB, ss snapshot
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-traces": what a user sees of FullTcp without reading its code.
 *  - FullTcpHelper::EnableStateLog: the CSV of a handshake, a little data and a close, row
 *    for row (client CLOSED→SYN_SENT→ESTABLISHED→FIN_WAIT_1→FIN_WAIT_2→TIME_WAIT→CLOSED,
 *    the listener's forked child LISTEN→SYN_RCVD→ESTABLISHED→CLOSE_WAIT→LAST_ACK→CLOSED),
 *    and an IPv6 connection opened later, with `[addr]:port`;
 *  - the socket's CongestionWindow, SlowStartThreshold, RTT, RTO, BytesInFlight,
 *    Retransmission, CongState, MinRtt and RttVar traces over a transfer with an outage;
 *  - the protocol's SegmentSent/SegmentReceived/Drop traces and the RFC 4022 counters
 *    after a refused connect, a normal connection and a reset;
 *  - FullTcpHelper::EnableCongestionLog: the per-connection CSVs of that transfer;
 *  - FullTcpHelper::Snapshot: the `ss -tan` table with a listener, a connection and a
 *    TIME_WAIT record.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/fulltcp-congestion-log.h"
#include "ns3/fulltcp-snapshot.h"
#include "ns3/fulltcp-state-log.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// \param path a file \return its lines
std::vector<std::string>
ReadLines(const std::string& path)
{
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line);
    }
    return lines;
}

/// \param s a socket \return its local address:port as the state log writes it
std::string
LocalOf(Ptr<Socket> s)
{
    Address a;
    s->GetSockName(a);
    return FullTcpStateLog::FormatAddress(a);
}

/**
 * A server on node 1, port 9: accepts, reads everything, and closes each child a fixed time
 * after the child saw the client's FIN (so that the client sits in FIN_WAIT_2 meanwhile).
 */
class Server
{
  public:
    /// \param net the nodes \param ipv6 family \param closeDelay FIN after the peer's FIN
    Server(const TwoNodes& net, bool ipv6, Time closeDelay) : m_closeDelay(closeDelay)
    {
        listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(ipv6, 9));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&Server::Accepted, this));
    }

    Ptr<Socket> listener;              //!< the listener
    std::vector<Ptr<Socket>> children; //!< accepted connections
    uint64_t received {0};             //!< bytes read

  private:
    void
    Accepted(Ptr<Socket> s, const Address&)
    {
        children.push_back(s);
        s->SetRecvCallback(MakeCallback(&Server::Read, this));
    }

    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                Simulator::Schedule(m_closeDelay,
                                    [s]()
                                    {
                                        s->Close();
                                    });
                return;
            }
            received += p->GetSize();
        }
    }

    Time m_closeDelay; //!< delay of the FIN
};

// --------------------------------------------------------------------------- state log

/// The CSV of one complete connection, row for row, then an IPv6 connection opened later.
class StateLogTestCase : public TestCase
{
  public:
    StateLogTestCase() : TestCase("EnableStateLog: a full lifecycle, row for row") {}

  private:
    void
    DoRun() override
    {
        const std::string path = CreateTempDirFilename("fulltcp-states.csv");
        FullTcpHelper helper;
        helper.SetSocketAttribute("Msl", TimeValue(Seconds(1)));
        helper.SetSocketAttribute("DelAckTimeout", TimeValue(Seconds(0)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "10ms");
        // Before any socket exists: the log must still cover every connection.
        helper.EnableStateLog(path);
        Server server(net, false, MilliSeconds(100));
        Ptr<Socket> client = net.Socket(0);
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                client->Connect(net.AddressOf(1, false, 9));
                            });
        Simulator::Schedule(Seconds(1.5),
                            [&]()
                            {
                                client->Send(Create<Packet>(100));
                                client->Close();
                            });
        // A second connection, IPv6, long after the log was enabled.
        Ptr<Socket> later;
        Simulator::Schedule(Seconds(10),
                            [&]()
                            {
                                server.listener->Close();
                                Ptr<Socket> l6 = net.Socket(1);
                                l6->Bind(TwoNodes::AnyAddress(true, 80));
                                l6->Listen();
                                later = net.Socket(0);
                                later->Connect(net.AddressOf(1, true, 80));
                            });
        Simulator::Stop(Seconds(11));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(server.received, 100, "the data arrived");

        const std::string c = LocalOf(client);
        const std::string s = "10.1.1.2:9";
        const std::vector<std::string> expected = {
            "time,node,local,remote,from,to,cause",
            // t = 0: the server listens (a listener's remote is the wildcard).
            "0.000000000,1,0.0.0.0:9,0.0.0.0:0,CLOSED,LISTEN,APP_LISTEN",
            "1.000000000,0," + c + ",10.1.1.2:9,CLOSED,SYN_SENT,APP_CONNECT",
            // 10 ms of propagation plus the frame at 100 Mb/s (80 ns a byte, PPP + IP + TCP):
            // the SYN with its 20 option bytes, 62 bytes; segments with timestamps, 54.
            "1.010004960,1," + s + "," + c + ",LISTEN,SYN_RCVD,RCV_SYN",
            "1.020009920,0," + c + ",10.1.1.2:9,SYN_SENT,ESTABLISHED,RCV_SYN_ACK",
            "1.030014240,1," + s + "," + c + ",SYN_RCVD,ESTABLISHED,RCV_ACK_OF_SYN",
            "1.500000000,0," + c + ",10.1.1.2:9,ESTABLISHED,FIN_WAIT_1,APP_CLOSE",
            // The 100 bytes (154-byte frame) then the FIN (54): 16.64 us after 10 ms.
            "1.510016640,1," + s + "," + c + ",ESTABLISHED,CLOSE_WAIT,RCV_FIN",
            "1.520020960,0," + c + ",10.1.1.2:9,FIN_WAIT_1,FIN_WAIT_2,RCV_ACK_OF_FIN",
            // The server closes 100 ms after the client's FIN.
            "1.610016640,1," + s + "," + c + ",CLOSE_WAIT,LAST_ACK,APP_CLOSE",
            "1.620020960,0," + c + ",10.1.1.2:9,FIN_WAIT_2,TIME_WAIT,RCV_FIN",
            "1.630025280,1," + s + "," + c + ",LAST_ACK,CLOSED,RCV_ACK_OF_FIN",
            // 2·MSL = 2 s later, from the TIME_WAIT record.
            "3.620020960,0," + c + ",10.1.1.2:9,TIME_WAIT,CLOSED,TIMEOUT_2MSL",
        };
        std::vector<std::string> lines = ReadLines(path);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(lines.size(), expected.size(), "rows missing");
        // Rows are written in time order; the expected list groups FIN_WAIT_2 with the
        // client, so compare as sorted by time.
        std::vector<std::string> first(lines.begin(), lines.begin() + expected.size());
        std::vector<std::string> want = expected;
        std::stable_sort(first.begin() + 1, first.end());
        std::stable_sort(want.begin() + 1, want.end());
        for (size_t i = 0; i < want.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(first[i], want[i], "row " << i);
        }
        // Then: the listener closes, an IPv6 listener and a connection appear at 10 s.
        const std::string c6 = LocalOf(later);
        const std::vector<std::string> tail = {
            "10.000000000,1,0.0.0.0:9,0.0.0.0:0,LISTEN,CLOSED,APP_CLOSE",
            "10.000000000,1,[::]:80,[::]:0,CLOSED,LISTEN,APP_LISTEN",
            "10.000000000,0," + c6 + ",[2001:db8::200:ff:fe00:2]:80,CLOSED,SYN_SENT,APP_CONNECT",
        };
        NS_TEST_ASSERT_MSG_GT_OR_EQ(lines.size(), expected.size() + tail.size(), "IPv6 rows");
        for (size_t i = 0; i < tail.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(lines[expected.size() + i], tail[i], "IPv6 row " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(c6.front(), '[', "IPv6 in brackets");
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------------------ socket traces

/// CongestionWindow, SlowStartThreshold, RTT, RTO, BytesInFlight, Retransmission,
/// CongState, MinRtt and RttVar.
class SocketTracesTestCase : public TestCase
{
  public:
    SocketTracesTestCase() : TestCase("socket traces over a transfer with an outage") {}

  private:
    void
    DoRun() override
    {
        FullTcpHelper helper;
        helper.SetSocketAttribute("SegmentSize", UintegerValue(1000));
        helper.SetSocketAttribute("MinRto", TimeValue(MilliSeconds(200)));
        helper.SetSocketAttribute("SndBufSize", UintegerValue(262144)); // one write
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "10ms");
        Server server(net, false, Seconds(0));
        Ptr<Socket> client = net.Socket(0);
        std::vector<uint32_t> cwnd;
        std::vector<uint32_t> ssthresh;
        std::vector<Time> rtt;
        std::vector<Time> rto;
        std::vector<uint32_t> inFlight;
        std::vector<FullTcpHeader> retransmitted;
        std::vector<TcpSocketState::TcpCongState_t> congState;
        std::vector<Time> minRtt;
        std::vector<Time> rttVar;
        int64_t highestSeq = -1;
        client->TraceConnectWithoutContext(
            "CongState",
            MakeCallback(+[](std::vector<TcpSocketState::TcpCongState_t>* v,
                             TcpSocketState::TcpCongState_t,
                             TcpSocketState::TcpCongState_t n)
                         {
                             v->push_back(n);
                         })
                .Bind(&congState));
        client->TraceConnectWithoutContext("MinRtt",
                                           MakeCallback(+[](std::vector<Time>* v, Time, Time n)
                                                        {
                                                            v->push_back(n);
                                                        })
                                               .Bind(&minRtt));
        client->TraceConnectWithoutContext("RttVar",
                                           MakeCallback(+[](std::vector<Time>* v, Time, Time n)
                                                        {
                                                            v->push_back(n);
                                                        })
                                               .Bind(&rttVar));
        client->TraceConnectWithoutContext(
            "CongestionWindow",
            MakeCallback(+[](std::vector<uint32_t>* v, uint32_t, uint32_t n)
                         {
                             v->push_back(n);
                         })
                .Bind(&cwnd));
        client->TraceConnectWithoutContext(
            "SlowStartThreshold",
            MakeCallback(+[](std::vector<uint32_t>* v, uint32_t, uint32_t n)
                         {
                             v->push_back(n);
                         })
                .Bind(&ssthresh));
        client->TraceConnectWithoutContext(
            "BytesInFlight",
            MakeCallback(+[](std::vector<uint32_t>* v, uint32_t, uint32_t n)
                         {
                             v->push_back(n);
                         })
                .Bind(&inFlight));
        client->TraceConnectWithoutContext("RTT",
                                           MakeCallback(+[](std::vector<Time>* v, Time, Time n)
                                                        {
                                                            v->push_back(n);
                                                        })
                                               .Bind(&rtt));
        client->TraceConnectWithoutContext("RTO",
                                           MakeCallback(+[](std::vector<Time>* v, Time, Time n)
                                                        {
                                                            v->push_back(n);
                                                        })
                                               .Bind(&rto));
        client->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, const FullTcpHeader&, Ptr<const FullTcpSocket>>(
                [&highestSeq](Ptr<const Packet> p, const FullTcpHeader& h, Ptr<const FullTcpSocket>)
                {
                    if (p->GetSize() > 0)
                    {
                        highestSeq = std::max<int64_t>(highestSeq, h.GetSequenceNumber());
                    }
                }));
        client->TraceConnectWithoutContext(
            "Retransmission",
            Callback<void, Ptr<const Packet>, const FullTcpHeader&, Ptr<const FullTcpSocket>>(
                [&retransmitted,
                 &highestSeq](Ptr<const Packet> p, const FullTcpHeader& h, Ptr<const FullTcpSocket>)
                {
                    // Only what went before: at or below the highest sequence number sent.
                    if (p->GetSize() > 0 && h.GetSequenceNumber() <= highestSeq)
                    {
                        retransmitted.push_back(h);
                    }
                }));
        const uint32_t total = 200000;
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                client->Connect(net.AddressOf(1, false, 9));
                                NS_TEST_EXPECT_MSG_EQ(client->Send(Create<Packet>(total)),
                                                      static_cast<int>(total),
                                                      "written at once");
                            });
        // The server hears nothing for 300 ms: at least one RTO.
        net.CutAt(1, Seconds(1.1));
        net.HealAt(1, Seconds(1.4));
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(server.received, total, "everything arrived");

        NS_TEST_ASSERT_MSG_EQ(cwnd.empty(), false, "CongestionWindow fired");
        // RFC 5681 §3.1 with InitialCwnd 10: cwnd starts at 10 SMSS and grows.
        const uint32_t mss = 1000 - 12; // less the timestamps option
        NS_TEST_EXPECT_MSG_EQ(cwnd.front(), 10 * mss, "initial window, 10 SMSS");
        NS_TEST_EXPECT_MSG_GT(
            *std::max_element(cwnd.begin(), cwnd.end()), 10 * mss, "slow start grew the window");
        NS_TEST_EXPECT_MSG_EQ(
            *std::min_element(cwnd.begin(), cwnd.end()), mss, "the timeout's loss window, 1 SMSS");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(ssthresh.size(), 2, "SlowStartThreshold fired");
        NS_TEST_EXPECT_MSG_EQ(ssthresh.front(), 0x7fffffffU, "\"arbitrarily high\" at first");
        NS_TEST_EXPECT_MSG_LT(ssthresh.back(), total, "lowered by the timeout");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(ssthresh.back(), 2 * mss, "at least 2 SMSS (RFC 5681 (4))");
        NS_TEST_ASSERT_MSG_EQ(rtt.empty(), false, "RTT fired");
        for (const Time& t : rtt)
        {
            // Path RTT: 20 ms propagation plus serialization and queueing.
            NS_TEST_EXPECT_MSG_GT_OR_EQ(t, MilliSeconds(20), "SRTT below the path RTT");
            NS_TEST_EXPECT_MSG_LT(t, MilliSeconds(200), "SRTT implausibly high");
        }
        NS_TEST_ASSERT_MSG_EQ(rto.empty(), false, "RTO fired");
        NS_TEST_EXPECT_MSG_EQ(rto.front(), Seconds(3), "ConnTimeout before any sample");
        Time backedOff = Seconds(0);
        for (const Time& t : rto)
        {
            NS_TEST_EXPECT_MSG_GT_OR_EQ(t, MilliSeconds(200), "never below MinRto");
            backedOff = std::max(backedOff, t);
        }
        NS_TEST_ASSERT_MSG_EQ(inFlight.empty(), false, "BytesInFlight fired");
        NS_TEST_EXPECT_MSG_GT(
            *std::max_element(inFlight.begin(), inFlight.end()), 0, "data in flight");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(
            *std::max_element(inFlight.begin(), inFlight.end()), total, "no more than was written");
        NS_TEST_EXPECT_MSG_EQ(inFlight.back(), 0, "everything acknowledged at the end");
        NS_TEST_EXPECT_MSG_GT(retransmitted.size(), 0, "Retransmission fired");
        // Linux's congestion states in ns-3's type: the outage's timeout is Loss, and the
        // transfer ends Open.
        NS_TEST_EXPECT_MSG_EQ(congState.empty(), false, "CongState fired");
        NS_TEST_EXPECT_MSG_EQ(
            (std::count(congState.begin(), congState.end(), TcpSocketState::CA_LOSS) > 0),
            true,
            "the timeout entered Loss");
        NS_TEST_EXPECT_MSG_EQ((!congState.empty() && congState.back() == TcpSocketState::CA_OPEN),
                              true,
                              "Open at the end");
        NS_TEST_EXPECT_MSG_EQ(minRtt.empty(), false, "MinRtt fired");
        const Time lastMinRtt = minRtt.empty() ? Time(0) : minRtt.back();
        NS_TEST_EXPECT_MSG_GT_OR_EQ(lastMinRtt, MilliSeconds(20), "min RTT below the path's");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(
            lastMinRtt, *std::min_element(rtt.begin(), rtt.end()), "min RTT above a smoothed RTT");
        NS_TEST_EXPECT_MSG_EQ(std::any_of(rttVar.begin(),
                                          rttVar.end(),
                                          [](Time t)
                                          {
                                              return t.IsStrictlyPositive();
                                          }),
                              true,
                              "RttVar fired with a variation");
        const FullTcpSocketInfo info = DynamicCast<FullTcpSocket>(client)->GetInfo();
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            info.retransmissions, retransmitted.size(), "GetInfo() counts each retransmission");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(0)->GetMib().retransSegs,
                              info.retransmissions,
                              "RetransSegs counts the same segments");
        Simulator::Destroy();
    }
};

/// \param line a CSV row \return its fields
std::vector<std::string>
Fields(const std::string& line)
{
    std::vector<std::string> f;
    std::stringstream in(line);
    for (std::string x; std::getline(in, x, ',');)
    {
        f.push_back(x);
    }
    if (!line.empty() && line.back() == ',')
    {
        f.emplace_back(); // getline drops an empty last field
    }
    return f;
}

/// \param a an address as FormatAddress() writes it \return as the congestion log's file
/// names write it
std::string
FileNamePart(std::string a)
{
    std::replace(a.begin(), a.end(), ':', '_');
    return a;
}

/// EnableCongestionLog over the outage transfer: the files, the header, the rows.
class CongestionLogTestCase : public TestCase
{
  public:
    CongestionLogTestCase() : TestCase("EnableCongestionLog: one CSV per connection, row for row")
    {
    }

  private:
    void
    DoRun() override
    {
        const std::string prefix = CreateTempDirFilename("cc");
        FullTcpHelper helper;
        helper.SetSocketAttribute("SegmentSize", UintegerValue(1000));
        helper.SetSocketAttribute("MinRto", TimeValue(MilliSeconds(200)));
        helper.SetSocketAttribute("SndBufSize", UintegerValue(262144));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "10ms");
        helper.EnableCongestionLog(prefix);
        Server server(net, false, Seconds(0));
        Ptr<Socket> client = net.Socket(0);
        const uint32_t total = 200000;
        std::string clientFile;
        std::string serverFile;
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                client->Connect(net.AddressOf(1, false, 9));
                                client->Send(Create<Packet>(total));
                            });
        Simulator::Schedule(Seconds(1.05),
                            [&]()
                            {
                                Address peer;
                                client->GetPeerName(peer);
                                const std::string local = FileNamePart(LocalOf(client));
                                const std::string remote =
                                    FileNamePart(FullTcpStateLog::FormatAddress(peer));
                                clientFile = prefix + "-0-" + local + "-" + remote + ".csv";
                                serverFile = prefix + "-1-" + remote + "-" + local + ".csv";
                            });
        net.CutAt(1, Seconds(1.1));
        net.HealAt(1, Seconds(1.4));
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(server.received, total, "everything arrived");

        const std::vector<std::string> rows = ReadLines(clientFile);
        NS_TEST_ASSERT_MSG_GT(rows.size(), 10, "no client CSV at " << clientFile);
        NS_TEST_EXPECT_MSG_EQ(rows.front(), FullTcpCongestionLog::HEADER, "the header");
        const uint32_t mss = 1000 - 12;
        bool retransmission = false;
        bool loss = false;
        bool initialWindow = false;
        uint32_t minCwnd = UINT32_MAX;
        double lastTime = 0;
        for (size_t i = 1; i < rows.size(); ++i)
        {
            const std::vector<std::string> f = Fields(rows[i]);
            NS_TEST_ASSERT_MSG_EQ(f.size(), 13, "13 fields in row " << i << ": " << rows[i]);
            const double t = std::stod(f[0]);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(t, lastTime, "rows in time order");
            lastTime = t;
            const auto cwnd = static_cast<uint32_t>(std::stoul(f[1]));
            minCwnd = std::min(minCwnd, cwnd);
            initialWindow = initialWindow || cwnd == 10 * mss;
            loss = loss || f[10] == "Loss";
            retransmission = retransmission || (f[11] == "retransmission" && !f[12].empty());
        }
        NS_TEST_EXPECT_MSG_EQ(initialWindow, true, "the initial window, 10 SMSS, logged");
        NS_TEST_EXPECT_MSG_EQ(minCwnd, mss, "the timeout's loss window, 1 SMSS, logged");
        NS_TEST_EXPECT_MSG_EQ(loss, true, "the timeout's Loss state logged");
        NS_TEST_EXPECT_MSG_EQ(retransmission, true, "a retransmission event with its sequence");
        const std::vector<std::string> last = Fields(rows.back());
        NS_TEST_ASSERT_MSG_EQ(last.size(), 13, "the last row");
        NS_TEST_EXPECT_MSG_EQ(last[3], "0", "nothing in flight at the end");
        NS_TEST_EXPECT_MSG_EQ(last[10], "Open", "Open at the end");
        NS_TEST_EXPECT_MSG_GT(std::stod(last[4]), 20.0, "SRTT above the path's 20 ms");
        NS_TEST_EXPECT_MSG_GT(std::stod(last[7]), 19.999, "min RTT at least the path's");

        // The listener's child has its own file; the listener none.
        const std::vector<std::string> serverRows = ReadLines(serverFile);
        NS_TEST_ASSERT_MSG_GT(serverRows.size(), 1, "no server CSV at " << serverFile);
        NS_TEST_EXPECT_MSG_EQ(serverRows.front(), FullTcpCongestionLog::HEADER, "its header");
        NS_TEST_EXPECT_MSG_EQ(ReadLines(prefix + "-1-0.0.0.0_9-0.0.0.0_0.csv").empty(),
                              true,
                              "the listener has no file");
        Simulator::Destroy();
    }
};

// ----------------------------------------------------------------------- protocol + MIB

/// Counts a protocol's SegmentSent / SegmentReceived / Drop traces.
struct SegmentCounter
{
    uint64_t sent {0};                      //!< SegmentSent
    uint64_t received {0};                  //!< SegmentReceived
    uint64_t rstSent {0};                   //!< SegmentSent with RST
    std::vector<FullTcpL4DropReason> drops; //!< Drop

    /// \param tcp the protocol to watch
    void
    Watch(Ptr<FullTcpL4Protocol> tcp)
    {
        using SegmentCallback = Callback<void,
                                         uint32_t,
                                         Ptr<const Packet>,
                                         const FullTcpHeader&,
                                         const Address&,
                                         const Address&>;
        tcp->TraceConnectWithoutContext("SegmentSent",
                                        SegmentCallback(
                                            [this](uint32_t,
                                                   Ptr<const Packet>,
                                                   const FullTcpHeader& h,
                                                   const Address&,
                                                   const Address&)
                                            {
                                                ++sent;
                                                rstSent += h.HasFlags(FullTcpHeader::RST) ? 1 : 0;
                                            }));
        tcp->TraceConnectWithoutContext("SegmentReceived",
                                        SegmentCallback(
                                            [this](uint32_t,
                                                   Ptr<const Packet>,
                                                   const FullTcpHeader&,
                                                   const Address&,
                                                   const Address&)
                                            {
                                                ++received;
                                            }));
        tcp->TraceConnectWithoutContext(
            "Drop",
            Callback<void, uint32_t, const Address&, const Address&, FullTcpL4DropReason>(
                [this](uint32_t, const Address&, const Address&, FullTcpL4DropReason r)
                {
                    drops.push_back(r);
                }));
    }
};

/// RFC 4022 counters after a refused connect, a normal connection and a reset.
class MibTestCase : public TestCase
{
  public:
    MibTestCase() : TestCase("TCP-MIB counters: refused connect, normal connection, reset") {}

  private:
    void
    DoRun() override
    {
        FullTcpHelper helper;
        helper.SetSocketAttribute("Msl", TimeValue(Seconds(1)));
        helper.SetSocketAttribute("DelAckTimeout", TimeValue(Seconds(0)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "10ms");
        SegmentCounter c0;
        SegmentCounter c1;
        c0.Watch(net.Tcp(0));
        c1.Watch(net.Tcp(1));
        Server server(net, false, MilliSeconds(100));
        // 1. Port 81 is closed: SYN, RST.
        Ptr<Socket> refused = net.Socket(0);
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                refused->Connect(net.AddressOf(1, false, 81));
                            });
        // 2. A normal connection, closed by the client, no data.
        Ptr<Socket> normal = net.Socket(0);
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                normal->Connect(net.AddressOf(1, false, 9));
                            });
        Simulator::Schedule(Seconds(2.5),
                            [&]()
                            {
                                normal->Close();
                            });
        // 3. The server writes to a client that never reads; the client closes with the
        // bytes unread: RST (RFC 2525 §2.17), both ends ESTABLISHED -> CLOSED.
        Ptr<Socket> reset = net.Socket(0);
        Simulator::Schedule(Seconds(5),
                            [&]()
                            {
                                reset->Connect(net.AddressOf(1, false, 9));
                            });
        uint64_t establishedNow = 0;
        Simulator::Schedule(Seconds(5.5),
                            [&]()
                            {
                                establishedNow = net.Tcp(0)->GetMib().currEstab;
                                server.children.back()->Send(Create<Packet>(10));
                            });
        Simulator::Schedule(Seconds(6),
                            [&]()
                            {
                                reset->Close();
                            });
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        const FullTcpMib& m0 = net.Tcp(0)->GetMib();
        const FullTcpMib& m1 = net.Tcp(1)->GetMib();
        std::ostringstream dump;
        dump << "client:\n" << m0 << "server:\n" << m1;
        // Client: three CLOSED -> SYN_SENT; the refused one SYN_SENT -> CLOSED; the reset
        // one ESTABLISHED -> CLOSED.
        NS_TEST_EXPECT_MSG_EQ(m0.activeOpens, 3, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.passiveOpens, 0, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.attemptFails, 1, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.estabResets, 1, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.currEstab, 0, dump.str());
        NS_TEST_EXPECT_MSG_EQ(establishedNow, 1, "the third connection, while it lasted");
        // Server: two LISTEN -> SYN_RCVD; the reset child ESTABLISHED -> CLOSED.
        NS_TEST_EXPECT_MSG_EQ(m1.activeOpens, 0, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.passiveOpens, 2, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.attemptFails, 0, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.estabResets, 1, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.currEstab, 0, dump.str());
        // Segments, with immediate ACKs (DelAckTimeout 0):
        //  client: SYN | SYN, ACK, FIN, ACK of FIN | SYN, ACK, ACK of the 10 bytes, RST = 9
        //  server: RST | SYN-ACK, ACK of FIN, FIN | SYN-ACK, 10 bytes = 6
        NS_TEST_EXPECT_MSG_EQ(m0.outSegs, 9, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.outSegs, 6, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.retransSegs, 0, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.retransSegs, 0, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.outRsts, 1, "the reset");
        NS_TEST_EXPECT_MSG_EQ(m1.outRsts, 1, "the answer to the closed port");
        // No loss: what one sends the other receives.
        NS_TEST_EXPECT_MSG_EQ(m0.inSegs, m1.outSegs, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m1.inSegs, m0.outSegs, dump.str());
        NS_TEST_EXPECT_MSG_EQ(m0.inErrs + m1.inErrs, 0, dump.str());
        // The traces saw the same segments.
        NS_TEST_EXPECT_MSG_EQ(c0.sent, m0.outSegs + m0.retransSegs, "SegmentSent, client");
        NS_TEST_EXPECT_MSG_EQ(c1.sent, m1.outSegs + m1.retransSegs, "SegmentSent, server");
        NS_TEST_EXPECT_MSG_EQ(c0.received, m0.inSegs, "SegmentReceived, client");
        NS_TEST_EXPECT_MSG_EQ(c1.received, m1.inSegs, "SegmentReceived, server");
        NS_TEST_EXPECT_MSG_EQ(c0.rstSent, m0.outRsts, "RSTs, client");
        // The SYN to port 81 is the server's only drop: no endpoint.
        NS_TEST_ASSERT_MSG_EQ(c1.drops.size(), 1, dump.str());
        NS_TEST_EXPECT_MSG_EQ(c1.drops[0], FullTcpL4DropReason::NO_ENDPOINT, "its reason");
        NS_TEST_EXPECT_MSG_EQ(
            m1.drops[static_cast<size_t>(FullTcpL4DropReason::NO_ENDPOINT)], 1, "counted");
        NS_TEST_EXPECT_MSG_EQ(c0.drops.size(), 0, "the client dropped nothing");
        const bool rfcNames = dump.str().find("ActiveOpens 3\n") != std::string::npos;
        NS_TEST_EXPECT_MSG_EQ(rfcNames, true, "Print() uses the RFC 4022 names");
        Simulator::Destroy();
    }
};

// ---------------------------------------------------------------------------- snapshot

/// The table at a moment with a listener, a connection and a TIME_WAIT record.
class SnapshotTestCase : public TestCase
{
  public:
    SnapshotTestCase() : TestCase("Snapshot: ss -tan table of a known state") {}

  private:
    void
    DoRun() override
    {
        FullTcpHelper helper;
        helper.SetSocketAttribute("DelAckTimeout", TimeValue(Seconds(0)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "10ms");
        Server server(net, false, Seconds(0));
        // The first connection closes (client first: TIME_WAIT on node 0); the second stays
        // open, and its 500 bytes stay unacknowledged at the client: the server's node hears
        // nothing from 2 s on.
        Ptr<Socket> first = net.Socket(0);
        Ptr<Socket> second = net.Socket(0);
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                first->Connect(net.AddressOf(1, false, 9));
                                second->Connect(net.AddressOf(1, false, 9));
                            });
        Simulator::Schedule(Seconds(1.5),
                            [&]()
                            {
                                first->Close();
                            });
        net.CutAt(1, Seconds(2));
        Simulator::Schedule(Seconds(2.1),
                            [&]()
                            {
                                second->Send(Create<Packet>(500));
                            });
        std::ostringstream client;
        std::ostringstream serverTable;
        FullTcpHelper::Snapshot(net.nodes.Get(0), Seconds(2.5), &client);
        FullTcpHelper::Snapshot(net.nodes.Get(1), Seconds(2.5), &serverTable);
        const std::string file = CreateTempDirFilename("fulltcp-snapshot.txt");
        FullTcpHelper::Snapshot(net.nodes.Get(0), Seconds(2.5), file);
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        const std::string p1 = LocalOf(first);
        const std::string p2 = LocalOf(second);
        // Sorted by local address: the two client ports in order.
        const bool firstIsLower = p1 < p2;
        // The 500 bytes went at 2.1 s; the RTO (MinRto 1 s, the path RTT being 20 ms) has
        // not expired at 2.5 s: no retransmission yet. cwnd = InitialCwnd 10 × SMSS 524
        // (SegmentSize 536 less the 12-byte timestamps option).
        std::ostringstream want;
        const size_t w = std::string("Local Address:Port").size();
        auto row = [&](const char* state,
                       uint32_t rq,
                       uint32_t sq,
                       const std::string& l,
                       const std::string& r,
                       const std::string& cwnd,
                       const std::string& rto,
                       uint32_t retrans)
        {
            std::ostringstream os;
            os << std::left << std::setw(11) << state << std::right << std::setw(7) << rq
               << std::setw(7) << sq << " " << std::left << std::setw(w) << l << " " << std::setw(w)
               << r << std::right << std::setw(8) << cwnd << std::setw(9) << rto << std::setw(8)
               << retrans << "\n";
            return os.str();
        };
        const std::string header =
            "State       Recv-Q Send-Q Local Address:Port Peer Address:Port     cwnd      rto "
            "retrans\n";
        const std::string timeWait = row("TIME-WAIT", 0, 0, p1, "10.1.1.2:9", "-", "-", 0);
        const std::string established = row("ESTAB", 0, 500, p2, "10.1.1.2:9", "5240", "1000", 0);
        const std::string expectedClient =
            header + (firstIsLower ? timeWait + established : established + timeWait);
        NS_TEST_EXPECT_MSG_EQ(client.str(), expectedClient, "client table");
        // The server: the listener (accept queue empty, limit 4096), the child of the open
        // connection (the first one's child is closed: its FIN was ACKed before the cut).
        const std::string expectedServer =
            header + row("LISTEN", 0, 4096, "0.0.0.0:9", "0.0.0.0:*", "-", "-", 0)
            + row("ESTAB", 0, 0, "10.1.1.2:9", p2, "5240", "1000", 0);
        NS_TEST_EXPECT_MSG_EQ(serverTable.str(), expectedServer, "server table");
        std::ifstream in(file);
        std::stringstream fromFile;
        fromFile << in.rdbuf();
        NS_TEST_EXPECT_MSG_EQ(fromFile.str(), expectedClient, "the file overload");
        Simulator::Destroy();
    }
};

/// The suite.
class FullTcpTracesTestSuite : public TestSuite
{
  public:
    FullTcpTracesTestSuite() : TestSuite("fulltcp-traces", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new StateLogTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new SocketTracesTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new CongestionLogTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new MibTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new SnapshotTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpTracesTestSuite g_fullTcpTracesTestSuite; //!< registers the suite

} // namespace
