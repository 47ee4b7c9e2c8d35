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
FullTcpRttEstimator::SetLinux(bool on)
{
    m_linux = on;
}

void
FullTcpRttEstimator::Sample(Time rtt)
{
    Sample(rtt, 0, 0);
}

void
FullTcpRttEstimator::Sample(Time rtt, int64_t sndUna, int64_t sndNxt)
{
    if (rtt.IsStrictlyNegative())
    {
        return;
    }
    if (m_linux)
    {
        LinuxSample(rtt.GetNanoSeconds(), sndUna, sndNxt);
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
FullTcpRttEstimator::LinuxSample(int64_t m, int64_t sndUna, int64_t sndNxt)
{
    // Linux tcp_rtt_estimator(), in nanoseconds where Linux counts microseconds (SRTT is
    // kept unscaled here; Linux's srtt_us is 8 x SRTT).
    const int64_t rtoMin = m_minRto.GetNanoSeconds();
    m_latest = m;
    if (!m_hasSample)
    {
        // "no previous measure": SRTT = m, mdev = 2m ("make sure rto = 3*rtt").
        m_hasSample = true;
        m_srtt = m;
        m_minRtt = m;
        m_mdev = 2 * m;
        m_linuxVar = std::max(m_mdev, rtoMin);
        m_mdevMax = m_linuxVar;
        m_rttSeq = sndNxt;
        return;
    }
    m_minRtt = std::min(m_minRtt, m);
    int64_t err = m - m_srtt;
    m_srtt += err / 8; // "rtt = 7/8 rtt + 1/8 new"
    if (err < 0)
    {
        // A smaller RTT moves mdev with gain 1/32, not 1/4: "This is similar to one of Eifel
        // findings ... prevents growth of rto, but also it limits too fast rto decreases".
        err = -err - m_mdev / 4;
        if (err > 0)
        {
            err /= 8;
        }
    }
    else
    {
        err -= m_mdev / 4;
    }
    m_mdev += err; // "mdev = 3/4 mdev + 1/4 new"
    if (m_mdev > m_mdevMax)
    {
        m_mdevMax = m_mdev;
        m_linuxVar = std::max(m_linuxVar, m_mdevMax);
    }
    if (sndUna > m_rttSeq)
    {
        // A window of data later: rttvar decays towards this window's largest mdev, which
        // restarts from TCP_RTO_MIN.
        if (m_mdevMax < m_linuxVar)
        {
            m_linuxVar -= (m_linuxVar - m_mdevMax) / 4;
        }
        m_rttSeq = sndNxt;
        m_mdevMax = rtoMin;
    }
    m_srtt = std::max<int64_t>(m_srtt, 1);
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
    if (m_linux)
    {
        // Linux __tcp_set_rto(): SRTT + rttvar, in whole jiffies (usecs_to_jiffies() rounds
        // up); tcp_bound_rto() caps it.
        const int64_t g = std::max<int64_t>(m_granularity.GetNanoSeconds(), 1);
        const int64_t rto = (m_srtt + m_linuxVar + g - 1) / g * g;
        return std::min(NanoSeconds(rto), m_maxRto);
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
    // Linux's tcpi_rttvar is mdev / 4, the mean deviation.
    return NanoSeconds(m_linux ? m_mdev / 4 : m_rttvar);
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
