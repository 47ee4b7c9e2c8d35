/*
 * Tests: ECN end to end through ns-3's IP and queue discs (RED, CoDel with UseEcn), IPv4/IPv6
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A FullTcp bulk transfer through a 10 Mb/s bottleneck whose router runs an ns-3 queue disc
 * with UseEcn (RFC 3168 §5: the router marks CE instead of dropping ECN-capable packets).
 * With the socket's Ecn attribute on, the queue disc marks (QueueDiscItem::Mark() finds ECT
 * in the IPv4 TOS or IPv6 Traffic Class octet FullTcp set), the receiver sees CE, the sender
 * hears ECE and reduces its window, and not one data segment is dropped; with Ecn off the
 * same queue disc drops instead. Either way the transfer completes.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/core-module.h"
#include "ns3/fulltcp-helper.h"
#include "ns3/fulltcp-socket.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <algorithm>
#include <string>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// What the receiver read, and the ECN traces of both ends.
struct EcnRun : public SimpleRefCount<EcnRun>
{
    /// \param s the accepted socket \param from its peer
    void
    Accepted(Ptr<Socket> s, const Address& from [[maybe_unused]])
    {
        s->SetRecvCallback(MakeCallback(&EcnRun::Read, this));
        s->TraceConnectWithoutContext("CeReceived", MakeCallback(&EcnRun::CeReceived, this));
    }

    /// \param s a socket with data (or the end of the stream) to read
    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                s->Close();
                return;
            }
            received += p->GetSize();
        }
    }

    /// CeReceived at the receiver
    void
    CeReceived(Time, SequenceNumber32)
    {
        ++ce;
    }

    /// EcnEcho at the sender
    void
    EcnEcho(Time, SequenceNumber32)
    {
        ++ece;
    }

    /// CwrSent at the sender
    void
    CwrSent(Time, SequenceNumber32)
    {
        ++cwr;
    }

    /// SlowStartThreshold at the sender: a reduction when it falls
    void
    Ssthresh(uint32_t before, uint32_t after)
    {
        if (after < before)
        {
            ++reductions;
        }
    }

    /// \param item an item the queue disc dropped: count it if it carried data
    void
    QueueDrop(Ptr<const QueueDiscItem> item)
    {
        ++drops;
        TcpHeader h;
        Ptr<Packet> p = item->GetPacket()->Copy();
        p->RemoveHeader(h);
        if (p->GetSize() > 0)
        {
            ++dataDrops;
        }
    }

    uint64_t received {0};   //!< bytes the server read
    uint32_t ce {0};         //!< CE marks the receiver saw
    uint32_t ece {0};        //!< reductions for an ECE at the sender
    uint32_t cwr {0};        //!< segments the sender sent with CWR
    uint32_t reductions {0}; //!< times ssthresh fell
    uint32_t drops {0};      //!< packets the bottleneck queue disc dropped
    uint32_t dataDrops {0};  //!< ... that carried data
    uint64_t marked {0};     //!< packets it marked (QueueDisc::Stats)
    uint64_t dropped {0};    //!< packets it dropped (QueueDisc::Stats)
    int connectResult {-1};  //!< the client's Connect()
};

/**
 * \brief Node 0 (FullTcp sender) — 100 Mb/s, 1 ms — router — 10 Mb/s, 10 ms — node 2
 * (FullTcp receiver); the router's queue disc towards node 2 is `qdisc` with UseEcn.
 * \param qdisc "ns3::RedQueueDisc" or "ns3::CoDelQueueDisc"
 * \param ecn the sockets' Ecn attribute \param ipv6 family \param bytes how much
 * \return what happened
 */
Ptr<EcnRun>
BulkThroughBottleneck(const std::string& qdisc, const std::string& ecn, bool ipv6, uint32_t bytes)
{
    Ptr<EcnRun> run = Create<EcnRun>();
    BottleneckPath path("10Mbps", "10ms");
    const NodeContainer& nodes = path.nodes;
    const NetDeviceContainer& a = path.access;
    const NetDeviceContainer& b = path.bottleneck;
    FullTcpHelper fulltcp;
    fulltcp.SetSocketAttribute("Ecn", StringValue(ecn));
    fulltcp.Install(nodes.Get(0));
    fulltcp.Install(nodes.Get(2));
    FullTcpHelper::AssignStreams(nodes, 1);

    // The bottleneck's queue disc, installed before the addresses (which would install the
    // default one). Its limit is far above what the 128 KiB windows can queue, so only its
    // AQM decides: marks with ECN, drops without.
    TrafficControlHelper tch;
    if (qdisc == "ns3::RedQueueDisc")
    {
        tch.SetRootQueueDisc(qdisc,
                             "UseEcn",
                             BooleanValue(true),
                             "UseHardDrop",
                             BooleanValue(false),
                             "MinTh",
                             DoubleValue(5),
                             "MaxTh",
                             DoubleValue(15),
                             "MaxSize",
                             QueueSizeValue(QueueSize("1000p")),
                             "LinkBandwidth",
                             DataRateValue(DataRate("10Mbps")),
                             "LinkDelay",
                             TimeValue(MilliSeconds(10)),
                             "MeanPktSize",
                             UintegerValue(1500));
    }
    else
    {
        tch.SetRootQueueDisc(
            qdisc, "UseEcn", BooleanValue(true), "MaxSize", QueueSizeValue(QueueSize("1000p")));
    }
    QueueDiscContainer q = tch.Install(b.Get(0));
    q.Get(0)->TraceConnectWithoutContext("Drop", MakeCallback(&EcnRun::QueueDrop, run));

    Address server;
    if (ipv6)
    {
        // Not 2001:db8::/32: ns-3's routers do not forward the documentation prefix.
        Ipv6AddressHelper a6;
        a6.SetBase(Ipv6Address("2001:1::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ia = a6.Assign(a);
        a6.SetBase(Ipv6Address("2001:2::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer ib = a6.Assign(b);
        ia.SetForwarding(1, true);
        ib.SetForwarding(0, true);
        ia.SetDefaultRouteInAllNodes(1);
        ib.SetDefaultRouteInAllNodes(0);
        server = Inet6SocketAddress(ib.GetAddress(1, 1), 80);
    }
    else
    {
        Ipv4AddressHelper a4("10.1.1.0", "255.255.255.0");
        a4.Assign(a);
        a4.SetBase("10.1.2.0", "255.255.255.0");
        Ipv4InterfaceContainer ib = a4.Assign(b);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        server = InetSocketAddress(ib.GetAddress(1), 80);
    }

    Ptr<Socket> listener = Socket::CreateSocket(nodes.Get(2), FullTcpSocketFactory::GetTypeId());
    listener->Bind(TwoNodes::AnyAddress(ipv6, 80));
    listener->Listen();
    listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                MakeCallback(&EcnRun::Accepted, run));
    Ptr<Socket> client = Socket::CreateSocket(nodes.Get(0), FullTcpSocketFactory::GetTypeId());
    client->Bind(TwoNodes::AnyAddress(ipv6, 0));
    client->TraceConnectWithoutContext("EcnEcho", MakeCallback(&EcnRun::EcnEcho, run));
    client->TraceConnectWithoutContext("CwrSent", MakeCallback(&EcnRun::CwrSent, run));
    client->TraceConnectWithoutContext("SlowStartThreshold", MakeCallback(&EcnRun::Ssthresh, run));
    Ptr<BulkSender> sender = Create<BulkSender>(bytes);
    client->SetConnectCallback(MakeCallback(&BulkSender::Pump, sender),
                               MakeNullCallback<void, Ptr<Socket>>());
    client->SetSendCallback(MakeCallback(&BulkSender::PumpSpace, sender));
    // IPv6 waits out Duplicate Address Detection.
    int connectResult = -1;
    ConnectAt(Seconds(ipv6 ? 2 : 0.1), client, server, &connectResult);
    RunFor(Seconds(60));
    run->connectResult = connectResult;
    run->marked = q.Get(0)->GetStats().nTotalMarkedPackets;
    run->dropped = q.Get(0)->GetStats().nTotalDroppedPackets;
    q = QueueDiscContainer();
    DestroyAfterReleasing(client, listener);
    return run;
}

/// With ECN the bottleneck marks instead of dropping; the sender reduces on the echoes.
class EcnMarksInsteadOfDropsTestCase : public TestCase
{
  public:
    /// \param qdisc the bottleneck's queue disc \param ipv6 family
    EcnMarksInsteadOfDropsTestCase(const std::string& qdisc, bool ipv6) :
        TestCase(qdisc
                 + " with UseEcn marks a FullTcp transfer with Ecn On instead of "
                   "dropping it, over "
                 + std::string(ipv6 ? "IPv6" : "IPv4")),
        m_qdisc(qdisc), m_ipv6(ipv6)
    {
    }

  private:
    void
    DoRun() override
    {
        const uint32_t bytes = 3000000;
        Ptr<EcnRun> r = BulkThroughBottleneck(m_qdisc, "On", m_ipv6, bytes);
        NS_TEST_ASSERT_MSG_EQ(r->connectResult, 0, "connect failed");
        NS_TEST_EXPECT_MSG_EQ(r->received, bytes, "transfer incomplete");
        NS_TEST_EXPECT_MSG_GT(r->marked, 0, "the queue disc marked nothing: no ECT on data");
        NS_TEST_EXPECT_MSG_GT(r->ce, 0, "the receiver saw no CE");
        NS_TEST_EXPECT_MSG_GT(r->ece, 0, "the sender heard no ECE");
        NS_TEST_EXPECT_MSG_GT(r->cwr, 0, "the sender sent no CWR");
        NS_TEST_EXPECT_MSG_GT(r->reductions, 0, "ssthresh never fell");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r->ece, r->ce, "more reductions than marks");
        NS_TEST_EXPECT_MSG_EQ(r->dataDrops, 0, "the queue disc dropped data");
        NS_TEST_EXPECT_MSG_EQ(r->dropped, r->drops, "queue disc drop counts differ");
    }

    std::string m_qdisc; //!< queue disc TypeId name
    bool m_ipv6;         //!< family
};

/// Without ECN the same queue disc drops (the data is Not-ECT), and nothing is marked.
class EcnOffDropsTestCase : public TestCase
{
  public:
    /// \param qdisc the bottleneck's queue disc
    explicit EcnOffDropsTestCase(const std::string& qdisc) :
        TestCase(qdisc + " with UseEcn drops a FullTcp transfer with Ecn Off (Not-ECT)"),
        m_qdisc(qdisc)
    {
    }

  private:
    void
    DoRun() override
    {
        const uint32_t bytes = 3000000;
        Ptr<EcnRun> r = BulkThroughBottleneck(m_qdisc, "Off", false, bytes);
        NS_TEST_EXPECT_MSG_EQ(r->received, bytes, "transfer incomplete");
        NS_TEST_EXPECT_MSG_EQ(r->marked, 0, "Not-ECT packets were marked");
        NS_TEST_EXPECT_MSG_GT(r->dataDrops, 0, "the queue disc dropped no data");
        NS_TEST_EXPECT_MSG_EQ(r->ce + r->ece + r->cwr, 0, "ECN events without ECN");
    }

    std::string m_qdisc; //!< queue disc TypeId name
};

/// The Ecn attribute: its three values and a refused one.
class EcnAttributeTestCase : public TestCase
{
  public:
    EcnAttributeTestCase() : TestCase("Ecn attribute: Off (default), On, Passive; others refused")
    {
    }

  private:
    void
    DoRun() override
    {
        TwoNodes net;
        Ptr<FullTcpSocket> s = net.Socket(0);
        StringValue v;
        s->GetAttribute("Ecn", v);
        NS_TEST_EXPECT_MSG_EQ(v.Get(), "Off", "default");
        for (const std::string name : {"On", "Passive", "Off"})
        {
            NS_TEST_EXPECT_MSG_EQ(s->SetAttributeFailSafe("Ecn", StringValue(name)), true, name);
            s->GetAttribute("Ecn", v);
            NS_TEST_EXPECT_MSG_EQ(v.Get(), name, "read back");
        }
        NS_TEST_EXPECT_MSG_EQ(s->SetAttributeFailSafe("Ecn", StringValue("Sometimes")),
                              false,
                              "an unknown value was taken");
        s->GetAttribute("Ecn", v);
        NS_TEST_EXPECT_MSG_EQ(v.Get(), "Off", "a refused value changed the attribute");
        DestroyAfterReleasing(s);
    }
};

/// ECN through ns-3's queue discs.
class FullTcpEcnTestSuite : public TestSuite
{
  public:
    FullTcpEcnTestSuite() : TestSuite("fulltcp-ecn", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new EcnAttributeTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new EcnMarksInsteadOfDropsTestCase("ns3::RedQueueDisc", false),
                    FullTcpTestDuration::QUICK);
        AddTestCase(new EcnMarksInsteadOfDropsTestCase("ns3::CoDelQueueDisc", false),
                    FullTcpTestDuration::QUICK);
        AddTestCase(new EcnMarksInsteadOfDropsTestCase("ns3::RedQueueDisc", true),
                    FullTcpTestDuration::QUICK);
        AddTestCase(new EcnOffDropsTestCase("ns3::RedQueueDisc"), FullTcpTestDuration::QUICK);
        AddTestCase(new EcnOffDropsTestCase("ns3::CoDelQueueDisc"), FullTcpTestDuration::QUICK);
    }
};

/// Static instance.
FullTcpEcnTestSuite g_fullTcpEcnTestSuite;

} // namespace
