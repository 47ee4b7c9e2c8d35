/*
 * Engine: SACK-based loss recovery (RFC 6675: IsLost, pipe, NextSeg, rescue retransmission)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_SACK_RECOVERY_H
#define FULLTCP_SACK_RECOVERY_H

#include "fulltcp-loss-recovery.h"

#include <optional>

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief RFC 6675 loss recovery with the SACK scoreboard (gVisor sackRecovery), the
 * default when SACK is negotiated.
 *
 * A duplicate ACK is one that SACKs new bytes (RFC 6675 §2). Recovery starts on DupThresh
 * of them or when the first unacknowledged byte IsLost() (§5 steps (1)-(2)), above recover
 * (RFC 6582 §3.2 step 2), with cwnd = ssthresh (4.2): the pipe estimate counts what left the
 * network. During recovery DoRecovery() sends NextSeg() while cwnd - pipe >= SMSS (step
 * (C)): lost ranges, new data, unSACKed ranges, and one rescue retransmission per recovery
 * (rule 4). HighRxt and RescueRxt are this algorithm's own state. With PRR (RFC 9937) cwnd
 * follows FullTcpDupAckRecovery's proportional reduction; what goes is still NextSeg()'s.
 *
 * Registered as "Sack".
 */
class FullTcpSackRecovery : public FullTcpDupAckRecovery
{
  public:
    /// The registered name.
    static constexpr const char* NAME = "Sack";

    std::string GetName() const override;
    bool IsDuplicateAck(const FullTcpAckInfo& ack, const FullTcpRecoverySender& s) const override;
    bool DoRecovery(FullTcpRecoverySender& s) override;
    uint32_t BytesInFlight(const FullTcpRecoverySender& s) const override;

  protected:
    bool LossDetected(const FullTcpRecoverySender& s) const override;
    void StartRecovery(FullTcpRecoverySender& s) override;
    /// \param s the sender \return RFC 6675 SetPipe()
    uint32_t Pipe(const FullTcpRecoverySender& s) const override;
    /// \param s the sender \return the offset below which every unSACKed byte IsLost()
    ///        (RFC 6675 §4): it moves up when a SACK indicates a further loss
    uint64_t LossIndicator(const FullTcpRecoverySender& s) const override;

  private:
    int64_t m_highRxt {0};              //!< HighRxt: just past the highest retransmission
    std::optional<int64_t> m_rescueRxt; //!< RescueRxt (RFC 6675 §4, rule 4)
};

} // namespace ns3

#endif /* FULLTCP_SACK_RECOVERY_H */
