/*
 * Congestion: CUBIC window (RFC 9438 §4), HyStart (Linux tcp_cubic.c), HyStart++ (RFC 9406)
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fulltcp-cubic.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FullTcpCubic");

FULLTCP_REGISTER_CONGESTION_CONTROL(FullTcpCubic, FullTcpCubic::NAME);

namespace
{

/// α_cubic = 3(1 − β)/(1 + β) (RFC 9438 §4.3; Linux beta_scale = 8·(1024 + beta) /
/// 3 / (1024 − beta) is 8/α_cubic).
constexpr double ALPHA_CUBIC = 3 * (1 - FullTcpCubic::BETA) / (1 + FullTcpCubic::BETA);

// Linux HyStart (tcp_cubic.c module parameters and constants).
/// hystart_low_window = 16 packets: HyStart waits for cwnd to reach it.
constexpr uint32_t HYSTART_LOW_WINDOW = 16;
/// hystart_ack_delta_us = 2000: ACKs closer than 2 ms belong to one train.
const Time HYSTART_ACK_DELTA = MicroSeconds(2000);
/// HYSTART_MIN_SAMPLES = 8 RTT samples per round before the delay test.
constexpr uint32_t HYSTART_MIN_SAMPLES = 8;
/// HYSTART_DELAY_MIN = 4 ms, HYSTART_DELAY_MAX = 16 ms: the clamp of delay_min / 8.
const Time HYSTART_DELAY_MIN = MilliSeconds(4);
const Time HYSTART_DELAY_MAX = MilliSeconds(16); //!< see HYSTART_DELAY_MIN
/// Linux discards delay samples for HZ (one second) after an epoch starts (cubictcp_acked()).
const Time HYSTART_DISCARD_AFTER_EPOCH = Seconds(1);

// HyStart++ (RFC 9406 §4.3 constants).
const Time MIN_RTT_THRESH = MilliSeconds(4);  //!< MIN_RTT_THRESH = 4 ms
const Time MAX_RTT_THRESH = MilliSeconds(16); //!< MAX_RTT_THRESH = 16 ms
constexpr int64_t MIN_RTT_DIVISOR = 8;        //!< MIN_RTT_DIVISOR = 8
constexpr uint32_t N_RTT_SAMPLE = 8;          //!< N_RTT_SAMPLE = 8
constexpr uint32_t CSS_GROWTH_DIVISOR = 4;    //!< CSS_GROWTH_DIVISOR = 4
constexpr uint32_t CSS_ROUNDS = 5;            //!< CSS_ROUNDS = 5
/// L = 8 for a sender that does not pace (RFC 9406 §4.2): slow start adds at most L·SMSS
/// per ACK. FullTcp does not pace.
constexpr uint32_t HYSTART_PP_L = 8;

/// The names of FullTcpCubic::Hystart, in declaration order.
const char* const HYSTART_NAMES[] = {"Linux", "HyStart++", "None"};

} // namespace

std::vector<std::string>
FullTcpCubic::HystartNames()
{
    return {std::begin(HYSTART_NAMES), std::end(HYSTART_NAMES)};
}

std::optional<FullTcpCubic::Hystart>
FullTcpCubic::HystartFromName(const std::string& name)
{
    for (size_t i = 0; i < std::size(HYSTART_NAMES); ++i)
    {
        if (name == HYSTART_NAMES[i])
        {
            return static_cast<Hystart>(i);
        }
    }
    return std::nullopt;
}

std::string
FullTcpCubic::UnknownHystartError(const std::string& name)
{
    std::string known;
    for (const char* n : HYSTART_NAMES)
    {
        known += (known.empty() ? "" : ", ") + std::string(n);
    }
    return "unknown CUBIC HyStart \"" + name + "\" (known: " + known + ")";
}

std::string
FullTcpCubic::GetName() const
{
    return NAME;
}

std::string
FullTcpCubic::Configure(const FullTcpConfig& config)
{
    const auto hystart = HystartFromName(config.cubicHystart);
    if (!hystart)
    {
        return UnknownHystartError(config.cubicHystart);
    }
    m_hystart = *hystart;
    return "";
}

FullTcpCubic::Hystart
FullTcpCubic::GetHystart() const
{
    return m_hystart;
}

double
FullTcpCubic::GetWMax() const
{
    return m_wMax;
}

double
FullTcpCubic::GetK() const
{
    return m_k;
}

std::optional<Time>
FullTcpCubic::GetEpochStart() const
{
    return m_epochStart;
}

bool
FullTcpCubic::InConservativeSlowStart() const
{
    return m_cssBaselineMinRtt.has_value();
}

void
FullTcpCubic::OnAck(FullTcpCongestionState& state,
                    uint32_t acked,
                    const FullTcpCongestionContext& ctx)
{
    // RFC 9438 §5.8 (application-limited flows): cwnd does not grow unless the flight
    // filled it. Linux tcp_is_cwnd_limited(): in slow start the window may grow to twice
    // what was in flight; in congestion avoidance the flight must have filled cwnd. The
    // flight before this ACK stands for Linux's max_packets_out of the round (what Linux
    // before 3.16 passed to cong_avoid as prior in_flight); "full" means no room for
    // another full-sized segment.
    const uint64_t priorInFlight = uint64_t {ctx.bytesInFlight} + acked;
    const bool slowStart = state.cwnd < state.ssthresh;
    const bool cwndLimited = ctx.cwndLimited.value_or(
        slowStart ? state.cwnd < 2 * priorInFlight : priorInFlight + ctx.smss > state.cwnd);
    if (!cwndLimited)
    {
        return;
    }
    if (slowStart)
    {
        uint32_t room = acked;
        if (m_cssBaselineMinRtt)
        {
            // RFC 9406 §4.2, Conservative Slow Start: cwnd += min(N, L·SMSS) /
            // CSS_GROWTH_DIVISOR.
            state.cwnd += std::min(acked, HYSTART_PP_L * ctx.smss) / CSS_GROWTH_DIVISOR;
            return;
        }
        if (m_hystart == Hystart::HYSTART_PLUS_PLUS && !m_lossSeen)
        {
            room = std::min(acked, HYSTART_PP_L * ctx.smss); // RFC 9406 §4.2
        }
        // Linux tcp_slow_start(): cwnd grows by the bytes acknowledged up to ssthresh, and
        // what is left of them counts in congestion avoidance.
        const uint32_t grown = std::min<uint64_t>(uint64_t {state.cwnd} + room, state.ssthresh);
        const uint32_t used = grown - state.cwnd;
        state.cwnd = grown;
        if (state.cwnd < state.ssthresh || used >= acked)
        {
            return;
        }
        acked -= used;
    }
    CongestionAvoidance(state, acked, ctx);
}

double
FullTcpCubic::WCubic(double t, uint32_t smss) const
{
    // RFC 9438 §4.2 Figure 1, in segments, then in bytes.
    const double d = t - m_k;
    return m_origin + C * d * d * d * smss;
}

void
FullTcpCubic::CongestionAvoidance(FullTcpCongestionState& state,
                                  uint32_t acked,
                                  const FullTcpCongestionContext& ctx)
{
    const double cwnd = state.cwnd;
    if (!m_epochStart)
    {
        // RFC 9438 §4.2: the epoch starts with the first ACK of congestion avoidance
        // (Linux bictcp_update(), epoch_start == 0).
        m_epochStart = ctx.now;
        m_wEst = cwnd; // §4.3: W_est = cwnd_epoch (Linux tcp_cwnd = cwnd)
        m_carry = 0;
        if (m_wMax <= cwnd)
        {
            // §4.8 after a timeout, §4.10 after a slow start that ended without a loss,
            // and a window already beyond W_max: K = 0, W_max = cwnd_epoch (Linux:
            // last_max_cwnd <= cwnd gives bic_K = 0, bic_origin_point = cwnd).
            m_k = 0;
            m_origin = cwnd;
        }
        else
        {
            // §4.2: K = cbrt((W_max − cwnd_epoch) / C), in segments. Linux computes the
            // same with cube_factor = 2^40 / (bic_scale · 10) and cubic_root().
            m_k = std::cbrt((m_wMax - cwnd) / ctx.smss / C);
            m_origin = m_wMax;
        }
    }
    const double t = (ctx.now - *m_epochStart).GetSeconds();

    // §4.3 Reno-friendly region: W_est grows by α_cubic segments per window acknowledged,
    // and by one segment (α = 1, Reno's AIMD(1, 0.5)) once it reached cwnd_prior. Linux
    // keeps α_cubic throughout (its ack_cnt / tcp_cwnd count, beta_scale).
    const double alpha = m_wEst >= m_cwndPrior ? 1.0 : ALPHA_CUBIC;
    m_wEst += alpha * acked * ctx.smss / cwnd;
    if (WCubic(t, ctx.smss) < m_wEst)
    {
        // §4.3: "cwnd SHOULD be set to W_est". Never below cwnd: only a congestion event
        // lowers it (the cubic target may have carried cwnd past W_est).
        state.cwnd = static_cast<uint32_t>(std::max(cwnd, std::floor(m_wEst)));
        return;
    }
    // §4.4-§4.5 concave and convex regions: target = W_cubic(t + RTT), clamped to
    // [cwnd, 1.5·cwnd]; cwnd grows by (target − cwnd) / cwnd per segment acknowledged.
    // RTT is the smoothed RTT as the RFC says; Linux adds delay_min (the minimum RTT)
    // instead, and grows by one packet per cnt = cwnd / (target − cwnd) packets, at most
    // one per two (cnt >= 2, the same 1.5·cwnd bound).
    const double rtt = ctx.srtt.GetSeconds();
    const double target = std::clamp(WCubic(t + rtt, ctx.smss), cwnd, 1.5 * cwnd);
    const double growth = (target - cwnd) * acked / cwnd + m_carry;
    const double whole = std::floor(growth);
    m_carry = growth - whole;
    state.cwnd += static_cast<uint32_t>(whole);
}

uint32_t
FullTcpCubic::SsThreshAfterLoss(const FullTcpCongestionState& state,
                                const FullTcpCongestionContext& ctx)
{
    // RFC 9438 §4.9: remember the state, to restore it if the event proves spurious. A
    // timeout during fast recovery belongs to the event that started the recovery (Linux
    // keeps prior_cwnd from tcp_enter_recovery() then).
    if (ctx.caState != FullTcpCaState::RECOVERY)
    {
        m_prior = Prior {m_wMax, m_cwndPrior, m_epochStart, m_k, m_origin, m_wEst};
    }
    // Linux bictcp_recalc_ssthresh(). The epoch ends (RFC 9438 §4.6 "the current
    // congestion avoidance stage" ends with the event).
    m_epochStart.reset();
    m_lossSeen = true;
    m_cssBaselineMinRtt.reset();
    const double cwnd = state.cwnd;
    // §4.7 fast convergence: a loss before the previous W_max was reached means another
    // flow took bandwidth: W_max = cwnd·(1 + β)/2. Otherwise W_max = cwnd (§4.6).
    m_wMax = cwnd < m_wMax ? cwnd * (1 + BETA) / 2 : cwnd;
    m_cwndPrior = cwnd;
    // §4.6: ssthresh = cwnd·β_cubic, at least 2 segments (Linux: max(cwnd·beta/1024, 2)).
    // The RFC writes flight_size·β and allows cwnd when cwnd cannot outgrow the flight,
    // which the cwnd-limited check in OnAck() ensures (RFC 9438 §4.6, §5.8).
    // Rounded to the byte (0.7·11000 is 7699.999... in binary floating point).
    return std::max(static_cast<uint32_t>(std::lround(cwnd * BETA)), 2 * ctx.smss);
}

void
FullTcpCubic::OnStateChange(FullTcpCongestionState&,
                            FullTcpCaState,
                            FullTcpCaState to,
                            const FullTcpCongestionContext& ctx)
{
    if (to != FullTcpCaState::LOSS)
    {
        return;
    }
    // RFC 9438 §4.8: after a timeout the next congestion avoidance starts a new epoch with
    // K = 0 and W_max = cwnd_epoch. Linux cubictcp_state(TCP_CA_Loss): bictcp_reset()
    // (last_max_cwnd = 0, epoch_start = 0, found = 0) and bictcp_hystart_reset().
    m_epochStart.reset();
    m_wMax = 0;
    m_found = false;
    LinuxHystartReset(ctx);
}

uint32_t
FullTcpCubic::UndoCwnd(const FullTcpCongestionState& state,
                       uint32_t priorCwnd,
                       const FullTcpCongestionContext&)
{
    // RFC 9438 §4.9: after a spurious congestion event CUBIC restores the state it had
    // before it (W_max, cwnd_prior, the epoch, K, W_est) and cwnd. Linux (since 4.13)
    // restores only cwnd, with tcp_reno_undo_cwnd(), and keeps the reduced last_max_cwnd.
    m_wMax = m_prior.wMax;
    m_cwndPrior = m_prior.cwndPrior;
    m_epochStart = m_prior.epochStart;
    m_k = m_prior.k;
    m_origin = m_prior.origin;
    m_wEst = m_prior.wEst;
    return std::max(state.cwnd, priorCwnd);
}

void
FullTcpCubic::PreTransmit(FullTcpCongestionState&,
                          const FullTcpTransmission&,
                          const FullTcpCongestionContext& ctx)
{
    // RFC 9438 §5.8: an idle period must not count in t. Linux cubictcp_cwnd_event(
    // CA_EVENT_TX_START), sent when data leaves with nothing in flight: the epoch moves
    // forward by the time since the last transmission, at most to now.
    if (ctx.flightSize == 0 && m_epochStart && m_lastSend && ctx.now > *m_lastSend)
    {
        m_epochStart = std::min(ctx.now, *m_epochStart + (ctx.now - *m_lastSend));
    }
    m_lastSend = ctx.now;
}

void
FullTcpCubic::OnAckSample(FullTcpCongestionState& state,
                          const FullTcpAckSample& sample,
                          const FullTcpCongestionContext& ctx)
{
    if (!sample.rtt)
    {
        return; // Linux cubictcp_acked(): "duplicates without timestamps"
    }
    if (m_hystart == Hystart::HYSTART_PLUS_PLUS)
    {
        if (!m_lossSeen && state.cwnd < state.ssthresh)
        {
            HystartPlusPlus(state, sample, ctx);
        }
        return;
    }
    // Linux cubictcp_acked(): no delay samples within a second of an epoch's start (the
    // queue of a fast recovery still drains).
    if (m_epochStart && ctx.now - *m_epochStart < HYSTART_DISCARD_AFTER_EPOCH)
    {
        return;
    }
    const Time delay = std::max(*sample.rtt, MicroSeconds(1));
    if (m_delayMin.IsZero() || m_delayMin > delay)
    {
        m_delayMin = delay;
    }
    if (m_hystart == Hystart::LINUX && !m_found && state.cwnd < state.ssthresh)
    {
        LinuxHystart(state, delay, ctx);
    }
}

void
FullTcpCubic::LinuxHystartReset(const FullTcpCongestionContext& ctx)
{
    m_roundStart = ctx.now;
    m_lastAck = ctx.now;
    m_endSeq = ctx.sndNxt;
    m_currRtt.reset();
    m_sampleCnt = 0;
}

void
FullTcpCubic::LinuxHystart(FullTcpCongestionState& state,
                           Time delay,
                           const FullTcpCongestionContext& ctx)
{
    // Linux hystart_update() with hystart_detect = 3 (HYSTART_ACK_TRAIN | HYSTART_DELAY).
    if (ctx.sndUna > m_endSeq)
    {
        LinuxHystartReset(ctx); // a new round: after(snd_una, end_seq)
    }
    if (state.cwnd < HYSTART_LOW_WINDOW * ctx.smss)
    {
        return;
    }
    // ACK train: ACKs at most 2 ms apart since the round began, spanning more than half
    // the minimum RTT, mean the pipe is full. Linux adds hystart_ack_delay() for pacing
    // and TSO; FullTcp neither paces nor aggregates, where that cushion is 0, and the
    // threshold is halved as for SK_PACING_NONE.
    if (ctx.now - m_lastAck <= HYSTART_ACK_DELTA)
    {
        m_lastAck = ctx.now;
        if (ctx.now - m_roundStart > m_delayMin / 2)
        {
            NS_LOG_LOGIC("HyStart: ACK train at cwnd " << state.cwnd);
            m_found = true;
            state.ssthresh = state.cwnd;
            return;
        }
    }
    // Delay increase: the round's smallest RTT, after HYSTART_MIN_SAMPLES samples, exceeds
    // delay_min by delay_min / 8 clamped to [4 ms, 16 ms].
    if (!m_currRtt || *m_currRtt > delay)
    {
        m_currRtt = delay;
    }
    if (m_sampleCnt < HYSTART_MIN_SAMPLES)
    {
        ++m_sampleCnt;
        return;
    }
    const Time threshold = std::clamp(m_delayMin / 8, HYSTART_DELAY_MIN, HYSTART_DELAY_MAX);
    if (*m_currRtt > m_delayMin + threshold)
    {
        NS_LOG_LOGIC("HyStart: delay increase at cwnd " << state.cwnd);
        m_found = true;
        state.ssthresh = state.cwnd;
    }
}

void
FullTcpCubic::HystartPlusPlus(FullTcpCongestionState& state,
                              const FullTcpAckSample& sample,
                              const FullTcpCongestionContext& ctx)
{
    // RFC 9406 §4.2. A round ends when SND.UNA passes windowEnd, SND.NXT at its start.
    if (ctx.sndUna >= m_windowEnd)
    {
        m_windowEnd = ctx.sndNxt;
        m_lastRoundMinRtt = m_currentRoundMinRtt;
        m_currentRoundMinRtt.reset();
        m_rttSampleCount = 0;
        if (m_cssBaselineMinRtt && ++m_cssRounds >= CSS_ROUNDS)
        {
            // CSS_ROUNDS rounds of CSS: "enter congestion avoidance by setting the
            // ssthresh to the current cwnd".
            NS_LOG_LOGIC("HyStart++: congestion avoidance at cwnd " << state.cwnd);
            m_cssBaselineMinRtt.reset();
            m_lossSeen = true; // the first slow start is over
            state.ssthresh = state.cwnd;
            return;
        }
    }
    if (!m_currentRoundMinRtt || *m_currentRoundMinRtt > *sample.rtt)
    {
        m_currentRoundMinRtt = sample.rtt;
    }
    ++m_rttSampleCount;
    if (m_rttSampleCount < N_RTT_SAMPLE || !m_currentRoundMinRtt)
    {
        return;
    }
    if (m_cssBaselineMinRtt)
    {
        if (*m_currentRoundMinRtt < *m_cssBaselineMinRtt)
        {
            // The delay increase was spurious: back to slow start.
            NS_LOG_LOGIC("HyStart++: back to slow start at cwnd " << state.cwnd);
            m_cssBaselineMinRtt.reset();
        }
        return;
    }
    if (!m_lastRoundMinRtt)
    {
        return;
    }
    // RttThresh = max(MIN_RTT_THRESH, min(lastRoundMinRTT / MIN_RTT_DIVISOR, MAX_RTT_THRESH))
    const Time rttThresh =
        std::max(MIN_RTT_THRESH, std::min(*m_lastRoundMinRtt / MIN_RTT_DIVISOR, MAX_RTT_THRESH));
    if (*m_currentRoundMinRtt >= *m_lastRoundMinRtt + rttThresh)
    {
        NS_LOG_LOGIC("HyStart++: Conservative Slow Start at cwnd " << state.cwnd);
        m_cssBaselineMinRtt = m_currentRoundMinRtt;
        m_cssRounds = 0;
    }
}

} // namespace ns3
