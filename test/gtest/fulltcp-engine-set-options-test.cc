/*
 * Test: socket options changed on an open connection (FullTcpConnection::SetOptions())
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One rule per test, each after Linux's setsockopt() on a connected socket
 * (do_tcp_setsockopt(), sk_setsockopt()).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// An established connection whose options a test changes with Change().
class SetOptionsTest : public DataTest
{
  protected:
    /// \param edit what to change in the connection's configuration
    template<typename F>
    void
    Change(F edit)
    {
        FullTcpConfig c = Conn().GetConfig();
        edit(c);
        Conn().SetOptions(c, now);
    }

    /// \param sndOffset our SND.NXT offset \return the keepalive probe <SEQ=SND.NXT-1><ACK>
    Seg
    Probe(uint32_t sndOffset = 0) const
    {
        return Flags(H::ACK).Seq(kIss + sndOffset).Ack(kIrs + 1);
    }
};

TEST_F(SetOptionsTest, KeepAliveOnArmsAFullIdleTimeFromNow)
{
    cfg.keepAliveIdle = Seconds(10);
    DriveToEstablished();
    Advance(Seconds(30)); // idle for longer than keepAliveIdle, keepalive off
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAlive = true;
        });
    // Linux tcp_set_keepalive(): a full idle time from now, not a probe at once.
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(10));
    Advance(Seconds(10) - NanoSeconds(1));
    EXPECT_NOTHING_SENT();
    Advance(NanoSeconds(1));
    EXPECT_SENT(Probe());
}

TEST_F(SetOptionsTest, KeepAliveOffCancelsTheTimer)
{
    cfg.keepAlive = true;
    DriveToEstablished();
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAlive = false;
        });
    EXPECT_FALSE(out.Timer(T::KEEPALIVE));
    Advance(Seconds(100000));
    EXPECT_NOTHING_SENT();
}

TEST_F(SetOptionsTest, KeepIdleRearmsForWhatIsLeftOfTheIdleTime)
{
    cfg.keepAlive = true;
    DriveToEstablished();
    Advance(Seconds(1000));
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAliveIdle = Seconds(1500);
        });
    // Linux tcp_sock_set_keepidle_locked(): 1500 s less the 1000 s already idle.
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(500));
    Advance(Seconds(500));
    EXPECT_SENT(Probe());
}

TEST_F(SetOptionsTest, KeepIdleCountsFromTheHandshakeWhenKeepAliveCameLater)
{
    Advance(Seconds(50)); // the connection opens at 50 s, and nothing arrives after
    DriveToEstablished();
    Advance(Seconds(100));
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAlive = true;
        });
    Advance(Seconds(100));
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAliveIdle = Seconds(1500);
        });
    // Idle since the SYN-ACK 200 s ago (Linux keepalive_time_elapsed(): rcv_tstamp).
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(1300));
}

TEST_F(SetOptionsTest, KeepIdleShorterThanTheIdleTimeProbesAtOnce)
{
    cfg.keepAlive = true;
    DriveToEstablished();
    Advance(Seconds(1000));
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAliveIdle = Seconds(600);
        });
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now);
    Advance(Seconds(0));
    EXPECT_SENT(Probe());
}

TEST_F(SetOptionsTest, KeepAliveIntervalAndProbesApplyAtTheNextExpiry)
{
    cfg.keepAlive = true;
    cfg.keepAliveIdle = Seconds(60);
    DriveToEstablished();
    Change(
        [](FullTcpConfig& c)
        {
            c.keepAliveInterval = Seconds(5);
            c.keepAliveProbes = 1;
        });
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(60)); // not re-armed
    Advance(Seconds(60));
    EXPECT_SENT(Probe());
    EXPECT_EQ(out.Timer(T::KEEPALIVE), now + Seconds(5));
    Advance(Seconds(5));
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RETRIES_EXHAUSTED}}));
}

TEST_F(SetOptionsTest, NoDelaySendsWhatNagleHolds)
{
    DriveToEstablished();
    const std::string data = Text(200);
    Write(data.substr(0, 100));
    EXPECT_SENT(OurData(data, 0, 100, H::PSH));
    Write(data.substr(100)); // held: data is in flight (Nagle)
    EXPECT_NOTHING_SENT();
    Change(
        [](FullTcpConfig& c)
        {
            c.noDelay = true;
        });
    // Linux __tcp_sock_set_nodelay(): tcp_push_pending_frames().
    EXPECT_SENT(OurData(data, 100, 100, H::PSH));
}

TEST_F(SetOptionsTest, UserTimeoutEndsTheConnectionAtTheNextExpiry)
{
    DriveToEstablished();
    Write("data");
    Advance(Seconds(1));
    EXPECT_EQ(out.sent.size(), 2u); // sent, retransmitted after the initial RTO (1 s)
    const Time expiry = *out.Timer(T::RETRANSMIT);
    Change(
        [](FullTcpConfig& c)
        {
            c.userTimeout = MilliSeconds(500);
        });
    // As Linux, the value is only stored: the timer armed for the backed-off RTO runs on,
    // and its expiry finds the time up (tcp_write_timeout()).
    EXPECT_EQ(out.Timer(T::RETRANSMIT), expiry);
    Advance(expiry - now);
    EXPECT_EQ(out.sent.size(), 2u);
    EXPECT_EQ(out.transitions,
              (std::vector<Transition> {{S::ESTABLISHED, S::CLOSED, C::RETRIES_EXHAUSTED}}));
    EXPECT_EQ(out.events, (std::vector<E> {E::TIMED_OUT}));
}

TEST_F(SetOptionsTest, LargerSendBufferNotifiesSendSpace)
{
    DriveToEstablished();
    Write(Text(kBuf));
    EXPECT_EQ(Conn().GetTxAvailable(), 0u);
    out.ClearHistory();
    Change(
        [](FullTcpConfig& c)
        {
            c.sndBufSize = 2 * kBuf;
        });
    EXPECT_EQ(Conn().GetTxAvailable(), kBuf);
    EXPECT_EQ(out.events, (std::vector<E> {E::SEND_SPACE}));
}

TEST_F(SetOptionsTest, SmallerSendBufferTakesNoMoreData)
{
    DriveToEstablished();
    Write(Text(1000));
    Change(
        [](FullTcpConfig& c)
        {
            c.sndBufSize = 1500;
        });
    EXPECT_EQ(Conn().GetTxAvailable(), 500u);
    EXPECT_EQ(Conn().Send(Payload(Text(501)), now), FullTcpError::NO_BUFFER_SPACE);
    EXPECT_FALSE(Saw(E::SEND_SPACE));
}

TEST_F(SetOptionsTest, FinWait2TimeoutAppliesWhenTheOrphanReachesFinWait2)
{
    DriveToEstablished();
    Change(
        [](FullTcpConfig& c)
        {
            c.finWait2Timeout = Seconds(5);
        });
    ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
    Inject(PeerAck(1)); // our FIN acknowledged
    ASSERT_EQ(State(), S::FIN_WAIT_2);
    EXPECT_EQ(out.Timer(T::LINGER), now + Seconds(5));
}

TEST_F(SetOptionsTest, FieldsReadWhenTheConnectionStartsAreIgnored)
{
    DriveToEstablished();
    Change(
        [](FullTcpConfig& c)
        {
            c.rcvBufSize = 3 * kBuf;
            c.mss = 100;
            c.dataRetries = 1;
        });
    EXPECT_EQ(Conn().GetConfig().rcvBufSize, kBuf);
    EXPECT_EQ(Conn().GetConfig().mss, cfg.mss);
    EXPECT_EQ(Conn().GetConfig().dataRetries, cfg.dataRetries);
}

} // namespace
} // namespace fulltcp_test
