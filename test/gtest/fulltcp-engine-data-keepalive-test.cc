/*
 * Test: engine keepalive rules (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for keepalive (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// Keepalive on with RFC 1122 / Linux defaults.
class KeepAliveTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.keepAlive = true;
        DriveToEstablished();
    }

    /// The keepalive probe: <SEQ=SND.NXT-1><ACK=RCV.NXT>, no data.
    Seg
    Probe(uint32_t sndOffset = 0, uint32_t peerOffset = 0) const
    {
        return Flags(H::ACK).Seq(kIss + sndOffset).Ack(kIrs + 1 + peerOffset);
    }
};

TEST_F(DataTest, KeepAliveIsOffByDefault)
{
    DriveToEstablished();
    EXPECT_FALSE(out.Timer(T::KEEPALIVE));
    Advance(Seconds(100000));
    EXPECT_NOTHING_SENT();
}

TEST_F(KeepAliveTest, IdleConnectionIsProbedAfterTwoHours)
{
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(7200));
    Advance(Seconds(7200) - NanoSeconds(1));
    EXPECT_NOTHING_SENT();
    Advance(NanoSeconds(1));
    EXPECT_SENT(Probe());
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(75));
}

TEST_F(KeepAliveTest, AnsweredProbeRestartsTheIdleTime)
{
    Advance(Seconds(7200));
    EXPECT_SENT(Probe());
    Advance(MilliSeconds(50));
    Inject(PeerAck(0)); // the peer's answer
    Advance(Seconds(75));
    EXPECT_NOTHING_SENT(); // alive: the next probe comes two idle hours after the answer
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now - Seconds(75) + Seconds(7200));
    EXPECT_EQ(Tcb().keepAliveProbesOut, 0u);
}

TEST_F(KeepAliveTest, UnansweredProbesTimeOutWithoutRst)
{
    Advance(Seconds(7200) + 8 * Seconds(75)); // nine probes
    EXPECT_EQ(out.sent.size(), 9u);
    out.ClearHistory();
    Advance(Seconds(75));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
    EXPECT_NOTHING_SENT();
}

TEST_F(KeepAliveTest, TrafficPostponesTheProbe)
{
    Advance(Seconds(3600));
    Inject(PeerData(0, 10));
    out.ClearHistory();
    Advance(Seconds(3600)); // the timer fires, but the peer was heard an hour ago
    EXPECT_NOTHING_SENT();
    Advance(Seconds(3600));
    EXPECT_SENT(Probe(0, 10));
}

TEST_F(KeepAliveTest, NoProbeWhileDataIsOutstanding)
{
    // The connection copies its configuration when it starts: the retry limit is set before,
    // so that the retransmissions outlast the keepalive deadline (7200 s of idleness).
    Restart();
    cfg.keepAlive = true;
    cfg.dataRetries = 100;
    DriveToEstablished();
    Advance(Seconds(7000));
    Write("x"); // unacknowledged: the retransmission timer watches the peer
    out.ClearHistory();
    // Well past the first probe's deadline (7200 s) and several probe intervals after it.
    Advance(Seconds(1000));
    ASSERT_EQ(State(), S::ESTABLISHED);
    ASSERT_GE(out.sent.size(), 5u) << "the retransmissions of the byte";
    for (const auto& s : out.sent)
    {
        EXPECT_EQ(s.payload->GetSize(), 1u) << "only retransmissions, no keepalive";
    }
}

TEST_F(KeepAliveTest, HalfClosedConnectionIsProbedInFinWait2)
{
    ASSERT_EQ(Conn().ShutdownSend(now), FullTcpError::OK);
    Inject(PeerAck(1)); // our FIN acknowledged; the application still reads
    ASSERT_EQ(State(), S::FIN_WAIT_2);
    out.ClearHistory();
    Advance(Seconds(7200) + 9 * Seconds(75));
    EXPECT_EQ(out.sent.size(), 9u);
    EXPECT_SENT(Probe(1));
    // The peer vanished: FIN_WAIT_2 times out instead of waiting forever.
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::FIN_WAIT_2, S::CLOSED, C::TIMEOUT_FIN_WAIT_2}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
}

TEST_F(DataTest, KeepAliveTimesAreConfigurable)
{
    cfg.keepAlive = true;
    cfg.keepAliveIdle = Seconds(60);
    cfg.keepAliveInterval = Seconds(5);
    cfg.keepAliveProbes = 2;
    DriveToEstablished();
    Advance(Seconds(60) + Seconds(5)); // two probes
    EXPECT_EQ(out.sent.size(), 2u);
    Advance(Seconds(5));
    EXPECT_EQ(State(), S::CLOSED);
}

TEST_F(DataTest, PeersKeepAliveProbeIsAnswered)
{
    DriveToEstablished();
    Inject(Flags(H::ACK).Seq(kIrs).Ack(kIss + 1)); // <SEQ=SND.NXT-1>, from the peer
    EXPECT_SENT(OurAck(0));
}

} // namespace
} // namespace fulltcp_test
