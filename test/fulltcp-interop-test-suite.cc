/*
 * Test: suite fulltcp-interop, FullTcp vs ns-3 TCP on the wire, IPv4/IPv6, with 1% loss
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-interop": FullTcp talks to ns-3's built-in TCP on the wire, both at IP
 * protocol 6, checksums on: FullTcp on one node, ns-3 TCP on the other, in both directions,
 * over IPv4 and IPv6. BulkSend -> PacketSink: handshake, every byte, orderly close on both
 * stacks (FullTcp's state trace and ns-3 TCP's State trace); then the same under 1% random
 * loss in both directions.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/applications-module.h"

#include <map>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// BulkSend -> PacketSink between FullTcp and ns-3 TCP.
class InteropTestCase : public TestCase
{
  public:
    /**
     * \param fullTcpClient FullTcp sends (node 0), ns-3 TCP receives; else the reverse
     * \param ipv6 IPv6 or IPv4 \param bytes bytes to send \param loss packet loss rate
     */
    InteropTestCase(bool fullTcpClient, bool ipv6, uint32_t bytes, double loss) :
        TestCase(Name(fullTcpClient, ipv6, bytes, loss)), m_fullTcpClient(fullTcpClient),
        m_ipv6(ipv6), m_bytes(bytes), m_loss(loss)
    {
    }

  private:
    static std::string
    Name(bool fullTcpClient, bool ipv6, uint32_t bytes, double loss)
    {
        std::ostringstream os;
        os << (fullTcpClient ? "FullTcp -> ns-3 TCP" : "ns-3 TCP -> FullTcp") << ", " << bytes
           << " bytes over " << (ipv6 ? "IPv6" : "IPv4");
        if (loss > 0)
        {
            os << " with " << loss * 100 << "% loss";
        }
        return os.str();
    }

    /// ns-3 TCP's State trace, per socket (the trace context).
    void
    Ns3State(std::string context, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t to)
    {
        m_ns3States[context].push_back(to);
    }

    /// Connect to the State trace of every ns-3 TCP socket not yet watched.
    void
    WatchNs3Sockets(std::string path)
    {
        const Config::MatchContainer matches = Config::LookupMatches(path);
        for (uint32_t i = 0; i < matches.GetN(); ++i)
        {
            const std::string context = matches.GetMatchedPath(i);
            if (m_ns3States.count(context) == 0)
            {
                m_ns3States[context] = {};
                matches.Get(i)->TraceConnect(
                    "State", context, MakeCallback(&InteropTestCase::Ns3State, this));
            }
        }
    }

    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net(m_fullTcpClient ? Stacks::FULLTCP_CLIENT : Stacks::FULLTCP_SERVER);
        const uint32_t fullTcpNode = m_fullTcpClient ? 0 : 1;
        const uint32_t ns3Node = 1 - fullTcpNode;
        if (m_loss > 0)
        {
            for (uint32_t i = 0; i < 2; ++i)
            {
                Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                em->SetAttribute("ErrorRate", DoubleValue(m_loss));
                em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
                em->AssignStreams(100 + i);
                net.devices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
                // Device 1 receives the data, device 0 the ACKs; a frame of more than the
                // headers (PPP 2, IPv6 40, TCP with options 60) carries data.
                net.devices.Get(i)->TraceConnectWithoutContext(
                    "PhyRxDrop",
                    Callback<void, Ptr<const Packet>>(
                        [this, i](Ptr<const Packet> p)
                        {
                            ++m_lost;
                            m_lostData += i == 1 && p->GetSize() > 102 ? 1 : 0;
                        }));
            }
        }
        const uint16_t port = 5001;
        BulkSendHelper bulk(m_fullTcpClient ? "ns3::FullTcpSocketFactory" : "ns3::TcpSocketFactory",
                            net.AddressOf(1, m_ipv6, port));
        bulk.SetAttribute("MaxBytes", UintegerValue(m_bytes));
        bulk.SetAttribute("SendSize", UintegerValue(10000));
        ApplicationContainer client = bulk.Install(net.nodes.Get(0));
        client.Start(Seconds(0.5));
        PacketSinkHelper sinkHelper(m_fullTcpClient ? "ns3::TcpSocketFactory"
                                                    : "ns3::FullTcpSocketFactory",
                                    TwoNodes::AnyAddress(m_ipv6, port));
        ApplicationContainer server = sinkHelper.Install(net.nodes.Get(1));
        server.Start(Seconds(0.1));
        Time done; // when the last byte reached the sink
        server.Get(0)->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>, const Address&>(
                [&done, &server, this](Ptr<const Packet>, const Address&)
                {
                    if (DynamicCast<PacketSink>(server.Get(0))->GetTotalRx() == m_bytes)
                    {
                        done = Simulator::Now();
                    }
                }));

        std::vector<FullTcpState> fullTcpStates;
        OnStateChange(net.Tcp(fullTcpNode),
                      [&fullTcpStates](const Address& remote, FullTcpState to)
                      {
                          if (PortOf(remote) != 0) // connections only, not the listener
                          {
                              fullTcpStates.push_back(to);
                          }
                      });
        // ns-3 TCP's sockets appear when the applications start and when a SYN is accepted:
        // look for new ones every millisecond and connect to their State trace.
        const std::string sockets =
            "/NodeList/" + std::to_string(ns3Node) + "/$ns3::TcpL4Protocol/SocketList/*";
        for (Time t = MilliSeconds(100); t < Seconds(5); t += MilliSeconds(1))
        {
            Simulator::Schedule(t, &InteropTestCase::WatchNs3Sockets, this, sockets);
        }

        Simulator::Stop(Seconds(m_loss > 0 ? 200 : 30));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(
            DynamicCast<PacketSink>(server.Get(0))->GetTotalRx(), m_bytes, "bytes delivered");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(fullTcpNode)->GetParseDrops(FullTcpParseError::BAD_CHECKSUM),
                              0,
                              "ns-3 TCP's checksums verify at FullTcp");
        if (m_loss > 0)
        {
            NS_TEST_EXPECT_MSG_GT(m_lostData, 0, "data segments were lost");
            if (m_fullTcpClient)
            {
                // Every lost data segment was sent again; more only for lost ACKs (a probe
                // or a timeout may then resend what had arrived).
                const uint64_t retrans = net.Tcp(fullTcpNode)->GetMib().retransSegs;
                NS_TEST_EXPECT_MSG_GT_OR_EQ(retrans, m_lostData, "each lost segment resent");
                NS_TEST_EXPECT_MSG_LT_OR_EQ(retrans, m_lost, "no more resent than was lost");
            }
            // A lost data segment costs at most one retransmission timeout (1 s, RFC 6298
            // §2.1; 200 ms in ns-3's TCP) beyond the loss-free transfer (well under a second
            // here: 100 Mb/s, 10 ms RTT); the 200 s stop is not what ends the run.
            NS_TEST_EXPECT_MSG_LT(done - Seconds(0.5),
                                  Seconds(1) * (m_lostData + 1),
                                  "the transfer ended by its recovery, not the stop");
        }
        NS_TEST_EXPECT_MSG_GT(done, Seconds(0.5), "the last byte arrived");
        NS_TEST_ASSERT_MSG_EQ(fullTcpStates.empty(), false, "FullTcp opened a connection");
        NS_TEST_EXPECT_MSG_EQ(
            std::count(fullTcpStates.begin(), fullTcpStates.end(), FullTcpState::ESTABLISHED),
            1,
            "FullTcp's handshake completed");
        // The FullTcp client closes first and holds TIME_WAIT (2·MSL later CLOSED); the
        // FullTcp server answers the client's FIN with its own and ends in CLOSED.
        const FullTcpState expected =
            m_fullTcpClient ? FullTcpState::TIME_WAIT : FullTcpState::CLOSED;
        NS_TEST_EXPECT_MSG_EQ(fullTcpStates.back(), expected, "FullTcp's final state");
        // ns-3 TCP: the connection (not the listener) ended closed, never reset.
        bool ns3Closed = false;
        for (const auto& [socket, states] : m_ns3States)
        {
            const bool connection =
                std::find(states.begin(), states.end(), TcpSocket::LISTEN) == states.end();
            if (connection && !states.empty())
            {
                const TcpSocket::TcpStates_t last = states.back();
                ns3Closed = ns3Closed || last == TcpSocket::CLOSED || last == TcpSocket::TIME_WAIT;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(ns3Closed, true, "ns-3 TCP's connection closed");
        Simulator::Destroy();
    }

    bool m_fullTcpClient;    //!< direction
    bool m_ipv6;             //!< IPv6 or IPv4
    uint32_t m_bytes;        //!< bytes to send
    double m_loss;           //!< packet loss rate on both devices
    uint32_t m_lost {0};     //!< packets the error models dropped
    uint32_t m_lostData {0}; //!< of them, data segments on their way to the receiver
    std::map<std::string, std::vector<TcpSocket::TcpStates_t>> m_ns3States; //!< per socket
};

/// The suite.
class FullTcpInteropTestSuite : public TestSuite
{
  public:
    FullTcpInteropTestSuite() : TestSuite("fulltcp-interop", TestSuite::Type::SYSTEM)
    {
        for (bool fullTcpClient : {true, false})
        {
            for (bool ipv6 : {false, true})
            {
                AddTestCase(new InteropTestCase(fullTcpClient, ipv6, 500000, 0),
                            FullTcpTestDuration::QUICK);
                AddTestCase(new InteropTestCase(fullTcpClient, ipv6, 300000, 0.01),
                            FullTcpTestDuration::QUICK);
            }
        }
    }
};

FullTcpInteropTestSuite g_fullTcpInteropTestSuite; //!< registers the suite

} // namespace
