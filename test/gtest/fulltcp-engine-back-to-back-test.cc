/*
 * Test: two engines back to back through the lifecycle, with a mini host (fork, demux, RST)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Two engines wired back to back in memory, through the whole lifecycle: both close
 * orders, simultaneous open and close, lost handshake and closing segments, TIME_WAIT reuse.
 * The small "host" here plays the glue's part: listener fork, demux, RST for segments that
 * reach nothing (FullTcpResetFor), timers fired in time order.
 */
#include "fulltcp-engine-fixture.h"

#include <map>

namespace fulltcp_test
{
namespace
{

/// One end: an optional listener, the current connection, what the application read.
class Host
{
  public:
    Host(const char* name, const Time& clock, uint16_t port, uint32_t childIss) :
        name(name), m_clock(clock), m_port(port), m_childIss(childIss)
    {
    }

    /// Passive open on our port.
    void
    Listen()
    {
        m_listener = std::make_unique<FullTcpConnection>(cfg, NewOutput());
        m_listenerOut = m_outputs.back().get();
        ASSERT_EQ(m_listener->Listen(m_port), FullTcpError::OK);
    }

    /// Active open to a port.
    void
    Connect(uint16_t remotePort, uint32_t iss)
    {
        NewConnection();
        ASSERT_EQ(conn->Connect(m_port, remotePort, iss, m_clock), FullTcpError::OK);
    }

    /// A segment from the wire: the connection, else the listener, else a RST.
    void
    Deliver(const FullTcpHeader& h, Ptr<Packet> p)
    {
        if (conn && conn->GetState() != S::CLOSED)
        {
            conn->SegmentArrives(FullTcpSegmentIn(h, p, m_clock));
        }
        else if (m_listener)
        {
            m_listener->SegmentArrives(FullTcpSegmentIn(h, p, m_clock));
        }
        else if (const auto rst = FullTcpResetFor(h, p->GetSize()))
        {
            m_unmatchedReplies.push_back(
                {*rst, Create<Packet>(), m_clock, false, 0, FullTcpEcnCodepoint::NOT_ECT});
        }
        ForkRequestedChildren();
    }

    /// Every output of this host, for its timers and segments.
    const std::vector<std::unique_ptr<RecordingOutput>>&
    Outputs() const
    {
        return m_outputs;
    }

    /// \return the connection an output belongs to
    FullTcpConnection*
    ConnectionOf(const RecordingOutput* o)
    {
        return o == m_listenerOut ? m_listener.get() : m_connections.at(o);
    }

    /// Replies to segments that matched nothing (sent by the "L4 protocol").
    std::deque<Sent>&
    UnmatchedReplies()
    {
        return m_unmatchedReplies;
    }

    /// \return the transitions of the current connection
    const std::vector<Transition>&
    Transitions() const
    {
        return connOut->transitions;
    }

    /// \return the application events of the current connection
    const std::vector<FullTcpAppEvent>&
    Events() const
    {
        return connOut->events;
    }

    /// Queue bytes; what the send buffer cannot take yet goes as space frees up.
    void
    Write(const std::string& bytes)
    {
        m_toWrite += bytes;
        Pump();
    }

    const char* name;                        //!< for messages
    FullTcpConfig cfg;                       //!< configuration of new connections
    std::unique_ptr<FullTcpConnection> conn; //!< the current connection
    RecordingOutput* connOut {nullptr};      //!< its output
    std::string received;                    //!< bytes the application read
    bool closeOnPeerClose {false};           //!< application closes on end of stream
    bool closeWhenWritten {false};           //!< application closes after its last write

  private:
    RecordingOutput&
    NewOutput()
    {
        m_outputs.push_back(std::make_unique<RecordingOutput>(m_clock));
        return *m_outputs.back();
    }

    void
    NewConnection()
    {
        if (conn)
        {
            m_retired.push_back(std::move(conn)); // the old one stays alive (no destruction
        }                                         // from inside a callback)
        conn = std::make_unique<FullTcpConnection>(cfg, NewOutput());
        connOut = m_outputs.back().get();
        m_connections[connOut] = conn.get();
        // The application: read everything on arrival, write more on space, close on EOF.
        connOut->onEvent = [this, c = conn.get()](FullTcpAppEvent e)
        {
            if (e == E::DATA_ARRIVED)
            {
                received += Bytes(c->Receive(UINT32_MAX, m_clock));
            }
            if (e == E::SEND_SPACE || e == E::CONNECTED)
            {
                Pump();
            }
            if (e == E::PEER_CLOSED && closeOnPeerClose)
            {
                c->Close(m_clock);
            }
        };
    }

    void
    Pump()
    {
        if (!conn || m_toWrite.empty())
        {
            return;
        }
        const uint32_t n = std::min<uint32_t>(conn->GetTxAvailable(), m_toWrite.size());
        if (n > 0 && conn->Send(Payload(m_toWrite.substr(0, n)), m_clock) == FullTcpError::OK)
        {
            m_toWrite.erase(0, n);
            if (m_toWrite.empty() && closeWhenWritten)
            {
                conn->Close(m_clock);
            }
        }
    }

    void
    ForkRequestedChildren()
    {
        std::vector<FullTcpConnectionRequest> requests;
        for (const auto& o : m_outputs)
        {
            requests.insert(requests.end(), o->requests.begin(), o->requests.end());
            o->requests.clear();
        }
        for (const auto& r : requests)
        {
            if (!m_listener)
            {
                continue;
            }
            NewConnection();
            ASSERT_EQ(conn->AcceptSyn(r.syn, r.reuseIss.value_or(m_childIss), m_clock),
                      FullTcpError::OK);
        }
    }

    const Time& m_clock;
    uint16_t m_port;
    uint32_t m_childIss;
    std::unique_ptr<FullTcpConnection> m_listener;
    RecordingOutput* m_listenerOut {nullptr};
    std::vector<std::unique_ptr<RecordingOutput>> m_outputs;
    std::map<const RecordingOutput*, FullTcpConnection*> m_connections;
    std::vector<std::unique_ptr<FullTcpConnection>> m_retired;
    std::deque<Sent> m_unmatchedReplies;
    std::string m_toWrite;
};

/// Two hosts and a link with a one-way delay and a drop rule.
class BackToBack : public ::testing::Test
{
  protected:
    static constexpr uint16_t kClientPort = 49152;
    static constexpr uint16_t kServerPort = 80;

    BackToBack()
    {
        for (Host* h : {&a, &b})
        {
            h->cfg.rcvBufSize = 8000;
            h->cfg.sndBufSize = 8000;
            h->cfg.mss = 1000;
        }
    }

    void
    TearDown() override
    {
        for (Host* h : {&a, &b})
        {
            for (const auto& o : h->Outputs())
            {
                for (const auto& t : o->illegal)
                {
                    ADD_FAILURE() << h->name << ": illegal transition " << t;
                }
            }
        }
    }

    /// Run the two ends until nothing is due before `until`.
    void
    RunUntil(Time until)
    {
        while (true)
        {
            CollectSegments();
            std::optional<Time> next;
            if (!m_inFlight.empty())
            {
                next = m_inFlight.begin()->first;
            }
            Host* timerHost = nullptr;
            RecordingOutput* timerOut = nullptr;
            uint32_t slot = 0;
            for (Host* h : {&a, &b})
            {
                for (const auto& o : h->Outputs())
                {
                    for (uint32_t i = 0; i < FullTcpTimer::Count(); ++i)
                    {
                        if (o->timers[i] && (!next || *o->timers[i] < *next))
                        {
                            next = o->timers[i];
                            timerHost = h;
                            timerOut = o.get();
                            slot = i;
                        }
                    }
                }
            }
            if (!next || *next > until)
            {
                now = std::max(now, until);
                return;
            }
            now = *next;
            if (timerOut)
            {
                timerOut->timers[slot].reset();
                timerHost->ConnectionOf(timerOut)->TimerExpired(FullTcpTimer::At(slot), now);
            }
            else
            {
                auto flight = m_inFlight.begin();
                Flight f = flight->second;
                m_inFlight.erase(flight);
                f.to->Deliver(f.header, f.payload);
            }
        }
    }

    /// Run for a duration.
    void
    RunFor(Time d)
    {
        RunUntil(now + d);
    }

    /// A segment in flight.
    struct Flight
    {
        Host* to;             //!< receiver
        FullTcpHeader header; //!< header
        Ptr<Packet> payload;  //!< bytes
    };

    void
    CollectSegments()
    {
        for (Host* from : {&a, &b})
        {
            Host* to = from == &a ? &b : &a;
            auto take = [&](std::deque<Sent>& q)
            {
                for (const Sent& s : q)
                {
                    wire.push_back(std::string(from->name) + " "
                                   + Describe(s.header, s.payload->GetSize()));
                    sentAt.push_back(s.at);
                    if (drop && drop(from, s.header, s.payload->GetSize()))
                    {
                        wire.back() += " (dropped)";
                        continue;
                    }
                    m_inFlight.insert({s.at + delay, Flight {to, s.header, s.payload}});
                }
                q.clear();
            };
            for (const auto& o : from->Outputs())
            {
                take(o->sent);
            }
            take(from->UnmatchedReplies());
        }
    }

    /// \return the wire log, one line per segment, for failure messages
    std::string
    Wire() const
    {
        std::string s;
        for (const auto& l : wire)
        {
            s += "\n  " + l;
        }
        return s;
    }

    Time now {Seconds(1)};
    Host a {"A", now, kClientPort, 0};
    Host b {"B", now, kServerPort, 900000};
    Time delay {MilliSeconds(10)};
    std::function<bool(Host* from, const FullTcpHeader&, uint32_t)> drop;
    std::vector<std::string> wire;
    std::vector<Time> sentAt; //!< when each segment of wire left

  private:
    std::multimap<Time, Flight> m_inFlight;
};

/// \return n deterministic, non-repeating-looking bytes
std::string
Pattern(size_t n, char seed)
{
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i)
    {
        s[i] = static_cast<char>(seed + i * 7 + i / 251);
    }
    return s;
}

TEST_F(BackToBack, FullLifecycleClientClosesFirst)
{
    b.Listen();
    b.closeOnPeerClose = true;
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(1));
    ASSERT_EQ(a.conn->GetState(), S::ESTABLISHED) << Wire();
    ASSERT_EQ(b.conn->GetState(), S::ESTABLISHED) << Wire();

    const std::string fromA = Pattern(20000, 'a');
    const std::string fromB = Pattern(15000, 'b');
    a.Write(fromA);
    b.Write(fromB);
    RunFor(Seconds(5));
    EXPECT_EQ(b.received, fromA);
    EXPECT_EQ(a.received, fromB);

    ASSERT_EQ(a.conn->Close(now), FullTcpError::OK);
    RunFor(Seconds(1));
    EXPECT_EQ(a.conn->GetState(), S::TIME_WAIT) << Wire();
    EXPECT_EQ(b.conn->GetState(), S::CLOSED) << Wire();
    RunFor(2 * a.cfg.msl);
    EXPECT_EQ(a.conn->GetState(), S::CLOSED);

    EXPECT_EQ(a.Transitions(),
              (std::vector<Transition> {{S::CLOSED, S::SYN_SENT, C::APP_CONNECT},
                                        {S::SYN_SENT, S::ESTABLISHED, C::RCV_SYN_ACK},
                                        {S::ESTABLISHED, S::FIN_WAIT_1, C::APP_CLOSE},
                                        {S::FIN_WAIT_1, S::FIN_WAIT_2, C::RCV_ACK_OF_FIN},
                                        {S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN},
                                        {S::TIME_WAIT, S::CLOSED, C::TIMEOUT_2MSL}}))
        << Wire();
    EXPECT_EQ(b.Transitions(),
              (std::vector<Transition> {{S::LISTEN, S::SYN_RCVD, C::RCV_SYN},
                                        {S::SYN_RCVD, S::ESTABLISHED, C::RCV_ACK_OF_SYN},
                                        {S::ESTABLISHED, S::CLOSE_WAIT, C::RCV_FIN},
                                        {S::CLOSE_WAIT, S::LAST_ACK, C::APP_CLOSE},
                                        {S::LAST_ACK, S::CLOSED, C::RCV_ACK_OF_FIN}}))
        << Wire();
    EXPECT_EQ(a.Events().front(), E::CONNECTED);
    EXPECT_EQ(a.Events().back(), E::CLOSED);
    EXPECT_EQ(b.Events().back(), E::CLOSED);
}

TEST_F(BackToBack, FullLifecycleServerClosesFirst)
{
    b.Listen();
    a.closeOnPeerClose = true;
    b.closeWhenWritten = true; // the server writes its answer and closes
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(1));
    const std::string answer = Pattern(12345, 'z');
    b.Write(answer);
    RunFor(Seconds(5));
    EXPECT_EQ(a.received, answer);
    EXPECT_EQ(a.conn->GetState(), S::CLOSED) << Wire();
    EXPECT_EQ(b.conn->GetState(), S::TIME_WAIT) << Wire();
    EXPECT_EQ(a.Transitions().back(), (Transition {S::LAST_ACK, S::CLOSED, C::RCV_ACK_OF_FIN}));
    EXPECT_EQ(b.Transitions().back(), (Transition {S::FIN_WAIT_2, S::TIME_WAIT, C::RCV_FIN}))
        << Wire();
}

TEST_F(BackToBack, SimultaneousOpenEstablishesBothEnds)
{
    // Both ends connect to each other at the same instant; the SYNs cross.
    a.Connect(kServerPort, 1000);
    b.Connect(kClientPort, 7000);
    RunFor(Seconds(1));
    ASSERT_EQ(a.conn->GetState(), S::ESTABLISHED) << Wire();
    ASSERT_EQ(b.conn->GetState(), S::ESTABLISHED) << Wire();
    for (Host* h : {&a, &b})
    {
        EXPECT_EQ(h->Transitions(),
                  (std::vector<Transition> {{S::CLOSED, S::SYN_SENT, C::APP_CONNECT},
                                            {S::SYN_SENT, S::SYN_RCVD, C::RCV_SYN},
                                            {S::SYN_RCVD, S::ESTABLISHED, C::RCV_SYN_ACK}}))
            << h->name << Wire();
        EXPECT_EQ(h->Events(), (std::vector<E> {E::CONNECTED}));
    }
    a.Write("ping");
    b.Write("pong");
    RunFor(Seconds(1));
    EXPECT_EQ(b.received, "ping");
    EXPECT_EQ(a.received, "pong");
}

TEST_F(BackToBack, SimultaneousOpenWithOneSynAckLostStillCompletes)
{
    bool dropped = false;
    drop = [&](Host* from, const FullTcpHeader& h, uint32_t)
    {
        if (from == &a && h.HasFlags(H::SYN | H::ACK) && !dropped)
        {
            dropped = true;
            return true;
        }
        return false;
    };
    a.Connect(kServerPort, 1000);
    b.Connect(kClientPort, 7000);
    RunFor(Seconds(3));
    EXPECT_TRUE(dropped);
    EXPECT_EQ(a.conn->GetState(), S::ESTABLISHED) << Wire();
    EXPECT_EQ(b.conn->GetState(), S::ESTABLISHED) << Wire();
}

TEST_F(BackToBack, SimultaneousCloseBothEndsHoldTimeWait)
{
    b.Listen();
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(1));
    ASSERT_EQ(a.conn->Close(now), FullTcpError::OK);
    ASSERT_EQ(b.conn->Close(now), FullTcpError::OK);
    RunFor(Seconds(1));
    for (Host* h : {&a, &b})
    {
        EXPECT_EQ(h->conn->GetState(), S::TIME_WAIT) << h->name << Wire();
        const auto& t = h->Transitions();
        ASSERT_GE(t.size(), 3u);
        EXPECT_EQ(t[t.size() - 3], (Transition {S::ESTABLISHED, S::FIN_WAIT_1, C::APP_CLOSE}));
        EXPECT_EQ(t[t.size() - 2], (Transition {S::FIN_WAIT_1, S::CLOSING, C::RCV_FIN}));
        EXPECT_EQ(t[t.size() - 1], (Transition {S::CLOSING, S::TIME_WAIT, C::RCV_ACK_OF_FIN}));
        EXPECT_EQ(h->Events().back(), E::CLOSED);
    }
    RunFor(2 * a.cfg.msl);
    EXPECT_EQ(a.conn->GetState(), S::CLOSED);
    EXPECT_EQ(b.conn->GetState(), S::CLOSED);
}

TEST_F(BackToBack, SynLostConnectCompletesAfterOneRto)
{
    bool dropped = false;
    drop = [&](Host* from, const FullTcpHeader& h, uint32_t)
    {
        if (from == &a && h.HasFlags(H::SYN) && !dropped)
        {
            dropped = true;
            return true;
        }
        return false;
    };
    b.Listen();
    const Time start = now;
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(2));
    EXPECT_EQ(a.conn->GetState(), S::ESTABLISHED) << Wire();
    ASSERT_EQ(a.connOut->transitions.size(), 2u);
    // The retransmitted SYN left one initial RTO (1 s, RFC 6298 §2.1) after the first;
    // the SYN-ACK came back one round trip later.
    ASSERT_EQ(wire.size(), 4u) << Wire();
    EXPECT_EQ(b.conn->GetState(), S::ESTABLISHED);
    EXPECT_EQ(sentAt[0], start) << Wire();
    EXPECT_EQ(sentAt[1], start + Seconds(1)) << Wire();
    EXPECT_EQ(sentAt[2], sentAt[1] + delay) << Wire();
}

TEST_F(BackToBack, ThirdAckLostRetransmittedSynAckCompletesTheServer)
{
    bool dropped = false;
    drop = [&](Host* from, const FullTcpHeader& h, uint32_t len)
    {
        if (from == &a && !h.HasFlags(H::SYN) && len == 0 && !dropped)
        {
            dropped = true; // the third ACK
            return true;
        }
        return false;
    };
    b.Listen();
    a.Connect(kServerPort, 1000);
    RunFor(MilliSeconds(500));
    EXPECT_EQ(a.conn->GetState(), S::ESTABLISHED);
    EXPECT_EQ(b.conn->GetState(), S::SYN_RCVD);
    RunFor(Seconds(1));
    EXPECT_EQ(b.conn->GetState(), S::ESTABLISHED) << Wire();
}

TEST_F(BackToBack, ThirdAckLostFirstDataCompletesTheServer)
{
    bool dropped = false;
    drop = [&](Host* from, const FullTcpHeader& h, uint32_t len)
    {
        if (from == &a && !h.HasFlags(H::SYN) && len == 0 && !dropped)
        {
            dropped = true;
            return true;
        }
        return false;
    };
    b.Listen();
    a.Connect(kServerPort, 1000);
    a.Write("GET /");
    RunFor(MilliSeconds(100));
    EXPECT_EQ(b.conn->GetState(), S::ESTABLISHED) << Wire();
    EXPECT_EQ(b.received, "GET /");
}

TEST_F(BackToBack, LastAckLostTimeWaitReAcksTheRetransmittedFin)
{
    b.Listen();
    b.closeOnPeerClose = true;
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(1));
    int acksOfFin = 0;
    drop = [&](Host* from, const FullTcpHeader& h, uint32_t)
    {
        // A's first ACK of B's FIN is lost.
        if (from == &a && a.conn->GetState() == S::TIME_WAIT && h.HasFlags(H::ACK)
            && !h.HasFlags(H::FIN) && acksOfFin++ == 0)
        {
            return true;
        }
        return false;
    };
    ASSERT_EQ(a.conn->Close(now), FullTcpError::OK);
    RunFor(MilliSeconds(100));
    ASSERT_EQ(a.conn->GetState(), S::TIME_WAIT) << Wire();
    ASSERT_EQ(b.conn->GetState(), S::LAST_ACK) << Wire();
    const Time lingerBefore = a.connOut->Timer(T::LINGER).value();
    RunFor(Seconds(2)); // B's FIN comes again after its RTO and is re-ACKed
    EXPECT_EQ(b.conn->GetState(), S::CLOSED) << Wire();
    EXPECT_EQ(acksOfFin, 2);
    EXPECT_EQ(a.conn->GetState(), S::TIME_WAIT);
    EXPECT_GT(a.connOut->Timer(T::LINGER).value(), lingerBefore); // 2·MSL restarted
    EXPECT_EQ(b.Events().back(), E::CLOSED);
}

TEST_F(BackToBack, ConnectToAClosedPortIsRefusedAtOnce)
{
    const Time start = now;
    a.Connect(kServerPort, 1000); // nobody listens on B
    RunFor(Seconds(1));
    EXPECT_EQ(a.conn->GetState(), S::CLOSED) << Wire();
    EXPECT_EQ(a.Events(), (std::vector<E> {E::CONNECT_REFUSED}));
    EXPECT_EQ(a.Transitions().back().to, S::CLOSED);
    // One round trip, not minutes of SYN retries: the RST answers the SYN on its arrival.
    ASSERT_EQ(wire.size(), 2u) << Wire();
    EXPECT_EQ(sentAt[0], start) << Wire();
    EXPECT_EQ(sentAt[1], start + delay) << Wire();
}

TEST_F(BackToBack, HalfCloseWithDataFlowingTheOtherWay)
{
    b.Listen();
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(1));
    ASSERT_EQ(a.conn->ShutdownSend(now), FullTcpError::OK);
    RunFor(Seconds(1));
    EXPECT_EQ(a.conn->GetState(), S::FIN_WAIT_2);
    EXPECT_EQ(b.conn->GetState(), S::CLOSE_WAIT);
    const std::string reply = Pattern(30000, 'r');
    b.closeWhenWritten = true;
    b.Write(reply);
    RunFor(Seconds(5));
    EXPECT_EQ(a.received, reply);
    EXPECT_EQ(a.conn->GetState(), S::TIME_WAIT) << Wire();
    EXPECT_EQ(b.conn->GetState(), S::CLOSED);
}

TEST_F(BackToBack, SequenceNumbersWrapAroundWithoutHarm)
{
    b.Listen();
    b.closeOnPeerClose = true;
    a.Connect(kServerPort, 0xffffff00u);
    RunFor(Seconds(1));
    const std::string data = Pattern(5000, 'w');
    a.closeWhenWritten = true;
    a.Write(data);
    RunFor(Seconds(2));
    EXPECT_EQ(b.received, data);
    EXPECT_EQ(a.conn->GetState(), S::TIME_WAIT) << Wire();
}

TEST_F(BackToBack, TimeWaitIsReusedByANewSynThroughTheListener)
{
    b.Listen();
    a.closeOnPeerClose = true;
    a.Connect(kServerPort, 1000);
    RunFor(Seconds(1));
    ASSERT_EQ(b.conn->Close(now), FullTcpError::OK); // the server closes first
    RunFor(Seconds(1));
    ASSERT_EQ(b.conn->GetState(), S::TIME_WAIT) << Wire();
    ASSERT_EQ(a.conn->GetState(), S::CLOSED);
    const uint32_t oldSndNxt = b.conn->GetTcb().snd.ToWire(b.conn->GetTcb().sndNxt);
    // Same 4-tuple, a higher ISN: the TIME_WAIT incarnation gives way.
    a.Connect(kServerPort, 50000);
    RunFor(Seconds(1));
    EXPECT_EQ(a.conn->GetState(), S::ESTABLISHED) << Wire();
    EXPECT_EQ(b.conn->GetState(), S::ESTABLISHED) << Wire();
    EXPECT_EQ(b.conn->GetTcb().snd.ToWire(0), oldSndNxt + 65537);
}

} // namespace
} // namespace fulltcp_test
