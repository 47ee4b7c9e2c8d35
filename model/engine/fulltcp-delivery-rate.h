/*
 * Engine: delivery-rate estimation (draft-cheng-iccrg-delivery-rate-estimation, Linux tcp_rate.c)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_DELIVERY_RATE_H
#define FULLTCP_DELIVERY_RATE_H

#include "ns3/fulltcp-congestion-control.h"
#include "ns3/fulltcp-range.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief The sender's delivery-rate estimator, as Linux tcp_rate.c: a snapshot of the
 * delivery state with every data segment sent, a rate sample per ACK.
 *
 * Each transmission (tcp_rate_skb_sent()) records, for the segment, C.delivered,
 * C.delivered_time and C.first_sent_time; an ACK that delivers segments (cumulatively or by
 * SACK, tcp_rate_skb_delivered()) takes the snapshot of the most recently sent one, and
 * TakeSample() (tcp_rate_gen()) turns it into delivered / max(send phase, ACK phase).
 *
 * The records partition [SND.UNA, SND.NXT) into the segments as first sent (40 bytes each,
 * in a ring that grows to the largest flight and never shrinks: no allocation per segment
 * once the flight has been seen). A retransmission restamps the records it overlaps, as
 * Linux restamps a retransmitted skb; a record is delivered once, when it is first SACKed or
 * acknowledged, and a SACK that covers part of a record delivers all of it.
 */
class FullTcpDeliveryRate
{
  public:
    /**
     * \brief A data segment [start, end) leaves (tcp_rate_skb_sent()).
     * \param start its first offset \param end the offset past it (new data starts at
     *        SND.NXT; a retransmission lies below it)
     * \param idle nothing was in flight before it: the sampling interval starts now
     * \param now the time
     */
    void Sent(int64_t start, int64_t end, bool idle, Time now);

    /**
     * \brief The application has less than a segment to send and cwnd is not full
     * (tcp_rate_check_app_limited()): samples are app-limited until this flight is delivered.
     * \param bytesInFlight bytes in the network now
     */
    void MarkAppLimited(uint32_t bytesInFlight);

    /// \param una the new SND.UNA: every byte below it is delivered
    void Acknowledged(int64_t una);
    /// \param range bytes newly SACKed: the records they touch are delivered
    void Sacked(FullTcpRange range);

    /**
     * \brief End of an ACK: its rate sample (tcp_rate_gen()).
     * \param now the time
     * \param minRtt the minimum RTT, nothing before the first RTT sample
     * \return the sample, or nothing when the ACK delivered nothing, before any RTT sample,
     *         or when the interval is shorter than the minimum RTT
     */
    std::optional<FullTcpRateSample> TakeSample(Time now, std::optional<Time> minRtt);

    /**
     * \brief End of an ACK: the RTT of the most recently sent segment it newly delivered
     * that was never retransmitted (Linux tcp_clean_rtx_queue() ca_rtt_us: last_ackt of the
     * cumulatively acknowledged skbs, none when a retransmitted one is among them; the SACKed
     * ones' last_sackt from tcp_sacktag_one() taking precedence).
     * \param now the time
     * \return the sample, or nothing when no such segment was delivered
     */
    std::optional<Time> TakeAckRtt(Time now);

    /// \return bytes delivered so far (Linux tp->delivered, in bytes)
    uint64_t Delivered() const;

  private:
    /// What a segment carried away when it was (last) sent (Linux tcp_skb_cb.tx).
    struct Record
    {
        int64_t end {0};         //!< offset just past the segment
        Time sent;               //!< when it was (last) sent
        Time firstSent;          //!< C.first_sent_time then: start of the send phase
        Time deliveredTime;      //!< C.delivered_time then
        uint32_t delivered {0};  //!< C.delivered then (low 32 bits, as Linux's u32)
        bool appLimited {false}; //!< sent while the flight was app-limited
        bool done {false};       //!< already delivered (SACKed): counted once
        bool retrans {false};    //!< sent more than once (Linux TCPCB_RETRANS)
    };

    /// The snapshot this ACK samples from (Linux rate_sample's prior_*).
    struct Prior
    {
        uint32_t delivered {0};  //!< P.delivered
        Time deliveredTime;      //!< P.delivered_time
        Time sent;               //!< P.sent_time
        int64_t end {0};         //!< end of that segment (ties of sent time)
        Time sendPhase;          //!< P.sent_time - P.first_sent_time
        bool appLimited {false}; //!< P.is_app_limited
    };

    /// \param i a record index \return the record, 0 the oldest
    Record& At(size_t i);
    /// \param i a record index \return the offset its segment starts at
    int64_t StartOf(size_t i);
    /// \param offset an offset \return index of the first record ending above it
    size_t FirstEndingAbove(int64_t offset);
    /// Record new sequence space. \param r its record
    void Push(const Record& r);
    /// \param r a record delivered by this ACK \param bytes its bytes not delivered before
    /// \param sacked delivered by a SACK block rather than cumulatively
    void Deliver(Record& r, int64_t bytes, bool sacked);

    std::vector<Record> m_ring; //!< the records, a ring whose size is a power of two
    size_t m_head {0};          //!< index of the oldest record in m_ring
    size_t m_size {0};          //!< records held
    int64_t m_frontStart {0};   //!< offset the oldest record starts at (SND.UNA)

    uint64_t m_delivered {0};        //!< C.delivered
    Time m_deliveredTime;            //!< C.delivered_time
    Time m_firstSent;                //!< C.first_sent_time
    uint64_t m_appLimited {0};       //!< C.app_limited: end of the app-limited bubble, 0 if none
    uint64_t m_ackDelivered {0};     //!< delivered by the ACK being processed
    std::optional<Prior> m_prior;    //!< the ACK's snapshot, if it delivered a record
    std::optional<Time> m_lastAckt;  //!< ACK's newest cumulatively delivered send time
    std::optional<Time> m_lastSackt; //!< ACK's newest SACKed send time (last_sackt)
    bool m_retransAcked {false};     //!< ACK covered a retransmission (RETRANS_DATA_ACKED)
};

} // namespace ns3

#endif /* FULLTCP_DELIVERY_RATE_H */
