/*
 * Test: F-RTO (RFC 5682) and undo of spurious cwnd reductions (D-SACK RFC 3708, Eifel RFC 3522)
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Engine rules for spurious retransmissions: F-RTO after a timeout (RFC 5682 §3.1 with SACK;
 * Linux tcp_process_loss()), and undoing a reduction when D-SACKs report every
 * retransmission as a duplicate (RFC 3708; Linux tcp_try_undo_dsack()) or an ACK echoes a
 * timestamp from before the first retransmission (RFC 3522; Linux tcp_packet_delayed()).
 */
#include "fulltcp-engine-data-fixture.h"

namespace fulltcp_test
{
namespace
{

/// SACK negotiated, no timestamps, send buffer 100 kB; F-RTO and undo as the test sets.
class UndoSackTest : public DataTest
{
  protected:
    /// Establish with F-RTO and undo as given.
    void
    Start(bool frto, bool undo)
    {
        cfg.sndBufSize = 100000;
        cfg.frto = frto;
        cfg.undo = undo;
        DriveToEstablishedWithSack();
    }

    /// 20000 bytes written, the first 10 segments (cwnd 10000) sent, then a timeout that
    /// resends the first: Loss, cwnd 1 SMSS.
    std::string
    TimeoutWithTenSegmentsOut()
    {
        const std::string data = Text(20000);
        Write(data);
        EXPECT_EQ(out.sent.size(), 10u);
        out.ClearHistory();
        Advance(Tcb().rto);
        EXPECT_SENT(OurData(data, 0, 1000));
        EXPECT_NOTHING_SENT();
        EXPECT_EQ(Tcb().caState, FullTcpCaState::LOSS);
        EXPECT_EQ(Tcb().cc.cwnd, 1000u);
        return data;
    }

    /// After TimeoutWithTenSegmentsOut(): RFC 5682 §3.1 step 2b, the ACK of the retransmission
    /// sends two new segments (cwnd 2000); step 3b, the next ACK acknowledges [1000, 3000),
    /// sent before the timeout and never resent: the timeout was spurious, undone (Linux
    /// tcp_try_undo_loss(sk, true)), Open with cwnd 10000 again. \param data what was written
    void
    FrtoFindsTheTimeoutSpurious(const std::string& data)
    {
        Inject(PeerAck(1000));
        EXPECT_SENT(OurData(data, 10000, 1000));
        EXPECT_SENT(OurData(data, 11000, 1000));
        Inject(PeerAck(3000));
        EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
        EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    }

    /// 10000 bytes written and sent; the first segment is delayed, three SACKs start a
    /// fast recovery that resends it (cwnd 10000 → 5000).
    std::string
    FastRetransmitOfTheFirstSegment()
    {
        const std::string data = Text(10000);
        Write(data);
        out.ClearHistory();
        Inject(PeerSack(0, {{1000, 2000}}));
        Inject(PeerSack(0, {{1000, 3000}}));
        EXPECT_NOTHING_SENT();
        Inject(PeerSack(0, {{1000, 4000}}));
        EXPECT_SENT(OurData(data, 0, 1000));
        EXPECT_NOTHING_SENT();
        EXPECT_TRUE(Tcb().inRecovery);
        EXPECT_EQ(Tcb().cc.cwnd, 5000u);
        EXPECT_EQ(Tcb().cc.ssthresh, 5000u);
        return data;
    }
};

// ------------------------------------------------------------------ F-RTO

TEST_F(UndoSackTest, FrtoSendsNewDataAfterFirstAck)
{
    Start(true, false);
    const std::string data = TimeoutWithTenSegmentsOut();
    EXPECT_EQ(Tcb().frto.GetStep(), FullTcpFrto::Step::FIRST_ACK);
    // RFC 5682 §3.1 step 2b: the ACK of the retransmission, below recover (10000): two new
    // segments instead of the two retransmissions slow start would send (cwnd is 2000).
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 10000, 1000));
    EXPECT_SENT(OurData(data, 11000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().frto.GetStep(), FullTcpFrto::Step::SECOND_ACK);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::LOSS);
}

TEST_F(UndoSackTest, FrtoDetectsSpuriousTimeout)
{
    Start(true, false);
    const std::string data = TimeoutWithTenSegmentsOut();
    // ssthresh back to its prior max(ssthresh, 3/4 cwnd); no go-back-N, new data.
    FrtoFindsTheTimeoutSpurious(data);
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    EXPECT_EQ(Tcb().undo.GetCounters().spuriousRtos, 1u);
    EXPECT_EQ(Tcb().undo.GetCounters().lossUndo, 1u);
    EXPECT_SENT(OurData(data, 12000, 1000)); // SND.UNA 3000 + cwnd 10000
    EXPECT_NOTHING_SENT();
}

TEST_F(UndoSackTest, FrtoFallsBackWhenSecondAckIsDuplicate)
{
    Start(true, true);
    const std::string data = TimeoutWithTenSegmentsOut();
    Inject(PeerAck(1000));
    EXPECT_SENT(OurData(data, 10000, 1000));
    EXPECT_SENT(OurData(data, 11000, 1000));
    // Step 3a: a duplicate ACK whose SACK covers new data above recover, nothing new below
    // it: the originals were lost. Conventional recovery: go-back-N from SND.UNA with cwnd
    // at most 3·SMSS (here the 2000 slow start gave it).
    Inject(PeerSack(1000, {{10000, 11000}}));
    EXPECT_EQ(Tcb().frto.GetStep(), FullTcpFrto::Step::OFF);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::LOSS);
    EXPECT_EQ(Tcb().cc.cwnd, 2000u);
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_SENT(OurData(data, 2000, 1000));
    EXPECT_NOTHING_SENT();
    EXPECT_EQ(Tcb().undo.GetCounters().spuriousRtos, 0u);
    EXPECT_EQ(Tcb().undo.GetCounters().lossUndo, 0u);
}

/// The same with the "Rack" recovery (the Linux profile's), without the loss probe, so the
/// timeout comes first; the handshake takes 50 ms, RACK's min_rtt.
class UndoRackTest : public UndoSackTest
{
  protected:
    /// Establish with F-RTO and undo on.
    void
    StartAfterRoundTrip()
    {
        cfg.sndBufSize = 100000;
        cfg.frto = true;
        cfg.undo = true;
        cfg.sack = true;
        cfg.recovery = "Rack";
        cfg.tlp = false;
        DriveToSynSent();
        now += MilliSeconds(50);
        Inject(Flags(H::SYN | H::ACK).Seq(kIrs).Ack(kIss + 1).Mss(kPeerMss).SackOk());
        ASSERT_EQ(State(), S::ESTABLISHED);
        ASSERT_EQ(Conn().GetLossRecovery()->GetName(), "Rack");
        out.ClearHistory();
    }
};

TEST_F(UndoRackTest, FrtoUndoForgetsRackLostMarks)
{
    StartAfterRoundTrip();
    const std::string data = TimeoutWithTenSegmentsOut();
    // The timeout's lost marks on [3000, 10000) go with the undo (Linux
    // tcp_undo_cwnd_reduction(sk, true)). Kept, they would leave the pipe and let three
    // more new segments out, then restart recovery and resend them.
    FrtoFindsTheTimeoutSpurious(data);
    EXPECT_SENT(OurData(data, 12000, 1000));
    EXPECT_NOTHING_SENT();
    // The originals keep arriving: new data only (slow start, cwnd 11000), no retransmission,
    // no recovery.
    Inject(PeerAck(4000));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
    EXPECT_EQ(Tcb().cc.cwnd, 11000u);
    EXPECT_SENT(OurData(data, 13000, 1000));
    EXPECT_SENT(OurData(data, 14000, 1000));
    EXPECT_NOTHING_SENT();
}

// ------------------------------------------------------------------ D-SACK undo

TEST_F(UndoSackTest, DsackUndoRestoresCwnd)
{
    Start(false, true);
    FastRetransmitOfTheFirstSegment();
    // The delayed original arrives: the full ACK ends the recovery, cwnd stays reduced
    // (the retransmission may still have been needed: no D-SACK yet, no timestamps).
    Inject(PeerAck(10000));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    EXPECT_EQ(Tcb().undo.GetRetrans(), 1);
    // The retransmission arrives as a duplicate: its D-SACK (RFC 2883) accounts for the
    // only retransmission (RFC 3708 §3): the reduction was needless. Linux
    // tcp_undo_cwnd_reduction(): cwnd = max(cwnd, prior cwnd), ssthresh = prior.
    Inject(PeerSack(10000, {{0, 1000}}));
    EXPECT_EQ(Tcb().undo.GetRetrans(), 0);
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    EXPECT_EQ(Tcb().undo.GetCounters().dsackUndo, 1u);
    EXPECT_FALSE(Tcb().undo.GetMarker());
}

TEST_F(UndoSackTest, DsackUndoNeedsEveryRetransmissionDsacked)
{
    Start(false, true);
    const std::string data = Text(10000);
    Write(data);
    out.ClearHistory();
    // [0, 2000) delayed: fast retransmit of [0, 1000), then of [1000, 2000) once the pipe
    // (RFC 6675) makes room.
    Inject(PeerSack(0, {{2000, 3000}}));
    Inject(PeerSack(0, {{2000, 4000}}));
    Inject(PeerSack(0, {{2000, 5000}}));
    EXPECT_SENT(OurData(data, 0, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerSack(0, {{2000, 6000}}));
    EXPECT_NOTHING_SENT();
    Inject(PeerSack(0, {{2000, 7000}}));
    EXPECT_SENT(OurData(data, 1000, 1000));
    EXPECT_NOTHING_SENT();
    Inject(PeerAck(10000)); // the originals: the full ACK
    EXPECT_EQ(Tcb().undo.GetRetrans(), 2);
    // One D-SACK: one retransmission still unaccounted for, no undo.
    Inject(PeerSack(10000, {{0, 1000}}));
    EXPECT_EQ(Tcb().undo.GetRetrans(), 1);
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    EXPECT_EQ(Tcb().undo.GetCounters().dsackUndo, 0u);
    // The second: every retransmission was a duplicate.
    Inject(PeerSack(10000, {{1000, 2000}}));
    EXPECT_EQ(Tcb().cc.cwnd, 10000u);
    EXPECT_EQ(Tcb().undo.GetCounters().dsackUndo, 1u);
}

TEST_F(UndoSackTest, UndoOffKeepsReduction)
{
    Start(false, false);
    FastRetransmitOfTheFirstSegment();
    Inject(PeerAck(10000));
    Inject(PeerSack(10000, {{0, 1000}}));
    // RFC 5681 keeps the reduction: the D-SACK is counted, nothing is undone.
    EXPECT_EQ(Tcb().dsacksReceived, 1u);
    EXPECT_EQ(Tcb().cc.cwnd, 5000u);
    EXPECT_EQ(Tcb().cc.ssthresh, 5000u);
    EXPECT_EQ(Tcb().undo.GetCounters().dsackUndo, 0u);
}

// ------------------------------------------------------------------ Eifel (timestamps)

/// Timestamps negotiated (SMSS 988), no SACK: NewReno recovery; undo on.
class UndoTimestampTest : public DataTest
{
  protected:
    void
    SetUp() override
    {
        cfg.sndBufSize = 100000;
        cfg.undo = true;
        DriveToEstablishedWithTimestamps(500);
    }

    /// 10 segments of 988 sent at TSval m_sentAt; 10 ms later three duplicate ACKs start a
    /// fast recovery that resends the first at TSval m_resentAt.
    void
    FastRetransmitOfTheFirstSegment()
    {
        m_data = Text(10 * 988);
        m_sentAt = OurTsVal();
        Write(m_data);
        EXPECT_EQ(out.sent.size(), 10u);
        out.ClearHistory();
        Advance(MilliSeconds(10));
        m_resentAt = OurTsVal();
        for (int i = 0; i < 3; ++i)
        {
            Inject(PeerAck(0).Ts(501, m_sentAt));
        }
        EXPECT_SENT(OurData(m_data, 0, 988).Ts(m_resentAt, 501));
        EXPECT_NOTHING_SENT();
        EXPECT_TRUE(Tcb().inRecovery);
        // RFC 5681 §3.2: ssthresh = FlightSize / 2, cwnd = ssthresh + 3·SMSS.
        EXPECT_EQ(Tcb().cc.ssthresh, 4940u);
        EXPECT_EQ(Tcb().cc.cwnd, 4940u + 3 * 988);
    }

    std::string m_data;      //!< what was written
    uint32_t m_sentAt {0};   //!< TSval of the original transmissions
    uint32_t m_resentAt {0}; //!< TSval of the fast retransmission
};

TEST_F(UndoTimestampTest, EifelUndoOnTimestamp)
{
    FastRetransmitOfTheFirstSegment();
    // The full ACK echoes the original's TSval, older than the retransmission's: the
    // original arrived (RFC 3522 §3.2; Linux tcp_try_undo_recovery() with
    // tcp_packet_delayed()). cwnd and ssthresh return, recovery ends.
    Inject(PeerAck(10 * 988).Ts(502, m_sentAt));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
    EXPECT_EQ(Tcb().cc.cwnd, 9880u);
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    EXPECT_EQ(Tcb().undo.GetCounters().fullUndo, 1u);
}

TEST_F(UndoTimestampTest, FastRetransmitEchoesTheTsvalOfTheAckThatTriggersIt)
{
    // RFC 7323 §4.3: TS.Recent takes the TSval of the third duplicate ACK before the fast
    // retransmission it triggers leaves (Linux tcp_ack(): tcp_replace_ts_recent() before
    // tcp_fastretrans_alert()), so the retransmission echoes 503, not 502.
    m_data = Text(10 * 988);
    m_sentAt = OurTsVal();
    Write(m_data);
    out.ClearHistory();
    Advance(MilliSeconds(10));
    for (uint32_t tsval : {501U, 502U, 503U})
    {
        Inject(PeerAck(0).Ts(tsval, m_sentAt));
    }
    EXPECT_SENT(OurData(m_data, 0, 988).Ts(OurTsVal(), 503));
    EXPECT_NOTHING_SENT();
}

TEST_F(UndoTimestampTest, EifelNoUndoWhenTsecrIsNewer)
{
    FastRetransmitOfTheFirstSegment();
    // The full ACK echoes the retransmission's TSval: the retransmission repaired a loss.
    // RFC 6582 §3.2 step 3: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS).
    Inject(PeerAck(10 * 988).Ts(502, m_resentAt));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().cc.cwnd, 2u * 988);
    EXPECT_EQ(Tcb().cc.ssthresh, 4940u);
    EXPECT_EQ(Tcb().undo.GetCounters().fullUndo, 0u);
}

TEST_F(UndoTimestampTest, EifelPartialUndoOnTimestamp)
{
    FastRetransmitOfTheFirstSegment();
    // A partial ACK echoing the original's TSval: the hole was filled by the delayed
    // original and no retransmission is still out (Linux tcp_try_undo_partial()). cwnd
    // returns, recovery ends, and RFC 6582's retransmission of the next segment does not go.
    Inject(PeerAck(5 * 988).Ts(502, m_sentAt));
    EXPECT_FALSE(Tcb().inRecovery);
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
    EXPECT_EQ(Tcb().cc.cwnd, 9880u);
    EXPECT_EQ(Tcb().undo.GetCounters().partialUndo, 1u);
    EXPECT_NOTHING_SENT();
}

TEST_F(UndoTimestampTest, EifelUndoAfterTimeout)
{
    const std::string data = Text(10 * 988);
    const uint32_t sentAt = OurTsVal();
    Write(data);
    out.ClearHistory();
    Advance(Tcb().rto);
    EXPECT_SENT(OurData(data, 0, 988).Ts(OurTsVal(), 500));
    EXPECT_EQ(Tcb().caState, FullTcpCaState::LOSS);
    EXPECT_EQ(Tcb().cc.cwnd, 988u);
    // The first ACK after the timeout echoes the originals' TSval: the timeout was spurious
    // (RFC 3522 §3.2; Linux tcp_try_undo_loss(sk, false)). cwnd and ssthresh return, Loss
    // ends, and go-back-N does not resend [1976, 9880).
    Inject(PeerAck(2 * 988).Ts(501, sentAt));
    EXPECT_EQ(Tcb().caState, FullTcpCaState::OPEN);
    EXPECT_EQ(Tcb().cc.cwnd, 9880u);
    EXPECT_EQ(Tcb().cc.ssthresh, cfg.initialSsthresh);
    EXPECT_EQ(Tcb().undo.GetCounters().lossUndo, 1u);
    EXPECT_EQ(Tcb().undo.GetCounters().spuriousRtos, 0u); // F-RTO's counter only
    EXPECT_NOTHING_SENT();
}

} // namespace
} // namespace fulltcp_test
