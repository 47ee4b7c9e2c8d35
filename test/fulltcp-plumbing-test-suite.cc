/*
 * Tests: the node layer's shared plumbing (the two socket factories, the IpL4Protocol base of
 * the protocol and the raw peer) and the socket's hand-off of a TIME_WAIT connection
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-plumbing":
 *  - FullTcpSocketFactory and FullTcpDropInSocketFactory (one template, two bases) both create
 *    FullTcp sockets; only the drop-in one is found as ns3::TcpSocketFactory, so a node with
 *    ns-3's TCP and FullTcp beside it still gives ns-3's factory to TcpSocketFactory lookups;
 *    a disposed or unconnected factory creates nothing;
 *  - FullTcpL4Protocol and FullTcpRawPeer take their IP protocol slot through FullTcpIpL4Base:
 *    the IpProtocolNumber attribute under each one's TypeId (Config::SetDefault names kept,
 *    0 refused), registration with IPv4 and IPv6, the protocol's socket factory added, a
 *    segment built and parsed (checksums on) by each side at protocol 253, beside ns-3's TCP
 *    at 6;
 *  - a connection that enters TIME_WAIT while its socket's callback runs keeps its engine
 *    until the event ends, then becomes a TIME_WAIT record: the engine is gone, unread bytes
 *    stay readable, end of stream follows.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/fulltcp-internet-stack-helper.h"
#include "ns3/fulltcp-raw-peer.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-socket-base.h"

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// The two factories: what each creates, and which lookups find it.
class FactoriesTestCase : public TestCase
{
  public:
    FactoriesTestCase() :
        TestCase("both factories create FullTcp sockets; only the drop-in one is a "
                 "TcpSocketFactory")
    {
    }

  private:
    /**
     * \brief Check one FullTcp factory of a node.
     * \param node the node \param lookup what applications ask the node for
     * \param tid the factory's TypeId \param parent its parent
     * \return whether the lookup found a factory
     */
    bool
    CheckFactory(Ptr<Node> node, TypeId lookup, TypeId tid, TypeId parent)
    {
        NS_TEST_EXPECT_MSG_EQ(tid.GetParent(), parent, tid.GetName() << "'s parent");
        Ptr<SocketFactory> factory = DynamicCast<SocketFactory>(node->GetObject<Object>(lookup));
        // (Socket::CreateSocket() dereferences a factory it does not find: checked first.)
        NS_TEST_EXPECT_MSG_NE(factory, nullptr, lookup.GetName() << " found");
        if (!factory)
        {
            return false;
        }
        NS_TEST_EXPECT_MSG_EQ(factory->GetInstanceTypeId(), tid, lookup.GetName() << " is");
        NS_TEST_EXPECT_MSG_NE(DynamicCast<FullTcpSocket>(factory->CreateSocket()),
                              nullptr,
                              tid.GetName() << " creates FullTcp sockets");
        NS_TEST_EXPECT_MSG_NE(DynamicCast<FullTcpSocket>(Socket::CreateSocket(node, lookup)),
                              nullptr,
                              "Socket::CreateSocket with " << lookup.GetName());
        return true;
    }

    void
    DoRun() override
    {
        // Node 0: ns-3's stack with its TCP, FullTcp beside it at 253.
        // Node 1: the drop-in stack (FullTcp is the node's TCP).
        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper internet;
        internet.Install(nodes.Get(0));
        FullTcpHelper fulltcp;
        fulltcp.SetL4Attribute("IpProtocolNumber", UintegerValue(253));
        fulltcp.Install(nodes.Get(0));
        FullTcpInternetStackHelper dropIn;
        dropIn.Install(nodes.Get(1));

        const bool own = CheckFactory(nodes.Get(0),
                                      FullTcpSocketFactory::GetTypeId(),
                                      FullTcpSocketFactory::GetTypeId(),
                                      SocketFactory::GetTypeId());
        const bool dropInFound = CheckFactory(nodes.Get(1),
                                              TcpSocketFactory::GetTypeId(),
                                              FullTcpDropInSocketFactory::GetTypeId(),
                                              TcpSocketFactory::GetTypeId());
        if (!own || !dropInFound)
        {
            Simulator::Destroy();
            return; // reported; what follows needs both factories
        }
        Ptr<SocketFactory> ownFactory = nodes.Get(0)->GetObject<FullTcpSocketFactory>();
        Ptr<SocketFactory> dropInFactory = nodes.Get(1)->GetObject<TcpSocketFactory>();
        // Beside ns-3's TCP, TcpSocketFactory lookups find ns-3's factory, never FullTcp's.
        Ptr<TcpSocketFactory> ns3Factory = nodes.Get(0)->GetObject<TcpSocketFactory>();
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<FullTcpDropInSocketFactory>(ns3Factory),
                              nullptr,
                              "ns-3's factory, not FullTcp's");
        NS_TEST_EXPECT_MSG_NE(DynamicCast<TcpSocketBase>(Socket::CreateSocket(
                                  nodes.Get(0), TcpSocketFactory::GetTypeId())),
                              nullptr,
                              "ns3::TcpSocketFactory still makes ns-3 TCP sockets there");

        // Without a protocol (never set, or cleared by disposal) a factory creates nothing.
        NS_TEST_EXPECT_MSG_EQ(CreateObject<FullTcpSocketFactory>()->CreateSocket(),
                              nullptr,
                              "no protocol: no socket");
        NS_TEST_EXPECT_MSG_EQ(CreateObject<FullTcpDropInSocketFactory>()->CreateSocket(),
                              nullptr,
                              "no protocol: no socket");
        Simulator::Destroy(); // disposes the nodes and their aggregates
        NS_TEST_EXPECT_MSG_EQ(ownFactory->CreateSocket(), nullptr, "disposed: no socket");
        NS_TEST_EXPECT_MSG_EQ(dropInFactory->CreateSocket(), nullptr, "disposed: no socket");
    }
};

/// The IpL4Protocol base: the protocol number, the IP slot, and segments built and parsed.
class ProtocolSlotTestCase : public FamilyTestCase
{
  public:
    ProtocolSlotTestCase(bool ipv6) :
        FamilyTestCase("the protocol and the raw peer take IP protocol 253 through "
                       "FullTcpIpL4Base over ",
                       ipv6)
    {
    }

  private:
    /// What the raw peer received.
    struct Received
    {
        FullTcpHeader header; //!< the segment
        Address src;          //!< from
        Address dst;          //!< to
    };

    /// Rx of the raw peer. \param h header \param src from \param dst to
    void
    PeerReceived(const FullTcpHeader& h, Ptr<const Packet>, const Address& src, const Address& dst)
    {
        m_received.push_back(Received {h, src, dst});
    }

    /// Drop of the raw peer.
    void
    PeerDropped(Ptr<const Packet>, FullTcpParseError)
    {
        ++m_peerDrops;
    }

    /// Each class keeps the attribute under its own TypeId (Config names unchanged).
    void
    CheckAttribute()
    {
        Config::SetDefault("ns3::FullTcpL4Protocol::IpProtocolNumber", UintegerValue(253));
        Config::SetDefault("ns3::FullTcpRawPeer::IpProtocolNumber", UintegerValue(254));
        Ptr<FullTcpL4Protocol> tcp = CreateObject<FullTcpL4Protocol>();
        Ptr<FullTcpRawPeer> peer = CreateObject<FullTcpRawPeer>();
        Config::SetDefault("ns3::FullTcpL4Protocol::IpProtocolNumber", UintegerValue(6));
        Config::SetDefault("ns3::FullTcpRawPeer::IpProtocolNumber", UintegerValue(6));
        NS_TEST_EXPECT_MSG_EQ(tcp->GetProtocolNumber(), 253, "the protocol's own default");
        NS_TEST_EXPECT_MSG_EQ(peer->GetProtocolNumber(), 254, "the raw peer's own default");
        NS_TEST_EXPECT_MSG_EQ(
            CreateObject<FullTcpRawPeer>()->GetProtocolNumber(), 6, "IANA's TCP by default");
        IntegerValue readOnly;
        peer->GetAttribute("ProtocolNumber", readOnly);
        NS_TEST_EXPECT_MSG_EQ(readOnly.Get(), 254, "IpL4Protocol's ProtocolNumber reports it");
        // Protocol 0 is IPv6's Hop-by-Hop Options header, never a transport's.
        NS_TEST_EXPECT_MSG_EQ(
            tcp->SetAttributeFailSafe("IpProtocolNumber", UintegerValue(0)), false, "0 refused");
        NS_TEST_EXPECT_MSG_EQ(
            peer->SetAttributeFailSafe("IpProtocolNumber", UintegerValue(0)), false, "0 refused");
        NS_TEST_EXPECT_MSG_EQ(tcp->GetNode(), nullptr, "no node before aggregation");
    }

    void
    DoRun() override
    {
        ChecksumScope checksums;
        CheckAttribute();
        // ns-3's stack (with its TCP at 6) on both nodes; FullTcp on node 0 and the raw peer
        // on node 1, both at 253.
        FullTcpHelper fulltcp;
        fulltcp.SetL4Attribute("IpProtocolNumber", UintegerValue(253));
        TwoNodes net(Stacks::FULLTCP_CLIENT, fulltcp);
        Ptr<FullTcpL4Protocol> tcp = net.Tcp(0);
        Ptr<FullTcpRawPeer> peer = CreateObject<FullTcpRawPeer>();
        peer->SetAttribute("IpProtocolNumber", UintegerValue(253));
        net.nodes.Get(1)->AggregateObject(peer);
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<Node> node = net.nodes.Get(i);
            Ptr<IpL4Protocol> mine = i == 0 ? Ptr<IpL4Protocol>(tcp) : Ptr<IpL4Protocol>(peer);
            NS_TEST_EXPECT_MSG_EQ(node->GetObject<Ipv4>()->GetProtocol(253), mine, "IPv4 253");
            NS_TEST_EXPECT_MSG_EQ(node->GetObject<Ipv6>()->GetProtocol(253), mine, "IPv6 253");
            NS_TEST_EXPECT_MSG_EQ(node->GetObject<Ipv4>()->GetProtocol(6),
                                  node->GetObject<TcpL4Protocol>(),
                                  "ns-3's TCP keeps 6");
            NS_TEST_EXPECT_MSG_EQ(mine->GetDownTarget().IsNull(), false, "IPv4 down target");
            NS_TEST_EXPECT_MSG_EQ(mine->GetDownTarget6().IsNull(), false, "IPv6 down target");
        }
        NS_TEST_EXPECT_MSG_EQ(tcp->GetNode(), net.nodes.Get(0), "the protocol's node");
        NS_TEST_EXPECT_MSG_EQ(peer->GetNode(), net.nodes.Get(1), "the raw peer's node");
        NS_TEST_EXPECT_MSG_NE(net.nodes.Get(0)->GetObject<FullTcpSocketFactory>(),
                              nullptr,
                              "the protocol added its factory (AttachToNode)");
        NS_TEST_EXPECT_MSG_EQ(
            net.nodes.Get(1)->GetObject<FullTcpSocketFactory>(), nullptr, "the raw peer none");

        // A SYN from the raw peer to a FullTcp listener, both at 253: the protocol parses and
        // verifies it and answers with a SYN-ACK it checksums, which the peer verifies.
        Ptr<Socket> listener = net.Socket(0);
        NS_TEST_ASSERT_MSG_EQ(listener->Bind(TwoNodes::AnyAddress(m_ipv6, 80)), 0, "bind");
        NS_TEST_ASSERT_MSG_EQ(listener->Listen(), 0, "listen");
        peer->TraceConnectWithoutContext("Rx",
                                         MakeCallback(&ProtocolSlotTestCase::PeerReceived, this));
        peer->TraceConnectWithoutContext("Drop",
                                         MakeCallback(&ProtocolSlotTestCase::PeerDropped, this));
        const Address server = m_ipv6 ? Address(net.v6.GetAddress(0, 1)) : net.v4.GetAddress(0);
        const Address client = m_ipv6 ? Address(net.v6.GetAddress(1, 1)) : net.v4.GetAddress(1);
        FullTcpHeader syn;
        syn.SetSourcePort(5000);
        syn.SetDestinationPort(80);
        syn.SetSequenceNumber(1000);
        syn.SetFlags(FullTcpHeader::SYN);
        syn.SetWindow(65535);
        // At 1 s: IPv6 addresses are usable once duplicate address detection is over.
        Simulator::Schedule(Seconds(1),
                            &FullTcpRawPeer::Send,
                            peer,
                            syn,
                            Ptr<const Packet>(Create<Packet>()),
                            client,
                            server,
                            uint8_t {0}); // Not-ECT
        // Addresses of two families: refused, nothing sent.
        const Address other =
            m_ipv6 ? Address(net.v4.GetAddress(0)) : Address(net.v6.GetAddress(0, 1));
        NS_TEST_EXPECT_MSG_EQ(peer->Send(syn, nullptr, client, other), false, "mixed families");
        RunFor(Seconds(2)); // before the SYN-ACK's retransmission (ConnTimeout, 3 s)

        NS_TEST_EXPECT_MSG_EQ(
            tcp->GetParseDrops(FullTcpParseError::BAD_CHECKSUM), 0, "the peer's checksum good");
        NS_TEST_EXPECT_MSG_EQ(m_peerDrops, 0, "the protocol's checksum good");
        NS_TEST_EXPECT_MSG_EQ(m_received.size(), 1, "one SYN-ACK");
        if (m_received.empty())
        {
            Simulator::Destroy();
            return;
        }
        const FullTcpHeader& synAck = m_received[0].header;
        NS_TEST_EXPECT_MSG_EQ(synAck.IsChecksumEnabled(), true, "checked on arrival");
        NS_TEST_EXPECT_MSG_EQ(
            synAck.HasFlags(FullTcpHeader::SYN | FullTcpHeader::ACK), true, "SYN-ACK");
        NS_TEST_EXPECT_MSG_EQ(synAck.GetAckNumber(), 1001, "acknowledges the SYN");
        NS_TEST_EXPECT_MSG_EQ(synAck.GetSourcePort(), 80, "from the listener");
        NS_TEST_EXPECT_MSG_EQ(m_received[0].src, server, "from node 0");
        NS_TEST_EXPECT_MSG_EQ(m_received[0].dst, client, "to node 1");

        DestroyAfterReleasing(listener);
        NS_TEST_EXPECT_MSG_EQ(tcp->GetNode(), nullptr, "disposed: no node");
        NS_TEST_EXPECT_MSG_EQ(peer->GetNode(), nullptr, "disposed: no node");
        NS_TEST_EXPECT_MSG_EQ(tcp->GetDownTarget().IsNull(), true, "disposed: no down target");
        NS_TEST_EXPECT_MSG_EQ(peer->GetDownTarget6().IsNull(), true, "disposed: no down target");
    }

    std::vector<Received> m_received; //!< what the raw peer received
    uint32_t m_peerDrops {0};         //!< what it dropped
};

/// The socket gives its TIME_WAIT connection to the protocol's table after the event.
class TimeWaitHandOffTestCase : public FamilyTestCase
{
  public:
    TimeWaitHandOffTestCase(bool ipv6) :
        FamilyTestCase("TIME_WAIT entered inside a callback: the engine goes after it, unread "
                       "bytes stay over ",
                       ipv6)
    {
    }

  private:
    /// The listener's accept callback. \param s the connection
    void
    Accepted(Ptr<Socket> s, const Address&)
    {
        m_accepted = s;
    }

    void
    DoRun() override
    {
        TwoNodes net;
        const std::string data = Pattern(3000);
        // The server: accepts, then sends 3000 bytes and closes at once.
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(m_ipv6, 80));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&TimeWaitHandOffTestCase::Accepted, this));
        // The client: half-closes first (FIN_WAIT_2), so the server's FIN takes it to
        // TIME_WAIT. Its receive callback reads nothing; it only looks at the socket.
        Ptr<FullTcpSocket> client = net.Socket(0);
        bool sawTimeWait = false;
        bool engineDuringCallback = false;
        std::string read;
        client->SetRecvCallback(Callback<void, Ptr<Socket>>(
            [&](Ptr<Socket> s)
            {
                Ptr<FullTcpSocket> c = DynamicCast<FullTcpSocket>(s);
                if (c->GetState() == FullTcpState::TIME_WAIT && !sawTimeWait)
                {
                    sawTimeWait = true;
                    // An engine call from inside the callback (Recv of one byte) returns
                    // to the engine's SegmentArrives, still on the stack: no hand-off yet.
                    Ptr<Packet> first = c->Recv(1, 0);
                    read += first ? Bytes(first) : "";
                    engineDuringCallback = c->GetConnection() != nullptr;
                }
            }));
        client->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                       [](Ptr<Socket> s)
                                       {
                                           s->ShutdownSend();
                                       }),
                                   MakeNullCallback<void, Ptr<Socket>>());
        ConnectAt(Seconds(1), client, net.AddressOf(1, m_ipv6, 80));
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                m_accepted->Send(PacketOf(data));
                                m_accepted->Close();
                            });
        RunFor(Seconds(4)); // 2·MSL (240 s) is far away

        NS_TEST_EXPECT_MSG_EQ(sawTimeWait, true, "TIME_WAIT reached inside a callback");
        NS_TEST_EXPECT_MSG_EQ(engineDuringCallback, true, "engine kept during the call");
        NS_TEST_EXPECT_MSG_EQ(client->GetConnection(), nullptr, "engine gone after the event");
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), FullTcpState::TIME_WAIT, "socket's state");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(0)->GetNTimeWaitRecords(), 1, "a TIME_WAIT record");
        NS_TEST_EXPECT_MSG_EQ(client->GetRxAvailable(), 2999, "unread bytes kept");
        NS_TEST_EXPECT_MSG_EQ(read.size(), 1, "one byte read inside the callback");
        Ptr<Packet> rest = client->Recv(1 << 20, 0);
        NS_TEST_EXPECT_MSG_NE(rest, nullptr, "the unread bytes");
        read += rest ? Bytes(rest) : "";
        NS_TEST_EXPECT_MSG_EQ((read == data), true, "the bytes, in order");
        Ptr<Packet> eof = client->Recv(1 << 20, 0);
        NS_TEST_EXPECT_MSG_NE(eof, nullptr, "end of stream, not an error");
        NS_TEST_EXPECT_MSG_EQ((eof ? eof->GetSize() : 1), 0, "end of stream");
        NS_TEST_EXPECT_MSG_EQ(client->Close(), 0, "close in TIME_WAIT");
        DestroyAfterReleasing(client, m_accepted, listener);
    }

    Ptr<Socket> m_accepted; //!< the server's connection
};

/// The suite.
class FullTcpPlumbingTestSuite : public TestSuite
{
  public:
    FullTcpPlumbingTestSuite() : TestSuite("fulltcp-plumbing", TestSuite::Type::UNIT)
    {
        AddTestCase(new FactoriesTestCase(), FullTcpTestDuration::QUICK);
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new ProtocolSlotTestCase(ipv6), FullTcpTestDuration::QUICK);
            AddTestCase(new TimeWaitHandOffTestCase(ipv6), FullTcpTestDuration::QUICK);
        }
    }
};

/// Registers the suite.
FullTcpPlumbingTestSuite g_fullTcpPlumbingTestSuite;

} // namespace
