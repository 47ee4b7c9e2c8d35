/*
 * Test: engine fixture: recording output, segment builder, clock, state driver, engine pair
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Shared fixture of the engine tests: a recording output, a segment builder used both to
 * inject segments and to state the exact reply expected, a clock that fires due timers, a
 * driver into every state, and two engines wired back to back in memory.
 */
#ifndef FULLTCP_ENGINE_FIXTURE_H
#define FULLTCP_ENGINE_FIXTURE_H

#include "ns3/fulltcp-connection.h"
#include "ns3/fulltcp-rst-rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fulltcp_test
{

using namespace ns3;
using H = FullTcpHeader;
using S = FullTcpState;
using C = FullTcpStateCause;
using E = FullTcpAppEvent;
using D = FullTcpDropReason;
using T = FullTcpTimer;

/// One state transition as reported by the engine.
struct Transition
{
    FullTcpState from;       //!< old state
    FullTcpState to;         //!< new state
    FullTcpStateCause cause; //!< why

    bool
    operator==(const Transition& o) const
    {
        return from == o.from && to == o.to && cause == o.cause;
    }
};

inline std::ostream&
operator<<(std::ostream& os, const Transition& t)
{
    return os << t.from << "->" << t.to << "(" << t.cause << ")";
}

/// One segment the engine sent: its FullTcpSegmentOut, copied.
struct Sent
{
    FullTcpHeader header;    //!< as built by the engine
    Ptr<Packet> payload;     //!< its bytes
    Time at;                 //!< when
    bool retransmission;     //!< FullTcpSegmentOut::retransmission
    uint32_t newDataBytes;   //!< FullTcpSegmentOut::newDataBytes
    FullTcpEcnCodepoint ecn; //!< FullTcpSegmentOut::ecn
};

/// \return the payload's bytes as a string
inline std::string
Bytes(Ptr<const Packet> p)
{
    std::string s(p ? p->GetSize() : 0, '\0');
    if (!s.empty())
    {
        p->CopyData(reinterpret_cast<uint8_t*>(s.data()), s.size());
    }
    return s;
}

/// \return a packet holding the string's bytes
inline Ptr<Packet>
Payload(const std::string& s)
{
    return Create<Packet>(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

/// \return the header printed as tcpdump would, with its payload length
inline std::string
Describe(const FullTcpHeader& h, uint32_t payloadSize)
{
    std::ostringstream os;
    h.Print(os);
    os << " len " << payloadSize;
    return os.str();
}

/**
 * The engine's world as a recorder: every segment, timer, event, transition, connection
 * request, drop and illegal transition, in order.
 */
class RecordingOutput : public FullTcpConnectionOutput
{
  public:
    /// \param clock the test's clock (read when a timer is armed or a segment sent)
    explicit RecordingOutput(const Time& clock) : m_clock(clock) {}

    void
    SendSegment(const FullTcpSegmentOut& s) override
    {
        EXPECT_TRUE(s.payload) << "payload must never be null";
        sent.push_back({s.header, s.payload, m_clock, s.retransmission, s.newDataBytes, s.ecn});
    }

    void
    ArmTimer(FullTcpTimer timer, Time delay) override
    {
        EXPECT_TRUE(delay.IsPositive()) << timer << " armed with a negative delay";
        timers[timer.Index()] = m_clock + delay;
    }

    void
    CancelTimer(FullTcpTimer timer) override
    {
        EXPECT_TRUE(timers[timer.Index()]) << timer << " cancelled while idle";
        timers[timer.Index()].reset();
    }

    void
    NotifyApplication(FullTcpAppEvent event) override
    {
        events.push_back(event);
        if (onEvent)
        {
            onEvent(event);
        }
    }

    void
    StateChanged(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override
    {
        transitions.push_back({from, to, cause});
    }

    void
    ConnectionRequest(const FullTcpConnectionRequest& request) override
    {
        requests.push_back(request);
    }

    bool
    MayEstablish() override
    {
        ++mayEstablishAsked;
        return mayEstablish;
    }

    bool
    HasListener() override
    {
        return hasListener;
    }

    void
    SegmentDropped(const FullTcpHeader&, FullTcpDropReason reason) override
    {
        drops.push_back(reason);
    }

    void
    IllegalTransition(FullTcpState from, FullTcpState to, FullTcpStateCause cause) override
    {
        illegal.push_back({from, to, cause});
    }

    void
    RecoveryEvent(const FullTcpRecoveryEvent& event) override
    {
        recoveryEvents.push_back(event);
    }

    void
    EcnEvent(FullTcpEcnEvent event, uint32_t seq) override
    {
        ecnEvents.emplace_back(event, seq);
    }

    void
    FastOpenLearned(const FullTcpFastOpenLearned& l) override
    {
        learned.push_back(l);
    }

    /// \return the armed expiry of a slot, if any
    std::optional<Time>
    Timer(FullTcpTimer t) const
    {
        return timers[t.Index()];
    }

    /// Forget what was recorded (timers stay: they are state, not history).
    void
    ClearHistory()
    {
        sent.clear();
        events.clear();
        transitions.clear();
        requests.clear();
        drops.clear();
        recoveryEvents.clear();
        ecnEvents.clear();
    }

    std::deque<Sent> sent;                                          //!< segments
    std::array<std::optional<Time>, FullTcpTimer::CAPACITY> timers; //!< armed expiries
    std::vector<FullTcpAppEvent> events;                            //!< application events
    std::vector<Transition> transitions;                            //!< state changes
    std::vector<FullTcpConnectionRequest> requests;                 //!< SYNs for listeners
    std::vector<FullTcpDropReason> drops;                           //!< drop reasons
    std::vector<Transition> illegal;                                //!< must stay empty
    std::vector<FullTcpRecoveryEvent> recoveryEvents;               //!< loss recovery's reports
    std::vector<std::pair<FullTcpEcnEvent, uint32_t>> ecnEvents;    //!< EcnEvent() calls
    std::vector<FullTcpFastOpenLearned> learned;                    //!< FastOpenLearned() calls
    std::function<void(FullTcpAppEvent)> onEvent;                   //!< application behaviour
    bool mayEstablish {true};       //!< MayEstablish()'s answer (false: accept queue full)
    uint32_t mayEstablishAsked {0}; //!< MayEstablish() calls
    bool hasListener {true};        //!< HasListener()'s answer (false: the port has none)

  private:
    const Time& m_clock;
};

/**
 * A segment: to inject (from the peer) or to expect (from the engine). Unset optional
 * fields are "don't care" in expectations and defaults when injecting.
 */
struct Seg
{
    uint8_t flags {0};                  //!< exact flag byte
    uint32_t seq {0};                   //!< sequence number
    uint32_t ack {0};                   //!< acknowledgment number (with ACK)
    std::optional<uint16_t> win;        //!< window field
    std::optional<FullTcpOptions> opts; //!< exact options (unset: don't care / none)
    std::string data;                   //!< payload bytes
    /// IP fields it arrives with (FullTcpSegmentIn)
    FullTcpEcnCodepoint ecn {FullTcpEcnCodepoint::NOT_ECT};
    uint8_t ttl {64}; //!< IPv4 TTL / IPv6 hop limit it arrives with

    Seg&
    Seq(uint32_t v)
    {
        seq = v;
        return *this;
    }

    Seg&
    Ack(uint32_t v)
    {
        ack = v;
        return *this;
    }

    Seg&
    Win(uint16_t v)
    {
        win = v;
        return *this;
    }

    Seg&
    Data(const std::string& d)
    {
        data = d;
        return *this;
    }

    /// Arrive with this ECN codepoint and TTL in the IP header.
    Seg&
    Ip(FullTcpEcnCodepoint e, uint8_t t)
    {
        ecn = e;
        ttl = t;
        return *this;
    }

    /// No options at all (for expectations: assert that none were sent).
    Seg&
    NoOptions()
    {
        opts = FullTcpOptions();
        return *this;
    }

    Seg&
    Mss(uint16_t v)
    {
        Opts().SetMss(v);
        return *this;
    }

    Seg&
    Ws(uint8_t v)
    {
        Opts().SetWindowScale(v);
        return *this;
    }

    Seg&
    SackOk()
    {
        Opts().SetSackPermitted(true);
        return *this;
    }

    Seg&
    Ts(uint32_t val, uint32_t ecr)
    {
        Opts().SetTimestamp(val, ecr);
        return *this;
    }

    FullTcpOptions&
    Opts()
    {
        if (!opts)
        {
            opts = FullTcpOptions();
        }
        return *opts;
    }
};

/// \param flags the exact flag bits \return a segment spec
inline Seg
Flags(uint8_t flags)
{
    Seg s;
    s.flags = flags;
    return s;
}

/**
 * \return whether the sent segment is exactly the expected one: flags, seq, ack (when ACK
 * is set), window and options when specified, payload bytes always; ports swapped as given.
 */
inline ::testing::AssertionResult
SegmentMatches(const Sent& got, const Seg& want, uint16_t srcPort, uint16_t dstPort)
{
    const FullTcpHeader& h = got.header;
    std::ostringstream why;
    if (h.GetFlags() != want.flags)
    {
        why << "flags " << H::FlagsToString(h.GetFlags()) << " != " << H::FlagsToString(want.flags)
            << "; ";
    }
    if (h.GetSequenceNumber() != want.seq)
    {
        why << "seq " << h.GetSequenceNumber() << " != " << want.seq << "; ";
    }
    if ((want.flags & H::ACK) != 0 && h.GetAckNumber() != want.ack)
    {
        why << "ack " << h.GetAckNumber() << " != " << want.ack << "; ";
    }
    if (want.win && h.GetWindow() != *want.win)
    {
        why << "win " << h.GetWindow() << " != " << *want.win << "; ";
    }
    if (want.opts && !(h.GetOptions() == *want.opts))
    {
        std::ostringstream w;
        want.opts->Print(w);
        why << "options differ, want <" << w.str() << ">; ";
    }
    if (Bytes(got.payload) != want.data)
    {
        why << "payload \"" << Bytes(got.payload) << "\" != \"" << want.data << "\"; ";
    }
    if (h.GetSourcePort() != srcPort || h.GetDestinationPort() != dstPort)
    {
        why << "ports " << h.GetSourcePort() << ">" << h.GetDestinationPort() << "; ";
    }
    if (why.str().empty())
    {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
        << why.str() << "got: " << Describe(h, got.payload->GetSize());
}

/**
 * The base fixture: one connection under test with a fixed ISS, talking to a scripted peer
 * with a fixed IRS. Options are off unless a test turns them on, so that windows and
 * lengths are simple numbers; buffers are small so that windows are distinctive.
 */
class EngineTest : public ::testing::Test
{
  public:
    static constexpr uint32_t kIss = 1000;        //!< our ISS
    static constexpr uint32_t kIrs = 5000;        //!< the peer's ISS
    static constexpr uint16_t kLocalPort = 49152; //!< our port
    static constexpr uint16_t kRemotePort = 80;   //!< the peer's port
    static constexpr uint16_t kPeerMss = 1000;    //!< MSS the peer announces
    static constexpr uint16_t kPeerWin = 20000;   //!< window the peer announces
    static constexpr uint32_t kBuf = 8000;        //!< our buffers (window = free space)

  protected:
    EngineTest()
    {
        cfg.timestamps = false;
        cfg.windowScaling = false;
        cfg.sack = false;
        cfg.rcvBufSize = kBuf;
        cfg.sndBufSize = kBuf;
    }

    void
    TearDown() override
    {
        for (const auto& t : out.illegal)
        {
            ADD_FAILURE() << "illegal transition " << t;
        }
    }

    /// \return the connection under test, created with cfg on first use
    FullTcpConnection&
    Conn()
    {
        if (!m_conn)
        {
            m_conn = std::make_unique<FullTcpConnection>(cfg, out);
        }
        return *m_conn;
    }

    /// Replace the connection under test by a fresh one (same cfg), with a clean output.
    void
    Restart()
    {
        m_conn.reset();
        out.ClearHistory();
        out.timers = {};
    }

    /// \return the state of the connection under test
    FullTcpState
    State()
    {
        return Conn().GetState();
    }

    /// \return the header of a segment from the peer to us
    FullTcpHeader
    MakeHeader(const Seg& s) const
    {
        FullTcpHeader h;
        h.SetSourcePort(kRemotePort);
        h.SetDestinationPort(kLocalPort);
        h.SetFlags(s.flags);
        h.SetSequenceNumber(s.seq);
        h.SetAckNumber(s.ack);
        h.SetWindow(s.win.value_or(kPeerWin));
        if (s.opts)
        {
            h.Options() = *s.opts;
        }
        return h;
    }

    /// Deliver a segment from the peer now.
    void
    Inject(const Seg& s)
    {
        const FullTcpHeader h = MakeHeader(s);
        Conn().SegmentArrives(FullTcpSegmentIn(h, Payload(s.data), now, s.ecn, s.ttl));
    }

    /// \return success when the next segment sent is exactly want (and consume it)
    ::testing::AssertionResult
    NextSent(const Seg& want)
    {
        if (out.sent.empty())
        {
            return ::testing::AssertionFailure() << "nothing was sent";
        }
        const Sent got = out.sent.front();
        out.sent.pop_front();
        return SegmentMatches(got, want, kLocalPort, kRemotePort);
    }

    /// \return success when no segment is waiting
    ::testing::AssertionResult
    NothingSent()
    {
        if (out.sent.empty())
        {
            return ::testing::AssertionSuccess();
        }
        std::ostringstream os;
        for (const auto& s : out.sent)
        {
            os << "\n  " << Describe(s.header, s.payload->GetSize());
        }
        return ::testing::AssertionFailure() << out.sent.size() << " segment(s) sent:" << os.str();
    }

    /// Move the clock forward by d, firing every timer that falls due, in time order.
    void
    Advance(Time d)
    {
        const Time until = now + d;
        while (true)
        {
            std::optional<Time> next;
            uint32_t slot = 0;
            for (uint32_t i = 0; i < FullTcpTimer::Count(); ++i)
            {
                if (out.timers[i] && *out.timers[i] <= until && (!next || *out.timers[i] < *next))
                {
                    next = out.timers[i];
                    slot = i;
                }
            }
            if (!next)
            {
                break;
            }
            now = *next;
            out.timers[slot].reset();
            Conn().TimerExpired(FullTcpTimer::At(slot), now);
        }
        now = until;
    }

    /// \return everything readable, as a string
    std::string
    ReadAll()
    {
        return Bytes(Conn().Receive(UINT32_MAX, now));
    }

    /// \return whether the event was reported
    bool
    Saw(FullTcpAppEvent e) const
    {
        return std::find(out.events.begin(), out.events.end(), e) != out.events.end();
    }

    /// \return whether the drop reason was reported
    bool
    Dropped(FullTcpDropReason r) const
    {
        return std::find(out.drops.begin(), out.drops.end(), r) != out.drops.end();
    }

  public:
    // ------------------------------------------------------------------ state drivers
    // Each ends with empty history, so a test sees only what its own input caused.

    /// CLOSED → SYN_SENT: our SYN <SEQ=ISS> is out.
    void
    DriveToSynSent()
    {
        ASSERT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::OK);
        ASSERT_EQ(State(), S::SYN_SENT);
        out.ClearHistory();
    }

    /// Active open completed: SYN, SYN-ACK (peer MSS, window), ACK.
    void
    DriveToEstablished()
    {
        DriveToSynSent();
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        ASSERT_EQ(State(), S::ESTABLISHED);
        out.ClearHistory();
    }

    /// A passive child: the peer's SYN handed over by a listener, our SYN-ACK out.
    void
    DriveToSynRcvdPassive()
    {
        ASSERT_EQ(Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss)), kIss, now),
                  FullTcpError::OK);
        ASSERT_EQ(State(), S::SYN_RCVD);
        out.ClearHistory();
    }

    /// Simultaneous open: our SYN out, the peer's SYN in, our SYN-ACK out.
    void
    DriveToSynRcvdActive()
    {
        DriveToSynSent();
        Inject(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
        ASSERT_EQ(State(), S::SYN_RCVD);
        out.ClearHistory();
    }

    /// Active close: our FIN <SEQ=ISS+1> is out, not yet acknowledged.
    void
    DriveToFinWait1()
    {
        DriveToEstablished();
        ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
        ASSERT_EQ(State(), S::FIN_WAIT_1);
        out.ClearHistory();
    }

    /// Our FIN acknowledged (application fully closed: the FIN_WAIT_2 timer runs).
    void
    DriveToFinWait2()
    {
        DriveToFinWait1();
        Inject(Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
        ASSERT_EQ(State(), S::FIN_WAIT_2);
        out.ClearHistory();
    }

    /// Both FINs exchanged, ours first: the peer's FIN <SEQ=IRS+1> acknowledged.
    void
    DriveToTimeWait()
    {
        DriveToFinWait2();
        Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
        ASSERT_EQ(State(), S::TIME_WAIT);
        out.ClearHistory();
    }

    /// The peer closed first: its FIN <SEQ=IRS+1> acknowledged.
    void
    DriveToCloseWait()
    {
        DriveToEstablished();
        Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
        ASSERT_EQ(State(), S::CLOSE_WAIT);
        out.ClearHistory();
    }

    /// The peer closed first, then we did: our FIN <SEQ=ISS+1> out.
    void
    DriveToLastAck()
    {
        DriveToCloseWait();
        ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
        ASSERT_EQ(State(), S::LAST_ACK);
        out.ClearHistory();
    }

    /// Simultaneous close: our FIN out, the peer's FIN in without the ACK of ours.
    void
    DriveToClosing()
    {
        DriveToFinWait1();
        Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 1));
        ASSERT_EQ(State(), S::CLOSING);
        out.ClearHistory();
    }

  protected:
    FullTcpConfig cfg;         //!< configuration for the connection under test
    Time now {Seconds(10)};    //!< the test's clock
    RecordingOutput out {now}; //!< what the connection did

  private:
    std::unique_ptr<FullTcpConnection> m_conn;
};

/// EXPECT that the next segment sent is exactly this one.
#define EXPECT_SENT(seg)      EXPECT_TRUE(NextSent(seg))
/// EXPECT that nothing (more) was sent.
#define EXPECT_NOTHING_SENT() EXPECT_TRUE(NothingSent())

/// Fixtures per state: the connection under test starts there.
#define FULLTCP_STATE_FIXTURE(Name, Driver) \
    class Name : public EngineTest          \
    {                                       \
      protected:                            \
        void                                \
        SetUp() override                    \
        {                                   \
            Driver();                       \
        }                                   \
    }

FULLTCP_STATE_FIXTURE(InSynSent, DriveToSynSent);
FULLTCP_STATE_FIXTURE(InSynRcvdPassive, DriveToSynRcvdPassive);
FULLTCP_STATE_FIXTURE(InSynRcvdActive, DriveToSynRcvdActive);
FULLTCP_STATE_FIXTURE(InEstablished, DriveToEstablished);
FULLTCP_STATE_FIXTURE(InFinWait1, DriveToFinWait1);
FULLTCP_STATE_FIXTURE(InFinWait2, DriveToFinWait2);
FULLTCP_STATE_FIXTURE(InClosing, DriveToClosing);
FULLTCP_STATE_FIXTURE(InTimeWait, DriveToTimeWait);
FULLTCP_STATE_FIXTURE(InCloseWait, DriveToCloseWait);
FULLTCP_STATE_FIXTURE(InLastAck, DriveToLastAck);

} // namespace fulltcp_test

#endif /* FULLTCP_ENGINE_FIXTURE_H */
