/*
 * Test: suite fulltcp-drop-in, an unchanged ns-3 TCP program on FullTcpInternetStackHelper
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-drop-in": an ns-3 TCP program, unchanged except for its stack helper
 * (FullTcpInternetStackHelper instead of InternetStackHelper), runs on FullTcp:
 * "ns3::TcpSocketFactory" creates FullTcp sockets, Config::SetDefault on ns3::TcpSocket
 * attributes reaches them, and the pcap (judged by tshark) shows FullTcp's segments at IP
 * protocol 6 with good checksums and the MSS option ns-3's TCP never sends. An echo server
 * written for ns-3's TCP (it closes from NormalClose) and its client finish with both FINs
 * exchanged on ns-3's TCP and, unchanged, on FullTcp.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/applications-module.h"
#include "ns3/fulltcp-internet-stack-helper.h"
#include "ns3/tcp-l4-protocol.h"

#include <algorithm>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// The program of an ns-3 TCP user, with its stack line changed.
class DropInTestCase : public FamilyTestCase
{
  public:
    DropInTestCase(bool ipv6) : FamilyTestCase("an ns-3 TCP program runs on FullTcp over ", ipv6) {}

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        std::string pcap;
        // The program's objects live in this block: the last of them to go closes the pcap,
        // whose tail tshark would otherwise find cut short.
        {
            // ----------------------------------------------- the user's program, unchanged
            NodeContainer nodes;
            nodes.Create(2);
            PointToPointHelper p2p;
            p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
            p2p.SetChannelAttribute("Delay", StringValue("2ms"));
            NetDeviceContainer devices = p2p.Install(nodes);
            FullTcpInternetStackHelper internet; // the only changed line: was InternetStackHelper
            internet.Install(nodes);
            Address sinkAddress;
            Address anyAddress;
            if (m_ipv6)
            {
                Ipv6AddressHelper address;
                address.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
                Ipv6InterfaceContainer interfaces = address.Assign(devices);
                sinkAddress = Inet6SocketAddress(interfaces.GetAddress(1, 1), 8080);
                anyAddress = Inet6SocketAddress(Ipv6Address::GetAny(), 8080);
            }
            else
            {
                Ipv4AddressHelper address("10.1.1.0", "255.255.255.0");
                Ipv4InterfaceContainer interfaces = address.Assign(devices);
                sinkAddress = InetSocketAddress(interfaces.GetAddress(1), 8080);
                anyAddress = InetSocketAddress(Ipv4Address::GetAny(), 8080);
            }
            BulkSendHelper source("ns3::TcpSocketFactory", sinkAddress);
            source.SetAttribute("MaxBytes", UintegerValue(200000));
            ApplicationContainer sourceApps = source.Install(nodes.Get(0));
            sourceApps.Start(Seconds(0.5));
            PacketSinkHelper sink("ns3::TcpSocketFactory", anyAddress);
            ApplicationContainer sinkApps = sink.Install(nodes.Get(1));
            sinkApps.Start(Seconds(0.1));
            pcap = CreateTempDirFilename(m_ipv6 ? "drop-in-v6.pcap" : "drop-in-v4.pcap");
            p2p.EnablePcap(pcap, devices.Get(0), false, true);
            // ------------------------------------------------------------------------------

            for (uint32_t i = 0; i < 2; ++i)
            {
                Ptr<Node> node = nodes.Get(i);
                NS_TEST_EXPECT_MSG_NE(
                    node->GetObject<FullTcpL4Protocol>(), nullptr, "FullTcp here");
                NS_TEST_EXPECT_MSG_EQ(
                    node->GetObject<FullTcpL4Protocol>()->GetProtocolNumber(), 6, "at protocol 6");
                NS_TEST_EXPECT_MSG_NE(
                    node->GetObject<FullTcpSocketFactory>(), nullptr, "FullTcpSocketFactory");
#if FULLTCP_NS3_VERSION_MAJOR == 3 && FULLTCP_NS3_VERSION_MINOR < 39
                NS_TEST_EXPECT_MSG_EQ(node->GetObject<TcpL4Protocol>(), nullptr, "no ns-3 TCP");
#endif
                Ptr<Socket> s = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
                NS_TEST_EXPECT_MSG_NE(DynamicCast<FullTcpSocket>(s),
                                      nullptr,
                                      "TcpSocketFactory makes FullTcp sockets");
                UintegerValue segmentSize;
                s->GetAttribute("SegmentSize", segmentSize);
                NS_TEST_EXPECT_MSG_EQ(segmentSize.Get(), 1448, "ns3::TcpSocket defaults apply");
            }
            uint32_t fullTcpConnections = 0;
            OnStateChange(nodes.Get(0)->GetObject<FullTcpL4Protocol>(),
                          [&fullTcpConnections](const Address&, FullTcpState to)
                          {
                              if (to == FullTcpState::ESTABLISHED)
                              {
                                  ++fullTcpConnections;
                              }
                          });

            RunFor(Seconds(10));
            NS_TEST_EXPECT_MSG_EQ(
                DynamicCast<PacketSink>(sinkApps.Get(0))->GetTotalRx(), 200000, "bytes delivered");
            NS_TEST_EXPECT_MSG_EQ(fullTcpConnections, 1, "the connection was FullTcp's");
            Simulator::Destroy();
        }
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(536));

        if (!HaveTshark())
        {
            NS_TEST_EXPECT_MSG_EQ((getenv("FULLTCP_REQUIRE_TSHARK") == nullptr),
                                  true,
                                  "tshark is required here (apt-get install tshark)");
            return;
        }
        const std::string tcp = m_ipv6 ? "ipv6.nxt == 6" : "ip.proto == 6";
        const size_t segments = TsharkCount(pcap, tcp);
        NS_TEST_EXPECT_MSG_GT(segments, 100, "segments in the pcap");
        NS_TEST_EXPECT_MSG_EQ(TsharkCount(pcap, tcp + " && tcp"), segments, "all decode as TCP");
        NS_TEST_EXPECT_MSG_EQ(
            TsharkCount(pcap, "tcp.checksum.status == 1"), segments, "TCP checksums good");
        NS_TEST_EXPECT_MSG_EQ(TsharkCount(pcap, "_ws.malformed"), 0, "nothing malformed");
        // SegmentSize 1448 fits an IPv4 path (MTU 1500 - 40); over IPv6 the path caps the MSS
        // at 1500 - 60 = 1440 (RFC 9293 §3.7.1). Timestamps take 12 bytes of each segment.
        const uint32_t mss = m_ipv6 ? 1440 : 1448;
        NS_TEST_EXPECT_MSG_EQ(
            TsharkCount(pcap,
                        "tcp.flags.syn == 1 && tcp.options.mss_val == " + std::to_string(mss)),
            2,
            "SYN and SYN-ACK carry the MSS option");
        NS_TEST_EXPECT_MSG_EQ(TsharkCount(pcap, "tcp.len > " + std::to_string(mss - 12)),
                              0,
                              "no segment beyond the MSS");
        NS_TEST_EXPECT_MSG_GT(
            TsharkCount(pcap, "tcp.len == " + std::to_string(mss - 12)), 10, "full-sized segments");
    }
};

/// Follows a socket's "State" trace (ns-3's TcpSocketBase and FullTcpSocket both have it,
/// with ns-3's TcpStates_t): every state it entered, and when it entered the last.
struct StateLog
{
    std::vector<TcpSocket::TcpStates_t> states; //!< states entered, in order
    Time last;                                  //!< when the last one was entered

    /// \param s the socket to follow
    void
    Follow(Ptr<Socket> s)
    {
        s->TraceConnectWithoutContext("State", MakeCallback(&StateLog::Entered, this));
    }

    /// \param state a state \return whether the socket entered it
    bool
    Saw(TcpSocket::TcpStates_t state) const
    {
        return std::find(states.begin(), states.end(), state) != states.end();
    }

    /// \return the state it is in (CLOSED before the first change)
    TcpSocket::TcpStates_t
    Current() const
    {
        return states.empty() ? TcpSocket::CLOSED : states.back();
    }

  private:
    void
    Entered(TcpSocket::TcpStates_t, TcpSocket::TcpStates_t to)
    {
        states.push_back(to);
        last = Simulator::Now();
    }
};

/// An echo server as written for ns-3's TCP, which knows nothing of FullTcp: it echoes what
/// it reads and closes a connection from NormalClose, which TcpSocketBase::DoPeerClose()
/// fires when the client's FIN arrives. Like PacketSink, it sets the close callbacks on the
/// listener, and accepted sockets inherit them.
class EchoServer
{
  public:
    /// \param node its node \param local the address it listens on
    EchoServer(Ptr<Node> node, const Address& local) :
        listener(Socket::CreateSocket(node, TcpSocketFactory::GetTypeId()))
    {
        listener->Bind(local);
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&EchoServer::Accept, this));
        listener->SetCloseCallbacks(MakeCallback(&EchoServer::PeerClosed, this),
                                    MakeCallback(&EchoServer::PeerError, this));
    }

    Ptr<Socket> listener; //!< the listening socket
    Ptr<Socket> conn;     //!< the accepted socket
    StateLog connStates;  //!< its states from the accept on
    uint32_t echoed {0};  //!< bytes echoed
    uint32_t normal {0};  //!< NormalClose callbacks
    uint32_t error {0};   //!< ErrorClose callbacks

  private:
    void
    Accept(Ptr<Socket> s, const Address&)
    {
        conn = s;
        connStates.Follow(s);
        s->SetRecvCallback(MakeCallback(&EchoServer::Read, this));
    }

    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                break; // end of stream
            }
            echoed += p->GetSize();
            s->Send(p);
        }
    }

    void
    PeerClosed(Ptr<Socket> s)
    {
        ++normal;
        s->Close();
    }

    void
    PeerError(Ptr<Socket>)
    {
        ++error;
    }
};

/// Its client: sends `size` bytes, reads the echo, and closes once it has all of it.
class EchoClient
{
  public:
    /// \param node its node \param size bytes to send
    EchoClient(Ptr<Node> node, uint32_t size) :
        socket(Socket::CreateSocket(node, TcpSocketFactory::GetTypeId())), m_sent(Pattern(size))
    {
        socket->SetConnectCallback(MakeCallback(&EchoClient::Connected, this),
                                   MakeNullCallback<void, Ptr<Socket>>());
        socket->SetRecvCallback(MakeCallback(&EchoClient::Read, this));
        socket->SetCloseCallbacks(MakeCallback(&EchoClient::Closed, this),
                                  MakeCallback(&EchoClient::Error, this));
        states.Follow(socket);
    }

    /// \return whether every byte came back as sent
    bool
    EchoComplete() const
    {
        return received == m_sent;
    }

    Ptr<Socket> socket;   //!< its socket
    StateLog states;      //!< its states
    std::string received; //!< the echo so far
    uint32_t normal {0};  //!< NormalClose callbacks
    uint32_t error {0};   //!< ErrorClose callbacks

  private:
    void
    Connected(Ptr<Socket> s)
    {
        s->Send(PacketOf(m_sent));
    }

    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                break;
            }
            received += Bytes(p);
        }
        if (received.size() == m_sent.size())
        {
            s->Close();
        }
    }

    void
    Closed(Ptr<Socket>)
    {
        ++normal;
    }

    void
    Error(Ptr<Socket>)
    {
        ++error;
    }

    std::string m_sent; //!< what it sends
};

/// The echo pair on ns-3's TCP and, unchanged, on FullTcp's drop-in mode: on both, the
/// server closes from NormalClose at the client's FIN, and both FINs are exchanged.
class EchoCloseTestCase : public FamilyTestCase
{
  public:
    /// \param fullTcp FullTcpInternetStackHelper, or ns-3's InternetStackHelper
    /// \param ipv6 the family
    EchoCloseTestCase(bool fullTcp, bool ipv6) :
        FamilyTestCase(std::string("echo server closing from NormalClose, client, both FINs, on ")
                           + (fullTcp ? "FullTcp (drop-in)" : "ns-3's TCP") + ", ",
                       ipv6),
        m_fullTcp(fullTcp)
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        NetDeviceContainer devices = p2p.Install(nodes);
        // The only difference between the two runs (InternetStackHelper::Install is not
        // virtual, so each helper is called as its own type).
        if (m_fullTcp)
        {
            FullTcpInternetStackHelper internet;
            internet.Install(nodes);
        }
        else
        {
            InternetStackHelper internet;
            internet.Install(nodes);
        }
        Address serverAddress;
        Address anyAddress;
        if (m_ipv6)
        {
            Ipv6AddressHelper address;
            address.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer interfaces = address.Assign(devices);
            serverAddress = Inet6SocketAddress(interfaces.GetAddress(1, 1), 7);
            anyAddress = Inet6SocketAddress(Ipv6Address::GetAny(), 7);
        }
        else
        {
            Ipv4AddressHelper address("10.1.1.0", "255.255.255.0");
            Ipv4InterfaceContainer interfaces = address.Assign(devices);
            serverAddress = InetSocketAddress(interfaces.GetAddress(1), 7);
            anyAddress = InetSocketAddress(Ipv4Address::GetAny(), 7);
        }
        const uint32_t size = 20000;
        EchoServer server(nodes.Get(1), anyAddress);
        EchoClient client(nodes.Get(0), size);
        ConnectAt(Seconds(0.1), client.socket, serverAddress);
        RunFor(Seconds(5));

        NS_TEST_EXPECT_MSG_EQ((DynamicCast<FullTcpSocket>(client.socket) != nullptr),
                              m_fullTcp,
                              "the stack under test made the socket");
        NS_TEST_EXPECT_MSG_EQ(server.echoed, size, "the server read every byte");
        NS_TEST_EXPECT_MSG_EQ(client.EchoComplete(), true, "every byte came back");
        // The server: its NormalClose at the client's FIN, its Close() from there, its FIN
        // acknowledged.
        NS_TEST_EXPECT_MSG_EQ(server.normal, 1, "server: NormalClose once");
        NS_TEST_EXPECT_MSG_EQ(server.error, 0, "server: no ErrorClose");
        NS_TEST_EXPECT_MSG_EQ(
            server.connStates.Saw(TcpSocket::CLOSE_WAIT), true, "client's FIN came first");
        NS_TEST_EXPECT_MSG_EQ(
            server.connStates.Saw(TcpSocket::LAST_ACK), true, "server sent its FIN");
        NS_TEST_EXPECT_MSG_EQ(server.connStates.Current(),
                              TcpSocket::CLOSED,
                              "server's FIN acknowledged (LAST_ACK -> CLOSED)");
        // The client: its FIN acknowledged and the server's FIN received.
        NS_TEST_EXPECT_MSG_EQ(
            client.states.Saw(TcpSocket::FIN_WAIT_1), true, "client sent its FIN");
        NS_TEST_EXPECT_MSG_EQ(client.states.Current(),
                              TcpSocket::TIME_WAIT,
                              "client got the server's FIN (TIME_WAIT)");
        NS_TEST_EXPECT_MSG_EQ(client.normal, 1, "client: NormalClose once (at TIME_WAIT)");
        NS_TEST_EXPECT_MSG_EQ(client.error, 0, "client: no ErrorClose");
        // 20 kB each way at 10 Mb/s over a 4 ms round trip take tens of milliseconds: both
        // ends are done long before a timer (FIN_WAIT_2's 60 s, a retransmission) could
        // have ended either.
        NS_TEST_EXPECT_MSG_LT(server.connStates.last, Seconds(0.5), "server done at once");
        NS_TEST_EXPECT_MSG_LT(client.states.last, Seconds(0.5), "client done at once");
        DestroyAfterReleasing(client.socket, server.conn, server.listener);
    }

    bool m_fullTcp; //!< the stack
};

/// The mechanism the drop-in mode uses from ns-3.39 on (where InternetStackHelper::SetTcp
/// is gone), checked piece by piece on this release: a TcpL4Protocol whose node is set before
/// IP arrives creates no TcpSocketFactoryImpl, and FullTcp aggregated afterwards holds
/// protocol 6 in both IP demuxes.
class InertTcpTestCase : public TestCase
{
  public:
    InertTcpTestCase() :
        TestCase("ns-3 >= 3.39 drop-in mechanism: an inert TcpL4Protocol makes no factory")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        Ptr<TcpL4Protocol> inert = CreateObject<TcpL4Protocol>();
        inert->SetNode(node);
        node->AggregateObject(inert);
        // What InternetStackHelper::Install adds after it (the IP layers are enough here).
        node->AggregateObject(CreateObject<Ipv4L3Protocol>());
        node->AggregateObject(CreateObject<Ipv6L3Protocol>());
        NS_TEST_EXPECT_MSG_EQ(
            node->GetObject<TcpSocketFactory>(), nullptr, "no TcpSocketFactoryImpl was created");
        Ptr<FullTcpL4Protocol> fulltcp = CreateObject<FullTcpL4Protocol>();
        node->AggregateObject(fulltcp);
        NS_TEST_EXPECT_MSG_EQ(
            node->GetObject<Ipv4>()->GetProtocol(6), fulltcp, "IPv4 protocol 6 is FullTcp");
        NS_TEST_EXPECT_MSG_EQ(
            node->GetObject<Ipv6>()->GetProtocol(6), fulltcp, "IPv6 protocol 6 is FullTcp");
        Ptr<FullTcpDropInSocketFactory> factory = CreateObject<FullTcpDropInSocketFactory>();
        factory->SetProtocol(fulltcp);
        node->AggregateObject(factory);
        NS_TEST_EXPECT_MSG_NE(
            DynamicCast<FullTcpSocket>(Socket::CreateSocket(node, TcpSocketFactory::GetTypeId())),
            nullptr,
            "TcpSocketFactory makes FullTcp sockets");
        node->Dispose();
        Simulator::Destroy();
    }
};

/// The suite.
class FullTcpDropInTestSuite : public TestSuite
{
  public:
    FullTcpDropInTestSuite() : TestSuite("fulltcp-drop-in", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new DropInTestCase(false), FullTcpTestDuration::QUICK);
        AddTestCase(new DropInTestCase(true), FullTcpTestDuration::QUICK);
        AddTestCase(new InertTcpTestCase(), FullTcpTestDuration::QUICK);
        for (bool fullTcp : {false, true})
        {
            for (bool ipv6 : {false, true})
            {
                AddTestCase(new EchoCloseTestCase(fullTcp, ipv6), FullTcpTestDuration::QUICK);
            }
        }
    }
};

FullTcpDropInTestSuite g_fullTcpDropInTestSuite; //!< registers the suite

} // namespace
