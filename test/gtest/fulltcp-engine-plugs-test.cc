/*
 * Engine tests: the plugs. The loss recovery picked by negotiation and by name, timer slots
 * registered by a mechanism, the congestion control's hooks (RTT sample, bytes in flight,
 * delivered, delivery rate, congestion states, ECN, transmissions), delivery-rate estimation.
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-engine-data-fixture.h"

#include "ns3/fulltcp-delivery-rate.h"
#include "ns3/fulltcp-newreno-recovery.h"
#include "ns3/fulltcp-newreno.h"

#include <set>
#include <utility>
#include <vector>

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------- a loss recovery and its own slot

/// NewReno recovery that records what the engine asks of it, with a timer slot of its own
/// (as RACK-TLP will have), armed after every ACK that leaves data in flight.
class RecordingRecovery : public FullTcpNewRenoRecovery
{
  public:
    /// The slot, registered below like any mechanism's.
    static const FullTcpTimer PROBE;

    std::string
    GetName() const override
    {
        return "TestRecovery";
    }

    void
    OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s) override
    {
        acks.push_back(ack);
        FullTcpNewRenoRecovery::OnAck(ack, s);
        if (ack.acked > 0 && s.Tcb().sndNxt > s.Tcb().sndUna)
        {
            s.ArmTimer(PROBE, MilliSeconds(30));
        }
    }

    bool
    DoRecovery(FullTcpRecoverySender& s) override
    {
        ++doRecoveryCalls;
        return FullTcpNewRenoRecovery::DoRecovery(s);
    }

    void
    OnTimeout(FullTcpRecoverySender&) override
    {
        ++timeouts;
    }

    std::vector<FullTcpAckInfo> acks; //!< every OnAck()
    uint32_t doRecoveryCalls {0};     //!< DoRecovery() calls
    uint32_t timeouts {0};            //!< OnTimeout() calls
    std::vector<Time> probes;         //!< when PROBE expired
};

/// PROBE's handler: note the time, and resend the first unacknowledged segment through the
/// sender (a tail-loss probe of sorts).
void
ProbeExpired(const FullTcpTimerExpiry& e)
{
    auto& recovery = dynamic_cast<RecordingRecovery&>(e.recovery);
    recovery.probes.push_back(e.sender.Now());
    e.sender.RetransmitFirstUnacknowledged();
}

const FullTcpTimer RecordingRecovery::PROBE = FullTcpTimer::Register("TEST_PROBE", &ProbeExpired);
FULLTCP_REGISTER_LOSS_RECOVERY(RecordingRecovery, "TestRecovery");

// ------------------------------------------------- a congestion control recording its hooks

/// One OnAckSample() call.
struct AckSeen
{
    FullTcpAckSample sample;      //!< what the ACK told
    FullTcpCongestionContext ctx; //!< the context then
};

/// One OnStateChange() call, with cwnd and ssthresh as the algorithm saw them.
struct StateSeen
{
    FullTcpCaState from; //!< old state
    FullTcpCaState to;   //!< new state
    uint32_t cwnd;       //!< cwnd then
    uint32_t ssthresh;   //!< ssthresh then

    bool
    operator==(const StateSeen& o) const
    {
        return from == o.from && to == o.to && cwnd == o.cwnd && ssthresh == o.ssthresh;
    }
};

std::ostream&
operator<<(std::ostream& os, const StateSeen& s)
{
    return os << s.from << "->" << s.to << " cwnd " << s.cwnd << " ssthresh " << s.ssthresh;
}

/// One transmission hook call.
struct TransmitSeen
{
    int64_t start;       //!< segment start
    int64_t end;         //!< segment end
    bool retransmission; //!< resent
    uint32_t flightSize; //!< FlightSize in the context

    bool
    operator==(const TransmitSeen& o) const
    {
        return start == o.start && end == o.end && retransmission == o.retransmission
            && flightSize == o.flightSize;
    }
};

std::ostream&
operator<<(std::ostream& os, const TransmitSeen& t)
{
    return os << "[" << t.start << "," << t.end << ")" << (t.retransmission ? " rtx" : "")
              << " flight " << t.flightSize;
}

/// NewReno's arithmetic, recording every hook.
class HookRecorder : public FullTcpNewReno
{
  public:
    std::string
    GetName() const override
    {
        return "TestHooks";
    }

    void
    OnAckSample(FullTcpCongestionState&,
                const FullTcpAckSample& sample,
                const FullTcpCongestionContext& ctx) override
    {
        acks.push_back({sample, ctx});
    }

    void
    OnStateChange(FullTcpCongestionState& state,
                  FullTcpCaState from,
                  FullTcpCaState to,
                  const FullTcpCongestionContext& ctx) override
    {
        states.push_back({from, to, state.cwnd, state.ssthresh});
        FullTcpNewReno::OnStateChange(state, from, to, ctx);
    }

    void
    OnEcn(FullTcpCongestionState&,
          FullTcpEcnSignal signal,
          const FullTcpCongestionContext&) override
    {
        ecn.push_back(signal);
    }

    void
    PreTransmit(FullTcpCongestionState&,
                const FullTcpTransmission& s,
                const FullTcpCongestionContext& ctx) override
    {
        pre.push_back({s.start, s.end, s.retransmission, ctx.flightSize});
    }

    void
    PostTransmit(FullTcpCongestionState&,
                 const FullTcpTransmission& s,
                 const FullTcpCongestionContext& ctx) override
    {
        post.push_back({s.start, s.end, s.retransmission, ctx.flightSize});
    }

    std::vector<AckSeen> acks;         //!< OnAckSample()
    std::vector<StateSeen> states;     //!< OnStateChange()
    std::vector<FullTcpEcnSignal> ecn; //!< OnEcn()
    std::vector<TransmitSeen> pre;     //!< PreTransmit()
    std::vector<TransmitSeen> post;    //!< PostTransmit()
};

FULLTCP_REGISTER_CONGESTION_CONTROL(HookRecorder, "TestHooks");

using CA = FullTcpCaState;

/// Data transfer with the recording algorithm, a 100 ms handshake (the first RTT sample)
/// and room for many segments.
class HooksTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.congestionControl = "TestHooks";
        cfg.sndBufSize = 100000;
        DriveToSynSent();
        now += MilliSeconds(100);
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        ASSERT_EQ(State(), S::ESTABLISHED);
        out.ClearHistory();
    }

    /// \return the recording algorithm of the connection under test
    const HookRecorder&
    Hooks()
    {
        return dynamic_cast<const HookRecorder&>(*Conn().GetCongestionControl());
    }
};

/// \return the recording recovery of the connection under test
const RecordingRecovery&
RecoveryOf(FullTcpConnection& c)
{
    return dynamic_cast<const RecordingRecovery&>(*c.GetLossRecovery());
}

// ------------------------------------------------------------------ picking the recovery

TEST_F(DataTest, RecoveryIsNewRenoUntilTheOptionsAreNegotiated)
{
    cfg.sack = true;
    DriveToSynSent();
    EXPECT_EQ(Conn().GetLossRecovery()->GetName(), "NewReno");
}

TEST_F(DataTest, SackNegotiatedPicksTheConfiguredRecovery)
{
    DriveToEstablishedWithSack();
    EXPECT_EQ(Conn().GetLossRecovery()->GetName(), "Sack");
}

TEST_F(DataTest, SackNotNegotiatedPicksNewReno)
{
    // We offer SACK, the peer does not: RFC 5681 §3.2 with RFC 6582 whatever is configured.
    cfg.sack = true;
    cfg.recovery = "TestRecovery";
    DriveToEstablished();
    ASSERT_FALSE(Tcb().sackOk);
    EXPECT_EQ(Conn().GetLossRecovery()->GetName(), "NewReno");
}

TEST_F(DataTest, PassiveOpenPicksTheRecoveryFromTheSyn)
{
    cfg.sack = true;
    ASSERT_EQ(
        Conn().AcceptSyn(MakeHeader(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss).SackOk()), kIss, now),
        FullTcpError::OK);
    EXPECT_EQ(Conn().GetLossRecovery()->GetName(), "Sack");
}

TEST_F(DataTest, ARegisteredRecoveryIsUsedByName)
{
    // One file (a class and a registration line) adds a recovery; the engine calls it.
    cfg.recovery = "TestRecovery";
    cfg.sndBufSize = 100000;
    DriveToEstablishedWithSack();
    ASSERT_EQ(Conn().GetLossRecovery()->GetName(), "TestRecovery");
    const RecordingRecovery& r = RecoveryOf(Conn());
    EXPECT_EQ(r.doRecoveryCalls, 1u); // the output after the handshake
    Write(Text(3000));
    EXPECT_EQ(r.doRecoveryCalls, 2u); // every output asks it first
    Inject(PeerAck(1000).Win(kPeerWin - 1000));
    ASSERT_EQ(r.acks.size(), 1u);
    EXPECT_EQ(r.acks[0].ack, 1 + 1000);
    EXPECT_EQ(r.acks[0].acked, 1000u);
    EXPECT_EQ(r.acks[0].newlySacked, 0);
    EXPECT_EQ(r.acks[0].dataLength, 0u);
    EXPECT_EQ(r.acks[0].window, kPeerWin - 1000u);
    EXPECT_FALSE(r.acks[0].synOrFin);
    EXPECT_FALSE(r.acks[0].duplicate);
    EXPECT_EQ(r.doRecoveryCalls, 3u);
    Advance(Tcb().rto);
    Advance(Tcb().rto);
    EXPECT_EQ(r.timeouts, 2u);
}

TEST_F(DataTest, UnknownRecoveryIsAConfigurationError)
{
    cfg.recovery = "NoSuchRecovery";
    EXPECT_EQ(Conn().Connect(kLocalPort, kRemotePort, kIss, now), FullTcpError::UNKNOWN_ALGORITHM);
    EXPECT_EQ(
        Conn().GetConfigError(),
        "unknown loss recovery \"NoSuchRecovery\" (known: NewReno, Rack, Sack, TestRecovery)");
    EXPECT_EQ(State(), S::CLOSED);
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------------ timer slots

TEST(TimerSlots, TheEngineSlotsKeepTheirIndicesAndNames)
{
    EXPECT_EQ(FullTcpTimer::RETRANSMIT.Index(), 0u);
    EXPECT_EQ(FullTcpTimer::DELAYED_ACK.Index(), 1u);
    EXPECT_EQ(FullTcpTimer::KEEPALIVE.Index(), 2u);
    EXPECT_EQ(FullTcpTimer::LINGER.Index(), 3u);
    // The pacer registers PACING, the "Rack" recovery two more (TLP, RACK_REO) and this
    // program one (TEST_PROBE), after the engine's, in the order of their static
    // initialization.
    ASSERT_EQ(FullTcpTimer::Count(), 8u);
    std::ostringstream names;
    std::multiset<std::string> registered;
    for (uint32_t i = 0; i < FullTcpTimer::Count(); ++i)
    {
        names << FullTcpTimer::At(i) << " ";
        if (i >= 4)
        {
            registered.insert(FullTcpTimer::At(i).Name());
        }
    }
    EXPECT_EQ(names.str().substr(0, 40), "RETRANSMIT DELAYED_ACK KEEPALIVE LINGER ");
    EXPECT_EQ(registered, (std::multiset<std::string> {"PACING", "RACK_REO", "TEST_PROBE", "TLP"}));
    EXPECT_EQ(FullTcpTimer::At(RecordingRecovery::PROBE.Index()), RecordingRecovery::PROBE);
    EXPECT_EQ(FullTcpTimer::At(FullTcpPacer::PACING.Index()), FullTcpPacer::PACING);
}

TEST_F(DataTest, ASlotRegisteredByAMechanismFiresItsHandler)
{
    cfg.recovery = "TestRecovery";
    cfg.sndBufSize = 100000;
    DriveToEstablishedWithSack();
    const std::string data = Text(3000);
    Write(data);
    out.ClearHistory();
    Inject(PeerAck(1000));
    const Time armed = now;
    EXPECT_EQ(out.Timer(RecordingRecovery::PROBE), armed + MilliSeconds(30));
    Advance(MilliSeconds(30));
    // The handler ran once, at the expiry, and acted through the sender.
    EXPECT_EQ(RecoveryOf(Conn()).probes, (std::vector<Time> {armed + MilliSeconds(30)}));
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_FALSE(out.Timer(RecordingRecovery::PROBE));
    // Closing the connection cancels the mechanism's slot like the engine's own.
    Inject(PeerAck(2000));
    ASSERT_TRUE(out.Timer(RecordingRecovery::PROBE));
    ASSERT_EQ(Conn().Abort(now), FullTcpError::OK);
    EXPECT_FALSE(out.Timer(RecordingRecovery::PROBE));
}

// ------------------------------------------------------------- congestion control hooks

TEST_F(HooksTest, AckSamplesCarryRttInFlightDeliveredAndRate)
{
    const Time sent = now;
    Write(Text(3000)); // three segments, all sent now; the application has nothing more
    now += MilliSeconds(100);
    Inject(PeerAck(1000));
    now += MilliSeconds(50);
    Inject(PeerAck(3000));
    const auto& acks = Hooks().acks;
    ASSERT_EQ(acks.size(), 2u);
    // The first ACK: the timed segment's RTT (RFC 6298 §3), 1000 bytes delivered in the 100
    // ms since the flight left, app-limited (the write left cwnd unused).
    EXPECT_EQ(acks[0].sample.acked, 1000u);
    EXPECT_EQ(acks[0].sample.sacked, 0u);
    EXPECT_EQ(acks[0].sample.rtt, MilliSeconds(100));
    ASSERT_TRUE(acks[0].sample.rate);
    EXPECT_EQ(acks[0].sample.rate->delivered, 1000u);
    EXPECT_EQ(acks[0].sample.rate->interval, MilliSeconds(100));
    EXPECT_TRUE(acks[0].sample.rate->appLimited);
    EXPECT_DOUBLE_EQ(acks[0].sample.rate->BytesPerSecond(), 10000.0);
    EXPECT_EQ(acks[0].ctx.now, sent + MilliSeconds(100));
    EXPECT_EQ(acks[0].ctx.flightSize, 2000u);
    EXPECT_EQ(acks[0].ctx.bytesInFlight, 2000u);
    EXPECT_EQ(acks[0].ctx.delivered, 1000u);
    EXPECT_EQ(acks[0].ctx.minRtt, MilliSeconds(100));
    EXPECT_EQ(acks[0].ctx.caState, CA::OPEN);
    // The second: no segment was timed (Karn's one at a time), 3000 bytes delivered since
    // the last segment left, 150 ms before.
    EXPECT_EQ(acks[1].sample.acked, 2000u);
    EXPECT_FALSE(acks[1].sample.rtt);
    ASSERT_TRUE(acks[1].sample.rate);
    EXPECT_EQ(acks[1].sample.rate->delivered, 3000u);
    EXPECT_EQ(acks[1].sample.rate->interval, MilliSeconds(150));
    EXPECT_EQ(acks[1].ctx.flightSize, 0u);
    EXPECT_EQ(acks[1].ctx.bytesInFlight, 0u);
    EXPECT_EQ(acks[1].ctx.delivered, 3000u);
}

TEST_F(HooksTest, RateIsAppLimitedOnlyUntilTheBubbleIsDelivered)
{
    Write(Text(20000)); // cwnd (10 segments) limits, but the write found the pipe empty
    now += MilliSeconds(100);
    Inject(PeerAck(1000)); // releases [10000, 12000): cwnd 11000
    EXPECT_EQ(Tcb().sndNxt, 1 + 12000);
    now += MilliSeconds(100);
    Inject(PeerAck(11000));
    const auto& acks = Hooks().acks;
    ASSERT_EQ(acks.size(), 2u);
    ASSERT_TRUE(acks[0].sample.rate);
    EXPECT_TRUE(acks[0].sample.rate->appLimited);
    // The most recently sent segment delivered is [10000, 11000), sent after the bubble
    // ended: 10000 bytes delivered since then, over 100 ms of sending and of ACKs.
    ASSERT_TRUE(acks[1].sample.rate);
    EXPECT_FALSE(acks[1].sample.rate->appLimited);
    EXPECT_EQ(acks[1].sample.rate->delivered, 10000u);
    EXPECT_EQ(acks[1].sample.rate->interval, MilliSeconds(100));
    EXPECT_DOUBLE_EQ(acks[1].sample.rate->BytesPerSecond(), 100000.0);
}

TEST_F(HooksTest, StatesGoOpenDisorderRecoveryOpen)
{
    Write(Text(10000));
    Inject(PeerAck(0)); // [0, 1000) lost: duplicate ACKs
    Inject(PeerAck(0));
    Inject(PeerAck(0)); // the third: fast retransmit
    Inject(PeerAck(10000));
    // cwnd and ssthresh are set when the algorithm hears the change: ssthresh = 10000 / 2,
    // cwnd = ssthresh + 3·SMSS (RFC 5681 §3.2); at the end min(ssthresh, FlightSize + SMSS)
    // with nothing in flight (RFC 6582 §3.2 step 3).
    EXPECT_EQ(Hooks().states,
              (std::vector<StateSeen> {{CA::OPEN, CA::DISORDER, 10000, 0x7fffffff},
                                       {CA::DISORDER, CA::RECOVERY, 8000, 5000},
                                       {CA::RECOVERY, CA::OPEN, 2000, 5000}}));
    EXPECT_EQ(Tcb().caState, CA::OPEN);
}

TEST_F(HooksTest, DuplicateAcksWithoutLossReturnToOpen)
{
    Write(Text(10000));
    Inject(PeerAck(0));
    Inject(PeerAck(1000)); // reordering, not loss: the next ACK advances
    EXPECT_EQ(Hooks().states,
              (std::vector<StateSeen> {{CA::OPEN, CA::DISORDER, 10000, 0x7fffffff},
                                       {CA::DISORDER, CA::OPEN, 11000, 0x7fffffff}}));
}

TEST_F(HooksTest, EveryTimeoutEntersLossUntilTheRecoveryPointIsAcknowledged)
{
    Write(Text(3000));
    Advance(Tcb().rto);
    Advance(Tcb().rto); // a repeated timeout enters Loss again (Linux tcp_enter_loss())
    Inject(PeerAck(1000));
    EXPECT_EQ(Tcb().caState, CA::LOSS); // below the recovery point of the timeout
    Inject(PeerAck(3000));
    EXPECT_EQ(Hooks().states,
              (std::vector<StateSeen> {{CA::OPEN, CA::LOSS, 1000, 2000},
                                       {CA::LOSS, CA::LOSS, 1000, 2000},
                                       {CA::LOSS, CA::OPEN, 3000, 2000}}));
}

TEST_F(DataTest, AFirstSackEntersDisorder)
{
    cfg.congestionControl = "TestHooks";
    cfg.sndBufSize = 100000;
    DriveToEstablishedWithSack();
    Write(Text(10000));
    Inject(PeerSack(0, {{1000, 2000}}));
    const auto& hooks = dynamic_cast<const HookRecorder&>(*Conn().GetCongestionControl());
    EXPECT_EQ(hooks.states, (std::vector<StateSeen> {{CA::OPEN, CA::DISORDER, 10000, 0x7fffffff}}));
    ASSERT_EQ(hooks.acks.size(), 1u);
    EXPECT_EQ(hooks.acks[0].sample.sacked, 1000u);
    EXPECT_EQ(hooks.acks[0].ctx.bytesInFlight, 9000u); // the SACKed bytes left the network
    EXPECT_EQ(hooks.acks[0].ctx.delivered, 1000u);
}

TEST_F(HooksTest, TransmitHooksRunOncePerDataSegment)
{
    Write(Text(3000));
    // Before: FlightSize without the segment; after: with it.
    EXPECT_EQ(Hooks().pre,
              (std::vector<TransmitSeen> {
                  {1, 1001, false, 0}, {1001, 2001, false, 1000}, {2001, 3001, false, 2000}}));
    EXPECT_EQ(Hooks().post,
              (std::vector<TransmitSeen> {
                  {1, 1001, false, 1000}, {1001, 2001, false, 2000}, {2001, 3001, false, 3000}}));
    // A pure ACK is no data segment.
    out.ClearHistory();
    Inject(PeerData(0, 100));
    EXPECT_SENT(OurAck(100, 3000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Hooks().pre.size(), 3u);
    // A retransmission is one.
    Advance(Tcb().rto);
    ASSERT_EQ(Hooks().pre.size(), 4u);
    EXPECT_EQ(Hooks().pre[3], (TransmitSeen {1, 1001, true, 3000}));
    ASSERT_EQ(Hooks().post.size(), 4u);
    EXPECT_EQ(Hooks().post[3], (TransmitSeen {1, 1001, true, 3000}));
}

TEST_F(DataTest, EcnSignalsAreReportedOnceEcnIsInUse)
{
    // Linux in_ack_event(CA_ACK_ECE) and cwnd_event(CA_EVENT_ECN_IS_CE): only on a
    // connection that negotiated ECN (RFC 3168 §6.1.1); elsewhere the flags are ignored.
    cfg.congestionControl = "TestHooks";
    cfg.sndBufSize = 100000;
    cfg.ecn = FullTcpEcnMode::ON;
    DriveToSynSent();
    Inject(Flags(H::SYN | H::ACK | H::ECE).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    ASSERT_TRUE(Tcb().ecn.ok);
    const auto& hooks = dynamic_cast<const HookRecorder&>(*Conn().GetCongestionControl());
    Write(Text(2000));
    Inject(PeerAck(1000));
    EXPECT_TRUE(hooks.ecn.empty());
    Inject(Flags(H::ACK | H::ECE).Seq(kIrs + 1).Ack(kIss + 1 + 2000));
    EXPECT_EQ(hooks.ecn, (std::vector<FullTcpEcnSignal> {FullTcpEcnSignal::ECE}));
    Inject(PeerData(0, 100, 2000).Ip(FullTcpEcnCodepoint::CE, 64));
    EXPECT_EQ(hooks.ecn,
              (std::vector<FullTcpEcnSignal> {FullTcpEcnSignal::ECE, FullTcpEcnSignal::CE}));
}

TEST_F(HooksTest, EceWithoutEcnIsNotReported)
{
    Write(Text(2000));
    Inject(Flags(H::ACK | H::ECE).Seq(kIrs + 1).Ack(kIss + 1 + 2000));
    EXPECT_TRUE(Hooks().ecn.empty());
}

// ------------------------------------------------------------ delivery-rate estimation

TEST(DeliveryRate, SackedBytesAreDeliveredOnce)
{
    FullTcpDeliveryRate r;
    r.Sent(1, 1001, true, Seconds(1));
    r.Sent(1001, 2001, false, Seconds(1));
    r.Sacked(FullTcpRange {1001, 2001});
    EXPECT_EQ(r.Delivered(), 1000u);
    r.Acknowledged(2001);
    EXPECT_EQ(r.Delivered(), 2000u);
}

TEST(DeliveryRate, PartialAcknowledgmentsCountTheirBytes)
{
    FullTcpDeliveryRate r;
    r.Sent(1, 1001, true, Seconds(1));
    r.Acknowledged(401);
    EXPECT_EQ(r.Delivered(), 400u);
    r.Acknowledged(1001);
    EXPECT_EQ(r.Delivered(), 1000u);
}

TEST(DeliveryRate, TheSampleStartsFromTheMostRecentlySentSegment)
{
    FullTcpDeliveryRate r;
    const Time t0 = Seconds(1);
    r.Sent(1, 1001, true, t0);
    r.Sent(1001, 2001, false, t0 + MilliSeconds(10));
    r.Acknowledged(1001);
    const auto first = r.TakeSample(t0 + MilliSeconds(100), MilliSeconds(50));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->delivered, 1000u);
    EXPECT_EQ(first->interval, MilliSeconds(100));
    r.Sent(2001, 3001, false, t0 + MilliSeconds(100));
    r.Acknowledged(3001); // delivers [1001, 2001) and [2001, 3001): the latter left last
    const auto second = r.TakeSample(t0 + MilliSeconds(200), MilliSeconds(50));
    ASSERT_TRUE(second);
    EXPECT_EQ(second->delivered, 2000u);
    EXPECT_EQ(second->interval, MilliSeconds(100));
}

TEST(DeliveryRate, ARetransmissionRestampsItsSegment)
{
    FullTcpDeliveryRate r;
    const Time t0 = Seconds(1);
    r.Sent(1, 1001, true, t0);
    r.Sent(1001, 2001, false, t0);
    r.Sacked(FullTcpRange {1001, 2001});
    ASSERT_TRUE(r.TakeSample(t0 + MilliSeconds(100), MilliSeconds(50)));
    r.Sent(1, 1001, false, t0 + Seconds(1)); // [1, 1001) again
    r.Acknowledged(2001);
    // From the retransmission: 1000 bytes delivered since it left, the second of sending
    // and of ACKs since then.
    const auto s = r.TakeSample(t0 + MilliSeconds(1100), MilliSeconds(50));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->delivered, 1000u);
    EXPECT_EQ(s->interval, Seconds(1));
    EXPECT_EQ(r.Delivered(), 2000u);
}

TEST(DeliveryRate, NoSampleShorterThanTheMinimumRttOrBeforeAnRttSample)
{
    FullTcpDeliveryRate r;
    r.Sent(1, 1001, true, Seconds(1));
    r.Sent(1001, 2001, false, Seconds(1));
    r.Acknowledged(1001);
    EXPECT_FALSE(r.TakeSample(Seconds(1) + MilliSeconds(10), MilliSeconds(50)));
    r.Acknowledged(2001);
    EXPECT_FALSE(r.TakeSample(Seconds(2), std::nullopt));
    EXPECT_EQ(r.Delivered(), 2000u);
}

TEST(DeliveryRate, AppLimitedUntilTheBubbleIsDelivered)
{
    FullTcpDeliveryRate r;
    r.MarkAppLimited(0);
    r.Sent(1, 1001, true, Seconds(1));
    r.Acknowledged(1001);
    const auto limited = r.TakeSample(Seconds(2), MilliSeconds(50));
    ASSERT_TRUE(limited);
    EXPECT_TRUE(limited->appLimited);
    r.Sent(1001, 2001, true, Seconds(2));
    r.Acknowledged(2001);
    const auto full = r.TakeSample(Seconds(3), MilliSeconds(50));
    ASSERT_TRUE(full);
    EXPECT_FALSE(full->appLimited);
}

} // namespace
} // namespace fulltcp_test
