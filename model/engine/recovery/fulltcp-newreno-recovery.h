/*
 * Engine: NewReno loss recovery (RFC 5681 §3.2 fast retransmit/fast recovery, RFC 6582)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_NEWRENO_RECOVERY_H
#define FULLTCP_NEWRENO_RECOVERY_H

#include "fulltcp-loss-recovery.h"

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief NewReno's fast retransmit and fast recovery (RFC 5681 §3.2 with RFC 6582), the
 * recovery of every connection without SACK (gVisor renoRecovery).
 *
 * Duplicate ACKs as RFC 5681 §2 defines them; DupThresh of them (with the cumulative ACK
 * above recover, RFC 6582 §3.2 step 2) retransmit the first unacknowledged segment with
 * cwnd = ssthresh + 3·SMSS; each further duplicate inflates cwnd by one SMSS (step 4 of RFC
 * 5681 §3.2); a partial ACK retransmits the next segment and deflates cwnd (RFC 6582 §3.2
 * step 4); the full ACK ends recovery with cwnd = min(ssthresh, max(FlightSize, SMSS) +
 * SMSS) (step 3, option 1). Sending stays the engine's ordinary output.
 *
 * With PRR (FullTcpRecoverySender::Prr(), RFC 9937 §6) cwnd is neither inflated nor deflated:
 * FullTcpDupAckRecovery sets cwnd = pipe + sndcnt, with DeliveredData estimated as RFC 9937
 * §6.2 says for recovery without SACK (one SMSS per duplicate ACK, and SND.UNA's advance less
 * the SMSSs already counted for the duplicates before it; with the RFC 9937 variant no more
 * than RecoverFS in the episode) and pipe = FlightSize less those SMSSs (at most RecoverFS of
 * them with the RFC 9937 variant; all, as Linux counts duplicates in sacked_out,
 * tcp_add_reno_sack()); the retransmissions stay RFC 6582's, new data goes while pipe + SMSS
 * <= cwnd.
 *
 * Registered as "NewReno".
 */
class FullTcpNewRenoRecovery : public FullTcpDupAckRecovery
{
  public:
    /// The registered name.
    static constexpr const char* NAME = "NewReno";

    std::string GetName() const override;
    bool IsDuplicateAck(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s) const override;
    bool DoRecovery(FullTcpRecoverySender& s) override;

  protected:
    void StartRecovery(FullTcpRecoverySender& s) override;
    void DuplicateInRecovery(FullTcpRecoverySender& s) override;
    void PartialAck(const FullTcpAckInfo& ack, FullTcpRecoverySender& s) override;
    void FullAck(FullTcpRecoverySender& s) override;
    int64_t DeliveredData(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s) override;
    uint32_t Pipe(const FullTcpRecoverySender& s) const override;
    /// \param s the sender \return the partial ACKs so far: each presumes the segment at
    ///        the new SND.UNA lost (RFC 6582 §3.2 step 4; Linux tcp_newreno_mark_lost())
    uint64_t LossIndicator(const FullTcpRecoverySender& s) const override;
    /// \return true: DeliveredData() estimates from duplicate ACKs (RFC 9937 §6.2)
    bool EstimatesDeliveredData() const override;
    void OnTimeout(FullTcpRecoverySender& s) override;

  private:
    /// Bytes duplicate ACKs reported delivered that no cumulative ACK has covered yet
    uint32_t m_dupDelivered {0};
    uint64_t m_partialAcks {0}; //!< partial ACKs so far (LossIndicator())
};

} // namespace ns3

#endif /* FULLTCP_NEWRENO_RECOVERY_H */
