/*
 * Test: the socket error queue: MSG_ZEROCOPY completions and SO_TIMESTAMPING's TX reports
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One test per rule of FullTcpErrorQueue, each with the exact entries recvmsg(MSG_ERRQUEUE)
 * would return (Linux __msg_zerocopy_callback(), skb_zerocopy_notify_extend(),
 * tcp_tx_timestamp(), __skb_tstamp_tx(), tcp_ack_tstamp()).
 */
#include "ns3/fulltcp-error-queue.h"

#include <gtest/gtest.h>

namespace
{

using ns3::FullTcpErrorQueue;
using ns3::FullTcpSockError;
using ns3::MilliSeconds;

/// \param q the queue \return its oldest entry (the test fails when there is none)
FullTcpSockError
Next(FullTcpErrorQueue& q)
{
    FullTcpSockError e;
    EXPECT_TRUE(q.Pop(e));
    return e;
}

TEST(FullTcpErrorQueue, ZeroCopyCompletesWhenItsLastByteIsAcknowledged)
{
    FullTcpErrorQueue q;
    EXPECT_EQ(q.ZeroCopySent(4001), 0u);
    EXPECT_FALSE(q.Acknowledged(4000, MilliSeconds(1))); // one byte still held
    EXPECT_TRUE(q.IsEmpty());
    EXPECT_TRUE(q.Acknowledged(4001, MilliSeconds(2)));
    const FullTcpSockError e = Next(q);
    EXPECT_EQ(e.errnum, 0u);
    EXPECT_EQ(e.origin, FullTcpSockError::ORIGIN_ZEROCOPY);
    EXPECT_EQ(e.type, 0u);
    EXPECT_EQ(e.code, FullTcpSockError::CODE_ZEROCOPY_COPIED);
    EXPECT_EQ(e.info, 0u);
    EXPECT_EQ(e.data, 0u);
    EXPECT_TRUE(q.IsEmpty());
}

TEST(FullTcpErrorQueue, ZeroCopyIdsFollowEachOther)
{
    FullTcpErrorQueue q;
    q.ZeroCopySent(4001);
    q.Acknowledged(4001, MilliSeconds(1));
    Next(q);
    EXPECT_EQ(q.ZeroCopySent(8001), 1u);
    q.Acknowledged(8001, MilliSeconds(2));
    const FullTcpSockError e = Next(q);
    EXPECT_EQ(e.info, 1u);
    EXPECT_EQ(e.data, 1u);
}

TEST(FullTcpErrorQueue, ZeroCopyCompletionsExtendTheLastEntry)
{
    // skb_zerocopy_notify_extend(): two completions not yet read are one range [0, 2].
    FullTcpErrorQueue q;
    q.ZeroCopySent(4001);
    q.ZeroCopySent(8001);
    EXPECT_TRUE(q.Acknowledged(4001, MilliSeconds(1)));
    // A merged completion still reports (sk_error_report(): an edge-triggered EPOLLERR).
    EXPECT_TRUE(q.Acknowledged(8001, MilliSeconds(2)));
    q.ZeroCopySent(12001);
    EXPECT_TRUE(q.Acknowledged(12001, MilliSeconds(3)));
    EXPECT_EQ(q.GetSize(), 1u);
    const FullTcpSockError e = Next(q);
    EXPECT_EQ(e.info, 0u);
    EXPECT_EQ(e.data, 2u);
}

TEST(FullTcpErrorQueue, ZeroCopyCompletionAfterATimestampIsANewEntry)
{
    // Only a zerocopy entry at the tail is extended.
    FullTcpErrorQueue q;
    q.SetTimestamping(FullTcpErrorQueue::TX_SOFTWARE, 1);
    q.ZeroCopySent(11);
    q.TimestampSent(11);
    q.SegmentSent(1, 11, MilliSeconds(1));
    q.ZeroCopySent(21);
    q.Acknowledged(21, MilliSeconds(2));
    EXPECT_EQ(q.GetSize(), 2u);
    EXPECT_EQ(Next(q).origin, FullTcpSockError::ORIGIN_TIMESTAMPING);
    const FullTcpSockError e = Next(q);
    EXPECT_EQ(e.info, 0u);
    EXPECT_EQ(e.data, 1u);
}

TEST(FullTcpErrorQueue, PurgeCompletesEveryZeroCopySend)
{
    // tcp_write_queue_purge() frees the buffers: their sends complete without an ACK.
    FullTcpErrorQueue q;
    q.ZeroCopySent(101);
    q.ZeroCopySent(201);
    EXPECT_TRUE(q.Purged());
    const FullTcpSockError e = Next(q);
    EXPECT_EQ(e.info, 0u);
    EXPECT_EQ(e.data, 1u);
    EXPECT_FALSE(q.Purged());
}

TEST(FullTcpErrorQueue, TimestampsReportTheLastByteOfASend)
{
    // OPT_ID set at SND.UNA = 1: a send of 11000 bytes marks key 10999; the segment that
    // carries it reports SCHED then SND, its acknowledgment ACK.
    FullTcpErrorQueue q;
    const uint32_t all = FullTcpErrorQueue::TX_SCHED | FullTcpErrorQueue::TX_SOFTWARE
                       | FullTcpErrorQueue::TX_ACK | FullTcpErrorQueue::SOFTWARE
                       | FullTcpErrorQueue::OPT_ID;
    q.SetTimestamping(all, 1);
    q.TimestampSent(11001);
    EXPECT_FALSE(q.SegmentSent(1, 10001, MilliSeconds(10)));
    EXPECT_FALSE(q.Acknowledged(10001, MilliSeconds(20)));
    EXPECT_TRUE(q.SegmentSent(10001, 11001, MilliSeconds(20)));
    EXPECT_TRUE(q.Acknowledged(11001, MilliSeconds(30)));
    const uint32_t kinds[] = {
        FullTcpSockError::STAMP_SCHED, FullTcpSockError::STAMP_SND, FullTcpSockError::STAMP_ACK};
    const int64_t when[] = {20, 20, 30};
    for (int i = 0; i < 3; ++i)
    {
        const FullTcpSockError e = Next(q);
        EXPECT_EQ(e.errnum, FullTcpSockError::ERRNO_ENOMSG);
        EXPECT_EQ(e.origin, FullTcpSockError::ORIGIN_TIMESTAMPING);
        EXPECT_EQ(e.info, kinds[i]);
        EXPECT_EQ(e.data, 10999u);
        EXPECT_EQ(e.stamp, MilliSeconds(when[i]));
        EXPECT_GT(e.length, 0u);
    }
    EXPECT_TRUE(q.IsEmpty());
}

TEST(FullTcpErrorQueue, TimestampKeysCountFromOptIdSetting)
{
    // sock_set_timestamping(): OPT_ID set when SND.UNA is 2001 makes byte offset 2001 key 0.
    FullTcpErrorQueue q;
    q.SetTimestamping(FullTcpErrorQueue::TX_SOFTWARE | FullTcpErrorQueue::OPT_ID, 2001);
    q.TimestampSent(3001);
    q.SegmentSent(2001, 3001, MilliSeconds(1));
    EXPECT_EQ(Next(q).data, 999u);
}

TEST(FullTcpErrorQueue, NoTimestampFlagsMarkNothing)
{
    FullTcpErrorQueue q;
    q.TimestampSent(1001);
    EXPECT_FALSE(q.SegmentSent(1, 1001, MilliSeconds(1)));
    EXPECT_FALSE(q.Acknowledged(1001, MilliSeconds(2)));
    FullTcpSockError e;
    EXPECT_FALSE(q.Pop(e));
}

} // namespace
