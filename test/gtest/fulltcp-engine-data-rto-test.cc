/*
 * Test: RTT samples, Karn, RTO backoff and cap, lost-SYN RTO, give-up (RFC 6298), PAWS
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for the retransmission timer: RTT samples and RTO (RFC 6298 §2-§3, RFC 7323
 * §4), Karn's algorithm and backoff (RFC 6298 §5), the RTO after a lost SYN (§5.7), giving
 * up (RFC 9293 §3.8.3), and PAWS (RFC 7323 §5).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

// ------------------------------------------------------------------ RTT and RTO

TEST_F(DataTest, HandshakeGivesTheFirstRttSample)
{
    cfg.minRto = MilliSeconds(10);
    DriveToSynSent();
    Advance(MilliSeconds(100));
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    // RFC 6298 §2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4·RTTVAR = 300 ms.
    EXPECT_EQ(Tcb().rtt.GetSrtt(), MilliSeconds(100));
    EXPECT_EQ(Tcb().rtt.GetRttVar(), MilliSeconds(50));
    EXPECT_EQ(Tcb().rto, MilliSeconds(300));
    out.ClearHistory();
    Write("x");
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(300));
}

TEST_F(DataTest, OneSegmentAtATimeIsTimedWithoutTimestamps)
{
    cfg.minRto = MilliSeconds(200);
    DriveToEstablished(); // handshake RTT 0
    const std::string data = Text(2000);
    Write(data); // segment [0, 1000) is timed, [1000, 2000) is not
    Advance(MilliSeconds(80));
    Inject(PeerAck(1000));
    EXPECT_EQ(Tcb().rtt.GetLatestRtt(), MilliSeconds(80));
    Advance(MilliSeconds(40));
    Inject(PeerAck(2000)); // not timed: no sample
    EXPECT_EQ(Tcb().rtt.GetLatestRtt(), MilliSeconds(80));
    // §2.3: RTTVAR = 3/4·0 + 1/4·|0 - 80| = 20, SRTT = 7/8·0 + 1/8·80 = 10 (ms).
    EXPECT_EQ(Tcb().rtt.GetSrtt(), MilliSeconds(10));
    EXPECT_EQ(Tcb().rtt.GetRttVar(), MilliSeconds(20));
    EXPECT_EQ(Tcb().rto, MilliSeconds(200)); // 10 + 4·20 = 90, below the floor (§2.4)
    EXPECT_EQ(out.sent.size(), 2u);          // no retransmission happened
}

TEST_F(DataTest, TimestampsGiveASampleFromEveryAck)
{
    cfg.minRto = MilliSeconds(200);
    DriveToEstablishedWithTimestamps(500);
    const uint32_t sentAt = OurTsVal();
    Write(Text(3 * 988)); // three segments at the MSS less the 12 option bytes
    EXPECT_EQ(out.sent.size(), 3u);
    Advance(MilliSeconds(30));
    Inject(PeerAck(988).Ts(501, sentAt));
    EXPECT_EQ(Tcb().rtt.GetLatestRtt(), MilliSeconds(30));
    Advance(MilliSeconds(20));
    Inject(PeerAck(2 * 988).Ts(502, sentAt));
    EXPECT_EQ(Tcb().rtt.GetLatestRtt(), MilliSeconds(50));
}

TEST_F(DataTest, TimestampEchoOlderThanTheRetransmissionGivesNoSample)
{
    cfg.minRto = MilliSeconds(200);
    DriveToEstablishedWithTimestamps(500);
    const uint32_t first = OurTsVal();
    Write("data");
    Advance(Tcb().rto); // retransmitted
    const Time srtt = Tcb().rtt.GetSrtt();
    // The first copy arrived but its ACK was lost; the retransmission arrives as a duplicate
    // and the peer echoes the first copy's TSval (RFC 7323 §4.3 R3): no sample, it would
    // hold the whole timeout.
    Inject(PeerAck(4).Ts(501, first));
    EXPECT_EQ(Tcb().rtt.GetSrtt(), srtt);
    EXPECT_EQ(Tcb().rtt.GetLatestRtt(), Seconds(0));
    // Data sent since echoes a later TSval: samples again.
    const uint32_t later = OurTsVal();
    Write("more");
    Advance(MilliSeconds(40));
    Inject(PeerAck(8).Ts(502, later));
    EXPECT_EQ(Tcb().rtt.GetLatestRtt(), MilliSeconds(40));
}

TEST_F(DataTest, KarnRetransmittedSegmentGivesNoSample)
{
    DriveToEstablished();
    const Time srtt = Tcb().rtt.GetSrtt();
    Write("lost");
    Advance(cfg.initialRto);
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("lost"));
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 1).Ack(kIrs + 1).Data("lost"));
    Advance(MilliSeconds(300));
    Inject(PeerAck(4)); // the original or the retransmission? Unknowable: no sample
    EXPECT_EQ(Tcb().rtt.GetSrtt(), srtt);
}

TEST_F(DataTest, RtoBackoffDoublesUntilNewAck)
{
    DriveToEstablished(); // handshake RTT 0: RTO = minRto = 1 s
    const std::string data = Text(2000);
    Write(data);
    EXPECT_EQ(out.sent.size(), 2u);
    out.ClearHistory();
    // RFC 6298 §5.4-5.6: the earliest segment again, the timer doubled each time.
    Time rto = Tcb().rto;
    for (int i = 0; i < 3; ++i)
    {
        Advance(rto);
        EXPECT_SENT(OurData(data, 0, 1000)) << "expiry " << i;
        EXPECT_NOTHING_SENT();
        rto = 2 * rto;
        EXPECT_EQ(out.Timer(T::RETRANSMIT), now + rto);
    }
    // The retransmitted segment is acknowledged: no RTT sample (Karn), the backoff stays.
    // The rest of the window goes again (go-back-N after a timeout); its ACK keeps it too.
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 1000, 1000, H::PSH));
    EXPECT_EQ(Tcb().rto, rto);
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + rto);
    Inject(PeerAck(2000));
    EXPECT_EQ(Tcb().rto, rto);
    // New data, sent once and acknowledged: a valid sample ends the backoff (§5, §2).
    Write("new");
    EXPECT_SENT(Flags(H::ACK | H::PSH).Seq(kIss + 2001).Ack(kIrs + 1).Data("new"));
    Inject(PeerAck(2003));
    EXPECT_EQ(Tcb().rto, cfg.minRto);
    EXPECT_FALSE(out.Timer(T::RETRANSMIT));
}

TEST_F(DataTest, RtoIsCappedAtMaxRto)
{
    cfg.maxRto = Seconds(5);
    cfg.dataRetries = 10;
    DriveToEstablished();
    Write("x");
    Advance(Seconds(1) + Seconds(2) + Seconds(4));         // three expiries: 1, 2, 4
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(5)); // 8 capped at 5
    Advance(Seconds(5));
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(5));
}

TEST_F(DataTest, LostSynReinitializesRtoToThreeSeconds)
{
    DriveToSynSent();
    Advance(cfg.initialRto); // the SYN is retransmitted
    Advance(MilliSeconds(100));
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss));
    ASSERT_EQ(State(), S::ESTABLISHED);
    // RFC 6298 §5.7: no sample (Karn), so the RTO is re-initialized to 3 s.
    EXPECT_FALSE(Tcb().rtt.HasSample());
    EXPECT_EQ(Tcb().rto, cfg.fallbackRto);
    out.ClearHistory();
    Write("x");
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + Seconds(3));
}

TEST_F(DataTest, LostSynWithTimestampsUsesTheTimestampSample)
{
    cfg.timestamps = true;
    cfg.minRto = MilliSeconds(10);
    DriveToSynSent();
    Advance(cfg.initialRto);
    const uint32_t retransmittedSynTs = OurTsVal();
    Advance(MilliSeconds(100));
    Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).Ts(7, retransmittedSynTs));
    EXPECT_EQ(Tcb().rtt.GetSrtt(), MilliSeconds(100));
    EXPECT_EQ(Tcb().rto, MilliSeconds(300));
}

// ------------------------------------------------------------------ give-up

TEST_F(DataTest, RetriesExhaustedTimesOut)
{
    cfg.dataRetries = 3;
    DriveToEstablished();
    Write("data");
    Advance(Seconds(15) - NanoSeconds(1)); // retransmissions at 1, 3 and 7 s
    EXPECT_EQ(out.sent.size(), 4u);
    EXPECT_EQ(State(), S::ESTABLISHED);
    out.ClearHistory();
    Advance(NanoSeconds(1)); // the fourth expiry: R2 reached (RFC 9293 §3.8.3)
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
    EXPECT_NOTHING_SENT(); // no RST on give-up
}

TEST_F(DataTest, UserTimeoutGivesUpBeforeTheRetryLimit)
{
    cfg.userTimeout = MilliSeconds(2500);
    DriveToEstablished();
    const Time sent = now;
    Write("data");
    Advance(Seconds(1));
    EXPECT_EQ(out.sent.size(), 2u); // one retransmission
    // The next expiry would be at 3 s; the user timeout cuts it to 2.5 s after the send.
    EXPECT_EQ(out.Timer(T::RETRANSMIT), sent + MilliSeconds(2500));
    Advance(MilliSeconds(1500));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
}

TEST_F(DataTest, UserTimeoutCountsFromTheLastProgress)
{
    cfg.userTimeout = Seconds(2);
    DriveToEstablished();
    Write(Text(2000));
    Advance(MilliSeconds(1500));
    Inject(PeerAck(1000)); // progress: the clock restarts
    Advance(MilliSeconds(1999));
    EXPECT_EQ(State(), S::ESTABLISHED);
    Advance(MilliSeconds(1));
    EXPECT_EQ(State(), S::CLOSED);
}

// ------------------------------------------------------------------ timestamps and PAWS

TEST_F(DataTest, PawsDropsOldSegment)
{
    DriveToEstablishedWithTimestamps(1000);
    Inject(PeerData(0, 100).Ts(1010, OurTsVal()));
    EXPECT_EQ(Tcb().tsRecent, 1010u);
    out.ClearHistory();
    // RFC 7323 §5.3 R1: SEG.TSval < TS.Recent, an old duplicate from a wrapped sequence
    // space: not acceptable, ACK and drop, even though its sequence number is in window.
    Inject(PeerData(100, 100).Ts(1005, OurTsVal()));
    EXPECT_SENT(OurAck(100).Ts(OurTsVal(), 1010));
    EXPECT_EQ(out.drops, (std::vector<D> {D::PAWS_REJECTED}));
    EXPECT_EQ(ReadAll(), Text(100));
    // The same bytes with a current timestamp are accepted.
    Inject(PeerData(100, 100).Ts(1011, OurTsVal()));
    EXPECT_EQ(ReadAll(), Text(100, 100));
}

TEST_F(DataTest, PawsDoesNotApplyToRst)
{
    DriveToEstablishedWithTimestamps(1000);
    Inject(Flags(H::RST).Seq(kIrs + 1).Ts(1, 0)); // RFC 7323 §5.3 R1: "the RST bit is off"
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(DataTest, PawsTrustsTsRecentForOnly24Days)
{
    DriveToEstablishedWithTimestamps(1000);
    Advance(cfg.pawsIdleLimit + Seconds(1));
    // RFC 7323 §5.5: after 24 idle days TS.Recent is invalid; the segment is accepted and
    // its TSval becomes TS.Recent.
    Inject(PeerData(0, 100).Ts(5, OurTsVal()));
    EXPECT_EQ(ReadAll(), Text(100));
    EXPECT_EQ(Tcb().tsRecent, 5u);
}

TEST_F(DataTest, DelayedAckEchoesTheEarliestUnacknowledgedTimestamp)
{
    cfg.quickAcks = 0;
    DriveToEstablishedWithTimestamps(1000);
    Inject(PeerData(0, 100).Ts(1001, OurTsVal()));
    Inject(PeerData(100, 100).Ts(1002, OurTsVal()));
    // RFC 7323 §4.3 R3: only a segment at or before Last.ACK.sent updates TS.Recent, so the
    // delayed ACK echoes the first segment's TSval (the RTT includes the delay).
    EXPECT_EQ(Tcb().tsRecent, 1001u);
    Advance(cfg.delayedAckTimeout);
    EXPECT_SENT(OurAck(200).Ts(OurTsVal(), 1001));
}

} // namespace
} // namespace fulltcp_test
