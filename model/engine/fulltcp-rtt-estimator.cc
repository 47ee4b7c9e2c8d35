/*
 * Engine: RFC 6298 §2.2-§2.5 arithmetic: first sample, alpha 1/8, beta 1/4, floor and cap
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-rtt-estimator.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpRttEstimator");

FullTcpRttEstimator::FullTcpRttEstimator() :
    FullTcpRttEstimator(Seconds(1), Seconds(1), Seconds(60), MilliSeconds(1))
{
}

FullTcpRttEstimator::FullTcpRttEstimator(Time initialRto,
                                         Time minRto,
                                         Time maxRto,
                                         Time granularity) :
    m_initialRto(initialRto),
    m_minRto(minRto), m_maxRto(maxRto), m_granularity(granularity)
{
}

void
FullTcpRttEstimator::Sample(Time rtt)
{
    if (rtt.IsStrictlyNegative())
    {
        return;
    }
    const int64_t r = rtt.GetNanoSeconds();
    m_latest = r;
    if (!m_hasSample)
    {
        // §2.2: "SRTT <- R, RTTVAR <- R/2".
        m_hasSample = true;
        m_srtt = r;
        m_rttvar = r / 2;
        m_minRtt = r;
        return;
    }
    // §2.3 with alpha = 1/8, beta = 1/4; RTTVAR is updated with the old SRTT:
    // "RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|, SRTT <- (1 - alpha) * SRTT +
    // alpha * R'".
    m_rttvar = m_rttvar - m_rttvar / 4 + std::llabs(m_srtt - r) / 4;
    m_srtt = m_srtt - m_srtt / 8 + r / 8;
    m_minRtt = std::min(m_minRtt, r);
}

void
FullTcpRttEstimator::SetInitialRto(Time rto)
{
    m_initialRto = rto;
}

Time
FullTcpRttEstimator::GetRto() const
{
    if (!m_hasSample)
    {
        return std::min(m_initialRto, m_maxRto);
    }
    // §2.3 "RTO <- SRTT + max (G, K*RTTVAR) where K = 4", §2.4 the minimum, §2.5 the cap.
    const Time rto = NanoSeconds(m_srtt) + std::max(m_granularity, NanoSeconds(4 * m_rttvar));
    return std::min(std::max(rto, m_minRto), m_maxRto);
}

bool
FullTcpRttEstimator::HasSample() const
{
    return m_hasSample;
}

Time
FullTcpRttEstimator::GetSrtt() const
{
    return NanoSeconds(m_srtt);
}

Time
FullTcpRttEstimator::GetRttVar() const
{
    return NanoSeconds(m_rttvar);
}

Time
FullTcpRttEstimator::GetMinRtt() const
{
    return NanoSeconds(m_minRtt);
}

Time
FullTcpRttEstimator::GetLatestRtt() const
{
    return NanoSeconds(m_latest);
}

} // namespace ns3
