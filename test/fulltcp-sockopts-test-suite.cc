/*
 * Test: suite fulltcp-sockopts, socket attributes set after Connect() or on a listener
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-sockopts": the attributes that are Linux socket options an application may
 * set on a connected socket (SO_KEEPALIVE, TCP_KEEPIDLE, TCP_USER_TIMEOUT, TCP_NODELAY,
 * SO_SNDBUF, TCP_LINGER2) change an open connection when set after Connect(), and reach the
 * connections a listener accepts when set after Listen(). Two nodes, 5 ms apart; the client
 * connects at 0.1 s and is established at 0.11 s.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Serialization of the segments on the way (each a few microseconds at 100 Mb/s).
const Time kLinkTime = MicroSeconds(100);

/// \param v values \param i an index \return v[i], or T() (0) when v is shorter: a failed
/// count check must not read past the end
template<typename T>
T
At(const std::vector<T>& v, size_t i)
{
    return i < v.size() ? v[i] : T();
}

/// A client connected to a listener on node 1, and the times of what each sends.
struct Connected
{
    TwoNodes net;                     //!< the network
    Ptr<FullTcpSocket> listener;      //!< node 1, port 80
    Ptr<FullTcpSocket> client;        //!< node 0
    Ptr<Socket> child;                //!< the listener's accepted connection
    std::vector<Time> clientSent;     //!< when the client sent a segment (after the handshake)
    std::vector<uint32_t> clientSize; //!< ... and its payload size
    std::vector<Time> childSent;      //!< when the child sent a segment (after the SYN-ACK)

    Connected()
    {
        listener = net.Socket(1);
        listener->Bind(TwoNodes::AnyAddress(false, 80));
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    Callback<void, Ptr<Socket>, const Address&>(
                                        [this](Ptr<Socket> s, const Address&)
                                        {
                                            child = s;
                                            Watch(s, childSent, nullptr);
                                        }));
        client = net.Socket(0);
        Watch(client, clientSent, &clientSize);
        ConnectAt(Seconds(0.1), client, net.AddressOf(1, false, 80));
    }

    /// Record the segments s sends from now on, but its handshake's.
    static void
    Watch(Ptr<Socket> s, std::vector<Time>& at, std::vector<uint32_t>* size)
    {
        s->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, const FullTcpHeader&, Ptr<const FullTcpSocket>>(
                [&at, size](Ptr<const Packet> p, const FullTcpHeader& h, Ptr<const FullTcpSocket>)
                {
                    if (!h.HasFlags(FullTcpHeader::SYN) && Simulator::Now() > Seconds(0.2))
                    {
                        at.push_back(Simulator::Now());
                        if (size)
                        {
                            size->push_back(p->GetSize());
                        }
                    }
                }));
    }
};

/// SO_KEEPALIVE and TCP_KEEPIDLE set on an established connection.
class KeepAliveAfterConnect : public TestCase
{
  public:
    KeepAliveAfterConnect() : TestCase("KeepAlive set after Connect probes an idle connection") {}

  private:
    void
    DoRun() override
    {
        Connected c;
        Simulator::Schedule(Seconds(1),
                            [&c]()
                            {
                                c.client->SetAttribute("KeepAliveIdle", TimeValue(Seconds(2)));
                                c.client->SetAttribute("KeepAliveInterval", TimeValue(Seconds(1)));
                                c.client->SetAttribute("KeepAlive", BooleanValue(true));
                            });
        // Answered at 3.01 s: the expiry a second later finds the connection idle for less
        // than 2 s, the next probe comes two idle seconds after the answer; off at 6 s, none
        // after.
        Simulator::Schedule(Seconds(6),
                            [&c]()
                            {
                                c.client->SetAttribute("KeepAlive", BooleanValue(false));
                            });
        RunFor(Seconds(20));
        NS_TEST_EXPECT_MSG_EQ(c.clientSent.size(), 2u, "two probes");
        NS_TEST_EXPECT_MSG_EQ(At(c.clientSent, 0), Seconds(3), "a full idle time after the change");
        NS_TEST_EXPECT_MSG_EQ_TOL(
            At(c.clientSent, 1), Seconds(5.01), kLinkTime, "two seconds after the answer");
        DestroyAfterReleasing(c.listener, c.client, c.child);
    }
};

/// SO_KEEPALIVE set on a listener after Listen().
class KeepAliveOnListener : public TestCase
{
  public:
    KeepAliveOnListener() : TestCase("KeepAlive set on a listener reaches accepted connections") {}

  private:
    void
    DoRun() override
    {
        Connected c;
        c.listener->SetAttribute("KeepAliveIdle", TimeValue(Seconds(2)));
        c.listener->SetAttribute("KeepAlive", BooleanValue(true));
        RunFor(Seconds(3));
        NS_TEST_ASSERT_MSG_EQ((c.child != nullptr), true, "accepted");
        BooleanValue on;
        c.child->GetAttribute("KeepAlive", on);
        NS_TEST_EXPECT_MSG_EQ(on.Get(), true, "inherited");
        NS_TEST_EXPECT_MSG_EQ(c.childSent.size(), 1u, "one probe");
        // Established when the client's ACK arrived, at 0.115 s.
        NS_TEST_EXPECT_MSG_EQ_TOL(
            At(c.childSent, 0), Seconds(2.115), kLinkTime, "idle time after the handshake");
        DestroyAfterReleasing(c.listener, c.client, c.child);
    }
};

/// TCP_USER_TIMEOUT set on an established connection.
class UserTimeoutAfterConnect : public TestCase
{
  public:
    UserTimeoutAfterConnect() :
        TestCase("UserTimeout set after Connect ends a stalled transfer on time")
    {
    }

  private:
    void
    DoRun() override
    {
        Connected c;
        Time closedAt;
        c.client->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    Callback<void, Ptr<Socket>>(
                                        [&closedAt](Ptr<Socket>)
                                        {
                                            closedAt = Simulator::Now();
                                        }));
        c.net.CutAt(1, Seconds(1));
        Simulator::Schedule(Seconds(1),
                            [&c]()
                            {
                                c.client->Send(PacketOf(Pattern(1000)), 0);
                                c.client->SetAttribute("UserTimeout", TimeValue(Seconds(2)));
                            });
        RunFor(Seconds(60));
        // The first segment retransmitted after 1 s (the RTO's floor); the next expiry,
        // clamped to the user timeout, 2 s after the send. Without it: DataRetries (6)
        // retransmissions, doubling from 1 s.
        NS_TEST_EXPECT_MSG_EQ(c.clientSent.size(), 3u, "two segments (536 + 464), one again");
        NS_TEST_EXPECT_MSG_EQ(At(c.clientSent, 2), Seconds(2), "retransmitted after the RTO (1 s)");
        NS_TEST_EXPECT_MSG_EQ(closedAt, Seconds(3), "ErrorClose at the user timeout");
        NS_TEST_EXPECT_MSG_EQ(c.client->GetErrno(), Socket::ERROR_AGAIN, "timed out");
        DestroyAfterReleasing(c.listener, c.client, c.child);
    }
};

/// TCP_NODELAY set while Nagle holds a small segment.
class NoDelayAfterConnect : public TestCase
{
  public:
    NoDelayAfterConnect() : TestCase("TcpNoDelay set after Connect sends what Nagle holds") {}

  private:
    void
    DoRun() override
    {
        Connected c;
        c.client->SetAttribute("TcpNoDelay", BooleanValue(false));
        Simulator::Schedule(Seconds(1),
                            [&c]()
                            {
                                c.client->Send(PacketOf(Pattern(100)), 0);
                                c.client->Send(PacketOf(Pattern(100)), 0); // held: 100 in flight
                            });
        Simulator::Schedule(Seconds(1.001),
                            [&c]()
                            {
                                c.client->SetAttribute("TcpNoDelay", BooleanValue(true));
                            });
        RunFor(Seconds(2));
        NS_TEST_EXPECT_MSG_EQ(c.clientSent.size(), 2u, "two segments");
        NS_TEST_EXPECT_MSG_EQ(At(c.clientSent, 1), Seconds(1.001), "at once, not after the ACK");
        NS_TEST_EXPECT_MSG_EQ(At(c.clientSize, 1), 100u, "the held write");
        DestroyAfterReleasing(c.listener, c.client, c.child);
    }
};

/// SO_SNDBUF set on an established connection.
class SndBufAfterConnect : public TestCase
{
  public:
    SndBufAfterConnect() : TestCase("SndBufSize set after Connect limits and wakes the writer") {}

  private:
    void
    DoRun() override
    {
        Connected c;
        std::vector<uint32_t> space;
        Simulator::Schedule(
            Seconds(1),
            [this, &c, &space]()
            {
                c.client->SetAttribute("SndBufSize", UintegerValue(1000));
                NS_TEST_EXPECT_MSG_EQ(c.client->GetTxAvailable(), 1000u, "the new limit");
                NS_TEST_EXPECT_MSG_EQ(c.client->Send(PacketOf(Pattern(1001)), 0), -1, "too much");
                NS_TEST_EXPECT_MSG_EQ(c.client->Send(PacketOf(Pattern(1000)), 0), 1000, "fits");
                c.client->SetSendCallback(Callback<void, Ptr<Socket>, uint32_t>(
                    [&space](Ptr<Socket>, uint32_t n)
                    {
                        space.push_back(n);
                    }));
                c.client->SetAttribute("SndBufSize", UintegerValue(3000));
            });
        RunFor(Seconds(1.001)); // before the ACK of the 1000 bytes
        NS_TEST_EXPECT_MSG_EQ(space.size(), 1u, "the writer is woken");
        NS_TEST_EXPECT_MSG_EQ(At(space, 0), 2000u, "by the room the larger buffer made");
        DestroyAfterReleasing(c.listener, c.client, c.child);
    }
};

/// TCP_LINGER2 set on an established connection.
class FinWait2TimeoutAfterConnect : public TestCase
{
  public:
    FinWait2TimeoutAfterConnect() :
        TestCase("FinWait2Timeout set after Connect ends the orphaned FIN_WAIT_2")
    {
    }

  private:
    void
    DoRun() override
    {
        Connected c;
        Simulator::Schedule(Seconds(1),
                            [&c]()
                            {
                                c.client->SetAttribute("FinWait2Timeout", TimeValue(Seconds(5)));
                                c.client->Close();
                            });
        RunFor(Seconds(5.5)); // FIN_WAIT_2 from 1.01 s
        NS_TEST_EXPECT_MSG_EQ(c.client->GetState(), FullTcpState::FIN_WAIT_2, "waiting");
        RunFor(Seconds(0.52));
        NS_TEST_EXPECT_MSG_EQ(c.client->GetState(), FullTcpState::CLOSED, "5 s later");
        DestroyAfterReleasing(c.listener, c.client, c.child);
    }
};

/// The suite.
class FullTcpSockoptsTestSuite : public TestSuite
{
  public:
    FullTcpSockoptsTestSuite() : TestSuite("fulltcp-sockopts", TestSuite::Type::UNIT)
    {
        AddTestCase(new KeepAliveAfterConnect, FullTcpTestDuration::QUICK);
        AddTestCase(new KeepAliveOnListener, FullTcpTestDuration::QUICK);
        AddTestCase(new UserTimeoutAfterConnect, FullTcpTestDuration::QUICK);
        AddTestCase(new NoDelayAfterConnect, FullTcpTestDuration::QUICK);
        AddTestCase(new SndBufAfterConnect, FullTcpTestDuration::QUICK);
        AddTestCase(new FinWait2TimeoutAfterConnect, FullTcpTestDuration::QUICK);
    }
};

FullTcpSockoptsTestSuite g_fullTcpSockoptsTestSuite; //!< registers the suite

} // namespace
