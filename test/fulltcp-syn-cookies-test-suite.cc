/*
 * Test: suite fulltcp-syn-cookies, stateless listener, flood, forged cookie (RFC 4987 §3.6)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-syn-cookies": SYN cookies (RFC 4987 §3.6), on a CSMA segment.
 *  - a listener with no SYN queue at all serves clients through cookies alone: every SYN is
 *    answered statelessly, every ACK rebuilds its connection, the bytes arrive;
 *  - under a SYN flood from spoofed addresses (a FullTcpRawPeer on a third node), a listener
 *    with cookies keeps serving a legitimate client at once; without cookies the full SYN
 *    queue keeps it out;
 *  - an ACK with a forged cookie is refused (counted) and answered with a RST.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/csma-module.h"
#include "ns3/fulltcp-raw-peer.h"

#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Three nodes on one CSMA segment: 0 = client, 1 = server (FullTcp at 6 on both),
/// 2 = attacker (a raw peer at protocol 6, no TCP of its own).
struct Lan
{
    NodeContainer nodes;          //!< the three nodes
    Ipv4InterfaceContainer v4;    //!< their addresses, 10.1.1.1-3
    Ptr<FullTcpRawPeer> attacker; //!< node 2's raw peer

    /// \param helper FullTcp's attributes
    explicit Lan(const FullTcpHelper& helper)
    {
        nodes.Create(3);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        helper.Install(nodes.Get(0));
        helper.Install(nodes.Get(1));
        attacker = CreateObject<FullTcpRawPeer>();
        nodes.Get(2)->AggregateObject(attacker);
        FullTcpHelper::AssignStreams(nodes, 1);
        Ipv4AddressHelper a4("10.1.1.0", "255.255.255.0");
        v4 = a4.Assign(devices);
    }

    /// \param node 0..2 \return a FullTcp socket there
    Ptr<FullTcpSocket>
    Socket(uint32_t node) const
    {
        return DynamicCast<FullTcpSocket>(
            ns3::Socket::CreateSocket(nodes.Get(node), FullTcpSocketFactory::GetTypeId()));
    }

    /// \param port port \return a FullTcp socket on the server (node 1) listening there
    Ptr<FullTcpSocket>
    Listener(uint16_t port) const
    {
        Ptr<FullTcpSocket> listener = Socket(1);
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        listener->Listen();
        return listener;
    }

    /// \param node 0..2 \return its FullTcp protocol
    Ptr<FullTcpL4Protocol>
    Tcp(uint32_t node) const
    {
        return nodes.Get(node)->GetObject<FullTcpL4Protocol>();
    }

    /**
     * \brief The attacker sends n SYNs to the server's port 80, one every `gap`, from
     * spoofed addresses of the segment that nobody holds (10.1.1.100-199).
     */
    void
    Flood(uint32_t n, Time start, Time gap) const
    {
        const Ipv4Address server = v4.GetAddress(1);
        for (uint32_t i = 0; i < n; ++i)
        {
            Simulator::Schedule(start + gap * i,
                                [peer = attacker, server, i]()
                                {
                                    FullTcpHeader syn;
                                    syn.SetSourcePort(static_cast<uint16_t>(1024 + i));
                                    syn.SetDestinationPort(80);
                                    syn.SetSequenceNumber(1000 * i);
                                    syn.SetFlags(FullTcpHeader::SYN);
                                    syn.SetWindow(65535);
                                    syn.Options().SetMss(1460);
                                    const Ipv4Address spoofed(
                                        (Ipv4Address("10.1.1.100").Get() + i % 100));
                                    peer->Send(syn, Create<Packet>(), spoofed, server);
                                });
        }
    }
};

/// A server that reads everything and closes on EOF; counts bytes and connections.
struct Sink
{
    Ptr<FullTcpSocket> listener;       //!< its listening socket
    uint64_t received {0};             //!< bytes read
    std::vector<Ptr<Socket>> accepted; //!< connections

    /// \param listening a listening socket
    explicit Sink(Ptr<FullTcpSocket> listening) : listener(listening)
    {
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [this](Ptr<Socket> s, const Address&)
                                        {
                                            accepted.push_back(s);
                                            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                                                [this](Ptr<Socket> c)
                                                {
                                                    while (Ptr<Packet> p = c->Recv())
                                                    {
                                                        if (p->GetSize() == 0)
                                                        {
                                                            c->Close();
                                                            return;
                                                        }
                                                        received += p->GetSize();
                                                    }
                                                }));
                                        }));
    }
};

/// A listener without a SYN queue: cookies carry every connection.
class CookiesOnlyTestCase : public TestCase
{
  public:
    CookiesOnlyTestCase() : TestCase("SynQueueLimit 0: every connection is made from a SYN cookie")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("SynQueueLimit", UintegerValue(0));
        Lan lan(helper);
        Sink sink(lan.Listener(80));
        std::vector<Ptr<Socket>> clients;
        uint32_t closed = 0;
        for (uint32_t i = 0; i < 5; ++i)
        {
            Ptr<Socket> c = lan.Socket(0);
            c->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                      [](Ptr<Socket> s)
                                      {
                                          s->Send(Create<Packet>(20000));
                                          s->Close();
                                      }),
                                  MakeNullCallback<void, Ptr<Socket>>());
            c->SetCloseCallbacks(Callback<void, Ptr<Socket>>(
                                     [&closed](Ptr<Socket>)
                                     {
                                         ++closed;
                                     }),
                                 MakeNullCallback<void, Ptr<Socket>>());
            const InetSocketAddress server(lan.v4.GetAddress(1), 80);
            ConnectAt(Seconds(1) + MilliSeconds(i), c, server);
            clients.push_back(c);
        }
        RunFor(Seconds(10));
        NS_TEST_EXPECT_MSG_EQ(lan.Tcp(1)->GetSynCookiesSent(), 5, "cookies sent");
        NS_TEST_EXPECT_MSG_EQ(lan.Tcp(1)->GetSynCookiesAccepted(), 5, "cookies accepted");
        NS_TEST_EXPECT_MSG_EQ(sink.accepted.size(), 5, "connections accepted");
        NS_TEST_EXPECT_MSG_EQ(sink.received, 100000, "every byte arrived");
        NS_TEST_EXPECT_MSG_EQ(closed, 5, "every client closed normally");
        clients.clear();
        sink.accepted.clear();
        DestroyAfterReleasing(sink.listener);
    }
};

/// A SYN flood fills the SYN queue; a legitimate client still gets in with cookies.
class SynFloodTestCase : public TestCase
{
  public:
    SynFloodTestCase(bool cookies) :
        TestCase(std::string("SYN flood from spoofed addresses, cookies ")
                 + (cookies ? "on: the client gets in at once" : "off: the client is kept out")),
        m_cookies(cookies)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("SynQueueLimit", UintegerValue(64));
        helper.SetSocketAttribute("SynCookies", BooleanValue(m_cookies));
        helper.SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1)));
        Lan lan(helper);
        Sink sink(lan.Listener(80));
        // 500 SYNs over 1 s from t = 1 s; the half-open children they make retransmit their
        // SYN-ACKs to nobody for about a minute (SynAckRetries 5).
        lan.Flood(500, Seconds(1), MilliSeconds(2));
        Ptr<Socket> client = lan.Socket(0);
        Time connectedAt = Seconds(-1);
        client->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                       [&connectedAt](Ptr<Socket> s)
                                       {
                                           connectedAt = Simulator::Now();
                                           s->Send(Create<Packet>(5000));
                                           s->Close();
                                       }),
                                   MakeNullCallback<void, Ptr<Socket>>());
        const InetSocketAddress server(lan.v4.GetAddress(1), 80);
        ConnectAt(Seconds(1.5), client, server);
        uint32_t halfOpen = 0;
        Simulator::Schedule(Seconds(1.49),
                            [&]()
                            {
                                halfOpen = sink.listener->GetSynQueueLength();
                            });
        RunFor(Seconds(10));
        NS_TEST_EXPECT_MSG_EQ(halfOpen, 64, "the flood filled the SYN queue");
        if (m_cookies)
        {
            NS_TEST_EXPECT_MSG_GT(connectedAt, Seconds(1.5), "connected");
            NS_TEST_EXPECT_MSG_LT(connectedAt, Seconds(1.6), "at once (ARP, then one round trip)");
            NS_TEST_EXPECT_MSG_EQ(sink.received, 5000, "the client's bytes arrived");
            NS_TEST_EXPECT_MSG_GT(
                lan.Tcp(1)->GetSynCookiesSent(), 400, "cookies answered the flood");
            NS_TEST_EXPECT_MSG_EQ(lan.Tcp(1)->GetSynCookiesAccepted(), 1, "one came back");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(connectedAt, Seconds(-1), "kept out for the whole run");
            NS_TEST_EXPECT_MSG_GT(
                lan.Tcp(1)->GetListenDrops(FullTcpListenDrop::SYN_QUEUE_FULL), 400, "SYNs dropped");
        }
        sink.accepted.clear();
        DestroyAfterReleasing(client, sink.listener);
    }

    bool m_cookies; //!< SynCookies
};

/// An ACK that carries no valid cookie: refused, counted, answered with a RST.
class ForgedCookieTestCase : public TestCase
{
  public:
    ForgedCookieTestCase() :
        TestCase("an ACK with a forged cookie is refused and answered with a RST")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("SynQueueLimit", UintegerValue(0));
        Lan lan(helper);
        Sink sink(lan.Listener(80));
        std::vector<FullTcpHeader> answers;
        lan.attacker->TraceConnectWithoutContext(
            "Rx",
            Callback<void, const FullTcpHeader&, Ptr<const Packet>, const Address&, const Address&>(
                [&answers](
                    const FullTcpHeader& h, Ptr<const Packet>, const Address&, const Address&)
                {
                    answers.push_back(h);
                }));
        const Ipv4Address attacker = lan.v4.GetAddress(2);
        const Ipv4Address server = lan.v4.GetAddress(1);
        // A real SYN first (so the listener has sent cookies lately), then an ACK whose
        // acknowledgment number is not the cookie plus one.
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                FullTcpHeader syn;
                                syn.SetSourcePort(4000);
                                syn.SetDestinationPort(80);
                                syn.SetSequenceNumber(777);
                                syn.SetFlags(FullTcpHeader::SYN);
                                syn.SetWindow(65535);
                                lan.attacker->Send(syn, Create<Packet>(), attacker, server);
                            });
        Simulator::Schedule(Seconds(1.1),
                            [&]()
                            {
                                FullTcpHeader ack;
                                ack.SetSourcePort(4000);
                                ack.SetDestinationPort(80);
                                ack.SetSequenceNumber(778);
                                ack.SetAckNumber(
                                    answers.empty() ? 1 : answers[0].GetSequenceNumber() + 2);
                                ack.SetFlags(FullTcpHeader::ACK);
                                ack.SetWindow(65535);
                                lan.attacker->Send(ack, Create<Packet>(), attacker, server);
                            });
        RunFor(Seconds(3));
        NS_TEST_ASSERT_MSG_EQ(answers.size(), 2, "a cookie SYN-ACK, then a RST");
        NS_TEST_EXPECT_MSG_EQ(
            answers[0].GetFlags(), (FullTcpHeader::SYN | FullTcpHeader::ACK), "SYN-ACK");
        NS_TEST_EXPECT_MSG_EQ(answers[0].GetOptions().GetTimestamp().has_value(),
                              false,
                              "a cookie SYN-ACK offers no timestamps");
        NS_TEST_EXPECT_MSG_EQ(answers[1].GetFlags(), FullTcpHeader::RST, "RST");
        NS_TEST_EXPECT_MSG_EQ(lan.Tcp(1)->GetListenDrops(FullTcpListenDrop::BAD_SYN_COOKIE),
                              1,
                              "forged cookie counted");
        NS_TEST_EXPECT_MSG_EQ(sink.accepted.size(), 0, "no connection");
        DestroyAfterReleasing(sink.listener);
    }
};

/// The suite.
class FullTcpSynCookiesTestSuite : public TestSuite
{
  public:
    FullTcpSynCookiesTestSuite() : TestSuite("fulltcp-syn-cookies", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new CookiesOnlyTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new SynFloodTestCase(true), FullTcpTestDuration::QUICK);
        AddTestCase(new SynFloodTestCase(false), FullTcpTestDuration::QUICK);
        AddTestCase(new ForgedCookieTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpSynCookiesTestSuite g_fullTcpSynCookiesTestSuite; //!< registers the suite

} // namespace
