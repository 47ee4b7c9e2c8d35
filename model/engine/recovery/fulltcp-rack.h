/*
 * Engine: RACK-TLP loss recovery (RFC 8985; Linux tcp_recovery.c), registered as "Rack"
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_RACK_H
#define FULLTCP_RACK_H

#include "fulltcp-loss-recovery.h"
#include "fulltcp-tlp.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief RACK-TLP loss detection (RFC 8985) as Linux 6.18 runs it with SACK (tcp_recovery =
 * 1, tcp_early_retrans = 3): losses are detected by time instead of by counting duplicate
 * ACKs, and a Tail Loss Probe (FullTcpTailLossProbe) makes the peer report a lost tail.
 *
 * Every data segment sent or resent is stamped (OnTransmit()). An ACK that newly delivers
 * segments, cumulatively or by SACK, advances RACK to the most recently sent of them
 * (RACK.xmit_ts, RACK.end_seq, RACK.rtt; Linux tcp_rack_advance()), except a retransmission
 * acknowledged sooner than min_rtt after it left, which may be the original's ACK (RFC 8985
 * §6.2 step 2). A segment never retransmitted delivered below the highest delivered
 * sequence is reordering (§6.2 step 3; Linux tcp_check_sack_reordering()).
 *
 * A segment sent before RACK.xmit_ts that is not delivered RACK.rtt + reo_wnd after it left
 * is lost (§6.2 step 5; tcp_rack_detect_loss()); one still within that time arms the
 * reordering timer (REORDER_TIMER, §6.3; tcp_rack_mark_lost()) for when it will be. reo_wnd
 * (tcp_rack_reo_wnd()) is 0 before any reordering was seen while in recovery or once
 * DupThresh segments are SACKed (the duplicate-ACK rule), else min_rtt/4 times a step count
 * that each round with a D-SACK raises by one and that falls back to 1 after 16 recoveries
 * without one (tcp_rack_update_reo_wnd()), never above SRTT.
 *
 * Recovery starts as soon as anything is marked lost (Linux tcp_time_to_recover(), above
 * recover as RFC 6582 §3.2 step 2), from an ACK or from the reordering timer; the frame
 * (FullTcpDupAckRecovery) sets cwnd, with PRR when configured. During recovery DoRecovery()
 * resends the segments marked lost, then new data, while pipe + SMSS <= cwnd, where pipe =
 * FlightSize - SACKed - lost + retransmitted (Linux tcp_packets_in_flight()).
 *
 * The records of the segments in flight are a ring that grows to the largest flight and
 * never shrinks, threaded by a list in send-time order (Linux tsorted_sent_queue) that holds
 * only what loss detection looks at: no allocation per segment, and a detection pass stops
 * at the first segment sent after RACK.xmit_ts.
 *
 * Registered as "Rack". Without SACK the connection uses "NewReno" (RFC 8985 needs SACK).
 */
class FullTcpRackRecovery : public FullTcpDupAckRecovery
{
  public:
    /// The registered name.
    static constexpr const char* NAME = "Rack";
    /// The reordering timer's slot ("RACK_REO", RFC 8985 §6.3; Linux ICSK_TIME_REO_TIMEOUT).
    static const FullTcpTimer REORDER_TIMER;
    /// Recoveries a widened reo_wnd lasts without a new D-SACK: 16 (Linux
    /// TCP_RACK_RECOVERY_THRESH; RFC 8985 §6.2 step 4).
    static constexpr uint8_t REO_WND_PERSIST = 16;

    std::string GetName() const override;
    bool IsDuplicateAck(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s) const override;
    void OnAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s) override;
    bool DoRecovery(FullTcpRecoverySender& s) override;
    void OnTimeout(FullTcpRecoverySender& s) override;
    /// Forget the lost marks when \p unmarkLoss (Linux tcp_undo_cwnd_reduction(sk, true)):
    /// the segments go back on the send-time list, so RACK may judge them again.
    void OnUndo(FullTcpRecoverySender& s, bool unmarkLoss) override;
    void OnTransmit(const FullTcpTransmission& segment, FullTcpRecoverySender& s) override;
    uint32_t BytesInFlight(const FullTcpRecoverySender& s) const override;

    /// The reordering timer expired (Linux tcp_rack_reo_timeout()). \param s the sender
    void ReorderTimeout(FullTcpRecoverySender& s);
    /// The probe timer expired (FullTcpTailLossProbe::Probe()). \param s the sender
    void ProbeTimeout(FullTcpRecoverySender& s);

    /// \return reo_wnd as the last loss detection used it
    Time GetReorderWindow() const;
    /// \return the reo_wnd step count (Linux rack.reo_wnd_steps)
    uint32_t GetReorderWindowSteps() const;
    /// \return whether reordering was seen (Linux reord_seen, RACK.reordering_seen)
    bool ReorderingSeen() const;
    /// \return bytes marked lost and not yet resent
    int64_t LostNotResent() const;

  protected:
    /// \param ack the ACK \param s the sender \return whether RACK marked anything lost
    bool StartsRecovery(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s) const override;
    void StartRecovery(FullTcpRecoverySender& s) override;
    /// \param s the sender \return FlightSize - SACKed - lost + retransmitted
    uint32_t Pipe(const FullTcpRecoverySender& s) const override;
    /// \param s the sender \return how many times a segment was marked lost (Linux
    ///        newly_lost, summed)
    uint64_t LossIndicator(const FullTcpRecoverySender& s) const override;

  private:
    /// Flags of a segment (Linux TCP_SKB_CB(skb)->sacked).
    enum Flag : uint8_t
    {
        SACKED = 1,       //!< TCPCB_SACKED_ACKED
        LOST = 2,         //!< TCPCB_LOST
        RETRANS_OUT = 4,  //!< TCPCB_SACKED_RETRANS: a retransmission is in flight
        EVER_RETRANS = 8, //!< TCPCB_EVER_RETRANS
        LISTED = 16,      //!< on the send-time list
    };

    /// One segment as last sent.
    struct Segment
    {
        int64_t end {0};   //!< offset just past it (it starts where the previous one ends)
        Time sent;         //!< when it was last sent
        uint32_t prev {0}; //!< send-time list: previous slot
        uint32_t next {0}; //!< send-time list: next slot
        uint8_t flags {0}; //!< Flag bits
    };

    /// No slot.
    static constexpr uint32_t NIL = 0xffffffffU;

    // --- the ring ---
    /// \param i index from the oldest segment \return its slot
    uint32_t Slot(size_t i) const;
    /// \param i index from the oldest segment \return the offset it starts at
    int64_t StartOf(size_t i) const;
    /// \param offset an offset \return index of the first segment ending above it
    size_t FirstEndingAbove(int64_t offset) const;
    /// Append a segment. \param end its end \param now when it left
    void Push(int64_t end, Time now);
    /// Double the ring, keeping the order and the list.
    void Grow();
    /// \param slot a slot, appended to the send-time list
    void Link(uint32_t slot);
    /// \param slot a slot, taken off the send-time list if on it
    void Unlink(uint32_t slot);
    /// \param flags Flag bits \param bytes a length \param sign +1 or -1: count them
    void Account(uint8_t flags, int64_t bytes, int sign);
    /// \param g a segment \param bytes its length \param flags its new flags
    void SetFlags(Segment& g, int64_t bytes, uint8_t flags);
    /// \param flags Flag bits \return marked lost and not resent since
    static bool Pending(uint8_t flags);

    // --- RACK (RFC 8985 §6.2) ---
    /// A segment newly delivered: reordering and tcp_rack_advance().
    /// \param g the segment \param start its start \param fack the highest delivered
    ///        sequence before it \param now the time \param s the sender
    void Delivered(
        const Segment& g, int64_t start, int64_t fack, Time now, const FullTcpRecoverySender& s);
    /// \param r SACKed bytes \param priorUna SND.UNA before the ACK \param s the sender
    void Sacked(FullTcpRange r, int64_t priorUna, const FullTcpRecoverySender& s);
    /// \param una the new SND.UNA \param fack the highest delivered sequence before the ACK
    /// \param s the sender
    void Acknowledged(int64_t una, int64_t fack, const FullTcpRecoverySender& s);
    /// tcp_rack_update_reo_wnd(). \param ack the ACK \param s the sender
    void UpdateReorderWindow(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s);
    /// tcp_rack_reo_wnd(). \param s the sender \return reo_wnd now
    Time ReorderWindow(FullTcpRecoverySender& s);
    /// tcp_rack_detect_loss(). \param s the sender \return the longest wait of a segment
    ///        not yet lost (0 when none)
    Time DetectLoss(FullTcpRecoverySender& s);
    /// \param slot a segment's slot, marked lost \param s the sender
    void MarkLost(uint32_t slot, FullTcpRecoverySender& s);
    /// \return the next range marked lost and not resent, from m_rtxScanFrom
    std::optional<FullTcpRange> NextLost();
    /// \return the last segment sent, empty if none
    FullTcpRange LastSegment() const;

    std::vector<Segment> m_ring; //!< the segments, a ring whose size is a power of two
    uint32_t m_head {0};         //!< slot of the oldest segment
    uint32_t m_size {0};         //!< segments held (Linux packets_out)
    int64_t m_frontStart {0};    //!< offset the oldest segment starts at (SND.UNA)
    uint32_t m_first {NIL};      //!< send-time list: earliest sent
    uint32_t m_last {NIL};       //!< send-time list: latest sent

    int64_t m_sackedBytes {0};   //!< bytes of SACKED segments
    uint32_t m_sackedSegs {0};   //!< SACKED segments (Linux sacked_out)
    int64_t m_lostBytes {0};     //!< bytes of LOST segments (Linux lost_out)
    uint64_t m_lostMarks {0};    //!< segments marked lost so far (LossIndicator())
    int64_t m_rtxOutBytes {0};   //!< bytes of RETRANS_OUT segments (Linux retrans_out)
    int64_t m_pendingBytes {0};  //!< bytes LOST and not RETRANS_OUT
    int64_t m_rtxScanFrom {0};   //!< no lost segment waits for resending below this offset
    int64_t m_highestSacked {0}; //!< end of the highest SACKed segment (Linux highest_sack)

    bool m_hasRack {false};              //!< RACK.xmit_ts is set
    Time m_xmitTs;                       //!< RACK.xmit_ts (Linux rack.mstamp)
    int64_t m_endSeq {0};                //!< RACK.end_seq
    Time m_rtt;                          //!< RACK.rtt (Linux rack.rtt_us)
    bool m_advanced {false};             //!< RACK advanced since the last detection
    bool m_reordSeen {false};            //!< RACK.reordering_seen (Linux reord_seen)
    uint8_t m_reoWndSteps {1};           //!< RACK.reo_wnd_mult (Linux rack.reo_wnd_steps)
    uint8_t m_reoWndPersist {0};         //!< RACK.reo_wnd_persist
    bool m_dsackSeen {false};            //!< a D-SACK awaits its reo_wnd update (rack.dsack_seen)
    std::optional<int64_t> m_dsackRound; //!< RACK.dsack_round: SND.NXT at the last widening
    Time m_reoWnd;                       //!< reo_wnd of the last detection (traced on change)
    uint64_t m_retransSegs {0};          //!< segments resent (Linux total_retrans)
    uint64_t m_dsackDups {0};            //!< segments D-SACKed (Linux dsack_dups)

    FullTcpTailLossProbe m_tlp; //!< the Tail Loss Probe (RFC 8985 §7)
};

} // namespace ns3

#endif /* FULLTCP_RACK_H */
