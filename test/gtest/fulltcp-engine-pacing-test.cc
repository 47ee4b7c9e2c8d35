/*
 * Test: pacing (Linux internal pacing: tcp_update_pacing_rate(), tcp_pacing_check(), EDT)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FullTcpPacer in the engine: the rate of Linux's tcp_update_pacing_rate() (ratios, cap), the
 * departure times of tcp_update_skb_after_send() (first 10 segments unpaced, the credit of
 * at most half a segment's time), the PACING slot that sends what waited, and the rate of an
 * algorithm that paces itself.
 */
#include "fulltcp-engine-data-fixture.h"

#include "ns3/fulltcp-newreno.h"
#include "ns3/fulltcp-pacer.h"

namespace fulltcp_test
{
namespace
{

/// An algorithm that sets the pacing rate itself (as Linux BBR's cong_control): NewReno's
/// window, a fixed 50000 bytes per second.
class FixedRatePlug : public FullTcpNewReno
{
  public:
    std::string
    GetName() const override
    {
        return "TestFixedRate";
    }

    bool
    SetsPacingRate() const override
    {
        return true;
    }

    void
    OnAckSample(FullTcpCongestionState& state,
                const FullTcpAckSample&,
                const FullTcpCongestionContext&) override
    {
        state.pacingRate = 50000;
    }
};

FULLTCP_REGISTER_CONGESTION_CONTROL(FixedRatePlug, "TestFixedRate");

/**
 * A sender with a 100 ms round trip: the SYN is answered after 100 ms, ten segments of 1000
 * bytes go (the initial window, RFC 6928), and 100 ms later the peer acknowledges the first
 * two. Then SRTT = 100 ms (both samples are 100 ms), cwnd = 11000 (slow start: + SMSS),
 * FlightSize = 8000 when the rate is computed, and three segments may go.
 */
class PacingTest : public DataTest
{
  protected:
    /// Bytes the application writes.
    static constexpr uint32_t kData = 20000;

    /// The handshake, the initial window out.
    void
    SendInitialWindow()
    {
        cfg.sndBufSize = 40000;
        DriveToSynSent();
        now += MilliSeconds(100);
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
        ASSERT_EQ(State(), S::ESTABLISHED);
        out.ClearHistory();
        data = Text(kData);
        Write(data);
        for (uint32_t o = 0; o < 10000; o += 1000)
        {
            ASSERT_TRUE(NextSent(OurData(data, o, 1000))) << "offset " << o;
        }
        ASSERT_TRUE(NothingSent()) << "more than the initial window";
        start = now;
    }

    /// 100 ms after the initial window, the ACK of its first two segments.
    void
    AckTwoSegments()
    {
        now = start + MilliSeconds(100);
        ackAt = now;
        Inject(PeerAck(2000));
        ASSERT_EQ(Tcb().cc.cwnd, 11000u);
        ASSERT_EQ(Tcb().rtt.GetSrtt(), MilliSeconds(100));
    }

    /// \return the times at which the segments sent so far left, forgetting them
    std::vector<Time>
    Departures()
    {
        std::vector<Time> at;
        for (const Sent& s : out.sent)
        {
            at.push_back(s.at);
        }
        out.sent.clear();
        return at;
    }

    std::string data; //!< what the application wrote
    Time start;       //!< when the initial window left
    Time ackAt;       //!< when the first ACK arrived
};

// -------------------------------------------------------------------------------- rate

TEST_F(PacingTest, PacingRateUsesSsRatioInSlowStart)
{
    // cwnd 11000 < ssthresh / 2 = 12000: tcp_pacing_ss_ratio, 200 % of max(cwnd, FlightSize)
    // / SRTT = 2 * 11000 / 0.1 s.
    cfg.pacing = true;
    cfg.initialSsthresh = 24000;
    SendInitialWindow();
    // The ACK of our SYN set the first rate (tcp_ack() -> tcp_update_pacing_rate()): 200 %
    // of 10000 / 0.1 s.
    EXPECT_EQ(Tcb().pacer.GetRate(), 200000u) << "the rate of the handshake";
    AckTwoSegments();
    EXPECT_EQ(Tcb().pacer.GetRate(), 220000u);
}

TEST_F(PacingTest, PacingRateUsesCaRatioInCongestionAvoidance)
{
    // cwnd 11000 is still below ssthresh 22000 (slow start), but not below ssthresh / 2:
    // Linux already paces at tcp_pacing_ca_ratio, 120 % (1.2 * 11000 / 0.1 s).
    cfg.pacing = true;
    cfg.initialSsthresh = 22000;
    SendInitialWindow();
    AckTwoSegments();
    EXPECT_EQ(Tcb().pacer.GetRate(), 132000u);
    // The ratios are settings (sysctls tcp_pacing_ss_ratio and tcp_pacing_ca_ratio).
    FullTcpConfig c;
    c.pacingCaRatio = 150;
    FullTcpPacer p;
    p.Configure(c, false);
    EXPECT_EQ(p.LinuxRate(11000, 22000, 8000, MilliSeconds(100)), 165000u);
    EXPECT_EQ(p.LinuxRate(11000, 22002, 8000, MilliSeconds(100)), 220000u);
    // FlightSize above cwnd counts instead (max(snd_cwnd, packets_out)).
    EXPECT_EQ(p.LinuxRate(4000, 22000, 11000, MilliSeconds(100)), 220000u);
}

TEST_F(PacingTest, PacingHonoursMaxRate)
{
    // sk_max_pacing_rate caps the rate: 100000 bytes/s is below the 220000 of the formula,
    // so a segment of 1000 bytes takes 10 ms; the first after the pause 5 ms (the credit).
    cfg.pacing = true;
    cfg.maxPacingRate = 100000;
    SendInitialWindow();
    EXPECT_EQ(Tcb().pacer.GetRate(), 100000u) << "the cap is the rate before any ACK";
    AckTwoSegments();
    EXPECT_EQ(Tcb().pacer.GetRate(), 100000u);
    Advance(MilliSeconds(50));
    EXPECT_EQ(Departures(),
              (std::vector<Time> {ackAt, ackAt + MilliSeconds(5), ackAt + MilliSeconds(15)}));
}

// -------------------------------------------------------------------------- departures

TEST_F(PacingTest, PacingSpacesSegments)
{
    // Rate 220000 bytes/s: 1000 bytes take 1000 * 1e9 / 220000 = 4545454 ns. The first ten
    // data segments went unpaced ("Original sch_fq does not pace first 10 MSS"); the eleventh
    // leaves with the ACK, and as the sender was 100 ms late on its schedule its time is cut
    // by the credit, at most half: 2272727 ns. The twelfth waits for that, the thirteenth
    // 4545454 ns more.
    cfg.pacing = true;
    SendInitialWindow();
    AckTwoSegments();
    EXPECT_EQ(Departures(), std::vector<Time> {ackAt}) << "only one segment may leave at once";
    const Time second = ackAt + NanoSeconds(2272727);
    const Time third = second + NanoSeconds(4545454);
    ASSERT_EQ(out.Timer(FullTcpPacer::PACING), second);
    EXPECT_EQ(Tcb().pacer.GetDepartureTime(), second);
    Advance(second - now);
    EXPECT_TRUE(NextSent(OurData(data, 11000, 1000)));
    EXPECT_EQ(out.Timer(FullTcpPacer::PACING), third);
    Advance(NanoSeconds(4545453));
    EXPECT_TRUE(NothingSent()) << "a segment left before its departure time";
    Advance(NanoSeconds(1));
    EXPECT_TRUE(NextSent(OurData(data, 12000, 1000)));
    EXPECT_EQ(now, third);
    // cwnd is full now: the slot stays idle.
    Advance(MilliSeconds(10));
    EXPECT_TRUE(NothingSent());
    EXPECT_FALSE(out.Timer(FullTcpPacer::PACING));
}

TEST_F(PacingTest, PacingOffSendsBurst)
{
    // Pacing off (the default): the rate is computed (Linux always computes sk_pacing_rate;
    // fq reads it) but nothing waits for it: the three segments leave together.
    SendInitialWindow();
    AckTwoSegments();
    EXPECT_EQ(Tcb().pacer.GetRate(), 220000u);
    EXPECT_EQ(Departures(), (std::vector<Time> {ackAt, ackAt, ackAt}));
    EXPECT_FALSE(out.Timer(FullTcpPacer::PACING));
}

TEST_F(PacingTest, PacingUsesTheRateOfAnAlgorithmThatPacesItself)
{
    // An algorithm with its own rate (Linux BBR: cong_control, SK_PACING_NEEDED) is paced at
    // that rate even with pacing off: 1000 bytes at 50000 bytes/s take 20 ms, the first 10 ms.
    cfg.congestionControl = "TestFixedRate";
    SendInitialWindow();
    AckTwoSegments();
    EXPECT_EQ(Tcb().pacer.GetRate(), 50000u);
    Advance(MilliSeconds(50));
    EXPECT_EQ(Departures(),
              (std::vector<Time> {ackAt, ackAt + MilliSeconds(10), ackAt + MilliSeconds(30)}));
}

} // namespace
} // namespace fulltcp_test
