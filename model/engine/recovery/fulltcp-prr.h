/*
 * Engine: Proportional Rate Reduction (RFC 9937, and Linux 6.18 tcp_cwnd_reduction()), cwnd
 * during fast recovery
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_PRR_H
#define FULLTCP_PRR_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief Which Proportional Rate Reduction (FullTcpConfig::prrVariant).
 */
enum class FullTcpPrrVariant : uint8_t
{
    /// RFC 9937 §6 in bytes: RecoverFS = the data that may be delivered during the phase
    /// (SND.NXT - SND.UNA less what was SACKed before the ACK that started it, plus what that
    /// ACK acknowledged), PRR-CRB by default, PRR-SSRB on a safe ACK only.
    Rfc9937,
    /// Linux 6.18 tcp_init_cwnd_reduction() / tcp_cwnd_reduction(): in packets, RecoverFS =
    /// prior_cwnd (cwnd before the reduction), the proportional share rounded up to whole
    /// segments, PRR-SSRB's extra segment on a safe ACK only.
    Linux,
};

/**
 * \ingroup fulltcp
 * \brief Proportional Rate Reduction (RFC 9937 §6; Linux tcp_cwnd_reduction()): how much a
 * loss recovery may send on each ACK, so that the data in flight falls smoothly to ssthresh
 * during recovery.
 *
 * The arithmetic only; the recovery that uses it (FullTcpDupAckRecovery, when
 * FullTcpConfig::prr is set) supplies RecoverFS, DeliveredData, pipe and whether the ACK is
 * safe, reports what it sent, and sets cwnd = pipe + sndcnt after each ACK that delivered
 * data (RFC 9937 §6.2: "cwnd = inflight + SndCnt"). The interface is in bytes whatever the
 * variant; FullTcpPrrVariant::Linux keeps its three variables in segments as Linux does
 * (tp->prior_cwnd, tp->prr_delivered, tp->prr_out).
 */
class FullTcpPrr
{
  public:
    /// \param name "Rfc9937" or "Linux" \return its variant, if the name is one
    static std::optional<FullTcpPrrVariant> VariantFromName(const std::string& name);
    /// \return the names FullTcpConfig::prrVariant accepts, in declaration order
    static std::vector<std::string> VariantNames();

    /**
     * \brief Start of a reduction (RFC 9937 §6.1; Linux tcp_init_cwnd_reduction()):
     * prr_delivered = prr_out = 0 and RecoverFS.
     * \param variant which PRR
     * \param recoverFs RecoverFS in bytes: RFC 9937's estimate of what may be delivered
     *        during the phase, or Linux's prior_cwnd (cwnd before the reduction)
     * \param smss the sender's MSS (the Linux variant's segment)
     */
    void OnEnterRecovery(FullTcpPrrVariant variant, uint32_t recoverFs, uint32_t smss);

    /**
     * \brief One ACK during recovery that delivered data (RFC 9937 §6.2; Linux
     * tcp_cwnd_reduction() after its newly_acked_sacked <= 0 return).
     * \param deliveredData DeliveredData of the ACK in bytes (> 0)
     * \param pipe the data in flight after the ACK (RFC 6675 SetPipe(); Linux
     *        tcp_packets_in_flight())
     * \param ssthresh the slow-start threshold the congestion control set at entry
     * \param safeAck SND.UNA advanced and the ACK indicated no further loss (RFC 9937 §6.2
     *        "safeACK"; Linux FLAG_SND_UNA_ADVANCED && !newly_lost)
     * \return sndcnt, the bytes the sender may send now (Linux: whole segments); never
     *         negative (a sender that already sent more than its share sends nothing)
     */
    uint32_t OnAck(int64_t deliveredData, uint32_t pipe, uint32_t ssthresh, bool safeAck);

    /// \param bytes data bytes sent or resent during recovery: prr_out += bytes (RFC 9937
    ///        §6.3 "On any data transmission or retransmission"; Linux: in segments)
    void OnSent(uint64_t bytes);

    /**
     * \brief The part of an estimated DeliveredData (recovery without SACK) that counts.
     * RFC 9937 §6.2 guards against receivers that send extra duplicate ACKs [Savage99]: "if
     * not using SACK, then PRR disallows incrementing DeliveredData when the total bytes
     * delivered in a PRR episode would exceed the estimated data outstanding upon entering
     * recovery (RecoverFS)". The Linux variant has no such bound (tcp_limit_reno_sacked()
     * bounds the duplicates instead, as the recovery does for both variants).
     * \param deliveredData the estimate \return what of it counts: at most RecoverFS -
     *         prr_delivered for RFC 9937, all of it for Linux
     */
    int64_t BoundEstimate(int64_t deliveredData) const;

    /**
     * \brief What pipe subtracts for the duplicate ACKs of a recovery without SACK: RFC 9937
     * §6.2 "min(RecoverFS, 1 SMSS for each preceding duplicate ACK in the fast recovery
     * episode)"; the Linux variant all of them (tcp_packets_in_flight() with reno's
     * sacked_out).
     * \param duplicateBytes one SMSS per duplicate ACK not yet covered by SND.UNA
     * \return the bytes pipe leaves out
     */
    uint32_t BoundDuplicates(uint32_t duplicateBytes) const;

  private:
    /// \param bytes a byte count \return whole segments, a partial one counting as one
    uint64_t Segments(uint64_t bytes) const;

    FullTcpPrrVariant m_variant {FullTcpPrrVariant::Rfc9937}; //!< which PRR
    uint32_t m_recoverFs {0};                                 //!< RecoverFS (bytes)
    uint32_t m_smss {1};                                      //!< the segment of the Linux variant
    uint64_t m_prrDelivered {0}; //!< prr_delivered (bytes; Linux variant: segments)
    uint64_t m_prrOut {0};       //!< prr_out (bytes; Linux variant: segments)
};

} // namespace ns3

#endif /* FULLTCP_PRR_H */
