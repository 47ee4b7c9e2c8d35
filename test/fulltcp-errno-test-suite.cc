/*
 * Test: suite fulltcp-errno, table of Socket API misuse returning -1 with the ns-3 errno
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-errno": misuse of the Socket API returns -1 (or null) with the POSIX-like
 * ns-3 errno, and never asserts. Each line of the table below is one check.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/packet-socket-address.h"

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Every misuse of one socket, checked against its errno.
class MisuseTestCase : public TestCase
{
  public:
    MisuseTestCase() : TestCase("API misuse returns -1 with the POSIX-like errno") {}

  private:
    /// Check a call's return value and errno.
    void
    Expect(Ptr<Socket> s, int result, Socket::SocketErrno e, const std::string& what)
    {
        NS_TEST_EXPECT_MSG_EQ(result, -1, what << ": return value");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), e, what << ": errno");
    }

    /// The checks before and while connecting (run inside the simulation).
    void
    Unconnected(Ptr<Socket> s, Ptr<Socket> t, const TwoNodes* net, Address server, Ptr<Socket> l)
    {
        // --- a fresh socket ---
        NS_TEST_EXPECT_MSG_EQ(s->GetSocketType(), Socket::NS3_SOCK_STREAM, "socket type");
        NS_TEST_EXPECT_MSG_EQ(s->SetAllowBroadcast(true), false, "TCP refuses broadcast");
        NS_TEST_EXPECT_MSG_EQ(s->SetAllowBroadcast(false), true, "no broadcast is fine");
        Expect(s, s->Send(PacketOf("x")), Socket::ERROR_NOTCONN, "send before connect");
        NS_TEST_EXPECT_MSG_EQ((s->Recv() == nullptr), true, "recv before connect");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_NOTCONN, "recv before connect errno");
        Address a;
        Expect(s, s->GetPeerName(a), Socket::ERROR_NOTCONN, "GetPeerName unconnected");
        NS_TEST_EXPECT_MSG_EQ(s->GetSockName(a), 0, "GetSockName unbound");
        NS_TEST_EXPECT_MSG_EQ((a == InetSocketAddress(Ipv4Address::GetZero(), 0)),
                              true,
                              "an unbound socket's name is 0.0.0.0:0");
        Expect(s, s->ShutdownSend(), Socket::ERROR_NOTCONN, "ShutdownSend unconnected");
        Expect(s, s->ShutdownRecv(), Socket::ERROR_NOTCONN, "ShutdownRecv unconnected");
        Expect(s, s->Bind(PacketSocketAddress()), Socket::ERROR_AFNOSUPPORT, "bind: bad family");
        Expect(
            s, s->Connect(PacketSocketAddress()), Socket::ERROR_AFNOSUPPORT, "connect: bad family");
        Expect(s, s->Send(nullptr, 0), Socket::ERROR_INVAL, "send a null packet");
        Expect(s,
               s->Bind(InetSocketAddress(Ipv4Address("10.9.9.9"), 0)),
               Socket::ERROR_ADDRNOTAVAIL,
               "bind a foreign address");
        Expect(s,
               s->Connect(InetSocketAddress(Ipv4Address("10.1.1.255"), 80)),
               Socket::ERROR_INVAL,
               "connect to the subnet broadcast");
        Expect(s,
               s->Connect(InetSocketAddress(Ipv4Address("255.255.255.255"), 80)),
               Socket::ERROR_INVAL,
               "connect to broadcast");
        Expect(s,
               s->Connect(InetSocketAddress(Ipv4Address("192.168.7.1"), 80)),
               Socket::ERROR_NOROUTETOHOST,
               "connect without a route");
        Expect(s,
               s->Connect(InetSocketAddress(Ipv4Address("10.1.1.2"), 0)),
               Socket::ERROR_INVAL,
               "connect to port 0");

        // --- binds ---
        NS_TEST_EXPECT_MSG_EQ(s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000)), 0, "bind");
        Expect(s, s->Bind(), Socket::ERROR_INVAL, "bind twice");
        Expect(t,
               t->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5000)),
               Socket::ERROR_ADDRINUSE,
               "bind a port in use");
        Expect(t,
               t->Bind(InetSocketAddress(net->v4.GetAddress(0), 5000)),
               Socket::ERROR_ADDRINUSE,
               "bind the address of a wildcard bind");
        Expect(s,
               s->Connect(Inet6SocketAddress(net->v6.GetAddress(1, 1), 80)),
               Socket::ERROR_AFNOSUPPORT,
               "connect an IPv4-bound socket to IPv6");

        // --- connected ---
        NS_TEST_EXPECT_MSG_EQ(s->Connect(server), 0, "connect");
        Expect(s, s->Connect(server), Socket::ERROR_ISCONN, "connect while connecting");
        Expect(s, s->Listen(), Socket::ERROR_INVAL, "listen on a connecting socket");
        Expect(l, l->Connect(server), Socket::ERROR_ISCONN, "connect a listener");
        Expect(l, l->Send(PacketOf("x")), Socket::ERROR_NOTCONN, "send on a listener");
        NS_TEST_EXPECT_MSG_EQ((s->Recv(1000, 2) == nullptr), true, "recv with MSG_PEEK");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_OPNOTSUPP, "recv flags errno");
        // Linux tcp_recv_urg(): no urgent byte to read is EINVAL.
        NS_TEST_EXPECT_MSG_EQ(
            (s->Recv(1000, FullTcpSocket::MSG_OOB) == nullptr), true, "recv with MSG_OOB");
        NS_TEST_EXPECT_MSG_EQ(s->GetErrno(), Socket::ERROR_INVAL, "recv MSG_OOB errno");
    }

    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        const Address server = net.AddressOf(1, false, 80);
        Ptr<Socket> l = net.Socket(1);
        NS_TEST_ASSERT_MSG_EQ(l->Bind(TwoNodes::AnyAddress(false, 80)), 0, "bind");
        NS_TEST_ASSERT_MSG_EQ(l->Listen(), 0, "listen");
        NS_TEST_EXPECT_MSG_EQ(l->Listen(), 0, "listen again is allowed (POSIX)");

        Ptr<Socket> s = net.Socket(0);
        Ptr<Socket> t = net.Socket(0);
        // Sockets send only once the simulation runs (the traffic-control layer is set up
        // by Node::Initialize at the start of Simulator::Run()).
        Simulator::Schedule(
            Seconds(0.1), &MisuseTestCase::Unconnected, this, s, t, &net, server, l);
        RunFor(Seconds(1));
        Address a;
        Expect(s, s->Connect(server), Socket::ERROR_ISCONN, "connect twice");
        NS_TEST_EXPECT_MSG_EQ(s->GetPeerName(a), 0, "GetPeerName connected");
        NS_TEST_EXPECT_MSG_EQ((a == server), true, "the peer");
        NS_TEST_EXPECT_MSG_EQ(s->GetTxAvailable(), 131072, "an empty send buffer");
        Expect(s,
               s->Send(Create<Packet>(131073)),
               Socket::ERROR_MSGSIZE,
               "send more than the buffer takes");
        NS_TEST_EXPECT_MSG_EQ(s->Send(Create<Packet>(1000)), 1000, "send");
        NS_TEST_EXPECT_MSG_EQ(s->ShutdownSend(), 0, "ShutdownSend");
        NS_TEST_EXPECT_MSG_EQ(s->ShutdownSend(), 0, "ShutdownSend again is harmless");
        Expect(s, s->Send(PacketOf("x")), Socket::ERROR_SHUTDOWN, "send after ShutdownSend");
        NS_TEST_EXPECT_MSG_EQ(s->Close(), 0, "close");
        Expect(s, s->Close(), Socket::ERROR_BADF, "close twice");
        Expect(s, s->Send(PacketOf("x")), Socket::ERROR_BADF, "send after close");
        Expect(s, s->Connect(server), Socket::ERROR_BADF, "connect after close");
        Expect(s, s->Listen(), Socket::ERROR_BADF, "listen after close");
        NS_TEST_EXPECT_MSG_EQ(l->Close(), 0, "close the listener");
        Expect(l, l->Close(), Socket::ERROR_BADF, "close the listener twice");
        RunFor(Seconds(1));
        DestroyAfterReleasing(s, t, l);
    }
};

/// Ports: a connection holds its port; a listener's port is taken; unbound listen binds.
class PortsTestCase : public TestCase
{
  public:
    PortsTestCase() :
        TestCase("Listen without Bind takes an ephemeral port; binds conflict as in Linux")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Ptr<Socket> l = net.Socket(1);
        NS_TEST_EXPECT_MSG_EQ(l->Listen(), 0, "listen without bind");
        Address name;
        l->GetSockName(name);
        const uint16_t port = InetSocketAddress::ConvertFrom(name).GetPort();
        NS_TEST_EXPECT_MSG_GT_OR_EQ(port, 49152, "an ephemeral port (RFC 6335)");
        Ptr<Socket> other = net.Socket(1);
        NS_TEST_EXPECT_MSG_EQ(other->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)),
                              -1,
                              "the listener's port is taken");
        NS_TEST_EXPECT_MSG_EQ(other->GetErrno(), Socket::ERROR_ADDRINUSE, "errno");
        Ptr<Socket> v6 = net.Socket(1);
        NS_TEST_EXPECT_MSG_EQ(v6->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), port)),
                              0,
                              "IPv6 has its own port space");
        DestroyAfterReleasing(l, other, v6);
    }
};

/// The suite.
class FullTcpErrnoTestSuite : public TestSuite
{
  public:
    FullTcpErrnoTestSuite() : TestSuite("fulltcp-errno", TestSuite::Type::UNIT)
    {
        AddTestCase(new MisuseTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new PortsTestCase(), FullTcpTestDuration::QUICK);
    }
};

FullTcpErrnoTestSuite g_fullTcpErrnoTestSuite; //!< registers the suite

} // namespace
