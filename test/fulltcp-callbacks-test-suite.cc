/*
 * Test: suite fulltcp-callbacks, each application event on its ns-3 callback with errno
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Suite "fulltcp-callbacks": every application event of FullTcp through ns-3's socket
 * callbacks, each on its own callback, with the errno that goes with it.
 *  - connect succeeded; connect refused (RST, at once); connect timed out (SYN retries);
 *  - the accept callback refusing a connection;
 *  - reset by the peer (close with unread data, RFC 2525 §2.17) -> ErrorClose;
 *  - data retries exhausted -> ErrorClose;
 *  - half-close with data flowing the other way, then NormalClose on both ends;
 *  - PacketSink's ShutdownSend() on the listener is inherited by accepted sockets;
 *  - TcpSocketBaseCallbacks (ns-3's timing, the drop-in mode's): NormalClose once, at the
 *    peer's FIN, with it and at the end without it; the send callback after the handshake;
 *    refusals and resets as without it.
 */
#include "fulltcp-test-compat.h"
#include "fulltcp-test-helpers.h"

#include "ns3/applications-module.h"
#include "ns3/boolean.h"

#include <sstream>
#include <vector>

using namespace ns3;
using namespace fulltcp_test;

namespace
{

/// Records every callback of one socket, in order, with the time.
class Recorder
{
  public:
    /// \param s the socket \param name prefix of the entries
    void
    Watch(Ptr<Socket> s)
    {
        s->SetConnectCallback(MakeCallback(&Recorder::Connected, this),
                              MakeCallback(&Recorder::Failed, this));
        s->SetCloseCallbacks(MakeCallback(&Recorder::Normal, this),
                             MakeCallback(&Recorder::Error, this));
        s->SetRecvCallback(MakeCallback(&Recorder::Read, this));
        s->SetDataSentCallback(MakeCallback(&Recorder::Sent, this));
        s->SetSendCallback(MakeCallback(&Recorder::SendSpace, this));
    }

    /// \return the events, one per line
    std::string
    Log() const
    {
        std::ostringstream os;
        for (const auto& e : events)
        {
            os << e << "\n";
        }
        return os.str();
    }

    /// \param name an event \return how often it happened
    size_t
    Count(const std::string& name) const
    {
        return std::count(events.begin(), events.end(), name);
    }

    std::vector<std::string> events; //!< "connected", "failed", "normal", "error", "eof"
    std::string received;            //!< bytes read
    Time failedAt;                   //!< time of ConnectionFailed
    Time closedAt;                   //!< time of Normal/ErrorClose
    Socket::SocketErrno lastErrno {Socket::ERROR_NOTERROR}; //!< errno at the last failure
    uint64_t sent {0};                                      //!< DataSent total
    bool readOnEof {false};                                 //!< whether an EOF was read
    uint32_t sendCalls {0};                                 //!< send callbacks (free space)
    Time firstSendAt;                                       //!< time of the first one

  private:
    void
    Connected(Ptr<Socket>)
    {
        events.emplace_back("connected");
    }

    void
    Failed(Ptr<Socket> s)
    {
        events.emplace_back("failed");
        failedAt = Simulator::Now();
        lastErrno = s->GetErrno();
    }

    void
    Normal(Ptr<Socket>)
    {
        events.emplace_back("normal");
        closedAt = Simulator::Now();
    }

    void
    Error(Ptr<Socket> s)
    {
        events.emplace_back("error");
        closedAt = Simulator::Now();
        lastErrno = s->GetErrno();
    }

    void
    Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                if (!readOnEof)
                {
                    events.emplace_back("eof");
                }
                readOnEof = true;
                return;
            }
            received += Bytes(p);
        }
    }

    void
    Sent(Ptr<Socket>, uint32_t n)
    {
        sent += n;
    }

    void
    SendSpace(Ptr<Socket>, uint32_t)
    {
        if (sendCalls++ == 0)
        {
            firstSendAt = Simulator::Now();
        }
    }
};

/// \param ns3Timing the TcpSocketBaseCallbacks attribute \return a helper that sets it
FullTcpHelper
Timing(bool ns3Timing)
{
    FullTcpHelper helper;
    helper.SetSocketAttribute("TcpSocketBaseCallbacks", BooleanValue(ns3Timing));
    return helper;
}

/// \param ns3Timing the TcpSocketBaseCallbacks attribute \return its part of a test name
std::string
TimingName(bool ns3Timing)
{
    return ns3Timing ? ", TcpSocketBaseCallbacks on" : "";
}

/// A listener at port 80 of node 1 that records the accepted socket's callbacks.
class Server
{
  public:
    /// \param net the network \param ipv6 the family it listens on
    Server(const TwoNodes& net, bool ipv6) : listener(net.Socket(1))
    {
        listener->Bind(TwoNodes::AnyAddress(ipv6, 80));
        listener->SetAcceptCallback(MakeCallback(&Server::Request, this),
                                    MakeCallback(&Server::Accept, this));
        listener->Listen();
    }

    Ptr<Socket> listener;  //!< listening socket
    Ptr<Socket> conn;      //!< accepted socket
    Recorder rec;          //!< its callbacks
    bool refuse {false};   //!< the accept callback says no
    bool readData {true};  //!< the accepted socket reads what arrives
    uint32_t requests {0}; //!< accept callback calls

  private:
    bool
    Request(Ptr<Socket>, const Address&)
    {
        ++requests;
        return !refuse;
    }

    void
    Accept(Ptr<Socket> s, const Address&)
    {
        conn = s;
        rec.Watch(s);
        if (!readData)
        {
            s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        }
    }
};

/// A connect that succeeds fires ConnectionSucceeded once, and nothing else.
class ConnectSucceedsTestCase : public FamilyTestCase
{
  public:
    ConnectSucceedsTestCase(bool ipv6) :
        FamilyTestCase("connect succeeded -> ConnectionSucceeded only, ", ipv6)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Server server(net, m_ipv6);
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        int connectResult = -2;
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, m_ipv6, 80), &connectResult);
        RunFor(Seconds(2));
        NS_TEST_EXPECT_MSG_EQ(connectResult, 0, "connect");
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\n", "client events");
        NS_TEST_EXPECT_MSG_EQ(server.requests, 1, "accept callback asked once");
        NS_TEST_EXPECT_MSG_EQ((server.conn != nullptr), true, "NewConnectionCreated");
        Address peer;
        NS_TEST_EXPECT_MSG_EQ(server.conn->GetPeerName(peer), 0, "GetPeerName");
        Address local;
        c->GetSockName(local);
        NS_TEST_EXPECT_MSG_EQ((peer == local), true, "peer name is the client's name");
        DestroyAfterReleasing(c, server.conn, server.listener);
    }
};

/// Connect to a closed port: the RST|ACK fails the connect at once (ns-3 TCP takes 190 s).
class ConnectRefusedTestCase : public FamilyTestCase
{
  public:
    /// \param ipv6 the family \param ns3Timing TcpSocketBaseCallbacks
    ConnectRefusedTestCase(bool ipv6, bool ns3Timing = false) :
        FamilyTestCase("connect refused -> ConnectionFailed at once, ERROR_NOTCONN"
                           + TimingName(ns3Timing) + ", ",
                       ipv6),
        m_ns3Timing(ns3Timing)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net(Stacks::FULLTCP_BOTH, Timing(m_ns3Timing));
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(1), c, net.AddressOf(1, m_ipv6, 81));
        RunFor(Seconds(10));
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "failed\n", "client events");
        NS_TEST_EXPECT_MSG_EQ(rec.lastErrno, Socket::ERROR_NOTCONN, "errno");
        NS_TEST_EXPECT_MSG_LT(rec.failedAt, Seconds(1.1), "failed after one round trip");
        NS_TEST_EXPECT_MSG_EQ(net.Tcp(1)->GetUnmatchedSegments(), 1, "server saw one SYN");
        DestroyAfterReleasing(c);
    }

    bool m_ns3Timing; //!< TcpSocketBaseCallbacks
};

/// No answer at all: SYN retries (ConnCount) with backoff from ConnTimeout, then failure.
class ConnectTimesOutTestCase : public TestCase
{
  public:
    ConnectTimesOutTestCase() :
        TestCase("connect timed out -> ConnectionFailed after the SYN retries, ERROR_AGAIN")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        net.CutAt(1, Seconds(0));
        Ptr<Socket> c = net.Socket(0);
        c->SetAttribute("ConnCount", UintegerValue(2));
        c->SetAttribute("ConnTimeout", TimeValue(Seconds(1)));
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(1), c, net.AddressOf(1, false, 80));
        RunFor(Seconds(30));
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "failed\n", "client events");
        NS_TEST_EXPECT_MSG_EQ(rec.lastErrno, Socket::ERROR_AGAIN, "errno");
        // SYN at 1 s, again at 2 s and 4 s, give up at 8 s (RFC 6298 §5.5 backoff).
        NS_TEST_EXPECT_MSG_EQ(rec.failedAt, Seconds(8), "failed after 1 + 2 + 4 s");
        DestroyAfterReleasing(c);
    }
};

/// The listener's accept callback says no: the client is refused at once.
class AcceptRefusesTestCase : public TestCase
{
  public:
    AcceptRefusesTestCase() :
        TestCase("accept callback refuses -> client ConnectionFailed, listen drop counted")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Server server(net, false);
        server.refuse = true;
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, false, 80));
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "failed\n", "client events");
        NS_TEST_EXPECT_MSG_EQ((server.conn == nullptr), true, "no connection created");
        NS_TEST_EXPECT_MSG_EQ(
            net.Tcp(1)->GetListenDrops(FullTcpListenDrop::APPLICATION_REFUSED), 1, "drop counted");
        DestroyAfterReleasing(c, server.listener);
    }
};

/// The server closes with bytes it never read: RST; the client's ErrorClose fires.
class ResetTestCase : public TestCase
{
  public:
    /// \param ns3Timing TcpSocketBaseCallbacks
    ResetTestCase(bool ns3Timing) :
        TestCase("reset by the peer -> ErrorClose only, ERROR_NOTCONN; Send fails after"
                 + TimingName(ns3Timing)),
        m_ns3Timing(ns3Timing)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net(Stacks::FULLTCP_BOTH, Timing(m_ns3Timing));
        Server server(net, false);
        server.readData = false;
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, false, 80));
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                c->Send(PacketOf(Pattern(1000)));
                            });
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                server.conn->Close();
                            });
        int sendAfter = 0;
        Simulator::Schedule(Seconds(3),
                            [&]()
                            {
                                sendAfter = c->Send(PacketOf(Pattern(10)));
                            });
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\nerror\n", "client events");
        NS_TEST_EXPECT_MSG_EQ(rec.lastErrno, Socket::ERROR_NOTCONN, "errno of the reset");
        NS_TEST_EXPECT_MSG_EQ(sendAfter, -1, "send after reset");
        NS_TEST_EXPECT_MSG_EQ(c->GetErrno(), Socket::ERROR_NOTCONN, "errno of the send");
        NS_TEST_EXPECT_MSG_EQ(server.rec.Count("normal") + server.rec.Count("error"),
                              0,
                              "the closing server gets no close callback");
        DestroyAfterReleasing(c, server.conn, server.listener);
    }

    bool m_ns3Timing; //!< TcpSocketBaseCallbacks
};

/// The link dies under an open connection: data retries run out -> ErrorClose.
class DataTimeoutTestCase : public TestCase
{
  public:
    DataTimeoutTestCase() : TestCase("data retries exhausted -> ErrorClose only, ERROR_AGAIN") {}

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Server server(net, false);
        Ptr<Socket> c = net.Socket(0);
        c->SetAttribute("DataRetries", UintegerValue(3));
        c->SetAttribute("ConnTimeout", TimeValue(Seconds(1)));
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, false, 80));
        net.CutAt(1, Seconds(1));
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                c->Send(PacketOf(Pattern(1000)));
                            });
        RunFor(Seconds(60));
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\nerror\n", "client events");
        NS_TEST_EXPECT_MSG_EQ(rec.lastErrno, Socket::ERROR_AGAIN, "errno");
        // Sent at 2 s; retransmitted at 3, 5, 9 s (RTO 1 s doubling); gives up at 17 s.
        NS_TEST_EXPECT_MSG_EQ(rec.closedAt, Seconds(17), "gave up after 1 + 2 + 4 + 8 s");
        DestroyAfterReleasing(c, server.conn, server.listener);
    }
};

/// Half-close: the client sends a request and ShutdownSend(); the server reads EOF, then
/// answers for a while and closes. Each end sees EOF once and NormalClose once.
class HalfCloseTestCase : public FamilyTestCase
{
  public:
    HalfCloseTestCase(bool ipv6) :
        FamilyTestCase("half-close with data flowing the other way, then NormalClose on both "
                       "ends, ",
                       ipv6)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Server server(net, m_ipv6);
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, m_ipv6, 80));
        const std::string request = Pattern(1000, 1);
        const std::string answer = Pattern(20 * 5000, 2);
        int sendAfterShutdown = 0;
        Socket::SocketErrno shutdownErrno = Socket::ERROR_NOTERROR;
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                c->Send(PacketOf(request));
                                c->ShutdownSend();
                                sendAfterShutdown = c->Send(PacketOf("x"));
                                shutdownErrno = c->GetErrno();
                            });
        // The server answers in 20 chunks over 2 s after the client's EOF, then closes.
        for (int i = 0; i < 20; ++i)
        {
            Simulator::Schedule(Seconds(2) + MilliSeconds(100 * i),
                                [&, i]()
                                {
                                    server.conn->Send(PacketOf(answer.substr(i * 5000, 5000)));
                                });
        }
        Simulator::Schedule(Seconds(4.05),
                            [&]()
                            {
                                server.conn->Close();
                            });
        RunFor(Seconds(10));
        NS_TEST_EXPECT_MSG_EQ(sendAfterShutdown, -1, "send after ShutdownSend");
        NS_TEST_EXPECT_MSG_EQ(shutdownErrno, Socket::ERROR_SHUTDOWN, "its errno");
        NS_TEST_EXPECT_MSG_EQ((server.rec.received == request), true, "request bytes");
        NS_TEST_EXPECT_MSG_EQ((rec.received == answer), true, "answer bytes");
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\neof\nnormal\n", "client events");
        NS_TEST_EXPECT_MSG_EQ(server.rec.Log(), "eof\nnormal\n", "server events");
        NS_TEST_EXPECT_MSG_EQ(rec.sent, request.size(), "client DataSent");
        NS_TEST_EXPECT_MSG_EQ(server.rec.sent, answer.size(), "server DataSent");
        NS_TEST_EXPECT_MSG_GT(rec.closedAt, Seconds(4), "client closed after the answer");
        DestroyAfterReleasing(c, server.conn, server.listener);
    }
};

/// PacketSink calls ShutdownSend() on its listener: accepted sockets cannot send, and they
/// send their FIN when the client sends its own.
class ListenerShutdownInheritedTestCase : public TestCase
{
  public:
    ListenerShutdownInheritedTestCase() :
        TestCase("ShutdownSend on a listener is inherited by accepted sockets")
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net;
        Server server(net, false); // listens
        NS_TEST_EXPECT_MSG_EQ(
            server.listener->ShutdownSend(), 0, "ShutdownSend on a listener (PacketSink)");
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, false, 80));
        int childSend = 0;
        Socket::SocketErrno childErrno = Socket::ERROR_NOTERROR;
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                childSend = server.conn->Send(PacketOf("no"));
                                childErrno = server.conn->GetErrno();
                                c->Send(PacketOf(Pattern(3000)));
                                c->Close();
                            });
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(childSend, -1, "accepted socket cannot send");
        NS_TEST_EXPECT_MSG_EQ(childErrno, Socket::ERROR_SHUTDOWN, "errno");
        NS_TEST_EXPECT_MSG_EQ(server.rec.received.size(), 3000, "bytes");
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\nnormal\n", "client closed normally");
        NS_TEST_EXPECT_MSG_EQ(server.rec.Log(), "eof\nnormal\n", "server closed normally");
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<FullTcpSocket>(server.conn)->GetState(),
                              FullTcpState::CLOSED,
                              "server side fully closed (LAST_ACK -> CLOSED)");
        DestroyAfterReleasing(c, server.conn, server.listener);
    }
};

/// The client sends a request and closes; the server closes a second later. NormalClose
/// fires once on each end: on the server at the client's FIN with TcpSocketBaseCallbacks (as
/// ns-3's TcpSocketBase::DoPeerClose()), at the end without it; on the client, the active
/// closer, at TIME_WAIT either way (TcpSocketBase::TimeWait()). With it, the send callback
/// also follows the handshake on both ends (TcpSocketBase::ConnectionSucceeded(),
/// ProcessSynRcvd()).
class PeerFinTestCase : public TestCase
{
  public:
    /// \param ns3Timing TcpSocketBaseCallbacks
    PeerFinTestCase(bool ns3Timing) :
        TestCase(std::string("the peer's FIN -> NormalClose once, ")
                 + (ns3Timing ? "at the FIN with TcpSocketBaseCallbacks"
                              : "at the end without TcpSocketBaseCallbacks")),
        m_ns3Timing(ns3Timing)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net(Stacks::FULLTCP_BOTH, Timing(m_ns3Timing));
        Server server(net, false);
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, false, 80));
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                c->Send(PacketOf(Pattern(1000)));
                                c->Close();
                            });
        FullTcpState serverStateAtClose = FullTcpState::CLOSED;
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                serverStateAtClose =
                                    DynamicCast<FullTcpSocket>(server.conn)->GetState();
                                server.conn->Close();
                            });
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(server.rec.received.size(), 1000, "request read");
        NS_TEST_EXPECT_MSG_EQ(serverStateAtClose, FullTcpState::CLOSE_WAIT, "FIN in first");
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<FullTcpSocket>(server.conn)->GetState(),
                              FullTcpState::CLOSED,
                              "server closed (LAST_ACK -> CLOSED)");
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\nnormal\n", "client events");
        NS_TEST_EXPECT_MSG_GT(rec.closedAt, Seconds(2), "client: at TIME_WAIT, either way");
        if (m_ns3Timing)
        {
            // NormalClose first, as DoPeerClose() fires it; then Recv's end of stream.
            NS_TEST_EXPECT_MSG_EQ(server.rec.Log(), "normal\neof\n", "server events");
            NS_TEST_EXPECT_MSG_LT(server.rec.closedAt, Seconds(1.1), "server: at the FIN");
            NS_TEST_EXPECT_MSG_EQ(rec.sendCalls, 1, "client: send callback once");
            NS_TEST_EXPECT_MSG_LT(rec.firstSendAt, Seconds(1), "after the connect");
            NS_TEST_EXPECT_MSG_EQ(server.rec.sendCalls, 1, "server: send callback once");
            NS_TEST_EXPECT_MSG_LT(server.rec.firstSendAt, Seconds(1), "after the accept");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(server.rec.Log(), "eof\nnormal\n", "server events");
            NS_TEST_EXPECT_MSG_GT(server.rec.closedAt, Seconds(2), "server: at the end");
            // Space freed by an ACK only, and none is reported after Close().
            NS_TEST_EXPECT_MSG_EQ(rec.sendCalls, 0, "client: no send callback");
            NS_TEST_EXPECT_MSG_EQ(server.rec.sendCalls, 0, "server: no send callback");
        }
        DestroyAfterReleasing(c, server.conn, server.listener);
    }

    bool m_ns3Timing; //!< TcpSocketBaseCallbacks
};

/// With TcpSocketBaseCallbacks, a RST after the peer's FIN (the client half-closes, then
/// closes with bytes it never read): NormalClose came at the FIN, the RST is an ErrorClose
/// (ns-3's TcpSocketBase::ProcessWait() would report nothing; the reset is still an error).
class ResetAfterPeerFinTestCase : public TestCase
{
  public:
    /// \param endOfStream ResetAfterFinIsEndOfStream: EPIPE in CLOSE_WAIT (the Linux profile)
    ResetAfterPeerFinTestCase(bool endOfStream = false) :
        TestCase(std::string("TcpSocketBaseCallbacks on: RST after the peer's FIN -> ErrorClose "
                             "after NormalClose, never a second NormalClose")
                 + (endOfStream ? "; ResetAfterFinIsEndOfStream: ERROR_SHUTDOWN (tcp_reset() EPIPE)"
                                : "")),
        m_endOfStream(endOfStream)
    {
    }

  private:
    void
    DoRun() override
    {
        ChecksumScope checksums;
        TwoNodes net(Stacks::FULLTCP_BOTH, Timing(true));
        Server server(net, false);
        server.listener->SetAttribute("ResetAfterFinIsEndOfStream", BooleanValue(m_endOfStream));
        Ptr<Socket> c = net.Socket(0);
        Recorder rec;
        rec.Watch(c);
        c->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        ConnectAt(Seconds(0.1), c, net.AddressOf(1, false, 80));
        Simulator::Schedule(Seconds(1),
                            [&]()
                            {
                                c->Send(PacketOf(Pattern(1000)));
                                c->ShutdownSend();
                            });
        Simulator::Schedule(Seconds(1.5),
                            [&]()
                            {
                                server.conn->Send(PacketOf(Pattern(3000)));
                            });
        Simulator::Schedule(Seconds(2),
                            [&]()
                            {
                                c->Close(); // 3000 bytes unread: RST (RFC 2525 §2.17)
                            });
        RunFor(Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(server.rec.Log(), "normal\neof\nerror\n", "server events");
        NS_TEST_EXPECT_MSG_LT(server.rec.closedAt, Seconds(2.1), "ErrorClose at the RST");
        // The server was in CLOSE_WAIT: "connection reset" (RFC 9293 §3.10.7.4), or EPIPE
        // as Linux tcp_reset() sets there.
        NS_TEST_EXPECT_MSG_EQ(server.rec.lastErrno,
                              m_endOfStream ? Socket::ERROR_SHUTDOWN : Socket::ERROR_NOTCONN,
                              "errno");
        NS_TEST_EXPECT_MSG_EQ(rec.Log(), "connected\n", "the aborting client: no callback");
        DestroyAfterReleasing(c, server.conn, server.listener);
    }

    bool m_endOfStream; //!< ResetAfterFinIsEndOfStream
};

/// The suite.
class FullTcpCallbacksTestSuite : public TestSuite
{
  public:
    FullTcpCallbacksTestSuite() : TestSuite("fulltcp-callbacks", TestSuite::Type::SYSTEM)
    {
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new ConnectSucceedsTestCase(ipv6), FullTcpTestDuration::QUICK);
            AddTestCase(new ConnectRefusedTestCase(ipv6), FullTcpTestDuration::QUICK);
            AddTestCase(new HalfCloseTestCase(ipv6), FullTcpTestDuration::QUICK);
        }
        AddTestCase(new ConnectTimesOutTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new AcceptRefusesTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new DataTimeoutTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new ListenerShutdownInheritedTestCase(), FullTcpTestDuration::QUICK);
        for (bool ns3Timing : {false, true})
        {
            AddTestCase(new ResetTestCase(ns3Timing), FullTcpTestDuration::QUICK);
            AddTestCase(new PeerFinTestCase(ns3Timing), FullTcpTestDuration::QUICK);
        }
        AddTestCase(new ConnectRefusedTestCase(false, true), FullTcpTestDuration::QUICK);
        AddTestCase(new ResetAfterPeerFinTestCase(), FullTcpTestDuration::QUICK);
        AddTestCase(new ResetAfterPeerFinTestCase(true), FullTcpTestDuration::QUICK);
    }
};

FullTcpCallbacksTestSuite g_fullTcpCallbacksTestSuite; //!< registers the suite

} // namespace
