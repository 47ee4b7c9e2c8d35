/*
 * Congestion: NewReno window arithmetic (RFC 5681 §3.1), registered as "NewReno"
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef FULLTCP_NEWRENO_H
#define FULLTCP_NEWRENO_H

#include "fulltcp-congestion-control.h"

namespace ns3
{

/**
 * \ingroup fulltcp
 * \brief NewReno's window arithmetic (RFC 5681 §3.1; the recovery itself, RFC 6582, is
 * the engine's): slow start adds min(N, SMSS) per ACK, congestion avoidance adds one SMSS
 * per cwnd of acknowledged bytes (byte counting, the way RFC 5681 §3.1 recommends), and a
 * loss sets ssthresh = max(FlightSize / 2, 2·SMSS) (RFC 5681 equation 4).
 *
 * Registered as "NewReno"; the engine's default (FullTcpConfig::congestionControl).
 */
class FullTcpNewReno : public FullTcpCongestionControl
{
  public:
    /// The registered name.
    static constexpr const char* NAME = "NewReno";

    std::string GetName() const override;
    void OnAck(FullTcpCongestionState& state,
               uint32_t acked,
               const FullTcpCongestionContext& ctx) override;
    uint32_t SsThreshAfterLoss(const FullTcpCongestionState& state,
                               const FullTcpCongestionContext& ctx) override;
    void OnStateChange(FullTcpCongestionState& state,
                       FullTcpCaState from,
                       FullTcpCaState to,
                       const FullTcpCongestionContext& ctx) override;

  private:
    uint32_t m_bytesAcked {0}; //!< bytes acknowledged in congestion avoidance since cwnd grew
};

} // namespace ns3

#endif /* FULLTCP_NEWRENO_H */
