/*
 * Test: suite fulltcp-socket, BulkSend/OnOff/echo byte-exact over IPv4 and IPv6
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-socket": stock ns-3 applications and a raw-Socket-API echo application over
 * FullTcp, with checksums on, over IPv4 and IPv6.
 *  - BulkSend -> PacketSink byte-exact for 1, MSS-1, MSS, MSS+1 bytes and 1 MB; the segments
 *    on the wire have the expected sizes;
 *  - a connection that carries 0 bytes (connect, close);
 *  - OnOff -> PacketSink;
 *  - an echo application written against the Socket API checks every byte both ways.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/applications-module.h"
#include "ns3/string.h"

#include <algorithm>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Payload of a full segment: SegmentSize 536 (ns-3's default) less 12 bytes of timestamps.
constexpr uint32_t kMss = 524;

/// Records the payload sizes of the data segments node 0 sends.
/**
 * Count the TCP packets a node's IP layer sends, and those whose TOS / traffic class is the
 * DSCP 0x28 with the ECN bits clear (IPv4 and IPv6 alike).
 * \param node the sender \param protocol the header's protocol getter \param tos its TOS getter
 * \param tcp TCP packets sent \param dscpOnly those carrying exactly 0x28
 */
template<typename L3, typename IpHeader, typename Ip>
void
CountTcpTx(Ptr<Node> node,
           uint8_t (IpHeader::*protocol)() const,
           uint8_t (IpHeader::*tos)() const,
           uint32_t& tcp,
           uint32_t& dscpOnly)
{
    node->GetObject<L3>()->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>, Ptr<Ip>, uint32_t>(
            [=, &tcp, &dscpOnly](Ptr<const Packet> p, Ptr<Ip>, uint32_t)
            {
                IpHeader h;
                p->PeekHeader(h);
                if ((h.*protocol)() == 6)
                {
                    ++tcp;
                    dscpOnly += (h.*tos)() == 0x28;
                }
            }));
}

class SegmentSizes
{
  public:
    /// \param tcp the protocol whose sockets to watch
    explicit SegmentSizes(Ptr<FullTcpL4Protocol> tcp)
    {
        tcp->TraceConnectWithoutContext("SocketCreated",
                                        Callback<void, Ptr<FullTcpSocket>>(
                                            [this](Ptr<FullTcpSocket> s)
                                            {
                                                s->TraceConnectWithoutContext(
                                                    "Tx",
                                                    Callback<void,
                                                             Ptr<const Packet>,
                                                             const FullTcpHeader&,
                                                             Ptr<const FullTcpSocket>>(
                                                        [this](Ptr<const Packet> p,
                                                               const FullTcpHeader&,
                                                               Ptr<const FullTcpSocket>)
                                                        {
                                                            if (p->GetSize() > 0)
                                                            {
                                                                sizes.push_back(p->GetSize());
                                                            }
                                                        }));
                                            }));
    }

    std::vector<uint32_t> sizes; //!< payload sizes, in order
};

/// BulkSend -> PacketSink for one size and one IP version; every byte arrives once.
class BulkSendTestCase : public FamilyTestCase
{
  public:
    BulkSendTestCase(uint32_t bytes, bool ipv6) :
        FamilyTestCase("BulkSend -> PacketSink, " + std::to_string(bytes) + " bytes over ", ipv6),
        m_bytes(bytes)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        const uint16_t port = 9;
        BulkSendHelper bulk("ns3::FullTcpSocketFactory", net.AddressOf(1, m_ipv6, port));
        bulk.SetAttribute("MaxBytes", UintegerValue(m_bytes));
        bulk.SetAttribute("SendSize", UintegerValue(10000)); // FullTcp cuts the segments
        ApplicationContainer client = bulk.Install(net.nodes.Get(0));
        client.Start(Seconds(0.5));
        PacketSinkHelper sinkHelper("ns3::FullTcpSocketFactory",
                                    TwoNodes::AnyAddress(m_ipv6, port));
        ApplicationContainer server = sinkHelper.Install(net.nodes.Get(1));
        server.Start(Seconds(0.1));

        SegmentSizes segments(net.Tcp(0));
        std::vector<FullTcpState> clientStates;
        OnStateChange(net.Tcp(0),
                      [&clientStates](const Address&, FullTcpState to)
                      {
                          clientStates.push_back(to);
                      });

        RunFor(Seconds(30));
        Ptr<PacketSink> sink = DynamicCast<PacketSink>(server.Get(0));
        NS_TEST_EXPECT_MSG_EQ(sink->GetTotalRx(), m_bytes, "bytes delivered");
        for (uint32_t node : {0, 1})
        {
            NS_TEST_EXPECT_MSG_EQ(net.Tcp(node)->GetParseDrops(FullTcpParseError::BAD_CHECKSUM),
                                  0,
                                  "no bad checksum at node " << node);
        }
        NS_TEST_ASSERT_MSG_EQ(clientStates.empty(), false, "the client opened a connection");
        NS_TEST_EXPECT_MSG_EQ(clientStates.back(), FullTcpState::TIME_WAIT, "client closed");
        NS_TEST_EXPECT_MSG_EQ(*std::max_element(segments.sizes.begin(), segments.sizes.end()),
                              std::min(m_bytes, kMss),
                              "largest segment");
        if (m_bytes <= kMss + 1)
        {
            NS_TEST_EXPECT_MSG_EQ(
                segments.sizes.size(), (m_bytes <= kMss ? 1U : 2U), "number of data segments");
        }
        Simulator::Destroy();
    }

    uint32_t m_bytes; //!< bytes to send
};

/// A connection that carries nothing: connect, close; the sink sees 0 bytes and the close.
class ZeroBytesTestCase : public FamilyTestCase
{
  public:
    ZeroBytesTestCase(bool ipv6) : FamilyTestCase("0 bytes: connect and close over ", ipv6) {}

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        PacketSinkHelper sinkHelper("ns3::FullTcpSocketFactory", TwoNodes::AnyAddress(m_ipv6, 9));
        ApplicationContainer server = sinkHelper.Install(net.nodes.Get(1));
        server.Start(Seconds(0.1));
        Ptr<FullTcpSocket> client = net.Socket(0);
        bool connected = false;
        bool closed = false;
        client->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                       [&connected](Ptr<Socket> s)
                                       {
                                           connected = true;
                                           s->Close();
                                       }),
                                   MakeNullCallback<void, Ptr<Socket>>());
        client->SetCloseCallbacks(Callback<void, Ptr<Socket>>(
                                      [&closed](Ptr<Socket>)
                                      {
                                          closed = true;
                                      }),
                                  MakeNullCallback<void, Ptr<Socket>>());
        ConnectAt(Seconds(0.5), client, net.AddressOf(1, m_ipv6, 9));
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(connected, true, "connected");
        NS_TEST_EXPECT_MSG_EQ(closed, true, "normal close");
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<PacketSink>(server.Get(0))->GetTotalRx(), 0, "bytes");
        NS_TEST_EXPECT_MSG_EQ(client->GetState(), FullTcpState::TIME_WAIT, "client state");
        DestroyAfterReleasing(client);
    }
};

/// OnOff -> PacketSink: every packet OnOff sends arrives.
class OnOffTestCase : public FamilyTestCase
{
  public:
    OnOffTestCase(bool ipv6) : FamilyTestCase("OnOff -> PacketSink over ", ipv6) {}

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        OnOffHelper onoff("ns3::FullTcpSocketFactory", net.AddressOf(1, m_ipv6, 9));
        onoff.SetConstantRate(DataRate("2Mbps"), 1000);
        onoff.SetAttribute("MaxBytes", UintegerValue(150000));
        ApplicationContainer client = onoff.Install(net.nodes.Get(0));
        client.Start(Seconds(0.5));
        client.Stop(Seconds(5));
        PacketSinkHelper sinkHelper("ns3::FullTcpSocketFactory", TwoNodes::AnyAddress(m_ipv6, 9));
        ApplicationContainer server = sinkHelper.Install(net.nodes.Get(1));
        server.Start(Seconds(0.1));
        RunFor(Seconds(8));
        NS_TEST_EXPECT_MSG_EQ(
            DynamicCast<PacketSink>(server.Get(0))->GetTotalRx(), 150000, "bytes delivered");
        Simulator::Destroy();
    }
};

/// An echo server on the raw Socket API: echoes every byte, closes after the client's EOF.
class EchoServer
{
  public:
    /// \param listener a bound socket
    explicit EchoServer(Ptr<Socket> listener) : m_listener(listener)
    {
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&EchoServer::Accept, this));
        listener->Listen();
    }

    std::string received; //!< every byte received
    bool closed {false};  //!< normal close seen

  private:
    void
    Accept(Ptr<Socket> s, const Address&)
    {
        m_conn = s;
        s->SetRecvCallback(MakeCallback(&EchoServer::Read, this));
        s->SetSendCallback(MakeCallback(&EchoServer::Space, this));
        s->SetCloseCallbacks(MakeCallback(&EchoServer::Closed, this),
                             MakeNullCallback<void, Ptr<Socket>>());
    }

    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                m_eof = true;
                break;
            }
            received += Bytes(p);
            m_pending += Bytes(p);
        }
        Flush(s);
    }

    void
    Space(Ptr<Socket> s, uint32_t)
    {
        Flush(s);
    }

    void
    Flush(Ptr<Socket> s)
    {
        while (!m_pending.empty())
        {
            const uint32_t n =
                std::min<uint32_t>(s->GetTxAvailable(), static_cast<uint32_t>(m_pending.size()));
            if (n == 0 || s->Send(PacketOf(m_pending.substr(0, n))) < 0)
            {
                return;
            }
            m_pending.erase(0, n);
        }
        if (m_eof && !m_closing)
        {
            m_closing = true;
            s->Close();
        }
    }

    void
    Closed(Ptr<Socket>)
    {
        closed = true;
    }

    Ptr<Socket> m_listener; //!< listening socket
    Ptr<Socket> m_conn;     //!< the accepted connection
    std::string m_pending;  //!< received, not yet echoed
    bool m_eof {false};     //!< the client's FIN arrived
    bool m_closing {false}; //!< Close() called
};

/// The echo client: writes a pattern, half-closes, reads the echo until EOF.
class EchoClient
{
  public:
    /// \param s a socket \param message bytes to send
    EchoClient(Ptr<Socket> s, std::string message) : m_socket(s), m_toSend(std::move(message))
    {
        s->SetConnectCallback(MakeCallback(&EchoClient::Connected, this),
                              MakeNullCallback<void, Ptr<Socket>>());
        s->SetSendCallback(MakeCallback(&EchoClient::Space, this));
        s->SetRecvCallback(MakeCallback(&EchoClient::Read, this));
        s->SetDataSentCallback(MakeCallback(&EchoClient::Sent, this));
        s->SetCloseCallbacks(MakeCallback(&EchoClient::Closed, this),
                             MakeNullCallback<void, Ptr<Socket>>());
    }

    std::string echoed;    //!< bytes received back
    bool eof {false};      //!< Recv returned 0 bytes
    bool closed {false};   //!< normal close seen
    uint64_t dataSent {0}; //!< sum of DataSent callbacks

  private:
    void
    Connected(Ptr<Socket> s)
    {
        Write(s);
    }

    void
    Space(Ptr<Socket> s, uint32_t)
    {
        Write(s);
    }

    void
    Sent(Ptr<Socket>, uint32_t n)
    {
        dataSent += n;
    }

    void
    Write(Ptr<Socket> s)
    {
        while (!m_toSend.empty())
        {
            // Odd chunk sizes, so segment and write boundaries never line up.
            const uint32_t n = std::min<uint32_t>(
                {s->GetTxAvailable(), static_cast<uint32_t>(m_toSend.size()), 7777});
            if (n == 0 || s->Send(PacketOf(m_toSend.substr(0, n))) < 0)
            {
                return;
            }
            m_toSend.erase(0, n);
        }
        if (!m_shut)
        {
            m_shut = true;
            s->ShutdownSend();
        }
    }

    void
    Read(Ptr<Socket> s)
    {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            if (p->GetSize() == 0)
            {
                eof = true;
                return;
            }
            echoed += Bytes(p);
        }
    }

    void
    Closed(Ptr<Socket>)
    {
        closed = true;
    }

    Ptr<Socket> m_socket; //!< the socket
    std::string m_toSend; //!< not yet written
    bool m_shut {false};  //!< ShutdownSend() called
};

/// Echo through the raw Socket API: every byte checked both ways, then an orderly close.
class EchoTestCase : public FamilyTestCase
{
  public:
    EchoTestCase(bool ipv6) :
        FamilyTestCase("raw Socket API echo, bytes checked both ways over ", ipv6)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Ptr<Socket> listener = net.Socket(1);
        NS_TEST_ASSERT_MSG_EQ(listener->Bind(TwoNodes::AnyAddress(m_ipv6, 7)), 0, "bind");
        EchoServer server(listener);
        const std::string message = Pattern(300000, 3); // more than the send buffer
        Ptr<Socket> socket = net.Socket(0);
        EchoClient client(socket, message);
        ConnectAt(Seconds(0.5), socket, net.AddressOf(1, m_ipv6, 7));
        RunFor(Seconds(20));
        NS_TEST_EXPECT_MSG_EQ(server.received.size(), message.size(), "server byte count");
        NS_TEST_EXPECT_MSG_EQ((server.received == message), true, "server bytes");
        NS_TEST_EXPECT_MSG_EQ(client.echoed.size(), message.size(), "client byte count");
        NS_TEST_EXPECT_MSG_EQ((client.echoed == message), true, "client bytes");
        NS_TEST_EXPECT_MSG_EQ(client.dataSent, message.size(), "DataSent total");
        NS_TEST_EXPECT_MSG_EQ(client.eof, true, "client saw EOF");
        NS_TEST_EXPECT_MSG_EQ(client.closed, true, "client normal close");
        NS_TEST_EXPECT_MSG_EQ(server.closed, true, "server normal close");
        DestroyAfterReleasing(socket, listener);
    }
};

/// Config paths through SocketList reach FullTcp sockets' trace sources.
class SocketListTestCase : public TestCase
{
  public:
    SocketListTestCase() :
        TestCase("Config paths through the SocketList attribute reach a socket's State trace")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        BulkSendHelper bulk("ns3::FullTcpSocketFactory", net.AddressOf(1, false, 9));
        bulk.SetAttribute("MaxBytes", UintegerValue(200000));
        ApplicationContainer client = bulk.Install(net.nodes.Get(0));
        client.Start(Seconds(0.5));
        PacketSinkHelper sinkHelper("ns3::FullTcpSocketFactory", TwoNodes::AnyAddress(false, 9));
        sinkHelper.Install(net.nodes.Get(1)).Start(Seconds(0.1));
        const std::string path = "/NodeList/0/$ns3::FullTcpL4Protocol/SocketList/*";
        size_t during = 0;
        std::vector<TcpSocket::TcpStates_t> states;
        Simulator::Schedule(Seconds(0.52),
                            [&]()
                            {
                                during = Config::LookupMatches(path).GetN();
                                Config::ConnectWithoutContext(
                                    path + "/State",
                                    Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
                                        [&states](TcpSocket::TcpStates_t, TcpSocket::TcpStates_t to)
                                        {
                                            states.push_back(to);
                                        }));
                            });
        RunFor(Seconds(10));
        NS_TEST_EXPECT_MSG_EQ(during, 1, "the client's connection is listed");
        NS_TEST_EXPECT_MSG_EQ(Config::LookupMatches(path).GetN(), 0, "gone once in TIME_WAIT");
        NS_TEST_ASSERT_MSG_EQ(states.empty(), false, "State trace reached through the path");
        NS_TEST_EXPECT_MSG_EQ(states.back(), TcpSocket::TIME_WAIT, "up to TIME_WAIT");
        Simulator::Destroy();
    }
};

/// IP options of a socket (TTL/hop limit, TOS/traffic class) reach the IP headers.
class IpOptionsTestCase : public FamilyTestCase
{
  public:
    IpOptionsTestCase(bool ipv6) :
        FamilyTestCase("SetIpTtl and SetIpTos reach the IP header over ", ipv6)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(m_ipv6, 80));
        listener->Listen();
        Ptr<Socket> c = net.Socket(0);
        uint32_t tcpPackets = 0;
        uint32_t matching = 0;
        if (m_ipv6)
        {
            c->SetIpv6HopLimit(9);
            c->SetIpv6Tclass(0x28);
            net.nodes.Get(0)->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                Callback<void, Ptr<const Packet>, Ptr<Ipv6>, uint32_t>(
                    [&](Ptr<const Packet> p, Ptr<Ipv6>, uint32_t)
                    {
                        Ipv6Header h;
                        p->PeekHeader(h);
                        if (h.GetNextHeader() == 6)
                        {
                            ++tcpPackets;
                            matching += h.GetHopLimit() == 9 && h.GetTrafficClass() == 0x28;
                        }
                    }));
        }
        else
        {
            c->SetIpTtl(7);
            c->SetIpTos(0x28);
            net.nodes.Get(0)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
                "Tx",
                Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                    [&](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
                    {
                        Ipv4Header h;
                        p->PeekHeader(h);
                        if (h.GetProtocol() == 6)
                        {
                            ++tcpPackets;
                            matching += h.GetTtl() == 7 && h.GetTos() == 0x28;
                        }
                    }));
        }
        c->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [](Ptr<Socket> s)
                                  {
                                      s->Send(Create<Packet>(3000));
                                      s->Close();
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
        ConnectAt(Seconds(0.5), c, net.AddressOf(1, m_ipv6, 80));
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_GT(tcpPackets, 4, "segments sent");
        NS_TEST_EXPECT_MSG_EQ(matching, tcpPackets, "every one with the socket's options");
        DestroyAfterReleasing(c, listener);
    }
};

/// What IP says of a segment reaches the engine (FullTcpSegmentIn: TTL / hop limit, ECN
/// codepoint), and the ECN bits IP sets are the engine's: the socket's TOS / traffic class
/// gives only the DSCP bits (Linux keeps a TCP socket's ECN bits out of IP_TOS).
class IpFieldsTestCase : public FamilyTestCase
{
  public:
    IpFieldsTestCase(bool ipv6) :
        FamilyTestCase(
            "TTL and ECN codepoint reach the engine, ECN bits sent are the engine's, over ", ipv6)
    {
    }

  private:
    /// \param net the nodes \return the server's established connection, if any
    static const FullTcpConnection*
    ServerConnection(const TwoNodes& net)
    {
        const FullTcpConnection* found = nullptr;
        net.Tcp(1)->ForEachConnection(
            [&found](Ptr<const FullTcpSocket> s)
            {
                if (s->GetState() == FullTcpState::ESTABLISHED)
                {
                    found = s->GetConnection();
                }
            },
            [](const FullTcpFourTuple&, FullTcpState) {});
        return found;
    }

    /// Node 0 sends the server a pure ACK for the connection through a raw IPv4 socket whose
    /// IP header says CE and TTL 5. \param net the nodes \param c node 0's connection
    static void
    SendCeAck(TwoNodes& net, Ptr<FullTcpSocket> c)
    {
        const FullTcpTcb& tcb = c->GetConnection()->GetTcb();
        FullTcpHeader tcp;
        tcp.SetSourcePort(tcb.localPort);
        tcp.SetDestinationPort(tcb.remotePort);
        tcp.SetSequenceNumber(tcb.snd.ToWire(tcb.sndNxt));
        tcp.SetAckNumber(tcb.rcv.ToWire(tcb.rcvNxt));
        tcp.SetFlags(FullTcpHeader::ACK);
        tcp.SetWindow(1000);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(tcp);
        Ipv4Header ip;
        ip.SetSource(net.v4.GetAddress(0));
        ip.SetDestination(net.v4.GetAddress(1));
        ip.SetProtocol(6);
        ip.SetTtl(5);
        ip.SetEcn(Ipv4Header::ECN_CE);
        ip.SetPayloadSize(p->GetSize());
        p->AddHeader(ip);
        Ptr<Socket> raw = Socket::CreateSocket(net.nodes.Get(0), Ipv4RawSocketFactory::GetTypeId());
        raw->SetAttribute("Protocol", UintegerValue(6));
        raw->SetAttribute("IpHeaderInclude", BooleanValue(true));
        raw->BindToNetDevice(net.devices.Get(0));
        raw->SendTo(p, 0, InetSocketAddress(net.v4.GetAddress(1), 0));
        raw->Close();
    }

    void
    DoRun() override
    {
        TwoNodes net;
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(m_ipv6, 80));
        listener->Listen();
        Ptr<FullTcpSocket> c = net.Socket(0);
        uint32_t tcpPackets = 0;
        uint32_t dscpOnly = 0;
        // The option asks for ECN bits 11 (CE): IP must get the engine's Not-ECT instead.
        // (ns-3's Socket::SetIpTos already drops them for stream sockets, as Linux does;
        // SetIpv6Tclass keeps them, so the IPv6 run checks the send path's masking.)
        const uint8_t option = 0x2b;
        const uint8_t ttl = m_ipv6 ? 9 : 7;
        if (m_ipv6)
        {
            c->SetIpv6HopLimit(ttl);
            c->SetIpv6Tclass(option);
            CountTcpTx<Ipv6L3Protocol, Ipv6Header, Ipv6>(net.nodes.Get(0),
                                                         &Ipv6Header::GetNextHeader,
                                                         &Ipv6Header::GetTrafficClass,
                                                         tcpPackets,
                                                         dscpOnly);
        }
        else
        {
            c->SetIpTtl(ttl);
            c->SetIpTos(option);
            CountTcpTx<Ipv4L3Protocol, Ipv4Header, Ipv4>(net.nodes.Get(0),
                                                         &Ipv4Header::GetProtocol,
                                                         &Ipv4Header::GetTos,
                                                         tcpPackets,
                                                         dscpOnly);
        }
        c->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [](Ptr<Socket> s)
                                  {
                                      s->Send(Create<Packet>(3000));
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
        ConnectAt(Seconds(0.5), c, net.AddressOf(1, m_ipv6, 80));
        RunFor(Seconds(2));
        NS_TEST_EXPECT_MSG_GT(tcpPackets, 3, "segments sent");
        NS_TEST_EXPECT_MSG_EQ(dscpOnly, tcpPackets, "every one: the option's DSCP, Not-ECT");
        const FullTcpConnection* server = ServerConnection(net);
        NS_TEST_ASSERT_MSG_NE(server, nullptr, "the server's connection");
        NS_TEST_EXPECT_MSG_EQ(+server->GetTcb().rcvTtl, +ttl, "the client's TTL reached it");
        NS_TEST_EXPECT_MSG_EQ(
            server->GetTcb().rcvEcn, FullTcpEcnCodepoint::NOT_ECT, "Not-ECT reached it");
        if (!m_ipv6)
        {
            // A segment that arrives marked CE (RFC 3168 §5), with another TTL.
            Simulator::ScheduleNow(&IpFieldsTestCase::SendCeAck, std::ref(net), c);
            RunFor(Seconds(1));
            NS_TEST_EXPECT_MSG_EQ(server->GetTcb().rcvEcn, FullTcpEcnCodepoint::CE, "CE");
            NS_TEST_EXPECT_MSG_EQ(+server->GetTcb().rcvTtl, 5, "the raw segment's TTL");
        }
        DestroyAfterReleasing(c, listener);
    }
};

/// ns3::TcpSocket's DelAckCount and PersistTimeout reach the engine's configuration (their
/// effect is asserted by the engine tests DelAckCount* and PersistTimeout*); PersistTimeout
/// only with PersistFromRto off (by default the first probe waits one RTO, RFC 9293 SHLD-29).
class DataPathAttributesTestCase : public TestCase
{
  public:
    DataPathAttributesTestCase() : TestCase("DelAckCount and PersistTimeout reach the connection")
    {
    }

  private:
    void
    DoRun() override
    {
        TwoNodes net;
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        Ptr<FullTcpSocket> c = net.Socket(0);
        c->SetAttribute("DelAckCount", UintegerValue(5));
        c->SetAttribute("PersistTimeout", TimeValue(Seconds(3)));
        Ptr<FullTcpSocket> d = net.Socket(0);
        d->SetAttribute("PersistTimeout", TimeValue(Seconds(3)));
        d->SetAttribute("PersistFromRto", BooleanValue(false));
        ConnectAt(Seconds(0.5), c, net.AddressOf(1, false, 80));
        ConnectAt(Seconds(0.5), d, net.AddressOf(1, false, 80));
        RunFor(Seconds(1));
        NS_TEST_ASSERT_MSG_NE(c->GetConnection(), nullptr, "connection opened");
        const FullTcpConfig& config = c->GetConnection()->GetConfig();
        NS_TEST_EXPECT_MSG_EQ(config.delAckCount, 5, "DelAckCount");
        NS_TEST_EXPECT_MSG_EQ(config.persistTimeout, Seconds(0), "one RTO by default");
        NS_TEST_ASSERT_MSG_NE(d->GetConnection(), nullptr, "second connection opened");
        NS_TEST_EXPECT_MSG_EQ(d->GetConnection()->GetConfig().persistTimeout,
                              Seconds(3),
                              "PersistTimeout with PersistFromRto off");
        DestroyAfterReleasing(c, d, listener);
    }
};

/// CongestionControl and Recovery take registered names only: an unknown one is refused
/// (SetAttributeFailSafe returns false, the value stays), never replaced by a default. The
/// names reach the connection; the recovery follows the negotiation.
class AlgorithmAttributesTestCase : public TestCase
{
  public:
    AlgorithmAttributesTestCase() : TestCase("CongestionControl and Recovery refuse unknown names")
    {
    }

  private:
    void
    DoRun() override
    {
        TwoNodes net;
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        Ptr<FullTcpSocket> c = net.Socket(0);
        StringValue value;
        NS_TEST_EXPECT_MSG_EQ(c->SetAttributeFailSafe("CongestionControl", StringValue("Vegas?")),
                              false,
                              "an unknown congestion control is refused");
        c->GetAttribute("CongestionControl", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), "NewReno", "the value stays");
        NS_TEST_EXPECT_MSG_EQ(c->SetAttributeFailSafe("Recovery", StringValue("Rack?")),
                              false,
                              "an unknown loss recovery is refused");
        c->GetAttribute("Recovery", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), "Sack", "the value stays");
        Ptr<FullTcpSocket> d = net.Socket(0);
        NS_TEST_EXPECT_MSG_EQ(d->SetAttributeFailSafe("Recovery", StringValue("NewReno")),
                              true,
                              "a registered name is taken");
        ConnectAt(Seconds(0.5), c, net.AddressOf(1, false, 80));
        ConnectAt(Seconds(0.5), d, net.AddressOf(1, false, 80));
        RunFor(Seconds(1));
        NS_TEST_ASSERT_MSG_NE(c->GetConnection(), nullptr, "connection opened");
        NS_TEST_EXPECT_MSG_EQ(c->GetConnection()->GetLossRecovery()->GetName(),
                              "Sack",
                              "SACK negotiated: the configured recovery");
        NS_TEST_EXPECT_MSG_EQ(c->GetConnection()->GetCongestionControl()->GetName(),
                              "NewReno",
                              "the configured congestion control");
        NS_TEST_ASSERT_MSG_NE(d->GetConnection(), nullptr, "second connection opened");
        NS_TEST_EXPECT_MSG_EQ(d->GetConnection()->GetLossRecovery()->GetName(),
                              "NewReno",
                              "the Recovery attribute reaches the connection");
        DestroyAfterReleasing(c, d, listener);
    }
};

/// The suite.
class FullTcpSocketTestSuite : public TestSuite
{
  public:
    FullTcpSocketTestSuite() : TestSuite("fulltcp-socket", TestSuite::Type::SYSTEM)
    {
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new ZeroBytesTestCase(ipv6), FullTcpTestDuration::QUICK);
            for (uint32_t bytes : {1U, kMss - 1, kMss, kMss + 1, 1000000U})
            {
                AddTestCase(new BulkSendTestCase(bytes, ipv6), FullTcpTestDuration::QUICK);
            }
            AddTestCase(new OnOffTestCase(ipv6), FullTcpTestDuration::QUICK);
            AddTestCase(new EchoTestCase(ipv6), FullTcpTestDuration::QUICK);
            AddTestCase(new IpOptionsTestCase(ipv6), FullTcpTestDuration::QUICK);
            AddTestCase(new IpFieldsTestCase(ipv6), FullTcpTestDuration::QUICK);
        }
        AddTestCase(new SocketListTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new DataPathAttributesTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new AlgorithmAttributesTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpSocketTestSuite g_fullTcpSocketTestSuite; //!< registers the suite

} // namespace
