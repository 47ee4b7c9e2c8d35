/*
 * Engine: pacing, Linux's internal pacing (tcp_update_pacing_rate(), tcp_pacing_check(), EDT)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-pacer.h"

#include "ns3/fulltcp-connection.h"

#include <algorithm>

namespace ns3
{

const FullTcpTimer FullTcpPacer::PACING = FullTcpTimer::Register("PACING", &FullTcpPacer::Expired);

void
FullTcpPacer::Configure(const FullTcpConfig& config, bool algorithmPaces)
{
    m_configured = config.pacing;
    m_algorithmPaces = algorithmPaces;
    m_ssRatio = config.pacingSsRatio;
    m_caRatio = config.pacingCaRatio;
    // Linux's sk_max_pacing_rate is ~0 until SO_MAX_PACING_RATE sets it.
    m_maxRate = config.maxPacingRate == 0 ? UNLIMITED : config.maxPacingRate;
    m_rate = m_maxRate;
}

bool
FullTcpPacer::Active() const
{
    // Linux paces inside TCP when sk_pacing_status is SK_PACING_NEEDED: set by an algorithm
    // (bbr_init()) or by SO_MAX_PACING_RATE; here also by FullTcpConfig::pacing.
    return m_configured || m_algorithmPaces;
}

uint64_t
FullTcpPacer::LinuxRate(uint32_t cwnd, uint32_t ssthresh, uint32_t flightSize, Time srtt) const
{
    // tcp_update_pacing_rate(): rate = mss * ((USEC_PER_SEC / 100) << 3), times the ratio in
    // percent (tcp_pacing_ss_ratio while snd_cwnd < snd_ssthresh / 2, "approaching end of slow
    // start" after that: tcp_pacing_ca_ratio), times max(snd_cwnd, packets_out), divided by
    // srtt_us (eight times the SRTT in microseconds) when there is one. cwnd and packets_out
    // count segments of mss there; cwnd and FlightSize are bytes here, the same product.
    const uint32_t ratio = cwnd < ssthresh / 2 ? m_ssRatio : m_caRatio;
    unsigned __int128 rate = static_cast<unsigned __int128>(std::max(cwnd, flightSize));
    rate *= (1000000 / 100) << 3;
    rate *= ratio;
    const int64_t srtt8 = srtt.GetNanoSeconds() * 8 / 1000; // tp->srtt_us
    if (srtt8 > 0)
    {
        rate /= static_cast<uint64_t>(srtt8);
    }
    return rate > UNLIMITED ? UNLIMITED : static_cast<uint64_t>(rate);
}

void
FullTcpPacer::UpdateRate(const FullTcpCongestionState& cc, uint32_t flightSize, Time srtt)
{
    if (m_algorithmPaces)
    {
        // The algorithm's cong_control wrote sk_pacing_rate (bbr_set_pacing_rate() caps it by
        // sk_max_pacing_rate itself); 0: it has not yet, the rate stays unlimited.
        m_rate = cc.pacingRate == 0 ? m_maxRate : std::min(cc.pacingRate, m_maxRate);
        return;
    }
    // WRITE_ONCE(sk->sk_pacing_rate, min_t(u64, rate, sk->sk_max_pacing_rate)).
    m_rate = std::min(LinuxRate(cc.cwnd, cc.ssthresh, flightSize, srtt), m_maxRate);
}

uint64_t
FullTcpPacer::GetRate() const
{
    return m_rate;
}

std::optional<Time>
FullTcpPacer::HeldUntil(Time now) const
{
    // tcp_pacing_check(): "if (tp->tcp_wstamp_ns <= tp->tcp_clock_cache) return false".
    if (!Active() || m_departure <= now)
    {
        return std::nullopt;
    }
    return m_departure;
}

void
FullTcpPacer::Sent(uint32_t dataBytes, Time now)
{
    if (!Active())
    {
        return;
    }
    // __tcp_transmit_skb(): prior_wstamp = tcp_wstamp_ns; tcp_wstamp_ns = max(tcp_wstamp_ns,
    // tcp_clock_cache); data_segs_out counts segments that carry data.
    const Time prior = m_departure;
    m_departure = std::max(m_departure, now);
    if (dataBytes > 0)
    {
        ++m_dataSegsOut;
    }
    // tcp_update_skb_after_send(): "Original sch_fq does not pace first 10 MSS"; then len_ns =
    // len * NSEC_PER_SEC / rate, less min(len_ns / 2, tcp_wstamp_ns - prior_wstamp) "to take
    // into account OS jitter".
    if (m_rate == UNLIMITED || m_rate == 0 || m_dataSegsOut < UNPACED_SEGMENTS)
    {
        return;
    }
    uint64_t lenNs = static_cast<uint64_t>(dataBytes) * 1000000000ULL / m_rate;
    const auto credit = static_cast<uint64_t>((m_departure - prior).GetNanoSeconds());
    lenNs -= std::min(lenNs / 2, credit);
    m_departure += NanoSeconds(static_cast<int64_t>(lenNs));
}

std::optional<Time>
FullTcpPacer::TimerDelay(Time now, bool waiting, std::optional<Time> armed) const
{
    // tcp_pacing_check(): "if (!hrtimer_is_queued(&tp->pacing_timer)) hrtimer_start(...,
    // tcp_wstamp_ns)". The slot is re-armed only when the departure time moved.
    const std::optional<Time> at = HeldUntil(now);
    if (!at || !waiting || armed == at)
    {
        return std::nullopt;
    }
    return *at - now;
}

Time
FullTcpPacer::GetDepartureTime() const
{
    return m_departure;
}

void
FullTcpPacer::Expired(const FullTcpTimerExpiry& expiry)
{
    // tcp_pace_kick() -> tcp_tsq_handler() -> tcp_write_xmit(): send what the windows allow.
    expiry.connection.Output();
}

} // namespace ns3
