/*
 * Test: Linux's give-up rules (linuxGiveUp) and Minshall's Nagle (minshallNagle)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules of the Linux profile for giving up on a silent peer, as Linux 6.18
 * tcp_write_timeout(), tcp_probe_timer() and tcp_keepalive_timer() decide (one named test per
 * rule), and Minshall's variant of Nagle (tcp_minshall_check()). Each test's numbers are those
 * of a test/scripts/linux-*.pkt checked against the kernel, scaled to the fixture's timers.
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// An established connection with Linux's give-up rules and a 200 ms RTO (TCP_RTO_MIN for a
/// handshake RTT of 0).
class LinuxGiveUpTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.linuxGiveUp = true;
        cfg.minRto = MilliSeconds(200);
        cfg.zeroWindowProbeData = false;
    }

    /// The connection is closed with this cause and the application told \param cause why
    /// \param event what the application hears
    void
    ExpectClosed(C cause, E event)
    {
        ASSERT_EQ(out.transitions.size(), 1u);
        EXPECT_EQ(out.transitions[0].to, S::CLOSED);
        EXPECT_EQ(out.transitions[0].cause, cause);
        EXPECT_EQ(out.events, (std::vector<E> {event}));
    }
};

TEST_F(LinuxGiveUpTest, DataRetriesAreATimeFromTheFirstRetransmission)
{
    // tcp_retries2 = 3 is (2^4 - 1) * 200 ms = 3 s after the first retransmission (0.2 s):
    // the expiry at 3 s finds 2.8 s gone and retransmits a fourth time (a count would give up
    // here); the one at 6.2 s gives up (linux-retries2-time).
    cfg.dataRetries = 3;
    DriveToEstablished();
    Write("data");
    Advance(Seconds(3));
    EXPECT_EQ(out.sent.size(), 5u); // the segment and four retransmissions
    EXPECT_EQ(State(), S::ESTABLISHED);
    out.ClearHistory();
    Advance(MilliSeconds(3200));
    ExpectClosed(C::RETRIES_EXHAUSTED, E::TIMED_OUT);
    EXPECT_NOTHING_SENT(); // no RST (tcp_write_err())
}

TEST_F(LinuxGiveUpTest, UserTimeoutCountsFromTheFirstRetransmission)
{
    // tcp_clamp_rto_to_user_timeout() cuts the timer only after a retransmission, from
    // retrans_stamp (linux-user-timeout-first-retransmit).
    cfg.userTimeout = MilliSeconds(100);
    DriveToEstablished();
    Write("data");
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(200)); // the RTO, not cut
    Advance(MilliSeconds(200));
    EXPECT_EQ(out.sent.size(), 2u);
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(100));
    out.ClearHistory();
    Advance(MilliSeconds(100));
    ExpectClosed(C::RETRIES_EXHAUSTED, E::TIMED_OUT);
}

TEST_F(LinuxGiveUpTest, UserTimeoutEndsSynSent)
{
    // retransmits_timed_out() with the user timeout from the first SYN (tcp_connect()):
    // SYNs at 0, 1 and 2 s (linear timeouts), connect() fails at 2.5 s
    // (linux-user-timeout-syn-sent).
    cfg.userTimeout = MilliSeconds(2500);
    cfg.synLinearTimeouts = 4;
    DriveToSynSent();
    Advance(Seconds(2));
    EXPECT_EQ(out.sent.size(), 2u);
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(500));
    out.ClearHistory();
    Advance(MilliSeconds(500));
    ExpectClosed(C::RETRIES_EXHAUSTED, E::CONNECT_TIMED_OUT);
}

TEST_F(LinuxGiveUpTest, OrphanGivesUpAfterOrphanRetries)
{
    // A closed connection takes tcp_orphan_retries, here 1: (2^2 - 1) * 200 ms = 600 ms after
    // the first retransmission of the FIN (linux-orphan-retries).
    cfg.orphanRetries = 1;
    DriveToEstablished();
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    Advance(MilliSeconds(200 + 400)); // the FIN and two retransmissions
    EXPECT_EQ(out.sent.size(), 3u);
    out.ClearHistory();
    Advance(MilliSeconds(800));
    ASSERT_EQ(out.transitions.size(), 1u);
    EXPECT_EQ(out.transitions[0].from, S::FIN_WAIT_1);
    EXPECT_EQ(out.transitions[0].to, S::CLOSED);
    EXPECT_NOTHING_SENT();
}

TEST_F(LinuxGiveUpTest, ZeroWindowProbesBackOffAtMostDataRetriesTimes)
{
    // tcp_send_probe0(): icsk_backoff stops at tcp_retries2; answered probes go on
    // (linux-zero-window-probe-answered).
    cfg.dataRetries = 2;
    DriveToEstablished();
    CloseWindowWithDataWaiting(Text(5000));
    for (const Time& interval : {MilliSeconds(200),
                                 MilliSeconds(400),
                                 MilliSeconds(800),
                                 MilliSeconds(800),
                                 MilliSeconds(800)})
    {
        EXPECT_EQ(out.Timer(T::RETRANSMIT), now + interval);
        Advance(interval);
        EXPECT_SENT(OurAck(0, 2999));
        Inject(PeerAck(3000).Win(0));
    }
    EXPECT_EQ(State(), S::ESTABLISHED);
}

TEST_F(LinuxGiveUpTest, ZeroWindowUserTimeoutCountsFromTheFirstProbe)
{
    // tcp_probe_timer(): answered or not, probing ends once the user timeout has passed since
    // the first probe; the timer is cut to it (linux-zero-window-user-timeout).
    cfg.userTimeout = MilliSeconds(1000);
    DriveToEstablished();
    CloseWindowWithDataWaiting(Text(5000));
    Advance(MilliSeconds(200)); // the first probe: the user timeout starts
    Inject(PeerAck(3000).Win(0));
    Advance(MilliSeconds(400));
    EXPECT_EQ(out.sent.size(), 2u);
    Inject(PeerAck(3000).Win(0));
    // 1 s after the first probe, not the 800 ms of the backoff.
    EXPECT_EQ(out.Timer(T::RETRANSMIT), now + MilliSeconds(600));
    out.ClearHistory();
    Advance(MilliSeconds(600));
    ExpectClosed(C::RETRIES_EXHAUSTED, E::TIMED_OUT);
    EXPECT_NOTHING_SENT();
}

TEST_F(LinuxGiveUpTest, KeepAliveGivesUpWithRst)
{
    // tcp_keepalive_timer(): tcp_send_active_reset(), then ETIMEDOUT
    // (linux-keepalive-give-up-rst).
    cfg.keepAlive = true;
    cfg.keepAliveIdle = Seconds(60);
    cfg.keepAliveInterval = Seconds(5);
    cfg.keepAliveProbes = 2;
    DriveToEstablished();
    Advance(Seconds(60) + Seconds(5));
    EXPECT_EQ(out.sent.size(), 2u);
    out.ClearHistory();
    Advance(Seconds(5));
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    ExpectClosed(C::RETRIES_EXHAUSTED, E::TIMED_OUT);
}

TEST_F(LinuxGiveUpTest, KeepAliveGivesUpOnTheUserTimeout)
{
    // With a user timeout keepalive ends once that long has passed since the peer was last
    // heard, whatever TCP_KEEPCNT says (linux-keepalive-user-timeout).
    cfg.keepAlive = true;
    cfg.keepAliveIdle = Seconds(60);
    cfg.keepAliveInterval = Seconds(5);
    cfg.keepAliveProbes = 9;
    cfg.userTimeout = Seconds(68);
    DriveToEstablished();
    Advance(Seconds(65));
    EXPECT_EQ(out.sent.size(), 2u);
    out.ClearHistory();
    Advance(Seconds(5));
    EXPECT_SENT(Flags(H::RST | H::ACK).Seq(kIss + 1).Ack(kIrs + 1));
    ExpectClosed(C::RETRIES_EXHAUSTED, E::TIMED_OUT);
}

TEST_F(DataTest, MinshallNagleHoldsOnlyBehindASmallSegment)
{
    // tcp_minshall_check(): the tail of a write goes behind the full segment at once; the
    // next small write waits for the ACK of that tail, not of the full segment
    // (linux-nagle-minshall).
    cfg.minshallNagle = true;
    DriveToEstablished();
    const std::string data = Text(1600);
    Write(data.substr(0, 1500));
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_SENT(OurData(data, 1000, 500, H::PSH));
    Write(data.substr(1500));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(1500));
    EXPECT_SENT(OurData(data, 1500, 100, H::PSH));
}

} // namespace
} // namespace fulltcp_test
