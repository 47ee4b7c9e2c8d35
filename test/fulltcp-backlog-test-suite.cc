/*
 * Test: suite fulltcp-backlog, SYN queue and accept queue overflow (RFC 4987 §2.1)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-backlog": a listener's SYN queue and accept queue (RFC 4987 §2.1; Linux's
 * model of the listen(2) backlog).
 *  - SYN queue full (the SYN-ACKs are lost, so children stay SYN_RCVD): further SYNs are
 *    dropped and counted; once the path heals, every client gets in (SYN retransmissions);
 *  - accept queue full (the listener is paused): established children wait, further SYNs
 *    are dropped and counted; resuming hands the waiting children to the application.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Counts the connections an application accepted.
struct Acceptor
{
    std::vector<Ptr<Socket>> accepted; //!< NewConnectionCreated, in order

    /// \param listener the listener to watch
    void
    Watch(Ptr<Socket> listener)
    {
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [this](Ptr<Socket> s, const Address&)
                                        {
                                            accepted.push_back(s);
                                        }));
    }
};

/// \param net the network \param n clients \param at when they connect
/// \param connected set to the number of successful connects
std::vector<Ptr<Socket>>
StartClients(const TwoNodes& net, uint32_t n, Time at, uint32_t& connected)
{
    std::vector<Ptr<Socket>> clients;
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Socket> c = net.Socket(0);
        c->SetConnectCallback(Callback<void, Ptr<Socket>>(
                                  [&connected](Ptr<Socket>)
                                  {
                                      ++connected;
                                  }),
                              MakeNullCallback<void, Ptr<Socket>>());
        Simulator::Schedule(at + MicroSeconds(10 * i),
                            [c, &net]()
                            {
                                c->Connect(net.AddressOf(1, false, 80));
                            });
        clients.push_back(c);
    }
    return clients;
}

/// SYN queue overflow: SYNs dropped and counted while 2 children are half-open.
class SynQueueTestCase : public TestCase
{
  public:
    SynQueueTestCase() :
        TestCase("SYN queue full: SYNs dropped and counted, all clients in once it drains")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("SynQueueLimit", UintegerValue(2));
        helper.SetSocketAttribute("SynCookies", BooleanValue(false)); // drop, not cookies
        helper.SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper);
        // The client loses everything until 2.5 s: SYN-ACKs never arrive, children stay
        // half-open and retransmit their SYN-ACKs.
        net.CutAt(0, Seconds(0));
        net.HealAt(0, Seconds(2.5));
        Ptr<FullTcpSocket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        Acceptor acceptor;
        acceptor.Watch(listener);
        uint32_t connected = 0;
        std::vector<Ptr<Socket>> clients = StartClients(net, 5, Seconds(1), connected);
        uint32_t halfOpen = 0;
        Simulator::Schedule(Seconds(1.5),
                            [&]()
                            {
                                halfOpen = listener->GetSynQueueLength();
                            });
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(halfOpen, 2, "two half-open children at 1.5 s");
        // 3 SYNs at 1 s, and their retransmissions at 2 s, found the queue full.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(net.Tcp(1)->GetListenDrops(FullTcpListenDrop::SYN_QUEUE_FULL),
                                    3,
                                    "SYN queue overflows counted");
        NS_TEST_EXPECT_MSG_EQ(connected, 5, "every client got in eventually");
        NS_TEST_EXPECT_MSG_EQ(acceptor.accepted.size(), 5, "every connection accepted");
        NS_TEST_EXPECT_MSG_EQ(listener->GetSynQueueLength(), 0, "SYN queue empty");
        clients.clear();
        acceptor.accepted.clear();
        listener = nullptr;
        Simulator::Destroy();
    }
};

/// Accept queue overflow: a paused listener holds 2 established children and drops SYNs.
class AcceptQueueTestCase : public TestCase
{
  public:
    AcceptQueueTestCase() :
        TestCase("accept queue full: children wait, SYNs dropped, resume delivers them")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        FullTcpHelper helper;
        helper.SetSocketAttribute("AcceptQueueLimit", UintegerValue(2));
        helper.SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1)));
        TwoNodes net(Stacks::FULLTCP_BOTH, helper);
        Ptr<FullTcpSocket> listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        listener->SetAcceptPaused(true);
        Acceptor acceptor;
        acceptor.Watch(listener);
        uint32_t connected = 0;
        std::vector<Ptr<Socket>> clients = StartClients(net, 4, Seconds(1), connected);
        uint32_t waiting = 0;
        size_t acceptedWhilePaused = 0;
        Simulator::Schedule(Seconds(1.5),
                            [&]()
                            {
                                waiting = listener->GetAcceptQueueLength();
                                acceptedWhilePaused = acceptor.accepted.size();
                            });
        Simulator::Schedule(Seconds(3),
                            [&]()
                            {
                                listener->SetAcceptPaused(false);
                            });
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(waiting, 2, "two children waiting at 1.5 s");
        NS_TEST_EXPECT_MSG_EQ(acceptedWhilePaused, 0, "none handed over while paused");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            net.Tcp(1)->GetListenDrops(FullTcpListenDrop::ACCEPT_QUEUE_FULL),
            2,
            "accept queue overflows counted");
        NS_TEST_EXPECT_MSG_EQ(acceptor.accepted.size(), 4, "all accepted after resuming");
        NS_TEST_EXPECT_MSG_EQ(connected, 4, "every client got in eventually");
        clients.clear();
        acceptor.accepted.clear();
        listener = nullptr;
        Simulator::Destroy();
    }
};

/// The suite.
class FullTcpBacklogTestSuite : public TestSuite
{
  public:
    FullTcpBacklogTestSuite() : TestSuite("fulltcp-backlog", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new SynQueueTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new AcceptQueueTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpBacklogTestSuite g_fullTcpBacklogTestSuite; //!< registers the suite

} // namespace
