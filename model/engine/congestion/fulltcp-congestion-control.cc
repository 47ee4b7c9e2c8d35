/*
 * Congestion: algorithm registry (Register, Create, Names) and the default OnEvent
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-congestion-control.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpCongestionControl");

const char*
FullTcpCaStateName(FullTcpCaState s)
{
    switch (s)
    {
    case FullTcpCaState::OPEN:
        return "Open";
    case FullTcpCaState::DISORDER:
        return "Disorder";
    case FullTcpCaState::CWR:
        return "CWR";
    case FullTcpCaState::RECOVERY:
        return "Recovery";
    case FullTcpCaState::LOSS:
        return "Loss";
    }
    return "INVALID_CA_STATE";
}

std::ostream&
operator<<(std::ostream& os, FullTcpCaState s)
{
    return os << FullTcpCaStateName(s);
}

double
FullTcpRateSample::BytesPerSecond() const
{
    return interval.IsStrictlyPositive() ? delivered / interval.GetSeconds() : 0;
}

std::string
FullTcpCongestionControl::Configure(const FullTcpConfig&)
{
    return "";
}

bool
FullTcpCongestionControl::SetsPacingRate() const
{
    return false;
}

void
FullTcpCongestionControl::OnAckSample(FullTcpCongestionState&,
                                      const FullTcpAckSample&,
                                      const FullTcpCongestionContext&)
{
}

void
FullTcpCongestionControl::OnStateChange(FullTcpCongestionState&,
                                        FullTcpCaState,
                                        FullTcpCaState,
                                        const FullTcpCongestionContext&)
{
}

uint32_t
FullTcpCongestionControl::UndoCwnd(const FullTcpCongestionState& state,
                                   uint32_t priorCwnd,
                                   const FullTcpCongestionContext&)
{
    // Linux tcp_reno_undo_cwnd(): max(cwnd, prior_cwnd).
    return std::max(state.cwnd, priorCwnd);
}

void
FullTcpCongestionControl::OnEcn(FullTcpCongestionState&,
                                FullTcpEcnSignal,
                                const FullTcpCongestionContext&)
{
}

void
FullTcpCongestionControl::PreTransmit(FullTcpCongestionState&,
                                      const FullTcpTransmission&,
                                      const FullTcpCongestionContext&)
{
}

void
FullTcpCongestionControl::PostTransmit(FullTcpCongestionState&,
                                       const FullTcpTransmission&,
                                       const FullTcpCongestionContext&)
{
}

} // namespace ns3
