/*
 * Congestion: NewReno slow start, byte-counting avoidance, ssthresh = max(FlightSize/2, 2·SMSS)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-newreno.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpNewReno");

FULLTCP_REGISTER_CONGESTION_CONTROL(FullTcpNewReno, FullTcpNewReno::NAME);

std::string
FullTcpNewReno::GetName() const
{
    return NAME;
}

void
FullTcpNewReno::OnAck(FullTcpCongestionState& state,
                      uint32_t acked,
                      const FullTcpCongestionContext& ctx)
{
    if (state.cwnd < state.ssthresh)
    {
        // RFC 5681 §3.1 equation 2: "cwnd += min (N, SMSS)".
        state.cwnd += std::min(acked, ctx.smss);
        return;
    }
    // Congestion avoidance, byte counting: "increase cwnd by SMSS bytes once the number of
    // bytes acknowledged reaches cwnd" (RFC 5681 §3.1).
    m_bytesAcked += acked;
    if (m_bytesAcked >= state.cwnd)
    {
        m_bytesAcked -= state.cwnd;
        state.cwnd += ctx.smss;
    }
}

uint32_t
FullTcpNewReno::SsThreshAfterLoss(const FullTcpCongestionState&,
                                  const FullTcpCongestionContext& ctx)
{
    // RFC 5681 §3.1 equation 4: "ssthresh = max (FlightSize / 2, 2*SMSS)".
    return std::max(ctx.flightSize / 2, 2 * ctx.smss);
}

void
FullTcpNewReno::OnStateChange(FullTcpCongestionState&,
                              FullTcpCaState,
                              FullTcpCaState to,
                              const FullTcpCongestionContext&)
{
    if (to == FullTcpCaState::RECOVERY || to == FullTcpCaState::LOSS)
    {
        m_bytesAcked = 0; // a new window after a loss starts its count afresh
    }
}

} // namespace ns3
