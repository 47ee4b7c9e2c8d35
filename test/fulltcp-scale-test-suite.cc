/*
 * Test: suite fulltcp-scale, 1,000 concurrent connections and their TIME_WAIT records
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-scale": 1,000 concurrent connections between two nodes (each carries 1,000
 * bytes and closes); every byte arrives, every connection closes normally, the client's
 * TIME_WAIT connections live on as records without their sockets and go after 2·MSL. The
 * full 10,000 is examples/fulltcp-many-connections.cc (a benchmark).
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include <chrono>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// N connections at once, one node to the other.
class ManyConnectionsTestCase : public TestCase
{
  public:
    ManyConnectionsTestCase(uint32_t n) :
        TestCase(std::to_string(n) + " concurrent connections, all bytes, all closed"), m_n(n)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("Msl", TimeValue(Seconds(30)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper, "5ms");
        Ptr<Socket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        uint64_t received = 0;
        uint32_t serverClosed = 0;
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [&](Ptr<Socket> s, const Address&)
                                        {
                                            s->SetRecvCallback(Callback<void, Ptr<Socket>>(
                                                [&](Ptr<Socket> c)
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
                                            s->SetCloseCallbacks(
                                                Callback<void, Ptr<Socket>>(
                                                    [&](Ptr<Socket>)
                                                    {
                                                        ++serverClosed;
                                                    }),
                                                MakeNullCallback<void, Ptr<Socket>>());
                                        }));
        // Clients: send 1000 bytes and close as soon as connected; the application keeps no
        // reference after that (the protocol keeps the connections alive).
        uint32_t clientClosed = 0;
        uint32_t failures = 0;
        for (uint32_t i = 0; i < m_n; ++i)
        {
            Ptr<Socket> c = net.Socket(0);
            c->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                      [](Ptr<Socket> s)
                                      {
                                          s->Send(Create<Packet>(1000));
                                          s->Close();
                                      }),
                                  Callback<void, Ptr<Socket>>(
                                      [&](Ptr<Socket>)
                                      {
                                          ++failures;
                                      }));
            c->SetCloseCallbacks(Callback<void, Ptr<Socket>>(
                                     [&](Ptr<Socket>)
                                     {
                                         ++clientClosed;
                                     }),
                                 Callback<void, Ptr<Socket>>(
                                     [&](Ptr<Socket>)
                                     {
                                         ++failures;
                                     }));
            Simulator::Schedule(Seconds(1) + MicroSeconds(i),
                                [c, &net]()
                                {
                                    c->Connect(net.AddressOf(1, false, 80));
                                });
        }
        size_t connections = 0;
        size_t records = 0;
        Simulator::Schedule(Seconds(20),
                            [&]()
                            {
                                connections = net.Tcp(0)->GetNConnections();
                                records = net.Tcp(0)->GetNTimeWaitRecords();
                            });
        const auto start = std::chrono::steady_clock::now();
        Simulator::Stop(Seconds(120));
        Simulator::Run();
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::clog << m_n << " connections: " << wall << " s of wall time\n";
        NS_TEST_EXPECT_MSG_EQ(received, uint64_t {m_n} * 1000, "every byte arrived");
        NS_TEST_EXPECT_MSG_EQ(failures, 0, "no connection failed");
        NS_TEST_EXPECT_MSG_EQ(clientClosed, m_n, "every client closed normally");
        NS_TEST_EXPECT_MSG_EQ(serverClosed, m_n, "every server side closed normally");
        NS_TEST_EXPECT_MSG_EQ(connections, m_n, "client connections held in TIME_WAIT");
        NS_TEST_EXPECT_MSG_EQ(records, m_n, "all of them as TIME_WAIT records");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(0)->GetNConnections(), 0, "all gone after 2·MSL");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(1)->GetNConnections(), 0, "server side gone");
        listener = nullptr;
        Simulator::Destroy();
    }

    uint32_t m_n; //!< connections
};

/// The suite.
class FullTcpScaleTestSuite : public TestSuite
{
  public:
    FullTcpScaleTestSuite() : TestSuite("fulltcp-scale", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new ManyConnectionsTestCase(1000), FullTcpTestDuration::QUICK);
    }
};

FullTcpScaleTestSuite g_fullTcpScaleTestSuite; //!< registers the suite

} // namespace
