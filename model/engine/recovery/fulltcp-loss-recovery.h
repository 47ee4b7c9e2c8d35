/*
 * Engine: loss recovery interface (gVisor lossRecovery; RFC 5681 §3.2, RFC 6582, RFC 6675)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_LOSS_RECOVERY_H
#define FULLTCP_LOSS_RECOVERY_H

#include "fulltcp-prr.h"

#include "ns3/fulltcp-congestion-control.h"
#include "ns3/fulltcp-connection-output.h"
#include "ns3/fulltcp-range.h"
#include "ns3/fulltcp-registry.h"
#include "ns3/fulltcp-timer.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

struct FullTcpConfig;
struct FullTcpTcb;

/**
 * \ingroup fulltcp
 * \brief One acceptable ACK as the loss recovery sees it (RFC 9293 §3.10.7.4 fifth step).
 */
struct FullTcpAckInfo
{
    int64_t ack {0};         //!< SEG.ACK as a stream offset
    uint32_t acked {0};      //!< bytes by which it advanced SND.UNA (0: it did not)
    int64_t newlySacked {0}; //!< bytes its SACK blocks reported for the first time
    /// DeliveredData (RFC 6937 §3): "the change in snd.una, plus the (signed) change in
    /// quantity of data SACKed"
    int64_t delivered {0};
    uint32_t dataLength {0}; //!< SEG.LEN
    uint32_t window {0};     //!< SEG.WND, scaled
    bool synOrFin {false};   //!< SYN or FIN set
    bool duplicate {false};  //!< counted as a duplicate ACK (IsDuplicateAck(), after it)
    /// Its SACK blocks within [SEG.ACK, SND.NXT), as it carried them (RFC 2018 §3: at most
    /// four); a D-SACK block is not among them
    std::array<FullTcpRange, 4> sackBlocks {};
    uint8_t sackBlockCount {0}; //!< how many of sackBlocks hold a block
    /// Its D-SACK block (RFC 2883 §4: the first block, below SEG.ACK or inside the second);
    /// empty when it carries none
    FullTcpRange dsack {};
};

/**
 * \ingroup fulltcp
 * \brief What a loss recovery may read and do to the sending side of its connection.
 *
 * The connection implements it; an algorithm sees nothing else of the engine. The TCB is
 * read-only: cwnd and ssthresh change through Window(), the recovery variables (inRecovery,
 * recover, fastRetransmits) through EnterRecovery() and ExitRecovery(), so the congestion
 * state and the congestion control's hooks always follow.
 */
class FullTcpRecoverySender
{
  public:
    virtual ~FullTcpRecoverySender() = default;

    /// \return every state variable, read-only: SND.UNA, SND.NXT, SND.WND, SND.MSS,
    ///         dupAcks, inRecovery, recover, the SACK scoreboard, ...
    virtual const FullTcpTcb& Tcb() const = 0;
    /// \return DupThresh (FullTcpConfig::dupThresh; RFC 5681 §3.2, RFC 6675 §2)
    virtual uint32_t DupThresh() const = 0;
    /// \return whether Proportional Rate Reduction sets cwnd during recovery
    ///         (FullTcpConfig::prr; RFC 9937)
    virtual bool Prr() const = 0;
    /// \return the time of the input being processed
    virtual Time Now() const = 0;
    /// \return cwnd and ssthresh, to change
    virtual FullTcpCongestionState& Window() = 0;

    /**
     * \brief Fast retransmit and enter loss recovery (RFC 5681 §3.2 steps 2-3, RFC 6582
     * §3.2 step 2, RFC 6675 §5 (4.1)-(4.3)): ssthresh from the congestion control
     * (equation 4), recover = SND.NXT, the first unacknowledged segment retransmitted,
     * cwnd = ssthresh + cwndAboveSsthresh, congestion state Recovery.
     * \param cwndAboveSsthresh what cwnd holds beyond ssthresh: NewReno's 3·SMSS for the
     *        segments that left the network, 0 with SACK (the pipe counts them)
     * \return the offset just past the retransmitted segment
     */
    virtual int64_t EnterRecovery(uint32_t cwndAboveSsthresh) = 0;
    /// Leave loss recovery (RFC 6582 §3.2 step 3, RFC 6675 §5 (A)): congestion state Open
    /// (Disorder while SACKed data remains).
    virtual void ExitRecovery() = 0;
    /// Retransmit the segment at SND.UNA, up to the first SACKed byte (RFC 6582 §3.2 step
    /// 4). \return the offset just past it
    virtual int64_t RetransmitFirstUnacknowledged() = 0;
    /**
     * \brief Resend one segment (Karn's algorithm applies: no RTT sample from it).
     * \param start its first offset \param limit the most it may reach (capped at SND.NXT)
     * \return the end of what was sent (start when nothing was)
     */
    virtual int64_t RetransmitFrom(int64_t start, int64_t limit) = 0;
    /// \param limit the window's end \return the end of the new segment that the window and
    ///        the sending policy (Nagle, sender SWS avoidance) let go now, if any
    virtual std::optional<int64_t> NextNewSegmentEnd(int64_t limit) const = 0;
    /// \param end send one new segment from SND.NXT to end (from NextNewSegmentEnd())
    virtual void SendNewSegment(int64_t end) = 0;
    /// \param slot a registered slot \param delay arm it to expire after delay
    virtual void ArmTimer(FullTcpTimer slot, Time delay) = 0;
    /// \param slot a slot to disarm (nothing happens when it is not armed)
    virtual void CancelTimer(FullTcpTimer slot) = 0;

    /// \return the connection's configuration (the recovery's own settings, minRto, ...)
    virtual const FullTcpConfig& Config() const = 0;
    /**
     * \brief The segment a loss probe may send as new data (Linux tcp_send_loss_probe():
     * tcp_write_xmit() with TCP_NAGLE_OFF): from SND.NXT within the peer's window, neither
     * Nagle nor sender SWS avoidance holding it back, cwnd not asked.
     * \param limit the window's end \return the end of that segment, if any
     */
    virtual std::optional<int64_t> ProbeSegmentEnd(int64_t limit) const = 0;
    /// Restart the retransmission timer from now with the current RTO (Linux
    /// tcp_rearm_rto() after a loss probe).
    virtual void RestartRetransmitTimer() = 0;
    /**
     * \brief A loss repaired outside recovery (a tail loss probe's, Linux
     * tcp_process_tlp_ack()): ssthresh from the congestion control, congestion state CWR,
     * cwnd = ssthresh, then Open or Disorder again (tcp_init_cwnd_reduction(),
     * tcp_end_cwnd_reduction(), tcp_try_keep_open()).
     */
    virtual void ReduceCongestionWindow() = 0;
    /// \param event what the recovery reports for traces (FullTcpConnectionOutput::
    ///        RecoveryEvent())
    virtual void Report(const FullTcpRecoveryEvent& event) = 0;
};

/**
 * \ingroup fulltcp
 * \brief A loss recovery algorithm: what counts as a duplicate ACK, when fast retransmit
 * starts recovery, what cwnd does during it, and what it sends (gVisor's lossRecovery,
 * picked once per connection as snd.go picks SACK or Reno recovery).
 *
 * The engine picks it when the options are negotiated: the configured one
 * (FullTcpConfig::recovery, default "Sack") when SACK is in use, "NewReno" otherwise. It
 * calls only this interface; the algorithm acts through FullTcpRecoverySender. What every
 * algorithm shares stays in the engine: the count of duplicate ACKs (dupAcks), Limited
 * Transmit, cwnd growth outside recovery (the congestion control), and the retransmission
 * timeout's response (RFC 5681 §3.1: cwnd = 1 SMSS, recover = SND.NXT, recovery left,
 * scoreboard cleared, go-back-N), after which OnTimeout() is called. So do F-RTO and the
 * undo of spurious reductions (FullTcpConfig::frto, ::undo; fulltcp-undo-hooks.cc): before
 * OnAck() the engine may end a recovery that proved spurious (ExitRecovery(), cwnd and
 * ssthresh restored), and after a timeout F-RTO may send new data instead of go-back-N; an
 * algorithm sees the recovery ended through FullTcpTcb::inRecovery.
 *
 * A new algorithm (RACK-TLP, say) is one new file that derives from this and registers
 * itself with FULLTCP_REGISTER_LOSS_RECOVERY; its timers are slots it registers
 * (FullTcpTimer::Register()) and arms through the sender. One instance serves one
 * connection.
 */
class FullTcpLossRecovery
{
  public:
    virtual ~FullTcpLossRecovery() = default;

    /// \return the algorithm's registered name, e.g. "Sack"
    virtual std::string GetName() const = 0;

    /**
     * \brief Whether an ACK is a duplicate ACK (RFC 5681 §2; RFC 6675 §2 with SACK). Asked
     * before the ACK changes anything, for ACKs while data is outstanding and the peer's
     * window is open (an answer to a zero-window probe is never one); the engine counts
     * duplicates in dupAcks.
     * \param ack the ACK \param s the sender, as before the ACK
     * \return whether it counts
     */
    virtual bool IsDuplicateAck(const FullTcpAckInfo& ack,
                                const FullTcpRecoverySender& s) const = 0;

    /**
     * \brief Every acceptable ACK, after the engine applied it: SND.UNA advanced (ack.acked),
     * dupAcks counted (ack.duplicate), cwnd grown when outside recovery. Starts, advances and
     * ends loss recovery.
     * \param ack the ACK \param s the sender
     */
    virtual void OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s) = 0;

    /**
     * \brief Send what loss recovery sends now (gVisor DoRecovery); called whenever the
     * engine may send.
     * \param s the sender
     * \return false to leave sending to the engine's ordinary output (the timeout's
     *         go-back-N, then new data within cwnd)
     */
    virtual bool DoRecovery(FullTcpRecoverySender& s) = 0;

    /// A retransmission timeout, after the engine's response (RFC 5681 §3.1, RFC 6582 §3.2
    /// step 6, RFC 6675 §5.1): reset what the algorithm keeps. \param s the sender
    virtual void OnTimeout(FullTcpRecoverySender& s);

    /**
     * \brief The engine undid a reduction that proved spurious (FullTcpConfig::undo, ::frto;
     * Linux tcp_undo_cwnd_reduction()), after restoring cwnd and ssthresh; the engine then
     * leaves recovery (ExitRecovery()) or Loss. Nothing by default.
     * \param s the sender
     * \param unmarkLoss nothing outstanding is presumed lost any more (Linux clears its lost
     *        marks: tcp_undo_cwnd_reduction(sk, true) after a timeout or a partial ACK); an
     *        algorithm that marks segments lost (RACK) should forget those marks
     */
    virtual void OnUndo(FullTcpRecoverySender& s, bool unmarkLoss);

    /**
     * \brief A segment of data (or FIN) left, new or resent, after SND.NXT counted it;
     * nothing by default. Called for every segment: keep it cheap.
     * \param segment its offsets and whether it resends \param s the sender
     */
    virtual void OnTransmit(const FullTcpTransmission& segment, FullTcpRecoverySender& s);

    /**
     * \brief Bytes presumed in the network (what FullTcpCongestionContext::bytesInFlight
     * reports).
     * \param s the sender
     * \return FlightSize (RFC 5681 §2) unless the algorithm knows better
     */
    virtual uint32_t BytesInFlight(const FullTcpRecoverySender& s) const;
};

/**
 * \ingroup fulltcp
 * \brief The frame of the recoveries that duplicate ACKs start: RFC 5681 §3.2, which RFC
 * 6582 (NewReno) and RFC 6675 (SACK) refine. OnAck() runs the steps every such recovery
 * shares; an algorithm fills in the protected ones.
 *
 * On an ACK that advances SND.UNA during recovery: at or beyond recover the full
 * acknowledgment ends recovery (RFC 6582 §3.2 step 3, RFC 6675 §5 (A)), below it is a
 * partial acknowledgment (RFC 6582 §3.2 step 4). On a duplicate ACK: during recovery
 * DuplicateInRecovery(); outside it, fast retransmit when LossDetected() and the cumulative
 * ACK "covers more than recover" (RFC 6582 §3.2 step 2), so that one window's losses, or a
 * timeout's retransmissions, start one recovery only.
 *
 * With FullTcpRecoverySender::Prr() the cwnd during recovery is Proportional Rate Reduction's
 * (FullTcpPrr, FullTcpConfig::prrVariant) instead of the algorithm's. At the start RecoverFS
 * is RFC 9937 §6.1's (SND.NXT - SND.UNA, less the bytes SACKed before the ACK that started
 * recovery, plus the bytes that ACK acknowledged cumulatively) or Linux's prior_cwnd
 * (tcp_init_cwnd_reduction()). On every ACK of the recovery that delivers data, the one that
 * starts it included (as Linux tcp_ack() calls tcp_cong_control() after
 * tcp_fastretrans_alert()), cwnd = pipe + sndcnt, with the algorithm's DeliveredData() and
 * Pipe(), prr_out the data bytes sent since the start (the fast retransmit included), and
 * the ACK safe (PRR-SSRB) when it advanced SND.UNA and LossIndicator() did not grow; the full
 * acknowledgment sets cwnd = ssthresh (RFC 9937 §6.4, Linux tcp_end_cwnd_reduction()). The
 * algorithm still chooses what goes.
 */
class FullTcpDupAckRecovery : public FullTcpLossRecovery
{
  public:
    void OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s) override;

  protected:
    /// \param s the sender, outside recovery, after a duplicate ACK
    /// \return whether a loss is detected: DupThresh duplicate ACKs (RFC 5681 §3.2 step 2)
    virtual bool LossDetected(const FullTcpRecoverySender& s) const;
    /// \param ack an ACK outside recovery \param s the sender
    /// \return whether it starts recovery (above recover): a duplicate ACK that makes
    ///         LossDetected() by default
    virtual bool StartsRecovery(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s) const;
    /// Start recovery now (an ACK's StartsRecovery(), or an algorithm's timer): StartRecovery()
    /// and PRR's start (RFC 9937 §6.1; Linux tcp_init_cwnd_reduction()). \param s the
    /// sender, outside recovery \param ack the ACK that starts it (none for a timer)
    void BeginRecovery(FullTcpRecoverySender& s, const FullTcpAckInfo* ack = nullptr);
    /// Fast retransmit: enter recovery (FullTcpRecoverySender::EnterRecovery()).
    /// \param s the sender
    virtual void StartRecovery(FullTcpRecoverySender& s) = 0;
    /// A further duplicate ACK during recovery; nothing by default. \param s the sender
    virtual void DuplicateInRecovery(FullTcpRecoverySender& s);
    /// A partial acknowledgment; nothing by default. \param ack the ACK \param s the sender
    virtual void PartialAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s);
    /// The full acknowledgment, before recovery ends; nothing by default. \param s the sender
    virtual void FullAck(FullTcpRecoverySender& s);
    /// DeliveredData of RFC 9937 §6.2, asked for every ACK. \param ack the ACK \param s the
    /// sender \return ack.delivered: SND.UNA's advance plus the change in SACKed bytes
    virtual int64_t DeliveredData(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s);
    /// \param s the sender, in recovery \return the data presumed in the network, the pipe
    ///        of RFC 6675 §4 that PRR compares with ssthresh (RFC 9937 §6.2 "inflight")
    virtual uint32_t Pipe(const FullTcpRecoverySender& s) const = 0;
    /// \param s the sender \return a count that grows whenever the algorithm detects a
    ///        further loss (marks, or presumes, data lost), never falling during a recovery:
    ///        an ACK during which it grows is not PRR's "safe ACK" (RFC 9937 §6.2: "no further
    ///        loss is indicated"; Linux newly_lost). 0 by default.
    virtual uint64_t LossIndicator(const FullTcpRecoverySender& s) const;
    /// \return whether DeliveredData() is an estimate (recovery without SACK), which PRR
    ///         bounds by RecoverFS (FullTcpPrr::BoundEstimate()); false by default
    virtual bool EstimatesDeliveredData() const;
    /// \return PRR's state of the current recovery (valid with FullTcpRecoverySender::Prr())
    const FullTcpPrr& PrrState() const;

  private:
    /// PRR's cwnd after an ACK of the recovery (RFC 9937 §6.2). \param ack the ACK
    /// \param delivered its DeliveredData \param entering whether this ACK started the
    /// recovery (its fast retransmit is then sent from this SndCnt) \param s the sender
    void ReduceCwnd(const FullTcpAckInfo& ack,
                    int64_t delivered,
                    bool entering,
                    FullTcpRecoverySender& s);

    FullTcpPrr m_prr;           //!< PRR's state, with FullTcpRecoverySender::Prr()
    uint64_t m_prrSentMark {0}; //!< FullTcpTcb::dataBytesSent already counted in prr_out
    uint64_t m_lossSeen {0};    //!< LossIndicator() after the previous ACK of the recovery
};

/**
 * \ingroup fulltcp
 * \brief Loss recovery algorithms by name: Create(), Names(), UnknownNameError().
 */
using FullTcpLossRecoveryFactory = FullTcpRegistry<FullTcpLossRecovery>;

/// The recovery of a connection without SACK (RFC 5681 §3.2 with RFC 6582), whatever
/// FullTcpConfig::recovery names: the others need SACK information.
constexpr const char* FULLTCP_RECOVERY_WITHOUT_SACK = "NewReno";

} // namespace ns3

/// Register a loss recovery class under a name, at load time (in the algorithm's .cc file).
#define FULLTCP_REGISTER_LOSS_RECOVERY(Class, name) \
    FULLTCP_REGISTER_ALGORITHM(::ns3::FullTcpLossRecovery, Class, name)

#endif /* FULLTCP_LOSS_RECOVERY_H */
