/*
 * Test: TCP_CORK, TCP_NODELAY and MSG_MORE (Linux tp->nonagle), writability, MD5 drop
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One rule per test, each after Linux: __tcp_sock_set_cork(), __tcp_sock_set_nodelay(),
 * tcp_push() with MSG_MORE, tcp_nagle_test(), tcp_write_wakeup() (fulltcp-cork.cc); the
 * writability a poll() reports (__sk_stream_is_writeable(), TCP_NOTSENT_LOWAT); the drop of an
 * unexpected MD5 signature option (tcp_inbound_md5_hash()).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// DataTest with the write flags of Linux's sendmsg() and the socket options of the cork.
class CorkTest : public DataTest
{
  protected:
    /// Write bytes with MSG_MORE and check that the engine took them.
    void
    WriteMore(const std::string& bytes)
    {
        ASSERT_EQ(Conn().Send(Payload(bytes), now, false, true), FullTcpError::OK);
    }
};

TEST_F(CorkTest, CorkHoldsAPartialSegmentWithNothingInFlight)
{
    // tcp_nagle_check(): TCP_NAGLE_CORK holds a partial segment even with nothing in flight,
    // where Nagle alone would send it.
    DriveToEstablished();
    Conn().SetCork(true, now);
    Write(Text(40));
    EXPECT_NOTHING_SENT();
}

TEST_F(CorkTest, UncorkSendsWhatTheCorkHeld)
{
    // __tcp_sock_set_cork(sk, false): tcp_push_pending_frames() sends both writes as one
    // segment, PSH at the end of the last.
    DriveToEstablished();
    Conn().SetCork(true, now);
    const std::string data = Text(80);
    Write(data.substr(0, 40));
    Write(data.substr(40));
    EXPECT_NOTHING_SENT();
    Conn().SetCork(false, now);
    EXPECT_SENT(OurData(data, 0, 80, H::PSH));
}

TEST_F(CorkTest, NoDelayPushesThroughTheCork)
{
    // __tcp_sock_set_nodelay(sk, true): TCP_NAGLE_PUSH lets what is queued go, corked or not,
    // also when TCP_NODELAY was on already.
    cfg.noDelay = true;
    DriveToEstablished();
    Conn().SetCork(true, now);
    const std::string data = Text(40);
    Write(data);
    EXPECT_NOTHING_SENT();
    Conn().SetNoDelay(true, now);
    EXPECT_SENT(OurData(data, 0, 40, H::PSH));
}

TEST_F(CorkTest, NewWriteEndsTheNoDelayPush)
{
    // tcp_skb_entail() clears TCP_NAGLE_PUSH: once the pushed data left, the next write is
    // corked again.
    DriveToEstablished();
    Conn().SetCork(true, now);
    const std::string data = Text(80);
    Write(data.substr(0, 40));
    Conn().SetNoDelay(true, now);
    EXPECT_SENT(OurData(data, 0, 40, H::PSH));
    Inject(PeerAck(40));
    Write(data.substr(40));
    EXPECT_NOTHING_SENT();
}

TEST_F(CorkTest, MsgMoreHoldsAPartialSegmentDespiteNoDelay)
{
    // tcp_push(): "if (flags & MSG_MORE) nonagle = TCP_NAGLE_CORK", TCP_NODELAY or not.
    cfg.noDelay = true;
    DriveToEstablished();
    WriteMore(Text(40));
    EXPECT_NOTHING_SENT();
}

TEST_F(CorkTest, WriteAfterMsgMoreSendsBothWithPsh)
{
    // A write without MSG_MORE pushes what the MSG_MORE write left, with PSH at its end.
    cfg.noDelay = true;
    DriveToEstablished();
    const std::string data = Text(60);
    WriteMore(data.substr(0, 20));
    Write(data.substr(20));
    EXPECT_SENT(OurData(data, 0, 60, H::PSH));
}

TEST_F(CorkTest, MsgMoreSendsFullSegmentsWithoutPsh)
{
    // Full segments go (tcp_nagle_check() holds partial ones only); no PSH marks the end of a
    // MSG_MORE write (tcp_push(): no tcp_mark_push()), so the tail an ACK releases (the next
    // push uses tp->nonagle, TCP_NAGLE_OFF) has none either.
    cfg.noDelay = true;
    DriveToEstablished();
    const std::string data = Text(1500);
    WriteMore(data);
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 1000, 500));
}

TEST_F(CorkTest, PersistTimerSendsWhatMsgMoreHeldWithPsh)
{
    // With nothing in flight the probe timer fires after an RTO (tcp_check_probe_timer()) and
    // tcp_write_wakeup() sends the held bytes, marked PSH (Linux's prober:
    // zeroWindowProbeData false).
    cfg.noDelay = true;
    cfg.zeroWindowProbeData = false;
    DriveToEstablished();
    const std::string data = Text(40);
    WriteMore(data);
    EXPECT_NOTHING_SENT();
    ASSERT_TRUE(out.Timer(T::RETRANSMIT).has_value());
    Advance(*out.Timer(T::RETRANSMIT) - now);
    EXPECT_SENT(OurData(data, 0, 40, H::PSH));
}

TEST_F(CorkTest, NotSentLowatMakesTheConnectionUnwritable)
{
    // tcp_stream_memory_free(sk, 1): writable only while twice the unsent bytes stay below
    // TCP_NOTSENT_LOWAT.
    cfg.notSentLowat = 4000;
    cfg.initialCwnd = 2;
    cfg.noDelay = true;
    DriveToEstablished();
    Write(Text(3999)); // 2000 sent (cwnd), 1999 unsent: 3998 < 4000
    EXPECT_TRUE(Conn().IsWritable());
    Write(Text(1)); // 2000 unsent: 4000
    EXPECT_FALSE(Conn().IsWritable());
}

TEST_F(CorkTest, HalfFullSendBufferIsNotWritable)
{
    // sk_stream_wspace() >= sk_stream_min_wspace(): free space at least half the queue, i.e.
    // at most two thirds of the buffer queued.
    cfg.sndBufSize = 3000;
    DriveToEstablished();
    Write(Text(2000));
    EXPECT_TRUE(Conn().IsWritable());
    Write(Text(1));
    EXPECT_FALSE(Conn().IsWritable());
}

TEST_F(CorkTest, UnexpectedMd5OptionIsDropped)
{
    // tcp_inbound_md5_hash(): no key for the peer, a signed segment is dropped unanswered.
    cfg.dropUnexpectedMd5 = true;
    DriveToEstablished();
    Seg s = Flags(H::ACK).Seq(kIrs + 1).Ack(kIss + 1).Data(Text(10));
    s.opts = FullTcpOptions();
    ASSERT_TRUE(s.opts->AddUnknownOption({19, std::vector<uint8_t>(16, 0)}));
    Inject(s);
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(ReadAll(), "");
}

} // namespace
} // namespace fulltcp_test
