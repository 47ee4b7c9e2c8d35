/*
 * Test: compact TIME_WAIT record size and each rule's exact reply, checked against the engine
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The compact TIME_WAIT record of the ns-3 glue (FullTcpTimeWaitRecord): its size, and one
 * test per TIME_WAIT rule (RFC 9293 §3.10.7.4, RFC 5961, RFC 7323 PAWS, RFC 1337, RFC 6191)
 * with the exact reply, on a record taken from an engine driven to TIME_WAIT. Its answers
 * must be those of the engine (the last test compares them segment by segment).
 */
#include "fulltcp-engine-fixture.h"

#include "ns3/fulltcp-time-wait.h"

#include <iostream>

namespace fulltcp_test
{
namespace
{

/// An engine driven to TIME_WAIT and the record the glue would make of it.
class TimeWaitRecordTest : public EngineTest
{
  protected:
    /// Drive the engine to TIME_WAIT (with cfg as the test set it) and take the record.
    void
    Take()
    {
        DriveToTimeWait();
        TakeRecord();
    }

    /// Take the record of the engine, which is in TIME_WAIT.
    void
    TakeRecord()
    {
        ASSERT_EQ(State(), S::TIME_WAIT);
        policy = FullTcpTimeWaitPolicy::From(cfg);
        record.emplace(Conn().GetTimeWaitState(), *out.Timer(T::LINGER), 0);
    }

    /// Deliver a segment from the peer to the record now; its ACK, if any, goes to `sent`.
    FullTcpTimeWaitVerdict
    ToRecord(const Seg& s)
    {
        const FullTcpHeader h = MakeHeader(s);
        const auto answer = record->SegmentArrives(policy,
                                                   FullTcpSegmentIn(h, Payload(s.data), now),
                                                   [this]
                                                   {
                                                       return out.hasListener;
                                                   });
        if (answer.ack)
        {
            sent.push_back(
                {*answer.ack, Create<Packet>(), now, false, 0, FullTcpEcnCodepoint::NOT_ECT});
        }
        return answer.verdict;
    }

    /// \return success when the record's next reply is exactly want (and consume it)
    ::testing::AssertionResult
    Replied(const Seg& want)
    {
        if (sent.empty())
        {
            return ::testing::AssertionFailure() << "the record sent nothing";
        }
        const Sent got = sent.front();
        sent.pop_front();
        return SegmentMatches(got, want, kLocalPort, kRemotePort);
    }

    FullTcpTimeWaitPolicy policy;                //!< the record's configuration
    std::optional<FullTcpTimeWaitRecord> record; //!< the record under test
    std::deque<Sent> sent;                       //!< what the record sent
};

/// The same with timestamps and SACK negotiated; TS.Recent = 500 in TIME_WAIT.
class TimeWaitRecordWithOptions : public TimeWaitRecordTest
{
  protected:
    void
    SetUp() override
    {
        cfg.timestamps = true;
        cfg.sack = true;
        cfg.timestampOffset = 7;
        DriveToSynSent();
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).SackOk().Ts(400, 1));
        ASSERT_EQ(Conn().Close(now), FullTcpError::OK);
        Inject(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2).Ts(500, 1));
        TakeRecord();
    }
};

TEST_F(TimeWaitRecordTest, RecordIsCompact)
{
    // Linux's tcp_timewait_sock is about 200 bytes; the engine is ~1.5 KB.
    std::cout << "sizeof(FullTcpTimeWaitRecord) = " << sizeof(FullTcpTimeWaitRecord)
              << ", sizeof(FullTcpConnection) = " << sizeof(FullTcpConnection) << std::endl;
    RecordProperty("RecordBytes", static_cast<int>(sizeof(FullTcpTimeWaitRecord)));
    EXPECT_LE(sizeof(FullTcpTimeWaitRecord), 96u);
}

TEST_F(TimeWaitRecordTest, RecordKeepsTheEngineState)
{
    Take();
    const FullTcpTimeWaitState& st = record->GetState();
    EXPECT_EQ(st.sndNxt, kIss + 2);
    EXPECT_EQ(st.rcvNxt, kIrs + 2);
    EXPECT_EQ(st.rcvWnd, kBuf);
    EXPECT_EQ(record->GetExpiry(), now + 2 * cfg.msl);
}

TEST_F(TimeWaitRecordTest, RecordReAcksRetransmittedFinAndRestarts2Msl)
{
    Take();
    now += Seconds(100);
    const auto v = ToRecord(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2).Win(kBuf).NoOptions()));
    EXPECT_TRUE(v.restartTimer);
    EXPECT_EQ(record->GetExpiry(), now + 2 * cfg.msl);
    EXPECT_EQ(v.drop, D::SEQ_NOT_ACCEPTABLE);
    EXPECT_FALSE(v.close);
}

TEST_F(TimeWaitRecordTest, RecordReAcksEveryRetransmittedFin)
{
    Take();
    for (int i = 0; i < 3; ++i)
    {
        now += MilliSeconds(10);
        ToRecord(Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2));
        EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2))) << "FIN " << i;
    }
}

TEST_F(TimeWaitRecordTest, RecordOldAckGetsTheAckWithoutRestart)
{
    Take();
    const Time expiry = record->GetExpiry();
    const auto v = ToRecord(Flags(H::ACK).Seq(kIrs).Ack(kIss + 2));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    EXPECT_FALSE(v.restartTimer);
    EXPECT_EQ(record->GetExpiry(), expiry);
}

TEST_F(TimeWaitRecordTest, RecordOldAckRepliesAreRateLimited)
{
    Take();
    ToRecord(Flags(H::ACK).Seq(kIrs).Ack(kIss + 2));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    now += MilliSeconds(100); // within RFC 5961 §7's interval
    ToRecord(Flags(H::ACK).Seq(kIrs).Ack(kIss + 2));
    EXPECT_TRUE(sent.empty());
    now += cfg.challengeAckInterval;
    ToRecord(Flags(H::ACK).Seq(kIrs).Ack(kIss + 2));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
}

TEST_F(TimeWaitRecordTest, RecordRstClosesItByDefault)
{
    Take();
    const auto v = ToRecord(Flags(H::RST).Seq(kIrs + 2));
    EXPECT_EQ(v.close, C::RCV_RST);
    EXPECT_TRUE(sent.empty());
}

TEST_F(TimeWaitRecordTest, RecordRstIsIgnoredWithRfc1337)
{
    cfg.rfc1337 = true;
    Take();
    const auto v = ToRecord(Flags(H::RST).Seq(kIrs + 2));
    EXPECT_FALSE(v.close);
    EXPECT_EQ(v.drop, D::RST_IGNORED_RFC1337);
    EXPECT_TRUE(sent.empty());
}

TEST_F(TimeWaitRecordTest, RecordInWindowRstNotExactDrawsChallengeAck)
{
    Take();
    const auto v = ToRecord(Flags(H::RST).Seq(kIrs + 50));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    EXPECT_EQ(v.drop, D::RST_NOT_EXACT);
    EXPECT_FALSE(v.close);
}

TEST_F(TimeWaitRecordTest, RecordOutOfWindowRstIsDroppedSilently)
{
    Take();
    const auto v = ToRecord(Flags(H::RST).Seq(kIrs + 2 + kBuf));
    EXPECT_TRUE(sent.empty());
    EXPECT_EQ(v.drop, D::SEQ_NOT_ACCEPTABLE);
}

TEST_F(TimeWaitRecordTest, RecordNewSynWithHigherSeqReopensWithIss)
{
    Take();
    const auto v = ToRecord(Flags(H::SYN).Seq(kIrs + 100000).Mss(kPeerMss));
    EXPECT_EQ(v.close, C::RCV_SYN);
    EXPECT_EQ(v.reuseIss, kIss + 2 + 65537);
    EXPECT_TRUE(sent.empty()); // the listener's child answers
}

TEST_F(TimeWaitRecordTest, RecordNewSynWithoutListenerReopensAndLeavesTheRstToTheGlue)
{
    // RFC profile: TIME_WAIT gives way; the glue finds no listener and answers a RST.
    out.hasListener = false;
    Take();
    const auto v = ToRecord(Flags(H::SYN).Seq(kIrs + 100000).Mss(kPeerMss));
    EXPECT_EQ(v.close, C::RCV_SYN);
    EXPECT_TRUE(sent.empty());
}

TEST_F(TimeWaitRecordTest, RecordNewSynWithoutListenerGetsTheTimeWaitAck)
{
    // Linux tcp_v4_rcv(): TCP_TW_SYN without a listener falls through to TCP_TW_ACK, not
    // rate-limited (a second SYN at once is answered too); TIME_WAIT goes on.
    cfg.timeWaitSynNoListenerAck = true;
    out.hasListener = false;
    Take();
    const Time expiry = record->GetExpiry();
    for (uint32_t seq : {kIrs + 100000, kIrs + 200000})
    {
        const auto v = ToRecord(Flags(H::SYN).Seq(seq).Mss(kPeerMss));
        EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
        EXPECT_EQ(v.drop, D::NO_LISTENER_FOR_SYN);
        EXPECT_FALSE(v.close);
    }
    EXPECT_EQ(record->GetExpiry(), expiry);
}

TEST_F(TimeWaitRecordTest, RecordNewSynWithListenerStillReopens)
{
    cfg.timeWaitSynNoListenerAck = true;
    Take();
    const auto v = ToRecord(Flags(H::SYN).Seq(kIrs + 100000).Mss(kPeerMss));
    EXPECT_EQ(v.close, C::RCV_SYN);
    EXPECT_TRUE(sent.empty());
}

TEST_F(TimeWaitRecordTest, RecordOldDuplicateSynGetsTheTimeWaitAck)
{
    Take();
    const auto v = ToRecord(Flags(H::SYN).Seq(kIrs).Mss(kPeerMss));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    EXPECT_EQ(v.drop, D::OLD_SYN_IN_TIME_WAIT);
    EXPECT_FALSE(v.close);
}

TEST_F(TimeWaitRecordTest, RecordSynAckDrawsChallengeAck)
{
    Take();
    const auto v = ToRecord(Flags(H::SYN | H::ACK).Seq(kIrs + 2).Ack(kIss + 2));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    EXPECT_EQ(v.drop, D::SYN_IN_SYNCHRONIZED);
}

TEST_F(TimeWaitRecordTest, RecordAckOfUnsentDataDrawsChallengeAck)
{
    Take();
    const auto v = ToRecord(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 10));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    EXPECT_EQ(v.drop, D::ACK_OF_UNSENT_DATA);
}

TEST_F(TimeWaitRecordTest, RecordInWindowTextIsIgnored)
{
    Take();
    const auto v = ToRecord(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2).Data("late"));
    EXPECT_TRUE(sent.empty());
    EXPECT_EQ(v.drop, D::TEXT_AFTER_FIN);
}

TEST_F(TimeWaitRecordWithOptions, RecordAckCarriesTimestampsAndDsack)
{
    // The peer's last data segment with its FIN, again: D-SACK for the data (RFC 2883 §4).
    now += Seconds(1);
    ToRecord(Flags(H::FIN | H::ACK).Seq(kIrs - 3).Ack(kIss + 2).Ts(600, 1).Data("data"));
    FullTcpOptions o;
    o.SetTimestamp(static_cast<uint32_t>(now.GetMilliSeconds()) + 7, 500);
    o.SetSackBlocks({FullTcpSackBlock {kIrs - 3, kIrs + 1}});
    Seg want = Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2);
    want.opts = o;
    EXPECT_TRUE(Replied(want));
}

TEST_F(TimeWaitRecordWithOptions, RecordPawsRejectsAnOldTimestampWithTheAck)
{
    const auto v = ToRecord(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2).Ts(499, 1));
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
    EXPECT_EQ(v.drop, D::PAWS_REJECTED);
}

TEST_F(TimeWaitRecordWithOptions, RecordAcceptableSegmentUpdatesTsRecent)
{
    ToRecord(Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2).Ts(700, 1));
    EXPECT_EQ(record->GetState().tsRecent, 700u);
    EXPECT_TRUE(sent.empty());
}

TEST_F(TimeWaitRecordWithOptions, RecordSynWithNewerTimestampReopensEvenWithLowerSeq)
{
    const auto v = ToRecord(Flags(H::SYN).Seq(kIrs - 100000).Ts(501, 0));
    EXPECT_EQ(v.close, C::RCV_SYN);
}

TEST_F(TimeWaitRecordWithOptions, RecordSynWithOlderTimestampIsAnOldDuplicate)
{
    const auto v = ToRecord(Flags(H::SYN).Seq(kIrs + 100000).Ts(499, 0));
    EXPECT_FALSE(v.close);
    EXPECT_EQ(v.drop, D::OLD_SYN_IN_TIME_WAIT);
    EXPECT_TRUE(Replied(Flags(H::ACK).Seq(kIss + 2).Ack(kIrs + 2)));
}

/// Each segment to a fresh engine in TIME_WAIT and to its record: the same reply, bit for bit.
TEST_F(TimeWaitRecordWithOptions, RecordAnswersExactlyAsTheEngine)
{
    const std::vector<Seg> segments {
        Flags(H::FIN | H::ACK).Seq(kIrs + 1).Ack(kIss + 2).Ts(600, 1),
        Flags(H::FIN | H::ACK).Seq(kIrs - 3).Ack(kIss + 2).Ts(600, 1).Data("data"),
        Flags(H::ACK).Seq(kIrs).Ack(kIss + 2).Ts(600, 1),
        Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 2).Ts(499, 1),
        Flags(H::SYN).Seq(kIrs).Ts(499, 0),
        Flags(H::SYN | H::ACK).Seq(kIrs + 2).Ack(kIss + 2).Ts(600, 1),
        Flags(H::RST).Seq(kIrs + 40),
        Flags(H::ACK).Seq(kIrs + 2).Ack(kIss + 40).Ts(600, 1),
    };
    for (const Seg& s : segments)
    {
        out.ClearHistory();
        sent.clear();
        TakeRecord();             // the engine is still in TIME_WAIT: none of these closes it
        now += MilliSeconds(600); // past the rate limit of the previous reply
        Inject(s);
        ToRecord(s);
        ASSERT_EQ(out.sent.size(), sent.size()) << Describe(MakeHeader(s), s.data.size());
        for (size_t i = 0; i < sent.size(); ++i)
        {
            std::ostringstream engine;
            std::ostringstream rec;
            out.sent[i].header.Print(engine);
            sent[i].header.Print(rec);
            EXPECT_EQ(engine.str(), rec.str());
        }
        EXPECT_EQ(State(), S::TIME_WAIT);
    }
}

} // namespace
} // namespace fulltcp_test
