/*
 * Test: randomized lossy, duplicating, reordering link between two engines; exact streams
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Two engines back to back through a lossy in-memory link: random loss, duplication,
 * reordering (random delay per segment), random options, buffers, MSS, ISNs (some across
 * the 2^32 wrap), ACK and Nagle settings, and an application that writes and reads in random
 * chunks at random times. For every seed, both byte streams must arrive byte-exact, once and
 * in order, and both ends must close normally. No run is forgiven: an end that reports an
 * error fails the run unless the link explains it by counting (a timeout after at least as
 * many of its segments in a row were lost as its retry limit allows; a reset only after the
 * peer's explained timeout), and even then what was delivered is an exact prefix.
 */
#include "fulltcp-engine-data-fixture.h"

#include <cstdlib>
#include <map>
#include <memory>

namespace fulltcp_test
{
namespace
{

/// The random parameters of one run.
struct Scenario
{
    double loss {0};                //!< probability that a segment is dropped
    double duplicate {0};           //!< probability that a segment arrives twice
    Time delay;                     //!< one-way base delay
    Time jitter;                    //!< extra random delay per segment (reorders)
    Time readEvery;                 //!< how often the applications read
    std::optional<Time> linkDiesAt; //!< from then on every segment is lost
    uint32_t bytesAtoB {0};
    uint32_t bytesBtoA {0};
};

/// One end of the connection, with its application.
class End
{
  public:
    End(const char* name, const Time& clock) : name(name), out(clock), m_clock(clock) {}

    /// Create the connection (after cfg is set).
    void
    Create()
    {
        conn = std::make_unique<FullTcpConnection>(cfg, out);
        out.onEvent = [this](FullTcpAppEvent e)
        {
            OnEvent(e);
        };
    }

    /// Write as much as the send buffer takes; half-close when all is written.
    void
    Pump()
    {
        if (!conn || closedSending)
        {
            return;
        }
        const S st = conn->GetState();
        if (st != S::ESTABLISHED && st != S::CLOSE_WAIT && st != S::SYN_SENT && st != S::SYN_RCVD)
        {
            return;
        }
        const uint32_t room = conn->GetTxAvailable();
        const uint32_t chunk = std::min<uint32_t>({room,
                                                   static_cast<uint32_t>(toSend.size() - written),
                                                   static_cast<uint32_t>(1 + rng() % 20000)});
        if (chunk > 0)
        {
            ASSERT_EQ(conn->Send(Payload(toSend.substr(written, chunk)), m_clock), FullTcpError::OK)
                << name;
            written += chunk;
        }
        if (written == toSend.size() && st != S::SYN_SENT && st != S::SYN_RCVD)
        {
            closedSending = true;
            conn->ShutdownSend(m_clock);
        }
    }

    /// Read a random amount of what is readable.
    void
    Read()
    {
        if (!conn)
        {
            return;
        }
        const uint32_t n = rng() % 3 == 0 ? UINT32_MAX : static_cast<uint32_t>(1 + rng() % 30000);
        received += Bytes(conn->Receive(n, m_clock));
    }

    void
    OnEvent(FullTcpAppEvent e)
    {
        events.push_back(e);
        switch (e)
        {
        case E::CONNECTED:
        case E::SEND_SPACE:
            Pump();
            break;
        case E::DATA_ARRIVED:
            if (rng() % 2 == 0)
            {
                Read(); // sometimes at once, sometimes at the next read tick
            }
            break;
        case E::CONNECT_REFUSED:
        case E::CONNECT_TIMED_OUT:
        case E::RESET:
        case E::TIMED_OUT:
            error = true;
            break;
        default:
            break;
        }
    }

    /// \return whether this end has finished: closed (or in TIME_WAIT) with nothing unread
    bool
    Settled() const
    {
        const S st = conn ? conn->GetState() : S::CLOSED;
        return (st == S::CLOSED || st == S::TIME_WAIT) && (!conn || conn->GetRxAvailable() == 0);
    }

    /// \return whether this end is done: closed normally with everything read
    bool
    Done() const
    {
        return conn && Settled() && conn->IsPeerClosed() && !error;
    }

    const char* name;                        //!< for messages
    FullTcpConfig cfg;                       //!< configuration
    RecordingOutput out;                     //!< timers, segments, events
    std::unique_ptr<FullTcpConnection> conn; //!< the engine
    std::mt19937 rng;                        //!< the application's randomness
    std::string toSend;                      //!< the whole stream to send
    size_t written {0};                      //!< how much of it the engine took
    bool closedSending {false};              //!< ShutdownSend() called
    std::string received;                    //!< what the application read
    std::vector<FullTcpAppEvent> events;     //!< every event
    bool error {false};                      //!< an error event was reported
    uint32_t lostInARow {0};                 //!< its segments lost in a row, up to now
    uint32_t maxLostInARow {0};              //!< the longest such run

  private:
    const Time& m_clock;
};

/// The two ends and the link between them.
class LossyLink
{
  public:
    explicit LossyLink(uint32_t seed) : a("A", now), b("B", now), m_rng(seed)
    {
        a.rng.seed(seed * 7 + 1);
        b.rng.seed(seed * 7 + 2);
        s.loss = Pick({0.0, 0.01, 0.05, 0.1, 0.2});
        s.duplicate = Pick({0.0, 0.02, 0.1});
        s.delay = MilliSeconds(1 + m_rng() % 50);
        s.jitter = MilliSeconds(m_rng() % 40);
        s.readEvery = MilliSeconds(1 + m_rng() % 300);
        s.bytesAtoB = m_rng() % 120000;
        s.bytesBtoA = m_rng() % 60000;
        for (End* e : {&a, &b})
        {
            FullTcpConfig& c = e->cfg;
            c.mss = static_cast<uint16_t>(Pick({536, 1000, 1460}));
            c.sack = m_rng() % 2;
            c.timestamps = m_rng() % 2;
            c.windowScaling = m_rng() % 2;
            c.rcvBufSize = 2000 + m_rng() % 150000;
            c.sndBufSize = 2000 + m_rng() % 150000;
            c.noDelay = m_rng() % 2;
            c.delayedAckTimeout = MilliSeconds(Pick({0, 40, 200}));
            c.quickAcks = Pick({0, 16});
            c.minRto = MilliSeconds(Pick({200, 1000}));
            c.timestampOffset = m_rng();
        }
        a.toSend = RandomBytes(s.bytesAtoB);
        b.toSend = RandomBytes(s.bytesBtoA);
    }

    /// Run until both ends are done, one reports an error, or the time limit.
    void
    Run(Time limit)
    {
        a.Create();
        const uint32_t issA = m_rng() % 4 == 0 ? 0xffffffffu - m_rng() % 100000 : m_rng();
        ASSERT_EQ(a.conn->Connect(49152, 80, issA, now), FullTcpError::OK);
        a.Pump();
        Time nextRead = now + s.readEvery;
        while (now < limit && !(a.Settled() && b.Settled()))
        {
            Collect(a, b);
            Collect(b, a);
            std::optional<Time> next = nextRead;
            End* timerEnd = nullptr;
            uint32_t slot = 0;
            for (End* e : {&a, &b})
            {
                for (uint32_t i = 0; i < FullTcpTimer::Count(); ++i)
                {
                    if (e->out.timers[i] && *e->out.timers[i] < *next)
                    {
                        next = e->out.timers[i];
                        timerEnd = e;
                        slot = i;
                    }
                }
            }
            const bool flight = !m_inFlight.empty() && m_inFlight.begin()->first <= *next;
            if (flight)
            {
                now = m_inFlight.begin()->first;
                auto f = m_inFlight.begin()->second;
                m_inFlight.erase(m_inFlight.begin());
                Deliver(*f.to, f.header, f.payload);
            }
            else if (timerEnd)
            {
                now = *next;
                timerEnd->out.timers[slot].reset();
                timerEnd->conn->TimerExpired(FullTcpTimer::At(slot), now);
            }
            else
            {
                now = nextRead;
                nextRead = now + s.readEvery;
                for (End* e : {&a, &b})
                {
                    e->Read();
                    e->Pump();
                }
            }
        }
    }

    /// \return a description of the scenario, for failure messages
    std::string
    Describe() const
    {
        std::ostringstream os;
        os << "loss " << s.loss << " dup " << s.duplicate << " delay " << s.delay.As(Time::MS)
           << " jitter " << s.jitter.As(Time::MS) << " bytes " << s.bytesAtoB << "/" << s.bytesBtoA;
        for (const End* e : {&a, &b})
        {
            os << "; " << e->name << ": mss " << e->cfg.mss << " sack " << e->cfg.sack << " ts "
               << e->cfg.timestamps << " ws " << e->cfg.windowScaling << " rcvbuf "
               << e->cfg.rcvBufSize << " sndbuf " << e->cfg.sndBufSize << " nodelay "
               << e->cfg.noDelay << " state " << (e->conn ? e->conn->GetState() : S::CLOSED)
               << " read " << e->received.size();
            if (e->conn)
            {
                const FullTcpTcb& t = e->conn->GetTcb();
                os << " [una " << t.sndUna << " nxt " << t.sndNxt << " dataEnd " << t.DataEnd()
                   << " rtxNxt " << t.rtxNxt << " wnd " << t.sndWnd << " cwnd " << t.cc.cwnd
                   << " rec " << t.inRecovery << " recover " << t.recover << " rcvNxt " << t.rcvNxt
                   << " held " << t.reassembly.Size() << " rtx timer "
                   << (e->out.timers[0] ? *e->out.timers[0] : Seconds(-1)).As(Time::S) << "]";
            }
        }
        return os.str();
    }

    Time now {Seconds(1)}; //!< the clock
    Scenario s;            //!< the parameters
    End a;                 //!< the client
    End b;                 //!< the server (created by the first SYN)
    uint64_t segments {0}; //!< segments put on the link

  private:
    struct Flight
    {
        End* to;
        FullTcpHeader header;
        Ptr<Packet> payload;
    };

    template<typename V>
    V
    Pick(std::initializer_list<V> values)
    {
        return *(values.begin() + m_rng() % values.size());
    }

    std::string
    RandomBytes(uint32_t n)
    {
        std::string bytes(n, '\0');
        for (auto& c : bytes)
        {
            c = static_cast<char>(m_rng());
        }
        return bytes;
    }

    /// Put what `from` sent on the link: lost, delayed at random (reordered), duplicated.
    void
    Collect(End& from, End& to)
    {
        std::uniform_real_distribution<double> u(0, 1);
        for (const Sent& seg : from.out.sent)
        {
            ++segments;
            // RFC 9293 §3.7.1 (RFC 6691): options come out of the MSS, so no segment is
            // larger than what fits the path.
            const uint32_t optionBytes = seg.header.GetSerializedSize() - FullTcpHeader::MIN_SIZE;
            EXPECT_LE(seg.payload->GetSize() + optionBytes, std::min(from.cfg.mss, to.cfg.mss))
                << from.name << " oversized segment";
            const int copies = u(m_rng) < s.duplicate ? 2 : 1;
            bool through = false;
            for (int c = 0; c < copies; ++c)
            {
                if (u(m_rng) < s.loss || (s.linkDiesAt && now >= *s.linkDiesAt))
                {
                    continue;
                }
                through = true;
                const Time delay =
                    s.delay
                    + NanoSeconds(static_cast<int64_t>(u(m_rng) * s.jitter.GetNanoSeconds()));
                m_inFlight.insert({now + delay, Flight {&to, seg.header, seg.payload}});
            }
            from.lostInARow = through ? 0 : from.lostInARow + 1;
            from.maxLostInARow = std::max(from.maxLostInARow, from.lostInARow);
        }
        from.out.sent.clear();
    }

    /// A segment reaches an end: the server's first SYN creates its connection (a listener's
    /// fork), everything else goes to the connection of the 4-tuple.
    void
    Deliver(End& to, const FullTcpHeader& h, Ptr<Packet> payload)
    {
        if (!to.conn)
        {
            if (!h.HasFlags(H::SYN) || h.HasFlags(H::ACK))
            {
                return; // nothing listens for it yet: the RST would change nothing here
            }
            to.Create();
            ASSERT_EQ(to.conn->AcceptSyn(h, static_cast<uint32_t>(m_rng()), now), FullTcpError::OK);
            return;
        }
        to.conn->SegmentArrives(FullTcpSegmentIn(h, payload, now));
    }

    std::mt19937 m_rng;
    std::multimap<Time, Flight> m_inFlight;
};

/// \return how many seeds to run: FULLTCP_LOSSY_SEEDS from the environment (a soak test),
///         or the default
uint32_t
Seeds(uint32_t byDefault)
{
    const char* env = std::getenv("FULLTCP_LOSSY_SEEDS");
    return env ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10)) : byDefault;
}

TEST(LossyLink, EveryByteArrivesOnceInOrderOrAnErrorIsExplained)
{
    const uint32_t kSeeds = Seeds(300);
    uint32_t completed = 0;
    uint32_t explainedErrors = 0;
    uint64_t segments = 0;
    for (uint32_t seed = 1; seed <= kSeeds; ++seed)
    {
        LossyLink link(seed);
        link.Run(Seconds(3600));
        segments += link.segments;
        const std::string why = "seed " + std::to_string(seed) + ": " + link.Describe();
        for (const End* e : {&link.a, &link.b})
        {
            const End& peer = e == &link.a ? link.b : link.a;
            // Never silent corruption: what was read is exactly the start of what was sent.
            ASSERT_LE(e->received.size(), peer.toSend.size()) << e->name << " " << why;
            ASSERT_EQ(e->received, peer.toSend.substr(0, e->received.size()))
                << e->name << " read wrong bytes; " << why;
            for (const auto& t : e->out.illegal)
            {
                ADD_FAILURE() << e->name << " illegal transition " << t << "; " << why;
            }
        }
        // An error is a failure unless counting explains it: the retry limit reached only
        // with at least that many of the end's segments lost in a row.
        bool explained = true;
        for (const End* e : {&link.a, &link.b})
        {
            const End& peer = e == &link.a ? link.b : link.a;
            for (FullTcpAppEvent ev : e->events)
            {
                const bool timedOut = ev == E::TIMED_OUT || ev == E::CONNECT_TIMED_OUT;
                const uint32_t limit =
                    ev == E::CONNECT_TIMED_OUT ? e->cfg.synRetries : e->cfg.dataRetries;
                const bool peerTimedOut =
                    std::count(peer.events.begin(), peer.events.end(), E::TIMED_OUT) > 0
                    && peer.maxLostInARow >= peer.cfg.dataRetries;
                if ((timedOut && e->maxLostInARow < limit) || (ev == E::RESET && !peerTimedOut)
                    || ev == E::CONNECT_REFUSED)
                {
                    ADD_FAILURE() << e->name << " reported " << ev << " with at most "
                                  << e->maxLostInARow << " of its segments lost in a row; " << why;
                    explained = false;
                }
            }
        }
        if (link.a.error || link.b.error)
        {
            std::cout << "seed " << seed << ": an error explained by " << link.a.maxLostInARow
                      << "/" << link.b.maxLostInARow << " segments lost in a row\n";
            explainedErrors += explained ? 1 : 0;
            continue;
        }
        // No error: both streams complete, both ends closed normally.
        ASSERT_TRUE(link.a.Done() && link.b.Done()) << "stuck; " << why;
        EXPECT_EQ(link.a.received.size(), link.b.toSend.size()) << why;
        EXPECT_EQ(link.b.received.size(), link.a.toSend.size()) << why;
        ++completed;
    }
    EXPECT_EQ(completed + explainedErrors, kSeeds);
    std::cout << "lossy link: " << completed << " of " << kSeeds << " runs complete, "
              << explainedErrors << " ended by an explained error, " << segments << " segments\n";
}

TEST(LossyLink, ALinkThatDiesIsReportedNeverSilent)
{
    // The link fails for good at a random moment, with data in flight or not: each end whose
    // application was told of the connection either finished or reports an error (data
    // retries, zero-window probes or keepalive), and what it read is an exact prefix.
    const uint32_t kSeeds = Seeds(300) / 5;
    uint32_t errors = 0;
    for (uint32_t seed = 1001; seed < 1001 + kSeeds; ++seed)
    {
        LossyLink link(seed);
        link.s.linkDiesAt = link.now + MilliSeconds(200 + seed % 3000);
        for (End* e : {&link.a, &link.b})
        {
            e->cfg.keepAlive = true;
            e->cfg.keepAliveIdle = Seconds(10);
            e->cfg.keepAliveInterval = Seconds(1);
            e->cfg.keepAliveProbes = 3;
        }
        link.Run(Seconds(7200));
        const std::string why = "seed " + std::to_string(seed) + ": " + link.Describe();
        for (const End* e : {&link.a, &link.b})
        {
            const End& peer = e == &link.a ? link.b : link.a;
            ASSERT_EQ(e->received, peer.toSend.substr(0, e->received.size()))
                << e->name << " read wrong bytes; " << why;
            ASSERT_TRUE(e->Settled()) << e->name << " stuck; " << why;
            const bool told = !e->events.empty();
            EXPECT_TRUE(!told || e->error || e->Done()) << e->name << " silent; " << why;
            if (e->Done())
            {
                EXPECT_EQ(e->received.size(), peer.toSend.size()) << e->name << " " << why;
            }
            errors += e->error;
        }
    }
    EXPECT_GT(errors, 0u);
    std::cout << "dying link: " << errors << " ends reported an error\n";
}

} // namespace
} // namespace fulltcp_test
